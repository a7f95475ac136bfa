package summarizer

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Unsupported returns the claims of claimText — the names of people, places and
// organisations, the numbers and the dates it states — that none of sources supports,
// each as written in claimText, in order of first appearance, without duplicates; nil
// when every claim is supported. It is NewSupport(sources...).Unsupported(claimText).
func Unsupported(claimText string, sources ...string) []string {
	return NewSupport(sources...).Unsupported(claimText)
}

// Support indexes source texts so that claims can be checked against them. The zero
// value supports nothing; use NewSupport. A Support is not modified after NewSupport and
// is safe for concurrent use.
//
// A claim is supported when the sources state it, allowing for what a faithful
// paraphrase changes:
//   - names: case, punctuation, diacritics, possessives (the damaged ",s" too),
//     hyphenation ("Ki-moon", "al-Maliki"/"Maliki"); titles and offices are not checked
//     ("Foreign Minister Kouchner" needs "Kouchner"); a full name when the sources have
//     the surname ("Bernard Kouchner"), but not when the words before it place it
//     ("North Korea" is not "South Korea"); a country, its people, its capital and its
//     government ("France", "French", "Paris", "GOF"; "U.S.", "US", "USG", "American",
//     "Washington"; regular demonyms such as "Kenyan" for "Kenya"); an acronym and its
//     expansion ("IAEA", "International Atomic Energy Agency");
//   - numbers: by value ("three" and "3", "1,500" and "1500", "$3 billion" and "3,000
//     million", "40%" and "40 percent"); a hedged number within its hedge ("about 1,500"
//     for 1,480, "more than 1,000" for 1,480);
//   - dates: by month, day and year in any of the cables' styles ("June 13", "13 June",
//     "JUNE 13", "6/13", "2007-06-13", "130849Z JUN 07"); a claim without a year matches
//     any year, a source without one any claimed year.
type Support struct {
	words     map[string]bool // every word form (see wordForms)
	phrase    string          // the normalised words of every source, " " between, "|" between sources
	countries map[string]bool // countries named, by demonyms
	goLetters map[string]bool // "f" for GOF: the initials of "Government of X" acronyms
	initials  map[string]bool // acronyms of the capitalised names ("iaea"), and the acronyms themselves
	acronyms  []string        // the acronyms written in the sources
	stems     map[string]bool // capitalised words with final vowels dropped
	demStems  map[string]bool // the same with a demonym suffix dropped first
	skeletons map[string]bool // consonant skeletons of capitalised words of five letters or more
	capStart  map[string]bool // first one and two letters of capitalised words of four or more
	numbers   []float64       // sorted
	dates     []date
}

// NewSupport indexes sources. It reads each source as the claims are read, and more
// leniently: numeric dates both month and day first, two-digit years after a month.
func NewSupport(sources ...string) *Support {
	b := newSupportBuilder()
	for _, src := range sources {
		toks := tokenize(src)
		b.names(toks)
		b.quantities(toks)
	}
	return b.support()
}

// supportBuilder builds a Support from tokenised sources.
type supportBuilder struct {
	s        *Support
	phrase   strings.Builder
	acronyms map[string]bool
}

func newSupportBuilder() *supportBuilder {
	b := &supportBuilder{s: &Support{
		words: map[string]bool{}, countries: map[string]bool{}, goLetters: map[string]bool{},
		initials: map[string]bool{}, stems: map[string]bool{}, demStems: map[string]bool{},
		skeletons: map[string]bool{}, capStart: map[string]bool{},
	}, acronyms: map[string]bool{}}
	b.phrase.WriteString("|")
	return b
}

