package compare

import (
	"github.com/cablebrief/summarize/summarizer/report"
)

// contentStopWords are words too common to tell two propositions apart.
var contentStopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "that": true, "this": true, "from": true,
	"its": true, "his": true, "her": true, "their": true, "our": true, "are": true, "was": true,
	"were": true, "will": true, "would": true, "should": true, "could": true,
	"any": true, "all": true, "more": true, "than": true, "into": true, "over": true,
	"about": true, "also": true, "such": true, "has": true, "have": true, "had": true,
	"they": true, "she": true, "which": true, "who": true, "what": true, "but": true, "out": true,
	"new": true, "other": true, "been": true, "being": true, "there": true, "these": true,
	"those": true, "them": true, "then": true, "very": true, "said": true, "say": true,
	"saying": true, "may": true, "might": true, "must": true, "can": true, "did": true,
	"does": true, "one": true, "some": true, "only": true, "on": true, "of": true,
	"to": true, "in": true, "a": true, "an": true, "by": true, "at": true, "as": true, "be": true,
	"is": true, "it": true, "he": true, "we": true, "or": true, "if": true, "up": true,
	"government": true, "issue": true, "question": true, "position": true, "view": true,
	"need": true, "further": true, "well": true, "how": true, "why": true, "when": true,
	"where": true, "now": true, "own": true, "do": true, "so": true,
}

// Statement is one stance of one actor on one topic in one cable, as the flag rules see
// it.
type Statement struct {
	Cable  string // the cable's id
	Date   string // the cable's date as compared: YYYY-MM-DD, a year alone, or "" (see Cable.Date)
	Label  string
	Target string
}

// Conflict is a pair of statements that a flag rule found, by index into the statements
// given to Conflicts.
type Conflict struct {
	Kind  string // FlagChanged or FlagContradiction
	Index int    // the statement flagged: for a change, the later one
	Other int    // the statement it conflicts with: for a change, the earlier one
}

// Conflicts applies the flag rules to the statements of one actor on one topic (merge key
// topicKey), which must come in the order of their cables (by date as Comparison.Cables
// are ordered), the statements of one cable together and in the order of the report:
//
//   - contradiction: two statements of one cable are Opposed: opposite effective
//     polarities on the same proposition. Index is the later of the two, Other the
//     earlier; every such pair is given once.
//   - changed: a statement with a polarity (supports; skeptical or opposes) whose
//     proposition the actor last took a side on, in the latest cable dated strictly
//     earlier (see later: two cables of one day are not a change over time, a year alone
//     is later only than earlier years), with the opposite polarity only. Other is the
//     first of those earlier statements.
//
// Conditional and neutral labels never raise a flag, and neither do statements on
// different propositions, however close their topic: see Proposition.Same. The result is
// in the order found: by Index, then Other.
func Conflicts(topicKey string, sts []Statement) []Conflict {
	props := make([]Proposition, len(sts))
	pol := make([]int, len(sts))
	stop := topicTokens(topicKey)
	for i, s := range sts {
		props[i] = newProposition(s.Target, stop)
		pol[i] = effective(s.Label, props[i])
	}
	var out []Conflict
	start := 0 // the first statement of the current cable
	for i, s := range sts {
		if i > 0 && sts[i-1].Cable != s.Cable {
			start = i
		}
		if pol[i] == 0 {
			continue
		}
		// A change: the latest earlier cable with a statement on the proposition.
		latest, agree, first := "", false, -1
		for j := start - 1; j >= 0; j-- {
			t := sts[j]
			if latest != "" && t.Cable != latest {
				break
			}
			if pol[j] == 0 || !later(t.Date, s.Date) || !props[j].Same(props[i]) {
				continue
			}
			latest = t.Cable
			if pol[j] == pol[i] {
				agree = true
			} else {
				first = j // going backwards: ends on the first in report order
			}
		}
		if latest != "" && !agree && first >= 0 {
			out = append(out, Conflict{Kind: FlagChanged, Index: i, Other: first})
		}
		// Contradictions within the cable.
		for j := start; j < i; j++ {
			if pol[j] == -pol[i] && props[j].Same(props[i]) {
				out = append(out, Conflict{Kind: FlagContradiction, Index: i, Other: j})
			}
		}
	}
	return out
}

// effective is the polarity of a stance labelled label on p: the label's, reversed when p
// is negated.
func effective(label string, p Proposition) int {
	pol := report.Polarity(label)
	if p.negated {
		return -pol
	}
	return pol
}
