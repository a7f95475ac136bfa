package batch

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
)

// Engine is the summarizer.Engine of a batch run: the engine it wraps, with each call's
// context labelled for the custom_ids (WithLabel), and the overview of a cable left out
// (chat.ErrDeferred, without a call) while one of its sections is deferred to a batch:
// an overview is written from the section summaries, so it waits for the next round.
// When nothing is deferred (the final pass) it is the wrapped engine.
//
// Safe for concurrent use when the wrapped engine is.
type Engine struct {
	summarizer.Engine

	mu       sync.Mutex
	deferred map[*summarizer.Cable]bool
}

var _ summarizer.Engine = (*Engine)(nil)

// NewEngine wraps e.
func NewEngine(e summarizer.Engine) *Engine {
	return &Engine{Engine: e, deferred: map[*summarizer.Cable]bool{}}
}

// SummarizeSection calls the wrapped engine with a labelled context, and notes a section
// deferred to a batch.
func (e *Engine) SummarizeSection(ctx context.Context, in summarizer.SectionInput) (summarizer.SectionResult, summarizer.Usage, error) {
	ctx = WithLabel(ctx, e.label(in.Cable, fmt.Sprintf("s%02d", in.Index+1)))
	res, u, err := e.Engine.SummarizeSection(ctx, in)
	if errors.Is(err, chat.ErrDeferred) && in.Cable != nil {
		e.mu.Lock()
		e.deferred[in.Cable] = true
		e.mu.Unlock()
	}
	return res, u, err
}

// Overview returns chat.ErrDeferred, without a call, when a section of the cable was
// deferred; else it calls the wrapped engine with a labelled context.
func (e *Engine) Overview(ctx context.Context, in summarizer.OverviewInput) (summarizer.Overview, summarizer.Usage, error) {
	e.mu.Lock()
	waiting := e.deferred[in.Cable]
	delete(e.deferred, in.Cable)
	e.mu.Unlock()
	if waiting {
		return summarizer.Overview{}, summarizer.Usage{}, fmt.Errorf("overview: waits for its sections: %w", chat.ErrDeferred)
	}
	return e.Engine.Overview(WithLabel(ctx, e.label(in.Cable, "ov")), in)
}

// Forget drops what e noted of c (a cable whose run was cut short before its overview).
func (e *Engine) Forget(c *summarizer.Cable) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.deferred, c)
}

func (e *Engine) label(c *summarizer.Cable, part string) Label {
	l := Label{Part: part, Version: e.Engine.Info().PromptVersion}
	if c != nil {
		l.Cable = c.ID
	}
	return l
}
