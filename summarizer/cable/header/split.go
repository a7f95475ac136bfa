// Where another cable begins inside a text: concatenated files, a stream of cables on
// standard input, a copy with another cable spliced into it.

package header

import (
	"regexp"
	"strings"
)

// splitWindow is how many lines after a possible start of a cable are read for the
// header lines that confirm it.
const splitWindow = 24

var (
	// reGluedDTG matches a date-time group that ends a line, as when a file without a
	// final line end is followed by the next cable: "SACCIOR 250930Z FEB 72" (SACCIO,
	// then R 250930Z FEB 72). Group 1 is the precedence glued to the word before it.
	reGluedDTG = regexp.MustCompile(`(?:([OPRZ])(?:\s+[OPRZ])?\s+)?\b\d{6}Z\s+[A-Z]{3}\s+\d{2}\s*$`)
	// reIDToken matches a reference id standing in a line: "08STATE15228",
	// "50133  2006-01-19  06THEHAGUE131  Embassy The Hague ..." (a row of a database dump)
	reIDToken = regexp.MustCompile(`(?:^|\s)(\d{2}[A-Z]{3,}\d{1,6})(?:\s|$)`)
	// reQuoting matches the words that introduce a quoted or repeated cable
	reQuoting = regexp.MustCompile(`(?i)\b(?:QUOTE|BEGIN\s+TEXT|FOLLOWING\b.*\b(?:SENT|REPEATED|RPTD)|REPEATED\s+FOR|RPT\s+TO|TEXT\s+OF\b.*\bFOLLOWS)\b`)
)

// NextCable returns the byte offset in text of the start of the next cable after the
// one whose header Parse read as f with the body starting at bodyStart, and the
// reference id written in the new cable's first lines ("" if none); -1 when the text
// holds no other cable.
//
// A new cable is a cluster of header lines: a banner with a station and serial, an id
// line or a date-time group with its FM line, confirmed by two more header lines
// (E.O., TAGS, SUBJECT, FM, date-time group) among the next lines, and naming a station
// and serial (in a banner or an id) other than the cable's own: a banner of the same
// station and serial is another section of the same cable, and a cluster after QUOTE,
// BEGIN TEXT or "FOLLOWING ... SENT" is a cable quoted in the text: neither starts a
// new cable. The start is moved up over the routing lines, date-time group and FM, TO
// and INFO lists above the cluster; a date-time group glued onto the end of a line
// (a file without a final line end) starts there.
func NextCable(text string, f Fields, bodyStart int) (offset int, id string) {
	if bodyStart <= 0 || bodyStart >= len(text) {
		return -1, ""
	}
	own := idKey(f.ID)
	var prev [3]string // the last non-blank lines before the one read, newest first
	pos := scanFrom(text, bodyStart)
	for pos < len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		t := strings.TrimSpace(text[pos:end])
		if t != "" {
			if start, sid, ok := clusterAt(text, pos, end, t, own, prev); ok {
				return start, sid
			}
			prev[2], prev[1], prev[0] = prev[1], prev[0], t
		}
		pos = end + 1
	}
	return -1, ""
}

// clusterAt reports whether the line text[pos:end] (trimmed t) opens a new cable; it
// returns the cable's start and the id written in its first lines.
func clusterAt(text string, pos, end int, t, own string, prev [3]string) (int, string, bool) {
	last := t[len(t)-1]
	signal := false
	glued := -1 // offset of a date-time group glued onto the end of the line
	switch {
	case strings.HasPrefix(t, "FM ") && !hasLower(t) || strings.HasPrefix(t, "VZCZC"):
		signal = true // (not "FM Kouchner said ...", the foreign minister)
	case last >= '0' && last <= '9':
		if m := gluedDTG(t); m != nil && nextIsFM(text, end) {
			signal = true
			if m[2] >= 0 && m[2] > 0 && t[m[2]-1] != ' ' {
				glued = m[2] // "SACCIOR 250930Z": the precedence glued onto the name
			} else if m[0] > 0 {
				glued = m[0]
				for glued < len(t) && t[glued] == ' ' {
					glued++
				}
			}
		} else if hasIDToken(t) {
			signal = true
		} else if _, rest, ok := bannerOf(t); ok && hasStation(rest) {
			signal = true
		}
	}
	if !signal {
		return 0, "", false
	}
	// confirm with the header lines that follow; first a cheap look for their words
	if w := text[pos:min(len(text), pos+splitWindow*120)]; !strings.Contains(w, "SUBJ") && !strings.Contains(w, "TAGS") &&
		!strings.Contains(w, "E.O") && !strings.Contains(w, "EO 1") && !strings.Contains(w, "Subj") &&
		!strings.Contains(w, "Tags") && !strings.Contains(w, "E.o") {
		return 0, "", false
	}
	lines := splitLines(text[pos:], splitWindow)
	var dtg, fm, banner, eo, tags, subj, idLine bool
	key, sid := "", ""
	for k, l := range lines {
		s := strings.TrimSpace(l.s)
		if s == "" {
			continue
		}
		if k == 0 && glued >= 0 {
			s = strings.TrimSpace(s[glued:])
		}
		if sid != "" || !hasIDToken(s) {
			// no id here
		} else if m := reIDToken.FindStringSubmatch(s); m != nil && (k == 0 || idLine || len(s) == len(m[1])) {
			if strings.TrimSpace(s) == m[1] || hasBannerText(s) || strings.Contains(s, "E.O") {
				idLine, sid = true, m[1]
				if key == "" {
					key = idKey(m[1])
				}
			}
		}
		switch classify(s) {
		case kDTG:
			dtg = true
		case kFM:
			fm = true
		case kBanner:
			if _, rest, ok := bannerOf(s); ok {
				if st, se := bannerStation(rest); st != "" {
					banner = true
					key = st + strings.TrimLeft(se, "0")
				}
			}
		case kEO:
			eo = true
			if strings.Contains(s, "TAG") {
				tags = true
			}
		case kTags:
			tags = true
		case kSubject:
			subj = true
		}
		if strings.Contains(s, "E.O.") {
			eo = true
		}
	}
	n := 0
	for _, b := range []bool{dtg, fm, banner, eo, tags, subj} {
		if b {
			n++
		}
	}
	if !(banner || idLine || dtg && fm) || n < 3 || !(eo || tags || subj) {
		return 0, "", false
	}
	if key == "" || key == own {
		return 0, "", false // no cable of its own, or another section of the same cable
	}
	for _, p := range prev {
		if p != "" && reQuoting.MatchString(p) {
			return 0, "", false // a quoted cable
		}
	}
	start := pos + strings.Index(text[pos:end], t)
	if glued >= 0 {
		start += glued
	} else {
		start = moveUp(text, pos)
	}
	return start, sid, true
}

