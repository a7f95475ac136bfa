package summarizer

import (
	"sort"
	"strings"
	"unicode"
)

// titleWords are words that name an office or a courtesy, not a person; ActorKey drops
// them. Lower case, without dots.
var titleWords = map[string]bool{
	"fm": true, "pm": true, "u/s": true, "a/s": true, "das": true, "das/": true, "amb": true,
	"ambassador": true, "president": true, "vice": true, "minister": true, "foreign": true,
	"prime": true, "secretary": true, "under": true, "assistant": true, "deputy": true,
	"political": true, "director": true, "poldir": true, "advisor": true, "adviser": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "general": true, "sen": true,
	"senator": true, "rep": true, "chancellor": true, "king": true, "queen": true, "prince": true,
	"crown": true, "special": true, "envoy": true, "presidential": true, "diplomatic": true,
	"cabinet": true, "dcm": true, "charge": true, "chief": true, "of": true, "staff": true,
	"the": true, "defense": true, "defence": true, "interior": true, "finance": true,
	"economy": true, "state": true, "national": true, "security": true, "mfa": true,
	"head": true, "spokesman": true, "spokesperson": true, "senior": true, "official": true,
	"counselor": true, "councillor": true, "pol": true, "econ": true, "officer": true,
	"lt": true, "col": true, "adm": true, "admiral": true, "sheikh": true, "shaykh": true,
	"gov": true, "governor": true, "mayor": true, "speaker": true, "leader": true, "his": true,
	"her": true, "majesty": true, "excellency": true, "acting": true, "director-general": true,
	"dg": true, "s/e": true, "sra": true, "sr": true, "h.e": true, "he": true, "embassy": true,
	"ministry": true, "affairs": true, "external": true, "and": true, "for": true, "europe": true,
	"european": true, "non-eu": true, "equivalent": true, "a/s-equivalent": true, "former": true,
}

// nationalWords are country adjectives and short country names that qualify a name
// ("French FM Kouchner"); ActorKey drops them when a name remains after them.
var nationalWords = map[string]bool{
	"french": true, "american": true, "u.s": true, "us": true, "usg": true, "spanish": true,
	"british": true, "uk": true, "german": true, "italian": true, "russian": true, "chinese": true,
	"iranian": true, "israeli": true, "lebanese": true, "syrian": true, "turkish": true,
	"egyptian": true, "saudi": true, "pakistani": true, "indian": true, "afghan": true,
	"iraqi": true, "brazilian": true, "colombian": true, "venezuelan": true, "japanese": true,
	"korean": true, "moroccan": true, "libyan": true, "georgian": true, "norwegian": true,
	"dutch": true, "belgian": true, "polish": true, "swedish": true, "canadian": true,
	"mexican": true, "argentine": true, "bolivian": true, "jordanian": true, "yemeni": true,
	"emirati": true, "uae": true, "malaysian": true, "nigerian": true, "ethiopian": true,
	"kazakh": true, "turkmen": true, "palestinian": true, "eu": true, "un": true,
	"france": true, "spain": true, "germany": true, "italy": true, "russia": true, "china": true,
	"iran": true, "israel": true, "lebanon": true, "syria": true, "turkey": true,
}

// IsRedacted reports whether name is a redaction mask ("XXXXXXXXXXXX"): a protected
// source that must never be merged with another.
func IsRedacted(name string) bool {
	n := 0
	for _, r := range name {
		switch {
		case r == 'X' || r == 'x':
			n++
		case unicode.IsSpace(r) || unicode.IsPunct(r):
		default:
			return false
		}
	}
	return n >= 4
}

