package chat

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"syscall"
	"time"
)

// RetryOptions configures WithRetry. Zero fields take the defaults noted.
type RetryOptions struct {
	Max  int           // retries after the first attempt; 0 or less means none
	Base time.Duration // first backoff; 0 means 500ms
	Cap  time.Duration // longest wait, for backoff and Retry-After alike; 0 means 60s

	// Sleep waits d or until ctx is done, returning ctx.Err() then. nil means a timer in a
	// select on ctx.Done(). Tests replace it to make every delay zero.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a number in [0, 1) for the jitter. nil means math/rand/v2.
	Rand func() float64
}

type retrier struct {
	next Completer
	o    RetryOptions
}

var _ Completer = (*retrier)(nil)

// WithRetry returns a Completer that calls next again after a failure that may pass: an
// *APIError with status 408, 409, 429 or 5xx, a per-request timeout (context.DeadlineExceeded
// while ctx is live), a connection error, or ErrMalformed. It never retries other 4xx, a
// 429 for an exhausted quota (code insufficient_quota), ErrTruncated, or anything once ctx
// is done.
//
// Between attempts it waits the server's Retry-After when given, else an exponential
// backoff (Base·2^n, capped at Cap) with jitter: a uniformly random wait in [d/2, d).
// Waits end early when ctx is done.
//
// The returned Response (also on error) sums the Usage of every attempt and adds the
// number of retries made to Usage.Retries. On error it returns the last attempt's error.
func WithRetry(next Completer, o RetryOptions) Completer {
	o.Max = max(o.Max, 0)
	if o.Base <= 0 {
		o.Base = 500 * time.Millisecond
	}
	if o.Cap <= 0 {
		o.Cap = 60 * time.Second
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	return &retrier{next: next, o: o}
}

func (r *retrier) Complete(ctx context.Context, req Request) (Response, error) {
	var total Usage
	for attempt := 0; ; attempt++ {
		resp, err := r.next.Complete(ctx, req)
		total = addUsage(total, resp.Usage)
		if err == nil || attempt >= r.o.Max || ctx.Err() != nil || !Retryable(ctx, err) {
			resp.Usage = total
			return resp, err
		}
		wait := r.delay(attempt, err)
		if errors.Is(err, ErrMalformed) {
			wait = 0 // the server is not overloaded: ask again at once
		}
		if serr := r.o.Sleep(ctx, wait); serr != nil {
			resp.Usage = total
			return resp, fmt.Errorf("%w (retry abandoned: %w)", err, serr)
		}
		total.Retries++
	}
}

// maxRetryAfter bounds how long a Retry-After is honoured.
const maxRetryAfter = 5 * time.Minute

// delay is the wait before retry number attempt+1.
func (r *retrier) delay(attempt int, err error) time.Duration {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
		// The server's word, even past Cap (retrying earlier only earns another 429), up
		// to maxRetryAfter.
		return min(apiErr.RetryAfter, maxRetryAfter)
	}
	d := r.o.Base
	for i := 0; i < attempt && d < r.o.Cap; i++ {
		d *= 2
	}
	d = min(d, r.o.Cap)
	return d/2 + time.Duration(r.o.Rand()*float64(d/2))
}

// Retryable reports whether err, returned by a Completer called with ctx, may pass when
// the same request is sent again. See WithRetry for the list.
func Retryable(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil || errors.Is(err, ErrTruncated) {
		return false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		if apiErr.Code == "insufficient_quota" || apiErr.Type == "insufficient_quota" {
			return false // OpenAI's 429 for an exhausted quota: waiting does not help
		}
		s := apiErr.Status
		return s == 408 || s == 409 || s == 429 || s >= 500
	}
	if errors.Is(err, ErrMalformed) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
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
