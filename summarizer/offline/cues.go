package offline

import (
	"slices"
	"strings"
)

// cue is a word or phrase that shows a stance. Base cues are verbs in their base form
// ("support") and count only after an auxiliary or "to" ("did not support", "would
// accept"); Fixed cues carry their negation inside ("not convinced") and are not flipped;
// Pred cues are adjectives that count only after a form of "be" or a linking verb ("was
// reluctant", "remained open to"), not before a noun ("a hostile press"). Stated cues
// take a neutral position as such ("took no position", "remained neutral"); the other
// neutral cues are verbs of saying, which report a position only through what they say.
type cue struct {
	Words  []string
	Label  string
	Base   bool
	Fixed  bool
	Pred   bool
	Stated bool // a neutral position stated as such ("took no position"), not a verb of saying
}

// cueTable lists the stance cues as "label: phrase, phrase, ...". Phrases in base form
// are marked with a leading "+", fixed phrases with a leading "!", predicative adjectives
// with a leading "=", stated neutral positions (fixed) with a leading "~".
const cueTable = `supports: wants to, wanted to, wishes to, wished to, intends to, intended to, would like to, agreed, agrees, pushed, pressed, relieved, pleased, optimistic, satisfied, !not opposed, supported, supports, welcomed, welcomes, endorsed, endorses, backed, praised, praises, favored, favors, favoured, favours, committed to, pledged, pledges, urged, urges, pressed for, insisted, insists, stressed, stresses, emphasized, emphasised, emphasizes, encouraged, encourages, called for, calls for, called on, calls on, advocated, advocates, counseled, counselled, pushed for, argued, argues, suggested, suggests, proposed, proposes, recommended, recommends, applauded, accepted, accepts, promised, promises, reaffirmed, affirmed, was supportive, expressed support, expressed strong support, expressed full support, voiced support, offered to, approved, approves, +agree, +support, +welcome, +endorse, +favor, +accept, +approve, +tolerate, +back, concurred, concurs, hailed, hails, lauded, lauds, commended, commends, championed, champions, embraced, embraces, underscored, underscores, underlined, underlines, requested, requests, asked for, asks for, +ask for, demanded, demands, vowed, vows, hoped, hopes, preferred, prefers, appreciated, appreciates, sided with, looked forward to, looks forward to, =in favor of, =in favour of, voted in favor of, voted for, =in agreement, had high praise, had praise, =enthusiastic, =eager, =keen, =adamant, =willing, =supportive, +concur, +embrace, +abide, +countenance, +stress, +emphasize, +underscore, +insist, +urge, +press for, +push for, +call for, +argue, +propose, +recommend, +request, +demand, +praise, +commend, +prefer, +favour
conditional: =open to, =receptive, =amenable, =flexible
opposes: rejected, rejects, opposed, opposes, refused, refuses, pushed back, countered, counters, objected, resisted, resists, disagreed, disagrees, dismissed, dismisses, ruled out, rules out, vetoed, criticized, criticised, criticizes, condemned, condemns, denounced, mocked, declined, declines, took issue, protested, expressed opposition, blocked, voted against, spoke against, spoke out against, came out against, lobbied against, campaigned against, retorted, +reject, +oppose, +refuse, +object, +resist, +veto, +block, faulted, faults, rebuffed, rebuffs, rebuked, rebukes, refuted, refutes, rebutted, disputed, disputes, contested, attacked, slammed, blasted, decried, decries, deplored, deplores, chided, castigated, lambasted, assailed, disparaged, derided, ridiculed, scoffed at, spurned, repudiated, disavowed, renounced, resented, balked at, balks at, balked, backed away from, backed off, walked away from, distanced, displeased, irritated, angered, =dismissive, =critical of, =hostile, =averse, =against, =angry, =furious, =upset, +dismiss, +rule out, +criticize, +condemn, +criticise, +refute, +dispute, +decline
skeptical: questioned, questions whether, doubted, doubts whether, warned, warns, feared, fears, cautioned, cautions, pessimistic, concerned, worried, skeptical, sceptical, wondered, expressed concern, expressed grave concern, expressed deep concern, expressed serious concern, expressed strong concern, expressed doubt, expressed doubts, expressed reservations, had reservations, guarded, wary, unsure, unconvinced, expressed frustration, frustrated, lamented, complained, !not convinced, !did not believe, !does not believe, !do not believe, !did not think, !does not think, !not persuaded, !not sure, !not optimistic, !less optimistic, !not confident, had concerns, had doubts, had misgivings, troubled, alarmed, dismayed, disappointed, downplayed, played down, !less enthusiastic, !not enthusiastic, !less keen, !not keen, =reluctant, =hesitant, =leery, =suspicious, =distrustful, =mistrustful, =cynical, =dubious, =doubtful, =uneasy, =nervous, =apprehensive, =unenthusiastic, =lukewarm, =ambivalent, +warn, +caution, +question, +doubt, !had little confidence, !had no confidence, !has little confidence, !has no confidence, !have little confidence, !have no confidence, !lacked confidence, !lacks confidence, !had little faith, !had no faith, !has no faith, !have no faith
neutral: ~took no position, ~takes no position, ~declined to take a position, ~declined to take sides, ~refused to take sides, ~did not take sides, ~would not take sides, ~remained neutral, ~=neutral, ~=noncommittal, ~=non-committal, ~=undecided, ~had not decided, ~had not yet decided, ~has not decided, ~has not yet decided, ~=agnostic, said, says, noted, notes, explained, explains, indicated, indicates, told, added, adds, stated, states, commented, observed, remarked, described, acknowledged, acknowledges, believed, believes, thought, judged, responded, replied, asserted, clarified, characterized, highlighted, reiterated, confirmed, claimed, predicted, asked, recalled, mentioned, pointed out, opined, reported, assessed, assured, assures, reassured, tells, conceded, concedes, admitted, admits, maintained, maintains, contended, contends, informed, briefed, recounted, speculated, surmised, estimated, remarked that, continued that, made clear, made it clear, makes clear, makes it clear, offered that, posited, averred, ventured that, expects, expected, +expect, anticipates, anticipated, suspects, suspected`

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
			if rest, ok := strings.CutPrefix(p, "~"); ok {
				k.Stated, k.Fixed, p = true, true, rest
			}
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
	"stated": true, "declared": true, "stressed": true, "emphasized": true, "underscored": true,
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
	"desire": labSupports, "wish": labSupports, "interest": labSupports, "intention": labSupports,
	"readiness": labSupports, "hope": labSupports, "hopes": labSupports, "preference": labSupports,
	"opposition": labOpposes, "disapproval": labOpposes, "objection": labOpposes,
	"objections": labOpposes, "rejection": labOpposes, "displeasure": labOpposes,
	"anger": labOpposes, "outrage": labOpposes, "concern": labSkeptical, "concerns": labSkeptical,
	"doubt": labSkeptical, "doubts": labSkeptical, "skepticism": labSkeptical,
	"scepticism": labSkeptical, "reservations": labSkeptical, "frustration": labSkeptical,
	"pessimism": labSkeptical, "misgivings": labSkeptical, "unease": labSkeptical,
	"alarm": labSkeptical, "worry": labSkeptical, "worries": labSkeptical, "fear": labSkeptical,
	"fears": labSkeptical, "caution": labSkeptical, "disappointment": labSkeptical,
	"confidence": labSupports,
}

