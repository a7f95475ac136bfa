package cable

import (
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// Titles of the sections that come from markers inside paragraphs, not headings.
const (
	summaryTitle = "Summary"
	commentTitle = "Comment"
)

// sections groups the paragraphs: a section starts at every heading and at paragraph 1
// after a paragraph 0 (the lead before it, under its own heading); paragraphs before
// the first heading are the preamble, or, where a SUMMARY block opens among them, the
// preamble, the summary and the body after it; a cable with neither headings nor
// summary is one body section. A comment block that opens a paragraph near the end of
// a section and runs to its end becomes a comment section.
func sections(ps []para) []summarizer.Section {
	if len(ps) == 0 {
		return nil
	}
	if ps[0].number == 0 && ps[0].head != nil && len(ps) > 1 {
		// the text before paragraph 1 under its own heading (see leadPara) is a
		// section of its own: paragraph 1 starts the next, with or without a heading
		h := ps[0].head
		lead := summarizer.Section{Title: h.title, Kind: sectionKind(h.title), Style: h.style, Paragraphs: []int{0}}
		return append([]summarizer.Section{lead}, sections(ps[1:])...)
	}
	var out []summarizer.Section
	first := len(ps)
	for i, p := range ps {
		if p.head != nil {
			first = i
			break
		}
	}
	out = append(out, leadSections(ps[:first], first < len(ps))...)
	for i := first; i < len(ps); {
		j := i + 1
		for j < len(ps) && ps[j].head == nil {
			j++
		}
		h := ps[i].head
		out = append(out, summarizer.Section{Title: h.title, Kind: sectionKind(h.title), Style: h.style, Paragraphs: numbers(ps[i:j])})
		i = j
	}
	return splitComments(out, ps)
}

// leadSections sections the paragraphs before the first heading.
func leadSections(ps []para, headings bool) []summarizer.Section {
	if len(ps) == 0 {
		return nil
	}
	s := -1
	for i, p := range ps {
		if summaryOpens(p.own) {
			s = i
			break
		}
	}
	if s < 0 {
		s = unmarkedSummary(ps)
	}
	if s < 0 {
		kind := summarizer.KindPreamble
		if !headings {
			kind = summarizer.KindBody
		}
		return []summarizer.Section{{Kind: kind, Paragraphs: numbers(ps)}}
	}
	e := -1
	for i := s; i < len(ps); i++ {
		if containsEnd(ps[i].text, "summary") {
			e = i
			break
		}
	}
	if e < 0 {
		e = s
		for e+1 < len(ps) && summaryOpens(ps[e+1].own) {
			e++
		}
	}
	var out []summarizer.Section
	if s > 0 {
		out = append(out, summarizer.Section{Kind: summarizer.KindPreamble, Paragraphs: numbers(ps[:s])})
	}
	out = append(out, summarizer.Section{Title: summaryTitle, Kind: summarizer.KindSummary, Paragraphs: numbers(ps[s : e+1])})
	if e+1 < len(ps) {
		out = append(out, summarizer.Section{Kind: summarizer.KindBody, Paragraphs: numbers(ps[e+1:])})
	}
	return out
}

// unmarkedSummary returns the index of the first paragraph of a summary that has no
// opening marker of its own but is closed by an END SUMMARY within the first two
// paragraphs: a paragraph opening "SUMMARY  During ..." (no colon), a first paragraph
// that only ends "END SUMMARY.", or a summary block written before paragraph 1 and so
// joined to it. It returns -1 where there is none.
func unmarkedSummary(ps []para) int {
	for i := 0; i < len(ps) && i < 2; i++ {
		if !containsEnd(ps[i].text, "summary") {
			continue
		}
		for k := 0; k <= i; k++ {
			if firstWordSummary(ps[k].own) {
				return k
			}
		}
		return 0
	}
	return -1
}

// firstWordSummary reports whether text opens with the word "summary" (after a portion
// marking or punctuation), whatever follows it.
func firstWordSummary(text string) bool {
	_, t := splitMarking(strings.TrimLeft(text, "(-\"/ "))
	t = strings.TrimLeft(t, "(-\"/ ")
	const w = "summary"
	return len(t) >= len(w) && strings.EqualFold(t[:len(w)], w) && (len(t) == len(w) || !isLetter(t[len(w)]))
}

// splitComments splits off a comment block that opens a paragraph of a topic or body
// section and closes at the section's end (or is in the last section).
func splitComments(secs []summarizer.Section, ps []para) []summarizer.Section {
	byNum := make(map[int]*para, len(ps))
	for i := range ps {
		byNum[ps[i].number] = &ps[i]
	}
	out := make([]summarizer.Section, 0, len(secs)+1)
	for si, s := range secs {
		if s.Kind != summarizer.KindTopic && s.Kind != summarizer.KindBody {
			out = append(out, s)
			continue
		}
		cut := -1
		for k, n := range s.Paragraphs {
			p := byNum[n]
			if !commentOpens(p.own) {
				continue
			}
			end := len(s.Paragraphs) - 1
			for q := k; q < len(s.Paragraphs); q++ {
				if containsEnd(byNum[s.Paragraphs[q]].text, "comment") {
					end = q
					break
				}
			}
			if end == len(s.Paragraphs)-1 || si == len(secs)-1 {
				cut = k
			}
			break
		}
		switch {
		case cut < 0:
			out = append(out, s)
		case cut == 0 && s.Kind == summarizer.KindBody:
			s.Kind, s.Title = summarizer.KindComment, commentTitle
			out = append(out, s)
		case cut == 0:
			out = append(out, s)
		default:
			head := s
			head.Paragraphs = s.Paragraphs[:cut]
			out = append(out, head, summarizer.Section{Title: commentTitle, Kind: summarizer.KindComment, Paragraphs: s.Paragraphs[cut:]})
		}
	}
	return out
}

func numbers(ps []para) []int {
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = p.number
	}
	return out
}
