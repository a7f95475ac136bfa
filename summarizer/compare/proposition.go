package compare

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/cablebrief/summarize/summarizer"
)

// SimilarityThreshold is the least Jaccard similarity of the content words of two targets
// that SameProposition takes for near-identical. Measured on the pairs of targets of one
// actor on one topic in the test reports, the shared stance annotations and the offline
// reports of the 1,256 pool cables (see proposition_test.go): the pairs that state one
// proposition in other words score 0.6 and above ("sanctions against Iran outside the UN
// Security Council" and "sanctions on Iran outside the UNSC if necessary": 0.75); the
// closest pairs about different propositions score at most 0.57 ("U.S.-Polish defense
// cooperation" and "joint public outreach on U.S.-Polish defense cooperation").
const SimilarityThreshold = 0.6

// Proposition is a stance target reduced to what decides whether two targets state the
// same proposition: its content words, light-stemmed, the words of the topic left out; the
// names, acronyms and numbers among them; and whether the target is negated. The zero
// value is the empty target. Make one with NewProposition.
type Proposition struct {
	all     []string // every content word, topic words included, sorted, once each
	words   []string // the content words without the topic's, sorted, once each
	names   []string // the words of words that come from names, acronyms or numbers
	negated bool     // led by an odd number of negations: "no sanctions", "lifting sanctions"
}

// NewProposition normalises target on the topic whose merge key is topicKey (Topic.Key,
// TopicRef.Key: "tag:iran", "title:amazon fund"). The rules:
//
//   - a target "A rather than B" or "A instead of B" states A: B is the alternative
//     rejected ("instead of B" alone states B, negated);
//   - words are split at anything but letters and digits; a possessive is dropped
//     ("Iran's" is "Iran") and the dots of initials joined ("U.S." is "US", "A.Q." is
//     "AQ");
//   - fixed phrases become one word: "United States" and "U.S." are one word, "United
//     Nations" another, "(UN) Security Council" and "UNSC" another, "European Union" and
//     "EU" another;
//   - a word that stands for a country (summarizer.CountryActor: "French", "France",
//     "Paris", "GOF") becomes that country, so "French recognition" and "recognition by
//     France" share it;
//   - stop words are dropped: articles, prepositions, pronouns, auxiliaries and words
//     such as "issue", "position", "government" that any target may carry;
//   - negations at the head of the target negate it: "not", "no", "never", "non", a verb
//     in "n't", and verbs that state the contrary of their object ("opposing",
//     "rejecting", "preventing", "stopping", "halting", "blocking", "banning", "lifting",
//     "suspending", "ending", "abandoning", "cancelling"); "no sanctions" and "lifting
//     sanctions" are "sanctions", negated. A negation further in ("Europe could follow
//     if there was no progress") is only a stop word;
//   - what is left is stemmed lightly (see stem): "recognising", "recognition" and
//     "recognize" give one word, "sanctions" and "sanction" another;
//   - a word written capitalised after the first word, in a target not written all in
//     capitals, an acronym or a number, is also a name;
//   - the topic's own words (its name, and for a TAGS topic its keywords: "Iran",
//     "Iranian", "Tehran") are left out of the words compared, for every target on the
//     topic may name them.
func NewProposition(target, topicKey string) Proposition {
	return newProposition(target, topicTokens(topicKey))
}

// newProposition is NewProposition with the topic's words, topicTokens, given.
func newProposition(target string, stop map[string]bool) Proposition {
	target, negated := mainClause(target)
	toks := tokens(target)
	var p Proposition
	head := true
	for _, t := range toks {
		if t.negation {
			if head {
				negated = !negated
			}
			continue
		}
		head = false
		p.all = append(p.all, t.word)
		if stop[t.word] {
			continue
		}
		p.words = append(p.words, t.word)
		if t.name {
			p.names = append(p.names, t.word)
		}
	}
	p.negated = negated
	p.all, p.words, p.names = uniq(p.all), uniq(p.words), uniq(p.names)
	return p
}

// alternative matches the words that introduce a rejected alternative.
var alternative = regexp.MustCompile(`(?i)(^|\W)(rather than|instead of)(\W|$)`)

