package cable

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cablebrief/summarize/summarizer"
)

// heading is a heading found above a paragraph: its title without decoration, its
// style and the first line it occupies.
type heading struct {
	title string
	style string
	top   int
	tail  string // the end of the paragraph above, glued in front of the title ("Brazilians.")
}

// headingAbove looks for a heading (or a heading over a sub-heading) in the lines just
// above line s, not reaching above line lo. Blank lines may separate heading and
// paragraph. caps says the body is written in capitals, where a plain line in capitals
// is no heading.
func headingAbove(lines []line, lo, s int, caps bool) (heading, bool) {
	h, ok := oneHeadingAbove(lines, lo, s, caps)
	if !ok {
		return h, false
	}
	// A heading right above another, with no paragraph between, is one section. The
	// upper one must be decorated: a plain line above a heading is more likely text.
	if up, ok := oneHeadingAbove(lines, lo, h.top, caps); ok && up.style != summarizer.StyleCapsLine &&
		up.style != summarizer.StyleShortLine && up.style != summarizer.StyleColonLine {
		up.title = up.title + " / " + h.title
		return up, true
	}
	return h, true
}

// oneHeadingAbove finds one heading whose last line is the first non-blank line above
// line s (at most six blank lines between).
func oneHeadingAbove(lines []line, lo, s int, caps bool) (heading, bool) {
	j := s - 1
	for gap := 0; j >= lo && lines[j].blank(); j-- {
		if gap++; gap > 6 {
			return heading{}, false
		}
	}
	if j < lo {
		return heading{}, false
	}
	t := lines[j].text
	if isRule(t) {
		return underlinedAbove(lines, lo, j)
	}
	if title, ok := gluedUnderline(t); ok && standsApart(lines, lo, j) {
		h := heading{title: title, style: summarizer.StyleUnderlined, top: j}
		splitLead(&h, t, lo)
		return h, true
	}
	if title, style, ok := wrapped(t); ok {
		return heading{title: title, style: style, top: j}, true
	}
	// A wrapped title over two lines: "- - - High-Level Visits, Thinking Needed in\n
	// Relationship - - -".
	if k := j - 1; k >= lo && opensWrap(lines[k].text) && !opensWrap(t) && (k == lo || lines[k-1].blank()) {
		if title, style, ok := wrapped(lines[k].text + " " + t); ok {
			return heading{title: title, style: style, top: k}, true
		}
	}
	if caps {
		return heading{}, false
	}
	if standsApart(lines, lo, j) {
		if !afterText(lines, lo, j) {
			return heading{}, false
		}
		// (only under a paragraph: lo > 0; text before the first one has no paragraph to
		// give the word back to)
		if tail, rest, ok := gluedTail(lines, j); ok && lo > 0 {
			if title, style, ok := plainHeading(rest); ok {
				return heading{title: title, style: style, top: j, tail: tail}, true
			}
		}
		if title, style, ok := plainHeading(t); ok {
			h := heading{title: title, style: style, top: j}
			splitLead(&h, t, lo)
			return h, true
		}
		return heading{}, false
	}
	// A title wrapped over two lines standing alone:
	// "Section A.  STORAGE AND DISSEMINATION OF THIS\nTELEGRAM".
	k := j - 1
	if k < lo || lines[k].blank() || endsSentence(lines[k].text) || startsNumber(lines[k].text) ||
		isRule(lines[k].text) || k > 0 && !lines[k-1].blank() || !afterText(lines, lo, k) {
		return heading{}, false
	}
	if title, style, ok := plainHeading(lines[k].text + " " + t); ok {
		return heading{title: title, style: style, top: k}, true
	}
	return heading{}, false
}

