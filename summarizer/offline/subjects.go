package offline

import (
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

var prepositions = map[string]bool{
	"in": true, "to": true, "from": true, "at": true, "for": true, "with": true, "into": true,
	"on": true, "of": true, "across": true, "inside": true, "outside": true, "toward": true,
	"towards": true, "between": true, "by": true, "about": true, "against": true, "among": true,
	"over": true, "under": true, "through": true, "than": true, "via": true, "like": true,
	"around": true, "near": true, "beyond": true, "behind": true, "along": true, "throughout": true,
	"amid": true, "amongst": true,
	"including": true, "upon": true, "within": true, "without": true, "despite": true, "the": true,
	"a": true, "an": true, "whom": true,
}

// groupNouns after a country adjective make an actor: "French officials".
var groupNouns = map[string]bool{
	"government": true, "side": true, "officials": true, "official": true, "delegation": true,
	"authorities": true, "leadership": true, "mfa": true, "ministry": true, "team": true,
	"counterparts": true, "counterpart": true, "diplomats": true, "leaders": true, "embassy": true,
	"presidency": true, "military": true, "army": true, "negotiators": true, "interlocutors": true,
	"participants": true, "members": true, "representatives": true,
}

// subordinators open a parenthetical clause that stands between a subject and its verb.
var subordinators = map[string]bool{
	"despite": true, "although": true, "though": true, "while": true, "after": true,
	"before": true, "having": true, "following": true, "according": true, "as": true,
	"in": true, "when": true, "if": true, "even": true, "which": true, "who": true,
	"once": true, "since": true, "given": true, "unlike": true, "like": true, "for": true,
	"with": true, "during": true, "however": true, "nonetheless": true, "moreover": true,
}

// mention is an actor named in a sentence, covering toks[Start..End].
type mention struct {
	Actor      actor
	Start, End int
	SubjectOK  bool   // may be the subject of a verb (not an object or a modifier)
	Pronoun    string // "he", "she", "we", "minister": to be resolved
}

// agent returns the actor named after "by" behind the passive cue ending at toks[end]
// ("protested by Egypt"), or false.
func agent(ms []mention, toks []token, end int) (actor, int, bool) {
	if end+2 >= len(toks) || toks[end+1].Lower != "by" || toks[end].Punct != 0 {
		return actor{}, -1, false
	}
	for _, m := range ms {
		if m.Pronoun == "" && (m.Start == end+2 || m.Start == end+3 && toks[end+2].Lower == "the") {
			return m.Actor, m.Start, true
		}
	}
	return actor{}, -1, false
}

// coordinated returns the actors joined to the subject at toks[subj] by "and" ("Burns
// and Araud agreed"), named ones only, nearest first.
func coordinated(ms []mention, toks []token, subj int) []actor {
	var out []actor
	for subj >= 2 && toks[subj-1].Lower == "and" && toks[subj-1].Punct == 0 {
		found := false
		for _, m := range ms {
			if m.End == subj-2 && m.Pronoun == "" && !toks[m.End].Possessive && toks[m.End].Punct == 0 {
				out = append(out, m.Actor)
				subj, found = m.Start, true
				break
			}
		}
		if !found {
			break
		}
	}
	return out
}

// wordsOf returns the texts of toks.
func wordsOf(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// mentions finds the actors named in a sentence, in order.
func (cx *finder) mentions(toks []token, caps bool, voice string) []mention {
	var ms []mention
	reg := cx.reg
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		prevPrep := i > 0 && prepositions[toks[i-1].Lower] && toks[i-1].Punct == 0
		switch t.Lower {
		case "he", "she":
			ms = append(ms, mention{Start: i, End: i, SubjectOK: !prevPrep, Pronoun: t.Lower})
			continue
		case "we":
			if voice != summarizer.VoiceReported {
				ms = append(ms, mention{Start: i, End: i, SubjectOK: true, Pronoun: "we"})
			}
			continue
		}
		if title, n := matchTitle(toks, i); n > 0 {
			name := nameAfter(toks, i+n, caps)
			if name >= 0 {
				a := reg.person(personName(toks, i+n, name), title)
				if a.Affiliation == "" {
					a.Affiliation = reg.titleAffiliation(toks, i, title)
				}
				start := i
				if i > 0 && toks[i-1].Punct == 0 && capitalized(toks[i-1].Text) && reg.cs.lookup(toks[i-1].Text) != nil {
					start = i - 1
				}
				ok := !toks[name].Possessive && !(start > 0 && prepositions[toks[start-1].Lower] && toks[start-1].Punct == 0)
				ms = append(ms, mention{Actor: a, Start: start, End: name, SubjectOK: ok})
				i = name
				continue
			}
			last := toks[i+n-1]
			if i > 1 && toks[i-2].Lower == "the" && toks[i-1].Punct == 0 && capitalized(toks[i-1].Text) && capitalized(toks[i].Text) && !last.Possessive {
				if ct := reg.cs.lookup(toks[i-1].Text); ct != nil {
					// "the Greek Foreign Minister": a role with a country.
					name := toks[i-1].Text + " " + strings.Join(wordsOf(toks[i:i+n]), " ")
					a := actor{Name: "the " + name, Key: strings.ToLower(name), Title: title, Affiliation: ct.Name, Person: true}
					ms = append(ms, mention{Actor: a, Start: i - 2, End: i + n - 1, SubjectOK: !(i > 2 && prepositions[toks[i-3].Lower])})
					i += n - 1
					continue
				}
			}
			if (i > 0 && toks[i-1].Lower == "the" || i == 0 && (title == "ambassador" || title == "charge" || title == "dcm")) && !last.Possessive && cx.roleNext(toks, i+n) {
				role := strings.Join(wordsOf(toks[i:i+n]), " ")
				if allCaps(role) {
					role = role[:1] + strings.ToLower(role[1:]) // "CHARGE SAID": the Charge
				}
				role = "the " + role
				ms = append(ms, mention{Actor: actor{Name: role}, Start: max(i-1, 0), End: i + n - 1, SubjectOK: !(i > 1 && prepositions[toks[i-2].Lower]), Pronoun: title})
				i += n - 1
				continue
			}
		}
		if !capitalized(t.Text) {
			continue
		}
		if a, ok := reg.people[strings.ToLower(t.Lower)]; ok && !caps || ok && len(t.Lower) > 3 {
			m := mention{Actor: *a, Start: i, End: i, SubjectOK: !t.Possessive && !prevPrep}
			if allCaps(a.Name) && !allCaps(t.Text) {
				m.Actor.Name = t.Text // "Gellet" in the text, "GELLET" in the subject line
			}
			ms = append(ms, m)
			continue
		}
		if m, ok := cx.countryMention(toks, i); ok {
			ms = append(ms, m)
			i = m.End
		}
	}
	return ms
}

// roleNext reports whether the token at toks[k], after "the" and a title, lets the title
// name a person ("the Ambassador said", "the Minister, who"): not when a common noun
// follows ("the chief components").
func (cx *finder) roleNext(toks []token, k int) bool {
	if k >= len(toks) || toks[k-1].Punct != 0 {
		return true
	}
	t := toks[k]
	return capitalized(t.Text) || verbLike(t) || len(cx.cues.byFirst[t.Lower]) > 0 || expressVerbs[t.Lower]
}

// countryMention matches a country, government or capital used as an actor at toks[i]:
// "France", "the GOF", "Khartoum", "the French", "French officials".
func (cx *finder) countryMention(toks []token, i int) (mention, bool) {
	cs := cx.reg.cs
	for n := min(cs.maxTokens, len(toks)-i); n >= 1; n-- {
		parts := make([]string, n)
		for k := range n {
			parts[k] = toks[i+k].Text
		}
		name := strings.Join(parts, " ")
		ct := cs.lookup(name)
		if ct == nil && n == 1 && cx.reg.host != nil && len(name) == 3 && strings.EqualFold(name, "GO"+cx.reg.host.Name[:1]) && name == strings.ToUpper(name) {
			ct = cx.reg.host // "GOQ" in a cable from Doha
		}
		if ct == nil {
			continue
		}
		if strings.HasPrefix(strings.ToUpper(name), "GO") && cx.reg.host != nil && (slices.Contains(cx.reg.host.Aliases, strings.ToUpper(name)) || ct == cx.reg.host) {
			ct = cx.reg.host
		} else if cs.ambiguous(name) {
			continue // "GOI" in a cable from neither India, Iraq, Israel, Italy nor Iran
		}
		end := i + n - 1
		last := toks[end]
		if i > 0 && populace[toks[i-1].Lower] && toks[i-1].Punct == 0 {
			return mention{}, false // "most Iranians", "ordinary Chinese": a people, not its government
		}
		if i > 0 && (toks[i-1].Lower == "mission" || toks[i-1].Lower == "embassy") && capitalized(toks[i-1].Text) && toks[i-1].Punct == 0 {
			// "Mission Saudi Arabia": the U.S. mission there, the drafters.
			a := actor{Name: "Embassy", Key: "embassy", Affiliation: "United States"}
			return mention{Actor: a, Start: i - 1, End: end, SubjectOK: !last.Possessive}, true
		}
		noun := strings.EqualFold(name, ct.Name) || slices.ContainsFunc(ct.Capital, func(c string) bool { return strings.EqualFold(c, name) }) ||
			(allCaps(name) && len(name) >= 2) || (strings.HasSuffix(name, "s") && !allCaps(name))
		asNamed := name
		if noun && last.Punct == 0 && end+1 < len(toks) && groupNouns[toks[end+1].Lower] {
			// "U.S. officials", "U.S. delegation members": the group speaks for the country.
			for end+1 < len(toks) && groupNouns[toks[end+1].Lower] && toks[end].Punct == 0 {
				end++
				asNamed += " " + toks[end].Text
			}
			last = toks[end]
		}
		if !noun {
			switch {
			case end+1 < len(toks) && groupNouns[toks[end+1].Lower]:
				end++
				asNamed = name + " " + toks[end].Text
				last = toks[end]
			case i > 0 && toks[i-1].Lower == "the" && (end+1 == len(toks) || verbLike(toks[end+1]) || last.Punct != 0):
			default:
				return mention{}, false
			}
		}
		if i > 0 && toks[i-1].Lower == "the" && !allCaps(name) {
			asNamed = toks[i-1].Text + " " + asNamed
		}
		ok := !last.Possessive
		if i > 0 && prepositions[toks[i-1].Lower] && toks[i-1].Punct == 0 && toks[i-1].Lower != "the" {
			ok = false
		}
		if i > 0 && toks[i-1].Lower == "the" && noun && strings.EqualFold(name, ct.Capital[0]) {
			ok = false // "the Paris ministerial"
		}
		if i > 1 && toks[i-1].Lower == "the" && prepositions[toks[i-2].Lower] && toks[i-2].Lower != "the" {
			ok = false
		}
		if end+1 < len(toks) && last.Punct == 0 && !verbLike(toks[end+1]) {
			ok = false // "USG policy", "French recognition"
		}
		a := actor{Name: asNamed, Key: strings.ToLower(ct.Name), Affiliation: ct.Name}
		return mention{Actor: a, Start: i, End: end, SubjectOK: ok}, true
	}
	return mention{}, false
}

// populace words before a country's people make them a populace, not an actor.
var populace = map[string]bool{
	"most": true, "many": true, "some": true, "few": true, "several": true, "ordinary": true,
	"average": true, "young": true, "other": true, "more": true, "fewer": true,
}

// verbLike reports whether t may follow a subject: an auxiliary, an adverb, a cue, a
// past tense, a coordinating "and".
func verbLike(t token) bool {
	w := t.Lower
	return skipWords[w] || auxiliaries[w] || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly") ||
		w == "and" || w == "said" || w == "told" || w == "thought" || strings.HasSuffix(w, "n't") ||
		w == "remains" || w == "wants" || w == "sees" || w == "says" || w == "believes" || w == "supports" ||
		w == "opposes" || w == "agrees" || w == "rejects" || w == "insists" || irregularPast[w] || cueVerbs[w] || pluralVerbs[w]
}

// pluralVerbs are verbs in the present after a plural subject that are never nouns:
// "Brazilian leaders continue to doubt", "the French want to".
var pluralVerbs = map[string]bool{
	"continue": true, "want": true, "intend": true, "believe": true, "seek": true,
	"refuse": true, "insist": true, "tend": true, "seem": true, "appear": true,
	"prefer": true, "expect": true, "fear": true, "remain": true, "hope": true,
}

// cueVerbs are the first words of the cues that are verbs in the present or the past
// ("prefers", "welcomes", "doubted"): after a name they make it a subject.
var cueVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(cueTable, "\n") {
		_, phrases, _ := strings.Cut(line, ":")
		for _, p := range strings.Split(phrases, ",") {
			p = strings.TrimSpace(p)
			if p == "" || strings.ContainsAny(p[:1], "+=!~") {
				continue
			}
			w := strings.Fields(p)[0]
			if strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ed") {
				m[w] = true
			}
		}
	}
	return m
}()

