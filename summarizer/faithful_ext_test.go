package summarizer_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/cable"
)

// paraphrase is one entry of testdata/faithful/paraphrases.json: a summary written by
// hand for a section of a real cable (section -1 is the overview), as a model would
// write it, and what the check must report.
type paraphrase struct {
	Cable       string   `json:"cable"`
	Section     int      `json:"section"`
	Text        string   `json:"text"`
	Unsupported []string `json:"unsupported"`
	Note        string   `json:"note"`
}

// TestCheckerOnParaphrases runs the check on abstractive summaries of real cables: the
// faithful ones (titles, full names, demonyms, capitals, rounded numbers, dates in other
// styles, transliterations, all-caps sources) must raise no flag, and the planted
// hallucinations must be flagged, each and only them.
func TestCheckerOnParaphrases(t *testing.T) {
	files, err := filepath.Glob("../testdata/faithful/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no paraphrase files: %v", err)
	}
	var cases []paraphrase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cs []paraphrase
		if err := json.Unmarshal(b, &cs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cases = append(cases, cs...)
	}
	checkers := map[string]*summarizer.Checker{}
	falseFlags, missed, planted := 0, 0, 0
	for _, tc := range cases {
		k := checkers[tc.Cable]
		if k == nil {
			text, err := os.ReadFile(filepath.Join("../testdata/cables", tc.Cable))
			if err != nil {
				t.Fatal(err)
			}
			c, err := cable.Parse(tc.Cable, string(text))
			if err != nil {
				t.Fatalf("parse %s: %v", tc.Cable, err)
			}
			k = summarizer.NewChecker(c)
			checkers[tc.Cable] = k
		}
		var got []string
		if tc.Section < 0 {
			got = k.Overview(tc.Text, nil)
		} else {
			got = k.Section(tc.Section, tc.Text, nil)
		}
		want := tc.Unsupported
		if want == nil {
			want = []string{}
		}
		planted += len(want)
		for _, g := range got {
			if !contains(want, g) {
				falseFlags++
			}
		}
		for _, w := range want {
			if !contains(got, w) {
				missed++
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s section %d: %q\n(-want +got):\n%s", tc.Cable, tc.Section, tc.Text, diff)
		}
	}
	t.Logf("%d summaries: %d false flags, %d of %d expected flags missed", len(cases), falseFlags, missed, planted)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
