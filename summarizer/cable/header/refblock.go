// Where a REF block ends in the header; refs.go reads the references in it.

package header

import (
	"regexp"
	"strings"
)

// refBlock returns the index of the last line of the REF block starting at line i. The
// block ends at a blank line (unless a lettered item follows), a numbered paragraph, a
// SUMMARY marker, a header line, a line opening with a portion marking ("(SBU) Poloff
// delivered ..."; "(C) STATE 123" after item B is item C) and after maxRefText bytes.
func refBlock(lines []line, i int) int {
	j := i
	size := len(lines[i].s)
	for j+1 < len(lines) && j-i < 30 && size < maxRefText {
		n := j + 1
		// allow blank lines and page breaks inside the block when a lettered item follows
		for n < len(lines) && (isBlank(lines[n].s) || rePageBreak.MatchString(lines[n].s)) && n-j < 4 {
			n++
		}
		if n >= len(lines) {
			break
		}
		next := strings.TrimSpace(lines[n].s)
		if hasClassBy(next) && !reRefItem.MatchString(next) {
			break
		}
		if opensParagraph(lines, i, n) {
			break
		}
		k := classify(next)
		if reRefItem.MatchString(next) && k != kPara {
			j = n
			size += len(next)
			continue
		}
		if n > j+1 && !(reDangling.MatchString(lastWords(lines[j].s, 24)) && reCiteStart.MatchString(next)) {
			break // a blank line ends the block unless a lettered item follows
		}
		if k != kOther || next == "" || isCaveatLine(next) || reSumMarker.MatchString(next) || isProse(next) {
			break
		}
		j = n
		size += len(next)
	}
	return j
}

// isProse reports whether t reads as a line of running text rather than a citation:
// five words or more, no digit, and lower-case letters all but one in ten.
func isProse(t string) bool {
	if strings.Count(t, " ") < 4 || strings.ContainsAny(t, "0123456789") {
		return false
	}
	lower, letters := letterCase(t)
	return lower*10 >= letters*9
}

// opensParagraph reports whether line n, inside the REF block that starts at line i,
// opens an unnumbered paragraph with a portion marking: "(SBU) Poloff delivered ...". A
// one-letter marking ("(C)", "(S)", "(U)") is taken for a lettered REF item when the
// block already holds the letter before it.
func opensParagraph(lines []line, i, n int) bool {
	t := strings.TrimLeft(lines[n].s, " \t¶")
	if !strings.HasPrefix(t, "(") {
		return false
	}
	loc := reMarking.FindStringIndex(t)
	if loc == nil || strings.TrimSpace(t[loc[1]:]) == "" {
		return false
	}
	m := strings.TrimSpace(t[:loc[1]])
	if len(m) != 3 {
		return true // "(SBU)", "(S/NF)", "(C//REL)"
	}
	prev := m[1] - 1
	for l := i; l < n; l++ {
		if hasItemLetter(lines[l].s, prev) {
			return false
		}
	}
	return true
}

// hasItemLetter reports whether s holds a REF item marked with the letter c: "B.",
// "B)", "(B)", "[B]" at its start or after white space or punctuation.
func hasItemLetter(s string, c byte) bool {
	for k := 0; k < len(s); k++ {
		if s[k] != c {
			continue
		}
		if k > 0 && !(s[k-1] == ' ' || s[k-1] == '\t' || s[k-1] == '(' || s[k-1] == '[' || s[k-1] == ':' || s[k-1] == ';' || s[k-1] == ',') {
			continue
		}
		if k+1 < len(s) && (s[k+1] == '.' || s[k+1] == ')' || s[k+1] == ']') {
			return true
		}
	}
	return false
}

var (
	// an item cut short by a blank line: "D. 03", "D)"
	reDangling  = regexp.MustCompile(`(?:\b[A-Z][.)]|\([A-Z]\))\s*(?:\d{2}|\d{4})?\s*$`)
	reCiteStart = regexp.MustCompile(`^[A-Za-z][A-Za-z' ]*\s0*\d{1,6}\b`)
)

var reRefItem = regexp.MustCompile(`^[\s¶-]*(?:\(?[A-Z]\)|[A-Z]\s?[.):]|\[[A-Z]\]|[A-Z]\s+-\s)\s*\S`)
