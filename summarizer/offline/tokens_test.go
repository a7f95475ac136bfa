package offline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // Text, with a trailing "+p" for possessives
	}{
		{"titles", "U/S Burns and A/S-equivalent Faure", []string{"U/S", "Burns", "and", "A/S-equivalent", "Faure"}},
		{"dotted", "the U.S. position, U.S.-French unity", []string{"the", "U.S.", "position", "U.S.", "French", "unity"}},
		{"possessives", "Burns' proposal, Kouchner's view and Sarkozy,s plan", []string{"Burns+p", "proposal", "Kouchner+p", "view", "and", "Sarkozy+p", "plan"}},
		{"curly", "Kouchner\u2019s view", []string{"Kouchner+p", "view"}},
		{"contractions", "they don't all come", []string{"they", "don't", "all", "come"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range tokenize(tt.in) {
				s := tok.Text
				if tok.Possessive {
					s += "+p"
				}
				if tt.in[tok.Start:tok.End] != tok.Text {
					t.Errorf("token %q has range %q", tok.Text, tt.in[tok.Start:tok.End])
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tokenize(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
