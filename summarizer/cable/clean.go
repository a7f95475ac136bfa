package cable

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cablebrief/summarize/summarizer/cable/header"
)

// line is one cleaned line of a cable body. text is trimmed of surrounding white space
// and of converter debris; mark records that the line opened with a pilcrow or a
// Markdown link (`¶`, `[1](#)`), which makes a following number more likely a
// paragraph number.
type line struct {
	text string
	mark bool
}

func (l line) blank() bool { return l.text == "" }

var (
	// rePageBreak matches the page header printed where a page of the original ended:
	// "PARIS 00002726 002 OF 003", "PARIS 00000957 004.2 OF 008", "Moscow 00003579 002 of 005".
	rePageBreak = regexp.MustCompile(`^[A-Za-z][A-Za-z .'-]{0,40}? +\d{5,8} +\d{3}(?:\.\d+)? +[Oo][Ff] +\d{3}$`)
	// rePageOld matches the old page header "PAGE 02 HARARE 06677 01 OF 03 291400Z" and
	// "PAGE 02 RUEHFRA0170 S E C R E T"; group 1 is text of the next line glued on after
	// a date-time group.
	rePageOld = regexp.MustCompile(`^PAGE \d{2,3}\s+\S.*?(?:\d{6}Z\s*(.*))?$`)
	// reCutPageBreak matches a page header cut short where the copy was truncated, its
	// end replaced by an ellipsis: "DUSHANBE 00000575  001.2 OF 0...".
	reCutPageBreak = regexp.MustCompile(`^[A-Za-z][A-Za-z .'-]{0,40}? +\d{5,8}(?: +\d{1,3}(?:\.\d*)?(?: +(?:[Oo](?:[Ff](?: +\d{0,3})?)?)?)?)? *(?:\.\.\.|…)$`)
	// reMediaDate matches the date line media copies put above the banner:
	// "Friday, 19 February 2010, 23:28".
	reMediaDate = regexp.MustCompile(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$`)
	// reLink matches a Markdown link left by a page scraper, "[PREL](#)" or "[¶](#par1)".
	reLink = regexp.MustCompile(`\[([^\]\n]{0,40})\]\(#[^)\s]*\)`)
	// reLeadLink matches the scraped pilcrow at the start of a line: "[1](#)", "[¶](#par1)".
	reLeadLink = regexp.MustCompile(`^\[(?:1|¶)\]\(#[^)\s]*\)\s*`)
)

// pageBreak reports whether l is a page-break line (see rePageBreak), checking the
// cheap signs first.
func pageBreak(l string) bool {
	n := len(l)
	if n < 18 || l[n-1] < '0' || l[n-1] > '9' || !(strings.Contains(l, " OF ") || strings.Contains(l, " of ") || strings.Contains(l, " Of ")) {
		return false
	}
	return rePageBreak.MatchString(l)
}

// cutPageBreak reports whether l is a page header of the cable's own serial (needle, its
// digits with a leading zero) cut short by the copy's ellipsis (see reCutPageBreak): the
// last line of a truncated copy, debris and no text.
func cutPageBreak(l, needle string) bool {
	if needle == "" || !strings.HasSuffix(l, "...") && !strings.HasSuffix(l, "…") || !strings.Contains(l, needle) {
		return false
	}
	return reCutPageBreak.MatchString(l)
}

// mediaDate reports whether l is a media copy's date line (see reMediaDate).
func mediaDate(l string) bool {
	n := len(l)
	if n < 20 || n > 45 || l[n-1] < '0' || l[n-1] > '9' || !strings.Contains(l, "day, ") {
		return false
	}
	return reMediaDate.MatchString(l)
}

// classification words that stand alone on a line after an old page header.
var classWords = map[string]bool{
	"UNCLASSIFIED": true, "UNCLAS": true, "CONFIDENTIAL": true, "SECRET": true,
	"LIMITED OFFICIAL USE": true, "TOP SECRET": true,
}

// cleanLines splits body into lines and removes the debris of copying: page-break
// lines (also one cut short by a truncated copy's ellipsis), SIPDIS lines and words,
// pilcrows and scraped links, media date lines. Where a removed line fell in the
// middle of a sentence the blank lines around it are dropped too, so the sentence
// rejoins.
//
// id is the cable's reference id: a page header of the cable run into a line of text
// ("... emissions. RIO DE JAN 00000285 002 OF 002") is removed from it.
func cleanLines(body, id string) []line {
	raw := strings.Split(body, "\n")
	out := make([]line, 0, len(raw))
	pending := false    // an artifact line was removed since the last text line
	blankAfter := false // a blank line followed the removed artifact
	afterPage := false  // the previous kept-or-removed line was an old page header
	// a page header run into the text holds the serial padded with zeros
	needle := ""
	if k := strings.LastIndexFunc(id, func(r rune) bool { return r < '0' || r > '9' }); k >= 0 && k+1 < len(id) {
		needle = "0" + id[k+1:]
	}
	for _, r := range raw {
		l, mark := cleanText(r)
		if l == "" {
			if pending {
				blankAfter = true
			} else {
				out = append(out, line{})
			}
			continue
		}
		if afterPage && classWords[joinLetterSpaced(l)] {
			afterPage = false
			pending = true
			continue
		}
		afterPage = false
		artifact := false
		switch {
		case pageBreak(l), mediaDate(l), cutPageBreak(l, needle):
			artifact = true
		case strings.HasPrefix(l, "PAGE "):
			if m := rePageOld.FindStringSubmatch(l); m != nil {
				afterPage = true
				if strings.TrimSpace(m[1]) == "" {
					artifact = true
				} else {
					pending = true
					l = strings.TrimSpace(m[1])
				}
			}
		case needle != "" && len(l) > 24 && strings.Contains(l, needle):
			if t := header.StripPageHeader(l, id); t != l {
				// a page header run into the text: the text goes on across it
				l = t
				if l == "" {
					artifact = true
				}
			}
		}
		if !artifact && strings.Contains(l, "SIPDIS") {
			l2 := removeWord(l, "SIPDIS")
			if l2 != l {
				if onlyCaveats(l2) {
					artifact = true
				} else {
					// "SIPDIS the first stage ...": the SIPDIS line glued onto the next.
					if strings.HasPrefix(l, "SIPDIS") {
						pending = true
					}
					l = l2
				}
			}
		}
		if artifact {
			pending = true
			continue
		}
		if pending {
			rejoinAcross(&out, l, blankAfter)
			pending, blankAfter = false, false
		}
		out = append(out, line{text: l, mark: mark})
	}
	return out
}

// rejoinAcross drops the blank lines at the end of out when next continues the
// sentence that the last text line of out left open; otherwise it leaves one blank line
// where there was any (blankAfter: after the removed line).
func rejoinAcross(out *[]line, next string, blankAfter bool) {
	o := *out
	k := len(o)
	for k > 0 && o[k-1].blank() {
		k--
	}
	hadBlank := k < len(o) || blankAfter
	if k == 0 {
		if hadBlank && len(o) == 0 {
			*out = append(o, line{})
		}
		return
	}
	prev := o[k-1].text
	first, _ := utf8.DecodeRuneInString(next)
	join := unicode.IsLower(first)
	if !join && !endsSentence(prev) && !startsNumber(next) && !isRule(prev) && !isRule(next) {
		join = true
	}
	switch {
	case join:
		*out = o[:k]
	case hadBlank:
		*out = append(o[:k], line{})
	}
}

// cleanText trims s and removes pilcrows and scraped links; mark reports a pilcrow or
// link at the start.
func cleanText(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	mark := false
	for {
		if strings.HasPrefix(s, "¶") {
			s = strings.TrimLeft(s[len("¶"):], " \t")
			mark = true
			continue
		}
		if strings.HasPrefix(s, "[") {
			if m := reLeadLink.FindString(s); m != "" {
				s = s[len(m):]
				mark = true
				continue
			}
		}
		break
	}
	// the rarer repairs, each found first with a fast search
	if strings.Contains(s, "¶") {
		s = strings.ReplaceAll(s, "¶", "")
	}
	if strings.Contains(s, "](#") {
		s = reLink.ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '\t') >= 0 {
		s = strings.ReplaceAll(s, "\t", " ")
	}
	return strings.TrimSpace(s), mark
}

// removeWord removes every whole-word occurrence of w from s and tidies the spaces.
func removeWord(s, w string) string {
	fields := strings.Fields(s)
	kept := fields[:0]
	changed := false
	for _, f := range fields {
		if strings.TrimRight(f, ".,;:") == w {
			changed = true
			continue
		}
		kept = append(kept, f)
	}
	if !changed {
		return s
	}
	return strings.Join(kept, " ")
}

// onlyCaveats reports whether s holds nothing but handling caveats ("NOFORN").
func onlyCaveats(s string) bool {
	for _, f := range strings.Fields(s) {
		switch strings.Trim(f, ".,;:()") {
		case "NOFORN", "NODIS", "EXDIS", "LIMDIS", "SENSITIVE", "":
		default:
			return false
		}
	}
	return true
}

// joinLetterSpaced turns "C O N F I D E N T I A L" into "CONFIDENTIAL" and trims.
func joinLetterSpaced(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 2 && s[1] == ' ' {
		single := true
		for _, f := range strings.Fields(s) {
			if len(f) != 1 {
				single = false
				break
			}
		}
		if single {
			return strings.ReplaceAll(s, " ", "")
		}
	}
	return s
}

// endsSentence reports whether s ends with punctuation that can close a sentence.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', ':', ';', '"', '\u201D', '\u2019', '\'', ')', ']':
		return true
	}
	return false
}

// startsNumber reports whether s opens with a paragraph-number-like "12." token.
func startsNumber(s string) bool {
	_, _, ok := numberPrefix(s)
	return ok
}

// isRule reports whether s is a line of decoration: dashes, underscores, equals signs,
// asterisks or tildes (spaces allowed), at least three of them.
func isRule(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-', '_', '=', '*', '~':
			n++
		case ' ':
		default:
			return false
		}
	}
	return n >= 3
}
