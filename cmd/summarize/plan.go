package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer"
)

// promptOverhead is the estimated size in tokens of the instructions, schema and context
// sent with every section call.
const promptOverhead = 900

// estimateTokens is the usual rough count: four characters a token.
func estimateTokens(chars int) int { return (chars + 3) / 4 }

// writePlan prints what a run would send — per cable its sections, calls and estimated
// prompt tokens — and sends nothing.
func writePlan(w io.Writer, cfg *config.Config, cables []*summarizer.Cable) error {
	useLLM := cfg.UseLLM()
	engine := "offline (no calls)"
	if useLLM {
		engine = fmt.Sprintf("%s at %s", cfg.LLM.Model, cfg.LLM.Endpoint())
	}
	fmt.Fprintf(w, "plan: %d cable(s), engine %s\n\n", len(cables), engine)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "cable\tsections\tcalls\test. prompt tokens\test. max completion tokens\t")
	var tSections, tCalls, tPrompt, tCompletion int
	for _, c := range cables {
		sections, calls, prompt := planCable(cfg, c)
		completion := 0
		if useLLM {
			completion = calls * cfg.LLM.MaxTokens
		} else {
			calls, prompt = 0, 0
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", c.ID, sections, calls, prompt, completion)
		tSections += sections
		tCalls += calls
		tPrompt += prompt
		tCompletion += completion
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t\n", tSections, tCalls, tPrompt, tCompletion)
	return tw.Flush()
}

// planCable estimates one cable: a call per section (more where a section is over the
// context budget and is split, plus the reduce call), and one for the overview.
func planCable(cfg *config.Config, c *summarizer.Cable) (sections, calls, prompt int) {
	summary := estimateTokens(len(c.Summary))
	budget := cfg.LLM.ContextBudget
	for _, s := range c.Sections {
		chars := 0
		for _, p := range c.SectionParagraphs(s) {
			chars += len(p.Text) + 8
		}
		t := estimateTokens(chars)
		n := 1
		if budget > 0 && t > budget {
			n = (t+budget-1)/budget + 1
		}
		calls += n
		prompt += t + n*(promptOverhead+summary)
	}
	calls++ // overview
	prompt += promptOverhead + 120*len(c.Sections)
	return len(c.Sections), calls, prompt
}
