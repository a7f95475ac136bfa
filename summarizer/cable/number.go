package cable

import (
	"strconv"
	"strings"
)

// numberPrefix reads a paragraph number at the start of s: one to four digits, an
// optional space and a period followed by white space, "(" or the end of the line
// ("12. (C)", "3.(S)", "1."). It returns the digits and the rest of the line after the
// period. "1.4 (B)" and "2007," are not numbers.
func numberPrefix(s string) (digits, rest string, ok bool) {
	i := 0
	for i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || (i < len(s) && s[i] >= '0' && s[i] <= '9') {
		return "", "", false
	}
	j := i
	if j < len(s) && s[j] == ' ' {
		j++
	}
	if j < len(s) && s[j] != '.' {
		// "10  (C) On the deficit": no period, but a portion marking follows.
		rest := strings.TrimLeft(s[i:], " ")
		if len(rest) < len(s)-i && strings.HasPrefix(rest, "(") {
			if m, _ := splitMarking(rest); m != "" {
				return s[:i], rest, true
			}
		}
		return "", "", false
	}
	if j >= len(s) {
		return "", "", false
	}
	j++
	if j < len(s) && s[j] != ' ' && s[j] != '(' && s[j] != '\t' {
		return "", "", false
	}
	return s[:i], strings.TrimLeft(s[j:], " \t"), true
}

// splitMarking reads a portion marking at the start of s ("(C)", "(S/NF)",
// "(SBU)", "(C/REL LIBYA)") and returns it without parentheses and the rest of s.
func splitMarking(s string) (marking, rest string) {
	if !strings.HasPrefix(s, "(") {
		return "", s
	}
	end := strings.IndexByte(s, ')')
	if end < 2 || end > 24 {
		return "", s
	}
	m := s[1:end]
	if !isMarking(m) {
		return "", s
	}
	return m, strings.TrimLeft(s[end+1:], " \t")
}

// isMarking reports whether m (without parentheses) is a portion marking.
func isMarking(m string) bool {
	for i := 0; i < len(m); i++ {
		c := m[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '/' || c == ' ' || c == '-' || c == ',') {
			return false
		}
	}
	first := strings.ToUpper(strings.TrimSpace(m))
	if k := strings.IndexAny(first, "/ "); k >= 0 {
		first = first[:k]
	}
	switch first {
	case "U", "C", "S", "TS", "SBU", "LOU", "FOUO", "CUI", "NF", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET":
		return true
	}
	return false
}

// numStart is an accepted paragraph start: the line index, the paragraph's number
// and the text of the line after number and marking.
type numStart struct {
	line    int
	number  int
	marking string
	rest    string
	fixed   string // the number as written when it was an artifact ("15" for 5)
}

// numbering is what findNumbers found: the paragraph starts, and the oddities met on
// the way for the cable's warnings.
type numbering struct {
	starts   []numStart
	restarts int // marked paragraphs numbered 1 again after a later number (another cable appended)
}

// findNumbers picks the lines that open numbered paragraphs ("1. (C)", or "(C) 1." with
// the marking first). Numbers must run in
// sequence: a number is accepted when it is the next one (or, with a marking or a
// pilcrow after a break, one of the next few), and "15." where 5 is due is read as
// paragraph 5 (a scraped "[1](#)" that lost its brackets). A number that breaks the
// sequence ("August\n15.", "¶2007.") is text, not a paragraph.
func findNumbers(lines []line) numbering {
	var out numbering
	last, markedSeen := 0, 0
	var marks []markedNum // the marked numbers of the body, for laterMarked, read when first needed
	marksRead := false
	for i, l := range lines {
		if l.blank() {
			continue
		}
		t, lead := l.text, ""
		if t[0] == '(' {
			// "(C) 1. The Embassy ...": the marking written before the number.
			lead, t = splitMarking(t)
			if lead == "" || t == "" {
				continue
			}
		}
		if t[0] < '0' || t[0] > '9' {
			continue
		}
		digits, rest, ok := numberPrefix(t)
		if !ok {
			continue
		}
		n, _ := strconv.Atoi(digits)
		marking, after := splitMarking(rest)
		if lead != "" {
			if marking != "" || after == "" {
				continue
			}
			marking = lead
		}
		strong := marking != "" || l.mark
		brk := i == 0 || lines[i-1].blank() || endsSentence(lines[i-1].text) || isRule(lines[i-1].text) ||
			headingLike(lines[i-1].text)
		expected := last + 1
		got := 0
		fixed := ""
		if marking == "" && markedSeen > 0 && !marksRead {
			marksRead = true
			for k, l := range lines {
				if n, ok := markedNumber(l.text); ok {
					marks = append(marks, markedNum{k, n})
				}
			}
		}
		if marking == "" && markedSeen > 0 && laterMarked(marks, i, expected, n) {
			continue // a numbered item inside a paragraph: the marked paragraph n comes later
		}
		switch {
		case n == expected && (strong || brk):
			got = n
		case len(digits) >= 2 && digits[0] == '1' && digits[1] != '0' && (strong || brk) && atoi(digits[1:]) == expected:
			got, fixed = expected, digits
		case last == 0 && n == 1 && (strong || brk):
			got = 1
		case last == 0 && n > 1 && n <= 60 && strong && brk:
			got = n
		case last > 0 && n > expected && n <= expected+3 && strong && brk:
			got = n
		}
		if got == 0 {
			if n == 1 && last > 2 && strong && brk {
				out.restarts++
			}
			continue
		}
		out.starts = append(out.starts, numStart{line: i, number: got, marking: marking, rest: after, fixed: fixed})
		last = got
		if marking != "" {
			markedSeen++
		}
	}
	return out
}

// markedNum is a line that opens with a number and a portion marking: "3. (C) ...".
type markedNum struct{ line, number int }

// markedNumber reads a number with a portion marking after it at the start of t.
func markedNumber(t string) (int, bool) {
	if t == "" || t[0] < '0' || t[0] > '9' {
		return 0, false
	}
	digits, rest, ok := numberPrefix(t)
	if !ok {
		return 0, false
	}
	if m, _ := splitMarking(rest); m == "" {
		return 0, false
	}
	return atoi(digits), true
}

// laterMarked reports whether a marked paragraph numbered from expected to n comes
// after line i, before any marked number above n: in a cable whose paragraphs carry
// markings, an unmarked "3." before the marked "3. (C)" is an item of a list inside
// paragraph 2, and the unmarked "4." of a quoted letter before the cable's own marked
// "3. (S)" is the letter's.
func laterMarked(marks []markedNum, i, expected, n int) bool {
	for _, m := range marks {
		if m.line <= i || m.number < expected {
			continue
		}
		return m.number <= n
	}
	return false
}

// headingLike reports whether t reads as a heading line of some style, so that a
// number after it opens a paragraph.
func headingLike(t string) bool {
	if _, ok := gluedUnderline(t); ok {
		return true
	}
	if _, _, ok := wrapped(t); ok {
		return true
	}
	_, _, ok := plainHeading(t)
	return ok
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
