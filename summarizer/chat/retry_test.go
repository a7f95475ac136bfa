package chat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
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
		{"Retry-After past Cap is honoured up to five minutes", &APIError{Status: 502, RetryAfter: time.Hour}, 3, false, []time.Duration{5 * time.Minute, 5 * time.Minute}},
		{"429 Retry-After past the rate-limit wait fails at once", &APIError{Status: 429, RetryAfter: time.Hour}, 1, true, []time.Duration{}},
		{"503 with Retry-After is a rate limit", &APIError{Status: 503, RetryAfter: 2 * time.Second}, 3, false, []time.Duration{2 * time.Second, 2 * time.Second}},
		{"500", &APIError{Status: 500}, 3, false, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}},
		{"502", &APIError{Status: 502}, 3, false, nil},
		{"408", &APIError{Status: 408}, 3, false, nil},
		{"timeout", fmt.Errorf("no answer: %w", context.DeadlineExceeded), 3, false, nil},
		{"connection refused", &net.OpError{Op: "dial", Err: errors.New("connection refused")}, 3, false, nil},
		{"connection reset", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), 3, false, nil},
		{"malformed backs off", fmt.Errorf("not JSON: %w", ErrMalformed), 3, false, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}},
		{"400", &APIError{Status: 400}, 1, true, []time.Duration{}},
		{"401", &APIError{Status: 401}, 1, true, []time.Duration{}},
		{"404", &APIError{Status: 404}, 1, true, []time.Duration{}},
		{"429 quota", &APIError{Status: 429, Type: "insufficient_quota", Code: "insufficient_quota"}, 1, true, []time.Duration{}},
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
		return Response{Usage: Usage{Requests: 1}}, &APIError{Status: 429, RetryAfter: time.Minute}
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
		return Response{}, &APIError{Status: 429, RetryAfter: time.Minute}
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

// fakeClock is a clock that the retry seam's Sleep moves forward.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

// TestRetryRateLimitsAreBoundedByTime: 429s do not use up the retry budget (Max 1 here);
// they are waited out for RateLimitWait from the first one, then the call fails.
func TestRetryRateLimitsAreBoundedByTime(t *testing.T) {
	tests := []struct {
		name      string
		limited   int // 429s before an answer; -1 for always
		wantCalls int
		wantErr   string
	}{
		{"ten 429s and an answer", 10, 11, ""},
		{"always 429", -1, 11, "still rate limited after 10s"}, // waits at 0..9s; the 11th would end past 10s
		{"a 500 still uses the budget", 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Unix(1e9, 0)}
			next := &scripted{reply: func(n int, _ Request) (Response, error) {
				switch {
				case tt.name == "a 500 still uses the budget":
					return Response{Usage: Usage{Requests: 1}}, &APIError{Status: 500}
				case tt.limited < 0 || n <= tt.limited:
					return Response{Usage: Usage{Requests: 1}}, &APIError{Status: 429, RetryAfter: time.Second}
				}
				return Response{Content: "{}", Usage: Usage{Requests: 1}}, nil
			}}
			c := WithRetry(next, RetryOptions{Max: 1, RateLimitWait: 10 * time.Second, Sleep: clock.Sleep, Now: clock.Now})
			resp, err := c.Complete(context.Background(), request(1))
			if tt.name == "a 500 still uses the budget" {
				if got := len(next.Calls()); got != 2 || err == nil {
					t.Errorf("%d calls, error %v; want 2 calls (Max 1) and the 500", got, err)
				}
				return
			}
			if got := len(next.Calls()); got != tt.wantCalls {
				t.Errorf("%d calls, want %d", got, tt.wantCalls)
			}
			if tt.wantErr == "" && err != nil {
				t.Fatalf("error %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr) || !RateLimited(err)) {
				t.Errorf("error %v, want a rate limit saying %q", err, tt.wantErr)
			}
			if resp.Usage.Retries != tt.wantCalls-1 {
				t.Errorf("usage counts %d retries, want %d", resp.Usage.Retries, tt.wantCalls-1)
			}
		})
	}
}

