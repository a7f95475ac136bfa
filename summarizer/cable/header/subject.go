// The SUBJECT line: where it ends (wrapped lines, a REF or Classified By run into it)
// and its text.

package header

import (
	"regexp"
	"strings"
)

var (
	reSubjAny = regexp.MustCompile(`(?i)(?:^|\s)(?:SUBJECT|SUBJ)\s*:\s*`)
)

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

var reInlineRef = regexp.MustCompile(`(?:\bRef(?:s|tels?|\(s\))?\s*:|REF(?:S|TELS?|\(S\))?\s*[:.]|REFS?\s+\(?[A-Z][.)])`)

// inlineRef returns the REF text glued into a SUBJECT line, "" if none.
func inlineRef(s string) string {
	loc := reInlineRef.FindStringIndex(s)
	if loc == nil {
		return ""
	}
	return s[loc[0]:]
}