// mainClause returns the part of target that states its proposition: what comes before
// "rather than" or "instead of", or, when nothing does, what follows it, negated.
func mainClause(target string) (string, bool) {
	loc := alternative.FindStringSubmatchIndex(target)
	if loc == nil {
		return target, false
	}
	if before := strings.TrimSpace(target[:loc[4]]); strings.IndexFunc(before, unicode.IsLetter) >= 0 {
		return before, false
	}
	return target[loc[5]:], true
}

func uniq(ss []string) []string {
	slices.Sort(ss)
	return slices.Compact(ss)
}

// Negated reports whether the target negates its proposition ("not recognising Kosovo").
func (p Proposition) Negated() bool { return p.negated }

// Words returns the content words that SameProposition compares, sorted.
func (p Proposition) Words() []string { return slices.Clone(p.words) }

// Similarity is the Jaccard similarity of the content words of p and q: the words they
// share over the words either has; 0 when either has none.
func (p Proposition) Similarity(q Proposition) float64 {
	if len(p.words) == 0 || len(q.words) == 0 {
		return 0
	}
	shared := 0
	for _, w := range p.words {
		if _, ok := slices.BinarySearch(q.words, w); ok {
			shared++
		}
	}
	return float64(shared) / float64(len(p.words)+len(q.words)-shared)
}

// Same reports whether p and q state the same proposition:
//
//   - canonical: the same content words, topic words included ("sanctions on Iran",
//     "Iran sanctions" and "sanctions against Iran" are one proposition); or
//   - near-identical: both have content words besides the topic's, neither names someone
//     or something the other does not name while the other names someone or something it
//     does not ("Maleeha Lodi as National Security Advisor" and "Jehangir Karamat as
//     National Security Advisor" are two propositions), and their Similarity is at least
//     SimilarityThreshold.
//
// A shared word or a shared topic alone is never enough; a target made only of the
// topic's words ("Iran") is the same proposition only as another made of the same words.
// Negation is not compared here: see Opposed.
func (p Proposition) Same(q Proposition) bool {
	if len(p.all) > 0 && slices.Equal(p.all, q.all) {
		return true
	}
	if len(p.words) == 0 || len(q.words) == 0 {
		return false
	}
	if hasOther(p.names, q.words) && hasOther(q.names, p.words) {
		return false
	}
	return p.Similarity(q) >= SimilarityThreshold
}

// hasOther reports whether names holds a word that words (sorted) lacks.
func hasOther(names, words []string) bool {
	for _, n := range names {
		if _, ok := slices.BinarySearch(words, n); !ok {
			return true
		}
	}
	return false
}

// SameProposition reports whether two stance targets on the topic with merge key topicKey
// state the same proposition (see NewProposition and Proposition.Same).
func SameProposition(topicKey, a, b string) bool {
	return NewProposition(a, topicKey).Same(NewProposition(b, topicKey))
}

// Opposed reports whether a stance labelled la on target a and one labelled lb on target b,
// both on the topic with merge key topicKey, take opposite sides of the same proposition:
// the targets state the same proposition and their effective polarities are opposite. The
// effective polarity is the label's (report.Polarity: supports +1; skeptical and opposes
// -1; conditional, neutral and unknown labels 0, which never oppose anything), reversed
// for a negated target: supporting "no sanctions" opposes supporting "sanctions", and
// agrees with opposing them.
func Opposed(topicKey, la, a, lb, b string) bool {
	pa, pb := NewProposition(a, topicKey), NewProposition(b, topicKey)
	ea, eb := effective(la, pa), effective(lb, pb)
	return ea != 0 && ea == -eb && pa.Same(pb)
}

// token is one normalised word of a target.
type token struct {
	word     string
	name     bool // from a capitalised word after the first, an acronym or a number
	negation bool
}

// rawWord is one word of a target as written.
type rawWord struct {
	text  string // letters and digits only
	first bool   // the first word of the target
}

