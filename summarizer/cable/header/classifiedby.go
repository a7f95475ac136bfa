// The Classified By statement: where it ends, the classifying official and the
// reasons.

package header

import (
	"regexp"
	"strings"
)

func hasClassBy(s string) bool {
	return indexFold(s, "classified") >= 0 && reClassBy.MatchString(s)
}

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
	// reReasonNum matches the number of the reasons: "1.4 (b)", "1.5(D)", "1.4b,d",
	// "1:4 b"
	reReasonNum = regexp.MustCompile(`\b1\s?[.,/:]\s?[0-9][A-Ha-h]?\b(?:\s?\.?\s?\(?[A-Ha-h]\b)?`)
	// reReasonWord matches the word that introduces the reasons where their number is
	// garbled ("for reasons 14 (b) and (d)")
	reReasonWord = regexp.MustCompile(`(?i)[,;.]?\s*\b(?:for\s+)?reasons?\b\s*:?\s*`)
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
	} else if loc := reReasonWord.FindStringIndex(s); loc != nil && loc[0] > 0 {
		name = s[:loc[0]]
		reasons = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[loc[1]:]), "."))
		if len(reasons) > 60 {
			reasons = ""
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