// underlinedAbove reads a title over the rule at line j: "KOSOVO" over "------", a
// title boxed by rules above and below (one or two title lines), or a title with a
// blank line before its underline.
func underlinedAbove(lines []line, lo, j int) (heading, bool) {
	k := j - 1
	if k >= lo && lines[k].blank() {
		k--
	}
	if k < lo || lines[k].blank() || isRule(lines[k].text) || startsNumber(lines[k].text) {
		return heading{}, false
	}
	title := lines[k].text
	top := k
	// A second title line inside a box: rule, line, line, rule.
	if k-2 >= lo && !lines[k-1].blank() && !isRule(lines[k-1].text) && isRule(lines[k-2].text) &&
		!startsNumber(lines[k-1].text) && titleText(lines[k-1].text) {
		title = lines[k-1].text + " " + title
		top = k - 1
	}
	// A title wrapped over two lines: "IMMEDIATE MESSAGES: IRAN, IRAQ,\nEU/TURKEY".
	if top == k && top-1 >= lo && !lines[top-1].blank() && continues(lines[top-1].text) &&
		!startsNumber(lines[top-1].text) && standsApart(lines, lo, top-1) && titleText(lines[top-1].text) {
		title = lines[top-1].text + " " + title
		top--
	} else if top == k && wrapsOver(lines, lo, j, k) {
		// "Promotion of Terrorism and Efforts to Destabilize Neighboring\nCountries": a
		// block of its own whose first line is as long as the rule.
		title = lines[top-1].text + " " + title
		top--
	}
	if top-1 >= lo && isRule(lines[top-1].text) && !underlines(lines, lo, top-1) {
		top--
	} else if !standsApart(lines, lo, top) && (!fits(lines[j].text, lines[k].text) || startsLower(title) || closesSentence(title)) {
		return heading{}, false
	}
	if t, _, ok := wrapped(title); ok {
		title = t
	}
	title = trimTitle(title)
	if !titleText(title) {
		return heading{}, false
	}
	return heading{title: title, style: summarizer.StyleUnderlined, top: top}, true
}

// wrapsOver reports whether the title line k over the rule at line j is the second line
// of a title wrapped over two: line k-1 begins a block, opens with a capital, ends no
// sentence and is about as long as the rule, while line k is no longer and ends no
// sentence either; two lines in capitals may be wrapped either way, the rule as long
// as one of them.
func wrapsOver(lines []line, lo, j, k int) bool {
	u := k - 1
	if u < lo || lines[u].blank() || isRule(lines[u].text) || startsNumber(lines[u].text) || !standsApart(lines, lo, u) {
		return false
	}
	a, b := lines[u].text, lines[k].text
	first, _ := utf8.DecodeRuneInString(a)
	if !unicode.IsUpper(first) || endsSentence(a) || endsSentence(b) || !titleText(a) || !titleText(b) ||
		len(strings.Fields(a+" "+b)) > 20 {
		return false
	}
	if isUpperText(a) && isUpperText(b) {
		// two lines in capitals: the rule may match either ("U.S. PARTNERSHIPS TO
		// SUPPORT" / "REFORM & ECONOMIC DEVELOPMENT" / "-----")
		return fits(lines[j].text, a) || fits(lines[j].text, b)
	}
	return utf8.RuneCountInString(b) <= utf8.RuneCountInString(a) && fits(lines[j].text, a)
}

// underlines reports whether the rule at line r underlines the title above it (so it
// is not the top of a box around the title below it).
func underlines(lines []line, lo, r int) bool {
	k := r - 1
	if k < lo || lines[k].blank() || isRule(lines[k].text) || startsNumber(lines[k].text) {
		return false
	}
	t := lines[k].text
	first, _ := utf8.DecodeRuneInString(t)
	return len(t) <= 100 && !unicode.IsLower(first) && !strings.HasSuffix(t, ".") && titleText(t) && standsApart(lines, lo, k)
}

// continues reports whether a title line plainly goes on in the next line: it ends
// with a comma, a dash, or a joining word.
func continues(t string) bool {
	if strings.HasSuffix(t, ",") || strings.HasSuffix(t, " -") || strings.HasSuffix(t, "--") {
		return true
	}
	fs := strings.Fields(t)
	return len(fs) > 0 && smallWords[strings.ToLower(fs[len(fs)-1])]
}

// fits reports whether the rule is about as long as the title it underlines, which
// makes it an underline even where the title follows text without a break.
func fits(rule, title string) bool {
	return fitsLen(utf8.RuneCountInString(rule), utf8.RuneCountInString(title))
}

// fitsLen is fits on lengths: a rule of r characters under a title of t.
func fitsLen(r, t int) bool {
	return r*10 >= t*8 && r*10 <= t*12+20
}

// gluedUnderline reads "Comment-------": a title with its underline run onto it.
func gluedUnderline(t string) (string, bool) {
	if !strings.HasSuffix(t, "---") {
		return "", false
	}
	title := trimTitle(strings.TrimRight(t, "- "))
	if title == "" || strings.HasPrefix(t, "-") || !titleText(title) || len(title) > 100 {
		return "", false
	}
	return title, true
}

