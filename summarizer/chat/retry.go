package chat

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"sync/atomic"
	"syscall"
	"time"
)

// RetryOptions configures WithRetry. Zero fields take the defaults noted.
type RetryOptions struct {
	Max  int           // retries after the first attempt, for faults that are not rate limits; 0 or less means none
	Base time.Duration // first backoff; 0 means 500ms
	Cap  time.Duration // longest backoff; 0 means 60s

	// RateLimitWait bounds the time one call spends on rate limits (see RateLimited),
	// counted from its first one: those waits do not use up Max, and a call still rate
	// limited when the next wait would end past RateLimitWait fails with the last 429.
	// 0 means DefaultRateLimitWait.
	RateLimitWait time.Duration

	// OnRetry, when set, is told of every wait before it starts. It is called from the
	// goroutines of the calls, several at once, and must not block.
	OnRetry func(RetryEvent)

	// Sleep waits d or until ctx is done, returning ctx.Err() then. nil means a timer in a
	// select on ctx.Done(). Tests replace it to make every delay zero.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a number in [0, 1) for the jitter. nil means math/rand/v2.
	Rand func() float64
	// Now is the clock of RateLimitWait. nil means time.Now.
	Now func() time.Time
}

// DefaultRateLimitWait is RetryOptions.RateLimitWait when zero.
const DefaultRateLimitWait = 5 * time.Minute

// RetryEvent is one wait before a retry, as RetryOptions.OnRetry is told of it.
type RetryEvent struct {
	Attempt     int           // the attempt that failed, from 1
	Err         error         // why it failed
	Wait        time.Duration // how long until the next attempt
	RateLimited bool          // Err is a rate limit (RateLimited): the wait does not count against Max
}

// Retrier is the Completer WithRetry returns. It is safe for concurrent use.
type Retrier struct {
	next     Completer
	o        RetryOptions
	reached  atomic.Bool // some attempt got an HTTP answer, of any status
	answered atomic.Bool // some attempt got a 2xx answer
}

var _ Completer = (*Retrier)(nil)

// WithRetry returns a Completer that calls next again after a failure that may pass:
//
//   - a rate limit (RateLimited: a 429 other than insufficient_quota, a 503 with
//     Retry-After): after the server's Retry-After (retry-after-ms first), else a backoff;
//     these waits do not count against Max but against RateLimitWait, the time one call
//     may spend on rate limits;
//   - an *APIError with status 408, 409 or 5xx, a per-request timeout
//     (context.DeadlineExceeded while ctx is live), a connection error, or an answer that
//     is not JSON (ErrMalformed): after the Retry-After when given, else an exponential
//     backoff (Base·2^n, capped at Cap) with jitter, a uniformly random wait in [d/2, d);
//     each counts against Max;
//   - a truncated answer (ErrTruncated) of a request with MaxTokens set: once, at once,
//     with twice the MaxTokens, counted against Max. When that answer is truncated too,
//     or the endpoint refuses the larger limit with 400, the first truncated answer and
//     its error are returned: the caller must shorten the input.
//
// A refused connection (Unreachable) is retried once only while no attempt through this
// Retrier has ever got an HTTP answer: a base URL where nothing listens fails fast. It
// never retries other 4xx, a spent quota (insufficient_quota), a host that does not
// exist or a refused certificate, or anything once ctx is done. Waits end early when ctx
// is done.
//
// The returned Response (also on error) sums the Usage of every attempt and adds the
// number of retries made to Usage.Retries. On error it returns the last attempt's error.
func WithRetry(next Completer, o RetryOptions) *Retrier {
	o.Max = max(o.Max, 0)
	if o.Base <= 0 {
		o.Base = 500 * time.Millisecond
	}
	if o.Cap <= 0 {
		o.Cap = 60 * time.Second
	}
	if o.RateLimitWait <= 0 {
		o.RateLimitWait = DefaultRateLimitWait
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Retrier{next: next, o: o}
}

// Answered reports whether some attempt through r has got a successful (2xx) answer from
// the endpoint, a wrong one (malformed, truncated) included. Cache hits above r do not
// count. Safe for concurrent use.
func (r *Retrier) Answered() bool { return r.answered.Load() }

// Complete sends req to next, retrying as WithRetry describes.
func (r *Retrier) Complete(ctx context.Context, req Request) (Response, error) {
	var total Usage
	retries := 0 // counted against Max
	limited := 0 // rate-limit waits so far
	var firstLimited time.Time
	var truncResp Response // the first truncated answer, once the limit was raised
	var truncErr error
	for attempt := 1; ; attempt++ {
		resp, err := r.next.Complete(ctx, req)
		total = addUsage(total, resp.Usage)
		r.observe(err)
		if err == nil || ctx.Err() != nil {
			resp.Usage = total
			return resp, err
		}
		if truncErr != nil && (errors.Is(err, ErrTruncated) || badRequest(err)) {
			// Cut short again, or the larger limit was refused: give the caller the first
			// truncated answer, to shorten the input.
			truncResp.Usage = total
			return truncResp, truncErr
		}
		var wait time.Duration
		rateLimited := RateLimited(err)
		switch {
		case rateLimited:
			now := r.o.Now()
			if limited == 0 {
				firstLimited = now
			}
			wait = r.rateLimitDelay(limited, err)
			if spent := now.Sub(firstLimited); spent+wait > r.o.RateLimitWait {
				resp.Usage = total
				return resp, fmt.Errorf("%w (still rate limited after %s; the limit per request is %s)", err, spent.Round(time.Second), r.o.RateLimitWait)
			}
			limited++
		case errors.Is(err, ErrTruncated):
			if req.MaxTokens <= 0 || retries >= r.o.Max {
				resp.Usage = total
				return resp, err
			}
			truncResp, truncErr = resp, err
			req.MaxTokens *= 2
			retries++
		case retries >= r.o.Max || !Retryable(ctx, err),
			Unreachable(err) && retries >= 1 && !r.reached.Load():
			resp.Usage = total
			return resp, err
		default:
			wait = r.delay(retries, err)
			retries++
		}
		if r.o.OnRetry != nil {
			r.o.OnRetry(RetryEvent{Attempt: attempt, Err: err, Wait: wait, RateLimited: rateLimited})
		}
		if serr := r.o.Sleep(ctx, wait); serr != nil {
			resp.Usage = total
			return resp, fmt.Errorf("%w (retry abandoned: %w)", err, serr)
		}
		total.Retries++
	}
}

// observe notes what an attempt says about the endpoint.
func (r *Retrier) observe(err error) {
	if err == nil || errors.Is(err, ErrMalformed) || errors.Is(err, ErrTruncated) {
		r.answered.Store(true)
		r.reached.Store(true)
		return
	}
	var ae *APIError
	if errors.As(err, &ae) {
		r.reached.Store(true)
	}
}

// badRequest reports a 400 answer.
func badRequest(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Status == 400
}

// maxRetryAfter bounds how long a Retry-After is honoured for faults that are not rate
// limits.
const maxRetryAfter = 5 * time.Minute

// delay is the wait before retry number retries+1 of a fault that is not a rate limit.
func (r *Retrier) delay(retries int, err error) time.Duration {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
		// The server's word, even past Cap, up to maxRetryAfter.
		return min(apiErr.RetryAfter, maxRetryAfter)
	}
	return r.backoff(retries)
}

