package compare

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFilterValidate(t *testing.T) {
	tests := []struct {
		name    string
		f       Filter
		wantErr string
	}{
		{"zero", Filter{}, ""},
		{"dates of three forms", Filter{From: "2007", To: "2008-02-29"}, ""},
		{"month", Filter{From: "2007-06", To: "2007-06"}, ""},
		{"bad date", Filter{From: "26/06/2007"}, `--from "26/06/2007": want a date`},
		{"bad month", Filter{To: "2007-13"}, `--to "2007-13"`},
		{"from after to", Filter{From: "2008", To: "2007-12-31"}, "--from 2008 is after --to 2007-12-31"},
		{"empty actor", Filter{Actors: []string{" "}}, "--actor: empty value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.f.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate() = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestFilterMatchCable(t *testing.T) {
	tests := []struct {
		f        Filter
		id, date string
		want     bool
	}{
		{Filter{}, "07PARIS2726", "", true},
		{Filter{Cables: []string{"07paris2726"}}, "07PARIS2726", "2007-06-26", true},
		{Filter{Cables: []string{"07PARIS2743"}}, "07PARIS2726", "2007-06-26", false},
		{Filter{From: "2007-06-26"}, "X", "2007-06-26", true},
		{Filter{From: "2007-06-27"}, "X", "2007-06-26", false},
		{Filter{To: "2007-06"}, "X", "2007-06-30", true},
		{Filter{To: "2007-05"}, "X", "2007-06-01", false},
		{Filter{From: "2007", To: "2007"}, "X", "2007-12-31", true},
		{Filter{From: "2007-06"}, "X", "2007", true},   // a year alone meets the range
		{Filter{To: "2006-12-31"}, "X", "2007", false}, // and does not
		{Filter{From: "2007"}, "X", "", false},         // no date, no range
	}
	for _, tt := range tests {
		if got := tt.f.MatchCable(tt.id, tt.date); got != tt.want {
			t.Errorf("%+v.MatchCable(%q, %q) = %v, want %v", tt.f, tt.id, tt.date, got, tt.want)
		}
	}
}

func TestFilterMatchActor(t *testing.T) {
	tests := []struct {
		want  string
		names []string
		aff   string
		match bool
	}{
		{"Kouchner", []string{"French FM Bernard Kouchner"}, "France", true},
		{"kouchner", []string{"Kouchner"}, "", true},
		{"France", []string{"GOF"}, "France", true},
		{"France", []string{"the French government"}, "", true},
		{"France", []string{"Kouchner"}, "France", false}, // the country, not its officials
		{"Embassy", []string{"Embassy Paris"}, "United States", true},
		{"Burns", []string{"Kouchner", "FM Kouchner"}, "France", false},
		{"Ambassador", []string{"the Ambassador"}, "United States", true},
	}
	for _, tt := range tests {
		if got := (Filter{Actors: []string{tt.want}}).MatchActor(tt.names, tt.aff); got != tt.match {
			t.Errorf("--actor %q on %v (%s) = %v, want %v", tt.want, tt.names, tt.aff, got, tt.match)
		}
	}
}

func TestFilterMatchTopic(t *testing.T) {
	iran := TopicRef{Key: "tag:iran", Name: "Iran"}
	dom := TopicRef{Key: "title:domestic politic and foreign policy", Name: "DOMESTIC POLITICS AND FOREIGN POLICY"}
	tests := []struct {
		want    string
		t       TopicRef
		section string
		match   bool
	}{
		{"Iran", iran, "IRAN", true},
		{"IR", iran, "Summary", true},
		{"iranian", iran, "Summary", true},
		{"nuclear", iran, "THE IRANIAN NUCLEAR FILE", true}, // by the section's title
		{"nuclear", iran, "IRAN", false},
		{"Iran", dom, "DOMESTIC POLITICS AND FOREIGN POLICY", false},
		{"domestic politics", dom, "DOMESTIC POLITICS AND FOREIGN POLICY", true},
		{"foreign policies", dom, "DOMESTIC POLITICS AND FOREIGN POLICY", true},
		{"politics foreign", dom, "DOMESTIC POLITICS AND FOREIGN POLICY", false}, // words in a row
	}
	for _, tt := range tests {
		if got := (Filter{Topics: []string{tt.want}}).MatchTopic(tt.t, tt.section); got != tt.match {
			t.Errorf("--topic %q on %+v (%q) = %v, want %v", tt.want, tt.t, tt.section, got, tt.match)
		}
	}
}

// TestBuildFiltered checks a filtered comparison of the test reports: only the selected
// stances, only the cables that have them, the flags of the selection.
func TestBuildFiltered(t *testing.T) {
	tests := []struct {
		name       string
		f          Filter
		wantCables []string
		wantActors []string
		wantTopics []string
	}{
		{
			name:       "Kouchner on Iran",
			f:          Filter{Actors: []string{"Kouchner"}, Topics: []string{"Iran"}},
			wantCables: []string{"07PARIS2726", "07PARIS3919", "07PARIS3956", "07PARIS4357"},
			wantActors: []string{"Kouchner"},
			wantTopics: []string{"Iran"},
		},
		{
			name:       "a date range and a cable",
			f:          Filter{From: "2007-09", To: "2007-12-31", Cables: []string{"07PARIS3956", "07PARIS4357", "08PARIS114"}},
			wantCables: []string{"07PARIS3956", "07PARIS4357"},
			wantActors: []string{"Kouchner", "Pescheux", "Pouille", "Sarkozy"},
			wantTopics: []string{"Iran", "Kosovo", "Lebanon"},
		},
		{
			name:       "nothing",
			f:          Filter{Actors: []string{"Nobody"}},
			wantCables: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Build(testReports(t), Options{Filter: tt.f})
			var cables, actors, topics []string
			for _, cb := range c.Cables {
				cables = append(cables, cb.ID)
			}
			for _, a := range c.Actors {
				actors = append(actors, a.Name)
			}
			for _, tp := range c.Topics {
				topics = append(topics, tp.Name)
			}
			if diff := cmp.Diff(tt.wantCables, cables); diff != "" {
				t.Errorf("cables (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantActors, actors); diff != "" {
				t.Errorf("actors (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantTopics, topics); diff != "" {
				t.Errorf("topics (-want +got):\n%s", diff)
			}
			if c.Filter == nil || !cmp.Equal(*c.Filter, tt.f) {
				t.Errorf("Filter = %+v, want %+v", c.Filter, tt.f)
			}
		})
	}
	// The change of Kouchner on Iran survives the filter.
	c := Build(testReports(t), Options{Filter: Filter{Actors: []string{"Bernard Kouchner"}, Topics: []string{"IR"}}})
	if st := c.Stats(); st.Changes != 1 {
		t.Errorf("filtered comparison has %d changes, want Kouchner's one", st.Changes)
	}
}
