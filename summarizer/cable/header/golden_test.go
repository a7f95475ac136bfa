package header

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/internal/golden"
)

// goldenView is what the golden files record for a cable: the header fields, the first
// line of the body, the signer and the summary.
type goldenView struct {
	Fields    Fields   `json:"fields"`
	BodyStart string   `json:"body_starts_with"`
	Signer    string   `json:"signer"`
	Summary   string   `json:"summary"`
	Warnings  []string `json:"warnings"`
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cables", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cables in testdata/cables: %v", err)
	}
	for _, fn := range files {
		name := filepath.Base(fn)
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(fn)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			f, bs, w := Parse(text, name)
			body := text[bs:]
			first := body
			if k := strings.IndexByte(first, '\n'); k >= 0 {
				first = first[:k]
			}
			if len(first) > 80 {
				first = first[:80]
			}
			got, err := json.MarshalIndent(goldenView{f, first, Signer(body), Summary(body), w}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".txt")+".json"), got)
		})
	}
}
