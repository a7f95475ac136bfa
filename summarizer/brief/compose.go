package brief

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/cablebrief/summarize/summarizer/compare"
)

// ComposeOptions tune Compose. The zero value runs one topic at a time and stops for
// no error.
type ComposeOptions struct {
	// Concurrency is the most topics written at once; < 1 is 1.
	Concurrency int
	// Stop, when set, tells an error after which no call can succeed (a refused key, an
	// endpoint that answers nothing): Compose returns it instead of falling back.
	Stop func(error) bool
}

// Compose writes the briefing of d with eng: each topic's synthesis (up to
// o.Concurrency topics at once) and then the bottom line from the syntheses. A call that
// fails for another reason than ctx or o.Stop is replaced by the extractive digest of
// the same material (Extractive), said in the topic's Note and in the warnings, so that
// one bad answer loses no topic. Sentences get the date of their earliest cited cable;
// each synthesis is ordered by date. Compose returns ctx's error when ctx is done, or
// the error o.Stop chose, and then no briefing. Citations are not checked here: see
// Check.
func Compose(ctx context.Context, d *Draft, eng Engine, o ComposeOptions) (*Briefing, error) {
	stop := o.Stop
	if stop == nil {
		stop = func(error) bool { return false }
	}
	b := &Briefing{
		SchemaVersion: SchemaVersion,
		Title:         title(d),
		Selection:     d.Selection,
		LeftOut:       d.LeftOut,
		Warnings:      append([]string(nil), d.Warnings...),
		Topics:        make([]Topic, len(d.Topics)),
	}
	dateOf := map[string]string{}
	for _, c := range d.Selection.Cables {
		dateOf[c.ID] = c.Date
	}
	var mu sync.Mutex // guards b.Usage and b.Warnings
	fallback := Extractive{}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, o.Concurrency))
	for i, dt := range d.Topics {
		b.Topics[i] = Topic{Key: dt.Input.Key, Name: dt.Input.Name, Cables: dt.Cables, Positions: dt.Positions, PositionsOmitted: dt.PositionsOmitted}
		if len(dt.Input.Material) == 0 {
			continue
		}
		g.Go(func() error {
			sents, u, err := eng.Topic(gctx, dt.Input)
			mu.Lock()
			defer mu.Unlock()
			b.Usage.Add(u)
			if err != nil {
				if gctx.Err() != nil {
					return gctx.Err()
				}
				if stop(err) {
					return err
				}
				sents, _, _ = fallback.Topic(gctx, dt.Input)
				b.Topics[i].Note = fmt.Sprintf("The engine's synthesis failed (%v); the extractive digest of the material is shown.", err)
				b.Warnings = append(b.Warnings, fmt.Sprintf("topic %s: synthesis failed, extractive digest shown: %v", dt.Input.Name, err))
			}
			b.Topics[i].Synthesis = dated(sents, dateOf)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	in := BottomLineInput{Sentences: d.Options.withDefaults().BottomLine}
	for _, t := range b.Topics {
		if len(t.Synthesis) > 0 {
			in.Topics = append(in.Topics, TopicSynthesis{Name: t.Name, Cables: len(t.Cables), Sentences: t.Synthesis})
		}
	}
	if len(in.Topics) > 0 {
		sents, u, err := eng.BottomLine(ctx, in)
		b.Usage.Add(u)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if stop(err) {
				return nil, err
			}
			sents, _, _ = fallback.BottomLine(ctx, in)
			b.Warnings = append(b.Warnings, fmt.Sprintf("bottom line: the engine failed, extractive bottom line shown: %v", err))
		}
		b.BottomLine = dated(sents, dateOf)
		sortByDate(b.BottomLine, false)
	}
	b.Engine = eng.Info()
	return b, nil
}

// dated sets each sentence's Date to its earliest cited cable's and orders the
// sentences by it (stable).
func dated(sents []Sentence, dateOf map[string]string) []Sentence {
	for i := range sents {
		s := &sents[i]
		s.Date = ""
		for _, c := range s.Citations {
			if d := dateOf[c.Cable]; d != "" && (s.Date == "" || compare.CmpCable(d, "", s.Date, "") < 0) {
				s.Date = d
			}
		}
		if s.Citations == nil {
			s.Citations = []Citation{}
		}
		if s.Unsupported == nil {
			s.Unsupported = []string{}
		}
	}
	sortByDate(sents, true)
	return sents
}

func sortByDate(sents []Sentence, on bool) {
	if !on {
		return
	}
	// A stable insertion sort: syntheses are a few sentences.
	for i := 1; i < len(sents); i++ {
		for j := i; j > 0 && compare.CmpCable(sents[j].Date, "", sents[j-1].Date, "") < 0; j-- {
			sents[j], sents[j-1] = sents[j-1], sents[j]
		}
	}
}

// title names the briefing by its filter and dates.
func title(d *Draft) string {
	var parts []string
	if f := d.Selection.Filter; f != nil {
		if len(f.Topics) > 0 {
			parts = append(parts, strings.Join(f.Topics, ", "))
		}
		if len(f.Actors) > 0 {
			parts = append(parts, "positions of "+strings.Join(f.Actors, ", "))
		}
	}
	t := "Briefing"
	if len(parts) > 0 {
		t += ": " + strings.Join(parts, "; ")
	}
	switch from, to := d.Selection.From, d.Selection.To; {
	case from != "" && from == to:
		t += " (" + from + ")"
	case from != "":
		t += " (" + from + " to " + to + ")"
	}
	return t
}

// Needed returns the paragraphs the briefing cites or quotes, by cable: its sentences'
// citations and the evidence of its positions.
func (b *Briefing) Needed() map[string]map[int]bool {
	out := map[string]map[int]bool{}
	add := func(cable string, n int) {
		if out[cable] == nil {
			out[cable] = map[int]bool{}
		}
		out[cable][n] = true
	}
	for _, s := range b.sentences() {
		for _, c := range s.Citations {
			add(c.Cable, c.Paragraph)
		}
	}
	for _, t := range b.Topics {
		for _, r := range t.Positions {
			for _, tg := range r.Targets {
				for _, e := range tg.Evidence {
					add(r.CableID, e.Paragraph)
				}
			}
		}
	}
	return out
}

// sentences returns pointers to every sentence of b: the bottom line, then each topic's.
func (b *Briefing) sentences() []*Sentence {
	var out []*Sentence
	for i := range b.BottomLine {
		out = append(out, &b.BottomLine[i])
	}
	for ti := range b.Topics {
		for i := range b.Topics[ti].Synthesis {
			out = append(out, &b.Topics[ti].Synthesis[i])
		}
	}
	return out
}

// Plan is what writing a briefing would send, for --dry-run.
type Plan struct {
	Topics []PlanTopic
	// BottomLine is the bottom line's calls and tokens, estimated with syntheses of the
	// full length asked for.
	BottomLine PlanTopic
	Calls      int
	Tokens     int
}

// PlanTopic is one topic's share of a Plan.
type PlanTopic struct {
	Name     string
	Cables   int
	Material int // sentences of material
	Calls    int
	Tokens   int // estimated prompt tokens
}

// Plan estimates, with est, the calls and prompt tokens of each topic's synthesis and
// of the bottom line; with a nil est (an engine that sends nothing) every count of calls
// and tokens is 0.
func (d *Draft) Plan(est Estimator) Plan {
	var p Plan
	var bottom BottomLineInput
	bottom.Sentences = d.Options.withDefaults().BottomLine
	for _, t := range d.Topics {
		pt := PlanTopic{Name: t.Input.Name, Cables: len(t.Cables), Material: len(t.Input.Material)}
		if est != nil && len(t.Input.Material) > 0 {
			pt.Calls, pt.Tokens = est.EstimateTopic(t.Input)
		}
		if len(t.Input.Material) > 0 {
			ts := TopicSynthesis{Name: t.Input.Name, Cables: len(t.Cables)}
			for range min(t.Input.Sentences, len(t.Input.Material)) {
				ts.Sentences = append(ts.Sentences, Sentence{Text: strings.Repeat("x", 200), Citations: []Citation{{Cable: "00XXXX0000", Paragraph: 1}}})
			}
			bottom.Topics = append(bottom.Topics, ts)
		}
		p.Topics = append(p.Topics, pt)
		p.Calls += pt.Calls
		p.Tokens += pt.Tokens
	}
	p.BottomLine = PlanTopic{Name: "bottom line", Cables: len(d.Selection.Cables)}
	if est != nil && len(bottom.Topics) > 0 {
		p.BottomLine.Calls, p.BottomLine.Tokens = est.EstimateBottomLine(bottom)
	}
	p.Calls += p.BottomLine.Calls
	p.Tokens += p.BottomLine.Tokens
	return p
}
