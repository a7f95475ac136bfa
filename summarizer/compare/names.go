package compare

import (
	"sort"
	"strings"
	"unicode"

	"github.com/cablebrief/summarize/summarizer"
)

// commonNameParts are name parts so common that, alone, they name nobody in particular:
// a bare "Ali" or "Saleh" in a Tunis cable and in a Sanaa cable are different people.
// Lower case.
var commonNameParts = map[string]bool{
	"muhammad": true, "mohammed": true, "mohamed": true, "mohammad": true, "muhammed": true,
	"ahmed": true, "ahmad": true, "ali": true, "hassan": true, "hasan": true, "hussein": true,
	"husain": true, "hussain": true, "abdullah": true, "abdallah": true, "abdul": true,
	"ibrahim": true, "khalid": true, "khaled": true, "omar": true, "umar": true, "salim": true,
	"saleh": true, "salih": true, "mahmoud": true, "mahmud": true, "mustafa": true,
	"yusuf": true, "youssef": true, "yousef": true, "said": true, "saeed": true, "hamad": true,
	"hamid": true, "rashid": true, "nasser": true, "nasir": true, "karim": true, "aziz": true,
	"sultan": true, "faisal": true, "jamal": true, "kamal": true, "mansour": true, "walid": true,
	"tariq": true, "ismail": true, "khalil": true, "yahya": true, "ammar": true, "abu": true,
}

// sentenceWords are capitalised words that start sentences, never given names.
var sentenceWords = map[string]bool{
	"when": true, "yesterday": true, "today": true, "but": true, "and": true, "if": true,
	"as": true, "while": true, "after": true, "before": true, "then": true, "also": true,
	"however": true, "meanwhile": true, "although": true, "because": true, "since": true,
	"later": true, "earlier": true, "instead": true, "still": true, "so": true, "thus": true,
	"he": true, "she": true, "they": true, "we": true, "it": true, "in": true, "on": true,
	"at": true, "for": true, "with": true, "to": true, "by": true, "from": true, "that": true,
	"this": true, "according": true, "per": true, "that's": true, "both": true, "neither": true,
}

// notGiven are capitalised words found before a surname that are not given names: titles
// the summarizer does not know, and adjectives of institutions ("Supreme Court").
var notGiven = map[string]bool{
	"many": true, "some": true, "international": true, "islamic": true, "supreme": true,
	"constitutional": true, "human": true, "economic": true, "strategic": true, "party": true,
	"department": true, "relations": true, "democratic": true, "christian": true, "minster": true,
	"whip": true, "lord": true, "lady": true, "imam": true, "mullah": true, "emir": true, "amir": true,
	"sayyid": true, "sayed": true, "ayatollah": true, "grand": true, "justice": true, "judge": true,
	"bishop": true, "cardinal": true, "father": true, "pope": true, "commander": true,
	"colonel": true, "major": true, "captain": true, "sergeant": true, "brigadier": true,
	"marshal": true, "professor": true, "prof": true, "mp": true, "deputies": true, "federal": true,
	"new": true, "old": true, "central": true, "higher": true, "high": true, "joint": true,
	"united": true, "royal": true, "interim": true, "transitional": true, "popular": true,
	"african": true, "arab": true, "muslim": true, "western": true, "eastern": true,
	"northern": true, "southern": true, "south": true, "north": true, "east": true, "west": true,
	"pres": true, "min": true, "dep": true, "asst": true, "sec": true, "secstate": true,
	"dfm": true, "dpm": true, "vp": true, "mod": true, "moi": true, "mofa": true, "ceo": true,
	"chairman": true, "chair": true, "premier": true, "emperor": true, "co": true, "ex": true,
	"equivalent": true, "nsa": true, "coordinator": true, "counterterrorism": true,
	"governance": true, "presidency": true, "representative": true, "government": true,
	"aviation": true, "africa": true, "america": true, "europe": true, "asia": true,
	"lockheed": true, "santa": true, "san": true, "la": true, "le": true, "de": true, "del": true,
	"da": true, "dos": true, "das": true, "van": true, "von": true, "der": true, "white": true,
	"blue": true, "member": true, "untied": true, "communist": true, "liberal": true,
	"socialist": true, "conservative": true, "labour": true, "green": true, "national": true,
}

