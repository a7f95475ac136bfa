package offline

import (
	"regexp"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// Internal stance labels; they are mapped onto the configured label set at the end.
const (
	labSupports    = "supports"
	labConditional = "conditional"
	labNeutral     = "neutral"
	labSkeptical   = "skeptical"
	labOpposes     = "opposes"
)

// cue is a word or phrase that shows a stance. Base cues are verbs in their base form
// ("support") and count only after an auxiliary or "to" ("did not support", "would
// accept"); Fixed cues carry their negation inside ("not convinced") and are not flipped.
type cue struct {
	Words []string
	Label string
	Base  bool
	Fixed bool
}

// cueTable lists the stance cues as "label: phrase, phrase, ...". Phrases in base form
// are marked with a leading "+", fixed phrases with a leading "!".
const cueTable = `supports: agreed, agrees, pushed, pressed, relieved, pleased, optimistic, satisfied, !not opposed, supported, supports, welcomed, welcomes, endorsed, endorses, backed, praised, praises, favored, favors, favoured, favours, committed to, pledged, pledges, urged, urges, pressed for, insisted, insists, stressed, stresses, emphasized, emphasised, emphasizes, encouraged, encourages, called for, calls for, advocated, advocates, counseled, counselled, pushed for, argued, argues, suggested, suggests, proposed, proposes, recommended, recommends, applauded, accepted, accepts, promised, promises, reaffirmed, affirmed, was supportive, expressed support, expressed strong support, expressed full support, voiced support, offered to, approved, approves, +agree, +support, +welcome, +endorse, +favor, +accept, +approve, +tolerate, +back
opposes: rejected, rejects, opposed, opposes, refused, refuses, pushed back, countered, counters, objected, resisted, resists, disagreed, disagrees, dismissed, dismisses, ruled out, rules out, vetoed, criticized, criticised, criticizes, condemned, condemns, denounced, mocked, declined, declines, took issue, protested, expressed opposition, blocked, +reject, +oppose, +refuse, +object, +resist, +veto, +block
skeptical: questioned, questions whether, doubted, doubts whether, warned, warns, feared, cautioned, cautions, pessimistic, concerned, worried, skeptical, sceptical, wondered, expressed concern, expressed grave concern, expressed deep concern, expressed serious concern, expressed strong concern, expressed doubt, expressed doubts, expressed reservations, had reservations, guarded, wary, unsure, unconvinced, expressed frustration, frustrated, lamented, complained, !not convinced, !did not believe, !does not believe, !do not believe, !did not think, !does not think, !not persuaded, !not sure, !not optimistic, !less optimistic, !not confident
neutral: said, says, noted, notes, explained, explains, indicated, indicates, told, added, adds, stated, states, commented, observed, remarked, described, acknowledged, acknowledges, believed, believes, thought, judged, responded, replied, asserted, clarified, characterized, highlighted, reiterated, confirmed, claimed, predicted, asked, recalled, mentioned, pointed out, opined, reported, assessed`

// conditionMarkers turn a cue into a conditional stance when they follow it in its
// clause; "only if" also matches "only ... if" with up to three words between.
var conditionMarkers = [][]string{
	{"in", "principle"}, {"only", "if"}, {"as", "long", "as"}, {"so", "long", "as"},
	{"provided", "that"}, {"providing", "that"}, {"on", "condition"}, {"on", "the", "condition"},
	{"unless"}, {"conditioned", "on"}, {"contingent", "on"}, {"conditional", "on"},
	{"conditional", "upon"}, {"only", "after"}, {"as", "soon", "as"},
}

// skipWords may stand between a subject and its verb.
var skipWords = map[string]bool{
	"had": true, "has": true, "have": true, "was": true, "were": true, "is": true, "are": true,
	"would": true, "will": true, "could": true, "can": true, "did": true, "does": true, "do": true,
	"might": true, "may": true, "should": true, "must": true, "also": true, "still": true,
	"then": true, "not": true, "never": true, "only": true, "further": true, "again": true,
	"nonetheless": true, "however": true, "too": true, "to": true, "been": true, "be": true,
	"somewhat": true, "very": true, "less": true, "more": true,
	"quite": true, "all": true, "both": true, "himself": true, "herself": true, "themselves": true,
	"reportedly": true, "apparently": true, "once": true, "later": true, "immediately": true,
}

// auxiliaries allow a base-form cue after them.
var auxiliaries = map[string]bool{
	"did": true, "does": true, "do": true, "would": true, "will": true, "could": true,
	"can": true, "might": true, "may": true, "should": true, "must": true, "to": true,
	"cannot": true, "won't": true, "wouldn't": true, "didn't": true, "doesn't": true,
	"don't": true, "couldn't": true, "can't": true, "shall": true,
}

var prepositions = map[string]bool{
	"in": true, "to": true, "from": true, "at": true, "for": true, "with": true, "into": true,
	"on": true, "of": true, "across": true, "inside": true, "outside": true, "toward": true,
	"towards": true, "between": true, "by": true, "about": true, "against": true, "among": true,
	"over": true, "under": true, "through": true, "than": true, "via": true, "like": true,
	"including": true, "upon": true, "within": true, "without": true, "despite": true, "the": true,
	"a": true, "an": true, "whom": true,
}

// groupNouns after a country adjective make an actor: "French officials".
var groupNouns = map[string]bool{
	"government": true, "side": true, "officials": true, "official": true, "delegation": true,
	"authorities": true, "leadership": true, "mfa": true, "ministry": true, "team": true,
	"counterparts": true, "counterpart": true, "diplomats": true, "leaders": true, "embassy": true,
	"presidency": true, "military": true, "army": true, "negotiators": true, "interlocutors": true,
}

// subordinators open a parenthetical clause that stands between a subject and its verb.
var subordinators = map[string]bool{
	"despite": true, "although": true, "though": true, "while": true, "after": true,
	"before": true, "having": true, "following": true, "according": true, "as": true,
	"in": true, "when": true, "if": true, "even": true, "which": true, "who": true,
	"once": true, "since": true, "given": true, "unlike": true, "like": true, "for": true,
	"with": true, "during": true, "however": true, "nonetheless": true, "moreover": true,
}

// cues is the parsed cueTable, longest phrases first.
type cues struct {
	list    []cue
	byFirst map[string][]int // indexes into list by first word
}

func newCues() *cues {
	c := &cues{byFirst: map[string][]int{}}
	for _, line := range strings.Split(cueTable, "\n") {
		label, phrases, _ := strings.Cut(line, ":")
		for _, p := range strings.Split(phrases, ",") {
			p = strings.TrimSpace(p)
			k := cue{Label: label}
			if rest, ok := strings.CutPrefix(p, "+"); ok {
				k.Base, p = true, rest
			}
			if rest, ok := strings.CutPrefix(p, "!"); ok {
				k.Fixed, p = true, rest
			}
			k.Words = strings.Fields(p)
			c.list = append(c.list, k)
		}
	}
	slices.SortStableFunc(c.list, func(a, b cue) int { return len(b.Words) - len(a.Words) })
	for i, k := range c.list {
		c.byFirst[k.Words[0]] = append(c.byFirst[k.Words[0]], i)
	}
	return c
}

// match returns the cue starting at toks[i], or nil: a stance noun after a verb of
// expressing ("expressed deep concern"), else the longest phrase of the table.
func (c *cues) match(toks []token, i int) *cue {
	if q := expressed(toks, i); q != nil {
		return q
	}
	for _, k := range c.byFirst[toks[i].Lower] {
		q := &c.list[k]
		if i+len(q.Words) > len(toks) {
			continue
		}
		ok := true
		for j, w := range q.Words {
			if toks[i+j].Lower != w {
				ok = false
				break
			}
		}
		if ok {
			return q
		}
	}
	return nil
}

// expressVerbs state a position through a noun: "expressed deep concern", "indicated
// disapproval", "signaled his approval".
var expressVerbs = map[string]bool{
	"expressed": true, "voiced": true, "indicated": true, "signaled": true, "signalled": true,
	"conveyed": true, "registered": true, "shared": true, "expresses": true, "voices": true,
	"reiterated": true, "reaffirmed": true,
}

// expressNouns are the nouns after an expressVerb that carry a stance.
var expressNouns = map[string]string{
	"support": labSupports, "approval": labSupports, "relief": labSupports, "optimism": labSupports,
	"satisfaction": labSupports, "appreciation": labSupports, "enthusiasm": labSupports,
	"agreement": labSupports, "willingness": labSupports, "commitment": labSupports,
	"opposition": labOpposes, "disapproval": labOpposes, "objection": labOpposes,
	"objections": labOpposes, "rejection": labOpposes, "displeasure": labOpposes,
	"anger": labOpposes, "outrage": labOpposes, "concern": labSkeptical, "concerns": labSkeptical,
	"doubt": labSkeptical, "doubts": labSkeptical, "skepticism": labSkeptical,
	"scepticism": labSkeptical, "reservations": labSkeptical, "frustration": labSkeptical,
	"pessimism": labSkeptical, "misgivings": labSkeptical, "unease": labSkeptical,
	"alarm": labSkeptical, "worry": labSkeptical, "worries": labSkeptical, "fear": labSkeptical,
	"fears": labSkeptical, "caution": labSkeptical, "disappointment": labSkeptical,
}

// expressed matches an expressVerb followed, within three words of its clause, by an
// expressNoun ("expressed his deep concern"), and returns the cue spanning them, or nil.
func expressed(toks []token, i int) *cue {
	if !expressVerbs[toks[i].Lower] {
		return nil
	}
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		if l, ok := expressNouns[toks[j].Lower]; ok {
			words := make([]string, 0, j-i+1)
			for k := i; k <= j; k++ {
				words = append(words, toks[k].Lower)
			}
			return &cue{Words: words, Label: l}
		}
		if toks[j].Punct != 0 && j < i+3 {
			break
		}
	}
	return nil
}