// lackWords before an expressed noun deny it: "expressed a lack of confidence in".
var lackWords = map[string]bool{"lack": true, "little": true, "no": true, "limited": true}

// expressed matches an expressVerb followed, within three words of its clause, by an
// expressNoun ("expressed his deep concern"), and returns the cue spanning them, or nil.
func expressed(toks []token, i int) *cue {
	if !expressVerbs[toks[i].Lower] {
		return nil
	}
	for j := i + 1; j < len(toks) && j <= i+4; j++ {
		if l, ok := expressNouns[toks[j].Lower]; ok && (j <= i+3 || toks[j].Lower == "confidence") {
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
			if toks[j].Lower == "confidence" {
				denied := false
				for k := i + 1; k < j; k++ {
					denied = denied || lackWords[toks[k].Lower]
				}
				switch {
				case denied:
					l = labSkeptical // "expressed a lack of confidence in"
				case j+1 >= len(toks) || toks[j+1].Lower != "in":
					return nil // "expressed confidence that X would win": a forecast
				}
			}
			return &cue{Words: words, Label: l}
		}
		if toks[j].Possessive || toks[j].Lower == "that" {
			break // "noted China's opposition": China's, not the speaker's; "that" opens a clause
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

// urgeCues ask someone else to act: "urged Kouchner to support X".
var urgeCues = map[string]bool{
	"urged": true, "urges": true, "urge": true, "asked": true, "asks": true, "ask": true,
	"encouraged": true, "encourages": true, "encourage": true, "pressed": true, "presses": true,
	"press": true, "told": true, "pushed": true, "called": true, "request": true, "requested": true,
	"invited": true, "advised": true, "counseled": true, "counselled": true,
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

// intentionCue reports whether q states an intention with its infinitive: "wants to",
// "intended to", "would like to".
func intentionCue(q *cue) bool {
	if len(q.Words) < 2 || q.Words[len(q.Words)-1] != "to" {
		return false
	}
	switch q.Words[0] {
	case "wants", "wanted", "wishes", "wished", "intends", "intended", "would":
		return true
	}
	return false
}

// noIntentVerbs, after an intention cue, make it a wish to learn, to talk or to be,
// which takes no position: "wanted to know", "wants to discuss", "wished to be seen".
var noIntentVerbs = map[string]bool{
	"know": true, "hear": true, "discuss": true, "talk": true, "speak": true, "meet": true,
	"visit": true, "return": true, "go": true, "come": true, "convey": true, "say": true,
	"ask": true, "thank": true, "express": true, "share": true, "learn": true,
	"understand": true, "clarify": true, "brief": true, "inform": true, "travel": true,
	"be": true, "note": true, "raise": true, "emphasize": true, "stress": true, "explain": true,
	"get": true, "guide": true, "check": true, "find": true, "follow": true, "let": true,
	"point": true, "add": true, "make": true, "do": true, "have": true, "take": true,
}

// avoidVerbs, after an intention cue, turn it against their object: "wants to avoid a
// confrontation" opposes the confrontation.
var avoidVerbs = map[string]bool{"avoid": true, "prevent": true, "stop": true, "block": true, "end": true, "halt": true}

// askers are the verbs that ask someone else to act; "wanted X to" and "expected X to"
// join the urging cues.
var askers = map[string]bool{"wanted": true, "wants": true, "expected": true, "allowed": true, "forced": true, "challenged": true, "lobbied": true, "implored": true, "appealed": true, "prodded": true, "exhorted": true, "instructed": true, "tell": true, "tells": true}
