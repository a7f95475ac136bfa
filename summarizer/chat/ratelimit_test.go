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
