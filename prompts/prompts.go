// Package prompts holds the text/template files the LLM engine sends to the model,
// embedded with go:embed, and the typed data each template is executed with.
//
// A Set is loaded once at start-up by Load, which parses every template and fails fast
// on a template error. A directory may override any of the files by name; the others
// come from the embedded copies. Set.Version is a short hash of the template texts in
// use: it goes into the report (EngineInfo.PromptVersion) and, through the rendered
// messages, into the cache key.
//
// Cable text is data. Templates put it between the CableOpen and CableClose delimiters
// (section and reduce prompts) or SummariesOpen and SummariesClose (overview prompt);
// the data types carry text already passed through Neutralize, so no text from a cable
// can close the delimited block early.
package prompts

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

// Template file names. Every file is required; a directory given to Load may hold any
// subset of them.
const (
	FileSectionSystem  = "section_system.tmpl"  // System: instructions, labels, voices, schema
	FileSection        = "section.tmpl"         // Section: one section (or part) as data
	FileReduce         = "reduce.tmpl"          // Reduce: merge the results of a split section
	FileOverviewSystem = "overview_system.tmpl" // OverviewSystem: instructions and schema
	FileOverview       = "overview.tmpl"        // Overview: the section summaries as data
	FileReAsk          = "reask.tmpl"           // ReAsk: the problems of the previous answer
)

// files lists the template file names in the order they are hashed.
var files = []string{FileSectionSystem, FileSection, FileReduce, FileOverviewSystem, FileOverview, FileReAsk}

// Delimiters of the data blocks in the rendered user messages.
const (
	CableOpen      = "<<<CABLE"
	CableClose     = "CABLE>>>"
	ResultsOpen    = "<<<RESULTS"
	ResultsClose   = "RESULTS>>>"
	SummariesOpen  = "<<<SUMMARIES"
	SummariesClose = "SUMMARIES>>>"
)

//go:embed *.tmpl
var embedded embed.FS

// Set is a parsed set of prompt templates. It is safe for concurrent use.
type Set struct {
	tmpl    map[string]*template.Template
	version string
}

// Load parses the embedded templates, each overridden by the file of the same name in
// dir when dir is not "" and holds it. A missing dir, an unreadable file or a template
// that does not parse is an error; a template that fails on the typed data is reported
// by the render methods.
func Load(dir string) (*Set, error) {
	s, err := parse(dir, files)
	if err != nil {
		return nil, err
	}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("load prompts: %w", err)
	}
	return s, nil
}

// parse reads and parses the templates names (the embedded ones, each overridden by the
// file of the same name in dir when dir is not "" and holds it) into a Set whose version
// hashes their texts. A missing dir, an unreadable file or a template that does not parse
// is an error.
func parse(dir string, names []string) (*Set, error) {
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("load prompts: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("load prompts: %s is not a directory", dir)
		}
	}
	s := &Set{tmpl: make(map[string]*template.Template, len(names))}
	h := sha256.New()
	for _, name := range names {
		text, err := read(dir, name)
		if err != nil {
			return nil, fmt.Errorf("load prompts: %w", err)
		}
		t, err := template.New(name).Option("missingkey=error").Funcs(funcs).Parse(text)
		if err != nil {
			return nil, fmt.Errorf("load prompts: parse %s: %w", name, err)
		}
		s.tmpl[name] = t
		fmt.Fprintf(h, "%s\x00%d\x00%s\x00", name, len(text), text)
	}
	s.version = hex.EncodeToString(h.Sum(nil))[:12]
	return s, nil
}

// check executes every template on sample data, so that a template naming a field its
// data does not have fails at start-up rather than on the first cable.
func (s *Set) check() error {
	ctx := Context{CableID: "ID", Subject: "S", Date: "D", Origin: "O", Participants: []string{"P"}, Title: "T", Kind: "topic", CableSummary: "C"}
	terms := []Term{{Name: "n", Definition: "d"}}
	for _, f := range []func() (string, error){
		func() (string, error) { return s.System(System{Labels: terms, Voices: terms, Schema: "{}"}) },
		func() (string, error) {
			return s.Section(Section{Context: ctx, Part: 1, Parts: 2, Paragraphs: []Paragraph{{1, "x"}}, Numbers: "1"})
		},
		func() (string, error) { return s.Reduce(Reduce{Context: ctx, Results: []string{"{}"}, Numbers: "1"}) },
		func() (string, error) { return s.OverviewSystem(OverviewSystem{Schema: "{}"}) },
		func() (string, error) {
			return s.Overview(Overview{Sections: []OverviewSection{{Title: "T", Summary: "S", KeyPoints: []string{"k"}}, {Failed: true}}})
		},
		func() (string, error) { return s.ReAsk(ReAsk{Problems: []string{"$: p"}, Truncated: true}) },
	} {
		if _, err := f(); err != nil {
			return err
		}
	}
	return nil
}