// irregularPast are frequent past tenses that do not end in -ed.
var irregularPast = map[string]bool{
	"took": true, "made": true, "gave": true, "saw": true, "felt": true, "knew": true,
	"held": true, "kept": true, "sought": true, "found": true, "spoke": true, "wrote": true,
	"met": true, "led": true, "left": true, "put": true, "set": true, "won": true, "lost": true,
	"sent": true, "brought": true, "began": true, "became": true, "came": true, "went": true,
}

// person returns the registry actor with surname name, or a new actor with the title.
func (reg *registry) person(name, title string) actor {
	key := strings.ToLower(strings.TrimSuffix(name, "."))
	if a, ok := reg.people[key]; ok {
		return *a
	}
	return actor{Name: name, Key: key, Title: title, Person: true}
}

// subject returns the actor of the cue toks[c..cueEnd] and the index of the token that
// names it: the name right after the cue when the cue follows a comma ("...," complained
// Jumblatt); else the words right before the verb group (skipping auxiliaries, adverbs and
// parentheticals such as ", Burns said,"); for a verb coordinated with "and" or "but",
// the subject of the previous verb; else the nearest mention before the cue that can be
// a subject. Pronouns resolve to the sentence's or the section's last main speaker. In a
// COMMENT with no named subject the actor is the Embassy, in instructions the Department.
func (cx *finder) subject(toks []token, ms []mention, c, cueEnd int, caps bool, voice string) (actor, int, bool) {
	if c > 0 && toks[c-1].Punct == ',' && cueEnd+1 < len(toks) && !takesObject[toks[c].Lower] {
		// Inverted: "..., complained Jumblatt." or "..., said the Minister." The name
		// closes the clause; "..., told Ambassador Aguirre that" names the addressee.
		for _, m := range ms {
			if m.Start == cueEnd+1 && m.Pronoun != "we" && (m.Actor.Person || m.Pronoun != "") && closesClause(toks, m.End) {
				if a, ok := cx.resolve(m, voice); ok {
					return a, m.Start, true
				}
			}
		}
		if name := nameAfter(toks, cueEnd+1, caps); name >= 0 && !caps && closesClause(toks, name) {
			n := toks[name]
			return actor{Name: n.Text, Key: n.Lower, Person: true}, cueEnd + 1, true
		}
	}
	k := c - 1
	for k >= 0 {
		for k >= 0 && (skipWords[toks[k].Lower] || strings.HasSuffix(toks[k].Lower, "ly") && len(toks[k].Lower) > 4 && !mentionEnds(ms, k)) && toks[k].Punct == 0 {
			k--
		}
		if k < 0 || toks[k].Punct != ',' {
			break
		}
		// toks[k] ends a parenthetical: find its start.
		j := k - 1
		for j >= 0 && toks[j].Punct != ',' && toks[j].Punct != ';' && toks[j].Punct != '(' && toks[j].Punct != '-' {
			j--
		}
		seg := toks[j+1 : k+1]
		if !parenthetical(seg, cx.cues) {
			break
		}
		k = j
	}
	if k >= 0 {
		t := toks[k]
		if (t.Lower == "and" || t.Lower == "but") && cx.last != nil {
			return *cx.last, k, true
		}
		if t.Lower == "and" || t.Lower == "but" || t.Lower == "rather" {
			// "The Ambassador outlined the plan and called on ...", "Israel no longer fears
			// X but rather is concerned about Y": the subject of the verb before.
			if a, at, ok := cx.clauseSubjectBefore(toks, ms, k, voice); ok {
				return a, at, true
			}
		}
		if t.Lower == "to" || toks[c-1].Lower == "to" {
			// "he will stress the need to support X": the infinitive's subject is the
			// subject of the clause it stands in.
			if a, at, ok := cx.clauseSubjectBefore(toks, ms, k, voice); ok && (a.Person || a.Affiliation != "") {
				return a, at, true
			}
		}
		if t.Lower == "who" && k > 0 {
			// "the Greek Foreign Minister, who urged": the antecedent, object or not.
			for _, m := range ms {
				if m.End == k-1 && m.Pronoun == "" {
					return m.Actor, m.Start, true
				}
			}
		}
		if t.Lower == "which" && k > 0 && toks[k-1].Punct == ',' {
			// "the United States, which could not abide": a country or body, never a person.
			for _, m := range ms {
				if m.End == k-1 && m.Pronoun == "" && !m.Actor.Person && m.Actor.Affiliation != "" {
					return m.Actor, m.Start, true
				}
			}
		}
		for _, m := range ms {
			if m.End == k {
				if (m.SubjectOK || m.Actor.Person) && !t.Possessive {
					if a, ok := cx.resolve(m, voice); ok {
						return a, m.Start, true
					}
				}
				break
			}
		}
		if summarizer.IsRedacted(t.Text) || strings.Contains(t.Text, "XXXX") {
			// A protected source: the subject, so pronouns resolve to it, never an actor.
			return actor{Name: t.Text, Key: t.Lower, Person: true}, k, true
		}
		if !caps && capitalized(t.Text) && !notNames[t.Lower] && !subjectPronouns[t.Lower] && !t.Possessive && len(t.Lower) > 2 && !notSubjectName(toks, k) && t.Punct != ';' && t.Punct != ':' && t.Punct != '.' {
			_, n := matchTitle(toks, k)
			switch {
			case n > 0:
			case institutionHeads[t.Lower]:
				// "the Spanish National Court", "the Ministry of Foreign Affairs": the body.
				if a, ok := institution(toks, k); ok {
					return a, k, true
				}
			case k > 0 && !prepositions[toks[k-1].Lower]:
				a := actor{Name: t.Text, Key: t.Lower, Person: true}
				if ct := cx.reg.cs.lookup(t.Text); ct != nil {
					a = actor{Name: t.Text, Key: strings.ToLower(ct.Name), Affiliation: ct.Name}
				}
				return a, k, true
			case k == 0 && cx.cues.match(toks, 0) == nil && len(toks) > 1 && toks[1].Lower != "to" && toks[1].Lower != "and":
				if ct := cx.reg.cs.lookup(t.Text); ct != nil {
					return actor{Name: t.Text, Key: strings.ToLower(ct.Name), Affiliation: ct.Name}, k, true
				}
				return actor{Name: t.Text, Key: t.Lower, Person: true}, k, true
			}
		}
	}
	if k >= 2 && toks[k].Lower == "others" && toks[k-1].Lower == "and" && toks[k-1].Punct == 0 {
		// "Ljajic and others asked for ...": the one named speaks.
		for _, m := range ms {
			if m.End == k-2 && m.Pronoun == "" && !toks[m.End].Possessive && toks[m.End].Punct == 0 {
				return m.Actor, m.Start, true
			}
		}
	}
	if k >= 0 && subjectPronouns[toks[k].Lower] {
		if w := toks[k].Lower; (w == "they" || w == "we") && cx.last != nil && cx.last.Key != "" {
			return *cx.last, k, true // "Zardari and Qureshi indicated they would welcome"
		}
		return actor{}, -1, false // "..., we do not believe": not an earlier name
	}
	// A name set off from its verb by an aside between commas: "President Uribe, for the
	// first time in memory, expressed". Any other name earlier in the sentence is not the
	// subject: "The English Daily Times editorial argued" is not the English.
	for n := len(ms) - 1; n >= 0 && k >= 0 && toks[k].Punct == ','; n-- {
		m := ms[n]
		if m.End >= k || !m.SubjectOK {
			continue
		}
		if toks[m.End].Punct != ',' || k-m.End > 20 || quantifiedBetween(toks, m.End, c) || hasThat(toks, m.End, k) {
			break // "Brown ..., and none of the candidates has been willing": not Brown
		}
		if a, ok := cx.resolve(m, voice); ok {
			return a, m.Start, true
		}
	}
	// An imperative ("Stress that ...", "-- Urge China to ...") speaks for the drafters.
	if c == 0 || c == 1 && !commonPlurals[toks[0].Lower] {
		switch voice {
		case summarizer.VoiceEmbassy:
			return actor{Name: "Embassy", Key: "embassy", Affiliation: "United States"}, -1, true
		case summarizer.VoiceInstruction:
			return actor{Name: "Department", Key: "department", Affiliation: "United States"}, -1, true
		}
	}
	return actor{}, -1, false
}