// notSurnames are keys that name institutions, not people, although ActorKey keeps them
// as it keeps surnames.
var notSurnames = map[string]bool{
	"administration": true, "committee": true, "community": true, "conference": true,
	"council": true, "court": true, "department": true, "dialogue": true, "authorities": true,
	"union": true, "commission": true, "agency": true, "assembly": true, "congress": true,
	"senate": true, "bank": true, "fund": true, "group": true, "forum": true, "front": true,
	"movement": true, "office": true, "service": true, "services": true, "board": true,
	"tribunal": true, "alliance": true, "coalition": true, "initiative": true, "process": true,
	"plan": true, "summit": true, "talks": true, "program": true, "programme": true,
	"regime": true, "center": true, "centre": true, "institute": true, "foundation": true,
	"organization": true, "organisation": true, "league": true, "federation": true,
	"army": true, "force": true, "forces": true, "police": true, "guard": true, "cabinet": true,
	"presidency": true, "palace": true, "company": true, "corporation": true, "media": true,
	"party": true, "house": true, "states": true, "nations": true, "republic": true,
	"kingdom": true, "ministry": true, "embassy": true, "parliament": true, "state": true,
}

// personSurname reports whether canon, whose key is key, may be a person's surname: a
// word of three letters or more, capitalised with lower-case letters after, that does not
// name an institution ("CDU", "Council" are not).
func personSurname(canon, key string) bool {
	if notSurnames[key] || len([]rune(key)) < 3 || strings.ContainsAny(key, " /") {
		return false
	}
	words := strings.Fields(canon)
	for i := len(words) - 1; i >= 0; i-- {
		if nameWord(words[i]) == key {
			return nameCase(words[i])
		}
	}
	return false
}

// nameCase reports whether w is written as a name: an upper-case letter, then lower-case
// letters (an inner capital is allowed, as in "McNeill", but not a final one: "AbZ").
func nameCase(w string) bool {
	w = strings.TrimFunc(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "\u2019s"), func(r rune) bool { return !unicode.IsLetter(r) })
	r := []rune(w)
	if len(r) < 2 || !unicode.IsUpper(r[0]) || unicode.IsUpper(r[len(r)-1]) {
		return false
	}
	for _, c := range r[1:] {
		if unicode.IsLower(c) {
			return true
		}
	}
	return false
}

// nameInfo is what resolveNames learns about the actor of one mention.
type nameInfo struct {
	key    string // summarizer.ActorKey of the name
	full   string // the full name: "Ammar Saleh"; "" for a bare name ("Saleh", "President Saleh")
	given  string // the given names of full, lower case: "ammar", "ali abdullah"
	titled bool   // a bare name that the name or its quotes give with a title ("President Saleh")
	mined  mined  // what the quotes say, for a bare name
	named  bool   // full comes from the actor's names, not from the quotes
}

// mined counts the forms a surname takes in the quotes of one mention.
type mined struct {
	fulls        map[string]int    // full name → occurrences
	given        map[string]string // full name → its given names, as fullName returns them
	order        []string          // full names in order of first occurrence
	titled, bare int
}

// nameInfos learns what the names of the mentions ms of report r say, for resolveNames:
// the full name of each person's name, from the actor's names or, when they are all bare,
// from the quotes (when the cable's text and the report's quotes give it at least twice).
// The result is aligned with ms; nil for a mention that is not a person's name.
func (b *builder) nameInfos(r *summarizer.Report, ms []*mention) []*nameInfo {
	infos := make([]*nameInfo, len(ms))
	for j, m := range ms {
		if strings.TrimSpace(m.names[0]) == "" {
			continue
		}
		canon, aliased := b.canonical(m.names)
		if aliased || summarizer.IsRedacted(canon) || summarizer.CountryActor(canon, m.affiliation) != "" || isRole(canon) {
			continue
		}
		key := summarizer.ActorKey(canon)
		if !personSurname(canon, key) {
			continue // an institution, a group or an acronym
		}
		in := &nameInfo{key: key}
		for _, n := range m.names {
			if full, given := fullName(n, key); full != "" && len(full) > len(in.full) {
				in.full, in.given, in.named = full, given, true
			}
		}
		if in.full == "" {
			in.titled = titleWordCount(canon) > 0
			in.mined = mineQuotes(key, m.evidence())
		}
		infos[j] = in
	}
	// A full name found in the quotes counts when the cable's text and the quotes of
	// the whole report give it twice.
	var all []summarizer.Evidence
	for _, p := range r.Cable.Paragraphs {
		all = append(all, summarizer.Evidence{Quote: p.Text})
	}
	for _, p := range r.Cable.Participants {
		all = append(all, summarizer.Evidence{Quote: p})
	}
	for _, s := range r.Sections {
		for _, st := range s.Stances {
			all = append(all, st.Evidence...)
		}
	}
	found := map[string]int{}
	minedKeys := map[string]bool{}
	var text *quoteIndex
	for _, in := range infos {
		if in != nil && in.full == "" && !minedKeys[in.key] {
			minedKeys[in.key] = true
			if text == nil {
				text = indexQuotes(all)
			}
			for f, n := range text.mine(in.key).fulls {
				found[f] += n
			}
		}
	}
	for _, in := range infos {
		if in != nil && in.full == "" {
			in.decide(found)
			in.mined = mined{} // what decide needed; not kept
		}
	}
	return infos
}

