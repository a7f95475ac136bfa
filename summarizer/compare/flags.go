package compare

import (
	"strings"

	"github.com/cablebrief/summarize/summarizer/report"
)

// contentStopWords are words too common to make two targets similar.
var contentStopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "that": true, "this": true, "from": true,
	"its": true, "his": true, "her": true, "their": true, "our": true, "are": true, "was": true,
	"were": true, "will": true, "would": true, "should": true, "could": true, "not": true,
	"any": true, "all": true, "more": true, "than": true, "into": true, "over": true,
	"about": true, "also": true, "such": true, "has": true, "have": true, "had": true,
	"they": true, "she": true, "which": true, "who": true, "what": true, "but": true, "out": true,
	"new": true, "other": true, "been": true, "being": true, "there": true, "these": true,
	"those": true, "them": true, "then": true, "very": true, "said": true, "say": true,
	"saying": true, "may": true, "might": true, "must": true, "can": true, "did": true,
	"does": true, "one": true, "two": true, "some": true, "only": true, "on": true, "of": true,
	"to": true, "in": true, "a": true, "an": true, "by": true, "at": true, "as": true, "be": true,
	"is": true, "it": true, "he": true, "we": true, "or": true, "if": true, "no": true, "up": true,
	"government": true, "issue": true, "question": true, "position": true, "view": true,
	"need": true, "further": true, "well": true, "how": true, "why": true, "when": true,
	"where": true, "now": true, "own": true, "u": true, "s": true, "usg": true,
}

// contentWords returns the content words of a target, singular and lower case, without
// stop words and the words in stop (the topic's own).
func contentWords(target string, stop map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, w := range titleWords(target) {
		w = singular(w)
		if len(w) < 3 || contentStopWords[w] || stop[w] || isDigits(w) {
			continue
		}
		out[w] = true
	}
	return out
}

// topicStopWords are the words of a topic that every target on it may share: its name and,
// for a tag topic, its keywords ("iran", "iranian", "tehran" for Iran).
func topicStopWords(key, name string) map[string]bool {
	stop := map[string]bool{}
	add := func(s string) {
		for _, w := range titleWords(s) {
			stop[singular(w)] = true
		}
	}
	add(name)
	if t, ok := strings.CutPrefix(key, "title:"); ok {
		add(t)
	}
	for _, t := range tagTopics {
		if strings.EqualFold(t.Name, name) {
			for _, k := range t.Keywords {
				add(k)
			}
		}
	}
	return stop
}

// similar reports whether two targets share a content word.
func similar(a, b string, stop map[string]bool) bool {
	wa := contentWords(a, stop)
	for w := range contentWords(b, stop) {
		if wa[w] {
			return true
		}
	}
	return false
}

// similarItems reports whether two stances are on similar targets: targets that share a
// content word, or, in the same section, a target without content words of its own (the
// topic's name, "it") is taken to be the section's subject.
func similarItems(a, c item, stop map[string]bool) bool {
	wa, wc := contentWords(a.target, stop), contentWords(c.target, stop)
	if a.section == c.section && (len(wa) == 0 || len(wc) == 0) {
		return true
	}
	for w := range wc {
		if wa[w] {
			return true
		}
	}
	return false
}

// contradicts reports whether two of the items have labels of opposite polarity on
// similar targets or in the same section.
func contradicts(items []item, stop map[string]bool) bool {
	for i, a := range items {
		pa := report.Polarity(a.label)
		if pa == 0 {
			continue
		}
		for _, c := range items[i+1:] {
			if report.Polarity(c.label) == -pa && similarItems(a, c, stop) {
				return true
			}
		}
	}
	return false
}

// changes reports whether a cell labelled to, with items now, reverses the polarity of the
// earlier cell labelled from, with items before, on a similar target.
func changes(from string, before []item, to string, now []item, stop map[string]bool) bool {
	pf, pt := report.Polarity(from), report.Polarity(to)
	if pf == 0 || pt != -pf {
		return false
	}
	for _, a := range before {
		if report.Polarity(a.label) != pf {
			continue
		}
		for _, c := range now {
			if report.Polarity(c.label) == pt && similar(a.target, c.target, stop) {
				return true
			}
		}
	}
	return false
}
