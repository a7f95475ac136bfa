package offline

import (
	"regexp"
	"strings"
)

// nounTarget returns what the stance noun at toks[i] is about: the words after it up to
// the verb of the clause it stands in ("China's opposition to a new resolution was
// clear" gives "a new resolution"), or the whole that-clause after a claim noun.
func nounTarget(sent string, toks []token, i int) string {
	if toks[i+1].Lower == "that" {
		return extractTarget(sent[toks[i].End:])
	}
	end := toks[i+1].End
	for k := i + 2; k < len(toks); k++ {
		w := toks[k].Lower
		if beForms[w] || auxiliaries[w] || w == "has" || w == "had" || w == "have" || w == "that" || w == "which" ||
			strings.HasSuffix(w, "ed") && !capitalized(toks[k].Text) && !determiners[toks[k-1].Lower] {
			break
		}
		end = toks[k].End
		if toks[k].Punct != 0 && toks[k].Punct != '.' || toks[k].Punct == '.' && !strings.HasSuffix(toks[k].Text, ".") {
			break
		}
	}
	return extractTarget(sent[toks[i].End:end])
}

// urgedObject is the addressee and infinitive after an urging cue: "Kouchner to",
// "the French government not to", "him to".
var urgedObject = regexp.MustCompile(`^\s*(?:on\s+)?((?:[\w.'’/-]+\s+){1,6}?)(not\s+)?to\s+([a-z]+)\s+`)

// urgedRest strips the addressee off what follows an urging cue: after "urged Kouchner
// to support new sanctions" the urger supports "new sanctions"; after "urged China to
// reject X", X with opposes... but the label of the urging cue is kept and only the
// words change when the infinitive is itself a stance verb. It returns the rest and, when
// the addressee is asked to act, the label that request carries (supports), else "".
func urgedRest(rest string, c *cues) (string, string) {
	m := urgedObject.FindStringSubmatchIndex(rest)
	if m == nil {
		return rest, ""
	}
	np := rest[m[2]:m[3]]
	if strings.ContainsAny(np, ",;:") {
		return rest, ""
	}
	for _, w := range strings.Fields(strings.ToLower(np)) {
		if notAddressee[w] || strings.ContainsAny(w, "0123456789") {
			return rest, "" // "called on the Ambassador on September 18 to relay"
		}
	}
	verb := rest[m[6]:m[7]]
	negated := m[4] >= 0
	if l, ok := infinitiveLabel(verb, c); ok && !negated && l == labSupports {
		if obj := strings.Fields(rest[m[1]:]); len(obj) > 1 || len(obj) == 1 && !strings.HasSuffix(strings.Trim(obj[0], ".,;"), "ly") {
			return rest[m[1]:], labSupports // "to support new sanctions": the sanctions
		}
	}
	return rest[m[2]:], labSupports
}

// notAddressee are words that cannot stand in the addressee of an urging cue, so that
// "told reporters that he wanted to visit" is not a request.
var notAddressee = map[string]bool{
	"that": true, "whether": true, "if": true, "about": true, "he": true, "she": true, "it": true,
	"they": true, "we": true, "i": true, "was": true, "were": true, "is": true, "are": true,
	"had": true, "has": true, "have": true, "would": true, "will": true, "could": true,
	"should": true, "be": true, "been": true, "not": true, "in": true, "for": true, "with": true,
	"wanted": true, "want": true, "needed": true, "need": true, "plans": true, "planned": true,
	"going": true, "able": true, "willing": true, "ready": true, "how": true, "what": true,
	"on": true, "at": true, "during": true, "by": true, "from": true,
}

// infinitiveLabel returns the label of a base-form stance verb ("support", "reject").
func infinitiveLabel(w string, c *cues) (string, bool) {
	for _, k := range c.byFirst[w] {
		if q := c.list[k]; q.Base && len(q.Words) == 1 {
			return q.Label, true
		}
	}
	return "", false
}

