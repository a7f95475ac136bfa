package header

import (
	"regexp"
	"strings"
)

var (
	// trailer lines that may follow the signature
	reTrailer = regexp.MustCompile(`(?i)^\s*(?:` +
		`(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)(?:\s*//?\s*[A-Z ]+)?|` +
		`SIPDIS|N{3,4}|BT|(?:EO\s+)?SYSTEMATIC\s+REVIEW.*|#\d+|GP-\d|YYY|[.>\-=*_#]+|` +
		`PAGE\s+\d+\s+.*|[A-Z][A-Za-z .'-]{1,30}\s+\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}|` +
		`\d{4}[A-Z]{3,}\d+\s*-\s*.*|` +
		`NOTE BY OC/T.*|NOTE:\s*NOT PASSED.*|NOT PASSED TO.*|` +
		`DECLASSIFIED/RELEASED.*|REVIEW\s+\d{1,2}\s+[A-Z]{3}\s+\d{4}|` +
		`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),.*\d{2}:\d{2}|` +
		`CORRECTION TO FOLLOW.*|HEADING AS RECEIVED.*|"?Visit\b.*Web\s?site.*|\*{5,}|` +
		`END\s+(?:OF\s+)?CABLE(?:\s+TEXT)?|` + // "NNNN / End Cable Text"
		`SELECT\s+\*\s+FROM\b.*` + // a database query
		`)\s*$`)
	// reMailStamp matches the stamp of a mail system: "07/30/2008 04:04:14 PM"
	reMailStamp = regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AP]M\b`)
	// reFooter (run by isFooter) matches the intranet footer that posts put after the text or the
	// signature: "Visit Ankara's Classified Web Site at ...", "For more reporting from
	// Embassy Kuwait, visit:", "You can also access this site through the State
	// Department's", "Classified SIPRNET website."
	reFooter = regexp.MustCompile(`(?i)\b(?:visit|access)\b.*\b(?:classified|siprnet|intelink|web\s?sites?|portal|blog)\b|` +
		`^\W*(?:for more reporting|track \w+(?: \w+)? reporting|you can also access|please visit)\b|` +
		`\bclassified\s+(?:web\s?site|siprnet)\b|\bsiprnet\s+(?:web\s?site|home\s?page)\b`)
	reSignerLine = regexp.MustCompile(`^(?:[A-Z][A-Z'\-]+|[A-Z][a-z]+(?:[A-Z][a-z]+|-[A-Z][a-z]+)?|[A-Z][a-z]*'[A-Z][a-z]+)(?:\s+(?:[A-Z][A-Z'\-]+|[A-Z][a-z]+)){0,2}(?:,?\s+(?:Jr|jr|JR|Sr|SR)\.?)?$`)
	// reLowerSigner matches a surname written in lower case, "tuttle", "misenheimer".
	reLowerSigner  = regexp.MustCompile(`^[a-z][a-z'\-]{2,}$`)
	reTrailingDate = regexp.MustCompile(`\s+\d{4}-\d{2}-\d{2}\s*$`)
	// reGluedSigner matches a surname glued after the last sentence: in capitals
	// ("CLINTON"), capitalised ("Aguirre") or with a capital inside ("LeBaron",
	// "McCarthy", "O'Brien"), as reSignerLine reads one on its own line.
	reGluedSigner = regexp.MustCompile(`[.!?)"*]\s+([A-Z][A-Z'\-]{2,}|[A-Z][a-z]{2,}|[A-Z][a-z]*'?[A-Z][a-z]{2,})$`)
	// reSiteSigner matches a name glued after the address of a web-site notice, whose
	// ".cfm" is often broken: "london/index. cfm Tuttle", "paris/index.c fm STAPLETON".
	reSiteSigner = regexp.MustCompile(`(?i:c?fm|html?|aspx?)\s+([A-Z][A-Z'\-]{2,}|[A-Z][a-z]{2,})$`)
	// rePageSigner matches a name glued after a page header that ends the text: "...
	// emissions. RIO DE JAN 00000285 002 OF 002 HEARNE"
	rePageSigner = regexp.MustCompile(`\d{5,8}\s+\d{3}(?:\.\d{1,2})?\s+[Oo][Ff]\s+\d{3}\s+([A-Z][A-Z'\-]{2,}|[A-Z][a-z]{2,})$`)
)

// closers are words of the markers that end a text before its signature.
var closers = map[string]bool{
	"UNQUOTE": true, "QUOTE": true, "END": true, "ENDS": true, "TEXT": true, "MINIMIZE": true,
	"CONSIDERED": true, "CABLE": true, "MESSAGE": true, "COMMENT": true, "SUMMARY": true, "NOTE": true,
}

// isCloser reports whether w, in any case, is one of closers.
func isCloser(w string) bool {
	var buf [12]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return closers[string(buf[:len(w)])]
}

var notSigner = map[string]bool{
	"END": true, "TEXT": true, "END TEXT": true, "COMMENT": true, "END COMMENT": true,
	"SUMMARY": true, "END SUMMARY": true, "UNQUOTE": true, "QUOTE": true, "REGARDS": true,
	"NOTE": true, "END NOTE": true, "SIPDIS": true, "NOFORN": true, "BT": true, "NNNN": true,
	"CONFIDENTIAL": true, "SECRET": true, "UNCLASSIFIED": true, "UNCLAS": true, "CLASSIFIED": true,
	"MINIMIZE": true, "CONSIDERED": true, "PARA": true, "ENDS": true, "ENDIT": true,
	"ACTION": true, "ACTION REQUEST": true, "INFO": true, "THANKS": true, "THANK YOU": true,
	"NONE": true, "YES": true, "NO": true, "END OF TEXT": true, "END CABLE": true,
	"CLEARED": true, "DRAFTED": true, "APPROVED": true, "BEGIN TEXT": true, "TOPIC": true,
	"XXXXXXXXXXXX": true, "END MESSAGE": true, "OK": true, "NA": true, "SBU": true,
	// capitalised words that end a cut-off sentence, not a name
	"THE": true, "A": true, "AN": true, "IN": true, "ON": true, "AT": true, "IT": true, "HE": true,
	"SHE": true, "WE": true, "THEY": true, "THIS": true, "THAT": true, "THESE": true, "THOSE": true,
	"AND": true, "BUT": true, "OR": true, "IF": true, "AS": true, "FOR": true, "TO": true, "OF": true,
	"BY": true, "WITH": true, "FROM": true, "OUR": true, "HIS": true, "HER": true, "ITS": true,
	"THEIR": true, "POST": true, "EMBASSY": true, "DEPARTMENT": true, "MISSION": true, "WASHINGTON": true,
}

// Signer returns the signature at the end of a cable body (usually one surname in
// capitals, "STAPLETON", or as written, "Murphy"), "" when there is none. Trailer lines
// after it (classification, page headers, NNNN, web-site notices, the
// Declassified/Released footer of 1970s copies) are skipped, and a surname glued to the
// last sentence ("... END OF TEXT. BAKER") counts.
func Signer(body string) string {
	name, _, _ := SignerSpan(body)
	return name
}

// SignerSpan is Signer that also returns where the name stands in body: body[start:end]
// is the name as written (twice where the copy doubled it, "KUBISKE KUBISKE"). Everything from the name's line on, apart from a glued name's
// sentence, is signature and trailer. start and end are 0 when there is no signer.
func SignerSpan(body string) (name string, start, end int) {
	off := 0
	if len(body) > 1500 {
		off = len(body) - 1500
	}
	skipped := 0
	lineEnd := len(body)
	for lineEnd > off && skipped < 25 {
		ls := strings.LastIndexByte(body[off:lineEnd], '\n')
		lineStart := off
		if ls >= 0 {
			lineStart = off + ls + 1
		}
		raw := body[lineStart:lineEnd]
		next := lineStart - 1
		t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(raw), "¶"))
		if strings.Contains(t, "http") {
			// a web-site notice with the signature glued after its address
			if m := reSiteSigner.FindStringSubmatch(lastBytes(t, 80)); m != nil && !notSigner[strings.ToUpper(m[1])] {
				if k := strings.LastIndex(raw, m[1]); k >= 0 {
					return m[1], lineStart + k, lineStart + k + len(m[1])
				}
			}
		}
		if t == "" || isTrailer(t) || isCutTitle(t) || isURLPiece(t) ||
			isXs(t) && len(t) >= 5 && isTrailer(lineAbove(body, off, lineStart)) {
			skipped++
			lineEnd = max(next, off)
			continue
		}
		cand := t
		if last := t[len(t)-1]; last >= '0' && last <= '9' {
			cand = reTrailingDate.ReplaceAllString(t, "")
		}
		cand = strings.TrimSpace(strings.TrimRight(cand, "#.,;: "))
		// "CLINTON UNQUOTE CLINTON", "MINIMIZE CONSIDERED SHANNON": the name after a
		// closing marker; "End Cable Text" is no name at all
		// (a closer further back leaves more than a name after it: the end is enough)
		if strings.IndexByte(cand, ' ') > 0 {
			tail := lastWords(cand, 120)
			ws := strings.Fields(tail)
			for k := len(ws) - 1; k >= 0; k-- {
				if isCloser(ws[k]) {
					cand = strings.Join(ws[k+1:], " ")
					break
				}
			}
		}
		found := func(n string) (string, int, int) {
			k := strings.LastIndex(raw, n)
			if k < 0 {
				return "", 0, 0
			}
			return n, lineStart + k, lineStart + k + len(n)
		}
		glued := func() (string, int, int) {
			m := reGluedSigner.FindStringSubmatch(lastBytes(cand, 80)) // a name is short
			if m == nil || notSigner[strings.ToUpper(m[1])] || isXs(m[1]) {
				return "", 0, 0
			}
			// glued to a sentence, not to a paragraph number or marking: "2. (C) Next."
			// is a paragraph, not a signature
			if k := strings.LastIndex(raw, m[1]); k < 0 || strings.TrimSpace(stripParaStart(raw[:k])) == "" {
				return "", 0, 0
			}
			return found(m[1])
		}
		if strings.Contains(t, "http") || strings.Contains(t, "SIPRNET") || isFooter(t) {
			// a web-site notice, perhaps with the signature glued after it
			if n, s, e := glued(); n != "" {
				return n, s, e
			}
			skipped++
			lineEnd = max(next, off)
			continue
		}
		if reSignerLine.MatchString(cand) && !notSigner[strings.ToUpper(cand)] && len(cand) <= 40 && !isXs(cand) {
			if above, adjacent := lineAboveAdj(body, off, lineStart); adjacent && wrapsSentence(t, above) {
				return "", 0, 0 // the last word of the last sentence, not a name
			}
			if ws := strings.Fields(cand); len(ws) == 2 && ws[0] == ws[1] {
				// "KUBISKE KUBISKE": the name written twice by the copy
				if k := strings.Index(raw, cand); k >= 0 {
					return ws[0], lineStart + k, lineStart + k + len(cand)
				}
			}
			return found(cand)
		}
		if reLowerSigner.MatchString(cand) && cand == t && !notSigner[strings.ToUpper(cand)] && endsText(lineAbove(body, off, lineStart)) {
			return found(cand)
		}
		if strings.Contains(t, " OF ") || strings.Contains(t, " of ") {
			if m := rePageSigner.FindStringSubmatch(lastBytes(cand, 80)); m != nil && !notSigner[strings.ToUpper(m[1])] {
				return found(m[1]) // after a page header glued onto the last line
			}
		}
		return glued()
	}
	return "", 0, 0
}

// isTrailer reports whether the trimmed line t is a trailer line after the signature:
// reTrailer's, scraped HTML ("</td></tr>"), a mail system's stamp, a press clipping's
// byline ("EPET @ EL PAIS").
func isTrailer(t string) bool {
	if t == "" || len(t) > 200 {
		return false // trailers are short lines
	}
	if t[0] == '<' && t[len(t)-1] == '>' || strings.Contains(t, " @ ") ||
		strings.Contains(t, ":") && strings.Contains(t, "/") && reMailStamp.MatchString(t) {
		return true
	}
	return reTrailer.MatchString(t)
}

// isFooter reports whether t is a line of an intranet footer (see reFooter): a short
// line, never a paragraph.
func isFooter(t string) bool {
	return len(t) <= 200 && (indexFold(t, "visit") >= 0 || indexFold(t, "access") >= 0 || indexFold(t, "classified") >= 0 ||
		indexFold(t, "siprnet") >= 0 || indexFold(t, "reporting") >= 0) && reFooter.MatchString(t)
}

// lineAbove returns the last line of body[off:lineStart] that is not blank, trimmed;
// "" if none.
func lineAbove(body string, off, lineStart int) string {
	t, _ := lineAboveAdj(body, off, lineStart)
	return t
}

// lineAboveAdj is lineAbove that also reports whether the line found is the one right
// above, with no blank line between.
func lineAboveAdj(body string, off, lineStart int) (string, bool) {
	end := lineStart - 1
	adjacent := true
	for end > off {
		ls := strings.LastIndexByte(body[off:end], '\n')
		start := off
		if ls >= 0 {
			start = off + ls + 1
		}
		if t := strings.TrimSpace(body[start:end]); t != "" {
			return t, adjacent
		}
		adjacent = false
		end = start - 1
	}
	return "", false
}

// wrapsSentence reports whether the signature-like line t is the end of the sentence
// on the line right above it: t ends with a period and the line above ends no sentence,
// or the line above ends with a joining word ("... more of the same from the" /
// "Chinese.").
func wrapsSentence(t, above string) bool {
	if above == "" {
		return false
	}
	joined := joiners[strings.ToUpper(above[strings.LastIndexAny(above, " \t")+1:])]
	if !joined && !strings.HasSuffix(t, ".") {
		return false // the common case, decided before the costlier tests
	}
	if isTrailer(above) || isFooter(above) || isURLPiece(above) ||
		strings.Contains(above, "http") || strings.Contains(above, "www.") {
		return false
	}
	return joined || !endsText(above)
}

// endsText reports whether the line above a signature closes the text: a sentence end,
// a closing marker ("END COMMENT"), a rule, a trailer or an intranet footer.
func endsText(above string) bool {
	if above == "" || isTrailer(above) || isFooter(above) || isURLPiece(above) || endsBlockMarker(above) {
		return true
	}
	switch above[len(above)-1] {
	case '.', '!', '?', '"', ')', '*', '-', '=', '_', ':', ';':
		return true
	}
	return strings.HasSuffix(above, "\u201d") || strings.HasSuffix(above, "\u2019")
}

// endsBlockMarker reports whether t ends with a closing marker without its period,
// "End Comment", "END SUMMARY", "XXXXXXXXXXXX".
func endsBlockMarker(t string) bool {
	ws := strings.Fields(t)
	if len(ws) == 0 {
		return false
	}
	last := strings.ToUpper(ws[len(ws)-1])
	if isXs(last) && len(last) >= 5 {
		return true
	}
	return len(ws) >= 2 && strings.EqualFold(ws[len(ws)-2], "END") && isCloser(last)
}

// isURLPiece reports whether t is a piece of a web address wrapped onto its own line,
// "gov.gov/wiki/Portal:Turkey\"": no white space, a slash and a dot.
func isURLPiece(t string) bool {
	return len(t) >= 6 && !strings.ContainsAny(t, " \t") && strings.Contains(t, "/") && strings.Contains(t, ".")
}

// lastBytes returns the last n bytes of s, all of s when it is shorter.
func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// isCutTitle reports whether t is a line in capitals cut short with an ellipsis, the
// truncated title some copies print after the signature ("DANIEL ORTEGA AN...").
func isCutTitle(t string) bool {
	if !strings.HasSuffix(t, "...") && !strings.HasSuffix(t, "…") {
		return false
	}
	letters := false
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			letters = true
		}
	}
	return letters
}

func isXs(s string) bool {
	return strings.Trim(strings.ToUpper(s), "X") == ""
}
