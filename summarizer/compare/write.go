package compare

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cablebrief/summarize/summarizer/report"
)

// CSVHeader is the first record WriteCSV writes; the columns of every row follow it.
var CSVHeader = []string{
	"actor", "aliases", "affiliation", "topic", "cable_id", "date", "label", "labels",
	"target", "voice", "flags", "previous_label", "sections", "paragraph", "quote",
}

// WriteJSON writes c as indented JSON: {"cables", "actors", "topics", "rows",
// "warnings"}, with rows one per actor, topic and cable as described by Row. Lists are []
// when empty, never null.
func (c *Comparison) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("write comparison json: %w", err)
	}
	return nil
}

// WriteCSV writes c's rows as CSV (RFC 4180) with the header CSVHeader: one record per
// actor, topic and cable. List fields are joined with "; "; paragraph and quote are the
// row's first piece of evidence.
func (c *Comparison) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write comparison csv: %w", err)
	}
	for _, r := range c.Rows {
		para, quote := "", ""
		if len(r.Evidence) > 0 {
			para, quote = strconv.Itoa(r.Evidence[0].Paragraph), r.Evidence[0].Quote
		}
		rec := []string{
			r.Actor, strings.Join(r.Aliases, "; "), r.Affiliation, r.Topic, r.CableID, r.Date,
			r.Label, strings.Join(r.Labels, "; "), r.Target, r.Voice, strings.Join(r.Flags, "; "),
			r.Previous, strings.Join(r.Sections, "; "), para, quote,
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write comparison csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write comparison csv: %w", err)
	}
	return nil
}

// Limits of the matrix the Markdown and HTML writers draw; the tables by topic, CSV and
// JSON always hold every row.
const (
	MaxMatrixTopics = 40  // columns: the topics found in the most cables
	MaxMatrixActors = 150 // rows: the actors found in the most cables
)

// cells returns, for each actor of c (in c.Actors order) and each topic (in c.Topics
// order), the indexes into c.Rows of that actor's rows on that topic, in date order.
func (c *Comparison) cells() [][][]int {
	actor := map[string]int{}
	for i, a := range c.Actors {
		actor[a.Name+"\x00"+a.Affiliation] = i
	}
	topic := map[string]int{}
	for i, t := range c.Topics {
		topic[t.Name] = i
	}
	m := make([][][]int, len(c.Actors))
	for i := range m {
		m[i] = make([][]int, len(c.Topics))
	}
	for ri, r := range c.Rows {
		ai, ok1 := actor[r.Actor+"\x00"+r.Affiliation]
		ti, ok2 := topic[r.Topic]
		if ok1 && ok2 {
			m[ai][ti] = append(m[ai][ti], ri)
		}
	}
	return m
}

// matrixView is the part of the matrix the writers draw.
type matrixView struct {
	actors, topics []int // indexes into c.Actors and c.Topics
	pruned         bool  // some actors or topics were left out
}

// view selects the matrix to draw: everything when it fits in MaxMatrixActors rows and
// MaxMatrixTopics columns; otherwise the topics found in at least two cables, at most
// MaxMatrixTopics of them, and the actors found in at least two cables with a position on
// one of those topics, at most MaxMatrixActors (c.Actors and c.Topics are ordered by the
// number of cables, so the most shared come first).
func (c *Comparison) view(m [][][]int) matrixView {
	var v matrixView
	if len(c.Actors) <= MaxMatrixActors && len(c.Topics) <= MaxMatrixTopics {
		for i := range c.Actors {
			v.actors = append(v.actors, i)
		}
		for i := range c.Topics {
			v.topics = append(v.topics, i)
		}
		return v
	}
	v.pruned = true
	for i, t := range c.Topics {
		if t.Cables >= 2 && len(v.topics) < MaxMatrixTopics {
			v.topics = append(v.topics, i)
		}
	}
	for i, a := range c.Actors {
		if a.Cables < 2 || len(v.actors) == MaxMatrixActors {
			continue
		}
		for _, t := range v.topics {
			if len(m[i][t]) > 0 {
				v.actors = append(v.actors, i)
				break
			}
		}
	}
	return v
}

