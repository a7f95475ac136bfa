package chat

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"
)

func TestEstimateTokens(t *testing.T) {
	req := Request{Messages: []Message{{Role: "user", Content: "0123456789012345678901234567890123456789"}}, MaxTokens: 100}
	if got, want := EstimateTokens(req), (40+4)/4+100; got != want {
		t.Errorf("EstimateTokens = %d, want %d", got, want)
	}
}

func TestRateLimitCorrectsTokens(t *testing.T) {
	tests := []struct {
		name   string
		actual int // prompt+completion tokens the answer reports
	}{
		{"fewer than estimated", 20},
		{"more than estimated", 900},
		{"as estimated", 0}, // set to the estimate below
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := Request{Model: "m", Messages: []Message{{Role: "user", Content: string(make([]byte, 400))}}, MaxTokens: 200}
			est := EstimateTokens(req)
			actual := tt.actual
			if actual == 0 {
				actual = est
			}
			next := &scripted{reply: func(int, Request) (Response, error) {
				return Response{Usage: Usage{Requests: 1, PromptTokens: actual - 1, CompletionTokens: 1}}, nil
			}}
			c := WithRateLimit(next, 0, 60_000).(*rateLimit)
			if _, err := c.Complete(context.Background(), req); err != nil {
				t.Fatal(err)
			}
			// The bucket refills at 1000 tokens a second; allow for the time the test took.
			left := c.tokens.TokensAt(time.Now())
			want := float64(60_000 - actual)
			if math.Abs(left-want) > 50 {
				t.Errorf("%.0f tokens left, want about %.0f (estimate %d, actual %d)", left, want, est, actual)
			}
		})
	}
}

func TestRateLimitUnlimited(t *testing.T) {
	next := &scripted{reply: func(int, Request) (Response, error) { return Response{}, nil }}
	c := WithRateLimit(next, 0, 0)
	for i := range 1000 {
		if _, err := c.Complete(context.Background(), request(i)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRateLimitWaitsOnContext(t *testing.T) {
	next := &scripted{reply: func(int, Request) (Response, error) { return Response{Usage: Usage{Requests: 1}}, nil }}
	c := WithRateLimit(next, 1, 0) // one request a minute
	if _, err := c.Complete(context.Background(), request(1)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error)
	go func() {
		_, err := c.Complete(ctx, request(2))
		errc <- err
	}()
	// Cancel while the second call waits for its turn (the limiter has a minute to go).
	time.AfterFunc(20*time.Millisecond, cancel)
	select {
	case err := <-errc:
		if err == nil {
			t.Error("the second request within the minute went through")
		} else if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want one wrapping context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the rate limiter did not return when the context was cancelled")
	}
	if got := len(next.Calls()); got != 1 {
		t.Errorf("%d calls, want 1", got)
	}
}

// TestRateLimitPacesByHeaders: the endpoint's x-ratelimit-* headers hold the next call
// back until the endpoint's bucket, as mirrored, has room for it.
func TestRateLimitPacesByHeaders(t *testing.T) {
	req := Request{Model: "m", Messages: []Message{{Role: "user", Content: string(make([]byte, 400))}}, MaxTokens: 400}
	est := float64(EstimateTokens(req)) // 500
	tests := []struct {
		name   string
		limits *RateLimits
		err    bool // the limits come with a 429
		want   time.Duration
	}{
		{"no headers", nil, false, 0},
		{"requests left", &RateLimits{Requests: &RateLimit{Limit: 60, Remaining: 10, Reset: 50 * time.Second}}, false, 0},
		{"no request left: one refills in a second", &RateLimits{Requests: &RateLimit{Limit: 60, Remaining: 0, Reset: 60 * time.Second}}, false, time.Second},
		{"with a 429", &RateLimits{Requests: &RateLimit{Limit: 60, Remaining: 0, Reset: 60 * time.Second}}, true, time.Second},
		{"tokens short", &RateLimits{Tokens: &RateLimit{Limit: 1000, Remaining: 100, Reset: 90 * time.Second}}, false,
			time.Duration((est - 100) / 10 * float64(time.Second))}, // refill 900 tokens in 90s
		{"no limit sent: wait for the reset", &RateLimits{Requests: &RateLimit{Remaining: 0, Reset: 2 * time.Second}}, false, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Unix(1e9, 0)}
			var err error
			if tt.err {
				err = &APIError{Status: 429, RateLimits: tt.limits}
			}
			next := &scripted{reply: func(n int, _ Request) (Response, error) {
				if n == 1 {
					if err != nil {
						return Response{Usage: Usage{Requests: 1}}, err
					}
					return Response{Usage: Usage{Requests: 1}, RateLimits: tt.limits}, nil
				}
				return Response{Usage: Usage{Requests: 1}}, nil
			}}
			c := WithRateLimit(next, 0, 0).(*rateLimit)
			c.now = clock.Now
			var waits []time.Duration
			c.sleep = func(ctx context.Context, d time.Duration) error {
				waits = append(waits, d)
				return clock.Sleep(ctx, d)
			}
			c.Complete(context.Background(), req)
			c.Complete(context.Background(), req)
			var total time.Duration
			for _, w := range waits {
				total += w
			}
			if d := total - tt.want; d < -time.Millisecond || d > time.Millisecond {
				t.Errorf("second call waited %s (%v), want %s", total, waits, tt.want)
			}
		})
	}
}

// TestRateLimitMirrorCountsCallsSent: calls sent after the last headers use up what the
// endpoint said remained, so a burst stops at the endpoint's limit.
func TestRateLimitMirrorCountsCallsSent(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1e9, 0)}
	next := &scripted{reply: func(n int, _ Request) (Response, error) {
		if n == 1 {
			return Response{RateLimits: &RateLimits{Requests: &RateLimit{Limit: 600, Remaining: 3, Reset: 59700 * time.Millisecond}}}, nil
		}
		return Response{}, nil // no headers: the mirror counts on
	}}
	c := WithRateLimit(next, 0, 0).(*rateLimit)
	c.now = clock.Now
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return clock.Sleep(ctx, d)
	}
	for range 5 {
		c.Complete(context.Background(), request(1))
	}
	// 3 left after the first call: calls 2-4 go at once, call 5 waits for one to refill
	// (597 in 59.7s: 10 a second).
	if len(waits) != 1 || waits[0] != 100*time.Millisecond {
		t.Errorf("waits %v, want one of 100ms before the fifth call", waits)
	}
}
