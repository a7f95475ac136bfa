package summarizer

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file splits text into the tokens the faithfulness check reads (see faithful.go):
// words, numbers and punctuation, each word with a normalised form that folds what a
// paraphrase or a damaged copy changes without changing the name.

// tokKind tells words from numbers and punctuation.
type tokKind uint8

const (
	tokWord  tokKind = iota // starts with a letter: "Kouchner's", "U.S.", "G-8", "al-Maliki"
	tokNum                  // starts with a digit: "1,500", "6/13", "260849Z", "200-mile"
	tokPunct                // one rune of punctuation, or "\n"
)

// token is one token of a text. start and end are byte offsets into the text it was cut
// from; norm is set for words and numbers (see normWord).
type token struct {
	text       string
	start, end int
	kind       tokKind
	norm       string
	sentStart  bool // the first word of a sentence, a line, a clause after ":" or ";", or a quote
	possessive bool // the word ended in 's or ' (stripped from norm)
	shape      shape
}

// shape records the letters of a word: computed once by tokenize, read by isCap,
// isAcronym and isLower.
type shape struct {
	letters    int  // letters
	upper      bool // some letter is a capital
	lower      bool // some letter is lower case
	firstUpper bool // the first letter is a capital
	joined     bool // a hyphen or a slash joins parts
}

func shapeOf(s string) shape {
	var sh shape
	first := true
	for _, r := range s {
		switch {
		case r == '-' || r == '/':
			sh.joined = true
		case unicode.IsUpper(r):
			sh.upper = true
			sh.letters++
			sh.firstUpper = sh.firstUpper || first
		case unicode.IsLetter(r):
			sh.lower = true
			sh.letters++
		}
		first = false
	}
	return sh
}

// isCap reports whether a word token starts with a capital letter, or with a lower-case
// particle and a hyphen before one ("al-Maliki", "el-Baradei").
func (t token) isCap() bool {
	if t.kind != tokWord || !t.shape.upper {
		return false
	}
	if t.shape.firstUpper {
		return true
	}
	if i := strings.IndexByte(t.text, '-'); i > 0 && i+1 < len(t.text) {
		r, _ := utf8.DecodeRuneInString(t.text[i+1:])
		return particles[strings.ToLower(t.text[:i])] && unicode.IsUpper(r)
	}
	return false
}

// isAcronym reports whether a word token has at least two letters and no lower-case one
// ("GOF", "U.S.", "EU-3", "UNSCR").
func (t token) isAcronym() bool {
	return t.kind == tokWord && !t.shape.lower && t.shape.letters >= 2
}

// isLower reports whether a token has no capital letter.
func (t token) isLower() bool { return !t.shape.upper }

// tokenize splits s into tokens, with offsets into s. It reads the comma that stands for
// an apostrophe in damaged copies as one ("Sarkozy,s" is "Sarkozy's"). A line break is
// white space, as in a wrapped paragraph; a blank line is a token "\n" that ends a
// sentence. A sentence starts at the beginning, after a blank line, after ". ", "! ",
// "? " (not after an initial or an abbreviation such as "Mr." or "U.S."), after ":",
// ";", an opening quote, parenthesis or bracket, a dash, and after a bullet ("-", "*",
// "•") that opens a line.
func tokenize(s string) []token {
	s = repairApostrophes(s)
	var toks []token
	start, lineStart, newlines := true, true, 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '\n' {
			newlines++
			lineStart = true
			if newlines == 2 {
				toks = append(toks, token{text: "\n", start: i, end: i + w, kind: tokPunct})
				start = true
			}
			i += w
			continue
		}
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		newlines = 0
		atLine := lineStart
		lineStart = false
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := scanWord(s, i)
			t := token{text: s[i:j], start: i, end: j, kind: tokWord, sentStart: start, shape: shapeOf(s[i:j])}
			if unicode.IsDigit(r) {
				t.kind = tokNum
			}
			t.norm, t.possessive = normWord(t.text)
			toks = append(toks, t)
			start = false
			i = j
		default:
			toks = append(toks, token{text: s[i : i+w], start: i, end: i + w, kind: tokPunct})
			switch r {
			case '.', '!', '?':
				start = start || !abbreviationBefore(toks)
			case ':', ';', '(', '"', '\u201C', '\u2014', '\u2013', '[':
				start = true
			case '-', '*', '\u2022':
				start = start || atLine
			}
			i += w
		}
	}
	return toks
}

