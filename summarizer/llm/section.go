package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cablebrief/summarize/prompts"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
)

// labelDefinitions define the default labels for the prompt; a configured label not in
// this map goes to the model without a definition.
var labelDefinitions = map[string]string{
	"supports":    "agrees with or backs the proposition",
	"conditional": "backs it only under conditions, or with reservations on timing or method",
	"neutral":     "takes no side, or a balanced or undecided position",
	"skeptical":   "doubts it or is reluctant, without rejecting it outright",
	"opposes":     "rejects it or argues against it",
}

// voiceDefinitions define the voices for the prompt.
var voiceDefinitions = map[string]string{
	summarizer.VoiceReported:    "a position the cable reports an interlocutor or official as stating",
	summarizer.VoiceEmbassy:     "the drafters' own assessment, usually in a COMMENT",
	summarizer.VoiceInstruction: "the Department's instructions or talking points",
}

// sectionRequest is the fixed part of the requests for one label set: the system
// message and the schema.
type sectionRequest struct {
	system string
	schema *chat.Schema
}

// sectionSystem renders the system message and schema of section requests with labels.
// Neither depends on the cable.
func (e *Engine) sectionSystem(labels []string) (sectionRequest, error) {
	compact, indented, err := schemaJSON(sectionAnswer{}, map[string][]string{
		"labels": labels,
		"voices": summarizer.Voices,
	})
	if err != nil {
		return sectionRequest{}, err
	}
	d := prompts.System{Schema: indented}
	for _, l := range labels {
		def, ok := e.o.LabelDefinitions[l]
		if !ok {
			def = labelDefinitions[l]
		}
		d.Labels = append(d.Labels, prompts.Term{Name: l, Definition: def})
	}
	for _, v := range summarizer.Voices {
		d.Voices = append(d.Voices, prompts.Term{Name: v, Definition: voiceDefinitions[v]})
	}
	sys, err := e.prompts.System(d)
	if err != nil {
		return sectionRequest{}, err
	}
	return sectionRequest{system: sys, schema: &chat.Schema{Name: SectionSchemaName, Schema: compact}}, nil
}

