package report

import (
	"bufio"
	"cmp"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// TemplateName is the file name of the HTML report template, embedded in the package and
// looked up in a user template directory by NewHTMLRenderer.
const TemplateName = "report.html.tmpl"

//go:embed report.html.tmpl
var templateFS embed.FS

// defaultHTML is the embedded template, parsed when the package loads so that a broken
// template stops the program at start-up, not halfway through a batch. It is never
// modified after that.
var defaultHTML = template.Must(parseTemplate(templateFS, TemplateName))

// HTMLRenderer renders reports with one parsed template. It is safe for concurrent use.
type HTMLRenderer struct {
	tmpl *template.Template
}

// NewHTMLRenderer returns a renderer using the embedded template, or, when dir is not ""
// and holds a file named TemplateName, that file instead. The user's template is executed
// with the same data and functions as the embedded one (see report.html.tmpl). A missing
// dir is an error; a dir without the file falls back to the embedded template. A template
// that does not parse is an error naming its file.
func NewHTMLRenderer(dir string) (*HTMLRenderer, error) {
	if dir == "" {
		return &HTMLRenderer{tmpl: defaultHTML}, nil
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("html template dir: %w", err)
	}
	path := filepath.Join(dir, TemplateName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return &HTMLRenderer{tmpl: defaultHTML}, nil
	}
	t, err := parseTemplate(os.DirFS(dir), TemplateName)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return &HTMLRenderer{tmpl: t}, nil
}

func parseTemplate(fsys fs.FS, name string) (*template.Template, error) {
	return template.New(name).Funcs(template.FuncMap{
		"symbol":   LabelSymbol,
		"paras":    ParagraphRange,
		"upper":    strings.ToUpper,
		"joinList": func(ss []string) string { return strings.Join(ss, ", ") },
	}).ParseFS(fsys, name)
}

// WriteHTML writes r as one self-contained HTML page with the embedded template. See
// (*HTMLRenderer).Write.
func WriteHTML(w io.Writer, r *summarizer.Report) error {
	return (&HTMLRenderer{tmpl: defaultHTML}).Write(w, r)
}

// Write renders r as one self-contained HTML page: inline CSS, no script and no network
// resource; a classification banner and the cable's metadata, the bottom line, a table of
// contents, each section with its summary and stances (quotes link to their paragraph;
// names, numbers and dates the text does not have flagged "⚠ not in the text"),
// the actor × topic matrix with each label shown as colour, symbol and word, and the
// cleaned cable text with an anchor per paragraph ("#p5"). All cable and model text is
// escaped by html/template. Write returns ErrNoCable when r.Cable is nil.
func (h *HTMLRenderer) Write(w io.Writer, r *summarizer.Report) error {
	if r == nil || r.Cable == nil {
		return ErrNoCable
	}
	bw := bufio.NewWriter(w)
	if err := h.tmpl.Execute(bw, newHTMLView(r)); err != nil {
		return fmt.Errorf("write report html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report html: %w", err)
	}
	return nil
}

// htmlView is the data the HTML template is executed with.
type htmlView struct {
	Title       string
	Banner      string // classification and caveats; "UNMARKED" when none
	BannerClass string // unclassified, confidential, secret, topsecret or unmarked
	Cable       *summarizer.Cable
	Meta        []metaItem
	Overview    summarizer.Overview
	Sections    []htmlSection
	Columns     []string
	Rows        []htmlRow
	Legend      []LabelStyle // the labels of the matrix
	Mixed       bool         // some matrix cell is mixed
	Text        []htmlTextSection
	Warnings    []string
	Engine      string
	Usage       string
	Schema      string
}

type metaItem struct {
	Name, Value string
}

type htmlLabel struct {
	Label, Symbol, Class string
}

type htmlSection struct {
	N          int    // 1-based
	Anchor     string // "s3"
	Heading    string
	Titled     bool // the heading says more than the kind, which is then shown too
	Kind       string
	Paragraphs []int
	Summary    string
	KeyPoints  []string
	Stances    []htmlStance
	Ungrounded int
	// Unsupported are the names, numbers and dates of the summary the text does not have.
	Unsupported []string
	Error       string
}

type htmlStance struct {
	htmlLabel
	Actor, Affiliation, Target, Voice string
	Evidence                          []summarizer.Evidence
}

type htmlRow struct {
	Actor, Affiliation string
	Aliases            []string
	Cells              []htmlCell
}

type htmlCell struct {
	htmlLabel
	Empty   bool
	Target  string
	Mixed   bool
	Anchor  string // the section the position comes from
	Heading string
}

type htmlTextSection struct {
	Anchor     string // "t3"
	Heading    string
	Paragraphs []summarizer.Paragraph
}

func newHTMLView(r *summarizer.Report) htmlView {
	c := r.Cable
	v := htmlView{
		Title:    c.Subject,
		Cable:    c,
		Overview: summarizer.Overview{BottomLine: r.Overview.BottomLine, KeyPoints: dedupKeyPoints(r.Overview.BottomLine, r.Overview.KeyPoints), Unsupported: r.Overview.Unsupported},
		Warnings: r.Warnings,
		Engine:   engineLine(r.Engine),
		Usage:    usageLine(r.Usage),
		Schema:   r.SchemaVersion,
	}
	if v.Title == "" {
		v.Title = c.ID
	}
	v.Banner, v.BannerClass = banner(c)
	// Every label on the page, the matrix's first, so that a label has one style throughout.
	var used []string
	for _, p := range r.Positions {
		used = append(used, p.Label)
	}
	for _, s := range r.Sections {
		for _, st := range s.Stances {
			used = append(used, st.Label)
		}
	}
	class := classes(LabelStyles(used))
	newLabel := func(l string) htmlLabel {
		return htmlLabel{Label: l, Symbol: LabelSymbol(l), Class: cmp.Or(class[l], LabelClass(l))}
	}
	v.Meta = cableMeta(c)
	for i, s := range r.Sections {
		hs := htmlSection{
			N: i + 1, Anchor: fmt.Sprintf("s%d", i+1), Heading: sectionHeading(s), Titled: s.Title != "" && !strings.EqualFold(s.Title, s.Kind), Kind: s.Kind,
			Paragraphs: s.Paragraphs, Summary: s.Summary, KeyPoints: s.KeyPoints,
			Ungrounded: s.Ungrounded, Unsupported: s.Unsupported, Error: s.Error,
		}
		for _, st := range s.Stances {
			hs.Stances = append(hs.Stances, htmlStance{
				htmlLabel: newLabel(st.Label), Actor: st.Actor, Affiliation: st.Affiliation,
				Target: st.Target, Voice: voiceNote(st.Voice), Evidence: st.Evidence,
			})
		}
		v.Sections = append(v.Sections, hs)
	}
	v.Columns = topicColumns(r)
	for _, row := range matrix(r, v.Columns) {
		hr := htmlRow{Actor: row.Actor, Affiliation: row.Affiliation, Aliases: row.Aliases}
		for _, p := range row.Cells {
			if p == nil {
				hr.Cells = append(hr.Cells, htmlCell{Empty: true})
				continue
			}
			cell := htmlCell{htmlLabel: newLabel(p.Label), Target: p.Target, Mixed: p.Mixed}
			if p.Section >= 0 && p.Section < len(r.Sections) {
				cell.Anchor = fmt.Sprintf("s%d", p.Section+1)
				cell.Heading = sectionHeading(r.Sections[p.Section])
			}
			v.Mixed = v.Mixed || p.Mixed
			hr.Cells = append(hr.Cells, cell)
		}
		v.Rows = append(v.Rows, hr)
	}
	var inMatrix []string
	for _, p := range r.Positions {
		inMatrix = append(inMatrix, p.Label)
	}
	for _, st := range LabelStyles(used) {
		if slices.Contains(inMatrix, st.Label) {
			v.Legend = append(v.Legend, st)
		}
	}
	v.Text = cableText(c)
	return v
}

// banner returns the classification line and its CSS class.
func banner(c *summarizer.Cable) (string, string) {
	cl := strings.ToUpper(strings.TrimSpace(c.Classification))
	if cl == "" {
		return "UNMARKED", "unmarked"
	}
	text := cl
	if len(c.Caveats) > 0 {
		text += "//" + strings.Join(c.Caveats, "/")
	}
	switch {
	case strings.HasPrefix(cl, "TOP SECRET"):
		return text, "topsecret"
	case strings.HasPrefix(cl, "SECRET"):
		return text, "secret"
	case strings.HasPrefix(cl, "CONFIDENTIAL"):
		return text, "confidential"
	}
	return text, "unclassified"
}

func cableMeta(c *summarizer.Cable) []metaItem {
	var m []metaItem
	add := func(name, value string) {
		if value != "" {
			m = append(m, metaItem{name, value})
		}
	}
	add("Cable", c.ID)
	date := c.Date
	if c.DTG != "" {
		date = strings.TrimSpace(date + " (" + c.DTG + ")")
	}
	add("Date", date)
	add("From", c.Origin)
	add("To", strings.Join(c.To, "; "))
	add("Info", strings.Join(c.Info, "; "))
	add("Tags", strings.Join(c.Tags, " "))
	var refs []string
	for _, r := range c.References {
		s := r.Text
		if r.Letter != "" {
			s = r.Letter + ". " + s
		}
		refs = append(refs, s)
	}
	add("References", strings.Join(refs, "; "))
	cb := c.ClassifiedBy
	if c.Reasons != "" {
		cb = strings.TrimSpace(cb + ", reasons " + c.Reasons)
	}
	add("Classified by", cb)
	if c.DeclassifyOn != "" {
		add("Declassify on", c.DeclassifyOn)
	}
	add("Signed", c.Signer)
	return m
}

// cableText groups the cable's paragraphs under its section headings.
func cableText(c *summarizer.Cable) []htmlTextSection {
	var out []htmlTextSection
	for i, s := range c.Sections {
		heading := s.Title
		if heading == "" {
			heading = summarizer.TopicName(summarizer.SectionReport{Kind: s.Kind})
		}
		out = append(out, htmlTextSection{Anchor: fmt.Sprintf("t%d", i+1), Heading: heading, Paragraphs: c.SectionParagraphs(s)})
	}
	if len(out) == 0 && len(c.Paragraphs) > 0 {
		out = append(out, htmlTextSection{Anchor: "t1", Heading: "Body", Paragraphs: c.Paragraphs})
	}
	return out
}