// abbreviationBefore reports whether the full stop just appended to toks ends an initial
// or an abbreviation rather than a sentence.
func abbreviationBefore(toks []token) bool {
	if len(toks) < 2 {
		return false
	}
	p := toks[len(toks)-2]
	if p.kind != tokWord || p.end != toks[len(toks)-1].start {
		return false
	}
	if utf8.RuneCountInString(p.text) == 1 || strings.Contains(p.text, ".") {
		return true // "R. Stapleton", "U.S. officials"
	}
	return abbreviations[strings.ToLower(p.text)]
}

// abbreviations end with a full stop that does not end the sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "amb": true, "gen": true, "sen": true,
	"rep": true, "st": true, "lt": true, "col": true, "gov": true, "no": true, "nos": true,
	"vs": true, "adm": true, "capt": true, "maj": true, "sgt": true, "prof": true, "jr": true,
	"sr": true, "messrs": true, "mme": true, "mlle": true, "para": true, "paras": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "cf": true, "etc": true,
}

// scanWord returns the end of the word or number starting at i: letters and digits, with
// inner joiners kept when a letter or digit follows them: an apostrophe ("Kouchner's",
// "d'Orsay"), a hyphen ("Ki-moon", "G-8"), a slash ("U/S", "6/13"), a colon between digits
// ("1:00"), a comma before three digits in a number ("1,500"), and a full stop between
// digits ("1.5") or after a single letter ("U.S.", "e.g."), the last one included.
func scanWord(s string, i int) int {
	j := i
	seg := 0 // letters and digits since the last joiner
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			j += w
			seg++
			continue
		}
		next := utf8.RuneError
		if j+w < len(s) {
			next, _ = utf8.DecodeRuneInString(s[j+w:])
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		alnum := unicode.IsLetter(next) || unicode.IsDigit(next)
		ok := false
		switch r {
		case '\'', '\u2019':
			ok = unicode.IsLetter(next)
		case '-', '/':
			ok = alnum
		case ':':
			ok = unicode.IsDigit(prev) && unicode.IsDigit(next)
		case ',':
			ok = unicode.IsDigit(prev) && thousands(s[j+w:])
		case '.':
			switch {
			case unicode.IsDigit(prev) && unicode.IsDigit(next):
				ok = true
			case seg == 1 && unicode.IsLetter(prev) && unicode.IsLetter(next):
				ok = true // U.S
			case seg == 1 && unicode.IsLetter(prev) && strings.Contains(s[i:j], "."):
				return j + w // the last dot of U.S.
			}
		}
		if !ok {
			break
		}
		j += w
		seg = 0
	}
	return j
}

// thousands reports whether s starts with exactly three digits: a thousands group.
func thousands(s string) bool {
	if len(s) < 3 {
		return false
	}
	for k := 0; k < 3; k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
	}
	return len(s) == 3 || s[3] < '0' || s[3] > '9'
}

// repairApostrophes turns the comma that stands for an apostrophe in damaged copies into
// one ("Sarkozy,s" → "Sarkozy's", "KOUCHNER,S" → "KOUCHNER'S"). It keeps every byte
// offset, so that offsets into the result are offsets into s.
func repairApostrophes(s string) string {
	if !strings.Contains(s, ",s") && !strings.Contains(s, ",S") {
		return s
	}
	b := []byte(s)
	for i := 1; i+1 < len(b); i++ {
		if b[i] == ',' && (b[i+1] == 's' || b[i+1] == 'S') && (i+2 == len(b) || !isASCIIAlnum(b[i+2])) && isLetterBefore(s, i) {
			b[i] = '\''
		}
	}
	return string(b)
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

// normWord folds a word for matching: diacritics dropped, lower case, a possessive "'s"
// or "'" stripped (reported as possessive), and in a word (not a number) dots and
// apostrophes removed ("U.S." is "us", "d'Orsay" is "dorsay"). Hyphens and slashes stay;
// see wordForms.
func normWord(s string) (string, bool) {
	s = foldString(s)
	poss := false
	if t, ok := strings.CutSuffix(s, "'s"); ok && t != "" {
		s, poss = t, true
	} else if t, ok := strings.CutSuffix(s, "'"); ok && t != "" {
		s, poss = t, true
	}
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		return s, poss // "3.5" keeps its point
	}
	if strings.ContainsAny(s, ".'") {
		s = dotsAndApostrophes.Replace(s)
	}
	return s, poss
}

var dotsAndApostrophes = strings.NewReplacer(".", "", "'", "")