// mention is an actor named in a sentence, covering toks[Start..End].
type mention struct {
	Actor      actor
	Start, End int
	SubjectOK  bool   // may be the subject of a verb (not an object or a modifier)
	Pronoun    string // "he", "she", "we", "minister": to be resolved
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
	Pos       int // order of the sentence in the section
}

// determiners before a cue word make it an adjective: "his proposed conference".
var determiners = map[string]bool{
	"his": true, "her": true, "their": true, "its": true, "the": true, "a": true, "an": true,
	"our": true, "my": true, "your": true, "this": true, "that": true, "these": true, "those": true,
}

// sentenceStances finds the stances in one sentence (sent is its text, toks its words,
// voice its voice).
func (cx *finder) sentenceStances(sent string, toks []token, voice string, para, pos int) []found {
	if len(toks) == 0 {
		return nil
	}
	caps := allCaps(sent)
	ms := cx.mentions(toks, caps, voice)
	cx.main, cx.last = nil, nil
	var out []found
	prevCue := -1
	for i := 0; i < len(toks); i++ {
		q := cx.cues.match(toks, i)
		if q == nil && i == 0 && voice == summarizer.VoiceInstruction {
			q = imperative(toks[0].Lower)
		}
		if q == nil {
			continue
		}
		end := i + len(q.Words) - 1
		if q.Base && !baseAllowed(toks, i, cx.cues) {
			continue
		}
		if i > 0 && (determiners[toks[i-1].Lower] || toks[i-1].Possessive) && len(q.Words) == 1 && !q.Base {
			continue // "his proposed conference", "the concerned parties"
		}
		a, subj, ok := cx.subject(toks, ms, i, end, caps, voice)
		if !ok {
			i = end
			continue
		}
		label := q.Label
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
		if label != labSkeptical && label != "" && (conditioned(toks, i, end, cx.cues) || (label == labSupports && concessive(toks, i))) {
			label = labConditional
		}
		paren := subj > 0 && toks[subj-1].Punct == ',' && toks[end].Punct == ','
		embedded := false
		if prevCue >= 0 && subj > prevCue {
			for k := prevCue; k < subj; k++ {
				if toks[k].Lower == "that" || toks[k].Lower == "whether" {
					embedded = true
				}
			}
		}
		if a.Person && !paren && !embedded {
			cx.main = append(cx.main, a)
			cx.speakers = append(cx.speakers, a)
		}
		cx.last = &a
		prevCue = end
		var target string
		switch {
		case subj > end:
			target = extractTarget(sent[toks[0].Start:toks[i-1].End])
		case paren:
			pre := sent[clauseStart(toks, subj-1):toks[subj-1].End]
			post := strings.TrimPrefix(strings.TrimSpace(sent[toks[end].End:]), ",")
			target = extractTarget(pre + " " + post)
		default:
			target = extractTarget(sent[toks[end].End:])
			if target == "" && subj > 0 && toks[subj-1].Punct == ',' {
				// "The challenge is to find a middle way, Araud emphasized."
				target = extractTarget(sent[clauseStart(toks, subj-1):toks[subj-1].End])
			}
		}
		if label != "" {
			out = append(out, found{Actor: a, Label: label, Target: target, Voice: voice, Paragraph: para, Quote: sent, Pos: pos})
			// "President Sarkozy and FM Kouchner had expressed skepticism": both.
			for _, co := range coordinated(ms, toks, subj) {
				out = append(out, found{Actor: co, Label: label, Target: target, Voice: voice, Paragraph: para, Quote: sent, Pos: pos})
			}
		}
		i = end
	}
	for _, m := range ms {
		if m.Pronoun == "" && m.Actor.Person {
			cx.people = append(cx.people, m.Actor)
		}
	}
	return out
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

// clauseStart returns the byte offset where the clause holding toks[k] begins: after the
// last semicolon or colon before it, else the sentence start.
func clauseStart(toks []token, k int) int {
	for j := k - 1; j >= 0; j-- {
		if toks[j].Punct == ';' || toks[j].Punct == ':' {
			return toks[j+1].Start
		}
	}
	return toks[0].Start
}

// concessive reports whether the cue at toks[i] stands in a concessive clause ("while he
// agreed that ..., the Quint should"): agreement granted and then qualified.
func concessive(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		switch toks[k].Lower {
		case "while", "although", "though", "whilst":
			return true
		}
		if toks[k].Punct == ',' || toks[k].Punct == ';' {
			return false
		}
	}
	return false
}

