package cable

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestGolden")

// goldenCables are the testdata cables whose parse is kept in testdata/golden, one of
// each kind of input: Markdown debris, short-line headings, an all-capitals cable, a
// 1970s cable, Latin-1 with CRLF, boxed headings with a partial header.
var goldenCables = []string{
	"07PARIS2726.txt",
	"10BRASILIA61.txt",
	"89PANAMA8545.txt",
	"1970s/72TEHRAN1164.txt",
	"odd/rawbytes_09PARIS1007.txt",
	"05TELAVIV1580.txt",
}

// TestGolden compares the JSON of Parse for a handful of cables with
// testdata/golden/<name>.json. With -update it rewrites them; on a mismatch it writes
// <name>.json.got next to the golden file and shows the difference.
func TestGolden(t *testing.T) {
	for _, name := range goldenCables {
		t.Run(name, func(t *testing.T) {
			c := parseFile(t, filepath.Join(cablesDir, name))
			c.Source = filepath.Base(name)
			got, err := json.MarshalIndent(c, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(strings.TrimSuffix(name, ".txt"), "/", "_")+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				if err := os.WriteFile(golden+".got", got, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Errorf("%s differs from the parse (written to %s.got; -update to accept):\n%s",
					golden, golden, cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")))
			}
		})
	}
}