// takesObject are cues whose next words are their object, never an inverted subject:
// "..., told Ambassador Aguirre that", "..., urged Kouchner to".
var takesObject = map[string]bool{
	"told": true, "urged": true, "urges": true, "asked": true, "pressed": true, "encouraged": true,
	"assured": true, "informed": true, "reminded": true, "advised": true, "warned": true,
	"cautioned": true, "called": true, "invited": true, "requested": true, "pushed": true,
}

// closesClause reports whether toks[k] ends its clause: the sentence ends, or
// punctuation follows it.
func closesClause(toks []token, k int) bool {
	return k == len(toks)-1 || toks[k].Punct != 0
}

// clauseSubjectBefore returns the subject of the nearest verb before toks[k] in its
// clause: a name or pronoun followed, after adverbs and auxiliaries, by a verb.
func (cx *finder) clauseSubjectBefore(toks []token, ms []mention, k int, voice string) (actor, int, bool) {
	for n := len(ms) - 1; n >= 0; n-- {
		m := ms[n]
		if m.End >= k || !m.SubjectOK || toks[m.End].Possessive {
			continue
		}
		if !sameClause(toks, m.End, k) || ownSubject(toks, m.End, k) {
			break
		}
		j := m.End + 1
		for j < k && (skipWords[toks[j].Lower] || toks[j].Lower == "no" || toks[j].Lower == "longer" || strings.HasSuffix(toks[j].Lower, "ly") && !mentionEnds(ms, j)) {
			j++
		}
		if j <= k && toks[m.End].Punct == 0 && (verbLike(toks[j]) || cx.cues.match(toks, j) != nil) {
			if a, ok := cx.resolve(m, voice); ok {
				return a, m.Start, true
			}
			return actor{}, -1, false
		}
	}
	return actor{}, -1, false
}

