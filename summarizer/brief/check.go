package brief

import (
	"fmt"
	"slices"

	"github.com/cablebrief/summarize/summarizer"
)

// Quotes keeps the paragraphs a briefing cites, and the header texts of the cited
// cables, from reports given one at a time (a second pass over the reports after
// Compose): nothing else of them. Use NewQuotes; not safe for concurrent use.
type Quotes struct {
	need    map[string]map[int]bool
	paras   map[Citation]string
	headers map[string][]string
	cables  map[string]bool // the cables seen
}

// NewQuotes returns Quotes that keep the paragraphs of need (cable → paragraph numbers;
// see Briefing.Needed).
func NewQuotes(need map[string]map[int]bool) *Quotes {
	return &Quotes{need: need, paras: map[Citation]string{}, headers: map[string][]string{}, cables: map[string]bool{}}
}

// Add keeps what q needs of r; it returns nil, and is shaped to be a report walk's
// callback. A report of a cable q does not need is passed over.
func (q *Quotes) Add(r *summarizer.Report) error {
	if r == nil || r.Cable == nil || q.need[r.Cable.ID] == nil || q.cables[r.Cable.ID] {
		return nil
	}
	c := r.Cable
	q.cables[c.ID] = true
	want := q.need[c.ID]
	for _, p := range c.Paragraphs {
		if want[p.Number] {
			q.paras[Citation{c.ID, p.Number}] = p.Text
		}
	}
	q.headers[c.ID] = summarizer.HeaderTexts(c)
	return nil
}

// Paragraph returns the text of a kept paragraph and whether it was found.
func (q *Quotes) Paragraph(c Citation) (string, bool) {
	t, ok := q.paras[c]
	return t, ok
}

// Check verifies every citation of b against the paragraphs q kept: the cable is in the
// selection, the paragraph exists, and the sentence is drawn from it (DrawnFrom). It
// drops each citation that fails, recording it in b.Citations.Invalid, and drops a
// sentence left without one. It sets each kept sentence's Unsupported to the names,
// numbers and dates the sentence states that neither its cited paragraphs nor their
// cables' header texts (summarizer.HeaderTexts) support (summarizer.Unsupported), and
// fills b.Paragraphs with the paragraphs still cited and those quoted by the positions,
// by cable in selection order, then number. It may be called once.
func Check(b *Briefing, q *Quotes) {
	selected := map[string]int{}
	for i, c := range b.Selection.Cables {
		selected[c.ID] = i
	}
	cc := CitationCheck{Invalid: []InvalidCitation{}}
	check := func(sents []Sentence) []Sentence {
		kept := sents[:0]
		for _, s := range sents {
			cc.Sentences++
			cl := newClaim(s.Text)
			var valid []Citation
			var sources []string
			for _, c := range s.Citations {
				cc.Citations++
				reason := ""
				text, found := q.Paragraph(c)
				_, inSelection := selected[c.Cable]
				switch {
				case !inSelection:
					reason = ReasonNotSelected
				case !found:
					reason = ReasonNoParagraph
				case !newSource(text).draws(cl):
					reason = ReasonNotDrawn
				}
				if reason != "" {
					cc.Invalid = append(cc.Invalid, InvalidCitation{Sentence: s.Text, Citation: c, Reason: reason})
					continue
				}
				if !slices.Contains(valid, c) {
					valid = append(valid, c)
					sources = append(sources, text)
				}
				cc.Valid++
			}
			if len(valid) == 0 {
				cc.DroppedSentences++
				continue
			}
			for _, c := range uniqueCables(valid) {
				sources = append(sources, q.headers[c]...)
			}
			s.Citations = valid
			s.Unsupported = summarizer.Unsupported(s.Text, sources...)
			if s.Unsupported == nil {
				s.Unsupported = []string{}
			}
			if n := len(s.Unsupported); n > 0 {
				cc.Unsupported += n
				cc.UnsupportedSentences++
			}
			kept = append(kept, s)
		}
		return kept
	}
	b.BottomLine = check(b.BottomLine)
	for i := range b.Topics {
		b.Topics[i].Synthesis = check(b.Topics[i].Synthesis)
	}
	b.Citations = cc
	if n := len(cc.Invalid); n > 0 {
		b.Warnings = append(b.Warnings, fmt.Sprintf("%d citation(s) failed the check and were dropped, and with them %d sentence(s) left without a source", n, cc.DroppedSentences))
	}

	// The appendix: what is still cited, and the positions' quotes.
	b.Paragraphs = []QuotedParagraph{}
	for cable, nums := range b.Needed() {
		if _, ok := selected[cable]; !ok {
			continue
		}
		for n := range nums {
			if text, ok := q.Paragraph(Citation{cable, n}); ok {
				b.Paragraphs = append(b.Paragraphs, QuotedParagraph{Cable: cable, Number: n, Text: text})
			}
		}
	}
	slices.SortFunc(b.Paragraphs, func(a, c QuotedParagraph) int {
		if a.Cable != c.Cable {
			return selected[a.Cable] - selected[c.Cable]
		}
		return a.Number - c.Number
	})
}

// uniqueCables lists the cables of cs once each, in order.
func uniqueCables(cs []Citation) []string {
	var out []string
	for _, c := range cs {
		if !slices.Contains(out, c.Cable) {
			out = append(out, c.Cable)
		}
	}
	return out
}
