package offline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a sentence with its byte range in the sentence.
type token struct {
	Text       string // as written, without a possessive ending
	Lower      string // Text in lower case, trailing period removed
	Start, End int    // byte range of Text
	Possessive bool   // written "Burns'", "Kouchner's" or "Sarkozy,s"
	Punct      byte   // the punctuation right after the word: ',', ';', ':', '.', '(' ... or 0
}

// tokenize splits s into words. A word is a run of letters and digits joined by internal
// periods, slashes, hyphens and apostrophes ("U.S.", "U/S", "Ki-moon", "don't"); a trailing
// period is kept when the word is dotted ("U.S."). Possessive endings are stripped and
// recorded.
func tokenize(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		j := i + n
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r) {
				j += n
				continue
			}
			if r == '.' || r == '/' || r == '-' || r == '\'' || r == '\u2019' || r == '&' {
				r2, _ := utf8.DecodeRuneInString(s[j+n:])
				if j+n < len(s) && isWordRune(r2) {
					j += n
					continue
				}
			}
			break
		}
		word := s[start:j]
		if j < len(s) && s[j] == '.' && strings.Contains(word, ".") {
			j++ // "U.S." keeps its final period
			word = s[start:j]
		}
		t := token{Text: word, Start: start, End: j}
		lw := strings.ToLower(word)
		switch {
		case strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "\u2019s"):
			t.Possessive = true
			t.Text = word[:strings.LastIndexAny(word, "'\u2019")]
			t.End = start + len(t.Text)
		case j < len(s) && (s[j] == '\'' || strings.HasPrefix(s[j:], "\u2019")) && strings.HasSuffix(lw, "s"):
			t.Possessive = true
		case strings.HasPrefix(s[j:], ",s") && (j+2 == len(s) || !isWordByte(s[j+2])):
			t.Possessive = true
			j += 2
		}
		if len(t.Text) == len(word) {
			t.Lower = strings.TrimSuffix(lw, ".") // lower-cased once
		} else {
			t.Lower = strings.TrimSuffix(strings.ToLower(t.Text), ".")
		}
		k := j
		for k < len(s) && (s[k] == '\'' || s[k] == '"' || s[k] == ')') {
			k++
		}
		if k < len(s) && strings.IndexByte(",;:.!?()", s[k]) >= 0 {
			t.Punct = s[k]
		} else if strings.HasPrefix(s[k:], " --") || strings.HasPrefix(s[k:], " - ") {
			t.Punct = '-'
		}
		out = append(out, t)
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// capitalized reports whether w starts with an upper-case letter.
func capitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// allCaps reports whether s has letters and no lower-case ones, as in older cables.
func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}
