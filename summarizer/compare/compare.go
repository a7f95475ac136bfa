// Package compare merges the reports of several cables into one view of who took which
// position on what, and when: rows are an actor's stances on one topic in one cable, each
// target with its label, ordered by date (a cable without a date by the year of its id).
//
// Flags compare like with like: only the stances of one actor on one proposition (see
// Proposition.Same: targets that normalise to the same content words, or near-identical
// ones; never merely a shared word or the same topic). Two stances of one cable on one
// proposition with opposite polarity (supports against skeptical or opposes; see
// report.Polarity) are a "contradiction"; a stance whose polarity is the opposite of the
// actor's latest stance on the proposition in a strictly earlier cable is "changed".
// Conditional and neutral labels are never flagged. Conflicts is the rule, for anyone
// who compares stances (the cross-cable digest does).
//
// Actors are merged across cables with summarizer.ActorKey and affiliation compatibility
// ("French FM Bernard Kouchner", "FM Kouchner" and "Kouchner" are one actor), after an
// optional aliases map for what rules cannot know. Roles ("the Ambassador") merge within
// one post only; a surname that comes with different given names ("Ammar Saleh", "Ali
// Abdullah Saleh") is that many actors, and a bare common name ("Ali") merges within one
// post unless its cable names it in full (see resolveNames). Topics are merged by
// normalised section title and mapped to TAGS-based topics (see TopicOf).
//
// A Builder takes reports one at a time and keeps only what the comparison needs, so a
// comparison of any number of reports streams; a Filter narrows it to actors, topics,
// dates and cables; Top keeps the actors and topics found in the most cables, for reading.
package compare

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// Flags set on a Row.
const (
	// FlagChanged: a target of the row reverses the polarity (see report.Polarity) of the
	// actor's latest stance on the same proposition in a strictly earlier cable.
	FlagChanged = "changed"
	// FlagContradiction: the actor took opposite polarities on the same proposition in
	// this cable.
	FlagContradiction = "contradiction"
)

// Options tune a Builder. The zero value merges by rules alone and keeps everything.
type Options struct {
	// Aliases maps a name as it appears in reports to the canonical name it stands for
	// ("ZP" → "Zapatero", "the Secretary" → "Condoleezza Rice"). Keys match names
	// case-insensitively with white space collapsed. See LoadAliases.
	Aliases map[string]string
	// Filter selects the stances compared; the zero Filter selects all.
	Filter Filter
}

// Comparison is the merged view of several reports. A Builder returns it; it is not
// modified afterwards and the writers may be called concurrently.
type Comparison struct {
	Cables   []Cable  `json:"cables"`   // the cables compared, by date then id
	Actors   []Actor  `json:"actors"`   // most cables first, then name
	Topics   []Topic  `json:"topics"`   // most cables first, then key; "Other" last
	Rows     []Row    `json:"rows"`     // one per actor, topic and cable; in Actors, Topics, date order
	Warnings []string `json:"warnings"` // what was skipped or odd in the input
	// Filter is the selection the comparison was built with; nil for none.
	Filter *Filter `json:"filter,omitempty"`
	// Omitted says what Top left out; nil when nothing was.
	Omitted *Omitted `json:"omitted,omitempty"`
}

// Cable identifies one compared cable.
type Cable struct {
	ID      string   `json:"id"`
	Date    string   `json:"date"` // YYYY-MM-DD; YYYY from the id ("07MADRID911") when the cable has no date; "" when unknown
	Origin  string   `json:"origin"`
	Subject string   `json:"subject"`
	Tags    []string `json:"tags"`
}

// Actor is one merged actor: the canonical name, the other names it appeared under, and
// the number of cables it appears in.
type Actor struct {
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases"`
	Affiliation string   `json:"affiliation"`
	Key         string   `json:"key"` // summarizer.ActorKey of Name
	Cables      int      `json:"cables"`
}

// Topic is one merged topic: its display name, its merge key, the section titles merged
// into it and the number of cables it appears in.
type Topic struct {
	Name   string   `json:"name"`
	Key    string   `json:"key"` // "tag:iran", "title:domestic politic", "other"
	Titles []string `json:"titles"`
	Cables int      `json:"cables"`
	Actors int      `json:"actors"` // the actors with a position on it
}

// Row is one actor's stances on one topic in one cable.
type Row struct {
	Actor         string                `json:"actor"`
	Aliases       []string              `json:"aliases"`
	Affiliation   string                `json:"affiliation"`
	Topic         string                `json:"topic"`
	CableID       string                `json:"cable_id"`
	Date          string                `json:"date"`   // the cable's, as in Cable
	Label         string                `json:"label"`  // the label taken most often here (the first on a tie) that a position chose
	Labels        []string              `json:"labels"` // every label taken on the topic in this cable, Label first
	Target        string                `json:"target"` // the first target with Label
	Voice         string                `json:"voice"`
	Flags         []string              `json:"flags"`          // FlagChanged, FlagContradiction, each once
	Previous      string                `json:"previous_label"` // the label in the actor's previous cable on the topic, dated strictly earlier; "" for none
	PreviousCable string                `json:"previous_cable"` // that cable's id
	Sections      []string              `json:"sections"`       // the section titles (or kinds) the row comes from
	Evidence      []summarizer.Evidence `json:"evidence"`       // the evidence of the targets labelled Label
	// Targets are every stance behind the row, each target with its label, in the order
	// of the report.
	Targets []Target `json:"targets"`
	// Conflicts are the flags of the row spelled out: which target conflicts with which.
	Conflicts []RowConflict `json:"conflicts"`
}

