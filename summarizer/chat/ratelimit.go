package chat

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/time/rate"
)

type rateLimit struct {
	next     Completer
	requests *rate.Limiter // nil: unlimited
	tokens   *rate.Limiter // nil: unlimited
}

var _ Completer = (*rateLimit)(nil)

// WithRateLimit returns a Completer that keeps calls into next under rpm requests per
// minute and tpm tokens per minute (0 or less: no limit). Each limit is a token bucket
// refilled continuously; the request bucket holds a second's worth (at least 1), the
// token bucket a minute's worth, as OpenAI's own limits do.
//
// Before a call it takes EstimateTokens(req) from the token bucket (at most the bucket's
// size); after the call it corrects the bucket by the difference between the estimate and
// the tokens the answer reports (Usage.PromptTokens+CompletionTokens), taking more or
// giving back. A wait ends early, with ctx's error wrapped, when ctx is done.
func WithRateLimit(next Completer, rpm, tpm int) Completer {
	l := &rateLimit{next: next}
	if rpm > 0 {
		l.requests = rate.NewLimiter(rate.Limit(float64(rpm)/60), max(rpm/60, 1))
	}
	if tpm > 0 {
		l.tokens = rate.NewLimiter(rate.Limit(float64(tpm)/60), tpm)
	}
	return l
}

// EstimateTokens guesses what req will cost before it is sent: a token per four bytes of
// message text, plus MaxTokens for the answer.
func EstimateTokens(req Request) int {
	n := 0
	for _, m := range req.Messages {
		n += len(m.Content) + len(m.Role)
	}
	if req.Schema != nil {
		n += len(req.Schema.Schema)
	}
	return n/4 + req.MaxTokens
}

func (l *rateLimit) Complete(ctx context.Context, req Request) (Response, error) {
	if l.requests != nil {
		if err := l.requests.Wait(ctx); err != nil {
			return Response{}, fmt.Errorf("wait for the request rate limit: %w", waitErr(ctx, err))
		}
	}
	est := 0
	if l.tokens != nil {
		est = min(EstimateTokens(req), l.tokens.Burst())
		if err := l.tokens.WaitN(ctx, est); err != nil {
			return Response{}, fmt.Errorf("wait for the token rate limit: %w", waitErr(ctx, err))
		}
	}
	resp, err := l.next.Complete(ctx, req)
	if l.tokens != nil && resp.Usage.Requests > 0 {
		actual := resp.Usage.PromptTokens + resp.Usage.CompletionTokens
		if actual > 0 || err == nil {
			l.correct(actual - est)
		}
	}
	return resp, err
}

// correct takes diff more tokens from the bucket (diff > 0), running into debt that later
// calls wait for, or gives -diff back (diff < 0), never beyond the bucket's size.
func (l *rateLimit) correct(diff int) {
	if diff == 0 {
		return
	}
	diff = max(min(diff, l.tokens.Burst()), -l.tokens.Burst())
	// A reservation of diff tokens taken now and never waited for: positive diff leaves the
	// bucket in debt; negative diff refills it (the limiter caps it at Burst on its next
	// use).
	l.tokens.ReserveN(time.Now(), diff)
}

// waitErr prefers ctx's own error once ctx is done. (rate.Limiter also fails at once,
// with a plain error, when the wait would pass ctx's deadline.)
func waitErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
