package compare

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/cablebrief/summarize/summarizer"
)

// tagTopic is a topic named by a cable TAGS code: a country (FIPS 10-4 codes as the cables
// use them) or an organisation, with the words that point to it in a section title or a
// stance target. Words are lower case; a keyword of several words matches those words in
// a row.
type tagTopic struct {
	Name     string
	Keywords []string
}

// tagTopics maps TAGS codes to topics. Several codes may share a topic (KV and UNMIK).
var tagTopics = map[string]tagTopic{
	"AF":    {"Afghanistan", []string{"afghanistan", "afghan", "kabul", "isaf", "taliban"}},
	"IZ":    {"Iraq", []string{"iraq", "iraqi", "baghdad"}},
	"IR":    {"Iran", []string{"iran", "iranian", "tehran", "ahmadinejad", "larijani"}},
	"IS":    {"Israel", []string{"israel", "israeli", "olmert", "netanyahu"}},
	"LE":    {"Lebanon", []string{"lebanon", "lebanese", "hizballah", "hezbollah", "beirut", "siniora", "unifil"}},
	"SY":    {"Syria", []string{"syria", "syrian", "damascus", "asad", "assad", "bashar"}},
	"KPAL":  {"Palestinians", []string{"palestinian", "palestinians", "gaza", "hamas", "west bank", "abbas"}},
	"KWBG":  {"Palestinians", []string{"palestinian", "palestinians", "gaza", "hamas", "west bank", "abbas"}},
	"YI":    {"Serbia", []string{"serbia", "serbian", "belgrade"}},
	"SR":    {"Serbia", []string{"serbia", "serbian", "belgrade"}},
	"KV":    {"Kosovo", []string{"kosovo", "kosovar", "kosovars", "pristina", "ahtisaari", "unmik"}},
	"UNMIK": {"Kosovo", []string{"kosovo", "kosovar", "kosovars", "pristina", "ahtisaari", "unmik"}},
	"SU":    {"Sudan", []string{"sudan", "sudanese", "darfur", "khartoum"}},
	"CD":    {"Chad", []string{"chad", "chadian"}},
	"RS":    {"Russia", []string{"russia", "russian", "moscow", "kremlin", "putin", "medvedev"}},
	"RU":    {"Russia", []string{"russia", "russian", "moscow", "kremlin", "putin", "medvedev"}}, // as the cables misuse it
	"CH":    {"China", []string{"china", "chinese", "beijing"}},
	"TU":    {"Turkey", []string{"turkey", "turkish", "ankara"}},
	"GG":    {"Georgia", []string{"georgia", "georgian", "tbilisi", "abkhazia", "south ossetia", "saakashvili"}},
	"UP":    {"Ukraine", []string{"ukraine", "ukrainian", "kyiv", "kiev"}},
	"BO":    {"Belarus", []string{"belarus", "belarusian", "minsk", "lukashenko"}},
	"FR":    {"France", []string{"france", "french", "elysee", "sarkozy", "chirac"}},
	"SP":    {"Spain", []string{"spain", "spanish", "zapatero"}},
	"UK":    {"United Kingdom", []string{"britain", "british", "uk"}},
	"GM":    {"Germany", []string{"germany", "german", "merkel"}},
	"IT":    {"Italy", []string{"italy", "italian"}},
	"EUN":   {"European Union", []string{"eu", "european union", "brussels"}},
	"NATO":  {"NATO", []string{"nato"}},
	"PK":    {"Pakistan", []string{"pakistan", "pakistani", "islamabad", "musharraf"}},
	"IN":    {"India", []string{"india", "indian", "new delhi"}},
	"KN":    {"North Korea", []string{"north korea", "dprk", "pyongyang"}},
	"KS":    {"South Korea", []string{"south korea", "rok", "seoul"}},
	"JA":    {"Japan", []string{"japan", "japanese", "tokyo"}},
	"VE":    {"Venezuela", []string{"venezuela", "venezuelan", "chavez", "caracas"}},
	"CU":    {"Cuba", []string{"cuba", "cuban", "havana", "castro"}},
	"BL":    {"Bolivia", []string{"bolivia", "bolivian", "la paz"}},
	"CO":    {"Colombia", []string{"colombia", "colombian", "farc", "bogota", "uribe"}},
	"BR":    {"Brazil", []string{"brazil", "brazilian", "brasilia", "lula"}},
	"MX":    {"Mexico", []string{"mexico", "mexican"}},
	"LY":    {"Libya", []string{"libya", "libyan", "qadhafi", "tripoli"}},
	"MO":    {"Morocco", []string{"morocco", "moroccan", "rabat"}},
	"WI":    {"Western Sahara", []string{"western sahara", "polisario", "sahara"}},
	"AG":    {"Algeria", []string{"algeria", "algerian", "algiers"}},
	"EG":    {"Egypt", []string{"egypt", "egyptian", "cairo", "mubarak"}},
	"SA":    {"Saudi Arabia", []string{"saudi", "riyadh"}},
	"YM":    {"Yemen", []string{"yemen", "yemeni", "sanaa"}},
	"AE":    {"United Arab Emirates", []string{"uae", "emirates", "emirati", "abu dhabi"}},
	"SO":    {"Somalia", []string{"somalia", "somali"}},
	"ZI":    {"Zimbabwe", []string{"zimbabwe", "mugabe"}},
	"CG":    {"Congo", []string{"drc", "congo", "kinshasa"}},
	"PTER":  {"Terrorism", []string{"terrorism", "terrorist", "counterterrorism", "al qaida", "al qaeda"}},
}

