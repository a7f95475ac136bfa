package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/corpus"
)

// estimator is what the plan needs of an engine that sends requests.
type estimator interface {
	Estimate(in summarizer.SectionInput) (calls, tokens int, err error)
	EstimateOverview(sections int) (calls, tokens int, err error)
}

// planRows is how many cables the plan lists one by one; the rest are counted.
const planRows = 200

// planner prints what a run would send — per cable its sections, calls and estimated
// prompt tokens, then the totals — and sends nothing. It streams the inputs like a run.
type planner struct {
	w    io.Writer
	cfg  *config.Config
	est  estimator                    // nil for an engine that sends nothing
	done func(*summarizer.Cable) bool // already stored: a run would skip it; may be nil
}

func (p *planner) run(ctx context.Context, args []string, stdin io.Reader) error {
	engine := "offline (no calls)"
	if p.est != nil {
		engine = fmt.Sprintf("%s at %s", p.cfg.LLM.Model, p.cfg.LLM.Endpoint())
	}
	fmt.Fprintf(p.w, "plan: engine %s\n\n", engine)
	const row = "%-24s %9s %7s %18s %22s  %s\n"
	fmt.Fprintf(p.w, row, "cable", "sections", "calls", "est. prompt tokens", "max completion tokens", "note")
	var cables, skipped, sections, calls, prompt, completion int
	failed := false
	window := corpus.NewWindow(64)
	items := make(chan corpus.Item, 8)
	go corpus.Parse(ctx, args, stdin, corpus.ParseOptions{Workers: min(runtime.GOMAXPROCS(0), 4), Window: window}, items)
	corpus.Ordered(items, func(it corpus.Item) {
		defer window.Release()
		if it.Err != nil {
			fmt.Fprintf(p.w, row, it.Name, "", "", "", "", "not read: "+it.Err.Error())
			failed = true
			return
		}
		for _, c := range it.Cables {
			if p.done != nil && p.done(c) {
				skipped++
				continue
			}
			n, t, note := p.cable(c)
			cables++
			sections += len(c.Sections)
			calls += n
			prompt += t
			completion += n * p.cfg.LLM.MaxTokens
			if cables <= planRows {
				fmt.Fprintf(p.w, row, c.ID, fmt.Sprint(len(c.Sections)), fmt.Sprint(n), fmt.Sprint(t), fmt.Sprint(n*p.cfg.LLM.MaxTokens), note)
			}
		}
	})
	if cables > planRows {
		fmt.Fprintf(p.w, "%-24s %d more cables, not listed\n", "…", cables-planRows)
	}
	fmt.Fprintf(p.w, row, "total", fmt.Sprint(sections), fmt.Sprint(calls), fmt.Sprint(prompt), fmt.Sprint(completion), plural(cables, "cable"))
	if skipped > 0 {
		fmt.Fprintf(p.w, "\n%s already stored by the same engine would be skipped (--force redoes them)\n", plural(skipped, "cable"))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return partial(failed)
}

// cable estimates the calls and prompt tokens of one cable.
func (p *planner) cable(c *summarizer.Cable) (calls, tokens int, note string) {
	if p.est == nil {
		return 0, 0, ""
	}
	for i, s := range c.Sections {
		n, t, err := p.est.Estimate(summarizer.SectionInput{Cable: c, Index: i, Section: s, Paragraphs: c.SectionParagraphs(s), Labels: p.cfg.Labels})
		if err != nil {
			note = err.Error()
		}
		calls += n
		tokens += t
	}
	if n, t, err := p.est.EstimateOverview(len(c.Sections)); err == nil {
		calls += n
		tokens += t
	}
	return calls, tokens, note
}
