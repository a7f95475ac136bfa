package compare

import (
	"bufio"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
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
// resource) laid out as WriteMarkdown lays it out: the counts, the selection and what was
// left out; the actor × topic matrix or the topics one by one as tables of actor rows,
// each target as colour, symbol and word with its cable and date; the changes and
// contradictions; the cables. Report text is escaped by html/template.
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
	Title, Counts, Selection, Omitted string
	Matrix                            bool         // the matrix layout, else topic by topic
	Columns                           []htmlColumn // the matrix's topics
	Rows                              []htmlRow    // the matrix's actors
	Conflicts                         []htmlConflict
	MoreConflicts                     int          // conflicts not listed
	Chronology                        []htmlChrono // matrix layout: a table per topic, a line per target
	Topics                            []htmlTopic  // topic layout: a table of actor rows per topic
	CablesHeading                     string
	Cables                            []Cable
	Warnings                          []string
	Legend                            []report.LabelStyle // the labels shown

	LegendChanged, LegendContradiction string
}

type htmlColumn struct {
	Name, Anchor string
}

type htmlRow struct {
	Actor Actor
	Cells [][]htmlCable
}

// htmlCable is one row of c: the targets an actor took on a topic in one cable.
type htmlCable struct {
	CableID, Date string
	Targets       []htmlTarget
}

type htmlTarget struct {
	shownTarget
	Short, Symbol, Class string
}

type htmlConflict struct {
	Kind, Actor, Topic string
	From, To           htmlSide
}

type htmlSide struct {
	conflictSide
	Symbol, Class string
}

type htmlChrono struct {
	Topic
	Anchor string
	Lines  []htmlLine
}

type htmlLine struct {
	Date, CableID, Actor, Affiliation string
	Target                            htmlTarget
}

type htmlTopic struct {
	Topic
	Anchor     string
	Shown      int
	MoreTitles int // section titles not listed
	Rows       []htmlActorRow
}

type htmlActorRow struct {
	Actor   Actor
	Count   int // the actor's cables on the topic
	Earlier int // those not shown (MaxCellCables)
	Cables  []htmlCable
}

func newHTMLView(c *Comparison) htmlView {
	v := htmlView{Title: c.title(), Counts: c.countsLine(), Selection: c.selectionLine(), Omitted: c.omittedLine(),
		Matrix: c.matrixLayout(), CablesHeading: "Cables", Cables: c.Cables, Warnings: c.Warnings,
		LegendChanged: legendChanged, LegendContradiction: legendContradiction}
	if c.Omitted != nil {
		v.CablesHeading = "Cables cited"
	}
	styles := c.labelStyles()
	class := map[string]string{}
	for _, st := range styles {
		class[st.Label] = st.Class
	}
	classOf := func(label string) string { return cmp.Or(class[label], report.LabelClass(label)) }
	shown := map[string]bool{}
	target := func(t shownTarget) htmlTarget {
		shown[t.Label] = true
		return htmlTarget{shownTarget: t, Short: report.Shorten(t.Target, MaxCellTarget), Symbol: report.LabelSymbol(t.Label), Class: classOf(t.Label)}
	}
	cable := func(r Row) htmlCable {
		hc := htmlCable{CableID: r.CableID, Date: r.Date}
		for _, t := range shownTargets(r) {
			hc.Targets = append(hc.Targets, target(t))
		}
		return hc
	}
	m := c.cells()
	if v.Matrix {
		for ti, t := range c.Topics {
			v.Columns = append(v.Columns, htmlColumn{Name: t.Name, Anchor: fmt.Sprintf("t%d", ti+1)})
		}
		for ai, a := range c.Actors {
			hr := htmlRow{Actor: a}
			for ti := range c.Topics {
				var cs []htmlCable
				for _, ri := range m[ai][ti] {
					cs = append(cs, cable(c.Rows[ri]))
				}
				hr.Cells = append(hr.Cells, cs)
			}
			v.Rows = append(v.Rows, hr)
		}
		for ti, t := range c.Topics {
			ch := htmlChrono{Topic: t, Anchor: fmt.Sprintf("t%d", ti+1)}
			var rows []int
			for ai := range c.Actors {
				rows = append(rows, m[ai][ti]...)
			}
			sortRowsByDate(c, rows)
			for _, ri := range rows {
				r := c.Rows[ri]
				for _, st := range shownTargets(r) {
					ch.Lines = append(ch.Lines, htmlLine{Date: r.Date, CableID: r.CableID, Actor: r.Actor, Affiliation: r.Affiliation, Target: target(st)})
				}
			}
			v.Chronology = append(v.Chronology, ch)
		}
	} else {
		for ti, t := range c.Topics {
			ht := htmlTopic{Topic: t, Anchor: fmt.Sprintf("t%d", ti+1)}
			if len(t.Titles) > maxTitles {
				ht.Titles, ht.MoreTitles = t.Titles[:maxTitles], len(t.Titles)-maxTitles
			}
			for _, ar := range c.topicActors(m, ti) {
				rows := ar[1:]
				row := htmlActorRow{Actor: c.Actors[ar[0]], Count: len(rows)}
				if len(rows) > MaxCellCables {
					row.Earlier, rows = len(rows)-MaxCellCables, rows[len(rows)-MaxCellCables:]
				}
				for _, ri := range rows {
					row.Cables = append(row.Cables, cable(c.Rows[ri]))
				}
				ht.Rows = append(ht.Rows, row)
			}
			ht.Shown = len(ht.Rows)
			v.Topics = append(v.Topics, ht)
		}
	}
	side := func(s conflictSide) htmlSide {
		return htmlSide{conflictSide: s, Symbol: report.LabelSymbol(s.Label), Class: classOf(s.Label)}
	}
	for i, cv := range c.conflicts() {
		if i >= MaxListedConflicts {
			v.MoreConflicts++
			continue
		}
		v.Conflicts = append(v.Conflicts, htmlConflict{Kind: cv.Kind, Actor: cv.Actor, Topic: cv.Topic, From: side(cv.From), To: side(cv.To)})
	}
	for _, st := range styles {
		if shown[st.Label] {
			v.Legend = append(v.Legend, st)
		}
	}
	return v
}
