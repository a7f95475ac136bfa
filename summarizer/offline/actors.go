package offline

import (
	"regexp"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// titles are the words and phrases that stand before a person's name, in lower case, one
// entry per phrase; longer phrases are tried first. usTitles are held only by U.S.
// officials; ministerTitles mark the officials "the minister" refers to.
var (
	titles = []string{
		"deputy assistant secretary", "assistant secretary", "under secretary", "deputy secretary",
		"secretary of state", "secretary general", "secretary-general", "secretary", "foreign minister",
		"prime minister", "deputy prime minister", "deputy foreign minister", "minister", "fm", "pm",
		"dfm", "dpm", "u/s", "a/s", "das", "a/s-equivalent", "political director", "poldir",
		"ambassador", "amb", "president", "vice president", "vp", "dr", "mr", "mrs", "ms", "senator",
		"sen", "congressman", "congresswoman", "rep", "representative", "gen", "general", "adm",
		"admiral", "col", "colonel", "lt", "king", "queen", "crown prince", "prince", "sheikh",
		"emir", "chancellor", "director", "director general", "advisor", "adviser",
		"diplomatic advisor", "chairman", "governor", "gov", "mayor", "speaker", "ayatollah",
		"unsyg", "sg", "sultan", "spokesman", "spokesperson", "commander", "special envoy", "envoy",
		"counselor", "polcouns", "dcm", "charge", "charge d'affaires", "ambassador-at-large",
		"deputy", "chief", "leader", "mp", "deputy minister", "vice minister", "state secretary",
		"national security advisor", "nsa", "cabinet advisor", "staff", "pol", "econcouns",
		"polchief", "polmiloff", "poloff", "econoff", "high representative", "commissioner",
		"judge", "justice", "professor", "prof", "father", "bishop", "archbishop", "cardinal",
		"imam", "rabbi", "general secretary", "foreign secretary", "home secretary",
		"cabinet secretary", "permanent secretary", "defense minister", "defence minister",
		"interior minister", "finance minister",
	}
	usTitles = []string{
		"deputy assistant secretary", "assistant secretary", "under secretary", "deputy secretary",
		"u/s", "a/s", "das", "senator", "sen", "congressman", "congresswoman",
		"dcm", "polcouns", "polchief", "poloff", "econoff", "econcouns", "polmiloff", "charge",
	}
	ministerTitles = []string{"foreign minister", "prime minister", "minister", "fm", "pm", "dfm", "dpm", "deputy minister", "vice minister", "deputy foreign minister", "deputy prime minister", "defense minister", "defence minister", "interior minister", "finance minister"}
)

// notNames are capitalized words that never name an actor on their own.
var notNames = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"it": true, "its": true, "in": true, "on": true, "at": true, "for": true, "and": true,
	"but": true, "or": true, "if": true, "when": true, "while": true, "as": true, "after": true,
	"before": true, "both": true, "all": true, "everyone": true, "nobody": true, "some": true,
	"many": true, "most": true, "there": true, "here": true, "end": true, "comment": true,
	"note": true, "summary": true, "begin": true, "text": true, "ref": true, "para": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "somewhat": true, "however": true,
	"also": true, "he": true, "she": true, "they": true, "we": true, "i": true, "you": true,
	"his": true, "her": true, "their": true, "our": true, "my": true, "one": true, "other": true,
	"others": true, "who": true, "which": true, "what": true, "such": true, "no": true,
	"not": true, "only": true, "each": true, "every": true, "any": true, "xxxxxxxxxxxx": true,
	"participants": true, "subject": true, "classified": true, "reason": true, "reasons": true,
	"sipdis": true, "noforn": true, "then": true, "now": true, "still": true, "thus": true,
	"so": true, "yet": true, "despite": true, "although": true, "though": true, "since": true,
	"because": true, "with": true, "from": true, "to": true, "by": true, "of": true, "about": true,
}

// actor is a person or body the cable names, known to the registry of one cable.
type actor struct {
	Name        string // as named: the surname of a person, "the GOF", "France"
	Key         string // lower-case identity used to merge mentions
	Title       string // lower-case title it was named with, "" when none
	Affiliation string
	Person      bool
}

// registry holds the actors of one cable: the participants and every titled name.
type registry struct {
	people map[string]*actor // by lower-case surname
	cs     *countries
	host   *country // the country the cable comes from, nil for the Department
	origin string
	signer string // key of the person who classified the cable under no title ("Anne W. Patterson")
}

