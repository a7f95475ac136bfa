package chat

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"
)

// gauge is a Completer that records the peak number of concurrent calls; each call waits
// until release is closed, then answers with reply (nil: an answer).
type gauge struct {
	mu      sync.Mutex
	in      int
	peak    int
	entered chan struct{}
	release chan struct{}
	reply   func() error
}

func (g *gauge) Complete(ctx context.Context, req Request) (Response, error) {
	g.mu.Lock()
	g.in++
	g.peak = max(g.peak, g.in)
	g.mu.Unlock()
	g.entered <- struct{}{}
	<-g.release
	g.mu.Lock()
	g.in--
	g.mu.Unlock()
	if g.reply != nil {
		return Response{Usage: Usage{Requests: 1}}, g.reply()
	}
	return Response{Usage: Usage{Requests: 1}}, nil
}

func TestAdaptiveBoundsConcurrency(t *testing.T) {
	for _, n := range []int{1, 3, 8} {
		g := &gauge{entered: make(chan struct{}, 100), release: make(chan struct{})}
		c := WithAdaptiveConcurrency(g, n, AdaptiveOptions{})
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Go(func() { c.Complete(context.Background(), request(i)) })
		}
		for range n {
			<-g.entered // n calls are in; the others must be waiting
		}
		close(g.release)
		wg.Wait()
		if g.peak != n {
			t.Errorf("n=%d: peak %d concurrent calls, want %d", n, g.peak, n)
		}
		if c.Limit() != n {
			t.Errorf("n=%d: limit %d after answers only, want %d", n, c.Limit(), n)
		}
	}
}

func TestAdaptiveCancelWhileWaiting(t *testing.T) {
	g := &gauge{entered: make(chan struct{}, 1), release: make(chan struct{})}
	c := WithAdaptiveConcurrency(g, 1, AdaptiveOptions{})
	done := make(chan struct{})
	go func() {
		c.Complete(context.Background(), request(1))
		close(done)
	}()
	<-g.entered // the only slot is taken
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error)
	go func() {
		_, err := c.Complete(ctx, request(2))
		errc <- err
	}()
	// Cancel once the second call waits for the slot, and fail rather than hang if the
	// wait ignores the context.
	time.AfterFunc(20*time.Millisecond, cancel)
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a call waiting for a slot did not return when its context was cancelled")
	}
	close(g.release)
	<-done
	// The cancelled waiter left no slot taken.
	if _, err := c.Complete(context.Background(), request(3)); err != nil {
		t.Fatal(err)
	}
}

// TestAdaptiveHalvesOncePerRound: eight calls in flight all answered 429 halve the limit
// once, not three times.
func TestAdaptiveHalvesOncePerRound(t *testing.T) {
	g := &gauge{entered: make(chan struct{}, 100), release: make(chan struct{}),
		reply: func() error { return &APIError{Status: 429} }}
	var changes []int
	var mu sync.Mutex
	c := WithAdaptiveConcurrency(g, 8, AdaptiveOptions{OnChange: func(limit, was int) {
		mu.Lock()
		changes = append(changes, limit)
		mu.Unlock()
	}})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() { c.Complete(context.Background(), request(i)) })
	}
	for range 8 {
		<-g.entered
	}
	close(g.release)
	wg.Wait()
	if got := c.Limit(); got != 4 {
		t.Errorf("limit %d after one round of 429s, want 4", got)
	}
	if len(changes) != 1 || changes[0] != 4 {
		t.Errorf("OnChange heard %v, want [4]", changes)
	}
}