// Target is one stance behind a Row: the proposition and the label the actor took on it.
type Target struct {
	Target   string                `json:"target"`
	Label    string                `json:"label"`
	Voice    string                `json:"voice"`
	Section  string                `json:"section"` // the section title (or kind)
	Evidence []summarizer.Evidence `json:"evidence"`
}

// RowConflict is one flag of a row: its target Target (an index into Row.Targets)
// conflicts with another stance of the same actor on the same proposition, in the same
// cable (FlagContradiction) or in the earlier cable OtherCable (FlagChanged).
type RowConflict struct {
	Kind        string `json:"kind"` // FlagChanged or FlagContradiction
	Target      int    `json:"target"`
	OtherCable  string `json:"other_cable"`
	OtherDate   string `json:"other_date"`
	OtherLabel  string `json:"other_label"`
	OtherTarget string `json:"other_target"`
}

// Build merges reports into a Comparison, as a Builder given them in order does.
func Build(reports []*summarizer.Report, o Options) *Comparison {
	b := NewBuilder(o)
	for _, r := range reports {
		b.Add(r)
	}
	return b.Comparison()
}

// CmpCable orders cables by date (Cable dates as CableDate gives them), a year alone
// after the full dates of that year and undated cables last, then by id.
func CmpCable(dateA, idA, dateB, idB string) int {
	if (dateA == "") != (dateB == "") {
		if dateA == "" {
			return 1
		}
		return -1
	}
	return cmp.Or(strings.Compare(sortDate(dateA), sortDate(dateB)), strings.Compare(idA, idB))
}

// sortDate is the key a date sorts by: a year alone sorts after the full dates of its year.
func sortDate(d string) string {
	if len(d) == 4 {
		return d + "-99"
	}
	return d
}

// CableDate is the date a cable is compared and filtered under (Cable.Date,
// Filter.MatchCable): its own date, else the year of its id ("07MADRID911" gives
// "2007"), else "".
func CableDate(c *summarizer.Cable) string { return cableDate(c) }

// cableDate is the date a cable is compared under: its own, else the year of its id.
func cableDate(c *summarizer.Cable) string {
	if c.Date != "" {
		return c.Date
	}
	return yearOfID(c.ID)
}

// yearOfID returns the year a cable id starts with: "07MADRID911" gives "2007" and
// "89PARIS12" "1989"; "" when the id does not start with two digits and a letter.
func yearOfID(id string) string {
	if len(id) < 3 || !isDigits(id[:2]) || isDigits(id[2:3]) {
		return ""
	}
	if id[0] >= '6' {
		return "19" + id[:2]
	}
	return "20" + id[:2]
}

// later reports whether date b is strictly later than date a. A year alone is later only
// than the dates of earlier years; an empty date is never later nor earlier.
func later(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if len(a) == 4 || len(b) == 4 {
		return b[:4] > a[:4]
	}
	return b > a
}

// ReadReports reads report JSON files as ReadReport does. A file that cannot be read, is
// not JSON, is not a report or has another schema version is skipped; the others are
// still returned, in the order of paths, with an error joining one error per skipped
// file, each naming the file. It holds every report: to compare many, read them one at a
// time with ReadReport into a Builder.
func ReadReports(paths []string) ([]*summarizer.Report, error) {
	var out []*summarizer.Report
	var errs []error
	for _, p := range paths {
		r, err := ReadReport(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, r)
	}
	return out, errors.Join(errs...)
}

// ReadReport reads one report JSON file as written by report.WriteJSON. An error names
// the file: it cannot be read, is not JSON, is not a report (no schema_version or cable
// id) or has another schema version.
func ReadReport(path string) (*summarizer.Report, error) {
	r, err := readReport(path)
	if err != nil {
		return nil, fmt.Errorf("read report %s: %w", path, err)
	}
	return r, nil
}

func readReport(path string) (*summarizer.Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r summarizer.Report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("not a JSON report (write reports with summarize --format json, or compare cables at once with summarize --compare): %w", err)
	}
	switch {
	case r.SchemaVersion != "" && r.SchemaVersion != summarizer.SchemaVersion:
		return nil, fmt.Errorf("schema_version %q, want %q", r.SchemaVersion, summarizer.SchemaVersion)
	case r.SchemaVersion == "" || r.Cable == nil:
		return nil, errors.New("not a summarize report (no schema_version or cable)")
	case r.SchemaVersion != summarizer.SchemaVersion:
		return nil, fmt.Errorf("schema_version %q, want %q", r.SchemaVersion, summarizer.SchemaVersion)
	case r.Cable.ID == "":
		return nil, errors.New("the report's cable has no id")
	}
	return &r, nil
}
