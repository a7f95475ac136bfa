package offline

import (
	"strings"
	"sync"
)

// This file exports the engine's sentence splitter and ranking for other extractive
// uses (the cross-cable digest of package brief), so that there is one splitter and one
// TextRank in the project.

// stopwords is the stop list of New, built once.
var stopwords = sync.OnceValue(func() map[string]bool {
	stop := map[string]bool{}
	for _, w := range strings.Fields(stopwordList) {
		stop[w] = true
	}
	return stop
})

// Sentences splits text with the engine's cable-aware splitter (abbreviations, initials,
// bullets, blank lines) and returns its sentences as they stand in text, each trimmed of
// the SUMMARY, COMMENT and END markers the engine trims and of surrounding white space,
// in order; sentences that are only a marker are left out.
func Sentences(text string) []string {
	var out []string
	for _, sp := range splitSentences(text) {
		s, e := cleanSpan(text, sp.Start, sp.End)
		if e > s {
			out = append(out, text[s:e])
		}
	}
	return out
}

// ContentWords returns the content words of s as the ranking compares them: lower case,
// stop words and words of one or two letters left out, a plural "s" dropped.
func ContentWords(s string) map[string]bool {
	return words(s, stopwords())
}

// Centrality scores texts by TextRank over word overlap (Mihalcea and Tarau 2004), the
// graph ranking behind the engine's summaries, with the engine's penalties for fragments
// (fewer than four content words) and for texts that open with a pronoun referring back
// ("He agreed ..."), but without its weights for a sentence's place in its section: a
// text that shares words with many others scores high. Scores are comparable within one
// call only. It returns nil for no texts. The cost grows with the square of len(texts).
func Centrality(texts []string) []float64 {
	if len(texts) == 0 {
		return nil
	}
	sents := make([]sentence, len(texts))
	for i, t := range texts {
		sents[i] = sentence{Text: t, Index: i}
	}
	scores, ws := centrality(sents, stopwords())
	for i, t := range texts {
		if len(ws[i]) < 4 {
			scores[i] *= 0.5
		}
		if pronounStart(t) {
			scores[i] *= 0.6
		}
	}
	return scores
}

// Overlap counts the ids two sorted sets share (word ids, as the ranking keeps them).
func Overlap(a, b []int) int { return overlap(a, b) }