// demonyms maps country adjectives, government acronyms and short names to the country
// they stand for when they are the whole actor ("the French", "USG", "GOF").
var demonyms = map[string]string{
	"u.s": "united states", "us": "united states", "usg": "united states", "american": "united states",
	"americans": "united states", "united states": "united states", "washington": "united states",
	"french": "france", "france": "france", "gof": "france", "paris": "france",
	"spanish": "spain", "spain": "spain", "madrid": "spain",
	"british": "united kingdom", "uk": "united kingdom", "hmg": "united kingdom", "united kingdom": "united kingdom", "london": "united kingdom",
	"german": "germany", "germans": "germany", "germany": "germany", "berlin": "germany", "frg": "germany",
	"italian": "italy", "italians": "italy", "italy": "italy",
	"russian": "russia", "russians": "russia", "russia": "russia", "moscow": "russia",
	"chinese": "china", "china": "china", "beijing": "china", "prc": "china",
	"iranian": "iran", "iranians": "iran", "iran": "iran", "tehran": "iran",
	"israeli": "israel", "israelis": "israel", "israel": "israel",
	"turkish": "turkey", "turks": "turkey", "turkey": "turkey", "ankara": "turkey",
	"saudi": "saudi arabia", "saudis": "saudi arabia", "saudi arabia": "saudi arabia", "sag": "saudi arabia",
	"pakistani": "pakistan", "pakistanis": "pakistan", "pakistan": "pakistan",
	"indian": "india", "indians": "india", "india": "india",
	"japanese": "japan", "japan": "japan", "brazilian": "brazil", "brazil": "brazil",
	"egyptian": "egypt", "egyptians": "egypt", "egypt": "egypt", "syrian": "syria", "syrians": "syria", "syria": "syria", "sarg": "syria",
	"lebanese": "lebanon", "lebanon": "lebanon", "iraqi": "iraq", "iraqis": "iraq", "iraq": "iraq",
	"afghan": "afghanistan", "afghans": "afghanistan", "afghanistan": "afghanistan",
	"canadian": "canada", "canada": "canada", "mexican": "mexico", "mexico": "mexico",
	"colombian": "colombia", "colombia": "colombia", "venezuelan": "venezuela", "venezuela": "venezuela",
	"moroccan": "morocco", "morocco": "morocco", "libyan": "libya", "libya": "libya",
	"georgian": "georgia", "georgia": "georgia", "polish": "poland", "poland": "poland",
	"spaniards": "spain", "britain": "united kingdom", "britons": "united kingdom",
	"england": "united kingdom", "english": "united kingdom",
	"dutch": "netherlands", "netherlands": "netherlands", "swiss": "switzerland", "switzerland": "switzerland",
	"rok": "south korea", "south korea": "south korea", "seoul": "south korea",
	"dprk": "north korea", "north korea": "north korea", "pyongyang": "north korea",
	"greek": "greece", "greeks": "greece", "greece": "greece", "danish": "denmark", "danes": "denmark", "denmark": "denmark",
	// Seats of government and capitals, as reporting names governments by them.
	"white house": "united states", "washdc": "united states", "kremlin": "russia", "elysee": "france", "quai": "france",
	"whitehall": "united kingdom", "downing street": "united kingdom", "rome": "italy", "tokyo": "japan",
	"new delhi": "india", "delhi": "india", "islamabad": "pakistan", "kabul": "afghanistan",
	"baghdad": "iraq", "damascus": "syria", "beirut": "lebanon", "cairo": "egypt", "riyadh": "saudi arabia",
	"jerusalem": "israel", "brasilia": "brazil", "ottawa": "canada", "bogota": "colombia",
	"caracas": "venezuela", "rabat": "morocco", "tripoli": "libya", "tbilisi": "georgia", "warsaw": "poland",
	"athens": "greece", "copenhagen": "denmark", "bern": "switzerland",
}

// countryWords are words that may stand around a country's name without making it
// something else: "the French government", "Spanish officials".
var countryWords = map[string]bool{
	"the": true, "government": true, "officials": true, "authorities": true, "side": true,
	"leadership": true, "delegation": true, "gov": true, "administration": true,
}

