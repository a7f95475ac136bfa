package offline

import "strings"

// ownClaims are nouns for what one argues; "supported her argument by noting that ..."
// backs no proposition.
var ownClaims = map[string]bool{
	"argument": true, "point": true, "case": true, "claim": true, "position": true,
	"view": true, "assertion": true, "contention": true, "remarks": true, "comments": true,
}

// meetVerbs, as the infinitive after a cue with a person for object ("hoped to meet with
// NSA Jones", "agreed to see the Ambassador"), make it a plan to meet someone: no
// position on a proposition. ("hoped to see an agreement", "willing to meet with the
// ELN" are positions.)
var meetVerbs = map[string]bool{
	"meet": true, "see": true, "visit": true, "thank": true, "greet": true, "host": true,
	"receive": true, "welcome": true,
}

// personObject reports whether rest, the words after a verb, open with a person named
// with a title ("with NSA Jones, Ambassador Eikenberry and ...", "the Ambassador").
func personObject(rest string) bool {
	rest = strings.TrimSpace(rest)
	rest = strings.TrimPrefix(rest, "with ")
	if k := strings.IndexAny(rest, ",;:"); k >= 0 {
		rest = rest[:k]
	}
	for _, cut := range []string{" and ", " in ", " on ", " at ", " during ", " to ", " for ", " before ", " after "} {
		if a, _, ok := strings.Cut(rest, cut); ok {
			rest = a
		}
	}
	return personTarget(strings.TrimSpace(rest))
}

// requestCue reports whether q asks for something: "asked for", "requested".
func requestCue(q *cue) bool {
	switch q.Words[0] {
	case "asked", "asks", "ask", "requested", "requests", "request":
		return q.Label == labSupports
	}
	return false
}

// infoNouns are what one asks for to learn something, not to get something done: "asked
// for his assessment", "requested a meeting", "asked for more details on".
var infoNouns = map[string]bool{
	"assessment": true, "assessments": true, "view": true, "views": true, "thoughts": true,
	"information": true, "info": true, "details": true, "detail": true, "specifics": true,
	"status": true, "news": true, "overview": true, "overviews": true, "insights": true,
	"insight": true, "update": true, "updates": true, "readout": true, "read-out": true,
	"clarification": true, "explanation": true, "comments": true, "comment": true,
	"opinion": true, "opinions": true, "meeting": true, "meetings": true, "appointment": true,
	"briefing": true, "copy": true, "copies": true, "list": true, "names": true, "data": true,
	"reaction": true, "perspective": true, "impressions": true, "input": true, "feedback": true,
	"impression": true, "outlook": true, "examples": true, "example": true, "report": true,
	"request": true, "discussions": true, "discussion": true, "sense": true, "anything": true,
	"something": true,
}

// infoRequest reports whether target is something asked for to learn or to meet ("his
// assessment of the situation", "a meeting with the Minister"): its first noun, after
// determiners and adjectives of quantity, is an infoNoun.
func infoRequest(target string) bool {
	for _, w := range strings.Fields(target) {
		lw := strings.ToLower(strings.Trim(w, `"'“”‘’,.;:()`))
		switch {
		case infoNouns[lw]:
			return true
		case shortDeterminers[lw] || quantifiers[lw] || lw == "further" || lw == "additional" || lw == "greater" || lw == "any" || lw == "our" || lw == "detailed" || lw == "specific" || lw == "private" || lw == "urgent" || lw == "brief" || lw == "initial" || lw == "formal" || lw == "written" || lw == "full":
			continue
		case capitalized(w) || strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s") || strings.HasSuffix(lw, ",s"):
			continue // "Spain's view", "the Secretary's assessment", "U.S. views"
		}
		return false
	}
	return false
}

// greetings are cues that, with a person for object, receive or thank someone:
// "Zapatero welcomed the Ambassador" takes no position.
var greetings = map[string]bool{
	"welcomed": true, "welcomes": true, "welcome": true, "thanked": true, "thanks": true,
	"greeted": true, "received": true, "hosted": true, "appreciated": true,
}

// personTarget reports whether target names only a person: a title ("the Ambassador",
// "the visiting delegation" is not one), or a title and a name ("Secretary Gates").
func personTarget(target string) bool {
	if a, b, ok := strings.Cut(target, " and "); ok {
		return personTarget(a) && personTarget(b) // "the Ambassador and Secretary Rice"
	}
	for _, prep := range []string{" to ", " in ", " at "} {
		if a, _, ok := strings.Cut(target, prep); ok && a != "" {
			target = a // "the Ambassador to Brazil"
		}
	}
	toks := tokenize(target)
	start := 0
	if len(toks) > 0 && (toks[0].Lower == "the" || toks[0].Lower == "his" || toks[0].Lower == "her") {
		start = 1
	}
	if start >= len(toks) {
		return false
	}
	_, n := matchTitle(toks, start)
	if n == 0 {
		return false
	}
	rest := toks[start+n:]
	for _, t := range rest {
		if !capitalized(t.Text) {
			return false
		}
	}
	return len(rest) <= 3
}

// visitTarget reports whether target is a visit or an arrival ("your visit", "the
// delegation's arrival"): welcoming one is hospitality, not a position.
func visitTarget(target string) bool {
	ws := strings.Fields(strings.ToLower(target))
	if len(ws) > 1 && (ws[1] == "you" || ws[1] == "your") {
		switch ws[0] {
		case "welcoming", "receiving", "hosting", "seeing", "meeting":
			return true // "looks forward to welcoming you to the UAE"
		}
	}
	if len(ws) == 0 || len(ws) > 4 {
		return false
	}
	switch strings.Trim(ws[len(ws)-1], ".,;:") {
	case "visit", "visits", "arrival", "delegation", "visitors", "guests", "presence":
		return true
	}
	return false
}
