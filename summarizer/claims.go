package summarizer

import (
	"sort"
	"strings"
	"unicode"
)

// This file finds the claims of a text that the faithfulness check verifies: the names
// (people, places, organisations), numbers and dates a summary states.

// claimKind tells names from numbers and dates.
type claimKind uint8

const (
	claimName claimKind = iota
	claimNumber
	claimDate
)

// claim is one checkable statement of a text: its surface text as written (a possessive
// stripped), and what is checked.
type claim struct {
	kind  claimKind
	text  string
	start int     // byte offset in the text, for ordering
	run   []token // claimName: the name's words, titles included
	num   number  // claimNumber
	date  date    // claimDate
}

// connectors may stand inside a name between capitalised words: "Ministry of Foreign
// Affairs", "Quai d'Orsay", "bin Laden", "Hague".
var connectors = setOf(`of the de du des del della da dos do di al el bin ibn bint van von der den la le y`)

// cableWords are the cables' own words for offices, papers and their parts: not names a
// summary can get wrong.
var cableWords = setOf(`department dept deptoff deptoffs emboff emboffs poloff poloffs
	econoff econoffs conoff pol polcouns econcouns polchief ambassador charge post mission
	secretary administration government ministry ministries parliament embassy consulate
	comment summary note reftel septel cable section paragraph para ref refs begin end text
	sipdis noforn classified confidential unclassified secret sensitive minister ministers
	president vice prime deputy official officials counterparts interlocutors contacts`)

// refWords are words after which a number points into a document, not at a quantity.
var refWords = setOf(`para paras paragraph paragraphs ref refs reftel section sections page
	pages point points item items no nos number note annex tab`)

// generic reports whether a word (normalised) is a title, a courtesy, a word for a group
// or an institution, or one of the cables' own words: part of a name, never the name.
// The tables are those ActorKey and CountryActor use (actors.go).
func generic(norm string) bool {
	return titleWords[norm] || groupWords[norm] || institutionWords[norm] || countryWords[norm] ||
		cableWords[norm] || connectors[norm]
}

