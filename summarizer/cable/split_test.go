package cable

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer/cable/source"
)

// TestParseDocSplits checks that a text holding several cables gives one cable each,
// and that sections of one cable, a repeated header and a quoted cable do not split.
func TestParseDocSplits(t *testing.T) {
	var seventies []byte
	for _, f := range []string{"66BUENOSAIRES2481.txt", "72TEHRAN1164.txt", "79TEHRAN8980.txt"} {
		seventies = append(seventies, readFile(t, filepath.Join(cablesDir, "1970s", f))...) // as cat does: no line end between
	}
	second := strings.NewReplacer("PARIS 002726", "PARIS 002801", "260849Z JUN 07", "270915Z JUN 07", "A TEST CABLE", "THE NEXT CABLE").
		Replace(cableText("1. (C) The next one.\n\nSTAPLETON\n"))
	tests := []struct {
		name     string
		file     string
		data     []byte
		ids      []string
		signers  []string
		warnLine string // a warning of the first cable containing this, "" for none
	}{
		{
			name: "1970s files concatenated without final line ends", file: "-", data: seventies,
			ids:     []string{"66BUENOSAIRES2481", "72TEHRAN1164", "79TEHRAN8980"},
			signers: []string{"SACCIO", "HECK", "LAINGEN"},
		},
		{
			name: "two cables one after the other", file: "-",
			data:    []byte(cableText("1. (C) The first one.\n\nSTAPLETON\n") + second),
			ids:     []string{"07PARIS2726", "07PARIS2801"},
			signers: []string{"STAPLETON", "STAPLETON"},
		},
		{
			name: "a copy with another cable spliced in after its SUBJECT", file: "damaged_73TEHRAN2077.txt",
			data:     readFile(t, filepath.Join(cablesDir, "odd", "damaged_73TEHRAN2077.txt")),
			ids:      []string{"73TEHRAN2077", "06THEHAGUE131"},
			signers:  []string{"", "BLAKEMAN"},
			warnLine: "another cable spliced in at line 18",
		},
		{
			name: "a copy with another cable spliced in under an id line", file: "damaged_73TEHRAN8233.txt",
			data:     readFile(t, filepath.Join(cablesDir, "odd", "damaged_73TEHRAN8233.txt")),
			ids:      []string{"73TEHRAN8233", "08THEHAGUE174"},
			signers:  []string{"", "Schofer"},
			warnLine: "another cable spliced in at line 18",
		},
		{
			name: "sections of one cable sent as separate telegrams", file: "90CAPETOWN97.txt",
			data: readFile(t, filepath.Join(cablesDir, "90CAPETOWN97.txt")),
			ids:  []string{"90CAPETOWN97"}, signers: []string{"BAQUET"},
		},
		{
			name: "the banner of the next section repeated in the body", file: "07PARIS2726.txt",
			data: []byte(cableText("1. (C) First.\n\nC O N F I D E N T I A L SECTION 02 OF 02 PARIS 002726\n\nE.O. 12958: DECL: 06/26/2017\nTAGS: PREL FR\nSUBJECT: A TEST CABLE\n\n2. (C) Second.\n\nSTAPLETON\n")),
			ids:  []string{"07PARIS2726"}, signers: []string{"STAPLETON"},
		},
		{
			name: "a cable quoted in the text", file: "07PARIS2726.txt",
			data: []byte(cableText("1. (C) The following was sent to Rome. QUOTE\n\nC O N F I D E N T I A L ROME 001234\n\nE.O. 12958: DECL: 06/26/2017\nTAGS: PREL IT\nSUBJECT: QUOTED\n\n1. Quoted text. UNQUOTE\n\n2. (C) More.\n\nSTAPLETON\n")),
			ids:  []string{"07PARIS2726"}, signers: []string{"STAPLETON"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := source.Decode(tt.file, tt.data)
			if err != nil || len(docs) != 1 {
				t.Fatalf("Decode: %d docs, %v", len(docs), err)
			}
			cs, err := ParseDoc(docs[0])
			if err != nil {
				t.Fatal(err)
			}
			var ids, signers []string
			for _, c := range cs {
				ids = append(ids, c.ID)
				signers = append(signers, c.Signer)
				if c.Source != docs[0].Name {
					t.Errorf("%s: Source = %q, want %q", c.ID, c.Source, docs[0].Name)
				}
				if msg := checkCable(c); msg != "" {
					t.Errorf("%s: %s", c.ID, msg)
				}
			}
			if diff := cmp.Diff(tt.ids, ids); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.signers, signers); diff != "" {
				t.Errorf("signers (-want +got):\n%s", diff)
			}
			if tt.warnLine != "" && countContaining(cs[0].Warnings, tt.warnLine) != 1 {
				t.Errorf("warnings of the first cable %q, want one containing %q", cs[0].Warnings, tt.warnLine)
			}
			if tt.warnLine == "" && countContaining(cs[0].Warnings, "spliced") != 0 {
				t.Errorf("warnings of the first cable %q, want none about a splice", cs[0].Warnings)
			}
		})
	}
}

// TestParseBytesStream checks that ParseBytes splits a stream as ParseDoc does.
func TestParseBytesStream(t *testing.T) {
	data := append(readFile(t, filepath.Join(cablesDir, "1970s", "72TEHRAN1164.txt")), '\n')
	data = append(data, readFile(t, filepath.Join(cablesDir, "1970s", "79TEHRAN8980.txt"))...)
	cs, err := ParseBytes("-", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].ID != "72TEHRAN1164" || cs[1].ID != "79TEHRAN8980" {
		var ids []string
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		t.Errorf("ids %v, want [72TEHRAN1164 79TEHRAN8980]", ids)
	}
}
