package summarizer

import "testing"

func TestActorKey(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"bare surname", "Kouchner", "kouchner"},
		{"title", "FM Kouchner", "kouchner"},
		{"full", "French FM Bernard Kouchner", "kouchner"},
		{"long title", "Foreign Minister Kouchner", "kouchner"},
		{"U/S", "U/S Burns", "burns"},
		{"first name", "Nicholas Burns", "burns"},
		{"under secretary", "Under Secretary Burns", "burns"},
		{"possessive", "Sarkozy's", "sarkozy"},
		{"damaged possessive", "Sarkozy,s", "sarkozy"},
		{"initial", "Craig R. Stapleton", "stapleton"},
		{"institution", "the GOF", "gof"},
		{"group", "French officials", "french officials"},
		{"empty", "", ""},
		{"country of two words", "the United States", "united states"},
		{"institution", "Embassy Paris", "embassy paris"},
		{"ministry", "the Foreign Ministry", "foreign ministry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ActorKey(tt.in); got != tt.want {
				t.Errorf("ActorKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestActorIndexMergesByKeyAndAffiliation(t *testing.T) {
	x := NewActorIndex()
	a := x.Add("FM Kouchner", "France")
	b := x.Add("Kouchner", "")
	c := x.Add("French FM Bernard Kouchner", "France")
	d := x.Add("Kouchner", "France")
	if a != b || b != c || c != d {
		t.Fatalf("Kouchner mentions were not merged into one group")
	}
	if got, want := a.Name, "Kouchner"; got != want {
		t.Errorf("canonical name = %q, want %q", got, want)
	}
	if got := len(a.Aliases); got != 2 {
		t.Errorf("aliases = %v, want 2 names", a.Aliases)
	}
	other := x.Add("Smith", "United Kingdom")
	again := x.Add("Smith", "Canada")
	if other == again {
		t.Errorf("two Smiths with different affiliations were merged")
	}
	if got := len(x.Groups()); got != 3 {
		t.Errorf("groups = %d, want 3", got)
	}
}