// Stats counts what a comparison found.
type Stats struct {
	Cables, Actors, Topics, Rows int
	MergedActors                 int // actors found in more than one cable
	Changes                      int // rows flagged FlagChanged
	Contradictions               int // rows flagged FlagContradiction
}

// Stats returns the counts of c.
func (c *Comparison) Stats() Stats {
	s := Stats{Cables: len(c.Cables), Actors: len(c.Actors), Topics: len(c.Topics), Rows: len(c.Rows)}
	for _, a := range c.Actors {
		if a.Cables > 1 {
			s.MergedActors++
		}
	}
	for _, r := range c.Rows {
		for _, f := range r.Flags {
			switch f {
			case FlagChanged:
				s.Changes++
			case FlagContradiction:
				s.Contradictions++
			}
		}
	}
	return s
}

// WriteMarkdown writes c as a Markdown document: a line of counts, the actor × topic
// matrix (each cell lists label, target shortened to MaxCellTarget, cable id and date,
// oldest first, with ⟳ for a change and ⚠ for a contradiction, and a legend of the labels
// present), the changes and contradictions spelled out, a table per
// topic with targets, the cables compared, and warnings. Text from reports is escaped.
func (c *Comparison) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	st := c.Stats()
	p("# %s\n\n", c.title())
	p("%s (%d in more than one cable) · %s · %s · %s · %s", count(st.Actors, "actor"), st.MergedActors, count(st.Topics, "topic"), count(st.Rows, "position"), count(st.Changes, "change"), count(st.Contradictions, "contradiction"))
	if first, last := c.dateRange(); first != "" {
		p(" · %s to %s", first, last)
	}
	p("\n")
	m := c.cells()
	if v := c.view(m); len(v.actors) > 0 && len(v.topics) > 0 {
		p("\n## Actor × topic\n\n")
		if v.pruned {
			p("The %d topics and %d actors found in the most cables; every position is listed by topic below.\n\n", len(v.topics), len(v.actors))
		}
		p("| Actor |")
		for _, ti := range v.topics {
			p(" %s |", cell(c.Topics[ti].Name))
		}
		p("\n|---|")
		for range v.topics {
			p("---|")
		}
		p("\n")
		var used []string
		for _, ai := range v.actors {
			a := c.Actors[ai]
			p("| **%s** |", cell(report.WithAffiliation(a.Name, a.Affiliation)))
			for _, ti := range v.topics {
				var parts []string
				for _, ri := range m[ai][ti] {
					r := c.Rows[ri]
					used = append(used, r.Label)
					part := fmt.Sprintf("%s %s", report.LabelSymbol(r.Label), cell(r.Label))
					if t := report.Shorten(r.Target, MaxCellTarget); t != "" {
						part += " _" + cell(t) + "_"
					}
					parts = append(parts, part+fmt.Sprintf(" (%s, %s)%s", cell(r.CableID), cell(dateOr(r.Date)), flagMarks(r.Flags)))
				}
				p(" %s |", strings.Join(parts, "<br>"))
			}
			p("\n")
		}
		p("\nLabels: %s. ⟳ %s; ⚠ %s.\n", md(report.LegendText(report.LabelStyles(used))), legendChanged, legendContradiction)
	}
	if st.Changes+st.Contradictions > 0 {
		p("\n## Changes and contradictions\n\n")
		for i, r := range c.Rows {
			if slices.Contains(r.Flags, FlagChanged) {
				prev := c.Rows[c.previous(i)]
				p("- ⟳ **%s** on **%s**: %s %s in %s (%s) → %s %s in %s (%s): _%s_\n",
					md(r.Actor), md(r.Topic), report.LabelSymbol(prev.Label), md(prev.Label), md(prev.CableID), dateOr(prev.Date),
					report.LabelSymbol(r.Label), md(r.Label), md(r.CableID), dateOr(r.Date), md(r.Target))
			}
			if slices.Contains(r.Flags, FlagContradiction) {
				p("- ⚠ **%s** on **%s** in %s (%s): %s\n", md(r.Actor), md(r.Topic), md(r.CableID), dateOr(r.Date), md(strings.Join(r.Labels, ", ")))
			}
		}
	}
	if len(c.Rows) > 0 {
		p("\n## By topic\n")
		for ti, t := range c.Topics {
			p("\n### %s\n\n", md(t.Name))
			if len(t.Titles) > 1 || (len(t.Titles) == 1 && t.Titles[0] != t.Name) {
				p("Sections: %s\n\n", md(strings.Join(t.Titles, "; ")))
			}
			p("| Date | Cable | Actor | Label | Target | Flags |\n|---|---|---|---|---|---|\n")
			var rows []int
			for ai := range c.Actors {
				rows = append(rows, m[ai][ti]...)
			}
			sortRowsByDate(c, rows)
			for _, ri := range rows {
				r := c.Rows[ri]
				p("| %s | %s | %s | %s %s | %s | %s |\n", cell(dateOr(r.Date)), cell(r.CableID), cell(r.Actor), report.LabelSymbol(r.Label), cell(r.Label), cell(r.Target), cell(strings.Join(r.Flags, ", ")))
			}
		}
	}
	p("\n## Cables\n\n| Cable | Date | From | Subject |\n|---|---|---|---|\n")
	for _, cb := range c.Cables {
		p("| %s | %s | %s | %s |\n", cell(cb.ID), cell(dateOr(cb.Date)), cell(cb.Origin), cell(cb.Subject))
	}
	if len(c.Warnings) > 0 {
		p("\n## Warnings\n\n")
		for _, wr := range c.Warnings {
			p("- %s\n", md(wr))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write comparison markdown: %w", err)
	}
	return nil
}