// SummarizeSection asks the model for the summary, key points and stances of one
// section, validates the answer (summarizer.Validate) and grounds its quotes
// (summarizer.Ground), re-asking with the problems as described on Options. The result
// has Grounded set on every piece of evidence; ungrounded quotes are kept.
//
// A section whose text is over the context budget is split by paragraphs (a paragraph
// over the budget at sentence ends) into parts summarised one call each, then merged by
// one more call; Options.Warn is told. A section that would need more than
// Options.MaxParts parts fails with ErrTooLong, without a call. A section (or part) whose
// answer comes back truncated from the chat layer, which has already asked again with a
// larger completion limit, is split in two the same way (up to MaxParts parts in all;
// text under about 200 tokens is re-asked instead).
//
// The error wraps the chat layer's error, or says what was wrong with the last answer
// (a *summarizer.ValidationError, ErrMalformed, ErrTruncated or ErrReAskBudget), or
// wraps ErrTooLong. Usage counts every call, also on error. When the chat layer defers
// a part's request (chat.ErrDeferred: recorded for a batch), the other parts are still
// asked, so that one batch holds them all, and the error wraps chat.ErrDeferred.
func (e *Engine) SummarizeSection(ctx context.Context, in summarizer.SectionInput) (summarizer.SectionResult, summarizer.Usage, error) {
	var u summarizer.Usage
	in.Labels = e.labels(in.Labels)
	if err := checkLabels(in.Labels); err != nil {
		return summarizer.SectionResult{}, u, fmt.Errorf("summarize section: %w", err)
	}
	if len(in.Paragraphs) == 0 {
		return summarizer.SectionResult{}, u, errors.New("summarize section: the section has no paragraphs")
	}
	req, err := e.sectionSystem(in.Labels)
	if err != nil {
		return summarizer.SectionResult{}, u, fmt.Errorf("summarize section: %w", err)
	}
	parts := split(in.Paragraphs, e.o.ContextBudget)
	if len(parts) > 1 {
		total := 0
		for _, p := range in.Paragraphs {
			total += paragraphTokens(p)
		}
		if len(parts) > e.o.MaxParts {
			return summarizer.SectionResult{}, u, fmt.Errorf("summarize section: %w: about %d tokens of text would take %d parts of the context budget of %d tokens, more than the limit of %d",
				ErrTooLong, total, len(parts), e.o.ContextBudget, e.o.MaxParts)
		}
		e.warn(in, "section text of about %d tokens is over the context budget of %d: split into %d parts by paragraphs and merged", total, e.o.ContextBudget, len(parts))
		for _, p := range in.Paragraphs {
			if t := paragraphTokens(p); t > e.o.ContextBudget {
				e.warn(in, "paragraph %d alone is about %d tokens, over the context budget of %d: cut at sentence boundaries across parts", p.Number, t, e.o.ContextBudget)
			}
		}
	}
	results := make([]summarizer.SectionResult, 0, len(parts))
	var deferred error // a part's request was deferred to a batch: record the others too
	for i := 0; i < len(parts); i++ {
		ps := parts[i]
		sub := in
		sub.Paragraphs = ps
		sub.Section.Paragraphs = numbers(ps)
		halves := halve(ps)
		splittable := len(halves) > 1 && len(parts)-1+len(halves) <= e.o.MaxParts
		res, err := e.sectionCall(ctx, sub, req, i+1, len(parts), splittable, &u)
		if errors.Is(err, errTruncatedTwice) {
			// The answer does not fit the completion limit, even doubled: ask for the
			// halves of this part, and merge.
			e.warn(in, "the answer for paragraphs %s was cut off by the completion limit twice: split into %d parts", numberList(ps), len(halves))
			parts = slices.Replace(parts, i, i+1, halves...)
			i--
			continue
		}
		if errors.Is(err, chat.ErrDeferred) {
			deferred = err
			continue
		}
		if err != nil {
			if len(parts) == 1 {
				return summarizer.SectionResult{}, u, fmt.Errorf("summarize section: %w", err)
			}
			return summarizer.SectionResult{}, u, fmt.Errorf("summarize section: part %d of %d (paragraphs %s): %w", i+1, len(parts), numberList(ps), err)
		}
		results = append(results, res)
	}
	if deferred != nil {
		return summarizer.SectionResult{}, u, fmt.Errorf("summarize section: %w", deferred)
	}
	if len(results) == 1 {
		return results[0], u, nil
	}
	res, err := e.reduceCall(ctx, in, req, results, &u)
	if err != nil {
		return summarizer.SectionResult{}, u, fmt.Errorf("summarize section: merge %d parts: %w", len(parts), err)
	}
	return res, u, nil
}

// errTruncatedTwice is what a splittable section call returns when its answer was cut
// off by the completion limit although the chat layer asked again with a larger one.
var errTruncatedTwice = errors.New("answer truncated twice")

// minSplitTokens is the least text, in tokens, split because its answer was truncated:
// below it a cut answer is a rambling model, which a re-ask corrects, not a long input.
const minSplitTokens = 200

// halve cuts ps into two runs of about equal size (or three, when a paragraph is too
// long for either), or returns ps alone when it is too short to split.
func halve(ps []summarizer.Paragraph) [][]summarizer.Paragraph {
	total := 0
	for _, p := range ps {
		total += paragraphTokens(p)
	}
	if total < minSplitTokens {
		return [][]summarizer.Paragraph{ps}
	}
	return split(ps, (total+1)/2)
}

// sectionCall asks for one section, or part part of parts of it. When splittable, an
// answer the chat layer reports truncated returns errTruncatedTwice, for the caller to
// split the part; otherwise it is re-asked.
func (e *Engine) sectionCall(ctx context.Context, in summarizer.SectionInput, req sectionRequest, part, parts int, splittable bool, u *summarizer.Usage) (summarizer.SectionResult, error) {
	user, err := e.prompts.Section(sectionData(in, part, parts))
	if err != nil {
		return summarizer.SectionResult{}, err
	}
	return e.converseSection(ctx, in, req, user, splittable, u)
}