// resolveNames decides how the person names of the mentions merge across cables, setting
// each kept mention's nameScope and join.
//
// A full name is a surname with given names ("Ammar Saleh", "French FM Bernard Kouchner"),
// as nameInfos found it. When one surname comes with given names of two or more people
// among the reports ("Ammar Saleh", "Ali Abdullah Saleh"; but "Ali Saleh" is "Ali
// Abdullah Saleh", see sameGiven), each person is their own actor. A bare name ("Saleh")
// is then ambiguous, as is a bare name that is a common name part or someone's given name
// elsewhere ("Ali"): it joins the full name most frequent in its own cable that has it as
// surname or first given name, unless its quotes call the actor by a title ("President
// Saleh"); failing that it stays a bare actor, merged only within one post when it is a
// common name part or a given name. Surnames with at most one full name merge by
// summarizer.ActorKey and affiliation alone. Full names count from every mention of the
// reports, whether the filter kept it or not.
func (b *builder) resolveNames(recs []*cableRec) {
	fulls := map[string]map[string]bool{} // surname key → given names
	givens := map[string]bool{}           // every first given name
	for _, rec := range recs {
		for _, in := range rec.fulls {
			if fulls[in.key] == nil {
				fulls[in.key] = map[string]bool{}
			}
			fulls[in.key][in.given] = true
			givens[strings.Fields(in.given)[0]] = true
		}
	}
	// Given names of one surname are one person's when one is the start or the end of the
	// other: "Ali" and "Ali Abdullah", "Fassi" and "Taieb Fassi".
	same := map[string]map[string]string{} // key → given names → the longest of their person's
	people := map[string]int{}             // key → number of people
	for key, gs := range fulls {
		same[key] = sameGiven(gs)
		reps := map[string]bool{}
		for _, rep := range same[key] {
			reps[rep] = true
		}
		people[key] = len(reps)
	}
	scopeOfFull := func(in *nameInfo) string {
		if people[in.key] >= 2 {
			return "name:" + in.key + "/" + same[in.key][in.given]
		}
		return ""
	}
	for _, rec := range recs {
		// The full names of this cable by the words a bare name may stand for.
		type tally struct {
			in    *nameInfo
			count int
		}
		byWord := map[string]map[string]*tally{}
		var order []string
		for _, in := range rec.fulls {
			for _, w := range []string{in.key, strings.Fields(in.given)[0]} {
				if byWord[w] == nil {
					byWord[w] = map[string]*tally{}
				}
				t := byWord[w][in.full]
				if t == nil {
					t = &tally{in: in}
					byWord[w][in.full] = t
					order = append(order, w+"\x00"+in.full)
				}
				t.count++
			}
		}
		best := func(w string) *nameInfo {
			var top *tally
			for _, o := range order {
				ow, full, _ := strings.Cut(o, "\x00")
				if ow != w {
					continue
				}
				if t := byWord[w][full]; top == nil || t.count > top.count {
					top = t
				}
			}
			if top == nil {
				return nil
			}
			return top.in
		}
		for j, m := range rec.ms {
			in := rec.infos[j]
			switch {
			case in == nil:
				continue
			case in.full != "":
				m.nameScope = scopeOfFull(in)
				if !in.named {
					m.join = in.full // found in the quotes: the name to show
				}
				continue
			}
			common := commonNameParts[in.key] || givens[in.key]
			if people[in.key] < 2 && !common {
				continue // not ambiguous: merged by key and affiliation
			}
			if f := best(in.key); f != nil && !in.titled {
				m.join, m.nameScope = f.full, scopeOfFull(f)
				continue
			}
			if common {
				post := rec.cable.Origin
				if post == "" {
					post = postOfID(rec.cable.ID)
				}
				if post != "" {
					m.nameScope = "post:" + post
				}
			}
		}
	}
}

// sameGiven maps each of the given names gs (words joined by spaces) to the longest given
// names of the same person: two given names are one person's when the words of one
// start or end the words of the other, and so, in chains, on.
func sameGiven(gs map[string]bool) map[string]string {
	list := make([]string, 0, len(gs))
	for g := range gs {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i]) != len(list[j]) {
			return len(list[i]) > len(list[j])
		}
		return list[i] < list[j]
	})
	parent := make([]int, len(list))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	for i, a := range list {
		for j := i + 1; j < len(list); j++ {
			b := list[j]
			if strings.HasPrefix(a, b+" ") || strings.HasSuffix(a, " "+b) || strings.HasPrefix(b, a+" ") || strings.HasSuffix(b, " "+a) {
				if ri, rj := find(i), find(j); ri != rj {
					parent[max(ri, rj)] = min(ri, rj) // the root is the longest
				}
			}
		}
	}
	out := make(map[string]string, len(list))
	for i, g := range list {
		out[g] = list[find(i)]
	}
	return out
}

