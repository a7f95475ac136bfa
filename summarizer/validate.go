package summarizer

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Problem is one reason a SectionResult is not acceptable: Path is a JSON path into the
// result ("$.stances[2].label") and Reason says what is wrong in words a model can act on.
type Problem struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

func (p Problem) String() string { return p.Path + ": " + p.Reason }

// ValidationError lists every Problem found in a SectionResult.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "invalid section result: " + strings.Join(parts, "; ")
}

// Validate checks res against the section it answers: a non-empty summary, key points
// that are non-empty strings, and for every stance a non-empty actor and target, a label
// from in.Labels, a voice from Voices, and at least one piece of evidence whose paragraph
// belongs to the section and whose quote is non-empty.
//
// Validate returns nil or a *ValidationError listing every problem. It does not check
// grounding; see Ground.
func Validate(res SectionResult, in SectionInput) error {
	var ps []Problem
	add := func(path, format string, args ...any) {
		ps = append(ps, Problem{Path: path, Reason: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(res.Summary) == "" {
		add("$.summary", "required: a 1-3 sentence summary of the section")
	}
	for i, k := range res.KeyPoints {
		if strings.TrimSpace(k) == "" {
			add(fmt.Sprintf("$.key_points[%d]", i), "empty key point")
		}
	}
	labels := in.Labels
	if len(labels) == 0 {
		labels = DefaultLabels
	}
	for i, s := range res.Stances {
		p := fmt.Sprintf("$.stances[%d]", i)
		if strings.TrimSpace(s.Actor) == "" {
			add(p+".actor", "required: the actor as named in the cable")
		}
		if strings.TrimSpace(s.Target) == "" {
			add(p+".target", "required: the proposition the actor takes a position on")
		}
		if !slices.Contains(labels, s.Label) {
			add(p+".label", "%q is not one of %s", s.Label, strings.Join(labels, ", "))
		}
		if !slices.Contains(Voices, s.Voice) {
			add(p+".voice", "%q is not one of %s", s.Voice, strings.Join(Voices, ", "))
		}
		if len(s.Evidence) == 0 {
			add(p+".evidence", "required: at least one {paragraph, quote}")
		}
		for j, e := range s.Evidence {
			ep := fmt.Sprintf("%s.evidence[%d]", p, j)
			if !slices.Contains(in.Section.Paragraphs, e.Paragraph) {
				add(ep+".paragraph", "paragraph %d is not in this section (its paragraphs are %s)", e.Paragraph, intList(in.Section.Paragraphs))
			}
			if strings.TrimSpace(e.Quote) == "" {
				add(ep+".quote", "required: a verbatim quote from the paragraph")
			}
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// Ground sets Grounded on every piece of evidence in res: true when its quote occurs in
// the text of its paragraph after both are normalised with NormalizeQuote. It returns the
// problems for the quotes that were not found, with paths as in Validate.
func Ground(res *SectionResult, in SectionInput) []Problem {
	texts := make(map[int]string, len(in.Paragraphs))
	for _, p := range in.Paragraphs {
		texts[p.Number] = NormalizeQuote(p.Text)
	}
	var ps []Problem
	for i := range res.Stances {
		for j := range res.Stances[i].Evidence {
			e := &res.Stances[i].Evidence[j]
			q := NormalizeQuote(e.Quote)
			t, ok := texts[e.Paragraph]
			e.Grounded = ok && q != "" && strings.Contains(t, q)
			if !e.Grounded {
				ps = append(ps, Problem{
					Path:   fmt.Sprintf("$.stances[%d].evidence[%d].quote", i, j),
					Reason: fmt.Sprintf("not found verbatim in paragraph %d; copy the words exactly as they stand there", e.Paragraph),
				})
			}
		}
	}
	return ps
}

// NormalizeQuote folds what differs between a quote and its source without changing the
// words: case, curly quotes and apostrophes, dashes, the comma that stands for an
// apostrophe in damaged copies ("Sarkozy,s"), runs of white space, ellipses and the
// punctuation at either end.
func NormalizeQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case '\u2018', '\u2019', '\u201B', '`', '\u00B4':
			r = '\''
		case '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB':
			r = '"'
		case '\u2013', '\u2014', '\u2212':
			r = '-'
		case '\u2026':
			r = ' '
		case '\u00B6':
			continue
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	out := strings.ReplaceAll(b.String()+" ", ",s ", "'s ")
	out = strings.ReplaceAll(out, "...", " ")
	return strings.TrimFunc(out, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'.,;:`, r)
	})
}

func intList(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
