package header

import (
	"regexp"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// compactReplacer drops the punctuation of station names ("PORT-AU-PRINCE", "N'DJAMENA").
var compactReplacer = strings.NewReplacer("'", "", "-", "", ".", "", " ", "")

// notStation are words that stand before a number in a REF item without being a post.
var notStation = map[string]bool{
	"AND": true, "OF": true, "ON": true, "NO": true, "NUMBER": true, "PARA": true, "PARAS": true,
	"PARAGRAPH": true, "PAGE": true, "SECTION": true, "EMAIL": true, "E-MAIL": true,
	"TELCON": true, "DATED": true, "DTG": true, "MSG": true, "TD": true, "REF": true,
	"REFTEL": true, "REFS": true, "SEE": true, "JANUARY": true, "FEBRUARY": true, "MARCH": true,
	"APRIL": true, "MAY": true, "JUNE": true, "JULY": true, "AUGUST": true, "SEPTEMBER": true,
	"OCTOBER": true, "NOVEMBER": true, "DECEMBER": true, "JAN": true, "FEB": true, "MAR": true,
	"APR": true, "JUN": true, "JUL": true, "AUG": true, "SEP": true, "SEPT": true, "OCT": true,
	"NOV": true, "DEC": true, "THE": true, "IN": true, "TO": true, "FROM": true, "AT": true,
	"RESOLUTION": true, "UNSCR": true, "LAW": true, "DECREE": true, "ARTICLE": true, "FY": true,
	"CIRCULAR": true, "CABLE": true, "CABLES": true, "TELEGRAM": true, "TELEGRAMS": true,
	"ROOM": true, "PHONE": true, "FAX": true, "TEL": true, "A": true, "B": true, "C": true,
	"I": true, "II": true, "III": true, "DAO": true, "IIR": true, "FBIS": true, "OSC": true,
	"PREVIOUS": true, "NOTAL": true, "STATUTE": true, "SOLICITATION": true, "YEAR": true,
	"CY": true, "WHA": true, "DESK": true, "OFFICE": true, "MEMO": true, "LETTER": true,
	"NOTE": true, "CALL": true, "MEETING": true, "EMAILS": true, "DIPNOTE": true, "VOL": true,
	// classification and handling words written before a citation ("UNCLASS USDA FAS 57863")
	"UNCLAS": true, "UNCLASS": true, "UNCLASSIFIED": true, "CONFIDENTIAL": true, "SECRET": true,
	"NOFORN": true, "LIMDIS": true, "EXDIS": true, "NODIS": true, "SBU": true,
}

var (
	reRefHead  = regexp.MustCompile(`(?i)^\W*(?:PROGRAM\s+)?REF(?:S|TELS?|ERENCES?|\(S\))?\b\s*[:.]?\s*`)
	reItemMark = regexp.MustCompile(`(?:^|[\s;,])¶?\s*(?:\(([A-Z])\)|\[([A-Z])\]|([A-Z])\s?[.):](?:[^A-Z0-9.]|$)|([A-Z])\s+-\s|([A-Z])\s+(?:\d|[A-Z]{3,}\s+\d))`)
	// a cable citation: optional year, station words, optional (yy), serial, optional year
	reCite    = regexp.MustCompile(`(?:(?:^|[^\w/])(\d{4}|\d{2}|'\d{2})\s*[-\s]\s*)?\b([A-Za-z][A-Za-z'\-]*(?:\s+[A-Za-z][A-Za-z'\-]*){0,3})\s*[-\s]\s*(?:\((\d{2})\)\s*)?0*(\d{1,6})(?:/(\d{2})\b|\s+\((\d{2})\)|\s+(\d{2})(?:\s*[,;]|\s*$))?(?:--|[^\w/\-]|$)`)
	reIsYear4 = regexp.MustCompile(`^(?:19|20)\d{2}$`)
)

// parseRefs reads a REF block into references. yy is the two-digit year of the citing
// cable, used for citations without a year ("PARIS 1501" in a 2007 cable is 07PARIS1501).
func parseRefs(block, yy, own string) []summarizer.Reference {
	s := reRefHead.ReplaceAllString(strings.TrimSpace(block), "")
	s = strings.ReplaceAll(s, `\n`, " ")
	s = strings.ReplaceAll(s, `\`, " ")
	s = strings.Join(strings.Fields(s), " ")
	station, serial := "", ""
	if len(own) > 2 {
		serial = strings.TrimLeft(own[2:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		station = own[2 : len(own)-len(serial)]
	}
	s = stripPageHeaders(s, station, serial)
	// drop page-break debris and a trailing Classified By
	if hasClassBy(s) {
		s = strings.TrimSpace(s[:reClassBy.FindStringIndex(s)[0]])
	}
	if s == "" {
		return nil
	}
	items := splitItems(s)
	home := station
	var out []summarizer.Reference
	for _, it := range items {
		text := strings.TrimSpace(strings.Trim(strings.TrimSpace(it.text), ";,"))
		if indexFold(text, "ref") >= 0 {
			text = strings.TrimSpace(reRefHead.ReplaceAllString(text, ""))
		}
		if text == "" {
			continue
		}
		ids := citations(text, yy, home)
		if len(ids) > 0 && !startsWithCite(text) && reNotCable.MatchString(text) {
			ids = nil
		}
		ids = slices.DeleteFunc(ids, func(id string) bool { return id == own })
		if len(ids) == 0 {
			out = append(out, summarizer.Reference{Letter: it.letter, Text: text})
			continue
		}
		for _, id := range ids {
			out = append(out, summarizer.Reference{Letter: it.letter, ID: id, Text: text})
		}
	}
	return out
}

// reUnletteredSep separates the references of an unlettered REF: "STATE 1; USUN 2",
// "TEHRAN 1091: TEHRAN 263".
var reUnletteredSep = regexp.MustCompile(`;|:\s`)

// reNotCable marks a REF item that is a mail, call, memo or note rather than a cable.
var reNotCable = regexp.MustCompile(`(?i)\b(?:e-?mails?|telcons?|memcons?|memos?|letters?|faxe?s?|phone|dipnotes?|diplomatic\s+notes?|non-?papers?|conversations?|meetings?)\b`)

type refItem struct{ letter, text string }

// splitItems splits a REF text on its item letters (A., (B), C), [D], E -), accepted only
// in sequence so that "U.S." or an initial does not start an item; an unlettered text is
// split on semicolons.
func splitItems(s string) []refItem {
	type mark struct {
		letter     string
		start, end int
	}
	var marks []mark
	want := byte('A')
	for _, m := range reItemMark.FindAllStringSubmatchIndex(s, -1) {
		var l string
		for g := 1; g <= 5; g++ {
			if m[2*g] >= 0 {
				l = s[m[2*g]:m[2*g+1]]
			}
		}
		if l == "" {
			continue
		}
		end := m[1]
		// the bare-letter forms keep the following word in the item
		if m[10] >= 0 {
			end = m[11]
		} else if m[6] >= 0 && end > 0 && m[7] < end {
			// "A." followed by one non-letter char that belongs to the text
			end = m[7] + 1
			for end < len(s) && (s[end] == ')' || s[end] == '.' || s[end] == ':') {
				end++
			}
		}
		switch {
		case l[0] == want:
			marks = append(marks, mark{l, m[0], end})
			want++
		case len(marks) > 0 && l == marks[len(marks)-1].letter && m[0] <= marks[len(marks)-1].end+2:
			// a doubled marker: "A. A) SECSTATE"
			marks[len(marks)-1].end = end
		}
	}
	if len(marks) < 1 || (len(marks) == 1 && marks[0].start > 3) {
		var out []refItem
		for _, p := range reUnletteredSep.Split(s, -1) {
			out = append(out, refItem{text: p})
		}
		return out
	}
	var out []refItem
	if pre := strings.TrimSpace(s[:marks[0].start]); pre != "" && pre != "¶" {
		out = append(out, refItem{text: pre})
	}
	for i, mk := range marks {
		end := len(s)
		if i+1 < len(marks) {
			end = marks[i+1].start
		}
		text := s[mk.end:end]
		// "A. REF A HAVANA 639": a repeated marker after the letter
		text = strings.TrimSpace(text)
		text = strings.TrimPrefix(text, "REF ")
		if strings.HasPrefix(text, mk.letter+" ") || strings.HasPrefix(text, mk.letter+") ") {
			text = text[strings.IndexByte(text, ' ')+1:]
		}
		out = append(out, refItem{letter: mk.letter, text: text})
	}
	return out
}

var reLeadCite = regexp.MustCompile(`^(?:'?\d{2}|\d{4})?\s*[A-Z][A-Za-z'\-]*(?:\s+[A-Z][A-Za-z'\-]*){0,3}\s+0*\d{1,6}\b`)

// startsWithCite reports whether a REF item opens with a cable citation ("STATE
// 1234 ..."), so that words later in it do not make it a mail or memo.
func startsWithCite(text string) bool {
	return reLeadCite.MatchString(strings.TrimLeft(text, "( "))
}

// citations returns the cable ids cited in one REF item, in order.
func citations(text, yy, home string) []string {
	var out []string
	if year, words, serial, ok := simpleCite(text); ok {
		// the common item, "STATE 162318", "05 PARIS 5459", read without reCite
		if id := citeID(year, words, serial, yy, home, true); id != "" {
			out = append(out, id)
		}
		return out
	}
	return citesRE(text, yy, home)
}

// citesRE is citations with reCite alone.
func citesRE(text, yy, home string) []string {
	var out []string
	t := text
	for _, m := range reCite.FindAllStringSubmatchIndex(t, -1) {
		get := func(g int) string {
			if m[2*g] < 0 {
				return ""
			}
			return t[m[2*g]:m[2*g+1]]
		}
		year, words, serial := get(1), get(2), get(4)
		if get(5) != "" && len(serial) < 3 {
			continue // "DESK 3/11" is a date, not PANAMA 00789/08
		}
		if startsMonth(t[m[9]:]) {
			continue // "PARIS POINTS 20 SEPTEMBER 2007": a date, not a serial
		}
		for _, y := range []string{get(3), get(5), get(6), get(7)} {
			if y != "" {
				year = y
			}
		}
		// the match is the whole item: "CIUDAD JUAREZ 22", as simpleCite reads it
		whole := strings.Trim(t[:m[0]], " ") == "" && strings.Trim(t[m[1]:], " ") == ""
		if id := citeID(year, words, serial, yy, home, whole); id != "" {
			out = append(out, id)
		}
	}
	// "BRASILIA 2799 AND 2764", "STATE 188314, 259032": a bare serial after a citation
	if len(out) > 0 {
		out = append(out[:0:0], out...)
		out = addBareSerials(text, out)
	}
	return dedupe(out)
}

// citeID makes the reference id of one citation from the groups of reCite: the year
// as written (or ""), the station words and the serial without leading zeros; yy is
// the citing cable's year and home its station; whole says the words are all of the item before the serial
// (see station). It returns "" when the words name no post or there is no year.
func citeID(year, words, serial, yy, home string, whole bool) string {
	st := station(words, home, whole)
	if st == "" || isXs(st) { // "09 XXXXXXXXXXXX 167": a redacted post
		return ""
	}
	// "INCSR BRAZIL 2008": a year, not a serial, after a word that is not a known post
	if reIsYear4.MatchString(serial) && posts.lookup(st) == "" && year == "" && len(strings.Fields(words)) > 1 {
		return ""
	}
	year = strings.TrimPrefix(year, "'")
	if len(year) == 4 {
		if !reIsYear4.MatchString(year) {
			return ""
		}
		year = year[2:]
	}
	if year == "" {
		year = yy
	}
	if year == "" {
		return ""
	}
	return year + st + serial
}

// simpleCite reads an item that is one plain citation and nothing else: an optional
// year of two or four digits, one to four words and a serial of up to six digits (after
// its leading zeros), separated by spaces: "STATE 162318", "05 PARIS 5459", "RIO DE
// JAN 138". It returns what reCite's groups would hold; ok is false for anything else,
// which reCite reads.
func simpleCite(text string) (year, words, serial string, ok bool) {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 0x80 || c == '\v' {
			return "", "", "", false // white space that \s and Fields read apart
		}
	}
	fs := strings.Fields(text)
	if len(fs) < 2 || len(fs) > 6 {
		return "", "", "", false
	}
	if f := fs[0]; (len(f) == 2 || len(f) == 4) && isDigits(f) {
		year, fs = f, fs[1:]
	}
	if len(fs) < 2 || len(fs) > 5 {
		return "", "", "", false
	}
	last := fs[len(fs)-1]
	if !isDigits(last) {
		return "", "", "", false
	}
	serial = strings.TrimLeft(last, "0")
	if serial == "" {
		serial = "0"
	}
	if len(serial) > 6 {
		return "", "", "", false
	}
	ws := fs[:len(fs)-1]
	for _, w := range ws {
		if !isWordOnly(w) {
			return "", "", "", false
		}
	}
	return year, strings.Join(ws, " "), serial, true
}

var reAndSerial = regexp.MustCompile(`(?i)\b([A-Z][A-Za-z'\-]*)\s+0*(\d{2,6})((?:\s*(?:,|AND|&)\s*0*\d{3,6}\b)+)`)
var reDigits = regexp.MustCompile(`\d{3,6}`)

func addBareSerials(text string, ids []string) []string {
	if !strings.ContainsAny(text, ",&") && indexFold(text, "and") < 0 {
		return ids // reAndSerial needs a comma, AND or & after a serial
	}
	for _, m := range reAndSerial.FindAllStringSubmatch(text, -1) {
		var prefix string
		for _, id := range ids {
			if strings.HasSuffix(id, strings.TrimLeft(m[2], "0")) {
				prefix = strings.TrimSuffix(id, strings.TrimLeft(m[2], "0"))
				break
			}
		}
		if prefix == "" {
			continue
		}
		for _, d := range reDigits.FindAllString(m[3], -1) {
			ids = append(ids, prefix+strings.TrimLeft(d, "0"))
		}
	}
	return ids
}

func dedupe(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// station turns the words before a serial into the compact station of a reference id,
// "" when they do not name a post. home is the station of the citing cable, a post
// known whether or not the table has it ("UNESCO PARIS FR 87" in a cable of
// UNESCOPARISFR). whole says the words are all of a REF item before
// its serial ("CIUDAD JUAREZ 22"), not the end of a longer text. In order:
//   - the longest run of the last words that the table of posts knows ("RIO DE
//     JANEIRO", "THE HAGUE", "SECSTATE", "USUN NEW YORK"), or of which it knows one
//     spelling as the start ("RIO DE JAN");
//   - a known post followed by more words of a name ("MEXICO CITY"): all of them;
//   - for a whole item, its words after any post-type or other non-post word
//     ("EMBASSY BANJUL", "HO CHI MINH CITY");
//   - otherwise the last word alone, when it is a plain word.
func station(words, home string, whole bool) string {
	ws := strings.Fields(strings.ToUpper(words))
	if len(ws) > 4 {
		ws = ws[len(ws)-4:]
	}
	for n := len(ws); n >= 1; n-- {
		c := compact(ws[len(ws)-n:])
		if n == 1 && notStation[ws[len(ws)-1]] {
			break
		}
		if st := posts.lookup(c); st != "" && (n > 1 || len(c) >= 2) {
			return st
		}
		if c == home {
			return c
		}
		if n > 1 && len(c) >= 6 {
			if p := posts.uniquePrefix(c); p != "" {
				return p
			}
		}
	}
	// the words that can belong to a post's name, from the end
	from := len(ws)
	for from > 0 && isWordOnly(ws[from-1]) && !notStation[ws[from-1]] && !posts.isType(ws[from-1]) {
		from--
	}
	name := ws[from:]
	if len(name) == 0 {
		return ""
	}
	if len(name) > 1 {
		for k := 0; k < len(name)-1; k++ {
			if posts.lookup(name[k]) != "" && len(name[k]) >= 4 && minLen(name[k+1:]) >= 3 {
				return compact(name[k:]) // "MEXICO CITY", not "STATE CA-3400"
			}
		}
		if whole && !hasPost(name) && (from == 0 || notStation[ws[from-1]] || posts.isType(ws[from-1])) {
			return compact(name)
		}
	}
	last := name[len(name)-1]
	if len(last) < 4 {
		return ""
	}
	c := compact([]string{last})
	if len(c) >= 6 {
		if p := posts.uniquePrefix(c); p != "" {
			return p
		}
	}
	return c
}

var monthNames = []string{"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
	"AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"}

// startsMonth reports whether s, after white space, opens with the name of a month,
// in full or in three letters ("SEPTEMBER 2007", "Apr 30").
func startsMonth(s string) bool {
	s = strings.TrimLeft(s, " ,")
	k := 0
	for k < len(s) && isLetter(s[k]) {
		k++
	}
	if k < 3 {
		return false
	}
	w := strings.ToUpper(s[:k])
	for _, m := range monthNames {
		if w == m || len(w) >= 3 && len(w) <= 4 && strings.HasPrefix(m, w) {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// hasPost reports whether one of ws, four letters or more, is a post the table knows.
func hasPost(ws []string) bool {
	for _, w := range ws {
		if len(w) >= 4 && posts.lookup(w) != "" {
			return true
		}
	}
	return false
}

// minLen returns the length of the shortest of ws.
func minLen(ws []string) int {
	n := -1
	for _, w := range ws {
		if n < 0 || len(w) < n {
			n = len(w)
		}
	}
	return n
}

func compact(ws []string) string {
	return compactReplacer.Replace(strings.Join(ws, ""))
}

// isWordOnly reports whether w is one word of letters, apostrophes and hyphens that
// starts with a letter (^[A-Za-z][A-Za-z'-]*$).
func isWordOnly(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i] | 0x20
		if c >= 'a' && c <= 'z' {
			continue
		}
		if i == 0 || w[i] != '\'' && w[i] != '-' {
			return false
		}
	}
	return true
}
