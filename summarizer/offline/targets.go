package offline

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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
	if _, stance := infinitiveLabel(verb, c); !negated && !stance && m[1] < len(rest) {
		// "urged Berri to meet Saad": Berri meeting Saad; "urged him to act": acting.
		who := strings.TrimSpace(np)
		switch strings.ToLower(who) {
		case "him", "her", "them", "us", "me", "you":
			who = ""
		}
		if who != "" {
			who += " "
		}
		return who + gerund(verb) + " " + rest[m[1]:], labSupports
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
	targetLead = regexp.MustCompile(`(?i)^(?:in principle,?\s+|that\s+|with\s+|to\s+|on\s+|about\s+|for\s+|of\s+|against\s+|by\s+|over\s+|whether\s+|at\s+|in\s+|from\s+|regarding\s+|concerning\s+|toward\s+|towards\s+|(?:himself|herself|themselves|itself)\s+)+`)
	// expletiveLead is an impersonal frame whose complement is the proposition: "it was
	// important to move ahead with X", "there was a need for X".
	// needLead frames the proposition with its weight: "the need to support X", "the
	// importance of democratization".
	needLead      = regexp.MustCompile(`(?i)^(?:the\s+)?(?:(?:urgent|pressing|critical|great|particular|overriding)\s+)?(?:need|necessity|importance|urgency|value)\s+(?:of|for|to)\s+`)
	thereLead     = regexp.MustCompile(`(?i)^there\s+(?:is|was|are|were|(?:would|could|will|should|might|may|must)\s+be|has\s+been|had\s+been)\s+(?:an?\s+)?`)
	expletiveLead = regexp.MustCompile(`^(?:it|this)\s+(?:was|is|would\s+be|will\s+be|had\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:not\s+)?(?:important|essential|necessary|vital|crucial|imperative|critical|helpful|useful|time|right|best|better|wise|urgent|key)\s+(?:for\s+(?:the\s+)?[\w.-]+\s+)?to\s+([a-z]+)|^there\s+(?:was|is|would\s+be|will\s+be)\s+(?:an?\s+)?(?:\w+\s+)?(?:need|necessity|urgency)\s+(?:for|to)\s+`)
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
	rest = strings.TrimLeft(rest, " ,\"'“”")
	if len(rest) > maxTargetScan {
		// A target is at most maxTargetWords words: the regular expressions below need
		// not read the rest of a long sentence.
		cut := maxTargetScan
		for cut < len(rest) && rest[cut] != ' ' {
			cut++
		}
		rest = rest[:cut]
	}
	rest = targetLead.ReplaceAllString(rest, "")
	if m := expletive(rest); m != nil && m[1] < len(rest) {
		if m[2] >= 0 {
			rest = gerund(rest[m[2]:m[3]]) + rest[m[3]:] // "it was important to move ahead"
		} else {
			rest = rest[m[1]:]
		}
	}
	if loc := needLeadIndex(rest); loc != nil && loc[1] < len(rest) {
		infinitive := strings.HasSuffix(strings.ToLower(strings.TrimSpace(rest[:loc[1]])), " to")
		rest = rest[loc[1]:]
		if f := strings.Fields(rest); infinitive && len(f) > 0 && f[0] == strings.ToLower(f[0]) && strings.HasPrefix(rest, f[0]) {
			rest = gerund(f[0]) + rest[len(f[0]):] // "the need to support X": supporting X
		}
	}
	if loc := thereLeadIndex(rest); loc != nil && loc[1] < len(rest) {
		rest = rest[loc[1]:] // "there could be an increased focus on X": increased focus on X
	}
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
	// Only the first maxTargetWords words and a phrase beyond them are kept, so the
	// breaks need not be looked for further (a break spans at most five words).
	rest = firstWords(rest, maxTargetWords+8)
	if k := targetBreakIndex(rest); k >= 0 {
		rest = rest[:k]
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
	if n := len(out); n >= 3 && out[n-2] == '.' && dottedEnd.MatchString(out) && strings.Contains(full, out+".") {
		out += "." // "the U.S." keeps its period
	}
	if strings.Count(out, "(") < strings.Count(out, ")") {
		out = strings.TrimRight(out, ")")
	}
	if strings.Count(out, `"`) == 1 {
		out = strings.Replace(out, `"`, "", 1) // `re-energize" the JPMG`: the quote's other half is cut off
	}
	return strings.TrimSpace(out)
}

// breakWords after ", " end a target: "..., but", "..., which", "..., noting".
var breakWords = map[string]bool{
	"but": true, "and": true, "or": true, "while": true, "whereas": true, "though": true,
	"although": true, "which": true, "insisting": true, "adding": true, "saying": true,
	"as": true, "whom": true, "who": true, "if": true, "since": true, "because": true,
	"despite": true, "noting": true, "arguing": true, "however": true,
}

// pastAfterAnd after " and " or " but " end a target: "the plan and said", "X but made".
var pastAfterAnd = map[string]bool{
	"said": true, "told": true, "thought": true, "felt": true, "made": true, "gave": true,
	"took": true, "saw": true,
}

// isRegexpSpace and isRegexpWord are the classes \s and \w of package regexp.
func isRegexpSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
func isRegexpWord(c byte) bool  { return isWordByte(c) || c == '_' }

// wordAt returns the run of \w bytes that starts at s[i], lower-cased.
func wordAt(s string, i int) string {
	j := i
	for j < len(s) && isRegexpWord(s[j]) {
		j++
	}
	return strings.ToLower(s[i:j])
}

// targetBreakIndex returns where a target ends in rest: the first clause boundary (";",
// " -- ", ": ", " (", a comma before a conjunction, a relative or a participle, "and" or
// "but" before a verb in the past) or a final period; -1 when there is none.
func targetBreakIndex(rest string) int {
	n := len(rest)
	for i := 0; i < n; i++ {
		c := rest[i]
		switch {
		case c == ';':
			return i
		case c == ':' && i+1 < n && isRegexpSpace(rest[i+1]):
			return i
		case c == '.' && i == n-1:
			return i
		case c == ',' && i+2 < n && isRegexpSpace(rest[i+1]) && isRegexpWord(rest[i+2]):
			w := wordAt(rest, i+2)
			if breakWords[w] || len(w) > 3 && strings.HasSuffix(w, "ing") {
				return i
			}
		case isRegexpSpace(c) && i+1 < n:
			if rest[i+1] == '(' {
				return i
			}
			if i+3 < n && rest[i+1] == '-' && rest[i+2] == '-' && isRegexpSpace(rest[i+3]) {
				return i
			}
			if isRegexpWord(rest[i+1]) {
				w := wordAt(rest, i+1)
				if w != "and" && w != "but" {
					continue
				}
				j := i + 1 + len(w)
				k := j
				for k < n && isRegexpSpace(rest[k]) {
					k++
				}
				if k == j || k >= n || !isRegexpWord(rest[k]) {
					continue
				}
				v := wordAt(rest, k)
				if len(v) > 2 && strings.HasSuffix(v, "ed") || pastAfterAnd[v] {
					return i
				}
			}
		}
	}
	return -1
}

// firstWords returns the prefix of s that holds its first n words (runs of non-space
// bytes), s itself when it has no more.
func firstWords(s string, n int) string {
	in := false
	for i := 0; i < len(s); i++ {
		if isSpaceByte(s[i]) {
			if in {
				n--
				if n == 0 {
					return s[:i]
				}
			}
			in = false
			continue
		}
		in = true
	}
	return s
}

// clauseOpeners cannot open a target: a conjunction or a subject pronoun opens a clause
// or a fragment ("and finalize", "he said", "he would be able to"), not a proposition
// that stands in a table.
var clauseOpeners = map[string]bool{
	"and": true, "or": true, "but": true, "nor": true, "he": true, "she": true, "it": true,
	"they": true, "we": true, "i": true, "you": true, "there": true, "one": true,
	"later": true, "down": true, "up": true, "so": true, "then": true, "also": true,
}

// expletiveIt are the verbs after an "it" that stands for the clause that follows: "It is
// an injustice that ...", "it would be a mistake to ...".
var expletiveIt = map[string]bool{
	"is": true, "was": true, "would": true, "will": true, "may": true, "might": true,
	"could": true, "can": true, "should": true, "must": true, "has": true, "had": true,
}

// shortDeterminers open a short target that only points elsewhere: "the idea", "this
// approach", "her victory", "such reforms".
var shortDeterminers = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true,
	"those": true, "such": true, "his": true, "her": true, "its": true, "their": true,
	"our": true, "your": true, "my": true, "any": true, "some": true, "no": true,
	"it": true, "them": true, "him": true, "all": true, "both": true, "each": true,
}

