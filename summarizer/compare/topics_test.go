package compare

import "testing"

func TestDisplayTitle(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"part spelled out", "PART ONE: SARKOZY FIVE MONTHS INTO HIS PRESIDENCY", "SARKOZY FIVE MONTHS INTO HIS PRESIDENCY"},
		{"part roman with dash", "Part II - Russia", "Russia"},
		{"section number", "SECTION 3. Darfur", "Darfur"},
		{"roman", "IV. LEBANON", "LEBANON"},
		{"digit", "3) Darfur", "Darfur"},
		{"no numbering", "Partners in Iraq", "Partners in Iraq"},
		{"a word, not a numbering", "A NEW START", "A NEW START"},
		{"numbering alone kept", "PART ONE", "PART ONE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DisplayTitle(tt.in); got != tt.want {
				t.Errorf("DisplayTitle(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeTitle(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"caps", "KOSOVO", "kosovo"},
		{"case and colon", "Kosovo:", "kosovo"},
		{"dash wrapped and the", "-- THE IRAN NUCLEAR FILE --", "iran nuclear file"},
		{"plural", "OTHER ISSUES", "other issue"},
		{"ies plural", "BILATERAL PRIORITIES", "bilateral priority"},
		{"ss kept", "PRESS", "press"},
		{"roman numbering", "II. LEBANON", "lebanon"},
		{"digit numbering", "3) Darfur", "darfur"},
		{"letter numbering", "A. Iraq", "iraq"},
		{"part", "PART II: SARKOZY AND RUSSIA", "sarkozy and russia"},
		{"part spelled out", "PART ONE: SARKOZY FIVE MONTHS INTO HIS PRESIDENCY", "sarkozy five month into his presidency"},
		{"possessive", "IRAN'S NUCLEAR PROGRAM", "iran nuclear program"},
		{"slash", "LEBANON/SYRIA", "lebanon syria"},
		{"one letter alone kept", "B", "b"},
		{"article alone dropped", "A", ""},
		{"roman alone kept", "I", "i"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeTitle(tt.in); got != tt.want {
				t.Errorf("NormalizeTitle(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestResolveTopic(t *testing.T) {
	paris := []string{"PREL", "FR", "IR", "LE", "YI", "UNMIK"}
	tests := []struct {
		name                         string
		title, target, host, subject string
		tags                         []string
		wantKey, wantName            string
	}{
		{"country title", "IRAN", "sanctions", "FR", "", paris, "tag:iran", "Iran"},
		{"adjective in title", "THE IRANIAN NUCLEAR FILE", "sanctions", "FR", "", paris, "tag:iran", "Iran"},
		{"host left out", "SARKOZY'S MESSAGE TO BASHAR", "trust with Syria", "FR", "", paris, "tag:syria", "Syria"},
		{"host alone keeps title", "FRENCH DOMESTIC POLITICS", "reform", "FR", "", paris, "title:french domestic politic", ""},
		{"host topic outside its country", "FRENCH DOMESTIC POLITICS", "reform", "SP", "", nil, "tag:france", "France"},
		{"two topics, target decides", "LEBANON/SYRIA", "talks with Syria", "FR", "", paris, "tag:syria", "Syria"},
		{"two topics, target silent", "LEBANON/SYRIA", "the conference", "FR", "", paris, "title:lebanon syria", ""},
		{"specific title without country", "DOMESTIC POLITICS AND FOREIGN POLICY", "Turkey in the EU", "FR", "", paris, "title:domestic politic and foreign policy", ""},
		{"generic title, target names topic", "Summary", "recognising an independent Kosovo", "FR", "", paris, "tag:kosovo", "Kosovo"},
		{"generic title, cable tags first", "COMMENT", "Hizballah's role", "FR", "", paris, "tag:lebanon", "Lebanon"},
		{"generic title, single foreign tag", "Body", "the PRT", "SP", "", []string{"PREL", "SP", "AF"}, "tag:afghanistan", "Afghanistan"},
		{"generic title, several tags", "Body", "the PRT", "FR", "", paris, "other", "Other"},
		{"generic title, host named with another", "", "Spain's troops in Lebanon", "SP", "", []string{"SP"}, "tag:lebanon", "Lebanon"},
		{"generic title, subject names one topic", "Body", "the envoy", "FR", "CHIRAC'S ENVOY TO IRAN", paris, "tag:iran", "Iran"},
		{"generic title, subject names two", "Body", "the envoy", "FR", "SARKOZY ON IRAN AND SYRIA", paris, "other", "Other"},
		{"darfur is sudan", "DARFUR", "sanctions", "FR", "", paris, "tag:sudan", "Sudan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, name := resolveTopic(tt.title, tt.target, tt.subject, tt.tags, tt.host)
			if key != tt.wantKey || name != tt.wantName {
				t.Errorf("resolveTopic(%q, %q) = %q, %q, want %q, %q", tt.title, tt.target, key, name, tt.wantKey, tt.wantName)
			}
		})
	}
}

func TestHostTag(t *testing.T) {
	tests := map[string]string{
		"AMEMBASSY PARIS":    "FR",
		"AMEMBASSY  MADRID":  "SP",
		"AMEMBASSY TEL AVIV": "IS",
		"AMCONSUL MARSEILLE": "",
		"SECSTATE WASHDC":    "",
		"":                   "",
	}
	for in, want := range tests {
		if got := hostTag(in); got != want {
			t.Errorf("hostTag(%q) = %q, want %q", in, got, want)
		}
	}
}
