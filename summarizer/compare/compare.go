// Package compare merges the reports of several cables into one view of who took which
// position on what, and when: rows are actors, columns topics, and each cell lists the
// label and target an actor took in each cable, ordered by date (a cable without a date
// by the year of its id). A reversal of polarity (supports against opposes or skeptical;
// see report.Polarity) on a similar target from an earlier cable to a strictly later one
// is flagged "changed", and labels of opposite polarity on similar targets within one
// cable are flagged "contradiction"; conditional and neutral labels are never flagged.
//
// Actors are merged across cables with summarizer.ActorKey and affiliation compatibility
// ("French FM Bernard Kouchner", "FM Kouchner" and "Kouchner" are one actor), after an
// optional aliases map for what rules cannot know. Roles ("the Ambassador") merge within
// one post only; a surname that comes with different given names ("Ammar Saleh", "Ali
// Abdullah Saleh") is that many actors, and a bare common name ("Ali") merges within one
// post unless its cable names it in full (see resolveNames). Topics are merged by normalised section
// title and mapped to TAGS-based topics (see NormalizeTitle and Build).
package compare

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// Flags set on a Row.
const (
	// FlagChanged: the actor's label on the topic has the opposite polarity (see report.Polarity)
	// of their label in the previous cable, dated strictly earlier, on a similar target.
	FlagChanged = "changed"
	// FlagContradiction: the actor took labels of opposite polarity on similar targets in
	// this cable (targets are similar when they share a content word other than the
	// topic's own, or come from the same section).
	FlagContradiction = "contradiction"
)

// Options tune Build. The zero value merges by rules alone.
type Options struct {
	// Aliases maps a name as it appears in reports to the canonical name it stands for
	// ("ZP" → "Zapatero", "the Secretary" → "Condoleezza Rice"). Keys match names
	// case-insensitively with white space collapsed. See LoadAliases.
	Aliases map[string]string
}

// Comparison is the merged view of several reports. Build returns it; it is not modified
// afterwards and the writers may be called concurrently.
type Comparison struct {
	Cables   []Cable  `json:"cables"`   // the cables compared, by date then id
	Actors   []Actor  `json:"actors"`   // matrix rows: most cables first, then name
	Topics   []Topic  `json:"topics"`   // matrix columns: most cables first, then key; "Other" last
	Rows     []Row    `json:"rows"`     // one per actor, topic and cable; in Actors, Topics, date order
	Warnings []string `json:"warnings"` // what was skipped or odd in the input
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
}

// Row is one actor's position on one topic in one cable.
type Row struct {
	Actor         string                `json:"actor"`
	Aliases       []string              `json:"aliases"`
	Affiliation   string                `json:"affiliation"`
	Topic         string                `json:"topic"`
	CableID       string                `json:"cable_id"`
	Date          string                `json:"date"`   // the cable's, as in Cable
	Label         string                `json:"label"`  // the label taken most often here (the first on a tie) that a position chose
	Labels        []string              `json:"labels"` // every label taken on the topic in this cable, Label first
	Target        string                `json:"target"`
	Voice         string                `json:"voice"`
	Flags         []string              `json:"flags"`          // FlagChanged, FlagContradiction
	Previous      string                `json:"previous_label"` // the label in the actor's previous cable on the topic, dated strictly earlier; "" for none
	PreviousCable string                `json:"previous_cable"` // that cable's id
	Sections      []string              `json:"sections"`       // the section titles (or kinds) the row comes from
	Evidence      []summarizer.Evidence `json:"evidence"`
}

// Build merges reports into a Comparison. Reports are taken in date order (then cable
// id); a nil report, a report without a cable and a second report of the same cable are
// skipped with a warning.
//
// Each position of a report (or, for a report without positions, each stance of its
// successful sections) becomes part of one row. Its actor is first mapped through
// o.Aliases, then merged with the actors of other cables that share its
// summarizer.ActorKey and have the same or an empty affiliation. Its topic is merged by
// NormalizeTitle; a title naming one country or organisation of the TAGS table becomes
// that topic ("IRAN", "Iranian nuclear file" → "Iran"); a generic title ("Summary",
// "COMMENT") takes the topic its stance target names, or the cable's only foreign
// country tag, or "Other".
func Build(reports []*summarizer.Report, o Options) *Comparison {
	b := newBuilder(o)
	var rs []*summarizer.Report
	seen := map[string]bool{}
	for i, r := range reports {
		switch {
		case r == nil || r.Cable == nil:
			b.warn("report %d has no cable; skipped", i+1)
			continue
		case r.Cable.ID == "":
			b.warn("report %d has a cable without an id; skipped", i+1)
			continue
		case seen[r.Cable.ID]:
			b.warn("%s appears more than once; the first report is used", r.Cable.ID)
			continue
		}
		seen[r.Cable.ID] = true
		rs = append(rs, r)
	}
	slices.SortStableFunc(rs, func(a, c *summarizer.Report) int {
		return cmpCable(cableDate(a.Cable), a.Cable.ID, cableDate(c.Cable), c.Cable.ID)
	})
	ms := make([][]*mention, len(rs))
	for i, r := range rs {
		ms[i] = mentions(r, b)
	}
	b.resolveNames(rs, ms)
	for i, r := range rs {
		b.add(r, ms[i])
	}
	return b.finish()
}

// cmpCable orders cables by date, a year alone after the full dates of that year and
// undated cables last, then by id.
func cmpCable(dateA, idA, dateB, idB string) int {
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

// ReadReports reads report JSON files as written by report.WriteJSON. A file that cannot
// be read, is not JSON, is not a report (no schema_version or cable id) or has another
// schema version is skipped; the others are still returned, in the order of paths, with
// an error joining one error per skipped file, each naming the file.
func ReadReports(paths []string) ([]*summarizer.Report, error) {
	var out []*summarizer.Report
	var errs []error
	for _, p := range paths {
		r, err := readReport(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("read report %s: %w", p, err))
			continue
		}
		out = append(out, r)
	}
	return out, errors.Join(errs...)
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