// sectionData is the data of the user message for in, part part of parts.
func sectionData(in summarizer.SectionInput, part, parts int) prompts.Section {
	d := prompts.Section{Context: promptContext(in), Part: part, Parts: parts, Numbers: numberList(in.Paragraphs)}
	for _, p := range in.Paragraphs {
		d.Paragraphs = append(d.Paragraphs, prompts.Paragraph{Number: p.Number, Text: prompts.Neutralize(p.Text)})
	}
	return d
}

// reduceCall merges the results of the parts of a split section.
func (e *Engine) reduceCall(ctx context.Context, in summarizer.SectionInput, req sectionRequest, results []summarizer.SectionResult, u *summarizer.Usage) (summarizer.SectionResult, error) {
	d := prompts.Reduce{Context: promptContext(in), Numbers: numberList(in.Paragraphs)}
	for _, r := range results {
		b, err := json.Marshal(answerOf(r))
		if err != nil {
			return summarizer.SectionResult{}, fmt.Errorf("encode part result: %w", err)
		}
		d.Results = append(d.Results, prompts.Neutralize(string(b)))
	}
	user, err := e.prompts.Reduce(d)
	if err != nil {
		return summarizer.SectionResult{}, err
	}
	return e.converseSection(ctx, in, req, user, false, u)
}

func (e *Engine) converseSection(ctx context.Context, in summarizer.SectionInput, req sectionRequest, user string, splittable bool, u *summarizer.Usage) (summarizer.SectionResult, error) {
	keys := requiredKeys(sectionAnswer{})
	c := &conversation[summarizer.SectionResult]{
		e:          e,
		splittable: splittable,
		msgs:       []chat.Message{{Role: "system", Content: req.system}, {Role: "user", Content: user}},
		schema:     req.schema,
		usage:      u,
		check: func(content, finish string) verdict[summarizer.SectionResult] {
			var a sectionAnswer
			if ps, err := decode(content, finish, &a, keys); err != nil {
				return decodeVerdict[summarizer.SectionResult](ps, err)
			}
			res := a.result()
			if err := summarizer.Validate(res, in); err != nil {
				v := verdict[summarizer.SectionResult]{err: err}
				var ve *summarizer.ValidationError
				if errors.As(err, &ve) {
					v.problems = problemLines(ve.Problems)
				} else {
					v.problems = []string{"$: " + err.Error()}
				}
				return v
			}
			ground := summarizer.Ground(&res, in)
			return verdict[summarizer.SectionResult]{val: res, valid: true, ground: problemLines(ground)}
		},
	}
	res, err := c.run(ctx)
	for _, n := range c.notes {
		e.warn(in, "%s", n)
	}
	return res, err
}

// result converts an answer into a SectionResult with empty lists rather than nil and
// Grounded false.
func (a sectionAnswer) result() summarizer.SectionResult {
	res := summarizer.SectionResult{
		Summary:   strings.TrimSpace(a.Summary),
		KeyPoints: make([]string, 0, len(a.KeyPoints)),
		Stances:   make([]summarizer.Stance, 0, len(a.Stances)),
	}
	for _, k := range a.KeyPoints {
		res.KeyPoints = append(res.KeyPoints, strings.TrimSpace(k))
	}
	for _, s := range a.Stances {
		st := summarizer.Stance{
			Actor: strings.TrimSpace(s.Actor), Affiliation: strings.TrimSpace(s.Affiliation),
			Target: strings.TrimSpace(s.Target), Label: strings.TrimSpace(s.Label),
			Voice: strings.TrimSpace(s.Voice), Evidence: make([]summarizer.Evidence, 0, len(s.Evidence)),
		}
		for _, ev := range s.Evidence {
			st.Evidence = append(st.Evidence, summarizer.Evidence{Paragraph: ev.Paragraph, Quote: ev.Quote})
		}
		res.Stances = append(res.Stances, st)
	}
	return res
}