// phrases are the fixed phrases that become one word, longest first, lower case.
var phrases = []struct {
	words []string
	as    string
}{
	{[]string{"united", "nations", "security", "council"}, "unsc"},
	{[]string{"un", "security", "council"}, "unsc"},
	{[]string{"security", "council"}, "unsc"},
	{[]string{"united", "states", "government"}, "us"},
	{[]string{"united", "states"}, "us"},
	{[]string{"united", "nations"}, "un"},
	{[]string{"european", "union"}, "eu"},
	{[]string{"united", "kingdom"}, "uk"},
	{[]string{"great", "britain"}, "uk"},
}

// wordAs maps single words to the word they stand for.
var wordAs = map[string]string{
	"usg": "us", "u.s": "us", "america": "us", "american": "us", "americans": "us",
	"defence": "defense", "programme": "program", "programmes": "program",
	"centre": "center", "centres": "center", "labour": "labor", "britain": "uk", "british": "uk",
}

// negations are the words that negate a target they lead.
var negations = map[string]bool{"not": true, "no": true, "never": true, "nor": true, "neither": true, "non": true}

// negatingVerbs are the stems of verbs that state the contrary of their object, when
// they lead a target: "opposing X" is "X", negated. "Opposition" is not one of them: it
// is most often a party.
var negatingVerbs = map[string]bool{
	"oppos": true, "reject": true, "resist": true, "refus": true, "prevent": true,
	"stop": true, "stopp": true, "halt": true, "block": true, "ban": true, "bann": true,
	"lift": true, "suspend": true, "abandon": true, "cancel": true, "cancell": true,
}

// isNegatingVerb reports whether the lower-case word l is a form of a negatingVerbs verb
// (not a noun such as "opposition", "block" or "ban" alone) or "ending".
func isNegatingVerb(l string) bool {
	if l == "ending" {
		return true
	}
	for _, suf := range []string{"ing", "ed", "es", "e", "s", ""} {
		if w, ok := strings.CutSuffix(l, suf); ok && negatingVerbs[w] {
			return suf != "" || w == "stop" || w == "halt" || w == "lift" || w == "reject" || w == "resist" || w == "prevent" || w == "suspend" || w == "abandon" || w == "cancel"
		}
	}
	return false
}

// propositionStopWords are words that say nothing about which proposition a target
// states, beyond contentStopWords.
var propositionStopWords = map[string]bool{
	"toward": true, "towards": true, "upon": true, "onto": true, "within": true, "via": true,
	"per": true, "whether": true, "his": true, "him": true, "hers": true, "ours": true, "your": true,
	"you": true, "me": true, "my": true, "so": true, "because": true, "while": true, "after": true, "before": true, "just": true,
	"current": true, "possible": true, "likely": true, "certain": true, "various": true,
	"matter": true, "idea": true, "notion": true, "concept": true,
	"regarding": true, "concerning": true, "including": true, "between": true, "among": true,
	"against": true, "under": true, "through": true, "during": true, "across": true,
	"both": true, "each": true, "either": true, "same": true, "this": true, "that": true,
}

// tokens splits and normalises target (see NewProposition).
func tokens(target string) []token {
	raw := rawWords(target)
	caps := allCaps(target)
	lower := make([]string, len(raw))
	for i, w := range raw {
		lower[i] = strings.ToLower(w.text)
	}
	var out []token
	for i := 0; i < len(raw); i++ {
		w, l := raw[i], lower[i]
		if as, n := phraseAt(lower, i); n > 0 {
			out = append(out, token{word: country(as), name: true})
			i += n - 1
			continue
		}
		switch {
		case negations[l] || strings.HasSuffix(l, "n't") || isNegatingVerb(l):
			out = append(out, token{negation: true})
			continue
		case l == "us" && w.text == "us" && !caps:
			continue // the pronoun, not the country
		case isDigits(l):
			out = append(out, token{word: l, name: true})
			continue
		}
		if as, ok := wordAs[l]; ok {
			out = append(out, token{word: country(as), name: true})
			continue
		}
		if c := summarizer.CountryActor(w.text, ""); c != "" {
			out = append(out, token{word: "country:" + c, name: true})
			continue
		}
		if contentStopWords[l] || propositionStopWords[l] {
			continue
		}
		acronym := len(w.text) >= 2 && isUpperWord(w.text) && !caps
		switch {
		case acronym:
			out = append(out, token{word: l, name: true})
		case len(l) > 2:
			out = append(out, token{word: stem(l), name: !caps && !w.first && startsUpper(w.text)})
		}
	}
	return out
}

