package brief

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cablebrief/summarize/internal/golden"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/compare"
)

// reportsDir holds the hand-built reports of twelve Paris and Madrid cables (see
// testdata/compare/README.md).
var reportsDir = filepath.Join("..", "..", "testdata", "compare", "reports")

func loadReports(tb testing.TB, dir string) []*summarizer.Report {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no reports in %s: %v", dir, err)
	}
	rs, err := compare.ReadReports(paths)
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

// build runs the whole flow over rs: collect, compose with eng, the second pass, check.
func build(tb testing.TB, rs []*summarizer.Report, o Options, eng Engine) *Briefing {
	tb.Helper()
	c := NewCollector(o)
	for _, r := range rs {
		c.Add(r)
	}
	b, err := Compose(context.Background(), c.Draft(), eng, ComposeOptions{Concurrency: 2})
	if err != nil {
		tb.Fatal(err)
	}
	q := NewQuotes(b.Needed())
	for _, r := range rs {
		q.Add(r)
	}
	Check(b, q)
	return b
}

func TestDrawnFrom(t *testing.T) {
	para := `Kouchner pushed back on Burns' proposal that the USG and Europe implement sanctions against Iran outside the framework of the UN Security Council, insisting that sanctions were ineffective.`
	for _, tc := range []struct {
		name, sentence string
		want           bool
	}{
		{"verbatim", "Kouchner pushed back on Burns' proposal that the USG and Europe implement sanctions", true},
		{"verbatim, other case and spacing", "KOUCHNER  pushed back on Burns’ proposal", true},
		{"paraphrase sharing words", "Kouchner called sanctions against Iran ineffective.", true},
		{"one shared word", "Kouchner met the Pope in Rome to discuss the weather.", false},
		{"unrelated", "Spain will send two training teams to Afghanistan in June.", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DrawnFrom(tc.sentence, para); got != tc.want {
				t.Errorf("DrawnFrom(%q) = %v, want %v", tc.sentence, got, tc.want)
			}
		})
	}
}

