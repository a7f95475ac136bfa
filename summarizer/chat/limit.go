package chat

import (
	"context"
	"fmt"
)

type concurrencyLimit struct {
	next Completer
	sem  chan struct{}
}

var _ Completer = (*concurrencyLimit)(nil)

// WithConcurrency returns a Completer that lets at most n calls into next at once; the
// others wait their turn, or return ctx's error (wrapped) if ctx ends first. n < 1 means 1.
func WithConcurrency(next Completer, n int) Completer {
	return &concurrencyLimit{next: next, sem: make(chan struct{}, max(n, 1))}
}

func (l *concurrencyLimit) Complete(ctx context.Context, req Request) (Response, error) {
	if err := ctx.Err(); err != nil {
		return Response{}, fmt.Errorf("wait for a free slot: %w", err)
	}
	select {
	case l.sem <- struct{}{}:
	case <-ctx.Done():
		return Response{}, fmt.Errorf("wait for a free slot: %w", ctx.Err())
	}
	defer func() { <-l.sem }()
	return l.next.Complete(ctx, req)
}