// wordsOf returns the texts of toks.
func wordsOf(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// imperatives are the verbs that open talking points and instructions ("Stress that",
// "Urge China to"), with the stance they carry.
var imperatives = map[string]string{
	"stress": labSupports, "urge": labSupports, "encourage": labSupports, "emphasize": labSupports,
	"support": labSupports, "welcome": labSupports, "request": labSupports, "seek": labSupports,
	"press": labSupports, "underscore": labSupports, "reiterate": labSupports, "express": labNeutral,
	"reaffirm": labSupports, "ask": labSupports, "call": labSupports, "reject": labOpposes,
	"oppose": labOpposes, "warn": labSkeptical, "caution": labSkeptical, "note": labNeutral,
	"explain": labNeutral, "indicate": labNeutral, "remind": labNeutral,
}

// imperative returns the cue of an imperative verb that opens an instruction, or nil.
func imperative(w string) *cue {
	if l, ok := imperatives[w]; ok {
		return &cue{Words: []string{w}, Label: l}
	}
	return nil
}

// baseAllowed reports whether a base-form cue at toks[i] is a verb: it follows an
// auxiliary (with "not" or adverbs between), and after "to" the word before is not itself
// a cue ("agreed to support" is one stance).
func baseAllowed(toks []token, i int, c *cues) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := toks[k].Lower
		if w == "to" {
			return k == 0 || c.match(toks, k-1) == nil
		}
		if auxiliaries[w] {
			return true
		}
		if w != "not" && w != "never" && !strings.HasSuffix(w, "ly") && w != "also" && w != "still" {
			return false
		}
	}
	return false
}

