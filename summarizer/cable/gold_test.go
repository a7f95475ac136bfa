package cable

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/eval"
)

// goldDir and cablesDir hold the hand annotations (see testdata/gold/ANNOTATION.md) and
// the cables they annotate.
const (
	goldDir   = "../../testdata/gold"
	cablesDir = "../../testdata/cables"
)

// Bars of TestGold.
const (
	barBoundaryF1   = 0.97
	barTitleMatch   = 0.95
	barParagraphs   = 0.95
	barMetadataRate = 0.98
)

// TestGold scores the parser against the hand annotations the way ANNOTATION.md says:
// section boundary F1 over the first paragraphs of the sections that come from headings,
// title match of matched sections, exact paragraph count, and exact metadata fields.
func TestGold(t *testing.T) {
	s := scoreGold(t, goldDir, cablesDir)
	checkGold(t, s, barBoundaryF1, barTitleMatch, barParagraphs, barMetadataRate)
}

// goldExtraDir holds annotations made blind, before the parser was run on their cables
// (see ANNOTATION.md in testdata/gold), as an estimate of how the parser does on cables it
// was not developed on; the cables are in its cables subdirectory.
const goldExtraDir = "../../testdata/gold_extra"

// Bars of TestGoldExtra, as TestGold's. The first run on the first 16 annotations gave
// F1 0.922, title match 0.981, paragraph_count 0.875 and metadata 0.991 (one miss was an
// annotation error); the parser was then fixed where it was wrong in general.
const (
	barExtraBoundaryF1   = 0.97
	barExtraTitleMatch   = 0.95
	barExtraParagraphs   = 0.95
	barExtraMetadataRate = 0.98
)

// TestGoldExtra scores the parser as TestGold does on testdata/gold_extra, so that its
// figures are logged apart from those of the annotations the parser was developed on.
func TestGoldExtra(t *testing.T) {
	s := scoreGold(t, goldExtraDir, filepath.Join(goldExtraDir, "cables"))
	checkGold(t, s, barExtraBoundaryF1, barExtraTitleMatch, barExtraParagraphs, barExtraMetadataRate)
}

// goldBlindDir holds the blind rounds of issue 9 (see its README.md): in each roundN
// subdirectory, ten cables drawn at random from the pool and annotated by readers who
// never saw the parser's output, <ID>.json beside cables/<ID>.txt.
const goldBlindDir = "../../testdata/gold_blind"

// blindBars are the bars of each blind round: boundary F1, title match, paragraph_count
// and metadata. A round is first entered with its first-run figures, so that the test
// records the honest number and fails if the parser falls below it; once the round's
// misses are fixed in general its bars are raised.
var blindBars = map[string][4]float64{
	"round1": {0.97, 0.97, 0.97, 0.98},
	"round2": {0.97, 0.97, 0.97, 0.971}, // metadata: two annotations against the guide (README)
	"round3": {0.97, 0.97, 0.97, 0.98},
	"round4": {0.97, 0.97, 0.97, 0.985}, // metadata: one annotation against the guide (README); first run 0.650, 1.000, 0.900, 0.943
}

// TestGoldBlind scores the parser on every blind round as TestGold does, and holds each
// round to its bars.
func TestGoldBlind(t *testing.T) {
	rounds, err := filepath.Glob(filepath.Join(goldBlindDir, "round*"))
	if err != nil || len(rounds) == 0 {
		t.Fatalf("no blind rounds in %s: %v", goldBlindDir, err)
	}
	for _, dir := range rounds {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			bars, ok := blindBars[name]
			if !ok {
				t.Fatalf("round %s has no bars in blindBars", name)
			}
			s := scoreGold(t, dir, filepath.Join(dir, "cables"))
			checkGold(t, s, bars[0], bars[1], bars[2], bars[3])
		})
	}
}

// scoreGold parses the cable of every segmentation annotation in dir (cable <ID>.txt in
// cables) and scores it with eval.Segmentation, the scorer of summarize eval.
func scoreGold(t *testing.T, dir, cables string) *eval.Segmentation {
	t.Helper()
	g, err := eval.LoadGold(dir)
	if err != nil || len(g.Segmentation) == 0 {
		t.Fatalf("no gold files in %s: %v", dir, err)
	}
	s := &eval.Segmentation{}
	for _, id := range g.IDs() {
		if sg, ok := g.Segmentation[id]; ok {
			s.Add(sg, parseFile(t, filepath.Join(cables, id+".txt")))
		}
	}
	return s
}

// checkGold logs the figures and the differences and fails t where one is under its bar.
func checkGold(t *testing.T, s *eval.Segmentation, barF1, barTitle, barCount, barMeta float64) {
	t.Helper()
	for _, d := range s.Diffs {
		t.Log(d)
	}
	r := s.Result()
	t.Logf("cables %d: boundary precision %.3f recall %.3f F1 %.3f (tp %d fp %d fn %d)", r.Cables, r.Precision, r.Recall, r.BoundaryF1, s.TP, s.FP, s.FN)
	t.Logf("title match %.3f (%d/%d), paragraph_count exact %.3f (%d/%d)", r.Title, s.TitleOK, s.Titles, r.ParagraphCount, s.CountOK, s.Cables)
	t.Logf("metadata exact %.3f (%d/%d); misses by field: %v", r.Metadata, s.FieldOK, s.Fields, s.FieldMiss)
	if r.BoundaryF1 < barF1 {
		t.Errorf("boundary F1 %.3f, want >= %.2f", r.BoundaryF1, barF1)
	}
	if r.Title < barTitle {
		t.Errorf("title match %.3f, want >= %.2f", r.Title, barTitle)
	}
	if r.ParagraphCount < barCount {
		t.Errorf("paragraph_count exact %.3f, want >= %.2f", r.ParagraphCount, barCount)
	}
	if r.Metadata < barMeta {
		t.Errorf("metadata exact %.3f, want >= %.2f", r.Metadata, barMeta)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// parseFile parses the file at path and returns its first cable.
func parseFile(t testing.TB, path string) *summarizer.Cable {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := ParseBytes(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("ParseBytes(%s): %v", path, err)
	}
	return cs[0]
}
