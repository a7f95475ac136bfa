package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/google/go-cmp/cmp"
)

func TestPolarity(t *testing.T) {
	tests := []struct {
		label string
		want  int
	}{
		{"supports", 1}, {"conditional", 0}, {"neutral", 0}, {"skeptical", -1}, {"opposes", -1},
		{"pro", 1}, {"con", -1}, {"Against", -1}, {"favours", 1}, {"undecided", 0}, {"", 0},
	}
	for _, tt := range tests {
		if got := Polarity(tt.label); got != tt.want {
			t.Errorf("Polarity(%q) = %d, want %d", tt.label, got, tt.want)
		}
	}
}

func TestLabelStyles(t *testing.T) {
	tests := []struct {
		name   string
		labels []string
		want   []LabelStyle
		legend string
	}{
		{
			name:   "default labels in their order, only those present",
			labels: []string{"opposes", "supports", "opposes"},
			want:   []LabelStyle{{"supports", "✓", "supports"}, {"opposes", "✗", "opposes"}},
			legend: "✓ supports | ✗ opposes",
		},
		{
			name:   "configured labels get a style each, agreement first",
			labels: []string{"con", "neutral", "pro", "unsure"},
			want: []LabelStyle{
				{"neutral", "·", "neutral"}, {"pro", "•", "other other-1"},
				{"unsure", "•", "other other-2"}, {"con", "•", "other other-3"},
			},
			legend: "· neutral | • pro | • unsure | • con",
		},
		{name: "none", labels: nil, want: nil, legend: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LabelStyles(tt.labels)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("LabelStyles (-want +got):\n%s", diff)
			}
			if l := LegendText(got); l != tt.legend {
				t.Errorf("LegendText = %q, want %q", l, tt.legend)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short kept", "sanctions on Iran", 60, "sanctions on Iran"},
		{"cut on a word", "the future of the transatlantic relationship", 20, "the future of the…"},
		{"trailing comma dropped", "sanctions, talks, and more talks", 12, "sanctions…"},
		{"one long word", "supercalifragilistic", 10, "supercali…"},
		{"lines joined", "a\nb", 10, "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shorten(tt.in, tt.n)
			if got != tt.want {
				t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
			if n := len([]rune(got)); n > tt.n {
				t.Errorf("Shorten(%q, %d) has %d characters", tt.in, tt.n, n)
			}
		})
	}
}

func TestWithAffiliation(t *testing.T) {
	for _, tt := range []struct{ name, aff, want string }{
		{"Kouchner", "France", "Kouchner (France)"},
		{"Embassy (Paris)", "United States", "Embassy (Paris, United States)"},
		{"Kouchner", "", "Kouchner"},
		{"United States", "United States", "United States"},
	} {
		if got := WithAffiliation(tt.name, tt.aff); got != tt.want {
			t.Errorf("WithAffiliation(%q, %q) = %q, want %q", tt.name, tt.aff, got, tt.want)
		}
	}
}

// TestKeyPointsRepeatingBottomLine checks that a key point equal to or inside the bottom
// line is not written again, in Markdown and HTML.
func TestKeyPointsRepeatingBottomLine(t *testing.T) {
	r := loadReport(t, "07PARIS2726.json")
	r.Overview = summarizer.Overview{
		BottomLine: "Kouchner backs sanctions on Iran. He will visit Beirut.",
		KeyPoints:  []string{"kouchner backs sanctions on Iran", "He will visit Beirut.", "Araud doubts Kosovo talks."},
	}
	var m, h bytes.Buffer
	if err := WriteMarkdown(&m, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&h, r); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"markdown": m.String(), "html": h.String()} {
		if !strings.Contains(out, "Araud doubts Kosovo talks.") {
			t.Errorf("%s lacks the key point not in the bottom line", name)
		}
		if n := strings.Count(out, "He will visit Beirut."); n != 1 {
			t.Errorf("%s has %q %d times, want once (in the bottom line)", name, "He will visit Beirut.", n)
		}
		if strings.Contains(out, "kouchner backs") {
			t.Errorf("%s repeats a key point contained in the bottom line", name)
		}
	}
}

// TestConfiguredLabelsLegend checks that a report with configured labels gets a legend of
// those labels and badges with a style of their own.
func TestConfiguredLabelsLegend(t *testing.T) {
	r := loadReport(t, "07PARIS2726.json")
	relabel := map[string]string{"supports": "pro", "conditional": "neutral", "skeptical": "con", "opposes": "con"}
	for i := range r.Sections {
		for j := range r.Sections[i].Stances {
			st := &r.Sections[i].Stances[j]
			st.Label = relabel[st.Label]
		}
	}
	r.Positions = summarizer.Positions(r.Sections)
	var m, h bytes.Buffer
	if err := WriteMarkdown(&m, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&h, r); err != nil {
		t.Fatal(err)
	}
	if want := "Labels: · neutral | • pro | • con."; !strings.Contains(m.String(), want) {
		t.Errorf("Markdown lacks %q", want)
	}
	for _, want := range []string{`class="badge other other-1"`, `class="badge other other-2"`} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("HTML lacks %s", want)
		}
	}
	if strings.Contains(h.String(), `class="badge other"`) || strings.Contains(h.String(), "supports</span>") {
		t.Errorf("HTML has a badge without a style of its own, or a default label not used")
	}
}