// ownSubject reports whether a clause with a subject of its own opens in toks(from..to):
// a subject pronoun or a relative word ("Abdullah believes we are not willing to").
func ownSubject(toks []token, from, to int) bool {
	for k := from + 1; k < to; k++ {
		switch toks[k].Lower {
		case "we", "they", "i", "you", "it", "he", "she", "that", "which", "who", "whom":
			return true
		}
	}
	return false
}

// mentionEnds reports whether a mention ends at toks[k]: "Italy" is a name, not an
// adverb in -ly.
func mentionEnds(ms []mention, k int) bool {
	for _, m := range ms {
		if m.End == k {
			return true
		}
	}
	return false
}

// hasThat reports whether "that" stands in toks(from..to).
func hasThat(toks []token, from, to int) bool {
	for k := from + 1; k < to; k++ {
		if toks[k].Lower == "that" {
			return true
		}
	}
	return false
}

// quantifiedBetween reports whether a quantified subject ("none of the candidates",
// "few", "neither") stands between toks[from] and the cue at toks[c]: an earlier name is
// then not the cue's subject.
func quantifiedBetween(toks []token, from, c int) bool {
	for k := from + 1; k < c; k++ {
		switch toks[k].Lower {
		case "none", "neither", "nobody", "few", "everyone", "everybody", "nor":
			return true
		}
	}
	return false
}