// hostTags maps the city of an embassy (the last words of a cable's origin) to the TAGS
// code of its host country: a Paris cable about "French politics" is not about France as
// a foreign topic when it also names another country.
var hostTags = map[string]string{
	"PARIS": "FR", "MADRID": "SP", "LONDON": "UK", "BERLIN": "GM", "ROME": "IT", "MOSCOW": "RS",
	"BEIJING": "CH", "TEL AVIV": "IS", "ANKARA": "TU", "TBILISI": "GG", "KABUL": "AF",
	"ISLAMABAD": "PK", "NEW DELHI": "IN", "CAIRO": "EG", "RIYADH": "SA", "ABU DHABI": "AE",
	"SANAA": "YM", "TRIPOLI": "LY", "RABAT": "MO", "BRASILIA": "BR", "CARACAS": "VE",
	"BOGOTA": "CO", "LA PAZ": "BL", "BAGHDAD": "IZ", "BEIRUT": "LE", "DAMASCUS": "SY",
	"TOKYO": "JA", "SEOUL": "KS", "KYIV": "UP", "KIEV": "UP", "MINSK": "BO", "KHARTOUM": "SU",
	"ALGIERS": "AG", "HAVANA": "CU", "MEXICO": "MX", "BELGRADE": "YI", "PRISTINA": "KV",
}

// hostTag returns the TAGS code of the country an origin such as "AMEMBASSY PARIS" sits
// in, or "".
func hostTag(origin string) string {
	o := strings.ToUpper(strings.Join(strings.Fields(origin), " "))
	for city, tag := range hostTags {
		if o == city || strings.HasSuffix(o, " "+city) {
			return tag
		}
	}
	return ""
}

// genericWords make up section titles that say nothing about the topic ("SUMMARY",
// "COMMENT AND ACTION REQUEST", "OTHER ISSUES"); a title made only of them is generic.
var genericWords = map[string]bool{
	"summary": true, "comment": true, "introduction": true, "intro": true, "background": true,
	"overview": true, "other": true, "issue": true, "misc": true,
	"miscellaneous": true, "body": true, "preamble": true, "conclusion": true, "action": true,
	"request": true, "note": true, "general": true, "and": true, "bottom": true, "line": true,
	"key": true, "point": true, "meeting": true, "discussion": true, "readout": true,
	"continued": true, "end": true, "matter": true, "topic": true, "participant": true,
}

// stopWords are dropped from normalised titles.
var stopWords = map[string]bool{"the": true, "a": true, "an": true}

// romanNumerals up to 20, the numbering of sections in long cables.
var romanNumerals = map[string]bool{
	"i": true, "ii": true, "iii": true, "iv": true, "v": true, "vi": true, "vii": true,
	"viii": true, "ix": true, "x": true, "xi": true, "xii": true, "xiii": true, "xiv": true,
	"xv": true, "xvi": true, "xvii": true, "xviii": true, "xix": true, "xx": true,
}

