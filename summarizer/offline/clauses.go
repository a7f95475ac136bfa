package offline

import (
	"strings"
)

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
	"therefore": true, "thus": true, "indeed": true, "nevertheless": true, "meanwhile": true,
	"already": true, "subsequently": true, "consequently": true, "accordingly": true,
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

// avoided reports whether "avoid", "not", "never" or "no longer" stands among the three
// words before toks[k] ("were no longer useful").
func avoided(toks []token, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch w := toks[j].Lower; {
		case w == "avoid" || w == "avoiding" || w == "not" || w == "never" || strings.HasSuffix(w, "n't"):
			return true
		case w == "longer" && j > 0 && toks[j-1].Lower == "no":
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

// determiners before a cue word make it an adjective: "his proposed conference".
var determiners = map[string]bool{
	"his": true, "her": true, "their": true, "its": true, "the": true, "a": true, "an": true,
	"our": true, "my": true, "your": true, "this": true, "that": true, "these": true, "those": true,
}

// questionVerbs before "if" open an indirect question: "asked if France agreed".
var questionVerbs = map[string]bool{
	"asked": true, "ask": true, "asks": true, "asking": true, "wondered": true, "wonder": true,
	"wonders": true, "inquired": true, "enquired": true, "queried": true, "know": true,
	"knew": true, "unclear": true, "see": true, "sure": true, "unsure": true, "clear": true,
	"question": true, "questioned": true, "doubted": true, "doubt": true, "uncertain": true,
}

// whWords open an indirect question after a verb of asking: "asked what the U.S. hoped".
var whWords = map[string]bool{"what": true, "how": true, "why": true, "which": true, "who": true, "when": true, "where": true}

// askedBefore reports whether a verb of asking stands before the wh-word at toks[k], with
// at most three words of an addressee between ("asked General Abizaid what").
func askedBefore(toks []token, k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if toks[j].Punct != 0 && j < k-1 {
			return false
		}
		switch toks[j].Lower {
		case "asked", "ask", "asks", "asking", "wondered", "wonder", "wonders", "inquired", "enquired", "queried":
			return true
		}
	}
	return false
}

// inQuestion reports whether the cue at toks[i] stands in an indirect question of its
// clause ("whether France supported", "asked if Spain would back"): it asserts nothing.
func inQuestion(toks []token, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if toks[k].Punct == ';' || toks[k].Punct == ':' || toks[k].Punct == ',' && k < i-1 && (capitalized(toks[k+1].Text) || toks[k+1].Lower == "and" || toks[k+1].Lower == "but") {
			return false // "When asked if X, Barak acknowledged", "asked what X, and reiterated": the question is over
		}
		switch w := toks[k].Lower; {
		case w == "whether":
			return true
		case w == "if" && k > 0 && questionVerbs[toks[k-1].Lower]:
			return true
		case whWords[w] && (askedBefore(toks, k) || k >= 2 && toks[k-1].Lower == "to" && toks[k-2].Lower == "as"):
			return true // "asked Abizaid what the U.S. hoped to achieve", "as to how the U.S. could support"
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
	if i >= 2 && (toks[i-1].Lower == "and" || toks[i-1].Lower == "or") && toks[i-1].Punct == 0 && (toks[i].Punct != 0 || i+1 == len(toks) || toks[i+1].Lower == "by" || toks[i+1].Lower == "as") {
		// "had been tried in the press and condemned as": the passive of the first
		// participle, when nothing but an agent or a role follows.
		for j := i - 2; j >= 0 && j >= i-8; j-- {
			if toks[j].Punct == ';' || toks[j].Punct == ':' || toks[j].Lower == "that" {
				break
			}
			if strings.HasSuffix(toks[j].Lower, "ed") && !statives[toks[j].Lower] {
				if be := passiveBe(toks, j); be >= 0 {
					return be
				}
				break
			}
		}
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

// infinitiveVerbs take an infinitive of their subject's own ("the party wanted to",
// "the government refused to"): before "to" they are no reduced passive.
var infinitiveVerbs = map[string]bool{
	"wanted": true, "wished": true, "hoped": true, "agreed": true, "refused": true,
	"pledged": true, "promised": true, "vowed": true, "declined": true, "offered": true,
	"decided": true, "planned": true, "tried": true, "threatened": true, "proposed": true,
	"preferred": true, "intended": true, "failed": true, "continued": true,
}

// reducedPassive reports whether the participle cue at toks[i] stands without its
// subject: "Asked about the visit, Joubert said", "they balk when asked to act", "the
// plan endorsed by the ministers".
func reducedPassive(toks []token, i int) bool {
	if !strings.HasSuffix(toks[i].Lower, "ed") || statives[toks[i].Lower] {
		return false
	}
	if i > 0 && i+1 < len(toks) && toks[i].Punct == 0 && toks[i-1].Punct == 0 && !capitalized(toks[i-1].Text) && !auxiliaries[toks[i-1].Lower] && !skipWords[toks[i-1].Lower] && !strings.HasSuffix(toks[i-1].Lower, "ly") && !subjectPronounWords[toks[i-1].Lower] && (auxiliaries[toks[i+1].Lower] && !(toks[i+1].Lower == "to" && infinitiveVerbs[toks[i].Lower]) || beForms[toks[i+1].Lower]) {
		return true // "the sixteen aircraft requested could be integrated"; not "he hoped to"
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

// baseAllowed reports whether a base-form cue at toks[i] is a verb: it follows an
// auxiliary (with "not" or adverbs between), and after "to" the word before is not itself
// a cue ("agreed to support" is one stance).
func baseAllowed(toks []token, i int, c *cues) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := toks[k].Lower
		if w == "to" {
			j := k - 1
			for j >= 0 && (toks[j].Lower == "not" || toks[j].Lower == "never") {
				j--
			}
			// "wants to support", "was ready to accept"; not "the funds to support", "in
			// order to back": a purpose, not a position.
			if j >= 1 && capitalized(toks[j].Text) && persuaded(toks, j) {
				return true // "Burns convinced Kouchner to agree": Kouchner agreed
			}
			return j >= 0 && controlWords[toks[j].Lower] && c.match(toks, j) == nil && !urgedBefore(toks, k)
		}
		if auxiliaries[w] || w == "we" || w == "they" || w == "i" || w == "you" {
			return true // "would support", "we support", "they oppose"
		}
		if w != "not" && w != "never" && !strings.HasSuffix(w, "ly") && w != "also" && w != "still" {
			return false
		}
	}
	return false
}

// persuadeVerbs bring their object to a position: "convinced Kouchner to agree".
var persuadeVerbs = map[string]bool{"convinced": true, "persuaded": true, "got": true, "prompted": true, "induced": true}

// persuaded reports whether the name ending at toks[j] is the object of a persuading
// verb, with at most two more words of the name or a title between.
func persuaded(toks []token, j int) bool {
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if persuadeVerbs[toks[k].Lower] {
			return true
		}
		if !capitalized(toks[k].Text) && toks[k].Lower != "the" || toks[k].Punct != 0 {
			return false
		}
	}
	return false
}

// controlWords take an infinitive that states their subject's own intention or
// attitude: "wants to support", "decided to reject", "is ready to accept", "would like to
// back". Before any other word "to support" is a purpose ("used the funds to support").
var controlWords = map[string]bool{
	"want": true, "wants": true, "wanted": true, "wish": true, "wishes": true, "wished": true,
	"plan": true, "plans": true, "planned": true, "intend": true, "intends": true,
	"intended": true, "decide": true, "decides": true, "decided": true, "continue": true,
	"continues": true, "continued": true, "seem": true, "seems": true, "seemed": true,
	"appear": true, "appears": true, "appeared": true, "try": true, "tries": true,
	"tried": true, "seek": true, "seeks": true, "sought": true, "expect": true,
	"expects": true, "like": true, "need": true, "needs": true, "needed": true,
	"ready": true, "prepared": true, "able": true, "unable": true, "determined": true,
	"likely": true, "unlikely": true, "going": true, "about": true, "began": true,
	"begin": true, "begins": true, "start": true, "started": true, "threatened": true,
	"threatens": true, "chose": true, "choose": true, "chosen": true, "aim": true,
	"aims": true, "aimed": true, "was": true, "were": true, "is": true, "are": true,
	"has": true, "have": true, "had": true, "ought": true, "remain": true, "remains": true,
	"remained": true, "moved": true, "move": true, "voted": true, "vote": true,
	"inclined": true, "disposed": true, "set": true, "used": true, "prefer": true,
	"would": true, "wouldn't": true, "won't": true, "didn't": true, "did": true,
	"may": true, "might": true, "can": true, "could": true, "will": true, "should": true,
	"must": true, "cannot": true, "agree": true, "refuse": true, "hesitate": true,
	"hesitated": true, "dared": true, "managed": true, "failed": true, "fail": true,
}

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

// deontic returns the label and the index of a modal of obligation ("should", "must",
// "ought to", "need to") that opens the predicate of the clause a verb of saying or
// arguing introduces ("said both governments should work together", "argued the U.S.
// must not wait"): supports what ought to be done, opposes what ought not. It scans up to
// fourteen words and stops at a semicolon, a colon, a contrast, a condition or the next
// cue; an inverted condition ("that should Iran develop ...") and a judgment of the past
// ("should have acted") are none. It returns "", -1 when there is none.
func deontic(toks []token, end int, c *cues) (string, int) {
	for k := end + 1; k < len(toks) && k <= end+14; k++ {
		w := toks[k].Lower
		switch w {
		case "but", "although", "though", "while", "whereas", "however", "if", "unless", "whether", "because", "since", "when":
			return "", -1
		}
		if q := c.match(toks, k); q != nil && !q.Base && !q.Pred {
			return "", -1
		}
		modal := w == "should" || w == "must" || w == "shouldn't" || w == "mustn't" ||
			(w == "ought" || w == "need" || w == "needs") && k+1 < len(toks) && toks[k+1].Lower == "to"
		if !modal && finiteVerbs[w] && !(k+1 < len(toks) && toks[k+1].Lower == "need") {
			return "", -1 // "that Kosovo independence was the only outcome, the Quint should": not the clause's modal
		}
		if modal {
			if k == end+1 || toks[k-1].Punct != 0 || toks[k-1].Lower == "that" || whWords[toks[k-1].Lower] || determiners[toks[k-1].Lower] || toks[k-1].Lower == "the" {
				return "", -1 // "that should Iran develop", "the need to"
			}
			next := k + 1
			if w == "ought" || w == "need" || w == "needs" {
				next++
			}
			neg := strings.HasSuffix(w, "n't")
			if next < len(toks) && (toks[next].Lower == "not" || toks[next].Lower == "never") {
				neg = true
				next++
			}
			if next >= len(toks) || toks[next].Lower == "have" || subjectPronounWords[toks[next].Lower] || determiners[toks[next].Lower] || capitalized(toks[next].Text) {
				return "", -1 // "should have acted": a judgment of the past; "should they enter": a condition
			}
			if neg {
				return labOpposes, k
			}
			return labSupports, k
		}
		if toks[k].Punct == ';' || toks[k].Punct == ':' {
			return "", -1
		}
	}
	return "", -1
}