// institutionHeads end the names of bodies that take positions: "the National Court",
// "the Foreign Office", "the Ministry of Foreign Affairs".
var institutionHeads = map[string]bool{
	"court": true, "office": true, "ministry": true, "affairs": true, "committee": true,
	"council": true, "commission": true, "parliament": true, "assembly": true, "senate": true,
	"congress": true, "agency": true, "bank": true, "fund": true, "institute": true,
	"university": true, "union": true, "organization": true, "organisation": true,
	"front": true, "movement": true, "cabinet": true, "presidency": true, "chancellery": true,
	"secretariat": true, "directorate": true, "board": true, "tribunal": true, "party": true,
	"conference": true, "service": true, "services": true, "police": true, "guard": true,
	"forces": true, "command": true, "authority": true, "administration": true,
}

// institution returns the body whose name ends at toks[k]: the run of capitalized words
// and inner "of", "for" and "and" before it, with "the" when it stands first ("the
// Ministry of Foreign Affairs"). A lone head ("Court") is no name.
func institution(toks []token, k int) (actor, bool) {
	j := k
	for j > 0 {
		p := toks[j-1]
		if p.Punct != 0 || p.Possessive {
			break
		}
		if capitalized(p.Text) && !notNames[p.Lower] {
			j--
			continue
		}
		if (p.Lower == "of" || p.Lower == "for" || p.Lower == "and") && j >= 2 && capitalized(toks[j-2].Text) && toks[j-2].Punct == 0 {
			j--
			continue
		}
		break
	}
	if j == k {
		return actor{}, false
	}
	name := strings.Join(wordsOf(toks[j:k+1]), " ")
	if j > 0 && toks[j-1].Lower == "the" {
		name = toks[j-1].Text + " " + name
	}
	return actor{Name: name, Key: strings.ToLower(strings.Join(wordsOf(toks[j:k+1]), " "))}, true
}