// names indexes the words and names of one source.
func (b *supportBuilder) names(toks []token) {
	s := b.s
	b.phrase.WriteString(" ")
	for i, t := range toks {
		if t.kind == tokPunct {
			continue
		}
		b.phrase.WriteString(t.norm)
		b.phrase.WriteByte(' ')
		s.words[t.norm] = true
		if t.shape.joined {
			for _, f := range wordForms(t.norm)[1:] {
				s.words[f] = true
			}
		}
		if t.kind == tokWord && (t.isCap() || t.isAcronym()) {
			s.indexName(toks, i)
			if i+1 < len(toks) && toks[i+1].kind == tokWord && toks[i+1].isCap() && !t.possessive {
				s.words[t.norm+toks[i+1].norm] = true // "Ahmadi Nejad" is also "Ahmadinejad"
			}
			if t.isAcronym() {
				b.acronyms[strings.ReplaceAll(t.norm, "-", "")] = true
			}
		}
	}
	b.phrase.WriteString("|")
	s.indexInitials(toks)
}

// quantities indexes the numbers and dates of one source.
func (b *supportBuilder) quantities(toks []token) {
	b.add(quantitiesOf(toks))
}

// add indexes numbers and dates read from a source by quantitiesOf.
func (b *supportBuilder) add(q quantities) {
	b.s.numbers = append(b.s.numbers, q.numbers...)
	b.s.dates = append(b.s.dates, q.dates...)
}

// quantities are the numbers and dates of a source.
type quantities struct {
	numbers []float64
	dates   []date
}

// quantitiesOf reads the numbers and dates of a source, leniently (see NewSupport); the
// year of a date counts as a number.
func quantitiesOf(toks []token) quantities {
	q := quantities{numbers: numbersOf(toks, findDates(toks, false))}
	for _, fd := range findDates(toks, true) {
		q.dates = append(q.dates, fd.date)
		if fd.y != 0 {
			q.numbers = append(q.numbers, float64(fd.y))
		}
	}
	return q
}

// support returns the Support built. The builder is not used after.
func (b *supportBuilder) support() *Support {
	s := b.s
	s.phrase = b.phrase.String()
	for a := range b.acronyms {
		s.acronyms = append(s.acronyms, a)
	}
	sort.Strings(s.acronyms)
	sort.Float64s(s.numbers)
	return s
}

// indexName records what a capitalised word of a source says: the country it names
// (alone or with the next word: "United States"), the government acronym it is, its
// stems for demonyms and its first letters.
func (s *Support) indexName(toks []token, i int) {
	t := toks[i]
	for _, f := range wordForms(t.norm) {
		if c := demonyms[f]; c != "" {
			s.countries[c] = true
		}
		if l, ok := goLetters(f); ok && t.isAcronym() {
			s.goLetters[l] = true
		}
		s.stems[vowelStem(f)] = true
		if len(f) >= 5 {
			s.skeletons[skeleton(f)] = true
		}
		if d := demonymStem(f); d != f {
			s.demStems[vowelStem(d)] = true
		}
		if len(f) >= 4 {
			s.capStart[f[:1]] = true
			s.capStart[f[:2]] = true
		}
	}
	if i+1 < len(toks) && toks[i+1].kind == tokWord {
		if c := demonyms[t.norm+" "+toks[i+1].norm]; c != "" {
			s.countries[c] = true
		}
	}
}

// indexInitials records the initials of every run of two to eight capitalised words of
// a source, connectors left out ("Lebanese Armed Forces" gives "laf", "UN Security
// Council" "unsc" and "sc").
func (s *Support) indexInitials(toks []token) {
	var run []string
	flush := func() {
		for a := 0; a < len(run); a++ {
			var b strings.Builder
			for z := a; z < len(run) && z < a+8; z++ {
				b.WriteString(run[z])
				if z > a {
					s.initials[b.String()] = true
				}
			}
		}
		run = run[:0]
	}
	for _, t := range toks {
		switch {
		case t.kind == tokWord && t.isAcronym():
			run = append(run, strings.ReplaceAll(t.norm, "-", ""))
		case t.kind == tokWord && t.isCap():
			run = append(run, t.norm[:1])
		case t.kind == tokWord && t.isLower() && connectors[t.norm]:
		default:
			flush()
		}
	}
	flush()
}

