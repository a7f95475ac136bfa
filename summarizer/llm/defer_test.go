package llm

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/cablebrief/summarize/summarizer/chat"
)

// TestDeferredPartsAreAllAsked: when the chat layer defers requests to a batch
// (chat.ErrDeferred), every part of a split section is still asked, once, so that one
// batch holds them all; the merge waits, and the error says the section was deferred.
func TestDeferredPartsAreAllAsked(t *testing.T) {
	c := seedCable(t)
	in := sectionInput(t, c, "KOSOVO") // two parts at a budget of 600
	var mu sync.Mutex
	var asked []chat.Request
	defer1 := completerFunc(func(ctx context.Context, req chat.Request) (chat.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, req)
		return chat.Response{}, chat.ErrDeferred
	})
	e := newEngine(t, defer1, Options{ContextBudget: 600})
	_, _, err := e.SummarizeSection(context.Background(), in)
	if !errors.Is(err, chat.ErrDeferred) {
		t.Fatalf("error %v, want one wrapping chat.ErrDeferred", err)
	}
	if len(asked) != 2 {
		t.Errorf("%d requests, want the 2 parts", len(asked))
	}
	// A section that fits is asked once, and deferred the same way.
	asked = nil
	if _, _, err := e.SummarizeSection(context.Background(), sectionInput(t, c, "IRAN")); !errors.Is(err, chat.ErrDeferred) || len(asked) != 1 {
		t.Errorf("one part: %v after %d requests, want ErrDeferred after 1", err, len(asked))
	}
}