// subjectPronouns stand for a subject the rules do not resolve; an earlier name is not it.
var subjectPronouns = map[string]bool{
	"we": true, "they": true, "i": true, "you": true, "it": true, "this": true, "which": true,
	"there": true, "one": true, "others": true, "some": true, "many": true, "most": true,
	"everyone": true, "everybody": true, "nobody": true, "none": true, "all": true,
}

// regionModifiers open a multi-word place name: "Middle East", "Latin America".
var regionModifiers = map[string]bool{
	"middle": true, "latin": true, "north": true, "south": true, "east": true, "west": true,
	"central": true, "southeast": true, "southern": true, "northern": true, "eastern": true,
	"western": true, "far": true, "near": true, "sub-saharan": true, "horn": true,
}

// placeHeads end names of places, events and documents, which take no positions: "the
// EU-Africa Summit", "the Middle East".
var placeHeads = map[string]bool{
	"east": true, "west": true, "north": true, "south": true, "america": true, "asia": true,
	"africa": true, "europe": true, "summit": true, "conference": true, "meeting": true,
	"forum": true, "talks": true, "session": true, "declaration": true, "agreement": true,
	"accord": true, "accords": true, "treaty": true, "plan": true, "process": true,
	"initiative": true, "sea": true, "gulf": true, "ocean": true, "strait": true,
	"peninsula": true, "region": true, "province": true, "valley": true, "island": true,
	"islands": true, "city": true, "act": true, "law": true, "resolution": true,
	"roadmap": true, "strategy": true, "program": true, "programme": true, "framework": true,
	"street": true, "square": true, "airport": true, "hotel": true, "palace": true,
	"speech": true, "statement": true, "report": true, "visit": true, "election": true,
	"elections": true, "games": true, "cup": true, "olympics": true,
}