// CountryActor returns the country an actor name stands for as a whole ("the French
// government", "USG", "GOF" with affiliation France), or "". A government acronym
// GO+initial stands for its affiliation's country.
func CountryActor(name, affiliation string) string {
	words := actorWords(name)
	var rest []string
	for _, w := range words {
		if !countryWords[w] {
			rest = append(rest, w)
		}
	}
	if len(rest) == 0 {
		return ""
	}
	joined := strings.Join(rest, " ")
	if c, ok := demonyms[joined]; ok {
		return c
	}
	if len(rest) == 1 && len(joined) >= 3 && len(joined) <= 4 && strings.HasPrefix(joined, "go") {
		return normAffiliation(affiliation)
	}
	return ""
}

// ActorMatchKey is the key under which two mentions are one actor across tools (the
// store's actor_key column, eval's matching): "country:<name>" for a name that stands for
// a country as a whole (CountryActor: "GOF", "the French government", "France"), else
// ActorKey (a person's surname, an institution's words).
func ActorMatchKey(name, affiliation string) string {
	if c := CountryActor(name, affiliation); c != "" {
		return "country:" + c
	}
	return ActorKey(name)
}

// ActorKey returns the key under which names of one actor are merged: the surname,
// lower-cased, with titles, courtesy words, country adjectives, initials and possessives
// dropped ("French FM Bernard Kouchner" and "FM Kouchner" give "kouchner"; "U/S Burns"
// and "Nicholas Burns" give "burns"). A name made only of such words ("the GOF", "French
// officials") keeps its words: "gof", "french officials". ActorKey("") is "".
func ActorKey(name string) string {
	words := actorWords(name)
	if inst := institutionKey(words); inst != "" {
		return inst
	}
	var kept []string
	for _, w := range words {
		if titleWords[w] || nationalWords[w] {
			continue
		}
		if len([]rune(w)) == 1 { // an initial
			continue
		}
		kept = append(kept, w)
	}
	if len(kept) == 0 || allGroupWords(kept) {
		// Institutions and groups: keep the words but drop "the".
		var all []string
		for _, w := range words {
			if w != "the" {
				all = append(all, w)
			}
		}
		return strings.Join(all, " ")
	}
	return kept[len(kept)-1]
}

// institutionWords make a name an institution's ("Embassy Paris", "the Foreign Ministry").
var institutionWords = map[string]bool{
	"embassy": true, "mission": true, "post": true, "consulate": true, "ministry": true,
	"government": true, "mfa": true, "parliament": true, "party": true,
}

// compoundNames are names of several words that are one name.
var compoundNames = map[string]bool{
	"united states": true, "united kingdom": true, "united nations": true, "european union": true,
	"saudi arabia": true, "south africa": true, "north korea": true, "south korea": true,
	"new zealand": true, "security council": true, "white house": true, "hizballah": true,
}

// institutionKey returns the key of a compound or institutional name, "" for a person's.
func institutionKey(words []string) string {
	var ws []string
	inst := false
	for _, w := range words {
		if w == "the" {
			continue
		}
		ws = append(ws, w)
		inst = inst || institutionWords[w]
	}
	joined := strings.Join(ws, " ")
	if inst || compoundNames[joined] {
		return joined
	}
	return ""
}

// groupWords name a collective, not a person: "French officials" is not Mr. Officials.
var groupWords = map[string]bool{
	"officials": true, "government": true, "delegation": true, "side": true, "authorities": true,
	"diplomats": true, "counterparts": true, "interlocutors": true, "contacts": true,
	"leaders": true, "leadership": true, "team": true, "parties": true, "members": true,
	"officers": true, "military": true, "army": true, "forces": true, "police": true,
	"people": true, "public": true, "press": true, "media": true, "opposition": true,
}

func allGroupWords(ws []string) bool {
	for _, w := range ws {
		if !groupWords[w] {
			return false
		}
	}
	return true
}

// possessives drops possessives and apostrophes from a name; built once, for actorWords
// runs for every word compared.
var possessives = strings.NewReplacer("\u2019s", "", "'s", "", ",s ", " ", "\u2019", "", "'", "")