func TestAttribute(t *testing.T) {
	a := newAttributor([]summarizer.Paragraph{
		{Number: 3, Text: "Araud emphasized the new, more positive tone in the relationship."},
		{Number: 4, Text: "Araud agreed on the need for sanctions outside the UNSC against Iran."},
		{Number: 5, Text: "The French will send a Provincial Reconstruction Team to Uruzgan in Afghanistan next spring."},
	})
	for _, tc := range []struct {
		name, text string
		want       []int
	}{
		{"verbatim", "Araud emphasized the new, more positive tone in the relationship.", []int{3}},
		{"best overlap", "Araud backed sanctions against Iran outside the UNSC.", []int{4}},
		{"two paragraphs", "Araud backed sanctions against Iran while the French send a reconstruction team to Uruzgan in Afghanistan.", []int{4, 5}},
		{"none", "The Pope visited Madrid.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, a.attribute(tc.text)); diff != "" {
				t.Errorf("attribute(%q) (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestEveryCitationValid proves the contract on the compare reports: every sentence of
// the briefing has a citation, and every citation names a selected cable and a paragraph
// of it that the sentence is drawn from, checked against the reports themselves, not
// against what the briefing kept.
func TestEveryCitationValid(t *testing.T) {
	rs := loadReports(t, reportsDir)
	paras := map[Citation]string{}
	for _, r := range rs {
		for _, p := range r.Cable.Paragraphs {
			paras[Citation{r.Cable.ID, p.Number}] = p.Text
		}
	}
	for _, o := range []Options{{}, {Filter: compare.Filter{Topics: []string{"Iran"}}}, {Top: -1, Sentences: 8}} {
		b := build(t, rs, o, Extractive{})
		selected := map[string]bool{}
		for _, c := range b.Selection.Cables {
			selected[c.ID] = true
		}
		n, sentences := 0, 0
		for _, s := range b.sentences() {
			sentences++
			if len(s.Citations) == 0 {
				t.Errorf("%+v: sentence without a citation: %q", o.Filter, s.Text)
			}
			for _, c := range s.Citations {
				n++
				text, ok := paras[c]
				switch {
				case !selected[c.Cable]:
					t.Errorf("%q cites %s, not in the selection", s.Text, c)
				case !ok:
					t.Errorf("%q cites %s, which does not exist", s.Text, c)
				case !DrawnFrom(s.Text, text):
					t.Errorf("%q is not drawn from %s: %q", s.Text, c, text)
				}
			}
		}
		if sentences == 0 || n < sentences {
			t.Errorf("%+v: %d sentences, %d citations", o.Filter, sentences, n)
		}
		if b.Citations.Valid != n || len(b.Citations.Invalid) != 0 {
			t.Errorf("Check counted %d valid, %d invalid; the test %d valid", b.Citations.Valid, len(b.Citations.Invalid), n)
		}
		t.Logf("filter %+v: %d sentences, %d citations, all valid", o.Filter, sentences, n)
	}
}

func TestCheckDropsInvalidCitations(t *testing.T) {
	rs := loadReports(t, reportsDir)
	b := build(t, rs, Options{}, Extractive{})
	good := b.Topics[0].Synthesis[0]
	b.Topics[0].Synthesis = []Sentence{
		{Text: good.Text, Citations: append(slices.Clone(good.Citations),
			Citation{"99NOWHERE1", 1},                                 // not selected
			Citation{good.Citations[0].Cable, 999},                    // no such paragraph
			Citation{good.Citations[0].Cable, otherPara(t, rs, good)}, // not drawn from
		)},
		{Text: "A sentence the cables never wrote about the Pope in Rome.", Citations: []Citation{{good.Citations[0].Cable, good.Citations[0].Paragraph}}},
	}
	b.BottomLine = nil
	q := NewQuotes(b.Needed())
	for _, r := range rs {
		q.Add(r)
	}
	Check(b, q)
	var reasons []string
	for _, ic := range b.Citations.Invalid {
		reasons = append(reasons, ic.Reason)
	}
	want := []string{ReasonNotSelected, ReasonNoParagraph, ReasonNotDrawn, ReasonNotDrawn}
	if diff := cmp.Diff(want, reasons); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	if len(b.Topics[0].Synthesis) != 1 || !slices.Equal(b.Topics[0].Synthesis[0].Citations, good.Citations) {
		t.Errorf("synthesis after the check: %+v, want the good sentence with its own citations", b.Topics[0].Synthesis)
	}
	if b.Citations.DroppedSentences != 1 {
		t.Errorf("dropped %d sentences, want 1", b.Citations.DroppedSentences)
	}
}

// otherPara returns a paragraph of s's cable that s is not drawn from.
func otherPara(tb testing.TB, rs []*summarizer.Report, s Sentence) int {
	tb.Helper()
	for _, r := range rs {
		if r.Cable.ID != s.Citations[0].Cable {
			continue
		}
		for _, p := range r.Cable.Paragraphs {
			if !DrawnFrom(s.Text, p.Text) {
				return p.Number
			}
		}
	}
	tb.Fatalf("every paragraph of %s draws %q", s.Citations[0].Cable, s.Text)
	return 0
}

func TestUnsupportedClaimsMarked(t *testing.T) {
	rs := loadReports(t, reportsDir)
	b := build(t, rs, Options{}, Extractive{})
	s := &b.Topics[0].Synthesis[0]
	s.Text += " Secretary Clinton agreed in 1999."
	q := NewQuotes(b.Needed())
	for _, r := range rs {
		q.Add(r)
	}
	Check(b, q)
	if got := b.Topics[0].Synthesis[0].Unsupported; !slices.Contains(got, "1999") || !slices.ContainsFunc(got, func(c string) bool { return strings.Contains(c, "Clinton") }) {
		t.Errorf("unsupported %q, want Clinton and 1999", got)
	}
	var md bytes.Buffer
	if err := b.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "⚠ _not in the text:") {
		t.Error("Markdown does not mark the unsupported claims")
	}
}

func TestCollectorSelection(t *testing.T) {
	rs := loadReports(t, reportsDir)
	// A failed section in one report.
	failed := *rs[0]
	failed.Sections = slices.Clone(failed.Sections)
	failed.Sections[0].Error = "no valid answer after 2 re-ask(s)"
	failed.Sections[0].Summary = ""
	rs[0] = &failed

	c := NewCollector(Options{Filter: compare.Filter{Topics: []string{"Iran"}, From: "2007", To: "2007-12"}})
	for _, r := range rs {
		c.Add(r)
	}
	d := c.Draft()
	if d.Topics[0].Input.Name != "Iran" {
		t.Errorf("first topic %q, want Iran", d.Topics[0].Input.Name)
	}
	for _, cb := range d.Selection.Cables {
		if !strings.HasPrefix(cb.Date, "2007") {
			t.Errorf("cable %s of %s selected", cb.ID, cb.Date)
		}
	}
	if d.LeftOut.NotSelected == 0 || len(d.LeftOut.CablesWithoutTopic) == 0 {
		t.Errorf("left out: %+v, want cables outside 2007 and cables without Iran", d.LeftOut)
	}
	if slices.ContainsFunc(d.Selection.Cables, func(cb CableRef) bool { return slices.Contains(d.LeftOut.CablesWithoutTopic, cb.ID) }) {
		t.Error("a cable both selected and without the topic")
	}
	for _, m := range d.Topics[0].Input.Material {
		if len(m.Citations) == 0 || m.Citations[0].Cable != m.Cable {
			t.Errorf("material %q cites %v", m.Text, m.Citations)
		}
	}
	for _, r := range d.Topics[0].Positions {
		if r.Topic != "Iran" {
			t.Errorf("position on %q under Iran", r.Topic)
		}
	}
}

func TestExtractiveMergesDuplicates(t *testing.T) {
	in := TopicInput{Name: "Iran", Sentences: 3, Material: []Material{
		{Text: "Kouchner said sanctions against Iran were ineffective and could not get what we need.", Citations: []Citation{{"A", 1}}, Cable: "A", Date: "2007-01-01"},
		{Text: "Kouchner said that sanctions against Iran were ineffective and could not get what we need.", Citations: []Citation{{"B", 4}}, Cable: "B", Date: "2007-02-01"},
		{Text: "Araud agreed on the need for an additional resolution and sanctions outside the UNSC.", Citations: []Citation{{"B", 5}}, Cable: "B", Date: "2007-02-01"},
	}}
	got, _, err := Extractive{}.Topic(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d sentences, want 2: %+v", len(got), got)
	}
	if diff := cmp.Diff([]Citation{{"A", 1}, {"B", 4}}, got[0].Citations); diff != "" {
		t.Errorf("merged duplicate cites (-want +got):\n%s", diff)
	}
}

func TestGolden(t *testing.T) {
	rs := loadReports(t, reportsDir)
	for _, tc := range []struct {
		name string
		o    Options
	}{
		{"brief", Options{}},
		{"brief.iran", Options{Filter: compare.Filter{Topics: []string{"Iran"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := build(t, rs, tc.o, Extractive{})
			for _, f := range Formats {
				var buf bytes.Buffer
				if err := Write(&buf, b, f); err != nil {
					t.Fatal(err)
				}
				ext := map[string]string{"markdown": "md", "html": "html", "json": "json"}[f]
				golden.Check(t, filepath.Join("..", "..", "testdata", "brief", tc.name+"."+ext+".golden"), buf.Bytes())
				if f == "json" {
					validateSchema(t, buf.Bytes())
				}
			}
		})
	}
}

// validateSchema checks a JSON briefing against Schema with a JSON Schema validator.
func validateSchema(tb testing.TB, doc []byte) {
	tb.Helper()
	schema, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		tb.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("brief.schema.json", schema); err != nil {
		tb.Fatal(err)
	}
	sch, err := c.Compile("brief.schema.json")
	if err != nil {
		tb.Fatalf("the schema does not compile: %v", err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		tb.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		tb.Errorf("the briefing does not match its schema: %v", err)
	}
}

func TestSchemaRejects(t *testing.T) {
	rs := loadReports(t, reportsDir)
	b := build(t, rs, Options{}, Extractive{})
	var buf bytes.Buffer
	if err := b.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(buf.Bytes(), &m)
	topic := m["topics"].([]any)[0].(map[string]any)
	topic["synthesis"].([]any)[0].(map[string]any)["citations"] = []any{} // a sentence without a source
	bad, _ := json.Marshal(m)
	schema, _ := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	c := jsonschema.NewCompiler()
	c.AddResource("brief.schema.json", schema)
	sch, err := c.Compile("brief.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if sch.Validate(v) == nil {
		t.Error("the schema accepts a sentence without citations")
	}
}

func TestMaterialBounded(t *testing.T) {
	acc := &topicAcc{}
	for i := range 2 * MaxMaterial {
		acc.material = append(acc.material, Material{Text: fmt.Sprint(i), Cable: fmt.Sprintf("C%05d", i), Date: fmt.Sprintf("%04d-01-01", 2000+i%10)})
	}
	acc.thin()
	if len(acc.material) != MaxMaterial || acc.thinned != MaxMaterial {
		t.Fatalf("kept %d, thinned %d", len(acc.material), acc.thinned)
	}
	years := map[string]int{}
	for _, m := range acc.material {
		years[m.Date[:4]]++
	}
	for y, n := range years {
		if n != MaxMaterial/10 {
			t.Errorf("%s keeps %d items, want %d: thinning is not even over time", y, n, MaxMaterial/10)
		}
	}
	var cands []*candidate
	for i := range 2000 {
		cands = append(cands, &candidate{text: fmt.Sprint(i), words: []int{i % 7, 100 + i%3}, cables: map[string]bool{"A": true}})
	}
	if got := prefilter(cands, maxRanked); len(got) != maxRanked {
		t.Errorf("prefilter kept %d, want %d", len(got), maxRanked)
	}
}
