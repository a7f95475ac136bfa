package eval

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
)

func str(s string) *string { return &s }

func TestSegmentation(t *testing.T) {
	c := &summarizer.Cable{
		ID: "07PARIS2726", Classification: "CONFIDENTIAL", Origin: "AMEMBASSY PARIS", Date: "2007-06-26",
		Subject: "U/S BURNS' LUNCH  WITH FM KOUCHNER", Tags: []string{"PREL", "FR"}, Signer: "STAPLETON", TotalSections: 3,
		Paragraphs: []summarizer.Paragraph{{Number: 1}, {Number: 2}, {Number: 3}, {Number: 4}, {Number: 5}},
		Sections: []summarizer.Section{
			{Kind: summarizer.KindPreamble, Paragraphs: []int{1}},
			{Kind: summarizer.KindSummary, Paragraphs: []int{2}}, // a marker, not a heading
			{Title: "(C) Kosovo:", Kind: summarizer.KindTopic, Style: summarizer.StyleInline, Paragraphs: []int{3}},
			{Title: "Iran", Kind: summarizer.KindTopic, Style: summarizer.StyleCapsLine, Paragraphs: []int{4}},
			{Title: "Extra", Kind: summarizer.KindTopic, Style: summarizer.StyleCapsLine, Paragraphs: []int{5}},
		},
	}
	g := &SegmentationGold{
		ID: "07PARIS2726", Classification: str("CONFIDENTIAL"), Origin: str("AMEMBASSY PARIS"), Date: str("2007-06-26"),
		Subject: str("U/S BURNS' LUNCH WITH FM KOUCHNER."), Tags: []string{"FR", "PREL"}, Signer: nil, TotalSections: 3,
		ParagraphCount: 6,
		Sections: []GoldSection{
			{Title: "KOSOVO", FirstParagraph: 3},
			{Title: "LEBANON", FirstParagraph: 4},
			{Title: "DARFUR", FirstParagraph: 6},
		},
	}
	var s Segmentation
	s.Add(g, c)
	got := s.Result()
	want := SegmentationResult{
		Cables: 1, Precision: 2.0 / 3, Recall: 2.0 / 3, BoundaryF1: 2.0 / 3,
		Title: 0.5, Metadata: 6.0 / 7, ParagraphCount: 0,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Result() mismatch (-want +got):\n%s", diff)
	}
	if s.FieldMiss["signer"] != 1 || len(s.FieldMiss) != 1 {
		t.Errorf("FieldMiss = %v, want only signer", s.FieldMiss)
	}
	for _, d := range []string{`extra section "Extra" at paragraph 5`, `missed section "DARFUR" at paragraph 6`, `title "Iran" at paragraph 4, want "LEBANON"`} {
		if !strings.Contains(strings.Join(s.Diffs, "\n"), d) {
			t.Errorf("Diffs lack %q:\n%s", d, strings.Join(s.Diffs, "\n"))
		}
	}
}

func TestNormTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"(C) Kosovo:", "kosovo"},
		{"-- KOSOVO --", "kosovo"},
		{"//EARLY RELEASE OF CONVICTED TERRORISTS//", "early release of convicted terrorists"},
		{"Iran / Sanctions", "iran sanctions"},
		{"(Cont.) talks", "cont talks"}, // not a marking
	}
	for _, tt := range tests {
		if got := NormTitle(tt.in); got != tt.want {
			t.Errorf("NormTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func stance(actor, aff, label string, para int, grounded bool) summarizer.Stance {
	return summarizer.Stance{Actor: actor, Affiliation: aff, Target: "x", Label: label, Voice: "reported",
		Evidence: []summarizer.Evidence{{Paragraph: para, Quote: "q", Grounded: grounded}}}
}

func TestStances(t *testing.T) {
	r := &summarizer.Report{
		Cable:    &summarizer.Cable{ID: "07PARIS2726"},
		Overview: summarizer.Overview{BottomLine: "Kouchner met Burns.", Unsupported: []string{"Rice"}},
		Sections: []summarizer.SectionReport{
			{Kind: summarizer.KindSummary, Paragraphs: []int{3, 4}, Summary: "s", Stances: []summarizer.Stance{
				stance("FM Kouchner", "France", "conditional", 3, true),        // matches
				stance("Bernard Kouchner", "France", "conditional", 3, true),   // the same triple again
				stance("U/S Burns", "United States", "opposes", 3, false),      // flip: gold says supports
				stance("the French government", "France", "supports", 4, true), // = GOF supports
			}},
			{Title: "KOSOVO", Kind: summarizer.KindTopic, Paragraphs: []int{5, 6}, Summary: "k", Unsupported: []string{"1999"}, Stances: []summarizer.Stance{
				stance("Kouchner", "France", "supports", 5, true), // gold says skeptical: label miss
			}},
			{Title: "IRAN", Kind: summarizer.KindTopic, Paragraphs: []int{7}, Error: "failed", Stances: []summarizer.Stance{
				stance("Kouchner", "France", "opposes", 7, true), // failed sections do not count
			}},
		},
	}
	g := &StanceGold{ID: "07PARIS2726", Stances: []GoldStance{
		{Section: "SUMMARY", Actor: "Kouchner", Affiliation: "France", Label: "conditional", Paragraphs: []int{3}},
		{Section: "SUMMARY", Actor: "Burns", Affiliation: "United States", Label: "supports", Paragraphs: []int{3}},
		{Section: "SUMMARY", Actor: "GOF", Affiliation: "France", Label: "supports", Paragraphs: []int{4}},
		{Section: "KOSOVO", Actor: "Kouchner", Affiliation: "France", Label: "skeptical"}, // matched by title
		{Section: "IRAN", Actor: "Kouchner", Affiliation: "France", Label: "opposes", Paragraphs: []int{7}},
		{Section: "DARFUR", Actor: "Kouchner", Affiliation: "France", Label: "supports"}, // no such section
	}}
	var s Stances
	s.Add(g, r)
	got := s.Result()
	want := StanceResult{
		Cables: 1, TP: 2, Produced: 4, Gold: 6,
		Precision: 0.5, Recall: 2.0 / 6, F1: 2 * 0.5 * (2.0 / 6) / (0.5 + 2.0/6),
		LabelAccuracy: 2.0 / 4, // Kouchner/SUMMARY ok, GOF ok, Burns wrong, Kouchner/KOSOVO wrong
		Flips:         1,
		Grounded:      4.0 / 5,
		Unsupported:   2.0 / 3, // the overview and KOSOVO of three summaries
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Result() mismatch (-want +got):\n%s\n%s", diff, strings.Join(s.Diffs, "\n"))
	}
}

func TestStancesMissedReport(t *testing.T) {
	var s Stances
	s.Missed(&StanceGold{ID: "X", Stances: []GoldStance{{Section: "A", Actor: "Kouchner", Label: "supports"}, {Section: "A", Actor: "FM Kouchner", Label: "supports"}}})
	got := s.Result()
	if got.Gold != 1 || got.Recall != 0 || got.Precision != 0 {
		t.Errorf("Result() = %+v, want one missed gold triple, recall and precision 0", got)
	}
}

func TestLoadGold(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := LoadGold(dir); !errors.Is(err, ErrNoGold) {
		t.Errorf("LoadGold(empty dir) error = %v, want ErrNoGold", err)
	}
	write("07PARIS2726.json", `{"id": "07PARIS2726", "paragraph_count": 17, "sections": [{"title": "KOSOVO", "first_paragraph": 5}]}`)
	write("07PARIS2726.stances.json", `{"id": "07PARIS2726", "stances": [{"section": "KOSOVO", "actor": "Kouchner", "label": "conditional"}]}`)
	write("08RABAT185.stances.json", `{"stances": []}`)
	write("notes.txt", "not gold")
	g, err := LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := g.IDs(), []string{"07PARIS2726", "08RABAT185"}; !cmp.Equal(got, want) {
		t.Errorf("IDs() = %v, want %v", got, want)
	}
	if got := g.Segmentation["07PARIS2726"].Sections[0].FirstParagraph; got != 5 {
		t.Errorf("first_paragraph = %d, want 5", got)
	}
	write("BAD.json", `{"id": `)
	if _, err := LoadGold(dir); err == nil || !strings.Contains(err.Error(), "BAD.json") {
		t.Errorf("LoadGold(bad file) error = %v, want one naming BAD.json", err)
	}
}
