package chat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestRetry(t *testing.T) {
	ok := Response{Content: "{}", FinishReason: "stop", Usage: Usage{Requests: 1, PromptTokens: 10, CompletionTokens: 2}}
	fail := func(err error) func(int, Request) (Response, error) {
		return func(n int, _ Request) (Response, error) {
			if n <= 2 {
				return Response{Usage: Usage{Requests: 1}}, err
			}
			return ok, nil
		}
	}
	tests := []struct {
		name      string
		err       error // returned by the first two calls
		wantCalls int
		wantErr   bool
		wantDelay []time.Duration // with Rand = 0.5, Base 1s, Cap 10s
	}{
		{"429", &APIError{Status: 429}, 3, false, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}},
		{"429 Retry-After", &APIError{Status: 429, RetryAfter: 4 * time.Second}, 3, false, []time.Duration{4 * time.Second, 4 * time.Second}},
		{"Retry-After past Cap is honoured up to five minutes", &APIError{Status: 429, RetryAfter: time.Hour}, 3, false, []time.Duration{5 * time.Minute, 5 * time.Minute}},
		{"500", &APIError{Status: 500}, 3, false, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}},
		{"502", &APIError{Status: 502}, 3, false, nil},
		{"408", &APIError{Status: 408}, 3, false, nil},
		{"timeout", fmt.Errorf("no answer: %w", context.DeadlineExceeded), 3, false, nil},
		{"connection refused", &net.OpError{Op: "dial", Err: errors.New("connection refused")}, 3, false, nil},
		{"connection reset", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), 3, false, nil},
		{"malformed", fmt.Errorf("not JSON: %w", ErrMalformed), 3, false, nil},
		{"400", &APIError{Status: 400}, 1, true, []time.Duration{}},
		{"401", &APIError{Status: 401}, 1, true, []time.Duration{}},
		{"404", &APIError{Status: 404}, 1, true, []time.Duration{}},
		{"429 quota", &APIError{Status: 429, Type: "insufficient_quota", Code: "insufficient_quota"}, 1, true, []time.Duration{}},
		{"truncated", &TruncatedError{Partial: "{"}, 1, true, []time.Duration{}},
		{"other", errors.New("refused by the model"), 1, true, []time.Duration{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := &scripted{reply: fail(tt.err)}
			sleep := &noSleep{}
			c := WithRetry(next, RetryOptions{Max: 5, Base: time.Second, Cap: 10 * time.Second, Sleep: sleep.Sleep, Rand: func() float64 { return 0.5 }})
			resp, err := c.Complete(context.Background(), request(1))
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if got := len(next.Calls()); got != tt.wantCalls {
				t.Errorf("%d calls, want %d", got, tt.wantCalls)
			}
			if err != nil && !errors.Is(err, tt.err) {
				t.Errorf("error %v, want the cause %v", err, tt.err)
			}
			wantUsage := Usage{Requests: 1}
			if !tt.wantErr {
				wantUsage = Usage{Requests: 3, PromptTokens: 10, CompletionTokens: 2, Retries: 2}
			}
			if diff := cmp.Diff(wantUsage, resp.Usage); diff != "" {
				t.Errorf("usage (-want +got):\n%s", diff)
			}
			if tt.wantDelay != nil {
				if diff := cmp.Diff(tt.wantDelay, sleep.Delays(), cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("delays (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestRetryGivesUp(t *testing.T) {
	next := &scripted{reply: func(int, Request) (Response, error) {
		return Response{Usage: Usage{Requests: 1}}, &APIError{Status: 503}
	}}
	sleep := &noSleep{}
	resp, err := WithRetry(next, RetryOptions{Max: 3, Sleep: sleep.Sleep}).Complete(context.Background(), request(1))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 503 {
		t.Errorf("error %v, want the last 503", err)
	}
	if got := len(next.Calls()); got != 4 {
		t.Errorf("%d calls, want 1 + 3 retries", got)
	}
	if want := (Usage{Requests: 4, Retries: 3}); resp.Usage != want {
		t.Errorf("usage %+v, want %+v", resp.Usage, want)
	}
}

func TestRetryBackoffGrowsToCap(t *testing.T) {
	next := &scripted{reply: func(int, Request) (Response, error) { return Response{}, &APIError{Status: 500} }}
	sleep := &noSleep{}
	c := WithRetry(next, RetryOptions{Max: 6, Base: 100 * time.Millisecond, Cap: time.Second, Sleep: sleep.Sleep, Rand: func() float64 { return 0.999999 }})
	c.Complete(context.Background(), request(1))
	got := sleep.Delays()
	want := []time.Duration{100, 200, 400, 800, 1000, 1000} // ms, jitter at its top
	if len(got) != len(want) {
		t.Fatalf("delays %v, want %d", got, len(want))
	}
	for i := range want {
		w := want[i] * time.Millisecond
		if got[i] < w*99/100 || got[i] > w {
			t.Errorf("delay %d = %s, want just under %s", i, got[i], w)
		}
	}
}

func TestRetryStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	next := &scripted{reply: func(int, Request) (Response, error) {
		cancel() // the user presses Ctrl-C during the first attempt
		return Response{Usage: Usage{Requests: 1}}, &APIError{Status: 429, RetryAfter: time.Hour}
	}}
	_, err := WithRetry(next, RetryOptions{Max: 3}).Complete(ctx, request(1)) // the real sleep
	if err == nil {
		t.Fatal("no error")
	}
	if got := len(next.Calls()); got != 1 {
		t.Errorf("%d calls after cancel, want 1", got)
	}

	// Cancelled while waiting: the real Sleep returns at once with ctx's error.
	ctx, cancel = context.WithCancel(context.Background())
	next = &scripted{reply: func(int, Request) (Response, error) {
		return Response{}, &APIError{Status: 429, RetryAfter: time.Hour}
	}}
	go func() {
		for len(next.Calls()) == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err = WithRetry(next, RetryOptions{Max: 3, Cap: 2 * time.Hour}).Complete(ctx, request(1))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want it to wrap context.Canceled", err)
	}
	if got := len(next.Calls()); got != 1 {
		t.Errorf("%d calls, want 1", got)
	}
}

func TestRetryNone(t *testing.T) {
	for _, max := range []int{0, -1} {
		next := &scripted{reply: func(int, Request) (Response, error) { return Response{}, &APIError{Status: 503} }}
		WithRetry(next, RetryOptions{Max: max, Sleep: (&noSleep{}).Sleep}).Complete(context.Background(), request(1))
		if got := len(next.Calls()); got != 1 {
			t.Errorf("Max %d: %d calls, want 1", max, got)
		}
	}
}

func TestRetryableCallerDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	if Retryable(ctx, fmt.Errorf("x: %w", context.DeadlineExceeded)) {
		t.Error("the caller's own deadline is retryable")
	}
}