// negated reports whether the cue at toks[i] is negated: "not", "never", "no" or an
// "n't" word among the three words before it, within its clause; for a skeptical cue
// also "less", "hardly" and "little" ("less worried").
func negated(toks []token, i int, label string) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := toks[k].Lower
		if w == "not" || w == "never" || w == "no" || strings.HasSuffix(w, "n't") || w == "cannot" {
			return true
		}
		if label == labSkeptical && (w == "less" || w == "hardly" || w == "little") {
			return true
		}
		if toks[k].Punct == ',' || toks[k].Punct == ';' || w == "that" || w == "but" {
			return false
		}
	}
	return false
}

// outerNegation reports whether the sentence before toks[i] denies what follows: "in no
// way meant that ...", "did not mean that ...".
func outerNegation(toks []token, i int) bool {
	for k := 0; k+1 < i; k++ {
		w := toks[k].Lower
		if w == "in" && k+2 < i && toks[k+1].Lower == "no" && toks[k+2].Lower == "way" {
			return true
		}
		if (w == "not" || w == "no") && k+2 < i {
			n := toks[k+1].Lower
			if n == "mean" || n == "meant" || n == "signal" || n == "imply" || n == "implied" {
				return true
			}
		}
	}
	return false
}

// conditioned reports whether a condition marker stands right before the cue or after it
// within its clause (up to ten words, stopping at "but", a semicolon or the next cue).
func conditioned(toks []token, start, end int, c *cues) bool {
	if start >= 2 && toks[start-2].Lower == "in" && toks[start-1].Lower == "principle" {
		return true
	}
	for k := end + 1; k < len(toks) && k <= end+10; k++ {
		if toks[k].Lower == "but" {
			return false
		}
		if q := c.match(toks, k); q != nil && !q.Base {
			return false // the next verb's clause
		}
		for _, m := range conditionMarkers {
			if matchWords(toks, k, m) {
				return true
			}
		}
		if toks[k].Lower == "only" {
			for j := k + 1; j < len(toks) && j <= k+4; j++ {
				if toks[j].Lower == "if" {
					return true
				}
			}
		}
		if toks[k].Punct == ';' {
			return false
		}
	}
	return false
}