// scanFrom returns where to look for the next cable: after the first SUBJECT line of
// the header, or at bodyStart when there is none before it (a cable spliced in right
// after the SUBJECT is read by the header parser as more header).
func scanFrom(text string, bodyStart int) int {
	head := text[:bodyStart]
	for off := 0; off < len(head); {
		k := indexFold(head[off:], "ubj")
		if k < 0 {
			break
		}
		at := off + k
		ls := strings.LastIndexByte(head[:at], '\n') + 1
		le := strings.IndexByte(head[at:], '\n')
		if le < 0 {
			le = len(head)
		} else {
			le += at
		}
		if classify(head[ls:le]) == kSubject {
			return min(le+1, bodyStart)
		}
		off = le + 1
	}
	return bodyStart
}

// gluedDTG is reGluedDTG's submatch indexes in t, checking first that t ends as a
// date-time group does ("... 250930Z FEB 72").
func gluedDTG(t string) []int {
	n := len(t)
	if n < 14 || t[n-3] != ' ' && t[n-3] != '\t' || strings.IndexByte(t[max(0, n-16):], 'Z') < 0 {
		return nil
	}
	return reGluedDTG.FindStringSubmatchIndex(t)
}

// hasIDToken reports whether t holds a word shaped as a reference id (see reIDToken),
// with a scan for two digits before three capitals first.
func hasIDToken(t string) bool {
	for i := 0; i+5 <= len(t); i++ {
		if (i == 0 || t[i-1] == ' ' || t[i-1] == '\t') && isDigit(t[i]) && isDigit(t[i+1]) &&
			isUpper(t[i+2]) && isUpper(t[i+3]) && isUpper(t[i+4]) {
			return reIDToken.MatchString(t)
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// nextIsFM reports whether the first non-blank line after offset end is an FM line.
func nextIsFM(text string, end int) bool {
	for pos := end + 1; pos < len(text); {
		e := strings.IndexByte(text[pos:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += pos
		}
		if t := strings.TrimSpace(text[pos:e]); t != "" {
			return strings.HasPrefix(t, "FM ")
		}
		pos = e + 1
	}
	return false
}

// moveUp returns the start of the header block that ends with the line starting at
// pos: routing lines, a date-time group, FM, TO and INFO lines and id lines above it,
// up to twelve.
func moveUp(text string, pos int) int {
	start := pos
	for n := 0; n < 12 && start > 0; n++ {
		ls := strings.LastIndexByte(text[:start-1], '\n') + 1
		t := strings.TrimSpace(text[ls : start-1])
		if t == "" {
			break
		}
		switch classify(t) {
		case kRouting, kDTG, kFM, kTO, kINFO, kXMT:
		default:
			if m := reIDToken.FindStringSubmatch(t); m == nil || m[1] != t {
				return start
			}
		}
		start = ls
	}
	return start
}

// hasBannerText reports whether s holds a classification word (a row of a database
// dump: "... CONFIDENTIAL C O N F I D E N T I A L THE HAGUE 000131 ...").
func hasBannerText(s string) bool {
	return strings.Contains(s, "UNCLASSIFIED") || strings.Contains(s, "CONFIDENTIAL") ||
		strings.Contains(s, "SECRET") || strings.Contains(s, "C O N F") || strings.Contains(s, "S E C R")
}

// hasStation reports whether the rest of a banner names a station and serial.
func hasStation(rest string) bool {
	st, _ := bannerStation(rest)
	return st != ""
}

// idKey returns the station and serial of a reference id, without the year:
// "73TEHRAN2077" gives "TEHRAN2077"; "" for an id of another shape.
func idKey(id string) string {
	if len(id) < 4 || id[0] < '0' || id[0] > '9' || id[1] < '0' || id[1] > '9' {
		return ""
	}
	return id[2:]
}
