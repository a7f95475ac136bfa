// Package corpus runs the corpus path: it streams the cables of inputs of any size (files,
// directories, stdin, the release's cables.csv) through parsing and an engine to the
// writers, one document at a time, through bounded queues. Memory is bounded by a Window
// of items in flight, not by the size of the input: nothing waits for the whole corpus,
// and nothing holds every cable or every report.
//
// The stages are functions joined by channels: Parse reads and parses, Summarize runs a
// summarizer.Summarizer, and the caller's writer consumes the items and releases their
// places in the Window. Progress counts what is done and shows it.
package corpus

import (
	"context"

	"github.com/cablebrief/summarize/summarizer"
)

// Item is one document moving through the pipeline: the cables parsed from it (usually
// one; several for a stream of concatenated cables), or why there are none.
type Item struct {
	// Seq is the document's position in input order, from 0; writers that must keep the
	// input order sort by it.
	Seq int64
	// Name names the document in messages: the file ("-" for stdin), or for a row of a
	// dump "cables.csv:1234".
	Name string
	// Cables are the cables parsed from the document; nil when Err is set.
	Cables []*summarizer.Cable
	// Err says why the document could not be read or parsed; its text names the document.
	Err error
	// Reports are set by Summarize, one per cable in order; a nil entry is a cable that
	// was skipped (already done) or not summarised because the run was cancelled first.
	Reports []*summarizer.Report
	// Errs are set by Summarize: the error of each cable's run (nil when it finished;
	// the context's error when it was cut short).
	Errs []error
	// Skipped marks the cables that Summarize did not run because they were already done.
	Skipped []bool
}

// Window bounds the documents in flight between the reader and the writer: Parse takes a
// place before it reads a document, and the writer gives it back with Release once the
// item is written. It is safe for concurrent use.
type Window struct {
	places chan struct{}
}

// NewWindow returns a Window of n places (at least 1).
func NewWindow(n int) *Window {
	return &Window{places: make(chan struct{}, max(n, 1))}
}

// Acquire takes a place, waiting for one; it returns ctx's error if ctx ends first.
func (w *Window) Acquire(ctx context.Context) error {
	select {
	case w.places <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Release gives a place back. Each Acquire that returned nil is matched by one Release.
func (w *Window) Release() { <-w.places }

// Size returns the number of places.
func (w *Window) Size() int { return cap(w.places) }