var (
	targetLead    = regexp.MustCompile(`(?i)^(?:in principle,?\s+|that\s+|with\s+|to\s+|on\s+|about\s+|for\s+|of\s+|against\s+|by\s+|over\s+|whether\s+|at\s+|in\s+|from\s+|(?:himself|herself|themselves|itself)\s+)+`)
	targetBreak   = regexp.MustCompile(`(?i);|\s--\s|:\s|\s\(|,\s(?:but|and|or|while|though|although|which|insisting|adding|saying|as|whom|who|if|since|because|despite|noting|arguing|\w+ing)\s|\s(?:and|but)\s+(?:\w+ed|said|told|thought|felt|made|gave|took|saw)\b|\.$`)
	objectPronoun = regexp.MustCompile(`(?i)^(?:(?:him|them|us|me)\s+(?:to\s+|that\s+)?|her\s+(?:to|that)\s+)`)
	targetSaid    = regexp.MustCompile(`,\s+(?:[A-Z][\w'/.-]*\s+){1,3}(?:said|noted|added|argued|stressed|insisted|explained|told|continued|stated)\b`)
)

// addresseeWords may stand with names in an addressee or a time before "that": "the
// Secretary the previous day that ...", "Burns and Araud on June 12 that ...".
var addresseeWords = map[string]bool{
	"and": true, "the": true, "him": true, "her": true, "them": true, "us": true, "me": true,
	"previous": true, "day": true, "week": true, "month": true, "year": true, "yesterday": true,
	"today": true, "earlier": true, "later": true, "last": true, "next": true, "morning": true,
	"afternoon": true, "evening": true, "on": true, "in": true, "during": true, "privately": true,
	"publicly": true, "again": true, "repeatedly": true, "also": true, "before": true,
	"same": true, "following": true, "recently": true, "separately": true, "both": true,
}

// skipNamesBeforeThat drops an addressee before "that": "Burns that unity was key"
// gives "unity was key", "the Secretary the previous day that he did not believe" gives
// "he did not believe". Only names, titles, times and "and" may stand before "that".
func skipNamesBeforeThat(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if i > 8 {
			break
		}
		lw := strings.ToLower(strings.Trim(w, ",."))
		if lw == "that" && i > 0 {
			return strings.Join(words[i+1:], " ")
		}
		if !capitalized(w) && !addresseeWords[lw] && !isNumber(lw) {
			break
		}
	}
	return s
}

func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if (r < '0' || r > '9') && r != '/' && r != '-' {
			return false
		}
	}
	return true
}

var (
	// dateLead is a date or time that opens a target: "on June 12 to send", "last week
	// that".
	dateLead = regexp.MustCompile(`(?i)^(?:(?:on|in|by|during|since|as\s+of)\s+)?(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)\s+\d{1,2}(?:,?\s+\d{4})?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:last|this|next|that)\s+(?:week|month|year|morning|afternoon|evening|weekend)|yesterday|today|earlier|recently)\b,?\s*`)
	// dottedEnd is a dotted abbreviation that ends a target without its last period.
	dottedEnd = regexp.MustCompile(`(?:^|[^\w.])(?:[A-Za-z]\.)+[A-Za-z]$`)
	// concessiveLead opens a concession before the main clause of a target.
	concessiveLead = regexp.MustCompile(`(?i)^(?:while|although|though|even\s+though|whereas|despite|in\s+spite\s+of)\s`)
	// addresseeOn is a named addressee before what a pushing cue is about: "Kouchner on
	// individual Sudan sanctions", "the French on Iran".
	addresseeOn = regexp.MustCompile(`^(?:(?:the|and|[A-Z][\w.'’/-]*)\s+){0,3}[A-Z][\w.'’/-]*\s+(?:on|about|regarding|over)\s+`)
)

// targetStop are words a target may not end with.
var targetStop = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "and": true, "in": true, "on": true,
	"for": true, "with": true, "that": true, "by": true, "at": true, "from": true, "or": true,
	"its": true, "their": true, "his": true, "her": true, "as": true, "be": true, "would": true,
	"was": true, "were": true, "is": true, "are": true, "had": true, "has": true, "not": true,
	"could": true, "which": true, "this": true, "but": true, "if": true, "into": true, "than": true,
}

// maxTargetWords caps the length of a target.
const maxTargetWords = 12

