package llm

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/cablebrief/summarize/prompts"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/brief"
	"github.com/cablebrief/summarize/summarizer/chat"
)

// DigestSchemaName is the schema name of the briefing's requests (chat.Schema.Name).
const DigestSchemaName = "brief_synthesis"

// maxDigestDepth bounds the levels of merges of one topic: each level shrinks the
// material to a few sentences per part, so a deeper one means a budget too small to
// hold even that.
const maxDigestDepth = 6

// ErrDigestBudget is returned when a topic's material cannot be merged within the
// context budget (Options.ContextBudget): the budget holds less than a part's synthesis.
var ErrDigestBudget = errors.New("the context budget is too small to merge the syntheses")

// digestAnswer is what the model writes for a briefing request.
type digestAnswer struct {
	Sentences []digestSentence `json:"sentences" desc:"The synthesis, one entry per sentence, in the order to read them."`
}

type digestSentence struct {
	Text      string           `json:"text" desc:"One sentence of plain prose from the material only, without citations."`
	Citations []digestCitation `json:"citations" desc:"The sources of the sentence: one or more citations copied from the material."`
}

type digestCitation struct {
	Cable     string `json:"cable" desc:"The cable id of a citation of the material, as given: \"07PARIS2726\"."`
	Paragraph int    `json:"paragraph" desc:"The paragraph number of that citation, as given."`
}

// Digester is the briefing's engine over a chat endpoint (brief.Engine): a map-reduce
// over the material of a topic, the section summaries and key points with their
// citations, never the cables. A topic whose material fits the context budget is one
// call; a larger one is split, in date order, into parts that fit, each synthesised
// (concurrently), and the parts' sentences merged by one more call, level after level
// while they do not fit. Every answer is validated: at least one sentence, at most the
// number asked for, each with at least one citation, and every citation one of those
// shown in the call — a citation of a section the model was not shown is rejected and
// re-asked with the problems, as an invalid stance is; a sentence that does not share
// words with the material it cites (brief.DrawnFrom) is re-asked once, then kept for
// brief.Check to judge against the paragraphs. It is safe for concurrent use when its
// Completer is.
type Digester struct {
	e      *Engine
	p      *prompts.BriefSet
	system string
	schema *chat.Schema
	keys   []string
	warn   func(string)
}

var (
	_ brief.Engine    = (*Digester)(nil)
	_ brief.Estimator = (*Digester)(nil)
)

// NewDigester returns a Digester that sends its requests to c, with the options of an
// Engine (model, temperature, seed, max tokens, context budget, re-asks, prompts dir;
// the labels are not used). warn, when not nil, receives what the digester kept despite
// problems; it may be called concurrently. It fails as New does, and on a briefing
// template that does not parse or execute.
func NewDigester(c chat.Completer, o Options, warn func(string)) (*Digester, error) {
	e, err := New(c, o)
	if err != nil {
		return nil, err
	}
	p, err := prompts.LoadBrief(o.PromptsDir)
	if err != nil {
		return nil, fmt.Errorf("new llm digester: %w", err)
	}
	compact, indented, err := schemaJSON(digestAnswer{}, nil)
	if err != nil {
		return nil, fmt.Errorf("new llm digester: %w", err)
	}
	sys, err := p.System(prompts.BriefSystem{Schema: indented})
	if err != nil {
		return nil, fmt.Errorf("new llm digester: %w", err)
	}
	if warn == nil {
		warn = func(string) {}
	}
	return &Digester{e: e, p: p, system: sys, schema: &chat.Schema{Name: DigestSchemaName, Schema: compact},
		keys: requiredKeys(digestAnswer{}), warn: warn}, nil
}

// Info reports the engine as Engine.Info does, with the briefing templates' version as
// the prompt version.
func (d *Digester) Info() summarizer.EngineInfo {
	info := d.e.Info()
	info.PromptVersion = d.p.Version()
	return info
}

// item is one sentence of material or of a part's synthesis, as the prompts show it.
type item struct {
	text, date, origin, section string
	cites                       []brief.Citation
}

