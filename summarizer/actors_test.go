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

func TestCountryActorsMerge(t *testing.T) {
	tests := []struct {
		name, affiliation, want string
	}{
		{"the United States", "", "united states"},
		{"USG", "United States", "united states"},
		{"U.S.", "", "united states"},
		{"GOF", "France", "france"},
		{"the French government", "", "france"},
		{"French officials", "France", "france"},
		{"GOS", "Spain", "spain"},
		{"GOS", "Sudan", "sudan"},
		{"Kouchner", "France", ""},
		{"the Ambassador", "United States", ""},
	}
	for _, tt := range tests {
		if got := CountryActor(tt.name, tt.affiliation); got != tt.want {
			t.Errorf("CountryActor(%q, %q) = %q, want %q", tt.name, tt.affiliation, got, tt.want)
		}
	}
	x := NewActorIndex()
	us := x.Add("U.S.", "United States")
	for _, n := range []string{"USG", "the United States"} {
		if g := x.Add(n, ""); g != us {
			t.Errorf("%q was not merged with U.S.", n)
		}
	}
	if g := x.Add("GOF", "France"); g == us {
		t.Errorf("France merged with the United States")
	}
}

func TestIsRedacted(t *testing.T) {
	for in, want := range map[string]bool{"XXXXXXXXXXXX": true, "xxxxx": true, "XXXX XXXX": true, "Xi": false, "Max": false, "": false} {
		if got := IsRedacted(in); got != want {
			t.Errorf("IsRedacted(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestActorMatchKey(t *testing.T) {
	tests := []struct{ a, aa, b, ba string }{
		{"Kouchner", "France", "French FM Bernard Kouchner", ""},
		{"GOF", "France", "the French government", "France"},
		{"USG", "United States", "U.S.", ""},
		{"Burns", "", "U/S Burns", "United States"},
	}
	for _, tt := range tests {
		if ka, kb := ActorMatchKey(tt.a, tt.aa), ActorMatchKey(tt.b, tt.ba); ka != kb {
			t.Errorf("ActorMatchKey(%q) = %q, ActorMatchKey(%q) = %q; want equal", tt.a, ka, tt.b, kb)
		}
	}
	if ActorMatchKey("Kouchner", "France") == ActorMatchKey("Burns", "United States") {
		t.Error("Kouchner and Burns match")
	}
}
