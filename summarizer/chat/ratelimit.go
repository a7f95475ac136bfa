package chat

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

type rateLimit struct {
	next     Completer
	requests *rate.Limiter // nil: unlimited
	tokens   *rate.Limiter // nil: unlimited
	now      func() time.Time
	sleep    func(ctx context.Context, d time.Duration) error

	mu       sync.Mutex
	inFlight int
	server   struct{ requests, tokens mirror } // the endpoint's own limits, from its headers
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
//
// Where the endpoint states its own limits in OpenAI's x-ratelimit-* headers
// (Response.RateLimits, APIError.RateLimits), it also paces calls by them, so as not to
// run into a 429: it mirrors each of the endpoint's buckets (what remains, less the calls
// sent since, refilled at the rate that empties the gap to the limit by the reset time)
// and holds a call until the mirror has the request and its estimated tokens. An
// endpoint that sends no such headers is paced by rpm and tpm alone.
func WithRateLimit(next Completer, rpm, tpm int) Completer {
	l := &rateLimit{next: next, now: time.Now, sleep: sleepCtx}
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
	if err := l.paceByServer(ctx, EstimateTokens(req)); err != nil {
		return Response{}, fmt.Errorf("wait for the endpoint's rate limit: %w", err)
	}
	resp, err := l.next.Complete(ctx, req)
	l.learn(resp, err)
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

// mirror is this client's view of one of the endpoint's rate-limit buckets. The zero
// value knows nothing and holds nothing back.
type mirror struct {
	known   bool
	level   float64   // what the endpoint has left, by this client's count
	limit   float64   // the bucket's size; 0 when not sent
	rate    float64   // refill per second; 0 when unknown
	at      time.Time // when level was computed
	resetAt time.Time // when the endpoint said the bucket would be full
}

// refill brings level to now.
func (m *mirror) refill(now time.Time) {
	if !m.known || !now.After(m.at) {
		return
	}
	if m.rate > 0 {
		m.level += m.rate * now.Sub(m.at).Seconds()
		if m.limit > 0 {
			m.level = min(m.level, m.limit)
		}
	}
	m.at = now
}

// wait is how long until the bucket holds n, refilled to now; 0 when it does or when
// nothing is known.
func (m *mirror) wait(n float64, now time.Time) time.Duration {
	if !m.known {
		return 0
	}
	m.refill(now)
	if m.limit > 0 {
		n = min(n, m.limit) // a request larger than the bucket waits for a full one
	}
	if m.level >= n {
		return 0
	}
	if m.rate > 0 {
		return time.Duration((n - m.level) / m.rate * float64(time.Second))
	}
	if now.Before(m.resetAt) {
		return m.resetAt.Sub(now)
	}
	m.known = false // past the reset and nothing heard since: the bucket is full again
	return 0
}

// take counts n sent.
func (m *mirror) take(n float64) {
	if m.known {
		m.level -= n
	}
}

// set rebases the mirror on what the endpoint says, less the calls still in flight that
// it may not have counted yet.
func (m *mirror) set(l *RateLimit, inFlight int, perCall float64, now time.Time) {
	if l == nil {
		return
	}
	m.known = true
	m.level = float64(l.Remaining) - float64(inFlight)*perCall
	m.limit = float64(l.Limit)
	m.at = now
	m.resetAt = now.Add(l.Reset)
	switch {
	case l.Limit > l.Remaining && l.Reset > 0:
		m.rate = float64(l.Limit-l.Remaining) / l.Reset.Seconds()
	case l.Limit > 0 && m.rate == 0:
		m.rate = float64(l.Limit) / 60 // OpenAI's limits are per minute
	}
}

// paceByServer waits until the mirrors of the endpoint's buckets hold a request of
// tokens, then counts it as sent.
func (l *rateLimit) paceByServer(ctx context.Context, tokens int) error {
	for {
		l.mu.Lock()
		now := l.now()
		wait := max(l.server.requests.wait(1, now), l.server.tokens.wait(float64(tokens), now))
		if wait <= 0 {
			l.server.requests.take(1)
			l.server.tokens.take(float64(tokens))
			l.inFlight++
			l.mu.Unlock()
			return nil
		}
		l.mu.Unlock()
		if err := l.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// learn rebases the mirrors on the rate-limit headers of an answer, if it had any.
func (l *rateLimit) learn(resp Response, err error) {
	rl := resp.RateLimits
	var ae *APIError
	if rl == nil && errors.As(err, &ae) {
		rl = ae.RateLimits
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inFlight--
	if rl == nil {
		return
	}
	at := rl.At
	if at.IsZero() {
		at = l.now()
	}
	l.server.requests.set(rl.Requests, l.inFlight, 1, at)
	// Calls in flight are counted at the tokens of this one: a guess, on the safe side
	// for calls of one kind.
	perCall := 0.0
	if resp.Usage.PromptTokens+resp.Usage.CompletionTokens > 0 {
		perCall = float64(resp.Usage.PromptTokens + resp.Usage.CompletionTokens)
	}
	l.server.tokens.set(rl.Tokens, l.inFlight, perCall, at)
}