// untitledName reports whether s, a Classified By line, is a person's name alone: two to
// four capitalized words and initials, no title ("Anne W. Patterson"). An embassy's
// chief of mission classifies under his name alone; others add their office.
func untitledName(s string) bool {
	toks := tokenize(s)
	if len(toks) < 2 || len(toks) > 4 {
		return false
	}
	if _, n := matchTitle(toks, 0); n > 0 {
		return false
	}
	for _, t := range toks {
		if !capitalized(t.Text) || allCaps(t.Text) && len(t.Text) > 1 || notNames[t.Lower] || t.Punct == ',' {
			return false
		}
	}
	return true
}

var participantSplit = regexp.MustCompile(`[,;(]`)

// newRegistry builds the actor registry of c: participants with the country labels of
// their group, names with titles in the subject and paragraphs, and the officials named
// in the Classified By line.
func newRegistry(c *summarizer.Cable, cs *countries) *registry {
	reg := &registry{people: map[string]*actor{}, cs: cs, host: cs.host(c.Origin, c.Tags), origin: c.Origin}
	reg.addParticipants(c)
	if c.ClassifiedBy != "" {
		if toks := tokenize(c.ClassifiedBy); len(toks) > 0 && (strings.Contains(strings.ToUpper(c.Origin), "AMEMBASSY") || strings.Contains(strings.ToUpper(c.Origin), "SECSTATE")) {
			name := toks[len(toks)-1].Text
			reg.addPerson(name, "", "United States")
			if untitledName(c.ClassifiedBy) {
				reg.signer = strings.ToLower(strings.TrimSuffix(name, "."))
			}
		}
	}
	given := map[string]string{}
	texts := []string{c.Subject}
	for _, p := range c.Paragraphs {
		texts = append(texts, p.Text)
	}
	all := make([][]token, 0, len(texts))
	for _, t := range texts {
		toks := tokenize(t)
		all = append(all, toks)
		caps := allCaps(t)
		for i := 0; i < len(toks); {
			title, n := matchTitle(toks, i)
			if n == 0 {
				i++
				continue
			}
			name := nameAfter(toks, i+n, caps)
			if name < 0 {
				i += n
				continue
			}
			aff := reg.titleAffiliation(toks, i, title)
			pn := personName(toks, i+n, name)
			reg.addPerson(pn, title, aff)
			if name == i+n+1 && pn == toks[name].Text {
				given[strings.ToLower(pn)] = toks[i+n].Text
			}
			i = name + 1
		}
	}
	reg.familyFirst(all, given)
	return reg
}

// ambassador returns the one person the cable names with the title Ambassador who may
// be the United States' ambassador (affiliated with it, or with no country), or false
// when there is none or more than one.
func (reg *registry) ambassador() (actor, bool) {
	if a := reg.people[reg.signer]; reg.signer != "" && a != nil && (a.Affiliation == "" || a.Affiliation == "United States") {
		// "Classified By: Anne W. Patterson": the chief of mission, whoever else the
		// cable calls Ambassador ("Ambassador Holbrooke" visiting).
		amb := *a
		amb.Affiliation = "United States"
		return amb, true
	}
	var found *actor
	for _, a := range reg.people {
		if (a.Title == "ambassador" || a.Title == "amb") && (a.Affiliation == "" || a.Affiliation == "United States") {
			if found != nil && found.Key != a.Key {
				return actor{}, false
			}
			found = a
		}
	}
	if found == nil {
		return actor{}, false
	}
	amb := *found
	amb.Affiliation = "United States"
	return amb, true
}

// titled returns the one person the cable names with title, or false when there is
// none or more than one.
func (reg *registry) titled(title string) (actor, bool) {
	var found *actor
	for _, a := range reg.people {
		if a.Title != title {
			continue
		}
		if found != nil && found.Key != a.Key {
			return actor{}, false
		}
		found = a
	}
	if found == nil {
		return actor{}, false
	}
	return *found, true
}

