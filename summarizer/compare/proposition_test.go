package compare

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSameProposition checks the proposition rule on real pairs of targets of one actor,
// with the Jaccard similarity each pair scores. Sources: the shared stance gold of
// 07PARIS2726 and of the blind stance rounds (gold), the hand-built test reports
// (testdata), and the offline reports of the 1,256 pool cables (pool), where every pair of
// one actor on one topic with opposite polarity was scored: below 0.6 none stated the same
// proposition in other words, bar the misses listed last.
func TestSameProposition(t *testing.T) {
	tests := []struct {
		name, topic, a, b string
		same              bool
	}{
		// The same proposition.
		{"testdata 07PARIS2726/3919 Kouchner (0.75)", "tag:iran", "sanctions against Iran outside the UN Security Council", "sanctions on Iran outside the UNSC if necessary", true},
		{"canonical: word order and prepositions", "tag:iran", "sanctions on Iran", "Iran sanctions", true},
		{"canonical: the topic's words", "tag:iran", "sanctions", "sanctions against Tehran", true},
		{"gold 09BRASILIA1460 Minc/GOB (0.67)", "title:national fund for climate change", "funding the National Climate Change Fund from oil revenues", "a National Fund for Climate Change financed from oil revenues", true},
		{"gold 07PARIS2726: unity, in other words", "tag:lebanon", "U.S.-French unity on Lebanon", "U.S.-French unity on Lebanon policy", true},
		{"stemming: recognising and recognition", "tag:kosovo", "recognising an independent Kosovo", "recognition of Kosovo's independence", true},
		{"country words: French and France", "tag:kosovo", "French recognition of Kosovo", "recognition of Kosovo by France", true},
		{"pool 09MOSCOW2734 Miliband (0.60)", "tag:nato", "Lavrov’s calls for a new European security treaty", "a new European security treaty", true},
		{"pool 09TUNIS516 Materi: the topic itself", "title:freedom of expression", "Freedom of Expression", "freedom of expression", true},

		// Different propositions.
		{"seed: the Hizballah invitation is not U.S.-French unity", "tag:lebanon", "the effects of inviting Hizballah to Kouchner's proposed conference in Paris", "U.S.-French unity on Lebanon policy was the cornerstone of any success", false},
		{"testdata: a shared word (0.33)", "tag:iran", "EU sanctions against Iran", "sanctions against Iran outside the UN Security Council", false},
		{"gold 09ISLAMABAD289 Zardari: two names for one post (0.43)", "other", "Maleeha Lodi as National Security Advisor", "Jehangir Karamat as National Security Advisor", false},
		{"gold 09ISLAMABAD289: two names for the Senate chair", "other", "Farouk Naek as Senate Chairman", "Sherry Rehman as Senate Chairman", false},
		{"gold 08BEIJING4687 Liu: transfer and repatriation (0.38)", "title:chinese uighur terrorist in guantanamo", "transferring the Guantanamo Uighur detainees to a third country", "repatriating the Guantanamo Uighur detainees to China", false},
		{"gold 10WARSAW110 Klich: a head added (0.57)", "other", "U.S.-Polish defense cooperation", "joint public outreach on U.S.-Polish defense cooperation", false},
		{"gold 08ANKARA536 AKP: the case and the package", "other", "the closure case against AKP", "a constitutional amendment package to overcome the closure cases", false},
		{"gold 07ISLAMABAD5388 Elahi: one name shared", "other", "Musharraf's enlightened moderation agenda", "Musharraf's handling of the Chief Justice episode and the state of emergency", false},
		{"gold 07PARIS2726: sanctions on two countries", "other", "sanctions on Sudan", "sanctions on Iran", false},
		{"gold 07PARIS2726: talks and sanctions", "tag:iran", "direct talks with Iran", "sanctions on Iran", false},
		{"gold 09ISLAMABAD284: release and restrictions", "other", "the release of A.Q. Khan", "restrictions on A.Q. Khan's movements and media contact", false},
		{"a target of the topic's words only is not any other", "tag:iran", "Iran", "the enrichment deal", false},
		{"pool 07PARIS4357/09PARIS1534 France: a qualifier (0.50)", "other", "change", "democratic change", false},
		{"pool 05MADRID1317/2653 Zapatero: a heading as target (0.50)", "tag:spain", "U.S.-SPAIN RELATIONS", "his desire to have good relations with the U.S.", false},
		{"EU and UN are not the same body", "tag:iran", "EU sanctions", "UN sanctions", false},

		// Misses the rule accepts: the same proposition in other words, below the threshold.
		{"miss: pool 07PARIS3534/3919 Kouchner (0.50)", "tag:iraq", "U.S. military force to remove Saddam Hussein", "U.S. military intervention to overthrow Saddam Hussein", false},
		{"miss: pool 09MOSCOW3010/10PARIS193 Iran (0.50)", "tag:iran", "accept the Tehran Research Reactor", "the Tehran Research Reactor Deal", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pa, pb := NewProposition(tt.a, tt.topic), NewProposition(tt.b, tt.topic)
			if got := pa.Same(pb); got != tt.same {
				t.Errorf("Same(%q, %q) = %v, want %v (words %v / %v, similarity %.2f)", tt.a, tt.b, got, tt.same, pa.Words(), pb.Words(), pa.Similarity(pb))
			}
			if got := SameProposition(tt.topic, tt.b, tt.a); got != tt.same {
				t.Errorf("SameProposition is not symmetric for %q, %q", tt.a, tt.b)
			}
		})
	}
}