// numbersOf returns every value the numbers of a source give: as written and scaled, each
// end of a range. The days of dates are left out ("June 24" does not support "24
// aircraft"); their years are recorded with the dates.
func numbersOf(toks []token, dates []foundDate) []float64 {
	var out []float64
	inDate := make([]bool, len(toks))
	for _, d := range dates {
		for k := d.from; k < d.to; k++ {
			inDate[k] = true
		}
	}
	for i := 0; i < len(toks); i++ {
		if inDate[i] {
			continue
		}
		n, ok := readNumber(toks, i)
		if !ok {
			continue
		}
		out = append(out, n.values...)
		out = append(out, n.raw...)
		if n.identity && toks[i].kind == tokNum { // "1:00", "6/13": the numbers in them
			for _, p := range strings.FieldsFunc(toks[i].norm, func(r rune) bool { return r < '0' || r > '9' }) {
				if v, err := strconv.ParseFloat(p, 64); err == nil {
					out = append(out, v)
				}
			}
		}
		if toks[i].kind == tokWord {
			i = n.to - 1 // "two hundred" is 200, not also 100
		}
	}
	return out
}

// Unsupported returns the claims of claimText that the sources do not support, as
// Unsupported does.
func (s *Support) Unsupported(claimText string) []string {
	out := unsupported(claimText, s.supports)
	if len(out) == 0 {
		return nil
	}
	return out
}

// unsupported returns the claims of text that supported rejects, each once, in order;
// [] when none. A name is reported once: "Rice" after "Secretary Rice" is the same
// claim.
func unsupported(text string, supported func(claim) bool) []string {
	out := []string{}
	seen := map[string]bool{}
	named := map[string]bool{} // the significant words of the names reported
	for _, c := range extractClaims(text) {
		if supported(c) {
			continue
		}
		key := foldString(c.text)
		if seen[key] {
			continue
		}
		if c.kind == claimName {
			again := true
			for _, t := range c.run {
				if significant(t) && !named[t.norm] {
					again = false
				}
			}
			if again {
				continue
			}
			for _, t := range c.run {
				named[t.norm] = true
			}
		}
		seen[key] = true
		out = append(out, c.text)
	}
	return out
}

func (s *Support) supports(c claim) bool {
	if s == nil || s.words == nil {
		return false
	}
	switch c.kind {
	case claimNumber:
		for _, v := range c.num.values {
			if !s.hasNumber(v, c.num.hedge) {
				return false
			}
		}
		return true
	case claimDate:
		return s.hasDate(c.date)
	}
	return s.supportsName(c.run)
}

