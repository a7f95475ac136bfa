package header

import (
	"regexp"
	"strings"
)

var (
	reSumStart = regexp.MustCompile(`(?i)^[\s¶\-=*\[\]()#0-9.:]*(?:\((?:U|C|S|SBU|TS|LOU|[CSU]//?[A-Za-z][A-Za-z ,/]{1,30})\)\s*)?(?:BEGIN\s+|INTRODUCTION\s+AND\s+)?SUMMARY\b(?:\s*(?:\bAND\b|/|&)\s*(?:COMMENTS?|ACTION\s+REQUESTS?|ACTION|RECOMMENDATIONS?|INTRODUCTION|TABLE\s+OF\s+CONTENTS))?(?:\s+CONT(?:INUED|\.)?)?[\s:.\-=]*`)
	reParaNum  = regexp.MustCompile(`(?m)^[ \t]*(?:¶|\[\d+\]\(#[^)]*\))?\s*\d{1,3}\s?\.[ \t]*`)
	reMarking  = regexp.MustCompile(`^[ \t]*\((?:U|C|S|TS|SBU|LOU|[CSU]//?[A-Za-z][A-Za-z ,/]{1,30})\)[ \t]*`)
	reDashRun  = regexp.MustCompile(`\s-{4,}|\s={4,}`)
)

// Summary returns the text of the SUMMARY ... END SUMMARY block of a cable body, ""
// when there is none. Paragraph numbers and portion markings are removed and white space
// collapsed. A SUMMARY opened but never closed runs to the end of its paragraph; an END
// SUMMARY with no opening marker closes a summary that began with the first paragraph.
func Summary(body string) string {
	start := summaryStart(body)
	var from, to int
	switch {
	case start != nil:
		from = skipRules(body, start[1])
		// a heading line ("------- SUMMARY -------", "SUMMARY AND TABLE OF CONTENTS")
		if e := summaryEnd(body, from); e >= 0 {
			to = e
		} else {
			to = paragraphEnd(body, from)
		}
	default:
		e := summaryEnd(body[:min(len(body), 6000)], 0)
		if e < 0 {
			return ""
		}
		p := reParaNum.FindStringIndex(body[:e])
		if p == nil {
			return ""
		}
		from, to = p[0], e
	}
	if to <= from {
		return ""
	}
	var b strings.Builder
	b.Grow(to - from)
	rest := body[from:to]
	for rest != "" {
		ln := rest
		if k := strings.IndexByte(rest, '\n'); k >= 0 {
			ln, rest = rest[:k], rest[k+1:]
		} else {
			rest = ""
		}
		appendCollapsed(&b, stripParaStart(ln))
	}
	s := b.String()
	s = strings.TrimSpace(strings.TrimLeft(s, ":.-= "))
	// a marking right after the marker: "Summary: (SBU) Japanese ..."
	s = stripParaStart(s)
	return strings.TrimSpace(strings.TrimRight(s, "([-= "))
}

// skipRules moves from past the rest of the marker's line when it is only decoration,
// and past the dash or equals rules and blank lines under a SUMMARY heading.
func skipRules(body string, from int) int {
	for from < len(body) {
		le := strings.IndexByte(body[from:], '\n')
		if le < 0 {
			le = len(body) - from
		}
		if strings.Trim(body[from:from+le], " \t\r-=_*") != "" {
			return from
		}
		from += le + 1
	}
	return len(body)
}

// summaryStart finds the opening SUMMARY marker at the start of a line (after a
// paragraph number, marking or decoration), passing over the second half of an
// "END\nSUMMARY" split over two lines. It returns the marker's start and end offsets.
func summaryStart(body string) []int {
	off, ls := 0, 0
	for off < len(body) {
		k := indexFold(body[off:], "summary")
		if k < 0 {
			return nil
		}
		pos := off + k
		if nl := strings.LastIndexByte(body[off:pos], '\n'); nl >= 0 {
			ls = off + nl + 1
		}
		off = pos + len("summary")
		// the marker stands near the start of its line: a number, marking or rule first
		if pos-ls > 80 {
			continue
		}
		le := min(len(body), pos+200)
		if nl := strings.IndexByte(body[pos:le], '\n'); nl >= 0 {
			le = pos + nl
		}
		m := reSumStart.FindStringIndex(body[ls:le])
		if m == nil || ls+m[1] < off {
			continue
		}
		if endBefore(body[:pos]) >= 0 {
			continue
		}
		return []int{ls + m[0], ls + m[1]}
	}
	return nil
}

