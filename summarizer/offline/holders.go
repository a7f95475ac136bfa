package offline

import (
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// frame is a cue of a sentence with the actor it was given and where they stand: the
// subject toks[subj] (-1 for the drafters of a COMMENT or an instruction), the first
// token of a coordinated subject toks[start] ("Burns and Araud"), the cue toks[cue..end].
// A speech frame introduces a clause ("said", "told the Ambassador that", "argued",
// "warned"); paren marks a parenthetical report (", Wisner said,").
type frame struct {
	a                     actor
	subj, start, cue, end int
	paren, speech         bool
}

// reportVerbs introduce what someone says or thinks as a clause, with or without "that":
// "said China opposed", "believes the plan will fail". The neutral and assertive cues
// are reporting verbs too (speechCue).
var reportVerbs = map[string]bool{
	"warned": true, "warns": true, "cautioned": true, "cautions": true, "feared": true,
	"hoped": true, "hopes": true, "expected": true, "expects": true, "assured": true,
	"assures": true, "predicted": true, "doubted": true, "worried": true, "concerned": true,
	"convinced": true, "insisted": true, "insists": true, "complained": true, "lamented": true,
	"promised": true, "pledged": true, "vowed": true, "questioned": true, "wondered": true,
}

// speechCue reports whether the cue q ending at toks[end] introduces a clause that holds
// what its subject says or thinks.
func speechCue(q *cue, toks []token, end int) bool {
	return q.Label == labNeutral || assertive(q) || reportVerbs[q.Words[0]] || thatFollows(toks, end)
}

// coordinationStart returns the first token of the subject toks[subj] with the names
// coordinated before it: "Burns and Araud agreed" gives the index of "Burns".
func coordinationStart(ms []mention, toks []token, subj int) int {
	for subj >= 2 && toks[subj-1].Lower == "and" && toks[subj-1].Punct == 0 {
		found := false
		for _, m := range ms {
			if m.End == subj-2 && m.Pronoun == "" && !toks[m.End].Possessive && toks[m.End].Punct == 0 {
				subj, found = m.Start, true
				break
			}
		}
		if !found {
			break
		}
	}
	return subj
}

// clauseBreakers end the clause a reporting verb introduces: "X said A, but Y opposed B".
var clauseBreakers = map[string]bool{
	"but": true, "while": true, "although": true, "though": true, "whereas": true,
	"because": true, "since": true, "however": true, "yet": true,
}

// reportedBy returns the frame whose report holds frame f, or -1: f stands in the
// clause after a reporting verb ("Liu said that China opposes ..."), before a closing
// report (", Liu told the Ambassador."), or around a parenthetical one ("Serbia, Wisner
// said, might ..."). The innermost such report is returned.
func reportedBy(frames []frame, fi int, toks []token) int {
	f := frames[fi]
	from := f.start
	if from < 0 {
		from = f.cue
	}
	best := -1
	for ri, r := range frames {
		if ri == fi || !r.speech || r.subj < 0 && r.cue > f.cue {
			continue
		}
		switch {
		case r.paren:
			// ", Wisner said,": the clause it stands in is the report.
			// "A key problem, Vukcevic said, was that Bosnia wanted ...": all of it.
			if (from < r.subj && f.cue > r.end || f.end < r.subj-1 || from > r.end) && sameClause(toks, min(from, r.subj), max(f.cue, r.end)) {
				best = ri
			}
		case closing(toks, r) && f.cue < min(r.subj, r.cue) && from >= clauseStartToken(toks, min(r.subj, r.cue)):
			best = ri
		case r.subj < r.cue && from > r.end && reportClause(toks, r.end+1, from):
			if best < 0 || frames[best].end < r.end {
				best = ri
			}
		}
	}
	return best
}

// closing reports whether frame r is a report that closes its sentence: it stands after a
// comma (", Liu told the Ambassador December 29.", ", said the Minister.") and nothing
// but an addressee or a time follows it.
func closing(toks []token, r frame) bool {
	first := min(r.subj, r.cue)
	for first > 0 && first > min(r.subj, r.cue)-3 && toks[first-1].Punct == 0 && capitalized(toks[first-1].Text) {
		first-- // ", Assistant Foreign Minister Liu told": a title before the name
	}
	if first <= 0 || toks[first-1].Punct != ',' {
		return false
	}
	last := max(r.subj, r.end)
	if last-first > 6 {
		return false
	}
	for k := last + 1; k < len(toks); k++ {
		w := toks[k].Lower
		if w == "that" || w == "whether" || toks[k].Punct == ';' || toks[k].Punct == ':' || k-last > 8 {
			return false
		}
	}
	return true
}

// reportClause reports whether toks[from..to) lets what follows stand in the clause a
// reporting verb opened: no semicolon, colon or clause breaker, and no "and" that opens a
// clause of its own (", and ...").
func reportClause(toks []token, from, to int) bool {
	for k := from; k < to && k < len(toks); k++ {
		t := toks[k]
		if t.Punct == ';' || t.Punct == ':' || clauseBreakers[t.Lower] {
			return false
		}
		if t.Lower == "and" && (k > 0 && toks[k-1].Punct == ',' || k == from) {
			return false
		}
		if t.Lower == "and" && k+1 == to {
			return false // "Burns said X and Kouchner agreed": a clause of Kouchner's own
		}
	}
	return true
}

// sameClause reports whether toks[from..to] hold no semicolon or colon.
func sameClause(toks []token, from, to int) bool {
	for k := max(from, 0); k < to && k < len(toks); k++ {
		if toks[k].Punct == ';' || toks[k].Punct == ':' {
			return false
		}
	}
	return true
}

// clauseStartToken returns the index of the first token of the clause holding toks[k].
func clauseStartToken(toks []token, k int) int {
	for j := k - 1; j >= 0; j-- {
		if toks[j].Punct == ';' || toks[j].Punct == ':' {
			return j + 1
		}
	}
	return 0
}

// speaksFor reports whether person p may state the position of s, a country, government
// or body: p is affiliated with s's country, or, of unknown affiliation, p is in the
// country the cable comes from.
func (cx *finder) speaksFor(p, s actor) bool {
	if !p.Person || s.Person || s.Affiliation == "" || redactedName(p.Name) {
		return false
	}
	if p.Affiliation != "" {
		return summarizer.AffiliationsCompatible(p.Affiliation, s.Affiliation)
	}
	return cx.reg.host != nil && cx.reg.host.Name == s.Affiliation
}

// holders gives each stance found in a sentence to the one who holds it. What a person
// reports of his own country or government ("Liu said that China firmly opposes ...",
// "China is gravely concerned ..., Liu told the Ambassador") is his position; what he
// reports of anyone else ("Zardari said Kayani would never support Sharif", "Serbia,
// Wisner said, might ...") is his reading of them, not a position of theirs, and is
// dropped, unless it is a plain report of something done ("he said that Kouchner had
// signaled his approval").
// One actor keeps one stance per report: the inner one, unless it is only neutral.
func (cx *finder) holders(out []found, frames []frame, toks []token, ms []mention, voice string) []found {
	if len(out) == 0 {
		return out
	}
	var according *actor // "According to Burns, ...": Burns reports the sentence
	if len(toks) > 2 && toks[0].Lower == "according" && toks[1].Lower == "to" {
		for _, m := range ms {
			if m.Start == 2 && m.Pronoun == "" {
				according = &m.Actor
				break
			}
		}
	}
	drop := make([]bool, len(out))
	for k := range out {
		f := &out[k]
		ri := reportedBy(frames, f.frame, toks)
		var rep *actor
		switch {
		case ri >= 0:
			rep = &frames[ri].a
		case according != nil:
			rep = according
		}
		if rep == nil {
			continue
		}
		if rep.Key == f.Actor.Key {
			continue
		}
		if ri >= 0 && frames[ri].start != frames[ri].subj && !f.Actor.Person {
			continue // "Gilad, Barkan and the MFA told Hof that Israel was ready": Israel's
		}
		if cx.speaksFor(*rep, f.Actor) {
			f.Actor = *rep
			// One position per report: the outer "said" gives way to what was said.
			for j := range out {
				if j != k && ri >= 0 && out[j].frame == ri && out[j].Actor.Key == rep.Key {
					if f.Label == labNeutral && out[j].Label != labNeutral {
						drop[k] = true
					} else {
						drop[j] = true
					}
				}
			}
			continue
		}
		if ri >= 0 && factualReport(toks, frames[ri], frames[f.frame]) {
			continue // "He said that Kouchner had signaled his approval": Kouchner's act
		}
		drop[k] = true // someone's reading of a third party
	}
	kept := out[:0]
	for k, f := range out {
		if !drop[k] {
			kept = append(kept, f)
		}
	}
	return slices.Clip(kept)
}

// plainReports report what was said or done without judging it; "believed", "was
// convinced", "predicted" give the speaker's reading instead.
var plainReports = map[string]bool{
	"said": true, "says": true, "told": true, "noted": true, "notes": true, "explained": true,
	"added": true, "indicated": true, "reported": true, "confirmed": true, "recalled": true,
	"mentioned": true, "stated": true, "pointed": true, "informed": true, "briefed": true,
	"described": true, "recounted": true, "related": true, "disclosed": true, "revealed": true,
	"highlighted": true, "cited": true, "referred": true, "acknowledged": true, "observed": true,
}

// factualReport reports whether the report r of frame f is a plain account of a past
// act or a known position: r's verb only reports, and f's cue is in the past ("had
// signaled", "rejected", "did not accept") or an owned stance noun ("noted China's
// opposition to"), not modal or future ("would never support", "might reject") or
// present ("opposes": the speaker's claim about the other's views).
func factualReport(toks []token, r, f frame) bool {
	if !plainReports[toks[r.cue].Lower] {
		return false
	}
	if f.subj == f.cue {
		return true // an owned stance noun: "Burns noted China's opposition to X"
	}
	w := toks[f.cue].Lower
	switch w {
	case "wanted", "wished", "intended", "hoped", "preferred", "feared":
		return false // "said Bosnia wanted to try the cases": a reading of Bosnia's mind
	}
	for k := f.cue - 1; k >= 0 && k >= f.cue-3; k-- {
		switch p := toks[k].Lower; {
		case auxiliaries[p] && p != "did" && p != "didn't":
			return false
		case p == "did" || p == "didn't" || p == "had" || p == "hadn't":
			return true
		}
	}
	return strings.HasSuffix(w, "ed")
}