func matchWords(toks []token, k int, words []string) bool {
	if k+len(words) > len(toks) {
		return false
	}
	for j, w := range words {
		if toks[k+j].Lower != w {
			return false
		}
	}
	return true
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
			if i > 0 && toks[i-1].Lower == "the" && !last.Possessive {
				role := "the " + strings.Join(wordsOf(toks[i:i+n]), " ")
				ms = append(ms, mention{Actor: actor{Name: role}, Start: i - 1, End: i + n - 1, SubjectOK: !(i > 1 && prepositions[toks[i-2].Lower]), Pronoun: title})
				i += n - 1
				continue
			}
		}
		if !capitalized(t.Text) {
			continue
		}
		if a, ok := reg.people[strings.ToLower(t.Lower)]; ok && !caps || ok && len(t.Lower) > 3 {
			ms = append(ms, mention{Actor: *a, Start: i, End: i, SubjectOK: !t.Possessive && !prevPrep})
			continue
		}
		if m, ok := cx.countryMention(toks, i); ok {
			ms = append(ms, m)
			i = m.End
		}
	}
	return ms
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
		if ct == nil {
			continue
		}
		if strings.HasPrefix(strings.ToUpper(name), "GO") && cx.reg.host != nil && slices.Contains(cx.reg.host.Aliases, strings.ToUpper(name)) {
			ct = cx.reg.host
		}
		end := i + n - 1
		last := toks[end]
		noun := strings.EqualFold(name, ct.Name) || slices.ContainsFunc(ct.Capital, func(c string) bool { return strings.EqualFold(c, name) }) ||
			(allCaps(name) && len(name) >= 2) || (strings.HasSuffix(name, "s") && !allCaps(name))
		asNamed := name
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

