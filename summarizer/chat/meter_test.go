package chat

import (
	"sync"
	"testing"
)

func TestMeter(t *testing.T) {
	var m Meter
	if got, want := m.Line(), "0 requests, 0 prompt + 0 completion tokens (0 cached), 0 retries, 0 cache hits"; got != want {
		t.Errorf("empty: %q, want %q", got, want)
	}
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			m.Add(Usage{Requests: 1, PromptTokens: 1234, CompletionTokens: 56, CachedTokens: 100, Retries: 1})
		})
	}
	wg.Go(func() { m.Add(Usage{CacheHits: 1}) })
	wg.Wait()
	want := Usage{Requests: 100, PromptTokens: 123400, CompletionTokens: 5600, CachedTokens: 10000, Retries: 100, CacheHits: 1}
	if got := m.Total(); got != want {
		t.Errorf("Total %+v, want %+v", got, want)
	}
	if got, want := m.Line(), "100 requests, 123,400 prompt + 5,600 completion tokens (10,000 cached), 100 retries, 1 cache hit"; got != want {
		t.Errorf("Line %q, want %q", got, want)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