// endBefore returns the offset of an "END" or "END OF" that s ends with (white space
// allowed after it), -1 if none.
func endBefore(s string) int {
	t := strings.TrimRight(s, " \t\r\n")
	if len(t) >= 2 && strings.EqualFold(t[len(t)-2:], "OF") {
		t2 := strings.TrimRight(t[:len(t)-2], " \t\r\n")
		if len(t2) < len(t)-2 {
			t = t2
		}
	}
	if len(t) >= 3 && strings.EqualFold(t[len(t)-3:], "END") && (len(t) == 3 || !isWordByte(t[len(t)-4])) {
		return len(t) - 3
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// summaryEnd returns the offset of the END SUMMARY marker at or after from, -1 if none.
func summaryEnd(body string, from int) int {
	off := from
	for off < len(body) {
		k := indexFold(body[off:], "summary")
		if k < 0 {
			return -1
		}
		pos := off + k
		if e := endBefore(body[from:pos]); e >= 0 {
			return from + e
		}
		off = pos + len("summary")
	}
	return -1
}

// appendCollapsed appends s to b with runs of ASCII white space collapsed to one space
// and none at the start of b.
func appendCollapsed(b *strings.Builder, s string) {
	isSpace := func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
	}
	space := b.Len() > 0
	for i := 0; i < len(s); {
		if isSpace(s[i]) {
			space = true
			i++
			continue
		}
		j := i + 1
		for j < len(s) && !isSpace(s[j]) {
			j++
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteString(s[i:j]) // a word at a time
		i = j
	}
}

// stripParaStart removes a paragraph number ("¶1.", "[1](#)2.", "3.") and a portion
// marking ("(C)", "(S//NF)") from the start of a line, and the ¶ signs in it.
func stripParaStart(ln string) string {
	ln = strings.TrimLeft(ln, " \t\r")
	ln = strings.TrimPrefix(ln, "¶")
	if strings.HasPrefix(ln, "[") {
		if k := strings.Index(ln, ")"); k > 0 && k < 16 && strings.Contains(ln[:k], "](#") {
			ln = ln[k+1:]
		}
	}
	n := 0
	for n < len(ln) && n < 3 && ln[n] >= '0' && ln[n] <= '9' {
		n++
	}
	if n > 0 {
		rest := strings.TrimLeft(ln[n:], " ")
		if strings.HasPrefix(rest, ".") && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '(' || rest[1] == '\t') {
			ln = rest[1:]
		}
	}
	ln = strings.TrimLeft(ln, " \t")
	if strings.HasPrefix(ln, "(") {
		if loc := reMarking.FindStringIndex(ln); loc != nil {
			ln = ln[loc[1]:]
		}
	}
	if strings.Contains(ln, "¶") {
		ln = strings.ReplaceAll(ln, "¶", " ")
	}
	return ln
}

// paragraphEnd returns the end of the paragraph that contains offset from: the next
// blank line, or a dash or equals rule standing for a heading.
func paragraphEnd(body string, from int) int {
	end := len(body)
	rest := body[from:]
	// skip blank lines right after a heading-style marker
	lead := len(rest) - len(strings.TrimLeft(rest, " \t\r\n"))
	if k := strings.Index(rest[lead:], "\n\n"); k >= 0 {
		end = from + lead + k
	}
	if k := strings.Index(rest[lead:], "\n \n"); k >= 0 && from+lead+k < end {
		end = from + lead + k
	}
	if loc := reDashRun.FindStringIndex(body[from:end]); loc != nil {
		end = from + loc[0]
	}
	return end
}