// targetEnd are more words a target may not end with: articles, prepositions, conjunctions,
// pronouns, auxiliaries and determiners.
var targetEnd = map[string]bool{
	"he": true, "she": true, "it": true, "we": true, "they": true, "i": true, "you": true,
	"him": true, "them": true, "us": true, "me": true, "our": true, "your": true, "my": true,
	"will": true, "can": true, "may": true, "might": true, "must": true, "should": true,
	"shall": true, "did": true, "do": true, "does": true, "been": true, "being": true,
	"have": true, "both": true, "either": true, "neither": true, "who": true, "whom": true,
	"whose": true, "what": true, "when": true, "where": true, "while": true, "because": true,
	"so": true, "nor": true, "these": true, "those": true, "such": true, "any": true,
	"some": true, "each": true, "every": true, "no": true, "very": true, "more": true,
	"most": true, "less": true, "only": true, "just": true, "also": true, "even": true,
	"about": true, "over": true, "under": true, "against": true, "between": true,
	"among": true, "through": true, "during": true, "without": true, "within": true,
	"toward": true, "towards": true, "upon": true, "via": true, "including": true,
	"whether": true, "although": true, "though": true, "unless": true, "since": true,
	"after": true, "before": true, "until": true, "there": true, "where's": true,
}

// phraseOpeners start a clause or phrase; a capped target is cut before the last one.
var phraseOpeners = map[string]bool{
	"and": true, "but": true, "or": true, "that": true, "which": true, "who": true,
	"because": true, "while": true, "when": true, "if": true, "where": true, "whether": true,
	"since": true, "although": true, "though": true, "unless": true, "as": true, "so": true,
	"until": true, "after": true, "before": true, "with": true, "without": true, "by": true,
	"for": true, "from": true, "to": true, "in": true, "on": true, "at": true,
}

// capWords cuts words to maxTargetWords at a phrase boundary: after the last comma, or
// before the last word that opens a phrase, when that leaves at least half the cap.
func capWords(words []string) []string {
	if len(words) <= maxTargetWords {
		return words
	}
	for k := maxTargetWords; k >= maxTargetWords/2; k-- {
		if strings.HasSuffix(words[k-1], ",") {
			return words[:k]
		}
	}
	for k := maxTargetWords; k >= maxTargetWords/2; k-- {
		if phraseOpeners[strings.ToLower(words[k])] {
			return words[:k]
		}
	}
	return words[:maxTargetWords]
}

// extractTarget returns the noun phrase or clause after a cue, trimmed: leading
// connectives dropped, cut at the first clause boundary and at maxTargetWords words,
// without dangling function words. It returns "" when nothing is left.
func extractTarget(rest string) string {
	rest = strings.TrimSpace(rest)
	full := rest
	if strings.HasPrefix(rest, ",") {
		if i := strings.Index(rest, " that "); i >= 0 {
			rest = rest[i+len(" that "):]
		} else if i := strings.Index(rest[1:], ","); i >= 0 {
			rest = rest[i+2:]
		}
	}
	rest = strings.TrimLeft(rest, " ,")
	rest = targetLead.ReplaceAllString(rest, "")
	if loc := dateLead.FindStringIndex(rest); loc != nil && loc[1] < len(rest) {
		rest = targetLead.ReplaceAllString(rest[loc[1]:], "")
	}
	rest = skipNamesBeforeThat(rest)
	if loc := concessiveLead.FindStringIndex(rest); loc != nil {
		if k := strings.Index(rest, ", "); k > loc[1] && k+2 < len(rest) {
			rest = rest[k+2:] // "that while they might not talk to the USG, they would talk to France"
		}
	}
	rest = objectPronoun.ReplaceAllString(rest, "")
	if loc := addresseeOn.FindStringIndex(rest); loc != nil && loc[1] < len(rest) {
		rest = rest[loc[1]:]
	}
	if loc := targetBreak.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	if loc := targetSaid.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	words := capWords(strings.Fields(rest))
	for len(words) > 0 {
		w := strings.ToLower(strings.Trim(words[len(words)-1], `,.;:"'`))
		if !targetStop[w] && !targetEnd[w] && w != "" {
			break
		}
		words = words[:len(words)-1]
	}
	out := strings.Join(words, " ")
	out = strings.Trim(out, `,.;:'"“”`)
	if m := dottedEnd.FindString(out); m != "" && strings.Contains(full, out+".") {
		out += "." // "the U.S." keeps its period
	}
	if strings.Count(out, "(") < strings.Count(out, ")") {
		out = strings.TrimRight(out, ")")
	}
	return strings.TrimSpace(out)
}
