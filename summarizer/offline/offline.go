package offline

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/cablebrief/summarize/summarizer"
)

// Defaults for Options fields left zero.
const (
	DefaultSummarySentences = 3
	DefaultSummaryChars     = 600
	maxStancesPerSection    = 8
	maxKeyPoints            = 5
	maxEvidence             = 3
)

// Options configure an Engine. The zero value is usable.
type Options struct {
	// Labels is the stance label set used when a SectionInput names none; empty means
	// summarizer.DefaultLabels. A stance whose label has no close match in the set is
	// left out.
	Labels []string
	// SummarySentences is the most sentences a section summary takes; 0 means
	// DefaultSummarySentences.
	SummarySentences int
	// SummaryChars is the length budget in bytes of a section summary and of the
	// overview's bottom line; 0 means DefaultSummaryChars, a negative value no limit.
	// Sentences are never cut: when not even one fits, the shortest of the best ranked
	// is taken alone.
	SummaryChars int
}

// Engine is the offline summarizer.Engine. It is safe for concurrent use, never does
// I/O and reports zero Usage. Its output depends only on its input and Options.
type Engine struct {
	opts Options
	cs   *countries
	cues *cues
	stop map[string]bool

	mu   sync.Mutex       // guards regs
	regs []cachedRegistry // the registries of the last cables seen, oldest first
}

// cachedRegistry is the actor registry built for one cable. Registries are read-only
// once built, so one may serve concurrent calls.
type cachedRegistry struct {
	cable *summarizer.Cable
	print string // fingerprint of the cable's content, in case a caller reuses the value
	reg   *registry
}

// fingerprint identifies the content of c cheaply: id, source, counts and text length.
func fingerprint(c *summarizer.Cable) string {
	n := 0
	for _, p := range c.Paragraphs {
		n += len(p.Text) + p.Number
	}
	return fmt.Sprintf("%s\x00%s\x00%s\x00%d\x00%d\x00%d", c.ID, c.Source, c.Subject, len(c.Paragraphs), len(c.Participants), n)
}

// registryCacheSize bounds the registries kept: the sections of a few cables in flight.
const registryCacheSize = 8

// registry returns the actor registry of c, built once per cable for the calls that
// summarise its sections (the registry depends only on c). A Cable value reused for
// another cable is told apart by its fingerprint.
func (e *Engine) registry(c *summarizer.Cable) *registry {
	fp := fingerprint(c)
	e.mu.Lock()
	for _, r := range e.regs {
		if r.cable == c && r.print == fp {
			e.mu.Unlock()
			return r.reg
		}
	}
	e.mu.Unlock()
	reg := newRegistry(c, e.cs)
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.regs) >= registryCacheSize {
		e.regs = slices.Delete(e.regs, 0, 1)
	}
	e.regs = append(e.regs, cachedRegistry{c, fp, reg})
	return reg
}

var _ summarizer.Engine = (*Engine)(nil)

// New returns an Engine with o, zero fields set to their defaults.
func New(o Options) *Engine {
	if o.SummarySentences <= 0 {
		o.SummarySentences = DefaultSummarySentences
	}
	if o.SummaryChars == 0 {
		o.SummaryChars = DefaultSummaryChars
	}
	if len(o.Labels) == 0 {
		o.Labels = summarizer.DefaultLabels
	}
	stop := map[string]bool{}
	for _, w := range strings.Fields(stopwordList) {
		stop[w] = true
	}
	return &Engine{opts: o, cs: newCountries(), cues: newCues(), stop: stop}
}

// Info reports the provider "offline"; the other fields are empty.
func (e *Engine) Info() summarizer.EngineInfo {
	return summarizer.EngineInfo{Provider: "offline"}
}

var participantsPara = regexp.MustCompile(`(?i)^\s*participants\b`)

// SummarizeSection summarises in.Section extractively and labels the stances in it. Every
// evidence quote is a sentence (or its part after a SUMMARY or COMMENT marker) copied
// verbatim from its paragraph, so summarizer.Ground finds it. It fails only when ctx is
// done.
func (e *Engine) SummarizeSection(ctx context.Context, in summarizer.SectionInput) (summarizer.SectionResult, summarizer.Usage, error) {
	if err := ctx.Err(); err != nil {
		return summarizer.SectionResult{}, summarizer.Usage{}, fmt.Errorf("summarize section %d: %w", in.Index, err)
	}
	cable := in.Cable
	if cable == nil {
		cable = &summarizer.Cable{Paragraphs: in.Paragraphs, Sections: []summarizer.Section{in.Section}}
	}
	sents := sectionSentences(in)
	var body, summable []sentence
	participants, hasParticipants := false, false
	for _, s := range sents {
		if s.Lead && participantsPara.MatchString(s.Text) {
			participants, hasParticipants = true, true
		}
		if participants && s.Lead && !participantsPara.MatchString(s.Text) {
			participants = false
		}
		if participants {
			continue
		}
		s.tokens() // once, for ranking and stances
		body = append(body, s)
		if len(strings.Fields(s.Text)) >= 3 {
			summable = append(summable, s)
		}
	}
	if len(summable) == 0 {
		summable = body // only fragments: summarise with them
	}
	res := summarizer.SectionResult{KeyPoints: []string{}, Stances: []summarizer.Stance{}}
	res.Summary, res.KeyPoints = e.summarize(summable, cable, in.Section, hasParticipants)
	res.Stances = e.stances(body, cable, in)
	return res, summarizer.Usage{}, nil
}