func TestPropositionWords(t *testing.T) {
	tests := []struct {
		target, topic string
		words         []string
		negated       bool
	}{
		{"sanctions against Iran outside the UN Security Council", "tag:iran", []string{"outsid", "sanct", "unsc"}, false},
		{"U.S.-French unity on Lebanon policy", "tag:lebanon", []string{"country:france", "country:united states", "policy", "unity"}, false},
		{"restrictions on A.Q. Khan's movements", "other", []string{"aq", "khan", "move", "restrict"}, false},
		{"the European Union's position", "other", []string{"eu"}, false},
		{"no new sanctions", "other", []string{"sanct"}, true},
		{"lifting the sanctions", "other", []string{"sanct"}, true},
		{"opposing the sanctions", "other", []string{"sanct"}, true},
		{"not lifting the sanctions", "other", []string{"sanct"}, false},
		{"the opposition's demands", "other", []string{"demand", "oppos"}, false}, // a party, not a negation
		{"Europe could follow the USG if there was no progress", "other", []string{"country:united states", "europ", "follow", "progress"}, false},
		{"instead of helping Libya fulfill its commitments", "tag:libya", []string{"commit", "fulfill", "help"}, true},
		{"talks rather than sanctions", "other", []string{"talk"}, false},
		{"help us", "other", []string{"help"}, false},
		{"DELIVERY OF 16 F-4E AIRCRAFT", "other", []string{"16", "aircraft", "delivery"}, false},
	}
	for _, tt := range tests {
		p := NewProposition(tt.target, tt.topic)
		if diff := cmp.Diff(tt.words, p.Words()); diff != "" {
			t.Errorf("NewProposition(%q).Words() (-want +got):\n%s", tt.target, diff)
		}
		if p.Negated() != tt.negated {
			t.Errorf("NewProposition(%q).Negated() = %v, want %v", tt.target, p.Negated(), tt.negated)
		}
	}
}

func TestStem(t *testing.T) {
	groups := [][]string{
		{"recognising", "recognition", "recognized", "recognise", "recognizes"},
		{"sanctions", "sanction", "sanctioning"},
		{"funding", "fund", "funds"},
		{"participation", "participating", "participate"},
		{"invitation", "inviting", "invite", "invited"},
		{"independence", "independent"},
		{"talks", "talking", "talk"},
	}
	for _, g := range groups {
		for _, w := range g[1:] {
			if stem(w) != stem(g[0]) {
				t.Errorf("stem(%q) = %q, stem(%q) = %q; want equal", w, stem(w), g[0], stem(g[0]))
			}
		}
	}
	for _, pair := range [][2]string{{"nation", "nat"}, {"state", "st"}, {"unity", "unit"}} {
		if stem(pair[0]) == stem(pair[1]) {
			t.Errorf("stem(%q) = stem(%q) = %q; want them apart", pair[0], pair[1], stem(pair[0]))
		}
	}
}

func TestOpposed(t *testing.T) {
	tests := []struct {
		la, a, lb, b string
		want         bool
	}{
		{"supports", "sanctions on Iran", "opposes", "Iran sanctions", true},
		{"supports", "sanctions on Iran", "skeptical", "Iran sanctions", true},
		{"supports", "no sanctions on Iran", "opposes", "sanctions on Iran", false},
		{"supports", "lifting sanctions on Iran", "supports", "sanctions on Iran", true},
		{"conditional", "sanctions on Iran", "opposes", "sanctions on Iran", false},
		{"supports", "sanctions on Iran", "opposes", "talks with Iran", false},
	}
	for _, tt := range tests {
		if got := Opposed("tag:iran", tt.la, tt.a, tt.lb, tt.b); got != tt.want {
			t.Errorf("Opposed(%s %q, %s %q) = %v, want %v", tt.la, tt.a, tt.lb, tt.b, got, tt.want)
		}
	}
}