// commonPlurals are nouns for groups of people that, capitalized at the start of a
// sentence, name nobody in particular: "Members welcomed the team".
var commonPlurals = map[string]bool{
	"members": true, "officials": true, "participants": true, "sources": true, "contacts": true,
	"observers": true, "analysts": true, "experts": true, "diplomats": true, "leaders": true,
	"critics": true, "residents": true, "authorities": true, "interlocutors": true,
	"representatives": true, "delegates": true, "students": true, "journalists": true,
	"reporters": true, "activists": true, "organizers": true, "organisers": true, "voters": true,
	"citizens": true, "people": true, "locals": true, "workers": true, "officers": true,
	"soldiers": true, "troops": true, "militants": true, "insurgents": true, "commanders": true,
	"ministers": true, "judges": true, "lawyers": true, "prosecutors": true, "associations": true,
	"groups": true, "parties": true, "companies": true, "businesses": true, "ngos": true,
	"donors": true, "partners": true, "allies": true, "neighbors": true, "neighbours": true,
}

// notSubjectName reports whether the capitalized word at toks[k] cannot name an actor
// by itself: a sentence-opening participle ("Having promised ..."), the head of a place or
// event name ("the Middle East", "the EU-Africa Summit"), or the second word of a region
// ("Latin America").
func notSubjectName(toks []token, k int) bool {
	w := toks[k].Lower
	if strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") || commonPlurals[w] {
		return true // "Don't", "Members welcomed the team": no name
	}
	if strings.HasSuffix(w, "ing") && len(w) > 5 && (k == 0 || toks[k-1].Punct != 0) {
		return true
	}
	if placeHeads[w] {
		return true
	}
	return k > 0 && regionModifiers[toks[k-1].Lower] && capitalized(toks[k-1].Text) && toks[k-1].Punct == 0
}

