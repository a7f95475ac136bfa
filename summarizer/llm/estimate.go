package llm

import (
	"fmt"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
)

// Estimate says what SummarizeSection would send for in, without sending anything: the
// number of calls on a cold cache when no answer needs a re-ask (one, or one per part
// plus the merge for a section over the context budget), and the prompt tokens those
// calls would send, estimated as bytes/4 of the messages (the merge also sends the part
// answers, each counted as Options.MaxTokens, 1024 when 0). A section that would fail with ErrTooLong returns that error.
func (e *Engine) Estimate(in summarizer.SectionInput) (calls, tokens int, err error) {
	in.Labels = e.labels(in.Labels)
	req, err := e.sectionSystem(in.Labels)
	if err != nil {
		return 0, 0, err
	}
	if len(in.Paragraphs) == 0 {
		return 0, 0, nil
	}
	parts := split(in.Paragraphs, e.o.ContextBudget)
	if len(parts) > e.o.MaxParts {
		return 0, 0, fmt.Errorf("estimate section: %w: %d parts, more than the limit of %d", ErrTooLong, len(parts), e.o.MaxParts)
	}
	for i, ps := range parts {
		sub := in
		sub.Paragraphs = ps
		sub.Section.Paragraphs = numbers(ps)
		user, err := e.prompts.Section(sectionData(sub, i+1, len(parts)))
		if err != nil {
			return 0, 0, err
		}
		calls++
		tokens += e.promptTokens([]chat.Message{{Content: req.system}, {Content: user}})
	}
	if len(parts) > 1 {
		// The merge sends the system message, the section's context and the part results,
		// each about as long as an answer.
		calls++
		tokens += e.promptTokens([]chat.Message{{Content: req.system}}) + len(parts)*e.answerTokens()
	}
	return calls, tokens, nil
}

// EstimateOverview says what Overview would send for a cable of sections sections: one
// call, its tokens estimated with a summary of about 80 tokens per section.
func (e *Engine) EstimateOverview(sections int) (calls, tokens int, err error) {
	req, err := e.overviewSystem()
	if err != nil {
		return 0, 0, err
	}
	if sections == 0 {
		return 0, 0, nil // no summaries, no overview call
	}
	return 1, e.promptTokens([]chat.Message{{Content: req.system}}) + 80*sections, nil
}

// answerTokens is the token allowance of one answer.
func (e *Engine) answerTokens() int {
	if e.o.MaxTokens > 0 {
		return e.o.MaxTokens
	}
	return 1024
}
