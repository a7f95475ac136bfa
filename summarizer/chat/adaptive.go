package chat

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// AdaptiveOptions configures WithAdaptiveConcurrency. Zero fields take the defaults noted.
type AdaptiveOptions struct {
	// OnChange, when set, is called with the new limit and the old one each time the
	// limit changes, under no lock; calls may overlap and must not block.
	OnChange func(limit, was int)
	// Rand returns a number in [0, 1) for the release jitter. nil means math/rand/v2.
	Rand func() float64
	// Now is the clock. nil means time.Now.
	Now func() time.Time
}

// Adaptive is the Completer WithAdaptiveConcurrency returns. Its methods are safe for
// concurrent use.
type Adaptive struct {
	next Completer
	max  int
	o    AdaptiveOptions

	mu        sync.Mutex
	limit     int    // requests let in at once now, 1..max
	lowest    int    // the lowest limit so far
	inFlight  int    // requests in next now
	epoch     uint64 // bumped by each decrease; a 429 of an older epoch does not decrease again
	successes int    // answers in a row at this epoch, toward the next increase
	ceiling   int    // the limit that last drew a 429; 0 when none or probed past
	paused    time.Time
	spaced    int           // releases still to space out after a pause
	gap       time.Duration // the mean gap between them
	nextAt    time.Time     // the earliest time of the next spaced release
	queue     []*waiter     // FIFO
	timer     *time.Timer   // wakes dispatch at paused or nextAt
}

type waiter struct {
	ready   chan struct{} // closed when the slot is granted
	granted bool
	epoch   uint64 // the epoch it was granted in
}

var _ Completer = (*Adaptive)(nil)

// WithAdaptiveConcurrency returns a Completer that lets at most Limit() calls into next at
// once and adapts that limit to the endpoint's capacity (AIMD): it starts at n (1 when n
// < 1); a call that comes back rate limited (RateLimited: a 429, a 503 with Retry-After)
// halves it, never below 1, once per round of calls (the other calls already in flight
// when it dropped do not halve it again); as many answers in a row as the limit climb it
// back by one, never above n, except that the limit which drew the last 429 is tried
// again only after eight times as many (a server of fixed capacity is probed now and
// then, each probe costing a 429). A Retry-After also pauses the calls that wait for a slot until it has passed,
// then lets them in one by one, each after a random gap (mean min(Retry-After, 1s) over
// twice the limit), so that they do not all arrive at the moment the server named.
//
// A call waiting for a slot returns ctx's error (wrapped) if ctx ends first. Waiting
// calls are let in in arrival order.
func WithAdaptiveConcurrency(next Completer, n int, o AdaptiveOptions) *Adaptive {
	n = max(n, 1)
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Adaptive{next: next, max: n, o: o, limit: n, lowest: n}
}

// Limit returns the number of calls let in at once now.
func (a *Adaptive) Limit() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.limit
}

// Configured returns the limit it started at, and climbs back to.
func (a *Adaptive) Configured() int { return a.max }

// Lowest returns the lowest limit it has had.
func (a *Adaptive) Lowest() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.lowest
}

// Complete waits for a slot, calls next, and adapts the limit to the outcome.
func (a *Adaptive) Complete(ctx context.Context, req Request) (Response, error) {
	epoch, err := a.acquire(ctx)
	if err != nil {
		return Response{}, fmt.Errorf("wait for a free slot: %w", err)
	}
	resp, err := a.next.Complete(ctx, req)
	a.release(epoch, err)
	return resp, err
}

// acquire waits for a slot and returns the epoch it was granted in.
func (a *Adaptive) acquire(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	a.mu.Lock()
	w := &waiter{ready: make(chan struct{})}
	a.queue = append(a.queue, w)
	a.dispatch()
	if w.granted {
		a.mu.Unlock()
		return w.epoch, nil
	}
	a.mu.Unlock()
	select {
	case <-w.ready:
		return w.epoch, nil // written before ready was closed
	case <-ctx.Done():
		a.mu.Lock()
		defer a.mu.Unlock()
		if w.granted { // granted as ctx ended: give the slot back
			a.inFlight--
			a.dispatch()
			return 0, ctx.Err()
		}
		for i, q := range a.queue {
			if q == w {
				a.queue = append(a.queue[:i], a.queue[i+1:]...)
				break
			}
		}
		return 0, ctx.Err()
	}
}

// release frees the slot of a call granted in epoch that ended with err.
func (a *Adaptive) release(epoch uint64, err error) {
	a.mu.Lock()
	a.inFlight--
	was := a.limit
	switch {
	case RateLimited(err):
		if epoch == a.epoch {
			a.ceiling = a.limit
			a.limit = max(a.limit/2, 1)
			a.lowest = min(a.lowest, a.limit)
			a.epoch++
			a.successes = 0
		}
		if ra := retryAfter(err); ra > 0 {
			now := a.o.Now()
			if until := now.Add(ra); until.After(a.paused) {
				a.paused = until
			}
			a.spaced = a.limit
			a.gap = min(ra, time.Second) / time.Duration(2*a.limit)
			a.nextAt = time.Time{}
		}
	case err == nil || errors.Is(err, ErrMalformed) || errors.Is(err, ErrTruncated):
		// An answer, a wrong one too: the endpoint served it. Answers to calls let in
		// before the last decrease do not count toward the next increase.
		if epoch == a.epoch {
			a.successes++
			need := a.limit
			if a.ceiling > 0 && a.limit+1 >= a.ceiling {
				need *= probeAfter // probing the limit that drew the last 429 again
			}
			if a.successes >= need && a.limit < a.max {
				a.limit++
				a.successes = 0
				if a.limit >= a.ceiling {
					a.ceiling = 0
				}
			}
		}
	}
	now := a.limit
	a.dispatch()
	a.mu.Unlock()
	if now != was && a.o.OnChange != nil {
		a.o.OnChange(now, was)
	}
}

// probeAfter is how many rounds of answers (of the limit each) the limit waits below the
// one that drew the last 429 before it tries that one again: a server with a fixed
// capacity is probed now and then, not every few calls.
const probeAfter = 8

// retryAfter returns the Retry-After of an *APIError in err, or 0.
func retryAfter(err error) time.Duration {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.RetryAfter
	}
	return 0
}

// dispatch grants slots to the waiters at the head of the queue while the limit, a pause
// and the spacing after a pause allow, and arms the timer for the next moment one may.
// a.mu is held.
func (a *Adaptive) dispatch() {
	for len(a.queue) > 0 && a.inFlight < a.limit {
		now := a.o.Now()
		if now.Before(a.paused) {
			a.wakeAt(a.paused)
			return
		}
		if a.spaced > 0 && now.Before(a.nextAt) {
			a.wakeAt(a.nextAt)
			return
		}
		w := a.queue[0]
		a.queue = a.queue[1:]
		a.inFlight++
		w.granted, w.epoch = true, a.epoch
		close(w.ready)
		if a.spaced > 0 {
			a.spaced--
			a.nextAt = now.Add(time.Duration(a.o.Rand() * float64(2*a.gap)))
		}
	}
}

// wakeAt arms the timer to dispatch at t. a.mu is held.
func (a *Adaptive) wakeAt(t time.Time) {
	d := max(t.Sub(a.o.Now()), time.Millisecond)
	if a.timer == nil {
		a.timer = time.AfterFunc(d, func() {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.dispatch()
		})
		return
	}
	a.timer.Reset(d)
}