// wordForms returns the forms under which a normalised word is indexed and looked up:
// the word, its hyphenated or slashed parts when it has any, and those parts joined
// ("ki-moon", "ki", "moon", "kimoon"). Arabic and European particles are dropped from the
// parts ("al-maliki" also gives "maliki").
func wordForms(norm string) []string {
	if !strings.ContainsAny(norm, "-/") {
		return []string{norm}
	}
	out := []string{norm}
	parts := strings.FieldsFunc(norm, func(r rune) bool { return r == '-' || r == '/' })
	out = append(out, strings.Join(parts, ""))
	for _, p := range parts {
		if !particles[p] {
			out = append(out, p)
		}
	}
	return out
}

// particles are the lower-case parts of names that say nothing on their own.
var particles = map[string]bool{
	"al": true, "el": true, "ad": true, "as": true, "ash": true, "an": true, "at": true,
	"bin": true, "ibn": true, "bint": true, "de": true, "del": true, "della": true, "di": true,
	"da": true, "dos": true, "du": true, "des": true, "van": true, "von": true, "der": true,
	"den": true, "la": true, "le": true, "ul": true, "ur": true, "ud": true, "abd": true,
}

// foldString lower-cases s and drops the diacritics of Latin letters ("Ségolène" is
// "segolene", "Erdoğan" is "erdogan", "Straße" is "strasse").
func foldString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent
		}
		r = unicode.ToLower(r)
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldTable maps lower-case Latin letters with diacritics to their plain letters.
var foldTable = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
		'þ': "th", 'ı': "i", 'ħ': "h", '\u2019': "'", '\u2018': "'"}
	for plain, accented := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥ",
		"i": "ìíîïĩīĭįİ", "j": "ĵ", "k": "ķ", "l": "ĺļľŀ", "n": "ñńņňŉ", "o": "òóôõöōŏő",
		"r": "ŕŗř", "s": "śŝşšș", "t": "ţťțŧ", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	} {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()

//go:embed commonwords.txt
var commonWordsFile string

// lexicon holds the words the cables write in lower case (see gen_commonwords.go):
// true for common words, false for nouns that are more often part of a name ("bay",
// "council"). It is loaded on first use and never modified after that.
var lexicon = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 20000)
	for _, line := range strings.Split(commonWordsFile, "\n") {
		switch {
		case line == "" || line[0] == '#':
		case line[0] == '~':
			m[line[1:]] = false
		default:
			m[line] = true
		}
	}
	for w := range functionWords {
		m[w] = true
	}
	return m
})

// isCommon reports whether a normalised word is a common word, not a name: in the
// lexicon as one, or an inflection of one ("backs", "backed", "backing", "fully").
func isCommon(norm string) bool {
	return inLexicon(norm, true)
}

// isCommonExact reports whether a normalised word is in the lexicon as a common word as
// it stands: at the start of a sentence "Burns" is a name although "burn" is common.
func isCommonExact(norm string) bool {
	return lexicon()[norm]
}

// isLowerSeen reports whether the cables write a word in lower case, even if more often
// capitalised ("bay", "council", "agency"): a common noun that may be part of a name.
func isLowerSeen(norm string) bool {
	return inLexicon(norm, false)
}

func inLexicon(norm string, commonOnly bool) bool {
	m := lexicon()
	found := func(w string) bool {
		c, ok := m[w]
		return ok && (c || !commonOnly)
	}
	if found(norm) {
		return true
	}
	for _, suf := range []string{"s", "es", "ed", "d", "ing", "ly"} {
		if st, ok := strings.CutSuffix(norm, suf); ok && len(st) >= 3 && (found(st) || found(st+"e")) {
			return true
		}
	}
	return false
}

// functionWords are words that never name anything: a capitalised one starts a sentence.
var functionWords = setOf(`a an the this that these those he she it they we i you me him
	us them his her its their our your my who whom whose which what where when why how
	in on at after before during while if but and or nor as for with without by from to of
	both all any some many most much several such few each every either neither other
	another although though because since despite however meanwhile also then there here
	no not yet so per according only even still just instead rather overall further
	furthermore moreover nevertheless nonetheless indeed finally first second third next
	last separately additionally similarly likewise thus therefore hence accordingly given
	following regarding concerning under over among between within through into about
	against toward towards upon beyond amid amidst until unless whether once now today
	currently recently later earlier again ultimately notably specifically especially
	asked noting citing describing calling saying adding stressing urging`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
