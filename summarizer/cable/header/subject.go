// The SUBJECT line: where it ends (wrapped lines, a REF or Classified By run into it)
// and its text.

package header

import (
	"regexp"
	"strings"
)

var (
	reSubjAny = regexp.MustCompile(`(?i)(?:^|\s)(?:SUBJECT|SUBJ)\s*:\s*|SUBJECT:\s*`)
)

var (
	reSubjStop = regexp.MustCompile(`(?i)(?:\s|^|[a-z\x{2019}'])(?:REF(?:S|TELS?|\(S\))?\s*[:.]|Ref\(s\)\s*:|REF\s+[A-Z]\b|REFS?\s+\(?[A-Z][.)]|Classified\s+By\b|CLASSIFIED\s+BY\b|Sensitive\s+but\s+unclassified|SENSITIVE\s+BUT\s+UNCLASSIFIED|Sensitive\s+but\b)|\s+\(?U\)?\s+Classifi`)
	reSubjHead = regexp.MustCompile(`(?i)^\W{0,3}(?:SUBJECT|SUBJ|UBJECT)\b\s*[:.]?\s*`)
)

// isForLine reports whether t starts with FOR or PASS, words that open an
// addressee line but also a wrapped SUBJECT ("... AND ASKS\nFOR US SUPPORT").
func isForLine(t string) bool {
	u := strings.ToUpper(strings.TrimSpace(t))
	return strings.HasPrefix(u, "FOR ") || strings.HasPrefix(u, "PASS ")
}

// subjStop finds where a SUBJECT runs into a REF, Classified By or handling note,
// within its first maxSubjectText bytes.
func subjStop(s string) []int {
	s = capText(s, maxSubjectText)
	if indexFold(s, "ref") < 0 && indexFold(s, "classifi") < 0 && indexFold(s, "sensitive") < 0 {
		return nil
	}
	return reSubjStop.FindStringIndex(s)
}

// subjectBlock returns the index of the last line of the SUBJECT starting at line i.
// The SUBJECT runs on over wrapped lines; over a page-break line (with the lone
// classification line that may follow an old page header) when the text goes on right
// after it; and over blank lines when the last line plainly goes on ("... TO PROTECT
// THE") or the lines after the blank stand between the SUBJECT and a REF or Classified
// By line (a header double-spaced by its copy). It stops at a header line, a numbered
// paragraph, a REF or Classified By run into it, and after a few lines.
//
// station and serial are the cable's own, "" when unknown: with them a line that is
// text with the page header glued on ("SCUD B ALTERNATIVE TRIPOLI 00000115 001.2 OF 003")
// is told from a page-break line.
func subjectBlock(lines []line, i int, station, serial string) int {
	first := strings.TrimSpace(reSubjHead.ReplaceAllString(lines[i].s, ""))
	j := i
	if first == "" {
		// "SUBJECT:" alone, the text on the next non-blank line
		for j+1 < len(lines) && strings.TrimSpace(lines[j+1].s) == "" && j-i < 3 {
			j++
		}
		if j+1 < len(lines) {
			j++
		}
	}
	if subjStop(lines[j].s) != nil {
		return j
	}
	upper := !hasLower(lines[i].s)
	added := 0
	for j+1 < len(lines) && added < 5 {
		n, blanks, breaks := j+1, 0, 0
		for n < len(lines) && n-j <= 6 {
			t := strings.TrimSpace(lines[n].s)
			switch {
			case isBlank(t):
				blanks++
			case pageBreakOnly(t, station, serial):
				breaks++
			case breaks > 0 && isLoneClass(t), isSipdisLine(t):
			default:
				goto found
			}
			n++
		}
		break
	found:
		if n >= len(lines) {
			break
		}
		next := strings.TrimSpace(lines[n].s)
		if !subjectGoesOn(strings.TrimSpace(cutPageHeader(next, station, serial)), upper) {
			break
		}
		if blanks > 0 || breaks > 0 {
			last := strings.TrimSpace(lines[j].s)
			across := endsUnfinished(last) || blanks == 0 || headerFollows(lines, n)
			if !across {
				break
			}
		}
		j = n
		added++
		if subjStop(next) != nil {
			break
		}
	}
	return j
}