// extractClaims returns the claims of text in order of appearance: dates ("June 13",
// "6/13/07"), numbers ("1,500", "$3 billion", "twelve"; not list numbering, paragraph
// references or a bare number word below ten such as "the two sides"), and names:
// capitalised words and acronyms, with the connectors and initials between them, that
// are not a common word starting a sentence and hold at least one word that is not a
// title or a generic word ("Secretary Rice", "Hamas", "GOF"; not "the Foreign Minister").
// In a sentence written in capitals, the names are the runs of words that are not common
// words (see commonwords.txt).
func extractClaims(text string) []claim {
	toks := tokenize(text)
	caps := capsSentences(toks)
	used := make([]bool, len(toks))
	var out []claim
	for _, fd := range findDates(toks, false) {
		out = append(out, claim{kind: claimDate, text: span(text, toks, fd.from, fd.to), start: toks[fd.from].start, date: fd.date})
		for k := fd.from; k < fd.to; k++ {
			used[k] = true
		}
	}
	for i := 0; i < len(toks); i++ {
		if used[i] {
			continue
		}
		n, ok := readNumber(toks, i)
		if !ok {
			continue
		}
		for k := n.from; k < n.to; k++ {
			used[k] = true
		}
		if isQuantityClaim(toks, n) {
			n.hedge = hedgeBefore(toks, n.from)
			out = append(out, claim{kind: claimNumber, text: numberSpan(text, toks, n), start: toks[n.from].start, num: n})
		}
		i = n.to - 1
	}
	for i := 0; i < len(toks); i++ {
		if used[i] || !nameWord(toks[i], caps[i]) {
			continue
		}
		j := runEnd(toks, used, caps, i)
		for k := i; k < j; k++ {
			used[k] = true
		}
		if c, ok := nameClaim(text, toks[i:j], caps[i]); ok {
			out = append(out, c)
		}
		i = j - 1
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// capsSentences marks the tokens of sentences written in capitals: at least 12 letters,
// nine in ten of them capitals.
func capsSentences(toks []token) []bool {
	out := make([]bool, len(toks))
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !(toks[j].kind != tokPunct && toks[j].sentStart) {
			j++
		}
		upper, letters := 0, 0
		for _, t := range toks[i:j] {
			for _, r := range t.text {
				if unicode.IsLetter(r) {
					letters++
					if unicode.IsUpper(r) {
						upper++
					}
				}
			}
		}
		if letters >= 12 && upper*10 >= letters*9 {
			for k := i; k < j; k++ {
				out[k] = true
			}
		}
		i = j
	}
	return out
}

// isQuantityClaim reports whether a number is a claim: not an identity (a cable id, a
// date-time group, a time), not list numbering ("1." or "(2)" at a sentence start), not
// a reference ("para 5", "¶5"), and when written in words, ten or more, or scaled
// ("three million"), or a percentage.
func isQuantityClaim(toks []token, n number) bool {
	if n.identity {
		return false
	}
	prev := func(k int) token {
		if k < 0 {
			return token{}
		}
		return toks[k]
	}
	p := prev(n.from - 1)
	if p.text == "¶" || p.text == "#" || p.kind == tokWord && refWords[p.norm] {
		return false
	}
	v := n.values[0]
	small := v == float64(int(v)) && v < 100
	if small && n.to < len(toks) && (toks[n.to].text == ")" && p.text == "(" || toks[n.to].text == "." && toks[n.from].sentStart) {
		return false // (1), "2." starting a line
	}
	if small && n.to < len(toks) && toks[n.to].text == ")" && toks[n.from].sentStart {
		return false // "1)" starting a line
	}
	if n.words && v < 10 && !n.scaled {
		next := prev(n.to)
		if n.to >= len(toks) || !(next.norm == "percent" || next.norm == "per" || next.text == "%") {
			return false
		}
	}
	return true
}

// nameWord reports whether a token can be part of a name: in mixed case, a capitalised
// word or an acronym that is not a month or a weekday; in a sentence in capitals, a word
// of two letters or more that is not a common, title or generic word.
func nameWord(t token, caps bool) bool {
	if t.kind != tokWord {
		return false
	}
	if weekdays[t.norm] {
		return false
	}
	if m, _ := monthOf(t); m != 0 && monthNames[t.norm] != 0 {
		return false
	}
	if caps {
		return len([]rune(t.norm)) >= 2 && !isCommon(t.norm) && !generic(t.norm) && !functionWords[t.norm] &&
			!(strings.Contains(t.norm, "-") && allParts(t.norm, isCommon))
	}
	return t.isCap() || t.isAcronym()
}

func allParts(norm string, f func(string) bool) bool {
	for _, p := range strings.FieldsFunc(norm, func(r rune) bool { return r == '-' || r == '/' }) {
		if !f(p) {
			return false
		}
	}
	return true
}

// runEnd returns the end of the name that starts at token i: name words, with connectors
// between them ("Ministry of Foreign Affairs") and the full stop after an initial ("Craig
// R. Stapleton"). A possessive ends the name.
func runEnd(toks []token, used, caps []bool, i int) int {
	j := i + 1
	if toks[i].possessive {
		return j
	}
	for j < len(toks) {
		t := toks[j]
		switch {
		case !used[j] && nameWord(t, caps[j]) && t.start-toks[j-1].end <= 1:
			j++
			if t.possessive {
				return j
			}
			continue
		case t.text == "." && j+1 < len(toks) && utf8Len(toks[j-1].text) == 1 && toks[j-1].end == t.start &&
			!used[j+1] && nameWord(toks[j+1], caps[j+1]):
			j++ // the full stop of an initial
			continue
		case t.kind == tokWord && t.isLower() && connectors[t.norm]:
			k := j
			for k < len(toks) && k-j < 2 && toks[k].kind == tokWord && toks[k].isLower() && connectors[toks[k].norm] {
				k++
			}
			if k < len(toks) && !used[k] && nameWord(toks[k], caps[k]) && toks[k].isCap() {
				j = k
				continue
			}
		}
		break
	}
	return j
}

func utf8Len(s string) int { return len([]rune(s)) }

// nameClaim makes a claim of a run of name words: the words that open a sentence and say
// nothing are dropped ("The", "According"; a lone common word such as "Sanctions"), and
// the run is a claim when a word of it is neither generic nor an initial.
func nameClaim(text string, run []token, caps bool) (claim, bool) {
	var words []token
	for _, t := range run {
		if t.kind == tokWord {
			words = append(words, t)
		}
	}
	for len(words) > 0 && words[0].sentStart && !caps {
		w := words[0]
		if functionWords[w.norm] && !w.isAcronym() || len(words) == 1 && !w.isAcronym() && isCommonExact(w.norm) {
			words = words[1:]
			if len(words) > 0 {
				words[0].sentStart = true
			}
			continue
		}
		break
	}
	for len(words) > 0 && connectors[words[0].norm] && words[0].isLower() {
		words = words[1:]
	}
	sig := false
	for _, w := range words {
		if significant(w) {
			sig = true
			break
		}
	}
	if !sig {
		return claim{}, false
	}
	first, last := words[0], words[len(words)-1]
	surface := text[first.start:last.end]
	if last.possessive {
		surface = strings.TrimSuffix(strings.TrimSuffix(surface, "s"), "'")
		surface = strings.TrimSuffix(strings.TrimSuffix(surface, "'"), "\u2019")
		surface = strings.TrimSuffix(surface, ",") // the damaged ",s"
	}
	return claim{kind: claimName, text: surface, start: first.start, run: words}, true
}

// significant reports whether a word of a name can be checked: not an initial, a title,
// a generic word or a connector.
func significant(t token) bool {
	if utf8Len(t.norm)-strings.Count(t.norm, "-")-strings.Count(t.norm, "/") < 2 || generic(t.norm) {
		return false
	}
	if !t.isAcronym() && functionWords[t.norm] {
		return false
	}
	return !allParts(t.norm, func(p string) bool { return generic(p) || particles[p] })
}

// span returns the text of tokens [from, to).
func span(text string, toks []token, from, to int) string {
	return text[toks[from].start:toks[to-1].end]
}

// numberSpan returns the text of a number with a currency sign before it and a percent
// sign or word after it: "$3 billion", "40 percent".
func numberSpan(text string, toks []token, n number) string {
	start, end := toks[n.from].start, toks[n.to-1].end
	if n.from > 0 && toks[n.from-1].end == start && strings.Contains("$€£~", toks[n.from-1].text) {
		start = toks[n.from-1].start
	}
	if n.to < len(toks) {
		if next := toks[n.to]; next.text == "%" && next.start == end || next.norm == "percent" {
			end = next.end
		}
	}
	return text[start:end]
}
