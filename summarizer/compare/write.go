package compare

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cablebrief/summarize/summarizer/report"
)

// CSVHeader is the first record WriteCSV writes; the columns of every record follow it.
var CSVHeader = []string{
	"actor", "aliases", "affiliation", "topic", "cable_id", "date", "label", "labels",
	"target", "voice", "flags", "previous_label", "sections", "paragraph", "quote", "conflicts",
}

// WriteJSON writes c as indented JSON: {"cables", "actors", "topics", "rows",
// "warnings"}, with rows one per actor, topic and cable as described by Row, and
// "filter" and "omitted" when c has them. Lists are [] when empty, never null.
func (c *Comparison) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("write comparison json: %w", err)
	}
	return nil
}

// WriteCSV writes c as CSV (RFC 4180) with the header CSVHeader: one record per target of
// each row (a stance: its label, target, voice and section, its flags, its first piece of
// evidence as paragraph and quote, and its conflicts spelled out), with the row's actor,
// topic, cable, labels and previous label. List fields are joined with "; ".
//
// A field that a spreadsheet would run as a formula, one that starts with "=", "+", "-",
// "@", a tab or a carriage return, is written after a single quote, as OWASP's CSV
// injection guidance says, unless it is a number ("-3", "+1.5").
func (c *Comparison) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	write := func(rec []string) error {
		for i, f := range rec {
			rec[i] = csvSafe(f)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write comparison csv: %w", err)
		}
		return nil
	}
	if err := write(slices.Clone(CSVHeader)); err != nil {
		return err
	}
	for _, r := range c.Rows {
		for ti, t := range r.Targets {
			para, quote := "", ""
			if len(t.Evidence) > 0 {
				para, quote = strconv.Itoa(t.Evidence[0].Paragraph), t.Evidence[0].Quote
			}
			var flags, conflicts []string
			for _, cf := range r.Conflicts {
				if cf.Target != ti {
					continue
				}
				if !slices.Contains(flags, cf.Kind) {
					flags = append(flags, cf.Kind)
				}
				conflicts = append(conflicts, conflictText(cf))
			}
			rec := []string{
				r.Actor, strings.Join(r.Aliases, "; "), r.Affiliation, r.Topic, r.CableID, r.Date,
				t.Label, strings.Join(r.Labels, "; "), t.Target, t.Voice, strings.Join(flags, "; "),
				r.Previous, t.Section, para, quote, strings.Join(conflicts, "; "),
			}
			if err := write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write comparison csv: %w", err)
	}
	return nil
}

// conflictText spells out one conflict of a target in plain words.
func conflictText(cf RowConflict) string {
	if cf.Kind == FlagChanged {
		return fmt.Sprintf("changed from %s %q in %s (%s)", cf.OtherLabel, cf.OtherTarget, cf.OtherCable, dateOr(cf.OtherDate))
	}
	return fmt.Sprintf("contradicts %s %q", cf.OtherLabel, cf.OtherTarget)
}

// number matches a decimal number as a spreadsheet reads one: "-3", "+1.5", "2e6".
var number = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// csvSafe returns field as a spreadsheet may open it without running it: prefixed with
// a single quote when it starts with "=", "+", "-", "@", a tab or a carriage return and
// is not a number.
func csvSafe(field string) string {
	if field == "" || !strings.ContainsRune("=+-@\t\r", rune(field[0])) || number.MatchString(field) {
		return field
	}
	return "'" + field
}

