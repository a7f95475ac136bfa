// The classification banner: level (letter-spaced and damaged forms too), section
// count, the station and serial that end it, and handling caveats.

package header

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	reSection   = regexp.MustCompile(`\bSECTION\s+0*(\d{1,3})\s+OF\s+0*(\d{1,3})\b`)
	reBannerCut = regexp.MustCompile(`\s(?:SIPDIS|E\.?\s?O\.?\s*\d|TAGS?\b|SUBJECT)`)
	reCaveat    = regexp.MustCompile(`\b(NOFORN|ORCON|NOCONTRACT|PROPIN|IMCON|EXDIS|NODIS|LIMDIS|STADIS|REL\s+TO\s+[A-Z, ]+?|REL\s+[A-Z]+)\b`)
)

// classWords are the classification levels in compact form, longest first.
var classWords = []struct{ compact, level string }{
	{"TOPSECRET", "TOP SECRET"}, {"LIMITEDOFFICIALUSE", "LIMITED OFFICIAL USE"},
	{"UNCLASSIFIED", "UNCLASSIFIED"}, {"CONFIDENTIAL", "CONFIDENTIAL"}, {"SECRET", "SECRET"},
	{"UNCLAS", "UNCLASSIFIED"},
}

// bannerOf reports whether s is a classification banner and returns the level and what
// follows it. Letter-spaced ("C O N F I D E N T I A L", "C o n f i d e n t i a l") and
// damaged forms with a doubled or lost first letter ("SS E C R E T", "E C R E T",
// "UUNCLAS") are read.
func bannerOf(s string) (class, rest string, ok bool) {
	t := strings.TrimSpace(s)
	if t == "" || strings.IndexByte("TSCLUEOtsclueo", t[0]) < 0 {
		return "", "", false
	}
	if !mayBeBanner(t) {
		return "", "", false
	}
	toks := strings.Fields(strings.ToUpper(t))
	// join leading tokens until they spell a level, allowing letter-spacing and up to two
	// stray letters in front ("CSE C R E T", "SS E C R E T"), or a lost first letter
	var head string
	used, exact, n := 0, false, 0
	for k := 0; k < len(toks) && k < 24 && class == ""; k++ {
		w := toks[k]
		if c := strings.IndexByte(w, '/'); c > 0 && k == 0 {
			w = w[:c]
		}
		if !isLetters(w) {
			break
		}
		head += w
		if len(w) == 1 {
			n++
		}
		for _, c := range classWords {
			switch {
			case head == c.compact:
				class, exact = c.level, true
			case strings.HasSuffix(head, c.compact) && len(head)-len(c.compact) <= 2,
				len(head) >= 5 && head == c.compact[1:] && n >= 3:
				class = c.level
			}
			if class != "" {
				used = k + 1
				break
			}
		}
		if len(head) > 20 {
			break
		}
	}
	if class == "" {
		return "", "", false
	}
	if used == 1 && len(toks[0]) > len(head) {
		rest = toks[0][len(head):] + " "
	}
	rest += strings.Join(toks[used:], " ")
	r := strings.TrimSpace(rest)
	// a banner is the level alone, or followed by SECTION, a station serial, caveats or
	// the rest of a one-line header; not "CONFIDENTIAL - ENTIRE TEXT" prose.
	switch {
	case r == "" && (exact || n >= 3), strings.HasPrefix(r, "SECTION"), strings.HasPrefix(r, "//"),
		strings.HasPrefix(r, "/"), hasStationSerial(cutBanner(r)), reCaveat.MatchString(r),
		strings.HasPrefix(r, "SIPDIS"), strings.HasPrefix(r, "E F T O"), strings.HasPrefix(r, "EFTO"),
		strings.HasPrefix(r, "FOUO"):
		return class, rest, true
	}
	return "", "", false
}

// mayBeBanner is a cheap test before bannerOf's own: the letters at the start of t,
// spaces skipped and upper-cased, hold a classification level but for its first letter.
func mayBeBanner(t string) bool {
	var buf [26]byte
	n := 0
	for i := 0; i < len(t) && n < len(buf); i++ {
		c := t[i]
		switch {
		case c == ' ' || c == '\t':
			continue
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case c >= 'A' && c <= 'Z':
		default:
			i = len(t) // the letters end here
			continue
		}
		buf[n] = c
		n++
	}
	head := string(buf[:n])
	for _, c := range classWords {
		if strings.Contains(head, c.compact[1:]) {
			return true
		}
	}
	return false
}

// stationSerial reads the station and serial that end a banner ("TEL AVIV 001580",
// "75 LIBREVILLE 1895"): up to four words of letters before a number. The station is
// returned in compact form as the table of posts names it ("TELAVIV", see bannerPost),
// the serial as written.
func stationSerial(r string) (station, serial string) {
	ws := strings.Fields(r)
	if len(ws) < 2 || !isDigits(ws[len(ws)-1]) || len(ws[len(ws)-1]) > 7 {
		return "", ""
	}
	serial = ws[len(ws)-1]
	from := len(ws) - 1
	for from > 0 && len(ws)-1-from < 4 && isStationWord(ws[from-1]) {
		from--
	}
	if from == len(ws)-1 {
		return "", ""
	}
	return bannerPost(ws[from : len(ws)-1]), serial
}