// answerOf is the inverse of result, for the reduce prompt.
func answerOf(r summarizer.SectionResult) sectionAnswer {
	a := sectionAnswer{Summary: r.Summary, KeyPoints: r.KeyPoints, Stances: make([]stanceAnswer, 0, len(r.Stances))}
	if a.KeyPoints == nil {
		a.KeyPoints = []string{}
	}
	for _, s := range r.Stances {
		sa := stanceAnswer{Actor: s.Actor, Affiliation: s.Affiliation, Target: s.Target, Label: s.Label, Voice: s.Voice}
		for _, ev := range s.Evidence {
			sa.Evidence = append(sa.Evidence, evidenceAnswer{Paragraph: ev.Paragraph, Quote: ev.Quote})
		}
		a.Stances = append(a.Stances, sa)
	}
	return a
}

// promptContext is what the section prompt says about the cable: never the routing
// lines of the header.
func promptContext(in summarizer.SectionInput) prompts.Context {
	n := prompts.Neutralize
	c := prompts.Context{Title: n(in.Section.Title), Kind: in.Section.Kind}
	if in.Cable == nil {
		return c
	}
	c.CableID, c.Subject, c.Date, c.Origin = n(in.Cable.ID), n(in.Cable.Subject), n(in.Cable.Date), n(in.Cable.Origin)
	for _, p := range in.Cable.Participants {
		c.Participants = append(c.Participants, n(p))
	}
	if in.Section.Kind != summarizer.KindSummary {
		c.CableSummary = n(strings.Join(strings.Fields(in.Cable.Summary), " "))
	}
	return c
}

// paragraphTokens estimates the tokens a paragraph takes in the prompt.
func paragraphTokens(p summarizer.Paragraph) int { return tokens(p.Text) + 3 }

// split cuts ps into runs of consecutive paragraphs of about equal size, each within
// budget tokens: a paragraph over the budget is first cut into pieces at sentence
// boundaries (else at spaces), and the pieces of one paragraph that land in the same run
// are joined again, so a run never holds a paragraph number twice. A budget < 1 or text
// within it gives one run of ps as they are.
func split(ps []summarizer.Paragraph, budget int) [][]summarizer.Paragraph {
	total := 0
	for _, p := range ps {
		total += paragraphTokens(p)
	}
	if budget < 1 || total <= budget {
		return [][]summarizer.Paragraph{ps}
	}
	var units []summarizer.Paragraph
	for _, p := range ps {
		units = append(units, pieces(p, budget)...)
	}
	k := (total + budget - 1) / budget
	target := (total + k - 1) / k
	var out [][]summarizer.Paragraph
	var cur []summarizer.Paragraph
	n := 0
	for _, p := range units {
		t := paragraphTokens(p)
		if len(cur) > 0 && (n+t > budget || n >= target) {
			out = append(out, cur)
			cur, n = nil, 0
		}
		if l := len(cur); l > 0 && cur[l-1].Number == p.Number {
			cur[l-1].Text += " " + p.Text
		} else {
			cur = append(cur, p)
		}
		n += t
	}
	return append(out, cur)
}

// pieces cuts p into pieces of at most budget tokens, each ending at a sentence end when
// there is one in its second half, else at a space, else within a word.
func pieces(p summarizer.Paragraph, budget int) []summarizer.Paragraph {
	if paragraphTokens(p) <= budget {
		return []summarizer.Paragraph{p}
	}
	limit := max((budget-3)*4, 16) // bytes of text per piece
	var out []summarizer.Paragraph
	text := p.Text
	for len(text) > limit {
		cut := strings.LastIndex(text[:limit], ". ") + 1
		if cut < limit/2 {
			cut = strings.LastIndexByte(text[:limit], ' ')
		}
		if cut < limit/2 {
			cut = limit
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		out = append(out, summarizer.Paragraph{Number: p.Number, Marking: p.Marking, Text: strings.TrimSpace(text[:cut])})
		text = strings.TrimSpace(text[cut:])
	}
	if text != "" {
		out = append(out, summarizer.Paragraph{Number: p.Number, Marking: p.Marking, Text: text})
	}
	return out
}

func numbers(ps []summarizer.Paragraph) []int {
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = p.Number
	}
	return out
}

// numberList formats the paragraph numbers of ps as "5, 6, 7".
func numberList(ps []summarizer.Paragraph) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = strconv.Itoa(p.Number)
	}
	return strings.Join(parts, ", ")
}
