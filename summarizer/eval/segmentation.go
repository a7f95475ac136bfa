package eval

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/cablebrief/summarize/summarizer"
)

// Segmentation scores parsed cables against segmentation gold, by the rules of
// ANNOTATION.md's "Scoring" paragraph:
//
//   - a gold section is found when a section of the parse that comes from a heading (kind
//     topic, or kind summary or comment with a style and a title) starts at the same
//     paragraph number; boundary precision, recall and F1 are over those first paragraphs;
//   - a found section's title matches when the two are equal after folding case,
//     punctuation, decoration and a leading portion marking;
//   - paragraph_count is exact when the highest paragraph number equals the gold's;
//   - metadata is exact field by field over classification, origin, date, subject (white
//     space collapsed, a trailing period dropped), tags (as the multiset of their words),
//     signer and total_sections.
//
// The zero value is ready to use.
type Segmentation struct {
	Cables          int
	TP, FP, FN      int // section boundaries
	Titles, TitleOK int // found sections, and those whose title matches
	CountOK         int // cables whose paragraph_count is exact
	Fields, FieldOK int // metadata fields compared, and exact
	// FieldMiss counts the misses by metadata field name.
	FieldMiss map[string]int
	// Diffs lists every difference found, one line each ("07PARIS2726: missed section
	// \"KOSOVO\" at paragraph 5"), in the order found.
	Diffs []string
}

// SegmentationResult is the figures of a Segmentation. Ratios over nothing are 1.
type SegmentationResult struct {
	Cables         int     `json:"cables"`
	Precision      float64 `json:"boundary_precision"`
	Recall         float64 `json:"boundary_recall"`
	BoundaryF1     float64 `json:"boundary_f1"`
	Title          float64 `json:"title"`
	Metadata       float64 `json:"metadata"`
	ParagraphCount float64 `json:"paragraph_count"`
}

// Add scores one cable against its gold.
func (s *Segmentation) Add(g *SegmentationGold, c *summarizer.Cable) {
	if s.FieldMiss == nil {
		s.FieldMiss = map[string]int{}
	}
	s.Cables++
	id := g.ID
	pred := map[int]string{}
	for _, sec := range c.Sections {
		if FromHeading(sec) && len(sec.Paragraphs) > 0 {
			pred[sec.Paragraphs[0]] = sec.Title
		}
	}
	want := map[int]string{}
	for _, gs := range g.Sections {
		want[gs.FirstParagraph] = gs.Title
	}
	for _, n := range sortedKeys(pred) {
		title := pred[n]
		wt, ok := want[n]
		if !ok {
			s.FP++
			s.diff("%s: extra section %q at paragraph %d", id, title, n)
			continue
		}
		s.TP++
		s.Titles++
		if NormTitle(title) == NormTitle(wt) {
			s.TitleOK++
		} else {
			s.diff("%s: title %q at paragraph %d, want %q", id, title, n, wt)
		}
	}
	for _, n := range sortedKeys(want) {
		if _, ok := pred[n]; !ok {
			s.FN++
			s.diff("%s: missed section %q at paragraph %d", id, want[n], n)
		}
	}
	maxN := 0
	for _, p := range c.Paragraphs {
		maxN = max(maxN, p.Number)
	}
	if maxN == g.ParagraphCount {
		s.CountOK++
	} else {
		s.diff("%s: paragraph_count %d, want %d", id, maxN, g.ParagraphCount)
	}
	field := func(name, got, want string) {
		s.Fields++
		if got == want {
			s.FieldOK++
			return
		}
		s.FieldMiss[name]++
		s.diff("%s: %s %q, want %q", id, name, got, want)
	}
	field("classification", c.Classification, deref(g.Classification))
	field("origin", c.Origin, deref(g.Origin))
	field("date", c.Date, deref(g.Date))
	field("subject", normSubject(c.Subject), normSubject(deref(g.Subject)))
	field("tags", tagWords(c.Tags), tagWords(g.Tags))
	field("signer", c.Signer, deref(g.Signer))
	field("total_sections", strconv.Itoa(max(c.TotalSections, 1)), strconv.Itoa(max(g.TotalSections, 1)))
}

// Missed records a gold cable that has no report: every section is missed, and the
// paragraph count and each metadata field count as wrong.
func (s *Segmentation) Missed(g *SegmentationGold) {
	if s.FieldMiss == nil {
		s.FieldMiss = map[string]int{}
	}
	s.Cables++
	s.FN += len(g.Sections)
	s.Fields += 7
	s.FieldMiss["no report"] += 7
	s.diff("%s: no report", g.ID)
}

// Result returns the figures.
func (s *Segmentation) Result() SegmentationResult {
	p := ratio(s.TP, s.TP+s.FP)
	r := ratio(s.TP, s.TP+s.FN)
	return SegmentationResult{
		Cables: s.Cables, Precision: p, Recall: r, BoundaryF1: f1(p, r),
		Title:          ratio(s.TitleOK, s.Titles),
		Metadata:       ratio(s.FieldOK, s.Fields),
		ParagraphCount: ratio(s.CountOK, s.Cables),
	}
}

func (s *Segmentation) diff(format string, args ...any) {
	s.Diffs = append(s.Diffs, fmt.Sprintf(format, args...))
}

// FromHeading reports whether a section of a parse comes from a heading, as the
// segmentation gold counts them: a topic section, or a summary or comment section with a
// style and a title.
func FromHeading(sec summarizer.Section) bool {
	switch sec.Kind {
	case summarizer.KindTopic:
		return true
	case summarizer.KindSummary, summarizer.KindComment:
		return sec.Style != "" && sec.Title != ""
	}
	return false
}

// NormTitle folds what title matching ignores: case, punctuation, decoration and a
// leading portion marking ("(C) Kosovo:" and "KOSOVO" are equal).
func NormTitle(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") {
		if end := strings.IndexByte(s, ')'); end > 1 && end < 24 && isMarking(s[1:end]) {
			s = s[end+1:]
		}
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// isMarking reports whether m, the text inside a leading parenthesis, is a portion
// marking: U, C, S, TS, SBU, LOU, FOUO, NF and their combinations ("S/NF", "C/REL LIBYA").
func isMarking(m string) bool {
	first := strings.ToUpper(strings.TrimSpace(m))
	if k := strings.IndexAny(first, "/ "); k >= 0 {
		first = first[:k]
	}
	switch first {
	case "U", "C", "S", "TS", "SBU", "LOU", "FOUO", "CUI", "NF", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET":
		return true
	}
	return false
}

// normSubject collapses white space and drops a trailing period.
func normSubject(s string) string {
	return strings.TrimSuffix(strings.Join(strings.Fields(s), " "), ".")
}

// tagWords is the multiset of the words of tags, as a sorted string.
func tagWords(tags []string) string {
	var ws []string
	for _, t := range tags {
		ws = append(ws, strings.Fields(strings.ToUpper(t))...)
	}
	slices.Sort(ws)
	return strings.Join(ws, " ")
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