// splitLead takes a lead-in off the title of h, the heading on line t: a phrase in
// mixed case ending with a colon before a title in capitals ("This week's subjects:
// CLEANING UP THE FAVELAS"). Where an underline is glued on, it must be as long as the
// part in capitals and not as the whole. The lead-in goes back to the paragraph above
// (h.tail): it introduces what follows, it is not the title. There must be a paragraph
// above (lo > 0).
func splitLead(h *heading, t string, lo int) {
	if lo == 0 || h.tail != "" {
		return
	}
	k := strings.Index(h.title, ": ")
	if k <= 0 || !hasLower(h.title[:k]) {
		return
	}
	rest := strings.TrimSpace(h.title[k+2:])
	if !isUpperText(rest) || len(strings.Fields(rest)) < 2 || !titleText(rest) {
		return
	}
	if rule := t[len(strings.TrimRight(t, "-= ")):]; strings.Count(rule, "-")+strings.Count(rule, "=") >= 3 {
		r := strings.Count(rule, "-") + strings.Count(rule, "=")
		if fitsLen(r, utf8.RuneCountInString(h.title)) || !fitsLen(r, utf8.RuneCountInString(rest)) {
			return
		}
	}
	h.tail = h.title[:k+1]
	h.title = rest
	if h.style != summarizer.StyleUnderlined {
		h.style = summarizer.StyleCapsLine
	}
}

// wrapped reads the decorated one-line headings: "-- KOSOVO --", "- - - Kosovo - - -",
// "------ Comment: ------", "//KOSOVO//", and "=== Kosovo ===" or "*** KOSOVO ***"
// (style other).
func wrapped(t string) (title, style string, ok bool) {
	switch {
	case strings.HasPrefix(t, "//") && strings.HasSuffix(t, "//") && len(t) > 4:
		title, style = t[2:len(t)-2], summarizer.StyleSlashWrapped
	case strings.HasPrefix(t, "-") && strings.HasSuffix(t, "-") && len(t) > 4:
		title = strings.Trim(t, "- ")
		lead := len(t) - len(strings.TrimLeft(t, "- "))
		trail := len(t) - len(strings.TrimRight(t, "- "))
		if lead < 2 || trail < 2 {
			return "", "", false
		}
		style = summarizer.StyleDashWrapped
	case len(t) > 6 && (t[0] == '=' || t[0] == '*') && t[len(t)-1] == t[0]:
		// "=== Kosovo ===", "*** KOSOVO ***"
		c := string(t[0])
		lead := len(t) - len(strings.TrimLeft(t, c+" "))
		trail := len(t) - len(strings.TrimRight(t, c+" "))
		if strings.Count(t[:lead], c) < 2 || strings.Count(t[len(t)-trail:], c) < 2 {
			return "", "", false
		}
		title, style = strings.Trim(t, c+" "), summarizer.StyleOther
	default:
		return "", "", false
	}
	title = trimTitle(title)
	if !titleText(title) || len(title) > 120 {
		return "", "", false
	}
	return title, style, true
}

// opensWrap reports whether t opens with the decoration of a wrapped title ("--",
// "- -" or "//") and does not close it on the same line.
func opensWrap(t string) bool {
	if !strings.HasPrefix(t, "--") && !strings.HasPrefix(t, "- -") && !strings.HasPrefix(t, "//") {
		return false
	}
	_, _, ok := wrapped(t)
	return !ok && !strings.HasSuffix(t, "-") && !strings.HasSuffix(t, "/")
}

// plainHeading reads an undecorated line standing alone: a line in capitals
// (caps-line), a "Topic:" line (colon-line) or a short mixed-case line (short-line).
func plainHeading(t string) (title, style string, ok bool) {
	if len(t) > 100 || notHeading(t) || tableRow(t) || dateLine(t) ||
		strings.HasSuffix(t, ")") && !strings.Contains(t, "(") ||
		isUpperText(t) && strings.HasPrefix(t, "FOR ") && strings.Contains(t, "/") {
		return "", "", false // table rows keep their columns apart; dates, addressees
	}
	first, _ := utf8.DecodeRuneInString(t)
	if !(unicode.IsUpper(first) || strings.ContainsRune("\"'\u201C\u2018", first) ||
		first == '(' && hasLeadingMarking(t)) {
		return "", "", false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, "\"'\u201D\u2019])"))
	if last == '.' || last == ',' || last == ';' || last == '-' {
		return "", "", false
	}
	last, _ = utf8.DecodeLastRuneInString(t)
	words := len(strings.Fields(t))
	upper := isUpperText(t)
	switch {
	case upper && words <= 14:
		return trimTitle(t), summarizer.StyleCapsLine, true
	case upper:
		return "", "", false
	case words > 12:
		return "", "", false
	case last == ':':
		return trimTitle(t), summarizer.StyleColonLine, true
	}
	return trimTitle(t), summarizer.StyleShortLine, true
}

