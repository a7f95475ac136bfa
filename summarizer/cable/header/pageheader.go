// Page headers glued onto a header line: "... ON SCUD B ALTERNATIVE TRIPOLI 00000115
// 001.2 OF 002".

package header

import (
	"regexp"
	"strings"
)

// reGluedPageNum matches the serial and page count of a page header: "00001378 001.2 OF
// 003", "00000353 002 of 005"; group 1 is the serial as printed.
var reGluedPageNum = regexp.MustCompile(`(?:^|\s)(\d{5,8})\s+\d{3}(?:\.\d{1,2})?\s+[Oo][Ff]\s+\d{3}\b`)

// cutPageHeader removes a page header glued into the line s: the station as the page
// header writes it ("BRASILIA", "RIO DE JAN", "DUBAI" for RPODUBAI), the serial
// padded with zeros and the page count. station and serial are the cable's own ("" when
// unknown); the serial must be the cable's when it is known, else padded to eight
// digits. Words before the serial count as the station when they spell the cable's
// station, its start or its end, or a post the table knows.
func cutPageHeader(s, station, serial string) string {
	if !strings.Contains(s, " OF ") && !strings.Contains(s, " of ") && !strings.Contains(s, " Of ") {
		return s
	}
	m := findPageNum(s, serial)
	if m == nil {
		return s
	}
	num := s[m[2]:m[3]]
	if serial != "" {
		if strings.TrimLeft(num, "0") != strings.TrimLeft(serial, "0") {
			return s
		}
	} else if len(num) != 8 || num[0] != '0' {
		return s
	}
	start := m[2]
	ws := strings.Fields(s[:start])
	k := 0
	for n := 1; n <= 4 && n <= len(ws); n++ {
		c := compact(upperAll(ws[len(ws)-n:]))
		if c == "" {
			break
		}
		if station != "" && (strings.HasPrefix(station, c) || strings.HasSuffix(station, c)) ||
			posts.lookup(c) != "" || len(c) >= 6 && posts.uniquePrefix(c) != "" {
			k = n
		}
	}
	if k == 0 && station == "" && len(ws) > 0 && isLetters(ws[len(ws)-1]) {
		k = 1
	}
	cut := start
	for i := 0; i < k; i++ {
		cut = strings.LastIndex(s[:cut], ws[len(ws)-1-i])
	}
	return strings.TrimRight(s[:cut], " \t") + s[m[1]:]
}

// reGluedPageNumAt is reGluedPageNum anchored at the serial.
var reGluedPageNumAt = regexp.MustCompile(`^(\d{5,8})\s+\d{3}(?:\.\d{1,2})?\s+[Oo][Ff]\s+\d{3}\b`)

// findPageNum returns reGluedPageNum's submatch indexes in s. With the serial known,
// only the places where it stands, padded with zeros, are tried.
func findPageNum(s, serial string) []int {
	core := strings.TrimLeft(serial, "0")
	if core == "" {
		return reGluedPageNum.FindStringSubmatchIndex(s)
	}
	for from := 0; from < len(s); {
		k := strings.Index(s[from:], core)
		if k < 0 {
			return nil
		}
		k += from
		from = k + 1
		a := k
		for a > 0 && s[a-1] == '0' {
			a--
		}
		if a > 0 && s[a-1] != ' ' && s[a-1] != '\t' {
			continue
		}
		m := reGluedPageNumAt.FindStringSubmatchIndex(s[a:min(len(s), k+len(core)+24)])
		if m == nil {
			continue
		}
		for i := range m {
			m[i] += a
		}
		if a > 0 {
			m[0] = a - 1 // the white space before, as reGluedPageNum takes it
		}
		return m
	}
	return nil
}

func upperAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToUpper(w)
	}
	return out
}

// StripPageHeader removes from a line of body text the page header of the cable with
// reference id id that a copy ran into it: at its end ("... emissions. RIO DE JAN
// 00000285 002 OF 002"), its start ("RABAT 00001657 002 OF 002 French companies") or
// within it. Only a page header with the cable's own serial is removed, so a line is
// returned unchanged when id has none or the line holds no such header. The text on
// either side is joined with one space.
func StripPageHeader(line, id string) string {
	if len(id) < 4 || !strings.Contains(line, " OF ") && !strings.Contains(line, " of ") && !strings.Contains(line, " Of ") {
		return line
	}
	serial := strings.TrimLeft(id[2:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	station := id[2 : len(id)-len(serial)]
	if serial == "" || station == "" {
		return line
	}
	out := line
	for range 4 {
		t := cutPageHeader(out, station, serial)
		if t == out {
			break
		}
		out = t
	}
	if out == line {
		return line
	}
	return strings.Join(strings.Fields(out), " ")
}
