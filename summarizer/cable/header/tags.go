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
// station and serial are the cable's own, for the page headers run into it.
func (f *Fields) inlineMeta(s, station, serial string) {
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
			f.Tags = splitTags(stripPageHeaders(rest[:end], station, serial))
			if f.Subject == "" && end < len(rest) {
				f.Subject = subjectText(rest[end:])
			}
		}
	}
}

// tagsBlock returns the index of the last line of the TAGS block starting at line i.
// The block runs on over the line after "TAGS:" alone or after a line ending in a
// comma, and over lines of tag codes (and personal-name tags, "(KERRY, JOHN F.)") that
// stand between TAGS and the next header line; blank and page-break lines may come
// between. station and serial are the cable's own, for telling page breaks.
func tagsBlock(lines []line, i int, station, serial string) int {
	j := i
	for step := 0; j+1 < len(lines) && step < 4; step++ {
		cur := strings.TrimSpace(lines[j].s)
		if reSubjAny.MatchString(cur) {
			break
		}
		n, blanks := j+1, 0
		for n < len(lines) && n-j <= 4 {
			t := strings.TrimSpace(lines[n].s)
			if isBlank(t) {
				blanks++
			} else if !pageBreakOnly(t, station, serial) {
				break
			}
			n++
		}
		if n >= len(lines) || n-j > 4 {
			break
		}
		next := strings.TrimSpace(lines[n].s)
		if classify(next) != kOther {
			break
		}
		alone := j == i && strings.TrimSpace(reTagsAny.ReplaceAllString(cur, "")) == ""
		codes := isTagLine(next)
		switch {
		case (alone || strings.HasSuffix(cur, ",")) && blanks <= 1 && (codes || len(next) < 60 && !strings.ContainsAny(next, ".:;")):
		case codes && headerNext(lines, n):
		default:
			return j
		}
		j = n
	}
	return j
}

// isTagLine reports whether t holds only tag codes and personal-name tags: words of
// capitals and digits, initials ("F."), commas, semicolons and parentheses.
func isTagLine(t string) bool {
	if len(t) > 100 {
		return false
	}
	ws := strings.FieldsFunc(t, func(r rune) bool {
		return r == ' ' || r == '\t' || r == ',' || r == ';' || r == '(' || r == ')'
	})
	if len(ws) == 0 || len(ws) > 14 {
		return false
	}
	for _, w := range ws {
		if len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z' {
			continue // an initial
		}
		if len(w) > 15 || !isUpperCode(w) {
			return false
		}
	}
	return true
}

// isUpperCode reports whether w is made of capitals and digits and starts with a
// capital.
func isUpperCode(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if c := w[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '/') {
			return false
		}
	}
	return true
}

// headerNext reports whether the first line after line n that is not blank, SIPDIS
// or a page break is a header line: SUBJECT, REF, Classified By, E.O.
func headerNext(lines []line, n int) bool {
	for k := n + 1; k < len(lines) && k-n <= 5; k++ {
		t := strings.TrimSpace(lines[k].s)
		if isBlank(t) || isPageBreakLine(t) || isSipdisLine(t) {
			continue
		}
		switch classify(t) {
		case kSubject, kRef, kClassifiedBy, kEO:
			return true
		}
		return false
	}
	return false
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
	if strings.IndexByte(s, ';') >= 0 {
		s = strings.ReplaceAll(s, ";", ",") // "PREL;PGOV;KCOR"
	}
	if s == "" {
		return nil
	}
	var out []string
	add := func(t string) {
		t = strings.Trim(strings.Join(strings.Fields(t), " "), ",;.:")
		t = strings.TrimSpace(t)
		if t == "" || t == "SIPDIS" {
			return // a handling word, never a tag
		}
		if parts := unglue(t); parts != nil {
			out = append(out, parts...)
			return
		}
		out = append(out, t)
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

// unglue splits a tag that is several codes written without a space ("PRELPGOV",
// "ITPHUM") into the codes, by the table of codes the corpus uses (see tagCodes): the
// tag must not be a code itself, be six letters or more, and split wholly into codes of
// two to five letters, one of them of four (a subject code; two-letter codes are
// countries). It returns nil when the tag is no such thing.
func unglue(t string) []string {
	if len(t) < 6 || len(t) > 40 || !isLetters(t) || tagCodes[t] {
		return nil
	}
	// best[k]: the fewest codes that spell t[:k], -1 if none; from[k] the start of the last
	best := make([]int, len(t)+1)
	from := make([]int, len(t)+1)
	for k := 1; k <= len(t); k++ {
		best[k] = -1
		for l := 2; l <= 5 && l <= k; l++ {
			if best[k-l] >= 0 && tagCodes[t[k-l:k]] && (best[k] < 0 || best[k-l]+1 < best[k]) {
				best[k], from[k] = best[k-l]+1, k-l
			}
		}
	}
	if best[len(t)] < 2 {
		return nil
	}
	var parts []string
	four := false
	for k := len(t); k > 0; k = from[k] {
		p := t[from[k]:k]
		four = four || len(p) == 4
		parts = append([]string{p}, parts...)
	}
	if !four {
		return nil
	}
	return parts
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
