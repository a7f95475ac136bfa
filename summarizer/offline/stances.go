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
// accept"); Fixed cues carry their negation inside ("not convinced") and are not flipped;
// Pred cues are adjectives that count only after a form of "be" or a linking verb ("was
// reluctant", "remained open to"), not before a noun ("a hostile press").
type cue struct {
	Words []string
	Label string
	Base  bool
	Fixed bool
	Pred  bool
}

// cueTable lists the stance cues as "label: phrase, phrase, ...". Phrases in base form
// are marked with a leading "+", fixed phrases with a leading "!", predicative adjectives
// with a leading "=".
const cueTable = `supports: agreed, agrees, pushed, pressed, relieved, pleased, optimistic, satisfied, !not opposed, supported, supports, welcomed, welcomes, endorsed, endorses, backed, praised, praises, favored, favors, favoured, favours, committed to, pledged, pledges, urged, urges, pressed for, insisted, insists, stressed, stresses, emphasized, emphasised, emphasizes, encouraged, encourages, called for, calls for, called on, calls on, advocated, advocates, counseled, counselled, pushed for, argued, argues, suggested, suggests, proposed, proposes, recommended, recommends, applauded, accepted, accepts, promised, promises, reaffirmed, affirmed, was supportive, expressed support, expressed strong support, expressed full support, voiced support, offered to, approved, approves, +agree, +support, +welcome, +endorse, +favor, +accept, +approve, +tolerate, +back, concurred, concurs, hailed, hails, lauded, lauds, commended, commends, championed, champions, embraced, embraces, underscored, underscores, underlined, underlines, requested, requests, demanded, demands, vowed, vows, hoped, hopes, preferred, prefers, appreciated, appreciates, sided with, looked forward to, looks forward to, =in favor of, =in favour of, voted in favor of, voted for, =in agreement, had high praise, had praise, =enthusiastic, =eager, =keen, =adamant, =willing, =supportive, +concur, +embrace, +abide, +countenance
conditional: =open to, =receptive, =amenable, =flexible
opposes: rejected, rejects, opposed, opposes, refused, refuses, pushed back, countered, counters, objected, resisted, resists, disagreed, disagrees, dismissed, dismisses, ruled out, rules out, vetoed, criticized, criticised, criticizes, condemned, condemns, denounced, mocked, declined, declines, took issue, protested, expressed opposition, blocked, voted against, spoke against, spoke out against, came out against, lobbied against, campaigned against, retorted, +reject, +oppose, +refuse, +object, +resist, +veto, +block, faulted, faults, rebuffed, rebuffs, rebuked, rebukes, refuted, refutes, rebutted, disputed, disputes, contested, attacked, slammed, blasted, decried, decries, deplored, deplores, chided, castigated, lambasted, assailed, disparaged, derided, ridiculed, scoffed at, spurned, repudiated, disavowed, renounced, resented, balked at, balks at, balked, backed away from, backed off, walked away from, distanced, displeased, irritated, angered, =dismissive, =critical of, =hostile, =averse, =against, =angry, =furious, =upset, +dismiss, +rule out, +criticize, +condemn
skeptical: questioned, questions whether, doubted, doubts whether, warned, warns, feared, cautioned, cautions, pessimistic, concerned, worried, skeptical, sceptical, wondered, expressed concern, expressed grave concern, expressed deep concern, expressed serious concern, expressed strong concern, expressed doubt, expressed doubts, expressed reservations, had reservations, guarded, wary, unsure, unconvinced, expressed frustration, frustrated, lamented, complained, !not convinced, !did not believe, !does not believe, !do not believe, !did not think, !does not think, !not persuaded, !not sure, !not optimistic, !less optimistic, !not confident, had concerns, had doubts, had misgivings, troubled, alarmed, dismayed, disappointed, downplayed, played down, !less enthusiastic, !not enthusiastic, !less keen, !not keen, =reluctant, =hesitant, =leery, =suspicious, =distrustful, =mistrustful, =cynical, =dubious, =doubtful, =uneasy, =nervous, =apprehensive, =unenthusiastic, =lukewarm, =ambivalent
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
	"remained": true, "remains": true, "remain": true, "seemed": true, "seems": true, "now": true,
	"appeared": true, "appears": true, "became": true, "becomes": true, "grew": true,
}

// linkingVerbs let a predicative adjective cue follow them: "was reluctant", "remained
// open to", "seemed receptive".
var linkingVerbs = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"am": true, "remained": true, "remains": true, "remain": true, "seemed": true, "seems": true,
	"appeared": true, "appears": true, "became": true, "becomes": true, "grew": true,
	"sounded": true, "looked": true, "proved": true, "stayed": true,
}

// predicative reports whether the adjective cue at toks[i] follows a linking verb, with
// at most three adverbs, "not" or degree words between ("was not entirely receptive").
func predicative(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		w := toks[k].Lower
		if linkingVerbs[w] {
			// "whom he judged to be against the Ayatollahs": the object's position.
			return toks[k].Punct == 0 && !(w == "be" && k > 0 && toks[k-1].Lower == "to")
		}
		if toks[k].Punct != 0 {
			return false
		}
		switch w {
		case "not", "never", "also", "still", "very", "quite", "so", "too", "somewhat", "more", "less", "much", "even", "rather", "fairly", "generally", "all", "both", "clearly", "now":
			continue
		}
		if !strings.HasSuffix(w, "ly") {
			return false
		}
	}
	return false
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
			if rest, ok := strings.CutPrefix(p, "="); ok {
				k.Pred, p = true, rest
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
	"reiterated": true, "reaffirmed": true, "noted": true, "raised": true,
}

// weakExpressVerbs state the subject's own position through a noun only when no owner
// follows the noun: "noted concern over the sale", not "noted the concern of the Gulf
// states" or "noted support among voters".
var weakExpressVerbs = map[string]bool{"noted": true, "raised": true}

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
			if weakExpressVerbs[toks[i].Lower] && j+1 < len(toks) {
				switch toks[j+1].Lower {
				case "of", "among", "within", "in", "by", "from":
					return nil
				}
			}
			return &cue{Words: words, Label: l}
		}
		if toks[j].Possessive {
			break // "noted China's opposition": China's, not the speaker's
		}
		if toks[j].Punct != 0 && j < i+3 {
			break
		}
	}
	return nil
}

// stanceNouns carry a stance when an actor owns them: "China's opposition to a new
// resolution", "his concern that ...", "Russian objections to the system".
var stanceNouns = map[string]string{
	"support": labSupports, "approval": labSupports, "endorsement": labSupports,
	"enthusiasm": labSupports, "preference": labSupports, "backing": labSupports,
	"opposition": labOpposes, "objection": labOpposes, "objections": labOpposes,
	"rejection": labOpposes, "refusal": labOpposes, "resistance": labOpposes,
	"hostility": labOpposes, "criticism": labOpposes, "criticisms": labOpposes,
	"condemnation": labOpposes, "disapproval": labOpposes,
	"concern": labSkeptical, "concerns": labSkeptical, "doubts": labSkeptical,
	"skepticism": labSkeptical, "scepticism": labSkeptical, "reservations": labSkeptical,
	"misgivings": labSkeptical, "mistrust": labSkeptical, "distrust": labSkeptical,
	"suspicion": labSkeptical, "suspicions": labSkeptical, "reluctance": labSkeptical,
	"wariness": labSkeptical, "fears": labSkeptical, "pessimism": labSkeptical,
}

// nounObjects may follow an owned stance noun and open what it is about.
var nounObjects = map[string]bool{
	"to": true, "of": true, "for": true, "about": true, "over": true, "on": true,
	"regarding": true, "with": true, "against": true, "toward": true, "towards": true,
	"at": true, "that": true,
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

// notModifier reports whether t cannot stand between an owner and its stance noun as a
// modifier ("persistent", "own"): function words, verbs, negation, names.
func notModifier(t token) bool {
	w := t.Lower
	return determiners[w] || prepositions[w] || skipWords[w] || auxiliaries[w] || beForms[w] ||
		w == "no" || w == "and" || w == "or" || strings.HasSuffix(w, "ed") ||
		t.Possessive || capitalized(t.Text)
}

// nounTarget returns what the stance noun at toks[i] is about: the words after it up to
// the verb of the clause it stands in ("China's opposition to a new resolution was
// clear" gives "a new resolution"), or the whole that-clause after a claim noun.
func nounTarget(sent string, toks []token, i int) string {
	if toks[i+1].Lower == "that" {
		return extractTarget(sent[toks[i].End:])
	}
	end := toks[i+1].End
	for k := i + 2; k < len(toks); k++ {
		w := toks[k].Lower
		if beForms[w] || auxiliaries[w] || w == "has" || w == "had" || w == "have" || w == "that" || w == "which" ||
			strings.HasSuffix(w, "ed") && !capitalized(toks[k].Text) && !determiners[toks[k-1].Lower] {
			break
		}
		end = toks[k].End
		if toks[k].Punct != 0 && toks[k].Punct != '.' || toks[k].Punct == '.' && !strings.HasSuffix(toks[k].Text, ".") {
			break
		}
	}
	return extractTarget(sent[toks[i].End:end])
}

// assertiveCues are supporting cues whose that-clause is what the actor asserts, so that
// a verdict in the clause ("argued that sanctions would be counterproductive") decides
// the label.
var assertiveCues = map[string]bool{
	"argued": true, "argues": true, "insisted": true, "insists": true, "stressed": true,
	"stresses": true, "emphasized": true, "emphasised": true, "emphasizes": true,
	"underscored": true, "underscores": true, "agreed": true, "agrees": true,
	"concurred": true, "suggested": true, "suggests": true, "countered": true,
	"retorted": true, "pushed": true,
}

func assertive(q *cue) bool { return assertiveCues[q.Words[0]] }

// claimNouns own a that-clause whose verdict is their owner's stance: "Morin's
// contention that missile defense is unwise".
var claimNouns = map[string]bool{
	"contention": true, "view": true, "belief": true, "argument": true, "assessment": true,
	"insistence": true, "claim": true, "position": true, "conviction": true,
}

// verdictWords judge the clause they stand in: "counterproductive" opposes it,
// "unlikely" doubts it.
var verdictWords = map[string]string{
	"counterproductive": labOpposes, "counter-productive": labOpposes, "folly": labOpposes,
	"unacceptable": labOpposes, "unwarranted": labOpposes, "unjustified": labOpposes,
	"wrong": labOpposes, "ill-advised": labOpposes, "mistake": labOpposes,
	"unlikely": labSkeptical, "impossible": labSkeptical, "futile": labSkeptical,
	"unrealistic": labSkeptical, "hopeless": labSkeptical, "problematic": labSkeptical,
	"doomed": labSkeptical, "pointless": labSkeptical, "unwise": labOpposes,
	"unnecessary": labOpposes,
}

// worthWords judge the clause they stand in worth doing ("it was essential to press
// ahead"), or, denied ("was not necessary"), not.
var worthWords = map[string]bool{
	"important": true, "essential": true, "necessary": true, "vital": true, "crucial": true,
	"helpful": true, "useful": true, "imperative": true, "indispensable": true,
}

// ratherThan returns the alternative an actor turns down in the clause after the cue
// ending at toks[end] ("favored talks rather than sanctions", "preferred X instead of Y"):
// the phrase after "rather than" or "instead of", up to the next comma, or "".
func ratherThan(sent string, toks []token, end int) string {
	for k := end + 1; k+2 < len(toks) && k <= end+15; k++ {
		if toks[k].Punct == ';' || toks[k].Punct == ':' {
			return ""
		}
		if (toks[k].Lower == "rather" && toks[k+1].Lower == "than" || toks[k].Lower == "instead" && toks[k+1].Lower == "of") && toks[k+1].Punct == 0 {
			rest := sent[toks[k+1].End:]
			if c := strings.IndexAny(rest, ",;:"); c >= 0 {
				rest = rest[:c]
			}
			return extractTarget(rest)
		}
	}
	return ""
}

// avoided reports whether "avoid" or "not" stands among the three words before toks[k].
func avoided(toks []token, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if w := toks[j].Lower; w == "avoid" || w == "avoiding" || w == "not" {
			return true
		}
	}
	return false
}

// verdict returns the label a verdict in the clause after the cue ending at toks[end]
// gives: a verdict word ("would be counterproductive", "was unlikely"), a failure ("would
// fail", "will not work", "would not succeed") or a denied justification ("were not yet
// warranted"). It scans up to twenty words and stops at a semicolon, a colon, a
// contrast ("but", "although", "while") or the next cue; it returns "" when there is
// none.
func verdict(toks []token, end int, c *cues) string {
	for k := end + 1; k < len(toks) && k <= end+20; k++ {
		w := toks[k].Lower
		switch w {
		case "but", "although", "though", "while", "whereas", "however":
			return ""
		}
		if q := c.match(toks, k); q != nil && !q.Base && !q.Pred {
			return ""
		}
		if l, ok := verdictWords[w]; ok {
			if w == "wrong" && !(beForms[toks[k-1].Lower] || k+1 < len(toks) && (toks[k+1].Lower == "message" || toks[k+1].Lower == "signal")) {
				continue // "the wrong things"; but "was wrong", "the wrong message"
			}
			if w == "wrong" && avoided(toks, k) {
				continue // "to avoid sending the wrong signal"
			}
			return l
		}
		if worthWords[w] {
			if avoided(toks, k) && (w == "helpful" || w == "useful") {
				return labSkeptical // "China would not be more helpful"
			}
			if avoided(toks, k) {
				return labOpposes // "was not necessary"
			}
			return labSupports
		}
		if w == "fail" || w == "work" || w == "succeed" || w == "warranted" || w == "justified" {
			neg := false
			modal := false
			for j := k - 1; j > end && j >= k-3; j-- {
				switch toks[j].Lower {
				case "not", "never", "cannot":
					neg = true
				case "would", "will", "could", "might", "to", "may", "was", "were", "is", "are", "be":
					modal = true
				}
				if strings.HasSuffix(toks[j].Lower, "n't") {
					neg = true
				}
			}
			switch {
			case w == "fail" && modal && !neg:
				return labSkeptical
			case (w == "work" || w == "succeed") && modal && neg:
				return labSkeptical
			case (w == "warranted" || w == "justified") && neg:
				return labOpposes
			}
		}
		if toks[k].Punct == ';' || toks[k].Punct == ':' {
			return ""
		}
	}
	return ""
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
	prevCue, prevKey := -1, "" // end of the previous cue and the key of its actor
	for i := 0; i < len(toks); i++ {
		q := cx.cues.match(toks, i)
		if q == nil && i == 0 && voice == summarizer.VoiceInstruction {
			q = imperative(toks[0].Lower)
		}
		if q == nil {
			if f, ok := cx.possessiveStance(sent, toks, ms, i, voice); ok {
				f.Paragraph, f.Pos = para, pos
				out = append(out, f)
				prevCue, prevKey = i, f.Actor.Key
			}
			continue
		}
		end := i + len(q.Words) - 1
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
		if !ok {
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
		if (label == labNeutral || label == labSupports && assertive(q)) && !negated(toks, i, label) {
			if v := verdict(toks, end, cx.cues); v != "" && (v != labSupports || label == labNeutral) {
				label = v // "predicted that the talks would fail", "said it was essential to"
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
		cx.last = &a
		prevCue = end
		var target string
		switch {
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
			if target == "" && subj > 0 && toks[subj-1].Punct == ',' {
				// "The challenge is to find a middle way, Araud emphasized."
				target = extractTarget(sent[clauseStart(toks, subj-1):toks[subj-1].End])
			}
		}
		if label == "" || redactedName(a.Name) {
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
		out = append(out, found{Actor: a, Label: label, Target: target, Voice: voice, Paragraph: para, Quote: sent, Pos: pos})
		if label == labSupports && !passive && subj < i {
			// "continued diplomacy, rather than military action, was the best option".
			if alt := ratherThan(sent, toks, end); alt != "" {
				out = append(out, found{Actor: a, Label: labOpposes, Target: alt, Voice: voice, Paragraph: para, Quote: sent, Pos: pos})
			}
		}
		prevKey = a.Key
		// "President Sarkozy and FM Kouchner had expressed skepticism": both.
		if !passive {
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

// questionVerbs before "if" open an indirect question: "asked if France agreed".
var questionVerbs = map[string]bool{
	"asked": true, "ask": true, "asks": true, "asking": true, "wondered": true, "wonder": true,
	"wonders": true, "inquired": true, "enquired": true, "queried": true, "know": true,
	"knew": true, "unclear": true, "see": true, "sure": true, "unsure": true, "clear": true,
	"question": true, "questioned": true, "doubted": true, "doubt": true, "uncertain": true,
}

// inQuestion reports whether the cue at toks[i] stands in an indirect question of its
// clause ("whether France supported", "asked if Spain would back"): it asserts nothing.
func inQuestion(toks []token, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if toks[k].Punct == ';' || toks[k].Punct == ':' {
			return false
		}
		switch w := toks[k].Lower; {
		case w == "whether":
			return true
		case w == "if" && k > 0 && questionVerbs[toks[k-1].Lower]:
			return true
		case w == "but":
			return false
		}
	}
	return false
}

// beForms make a following participle passive.
var beForms = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "am": true,
}

// statives are participles that, after a form of "be", state the subject's own position
// ("was concerned by", "is opposed to", "were encouraged by"): not passives.
var statives = map[string]bool{
	"relieved": true, "pleased": true, "satisfied": true, "committed": true, "encouraged": true,
	"opposed": true, "concerned": true, "worried": true, "guarded": true, "frustrated": true,
	"disappointed": true, "convinced": true, "unconvinced": true, "persuaded": true,
	"interested": true, "prepared": true, "determined": true, "inclined": true, "reassured": true,
	"heartened": true, "troubled": true, "alarmed": true, "dismayed": true, "surprised": true,
	"skeptical": true, "sceptical": true, "pessimistic": true, "optimistic": true,
	"agreed": true, // "were agreed that ..."
}

// passiveBe returns the index of the form of "be" that makes the cue at toks[i] a
// passive participle ("was rejected", "should be protested", "had not been accepted"),
// or -1.
func passiveBe(toks []token, i int) int {
	w := toks[i].Lower
	if !strings.HasSuffix(w, "ed") || statives[w] {
		return -1
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		lw := toks[k].Lower
		if beForms[lw] {
			return k
		}
		if toks[k].Punct != 0 || !(lw == "not" || lw == "never" || lw == "also" || lw == "still" || lw == "already" || strings.HasSuffix(lw, "ly")) {
			return -1
		}
	}
	return -1
}

// reducedPassive reports whether the participle cue at toks[i] stands without its
// subject: "Asked about the visit, Joubert said", "they balk when asked to act", "the
// plan endorsed by the ministers".
func reducedPassive(toks []token, i int) bool {
	if !strings.HasSuffix(toks[i].Lower, "ed") || statives[toks[i].Lower] {
		return false
	}
	if i > 0 && i+1 < len(toks) && toks[i].Punct == 0 && toks[i-1].Punct == 0 && !capitalized(toks[i-1].Text) && !auxiliaries[toks[i-1].Lower] && !skipWords[toks[i-1].Lower] && !strings.HasSuffix(toks[i-1].Lower, "ly") && (auxiliaries[toks[i+1].Lower] || beForms[toks[i+1].Lower]) {
		return true // "the sixteen aircraft requested could be integrated"
	}
	if i > 0 && toks[i-1].Lower == "action" && toks[i].Lower == "requested" {
		return true // the "ACTION REQUESTED" heading
	}
	if i == 0 {
		return len(toks) > 1 && (toks[1].Lower == "about" || toks[1].Lower == "whether" || toks[1].Lower == "if" || toks[1].Lower == "to" || toks[1].Lower == "by" || toks[1].Lower == "for" || toks[1].Lower == "on")
	}
	switch toks[i-1].Lower {
	case "when", "if", "once", "unless", "until", "whenever", "as":
		return toks[i-1].Punct == 0
	}
	// "the arrangement endorsed by NATO Defense Ministers": a participle after its noun.
	return i+1 < len(toks) && toks[i+1].Lower == "by" && toks[i].Punct == 0 && passiveBe(toks, i) < 0
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

// counterCue reports whether q is a retort ("countered", "pushed back") whose that-clause
// is what the actor holds.
func counterCue(q *cue) bool {
	if q.Label != labOpposes {
		return false
	}
	switch strings.Join(q.Words, " ") {
	case "countered", "counters", "pushed back", "objected", "protested", "retorted":
		return true
	}
	return false
}

// thatFollows reports whether a that-clause follows the cue ending at toks[end], with at
// most a comma, names, "to" or a verb of saying ("pushed back, arguing that") between.
func thatFollows(toks []token, end int) bool {
	for k := end + 1; k < len(toks) && k <= end+4; k++ {
		w := toks[k].Lower
		if w == "that" {
			return true
		}
		if !(capitalized(toks[k].Text) || w == "to" || w == "the" || w == "by" || w == "saying" || w == "arguing" || w == "noting" || w == "insisting") {
			return false
		}
	}
	return false
}

// urgeCues ask someone else to act: "urged Kouchner to support X".
var urgeCues = map[string]bool{
	"urged": true, "urges": true, "urge": true, "asked": true, "asks": true, "ask": true,
	"encouraged": true, "encourages": true, "encourage": true, "pressed": true, "presses": true,
	"press": true, "told": true, "pushed": true, "called": true, "request": true, "requested": true,
	"invited": true, "advised": true, "counseled": true, "counselled": true,
}

// urgedObject is the addressee and infinitive after an urging cue: "Kouchner to",
// "the French government not to", "him to".
var urgedObject = regexp.MustCompile(`^\s*(?:on\s+)?((?:[\w.'’/-]+\s+){1,6}?)(not\s+)?to\s+([a-z]+)\s+`)

// urgedRest strips the addressee off what follows an urging cue: after "urged Kouchner
// to support new sanctions" the urger supports "new sanctions"; after "urged China to
// reject X", X with opposes... but the label of the urging cue is kept and only the
// words change when the infinitive is itself a stance verb. It returns the rest and, when
// the addressee is asked to act, the label that request carries (supports), else "".
func urgedRest(rest string, c *cues) (string, string) {
	m := urgedObject.FindStringSubmatchIndex(rest)
	if m == nil {
		return rest, ""
	}
	np := rest[m[2]:m[3]]
	if strings.ContainsAny(np, ",;:") {
		return rest, ""
	}
	for _, w := range strings.Fields(strings.ToLower(np)) {
		if notAddressee[w] || strings.ContainsAny(w, "0123456789") {
			return rest, "" // "called on the Ambassador on September 18 to relay"
		}
	}
	verb := rest[m[6]:m[7]]
	negated := m[4] >= 0
	if l, ok := infinitiveLabel(verb, c); ok && !negated && l == labSupports {
		if obj := strings.Fields(rest[m[1]:]); len(obj) > 1 || len(obj) == 1 && !strings.HasSuffix(strings.Trim(obj[0], ".,;"), "ly") {
			return rest[m[1]:], labSupports // "to support new sanctions": the sanctions
		}
	}
	return rest[m[2]:], labSupports
}

// notAddressee are words that cannot stand in the addressee of an urging cue, so that
// "told reporters that he wanted to visit" is not a request.
var notAddressee = map[string]bool{
	"that": true, "whether": true, "if": true, "about": true, "he": true, "she": true, "it": true,
	"they": true, "we": true, "i": true, "was": true, "were": true, "is": true, "are": true,
	"had": true, "has": true, "have": true, "would": true, "will": true, "could": true,
	"should": true, "be": true, "been": true, "not": true, "in": true, "for": true, "with": true,
	"wanted": true, "want": true, "needed": true, "need": true, "plans": true, "planned": true,
	"going": true, "able": true, "willing": true, "ready": true, "how": true, "what": true,
	"on": true, "at": true, "during": true, "by": true, "from": true,
}

// infinitiveLabel returns the label of a base-form stance verb ("support", "reject").
func infinitiveLabel(w string, c *cues) (string, bool) {
	for _, k := range c.byFirst[w] {
		if q := c.list[k]; q.Base && len(q.Words) == 1 {
			return q.Label, true
		}
	}
	return "", false
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
			return k == 0 || c.match(toks, k-1) == nil && !urgedBefore(toks, k)
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

// askers are the verbs that ask someone else to act; "wanted X to" and "expected X to"
// join the urging cues.
var askers = map[string]bool{"wanted": true, "wants": true, "expected": true, "allowed": true, "forced": true, "challenged": true, "lobbied": true, "implored": true, "appealed": true, "prodded": true, "exhorted": true, "instructed": true, "tell": true, "tells": true}

// urgedBefore reports whether the "to" at toks[k] follows an urging verb and its
// addressee ("urged Kouchner to", "asked the French government to"): the infinitive
// after it is what the addressee is asked to do, not the addressee's own position.
func urgedBefore(toks []token, k int) bool {
	for j := k - 1; j >= 0 && j >= k-7; j-- {
		w := toks[j].Lower
		if urgeCues[w] || askers[w] {
			return j < k-1 || w == "called"
		}
		if j < k-1 && toks[j].Punct != 0 {
			return false
		}
		if w == "that" || w == "and" || w == "but" || w == "who" || w == "which" {
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
			if i > 0 && toks[i-1].Lower == "the" && !last.Possessive && cx.roleNext(toks, i+n) {
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
		if ct == nil {
			continue
		}
		if strings.HasPrefix(strings.ToUpper(name), "GO") && cx.reg.host != nil && slices.Contains(cx.reg.host.Aliases, strings.ToUpper(name)) {
			ct = cx.reg.host
		} else if cs.ambiguous(name) {
			continue // "GOI" in a cable from neither India, Iraq, Israel, Italy nor Iran
		}
		end := i + n - 1
		last := toks[end]
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
		if !caps && capitalized(t.Text) && !notNames[t.Lower] && !subjectPronouns[t.Lower] && !t.Possessive && len(t.Lower) > 2 && !notSubjectName(toks, k) {
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
				return actor{Name: t.Text, Key: t.Lower, Person: true}, k, true
			}
		}
	}
	if k >= 0 && subjectPronouns[toks[k].Lower] {
		if w := toks[k].Lower; (w == "they" || w == "we") && cx.last != nil && cx.last.Key != "" {
			return *cx.last, k, true // "Zardari and Qureshi indicated they would welcome"
		}
		return actor{}, -1, false // "..., we do not believe": not an earlier name
	}
	for n := len(ms) - 1; n >= 0; n-- {
		m := ms[n]
		if m.End >= c || !m.SubjectOK {
			continue
		}
		if quantifiedBetween(toks, m.End, c) {
			break // "Brown ..., and none of the candidates has been willing": not Brown
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
	"conference": true,
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

// notSubjectName reports whether the capitalized word at toks[k] cannot name an actor
// by itself: a sentence-opening participle ("Having promised ..."), the head of a place or
// event name ("the Middle East", "the EU-Africa Summit"), or the second word of a region
// ("Latin America").
func notSubjectName(toks []token, k int) bool {
	w := toks[k].Lower
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
	targetLead    = regexp.MustCompile(`(?i)^(?:in principle,?\s+|that\s+|with\s+|to\s+|on\s+|about\s+|for\s+|of\s+|against\s+|by\s+|over\s+|whether\s+|at\s+|in\s+|from\s+|(?:himself|herself|themselves|itself)\s+)+`)
	targetBreak   = regexp.MustCompile(`(?i);|\s--\s|:\s|\s\(|,\s(?:but|and|or|while|though|although|which|insisting|adding|saying|as|whom|who|if|since|because|despite|noting|arguing|\w+ing)\s|\s(?:and|but)\s+(?:\w+ed|said|told|thought|felt|made|gave|took|saw)\b|\.$`)
	objectPronoun = regexp.MustCompile(`(?i)^(?:(?:him|them|us|me)\s+(?:to\s+|that\s+)?|her\s+(?:to|that)\s+)`)
	targetSaid    = regexp.MustCompile(`,\s+(?:[A-Z][\w'/.-]*\s+){1,3}(?:said|noted|added|argued|stressed|insisted|explained|told|continued|stated)\b`)
)

// addresseeWords may stand with names in an addressee or a time before "that": "the
// Secretary the previous day that ...", "Burns and Araud on June 12 that ...".
var addresseeWords = map[string]bool{
	"and": true, "the": true, "him": true, "her": true, "them": true, "us": true, "me": true,
	"previous": true, "day": true, "week": true, "month": true, "year": true, "yesterday": true,
	"today": true, "earlier": true, "later": true, "last": true, "next": true, "morning": true,
	"afternoon": true, "evening": true, "on": true, "in": true, "during": true, "privately": true,
	"publicly": true, "again": true, "repeatedly": true, "also": true, "before": true,
	"same": true, "following": true, "recently": true, "separately": true, "both": true,
}

// skipNamesBeforeThat drops an addressee before "that": "Burns that unity was key"
// gives "unity was key", "the Secretary the previous day that he did not believe" gives
// "he did not believe". Only names, titles, times and "and" may stand before "that".
func skipNamesBeforeThat(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if i > 8 {
			break
		}
		lw := strings.ToLower(strings.Trim(w, ",."))
		if lw == "that" && i > 0 {
			return strings.Join(words[i+1:], " ")
		}
		if !capitalized(w) && !addresseeWords[lw] && !isNumber(lw) {
			break
		}
	}
	return s
}

func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if (r < '0' || r > '9') && r != '/' && r != '-' {
			return false
		}
	}
	return true
}

var (
	// dateLead is a date or time that opens a target: "on June 12 to send", "last week
	// that".
	dateLead = regexp.MustCompile(`(?i)^(?:(?:on|in|by|during|since|as\s+of)\s+)?(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)\s+\d{1,2}(?:,?\s+\d{4})?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:last|this|next|that)\s+(?:week|month|year|morning|afternoon|evening|weekend)|yesterday|today|earlier|recently)\b,?\s*`)
	// dottedEnd is a dotted abbreviation that ends a target without its last period.
	dottedEnd = regexp.MustCompile(`(?:^|[^\w.])(?:[A-Za-z]\.)+[A-Za-z]$`)
	// concessiveLead opens a concession before the main clause of a target.
	concessiveLead = regexp.MustCompile(`(?i)^(?:while|although|though|even\s+though|whereas|despite|in\s+spite\s+of)\s`)
	// addresseeOn is a named addressee before what a pushing cue is about: "Kouchner on
	// individual Sudan sanctions", "the French on Iran".
	addresseeOn = regexp.MustCompile(`^(?:(?:the|and|[A-Z][\w.'’/-]*)\s+){0,3}[A-Z][\w.'’/-]*\s+(?:on|about|regarding|over)\s+`)
)

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

// targetEnd are more words a target may not end with: articles, prepositions, conjunctions,
// pronouns, auxiliaries and determiners.
var targetEnd = map[string]bool{
	"he": true, "she": true, "it": true, "we": true, "they": true, "i": true, "you": true,
	"him": true, "them": true, "us": true, "me": true, "our": true, "your": true, "my": true,
	"will": true, "can": true, "may": true, "might": true, "must": true, "should": true,
	"shall": true, "did": true, "do": true, "does": true, "been": true, "being": true,
	"have": true, "both": true, "either": true, "neither": true, "who": true, "whom": true,
	"whose": true, "what": true, "when": true, "where": true, "while": true, "because": true,
	"so": true, "nor": true, "these": true, "those": true, "such": true, "any": true,
	"some": true, "each": true, "every": true, "no": true, "very": true, "more": true,
	"most": true, "less": true, "only": true, "just": true, "also": true, "even": true,
	"about": true, "over": true, "under": true, "against": true, "between": true,
	"among": true, "through": true, "during": true, "without": true, "within": true,
	"toward": true, "towards": true, "upon": true, "via": true, "including": true,
	"whether": true, "although": true, "though": true, "unless": true, "since": true,
	"after": true, "before": true, "until": true, "there": true, "where's": true,
}

// phraseOpeners start a clause or phrase; a capped target is cut before the last one.
var phraseOpeners = map[string]bool{
	"and": true, "but": true, "or": true, "that": true, "which": true, "who": true,
	"because": true, "while": true, "when": true, "if": true, "where": true, "whether": true,
	"since": true, "although": true, "though": true, "unless": true, "as": true, "so": true,
	"until": true, "after": true, "before": true, "with": true, "without": true, "by": true,
	"for": true, "from": true, "to": true, "in": true, "on": true, "at": true,
}

// capWords cuts words to maxTargetWords at a phrase boundary: after the last comma, or
// before the last word that opens a phrase, when that leaves at least half the cap.
func capWords(words []string) []string {
	if len(words) <= maxTargetWords {
		return words
	}
	for k := maxTargetWords; k >= maxTargetWords/2; k-- {
		if strings.HasSuffix(words[k-1], ",") {
			return words[:k]
		}
	}
	for k := maxTargetWords; k >= maxTargetWords/2; k-- {
		if phraseOpeners[strings.ToLower(words[k])] {
			return words[:k]
		}
	}
	return words[:maxTargetWords]
}

// extractTarget returns the noun phrase or clause after a cue, trimmed: leading
// connectives dropped, cut at the first clause boundary and at maxTargetWords words,
// without dangling function words. It returns "" when nothing is left.
func extractTarget(rest string) string {
	rest = strings.TrimSpace(rest)
	full := rest
	if strings.HasPrefix(rest, ",") {
		if i := strings.Index(rest, " that "); i >= 0 {
			rest = rest[i+len(" that "):]
		} else if i := strings.Index(rest[1:], ","); i >= 0 {
			rest = rest[i+2:]
		}
	}
	rest = strings.TrimLeft(rest, " ,")
	rest = targetLead.ReplaceAllString(rest, "")
	if loc := dateLead.FindStringIndex(rest); loc != nil && loc[1] < len(rest) {
		rest = targetLead.ReplaceAllString(rest[loc[1]:], "")
	}
	rest = skipNamesBeforeThat(rest)
	if loc := concessiveLead.FindStringIndex(rest); loc != nil {
		if k := strings.Index(rest, ", "); k > loc[1] && k+2 < len(rest) {
			rest = rest[k+2:] // "that while they might not talk to the USG, they would talk to France"
		}
	}
	rest = objectPronoun.ReplaceAllString(rest, "")
	if loc := addresseeOn.FindStringIndex(rest); loc != nil && loc[1] < len(rest) {
		rest = rest[loc[1]:]
	}
	if loc := targetBreak.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	if loc := targetSaid.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	words := capWords(strings.Fields(rest))
	for len(words) > 0 {
		w := strings.ToLower(strings.Trim(words[len(words)-1], `,.;:"'`))
		if !targetStop[w] && !targetEnd[w] && w != "" {
			break
		}
		words = words[:len(words)-1]
	}
	out := strings.Join(words, " ")
	out = strings.Trim(out, `,.;:'"“”`)
	if m := dottedEnd.FindString(out); m != "" && strings.Contains(full, out+".") {
		out += "." // "the U.S." keeps its period
	}
	if strings.Count(out, "(") < strings.Count(out, ")") {
		out = strings.TrimRight(out, ")")
	}
	return strings.TrimSpace(out)
}
