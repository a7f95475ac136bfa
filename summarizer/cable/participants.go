package cable

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// participantsOpen reports whether a paragraph's first line announces a list of
// participants: "Participants:", "PARTICIPANTS", "Main Israeli Participants:".
func participantsOpen(first string) bool {
	t := strings.TrimRight(strings.TrimSpace(first), ": .")
	if t == "" || len(t) > 40 {
		return false
	}
	fs := strings.Fields(t)
	return len(fs) <= 4 && strings.EqualFold(fs[len(fs)-1], "participants")
}

// participants reads the names of a participant list: one per line, or run together
// with " -- " between them. Labels standing for a side ("U.S.", "France", "Turkey:") are
// left out, wrapped lines are joined, and bullets removed.
func participants(lines []line) []string {
	var out []string
	prevBlank := true // the line opens a group: after a blank line or a label
	prevLine := ""
	for i, l := range lines {
		t := l.text
		if t == "" || isRule(t) {
			prevBlank = true
			continue
		}
		if startsNumber(t) {
			break
		}
		parts := []string{t}
		if strings.Contains(t, " -- ") {
			parts = strings.Split(t, " -- ")
			if len(strings.Fields(parts[0])) <= 3 {
				parts = parts[1:] // "Saudi Arabia -- King Abdullah -- ..."
			}
		}
		label := false
		nextText := i+1 < len(lines) && lines[i+1].text != ""
		nextAfterBlank := i+2 < len(lines) && lines[i+1].text == "" && lines[i+2].text != ""
		for k, p := range parts {
			p = strings.TrimSpace(strings.TrimLeft(p, "-*\u2022 "))
			p = strings.TrimRight(p, ";,")
			if p == "" {
				continue
			}
			if len(parts) == 1 && participantLabel(p, prevBlank, nextText || nextAfterBlank) {
				label = true
				break
			}
			if k == 0 && len(parts) == 1 && len(out) > 0 && !prevBlank && continuation(prevLine, p) {
				out[len(out)-1] += " " + p
				continue
			}
			out = append(out, p)
		}
		prevBlank = label
		prevLine = t
	}
	return out
}

// participantLabel reports whether a list line names a side rather than a person: it
// ends in a colon, or it is one or two words opening a group.
func participantLabel(t string, opensGroup, more bool) bool {
	if strings.HasSuffix(t, ":") && len(strings.Fields(t)) <= 5 {
		return true
	}
	return opensGroup && more && len(strings.Fields(t)) <= 2 && !strings.Contains(t, ",")
}

// continuation reports whether t continues the wrapped list entry prev.
func continuation(prev, t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsLower(r) {
		return true
	}
	fs := strings.Fields(prev)
	last := strings.ToLower(fs[len(fs)-1])
	if smallWords[last] || strings.HasSuffix(prev, ",") {
		return true
	}
	return len(prev) >= 55 && len(strings.Fields(t)) <= 3 && !strings.Contains(t, ",")
}
