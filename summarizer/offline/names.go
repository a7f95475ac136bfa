package offline

import (
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// redactedName reports whether name hides a protected source: a word of it is or holds a
// redaction mask ("XXXXXXXXXXXX", "XXXXXXXXXXXXl" in damaged copies) or a removal note ("[NAME REMOVED]"), or it is only
// "Source" or "Contact".
func redactedName(name string) bool {
	for _, w := range strings.Fields(name) {
		if summarizer.IsRedacted(w) || strings.Contains(w, "XXXX") || strings.EqualFold(strings.Trim(w, "[]"), "removed") {
			return true
		}
	}
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "source", "sources", "contact", "the source", "our source", "our contact":
		return true
	}
	return false
}

// maskActor reports whether name is a redaction mask alone ("XXXXXXXXXXXX"): a protected
// source the cable names no other way, whose positions are the cable's point.
func maskActor(name string) bool {
	f := strings.Fields(name)
	return len(f) == 1 && (summarizer.IsRedacted(f[0]) || strings.Contains(strings.ToUpper(f[0]), "XXXX"))
}

// actorName returns the name a stance gives its actor: name, or for a redaction mask
// the mask alone, without what a damaged copy glued to it ("XXXXXXXXXXXXl" gives
// "XXXXXXXXXXXX"), so that summarizer.IsRedacted knows it for a protected source that
// is nobody else's.
func actorName(name string) string {
	if !maskActor(name) {
		return name
	}
	best, run := "", 0
	for i, r := range name {
		if r == 'X' || r == 'x' {
			run++
			if run > len(best) {
				best = name[i+1-run : i+1]
			}
			continue
		}
		run = 0
	}
	return best
}

// plainName reports whether name reads as a surname: not in capitals (a subject line's
// "DISCUSSES") and not a regnal number ("Mohammed VI").
func plainName(name string) bool {
	if allCaps(name) {
		return false
	}
	return strings.Trim(name, "IVXL") != ""
}

// resolve turns a mention into an actor, resolving pronouns and bare titles.
func (cx *finder) resolve(m mention, voice string) (actor, bool) {
	switch m.Pronoun {
	case "":
		return m.Actor, true
	case "he", "she":
		if len(cx.main) > 0 {
			return cx.main[len(cx.main)-1], true
		}
		if len(cx.speakers) > 0 {
			return cx.speakers[len(cx.speakers)-1], true
		}
		if len(cx.people) > 0 {
			return cx.people[len(cx.people)-1], true
		}
		return actor{}, false
	case "we":
		if strings.Contains(strings.ToUpper(cx.reg.origin), "SECSTATE") {
			return actor{Name: "Department", Key: "department", Affiliation: "United States"}, true
		}
		return actor{Name: "Embassy", Key: "embassy", Affiliation: "United States"}, true
	}
	// A bare title: "the minister", "the Ambassador".
	if slices.Contains(ministerTitles, m.Pronoun) {
		for _, list := range [][]actor{cx.speakers, cx.people} {
			for n := len(list) - 1; n >= 0; n-- {
				if slices.Contains(ministerTitles, list[n].Title) {
					return list[n], true
				}
			}
		}
		return actor{}, false
	}
	a := actor{Name: m.Actor.Name, Key: m.Pronoun, Title: m.Pronoun, Person: true}
	if (m.Pronoun == "ambassador" || m.Pronoun == "amb") && strings.Contains(strings.ToUpper(cx.reg.origin), "AMEMBASSY") {
		if amb, ok := cx.reg.ambassador(); ok {
			return amb, true // "the Ambassador" of a cable that names him: "Ambassador Aguirre"
		}
	}
	switch m.Pronoun {
	case "ambassador", "amb", "charge", "dcm", "secretary", "king", "queen", "emir", "sheikh", "crown prince", "prince", "shah", "sultan":
		// Our own officers go by the Embassy's rules above; a ruler by his title ("the King").
	default:
		// "the mayor" of a cable that names "Rio Mayor Eduardo Paes": Paes, the one person
		// who holds the title, last named in the section or, but for "the President",
		// anywhere in the cable.
		for _, list := range [][]actor{cx.speakers, cx.people} {
			for n := len(list) - 1; n >= 0; n-- {
				if list[n].Title == m.Pronoun && plainName(list[n].Name) {
					return list[n], true
				}
			}
		}
		if p, ok := cx.reg.titled(m.Pronoun); ok && m.Pronoun != "president" && plainName(p.Name) {
			return p, true
		}
	}
	switch m.Pronoun {
	case "ambassador", "charge", "dcm", "secretary":
		if strings.Contains(strings.ToUpper(cx.reg.origin), "AMEMBASSY") || m.Pronoun == "secretary" {
			a.Affiliation = "United States"
		}
	case "king", "queen", "emir", "sheikh", "crown prince", "prince", "shah", "sultan":
		if cx.reg.host != nil {
			a.Affiliation = cx.reg.host.Name
		}
	}
	return a, true
}
