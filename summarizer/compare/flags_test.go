package compare

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
)

// TestFlags checks the flags Build sets, on targets taken from real reports: the seed's
// offline report, the hand-built test reports and the offline reports of the pool.
func TestFlags(t *testing.T) {
	paris := func(id, date string, secs ...sec) *summarizer.Report {
		return mkReport(id, date, "AMEMBASSY PARIS", []string{"PREL", "FR", "IR", "LE"}, secs...)
	}
	iran := func(sts ...summarizer.Stance) sec { return sec{"IRAN", sts} }
	k := func(label, target string) summarizer.Stance { return stance("Kouchner", "France", label, target) }
	tests := []struct {
		name    string
		reports []*summarizer.Report
		want    []string // flags of each row, in order
	}{
		{
			name:    "opposite labels on the same proposition in other words contradict",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("opposes", "sanctions against Iran outside the UN Security Council"), k("supports", "sanctions on Iran outside the UNSC if necessary")))},
			want:    []string{"contradiction"},
		},
		{
			name:    "a shared word is not the same proposition",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("supports", "EU sanctions on Iran"), k("opposes", "sanctions outside the UNSC")))},
			want:    []string{""},
		},
		{
			name: "the seed: the Hizballah invitation and U.S.-French unity are two propositions on Lebanon",
			reports: []*summarizer.Report{paris("07PARIS2726", "2007-06-26",
				sec{"Summary", []summarizer.Stance{stance("Burns", "United States", "skeptical", "the effects of inviting Hizballah to Kouchner's proposed conference in Paris")}},
				sec{"LEBANON", []summarizer.Stance{
					stance("Burns", "United States", "supports", "U.S.-French unity on Lebanon policy was the cornerstone of any success"),
					stance("Burns", "United States", "skeptical", "Hizballah's participation in the conference would undermine UNSC efforts to maintain pressure"),
				}})},
			want: []string{""},
		},
		{
			name:    "a target of the topic's words alone is not every proposition of the section",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("supports", "Iran"), k("skeptical", "the enrichment deal")))},
			want:    []string{""},
		},
		{
			name:    "conditional and neutral never contradict",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("supports", "sanctions"), k("conditional", "sanctions"), k("neutral", "sanctions")))},
			want:    []string{""},
		},
		{
			name:    "supporting no sanctions agrees with opposing sanctions",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("supports", "no new sanctions on Iran"), k("opposes", "new sanctions on Iran")))},
			want:    []string{""},
		},
		{
			name:    "supporting A rather than B agrees with opposing B (pool: 08ISLAMABAD1432)",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("supports", "use negotiations rather than military force against militants"), k("opposes", "military force against militants")))},
			want:    []string{""},
		},
		{
			name: "a reversal on the same proposition in a later cable is a change",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", iran(k("opposes", "sanctions against Iran outside the UN Security Council"))),
				paris("07PARIS2", "2007-03-01", iran(k("supports", "sanctions on Iran outside the UNSC if necessary"))),
			},
			want: []string{"", "changed"},
		},
		{
			name: "the same day is not a change over time",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", iran(k("opposes", "sanctions on Iran"))),
				paris("07PARIS2", "2007-01-01", iran(k("supports", "Iran sanctions"))),
			},
			want: []string{"", ""},
		},
		{
			name: "a reversal on another proposition of the topic is not a change",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", iran(k("opposes", "sanctions on Iran"))),
				paris("07PARIS2", "2007-03-01", iran(k("supports", "talks with Larijani"))),
			},
			want: []string{"", ""},
		},
		{
			name: "the latest earlier stance on the proposition counts, not the first",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", iran(k("opposes", "sanctions on Iran"))),
				paris("07PARIS2", "2007-02-01", iran(k("supports", "sanctions on Iran"))),
				paris("07PARIS3", "2007-03-01", iran(k("supports", "talks"))),
				paris("07PARIS4", "2007-04-01", iran(k("supports", "sanctions on Iran"))),
			},
			want: []string{"", "changed", "", ""},
		},
		{
			name: "conditional to supports is not a change",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", iran(k("conditional", "sanctions"))),
				paris("07PARIS2", "2007-03-01", iran(k("supports", "sanctions"))),
			},
			want: []string{"", ""},
		},
		{
			name: "a year from the id is later than the dates of earlier years only",
			reports: []*summarizer.Report{
				paris("06PARIS1", "2006-05-01", iran(k("opposes", "sanctions"))),
				paris("07PARIS1", "2007-05-01", iran(k("opposes", "sanctions"))),
				paris("07PARIS9", "", iran(k("supports", "sanctions"))),
				paris("08PARIS1", "2008-05-01", iran(k("opposes", "sanctions"))),
			},
			want: []string{"", "", "changed", "changed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Build(tt.reports, Options{})
			var got []string
			for _, r := range c.Rows {
				if r.Actor == "Kouchner" || r.Actor == "Burns" {
					got = append(got, strings.Join(r.Flags, ","))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("flags = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestConflicts checks the flag rule on statements directly, as the digest calls it.
func TestConflicts(t *testing.T) {
	sts := []Statement{
		{Cable: "07PARIS2726", Date: "2007-06-26", Label: "opposes", Target: "sanctions against Iran outside the UN Security Council"},
		{Cable: "07PARIS2726", Date: "2007-06-26", Label: "supports", Target: "talking to Iran and the Iranian people"},
		{Cable: "07PARIS3919", Date: "2007-09-18", Label: "supports", Target: "EU sanctions against Iran"},
		{Cable: "07PARIS3919", Date: "2007-09-18", Label: "supports", Target: "sanctions on Iran outside the UNSC if necessary"},
		{Cable: "07PARIS3919", Date: "2007-09-18", Label: "skeptical", Target: "sanctions on Iran outside the UNSC"},
	}
	want := []Conflict{
		{Kind: FlagChanged, Index: 3, Other: 0},
		{Kind: FlagContradiction, Index: 4, Other: 3},
	}
	if diff := cmp.Diff(want, Conflicts("tag:iran", sts)); diff != "" {
		t.Errorf("Conflicts (-want +got):\n%s", diff)
	}
	// The skeptical stance agrees with June's opposition: no change for it; and when the
	// latest earlier cable both opposed and supported, nothing changed.
	mixed := []Statement{
		{Cable: "A", Date: "2007-01-01", Label: "supports", Target: "sanctions"},
		{Cable: "A", Date: "2007-01-01", Label: "opposes", Target: "sanctions"},
		{Cable: "B", Date: "2007-02-01", Label: "supports", Target: "sanctions"},
	}
	if got := Conflicts("tag:iran", mixed); len(got) != 1 || got[0].Kind != FlagContradiction {
		t.Errorf("Conflicts(mixed) = %+v, want the contradiction in A only", got)
	}
}

func TestYearOfID(t *testing.T) {
	for id, want := range map[string]string{"07MADRID911": "2007", "89PARIS12": "1989", "MADRID9": "", "123": "", "": ""} {
		if got := yearOfID(id); got != want {
			t.Errorf("yearOfID(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestLater(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"2007-01-01", "2007-01-02", true},
		{"2007-01-01", "2007-01-01", false},
		{"2007-01-01", "2007", false},
		{"2006-12-31", "2007", true},
		{"2007", "2008-01-01", true},
		{"", "2008-01-01", false},
	}
	for _, tt := range tests {
		if got := later(tt.a, tt.b); got != tt.want {
			t.Errorf("later(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