func read(dir, name string) (string, error) {
	if dir != "" {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			return string(b), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("read %s: %w", name, err)
		}
	}
	b, err := embedded.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("read embedded %s: %w", name, err)
	}
	return string(b), nil
}

var funcs = template.FuncMap{
	"join": strings.Join,
	"inc":  func(i int) int { return i + 1 },
}

// Defaults returns the embedded template files, for a user who wants a copy to edit and
// pass to Load as an override directory.
func Defaults() fs.FS { return embedded }

// Version is a short hex sha256 of the names and texts of the templates in use: it
// changes whenever a template changes.
func (s *Set) Version() string { return s.version }

func (s *Set) render(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := s.tmpl[name].Execute(&b, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return strings.TrimSpace(b.String()) + "\n", nil
}

// System renders the system message of a section (or reduce) request.
func (s *Set) System(d System) (string, error) { return s.render(FileSectionSystem, d) }

// Section renders the user message holding one section, or one part of a split section.
func (s *Set) Section(d Section) (string, error) { return s.render(FileSection, d) }

// Reduce renders the user message that asks to merge the results of a split section.
func (s *Set) Reduce(d Reduce) (string, error) { return s.render(FileReduce, d) }

// OverviewSystem renders the system message of an overview request.
func (s *Set) OverviewSystem(d OverviewSystem) (string, error) {
	return s.render(FileOverviewSystem, d)
}

// Overview renders the user message holding a cable's section summaries.
func (s *Set) Overview(d Overview) (string, error) { return s.render(FileOverview, d) }

// ReAsk renders the user message that lists what was wrong with the previous answer.
func (s *Set) ReAsk(d ReAsk) (string, error) { return s.render(FileReAsk, d) }

// Term is a named value with its definition ("supports": "agrees with ..."). Definition
// is "" for a configured label the engine has no definition for.
type Term struct {
	Name       string
	Definition string
}

// System is the data of the section system message. Schema is the JSON Schema of the
// answer, indented.
type System struct {
	Labels []Term
	Voices []Term
	Schema string
}

// Context is what a section prompt says about the cable it comes from. All strings come
// from the cable and must have been passed through Neutralize.
type Context struct {
	CableID      string
	Subject      string
	Date         string
	Origin       string
	Participants []string
	Title        string // the section's title; "" when it has none
	Kind         string // summarizer.Kind*
	CableSummary string // the cable's SUMMARY; "" when the section is the summary itself
}

// Paragraph is one numbered paragraph of a section; Text has been passed through
// Neutralize.
type Paragraph struct {
	Number int
	Text   string
}

// Section is the data of a section user message. Part and Parts number the parts of a
// section split to fit the context budget (1 and 1 when it was not split).
type Section struct {
	Context
	Part       int
	Parts      int
	Paragraphs []Paragraph
	Numbers    string // the paragraph numbers, "5, 6, 7"
}

// Reduce is the data of a reduce user message: the JSON results of the parts of a split
// section, each already passed through Neutralize.
type Reduce struct {
	Context
	Results []string
	Numbers string // the paragraph numbers of the whole section
}

// OverviewSystem is the data of the overview system message.
type OverviewSystem struct {
	Schema string
}

// OverviewSection is one section in an overview prompt; Failed sections have no summary.
type OverviewSection struct {
	Title     string
	Kind      string
	Summary   string
	KeyPoints []string
	Failed    bool
}

// Overview is the data of the overview user message. All strings have been passed
// through Neutralize.
type Overview struct {
	CableID  string
	Subject  string
	Date     string
	Origin   string
	Sections []OverviewSection
}

// ReAsk is the data of a re-ask message. Problems are "JSON path: reason" lines;
// Truncated says the previous answer was cut off, Malformed that it was not valid JSON.
type ReAsk struct {
	Problems  []string
	Truncated bool
	Malformed bool
}

var neutralizer = strings.NewReplacer(
	"<<<", "<\u2039<",
	">>>", ">\u203a>",
	"[\u00b6", "[",
)

// Neutralize returns s with every run of three angle brackets broken up, so that text
// from a cable cannot open or close a data block, and with "[¶" (the paragraph marker of
// the prompts) reduced to "[".
func Neutralize(s string) string {
	for {
		out := neutralizer.Replace(s)
		if out == s {
			return out
		}
		s = out
	}
}
