package cable

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/internal/golden"
)

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
			golden.Check(t, filepath.Join("testdata", "golden", strings.ReplaceAll(strings.TrimSuffix(name, ".txt"), "/", "_")+".json"), got)
		})
	}
}