// rateLimitDelay is the wait after the (limited+1)-th rate limit of a call: the server's
// Retry-After, else the backoff.
func (r *Retrier) rateLimitDelay(limited int, err error) time.Duration {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
		return apiErr.RetryAfter
	}
	return r.backoff(limited)
}

// backoff is Base·2^n capped at Cap, jittered into [d/2, d).
func (r *Retrier) backoff(n int) time.Duration {
	d := r.o.Base
	for i := 0; i < n && d < r.o.Cap; i++ {
		d *= 2
	}
	d = min(d, r.o.Cap)
	return d/2 + time.Duration(r.o.Rand()*float64(d/2))
}

// Retryable reports whether err, returned by a Completer called with ctx, may pass when
// the same request is sent again. See WithRetry for the list.
func Retryable(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil || errors.Is(err, ErrTruncated) || errors.Is(err, ErrRedirect) {
		return false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		if quotaSpent(apiErr) {
			return false // OpenAI's 429 for an exhausted quota: waiting does not help
		}
		s := apiErr.Status
		return s == 408 || s == 409 || s == 429 || s >= 500
	}
	if errors.Is(err, ErrMalformed) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	return networkError(err)
}

// networkError reports a failure on the way to the endpoint that may pass: not a host
// that does not exist, not a refused certificate.
func networkError(err error) bool {
	var certErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	if errors.As(err, &certErr) || errors.As(err, &hostErr) || errors.As(err, &invalidErr) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false // no such host: asking again will not create it
	}
	var opErr *net.OpError
	var netErr net.Error
	return errors.As(err, &opErr) ||
		(errors.As(err, &netErr) && netErr.Timeout()) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EPIPE)
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// addUsage returns a+b.
func addUsage(a, b Usage) Usage {
	return Usage{
		Requests:         a.Requests + b.Requests,
		PromptTokens:     a.PromptTokens + b.PromptTokens,
		CompletionTokens: a.CompletionTokens + b.CompletionTokens,
		CachedTokens:     a.CachedTokens + b.CachedTokens,
		Retries:          a.Retries + b.Retries,
		CacheHits:        a.CacheHits + b.CacheHits,
	}
}