// MaxCellTarget is the length, in characters, to which the Markdown and HTML matrices
// shorten a target; the tables by topic, CSV and JSON give it whole.
const MaxCellTarget = 60

// The legend of the flags.
const (
	legendChanged       = "reversed since the actor's previous cable on the topic"
	legendContradiction = "opposite labels on one target in one cable"
)

// count writes n and noun, plural unless n is 1: "1 change", "2 changes".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// title is the heading of a rendering: "Positions across 12 cables".
func (c *Comparison) title() string {
	if len(c.Cables) == 1 {
		return "Positions across 1 cable"
	}
	return fmt.Sprintf("Positions across %d cables", len(c.Cables))
}

// previous returns the index of the row that row i, flagged FlagChanged, changed from:
// the row of the same actor and topic from the cable Row.PreviousCable.
func (c *Comparison) previous(i int) int {
	r := c.Rows[i]
	for j := i - 1; j >= 0; j-- {
		q := c.Rows[j]
		if q.Actor == r.Actor && q.Affiliation == r.Affiliation && q.Topic == r.Topic && q.CableID == r.PreviousCable {
			return j
		}
	}
	return i
}

// sortRowsByDate orders row indexes by their cable's date, then cable id, then actor
// order (the indexes' own order), stably.
func sortRowsByDate(c *Comparison, rows []int) {
	slices.SortStableFunc(rows, func(i, j int) int {
		a, b := c.Rows[i], c.Rows[j]
		return cmpCable(a.Date, a.CableID, b.Date, b.CableID)
	})
}

func (c *Comparison) dateRange() (string, string) {
	first, last := "", ""
	for _, cb := range c.Cables {
		if cb.Date == "" {
			continue
		}
		if first == "" || cb.Date < first {
			first = cb.Date
		}
		if cb.Date > last {
			last = cb.Date
		}
	}
	return first, last
}

func flagMarks(flags []string) string {
	s := ""
	if slices.Contains(flags, FlagChanged) {
		s += " ⟳"
	}
	if slices.Contains(flags, FlagContradiction) {
		s += " ⚠"
	}
	return s
}

func dateOr(d string) string {
	if d == "" {
		return "undated"
	}
	return d
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
)

// md escapes untrusted text for Markdown: lines joined, markup characters escaped.
func md(s string) string { return mdEscaper.Replace(collapse(s)) }

// cell is md for a table cell, which must also not contain "|".
func cell(s string) string { return strings.ReplaceAll(md(s), "|", `\|`) }
