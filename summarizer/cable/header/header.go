// Package header reads the metadata of a cable: the routing block (date-time group,
// origin, addressees), the classification banner, the E.O., TAGS, SUBJECT, REF and
// Classified By lines, and, from the body, the signature and the SUMMARY block.
//
// It copes with the ways real copies go wrong (see CABLE_FORMAT.md): letter-spaced
// banners, a whole header on one line, partial extracts without routing, page headers
// inside the TO list, TAGS without colon or commas, markdown links, a SUBJECT running
// into its REF, 1970s headers and media date lines. All functions are pure and safe for
// concurrent use; regular expressions are compiled once.
package header

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cablebrief/summarize/summarizer"
)

// Fields is what the header of a cable says. Empty strings mean absent.
type Fields struct {
	ID             string // "07PARIS2726"
	Classification string // UNCLASSIFIED ... TOP SECRET, letter-spaced banners joined
	Caveats        []string
	Origin         string   // FM line without routing: "AMEMBASSY PARIS"
	To, Info       []string // addressees without routing prefix, precedence or serial
	DTG            string   // "260849Z JUN 07"
	Date           string   // "2007-06-26"
	TotalSections  int      // from "SECTION 01 OF 03"; 1 if none
	EO             string   // "12958"
	DeclassifyOn   string   // "2017-06-26"
	Tags           []string // upper-cased, in order as written, not typo-fixed
	Subject        string   // one line, white space collapsed, marking kept as written
	References     []summarizer.Reference
	ClassifiedBy   string // "AMBASSADOR CRAIG R STAPLETON"
	Reasons        string // "1.4 (B) AND (D)"
}

// WarnNoHeader is the warning Parse gives for a text with no cable header at all.
const WarnNoHeader = "no cable header found; the whole text is taken as body"