// summarize returns the extractive summary and the key points of a section.
func (e *Engine) summarize(body []sentence, cable *summarizer.Cable, sec summarizer.Section, hasParticipants bool) (string, []string) {
	keyPoints := []string{}
	if len(body) == 0 {
		if len(cable.Participants) > 0 {
			return e.participantsSummary(cable.Participants), keyPoints
		}
		if sec.Title != "" {
			return sec.Title, keyPoints
		}
		return "(no text)", keyPoints
	}
	for i := range body {
		body[i].Index = i
	}
	scores := rank(body, e.stop)
	chosen := pick(body, scores, e.opts.SummarySentences, e.opts.SummaryChars)
	parts := make([]string, len(chosen))
	for i, c := range chosen {
		parts[i] = oneLine(body[c].Text)
	}
	for i, s := range body {
		if s.Lead && !slices.Contains(chosen, i) && len(keyPoints) < maxKeyPoints {
			keyPoints = append(keyPoints, oneLine(s.Text))
		}
	}
	if len(keyPoints) == 0 {
		rest := make([]sentence, 0, len(body))
		var restScores []float64
		for i, s := range body {
			if !slices.Contains(chosen, i) {
				rest = append(rest, s)
				restScores = append(restScores, scores[i])
			}
		}
		if len(rest) > 0 {
			for _, i := range pick(rest, restScores, 2, -1) {
				keyPoints = append(keyPoints, oneLine(rest[i].Text))
			}
		}
	}
	summary := strings.Join(parts, " ")
	if hasParticipants && len(cable.Participants) > 0 {
		ps := e.participantsSummary(cable.Participants)
		if e.opts.SummaryChars < 0 || len(summary)+1+len(ps) <= e.opts.SummaryChars {
			summary += " " + ps
		}
	}
	return summary, keyPoints
}

// oneLine collapses the white space of s, line breaks included, to single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// participantsSummary lists the participants within the summary budget.
func (e *Engine) participantsSummary(ps []string) string {
	out := "Participants: "
	for i, p := range ps {
		add := p
		if i > 0 {
			add = "; " + p
		}
		if e.opts.SummaryChars > 0 && len(out)+len(add) > e.opts.SummaryChars && i > 0 {
			return out + "; and others."
		}
		out += add
	}
	return out + "."
}

// Overview returns the cable's bottom line and key points. The bottom line is the first
// sentences of the SUMMARY block (Cable.Summary, else a summary section) within the
// summary budget, else the lead sentences of the sections; the key points are the lead
// sentence of each topic section, prefixed with its title. It fails only when ctx is done.
func (e *Engine) Overview(ctx context.Context, in summarizer.OverviewInput) (summarizer.Overview, summarizer.Usage, error) {
	if err := ctx.Err(); err != nil {
		return summarizer.Overview{}, summarizer.Usage{}, fmt.Errorf("overview: %w", err)
	}
	ov := summarizer.Overview{KeyPoints: []string{}}
	c := in.Cable
	if c == nil {
		c = &summarizer.Cable{}
	}
	var summary []sentence
	if c.Summary != "" {
		summary = textSentences(c.Summary, 0)
	}
	leads := make([]sentence, 0, len(c.Sections))
	for _, sec := range c.Sections {
		sents := leadSentences(c, sec)
		if len(summary) == 0 && sec.Kind == summarizer.KindSummary {
			summary = sents
		}
		if len(sents) == 0 {
			continue
		}
		switch sec.Kind {
		case summarizer.KindTopic, summarizer.KindBody:
			lead := sents[0]
			leads = append(leads, lead)
			kp := oneLine(lead.Text)
			if sec.Title != "" {
				kp = sec.Title + ": " + kp
			}
			ov.KeyPoints = append(ov.KeyPoints, kp)
		}
	}
	src := summary
	if len(src) == 0 {
		src = leads
	}
	if len(src) == 0 {
		for _, s := range in.Sections {
			if s.Summary != "" {
				src = textSentences(s.Summary, 0)
				break
			}
		}
	}
	var parts []string
	used := 0
	for i, s := range src {
		if i >= DefaultSummarySentences {
			break
		}
		l := len(s.Text) + min(used, 1)
		if e.opts.SummaryChars > 0 && used+l > e.opts.SummaryChars && len(parts) > 0 {
			break
		}
		parts = append(parts, oneLine(s.Text))
		used += l
	}
	ov.BottomLine = strings.Join(parts, " ")
	if ov.BottomLine == "" {
		ov.BottomLine = c.Subject
	}
	return ov, summarizer.Usage{}, nil
}

// textSentences splits text into cleaned sentences of at least three words.
func textSentences(text string, para int) []sentence {
	var out []sentence
	for _, sp := range splitSentences(text) {
		s, e := cleanSpan(text, sp.Start, sp.End)
		if e > s && len(strings.Fields(text[s:e])) >= 3 {
			out = append(out, sentence{Para: para, Text: text[s:e], Start: s, Lead: len(out) == 0, Index: len(out)})
		}
	}
	return out
}

// leadSentences returns the sentences of a section's paragraphs, participants lists left
// out.
func leadSentences(c *summarizer.Cable, sec summarizer.Section) []sentence {
	var out []sentence
	for _, p := range c.SectionParagraphs(sec) {
		if participantsPara.MatchString(p.Text) {
			continue
		}
		out = append(out, textSentences(p.Text, p.Number)...)
	}
	return out
}
