// Text helpers of the header scanner: fast case-insensitive search, white space,
// letter counts and the cheap tests run before regular expressions.

package header

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// capText returns s cut to at most n bytes, at the last white space before the limit
// when there is one.
func capText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n-- // do not split a character
	}
	s = s[:n]
	if k := strings.LastIndexAny(s, " \t\n"); k > n/2 {
		return s[:k]
	}
	return s
}

var (
	reMdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// reOldPageHeader matches an old page header run into a header line: "UNCLASSIFIED
// PAGE 02 ROME 01059 01 OF 04 281501Z".
var reOldPageHeader = regexp.MustCompile(`(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s+)?PAGE\s+\d{2}\s+[A-Z][A-Z ]*?\s+\d{3,6}\s+(?:\d{2}\s+OF\s+\d{2}\s+)?\d{6}Z`)

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// collapseSpaces replaces each run of ASCII white space (the \s of regexp: tab, newline,
// form feed, carriage return, space) with one space.
func collapseSpaces(s string) string {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	clean := true
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) && (s[i] != ' ' || i+1 < len(s) && isSpace(s[i+1])) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			b = append(b, s[i])
			continue
		}
		b = append(b, ' ')
		for i+1 < len(s) && isSpace(s[i+1]) {
			i++
		}
	}
	return string(b)
}

// endsDigitOrZ reports whether t ends in a digit or a Z (z), as a page-break line does.
func endsDigitOrZ(t string) bool {
	if t == "" {
		return false
	}
	c := t[len(t)-1]
	return c >= '0' && c <= '9' || c == 'Z' || c == 'z'
}

// mayBePageBreak reports whether the trimmed line t can match rePageBreak: it ends in a
// digit or the Z of a date-time group and holds " of " or PAGE.
func mayBePageBreak(t string) bool {
	return endsDigitOrZ(t) && (indexFold(t, " of ") >= 0 || strings.Contains(t, "PAGE"))
}

// isBlank reports whether a line is empty but for white space and the stray
// backslashes of CSV copies.
func isBlank(s string) bool {
	return strings.Trim(s, " \t\r\\") == ""
}

// mayBeNoise reports whether the first letter of t can start a reNoise word.
func mayBeNoise(t string) bool {
	for i := 0; i < len(t) && i < 8; i++ {
		c := t[i] | 0x20
		if c >= 'a' && c <= 'z' {
			return strings.IndexByte("snftdcoep", c) >= 0
		}
	}
	return false
}

// noiseStart is a cheap test before reNoise: the first two characters of the first
// word of t (upper-cased) are those of one of reNoise's words ("SI" for SIPDIS, "C "
// for letter-spaced C O R R E C T E D).
func noiseStart(t string) bool {
	i := 0
	for i < len(t) && !isWordByte(t[i]) {
		i++
	}
	if i+1 >= len(t) {
		return false
	}
	up := func(c byte) byte {
		if c >= 'a' && c <= 'z' {
			return c - 'a' + 'A'
		}
		return c
	}
	c1, c2 := up(t[i]), up(t[i+1])
	switch c1 {
	case 'S':
		return c2 == 'I' || c2 == 'E' || c2 == 'T'
	case 'N':
		return c2 == 'O'
	case 'F':
		return c2 == 'O'
	case 'T':
		return c2 == 'H'
	case 'D':
		return c2 == 'E'
	case 'C', 'E':
		return c2 == 'O' || c2 == 'X' || c2 == 'F' || c2 == ' ' || c2 == '\t' || c2 == '\n' || c2 == '\f' || c2 == '\r'
	case 'L':
		return c2 == 'I'
	case 'O':
		return c2 == 'R'
	case 'P':
		return c2 == 'A'
	}
	return false
}

// indexFold returns the index of the first ASCII case-insensitive occurrence of the
// lower-case word sub in s, -1 if none. It runs in time linear in len(s): candidates
// are found with IndexByte for both cases of the rarest letter of sub (in English
// text), each position cached until passed.
func indexFold(s, sub string) int {
	n := len(sub)
	if n == 0 {
		return 0
	}
	a := anchor(sub)
	lo, up := sub[a], sub[a]
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	nextLo, nextUp := -2, -2 // -2: not searched yet; -1: none left
	for i := a; i+n-a <= len(s); {
		if nextLo != -1 && nextLo < i {
			if k := strings.IndexByte(s[i:], lo); k >= 0 {
				nextLo = i + k
			} else {
				nextLo = -1
			}
		}
		if up != lo && nextUp != -1 && nextUp < i {
			if k := strings.IndexByte(s[i:], up); k >= 0 {
				nextUp = i + k
			} else {
				nextUp = -1
			}
		}
		c := nextLo
		if up != lo && nextUp >= 0 && (c < 0 || nextUp < c) {
			c = nextUp
		}
		if c < 0 || c-a+n > len(s) {
			return -1
		}
		at := c - a
		j := 0
		for ; j < n; j++ {
			if s[at+j]|0x20 != sub[j] && s[at+j] != sub[j] {
				break
			}
		}
		if j == n {
			return at
		}
		i = c + 1
	}
	return -1
}

// letterRank orders the letters from the most to the least frequent in English text.
const letterRank = "etaoinshrdlcumwfgypbvkjxqz"

// anchor returns the index in sub of its rarest letter, 0 when it has none.
func anchor(sub string) int {
	best, rank := 0, -1
	for i := 0; i < len(sub); i++ {
		if r := strings.IndexByte(letterRank, sub[i]); r > rank {
			best, rank = i, r
		}
	}
	return best
}

// stripPageHeaders removes the page headers run into header text: old ones ("PAGE 02
// ROME 01059 01 OF 04 281501Z") and new ones ("TRIPOLI 00000115 001.2 OF 002", see
// cutPageHeader; station and serial are the cable's own, "" when unknown).
func stripPageHeaders(s, station, serial string) string {
	if strings.Contains(s, "PAGE") {
		s = reOldPageHeader.ReplaceAllString(s, " ")
	}
	for range 8 {
		t := cutPageHeader(s, station, serial)
		if t == s {
			break
		}
		s = t
	}
	return s
}

func hasLower(s string) bool {
	return strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz")
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// lastWords returns the end of s: its last n bytes or fewer, starting at white space so
// that no word is cut.
func lastWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	t := s[len(s)-n:]
	if k := strings.IndexAny(t, " \t"); k >= 0 {
		return t[k:]
	}
	return t
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// letterCase counts the ASCII letters of t and the lower-case ones among them.
func letterCase(t string) (lower, letters int) {
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= 'a' && c <= 'z':
			lower++
			letters++
		case c >= 'A' && c <= 'Z':
			letters++
		}
	}
	return lower, letters
}