// maxSubjectText and maxRefText bound the SUBJECT and REF text read, in bytes: a real
// SUBJECT is a few lines, a real REF block a few dozen citations, and what runs on past
// that is body text run into them.
const (
	maxSubjectText = 4 << 10
	maxRefText     = 8 << 10
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

// maxHeaderLines bounds the scan for a header; a cable whose banner, TAGS or SUBJECT is
// not found within it is treated as having none.
const maxHeaderLines = 250

// firstLines is how many lines Parse splits before its scan (a cover sheet is looked for
// in them), lookAhead how many it keeps split ahead of the line it reads; the REF,
// SUBJECT, TAGS and Classified By blocks end within lookAhead lines.
const (
	firstLines = 64
	lookAhead  = 40
)

// Line kinds of the header scanner.
const (
	kBlank = iota
	kRouting
	kDTG
	kFM
	kTO
	kINFO
	kXMT
	kBanner
	kEO
	kTags
	kSubject
	kRef
	kClassifiedBy
	kNoise // header debris: SIPDIS, page breaks, caveats, partial-extract notes, media dates
	kPara  // a numbered paragraph or a SUMMARY marker: the body has begun
	kOther
)

var (
	reDTG       = regexp.MustCompile(`(?i)^(?:[A-Z]{1,2}\s+){0,3}(\d{2})(\d{4})Z\s+([A-Z]{3})\s+(\d{2})\b`)
	reFM        = regexp.MustCompile(`^FM\s+(.+)$`)
	reTO        = regexp.MustCompile(`^TO\s+(.*)$`)
	reINFO      = regexp.MustCompile(`^INFO\s+(.*)$`)
	reXMT       = regexp.MustCompile(`^XMT\b[\s/]*(.*)$`)
	reEO        = regexp.MustCompile(`(?i)\bE\.?\s?O\.?\s*(\d{4,5})\b`)
	reEOLine    = regexp.MustCompile(`(?i)^\W*E\.?\s?O\.?\s*\d{4,5}\b`)
	reDecl      = regexp.MustCompile(`(?i)\bDECL(?:ASSIFY(?:\s+ON)?)?\s*:?\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\b`)
	reTagsLine  = regexp.MustCompile(`(?i)^\W{0,3}(?:TAGS?|TAS)\b\s*[:;]?`)
	reTagsAny   = regexp.MustCompile(`(?i)(?:^|[\s\]])(?:TAGS?)\b\s*[:;]?\s*|^\W{0,3}TAS\s*:\s*`)
	reSubjLine  = regexp.MustCompile(`(?i)^\W{0,3}(?:SUBJECT|SUBJ|UBJECT)\b\s*(?:[:.]|\s|$)`)
	reSubjAny   = regexp.MustCompile(`(?i)(?:^|\s)(?:SUBJECT|SUBJ)\s*:\s*`)
	reRefLine   = regexp.MustCompile(`(?i)^\W{0,3}(?:(?:PROGRAM\s+)?REF(?:S|TELS?|ERENCES?|\(S\))?\b\s*[:.]?|[A-Z][.)]\s+REF\b)`)
	reClassBy   = regexp.MustCompile(`(?i)\bclassified\s+by\b`)
	rePara      = regexp.MustCompile(`^\s*(?:¶|\[\d+\]\(#[^)]*\))?\s*\d{1,3}\s?\.(?:\s|\(|$)`)
	reSumMarker = regexp.MustCompile(`(?i)^\W*(?:begin\s+)?summary\b`)
	rePageBreak = regexp.MustCompile(`(?i)^\s*(?:PAGE\s+\d+\s+.*\d{6}Z|[A-Z][A-Za-z .'-]{1,30}\s+\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3})\s*$`)
	reMediaDate = regexp.MustCompile(`^\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4},\s+\d{2}:\d{2}\s*$`)
	reSection   = regexp.MustCompile(`\bSECTION\s+0*(\d{1,3})\s+OF\s+0*(\d{1,3})\b`)
	reBannerCut = regexp.MustCompile(`\s(?:SIPDIS|E\.?\s?O\.?\s*\d|TAGS?\b|SUBJECT|NOFORN|STADIS|EXDIS|NODIS|LIMDIS)`)
	reCaveat    = regexp.MustCompile(`\b(NOFORN|ORCON|NOCONTRACT|PROPIN|IMCON|EXDIS|NODIS|LIMDIS|STADIS|REL\s+TO\s+[A-Z, ]+?|REL\s+[A-Z]+)\b`)
	reNameID    = regexp.MustCompile(`\d{2}[A-Z][A-Z]*\d+`)
	reMdLink    = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	reNoise     = regexp.MustCompile(`(?i)^\W*(?:SIPDIS|NOFORN|SENSITIVE\b|FOR OFFICIAL USE ONLY|NOT FOR INTERNET|NOTE BY|THIS RECORD IS A PARTIAL EXTRACT|DECLASSIFIED/RELEASED|C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D|CORRECTED COPY|EXDIS|NODIS|LIMDIS|STADIS|ORIGINAL TELEGRAM|E\s?F\s?T\s?O\b|CXR?\w*:|PASS\b|FOR\b)`)
)

// rePageHeader matches page headers run into a header line: "UNCLASSIFIED PAGE 02 ROME
// 01059 01 OF 04 281501Z", "TRIPOLI 00000402 001.2 OF 003".
var rePageHeader = regexp.MustCompile(`(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s+)?PAGE\s+\d{2}\s+[A-Z][A-Z ]*?\s+\d{3,6}\s+(?:\d{2}\s+OF\s+\d{2}\s+)?\d{6}Z|\b[A-Z][A-Z ]*?\s0{2,}\d{1,6}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b`)

var months = map[string]string{
	"JAN": "01", "FEB": "02", "MAR": "03", "APR": "04", "MAY": "05", "JUN": "06",
	"JUL": "07", "AUG": "08", "SEP": "09", "OCT": "10", "NOV": "11", "DEC": "12",
}

type line struct {
	start, end int    // byte offsets of the line in text, end excludes the newline
	s          string // the line without its trailing \r
}

// splitLines splits text into at most max lines.
func splitLines(text string, max int) []line {
	return moreLines(text, make([]line, 0, max), max)
}

// moreLines appends to lines, the first lines of text, the lines that follow them until
// there are max lines or the text ends.
func moreLines(text string, lines []line, max int) []line {
	pos := 0
	if n := len(lines); n > 0 {
		if lines[n-1].end >= len(text) {
			return lines
		}
		pos = lines[n-1].end + 1
	}
	for pos < len(text) && len(lines) < max {
		i := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if i >= 0 {
			end = pos + i
		}
		s := text[pos:end]
		if len(s) > 0 && s[len(s)-1] == '\r' {
			s = strings.TrimRight(s, "\r")
		}
		lines = append(lines, line{start: pos, end: end, s: s})
		if i < 0 {
			break
		}
		pos = end + 1
	}
	return lines
}

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

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// stationSerial reads the station and serial that end a banner ("TEL AVIV 001580",
// "75 LIBREVILLE 1895"): up to four words of letters before a number. The station is
// returned in compact form ("TELAVIV"), the serial as written.
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
	return compactReplacer.Replace(strings.Join(ws[from:len(ws)-1], "")), serial
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

func classify(l string) int {
	t := strings.TrimSpace(l)
	if isBlank(t) {
		return kBlank
	}
	c := t[0]
	// cheap guards keep the regular expressions off lines they cannot match
	lead := strings.TrimLeft(t, " \t*-.:¶")
	lead3 := ""
	if len(lead) >= 3 {
		lead3 = strings.ToUpper(lead[:3])
	}
	hasZ := strings.Contains(t, "Z ")
	switch {
	case isRouting(t):
		return kRouting
	case c == 'F' && reFM.MatchString(t):
		return kFM
	case c == 'T' && reTO.MatchString(t):
		return kTO
	case c == 'I' && reINFO.MatchString(t):
		return kINFO
	case c == 'X' && reXMT.MatchString(t):
		return kXMT
	case hasZ && reDTG.MatchString(t):
		return kDTG
	case c >= 'F' && c <= 'W' && t[len(t)-1] >= '0' && t[len(t)-1] <= '9' && strings.Contains(t, ":") && reMediaDate.MatchString(t):
		return kNoise
	case (lead3 == "SUB" || lead3 == "UBJ") && reSubjLine.MatchString(t):
		return kSubject
	case (lead3 == "TAG" || lead3 == "TAS") && reTagsLine.MatchString(t) && !strings.HasPrefix(strings.ToUpper(t), "TASK"):
		return kTags
	case (lead3 == "E.O" || lead3 == "EO " || lead3 == "E. " || lead3[:min(2, len(lead3))] == "EO" || lead3 == "E O") && reEOLine.MatchString(t):
		return kEO
	case indexFold(t, "ref") >= 0 && reRefLine.MatchString(t):
		return kRef
	case indexFold(t, "classified") >= 0 && reClassBy.MatchString(t) && !rePara.MatchString(t):
		return kClassifiedBy
	case mayBePageBreak(t) && rePageBreak.MatchString(t):
		return kNoise
	}
	if _, _, ok := bannerOf(t); ok {
		return kBanner
	}
	if strings.Contains(t, "12958") && reEO.MatchString(t) {
		// "DEPARTMENT FOR WHA AND PM E.O. 12958: DECL: ... TAGS: ..."
		return kEO
	}
	if (c >= '0' && c <= '9' || c == '[' || strings.HasPrefix(t, "¶")) && rePara.MatchString(t) ||
		indexFold(t, "summary") >= 0 && reSumMarker.MatchString(t) {
		return kPara
	}
	if mayBeNoise(t) && noiseStart(t) && reNoise.MatchString(t) {
		return kNoise
	}
	return kOther
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

// isRouting reports whether t is a line of the transmission's routing block:
// "VZCZCXRO5766", "PP RUEHDBU RUEHFL", "RUEHLN RUEHLZ", "DE RUEHFR #2726/01 1770849",
// "ZNY CCCCC ZZH", "BT", "NNNN", "#2726".
func isRouting(t string) bool {
	switch {
	case strings.HasPrefix(t, "VZCZC"):
		return !strings.ContainsAny(t, " \t")
	case strings.HasPrefix(t, "ZNY ") || strings.HasPrefix(t, "ZNR "):
		return true
	case t == "ZZH" || t == "BT" || t == "NNNN":
		return true
	case t[0] == '#':
		return len(t) > 1 && isDigits(t[1:])
	case strings.HasPrefix(t, "DE R"):
		return strings.Contains(t, " #")
	case len(t) > 4 && strings.IndexByte("OPRZ", t[0]) >= 0 && strings.IndexByte("OPRZ", t[1]) >= 0 && t[2] == ' ':
		r := strings.TrimLeft(t[3:], " \t")
		return len(r) > 2 && r[0] == 'R' && (r[1] == 'U' || r[1] == 'H')
	case t[0] == 'R' && len(t) > 1 && (t[1] == 'U' || t[1] == 'H'):
		for rest := t; rest != ""; {
			rest = strings.TrimLeft(rest, " \t")
			if rest == "" {
				break
			}
			w := rest
			if k := strings.IndexAny(rest, " \t"); k >= 0 {
				w, rest = rest[:k], rest[k:]
			} else {
				rest = ""
			}
			if len(w) < 5 || w[0] != 'R' || (w[1] != 'U' && w[1] != 'H') || !isLetters(w[2:5]) || strings.IndexByte(w, '/') >= 0 {
				return false
			}
		}
		return true
	}
	return false
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

// Parse reads the header of a cable text. bodyStart is the byte offset in text where the
// body begins: the first line after the SUBJECT, REF and Classified By lines (or after
// the last header line there is), where the paragraphs start. name is the file name, the
// fallback for the id ("07PARIS2726.txt" gives "07PARIS2726"). A text with no cable
// header at all returns bodyStart 0 and a warning. Parse never fails: what it cannot
// find stays empty and is noted in warnings.
func Parse(text, name string) (f Fields, bodyStart int, warnings []string) {
	f.TotalSections = 1
	// lines are split as the scan goes, lookAhead lines ahead of it: the header blocks
	// look at most that far
	lines := splitLines(text, firstLines)
	var (
		seenBanner, seenMeta, seenSubject, seenHeader bool
		headerEnd                                     = -1 // index of the last header line
		subjFrom, subjTo                              = -1, -1
		refFrom, refTo                                = -1, -1
		cbFrom, cbTo                                  = -1, -1
		glued                                         = -1 // byte offset of paragraph 1 glued onto the Classified By line
		listKind                                      = 0  // kTO, kINFO or kXMT while in an addressee list
		station, serial, dtgYear                      string
	)
	mark := func(i int) {
		headerEnd = i
		seenHeader = true
	}
	body := -1
	first := coverSheetEnd(lines)
	if first > 0 {
		warnings = append(warnings, "cover sheet before the transmission skipped")
	}
loop:
	for i := first; i < len(lines); i++ {
		if i+lookAhead >= len(lines) && len(lines) < maxHeaderLines {
			n := min(maxHeaderLines, i+2*lookAhead)
			lines = moreLines(text, slices.Grow(lines, n-len(lines)), n)
		}
		s := lines[i].s
		t := strings.TrimSpace(s)
		k := classify(s)
		if listKind != 0 {
			switch k {
			case kOther, kRouting, kNoise:
				if strings.HasPrefix(t, "PAGE ") || endsDigitOrZ(t) && rePageBreak.MatchString(t) {
					mark(i)
					continue
				}
				if !strings.ContainsAny(t, "abcdefghijklmnopqrstuvwxyz") {
					f.addAddressee(listKind, t)
					mark(i)
					continue
				}
			case kTO, kINFO, kXMT:
			default:
				listKind = 0
			}
		}
		switch k {
		case kBlank:
			continue
		case kRouting:
			mark(i)
		case kDTG:
			if f.DTG == "" {
				m := reDTG.FindStringSubmatch(t)
				mon := strings.ToUpper(m[3])
				if _, ok := months[mon]; ok {
					f.DTG = m[1] + m[2] + "Z " + mon + " " + m[4]
					f.Date = isoDate(m[4], mon, m[1])
					dtgYear = m[4]
				}
			}
			mark(i)
		case kFM:
			if f.Origin == "" {
				f.Origin = stripRouting(reFM.FindStringSubmatch(t)[1])
				// TO and INFO lines above FM are a department copy's distribution list
				f.To, f.Info = nil, nil
			}
			mark(i)
		case kTO, kINFO, kXMT:
			listKind = k
			var rest string
			switch k {
			case kTO:
				rest = reTO.FindStringSubmatch(t)[1]
			case kINFO:
				rest = reINFO.FindStringSubmatch(t)[1]
			default:
				rest = reXMT.FindStringSubmatch(t)[1]
			}
			if strings.HasPrefix(rest, "XMT ") || strings.HasPrefix(rest, "XMT/") {
				listKind = kXMT
			} else if !strings.HasPrefix(rest, "PAGE ") {
				f.addAddressee(k, rest)
			}
			mark(i)
		case kBanner:
			if seenBanner && f.TotalSections == 1 {
				// a page header before the banner proper: "UNCLASSIFIED STATE 00100153"
				_, rest, _ := bannerOf(t)
				if reSection.MatchString(rest) {
					f.bannerRest(rest, &station, &serial)
				}
			}
			if !seenBanner {
				seenBanner = true
				class, rest, _ := bannerOf(t)
				f.Classification = class
				f.bannerRest(rest, &station, &serial)
				// a one-line header: E.O., TAGS and even SUBJECT on the banner line
				if strings.Contains(rest, "12958") || strings.Contains(rest, "E.O") || indexFold(rest, "tag") >= 0 && reTagsAny.MatchString(rest) {
					f.inlineMeta(rest)
					seenMeta = true
					if f.Subject != "" {
						seenSubject = true
					}
				}
			}
			mark(i)
		case kEO, kTags:
			seenMeta = true
			j := i
			if k == kTags || indexFold(t, "tag") >= 0 && reTagsAny.MatchString(t) {
				j = f.tagsBlock(lines, i)
			}
			f.inlineMeta(joinLines(lines, i, j))
			if f.Subject != "" && !seenSubject {
				seenSubject = true
				subjFrom, subjTo = i, j
			}
			mark(j)
			i = j
		case kSubject:
			if seenSubject {
				break loop
			}
			seenSubject = true
			j := subjectBlock(lines, i)
			subjFrom, subjTo = i, j
			mark(j)
			i = j
		case kRef:
			if refFrom >= 0 {
				if seenSubject {
					break loop
				}
				mark(i)
				continue
			}
			j := refBlock(lines, i)
			refFrom, refTo = i, j
			mark(j)
			i = j
		case kClassifiedBy:
			if cbFrom >= 0 && seenSubject {
				break loop
			}
			j := classifiedBlock(lines, i)
			if cbFrom < 0 {
				cbFrom, cbTo = i, j
				if k := gluedFirstPara(lines[j].s); k > 0 {
					// "... REASON: 1.4 (b), (d) 1. (C) Summary: ...": the body starts there
					glued = lines[j].start + k
					mark(j)
					break loop
				}
			}
			mark(j)
			i = j
		case kNoise:
			if seenSubject && !rePageBreak.MatchString(t) && !reMediaDate.MatchString(t) &&
				!strings.Contains(strings.ToUpper(t), "SIPDIS") && !isCaveatLine(t) {
				break loop
			}
			f.lineCaveats(t)
			mark(i)
		case kPara:
			if seenHeader || seenBanner {
				body = i
			}
			break loop
		case kOther:
			if seenSubject || (seenMeta && !seenBanner && headerEnd >= 0) || (seenMeta && f.Subject == "" && i > 0 && isBodyText(t)) {
				body = i
				break loop
			}
			if !seenHeader && i > 40 {
				break loop
			}
			if seenBanner && !seenMeta && isBodyText(t) && i > 0 && subjFrom < 0 && looksLikeProse(t) {
				body = i
				break loop
			}
		}
	}
	noHeader := !seenHeader
	if noHeader {
		warnings = append(warnings, WarnNoHeader)
	} else if body >= 0 {
		bodyStart = lines[body].start
	} else if headerEnd >= 0 {
		bodyStart = lines[headerEnd].end
		for bodyStart < len(text) && (text[bodyStart] == '\n' || text[bodyStart] == '\r' || text[bodyStart] == ' ' || text[bodyStart] == '\t') {
			bodyStart++
		}
		// do not swallow the indentation of the first body line
		if k := strings.LastIndexByte(text[:bodyStart], '\n'); k >= 0 && k+1 < bodyStart && lines[headerEnd].end <= k {
			bodyStart = k + 1
		}
	}
	if glued > 0 {
		bodyStart = glued
	}
	if bodyStart > len(text) {
		bodyStart = len(text)
	}

	// the SUBJECT and REF blocks, cut to a length no real one reaches so that a runaway
	// line (a whole cable on one line) costs no more than a long header
	subjText := capText(joinLines(lines, subjFrom, subjTo), maxSubjectText)
	refText := capText(joinLines(lines, refFrom, refTo), maxRefText)
	if subjFrom >= 0 && f.Subject == "" {
		f.Subject = subjectText(subjText)
	}
	if refFrom >= 0 {
		f.References = parseRefs(refText, yearOf(dtgYear, station, name), ownID(dtgYear, station, serial, name))
	} else if subjFrom >= 0 {
		// a REF glued to the end of the SUBJECT: "...UK PRIMEREF: A. LONDON 1939"
		if r := inlineRef(subjText); r != "" {
			f.References = parseRefs(r, yearOf(dtgYear, station, name), ownID(dtgYear, station, serial, name))
		}
	}
	// Classified By: in the header, or as the first lines of the body.
	// Classified By: its own header line, else glued into the REF or SUBJECT lines, else
	// among the first lines of the body ("1. (U) CLASSIFIED BY ...").
	cbText := ""
	switch {
	case cbFrom >= 0:
		cbText = joinLines(lines, cbFrom, cbTo)
		if glued > 0 {
			cbText = cbText[:len(cbText)-(lines[cbTo].end-glued)]
		}
	case refFrom >= 0 && hasClassBy(refText):
		cbText = refText
	case subjFrom >= 0 && hasClassBy(subjText):
		cbText = subjText
	default:
		lim := min(bodyStart+1500, len(text))
		if k := indexFold(text[bodyStart:lim], "classified"); k < 0 {
			break
		}
		if loc := reClassBy.FindStringIndex(text[bodyStart:lim]); loc != nil {
			bl := splitLines(text[bodyStart+loc[0]:], 6)
			cbText = joinLines(bl, 0, classifiedBlock(bl, 0))
		}
	}
	if cbText != "" {
		f.ClassifiedBy, f.Reasons = parseClassifiedBy(cbText)
	}

	f.ID = makeID(dtgYear, station, serial)
	if noHeader {
		f.ID = idFromName(name)
		return f, 0, warnings
	}
	if f.ID == "" {
		f.ID = idFromName(name)
		if f.ID != "" && seenBanner {
			warnings = append(warnings, "reference id taken from the file name")
		}
	}
	if f.Classification == "" {
		warnings = append(warnings, "no classification banner found")
	}
	if f.Subject == "" {
		warnings = append(warnings, "no SUBJECT line found")
	}
	return f, bodyStart, warnings
}

// isBodyText reports whether t reads like a sentence or paragraph rather than a header
// line (addressee lines are upper-case and short).
// coverSheetEnd returns the index of a transmission (VZCZC) line that follows a cover
// sheet (a database export's "Subject:", "TAGS:" block), 0 when the text starts with the
// transmission or has none.
func coverSheetEnd(lines []line) int {
	seen := false
	for i, l := range lines {
		t := strings.TrimSpace(l.s)
		if len(t) < 40 && strings.Contains(t, "Z ") && reDTG.MatchString(t) || strings.HasPrefix(t, "FM ") {
			return 0
		}
		if strings.HasPrefix(t, "VZCZC") {
			if !seen {
				return 0
			}
			return i
		}
		if t != "" {
			seen = true
		}
	}
	return 0
}

func hasClassBy(s string) bool {
	return indexFold(s, "classified") >= 0 && reClassBy.MatchString(s)
}

// stripPageHeaders removes page headers run into a line of text.
func stripPageHeaders(s string) string {
	if !strings.Contains(s, " OF ") && !strings.Contains(s, "PAGE") {
		return s
	}
	return rePageHeader.ReplaceAllString(s, " ")
}

func isBodyText(t string) bool {
	return len(t) > 60 || strings.ContainsAny(t, "abcdefghijklmnopqrstuvwxyz")
}

// looksLikeProse reports whether t is a sentence in mixed case, not an upper-case
// addressee or distribution line.
func looksLikeProse(t string) bool {
	if len(t) <= 80 || strings.Count(t, " ") <= 10 {
		return false
	}
	lower, letters := letterCase(t)
	return lower*2 > letters
}

func isCaveatLine(t string) bool {
	u := strings.ToUpper(t)
	return strings.HasPrefix(u, "NOFORN") || strings.HasPrefix(u, "SENSITIVE") ||
		strings.HasPrefix(u, "FOR OFFICIAL USE") || strings.HasPrefix(u, "EXDIS") ||
		strings.HasPrefix(u, "NODIS") || strings.HasPrefix(u, "LIMDIS")
}

func joinLines(lines []line, from, to int) string {
	if from < 0 {
		return ""
	}
	if to >= len(lines) {
		to = len(lines) - 1
	}
	var b strings.Builder
	for i := from; i <= to; i++ {
		if i > from {
			b.WriteByte('\n')
		}
		b.WriteString(lines[i].s)
	}
	return b.String()
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
	r := reSection.ReplaceAllString(rest, " ")
	r = cutBanner(strings.TrimLeft(r, "/ "))
	if mayHaveCaveat(r) {
		r = reCaveat.ReplaceAllString(r, " ")
	}
	r = strings.TrimSpace(strings.Trim(r, "/ "))
	if st, se := stationSerial(r); st != "" && !isXs(st) {
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

func hasLower(s string) bool {
	return strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz")
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
func subjectBlock(lines []line, i int) int {
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
	for j+1 < len(lines) && j-i < 5 {
		next := strings.TrimSpace(lines[j+1].s)
		if next == "" || next == `\` || strings.HasPrefix(next, "---") || strings.HasPrefix(next, "===") {
			break
		}
		if k := classify(next); k != kOther && !(k == kNoise && isForLine(next)) || rePageBreak.MatchString(next) {
			break
		}
		// an upper-case subject does not run on into a mixed-case sentence
		if !hasLower(lines[i].s) && hasLower(next) && looksLikeProse(next) {
			break
		}
		j++
		if subjStop(next) != nil {
			break
		}
	}
	return j
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

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
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

var (
	// an item cut short by a blank line: "D. 03", "D)"
	reDangling  = regexp.MustCompile(`(?:\b[A-Z][.)]|\([A-Z]\))\s*(?:\d{2}|\d{4})?\s*$`)
	reCiteStart = regexp.MustCompile(`^[A-Za-z][A-Za-z' ]*\s0*\d{1,6}\b`)
)

var reRefItem = regexp.MustCompile(`^[\s¶-]*(?:\(?[A-Z]\)|[A-Z]\s?[.):]|\[[A-Z]\]|[A-Z]\s+-\s)\s*\S`)

// classifiedBlock returns the index of the last line of a Classified By statement
// starting at line i: it runs to a blank line, a paragraph or at most three lines.
func classifiedBlock(lines []line, i int) int {
	j := i
	for j+1 < len(lines) && j-i < 3 {
		cur := lines[j].s
		next := strings.TrimSpace(lines[j+1].s)
		if reReasonNum.MatchString(cur[reClassByEnd(cur):]) && strings.HasSuffix(strings.TrimSpace(cur), ")") &&
			!reReasonRest.MatchString(next) {
			break
		}
		if next == "" || rePara.MatchString(next) || reSumMarker.MatchString(next) {
			break
		}
		if k := classify(next); k == kBanner || k == kSubject || k == kTags || k == kRef {
			break
		}
		j++
	}
	return j
}

// reGluedPara matches paragraph 1 with its portion marking run onto the end of a line:
// " 1. (C) Summary".
var reGluedPara = regexp.MustCompile(`\s(?:¶\s?)?1\s?\.\s?\((?:U|C|S|TS|SBU|LOU|[CS]//?NF|SBU/NF|U//FOUO|C/REL [^)]{1,20})\)\s`)

// gluedFirstPara returns the byte offset in the Classified By line s of paragraph 1
// run onto its end after the reasons ("... REASON: 1.4 (b), (d) 1. (C) Summary: ..."), or
// -1.
func gluedFirstPara(s string) int {
	loc := reReasonNum.FindStringIndex(s)
	if loc == nil {
		return -1
	}
	m := reGluedPara.FindStringIndex(s[loc[1]:])
	if m == nil {
		return -1
	}
	return loc[1] + m[0] + 1
}

// reReasonRest matches the rest of a reasons list wrapped onto the next line.
var reReasonRest = regexp.MustCompile(`(?i)^(?:and\b|&|,|\(\s*[a-h]\s*\))`)

func reClassByEnd(s string) int {
	if loc := reClassBy.FindStringIndex(s); loc != nil {
		return loc[1]
	}
	return 0
}

var (
	reReasonNum = regexp.MustCompile(`\b1\s?[.,/]\s?[0-9]\b(?:\s?\.?\s?\(?[A-Ha-h]\b)?`)
)

// cbTail are the words that join the classifying official to the reasons ("for
// reasons", "due to", "based on", "under Section", "E.O. 12958").
var cbTail = map[string]bool{
	"for": true, "due": true, "to": true, "based": true, "on": true, "0n": true, "under": true,
	"reasons": true, "reason": true, "rasons": true, "reaons": true, "section": true, "e.o.": true,
	"e.o": true, "eo": true, "12958": true, "per": true, "and": true, "by": true,
}

// trimConnectors removes the joining words at the end of a classifying official's
// name, including the halves of a word broken by a line wrap ("Re asons").
func trimConnectors(name string) string {
	ws := strings.Fields(name)
	for len(ws) > 0 {
		last := strings.ToLower(strings.Trim(ws[len(ws)-1], ".,;:-()"))
		if k := strings.LastIndexByte(last, '-'); k > 0 && cbTail[last[k+1:]] {
			ws[len(ws)-1] = ws[len(ws)-1][:k]
			continue
		}
		if last == "" || cbTail[last] || isFragment(last, "reasons") || isFragment(last, "section") {
			ws = ws[:len(ws)-1]
			continue
		}
		break
	}
	return strings.Trim(strings.Join(ws, " "), " .,;:-")
}

// isFragment reports whether w is a broken-off start or end of word, two letters or
// more ("re", "asons", "se", "ction").
func isFragment(w, word string) bool {
	return len(w) >= 2 && len(w) < len(word) && (strings.HasPrefix(word, w) || strings.HasSuffix(word, w))
}

// parseClassifiedBy splits a Classified By statement into the classifying official and
// the reasons.
func parseClassifiedBy(s string) (by, reasons string) {
	locs := reClassBy.FindAllStringIndex(s, -1)
	if locs == nil {
		return "", ""
	}
	s = s[locs[len(locs)-1][1]:]
	s = collapseSpaces(s)
	s = strings.TrimLeft(s, " :;.")
	name := s
	if loc := reReasonNum.FindStringIndex(s); loc != nil {
		name = s[:loc[0]]
		reasons = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[loc[0]:]), "."))
		if len(reasons) > 60 {
			reasons = reasons[:60]
			if k := strings.LastIndexByte(reasons, ' '); k > 0 {
				reasons = reasons[:k]
			}
		}
	} else if k := strings.IndexAny(s, "\n"); k >= 0 {
		name = s[:k]
	}
	// a statement that is the section itself: "CLASSIFIED BY SECTION 1.5 (B)"
	name = trimConnectors(name)
	if len(name) > 160 {
		name = name[:160]
	}
	return name, reasons
}

func stripRouting(s string) string {
	s = strings.TrimSpace(s)
	if k := strings.IndexByte(s, '/'); k > 0 && k <= 8 && strings.HasPrefix(s, "R") && !strings.Contains(s[:k], " ") {
		s = s[k+1:]
	}
	return strings.TrimSpace(s)
}

// reOfficeCodes matches the distribution lines of a department copy ("INFO LOG-00
// MFA-00 EEB-00 ..."), which are not addressees.
var reOfficeCodes = regexp.MustCompile(`^(?:[A-Z]{1,5}-\d{2}\b\s*){2,}|/\d{3}[A-Z]$`)

var precedences = map[string]bool{
	"IMMEDIATE": true, "PRIORITY": true, "ROUTINE": true, "FLASH": true, "NIACT": true,
}

// addressee cleans one TO/INFO line: routing prefix, precedence and serial removed.
func addressee(s string) string {
	s = strings.TrimSpace(s)
	if k := strings.IndexByte(s, '/'); k >= 4 && k <= 8 && isLetters(s[:k]) {
		s = s[k+1:]
	}
	s = collapseSpaces(strings.TrimSpace(s))
	// a trailing serial, then precedence words: "SECSTATE WASHDC PRIORITY 8475"
	if k := strings.LastIndexByte(s, ' '); k >= 0 {
		if w := s[k+1:]; isDigits(w) && len(w) >= 3 && len(w) <= 5 {
			s = s[:k]
		}
	}
	for {
		k := strings.LastIndexByte(s, ' ')
		if k < 0 || !precedences[s[k+1:]] {
			break
		}
		s = s[:k]
	}
	return strings.TrimRight(s, " ,")
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (f *Fields) addAddressee(kind int, s string) {
	a := addressee(s)
	if a == "" || a[0] == '-' || strings.HasPrefix(a, "PAGE ") || (strings.IndexByte(a, '-') >= 0 || strings.Contains(a, "/0")) && reOfficeCodes.MatchString(a) {
		return
	}
	switch kind {
	case kTO:
		f.To = append(f.To, a)
	case kINFO:
		f.Info = append(f.Info, a)
	}
}

func isoDate(yy, mon, dd string) string {
	m, ok := months[mon]
	if !ok {
		return ""
	}
	d, err := strconv.Atoi(dd)
	if err != nil || d < 1 || d > 31 {
		return ""
	}
	return century(yy) + yy + "-" + m + "-" + dd
}

func century(yy string) string {
	if n, err := strconv.Atoi(yy); err == nil && n >= 40 {
		return "19"
	}
	return "20"
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

func makeID(yy, station, serial string) string {
	if yy == "" || station == "" || serial == "" {
		return ""
	}
	serial = strings.TrimLeft(serial, "0")
	if serial == "" {
		return ""
	}
	return yy + station + serial
}

// ownID is the cable's own id as far as it is known, to keep page headers that cite it
// out of its references.
func ownID(yy, station, serial, name string) string {
	if id := makeID(yy, station, serial); id != "" {
		return id
	}
	return idFromName(name)
}

// idFromName takes the reference id from a file name: the last "07PARIS2726"-shaped run
// of its base name, or the base name without extension.
func idFromName(name string) string {
	if name == "" || name == "-" {
		return ""
	}
	base := filepath.Base(name)
	if k := strings.IndexByte(base, '.'); k > 0 {
		base = base[:k]
	}
	if ms := reNameID.FindAllString(strings.ToUpper(base), -1); ms != nil {
		return ms[len(ms)-1]
	}
	return base
}

// yearOf returns the two-digit year of the cable: from the DTG, else from the file name.
func yearOf(dtgYear, station, name string) string {
	if dtgYear != "" {
		return dtgYear
	}
	id := idFromName(name)
	if len(id) >= 2 && id[0] >= '0' && id[0] <= '9' && id[1] >= '0' && id[1] <= '9' {
		return id[:2]
	}
	return ""
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
