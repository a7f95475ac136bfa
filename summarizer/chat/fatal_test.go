package chat

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"

	openai "github.com/sashabaranov/go-openai"
)

func TestFatal(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"unauthorized", &APIError{Status: 401}, true},
		{"forbidden", fmt.Errorf("wrapped: %w", &APIError{Status: 403}), true},
		{"no such model", &APIError{Status: 404}, true},
		{"quota", &APIError{Status: 429, Code: "insufficient_quota"}, true},
		{"refused before sending", fmt.Errorf("chat completion: %w", openai.ErrReasoningModelMaxTokensDeprecated), true},
		{"rate limited", &APIError{Status: 429}, false},
		{"server error", &APIError{Status: 503}, false},
		{"bad request", &APIError{Status: 400}, false},
		{"timeout", context.DeadlineExceeded, false},
		{"malformed", ErrMalformed, false},
		{"other", errors.New("x"), false},
		{"no such host", fmt.Errorf("dial: %w", &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}}), true},
		{"certificate", fmt.Errorf("tls: %w", x509.UnknownAuthorityError{}), true},
		{"connection refused", fmt.Errorf("dial: %w", syscall.ECONNREFUSED), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fatal(tt.err); got != tt.want {
				t.Errorf("Fatal(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	if !Unreachable(fmt.Errorf("dial tcp: %w", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED})) {
		t.Error("a refused connection is not Unreachable")
	}
	if Unreachable(&APIError{Status: 503}) {
		t.Error("a 503 is Unreachable")
	}
}

func TestKeyRedactedBeforeTheErrorIsCut(t *testing.T) {
	const key = "sk-test-0123456789abcdefghijklmnop"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		// A proxy's error page that echoes the header, with the key across the cut.
		io.WriteString(w, strings.Repeat("x", 290)+" "+r.Header.Get("Authorization")+" tail")
	}))
	defer ts.Close()
	c, err := NewOpenAI(OpenAIOptions{BaseURL: ts.URL + "/v1", APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Complete(context.Background(), Request{Model: "m", Messages: []Message{{Role: "user", Content: "x"}}})
	if err == nil {
		t.Fatal("a 502 succeeded")
	}
	for _, part := range []string{key, key[:10], "0123456789"} {
		if strings.Contains(err.Error(), part) {
			t.Errorf("error %q shows %q of the key", err, part)
		}
	}
}
