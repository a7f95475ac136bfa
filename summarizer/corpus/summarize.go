package corpus

import (
	"context"
	"sync"

	"github.com/cablebrief/summarize/summarizer"
)

// SummarizeOptions configure Summarize.
type SummarizeOptions struct {
	// Workers is the number of cables summarised at once; 1 when < 1. The engine bounds
	// its own requests; several cables per request slot keep the slots busy while a
	// cable's overview waits for its sections.
	Workers int
	// Skip, when set, says that a cable is already done (stored by an earlier run with the
	// same engine): it is not run, and its Skipped entry is true.
	Skip func(*summarizer.Cable) bool
	// Progress, when set, counts the cables and sections done.
	Progress *Progress
}

// Summarize runs s on every cable of every item of in, on opts.Workers goroutines, and
// sends each item on out with its Reports, Errs and Skipped filled in. Items with Err pass
// through. Once ctx is done the remaining cables are not started (their Errs entry is
// ctx's error and their report nil), but every item is still passed on, so that the
// writer sees each one. Summarize closes out when in is closed and drained.
func Summarize(ctx context.Context, s *summarizer.Summarizer, in <-chan Item, out chan<- Item, opts SummarizeOptions) {
	defer close(out)
	var wg sync.WaitGroup
	for range max(opts.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range in {
				out <- summarizeItem(ctx, s, it, opts)
			}
		}()
	}
	wg.Wait()
}

func summarizeItem(ctx context.Context, s *summarizer.Summarizer, it Item, opts SummarizeOptions) Item {
	n := len(it.Cables)
	it.Reports, it.Errs, it.Skipped = make([]*summarizer.Report, n), make([]error, n), make([]bool, n)
	for i, c := range it.Cables {
		if err := ctx.Err(); err != nil {
			it.Errs[i] = err
			continue
		}
		if opts.Skip != nil && opts.Skip(c) {
			it.Skipped[i] = true
			if opts.Progress != nil {
				opts.Progress.CableSkipped()
			}
			continue
		}
		r, err := s.Summarize(ctx, c)
		it.Reports[i], it.Errs[i] = r, err
		if opts.Progress != nil && r != nil {
			failed := 0
			for _, sec := range r.Sections {
				if sec.Error != "" && sec.Error != summarizer.ErrorCancelled {
					failed++
				}
			}
			opts.Progress.CableDone(len(r.Sections), failed)
		}
	}
	return it
}
