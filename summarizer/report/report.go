// Package report renders a summarizer.Report as JSON, Markdown or a self-contained HTML
// page, and a parsed summarizer.Cable as a plain-text outline.
//
// Every writer treats the cable text and the model's text as untrusted: Markdown output
// escapes the characters that would start markup, and HTML output is built with
// html/template, so a "<script>" in a paragraph or a quote is shown, never run.
//
// The writers are pure functions of their input: the same report always renders to the
// same bytes, which is what the golden files in testdata/report rely on.
package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// Formats lists the names Write accepts, the default first.
var Formats = []string{"markdown", "json", "html"}

// ErrNoCable is returned by the writers for a report without a cable: every rendering
// needs at least the cable's id.
var ErrNoCable = errors.New("report has no cable")

// Write renders r to w in format, one of Formats ("md" is accepted for "markdown"). An
// unknown format is an error naming the accepted ones; nothing is written then.
func Write(w io.Writer, format string, r *summarizer.Report) error {
	switch strings.ToLower(format) {
	case "markdown", "md":
		return WriteMarkdown(w, r)
	case "json":
		return WriteJSON(w, r)
	case "html":
		return WriteHTML(w, r)
	}
	return fmt.Errorf("unknown report format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// WriteJSON writes r as indented JSON (two spaces, one trailing newline) in the shape
// described by Schema. Lists the report leaves nil are written as [], never null, so the
// output of equal reports is byte-for-byte equal. HTML characters are not escaped.
// WriteJSON returns ErrNoCable when r.Cable is nil.
func WriteJSON(w io.Writer, r *summarizer.Report) error {
	if r == nil || r.Cable == nil {
		return ErrNoCable
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(normalized(r)); err != nil {
		return fmt.Errorf("write report json: %w", err)
	}
	return nil
}

// WriteJSONLine writes r as one line of compact JSON (JSON Lines), in the shape and with
// the normalisation of WriteJSON. It returns ErrNoCable when r.Cable is nil.
func WriteJSONLine(w io.Writer, r *summarizer.Report) error {
	if r == nil || r.Cable == nil {
		return ErrNoCable
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(normalized(r)); err != nil {
		return fmt.Errorf("write report json: %w", err)
	}
	return nil
}

// normalized returns a copy of r whose nil lists are empty, leaving r untouched.
func normalized(r *summarizer.Report) *summarizer.Report {
	out := *r
	out.Overview.KeyPoints = nonNil(r.Overview.KeyPoints)
	out.Overview.Unsupported = nonNil(r.Overview.Unsupported)
	out.Warnings = nonNil(r.Warnings)
	out.Sections = make([]summarizer.SectionReport, len(r.Sections))
	for i, s := range r.Sections {
		s.Paragraphs = nonNil(s.Paragraphs)
		s.KeyPoints = nonNil(s.KeyPoints)
		s.Unsupported = nonNil(s.Unsupported)
		st := make([]summarizer.Stance, len(s.Stances))
		for j, x := range s.Stances {
			x.Evidence = nonNil(x.Evidence)
			st[j] = x
		}
		s.Stances = st
		out.Sections[i] = s
	}
	out.Positions = make([]summarizer.Position, len(r.Positions))
	for i, p := range r.Positions {
		p.Aliases = nonNil(p.Aliases)
		p.Evidence = nonNil(p.Evidence)
		out.Positions[i] = p
	}
	return &out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// labelSymbols pairs each default label with a symbol, so that a label never depends on
// colour alone.
var labelSymbols = map[string]string{
	"supports":    "✓",
	"conditional": "~",
	"neutral":     "·",
	"skeptical":   "?",
	"opposes":     "✗",
}

// LabelSymbol returns the symbol shown next to a stance label: ✓ supports, ~ conditional,
// · neutral, ? skeptical, ✗ opposes, and • for labels outside summarizer.DefaultLabels.
func LabelSymbol(label string) string {
	if s, ok := labelSymbols[label]; ok {
		return s
	}
	return "•"
}

// LabelClass returns the CSS class the HTML writers give a label: the label itself for
// the labels of summarizer.DefaultLabels, "other" for the rest. See LabelStyles for the
// class that tells other labels apart.
func LabelClass(label string) string {
	if _, ok := labelSymbols[label]; ok {
		return label
	}
	return "other"
}

// otherStyles is the number of distinct styles the HTML templates give labels outside
// summarizer.DefaultLabels (classes "other-1" to "other-6").
const otherStyles = 6

// LabelStyle is how a rendering draws one label: its symbol and the CSS class of its badge.
type LabelStyle struct {
	Label, Symbol, Class string
}

// LabelStyles returns the style of each distinct non-empty label of labels: the labels of
// summarizer.DefaultLabels first, in that order, with their own symbol and class; then the
// others from agreement to disagreement (by Polarity, then in order of first appearance),
// each with the symbol • and the class "other other-N", N counting from 1 and starting
// over after six, so that configured labels ("pro", "con") are told apart by a style of
// their own as well as by their word.
func LabelStyles(labels []string) []LabelStyle {
	seen := map[string]bool{}
	for _, l := range labels {
		seen[l] = true
	}
	var out []LabelStyle
	for _, l := range summarizer.DefaultLabels {
		if seen[l] {
			out = append(out, LabelStyle{Label: l, Symbol: LabelSymbol(l), Class: LabelClass(l)})
		}
	}
	var others []string
	for _, l := range labels {
		if _, def := labelSymbols[l]; def || l == "" || slices.Contains(others, l) {
			continue
		}
		others = append(others, l)
	}
	// From agreement to disagreement, as label sets are configured.
	slices.SortStableFunc(others, func(a, b string) int { return Polarity(b) - Polarity(a) })
	for n, l := range others {
		out = append(out, LabelStyle{Label: l, Symbol: LabelSymbol(l), Class: fmt.Sprintf("other other-%d", n%otherStyles+1)})
	}
	return out
}

// Polarity returns +1 for a label of agreement ("supports", or a configured label such as
// "pro", "for", "favours"), -1 for one of disagreement ("opposes", "skeptical", "con",
// "against", "rejects") and 0 for the rest ("conditional", "neutral" and any label it
// does not know). Only labels of opposite non-zero polarity contradict each other.
func Polarity(label string) int {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "pro", "for", "yes", "positive", "agree", "agrees", "backs", "in favour", "in favor":
		return 1
	case "con", "against", "no", "negative", "anti", "critical", "hostile", "doubtful":
		return -1
	}
	for _, p := range []string{"support", "favo", "endors", "approv", "welcom"} {
		if strings.HasPrefix(l, p) {
			return 1
		}
	}
	for _, p := range []string{"oppos", "skeptic", "sceptic", "reject", "disagree", "object", "resist", "critic", "disapprov"} {
		if strings.HasPrefix(l, p) {
			return -1
		}
	}
	return 0
}

// LegendText is the one-line legend of styles: "✓ supports | · neutral | • pro".
func LegendText(styles []LabelStyle) string {
	parts := make([]string, len(styles))
	for i, s := range styles {
		parts[i] = s.Symbol + " " + s.Label
	}
	return strings.Join(parts, " | ")
}

// classes maps each label of styles to its class.
func classes(styles []LabelStyle) map[string]string {
	m := make(map[string]string, len(styles))
	for _, s := range styles {
		m[s.Label] = s.Class
	}
	return m
}

// Shorten returns s on one line, cut to at most n runes on a word boundary with "…" when
// it is longer (a single word longer than n is cut inside). n below 2 is taken as 2.
func Shorten(s string, n int) string {
	s = oneLine(s)
	r := []rune(s)
	n = max(n, 2)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-–—") + "…"
}

// WithAffiliation adds an affiliation to an actor's name: "Kouchner (France)", or, inside
// the parentheses the name already ends with, "Embassy (Paris, United States)" rather than
// "Embassy (Paris) (United States)". The name is returned alone when affiliation is "" or
// the name itself ("United States").
// Callers escape the result for their format.
func WithAffiliation(name, affiliation string) string {
	if affiliation == "" || strings.EqualFold(name, affiliation) {
		return name
	}
	if strings.HasSuffix(name, ")") {
		return name[:len(name)-1] + ", " + affiliation + ")"
	}
	return name + " (" + affiliation + ")"
}

// dedupKeyPoints returns the key points that do not repeat the bottom line: a point equal
// to it or contained in it (ignoring case, spacing and final punctuation) is dropped.
func dedupKeyPoints(bottom string, points []string) []string {
	norm := func(s string) string {
		return strings.TrimRight(strings.ToLower(oneLine(s)), " .;:!")
	}
	b := norm(bottom)
	var out []string
	for _, p := range points {
		if n := norm(p); b != "" && n != "" && strings.Contains(b, n) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// ParagraphRange writes paragraph numbers compactly: [5 6 7 8] as "5–8", [5 6 9] as
// "5–6, 9". Numbers are taken in the order given.
func ParagraphRange(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(ns[i])+"–"+strconv.Itoa(ns[j]))
		} else {
			parts = append(parts, strconv.Itoa(ns[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// sectionHeading is the name a section goes by in a rendering: its title, or its kind
// capitalised ("Summary") when it has none.
func sectionHeading(s summarizer.SectionReport) string {
	return summarizer.TopicName(s)
}

// topicColumns returns the topics of r's positions, each once, in the order of the first
// section they come from.
func topicColumns(r *summarizer.Report) []string {
	first := map[string]int{}
	var cols []string
	for _, p := range r.Positions {
		s, ok := first[p.Topic]
		if !ok {
			cols = append(cols, p.Topic)
		}
		if !ok || p.Section < s {
			first[p.Topic] = p.Section
		}
	}
	sort.SliceStable(cols, func(i, j int) bool { return first[cols[i]] < first[cols[j]] })
	return cols
}

// matrixRow is one actor of the actor × topic matrix with a cell per topic column (nil
// where the actor took no position).
type matrixRow struct {
	Actor       string
	Aliases     []string
	Affiliation string
	Cells       []*summarizer.Position
}

// matrix groups r's positions into rows by actor and affiliation, in order of first
// appearance, with cells in the order of cols.
func matrix(r *summarizer.Report, cols []string) []matrixRow {
	var rows []matrixRow
	index := map[string]int{}
	for i := range r.Positions {
		p := &r.Positions[i]
		k := p.Actor + "\x00" + p.Affiliation
		ri, ok := index[k]
		if !ok {
			ri = len(rows)
			index[k] = ri
			rows = append(rows, matrixRow{Actor: p.Actor, Aliases: p.Aliases, Affiliation: p.Affiliation, Cells: make([]*summarizer.Position, len(cols))})
		}
		for c, t := range cols {
			if t == p.Topic && rows[ri].Cells[c] == nil {
				rows[ri].Cells[c] = p
			}
		}
	}
	return rows
}

// metaLine is the one-line summary of a cable's header used by Markdown and the outline.
func metaLine(c *summarizer.Cable) string {
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	add(c.ID)
	cl := c.Classification
	if cl != "" && len(c.Caveats) > 0 {
		cl += "//" + strings.Join(c.Caveats, "/")
	}
	add(cl)
	add(c.Origin)
	switch {
	case c.Date != "" && c.DTG != "":
		add(c.Date + " (" + c.DTG + ")")
	default:
		add(c.Date)
		add(c.DTG)
	}
	return strings.Join(parts, " · ")
}

// usageLine describes what producing the report cost.
func usageLine(u summarizer.Usage) string {
	s := fmt.Sprintf("%d requests, %d prompt tokens (%d cached), %d completion tokens", u.Requests, u.PromptTokens, u.CachedTokens, u.CompletionTokens)
	s += fmt.Sprintf(", %d retries, %d cache hits, %d re-asks", u.Retries, u.CacheHits, u.ReAsks)
	return s
}

// engineLine names the engine that wrote the report.
func engineLine(e summarizer.EngineInfo) string {
	var parts []string
	name := e.Provider
	if name == "" {
		name = "unknown engine"
	}
	if e.Model != "" {
		name += " " + e.Model
	}
	parts = append(parts, name)
	if e.Endpoint != "" {
		parts = append(parts, "at "+e.Endpoint)
	}
	if e.PromptVersion != "" {
		parts = append(parts, "prompts "+e.PromptVersion)
	}
	if e.StructuredOutput != "" {
		parts = append(parts, "structured output "+e.StructuredOutput)
	}
	return strings.Join(parts, ", ")
}

// voiceNote is the tag shown after a stance whose voice is not a reported position.
func voiceNote(voice string) string {
	switch voice {
	case summarizer.VoiceEmbassy:
		return "embassy comment"
	case summarizer.VoiceInstruction:
		return "instruction"
	}
	return ""
}
