package summarizer

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// overviewEngine answers sections with stubEngine and the overview with a fixed one.
type overviewEngine struct {
	stubEngine
	overview Overview
}

func (e *overviewEngine) Overview(ctx context.Context, in OverviewInput) (Overview, Usage, error) {
	return e.overview, Usage{Requests: 1}, nil
}

var _ Engine = (*overviewEngine)(nil)

// TestSummarizeFlagsUnsupported runs Summarize with an engine that names, in one section,
// a person and a year the cable never mentions, and in the overview a place: each lands
// in its own unsupported list and in the warnings; a faithful section and a failed one
// get [].
func TestSummarizeFlagsUnsupported(t *testing.T) {
	e := &overviewEngine{
		stubEngine: stubEngine{answer: func(in SectionInput) (SectionResult, error) {
			switch in.Section.Title {
			case "KOSOVO":
				return SectionResult{Summary: "Foreign Minister Bernard Kouchner accepted Kosovo independence in principle."}, nil
			case "IRAN":
				return SectionResult{
					Summary:   "Kouchner rejected sanctions on Tehran, as Secretary Rice had in 1999.",
					KeyPoints: []string{"Kouchner wants dialogue with Iran.", "Rice agreed with Kouchner."},
				}, nil
			}
			return SectionResult{}, errors.New("engine exploded")
		}},
		overview: Overview{BottomLine: "Kouchner backs Kosovo independence and talks with Iran, he said in Brussels.", KeyPoints: []string{"France opposes sanctions."}},
	}
	r, err := (&Summarizer{Engine: e, Concurrency: 3}).Summarize(context.Background(), testCable())
	if err != nil {
		t.Fatal(err)
	}
	got := [][]string{r.Sections[0].Unsupported, r.Sections[1].Unsupported, r.Sections[2].Unsupported, r.Overview.Unsupported}
	want := [][]string{{}, {"Secretary Rice", "1999"}, {}, {"Brussels"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unsupported (KOSOVO, IRAN, DARFUR, overview) (-want +got):\n%s", diff)
	}
	warnings := strings.Join(r.Warnings, "\n")
	for _, w := range []string{"section 2 (IRAN): not in the text: Secretary Rice, 1999", "overview: not in the cable: Brussels"} {
		if !strings.Contains(warnings, w) {
			t.Errorf("warnings %q lack %q", r.Warnings, w)
		}
	}
	if claims, summaries := UnsupportedCount(r); claims != 3 || summaries != 2 {
		t.Errorf("UnsupportedCount = %d claims in %d summaries, want 3 in 2", claims, summaries)
	}
}

// TestCheckerSectionUsesHeaderAndCable checks what a section's summary may name besides
// its own paragraphs: the header (participants, origin, subject, signer) and the rest of
// the cable, but nothing else.
func TestCheckerSectionUsesHeaderAndCable(t *testing.T) {
	c := testCable()
	c.Subject = "U/S BURNS' JUNE 13 LUNCH WITH FRENCH FM KOUCHNER"
	c.Origin = "AMEMBASSY PARIS"
	c.Participants = []string{"Under Secretary Burns", "Ambassador Stapleton"}
	c.Signer = "STAPLETON"
	k := NewChecker(c)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"header names and date", "Burns and Stapleton lunched with Kouchner in Paris on June 13.", []string{}},
		{"a name from another section of the cable", "Kouchner spoke of Iran.", []string{}},
		{"a name in no part of the cable", "Kouchner spoke of Syria.", []string{"Syria"}},
		{"a date in no part of the cable", "Kouchner spoke on July 4.", []string{"July 4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, k.Section(0, tt.text, nil)); diff != "" {
				t.Errorf("Section(0, %q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
	if got := k.Section(0, "", nil); got == nil || len(got) != 0 {
		t.Errorf("empty summary: %#v, want []", got)
	}
	if got := k.Overview("", nil); got == nil || len(got) != 0 {
		t.Errorf("empty overview: %#v, want []", got)
	}
}

func TestHeaderTexts(t *testing.T) {
	c := &Cable{ID: "07PARIS2726", Subject: "S", Origin: "AMEMBASSY PARIS", To: []string{"SECSTATE WASHDC"},
		Participants: []string{"Kouchner"}, Tags: []string{"PREL", "FR"}, ClassifiedBy: "AMBASSADOR CRAIG R STAPLETON",
		Signer: "STAPLETON", Date: "2007-06-26", DTG: "260849Z JUN 07"}
	want := []string{"S", "AMEMBASSY PARIS", "AMBASSADOR CRAIG R STAPLETON", "STAPLETON", "PARIS", "2007-06-26",
		"260849Z JUN 07", "SECSTATE WASHDC", "Kouchner", "PREL FR"}
	if diff := cmp.Diff(want, HeaderTexts(c)); diff != "" {
		t.Errorf("HeaderTexts (-want +got):\n%s", diff)
	}
	if HeaderTexts(nil) != nil {
		t.Errorf("HeaderTexts(nil) != nil")
	}
}

// BenchmarkChecker measures checking the seed report (07PARIS2726, seven sections of
// hand-written summaries): indexing the cable and checking every section and the
// overview. Run with -benchmem; the check is done once per cable.
func BenchmarkChecker(b *testing.B) {
	data, err := os.ReadFile("../testdata/report/07PARIS2726.json")
	if err != nil {
		b.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		k := NewChecker(r.Cable)
		for i, s := range r.Sections {
			k.Section(i, s.Summary, s.KeyPoints)
		}
		k.Overview(r.Overview.BottomLine, r.Overview.KeyPoints)
	}
}

func TestVerbatim(t *testing.T) {
	src := "Kouchner met U.S. officials on June 13. \x00 He said Iran would not comply. Sanctions failed."
	tests := []struct {
		name, summary string
		keyPoints     []string
		want          bool
	}{
		{"two sentences from two paragraphs", "Kouchner met U.S. officials on June 13. Sanctions failed.", nil, true},
		{"white space differs", "He said Iran\n would  not comply.", []string{"Sanctions failed."}, true},
		{"a paraphrase", "Kouchner met American officials.", nil, false},
		{"an invented date", "Kouchner met U.S. officials on June 14.", nil, false},
		{"a key point not in the text", "Sanctions failed.", []string{"Rice agreed."}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := verbatim(src, tt.summary, tt.keyPoints); got != tt.want {
				t.Errorf("verbatim = %v, want %v (sentences %q)", got, tt.want, sentencesOf(tt.summary))
			}
		})
	}
}