// ordinals are the spelled-out numbers of "PART ONE", "SECTION THREE", "PART FIRST".
var ordinals = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "first": true, "second": true,
	"third": true, "fourth": true, "fifth": true, "sixth": true, "seventh": true,
	"eighth": true, "ninth": true, "tenth": true,
}

// numbering matches a leading numbering of a section title as written: "PART ONE:", "Part
// II -", "SECTION 3.", "IV.", "3)", "A.".
var numbering = regexp.MustCompile(`^\s*(?i:(?:part|section)\s+(?:[ivx]+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b\s*[:.)\-–—]*|[ivx]+[.)]|\d+[.)]|[a-h][.)])\s*`)

// DisplayTitle returns a section title as a topic is shown: without its leading numbering
// ("PART ONE: SARKOZY FIVE MONTHS INTO HIS PRESIDENCY" gives "SARKOZY FIVE MONTHS INTO HIS
// PRESIDENCY"), white space collapsed; a title that is only numbering is kept.
func DisplayTitle(title string) string {
	if rest := numbering.ReplaceAllString(title, ""); strings.TrimSpace(rest) != "" {
		title = rest
	}
	return collapse(title)
}

// NormalizeTitle returns the key under which section titles are merged: lower case,
// punctuation replaced by spaces, a leading numbering ("II.", "3)", "A.", "PART II", "PART ONE") and
// the words "the", "a", "an" dropped, and plurals made singular ("OTHER ISSUES" and "Other
// issue" give "other issue"; "-- THE IRAN NUCLEAR FILE --" gives "iran nuclear file").
func NormalizeTitle(title string) string {
	words := titleWords(title)
	// Leading numbering: "ii", "3", "a" (when more words follow), "part ii".
	for len(words) > 1 {
		w := words[0]
		if romanNumerals[w] || isDigits(w) || (len(w) == 1 && w[0] >= 'a' && w[0] <= 'h') {
			words = words[1:]
			continue
		}
		if (w == "part" || w == "section") && len(words) > 2 && (romanNumerals[words[1]] || isDigits(words[1]) || ordinals[words[1]]) {
			words = words[2:]
			continue
		}
		break
	}
	out := make([]string, 0, len(words))
	for _, w := range words {
		if stopWords[w] {
			continue
		}
		out = append(out, singular(w))
	}
	return strings.Join(out, " ")
}