// nominalSuffixes end nouns that name a proposition on their own: "reconciliation",
// "democracy", "extremism", "enlargement".
var nominalSuffixes = []string{"tion", "sion", "ment", "ance", "ence", "ity", "ism", "acy", "ship", "ure", "ade"}

// subjectPronounWords open a clause whose subject is named elsewhere: "they would lead
// to major changes", "he would be able to form a working relationship".
var subjectPronounWords = map[string]bool{"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true}

// pronounClause reports whether target is a clause of three words or more whose subject
// is a pronoun and whose verb does not merely report ("he said"): it names a proposition,
// but one a reader of a table cannot tell, like an anaphoric target.
func pronounClause(target string) bool {
	ws := strings.Fields(strings.ToLower(target))
	if len(ws) < 3 || !subjectPronounWords[ws[0]] {
		return false
	}
	switch ws[1] {
	case "said", "says", "added", "noted", "told", "stated", "explained":
		return false
	}
	return !(ws[0] == "it" && expletiveIt[ws[1]])
}

// notHeads are words that may follow a determiner without naming anything: "the
// worst", "the same", "the rest".
var notHeads = map[string]bool{
	"worst": true, "best": true, "most": true, "least": true, "same": true, "other": true,
	"others": true, "former": true, "latter": true, "rest": true, "following": true,
	"above": true, "one": true, "ones": true, "first": true, "last": true, "next": true,
	"matter": true, "issue": true, "point": true, "case": true, "way": true, "thing": true,
	"things": true, "fact": true, "time": true, "moment": true, "subject": true,
}

// anaphoric reports whether target is a determiner and one noun that points back to
// what the cable named before ("the proposal", "this approach", "their timelines"): it
// names a proposition, but not one a reader of a table can tell.
func anaphoric(target string) bool {
	ws := strings.Fields(strings.ToLower(strings.Trim(target, `"'“”‘’,.;:()`)))
	if len(ws) != 2 || !shortDeterminers[ws[0]] || ws[0] == "no" || ws[0] == "all" {
		return false
	}
	w := strings.Trim(ws[1], `"'“”‘’,.;:()`)
	if notHeads[w] || strings.HasSuffix(w, "est") || len(w) < 3 {
		return false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// standsAlone reports whether target names a proposition a reader can take from a table
// without the sentence: not a fragment that opens with a conjunction or a pronoun ("and
// finalize", "he said"); of one word, a proper name ("Iran") or a noun that names
// something on its own ("sanctions", "reconciliation"); of two, a proper name
// ("Kosovo's independence") or a noun phrase that neither merely points elsewhere ("the
// idea", "her victory"; see anaphoric) nor opens with a verb ("take action").
func standsAlone(target string) bool {
	ws := strings.Fields(target)
	if len(ws) == 0 || strings.Count(target, ")") > strings.Count(target, "(") {
		return false // ") \"past, present", "2-3 a year) as well as"
	}
	if r, _ := utf8.DecodeRuneInString(target); !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"'“‘", r) {
		return false
	}
	lw := func(i int) string { return strings.ToLower(strings.Trim(ws[i], `"'“”‘’,.;:()`)) }
	if len(ws) > 1 && (lw(0) == "his" || lw(0) == "her" || lw(0) == "their" || lw(0) == "its") && ownClaims[lw(1)] {
		return false // "her argument by noting that ..."
	}
	if visitTarget(target) && len(ws) > 1 && (lw(1) == "you" || lw(1) == "your") {
		return false // "welcoming you to the UAE": hospitality
	}
	if clauseOpeners[lw(0)] && !(lw(0) == "it" && len(ws) > 3 && expletiveIt[lw(1)]) {
		return false
	}
	if finiteVerbs[lw(0)] {
		return false // "would be a constructive response": a clause without its subject
	}
	if len(ws) >= 3 {
		return true
	}
	proper := false
	for i, w := range ws {
		core := strings.Trim(w, `"'“”‘’,.;:()`)
		if capitalized(core) && (len(core) >= 3 || allCaps(core) && len(core) == 2) && !(allCaps(core) && commonWords[lw(i)]) {
			proper = true
		}
	}
	if proper {
		return !shortDeterminers[lw(0)] || len(ws) == 2 && capitalized(ws[1])
	}
	if shortDeterminers[lw(0)] || bareVerbs[lw(0)] || strings.HasSuffix(lw(0), "ing") && len(ws) == 2 && !nominal(lw(1)) {
		return false // "take action", "step down", "growing crime"
	}
	if len(ws) == 2 {
		return true // "missile defense", "illegal immigration"
	}
	return nominal(lw(0))
}

// bareVerbs are frequent verbs that open a verb phrase left over from an infinitive:
// "take action", "step down", "offer materiel".
var bareVerbs = map[string]bool{
	"take": true, "make": true, "give": true, "get": true, "keep": true, "hold": true,
	"put": true, "set": true, "send": true, "step": true, "offer": true, "go": true,
	"come": true, "do": true, "see": true, "let": true, "bring": true, "pay": true,
	"play": true, "move": true, "stay": true, "leave": true, "help": true, "work": true,
	"engage": true, "participate": true, "consider": true, "continue": true, "proceed": true,
	"act": true, "wait": true, "cooperate": true, "meet": true, "be": true, "have": true,
	"use": true, "try": true, "seek": true, "find": true, "look": true, "turn": true,
	"visit": true, "attend": true, "join": true, "remain": true, "start": true, "stop": true,
	"finalize": true, "discuss": true, "learn": true, "know": true, "say": true, "tell": true,
}

// nominal reports whether the lower-case word w is a noun that names something on its
// own: a nominalisation ("reconciliation", "democracy", "extremism") or a plural
// ("sanctions"); not "change" or "help", which may as well be verbs.
func nominal(w string) bool {
	head := w
	for _, suf := range nominalSuffixes {
		if strings.HasSuffix(head, suf) && len(head) > len(suf)+2 {
			return true
		}
	}
	// A plural noun: "sanctions", "relief operations"; not "has", "was", "across".
	return len(head) > 4 && strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") &&
		!strings.HasSuffix(head, "us") && !strings.HasSuffix(head, "is") && !strings.HasSuffix(head, "ous")
}

// maxTargetScan bounds the bytes of a sentence read for a target: far more than
// maxTargetWords words.
const maxTargetScan = 400

// expletive matches expletiveLead at the start of rest, testing the cheap prefix first.
func expletive(rest string) []int {
	if !strings.HasPrefix(rest, "it ") && !strings.HasPrefix(rest, "this ") && !strings.HasPrefix(rest, "there ") {
		return nil
	}
	return expletiveLead.FindStringSubmatchIndex(rest)
}

// needLeadIndex matches needLead at the start of rest when a word of it is near.
func needLeadIndex(rest string) []int {
	head := strings.ToLower(rest[:min(len(rest), 40)])
	for _, w := range []string{"need", "importance", "necessity", "urgency", "value"} {
		if strings.Contains(head, w) {
			return needLead.FindStringIndex(rest)
		}
	}
	return nil
}

// thereLeadIndex matches thereLead at the start of rest.
func thereLeadIndex(rest string) []int {
	if len(rest) < 6 || !strings.EqualFold(rest[:6], "there ") {
		return nil
	}
	return thereLead.FindStringIndex(rest)
}

// gerund returns the -ing form of the base verb w: "move" gives "moving", "plan"
// "planning", "see" "seeing", "be" "being".
func gerund(w string) string {
	lw := strings.ToLower(w)
	switch {
	case lw == "be" || lw == "see" || strings.HasSuffix(lw, "ee") || strings.HasSuffix(lw, "ye") || strings.HasSuffix(lw, "oe"):
		return w + "ing"
	case strings.HasSuffix(lw, "ie"):
		return w[:len(w)-2] + "ying"
	case strings.HasSuffix(lw, "e") && len(lw) > 2:
		return w[:len(w)-1] + "ing"
	case cvc(lw):
		return w + w[len(w)-1:] + "ing"
	}
	return w + "ing"
}

// cvc reports whether a short verb ends consonant-vowel-consonant after at most one more
// consonant ("plan", "stop", "get"), and so doubles its last letter before -ing.
func cvc(w string) bool {
	vowel := func(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }
	n := len(w)
	if n < 3 || n > 4 || strings.IndexByte("wxy", w[n-1]) >= 0 {
		return false
	}
	if vowel(w[n-1]) || !vowel(w[n-2]) || vowel(w[n-3]) {
		return false
	}
	return n == 3 || !vowel(w[0])
}

// prepositionalTo are cue words after which "to" is a preposition ("committed to
// democracy", "opposed to sanctions", "looked forward to working"), not the mark of an
// infinitive ("agreed to send", "refused to attend").
var prepositionalTo = map[string]bool{
	"committed": true, "open": true, "opposed": true, "receptive": true, "amenable": true,
	"objected": true, "objection": true, "objections": true, "opposition": true,
	"resistance": true, "commitment": true, "support": true, "averse": true, "hostile": true,
	"forward": true, "agreement": true, "approval": true, "reply": true, "response": true,
	"responded": true, "replied": true, "reacted": true, "alternative": true, "contrary": true,
	"subscribed": true, "attached": true, "dedicated": true, "devoted": true, "sympathetic": true,
}

// adverbs may stand between "to" and its verb: "to further strengthen".
var adverbs = map[string]bool{
	"not": true, "never": true, "only": true, "also": true, "still": true, "further": true,
	"again": true, "then": true, "too": true, "now": true, "once": true, "even": true,
	"just": true, "immediately": true, "later": true, "soon": true, "quickly": true,
}

// quantifiers may follow a prepositional "to": "explained to several visitors".
var quantifiers = map[string]bool{
	"several": true, "many": true, "few": true, "most": true, "other": true, "various": true,
	"numerous": true, "certain": true, "more": true, "less": true, "further": true,
	"two": true, "three": true, "both": true, "each": true, "every": true, "whom": true,
}

// infinitiveTarget turns a target that is a bare infinitive after the cue word cueWord
// ("agreed to send troops", "was reluctant to leave Karachi") into a gerund phrase that
// reads as a proposition: "sending troops", "leaving Karachi". next is the word after
// "to" in the sentence; other targets are returned unchanged.
func infinitiveTarget(cueWord, next, target string) string {
	if prepositionalTo[cueWord] || next == "" || !strings.HasPrefix(target, next) || len(next) < 2 {
		return target
	}
	r := next[0]
	if r < 'a' || r > 'z' || shortDeterminers[next] || adverbs[next] || quantifiers[next] || strings.HasSuffix(next, "ing") || strings.HasSuffix(next, "ly") || strings.ContainsAny(next, "0123456789.'’") {
		return target
	}
	return gerund(next) + target[len(next):]
}

// finiteVerbs end the subject of a clause: "the talks would fail", "the visit was an
// important opportunity".
var finiteVerbs = map[string]bool{
	"was": true, "were": true, "is": true, "are": true, "would": true, "will": true,
	"could": true, "had": true, "has": true, "have": true, "should": true, "might": true,
	"may": true, "can": true, "must": true, "did": true, "does": true, "do": true,
	"wouldn't": true, "won't": true, "cannot": true, "isn't": true, "wasn't": true,
}

// clauseSubject returns the subject of the clause target, the proposition a verdict on
// the clause judges ("sanctions would be counterproductive" gives "sanctions"), or
// target itself when it is no clause or its subject does not stand alone.
func clauseSubject(target string) string {
	ws := strings.Fields(target)
	for i := 1; i < len(ws); i++ {
		if finiteVerbs[strings.ToLower(ws[i])] {
			head := ws[:i]
			for len(head) > 0 {
				w := strings.ToLower(strings.Trim(head[len(head)-1], `,.;:"'`))
				if !targetStop[w] && !targetEnd[w] && w != "" {
					break
				}
				head = head[:len(head)-1] // "the MD study that was endorsed": the MD study
			}
			subj := strings.TrimRight(strings.Join(head, " "), ",")
			if standsAlone(subj) && !anaphoric(subj) {
				return subj
			}
			return target
		}
	}
	return target
}

// modalAdverbs may stand around a modal of obligation: "should also", "must not",
// "would now need to".
var modalAdverbs = map[string]bool{
	"not": true, "never": true, "also": true, "still": true, "then": true, "now": true,
	"further": true, "again": true, "only": true, "just": true, "both": true, "all": true,
	"even": true, "therefore": true, "thus": true, "too": true, "first": true,
}

// obligationTarget returns what a recommendation is about: the clause after the cue
// ending at toks[end] whose modal of obligation stands at toks[k], as a gerund phrase
// ("both governments should work together" gives "both governments working together",
// "we must not wait" gives "waiting"). An addressee and "that" before the clause, and a
// subject that is a pronoun, are left out.
func obligationTarget(sent string, toks []token, end, k int) string {
	from := end + 1
	for j := from; j < k; j++ {
		if toks[j].Lower == "that" {
			from = j + 1
		}
		if toks[j].Punct == ',' && j+1 < k {
			from = j + 1 // "absent a UNSCR, we would need to"
		}
	}
	var subj string
	last := k - 1
	for j := from; j < k; j++ {
		if finiteVerbs[toks[j].Lower] && j > from {
			last = j - 1 // "Indian engagement is transparent and should not": the subject
			break
		}
	}
	for last >= from && (finiteVerbs[toks[last].Lower] || modalAdverbs[toks[last].Lower]) {
		last-- // "bilateral discussions would need to": the subject without its auxiliary
	}
	if from <= last {
		subj = sent[toks[from].Start:toks[last].End]
		if ws := strings.Fields(subj); len(ws) == 1 && (subjectPronounWords[strings.ToLower(ws[0])] || strings.EqualFold(ws[0], "there")) {
			subj = ""
		}
	}
	v := k + 1
	if w := toks[k].Lower; w == "ought" || w == "need" || w == "needs" {
		v++
	}
	for v < len(toks) && (modalAdverbs[toks[v].Lower] || strings.HasSuffix(toks[v].Lower, "ly") && toks[v].Punct == 0) {
		v++
	}
	if v >= len(toks) {
		return ""
	}
	pred := gerund(toks[v].Text) + sent[toks[v].End:]
	if subj != "" {
		pred = subj + " " + pred
	}
	return extractTarget(pred)
}