// country is w, or "country:" and the country w stands for (summarizer.CountryActor).
func country(w string) string {
	if c := summarizer.CountryActor(w, ""); c != "" {
		return "country:" + c
	}
	return w
}

// phraseAt returns the word the fixed phrase starting at words[i] stands for and its
// length in words, or 0.
func phraseAt(words []string, i int) (string, int) {
	for _, ph := range phrases {
		if i+len(ph.words) <= len(words) && slices.Equal(words[i:i+len(ph.words)], ph.words) {
			return ph.as, len(ph.words)
		}
	}
	return "", 0
}

// initials matches initials written with dots: "U.S.", "A.Q.", "U.N.S.C.".
var initials = regexp.MustCompile(`\b(?:[A-Za-z]\.){2,}`)

// rawWords splits target into words of letters and digits. A possessive "'s" is dropped,
// "n't" kept with its verb, and the dots of initials joined ("U.S." gives "US").
func rawWords(target string) []rawWord {
	target = initials.ReplaceAllStringFunc(target, func(s string) string { return strings.ReplaceAll(s, ".", "") })
	var out []rawWord
	rs := []rune(target)
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, rawWord{text: b.String(), first: len(out) == 0})
			b.Reset()
		}
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case (r == '\'' || r == '’') && b.Len() > 0 && i+1 < len(rs) && unicode.ToLower(rs[i+1]) == 's' && (i+2 == len(rs) || !unicode.IsLetter(rs[i+2])):
			i++ // "Iran's": the possessive goes
			flush()
		case (r == '\'' || r == '’') && b.Len() > 0 && i+1 < len(rs) && unicode.ToLower(rs[i+1]) == 't' && strings.HasSuffix(strings.ToLower(b.String()), "n"):
			b.WriteString("'t") // "don't" stays one word, a negation
			i++
		default:
			flush()
		}
	}
	flush()
	return out
}

// allCaps reports whether target is written in capitals (a 1970s cable, a heading): then
// capitals say nothing about names.
func allCaps(target string) bool {
	upper, lower := 0, 0
	for _, r := range target {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper > 0 && lower*4 < upper
}

func isUpperWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

func startsUpper(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// topicTokens returns the words of a topic that NewProposition leaves out: the words of
// its key, and, for a TAGS topic, of its name and keywords, normalised as targets are.
func topicTokens(key string) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		for _, t := range tokens(strings.ToLower(s)) {
			if !t.negation {
				out[t.word] = true
			}
		}
	}
	if t, ok := strings.CutPrefix(key, "title:"); ok {
		add(t)
		return out
	}
	if t, ok := strings.CutPrefix(key, "tag:"); ok {
		add(t)
		for _, tt := range tagTopics {
			if NormalizeTitle(tt.Name) == t {
				add(tt.Name)
				for _, k := range tt.Keywords {
					add(k)
				}
			}
		}
	}
	return out
}

// stem strips the commonest English inflections and derivations from a lower-case word,
// lightly: what is left keeps at least four letters, and only one inflection and one
// derivation go, so that "recognising", "recognition", "recognized" and "recognise" give
// "recogn", "sanctions" and "sanctioning" give "sanct", "funding" and "fund" give "fund",
// but "nation" stays "nation" and "state" "stat". Words of an all-capital acronym are not
// stemmed by the caller.
func stem(w string) string {
	if len(w) <= 4 {
		return w
	}
	w = singular(w)
	for _, suf := range []string{"ising", "izing", "ised", "ized", "ating", "ated", "ings", "ing", "ed"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	for _, suf := range []string{"isation", "ization", "ation", "ition", "ments", "ment", "ence", "ance", "ion", "ise", "ize", "ate", "ent", "ant", "e"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}