// bannerPost turns the words before a banner's serial into the station of the id: the
// longest run of the last words that the table of posts knows ("SENSITIVE USUN NEW
// YORK" is USUNNEWYORK, "SECSTATE" STATE, "RIO DE JAN" RIODEJANEIRO), else all of them
// ("CIUDAD JUAREZ").
func bannerPost(ws []string) string {
	for n := len(ws); n >= 1; n-- {
		c := compactReplacer.Replace(strings.Join(ws[len(ws)-n:], ""))
		if st := posts.lookup(c); st != "" && (n > 1 || len(c) >= 4) {
			return st
		}
		if n > 1 && len(c) >= 6 {
			if st := posts.uniquePrefix(c); st != "" {
				return st
			}
		}
	}
	return compactReplacer.Replace(strings.Join(ws, ""))
}

// reHandling matches the handling words that stand between a banner's level and its
// station: "UNCLAS SENSITIVE STATE 001234", "UNCLASSIFIED E F T O TEL AVIV 001234".
var reHandling = regexp.MustCompile(`\b(?:SENSITIVE|BUT\s+UNCLASSIFIED|E\s?F\s?T\s?O|FOUO|FOR\s+OFFICIAL\s+USE\s+ONLY|SBU)\b`)

// bannerStation reads the station and serial from what follows the level on a banner
// line: "SECTION 01 OF 03" and caveats and handling words (NOFORN, SENSITIVE, E F T O)
// are passed over, and a one-line header's E.O., TAGS and SUBJECT cut off.
func bannerStation(rest string) (station, serial string) {
	r := reSection.ReplaceAllString(rest, " ")
	r = cutBanner(strings.TrimLeft(r, "/ "))
	if mayHaveCaveat(r) {
		r = reCaveat.ReplaceAllString(r, " ")
	}
	if strings.Contains(r, "SENSITIVE") || strings.Contains(r, "E") && (strings.Contains(r, "EFTO") || strings.Contains(r, "E F T O")) ||
		strings.Contains(r, "FOUO") || strings.Contains(r, "OFFICIAL USE") || strings.Contains(r, "SBU") || strings.Contains(r, "BUT UNCLAS") {
		r = reHandling.ReplaceAllString(r, " ")
	}
	r = strings.ReplaceAll(r, "//", " ")
	r = strings.TrimSpace(strings.Trim(r, "/ "))
	return stationSerial(r)
}

func hasStationSerial(r string) bool {
	st, _ := stationSerial(r)
	return st != ""
}

func isStationWord(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		c := w[i]
		if !(c >= 'A' && c <= 'Z' || c == '.' || c == '\'' || c == '-') {
			return false
		}
	}
	return true
}

func cutBanner(r string) string {
	if loc := reBannerCut.FindStringIndex(" " + r); loc != nil {
		if loc[0] == 0 {
			return ""
		}
		r = r[:loc[0]-1]
	}
	return strings.TrimSpace(r)
}

func isCaveatLine(t string) bool {
	u := strings.ToUpper(t)
	return strings.HasPrefix(u, "NOFORN") || strings.HasPrefix(u, "SENSITIVE") ||
		strings.HasPrefix(u, "FOR OFFICIAL USE") || strings.HasPrefix(u, "EXDIS") ||
		strings.HasPrefix(u, "NODIS") || strings.HasPrefix(u, "LIMDIS")
}

// bannerRest reads section count, station serial and caveats from what follows the
// classification on the banner line.
func (f *Fields) bannerRest(rest string, station, serial *string) {
	if m := reSection.FindStringSubmatch(rest); m != nil {
		if n, err := strconv.Atoi(m[2]); err == nil && n > 0 {
			f.TotalSections = n
		}
	}
	f.lineCaveats(rest)
	if st, se := bannerStation(rest); st != "" && !isXs(st) {
		*station = st
		*serial = se
	}
}

// caveatWords are the words reCaveat can match, for a cheap test before it runs.
var caveatWords = []string{"NOFORN", "ORCON", "NOCONTRACT", "PROPIN", "IMCON", "EXDIS", "NODIS", "LIMDIS", "STADIS", "REL "}

func mayHaveCaveat(u string) bool {
	for _, w := range caveatWords {
		if strings.Contains(u, w) {
			return true
		}
	}
	return false
}

func (f *Fields) lineCaveats(s string) {
	u := strings.ToUpper(s)
	if strings.Contains(u, "FOR OFFICIAL USE ONLY") || strings.Contains(u, "//FOUO") || strings.Contains(u, " FOUO") {
		if f.Classification == "UNCLASSIFIED" {
			f.Classification = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
		}
	}
	if !mayHaveCaveat(u) {
		return
	}
	for _, m := range reCaveat.FindAllString(u, -1) {
		m = strings.TrimSpace(collapseSpaces(m))
		dup := false
		for _, c := range f.Caveats {
			if c == m {
				dup = true
			}
		}
		if !dup {
			f.Caveats = append(f.Caveats, m)
		}
	}
}
