package compare

import (
	"slices"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
)

func TestFlags(t *testing.T) {
	paris := func(id, date string, secs ...sec) *summarizer.Report {
		return mkReport(id, date, "AMEMBASSY PARIS", []string{"PREL", "FR", "IR"}, secs...)
	}
	iran := func(sts ...summarizer.Stance) sec { return sec{"IRAN", sts} }
	k := func(label, target string) summarizer.Stance { return stance("Kouchner", "France", label, target) }
	tests := []struct {
		name    string
		reports []*summarizer.Report
		want    []string // flags of each row, in order
	}{
		{
			name:    "opposite labels on a shared content word contradict",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("supports", "EU sanctions on Iran"), k("opposes", "sanctions outside the UNSC")))},
			want:    []string{"contradiction"},
		},
		{
			name:    "opposite labels on different targets do not",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("supports", "talks with Tehran"), k("opposes", "military strikes")))},
			want:    []string{""},
		},
		{
			name:    "conditional and neutral never contradict",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("supports", "sanctions"), k("conditional", "sanctions"), k("neutral", "sanctions")))},
			want:    []string{""},
		},
		{
			name:    "skeptical against supports in one section on a target without content words",
			reports: []*summarizer.Report{paris("07PARIS1", "2007-01-01", iran(k("supports", "Iran"), k("skeptical", "the enrichment deal")))},
			want:    []string{"contradiction"},
		},
		{
			name: "a reversal on a similar target in a later cable is a change",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", iran(k("opposes", "sanctions on Iran"))),
				paris("07PARIS2", "2007-03-01", iran(k("supports", "EU sanctions"))),
			},
			want: []string{"", "changed"},
		},
		{
			name: "the same day is not a change over time",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", iran(k("opposes", "sanctions on Iran"))),
				paris("07PARIS2", "2007-01-01", iran(k("supports", "EU sanctions"))),
			},
			want: []string{"", ""},
		},
		{
			name: "a reversal on another target is not a change",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", iran(k("opposes", "sanctions on Iran"))),
				paris("07PARIS2", "2007-03-01", iran(k("supports", "talks with Larijani"))),
			},
			want: []string{"", ""},
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
				got = append(got, strings.Join(r.Flags, ","))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("flags = %q, want %q", got, tt.want)
			}
		})
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
