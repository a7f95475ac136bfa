package compare

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/cablebrief/summarize/summarizer/report"
)

// WriteMarkdown writes c as a Markdown document: the counts, what was selected and what
// was left out, then, for a comparison that fits the matrix (see MaxMatrixTopics), the
// actor × topic matrix, the changes and contradictions, and a chronological table per
// topic with every target whole; otherwise, topic by topic, a table of actor rows, each
// listing the actor's cables oldest first with every target (shortened to MaxCellTarget)
// and its label. The cables compared (or those cited, when Top left some out) and the
// warnings close it. Each target shows its label as symbol and word, ⟳ for a change and
// ⚠ for a contradiction. Text from reports is escaped.
func (c *Comparison) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# %s\n\n%s\n", c.title(), c.countsLine())
	if s := c.selectionLine(); s != "" {
		p("\n%s\n", md(s))
	}
	if s := c.omittedLine(); s != "" {
		p("\n%s\n", md(s))
	}
	m := c.cells()
	matrix := c.matrixLayout()
	if matrix && len(c.Rows) > 0 {
		c.markdownMatrix(p, m)
	}
	c.markdownConflicts(p)
	if len(c.Rows) > 0 {
		if matrix {
			c.markdownChronology(p, m)
		} else {
			c.markdownTopics(p, m)
		}
	}
	heading := "Cables"
	if c.Omitted != nil {
		heading = "Cables cited"
	}
	p("\n## %s\n\n| Cable | Date | From | Subject |\n|---|---|---|---|\n", heading)
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

type printer func(format string, args ...any)

// maxTitles is the number of merged section titles a topic of the topic layout lists.
const maxTitles = 8

// markdownTargets writes the shown targets of r for a table cell: "✗ opposes _sanctions_ ⚠;
// ✓ supports _talks_".
func markdownTargets(r Row) string {
	var parts []string
	for _, t := range shownTargets(r) {
		part := report.LabelSymbol(t.Label) + " " + cell(t.Label)
		if s := report.Shorten(t.Target, MaxCellTarget); s != "" {
			part += " _" + cell(s) + "_"
		}
		parts = append(parts, part+marks(t.Changed, t.Contradiction))
	}
	return strings.Join(parts, "; ")
}

func marks(changed, contradiction bool) string {
	s := ""
	if changed {
		s += " ⟳"
	}
	if contradiction {
		s += " ⚠"
	}
	return s
}

// markdownMatrix writes the actor × topic matrix and its legend.
func (c *Comparison) markdownMatrix(p printer, m [][][]int) {
	p("\n## Actor × topic\n\n| Actor |")
	for _, t := range c.Topics {
		p(" %s |", cell(t.Name))
	}
	p("\n|---|")
	for range c.Topics {
		p("---|")
	}
	p("\n")
	var used []string
	for ai, a := range c.Actors {
		p("| **%s** |", cell(report.WithAffiliation(a.Name, a.Affiliation)))
		for ti := range c.Topics {
			var parts []string
			for _, ri := range m[ai][ti] {
				r := c.Rows[ri]
				for _, t := range r.Targets {
					used = append(used, t.Label)
				}
				parts = append(parts, fmt.Sprintf("%s (%s, %s)", markdownTargets(r), cell(r.CableID), cell(dateOr(r.Date))))
			}
			p(" %s |", strings.Join(parts, "<br>"))
		}
		p("\n")
	}
	p("\nLabels: %s. ⟳ %s; ⚠ %s.\n", md(report.LegendText(report.LabelStyles(used))), legendChanged, legendContradiction)
}