// familyFirst renames the people whose family name comes first ("Assistant Foreign
// Minister Liu Jieyi", then "AFM Liu", "Liu said"): a two-word name whose first word
// stands alone in the cable and whose last word never does is known by its first word.
// texts are the cable's texts as tokens; given maps the key of each two-word name's last
// word to its first word.
func (reg *registry) familyFirst(texts [][]token, given map[string]string) {
	if len(given) == 0 {
		return
	}
	alone := map[string]int{} // lower-case word -> times it stands alone as a name
	for _, toks := range texts {
		for i, tk := range toks {
			if !capitalized(tk.Text) || allCaps(tk.Text) {
				continue
			}
			lw := tk.Lower
			next := i+1 < len(toks) && toks[i].Punct == 0 && capitalized(toks[i+1].Text)
			prev := i > 0 && toks[i-1].Punct == 0 && capitalized(toks[i-1].Text)
			if _, n := matchTitle(toks, max(i-1, 0)); i > 0 && (n == 1 || allCaps(toks[i-1].Text) && len(toks[i-1].Text) <= 5) {
				prev = false // "FM Liu", "AFM Liu" is alone; a title is not part of the name
			}
			if !next && !prev {
				alone[lw]++
			}
		}
	}
	for last, first := range given {
		a := reg.people[last]
		fk := strings.ToLower(first)
		if a == nil || alone[last] > 0 || alone[fk] == 0 || notNames[fk] || reg.cs.lookup(first) != nil {
			continue
		}
		if _, taken := reg.people[fk]; taken {
			continue
		}
		a.Name, a.Key = first, fk
		reg.people[fk] = a
	}
}

// addParticipants reads the participants list: each line names a person after a title,
// and lines that name a country ("U.S.", "France", "French side") label the group below.
// The labels are looked for in the paragraph that holds the list, between the lines.
func (reg *registry) addParticipants(c *summarizer.Cable) {
	if len(c.Participants) == 0 {
		return
	}
	var listText string
	for _, p := range c.Paragraphs {
		if i := strings.Index(strings.ToLower(p.Text), "participants"); i >= 0 {
			listText = p.Text[i:]
			break
		}
	}
	group := ""
	pos := 0
	for _, line := range c.Participants {
		if listText != "" {
			if k := strings.Index(listText[pos:], line); k >= 0 {
				if g := reg.groupLabel(listText[pos : pos+k]); g != "" {
					group = g
				}
				pos += k + len(line)
			}
		}
		head := strings.TrimSpace(participantSplit.Split(line, 2)[0])
		toks := tokenize(head)
		if len(toks) == 0 {
			continue
		}
		// The name is the last capitalized word of the line before any apposition.
		last := -1
		for k, t := range toks {
			if capitalized(t.Text) && !notNames[t.Lower] {
				if _, n := matchTitle(toks, k); n == 0 {
					last = k
				}
			}
		}
		if last < 0 {
			continue
		}
		if last > 0 && reg.cs.lookup(toks[last-1].Text+" "+toks[last].Text) != nil {
			continue // "Attache to the United States": a country, not a name
		}
		title, _ := matchTitle(toks, 0)
		aff := group
		if aff == "" {
			aff = reg.titleAffiliation(toks, 0, title)
		}
		reg.addPerson(toks[last].Text, title, aff)
	}
}

// groupLabel returns the country a participants group label names ("U.S.", "French
// side:", "GOF"), or "".
func (reg *registry) groupLabel(s string) string {
	s = strings.NewReplacer(":", " ", "-", " ", "Participants", " ", "participants", " ").Replace(s)
	words := strings.Fields(s)
	words = slices.DeleteFunc(words, func(w string) bool {
		lw := strings.ToLower(w)
		return lw == "side" || lw == "delegation" || lw == "the" || lw == "team" || lw == "participants"
	})
	if len(words) == 0 || len(words) > 3 {
		return ""
	}
	if ct := reg.cs.lookup(strings.Join(words, " ")); ct != nil {
		return ct.Name
	}
	return ""
}

// hostOffices before a title place its holder in the host government of an embassy cable.
var hostOffices = map[string]bool{"mfa": true, "mofa": true, "mod": true, "moi": true, "moj": true, "mof": true, "ministry": true, "presidency": true, "palace": true}

// titleAffiliation returns the country of a person named with title at toks[i]: the
// country adjective before the title ("French FM"), the host country after a host office
// in an embassy cable ("MFA Political Director"), the United States for titles only
// U.S. officials hold, and for a bare "Secretary" outside London (where "Justice
// Secretary" and "Secretary of State for ..." are British); else "".
func (reg *registry) titleAffiliation(toks []token, i int, title string) string {
	if i > 0 && toks[i-1].Punct == 0 && !toks[i-1].Possessive && capitalized(toks[i-1].Text) {
		if ct := reg.cs.lookup(toks[i-1].Text); ct != nil {
			return ct.Name
		}
	}
	if i > 0 && reg.host != nil && hostOffices[strings.ToLower(toks[i-1].Text)] {
		return reg.host.Name // "MFA Political Director Araud" in a cable from Paris
	}
	if slices.Contains(usTitles, title) {
		return "United States"
	}
	if title == "secretary" || title == "secretary of state" {
		british := reg.host != nil && reg.host.Name == "United Kingdom"
		qualified := i > 0 && capitalized(toks[i-1].Text) && toks[i-1].Punct == 0 && !allCaps(toks[i-1].Text)
		if !british && !qualified {
			return "United States"
		}
	}
	return ""
}

