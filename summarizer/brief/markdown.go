package brief

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/cablebrief/summarize/summarizer/report"
)

// WriteMarkdown writes b as Markdown: the title and the selection; the bottom line; what
// was left out; each topic with its synthesis (one sentence a line, its date first and
// its citations last, unsupported claims flagged "⚠ not in the text") and its positions
// (a table by date: cable, actor, every target with its label, the first quote with its
// paragraph; changes and contradictions spelled out under it); the quoted paragraphs;
// and how the briefing was made. Text from the cables is escaped.
func (b *Briefing) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	x := b.cableIndex()
	p("# %s\n\n", md(b.Title))
	p("**Selection:** %s.", md(b.selectionLine()))
	if f := b.filterLine(); f != "" {
		p(" **Asked for:** %s.", md(f))
	}
	p("\n")
	if pl := b.postsLine(); pl != "" {
		p("\n**Posts:** %s.\n", md(pl))
	}
	if len(b.Selection.Cables) > 0 {
		var parts []string
		for _, c := range b.Selection.Cables {
			parts = append(parts, fmt.Sprintf("%s (%s)", c.ID, dateOr(c.Date)))
		}
		p("\n**Cables:** %s.\n", md(capped(parts, maxListed)))
	}

	p("\n## Bottom line\n\n")
	if len(b.BottomLine) == 0 {
		p("_No summary material was selected._\n")
	}
	for _, s := range b.BottomLine {
		p("- %s\n", mdSentence(s))
	}

	p("\n## Left out\n\n")
	if lines := b.leftOutLines(); len(lines) == 0 {
		p("Nothing: every selected section had a summary, and every topic is shown.\n")
	} else {
		for _, l := range lines {
			p("- %s\n", md(l))
		}
	}

	for i, t := range b.Topics {
		p("\n## %d. %s\n\n", i+1, md(t.Name))
		p("_In %s of %d: %s._\n", count(len(t.Cables), "cable"), len(b.Selection.Cables), md(capped(t.Cables, maxListed)))
		if t.Note != "" {
			p("\n> %s\n", md(t.Note))
		}
		if len(t.Synthesis) > 0 {
			p("\n")
		}
		for _, s := range t.Synthesis {
			p("- **%s** %s\n", dateOr(s.Date), mdSentence(s))
		}
		if len(t.Positions) == 0 {
			continue
		}
		p("\n### Positions on %s\n\n", md(t.Name))
		p("| Date | Cable | Actor | Position | Quote |\n|---|---|---|---|---|\n")
		var flags []string
		for _, r := range t.Positions {
			var targets []string
			for _, tv := range positionTargets(r) {
				s := tv.Symbol + " " + cell(tv.Label)
				if tv.Target != "" {
					s += " _" + cell(report.Shorten(tv.Target, 120)) + "_"
				}
				if tv.Changed {
					s += " ⟳"
				}
				if tv.Contradiction {
					s += " ⚠"
				}
				targets = append(targets, s)
			}
			actor := cell(r.Actor)
			if r.Affiliation != "" && !strings.Contains(r.Actor, r.Affiliation) {
				actor += " (" + cell(r.Affiliation) + ")"
			}
			quote := ""
			if len(r.Evidence) > 0 {
				e := r.Evidence[0]
				quote = fmt.Sprintf("“%s” ¶%d", cell(report.Shorten(e.Quote, 160)), e.Paragraph)
			}
			p("| %s | %s | %s | %s | %s |\n", dateOr(r.Date), r.CableID, actor, strings.Join(targets, "; "), quote)
			for _, c := range conflicts(r) {
				flags = append(flags, c.Text)
			}
		}
		if t.PositionsOmitted > 0 {
			p("\n_%s not shown (those of actors in fewer cables); the JSON briefing has them all._\n", count(t.PositionsOmitted, "more position"))
		}
		if len(flags) > 0 {
			p("\n**Changes and contradictions**\n\n")
			for _, f := range flags {
				p("- %s\n", md(f))
			}
		}
	}

	if len(b.Paragraphs) > 0 {
		p("\n## Quoted paragraphs\n")
		last := ""
		for _, q := range b.Paragraphs {
			if q.Cable != last {
				c := x[q.Cable]
				p("\n### %s (%s, %s)\n\n", q.Cable, dateOr(c.Date), md(orUnknown(c.Origin)))
				if c.Subject != "" {
					p("_%s_\n\n", md(c.Subject))
				}
				last = q.Cable
			}
			p("**¶%d** %s\n\n", q.Number, md(q.Text))
		}
	}

	p("\n---\n\nEngine: %s. Citations: %s.\n", md(b.engineLine()), md(b.citationsLine()))
	if u := b.Usage; u.Requests > 0 || u.CacheHits > 0 {
		p("Usage: %s, %s, %s; %d prompt + %d completion tokens.\n", count(u.Requests, "request"), count(u.CacheHits, "cache hit"), count(u.ReAsks, "re-ask"), u.PromptTokens, u.CompletionTokens)
	}
	for _, wn := range b.Warnings {
		p("\n> ⚠ %s\n", md(wn))
	}
	return bw.Flush()
}

// mdSentence writes a sentence with its citations and its unsupported claims.
func mdSentence(s Sentence) string {
	out := md(s.Text) + " " + mdCitations(s.Citations)
	if len(s.Unsupported) > 0 {
		out += " ⚠ _not in the text: " + md(strings.Join(s.Unsupported, ", ")) + "_"
	}
	return out
}

// mdCitations writes citations as they are: "[07PARIS2726 ¶4]", with no escape, unless
// a cable id holds something other than letters, digits and hyphens.
func mdCitations(cs []Citation) string {
	out := FormatCitations(cs)
	for _, c := range cs {
		if strings.IndexFunc(c.Cable, func(r rune) bool {
			return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
		}) >= 0 {
			return md(out)
		}
	}
	return out
}

func orUnknown(s string) string {
	if s == "" {
		return "origin unknown"
	}
	return s
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `|`, `\|`,
)

// md escapes text for Markdown: white space collapsed, markup characters escaped.
func md(s string) string { return mdEscaper.Replace(strings.Join(strings.Fields(s), " ")) }

// cell is md for a table cell.
func cell(s string) string { return md(s) }
