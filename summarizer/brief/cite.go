package brief

import (
	"slices"
	"strings"
	"unicode"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/offline"
)

// Thresholds of DrawnFrom.
const (
	// minShared is the fewest content words a sentence shares with a paragraph it is
	// drawn from (fewer when the sentence has fewer).
	minShared = 2
	// minShare is the least share of the sentence's content words a paragraph it is
	// drawn from holds.
	minShare = 0.2
	// maxCitations is the most paragraphs one sentence of material is attributed to.
	maxCitations = 3
)

// DrawnFrom reports whether sentence is drawn from paragraph: the paragraph holds it
// verbatim (ignoring case, punctuation and white space), or they share at least two of
// the sentence's content words (offline.ContentWords: stop words left out, a plural "s"
// dropped) and at least a fifth of them (a sentence of one content word must share it).
// A sentence written from several paragraphs is drawn from each it cites: each holds a
// part of it. Check applies this rule to every citation.
func DrawnFrom(sentence, paragraph string) bool {
	return newSource(paragraph).draws(newClaim(sentence))
}

// claim is a sentence as DrawnFrom compares it.
type claim struct {
	fold  string
	words map[string]bool
}

func newClaim(s string) claim { return claim{fold(s), offline.ContentWords(s)} }

// source is a paragraph as DrawnFrom compares it.
type source struct {
	fold  string
	words map[string]bool
}

func newSource(s string) source { return source{fold(s), offline.ContentWords(s)} }

// draws reports whether c is drawn from s (see DrawnFrom).
func (s source) draws(c claim) bool {
	if c.fold != "" && strings.Contains(s.fold, c.fold) {
		return true
	}
	n := shared(c.words, s.words)
	need := min(minShared, len(c.words))
	return need > 0 && n >= need && float64(n) >= minShare*float64(len(c.words))
}

// shared counts the words of a that b holds.
func shared(a, b map[string]bool) int {
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return n
}

// fold lower-cases s and reduces every run of characters other than letters and digits
// to one space, so that a verbatim sentence is found whatever its spacing and quotes.
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// attributor finds the paragraphs of one section that sentences are drawn from.
type attributor struct {
	numbers []int
	sources []source
}

func newAttributor(paras []summarizer.Paragraph) *attributor {
	a := &attributor{}
	for _, p := range paras {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		a.numbers = append(a.numbers, p.Number)
		a.sources = append(a.sources, newSource(p.Text))
	}
	return a
}

// attribute returns the numbers of the paragraphs text is drawn from, in paragraph
// order, or nil when none: the first paragraph that holds it verbatim; else the one
// sharing the most of its content words, then, while three or more of its words are in
// no paragraph chosen, the next that DrawnFrom accepts and that holds two of those, up to
// maxCitations.
func (a *attributor) attribute(text string) []int {
	c := newClaim(text)
	for i, s := range a.sources {
		if c.fold != "" && strings.Contains(s.fold, c.fold) {
			return []int{a.numbers[i]}
		}
	}
	best, bestN := -1, 0
	for i, s := range a.sources {
		if n := shared(c.words, s.words); n > bestN && s.draws(c) {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return nil
	}
	chosen := []int{best}
	uncovered := map[string]bool{}
	for w := range c.words {
		if !a.sources[best].words[w] {
			uncovered[w] = true
		}
	}
	for len(uncovered) >= 3 && len(chosen) < maxCitations {
		next, nextN := -1, 1
		for i, s := range a.sources {
			if slices.Contains(chosen, i) || !s.draws(c) {
				continue
			}
			if n := shared(uncovered, s.words); n > nextN {
				next, nextN = i, n
			}
		}
		if next < 0 {
			break
		}
		chosen = append(chosen, next)
		for w := range uncovered {
			if a.sources[next].words[w] {
				delete(uncovered, w)
			}
		}
	}
	out := make([]int, len(chosen))
	for i, c := range chosen {
		out[i] = a.numbers[c]
	}
	slices.Sort(out)
	return out
}
