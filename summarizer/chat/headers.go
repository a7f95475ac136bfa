package chat

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is one of the endpoint's rate limits as the headers of one answer state it.
type RateLimit struct {
	Limit     int           // the most the window allows; 0 when not sent
	Remaining int           // what is left now
	Reset     time.Duration // how long until it is back to Limit; 0 when not sent
}

// RateLimits is what OpenAI's x-ratelimit-* headers of one answer say, as sent by OpenAI
// and by servers that copy it (x-ratelimit-limit-requests, x-ratelimit-remaining-requests,
// x-ratelimit-reset-requests and the same for tokens, the reset times as Go-style
// durations: "1s", "6m0s", "20ms"). A nil Requests or Tokens: that kind was not sent.
type RateLimits struct {
	Requests *RateLimit
	Tokens   *RateLimit
	At       time.Time // when the answer arrived
}

// parseRateLimits reads the x-ratelimit-* headers of h, or returns nil when there are
// none usable. A kind counts when its remaining count parses.
func parseRateLimits(h http.Header, now time.Time) *RateLimits {
	if h == nil {
		return nil
	}
	kind := func(k string) *RateLimit {
		rem, err := strconv.Atoi(strings.TrimSpace(h.Get("X-Ratelimit-Remaining-" + k)))
		if err != nil {
			return nil
		}
		l := &RateLimit{Remaining: max(rem, 0)}
		if n, err := strconv.Atoi(strings.TrimSpace(h.Get("X-Ratelimit-Limit-" + k))); err == nil && n > 0 {
			l.Limit = n
		}
		l.Reset = parseReset(h.Get("X-Ratelimit-Reset-" + k))
		return l
	}
	rl := &RateLimits{Requests: kind("Requests"), Tokens: kind("Tokens"), At: now}
	if rl.Requests == nil && rl.Tokens == nil {
		return nil
	}
	return rl
}

// parseReset reads a reset time: a Go-style duration ("6m0s", "1s", "20ms"), or a bare
// number of seconds as some servers send. It returns 0 when there is none.
func parseReset(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if d, err := time.ParseDuration(v); err == nil && d > 0 {
		return d
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 {
		return time.Duration(s * float64(time.Second))
	}
	return 0
}