// fullName returns the full name in name whose surname has key and its given names, lower
// case ("Director Ammar Saleh" gives "Ammar Saleh" and "ammar"; "Ali Abdullah Saleh" gives
// "Ali Abdullah Saleh" and "ali abdullah"), or "" when name gives the surname bare or with
// titles only.
func fullName(name, key string) (full, given string) {
	words := strings.Fields(name)
	last := -1
	for i, w := range words {
		if nameWord(w) == key {
			last = i
		}
	}
	if last < 1 {
		return "", ""
	}
	first := last
	for first > 0 && givenWord(words[first-1]) {
		first--
	}
	if first == last {
		return "", ""
	}
	surname := strings.TrimSuffix(strings.TrimSuffix(words[last], "'s"), "\u2019s")
	surname = strings.TrimFunc(surname, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	gs := make([]string, 0, last-first)
	for _, w := range words[first:last] {
		gs = append(gs, nameWord(w))
	}
	return strings.Join(append(words[first:last:last], surname), " "), strings.Join(gs, " ")
}

// nameWord is w lower case without surrounding punctuation or a possessive.
func nameWord(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "\u2019s")
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// givenWord reports whether w may be a given name: capitalised, of two letters or more,
// neither a title nor a country word nor a word that starts sentences.
func givenWord(w string) bool {
	n := nameWord(w)
	if len([]rune(n)) < 2 || strings.ContainsAny(w, ",;:()\"") {
		return false
	}
	if !nameCase(w) || strings.HasSuffix(w, ".") {
		return false
	}
	for _, part := range strings.Split(n, "-") {
		if part == "" || sentenceWords[part] || notGiven[part] || titleWordCount(part) > 0 || titleWordCount(strings.TrimSuffix(part, "s")) > 0 {
			return false
		}
	}
	return true
}

// mineQuotes counts the forms key takes in the quotes: preceded by given names ("Ammar
// Saleh"), by a title ("President Saleh") or bare.
func mineQuotes(key string, evidence []summarizer.Evidence) mined {
	return indexQuotes(evidence).mine(key)
}

// quoteIndex is the words of some quotes, with where each name word occurs, so that the
// forms of many surnames can be mined from one cable's text in one pass over it.
type quoteIndex struct {
	words [][]string          // the words of each quote
	at    map[string][][2]int // nameWord → (quote, word) of each occurrence written as a name
}

func indexQuotes(evidence []summarizer.Evidence) *quoteIndex {
	x := &quoteIndex{words: make([][]string, len(evidence)), at: map[string][][2]int{}}
	for q, e := range evidence {
		x.words[q] = strings.Fields(e.Quote)
		for i, w := range x.words[q] {
			if nameCase(w) {
				k := nameWord(w)
				x.at[k] = append(x.at[k], [2]int{q, i})
			}
		}
	}
	return x
}

// mine counts the forms key takes in the quotes (see mineQuotes).
func (x *quoteIndex) mine(key string) mined {
	md := mined{fulls: map[string]int{}, given: map[string]string{}}
	for _, a := range x.at[key] {
		words, i := x.words[a[0]], a[1]
		full, given := fullName(strings.Join(words[max(0, i-3):i+1], " "), key)
		switch {
		case full != "":
			if md.fulls[full] == 0 {
				md.order = append(md.order, full)
			}
			md.fulls[full]++
			md.given[full] = given
		case i > 0 && titleWordCount(words[i-1]) > 0 && nameWord(words[i-1]) != "the":
			md.titled++
		default:
			md.bare++
		}
	}
	return md
}

// decide sets in.full to the full name most frequent in the mention's quotes when the
// cable's text and the report's quotes give it at least twice (found) and the mention's quotes give it more
// often than each other form; a title more frequent than a bare name sets in.titled.
func (in *nameInfo) decide(found map[string]int) {
	md := in.mined
	best := ""
	for _, f := range md.order {
		if found[f] >= 2 && (best == "" || md.fulls[f] > md.fulls[best]) {
			best = f
		}
	}
	if best != "" && md.fulls[best] > md.titled && md.fulls[best] > md.bare {
		in.full, in.given = best, md.given[best]
		return
	}
	in.titled = in.titled || (md.titled > md.bare && md.titled >= md.fulls[best])
}