// TestAdaptiveClimbsBack: the limit halves on each 429 of a new round, never below 1,
// climbs by one after as many answers as the limit, probes the limit that drew the last
// 429 only after eight rounds, and never passes the configured limit.
func TestAdaptiveClimbsBack(t *testing.T) {
	var next error
	c := WithAdaptiveConcurrency(&scripted{reply: func(int, Request) (Response, error) { return Response{}, next }}, 8, AdaptiveOptions{})
	call := func(err error, times int) {
		next = err
		for range times {
			c.Complete(context.Background(), request(1))
		}
	}
	limited := &APIError{Status: 429}
	call(limited, 1)
	call(limited, 1)
	if got := c.Limit(); got != 2 {
		t.Fatalf("limit %d after two 429s in two rounds, want 2", got)
	}
	call(limited, 5)
	if got := c.Limit(); got != 1 {
		t.Fatalf("limit %d after many 429s, want 1", got)
	}
	call(nil, 1) // 1 answer at limit 1 (the last 429 came at 2: this is a probe)
	if got := c.Limit(); got != 1 {
		t.Errorf("limit %d after one answer, want still 1: 2 drew the last 429", got)
	}
	call(nil, 7) // eight rounds of one
	if got := c.Limit(); got != 2 {
		t.Errorf("limit %d after eight answers, want 2", got)
	}
	call(nil, 2)
	if got := c.Limit(); got != 3 {
		t.Errorf("limit %d, want 3", got)
	}
	call(fmtErr(ErrMalformed), 3) // a wrong answer is still an answer
	if got := c.Limit(); got != 4 {
		t.Errorf("limit %d, want 4", got)
	}
	call(&APIError{Status: 500}, 20) // server errors neither lower nor raise it
	if got := c.Limit(); got != 4 {
		t.Errorf("limit %d after 500s, want 4", got)
	}
	call(nil, 100)
	if got, lowest := c.Limit(), c.Lowest(); got != 8 || lowest != 1 {
		t.Errorf("limit %d (lowest %d) after many answers, want 8 (1)", got, lowest)
	}
	call(&APIError{Status: 503, RetryAfter: time.Millisecond}, 1)
	if got := c.Limit(); got != 4 {
		t.Errorf("limit %d after a 503 with Retry-After, want 4", got)
	}
	call(&APIError{Status: 429, Code: "insufficient_quota"}, 3)
	if got := c.Limit(); got != 4 {
		t.Errorf("limit %d after quota errors, want 4: a spent quota is not a rate limit", got)
	}
}

func fmtErr(err error) error { return errors.Join(errors.New("answer"), err) }

// TestAdaptiveReleasesOneByOne: after a Retry-After, the calls that waited are let in
// after it has passed, one at a time, a gap apart.
func TestAdaptiveReleasesOneByOne(t *testing.T) {
	const retryAfter = 100 * time.Millisecond
	var mu sync.Mutex
	var starts []time.Time
	first := make(chan struct{})
	gate := make(chan struct{})
	next := &scripted{reply: func(n int, _ Request) (Response, error) {
		if n == 1 {
			close(first)
			<-gate
			return Response{}, &APIError{Status: 429, RetryAfter: retryAfter}
		}
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		return Response{}, nil
	}}
	// Rand 0.5: each gap is its mean, min(Retry-After, 1s) / (2 × limit) = 100ms/(2×4).
	c := WithAdaptiveConcurrency(next, 8, AdaptiveOptions{Rand: func() float64 { return 0.5 }})
	limitedDone := make(chan struct{})
	go func() {
		c.Complete(context.Background(), request(0))
		close(limitedDone)
	}()
	<-first
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() { c.Complete(context.Background(), request(i+1)) })
	}
	// The four wait only for the 429: the limit is 8. Hold them back by a pause: answer
	// the first call now, and they queue behind the Retry-After.
	time.Sleep(10 * time.Millisecond)
	mu.Lock()
	early := len(starts)
	mu.Unlock()
	limitedAt := time.Now()
	close(gate)
	wg.Wait()
	<-limitedDone
	if early != 4 {
		t.Fatalf("%d of 4 calls ran before the 429, want 4 (the limit was 8)", early)
	}
	// Now a second wave arrives during the pause.
	var wave sync.WaitGroup
	mu.Lock()
	starts = nil
	mu.Unlock()
	for i := range 4 {
		wave.Go(func() { c.Complete(context.Background(), request(i+10)) })
	}
	wave.Wait()
	mu.Lock()
	defer mu.Unlock()
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	for i, s := range starts {
		if s.Sub(limitedAt) < retryAfter {
			t.Errorf("call %d let in %s after the 429, before its Retry-After of %s", i, s.Sub(limitedAt), retryAfter)
		}
	}
	// Three gaps of 12.5ms lie between the first and the last; allow for the time the
	// first took to start after its release.
	if spread := starts[len(starts)-1].Sub(starts[0]); spread < 25*time.Millisecond {
		t.Errorf("the four calls were let in within %s, want one by one about 12.5ms apart", spread)
	}
}
