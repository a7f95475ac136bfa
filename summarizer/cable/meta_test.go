package cable

import (
	"slices"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/cable/source"
)

func TestApplyMeta(t *testing.T) {
	header := func() *summarizer.Cable {
		return &summarizer.Cable{ID: "07PARIS2726", Date: "2007-06-26", Classification: "CONFIDENTIAL", Origin: "AMEMBASSY PARIS",
			References: []summarizer.Reference{{Letter: "A", ID: "07PARIS1501", Text: "PARIS 1501"}}}
	}
	tests := []struct {
		name     string
		meta     *source.Meta
		want     *summarizer.Cable
		warnings []string // substrings, in order
	}{
		{"no meta", nil, header(), nil},
		{
			name: "agreeing columns",
			meta: &source.Meta{RefID: "07PARIS2726", Date: "2007-06-26", Origin: "Embassy Paris", Classification: "CONFIDENTIAL//NOFORN", References: []string{"07PARIS1501", "07STATE1"}},
			want: &summarizer.Cable{ID: "07PARIS2726", Date: "2007-06-26", Classification: "CONFIDENTIAL", Caveats: []string{"NOFORN"}, Origin: "AMEMBASSY PARIS",
				References: []summarizer.Reference{{Letter: "A", ID: "07PARIS1501", Text: "PARIS 1501"}, {ID: "07STATE1", Text: "07STATE1"}}},
		},
		{
			name: "disagreeing columns win, with warnings",
			meta: &source.Meta{RefID: "07PARIS2727", Date: "2007-06-27", Origin: "Embassy Rome", Classification: "SECRET"},
			want: &summarizer.Cable{ID: "07PARIS2727", Date: "2007-06-27", Classification: "SECRET", Origin: "AMEMBASSY PARIS",
				References: []summarizer.Reference{{Letter: "A", ID: "07PARIS1501", Text: "PARIS 1501"}}},
			warnings: []string{"reference id 07PARIS2727", "date 2007-06-27", "classification SECRET", "origin Embassy Rome"},
		},
		{
			name: "a finer classification is no disagreement",
			meta: &source.Meta{Classification: "CONFIDENTIAL//NOFORN"},
			want: &summarizer.Cable{ID: "07PARIS2726", Date: "2007-06-26", Classification: "CONFIDENTIAL", Caveats: []string{"NOFORN"}, Origin: "AMEMBASSY PARIS",
				References: []summarizer.Reference{{Letter: "A", ID: "07PARIS1501", Text: "PARIS 1501"}}},
		},
		{
			name: "empty header filled from the columns",
			meta: &source.Meta{RefID: "05TELAVIV1580", Date: "2005-03-14", Origin: "Embassy Tel Aviv", Classification: "UNCLASSIFIED//FOR OFFICIAL USE ONLY"},
			want: &summarizer.Cable{ID: "05TELAVIV1580", Date: "2005-03-14", Classification: "UNCLASSIFIED//FOR OFFICIAL USE ONLY", Origin: "Embassy Tel Aviv"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := header()
			if tt.name == "empty header filled from the columns" {
				c = &summarizer.Cable{}
			}
			applyMeta(c, tt.meta)
			got := *c
			got.Warnings = nil
			want := *tt.want
			if got.ID != want.ID || got.Date != want.Date || got.Classification != want.Classification || got.Origin != want.Origin ||
				!slices.Equal(got.Caveats, want.Caveats) || !slices.Equal(got.References, want.References) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
			if len(c.Warnings) != len(tt.warnings) {
				t.Fatalf("warnings %q, want %d", c.Warnings, len(tt.warnings))
			}
			for i, w := range tt.warnings {
				if !strings.Contains(c.Warnings[i], w) {
					t.Errorf("warning %q, want it to contain %q", c.Warnings[i], w)
				}
			}
		})
	}
}

func TestSamePost(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"AMEMBASSY BUENOS AIRES", "Embassy Buenos Aires", true},
		{"SECSTATE WASHDC", "Secretary of State", true},
		{"USMISSION USNATO", "Mission USNATO", true},
		{"AMCONSUL JEDDAH", "Consulate Jeddah", true},
		{"AMCONSUL DUBAI", "Iran RPO Dubai", true},
		{"AMEMBASSY PARIS", "Embassy Rome", false},
	}
	for _, tt := range tests {
		if got := samePost(tt.a, tt.b); got != tt.want {
			t.Errorf("samePost(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestApplyMetaFinerClassification(t *testing.T) {
	c := &summarizer.Cable{Classification: "UNCLASSIFIED"}
	applyMeta(c, &source.Meta{Classification: "UNCLASSIFIED//FOR OFFICIAL USE ONLY"})
	if c.Classification != "UNCLASSIFIED//FOR OFFICIAL USE ONLY" || len(c.Warnings) != 0 {
		t.Errorf("classification %q, warnings %q; want the release's, no warning", c.Classification, c.Warnings)
	}
}
