package offline

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a half-open byte range [Start, End) of a text.
type span struct{ Start, End int }

// abbreviations never end a sentence when they are followed by more text, compared in
// lower case without their final period. Initials ("Craig R. Stapleton") are handled
// apart.
var abbreviations = map[string]bool{
	"amb": true, "dr": true, "mr": true, "mrs": true, "ms": true, "gen": true, "lt": true,
	"col": true, "sen": true, "rep": true, "gov": true, "st": true, "a/s": true, "u/s": true,
	"d/s": true, "adm": true, "capt": true, "cpt": true, "maj": true, "sgt": true,
	"cmdr": true, "cdr": true, "prof": true, "rev": true, "hon": true, "pres": true, "amb's": true,
	"sr": true, "jr": true, "mt": true, "ft": true, "dept": true, "approx": true, "vs": true,
	"e.g": true, "i.e": true, "cf": true, "inc": true, "corp": true, "ltd": true, "co": true,
	"govt": true, "asst": true, "dep": true, "min": true, "fig": true, "para": true,
	"paras": true, "ref": true, "refs": true, "tel": true, "art": true, "arts": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "u.s.a": true, "d.c": true,
}

// numberAbbreviations end a sentence unless a number follows ("No. 5").
var numberAbbreviations = map[string]bool{"no": true, "nos": true, "vol": true, "p": true, "pp": true}

// sentenceStarters are words that, after an abbreviation that can also end a sentence
// (U.S., a.m.), show that a new sentence has begun.
var sentenceStarters = map[string]bool{
	"the": true, "he": true, "she": true, "it": true, "they": true, "we": true, "i": true,
	"this": true, "that": true, "these": true, "those": true, "in": true, "on": true,
	"but": true, "and": true, "however": true, "there": true, "his": true, "her": true,
	"their": true, "our": true, "a": true, "an": true, "as": true, "at": true, "for": true,
	"if": true, "when": true, "while": true, "according": true, "comment": true,
	"end": true, "note": true, "summary": true,
	// Courtesy titles never follow "U.S." as an adjective: "... by the U.S. Mr. Jones".
	"mr": true, "mrs": true, "ms": true, "dr": true, "messrs": true,
}

// endAbbreviations are abbreviations that often end a sentence; they end one when a
// sentence starter follows.
var endAbbreviations = map[string]bool{"u.s": true, "u.k": true, "u.n": true, "e.u": true, "a.m": true, "p.m": true, "etc": true, "d.c": true, "u.s.a": true}

// blockBreak is a blank line, or a line break before a bullet ("--", "-", "*", "(a)").
// A blank line after a word or a comma is a copying artifact inside a sentence and does
// not break it.
var blockBreak = regexp.MustCompile(`\n[ \t]*\n\s*|\n[ \t]*(?:--?|\*|\([a-zA-Z0-9]{1,3}\))\s*`)

// isBlockBreak reports whether the blockBreak match text[s:e] ends a sentence.
func isBlockBreak(text string, s, e int) bool {
	if strings.TrimSpace(text[s:e]) != "" {
		return true // a bullet
	}
	prev := strings.TrimRight(text[:s], " \t\r\n")
	if prev == "" {
		return true
	}
	if strings.ContainsRune(".:;!?)\"\u201D", rune(prev[len(prev)-1])) {
		return true
	}
	next := text[e:]
	return strings.HasPrefix(next, "-") || strings.HasPrefix(next, "*") || strings.HasPrefix(next, "(")
}

// splitSentences splits text into sentences and returns their spans, trimmed of white
// space. Blank lines and bulleted lines always end a sentence. Within a block it knows
// cable abbreviations (U.S., Amb., U/S, Jan. 5, No. 3), initials, decimal numbers ("1.4
// (b)"), closing quotes and brackets after the final stop, and lower-case continuations.
// Every byte of text that is not white space lies in exactly one span.
func splitSentences(text string) []span {
	var out []span
	start := 0
	for _, loc := range blockBreak.FindAllStringIndex(text, -1) {
		if !isBlockBreak(text, loc[0], loc[1]) {
			continue
		}
		// Keep the bullet with the line it opens.
		cut := loc[0]
		for _, sp := range splitBlock(text[start:cut]) {
			out = append(out, span{start + sp.Start, start + sp.End})
		}
		start = cut
	}
	for _, sp := range splitBlock(text[start:]) {
		out = append(out, span{start + sp.Start, start + sp.End})
	}
	return out
}

// splitBlock splits one block of text (no sentence-ending blank lines or bullets inside)
// into sentences.
func splitBlock(text string) []span {
	var out []span
	start := 0
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if e > s {
			out = append(out, span{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		// Swallow runs of stops ("...", "?!") and closing quotes or brackets.
		j := i + 1
		for j < len(text) && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
			j++
		}
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if r == '"' || r == '\'' || r == ')' || r == ']' || r == '\u201D' || r == '\u2019' {
				j += n
				continue
			}
			break
		}
		if j < len(text) && !isSpaceByte(text[j]) {
			i = j - 1
			continue // "1.4", "U.S.-French", "a.m.," : no boundary
		}
		next := nextWord(text, j)
		if next == "" {
			if j >= len(text) {
				break
			}
			i = j - 1
			continue
		}
		if c == '.' && j == i+1 && !isBoundaryAfterPeriod(text, i, next) {
			i = j - 1
			continue
		}
		r, _ := utf8.DecodeRuneInString(next)
		if unicode.IsLower(r) {
			i = j - 1
			continue // "Jan. 5" handled above; "approx. five", "e.g. the"
		}
		emit(j)
		i = j - 1
	}
	emit(len(text))
	return out
}

// isBoundaryAfterPeriod reports whether the period at text[i] ends a sentence, given the
// next word.
func isBoundaryAfterPeriod(text string, i int, next string) bool {
	w := strings.ToLower(prevWord(text, i))
	if w == "" {
		return true
	}
	nr, _ := utf8.DecodeRuneInString(next)
	if endAbbreviations[w] {
		return sentenceStarters[strings.ToLower(trimWord(next))]
	}
	if abbreviations[w] {
		return false
	}
	if numberAbbreviations[w] {
		return !unicode.IsDigit(nr)
	}
	// An initial: one capital letter, as in "Craig R. Stapleton" or "John F. Kennedy".
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsLetter(r) {
		return false
	}
	// Dotted abbreviations such as "a.m" or "U.S.A" without a table entry.
	if strings.Count(w, ".") >= 1 && len(w) <= 6 && !strings.ContainsFunc(w, unicode.IsDigit) {
		return sentenceStarters[strings.ToLower(trimWord(next))]
	}
	return true
}

// prevWord returns the word that ends at text[i] (exclusive), including internal periods
// and slashes, without leading punctuation.
func prevWord(text string, i int) string {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '/' || r == '\'' || r == '\u2019' {
			j -= n
			continue
		}
		break
	}
	return strings.Trim(text[j:i], ".'\u2019")
}

// nextWord returns the next run of non-space characters at or after j, "" at the end.
func nextWord(text string, j int) string {
	for j < len(text) && isSpaceByte(text[j]) {
		j++
	}
	k := j
	for k < len(text) && !isSpaceByte(text[k]) {
		k++
	}
	return strings.TrimLeft(text[j:k], "\"'(\u201C\u2018[")
}

func trimWord(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e && isSpaceByte(text[s]) {
		s++
	}
	for e > s && isSpaceByte(text[e-1]) {
		e--
	}
	return s, e
}
