package chat

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// gauge is a Completer that records the peak number of concurrent calls; each call waits
// until release is closed.
type gauge struct {
	mu      sync.Mutex
	in      int
	peak    int
	entered chan struct{}
	release chan struct{}
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
	return Response{Usage: Usage{Requests: 1}}, nil
}

func TestConcurrency(t *testing.T) {
	for _, n := range []int{1, 3, 8} {
		g := &gauge{entered: make(chan struct{}, 100), release: make(chan struct{})}
		c := WithConcurrency(g, n)
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
	}
}

func TestConcurrencyCancelWhileWaiting(t *testing.T) {
	g := &gauge{entered: make(chan struct{}, 1), release: make(chan struct{})}
	c := WithConcurrency(g, 1)
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
}