// actorWords splits a name into lower-case words, dropping possessives, dots and
// surrounding punctuation but keeping inner slashes and hyphens (U/S, Director-General).
func actorWords(name string) []string {
	name = possessives.Replace(name + " ")
	fields := strings.FieldsFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '(' || r == ')' || r == ';' || r == ':'
	})
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		f = strings.ToLower(strings.Trim(f, ".\"-"))
		f = strings.TrimSuffix(f, ".")
		if f == "" {
			continue
		}
		if f == "u.s" || f == "u.s." {
			f = "u.s"
		}
		out = append(out, strings.ReplaceAll(f, ".", ""))
	}
	return out
}

// AffiliationsCompatible reports whether two affiliations may belong to one actor: equal
// after case folding, or one of them unknown.
func AffiliationsCompatible(a, b string) bool {
	a, b = normAffiliation(a), normAffiliation(b)
	return a == "" || b == "" || a == b
}

func normAffiliation(a string) string {
	a = strings.ToLower(strings.TrimSpace(a))
	if c, ok := demonyms[a]; ok {
		return c
	}
	switch a {
	case "us", "u.s.", "u.s", "usa", "united states of america", "usg", "united states government":
		return "united states"
	case "gof", "french government":
		return "france"
	case "uk", "u.k.", "britain", "great britain":
		return "united kingdom"
	}
	return a
}

// ActorGroup is one merged actor: the names it appeared under, how often each, and its
// affiliation (the most frequent non-empty one).
type ActorGroup struct {
	Key         string
	Name        string   // canonical: the most frequent name, the longest on a tie
	Aliases     []string // the other names, sorted
	Affiliation string
	counts      map[string]int
	affs        map[string]int
}

// ActorIndex merges actor names by ActorKey and affiliation. The zero value is not
// usable; use NewActorIndex. Not safe for concurrent use.
type ActorIndex struct {
	groups map[string][]*ActorGroup
	order  []*ActorGroup
}

// NewActorIndex returns an empty index.
func NewActorIndex() *ActorIndex { return &ActorIndex{groups: map[string][]*ActorGroup{}} }

// Add records one mention and returns the group it joined. A mention joins the group with
// the same key and a compatible affiliation, preferring an exact affiliation match.
func (x *ActorIndex) Add(name, affiliation string) *ActorGroup {
	name = strings.Join(strings.Fields(name), " ")
	key := ActorKey(name)
	if c := CountryActor(name, affiliation); c != "" {
		key, affiliation = "country:"+c, titleCase(c)
	}
	var g *ActorGroup
	for _, c := range x.groups[key] {
		if normAffiliation(c.Affiliation) == normAffiliation(affiliation) {
			g = c
			break
		}
	}
	if g == nil {
		for _, c := range x.groups[key] {
			if AffiliationsCompatible(c.Affiliation, affiliation) {
				g = c
				break
			}
		}
	}
	if g == nil {
		g = &ActorGroup{Key: key, counts: map[string]int{}, affs: map[string]int{}}
		x.groups[key] = append(x.groups[key], g)
		x.order = append(x.order, g)
	}
	g.counts[name]++
	if affiliation != "" {
		g.affs[affiliation]++
	}
	g.Name, g.Aliases = canonical(g.counts)
	g.Affiliation, _ = canonical(g.affs)
	return g
}

// Groups returns the groups in the order they were first seen.
func (x *ActorIndex) Groups() []*ActorGroup { return x.order }

// canonical picks the most frequent key of counts (the longest, then the smallest, on a
// tie) and returns the others sorted.
func canonical(counts map[string]int) (string, []string) {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if counts[a] != counts[b] {
			return counts[a] > counts[b]
		}
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
	if len(keys) == 0 {
		return "", nil
	}
	rest := append([]string(nil), keys[1:]...)
	sort.Strings(rest)
	return keys[0], rest
}

func titleCase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}
