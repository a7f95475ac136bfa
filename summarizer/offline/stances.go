package offline

import (
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// stances finds, merges and caps the stances of a section.
func (e *Engine) stances(body []sentence, cable *summarizer.Cable, in summarizer.SectionInput) []summarizer.Stance {
	labels := in.Labels
	if len(labels) == 0 {
		labels = e.opts.Labels
	}
	cx := &finder{reg: e.registry(cable), cues: e.cues}
	var all []found
	para := -1
	for i := range body {
		s := &body[i]
		if s.Para != para {
			para = s.Para
			cx.people = nil
		}
		all = append(all, cx.sentenceStances(s.Text, s.tokens(), s.Voice, s.Para, i)...)
	}
	var kept []found
	for _, f := range all {
		if f.Label == labNeutral && !f.stated {
			continue // "said", "noted": a report, not a position
		}
		kept = append(kept, f)
	}
	// A cue with nothing after it ("Kouchner agreed.") is about the section's topic.
	fallback := in.Section.Title
	if in.Section.Kind != summarizer.KindTopic || fallback == "" || genericTitle(fallback) {
		fallback = cable.Subject
	}
	if fallback == "" || genericTitle(fallback) {
		fallback = "the matter discussed"
	}
	type merged struct {
		st    summarizer.Stance
		key   string
		words map[string]bool
		pos   int
	}
	var ms []*merged
	for _, f := range kept {
		label, ok := mapLabel(f.Label, labels)
		if !ok {
			continue
		}
		target := f.Target
		switch {
		case target == "" || anaphoric(target) || pronounClause(target):
			target = fallback // "agreed", "agreed with the proposal": the section's topic
		case !standsAlone(target):
			continue // better no stance than one on "the worst" or "he said"
		}
		ev := summarizer.Evidence{Paragraph: f.Paragraph, Quote: f.Quote}
		tw := words(target, e.stop)
		var into *merged
		for _, m := range ms {
			if m.key == f.Actor.Key && m.st.Label == label && m.st.Voice == f.Voice && similar(m.words, tw) {
				into = m
				break
			}
		}
		if into != nil {
			if len(into.st.Evidence) < maxEvidence && !slices.Contains(into.st.Evidence, ev) {
				into.st.Evidence = append(into.st.Evidence, ev)
			}
			continue
		}
		ms = append(ms, &merged{
			st: summarizer.Stance{
				Actor: actorName(f.Actor.Name), Affiliation: f.Actor.Affiliation, Target: target,
				Label: label, Voice: f.Voice, Evidence: []summarizer.Evidence{ev},
			},
			key: f.Actor.Key, words: tw, pos: f.Pos,
		})
	}
	if len(ms) > maxStancesPerSection {
		// Keep the first stance of each actor and label before any second one, then the
		// better attested, then the earlier.
		seen := map[string]bool{}
		repeat := map[*merged]bool{}
		for _, m := range ms {
			k := m.key + "\x00" + m.st.Label
			repeat[m] = seen[k]
			seen[k] = true
		}
		slices.SortStableFunc(ms, func(a, b *merged) int {
			if repeat[a] != repeat[b] {
				if repeat[a] {
					return 1
				}
				return -1
			}
			if d := len(b.st.Evidence) - len(a.st.Evidence); d != 0 {
				return d
			}
			return a.pos - b.pos
		})
		ms = ms[:maxStancesPerSection]
		slices.SortStableFunc(ms, func(a, b *merged) int { return a.pos - b.pos })
	}
	out := make([]summarizer.Stance, len(ms))
	for i, m := range ms {
		out[i] = m.st
	}
	return out
}

// similar reports whether two targets are about the same thing: they share at least a
// third of their content words, or one is empty.
func similar(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	common := 0
	for w := range a {
		if b[w] {
			common++
		}
	}
	union := len(a) + len(b) - common
	return float64(common)/float64(union) >= 1.0/3
}

// finder carries what stance finding needs across the sentences of one section.
type finder struct {
	reg      *registry
	cues     *cues
	speakers []actor // main-clause subjects in the section so far, last is latest
	people   []actor // persons mentioned in the current paragraph, last is latest
	main     []actor // main-clause subjects of the current sentence
	last     *actor  // subject of the previous cue in the current sentence
}

// found is one stance found in a sentence, before labels are mapped.
type found struct {
	Actor     actor
	Label     string
	Target    string
	Voice     string
	Paragraph int
	Quote     string
	Pos       int  // order of the sentence in the section
	frame     int  // index of the frame of its cue in the sentence's frames
	stated    bool // a neutral position stated as such
}

// sentenceStances finds the stances in one sentence (sent is its text, toks its words,
// voice its voice).
func (cx *finder) sentenceStances(sent string, toks []token, voice string, para, pos int) []found {
	if len(toks) == 0 || draftingNote(toks) {
		return nil
	}
	caps := allCaps(sent)
	ms := cx.mentions(toks, caps, voice)
	cx.main, cx.last = nil, nil
	if a, ok := cx.sentenceSubject(toks, ms, voice); ok {
		// "Minister Chacon made it clear she was pleased": she is Chacon, cue or no cue.
		cx.main = append(cx.main, a)
		cx.speakers = append(cx.speakers, a)
	}
	var out []found
	var frames []frame
	prevCue, prevKey := -1, "" // end of the previous cue and the key of its actor
	for i := 0; i < len(toks); i++ {
		q := cx.cues.match(toks, i)
		if (q == nil || q.Base) && i == 0 && voice == summarizer.VoiceInstruction {
			if im := imperative(toks[0].Lower); im != nil {
				q = im // "-- Urge China to stop the shipment"
			}
		}
		if q == nil {
			if f, ok := cx.possessiveStance(sent, toks, ms, i, voice); ok {
				f.Paragraph, f.Pos, f.frame = para, pos, len(frames)
				frames = append(frames, frame{a: f.Actor, subj: i, start: i, cue: i, end: i})
				out = append(out, f)
				prevCue, prevKey = i, f.Actor.Key
			}
			continue
		}
		end := i + len(q.Words) - 1
		if !caps && i > 0 && capitalized(toks[i].Text) && toks[i-1].Punct == 0 {
			continue // "the United States", "the Supporting Group": a name, not a verb
		}
		if q.Base && !baseAllowed(toks, i, cx.cues) {
			continue
		}
		if q.Pred && !predicative(toks, i) {
			continue
		}
		if i > 0 && (determiners[toks[i-1].Lower] || toks[i-1].Possessive) && len(q.Words) == 1 && !q.Base {
			continue // "his proposed conference", "the concerned parties"
		}
		if inQuestion(toks, i) {
			i = end // "asked whether France supported the plan": nothing asserted
			continue
		}
		var (
			a       actor
			subj    int
			ok      bool
			passive bool
		)
		if reducedPassive(toks, i) {
			i = end // "Asked about the visit, ...", "balk when asked to designate"
			continue
		}
		if be := passiveBe(toks, i); be >= 0 && (toks[i].Lower == "attacked" || toks[i].Lower == "blasted") {
			i = end // "was attacked by militants": force, not a position
			continue
		} else if be >= 0 {
			// "should be protested by the Arab governments": the agent acts, or no one.
			a, subj, ok = agent(ms, toks, end)
			if !ok {
				// "Gonzales was asked ...": no stance, but he is who "he" is next.
				if s, _, found := cx.subject(toks, ms, be, be, caps, voice); found && s.Person {
					cx.main = append(cx.main, s)
					cx.speakers = append(cx.speakers, s)
				}
				i = end
				continue
			}
			passive = true
			subj = be
		} else {
			a, subj, ok = cx.subject(toks, ms, i, end, caps, voice)
		}
		if ok && subj > 0 && subj < i && relativeObject(toks, subj) {
			i = end // "..., which Rao welcomed": the position is on what "which" stands for
			continue
		}
		if !ok {
			if k := pronounSubject(toks, i); k >= 0 && !passive && speechCue(q, toks, end) {
				// "We expect Kayani will request ...", "they believe ...": a report by
				// someone unnamed, so what follows is no one's position.
				frames = append(frames, frame{a: actor{Name: toks[k].Text, Key: "pronoun:" + toks[k].Lower}, subj: k, start: k, cue: i, end: end, speech: true})
			}
			i = end
			continue
		}
		label := q.Label
		if end+1 < len(toks) && toks[end+1].Lower == "against" && (label == labSupports || label == labSkeptical) {
			label = labOpposes // "argued against", "warned against"
		}
		if counterCue(q) && thatFollows(toks, end) {
			label = labSupports // "countered that X": X is what the actor holds
		}
		if !q.Fixed && negated(toks, i, label) {
			switch label {
			case labSupports:
				label = labOpposes
			case labOpposes:
				label = labSupports
			default:
				label = "" // "not overly concerned": no stance, but a speaker
			}
		}
		if outerNegation(toks, i) {
			switch label {
			case labSupports:
				label = labOpposes
			case labOpposes:
				label = labSupports
			}
		}
		judged := false // the label comes from a verdict on the clause after the cue
		if (label == labNeutral || label == labSupports && assertive(q)) && !negated(toks, i, label) {
			if v := verdict(toks, end, cx.cues); v != "" && (v != labSupports || label == labNeutral) {
				label, judged = v, true // "predicted that the talks would fail", "said it was essential to"
			}
		}
		obliged := -1 // the modal of a recommendation the cue introduces ("said X should Y")
		if !judged && (label == labNeutral && !q.Stated || label == labSupports && assertive(q)) && !negated(toks, i, label) {
			if l, k := deontic(toks, end, cx.cues); l != "" {
				label, obliged = l, k // "said both governments should work together"
			}
		}
		if label != labSkeptical && label != "" && (conditioned(toks, i, end, cx.cues) || (label == labSupports && concessive(toks, i))) {
			label = labConditional
		}
		paren := !passive && subj > 0 && toks[subj-1].Punct == ',' && toks[end].Punct == ','
		embedded, inner := false, false
		if prevCue >= 0 && subj > prevCue {
			// inner: this cue stands in the complement of the previous one ("warned ...
			// that he did not believe"), not in a clause of its own ("..., but noted").
			inner = true
			for k := prevCue; k <= subj; k++ {
				switch toks[k].Lower {
				case "that", "whether":
					embedded, inner = true, true
				case "and", "but", "while", "although", "though", "whereas", "because", "since":
					inner = false
				}
				if toks[k].Punct == ';' || toks[k].Punct == ':' {
					inner = false
				}
			}
		}
		if a.Person && !paren && !embedded && !passive {
			cx.main = append(cx.main, a)
			cx.speakers = append(cx.speakers, a)
		}
		fr := frame{a: a, subj: subj, start: subj, cue: i, end: end, paren: paren, speech: !passive && speechCue(q, toks, end)}
		if !passive && subj >= 0 {
			fr.start = coordinationStart(ms, toks, subj)
		}
		frames = append(frames, fr)
		cx.last = &a
		prevCue = end
		var target string
		switch {
		case label == labNeutral && !q.Stated && !urgeCues[toks[i].Lower]:
			// A verb of saying takes no position (Engine.stances drops it): no target.
		case passive:
			target = extractTarget(sent[clauseStart(toks, subj):toks[subj].Start])
		case subj > end:
			target = extractTarget(sent[toks[0].Start:toks[i-1].End])
		case paren:
			pre := sent[clauseStart(toks, subj-1):toks[subj-1].End]
			post := strings.TrimPrefix(strings.TrimSpace(sent[toks[end].End:]), ",")
			target = extractTarget(pre + " " + post)
		default:
			rest := sent[toks[end].End:]
			if label == labOpposes && end+1 < len(toks) && toks[end+1].Lower == "against" {
				rest = sent[toks[end+1].End:]
			}
			if urgeCues[toks[i].Lower] {
				// "urged Kouchner to support new sanctions": the urger backs the sanctions.
				var l string
				rest, l = urgedRest(rest, cx.cues)
				if l == "" && len(q.Words) == 2 && q.Words[1] == "on" {
					i = end
					continue // "called on the Minister": a visit, not a call to act
				}
				if l != "" && label == labNeutral {
					label = l // "asked the GOF to support ..." is a request
				}
			}
			target = extractTarget(rest)
			if end+2 < len(toks) && toks[end+1].Lower == "that" && finiteVerbs[toks[end+2].Lower] {
				target = "" // "hoped that would be the case": "that" points back, to the section's topic
			}
			if intentionCue(q) {
				// "wants to create a Cerrado Fund": creating a Cerrado Fund; "wants to
				// avoid a confrontation": against it; "wanted to know": nothing.
				if end+1 >= len(toks) || noIntentVerbs[toks[end+1].Lower] || toks[end].Punct != 0 || hypothetical(toks, subj) {
					i = end
					continue // "wanted to know", "if Zaragoza wishes to proceed"
				}
				for end+2 < len(toks) && strings.HasSuffix(toks[end+1].Lower, "ly") && toks[end+1].Punct == 0 {
					end++ // "wanted to clearly convey"
				}
				if noIntentVerbs[toks[end+1].Lower] || toks[end+1].Lower == "pass" {
					i = end
					continue
				}
				if avoidVerbs[toks[end+1].Lower] {
					target = extractTarget(sent[toks[end+1].End:])
					switch label {
					case labSupports:
						label = labOpposes
					case labOpposes:
						label = labSupports
					}
				} else {
					target = infinitiveTarget("to", toks[end+1].Text, target)
				}
				if meetVerbs[toks[end+1].Lower] && personObject(sent[toks[end+1].End:]) {
					i = end
					continue
				}
			}
			if end+2 < len(toks) && toks[end+1].Lower == "to" && toks[end+1].Punct == 0 && q.Label != labNeutral {
				if meetVerbs[toks[end+2].Lower] && !prepositionalTo[toks[end].Lower] && personObject(sent[toks[end+2].End:]) {
					i = end
					continue // "hoped to meet with NSA Jones": a plan to meet someone, not a position
				}
				target = infinitiveTarget(toks[end].Lower, toks[end+2].Text, target)
			}
			if judged {
				target = clauseSubject(target) // "argued that sanctions would be counterproductive": sanctions
			}
			if obliged >= 0 {
				target = obligationTarget(sent, toks, end, obliged) // "both governments working together"
			}
			if requestCue(q) && infoRequest(target) {
				i = end
				continue // "asked for his assessment", "requested a meeting": no position
			}
			if greetings[toks[i].Lower] && (personTarget(target) || visitTarget(target)) {
				i = end
				continue // "welcomed the Ambassador": a greeting
			}
			if target == "" && subj > 0 && toks[subj-1].Punct == ',' {
				// "The challenge is to find a middle way, Araud emphasized."
				target = extractTarget(sent[clauseStart(toks, subj-1):toks[subj-1].End])
			}
		}
		if label == "" || redactedName(a.Name) && !maskActor(a.Name) {
			prevKey = ""
			i = end
			continue // a redaction mask speaks, but is never an actor
		}
		if inner && a.Key == prevKey && len(out) > 0 && out[len(out)-1].Actor.Key == a.Key {
			// "Solana warned ... that he did not believe ...": one position, the stronger:
			// the inner one, unless it is only neutral.
			if label == labNeutral && out[len(out)-1].Label != labNeutral {
				i = end
				continue
			}
			out = out[:len(out)-1]
		}
		fi := len(frames) - 1
		out = append(out, found{Actor: a, Label: label, Target: target, Voice: voice, Paragraph: para, Quote: sent, Pos: pos, frame: fi, stated: q.Stated && label == labNeutral})
		if label == labSupports && !passive && subj < i {
			// "continued diplomacy, rather than military action, was the best option".
			if alt := ratherThan(sent, toks, end); alt != "" {
				out = append(out, found{Actor: a, Label: labOpposes, Target: alt, Voice: voice, Paragraph: para, Quote: sent, Pos: pos, frame: fi})
			}
		}
		prevKey = a.Key
		// "President Sarkozy and FM Kouchner had expressed skepticism": both.
		if !passive {
			for _, co := range coordinated(ms, toks, subj) {
				out = append(out, found{Actor: co, Label: label, Target: target, Voice: voice, Paragraph: para, Quote: sent, Pos: pos, frame: fi, stated: q.Stated && label == labNeutral})
			}
		}
		i = end
	}
	out = cx.holders(out, frames, toks, ms, voice)
	if len(out) == 0 && len(frames) == 0 && voice == summarizer.VoiceEmbassy {
		if f, ok := cx.drafterVerdict(sent, toks, para, pos); ok {
			out = append(out, f) // "COMMENT: Deportation is counterproductive ..."
		}
	}
	for _, m := range ms {
		if m.Pronoun == "" && m.Actor.Person {
			cx.people = append(cx.people, m.Actor)
		}
	}
	return out
}

// hypothetical reports whether the subject at toks[subj] opens a condition: "if
// Zaragoza wishes to proceed", "unless the GOF wants to".
func hypothetical(toks []token, subj int) bool {
	if subj <= 0 {
		return false
	}
	w := toks[subj-1].Lower
	if (w == "the" || w == "a") && subj >= 2 {
		w = toks[subj-2].Lower
	}
	return w == "if" || w == "unless" || w == "whether"
}

// drafterVerdict returns the drafters' own judgment in a COMMENT sentence that names
// no one and is a copula with a verdict: "Deporting suspects is counterproductive",
// "Such a strategy would be a mistake", "It is essential to engage the GOQ". The subject
// (or the complement of an impersonal "it") is the target, the Embassy the actor.
func (cx *finder) drafterVerdict(sent string, toks []token, para, pos int) (found, bool) {
	be := -1
	for k := 1; k < len(toks) && k <= 10; k++ {
		if toks[k].Punct != 0 && !beForms[toks[k].Lower] || toks[k-1].Punct != 0 && toks[k-1].Punct != '.' {
			return found{}, false // a clause or an aside before the verb
		}
		if beForms[toks[k].Lower] {
			be = k
			break
		}
		if finiteVerbs[toks[k].Lower] && toks[k].Lower != "would" && toks[k].Lower != "will" {
			return found{}, false
		}
	}
	if be < 1 || subjectPronouns[toks[0].Lower] && toks[0].Lower != "it" && toks[0].Lower != "this" || prepositions[toks[0].Lower] && toks[0].Lower != "the" && toks[0].Lower != "a" || toks[0].Lower == "not" || toks[1].Lower == "following" {
		return found{}, false
	}
	label := ""
	for k := be + 1; k < len(toks) && k <= be+4; k++ {
		w := toks[k].Lower
		if l, ok := verdictWords[w]; ok && w != "wrong" {
			label = l
		} else if worthWords[w] {
			label = labSupports
		}
		if label != "" {
			if avoided(toks, k) {
				label = map[string]string{labSupports: labOpposes, labOpposes: labSupports, labSkeptical: ""}[label]
			}
			break
		}
		if toks[k].Punct != 0 {
			break
		}
	}
	if label == "" {
		return found{}, false
	}
	var target string
	if w := toks[0].Lower; w == "it" || w == "this" {
		target = extractTarget(w + sent[toks[0].End:]) // "It is essential to engage": engaging
		if strings.HasPrefix(strings.ToLower(target), w+" ") {
			return found{}, false
		}
	} else {
		target = extractTarget(sent[toks[0].Start:toks[be-1].End])
	}
	if target == "" || !standsAlone(target) || anaphoric(target) {
		return found{}, false
	}
	a := actor{Name: "Embassy", Key: "embassy", Affiliation: "United States"}
	if strings.Contains(strings.ToUpper(cx.reg.origin), "SECSTATE") {
		a = actor{Name: "Department", Key: "department", Affiliation: "United States"}
	}
	return found{Actor: a, Label: label, Target: target, Voice: summarizer.VoiceEmbassy, Paragraph: para, Quote: sent, Pos: pos}, true
}

// draftingNote reports whether the sentence is a note on how the cable was drafted:
// "POLAD Ambassador Richard Roth has approved this message", "CODEL Kerry has cleared
// this cable". Clearing a message is no position on anything in it.
func draftingNote(toks []token) bool {
	for k := 2; k+1 < len(toks); k++ {
		switch toks[k+1].Lower {
		case "message", "cable", "telegram":
		default:
			continue
		}
		if toks[k].Lower != "this" {
			continue
		}
		switch toks[k-1].Lower {
		case "cleared", "approved", "reviewed", "seen":
			return toks[k-2].Lower == "has" || toks[k-2].Lower == "have"
		}
	}
	return false
}

// possessiveStance matches an owned stance noun at toks[i]: a possessive actor ("China's",
// "his") or a country adjective ("Russian") right before it, with at most two modifiers
// between ("Tehran's persistent rejection of"), and a preposition or "that" after it. The
// actor owns the stance and what follows is its target. "their" and "its" are not
// resolved.
func (cx *finder) possessiveStance(sent string, toks []token, ms []mention, i int, voice string) (found, bool) {
	label, ok := stanceNouns[toks[i].Lower]
	if !ok && claimNouns[toks[i].Lower] && i+1 < len(toks) && toks[i+1].Lower == "that" {
		label = verdict(toks, i, cx.cues)
		ok = label != "" && label != labSupports
	}
	if !ok || i == 0 || i+1 >= len(toks) || toks[i].Punct != 0 || !nounObjects[toks[i+1].Lower] {
		return found{}, false
	}
	if capitalized(toks[i].Text) && !allCaps(sent) {
		return found{}, false // "Pakistan's Rejection of Charges": a headline quoted, not a position
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := toks[k]
		if k < i-1 && t.Punct != 0 {
			return found{}, false
		}
		var a actor
		switch {
		case t.Lower == "his" || t.Lower == "her":
			r, ok := cx.resolve(mention{Pronoun: map[string]string{"his": "he", "her": "she"}[t.Lower]}, voice)
			if !ok {
				return found{}, false
			}
			a = r
		case t.Possessive || capitalized(t.Text) && t.Punct == 0:
			hit := false
			for _, m := range ms {
				if m.End == k && m.Pronoun == "" {
					a, hit = m.Actor, true
					break
				}
			}
			if !hit && t.Possessive && !allCaps(sent) && !notNames[t.Lower] && !placeHeads[t.Lower] && len(t.Lower) > 2 && cx.reg.cs.lookup(t.Text) == nil {
				a, hit = actor{Name: t.Text, Key: t.Lower, Person: true}, true // "Morin's contention"
			}
			if !hit && !t.Possessive && !allCaps(sent) {
				if ct := cx.reg.cs.lookup(t.Text); ct != nil && !strings.EqualFold(t.Text, ct.Name) {
					a, hit = actor{Name: ct.Name, Key: strings.ToLower(ct.Name), Affiliation: ct.Name}, true // "Russian"
				}
			}
			if !hit {
				return found{}, false
			}
		default:
			if notModifier(t) || cx.cues.match(toks, k) != nil {
				return found{}, false
			}
			continue // a modifier: "persistent", "own", "personal"
		}
		if redactedName(a.Name) {
			return found{}, false
		}
		target := nounTarget(sent, toks, i)
		return found{Actor: a, Label: label, Target: target, Voice: voice, Quote: sent}, target != ""
	}
	return found{}, false
}

// nounObjects may follow an owned stance noun and open what it is about.
var nounObjects = map[string]bool{
	"to": true, "of": true, "for": true, "about": true, "over": true, "on": true,
	"regarding": true, "with": true, "against": true, "toward": true, "towards": true,
	"at": true, "that": true,
}

// notModifier reports whether t cannot stand between an owner and its stance noun as a
// modifier ("persistent", "own"): function words, verbs, negation, names.
func notModifier(t token) bool {
	w := t.Lower
	return determiners[w] || prepositions[w] || skipWords[w] || auxiliaries[w] || beForms[w] ||
		w == "no" || w == "and" || w == "or" || strings.HasSuffix(w, "ed") ||
		t.Possessive || capitalized(t.Text)
}

// sentenceSubject returns the person named as the subject of the sentence: a name that
// opens it (after "The" or a lead phrase closed by a comma) and is followed by a verb.
func (cx *finder) sentenceSubject(toks []token, ms []mention, voice string) (actor, bool) {
	lead := 0
	for k, t := range toks {
		if t.Punct == ',' && k < 8 {
			lead = k + 1 // "On June 10, Chacon told ..."
			break
		}
		if k >= 8 {
			break
		}
	}
	for _, m := range ms {
		if m.Pronoun == "he" || m.Pronoun == "she" || m.Pronoun == "we" || !m.SubjectOK || m.End+1 >= len(toks) || toks[m.End].Punct != 0 {
			continue
		}
		if (m.Start == 0 || m.Start == lead || m.Start == 1 && toks[0].Lower == "the") && verbLike(toks[m.End+1]) {
			if a, ok := cx.resolve(m, voice); ok && a.Person {
				return a, true // "Minister Chacon made it clear", "The King will tell you"
			}
			return actor{}, false
		}
	}
	return actor{}, false
}

// genericTitles are headings that name a part of a cable, not a topic: a stance is never
// "on INTRODUCTION".
var genericTitles = map[string]bool{
	"introduction": true, "background": true, "comment": true, "comments": true,
	"summary": true, "overview": true, "conclusion": true, "conclusions": true,
	"action request": true, "action requested": true, "next steps": true, "participants": true,
	"scene setter": true, "scenesetter": true, "bio note": true, "bio notes": true,
	"note": true, "discussion": true, "details": true, "key points": true, "points": true,
	"the meeting": true, "meeting": true, "readout": true, "general": true, "other issues": true,
	"miscellaneous": true, "reftel": true, "references": true, "talking points": true,
}

func genericTitle(t string) bool {
	return genericTitles[strings.ToLower(strings.Trim(strings.TrimSpace(t), ".:-"))]
}

// pronounSubject returns the index of the subject pronoun ("we", "they") right before the
// verb group of the cue at toks[i], or -1.
func pronounSubject(toks []token, i int) int {
	k := i - 1
	for k >= 0 && skipWords[toks[k].Lower] && toks[k].Punct == 0 {
		k--
	}
	if k >= 0 && subjectPronouns[toks[k].Lower] && toks[k].Punct == 0 {
		return k
	}
	return -1
}

// relativeObject reports whether the subject at toks[subj] opens an object relative
// clause ("..., which Rao welcomed", "the plan, which Kouchner rejected"): the cue's
// object is the antecedent, out of reach of a target taken after the cue. ("that" may as
// well open a complement: "told him on June 10 that Poland is eager".)
func relativeObject(toks []token, subj int) bool {
	w := toks[subj-1].Lower
	return (w == "which" || w == "whom") && toks[subj-1].Punct == 0
}