// personName returns the name of a person whose name words are toks[first..last]: the
// surname, or the whole name when the surname is a hyphenated given name ("Ban Ki-moon").
func personName(toks []token, first, last int) string {
	t := toks[last].Text
	if i := strings.IndexByte(t, '-'); last > first && i >= 0 && i+1 < len(t) && !capitalized(t[i+1:]) {
		parts := make([]string, 0, last-first+1)
		for k := first; k <= last; k++ {
			parts = append(parts, toks[k].Text)
		}
		return strings.Join(parts, " ")
	}
	return t
}

func (reg *registry) addPerson(name, title, aff string) {
	key := strings.ToLower(strings.TrimSuffix(name, "."))
	if notNames[key] || len(key) < 2 || reg.cs.lookup(name) != nil {
		return // a country ("U.S.", "States") is never a person
	}
	if a, ok := reg.people[key]; ok {
		if allCaps(a.Name) && !allCaps(name) {
			a.Name = name // prefer "Welch" from the body to "WELCH" from the subject line
		}
		if a.Affiliation == "" {
			a.Affiliation = aff
		}
		if a.Title == "" {
			a.Title = title
		}
		return
	}
	reg.people[key] = &actor{Name: name, Key: key, Title: title, Affiliation: aff, Person: true}
}

// commonWords are words that never name a person in all-capital text ("CHARGE SAID"): the
// stopwords, cue words and auxiliaries. Built once and only read.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopwordList) {
		m[w] = true
	}
	for _, line := range strings.Split(cueTable, "\n") {
		_, phrases, _ := strings.Cut(line, ":")
		for _, w := range strings.FieldsFunc(phrases, func(r rune) bool { return r == ',' || r == ' ' || r == '+' || r == '!' || r == '=' || r == '~' }) {
			m[w] = true
		}
	}
	for w := range skipWords {
		m[w] = true
	}
	for w := range imperatives {
		m[w] = true
	}
	return m
}()

// titleIndex maps the first word of each title to the titles' words, longest first. It
// is built once from titles and only read.
var titleIndex = indexTitles(titles)

func indexTitles(ts []string) map[string][][]string {
	idx := map[string][][]string{}
	for _, t := range ts {
		w := strings.Fields(t)
		idx[w[0]] = append(idx[w[0]], w)
	}
	for _, list := range idx {
		slices.SortStableFunc(list, func(a, b []string) int { return len(b) - len(a) })
	}
	return idx
}

// matchTitle returns the longest title that starts at toks[i] and its length in tokens,
// or "", 0.
func matchTitle(toks []token, i int) (string, int) {
	for _, words := range titleIndex[toks[i].Lower] {
		if matchWords(toks, i, words) {
			return strings.Join(words, " "), len(words)
		}
	}
	return "", 0
}

// nameAfter returns the index of the surname in the capitalized words that start at
// toks[i] (one word in all-capital text, up to three otherwise), or -1. No name follows
// a word that ends a clause or a possessive. A dotted abbreviation ("Amb.", "Dr.") may
// stand before the name.
func nameAfter(toks []token, i int, caps bool) int {
	if p := toks[max(i-1, 0)]; i > 0 && (p.Possessive || p.Punct != 0 && !(p.Punct == '.' && abbreviations[p.Lower])) {
		return -1 // "... TERRORIST LEADER. POLICE NETS", "THE COLONEL'S CONNECTION": no name follows
	}
	if i > 0 && i < len(toks) && len(toks[i-1].Text) > 3 && allCaps(toks[i-1].Text) && allCaps(toks[i].Text) {
		caps = true // "CHARGE SAID" in a capitals passage of a mixed cable
	}
	limit := 3
	if caps {
		limit = 1
	}
	last := -1
	for k := i; k < len(toks) && k < i+limit; k++ {
		t := toks[k]
		if !capitalized(t.Text) || notNames[t.Lower] {
			break
		}
		if _, n := matchTitle(toks, k); n > 0 {
			break
		}
		if caps && (len(t.Lower) < 3 || commonWords[t.Lower] || strings.HasSuffix(t.Lower, "ed") || strings.HasSuffix(t.Lower, "ing")) {
			break
		}
		last = k
		if t.Punct != 0 || t.Possessive {
			break
		}
	}
	return last
}
