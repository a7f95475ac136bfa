package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun derives the tables from a small corpus laid out as the shared data directory is and checks
// each kind of row, and that a second run gives the same bytes.
func TestRun(t *testing.T) {
	shared := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(shared, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("pool/_meta.json", `{
 "09RIODEJANEIRO357": {"Reference ID": "09RIODEJANEIRO357", "Origin": "Consulate Rio De Janeiro"},
 "09THEHAGUE12": {"Reference ID": "09THEHAGUE12", "Origin": "Embassy The Hague"},
 "06KIEV1261": {"Reference ID": "06KIEV1261", "Origin": "Embassy Kyiv"}
}`)
	cable := func(fm, tags string, addressees ...string) string {
		return "P 260849Z JUN 09\nFM " + fm + "\nTO RUEHC/SECSTATE WASHDC PRIORITY 1\n" + strings.Join(addressees, "\n") +
			"\n\nC O N F I D E N T I A L\n\nTAGS: " + tags + "\nSUBJECT: X\n\n1. (C) Text.\n"
	}
	write("pool/09RIODEJANEIRO357.txt", cable("AMCONSUL RIO DE JANEIRO", "PREL, PGOV, BR", "INFO RUEHSO/AMCONSUL SAO PAULO PRIORITY 0005"))
	write("pool/09THEHAGUE12.txt", cable("AMEMBASSY THE HAGUE", "PREL PGOV NL", "INFO RUEHSP/AMCONSUL ST PETERSBURG 0001", "RUEHLP/AMEMBASSY LA PAZ APR 9372"))
	write("pool/09STATE1.txt", cable("SECSTATE WASHDC", "PREL, KPAO"))
	write("pool/09MUNICH7.txt", cable("AMCONSUL MUNICH", "PREL"))
	write("pool/09PARIS8.txt", cable("AMEMBASSY PARIS", "PREL"))
	write("cables/09STATE2.txt", cable("SECSTATE WASHDC", "PREL"))
	write("cables/09USUNNEWYORK3.txt", cable("USMISSION USUN NEW YORK", "PREL UNSC"))
	write("cables/09UNVIEVIENNA4.txt", cable("USMISSION UNVIE VIENNA", "PREL"))
	write("cables/09STATE1.txt", cable("SECSTATE WASHDC", "PREL")) // the pool's copy: read once

	posts, tags := filepath.Join(t.TempDir(), "posts.tsv"), filepath.Join(t.TempDir(), "tags.tsv")
	if err := run(shared, posts, tags); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, posts)
	for _, want := range []string{
		"RIODEJANEIRO\tRIO DE JANEIRO\tname\t2\n", // the FM line and the origin column
		"RIODEJANEIRO\tRIO\tabbreviation\t2\n",
		"THEHAGUE\tTHE HAGUE\tname\t2\n",
		"SAOPAULO\tSAO PAULO\taddressee\t1\n",
		"STPETERSBURG\tST PETERSBURG\taddressee\t1\n",
		"STATE\tSECSTATE WASHDC\talias\t2\n",
		"STATE\tSECSTATE\tabbreviation\t2\n",
		"USUNNEWYORK\tUSUN NEW YORK\tname\t1\n",
		"USUNNEWYORK\tUSUN\tabbreviation\t1\n",
		"-\tAMCONSUL\ttype\t2\n",
		"-\tAMEMBASSY\ttype\t2\n",
		"-\tUSMISSION\ttype\t2\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("posts.tsv lacks %q:\n%s", want, got)
		}
	}
	for _, bad := range []string{"LA PAZ APR", "\tKYIV\t", "\tTHE\t"} {
		if strings.Contains(got, bad) {
			t.Errorf("posts.tsv holds %q:\n%s", bad, got)
		}
	}
	gotTags := readFile(t, tags)
	if !strings.Contains(gotTags, "PREL\t8\n") || !strings.Contains(gotTags, "PGOV\t2\n") || strings.Contains(gotTags, "KPAO") {
		t.Errorf("tags.tsv: want PREL in 8 cables, PGOV in 2, KPAO (one cable) left out:\n%s", gotTags)
	}

	again := filepath.Join(t.TempDir(), "posts.tsv")
	if err := run(shared, again, ""); err != nil {
		t.Fatal(err)
	}
	if readFile(t, again) != got {
		t.Error("a second run gave another table")
	}
}

func TestRunNoCorpus(t *testing.T) {
	if err := run(t.TempDir(), filepath.Join(t.TempDir(), "posts.tsv"), ""); err == nil {
		t.Error("run on an empty directory: want an error")
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
