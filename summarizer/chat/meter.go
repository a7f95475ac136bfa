package chat

import (
	"fmt"
	"strconv"
	"sync"
)

// Meter sums the Usage of many calls. The zero value is an empty Meter, ready to use; a
// Meter is safe for concurrent use and must not be copied after first use.
type Meter struct {
	mu sync.Mutex
	u  Usage
}

// Add adds u to the total.
func (m *Meter) Add(u Usage) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.u = addUsage(m.u, u)
}

// Total returns the sum of everything added so far.
func (m *Meter) Total() Usage {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.u
}

// Line formats the total as the one-line summary printed on stderr after a run:
//
//	412 requests, 183,204 prompt + 40,118 completion tokens (12,800 cached), 12 retries, 30 cache hits
func (m *Meter) Line() string {
	u := m.Total()
	return fmt.Sprintf("%s %s, %s prompt + %s completion tokens (%s cached), %s %s, %s %s",
		thousands(u.Requests), plural(u.Requests, "request", "requests"),
		thousands(u.PromptTokens), thousands(u.CompletionTokens), thousands(u.CachedTokens),
		thousands(u.Retries), plural(u.Retries, "retry", "retries"),
		thousands(u.CacheHits), plural(u.CacheHits, "cache hit", "cache hits"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// thousands formats n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}
