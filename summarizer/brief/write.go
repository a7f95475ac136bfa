package brief

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cablebrief/summarize/summarizer/compare"
	"github.com/cablebrief/summarize/summarizer/report"
)

// Formats are the formats Write writes.
var Formats = []string{"markdown", "html", "json"}

// Schema is the JSON Schema (draft 2020-12) of what WriteJSON writes for schema_version
// "1". The slice is shared: callers must not modify it.
//
//go:embed brief.schema.json
var Schema []byte

// Write writes b in format, one of Formats.
func Write(w io.Writer, b *Briefing, format string) error {
	switch format {
	case "markdown":
		return b.WriteMarkdown(w)
	case "html":
		return b.WriteHTML(w)
	case "json":
		return b.WriteJSON(w)
	}
	return fmt.Errorf("write briefing: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// WriteJSON writes b as indented JSON, the shape Schema describes: every list [] when
// empty, never null.
func (b *Briefing) WriteJSON(w io.Writer) error {
	out := *b
	out.normalize()
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write briefing json: %w", err)
	}
	return bw.Flush()
}

// normalize replaces the nil lists of b (a copy) with empty ones.
func (b *Briefing) normalize() {
	b.Selection.Cables = nonNil(b.Selection.Cables)
	b.Selection.Posts = nonNil(b.Selection.Posts)
	b.BottomLine = nonNil(b.BottomLine)
	b.Topics = nonNil(b.Topics)
	for i := range b.Topics {
		t := &b.Topics[i]
		t.Cables = nonNil(t.Cables)
		t.Synthesis = nonNil(t.Synthesis)
		t.Positions = nonNil(t.Positions)
	}
	b.LeftOut.FailedSections = nonNil(b.LeftOut.FailedSections)
	b.LeftOut.CablesWithoutTopic = nonNil(b.LeftOut.CablesWithoutTopic)
	b.LeftOut.Topics = nonNil(b.LeftOut.Topics)
	b.LeftOut.Thinned = nonNil(b.LeftOut.Thinned)
	b.Paragraphs = nonNil(b.Paragraphs)
	b.Citations.Invalid = nonNil(b.Citations.Invalid)
	b.Warnings = nonNil(b.Warnings)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// cableIndex finds the selection's cables by id.
type cableIndex map[string]CableRef

func (b *Briefing) cableIndex() cableIndex {
	x := cableIndex{}
	for _, c := range b.Selection.Cables {
		x[c.ID] = c
	}
	return x
}

// href is where a citation of paragraph n of cable links to: the cable's own briefing
// when it has one, else the appendix.
func (x cableIndex) href(cable string, n int) string {
	if c, ok := x[cable]; ok && c.Briefing != "" {
		return fmt.Sprintf("%s#p%d", c.Briefing, n)
	}
	return "#" + anchor(cable, n)
}

// anchor is the id of a quoted paragraph in the appendix.
func anchor(cable string, n int) string { return fmt.Sprintf("q-%s-%d", cable, n) }

// count writes "1 cable", "3 cables".
func count(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// selectionLine says what the briefing covers: "12 cables, 2004 to 2009-08-31, from 2
// posts".
func (b *Briefing) selectionLine() string {
	s := b.Selection
	line := count(len(s.Cables), "cable")
	switch {
	case s.From != "" && s.From == s.To:
		line += ", " + s.From
	case s.From != "":
		line += ", " + s.From + " to " + s.To
	}
	if len(s.Posts) > 0 {
		line += ", from " + count(len(s.Posts), "post")
	}
	if s.Reports > len(s.Cables) {
		line += fmt.Sprintf(" (of %s read)", count(s.Reports, "report"))
	}
	return line
}

// filterLine says what the filter asked for; "" for none.
func (b *Briefing) filterLine() string {
	f := b.Selection.Filter
	if f == nil {
		return ""
	}
	var parts []string
	add := func(name string, vs []string) {
		if len(vs) > 0 {
			parts = append(parts, name+" "+strings.Join(vs, ", "))
		}
	}
	add("topic", f.Topics)
	add("actor", f.Actors)
	add("cable", f.Cables)
	if f.From != "" {
		parts = append(parts, "from "+f.From)
	}
	if f.To != "" {
		parts = append(parts, "to "+f.To)
	}
	return strings.Join(parts, "; ")
}

// postsLine lists the posts with their cable counts: "AMEMBASSY PARIS (8), AMEMBASSY
// MADRID (4)".
func (b *Briefing) postsLine() string {
	n := map[string]int{}
	for _, c := range b.Selection.Cables {
		n[c.Origin]++
	}
	parts := make([]string, len(b.Selection.Posts))
	for i, p := range b.Selection.Posts {
		parts[i] = fmt.Sprintf("%s (%d)", p, n[p])
	}
	return capped(parts, maxPosts)
}

// Lists that Markdown and HTML cut (JSON has them whole).
const (
	maxListed = 30 // cable ids in a line
	maxPosts  = 15 // posts in the selection line
)

// capped joins the first n of ss with ", " and says how many more there are.
func capped(ss []string, n int) string {
	if len(ss) <= n {
		return strings.Join(ss, ", ")
	}
	return strings.Join(ss[:n], ", ") + fmt.Sprintf(" and %d more (the JSON briefing lists them all)", len(ss)-n)
}

// engineLine names the engine: "offline (extractive)" or "gpt-4o-mini at api.openai.com".
func (b *Briefing) engineLine() string {
	e := b.Engine
	if e.Provider == "offline" || e.Provider == "" {
		return "offline (extractive: TextRank over the section summaries and key points)"
	}
	s := e.Model
	if e.Endpoint != "" {
		s += " at " + e.Endpoint
	}
	if e.PromptVersion != "" {
		s += ", prompts " + e.PromptVersion
	}
	return s + " (map-reduce over the section summaries and key points)"
}

// citationsLine says what Check found.
func (b *Briefing) citationsLine() string {
	c := b.Citations
	line := fmt.Sprintf("%s checked: %d valid", count(c.Citations, "citation"), c.Valid)
	if n := len(c.Invalid); n > 0 {
		line += fmt.Sprintf(", %d dropped", n)
	}
	if c.DroppedSentences > 0 {
		line += fmt.Sprintf(" (%s dropped without a source)", count(c.DroppedSentences, "sentence"))
	}
	if c.Unsupported > 0 {
		line += fmt.Sprintf("; %s in %s", count(c.Unsupported, "unsupported claim"), count(c.UnsupportedSentences, "sentence"))
	} else {
		line += "; 0 unsupported claims"
	}
	return line
}

// maxOmittedTopics is the most topics left out that Markdown and HTML name; JSON has all.
const maxOmittedTopics = 25

// leftOutLines says what was left out, one line each; none when nothing was.
func (b *Briefing) leftOutLines() []string {
	l := b.LeftOut
	var out []string
	if n := len(l.FailedSections); n > 0 {
		var parts []string
		for _, f := range l.FailedSections {
			parts = append(parts, fmt.Sprintf("%s %q (%s)", f.Cable, f.Section, oneLine(f.Error, 80)))
		}
		out = append(out, fmt.Sprintf("%s without a summary: %s", count(n, "failed section"), strings.Join(parts, "; ")))
	}
	if n := len(l.CablesWithoutTopic); n > 0 {
		out = append(out, fmt.Sprintf("%s without the topics or actors asked for: %s", count(n, "cable"), capped(l.CablesWithoutTopic, maxListed)))
	}
	if n := len(l.Topics); n > 0 {
		var parts []string
		for i, t := range l.Topics {
			if i == maxOmittedTopics {
				parts = append(parts, fmt.Sprintf("and %d more", n-i))
				break
			}
			parts = append(parts, fmt.Sprintf("%s (%d)", t.Name, t.Cables))
		}
		out = append(out, fmt.Sprintf("%s not shown (--top), with their cables: %s", count(n, "more topic"), strings.Join(parts, ", ")))
	}
	for _, t := range l.Thinned {
		out = append(out, fmt.Sprintf("%s: %s of material over the limit of %d per topic, thinned evenly over time", t.Name, count(t.Cables, "sentence"), MaxMaterial))
	}
	if l.Unattributed > 0 {
		out = append(out, fmt.Sprintf("%s drawn from no paragraph of its section, not used", count(l.Unattributed, "summary sentence")))
	}
	if l.NotSelected > 0 {
		out = append(out, fmt.Sprintf("%s outside the cables and dates asked for", count(l.NotSelected, "report")))
	}
	return out
}

// targetView is one target of a position as the writers show it.
type targetView struct {
	Label, Symbol, Class, Target string
	Changed, Contradiction       bool
}

// conflictView is one flag of a position spelled out.
type conflictView struct {
	Kind, Text string
}

// positionTargets lists the targets of r with their flags.
func positionTargets(r compare.Row) []targetView {
	styles := map[string]report.LabelStyle{}
	var labels []string
	for _, t := range r.Targets {
		labels = append(labels, t.Label)
	}
	for _, s := range report.LabelStyles(labels) {
		styles[s.Label] = s
	}
	out := make([]targetView, len(r.Targets))
	for i, t := range r.Targets {
		out[i] = targetView{Label: t.Label, Symbol: report.LabelSymbol(t.Label), Class: styles[t.Label].Class, Target: t.Target}
	}
	for _, c := range r.Conflicts {
		if c.Target < 0 || c.Target >= len(out) {
			continue
		}
		switch c.Kind {
		case compare.FlagChanged:
			out[c.Target].Changed = true
		case compare.FlagContradiction:
			out[c.Target].Contradiction = true
		}
	}
	return out
}

// conflicts spells out the flags of r: "⟳ changed: supports in 07PARIS170 (2007-01-12)
// on "talking to Iran", opposes here on "talks with Iran"".
func conflicts(r compare.Row) []conflictView {
	var out []conflictView
	for _, c := range r.Conflicts {
		here := ""
		if c.Target >= 0 && c.Target < len(r.Targets) {
			t := r.Targets[c.Target]
			here = fmt.Sprintf("%s %q", t.Label, t.Target)
		}
		switch c.Kind {
		case compare.FlagChanged:
			out = append(out, conflictView{c.Kind, fmt.Sprintf("⟳ %s changed: %s %q in %s (%s), now %s", r.Actor, c.OtherLabel, c.OtherTarget, c.OtherCable, dateOr(c.OtherDate), here)})
		case compare.FlagContradiction:
			out = append(out, conflictView{c.Kind, fmt.Sprintf("⚠ %s contradicts itself in %s: %s %q, and %s", r.Actor, r.CableID, c.OtherLabel, c.OtherTarget, here)})
		}
	}
	return out
}

func dateOr(d string) string {
	if d == "" {
		return "undated"
	}
	return d
}

// oneLine collapses white space and cuts s to about n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n]) + "…"
	}
	return s
}
