package compare

import (
	"bufio"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer/report"
)

//go:embed compare.html.tmpl
var htmlSource string

// htmlTemplate is parsed when the package loads, so that a broken template stops the
// program at start-up; it is never modified afterwards.
var htmlTemplate = template.Must(template.New("compare.html.tmpl").Funcs(template.FuncMap{
	"join":  func(ss []string) string { return strings.Join(ss, ", ") },
	"count": count,
}).Parse(htmlSource))

// WriteHTML writes c as one self-contained HTML page (inline CSS, no script, no network
// resource): counts, the actor × topic matrix with each position as colour, symbol and
// word plus cable and date, the changes and contradictions, a table per topic with
// targets and quotes, and the cables compared. Report text is escaped by html/template.
func (c *Comparison) WriteHTML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if err := htmlTemplate.Execute(bw, newHTMLView(c)); err != nil {
		return fmt.Errorf("write comparison html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write comparison html: %w", err)
	}
	return nil
}

type htmlView struct {
	Title    string
	Stats    Stats
	From, To string
	Columns  []htmlColumn // the matrix's topics
	Pruned   bool         // the matrix leaves out actors or topics
	Matrix   []htmlRow
	Changes  []htmlChange
	ByTopic  []htmlTopic
	Cables   []Cable
	Warnings []string
	Legend   []report.LabelStyle // the labels of the matrix

	LegendChanged, LegendContradiction string
}

type htmlColumn struct {
	Name, Anchor string
}

type htmlRow struct {
	Actor Actor
	Cells [][]htmlEntry
}

type htmlEntry struct {
	Row
	Short         string // Target shortened to MaxCellTarget
	Symbol, Class string
	Changed       bool
	Contradiction bool
	Quote         string
	Paragraph     int
}

type htmlChange struct {
	Kind     string // FlagChanged or FlagContradiction
	From, To htmlEntry
}

type htmlTopic struct {
	Topic
	Anchor  string
	Entries []htmlEntry
}

func entry(r Row, class map[string]string) htmlEntry {
	e := htmlEntry{Row: r, Short: report.Shorten(r.Target, MaxCellTarget), Symbol: report.LabelSymbol(r.Label), Class: cmp.Or(class[r.Label], report.LabelClass(r.Label)),
		Changed: slices.Contains(r.Flags, FlagChanged), Contradiction: slices.Contains(r.Flags, FlagContradiction)}
	if len(r.Evidence) > 0 {
		e.Quote, e.Paragraph = r.Evidence[0].Quote, r.Evidence[0].Paragraph
	}
	return e
}

func newHTMLView(c *Comparison) htmlView {
	v := htmlView{Title: c.title(), Stats: c.Stats(), Cables: c.Cables, Warnings: c.Warnings,
		LegendChanged: legendChanged, LegendContradiction: legendContradiction}
	var all []string
	for _, r := range c.Rows {
		all = append(all, r.Label)
	}
	styles := report.LabelStyles(all)
	class := map[string]string{}
	for _, st := range styles {
		class[st.Label] = st.Class
	}
	entry := func(r Row) htmlEntry { return entry(r, class) }
	inMatrix := map[string]bool{}
	v.From, v.To = c.dateRange()
	m := c.cells()
	mv := c.view(m)
	v.Pruned = mv.pruned
	for _, ti := range mv.topics {
		v.Columns = append(v.Columns, htmlColumn{Name: c.Topics[ti].Name, Anchor: fmt.Sprintf("t%d", ti+1)})
	}
	for _, ai := range mv.actors {
		hr := htmlRow{Actor: c.Actors[ai]}
		for _, ti := range mv.topics {
			var es []htmlEntry
			for _, ri := range m[ai][ti] {
				es = append(es, entry(c.Rows[ri]))
				inMatrix[c.Rows[ri].Label] = true
			}
			hr.Cells = append(hr.Cells, es)
		}
		v.Matrix = append(v.Matrix, hr)
	}
	for i, r := range c.Rows {
		if slices.Contains(r.Flags, FlagChanged) {
			v.Changes = append(v.Changes, htmlChange{Kind: FlagChanged, From: entry(c.Rows[c.previous(i)]), To: entry(r)})
		}
		if slices.Contains(r.Flags, FlagContradiction) {
			v.Changes = append(v.Changes, htmlChange{Kind: FlagContradiction, To: entry(r)})
		}
	}
	for ti, t := range c.Topics {
		ht := htmlTopic{Topic: t, Anchor: fmt.Sprintf("t%d", ti+1)}
		var rows []int
		for ai := range c.Actors {
			rows = append(rows, m[ai][ti]...)
		}
		sortRowsByDate(c, rows)
		for _, ri := range rows {
			ht.Entries = append(ht.Entries, entry(c.Rows[ri]))
		}
		v.ByTopic = append(v.ByTopic, ht)
	}
	for _, st := range styles {
		if inMatrix[st.Label] {
			v.Legend = append(v.Legend, st)
		}
	}
	return v
}