// subjectGoesOn reports whether t can be a wrapped line of a SUBJECT: no header line,
// paragraph or rule, and no mixed-case sentence after an upper-case SUBJECT.
func subjectGoesOn(t string, upper bool) bool {
	if t == "" || t == `\` || strings.HasPrefix(t, "---") || strings.HasPrefix(t, "===") {
		return false
	}
	switch k := classify(t); {
	case k == kTO || k == kFM || k == kINFO:
		// "... PLANS" / "TO RAISE TARIFFS", "... MEETS" / "FM KOUCHNER": the routing lines
		// stand above the banner, not under the SUBJECT
	case k != kOther && !(k == kNoise && isForLine(t)) || rePageBreak.MatchString(t):
		return false
	}
	return !(upper && hasLower(t) && looksLikeProse(t))
}

// headerFollows reports whether the first line that is not blank or debris after line
// n, or after one more line of text, is a REF, Classified By, TAGS or E.O. line: the
// lines between stand inside the header.
func headerFollows(lines []line, n int) bool {
	texts := 0
	for k := n + 1; k < len(lines) && k-n <= 8; k++ {
		t := strings.TrimSpace(lines[k].s)
		if isBlank(t) || isPageBreakLine(t) || isSipdisLine(t) {
			continue
		}
		switch classify(t) {
		case kRef, kClassifiedBy, kTags, kEO:
			return true
		case kOther:
			if texts++; texts > 1 {
				return false
			}
			continue
		}
		return false
	}
	return false
}

// endsUnfinished reports whether a SUBJECT line plainly goes on: it ends with a
// joining word ("THE", "OF", "AS"), a comma, a colon, a dash or an ampersand.
func endsUnfinished(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case ',', ':', '-', '&', '/':
		return true
	}
	ws := strings.Fields(t)
	return joiners[strings.ToUpper(ws[len(ws)-1])]
}

// joiners are the words that do not end a title.
var joiners = map[string]bool{
	"A": true, "AN": true, "THE": true, "OF": true, "AND": true, "OR": true, "TO": true,
	"FOR": true, "IN": true, "ON": true, "AT": true, "BY": true, "WITH": true, "FROM": true,
	"AS": true, "INTO": true, "OVER": true, "ITS": true, "HIS": true, "HER": true,
	"THEIR": true, "OUR": true, "VS": true, "VS.": true, "BUT": true, "NOT": true,
	"BETWEEN": true, "AFTER": true, "BEFORE": true, "ABOUT": true, "AGAINST": true,
	"UNDER": true, "WHILE": true, "THAN": true, "THAT": true, "WHO": true, "IS": true,
	"ARE": true, "WILL": true, "MAY": true,
}

// isPageBreakLine reports whether the trimmed line t is a page-break line.
func isPageBreakLine(t string) bool {
	return mayBePageBreak(t) && rePageBreak.MatchString(t)
}

// pageBreakOnly reports whether the trimmed line t is a page-break line and nothing
// else: an old page header ("PAGE 02 HARARE 06677 01 OF 03 291400Z"), or a new one whose
// words before the serial are all the station (see cutPageHeader).
func pageBreakOnly(t, station, serial string) bool {
	if !isPageBreakLine(t) {
		return false
	}
	return strings.HasPrefix(strings.ToUpper(t), "PAGE ") || strings.TrimSpace(cutPageHeader(t, station, serial)) == ""
}

// isSipdisLine reports whether t holds nothing but SIPDIS.
func isSipdisLine(t string) bool {
	return strings.EqualFold(strings.Trim(t, " .\\"), "SIPDIS")
}

// isLoneClass reports whether t is a classification level alone on its line, as after
// an old page header ("CONFIDENTIAL", "C O N F I D E N T I A L").
func isLoneClass(t string) bool {
	if len(t) > 48 || strings.ContainsAny(t, "0123456789") {
		return false // "L I M I T E D  O F F I C I A L  U S E" is the longest
	}
	_, rest, ok := bannerOf(t)
	return ok && strings.TrimSpace(rest) == ""
}

// blockText joins the lines of a header block (SUBJECT, TAGS) from..to, without the
// blank, page-break, SIPDIS and lone classification lines inside it and with a page
// header glued onto a line removed; station and serial are the cable's own, "" if
// unknown.
func blockText(lines []line, from, to int, station, serial string) string {
	if from < 0 {
		return ""
	}
	to = min(to, len(lines)-1)
	var b strings.Builder
	for i := from; i <= to; i++ {
		t := lines[i].s
		if i > from {
			tt := strings.TrimSpace(t)
			if isBlank(tt) || pageBreakOnly(tt, station, serial) || isSipdisLine(tt) || isLoneClass(tt) {
				continue
			}
			b.WriteByte('\n')
		}
		b.WriteString(cutPageHeader(t, station, serial))
	}
	return b.String()
}

func subjectText(s string) string {
	s = reSubjHead.ReplaceAllString(strings.TrimSpace(s), "")
	if u := strings.ToUpper(s); strings.HasPrefix(u, "SUBJECT:") || strings.HasPrefix(u, "SUBJ:") {
		s = reSubjHead.ReplaceAllString(s, "") // "SUBJECT: SUBJECT: ..."
	}
	if loc := subjStop(s); loc != nil {
		cut := loc[0]
		if cut < len(s) && s[cut] != ' ' && s[cut] != '\n' && s[cut] != '\t' {
			// the stop matched a glued letter ("PRIMEREF:"): keep that letter
			_, size := firstRune(s[cut:])
			cut += size
		}
		s = s[:cut]
	}
	s = strings.ReplaceAll(s, `\`, " ")
	s = collapseSpaces(s)
	return strings.TrimSpace(s)
}

var reInlineRef = regexp.MustCompile(`(?:\bRef(?:s|tels?|\(s\))?\s*:|REF(?:S|TELS?|\(S\))?\s*[:.]|REFS?\s+\(?[A-Z][.)])`)

// inlineRef returns the REF text glued into a SUBJECT line, "" if none.
func inlineRef(s string) string {
	loc := reInlineRef.FindStringIndex(s)
	if loc == nil {
		return ""
	}
	return s[loc[0]:]
}
