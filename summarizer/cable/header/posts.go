package header

import (
	_ "embed"
	"strings"
)

//go:generate go run ./internal/postgen -o posts.tsv -tags tags.tsv

// postsTSV is the table of posts derived from the corpus by internal/postgen: one line
// per way of writing a post, "STATION<TAB>NAME<TAB>HOW<TAB>CABLES".
//
//go:embed posts.tsv
var postsTSV string

// postTable maps the ways cables write posts to the stations of reference ids. It is
// built once from postsTSV and only read after.
type postTable struct {
	station map[string]string // compact spelling ("RIODEJANEIRO", "RIO", "SECSTATE") -> station
	names   []string          // the compact stations and spellings, for prefix look-ups
	types   map[string]bool   // post-type words ("AMEMBASSY", "EMBASSY"), upper case
}

// conventional are short forms of posts that cables use but no line of the corpus ties
// to their station (the corpus has no cable from these posts); they are the
// exceptions to a table derived from data, kept few.
var conventional = map[string]string{
	"HK": "HONGKONG", "HCMC": "HOCHIMINHCITY", "HOCHIMINH": "HOCHIMINHCITY",
	"USUNNY": "USUNNEWYORK", "STATEDEPT": "STATE",
}

// posts is the table of posts, read from postsTSV.
var posts = loadPosts(postsTSV)

func loadPosts(tsv string) *postTable {
	t := &postTable{station: map[string]string{}, types: map[string]bool{}}
	set := func(spelling, st string) {
		if _, ok := t.station[spelling]; !ok {
			t.station[spelling] = st
			t.names = append(t.names, spelling)
		}
	}
	for _, ln := range strings.Split(tsv, "\n") {
		if ln == "" || ln[0] == '#' {
			continue
		}
		fs := strings.Split(ln, "\t")
		if len(fs) < 2 {
			continue
		}
		st := fs[0]
		if st == "-" {
			t.types[fs[1]] = true
			continue
		}
		set(st, st)
		set(compactReplacer.Replace(fs[1]), st)
	}
	for k, v := range conventional {
		set(k, v)
	}
	return t
}

// isType reports whether the upper-case word w is a post-type word ("AMEMBASSY").
func (t *postTable) isType(w string) bool {
	return t.types[w]
}

// lookup returns the station a compact spelling names, "" if the table has none.
func (t *postTable) lookup(c string) string {
	return t.station[c]
}

// uniquePrefix returns the station of the one spelling that c begins but does not
// complete ("RIODEJAN" of RIODEJANEIRO), "" when none or several do.
func (t *postTable) uniquePrefix(c string) string {
	found := ""
	for _, s := range t.names {
		if strings.HasPrefix(s, c) && s != c {
			st := t.station[s]
			if found != "" && found != st {
				return ""
			}
			found = st
		}
	}
	return found
}

// tagsTSV is the table of TAGS codes of the corpus, from internal/postgen: one
// "CODE<TAB>CABLES" a line.
//
//go:embed tags.tsv
var tagsTSV string

// tagCodes is the set of TAGS codes of tagsTSV, only read after it is built.
var tagCodes = loadTags(tagsTSV)

func loadTags(tsv string) map[string]bool {
	m := map[string]bool{}
	for _, ln := range strings.Split(tsv, "\n") {
		if ln == "" || ln[0] == '#' {
			continue
		}
		code, _, _ := strings.Cut(ln, "\t")
		m[code] = true
	}
	return m
}