func (it item) prompt() prompts.BriefItem {
	n := prompts.Neutralize
	cites := make([]string, len(it.cites))
	for i, c := range it.cites {
		cites[i] = n(c.String())
	}
	return prompts.BriefItem{Cite: strings.Join(cites, "] ["), Date: n(or(it.date, "undated")), Origin: n(or(it.origin, "post unknown")), Section: n(it.section), Text: n(it.text)}
}

func or(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// itemTokens estimates the prompt tokens of one item's line.
func itemTokens(it item) int {
	n := len(it.text) + len(it.date) + len(it.origin) + len(it.section) + 24
	for _, c := range it.cites {
		n += len(c.Cable) + 8
	}
	return (n + 3) / 4
}

// Topic writes the synthesis of in's material (see Digester). Its error wraps the chat
// layer's error, says what was wrong with the last answer, or is ErrDigestBudget.
func (d *Digester) Topic(ctx context.Context, in brief.TopicInput) ([]brief.Sentence, summarizer.Usage, error) {
	var u summarizer.Usage
	items := make([]item, 0, len(in.Material))
	for _, m := range in.Material {
		items = append(items, item{text: m.Text, date: m.Date, origin: m.Origin, section: m.Section, cites: m.Citations})
	}
	out, err := d.reduce(ctx, in.Name, max(1, in.Sentences), items, false, 0, &u)
	if err != nil {
		return nil, u, fmt.Errorf("digest %s: %w", in.Name, err)
	}
	return out, u, nil
}

// reduce synthesises items (merged: they are the sentences of parts' syntheses) in one
// call when they fit the budget, else part by part (each part asked for perPart
// sentences) and then the parts' sentences, level after level.
func (d *Digester) reduce(ctx context.Context, topic string, n int, items []item, merged bool, depth int, u *summarizer.Usage) ([]brief.Sentence, error) {
	parts := d.split(items)
	if len(parts) <= 1 {
		return d.ask(ctx, topic, n, items, merged, 1, 1, u)
	}
	if depth >= maxDigestDepth {
		return nil, fmt.Errorf("%w (%d tokens): %d levels of merges", ErrDigestBudget, d.e.o.ContextBudget, depth)
	}
	results := make([][]brief.Sentence, len(parts))
	usages := make([]summarizer.Usage, len(parts))
	g, gctx := errgroup.WithContext(ctx)
	for i, part := range parts {
		g.Go(func() error {
			s, err := d.ask(gctx, topic, perPart(n, len(part)), part, merged, i+1, len(parts), &usages[i])
			results[i] = s
			return err
		})
	}
	err := g.Wait()
	for _, pu := range usages {
		u.Add(pu)
	}
	if err != nil {
		return nil, err
	}
	var next []item
	for _, r := range results {
		for _, s := range r {
			next = append(next, item{text: s.Text, date: s.Date, cites: s.Citations})
		}
	}
	if len(next) >= len(items) {
		return nil, fmt.Errorf("%w (%d tokens): the parts' syntheses are no shorter than their material", ErrDigestBudget, d.e.o.ContextBudget)
	}
	return d.reduce(ctx, topic, n, next, true, depth+1, u)
}

// perPart is the most sentences asked of one part of a split topic: the synthesis's n,
// but at most half the part's items, so that every level of merges shrinks.
func perPart(n, items int) int { return min(n, max(1, items/2)) }

// split cuts items, in order, into parts whose lines fit the context budget; an item
// larger than the budget is a part alone. A negative budget never splits.
func (d *Digester) split(items []item) [][]item {
	budget := d.e.o.ContextBudget
	if budget < 0 {
		return [][]item{items}
	}
	var parts [][]item
	var cur []item
	used := 0
	for _, it := range items {
		t := itemTokens(it)
		if len(cur) > 0 && used+t > budget {
			parts = append(parts, cur)
			cur, used = nil, 0
		}
		cur = append(cur, it)
		used += t
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	return parts
}

// userTopic renders the user message of one call.
func (d *Digester) userTopic(topic string, n int, items []item, merged bool, part, parts int) (string, error) {
	pi := make([]prompts.BriefItem, len(items))
	for i, it := range items {
		pi[i] = it.prompt()
	}
	t := prompts.Neutralize(topic)
	if merged {
		return d.p.Merge(prompts.BriefMerge{Topic: t, Sentences: n, Items: pi})
	}
	return d.p.Topic(prompts.BriefTopic{Topic: t, Sentences: n, Part: part, Parts: parts, Items: pi})
}

// ask sends one call over items and validates its answer against them.
func (d *Digester) ask(ctx context.Context, topic string, n int, items []item, merged bool, part, parts int, u *summarizer.Usage) ([]brief.Sentence, error) {
	user, err := d.userTopic(topic, n, items, merged, part, parts)
	if err != nil {
		return nil, err
	}
	return d.converse(ctx, user, n, items, u)
}

// converse runs one conversation: the request and its re-asks.
func (d *Digester) converse(ctx context.Context, user string, n int, items []item, u *summarizer.Usage) ([]brief.Sentence, error) {
	shown := map[brief.Citation][]string{} // citation → the texts shown with it
	for _, it := range items {
		for _, c := range it.cites {
			shown[c] = append(shown[c], it.text)
		}
	}
	c := &conversation[[]brief.Sentence]{
		e:      d.e,
		msgs:   []chat.Message{{Role: "system", Content: d.system}, {Role: "user", Content: user}},
		schema: d.schema,
		usage:  u,
		check: func(content, finish string) verdict[[]brief.Sentence] {
			var a digestAnswer
			if ps, err := decode(content, finish, &a, d.keys); err != nil {
				return decodeVerdict[[]brief.Sentence](ps, err)
			}
			return checkDigest(a, n, shown)
		},
	}
	out, err := c.run(ctx)
	for _, note := range c.notes {
		d.warn(note)
	}
	return out, err
}

// inlineCitation matches a citation a model wrote into a sentence's text.
var inlineCitation = regexp.MustCompile(`\s*\[\s*[A-Za-z0-9-]+\s+¶\s*\d+\s*\]`)

// checkDigest validates an answer: its problems (re-asked) are a missing or extra
// sentence, an empty text, a sentence without citations, a citation not shown; its
// ground problems (re-asked once) a citation whose material shares too little with the
// sentence.
func checkDigest(a digestAnswer, n int, shown map[brief.Citation][]string) verdict[[]brief.Sentence] {
	var ps, ground []string
	if len(a.Sentences) == 0 {
		ps = append(ps, "$.sentences: write at least one sentence")
	}
	if len(a.Sentences) > n {
		ps = append(ps, fmt.Sprintf("$.sentences: %d sentences, at most %d are allowed", len(a.Sentences), n))
	}
	out := make([]brief.Sentence, 0, len(a.Sentences))
	for i, s := range a.Sentences {
		text := strings.TrimSpace(inlineCitation.ReplaceAllString(s.Text, ""))
		if text == "" {
			ps = append(ps, fmt.Sprintf("$.sentences[%d].text: empty", i))
		}
		if len(s.Citations) == 0 {
			ps = append(ps, fmt.Sprintf("$.sentences[%d].citations: every sentence needs at least one citation of the material", i))
		}
		var cites []brief.Citation
		for j, c := range s.Citations {
			bc := brief.Citation{Cable: strings.TrimSpace(c.Cable), Paragraph: c.Paragraph}
			texts, ok := shown[bc]
			switch {
			case !ok:
				ps = append(ps, fmt.Sprintf("$.sentences[%d].citations[%d]: [%s] is not a citation of the material; cite only citations given there", i, j, bc))
			case text != "" && !brief.DrawnFrom(text, strings.Join(texts, " ")):
				ground = append(ground, fmt.Sprintf("$.sentences[%d].citations[%d]: the sentence does not say what the material cited [%s] says; cite the items the sentence is drawn from", i, j, bc))
			}
			if !slices.Contains(cites, bc) {
				cites = append(cites, bc)
			}
		}
		out = append(out, brief.Sentence{Text: text, Citations: cites, Unsupported: []string{}})
	}
	if len(ps) > 0 {
		return verdict[[]brief.Sentence]{err: &summarizer.ValidationError{Problems: toProblems(ps)}, problems: ps}
	}
	return verdict[[]brief.Sentence]{val: out, valid: true, ground: ground}
}

// toProblems turns "path: reason" lines into problems.
func toProblems(lines []string) []summarizer.Problem {
	out := make([]summarizer.Problem, len(lines))
	for i, l := range lines {
		path, reason, _ := strings.Cut(l, ": ")
		out[i] = summarizer.Problem{Path: path, Reason: reason}
	}
	return out
}

// BottomLine writes the bottom line from the topics' syntheses in one call, or, when
// they do not fit the budget, by merging as Topic does.
func (d *Digester) BottomLine(ctx context.Context, in brief.BottomLineInput) ([]brief.Sentence, summarizer.Usage, error) {
	var u summarizer.Usage
	n := max(1, in.Sentences)
	var items []item
	data := prompts.BriefBottom{Sentences: n}
	for _, t := range in.Topics {
		bt := prompts.BriefBottomTopic{Name: prompts.Neutralize(t.Name), Cables: t.Cables}
		for _, s := range t.Sentences {
			it := item{text: s.Text, date: s.Date, cites: s.Citations}
			items = append(items, it)
			bt.Items = append(bt.Items, it.prompt())
		}
		data.Topics = append(data.Topics, bt)
	}
	if len(d.split(items)) > 1 {
		out, err := d.reduce(ctx, "the whole set (bottom line)", n, items, true, 0, &u)
		if err != nil {
			return nil, u, fmt.Errorf("bottom line: %w", err)
		}
		return out, u, nil
	}
	user, err := d.p.Bottom(data)
	if err != nil {
		return nil, u, fmt.Errorf("bottom line: %w", err)
	}
	out, err := d.converse(ctx, user, n, items, &u)
	if err != nil {
		return nil, u, fmt.Errorf("bottom line: %w", err)
	}
	return out, u, nil
}

// EstimateTopic says what Topic would send on a cold cache without re-asks: one call per
// part at each level, the merges' material estimated as the sentences asked for per
// part, of about 60 tokens each.
func (d *Digester) EstimateTopic(in brief.TopicInput) (calls, tokens int) {
	items := make([]item, 0, len(in.Material))
	for _, m := range in.Material {
		items = append(items, item{text: m.Text, date: m.Date, origin: m.Origin, section: m.Section, cites: m.Citations})
	}
	return d.estimate(items, max(1, in.Sentences))
}

// EstimateBottomLine says what BottomLine would send for in (whose sentences may be
// placeholders of the expected length: the syntheses are not written yet).
func (d *Digester) EstimateBottomLine(in brief.BottomLineInput) (calls, tokens int) {
	var items []item
	for _, t := range in.Topics {
		for _, s := range t.Sentences {
			items = append(items, item{text: s.Text, date: s.Date, cites: s.Citations})
		}
	}
	return d.estimate(items, max(1, in.Sentences))
}

func (d *Digester) estimate(items []item, n int) (calls, tokens int) {
	system := d.e.promptTokens([]chat.Message{{Content: d.system}})
	for depth := 0; depth <= maxDigestDepth && len(items) > 0; depth++ {
		parts := d.split(items)
		for _, p := range parts {
			calls++
			tokens += system + 60
			for _, it := range p {
				tokens += itemTokens(it)
			}
		}
		if len(parts) <= 1 {
			break
		}
		var next []item
		for range sumPerPart(parts, n) {
			next = append(next, item{text: strings.Repeat("x", 200), cites: []brief.Citation{{Cable: "00XXXX0000", Paragraph: 1}}})
		}
		items = next
	}
	return calls, tokens
}

// sumPerPart is the most sentences the parts' syntheses have together.
func sumPerPart(parts [][]item, n int) int {
	total := 0
	for _, p := range parts {
		total += perPart(n, len(p))
	}
	return total
}