// markdownConflicts lists the changes and contradictions, at most MaxListedConflicts.
func (c *Comparison) markdownConflicts(p printer) {
	cs := c.conflicts()
	if len(cs) == 0 {
		return
	}
	p("\n## Changes and contradictions\n\n")
	side := func(s conflictSide) string {
		return fmt.Sprintf("%s %s _%s_ (%s, %s)", report.LabelSymbol(s.Label), md(s.Label), md(s.Target), md(s.CableID), dateOr(s.Date))
	}
	for i, cv := range cs {
		if i == MaxListedConflicts {
			p("- … and %d more: see --format csv or json\n", len(cs)-i)
			break
		}
		if cv.Kind == FlagChanged {
			p("- ⟳ **%s** on **%s**: %s → %s\n", md(cv.Actor), md(cv.Topic), side(cv.From), side(cv.To))
			continue
		}
		p("- ⚠ **%s** on **%s** in %s (%s): %s %s _%s_ ↔ %s %s _%s_\n", md(cv.Actor), md(cv.Topic), md(cv.To.CableID), dateOr(cv.To.Date),
			report.LabelSymbol(cv.From.Label), md(cv.From.Label), md(cv.From.Target), report.LabelSymbol(cv.To.Label), md(cv.To.Label), md(cv.To.Target))
	}
}

// markdownChronology writes a table per topic with one line per target, in date order.
func (c *Comparison) markdownChronology(p printer, m [][][]int) {
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
			for _, st := range shownTargets(r) {
				var flags []string
				if st.Changed {
					flags = append(flags, "⟳ "+FlagChanged)
				}
				if st.Contradiction {
					flags = append(flags, "⚠ "+FlagContradiction)
				}
				p("| %s | %s | %s | %s %s | %s | %s |\n", cell(dateOr(r.Date)), cell(r.CableID), cell(r.Actor),
					report.LabelSymbol(st.Label), cell(st.Label), cell(st.Target), strings.Join(flags, ", "))
			}
		}
	}
}

// markdownTopics writes the topics one by one, each a table of actor rows.
func (c *Comparison) markdownTopics(p printer, m [][][]int) {
	p("\n## Topics\n\n")
	for i, t := range c.Topics {
		if i > 0 {
			p(" · ")
		}
		p("%s (%s)", md(t.Name), count(t.Cables, "cable"))
	}
	p("\n")
	var used []string
	for ti, t := range c.Topics {
		actors := c.topicActors(m, ti)
		p("\n## %s\n\n%s · %s", md(t.Name), count(t.Cables, "cable"), count(t.Actors, "actor"))
		if len(actors) < t.Actors {
			p(" (%d shown)", len(actors))
		}
		if len(t.Titles) > 1 || (len(t.Titles) == 1 && t.Titles[0] != t.Name) {
			titles := t.Titles
			more := ""
			if len(titles) > maxTitles {
				titles, more = titles[:maxTitles], fmt.Sprintf("; and %d more", len(t.Titles)-maxTitles)
			}
			p(" · sections: %s%s", md(strings.Join(titles, "; ")), more)
		}
		p("\n\n| Actor | Cables | Stances, oldest first |\n|---|---|---|\n")
		for _, ar := range actors {
			a := c.Actors[ar[0]]
			var lines []string
			rows := ar[1:]
			if len(rows) > MaxCellCables {
				lines = append(lines, fmt.Sprintf("_%s earlier not shown_", count(len(rows)-MaxCellCables, "cable")))
				rows = rows[len(rows)-MaxCellCables:]
			}
			for _, ri := range rows {
				r := c.Rows[ri]
				for _, t := range r.Targets {
					used = append(used, t.Label)
				}
				lines = append(lines, fmt.Sprintf("%s %s: %s", cell(dateOr(r.Date)), cell(r.CableID), markdownTargets(r)))
			}
			p("| **%s** | %d | %s |\n", cell(report.WithAffiliation(a.Name, a.Affiliation)), len(ar)-1, strings.Join(lines, "<br>"))
		}
	}
	p("\nLabels: %s. ⟳ %s; ⚠ %s.\n", md(report.LegendText(report.LabelStyles(used))), legendChanged, legendContradiction)
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
)

// md escapes untrusted text for Markdown: lines joined, markup characters escaped.
func md(s string) string { return mdEscaper.Replace(collapse(s)) }

// cell is md for a table cell, which must also not contain "|".
func cell(s string) string { return strings.ReplaceAll(md(s), "|", `\|`) }