// Stats counts what a comparison holds.
type Stats struct {
	Cables         int `json:"cables"`
	Actors         int `json:"actors"`
	Topics         int `json:"topics"`
	Rows           int `json:"rows"`
	MergedActors   int `json:"merged_actors"`  // actors found in more than one cable
	Changes        int `json:"changes"`        // rows flagged FlagChanged
	Contradictions int `json:"contradictions"` // rows flagged FlagContradiction
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

// Limits of what the Markdown and HTML writers draw.
const (
	// MaxMatrixTopics and MaxMatrixActors bound the actor × topic matrix: a comparison
	// with more topics or actors, or of LargeComparison cables or more, or one Top left
	// something out of, is drawn topic by topic, each topic a table of actor rows.
	MaxMatrixTopics = 12
	MaxMatrixActors = 60
	// MaxCellTarget is the length, in characters, to which the matrix and the topic
	// tables of actor rows shorten a target; the chronological tables, CSV and JSON give
	// it whole.
	MaxCellTarget = 80
	// MaxListedConflicts is the number of changes and contradictions listed; the rest
	// are counted.
	MaxListedConflicts = 100
	// MaxCellCables is the number of cables an actor's cell of a topic table lists: the
	// latest; the earlier ones are counted.
	MaxCellCables = 8
)

// matrixLayout reports whether c is drawn as an actor × topic matrix (see
// MaxMatrixTopics).
func (c *Comparison) matrixLayout() bool {
	return c.Omitted == nil && len(c.Cables) < LargeComparison && len(c.Topics) <= MaxMatrixTopics && len(c.Actors) <= MaxMatrixActors
}

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

// topicActors returns, for topic ti of c, the actors with rows on it (indexes into
// c.Actors) ordered by the number of those rows (cables), most first, then in c.Actors
// order, with their rows in date order.
func (c *Comparison) topicActors(m [][][]int, ti int) [][]int {
	var out [][]int
	var who []int
	for ai := range c.Actors {
		if len(m[ai][ti]) > 0 {
			who = append(who, ai)
		}
	}
	slices.SortStableFunc(who, func(a, b int) int { return len(m[b][ti]) - len(m[a][ti]) })
	for _, ai := range who {
		out = append(out, append([]int{ai}, m[ai][ti]...))
	}
	return out
}

// shownTarget is one target of a row as the Markdown and HTML writers show it: identical
// stances of the row (the same label on the same words, often from SUMMARY and the topic
// section) once.
type shownTarget struct {
	Target, Label, Section string
	Changed, Contradiction bool
	Quote                  string
	Paragraph              int
}

// shownTargets returns the targets of r to show, each once, with their flags.
func shownTargets(r Row) []shownTarget {
	var out []shownTarget
	seen := map[string]int{}
	for ti, t := range r.Targets {
		k := t.Label + "\x00" + strings.ToLower(collapse(t.Target))
		i, ok := seen[k]
		if !ok {
			i = len(out)
			seen[k] = i
			st := shownTarget{Target: t.Target, Label: t.Label, Section: t.Section}
			if len(t.Evidence) > 0 {
				st.Quote, st.Paragraph = t.Evidence[0].Quote, t.Evidence[0].Paragraph
			}
			out = append(out, st)
		}
		for _, cf := range r.Conflicts {
			if cf.Target == ti {
				out[i].Changed = out[i].Changed || cf.Kind == FlagChanged
				out[i].Contradiction = out[i].Contradiction || cf.Kind == FlagContradiction
			}
		}
	}
	return out
}

// conflictView is one change or contradiction as the writers list it.
type conflictView struct {
	Kind, Actor, Topic string
	From, To           conflictSide // From is the earlier (changed) or the other (contradiction)
}

type conflictSide struct {
	Label, Target, CableID, Date string
}

// conflicts lists the conflicts of c's rows, in row order, then those of the flagged rows
// Top left out.
func (c *Comparison) conflicts() []conflictView {
	var out []conflictView
	rows := c.Rows
	if c.Omitted != nil {
		rows = append(slices.Clip(rows), c.Omitted.Flagged...)
	}
	for _, r := range rows {
		for _, cf := range r.Conflicts {
			t := r.Targets[cf.Target]
			out = append(out, conflictView{Kind: cf.Kind, Actor: r.Actor, Topic: r.Topic,
				From: conflictSide{cf.OtherLabel, cf.OtherTarget, cf.OtherCable, cf.OtherDate},
				To:   conflictSide{t.Label, t.Target, r.CableID, r.Date}})
		}
	}
	return out
}

// The legend of the flags.
const (
	legendChanged       = "reversed since the actor's latest earlier stance on the same proposition"
	legendContradiction = "opposite stances on the same proposition in one cable"
)

// count writes n and noun, plural unless n is 1: "1 change", "2 changes".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// title is the heading of a rendering: "Positions across 12 cables".
func (c *Comparison) title() string {
	n := len(c.Cables)
	if c.Omitted != nil {
		n = c.Omitted.Total.Cables
	}
	if n == 1 {
		return "Positions across 1 cable"
	}
	return fmt.Sprintf("Positions across %d cables", n)
}

// countsLine is the line of counts under the title: of the whole comparison, before Top.
func (c *Comparison) countsLine() string {
	st := c.Stats()
	if c.Omitted != nil {
		st = c.Omitted.Total
	}
	s := fmt.Sprintf("%s (%d in more than one cable) · %s · %s · %s · %s", count(st.Actors, "actor"), st.MergedActors,
		count(st.Topics, "topic"), count(st.Rows, "position"), count(st.Changes, "change"), count(st.Contradictions, "contradiction"))
	first, last := c.dateRange()
	if c.Omitted != nil {
		first, last = c.Omitted.From, c.Omitted.To
	}
	if first != "" {
		s += fmt.Sprintf(" · %s to %s", first, last)
	}
	return s
}

// selectionLine says what the filter selected, or "".
func (c *Comparison) selectionLine() string {
	f := c.Filter
	if f == nil {
		return ""
	}
	var parts []string
	if len(f.Actors) > 0 {
		parts = append(parts, "actor "+strings.Join(f.Actors, " or "))
	}
	if len(f.Topics) > 0 {
		parts = append(parts, "topic "+strings.Join(f.Topics, " or "))
	}
	switch {
	case f.From != "" && f.To != "":
		parts = append(parts, fmt.Sprintf("dated %s to %s", f.From, f.To))
	case f.From != "":
		parts = append(parts, "dated from "+f.From)
	case f.To != "":
		parts = append(parts, "dated up to "+f.To)
	}
	if len(f.Cables) > 0 {
		parts = append(parts, "cables "+strings.Join(f.Cables, ", "))
	}
	return "Selected: " + strings.Join(parts, "; ") + "."
}

// omittedLine says what Top left out, or "".
func (c *Comparison) omittedLine() string {
	o := c.Omitted
	if o == nil {
		return ""
	}
	s := fmt.Sprintf("Shown: the %s found in the most cables and, on each, the %d actors at most found on it in the most cables (--top %d): %s and %s from %s. "+
		"Left out: %s, %s and %s", count(len(c.Topics), "topic"), o.Top, o.Top, count(len(c.Actors), "actor"),
		count(len(c.Rows), "position"), count(len(c.Cables), "cable"), count(o.Topics, "topic"), count(o.Actors, "actor"), count(o.Rows, "position"))
	if o.Changes+o.Contradictions > 0 {
		s += fmt.Sprintf(", with %s and %s (listed below)", count(o.Changes, "change"), count(o.Contradictions, "contradiction"))
	}
	return s + ". Narrow the comparison with --topic, --actor, --from, --to or --cable, or widen it with --top N (--top 0 shows everything); --format csv or json gives every position of the selection."
}

// sortRowsByDate orders row indexes by their cable's date, then cable id, then actor
// order (the indexes' own order), stably.
func sortRowsByDate(c *Comparison, rows []int) {
	slices.SortStableFunc(rows, func(i, j int) int {
		a, b := c.Rows[i], c.Rows[j]
		return CmpCable(a.Date, a.CableID, b.Date, b.CableID)
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

func dateOr(d string) string {
	if d == "" {
		return "undated"
	}
	return d
}

// labelStyles returns the styles of the labels of c's rows (report.LabelStyles).
func (c *Comparison) labelStyles() []report.LabelStyle {
	var all []string
	for _, r := range c.Rows {
		for _, t := range r.Targets {
			all = append(all, t.Label)
		}
	}
	return report.LabelStyles(all)
}