// verbLike reports whether t may follow a subject: an auxiliary, an adverb, a cue, a
// past tense, a coordinating "and".
func verbLike(t token) bool {
	w := t.Lower
	return skipWords[w] || auxiliaries[w] || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly") ||
		w == "and" || w == "said" || w == "told" || w == "thought" || strings.HasSuffix(w, "n't") ||
		w == "remains" || w == "wants" || w == "sees" || w == "says" || w == "believes" || w == "supports" ||
		w == "opposes" || w == "agrees" || w == "rejects" || w == "insists"
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
	if c > 0 && toks[c-1].Punct == ',' && cueEnd+1 < len(toks) {
		// Inverted: "..., complained Jumblatt." or "..., said the Minister."
		for _, m := range ms {
			if m.Start == cueEnd+1 && m.Pronoun != "we" && (m.Actor.Person || m.Pronoun != "") {
				if a, ok := cx.resolve(m, voice); ok {
					return a, m.Start, true
				}
			}
		}
		if name := nameAfter(toks, cueEnd+1, caps); name >= 0 && !caps {
			n := toks[name]
			return actor{Name: n.Text, Key: n.Lower, Person: true}, cueEnd + 1, true
		}
	}
	k := c - 1
	for k >= 0 {
		for k >= 0 && (skipWords[toks[k].Lower] || strings.HasSuffix(toks[k].Lower, "ly") && len(toks[k].Lower) > 4) && toks[k].Punct == 0 {
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
		if t.Lower == "who" && k > 0 {
			// "the Greek Foreign Minister, who urged": the antecedent, object or not.
			for _, m := range ms {
				if m.End == k-1 && m.Pronoun == "" {
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
		if !caps && capitalized(t.Text) && !notNames[t.Lower] && !t.Possessive && len(t.Lower) > 2 {
			_, n := matchTitle(toks, k)
			switch {
			case n > 0:
			case k > 0 && !prepositions[toks[k-1].Lower]:
				a := actor{Name: t.Text, Key: t.Lower, Person: true}
				if ct := cx.reg.cs.lookup(t.Text); ct != nil {
					a = actor{Name: t.Text, Key: strings.ToLower(ct.Name), Affiliation: ct.Name}
				}
				return a, k, true
			case k == 0 && cx.cues.match(toks, 0) == nil:
				return actor{Name: t.Text, Key: t.Lower, Person: true}, k, true
			}
		}
	}
	for n := len(ms) - 1; n >= 0; n-- {
		m := ms[n]
		if m.End >= c || !m.SubjectOK {
			continue
		}
		if a, ok := cx.resolve(m, voice); ok {
			return a, m.Start, true
		}
	}
	// An imperative ("Stress that ...", "-- Urge China to ...") speaks for the drafters.
	if c <= 1 {
		switch voice {
		case summarizer.VoiceEmbassy:
			return actor{Name: "Embassy", Key: "embassy", Affiliation: "United States"}, -1, true
		case summarizer.VoiceInstruction:
			return actor{Name: "Department", Key: "department", Affiliation: "United States"}, -1, true
		}
	}
	return actor{}, -1, false
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
		if q := c.match(seg, len(seg)-1); q != nil && q.Label == labNeutral {
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

var (
	targetLead    = regexp.MustCompile(`(?i)^(?:in principle,?\s+|that\s+|with\s+|to\s+|on\s+|about\s+|for\s+|of\s+|against\s+|by\s+|over\s+|whether\s+|at\s+|in\s+)+`)
	targetBreak   = regexp.MustCompile(`(?i);|\s--\s|:\s|\s\(|,\s(?:but|and|or|while|though|although|which|insisting|adding|saying|as|whom|who|if|since|because|despite|noting|arguing)\s|\s(?:and|but)\s+\w+ed\s|\.$`)
	objectPronoun = regexp.MustCompile(`(?i)^(?:(?:him|them|us|me)\s+(?:to\s+|that\s+)?|her\s+(?:to|that)\s+)`)
	targetSaid    = regexp.MustCompile(`,\s+(?:[A-Z][\w'/.-]*\s+){1,3}(?:said|noted|added|argued|stressed|insisted|explained|told|continued|stated)\b`)
)

// skipNamesBeforeThat drops an addressee before "that": "Burns that unity was key"
// gives "unity was key". Only names, titles and "and" may stand before "that".
func skipNamesBeforeThat(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if i > 6 {
			break
		}
		if strings.EqualFold(w, "that") && i > 0 {
			return strings.Join(words[i+1:], " ")
		}
		if !capitalized(w) && w != "and" {
			break
		}
	}
	return s
}

// targetStop are words a target may not end with.
var targetStop = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "and": true, "in": true, "on": true,
	"for": true, "with": true, "that": true, "by": true, "at": true, "from": true, "or": true,
	"its": true, "their": true, "his": true, "her": true, "as": true, "be": true, "would": true,
	"was": true, "were": true, "is": true, "are": true, "had": true, "has": true, "not": true,
	"could": true, "which": true, "this": true, "but": true, "if": true, "into": true, "than": true,
}

// maxTargetWords caps the length of a target.
const maxTargetWords = 12

// extractTarget returns the noun phrase or clause after a cue, trimmed: leading
// connectives dropped, cut at the first clause boundary and at maxTargetWords words,
// without dangling function words. It returns "" when nothing is left.
func extractTarget(rest string) string {
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, ",") {
		if i := strings.Index(rest, " that "); i >= 0 {
			rest = rest[i+len(" that "):]
		} else if i := strings.Index(rest[1:], ","); i >= 0 {
			rest = rest[i+2:]
		}
	}
	rest = strings.TrimLeft(rest, " ,")
	rest = targetLead.ReplaceAllString(rest, "")
	rest = skipNamesBeforeThat(rest)
	rest = objectPronoun.ReplaceAllString(rest, "")
	if loc := targetBreak.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	if loc := targetSaid.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	words := strings.Fields(rest)
	if len(words) > maxTargetWords {
		words = words[:maxTargetWords]
	}
	for len(words) > 0 {
		w := strings.ToLower(strings.Trim(words[len(words)-1], `,.;:"'`))
		if !targetStop[w] && w != "" {
			break
		}
		words = words[:len(words)-1]
	}
	out := strings.Join(words, " ")
	out = strings.Trim(out, `,.;:'"“”`)
	if strings.Count(out, "(") < strings.Count(out, ")") {
		out = strings.TrimRight(out, ")")
	}
	return strings.TrimSpace(out)
}
