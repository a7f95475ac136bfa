package cable

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// inlineLabel reads a topic label opening a paragraph's text: a short title-case phrase
// ending in a colon ("Iraq:", "OEWG Session I:"), a short phrase ending in a colon alone
// on the paragraph's first line ("State biographic reporting:" over the text), or a run
// of words in capitals ending in a colon or period before mixed-case text ("AGENDA
// ITEMS. The agenda ...").
// Summary, comment, note and participant markers are not labels.
func inlineLabel(text string) (string, bool) {
	if k := strings.IndexByte(text, '\n'); k >= 0 {
		text = text[:k] // a label stands on the paragraph's first line
		if l, ok := lineLabel(text); ok {
			return l, true
		}
	}
	if text == "" {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return "", false
	}
	if l, ok := colonLabel(text); ok {
		return l, !markerLabel(l)
	}
	if l, ok := capsLabel(text); ok {
		return l, !markerLabel(l)
	}
	return "", false
}

// lineLabel reads a label that is the whole first line of a paragraph, the text
// starting on the next line: a phrase of one to six words ending in a colon, with a
// capital first and no sentence inside it ("Reporting and collection needs:"). A
// sentence that introduces a list ("The minister said the following:") is no label.
func lineLabel(line string) (string, bool) {
	line = strings.TrimSpace(line)
	if !strings.HasSuffix(line, ":") {
		return "", false
	}
	label := strings.TrimSpace(strings.TrimSuffix(line, ":"))
	fs := strings.Fields(label)
	if len(fs) == 0 || len(fs) > 6 || markerLabel(label) {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(label)
	if !unicode.IsUpper(first) || strings.ContainsAny(label, ".;:!?\"") {
		return "", false
	}
	for _, f := range fs {
		if notLabelWords[strings.ToLower(strings.Trim(f, ",()"))] {
			return "", false
		}
	}
	return label, true
}

// notLabelWords are words of a sentence that introduces what follows, not of a
// topic label: verbs of saying and being, pronouns, "following".
var notLabelWords = map[string]bool{
	"said": true, "says": true, "told": true, "noted": true, "stated": true, "added": true,
	"explained": true, "asked": true, "replied": true, "responded": true, "commented": true,
	"is": true, "are": true, "was": true, "were": true, "will": true, "would": true, "has": true,
	"have": true, "had": true, "be": true, "follows": true, "following": true, "below": true,
	"include": true, "included": true, "includes": true, "as": true, "we": true, "he": true,
	"she": true, "they": true, "i": true, "it": true, "you": true, "our": true, "his": true,
	"her": true, "their": true, "this": true, "these": true, "here": true, "there": true,
	"should": true, "must": true, "can": true, "could": true, "may": true, "might": true,
	"shall": true,
}

// sentenceLabel reads a short label in sentence case ending in a colon ("Threat
// finance: we have ..."): one to three words, the first capitalized. It is weaker than
// inlineLabel: such a label only extends a run of title-case labels.
func sentenceLabel(text string) (string, bool) {
	if k := strings.IndexByte(text, '\n'); k >= 0 {
		text = text[:k]
	}
	end := strings.IndexByte(text, ':')
	if end <= 0 || end > 40 || end+1 < len(text) && text[end+1] != ' ' {
		return "", false
	}
	label := strings.TrimSpace(text[:end])
	fs := strings.Fields(label)
	if len(fs) == 0 || len(fs) > 3 {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(label)
	if !unicode.IsUpper(first) || markerLabel(label) {
		return "", false
	}
	for _, f := range fs {
		for _, r := range f {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' {
				return "", false
			}
		}
	}
	return label, true
}

func colonLabel(text string) (string, bool) {
	end := -1
	for i := 0; i < len(text) && i < 90; i++ {
		c := text[i]
		if c == ':' {
			if i+1 < len(text) && text[i+1] != ' ' {
				return "", false // "1:00", "http:"
			}
			end = i
			break
		}
		if c == '.' && i+1 < len(text) && text[i+1] == ' ' && !abbrevBefore(text, i) {
			// A title-case phrase of two or more words ends with a period:
			// "New Contracting Party. The President ..."; otherwise a sentence ends first.
			if len(strings.Fields(text[:i])) < 2 {
				return "", false
			}
			end = i
			break
		}
	}
	if end <= 0 {
		return "", false
	}
	label := strings.TrimSpace(text[:end])
	fs := strings.Fields(label)
	if len(fs) == 0 || len(fs) > 8 {
		return "", false
	}
	for _, f := range fs {
		r, _ := utf8.DecodeRuneInString(f)
		if unicode.IsLower(r) && !smallWords[f] {
			return "", false
		}
	}
	return label, true
}

// abbrevBefore reports whether the period at text[i] ends an abbreviation such as
// "U.S." or "Dr." rather than a sentence.
func abbrevBefore(text string, i int) bool {
	j := i
	for j > 0 && text[j-1] != ' ' {
		j--
	}
	w := text[j:i]
	return len(w) <= 3 || strings.Contains(w, ".")
}

func capsLabel(text string) (string, bool) {
	if len(text) > 240 {
		text = text[:240]
	}
	if k := strings.IndexByte(text, ' '); k < 0 || hasLower(text[:k]) {
		return "", false // most paragraphs open with a word in mixed case
	}
	fs := strings.Fields(text)
	var label []string
	for i, f := range fs {
		if i >= 16 {
			return "", false
		}
		if hasLower(f) {
			return "", false
		}
		label = append(label, f)
		if strings.HasSuffix(f, ":") || strings.HasSuffix(f, ".") && !strings.Contains(strings.TrimSuffix(f, "."), ".") {
			if i+1 >= len(fs) || !hasLower(fs[i+1]) {
				return "", false
			}
			l := strings.Join(label, " ")
			l = strings.TrimRight(l, ":.")
			if letters(l) < 3 {
				return "", false
			}
			return l, true
		}
	}
	return "", false
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// markerLabel reports labels that are block markers, not topics.
func markerLabel(l string) bool {
	u := strings.ToUpper(l)
	for _, p := range []string{"SUMMARY", "BEGIN", "END", "COMMENT", "NOTE", "PARTICIPANTS",
		"INTRODUCTION", "TEXT", "REF", "QUOTE", "UNQUOTE", "BIO", "CLASSIFIED", "DECL"} {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return strings.Contains(u, "SUMMARY") || strings.Contains(u, "PARTICIPANTS") || strings.HasSuffix(u, " COMMENT") ||
		strings.HasSuffix(u, "CONTD") || strings.HasSuffix(u, "CONTINUED") || strings.HasSuffix(u, "CONT.") || strings.HasSuffix(u, "CONT")
}

// summaryOpens reports whether a paragraph's text opens with a summary marker:
// "Summary:", "SUMMARY AND COMMENT.", "Begin Summary:", "Summary cont.".
func summaryOpens(text string) bool {
	head := text
	if len(head) > 60 {
		head = head[:60]
	}
	head = strings.ToLower(strings.TrimLeft(head, "(-\" "))
	if k := strings.IndexAny(head, ":.-"); k >= 0 {
		head = head[:k]
	}
	fs := strings.Fields(head)
	if len(fs) == 0 || len(fs) > 5 {
		return false
	}
	for _, f := range fs {
		if f == "summary" {
			return true
		}
	}
	return false
}

// commentOpens reports whether a paragraph's text opens with a comment marker.
func commentOpens(text string) bool {
	t := strings.TrimLeft(text, "(-\" ")
	if len(t) < len("comment") || !strings.EqualFold(t[:len("comment")], "comment") {
		return false
	}
	rest := t[len("comment"):]
	return rest == "" || strings.IndexAny(rest[:1], ":.,- ") == 0
}

// containsEnd reports whether text holds "END <word>" (any case, any spacing); word is
// in lower case.
func containsEnd(text, word string) bool {
	for i := 0; i+3 <= len(text); i++ {
		c := text[i]
		if c != 'e' && c != 'E' || !strings.EqualFold(text[i:i+3], "end") || i > 0 && isLetter(text[i-1]) {
			continue
		}
		rest := strings.TrimLeft(text[i+3:], " \n")
		if len(rest) >= len(word) && strings.EqualFold(rest[:len(word)], word) {
			return true
		}
	}
	return false
}

// titleOnly reads a numbered paragraph whose whole text is a title ("¶7. (U) Iraq",
// "¶24. (U) Key Concerns", "¶50. (C) EAP China - Beijing TOPSEC founder indicates PRC
// investment:"): one line of at most twelve words that opens with a capital, ends no
// sentence (a colon may end it), holds no sentence end, semicolon or word of a sentence
// that introduces what follows ("The points are as follows:"), and is no marker, date or
// redaction. It returns the title without a trailing colon.
func titleOnly(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if t == "" || len(t) > 100 || strings.ContainsAny(t, "\n;") {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	if !unicode.IsUpper(first) || last == '.' || last == '!' || last == '?' || last == ',' || last == '-' {
		return "", false
	}
	for i := 0; i+1 < len(t); i++ {
		if (t[i] == '.' || t[i] == '!' || t[i] == '?') && t[i+1] == ' ' && !abbrevBefore(t, i) {
			return "", false // a sentence ends inside it
		}
	}
	if notHeading(t) || dateLine(t) || tableRow(t) {
		return "", false
	}
	label := strings.TrimSpace(strings.TrimSuffix(t, ":"))
	fs := strings.Fields(label)
	if len(fs) == 0 || len(fs) > 12 || markerLabel(label) || letters(label) < 3 || dated(label) {
		return "", false
	}
	for _, f := range fs {
		if notLabelWords[strings.ToLower(strings.Trim(f, ",()"))] {
			return "", false
		}
	}
	return label, true
}

// dated reports whether t opens with a month or a weekday or holds a time of day
// ("July 26, 2005, 4:00-5:30 pm, Casa de Narino"): the date line of a meeting, not a
// title.
func dated(t string) bool {
	for i := 1; i+1 < len(t); i++ {
		if t[i] == ':' && t[i-1] >= '0' && t[i-1] <= '9' && t[i+1] >= '0' && t[i+1] <= '9' {
			return true
		}
	}
	w := strings.ToUpper(strings.TrimRight(strings.Fields(t)[0], ",."))
	if len(w) < 3 {
		return false
	}
	for _, m := range months {
		if strings.HasPrefix(m, w) {
			return true
		}
	}
	for _, d := range []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"} {
		if w == d {
			return true
		}
	}
	return false
}

// dashLabel reads a topic label set off from the paragraph's text by a dash, as items of
// a daily report open: "WHA Honduras - Honduran military forces arrested ...", "EUR -
// Ireland - Emergency Action Committee ...": one to five words, each capitalised, an
// acronym or a joining word, before " - ", then a sentence of at least six words that
// opens with a capital. A second label and dash after the first are part of it ("EUR -
// Ireland"). Where the words after the dash are a headline closed by a colon before any
// sentence ends ("AF Mauritania - AQIM threat to kidnap American citizen: According
// to ..."), the label runs to the colon. Parenthetic dashes ("The Ambassador -- as she
// had earlier -- noted") are no labels: the dash must be single and the label
// capitalised.
func dashLabel(text string) (string, bool) {
	label, rest, ok := cutDashLabel(text)
	if !ok {
		return "", false
	}
	if l2, r2, ok := cutDashLabel(rest); ok && len(strings.Fields(l2)) <= 3 {
		label, rest = label+" - "+l2, r2
	}
	first, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(first) || len(strings.Fields(firstN(rest, 200))) < 6 {
		return "", false
	}
	if head, ok := headline(rest); ok {
		label += " - " + head
	}
	return label, !markerLabel(label)
}

// cutDashLabel splits "Label - rest" where the label is one to five capitalised words
// (see dashLabel); ok is false otherwise.
func cutDashLabel(text string) (label, rest string, ok bool) {
	k := strings.Index(firstN(text, 60), " - ")
	if k <= 0 {
		return "", "", false
	}
	label = text[:k]
	fs := strings.Fields(label)
	if len(fs) == 0 || len(fs) > 5 {
		return "", "", false
	}
	for i, f := range fs {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) && (i == 0 || !smallWords[f]) {
			return "", "", false
		}
		for _, c := range f {
			if !unicode.IsLetter(c) && !strings.ContainsRune("/'’&.-", c) {
				return "", "", false
			}
		}
	}
	return label, strings.TrimSpace(text[k+3:]), true
}

// headline returns the words of rest up to a colon that closes them before any sentence
// ends, within the first 160 bytes: the headline of a report item.
func headline(rest string) (string, bool) {
	for i := 0; i < len(rest) && i < 160; i++ {
		switch rest[i] {
		case ':':
			if i+1 < len(rest) && rest[i+1] != ' ' && rest[i+1] != '\n' {
				return "", false // "9:22 p.m."
			}
			return strings.TrimSpace(rest[:i]), i > 0
		case '.', '!', '?':
			if i+1 >= len(rest) || rest[i+1] == ' ' && !abbrevBefore(rest, i) || rest[i+1] == '\n' {
				return "", false
			}
		case '\n':
			if i+1 < len(rest) && rest[i+1] == '\n' {
				return "", false
			}
		}
	}
	return "", false
}

// firstN returns the first n bytes of s, all of s when it is shorter.
func firstN(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