var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "and": true, "or": true, "in": true,
	"on": true, "to": true, "for": true, "with": true, "at": true, "by": true, "from": true,
	"as": true, "is": true, "vs": true, "vs.": true, "not": true, "but": true, "over": true,
	"into": true, "its": true, "their": true, "his": true, "her": true, "after": true,
}

// hasLeadingMarking reports whether t opens with a portion marking "(C)".
func hasLeadingMarking(t string) bool {
	m, _ := splitMarking(t)
	return m != ""
}

// notHeading reports lines that look like headings but are not: redactions, text
// markers, addressee lines, classification lines, bullets and web addresses.
func notHeading(t string) bool {
	u := strings.ToUpper(t)
	switch {
	case strings.Contains(u, "XXXXX"),
		strings.HasPrefix(u, "BEGIN ") || strings.HasPrefix(u, "END ") || u == "END" || u == "BEGIN",
		strings.HasPrefix(u, "-") || strings.HasPrefix(u, "*") || strings.HasPrefix(u, "\u2022") || strings.HasPrefix(u, "O "),
		strings.Contains(u, "HTTP:") || strings.Contains(u, "HTTPS:") || strings.Contains(u, "WWW.") || strings.Contains(u, "@"),
		strings.Contains(u, " FOR ") && strings.ContainsRune(u, '/') && isUpperText(t),
		strings.HasPrefix(u, "PASS TO") || strings.Contains(u, " PASS TO "),
		classWords[joinLetterSpaced(u)],
		strings.HasPrefix(u, "SUBJECT") || strings.HasPrefix(u, "SUBJ:") || strings.HasPrefix(u, "REF") && (len(u) == 3 || !isLetter(u[3])),
		strings.HasPrefix(u, "CLASSIFIED BY"), strings.HasPrefix(u, "TAGS"),
		strings.HasPrefix(u, "DERIVED FROM"), strings.HasPrefix(u, "REASON:") || strings.HasPrefix(u, "REASONS:") || strings.HasPrefix(u, "REASON 1") || strings.HasPrefix(u, "REASONS 1"),
		strings.HasPrefix(u, "DECL"),
		addressee(u):
		return true
	}
	return false
}

// addressees of the "STATE FOR NEA" kind, by the office named before FOR.
var offices = map[string]bool{
	"STATE": true, "DEPARTMENT": true, "DEPT": true, "NSC": true, "TREASURY": true, "USAID": true,
	"DOD": true, "OSD": true, "SECDEF": true, "JUSTICE": true, "COMMERCE": true, "USTR": true,
	"DHS": true, "FBI": true, "CIA": true, "DOE": true, "USDA": true, "PLEASE": true, "ALSO": true,
}

// addressee reports an upper-cased line of the "STATE FOR NEA/ELA" kind.
func addressee(u string) bool {
	if !strings.Contains(u, " FOR ") {
		return false
	}
	fs := strings.Fields(u)
	return len(fs) >= 3 && fs[1] == "FOR" && offices[strings.TrimRight(fs[0], ",")]
}

var months = []string{"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
	"SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"}

