// Package header reads the metadata of a cable: the routing block (date-time group,
// origin, addressees), the classification banner, the E.O., TAGS, SUBJECT, REF and
// Classified By lines, and, from the body, the signature and the SUMMARY block.
//
// It copes with the ways real copies go wrong (see CABLE_FORMAT.md): letter-spaced
// banners, a whole header on one line, partial extracts without routing, page headers
// inside the TO list, TAGS without colon or commas, markdown links, a SUBJECT running
// into its REF, 1970s headers and media date lines. NextCable finds where another cable
// begins in a text that holds several.
//
// Posts (the stations of reference ids: RIODEJANEIRO for "RIO DE JANEIRO", "RIO DE JAN"
// or "RIO"; STATE for "SECSTATE") and TAGS codes are read with tables derived from the
// corpus by internal/postgen (posts.tsv, tags.tsv, embedded; go generate re-makes them
// from the shared data beside the project), not typed in case by case.
//
// All functions are pure and safe for concurrent use; regular expressions and the
// tables are built once, at package initialisation, and only read after.
package header

import (
	"regexp"
	"slices"
	"strings"

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
	reEOLine    = regexp.MustCompile(`(?i)^\W*E\.?\s?O\.?\s*\d{4,5}\b`)
	reTagsLine  = regexp.MustCompile(`(?i)^\W{0,3}(?:TAGS?|TAS)\b\s*[:;]?`)
	reSubjLine  = regexp.MustCompile(`(?i)^\W{0,3}(?:SUBJECT|SUBJ|UBJECT)\b\s*(?:[:.]|\s|$)`)
	reRefLine   = regexp.MustCompile(`(?i)^\W{0,3}(?:(?:PROGRAM\s+)?REF(?:S|TELS?|ERENCES?|\(S\))?\b\s*[:.]?|[A-Z][.)]\s+REF\b)`)
	reClassBy   = regexp.MustCompile(`(?i)\bclassified\s+by\b`)
	rePara      = regexp.MustCompile(`^\s*(?:¶|\[\d+\]\(#[^)]*\))?\s*\d{1,3}\s?\.(?:\s|\(|$)`)
	reSumMarker = regexp.MustCompile(`(?i)^\W*(?:begin\s+)?summary\b`)
	rePageBreak = regexp.MustCompile(`(?i)^\s*(?:PAGE\s+\d+\s+.*\d{6}Z|[A-Z][A-Za-z .'-]{1,30}\s+\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3})\s*$`)
	reMediaDate = regexp.MustCompile(`^\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4},\s+\d{2}:\d{2}\s*$`)
	reNoise     = regexp.MustCompile(`(?i)^\W*(?:SIPDIS|NOFORN|SENSITIVE\b|FOR OFFICIAL USE ONLY|NOT FOR INTERNET|NOTE BY|THIS RECORD IS A PARTIAL EXTRACT|DECLASSIFIED/RELEASED|C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D|CORRECTED COPY|EXDIS|NODIS|LIMDIS|STADIS|ORIGINAL TELEGRAM|E\s?F\s?T\s?O\b|CXR?\w*:|PASS\b|FOR\b)`)
)

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
		if t != "" && t[0] >= '0' && t[0] <= '9' {
			if h, ok := dumpRowHeader(t); ok {
				s, t = h, h // a row of a database dump: its header column
			}
		}
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
			if seenSubject && ownHeaderFollows(lines, i) {
				// The header printed twice: TAGS and SUBJECT above this banner, then the
				// banner and a header block of its own. The first was a copy's abstract
				// (cut short, as a listing prints it) or a repeat; the block under the
				// banner is the cable's own and wins.
				f.EO, f.DeclassifyOn, f.Tags, f.Subject, f.References = "", "", nil, "", nil
				seenMeta, seenSubject = false, false
				subjFrom, subjTo, refFrom, refTo, cbFrom, cbTo = -1, -1, -1, -1, -1, -1
			}
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
					f.inlineMeta(rest, station, serial)
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
				j = tagsBlock(lines, i, station, serial)
			}
			f.inlineMeta(blockText(lines, i, j, station, serial), station, serial)
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
			j := subjectBlock(lines, i, station, serial)
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
				!strings.Contains(strings.ToUpper(t), "SIPDIS") && !isCaveatLine(t) && !isCorrected(t) {
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
	subjText := capText(blockText(lines, subjFrom, subjTo, station, serial), maxSubjectText)
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
		// page-break lines and page headers inside the statement are debris, not name
		cbText = stripPageHeaders(dropPageBreakLines(cbText, station, serial), station, serial)
		f.ClassifiedBy, f.Reasons = parseClassifiedBy(cbText)
	}

	f.ID = makeID(dtgYear, station, serial)
	if noHeader {
		f.ID = idFromName(name)
		return f, 0, warnings
	}
	if f.ID == "" {
		nameID := idFromName(name)
		f.ID = nameID
		// no date-time group: the banner's station and serial with the year of the file
		// name, when they are not the name's own
		if y := yearOf("", "", name); y != "" && station != "" && !isXs(station) {
			if id := makeID(y, station, serial); id != "" && idKey(id) != idKey(nameID) {
				f.ID = id
				warnings = append(warnings, "the year of the reference id taken from the file name")
			}
		}
		if f.ID == nameID && f.ID != "" && seenBanner {
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

// ownHeaderFollows reports whether the banner at line i is followed by a header block
// of its own: a SUBJECT line within lookAhead lines, before any paragraph, transmission
// line or another banner.
func ownHeaderFollows(lines []line, i int) bool {
	for j := i + 1; j < len(lines) && j <= i+lookAhead; j++ {
		switch classify(lines[j].s) {
		case kSubject:
			return true
		case kPara, kBanner, kDTG, kFM:
			return false
		}
	}
	return false
}

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

// reDumpRow matches the first columns of a row of a dump of the release's table (id,
// date, reference id, origin, classification), written as one line with the cable's
// header after them: "50133  2006-01-19  06THEHAGUE131  Embassy The Hague  CONFIDENTIAL
// C O N F I D E N T I A L THE HAGUE 000131   SIPDIS ...".
var reDumpRow = regexp.MustCompile(`^\d+\s+\d{4}-\d{2}-\d{2}\s+\d{2}[A-Z]+\d+\s+.*?\s{2,}(?:UNCLASSIFIED//FOR OFFICIAL USE ONLY|UNCLASSIFIED|LIMITED OFFICIAL USE|CONFIDENTIAL//NOFORN|CONFIDENTIAL|SECRET//NOFORN|SECRET|TOP SECRET)\s{2,}`)

// dumpRowHeader returns the header column of a dump row (see reDumpRow).
func dumpRowHeader(t string) (string, bool) {
	loc := reDumpRow.FindStringIndex(t)
	if loc == nil {
		return "", false
	}
	return strings.TrimSpace(t[loc[1]:]), true
}

// dropPageBreakLines removes the lines of s that are page-break lines and nothing else.
func dropPageBreakLines(s, station, serial string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	ls := strings.Split(s, "\n")
	kept := ls[:0]
	for _, l := range ls {
		if t := strings.TrimSpace(l); t != "" && pageBreakOnly(t, station, serial) {
			continue
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n")
}

// isCorrected reports whether t is the note of a corrected copy, "CORRECTED COPY" or
// letter-spaced "C O R R E C T E D C O P Y (ADDED TAGS)".
func isCorrected(t string) bool {
	u := strings.ToUpper(strings.ReplaceAll(t, " ", ""))
	return strings.HasPrefix(u, "CORRECTED")
}

// isBodyText reports whether t reads like a sentence or paragraph rather than a header
// line (addressee lines are upper-case and short).
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
