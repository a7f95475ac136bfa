package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer"
)

// estimator is what the plan needs of an engine that sends requests.
type estimator interface {
	Estimate(in summarizer.SectionInput) (calls, tokens int, err error)
	EstimateOverview(sections int) (calls, tokens int, err error)
}

// writePlan prints what a run would send — per cable its sections, calls and estimated
// prompt tokens — and sends nothing. est is nil for an engine that sends nothing.
func writePlan(w io.Writer, cfg *config.Config, cables []*summarizer.Cable, est estimator) error {
	engine := "offline (no calls)"
	if est != nil {
		engine = fmt.Sprintf("%s at %s", cfg.LLM.Model, cfg.LLM.Endpoint())
	}
	fmt.Fprintf(w, "plan: %s, engine %s\n\n", plural(len(cables), "cable"), engine)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "cable\tsections\tcalls\test. prompt tokens\tmax completion tokens\tnote\t")
	var tSections, tCalls, tPrompt, tCompletion int
	for _, c := range cables {
		calls, prompt, note := 0, 0, ""
		if est != nil {
			for i, s := range c.Sections {
				n, t, err := est.Estimate(summarizer.SectionInput{Cable: c, Index: i, Section: s, Paragraphs: c.SectionParagraphs(s), Labels: cfg.Labels})
				if err != nil {
					note = err.Error()
				}
				calls += n
				prompt += t
			}
			n, t, err := est.EstimateOverview(len(c.Sections))
			if err == nil {
				calls += n
				prompt += t
			}
		}
		completion := calls * cfg.LLM.MaxTokens
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\t\n", c.ID, len(c.Sections), calls, prompt, completion, note)
		tSections += len(c.Sections)
		tCalls += calls
		tPrompt += prompt
		tCompletion += completion
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t\t\n", tSections, tCalls, tPrompt, tCompletion)
	return tw.Flush()
}