// parenthetical reports whether seg, a comma-delimited run of words, can be skipped
// between a subject and its verb: ", Burns said,", ", despite ...,", ", however,".
func parenthetical(seg []token, c *cues) bool {
	if len(seg) == 0 {
		return false
	}
	if subordinators[seg[0].Lower] || strings.HasSuffix(seg[0].Lower, "ing") {
		return true
	}
	if len(seg) <= 5 {
		if q := c.match(seg, len(seg)-1); q != nil && (q.Label == labNeutral || assertive(q)) {
			return capitalized(seg[0].Text) || seg[0].Lower == "he" || seg[0].Lower == "she"
		}
	}
	if _, n := matchTitle(seg, 0); n > 0 && len(seg) > n && !capitalized(seg[n].Text) && len(seg) <= 12 {
		return true // ", MP and leader of the Liberal Democrats,"
	}
	if appositiveHeads[seg[0].Lower] && len(seg) <= 12 {
		return true // ", head of the Higher Islamic Shia Council,"
	}
	return len(seg) == 1 && strings.HasSuffix(seg[0].Lower, "ly")
}

// appositiveHeads open an apposition after a name: "Qabalan, head of the Council, urged".
var appositiveHeads = map[string]bool{
	"the": true, "a": true, "an": true, "head": true, "leader": true, "chief": true,
	"director": true, "chairman": true, "member": true, "spokesman": true, "minister": true,
	"president": true, "secretary": true, "deputy": true, "former": true, "who": true,
	"whose": true, "advisor": true, "adviser": true, "ambassador": true, "governor": true,
}
