// The E.O. line (declassification date) and the TAGS line.

package header

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	reEO      = regexp.MustCompile(`(?i)\bE\.?\s?O\.?\s*(\d{4,5})\b`)
	reDecl    = regexp.MustCompile(`(?i)\bDECL(?:ASSIFY(?:\s+ON)?)?\s*:?\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\b`)
	reTagsAny = regexp.MustCompile(`(?i)(?:^|[\s\]])(?:TAGS?)\b\s*[:;]?\s*|^\W{0,3}TAS\s*:\s*`)
)

// inlineMeta reads E.O., DECL, TAGS and SUBJECT from a run of header text that may hold
// several of them on one line.
func (f *Fields) inlineMeta(s string) {
	if f.EO == "" {
		if m := reEO.FindStringSubmatch(s); m != nil {
			f.EO = m[1]
		}
	}
	if f.DeclassifyOn == "" && indexFold(s, "decl") >= 0 {
		if m := reDecl.FindStringSubmatch(s); m != nil {
			f.DeclassifyOn = declDate(m[1], m[2], m[3])
		}
	}
	if f.Tags == nil && (indexFold(s, "tag") >= 0 || indexFold(s, "tas") >= 0) {
		if loc := reTagsAny.FindStringIndex(s); loc != nil {
			rest := s[loc[1]:]
			end := len(rest)
			if indexFold(rest, "subj") >= 0 {
				if l := reSubjAny.FindStringIndex(rest); l != nil {
					end = l[0]
				}
			}
			f.Tags = splitTags(stripPageHeaders(rest[:end]))
			if f.Subject == "" && end < len(rest) {
				f.Subject = subjectText(rest[end:])
			}
		}
	}
}

// tagsBlock returns the index of the last line of the TAGS line starting at i: wrapped
// lines are kept when the line ends in a comma or when they stand between TAGS and
// SUBJECT.
func (f *Fields) tagsBlock(lines []line, i int) int {
	j := i
	for j+1 < len(lines) && j-i < 4 {
		cur := strings.TrimSpace(lines[j].s)
		next := strings.TrimSpace(lines[j+1].s)
		if next == "" || classify(next) != kOther && !rePageBreak.MatchString(next) {
			break
		}
		if reSubjAny.MatchString(cur) {
			break
		}
		if strings.HasSuffix(cur, ",") {
			j++
			continue
		}
		// a wrapped tag line directly followed by SUBJECT
		if j+2 < len(lines) && classify(lines[j+2].s) == kSubject && len(next) < 60 && !strings.ContainsAny(next, ".:;") {
			j++
			continue
		}
		break
	}
	return j
}

var reTagToken = regexp.MustCompile(`^[A-Z0-9][A-Z0-9/\-]{0,5}$`)

// splitTags splits a TAGS value on commas and white space, keeping parenthesised names
// ("OVIP (CLINTON, HILLARY)") and multi-word tags of a comma-separated list ("GOI
// EXTERNAL") together.
func splitTags(s string) []string {
	if strings.Contains(s, "](") {
		s = reMdLink.ReplaceAllString(s, " $1 ")
	}
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return nil
	}
	var out []string
	add := func(t string) {
		t = strings.Trim(strings.Join(strings.Fields(t), " "), ",;.:")
		t = strings.TrimSpace(t)
		if t != "" {
			out = append(out, t)
		}
	}
	// pull out parenthesised groups first
	var parts []string
	depth, from := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			if depth == 0 {
				parts = append(parts, s[from:i])
				from = i + 1
			}
			depth++
		case ')':
			if depth > 0 {
				depth--
				if depth == 0 {
					parts = append(parts, "\x00"+s[from:i])
					from = i + 1
				}
			}
		}
	}
	parts = append(parts, s[from:])
	commas := strings.Contains(s, ",")
	for _, p := range parts {
		if strings.HasPrefix(p, "\x00") {
			add(p[1:])
			continue
		}
		if !commas {
			for _, w := range strings.Fields(p) {
				add(w)
			}
			continue
		}
		for _, piece := range strings.Split(p, ",") {
			ws := strings.Fields(piece)
			allCodes := true
			for _, w := range ws {
				if !reTagToken.MatchString(w) || len(w) > 4 {
					allCodes = false
				}
			}
			if allCodes || len(ws) > 3 {
				for _, w := range ws {
					add(w)
				}
			} else {
				add(piece)
			}
		}
	}
	return out
}

// declDate turns the date of a DECL: instruction (MM/DD/YYYY, M/D/YY or YYYY/MM/DD) into
// YYYY-MM-DD, "" when it is not a date.
func declDate(a, b, c string) string {
	var y, m, d int
	ai, _ := strconv.Atoi(a)
	bi, _ := strconv.Atoi(b)
	ci, _ := strconv.Atoi(c)
	switch {
	case len(a) == 4:
		y, m, d = ai, bi, ci
	case len(c) == 4:
		m, d, y = ai, bi, ci
	case len(c) == 2:
		m, d, y = ai, bi, 2000+ci
		if ci >= 40 {
			y = 1900 + ci
		}
	default:
		return ""
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1940 || y > 2100 {
		return ""
	}
	return strconv.Itoa(y) + "-" + pad2(m) + "-" + pad2(d)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