// TestRetryUnreachable: a refused connection is tried twice while the endpoint has never
// answered; once it has, a refused connection is an ordinary fault.
func TestRetryUnreachable(t *testing.T) {
	refused := fmt.Errorf("dial tcp 127.0.0.1:1: %w", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED})
	next := &scripted{reply: func(int, Request) (Response, error) { return Response{}, refused }}
	c := WithRetry(next, RetryOptions{Max: 8, Sleep: (&noSleep{}).Sleep})
	if _, err := c.Complete(context.Background(), request(1)); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("error %v, want the refused connection", err)
	}
	if got := len(next.Calls()); got != 2 {
		t.Errorf("%d tries, want 2", got)
	}
	if c.Answered() {
		t.Error("Answered after refused connections only")
	}

	// The endpoint answered once (a 500): later refusals get the whole budget.
	var first sync.Once
	next = &scripted{reply: func(int, Request) (Response, error) {
		var err error = refused
		first.Do(func() { err = &APIError{Status: 500} })
		return Response{}, err
	}}
	c = WithRetry(next, RetryOptions{Max: 4, Sleep: (&noSleep{}).Sleep})
	c.Complete(context.Background(), request(1))
	if got := len(next.Calls()); got != 5 {
		t.Errorf("after an answer: %d tries, want 5", got)
	}
}

// TestRetryTruncated: a truncated answer is asked again once with twice the completion
// limit; cut short again, or the larger limit refused, the first truncated answer is
// returned for the caller to shorten the input.
func TestRetryTruncated(t *testing.T) {
	cut := func() (Response, error) {
		return Response{Content: `{"a":`, FinishReason: "length", Usage: Usage{Requests: 1}}, &TruncatedError{Partial: `{"a":`}
	}
	tests := []struct {
		name      string
		maxTokens int
		second    func() (Response, error)
		wantCalls int
		wantErr   error
	}{
		{"fits with the larger limit", 500, func() (Response, error) { return Response{Content: "{}", Usage: Usage{Requests: 1}}, nil }, 2, nil},
		{"truncated twice", 500, cut, 2, ErrTruncated},
		{"larger limit refused", 500, func() (Response, error) {
			return Response{Usage: Usage{Requests: 1}}, &APIError{Status: 400, Message: "max_tokens is too large"}
		}, 2, ErrTruncated},
		{"no limit to raise", 0, nil, 1, ErrTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := &scripted{reply: func(n int, _ Request) (Response, error) {
				if n == 1 {
					return cut()
				}
				return tt.second()
			}}
			sleep := &noSleep{}
			req := request(1)
			req.MaxTokens = tt.maxTokens
			resp, err := WithRetry(next, RetryOptions{Max: 3, Sleep: sleep.Sleep}).Complete(context.Background(), req)
			calls := next.Calls()
			if len(calls) != tt.wantCalls {
				t.Fatalf("%d calls, want %d", len(calls), tt.wantCalls)
			}
			if len(calls) > 1 && calls[1].MaxTokens != 2*tt.maxTokens {
				t.Errorf("second call max tokens %d, want %d", calls[1].MaxTokens, 2*tt.maxTokens)
			}
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil && resp.FinishReason != "length" {
				t.Errorf("returned %+v, want the truncated answer", resp)
			}
			if resp.Usage.Requests != len(calls) {
				t.Errorf("usage counts %d requests, want %d", resp.Usage.Requests, len(calls))
			}
		})
	}
}

// TestRetryReportsEveryWait: OnRetry hears of each wait, with the fault and the delay.
func TestRetryReportsEveryWait(t *testing.T) {
	next := &scripted{reply: func(n int, _ Request) (Response, error) {
		switch n {
		case 1:
			return Response{}, &APIError{Status: 429, RetryAfter: 2 * time.Second}
		case 2:
			return Response{}, &APIError{Status: 500}
		}
		return Response{Content: "{}"}, nil
	}}
	var events []RetryEvent
	c := WithRetry(next, RetryOptions{Max: 3, Base: time.Second, Rand: func() float64 { return 0 }, Sleep: (&noSleep{}).Sleep,
		OnRetry: func(e RetryEvent) { events = append(events, e) }})
	if _, err := c.Complete(context.Background(), request(1)); err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || !events[0].RateLimited || events[0].Wait != 2*time.Second || events[0].Attempt != 1 ||
		events[1].RateLimited || events[1].Wait != 500*time.Millisecond || events[1].Attempt != 2 {
		t.Errorf("events %+v, want the 429 (2s) and the 500 (backoff 500ms)", events)
	}
	if !c.Answered() {
		t.Error("not Answered after an answer")
	}
}