// titleWords splits s into lower-case words of letters and digits; an apostrophe and
// what follows it inside a word are dropped ("Iran's" is "iran").
func titleWords(s string) []string {
	var words []string
	var b strings.Builder
	skip := false
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
		skip = false
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '\u2019':
			skip = b.Len() > 0
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !skip {
				b.WriteRune(r)
			}
		default:
			flush()
		}
	}
	flush()
	return words
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// singular undoes the common English plurals of a lower-case word.
func singular(w string) string {
	switch {
	case len(w) <= 3:
		return w
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"), strings.HasSuffix(w, "os"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// isGeneric reports whether a normalised title says nothing about its topic.
func isGeneric(norm string) bool {
	for _, w := range strings.Fields(norm) {
		if !genericWords[w] {
			return false
		}
	}
	return true
}

// topicsIn returns the names of the tag topics whose keywords occur in text, in the order
// of their first occurrence, each once. When codes is not nil only those TAGS codes are
// considered.
func topicsIn(text string, codes []string) []string {
	padded := " " + strings.Join(titleWords(text), " ") + " "
	type hit struct {
		name string
		at   int
	}
	var hits []hit
	seen := map[string]bool{}
	consider := func(t tagTopic) {
		if seen[t.Name] {
			return
		}
		best := -1
		for _, k := range t.Keywords {
			if i := strings.Index(padded, " "+k+" "); i >= 0 && (best < 0 || i < best) {
				best = i
			}
		}
		if best >= 0 {
			seen[t.Name] = true
			hits = append(hits, hit{t.Name, best})
		}
	}
	if codes != nil {
		for _, c := range codes {
			if t, ok := tagTopics[strings.ToUpper(c)]; ok {
				consider(t)
			}
		}
	} else {
		for _, t := range tagTopics {
			consider(t)
		}
	}
	// Insertion sort by position: few hits, and map order must not leak out.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && (hits[j].at < hits[j-1].at || (hits[j].at == hits[j-1].at && hits[j].name < hits[j-1].name)); j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	names := make([]string, len(hits))
	for i, h := range hits {
		names[i] = h.name
	}
	return names
}

// topicKeyOf is the merge key of a tag topic name.
func topicKeyOf(name string) string { return "tag:" + NormalizeTitle(name) }

// TopicRef names one merged topic: its merge key (Topic.Key) and the name it is shown
// under.
type TopicRef struct {
	Key  string `json:"key"`  // "tag:iran", "title:domestic politic", "other"
	Name string `json:"name"` // "Iran", "DOMESTIC POLITICS", "Other"
}

// TopicOf returns the topic that a stance on target, from a section titled title (or, for
// a section without a title, its kind: summarizer.TopicName) of cable c, belongs to, as a
// comparison merges topics across cables (see resolveTopic for the rules). Name is the
// TAGS topic's name, the title as shown (DisplayTitle) for a topic of its own, or
// "Other"; a comparison shows a topic of its own under its most frequent title. c may be
// nil: then the cable's subject, tags and post are not used.
func TopicOf(title, target string, c *summarizer.Cable) TopicRef {
	var subject, origin string
	var tags []string
	if c != nil {
		subject, origin, tags = c.Subject, c.Origin, c.Tags
	}
	key, name := resolveTopic(title, target, subject, tags, hostTag(origin))
	if name == "" {
		name = DisplayTitle(title)
	}
	return TopicRef{Key: key, Name: name}
}

// resolveTopic maps one stance's section title to a topic key and display name; the name
// is "" for a topic of its own (a specific title that names no TAGS topic).
//
// A specific title whose words name exactly one tag topic other than the host country
// becomes that topic: "IRAN" and "Iranian nuclear program" → Iran, and in a Paris cable
// "SARKOZY'S MESSAGE TO BASHAR" → Syria, not France. A title naming several
// ("LEBANON/SYRIA") becomes the first of them that the stance target names, if any. Other
// specific titles stay themselves, normalised. A generic title ("SUMMARY", "Comment", "")
// takes the tag topic its stance target names first: one of the cable's own TAGS, else
// any other but the host country, else the host country; failing that, the one topic
// other than the host country that the cable's subject names; failing that, the cable's
// only foreign country tag; failing that, the topic "Other".
func resolveTopic(title, target, subject string, tags []string, host string) (key, name string) {
	norm := NormalizeTitle(title)
	hostName := ""
	if t, ok := tagTopics[host]; ok {
		hostName = t.Name
	}
	if !isGeneric(norm) {
		hits := without(topicsIn(title, nil), hostName)
		if len(hits) == 1 {
			return topicKeyOf(hits[0]), hits[0]
		}
		for _, t := range topicsIn(target, nil) {
			if slices.Contains(hits, t) {
				return topicKeyOf(t), t
			}
		}
		return "title:" + norm, ""
	}
	inTags, inAll := topicsIn(target, tags), topicsIn(target, nil)
	for _, hits := range [][]string{without(inTags, hostName), without(inAll, hostName), inAll} {
		if len(hits) > 0 {
			return topicKeyOf(hits[0]), hits[0]
		}
	}
	if hits := without(topicsIn(subject, nil), hostName); len(hits) == 1 {
		return topicKeyOf(hits[0]), hits[0]
	}
	var countries []string
	for _, tg := range tags {
		tg = strings.ToUpper(tg)
		if t, ok := tagTopics[tg]; ok && len(tg) == 2 && tg != host && !slices.Contains(countries, t.Name) {
			countries = append(countries, t.Name)
		}
	}
	if len(countries) == 1 {
		return topicKeyOf(countries[0]), countries[0]
	}
	return "other", "Other"
}

func without(ss []string, s string) []string {
	var out []string
	for _, x := range ss {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
