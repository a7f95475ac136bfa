package fakeopenai

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// WithMaxInFlight makes the server serve at most n chat completion requests at once, as
// a server with a small queue or a provisioned deployment does: a request that arrives
// while n are being answered gets 429 at once, with Retry-After (whole seconds, at least
// 1) and retry-after-ms (retryAfter exactly), and is not served. n < 1 means no cap;
// retryAfter <= 0 means one second. PeakInFlight never exceeds n.
func WithMaxInFlight(n int, retryAfter time.Duration) Option {
	return func(srv *Server) {
		srv.capacity = max(n, 0)
		if retryAfter <= 0 {
			retryAfter = time.Second
		}
		srv.capWait = retryAfter
	}
}

// overCapacity answers a request that WithMaxInFlight turns away.
func (s *Server) overCapacity(w http.ResponseWriter) int {
	rep := RateLimited(s.capWait)
	setRetryAfter(w.Header(), rep)
	return writeError(w, http.StatusTooManyRequests, "requests",
		fmt.Sprintf("The server is serving %d requests, its capacity; please retry after %s.", s.capacity, s.capWait),
		"rate_limit_exceeded")
}

// WithRateLimits makes the server enforce rpm requests and tpm tokens per minute (0: no
// limit of that kind) as OpenAI does, and send OpenAI's headers with every chat
// completion answer: x-ratelimit-limit-requests, x-ratelimit-remaining-requests,
// x-ratelimit-reset-requests and the same for tokens, the reset times as durations ("1s",
// "6m0s", "20ms"). Each limit is a bucket of a minute's worth, refilled continuously; the
// reset time is how long until it is full again. A request costs one request and its
// prompt (about four bytes a token) plus its max_tokens or max_completion_tokens; one
// that does not fit gets 429 with Retry-After and retry-after-ms saying when it will, and
// costs nothing.
func WithRateLimits(rpm, tpm int) Option {
	return func(srv *Server) {
		srv.limits = &rateLimits{reqs: bucket{limit: float64(max(rpm, 0))}, toks: bucket{limit: float64(max(tpm, 0))}}
	}
}

type rateLimits struct {
	mu   sync.Mutex
	reqs bucket
	toks bucket
}

// bucket is a limit per minute, refilled continuously. limit 0 means none.
type bucket struct {
	limit float64
	level float64
	at    time.Time
}

func (b *bucket) refill(now time.Time) {
	if b.limit == 0 {
		return
	}
	b.level = min(b.limit, b.level+now.Sub(b.at).Minutes()*b.limit)
	b.at = now
}

// wait is how long until the bucket holds n.
func (b *bucket) wait(n float64) time.Duration {
	if b.limit == 0 || b.level >= n {
		return 0
	}
	return time.Duration((n - b.level) / b.limit * float64(time.Minute))
}

// reset is how long until the bucket is full.
func (b *bucket) reset() time.Duration {
	return time.Duration((b.limit - b.level) / b.limit * float64(time.Minute))
}

func (l *rateLimits) start(now time.Time) {
	l.reqs.level, l.reqs.at = l.reqs.limit, now
	l.toks.level, l.toks.at = l.toks.limit, now
}

// take takes one request of tokens from the buckets, or returns how long until they
// hold it and which limit ("requests" or "tokens") is short, taking nothing.
func (l *rateLimits) take(now time.Time, reqs, tokens int) (time.Duration, string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reqs.refill(now)
	l.toks.refill(now)
	t := min(float64(tokens), l.toks.limit) // a request larger than the bucket waits for a full one
	if w := l.reqs.wait(float64(reqs)); w > 0 {
		return w, "requests"
	}
	if w := l.toks.wait(t); w > 0 {
		return w, "tokens"
	}
	if l.reqs.limit > 0 {
		l.reqs.level -= float64(reqs)
	}
	if l.toks.limit > 0 {
		l.toks.level -= t
	}
	return 0, ""
}

// setHeaders writes the x-ratelimit-* headers of the state at now.
func (l *rateLimits) setHeaders(h http.Header, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, b := range []struct {
		kind string
		b    *bucket
	}{{"requests", &l.reqs}, {"tokens", &l.toks}} {
		if b.b.limit == 0 {
			continue
		}
		b.b.refill(now)
		h.Set("X-Ratelimit-Limit-"+b.kind, strconv.Itoa(int(b.b.limit)))
		h.Set("X-Ratelimit-Remaining-"+b.kind, strconv.Itoa(max(int(b.b.level), 0)))
		h.Set("X-Ratelimit-Reset-"+b.kind, resetString(b.b.reset()))
	}
}

// resetString formats a reset time as OpenAI does: "1s", "6m0s", "20ms", "0s".
func resetString(d time.Duration) string {
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
}

// requestTokens is what a request costs against a token limit: its prompt, about four
// bytes a token, and the completion tokens it allows.
func requestTokens(req openai.ChatCompletionRequest) int {
	n := 0
	for _, m := range req.Messages {
		n += 4 + len(m.Content)/4
	}
	return n + req.MaxTokens + req.MaxCompletionTokens
}
