package summarizer

import (
	"errors"
	"strings"
	"testing"
)

func seedInput() SectionInput {
	return SectionInput{
		Section: Section{Title: "IRAN", Kind: KindTopic, Paragraphs: []int{15, 16}},
		Paragraphs: []Paragraph{
			{Number: 15, Marking: "C", Text: "Kouchner pushed back on Burns\u2019 proposal, insisting that sanctions were ineffective and \"cannot get what we need.\""},
			{Number: 16, Marking: "C", Text: "Burns explained that U.S. policy on Iran was clear. Sarkozy,s view differed."},
		},
		Labels: DefaultLabels,
	}
}

func TestValidate(t *testing.T) {
	ok := Stance{Actor: "Kouchner", Target: "sanctions", Label: "opposes", Voice: VoiceReported,
		Evidence: []Evidence{{Paragraph: 15, Quote: "sanctions were ineffective"}}}
	tests := []struct {
		name  string
		res   SectionResult
		paths []string
	}{
		{"valid", SectionResult{Summary: "S.", Stances: []Stance{ok}}, nil},
		{"no summary", SectionResult{Stances: []Stance{ok}}, []string{"$.summary"}},
		{"bad label", SectionResult{Summary: "S.", Stances: []Stance{func() Stance { s := ok; s.Label = "loves"; return s }()}}, []string{"$.stances[0].label"}},
		{"bad voice", SectionResult{Summary: "S.", Stances: []Stance{func() Stance { s := ok; s.Voice = "mine"; return s }()}}, []string{"$.stances[0].voice"}},
		{"paragraph outside", SectionResult{Summary: "S.", Stances: []Stance{func() Stance {
			s := ok
			s.Evidence = []Evidence{{Paragraph: 3, Quote: "x"}}
			return s
		}()}}, []string{"$.stances[0].evidence[0].paragraph"}},
		{"no evidence", SectionResult{Summary: "S.", Stances: []Stance{func() Stance { s := ok; s.Evidence = nil; return s }()}}, []string{"$.stances[0].evidence"}},
		{"empty actor and target", SectionResult{Summary: "S.", Stances: []Stance{func() Stance { s := ok; s.Actor, s.Target = " ", ""; return s }()}}, []string{"$.stances[0].actor", "$.stances[0].target"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.res, seedInput())
			if tt.paths == nil {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want *ValidationError", err)
			}
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.Path)
			}
			if strings.Join(got, ",") != strings.Join(tt.paths, ",") {
				t.Errorf("problem paths = %v, want %v", got, tt.paths)
			}
		})
	}
}

func TestGround(t *testing.T) {
	tests := []struct {
		name     string
		ev       Evidence
		grounded bool
	}{
		{"exact", Evidence{15, "sanctions were ineffective", false}, true},
		{"case and curly quote", Evidence{15, "KOUCHNER PUSHED BACK ON BURNS' PROPOSAL", false}, true},
		{"white space", Evidence{15, "sanctions   were\nineffective", false}, true},
		{"straight vs curly double quotes", Evidence{15, "\u201ccannot get what we need.\u201d", false}, true},
		{"damaged apostrophe", Evidence{16, "Sarkozy's view differed", false}, true},
		{"wrong paragraph", Evidence{16, "sanctions were ineffective", false}, false},
		{"invented", Evidence{15, "sanctions work well", false}, false},
		{"missing paragraph", Evidence{99, "sanctions", false}, false},
		{"empty", Evidence{15, "  ", false}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := SectionResult{Summary: "s", Stances: []Stance{{Evidence: []Evidence{tt.ev}}}}
			problems := Ground(&res, seedInput())
			if got := res.Stances[0].Evidence[0].Grounded; got != tt.grounded {
				t.Errorf("grounded = %v, want %v", got, tt.grounded)
			}
			if got, want := len(problems) == 0, tt.grounded; got != want {
				t.Errorf("problems = %v, want none: %v", problems, want)
			}
		})
	}
}