// hasNumber reports whether a source gives v, or a value within the hedge.
func (s *Support) hasNumber(v float64, h hedge) bool {
	lo, hi := v, v
	switch h {
	case hedgeAbout:
		lo, hi = v*0.9, v*1.1
	case hedgeAtLeast:
		lo, hi = v, v*2
	case hedgeAtMost:
		lo, hi = v/2, v
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	eps := 1e-9 * math.Max(1, math.Abs(v))
	i := sort.SearchFloat64s(s.numbers, lo-eps)
	return i < len(s.numbers) && s.numbers[i] <= hi+eps
}

// hasDate reports whether a source date has the claim's month and, where both give
// them, its day and year.
func (s *Support) hasDate(d date) bool {
	for _, x := range s.dates {
		if x.m == d.m && (d.d == 0 || x.d == d.d) && (d.y == 0 || x.y == 0 || x.y == d.y) {
			return true
		}
	}
	if d.d == 0 && d.y != 0 { // "June 2007": a June and 2007 anywhere
		for _, x := range s.dates {
			if x.m == d.m {
				return s.hasNumber(float64(d.y), hedgeExact)
			}
		}
	}
	return false
}

// supportsName reports whether the sources support a name (its words, titles included).
func (s *Support) supportsName(run []token) bool {
	norms := make([]string, len(run))
	for i, t := range run {
		norms[i] = t.norm
	}
	// The name as written, or a country ("the French government").
	if len(norms) == 1 && s.words[norms[0]] ||
		len(norms) > 1 && (s.words[strings.Join(norms, "")] || strings.Contains(s.phrase, " "+strings.Join(norms, " ")+" ")) {
		return true
	}
	var rest []string
	for _, n := range norms {
		if !countryWords[n] {
			rest = append(rest, n)
		}
	}
	if c := demonyms[strings.Join(rest, " ")]; c != "" && s.hasCountry(c) {
		return true
	}
	// An expansion of an acronym of the sources ("European Union" for "EU", "Security
	// Council" for "UNSC").
	if ini := initials(run); len(ini) >= 2 && institutional(run) {
		if s.words[ini] {
			return true
		}
		for _, a := range s.acronyms {
			if len(a) > len(ini) && strings.HasSuffix(a, ini) {
				return true
			}
		}
	}
	// Every word, or the last one with given names before it.
	var sig []token
	for _, t := range run {
		if significant(t) {
			sig = append(sig, t)
		}
	}
	// A supported name with common words around it: "Guantanamo Bay", "Kaesong
	// Industrial Complex" when the text has "Guantanamo" and "Kaesong".
	distinctive, others := false, true
	for _, t := range sig {
		switch {
		case s.supportsWord(t):
			distinctive = distinctive || !isCommon(t.norm)
		case qualifiers[t.norm] || !isLowerSeen(t.norm) || t.isAcronym():
			others = false
		}
	}
	if distinctive && others {
		return true
	}
	missing := -1
	for i, t := range sig {
		if !s.supportsWord(t) {
			if missing < 0 {
				missing = i
			}
			if i == len(sig)-1 {
				return false
			}
		}
	}
	if missing < 0 {
		return true
	}
	// The last word is supported, some before it are not: given names and nationalities
	// before a surname ("Bernard Kouchner", "Iranian President Ahmadinejad"), not
	// qualifiers of a place ("North Korea") or parts of an acronym.
	if len(sig) > 4 {
		return false
	}
	for _, t := range sig[:len(sig)-1] {
		if s.supportsWord(t) {
			continue
		}
		if qualifiers[t.norm] || t.isAcronym() || strings.ContainsAny(t.norm, "0123456789") {
			return false
		}
	}
	return true
}

// qualifiers are words that make a place or a body another one: "North Korea" is not
// "South Korea".
var qualifiers = setOf(`north south east west northern southern eastern western central
	upper lower new greater little democratic islamic republic united people's peoples
	popular national federal royal supreme high higher`)

// supportsWord reports whether the sources support one word of a name.
func (s *Support) supportsWord(t token) bool {
	forms := wordForms(t.norm)
	if s.words[forms[0]] || len(forms) > 1 && s.words[forms[1]] {
		return true
	}
	if len(forms) > 2 { // every part of "U.S.-French", "Ki-moon"; "Venezuelan-funded" needs "Venezuelan"
		ok := true
		for k, p := range forms[2:] {
			if lowerPart(t.text, k) && isCommon(p) {
				continue
			}
			if !s.words[p] && !s.supportsCountry(p, t) && !generic(p) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	if s.supportsCountry(forms[0], t) {
		return true
	}
	if t.isAcronym() {
		a := strings.ReplaceAll(forms[0], "-", "")
		if s.initials[a] {
			return true
		}
		if len(a) == 2 { // "UN" for "UNOMIG", "EU" for "EUFOR"
			for _, x := range s.acronyms {
				if len(x) >= 4 && strings.HasPrefix(x, a) {
					return true
				}
			}
		}
	}
	return false
}

// lowerPart reports whether the k-th hyphenated or slashed part of word (particles
// counted) is written in lower case.
func lowerPart(word string, k int) bool {
	var parts []string
	for _, p := range strings.FieldsFunc(word, func(r rune) bool { return r == '-' || r == '/' }) {
		if !particles[strings.ToLower(p)] {
			parts = append(parts, p)
		}
	}
	if k >= len(parts) {
		return false
	}
	return strings.ToLower(parts[k]) == parts[k]
}

// supportsCountry reports whether w (a form of token t) names a country, its people or its
// government that the sources name in any of these ways.
func (s *Support) supportsCountry(w string, t token) bool {
	if c := demonyms[w]; c != "" && s.hasCountry(c) {
		return true
	}
	if l, ok := goLetters(w); ok && t.isAcronym() {
		return s.goLetters[l] || s.capStart[l]
	}
	if !t.isCap() || utf8Len(w) < 4 {
		return false
	}
	// Regular demonyms both ways: "Kenyan"/"Kenya", "Iranians"/"Iran", "Kosovar"/"Kosovo".
	if d := demonymStem(w); d != w {
		if st := vowelStem(d); len(st) >= 3 && s.stems[st] {
			return true
		}
	}
	if st := vowelStem(w); len(st) >= 3 && s.demStems[st] || len(st) >= 5 && s.stems[st] {
		return true // "Argentina" for "ARGENTINE"
	}
	// The same name transliterated another way: "Hezbollah" for "Hizballah", "Zayed" for
	// "Zayid".
	if sk := skeleton(w); len(w) >= 5 && len(sk) >= 3 && s.skeletons[sk] {
		return true
	}
	return false
}

// skeleton returns the first letter of a word and its consonants after it (y counts as
// one), doubled letters single and "h" after a consonant dropped ("hezbollah" and
// "hizballah" give "hzblh", "zayed" and "zayid" "zyd", "abdullah" "abdl").
func skeleton(w string) string {
	if w == "" {
		return ""
	}
	b := []byte{w[0]}
	for i := 1; i < len(w); i++ {
		c := w[i]
		switch {
		case strings.IndexByte("aeiouw'-", c) >= 0:
			continue
		case c == 'h' && strings.IndexByte("aeiou", w[i-1]) < 0:
			continue
		case len(b) > 0 && b[len(b)-1] == c:
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// hasCountry reports whether the sources name country c, or its government by an
// acronym GO+initial ("GOK" for Kenya).
func (s *Support) hasCountry(c string) bool {
	return s.countries[c] || c != "" && s.goLetters[c[:1]]
}

// goLetters returns the letters after "go" of a government acronym ("gof" gives "f",
// "gosl" "sl").
func goLetters(w string) (string, bool) {
	if len(w) < 3 || len(w) > 4 || !strings.HasPrefix(w, "go") || w == "good" || w == "gone" {
		return "", false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return "", false
		}
	}
	return w[2:], true
}

// demonymSuffixes end the names of peoples made from the names of countries, longest
// first.
var demonymSuffixes = []string{"ians", "ian", "ans", "ese", "ish", "ars", "an", "is", "ar", "ns", "i", "n", "s"}

// demonymStem drops a demonym suffix from w ("kenyan" → "keny", "iranians" → "iran").
func demonymStem(w string) string {
	for _, suf := range demonymSuffixes {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// vowelStem drops the final vowels and y of w ("kenya" → "ken", "turkey" → "turk").
func vowelStem(w string) string {
	return strings.TrimRight(w, "aeiouy")
}

// institutional reports whether a name may be the expansion of an acronym: it has no
// personal title before another word ("Secretary Clinton" is not "SC", "Lebanese Armed
// Forces" may be "LAF").
func institutional(run []token) bool {
	for i, t := range run {
		if personalTitles[t.norm] && i+1 < len(run) {
			return false
		}
	}
	return true
}

// personalTitles are the titles that stand before a person's name.
var personalTitles = setOf(`secretary minister president ambassador amb mr mrs ms dr general
	gen senator sen king queen prince princess sheikh shaykh chancellor premier governor gov
	mayor speaker fm pm u/s a/s das envoy adviser advisor director deputy chief spokesman
	spokesperson colonel col admiral adm judge justice emir sultan ayatollah imam cardinal
	pope bishop archbishop rabbi commander lieutenant lt captain capt major maj sergeant
	professor prof madam madame monsieur mme`)

// initials returns the initials of a name's words, connectors left out, an acronym
// counting whole ("European Union" gives "eu", "UN Security Council" "unsc"); "" for a
// name of one word.
func initials(run []token) string {
	var b strings.Builder
	n := 0
	for _, t := range run {
		if t.isLower() && connectors[t.norm] {
			continue
		}
		n++
		if t.isAcronym() {
			b.WriteString(strings.ReplaceAll(t.norm, "-", ""))
		} else if t.norm != "" {
			b.WriteString(t.norm[:1])
		}
	}
	if n < 2 {
		return ""
	}
	return b.String()
}
