package summarizer

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// describe writes a claim as "name:Secretary Rice", "number:$3 billion=3e+09",
// "date:June 13=6/13/0".
func describe(c claim) string {
	switch c.kind {
	case claimNumber:
		s := fmt.Sprintf("number:%s=%v", c.text, c.num.values)
		if c.num.hedge != hedgeExact {
			s += fmt.Sprintf(" hedge %d", c.num.hedge)
		}
		return s
	case claimDate:
		return fmt.Sprintf("date:%s=%d/%d/%d", c.text, c.date.m, c.date.d, c.date.y)
	}
	return "name:" + c.text
}

func TestExtractClaims(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"seed summary sentence",
			"U/S Burns and French FM Kouchner discussed Kosovo, Lebanon, Darfur, Iran, and domestic French politics over lunch on June 13.",
			[]string{"name:U/S Burns", "name:French FM Kouchner", "name:Kosovo", "name:Lebanon", "name:Darfur", "name:Iran", "name:French", "date:June 13=6/13/0"}},
		{"possessive, damaged possessive, acronym with digits",
			"Burns reviewed Sarkozy's G-8 proposal and Kouchner,s conference.",
			[]string{"name:Burns", "name:Sarkozy", "name:G-8", "name:Kouchner"}},
		{"common word at a sentence start is not a name, a name is",
			"Sanctions would not work, Kouchner said. Hamas was not invited. The French agreed.",
			[]string{"name:Kouchner", "name:Hamas", "name:French"}},
		{"titles alone are not names",
			"The Foreign Minister told the Ambassador and the Political Director that the Embassy agreed.",
			nil},
		{"initials and connectors stay in the name",
			"Ambassador Craig R. Stapleton met the Ministry of Natural Resources and Saif al-Islam al-Qadhafi.",
			[]string{"name:Ambassador Craig R. Stapleton", "name:Ministry of Natural Resources", "name:Saif al-Islam al-Qadhafi"}},
		{"generic names are not claims",
			"The Ministry of Foreign Affairs and the Foreign Ministry agreed.",
			nil},
		{"numbers: digits, words, magnitudes, money, percent, hedges",
			"France pledged $3 billion, about 1,500 troops and twenty-five trucks; 40% agreed, more than 3.5 million voted, and three percent abstained.",
			[]string{"name:France", "number:$3 billion=[3e+09]", "number:1,500=[1500] hedge 1", "number:twenty-five=[25]",
				"number:40%=[40]", "number:3.5 million=[3.5e+06] hedge 2", "number:three percent=[3]"}},
		{"not numbers: list numbering, references, small number words, cable ids",
			"1. The two sides agreed (see para 5) on (1) Kosovo and (2) Iran, citing 07PARIS2726 and ¶9.",
			[]string{"name:Kosovo", "name:Iran"}},
		{"years, decades and ranges",
			"Since the 1990s and in 1999, then 2008-09 and mid-2010.",
			[]string{"number:1990s=[1990]", "number:1999=[1999]", "number:2008-09=[2008 2009]", "number:mid-2010=[2010]"}},
		{"dates in the cables' styles",
			"On 13 June, JUNE 14, 6/15/07, 2007-06-16, June 17th, mid-July, Nov. 2002 and early November.",
			[]string{"date:13 June=6/13/0", "date:JUNE 14=6/14/0", "date:6/15/07=6/15/2007", "date:2007-06-16=6/16/2007",
				"date:June 17th=6/17/0", "date:mid-July=7/0/0", "date:Nov. 2002=11/0/2002", "date:November=11/0/0"}},
		{"a date range is one claim and two dates",
			"Wisner went to Kosovo June 14–17.",
			[]string{"name:Wisner", "name:Kosovo", "date:June 14–17=6/14/0", "date:June 14–17=6/17/0"}},
		{"May and March need a number, weekdays are nothing",
			"May I ask? They met on Monday and in March, on May 5.",
			[]string{"date:March=3/0/0", "date:May 5=5/5/0"}},
		{"all-capitals sentence: names are the uncommon words",
			"GENERAL AZIMI SAID SHAH WANTS 16 F-4E AIRCRAFT IN 1972.",
			[]string{"name:AZIMI", "name:SHAH", "number:16=[16]", "name:F-4E", "number:1972=[1972]"}},
		{"citations of a digest are not claims",
			"Kouchner opposed sanctions on Iran [07PARIS2726 ¶15, 07PARIS2743 ¶14].",
			[]string{"name:Kouchner", "name:Iran"}},
		{"key points on their own lines",
			"Kouchner agreed.\n\nSiniora did not.\n\n- Hizballah was invited.",
			[]string{"name:Kouchner", "name:Siniora", "name:Hizballah"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range extractClaims(tt.text) {
				got = append(got, describe(c))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("extractClaims(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestTokenizeRepairsDamagedApostrophe(t *testing.T) {
	toks := tokenize("Sarkozy,s plan, SARKOZY,S PLAN, towns, sides")
	var got []string
	for _, tk := range toks {
		if tk.kind != tokPunct {
			got = append(got, fmt.Sprintf("%s/%v", tk.norm, tk.possessive))
		}
	}
	want := []string{"sarkozy/true", "plan/false", "sarkozy/true", "plan/false", "towns/false", "sides/false"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

func TestFoldString(t *testing.T) {
	for in, want := range map[string]string{
		"Ségolène": "segolene", "Erdoğan": "erdogan", "Straße": "strasse", "Łódź": "lodz",
		"Conde-Pumpido": "conde-pumpido", "ÉLYSÉE": "elysee", "Kouchner’s": "kouchner's",
	} {
		if got := foldString(in); got != want {
			t.Errorf("foldString(%q) = %q, want %q", in, got, want)
		}
	}
}