// dateLine reports a line that is a date: "October 30, 2008", "MAY 7-16, 2012".
func dateLine(t string) bool {
	fs := strings.Fields(strings.ToUpper(t))
	if len(fs) < 2 || len(fs) > 3 || fs[1][0] < '0' || fs[1][0] > '9' {
		return false
	}
	if y := fs[len(fs)-1]; len(y) != 4 || y[0] < '0' || y[0] > '9' {
		return false
	}
	for _, m := range months {
		if fs[0] == m {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// gluedTail splits line j when it holds the last word of the paragraph above glued in
// front of a heading, "Brazilians. Brazil's Muslims By the Numbers" after a paragraph
// that stops without a period: one word with a period (the tail, which parseBody gives
// back to the paragraph), then the rest. ok is false when the line above ends a
// sentence or line j does not start so.
func gluedTail(lines []line, j int) (tail, rest string, ok bool) {
	t := lines[j].text
	k := strings.IndexByte(t, ' ')
	if k < 2 || t[k-1] != '.' || !isWordOnly(t[:k-1]) {
		return "", "", false
	}
	above := ""
	for i := j - 1; i >= 0; i-- {
		if above = lines[i].text; above != "" {
			break
		}
	}
	if above == "" || closesSentence(above) || endsSentence(above) || isRule(above) || endsBlock(above) {
		return "", "", false
	}
	return t[:k], strings.TrimSpace(t[k+1:]), true
}

// isWordOnly reports whether w is one word of letters (any script), apostrophes and
// hyphens that starts with a letter.
func isWordOnly(w string) bool {
	for i, r := range w {
		if !unicode.IsLetter(r) && (i == 0 || r != '-' && r != '\'' && r != '\u2019') {
			return false
		}
	}
	return w != ""
}

// standsApart reports whether line j begins a block of its own: the first line, after
// a blank line or a rule, or after a line that ends a sentence. (lo, the top of the
// region searched, does not matter: the line above may be a paragraph's first line.)
func standsApart(lines []line, lo, j int) bool {
	if j <= 0 {
		return true
	}
	p := lines[j-1].text
	return p == "" || isRule(p) || endsSentence(p) || endsBlock(p)
}

// endsBlock reports whether t ends with a redaction ("XXXXXXXXXXXX") or a closing
// marker without its period ("END SUMMARY"), which end a paragraph as a period does.
func endsBlock(t string) bool {
	n := len(t)
	if n >= 5 && strings.EqualFold(t[n-5:], "xxxxx") {
		return true
	}
	// "... END SUMMARY": the last word all letters, the one before it "end".
	t = strings.TrimRight(t, " ")
	k := strings.LastIndexByte(t, ' ')
	if k < 0 || letters(t[k+1:]) != len(t)-k-1 {
		return false
	}
	t = strings.TrimRight(t[:k], " ")
	return len(t) >= 3 && strings.EqualFold(t[len(t)-3:], "end") && (len(t) == 3 || t[len(t)-4] == ' ')
}

// afterText reports whether the last non-blank line above line j closes a sentence,
// is a rule or a redaction, is long enough to be running text, or there is none: a
// plain line after a short unfinished line is more likely an item of a list (names,
// dates) than a heading.
func afterText(lines []line, lo, j int) bool {
	for k := j - 1; k >= 0; k-- {
		t := lines[k].text
		if t == "" || strings.Trim(t, "Xx") == "" {
			continue // a redaction line tells nothing
		}
		return closesSentence(t) || isRule(t) || len(t) >= 60 || endsBlock(t)
	}
	return true
}

// closesSentence reports whether t ends a sentence: a period, question or exclamation
// mark or colon, possibly inside closing quotes or parentheses ("End comment.)"). Unlike
// endsSentence, a closing parenthesis alone does not count: list items end with
// "(notetaker)", "(R-GA)".
func closesSentence(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, "\"'\u201D\u2019)"))
	return r == '.' || r == '!' || r == '?' || r == ':' || r == ';'
}

// tableRow reports whether t has columns: two spaces in a row that do not follow the
// end of a sentence or a colon.
func tableRow(t string) bool {
	for i := strings.Index(t, "  "); i >= 0; {
		if i == 0 || !strings.ContainsRune(".:;?!", rune(t[i-1])) {
			return true
		}
		k := strings.Index(t[i+2:], "  ")
		if k < 0 {
			return false
		}
		i += 2 + k
	}
	return false
}

// titleText reports whether t can be a title: it has letters and is not a sentence.
func titleText(t string) bool {
	if t == "" || notHeading(t) || len(t) > 160 {
		return false
	}
	for _, r := range t {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// trimTitle removes decoration from a heading: surrounding white space and dashes,
// a trailing colon.
func trimTitle(t string) string {
	t = strings.TrimSpace(t)
	t = strings.Trim(t, "-_=/ \u2013\u2014")
	t = strings.TrimSuffix(t, ":")
	return strings.Join(strings.Fields(t), " ")
}

// isUpperText reports whether t has letters and none of them is lower case.
func isUpperText(t string) bool {
	letters := 0
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// sectionKind gives the kind of a section from its heading title.
func sectionKind(title string) string {
	_, t := splitMarking(title)
	t = strings.ToLower(strings.TrimSpace(t))
	switch {
	case strings.HasPrefix(t, "summary"), strings.HasPrefix(t, "executive summary"),
		strings.HasPrefix(t, "introduction and summary"), strings.HasPrefix(t, "begin summary"):
		return summarizer.KindSummary
	case strings.HasPrefix(t, "comment"):
		return summarizer.KindComment
	}
	return summarizer.KindTopic
}
