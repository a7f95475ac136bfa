package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// WriteMarkdown writes r as a Markdown document: the subject as title, a metadata line,
// the bottom line and key points, each section with its summary, key points and stances
// (label, actor, target, quotes with their ¶ number; quotes not found in their paragraph
// are marked), failed sections with their error, the actor × topic matrix, the report's
// warnings and a footer naming the engine and its usage. A summary (or the bottom line)
// that states names, numbers or dates its text does not is followed by the line
// "⚠ **not in the text:** X, Y".
//
// Text from the cable or the model is escaped so that it cannot open Markdown or HTML
// markup. WriteMarkdown returns ErrNoCable when r.Cable is nil, or the first write error.
func WriteMarkdown(w io.Writer, r *summarizer.Report) error {
	if r == nil || r.Cable == nil {
		return ErrNoCable
	}
	bw := bufio.NewWriter(w)
	m := &mdWriter{w: bw}
	m.report(r)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report markdown: %w", err)
	}
	return nil
}

type mdWriter struct {
	w *bufio.Writer
}

func (m *mdWriter) printf(format string, args ...any) { fmt.Fprintf(m.w, format, args...) }

func (m *mdWriter) report(r *summarizer.Report) {
	c := r.Cable
	title := c.Subject
	if title == "" {
		title = c.ID
	}
	m.printf("# %s\n\n", mdEscape(title))
	m.printf("**%s**\n", mdEscape(metaLine(c)))
	if len(c.Tags) > 0 {
		m.printf("\nTags: %s\n", mdEscape(strings.Join(c.Tags, ", ")))
	}
	m.printf("\n## Bottom line\n\n")
	if r.Overview.BottomLine != "" {
		m.printf("%s\n", mdEscape(r.Overview.BottomLine))
	} else {
		m.printf("_No overview was written._\n")
	}
	if kps := dedupKeyPoints(r.Overview.BottomLine, r.Overview.KeyPoints); len(kps) > 0 {
		m.printf("\n")
		for _, k := range kps {
			m.printf("- %s\n", mdEscape(k))
		}
	}
	m.unsupported(r.Overview.Unsupported)
	for i, s := range r.Sections {
		m.section(i, s)
	}
	m.matrix(r)
	if len(r.Warnings) > 0 {
		m.printf("\n## Warnings\n\n")
		for _, wr := range r.Warnings {
			m.printf("- %s\n", mdEscape(wr))
		}
	}
	m.printf("\n---\n\n")
	m.printf("Engine: %s.  \n", mdEscape(engineLine(r.Engine)))
	m.printf("Usage: %s.  \n", usageLine(r.Usage))
	m.printf("Report schema %s.\n", mdEscape(r.SchemaVersion))
}

func (m *mdWriter) section(i int, s summarizer.SectionReport) {
	m.printf("\n## %d. %s", i+1, mdEscape(sectionHeading(s)))
	if len(s.Paragraphs) > 0 {
		m.printf(" (¶%s)", ParagraphRange(s.Paragraphs))
	}
	m.printf("\n\n")
	if s.Error != "" {
		m.printf("> **Failed:** %s\n", mdEscape(oneLine(s.Error)))
		return
	}
	m.printf("%s\n", mdEscape(s.Summary))
	if len(s.KeyPoints) > 0 {
		m.printf("\n")
		for _, k := range s.KeyPoints {
			m.printf("- %s\n", mdEscape(k))
		}
	}
	m.unsupported(s.Unsupported)
	if len(s.Stances) == 0 {
		return
	}
	m.printf("\nStances:\n\n")
	for _, st := range s.Stances {
		m.printf("- %s **%s** — %s", LabelSymbol(st.Label), mdEscape(st.Label), actorName(st.Actor, st.Affiliation))
		if n := voiceNote(st.Voice); n != "" {
			m.printf(" [%s]", n)
		}
		m.printf(" on _%s_\n", mdEscape(st.Target))
		for _, e := range st.Evidence {
			m.printf("  - “%s” (¶%d)", mdEscape(oneLine(e.Quote)), e.Paragraph)
			if !e.Grounded {
				m.printf(" ⚠ _not found in ¶%d_", e.Paragraph)
			}
			m.printf("\n")
		}
	}
	if s.Ungrounded > 0 {
		m.printf("\n_%d quote(s) in this section were not found verbatim in their paragraph._\n", s.Ungrounded)
	}
}

// unsupported writes the line that flags the names, numbers and dates a summary states
// that its text does not: "⚠ not in the text: Rice, 1999".
func (m *mdWriter) unsupported(claims []string) {
	if len(claims) == 0 {
		return
	}
	esc := make([]string, len(claims))
	for i, c := range claims {
		esc[i] = mdEscape(c)
	}
	m.printf("\n⚠ **not in the text:** %s\n", strings.Join(esc, ", "))
}

func actorName(actor, affiliation string) string {
	if strings.HasSuffix(actor, ")") {
		return "**" + mdEscape(WithAffiliation(actor, affiliation)) + "**"
	}
	s := "**" + mdEscape(actor) + "**"
	if affiliation != "" {
		s += " (" + mdEscape(affiliation) + ")"
	}
	return s
}

func (m *mdWriter) matrix(r *summarizer.Report) {
	cols := topicColumns(r)
	if len(cols) == 0 {
		return
	}
	m.printf("\n## Positions: actor × topic\n\n")
	m.printf("| Actor |")
	for _, c := range cols {
		m.printf(" %s |", cellEscape(c))
	}
	m.printf("\n|---|")
	for range cols {
		m.printf("---|")
	}
	m.printf("\n")
	mixed := false
	var used []string
	for _, row := range matrix(r, cols) {
		m.printf("| %s |", cellEscape(WithAffiliation(row.Actor, row.Affiliation)))
		for _, p := range row.Cells {
			if p == nil {
				m.printf(" |")
				continue
			}
			used = append(used, p.Label)
			m.printf(" %s %s", LabelSymbol(p.Label), cellEscape(p.Label))
			if p.Mixed {
				m.printf("\\*")
				mixed = true
			}
			m.printf(" |")
		}
		m.printf("\n")
	}
	m.printf("\nLabels: %s.", mdEscape(LegendText(LabelStyles(used))))
	if mixed {
		m.printf(" \\* the actor took more than one label on the topic; the most frequent is shown.")
	}
	m.printf("\n")
}

// mdEscaper escapes the characters that open emphasis, code, links and HTML in Markdown
// text.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`,
)

// mdEscape makes untrusted text safe to place in a Markdown paragraph or list item: it
// joins lines and backslash-escapes the characters that would start markup.
func mdEscape(s string) string {
	s = mdEscaper.Replace(oneLine(s))
	if s != "" && strings.ContainsRune("#-+=", rune(s[0])) {
		s = `\` + s // would open a heading or a list at the start of a line
	}
	return s
}

// cellEscape is mdEscape for a table cell, which must also not contain "|".
func cellEscape(s string) string {
	return strings.ReplaceAll(mdEscape(s), "|", `\|`)
}

// oneLine collapses runs of white space, line breaks included, into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
