package chat

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"
)

func ptr[T any](v T) *T { return &v }

// wireBody returns the JSON body of the only request srv received, decoded.
func wireBody(t testing.TB, srv *fakeopenai.Server) map[string]any {
	t.Helper()
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	var m map[string]any
	if err := json.Unmarshal(reqs[0].Raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestOpenAIWire(t *testing.T) {
	base := Request{Model: "fake-model", Messages: []Message{{Role: "system", Content: "Be brief. JSON."}, {Role: "user", Content: "Hi"}}}
	with := func(f func(*Request)) Request {
		r := base
		f(&r)
		return r
	}
	tests := []struct {
		name string
		opts OpenAIOptions
		req  Request
		want map[string]any // fields that must be on the wire; nil value: must be absent
	}{
		{"plain", OpenAIOptions{}, base, map[string]any{
			"model": "fake-model", "temperature": nil, "seed": nil, "max_tokens": nil, "response_format": nil,
			"messages": []any{map[string]any{"role": "system", "content": "Be brief. JSON."}, map[string]any{"role": "user", "content": "Hi"}},
		}},
		{"temperature 0 is sent", OpenAIOptions{}, with(func(r *Request) { r.Temperature = ptr[float32](0) }),
			map[string]any{"temperature": 1e-6}},
		{"temperature 0.5", OpenAIOptions{}, with(func(r *Request) { r.Temperature = ptr[float32](0.5) }),
			map[string]any{"temperature": 0.5}},
		{"seed", OpenAIOptions{}, with(func(r *Request) { r.Seed = ptr(42) }), map[string]any{"seed": 42.0}},
		{"max_tokens", OpenAIOptions{}, with(func(r *Request) { r.MaxTokens = 300 }),
			map[string]any{"max_tokens": 300.0, "max_completion_tokens": nil}},
		{"max_completion_tokens", OpenAIOptions{MaxTokensField: "max_completion_tokens"}, with(func(r *Request) { r.MaxTokens = 300 }),
			map[string]any{"max_tokens": nil, "max_completion_tokens": 300.0}},
		{"reasoning model picks max_completion_tokens", OpenAIOptions{}, with(func(r *Request) { r.MaxTokens = 300; r.Model = "o3-mini" }),
			map[string]any{"max_tokens": nil, "max_completion_tokens": 300.0}},
		{"json_schema", OpenAIOptions{}, with(func(r *Request) { r.Schema = sectionSchema }),
			map[string]any{"response_format": map[string]any{"type": "json_schema", "json_schema": map[string]any{
				"name": "section", "strict": true, "schema": mustDecode(t, sectionSchema.Schema)}}}},
		{"json_object", OpenAIOptions{}, with(func(r *Request) { r.Schema = sectionSchema; r.Format = FormatJSONObject }),
			map[string]any{"response_format": map[string]any{"type": "json_object"}}},
		{"instructions", OpenAIOptions{}, with(func(r *Request) { r.Schema = sectionSchema; r.Format = FormatInstructions }),
			map[string]any{"response_format": nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New()
			defer srv.Close()
			c := newOpenAI(t, srv, tt.opts)
			resp, err := c.Complete(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Usage.Requests != 1 || resp.Usage.PromptTokens == 0 || resp.Usage.CompletionTokens == 0 {
				t.Errorf("usage %+v, want one request with token counts", resp.Usage)
			}
			if resp.FinishReason != "stop" || resp.Content == "" {
				t.Errorf("response %+v, want content and stop", resp)
			}
			body := wireBody(t, srv)
			for k, want := range tt.want {
				got, ok := body[k]
				if want == nil {
					if ok {
						t.Errorf("%s = %v on the wire, want absent", k, got)
					}
					continue
				}
				if f, isF := got.(float64); isF && k == "temperature" {
					got = float64(float32(f)) // float32 on the wire
					want = float64(float32(want.(float64)))
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", k, diff)
				}
			}
			if _, ok := body["format"]; ok {
				t.Error("chat.Request.Format leaked onto the wire")
			}
		})
	}
}

func mustDecode(t testing.TB, raw json.RawMessage) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenAIHeaders(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithAPIKey(testKey))
	defer srv.Close()
	c := newOpenAI(t, srv, OpenAIOptions{Organization: "org-1", Headers: map[string]string{"X-Title": "summarize"}})
	if _, err := c.Complete(context.Background(), request(1)); err != nil {
		t.Fatal(err)
	}
	h := srv.Requests()[0].Header
	for k, want := range map[string]string{"Authorization": "[redacted]", "Openai-Organization": "org-1", "X-Title": "summarize", "Content-Type": "application/json"} {
		if got := h.Get(k); got != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
}

func TestOpenAIAzure(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithAPIKey(testKey))
	defer srv.Close()
	c, err := NewOpenAI(OpenAIOptions{
		BaseURL: strings.TrimSuffix(srv.URL(), "/v1"), APIKey: testKey,
		AzureAPIVersion: "2024-06-01", AzureDeployment: "summarizer-gpt4o",
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Complete(context.Background(), request(1)); err != nil {
		t.Fatal(err)
	}
	r := srv.Requests()[0]
	if r.Path != "/openai/deployments/summarizer-gpt4o/chat/completions" || r.Query != "api-version=2024-06-01" {
		t.Errorf("Azure request to %s?%s", r.Path, r.Query)
	}
	if r.Header.Get("Api-Key") != "[redacted]" || r.Header.Get("Authorization") != "" {
		t.Errorf("Azure auth headers %v, want api-key only", r.Header)
	}
}

func TestNewOpenAIOptions(t *testing.T) {
	tests := []struct {
		name string
		o    OpenAIOptions
	}{
		{"bad max field", OpenAIOptions{MaxTokensField: "max"}},
		{"azure without deployment", OpenAIOptions{BaseURL: "http://x", AzureAPIVersion: "2024-06-01"}},
		{"azure without base URL", OpenAIOptions{AzureAPIVersion: "2024-06-01", AzureDeployment: "d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewOpenAI(tt.o); err == nil {
				t.Error("NewOpenAI succeeded, want an error")
			}
		})
	}
}

func TestOpenAIErrors(t *testing.T) {
	tests := []struct {
		name       string
		reply      fakeopenai.Reply
		key        string // API key sent; the server expects testKey
		wantStatus int
		wantRetry  time.Duration
		wantIs     error
		retryable  bool
	}{
		{"429 with Retry-After", fakeopenai.RateLimited(3 * time.Second), testKey, 429, 3 * time.Second, nil, true},
		{"429 with HTTP date", fakeopenai.Reply{Status: 429, RetryAfter: "Wed, 21 Oct 2015 07:28:00 GMT"}, testKey, 429, 0, nil, true},
		{"429 quota exceeded", fakeopenai.QuotaExceeded(), testKey, 429, 0, nil, false},
		{"500", fakeopenai.ServerError(), testKey, 500, 0, nil, true},
		{"503 non-JSON body", fakeopenai.Reply{Status: 503, Raw: "<html>upstream down</html>"}, testKey, 503, 0, nil, true},
		{"400", fakeopenai.BadRequest("context_length_exceeded"), testKey, 400, 0, nil, false},
		{"401 echoing the key", fakeopenai.Reply{}, "sk-wrong-key-1234567890", 401, 0, nil, false},
		{"malformed body", fakeopenai.MalformedBody(), testKey, 0, 0, nil, true},
		{"body not an object", fakeopenai.Reply{Raw: `["no"]`}, testKey, 0, 0, ErrMalformed, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(fakeopenai.WithAPIKey(testKey), fakeopenai.WithScript(
				func(int, openai.ChatCompletionRequest) fakeopenai.Reply { return tt.reply }))
			defer srv.Close()
			c := newOpenAI(t, srv, OpenAIOptions{APIKey: tt.key})
			ctx := context.Background()
			resp, err := c.Complete(ctx, request(1))
			if err == nil {
				t.Fatal("no error")
			}
			if resp.Usage.Requests != 1 {
				t.Errorf("usage %+v, want the request counted", resp.Usage)
			}
			if strings.Contains(err.Error(), tt.key) {
				t.Errorf("error %q shows the API key", err)
			}
			var apiErr *APIError
			if tt.wantStatus != 0 {
				if !errors.As(err, &apiErr) {
					t.Fatalf("error %v (%T), want *APIError", err, err)
				}
				if apiErr.Status != tt.wantStatus || apiErr.RetryAfter != tt.wantRetry {
					t.Errorf("status %d retry after %s, want %d, %s", apiErr.Status, apiErr.RetryAfter, tt.wantStatus, tt.wantRetry)
				}
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v, want %v", err, tt.wantIs)
			}
			if got := Retryable(ctx, err); got != tt.retryable {
				t.Errorf("Retryable(%v) = %v, want %v", err, got, tt.retryable)
			}
		})
	}
}

func TestOpenAITimeoutAndCancel(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithScript(func(int, openai.ChatCompletionRequest) fakeopenai.Reply {
		return fakeopenai.Slow(time.Minute)
	}))
	defer srv.Close()

	c := newOpenAI(t, srv, OpenAIOptions{Timeout: 20 * time.Millisecond})
	ctx := context.Background()
	_, err := c.Complete(ctx, request(1))
	if !errors.Is(err, context.DeadlineExceeded) || !Retryable(ctx, err) {
		t.Errorf("per-request timeout: error %v, want a retryable DeadlineExceeded", err)
	}

	c = newOpenAI(t, srv, OpenAIOptions{})
	cctx, cancel := context.WithCancel(ctx)
	go func() {
		for srv.Count() < 2 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err = c.Complete(cctx, request(2))
	if !errors.Is(err, context.Canceled) || Retryable(cctx, err) {
		t.Errorf("cancelled: error %v, want a permanent Canceled", err)
	}
}

func TestOpenAIConnectionRefused(t *testing.T) {
	srv := fakeopenai.New()
	c := newOpenAI(t, srv, OpenAIOptions{})
	srv.Close()
	_, err := c.Complete(context.Background(), request(1))
	if err == nil || !Retryable(context.Background(), err) {
		t.Errorf("error %v, want a retryable connection error", err)
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("error %q shows the API key", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		h    http.Header
		want time.Duration
	}{
		{"none", http.Header{}, 0},
		{"seconds", http.Header{"Retry-After": {"7"}}, 7 * time.Second},
		{"fractional seconds", http.Header{"Retry-After": {"1.5"}}, 1500 * time.Millisecond},
		{"HTTP date", http.Header{"Retry-After": {now.Add(90 * time.Second).Format(http.TimeFormat)}}, 90 * time.Second},
		{"date in the past", http.Header{"Retry-After": {now.Add(-time.Minute).Format(http.TimeFormat)}}, 0},
		{"milliseconds first", http.Header{"Retry-After-Ms": {"250"}, "Retry-After": {"1"}}, 250 * time.Millisecond},
		{"garbage", http.Header{"Retry-After": {"soon"}}, 0},
		{"negative", http.Header{"Retry-After": {"-3"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRetryAfter(tt.h, now); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSecrets(t *testing.T) {
	got := secrets(OpenAIOptions{APIKey: "sk-1", Headers: map[string]string{
		"X-Api-Key": "gw-2", "Authorization": "Bearer tok-3", "X-Title": "summarize", "X-Token": "",
	}})
	if diff := cmp.Diff([]string{"gw-2", "sk-1", "tok-3"}, got, cmpSortStrings); diff != "" {
		t.Errorf("secrets (-want +got):\n%s", diff)
	}
	err := redactErr(errors.New("dial: sk-1 and gw-2 and tok-3 refused"), got...)
	if want := "dial: [redacted] and [redacted] and [redacted] refused"; err.Error() != want {
		t.Errorf("redacted %q, want %q", err, want)
	}
}

// TestRedirectToAnotherHostRefused: a redirect to another host is not followed, so the
// Azure api-key, custom headers (a gateway token) and the cable text never reach it; a
// redirect on the same host is followed with the headers.
func TestRedirectToAnotherHostRefused(t *testing.T) {
	var mu sync.Mutex
	var leaked []http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		leaked = append(leaked, r.Header.Clone())
		mu.Unlock()
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer other.Close()
	ok := fakeopenai.New(fakeopenai.WithoutAuth())
	defer ok.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := other.URL + r.URL.Path
		http.Redirect(w, r, target, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()

	headers := map[string]string{"X-Gateway-Token": "gw-SECRET-token"}
	tests := []struct {
		name string
		o    OpenAIOptions
	}{
		{"openai with a custom header", OpenAIOptions{BaseURL: redirector.URL + "/v1", APIKey: testKey, Headers: headers}},
		{"azure api-key", OpenAIOptions{BaseURL: redirector.URL, APIKey: testKey, AzureAPIVersion: "2024-10-21", AzureDeployment: "dep", Headers: headers}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewOpenAI(tt.o)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Complete(context.Background(), request(1))
			if !errors.Is(err, ErrRedirect) || !Fatal(err) {
				t.Errorf("error %v, want a refused redirect (fatal)", err)
			}
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Errorf("error %q shows the key", err)
			}
			mu.Lock()
			defer mu.Unlock()
			for _, h := range leaked {
				t.Errorf("the other host got a request with api-key %q, authorization %q, token %q",
					h.Get("Api-Key"), h.Get("Authorization"), h.Get("X-Gateway-Token"))
			}
			leaked = nil
		})
	}

	// On the same host a redirect is followed, headers and body included.
	same := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/old/") {
			http.Redirect(w, r, "/v1/"+strings.TrimPrefix(r.URL.Path, "/old/"), http.StatusPermanentRedirect)
			return
		}
		if r.Header.Get("X-Gateway-Token") != "gw-SECRET-token" {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		ok.ServeHTTP(w, r)
	}))
	defer same.Close()
	c, err := NewOpenAI(OpenAIOptions{BaseURL: same.URL + "/old", APIKey: testKey, Headers: headers})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Complete(context.Background(), request(1)); err != nil {
		t.Errorf("same-host redirect: %v", err)
	}
}

// TestRateLimitHeadersRead: the x-ratelimit-* headers of an answer, and of a 429, reach
// the Response and the APIError.
func TestRateLimitHeadersRead(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithRateLimits(2, 100000))
	defer srv.Close()
	c := newOpenAI(t, srv, OpenAIOptions{})
	resp, err := c.Complete(context.Background(), request(1))
	if err != nil {
		t.Fatal(err)
	}
	rl := resp.RateLimits
	if rl == nil || rl.Requests == nil || rl.Tokens == nil {
		t.Fatalf("RateLimits %+v, want both kinds", rl)
	}
	if rl.Requests.Limit != 2 || rl.Requests.Remaining != 1 || rl.Requests.Reset < 29*time.Second || rl.Requests.Reset > 30*time.Second {
		t.Errorf("requests %+v, want limit 2, 1 left, full again in 30s", *rl.Requests)
	}
	if rl.Tokens.Limit != 100000 || rl.Tokens.Remaining >= 100000 || rl.Tokens.Reset <= 0 {
		t.Errorf("tokens %+v, want limit 100000, some used", *rl.Tokens)
	}
	c.Complete(context.Background(), request(2))
	_, err = c.Complete(context.Background(), request(3)) // the third within the minute
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 429 || ae.RateLimits == nil || ae.RateLimits.Requests.Remaining != 0 || ae.RetryAfter < 29*time.Second {
		t.Errorf("error %v (%+v), want a 429 with the headers and a Retry-After of about 30s", err, ae)
	}
}

func TestParseRateLimits(t *testing.T) {
	h := http.Header{}
	h.Set("x-ratelimit-limit-requests", "500")
	h.Set("x-ratelimit-remaining-requests", "499")
	h.Set("x-ratelimit-reset-requests", "120ms")
	h.Set("x-ratelimit-limit-tokens", "30000")
	h.Set("x-ratelimit-remaining-tokens", "29000")
	h.Set("x-ratelimit-reset-tokens", "6m0s")
	now := time.Unix(1e9, 0)
	got := parseRateLimits(h, now)
	want := &RateLimits{Requests: &RateLimit{Limit: 500, Remaining: 499, Reset: 120 * time.Millisecond},
		Tokens: &RateLimit{Limit: 30000, Remaining: 29000, Reset: 6 * time.Minute}, At: now}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseRateLimits (-want +got):\n%s", diff)
	}
	if got := parseRateLimits(http.Header{"Content-Type": {"application/json"}}, now); got != nil {
		t.Errorf("no headers: %+v, want nil", got)
	}
}
