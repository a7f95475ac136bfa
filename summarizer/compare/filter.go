package compare

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// Filter selects the stances a comparison covers: those of any of Actors, on any of
// Topics, in cables dated From to To, and among Cables. An empty field selects
// everything; the zero Filter selects all. Validate checks it.
//
// A store narrows its rows in SQL to at least what the filter selects, then applies the
// same exact filter in Go, which a Builder does with Options.Filter: the cable ids
// (case-insensitively) and dates in DateRange (a cable dated by a year alone is kept when
// the year meets the range); for an actor that is not a country (summarizer.CountryActor
// is ""), the stances whose actor name contains its ActorKey or any name the aliases map
// to it; topics are merged in Go (TopicOf reads the section title, the target, and the
// cable's subject and tags) and are not narrowed in SQL.
type Filter struct {
	// Actors selects the stances of these actors: a stance is theirs when one of its
	// actor's names (after the aliases) has the same summarizer.ActorKey ("FM Kouchner"
	// for "Kouchner"), stands for the same country (summarizer.CountryActor: "GOF" and
	// "the French government" for "France"), or contains the actor's words in a row,
	// ignoring case ("Embassy" for "Embassy Paris").
	Actors []string `json:"actors,omitempty"`
	// Topics selects the stances on these topics: a value that names a TAGS topic (its
	// name, a keyword or its code: "Iran", "Iranian", "IR") selects that topic; any value
	// also selects the stances whose topic name or section title holds its words in a
	// row, normalised as NormalizeTitle does ("nuclear" selects "THE IRANIAN NUCLEAR
	// FILE").
	Topics []string `json:"topics,omitempty"`
	// From and To bound the cable's date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD ("2007"
	// is the whole year). A cable dated by a year alone (from its id) is selected when
	// its year meets the range; a cable without a date is not selected by a range.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Cables selects these cable ids, ignoring case.
	Cables []string `json:"cables,omitempty"`
}

// IsZero reports whether f selects everything.
func (f Filter) IsZero() bool {
	return len(f.Actors) == 0 && len(f.Topics) == 0 && f.From == "" && f.To == "" && len(f.Cables) == 0
}

var dateForm = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// Validate reports the first value of f that cannot select anything: a date not of the
// form YYYY, YYYY-MM or YYYY-MM-DD, From after To, or an empty actor, topic or cable.
func (f Filter) Validate() error {
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v != "" && !dateForm.MatchString(d.v) {
			return fmt.Errorf("--%s %q: want a date as YYYY, YYYY-MM or YYYY-MM-DD", d.name, d.v)
		}
	}
	if lo, hi := f.DateRange(); f.From != "" && f.To != "" && lo > hi {
		return fmt.Errorf("--from %s is after --to %s", f.From, f.To)
	}
	for _, l := range []struct {
		name string
		vs   []string
	}{{"actor", f.Actors}, {"topic", f.Topics}, {"cable", f.Cables}} {
		for _, v := range l.vs {
			if strings.TrimSpace(v) == "" {
				return fmt.Errorf("--%s: empty value", l.name)
			}
		}
	}
	return nil
}

// DateRange returns the bounds of the dates f selects as YYYY-MM-DD strings that compare
// as dates do: From's first day and To's last ("2007-06" gives "2007-06-01" and
// "2007-06-31", which no date passes that June lacks); "" for an open bound.
func (f Filter) DateRange() (lo, hi string) {
	switch len(f.From) {
	case 4:
		lo = f.From + "-01-01"
	case 7:
		lo = f.From + "-01"
	default:
		lo = f.From
	}
	switch len(f.To) {
	case 4:
		hi = f.To + "-12-31"
	case 7:
		hi = f.To + "-31"
	default:
		hi = f.To
	}
	return lo, hi
}

// MatchCable reports whether f selects the cable with this id and date (YYYY-MM-DD, a year
// alone, or ""; see Cable.Date).
func (f Filter) MatchCable(id, date string) bool {
	if len(f.Cables) > 0 && !slices.ContainsFunc(f.Cables, func(c string) bool { return strings.EqualFold(strings.TrimSpace(c), id) }) {
		return false
	}
	if f.From == "" && f.To == "" {
		return true
	}
	if date == "" {
		return false
	}
	lo, hi := f.DateRange()
	first, last := date, date
	if len(date) == 4 {
		first, last = date+"-01-01", date+"-12-31"
	}
	return (lo == "" || last >= lo) && (hi == "" || first <= hi)
}

// MatchActor reports whether f selects an actor known by names (after the aliases) with
// this affiliation (see Filter.Actors).
func (f Filter) MatchActor(names []string, affiliation string) bool {
	if len(f.Actors) == 0 {
		return true
	}
	for _, want := range f.Actors {
		key := summarizer.ActorKey(want)
		country := summarizer.CountryActor(want, "")
		words := strings.Fields(strings.ToLower(want))
		for _, n := range names {
			switch {
			case country != "" && summarizer.CountryActor(n, affiliation) == country:
				return true
			case country == "" && key != "" && summarizer.ActorKey(n) == key:
				return true
			case containsRun(strings.Fields(strings.ToLower(n)), words):
				return true
			}
		}
	}
	return false
}

// MatchTopic reports whether f selects a stance on topic t from a section titled section
// (see Filter.Topics).
func (f Filter) MatchTopic(t TopicRef, section string) bool {
	if len(f.Topics) == 0 {
		return true
	}
	for _, want := range f.Topics {
		if tag := tagTopicOf(want); tag != "" && t.Key == topicKeyOf(tag) {
			return true
		}
		words := strings.Fields(NormalizeTitle(want))
		for _, s := range []string{t.Name, strings.TrimPrefix(t.Key, "title:"), section} {
			if containsRun(strings.Fields(NormalizeTitle(s)), words) {
				return true
			}
		}
	}
	return false
}

// Match reports whether f selects a stance of the actor known by names (after the
// aliases) with this affiliation, on topic t, from a section titled section, in the cable
// with this id and date: MatchCable, MatchActor and MatchTopic together.
func (f Filter) Match(id, date string, names []string, affiliation string, t TopicRef, section string) bool {
	return f.MatchCable(id, date) && f.MatchActor(names, affiliation) && f.MatchTopic(t, section)
}

// tagTopicOf returns the name of the TAGS topic that s names: by TAGS code ("IR"), by
// name ("Iran") or as its only topic keyword ("Iranian"); "" for none.
func tagTopicOf(s string) string {
	if t, ok := tagTopics[strings.ToUpper(strings.TrimSpace(s))]; ok {
		return t.Name
	}
	for _, t := range tagTopics {
		if strings.EqualFold(t.Name, strings.TrimSpace(s)) {
			return t.Name
		}
	}
	if hits := topicsIn(s, nil); len(hits) == 1 && len(strings.Fields(s)) <= 2 {
		return hits[0]
	}
	return ""
}

// containsRun reports whether words holds run as consecutive words; an empty run is not
// held.
func containsRun(words, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
