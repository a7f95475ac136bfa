package cable

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/cablebrief/summarize/summarizer"
)

// goldDir and cablesDir hold the hand annotations (see testdata/gold/ANNOTATION.md) and
// the cables they annotate.
const (
	goldDir   = "../../testdata/gold"
	cablesDir = "../../testdata/cables"
)

// gold is one hand annotation.
type gold struct {
	ID             string   `json:"id"`
	Classification *string  `json:"classification"`
	Origin         *string  `json:"origin"`
	Date           *string  `json:"date"`
	Subject        *string  `json:"subject"`
	Tags           []string `json:"tags"`
	Signer         *string  `json:"signer"`
	TotalSections  int      `json:"total_sections"`
	Numbered       bool     `json:"numbered"`
	ParagraphCount int      `json:"paragraph_count"`
	Sections       []struct {
		Title          string `json:"title"`
		Style          string `json:"style"`
		FirstParagraph int    `json:"first_paragraph"`
	} `json:"sections"`
}

// Bars of TestGold.
const (
	barBoundaryF1   = 0.97
	barTitleMatch   = 0.95
	barParagraphs   = 0.95
	barMetadataRate = 0.98
)

// goldScore accumulates the figures of ANNOTATION.md's "Scoring" paragraph.
type goldScore struct {
	tp, fp, fn       int
	titles, titleOK  int
	cables, countOK  int
	fields, fieldOK  int
	fieldMiss        map[string]int
	numberedMismatch int
}

// TestGold scores the parser against the hand annotations the way ANNOTATION.md says:
// section boundary F1 over the first paragraphs of the sections that come from headings,
// title match of matched sections, exact paragraph count, and exact metadata fields.
func TestGold(t *testing.T) {
	s := scoreGold(t, goldDir, cablesDir)
	s.check(t, barBoundaryF1, barTitleMatch, barParagraphs, barMetadataRate)
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
	s.check(t, barExtraBoundaryF1, barExtraTitleMatch, barExtraParagraphs, barExtraMetadataRate)
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
			s.check(t, bars[0], bars[1], bars[2], bars[3])
		})
	}
}

// scoreGold parses the cable of every annotation in dir (cable <ID>.txt in cables) and
// scores it.
func scoreGold(t *testing.T, dir, cables string) *goldScore {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files in %s: %v", dir, err)
	}
	s := &goldScore{fieldMiss: map[string]int{}}
	for _, f := range files {
		var g gold
		readJSON(t, f, &g)
		c := parseFile(t, filepath.Join(cables, g.ID+".txt"))
		s.add(t, g, c)
	}
	return s
}

// check logs the figures and fails t where one is under its bar.
func (s *goldScore) check(t *testing.T, barF1, barTitle, barCount, barMeta float64) {
	t.Helper()
	p := ratio(s.tp, s.tp+s.fp)
	r := ratio(s.tp, s.tp+s.fn)
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	title := ratio(s.titleOK, s.titles)
	count := ratio(s.countOK, s.cables)
	meta := ratio(s.fieldOK, s.fields)
	t.Logf("cables %d: boundary precision %.3f recall %.3f F1 %.3f (tp %d fp %d fn %d)", s.cables, p, r, f1, s.tp, s.fp, s.fn)
	t.Logf("title match %.3f (%d/%d), paragraph_count exact %.3f (%d/%d), numbered mismatches %d",
		title, s.titleOK, s.titles, count, s.countOK, s.cables, s.numberedMismatch)
	t.Logf("metadata exact %.3f (%d/%d); misses by field: %v", meta, s.fieldOK, s.fields, s.fieldMiss)
	if f1 < barF1 {
		t.Errorf("boundary F1 %.3f, want >= %.2f", f1, barF1)
	}
	if title < barTitle {
		t.Errorf("title match %.3f, want >= %.2f", title, barTitle)
	}
	if count < barCount {
		t.Errorf("paragraph_count exact %.3f, want >= %.2f", count, barCount)
	}
	if meta < barMeta {
		t.Errorf("metadata exact %.3f, want >= %.2f", meta, barMeta)
	}
}

func (s *goldScore) add(t *testing.T, g gold, c *summarizer.Cable) {
	t.Helper()
	s.cables++
	// Sections from headings, by first paragraph.
	pred := map[int]string{}
	for _, sec := range c.Sections {
		fromHeading := sec.Kind == summarizer.KindTopic ||
			(sec.Kind == summarizer.KindSummary || sec.Kind == summarizer.KindComment) && sec.Style != "" && sec.Title != ""
		if fromHeading && len(sec.Paragraphs) > 0 {
			pred[sec.Paragraphs[0]] = sec.Title
		}
	}
	want := map[int]string{}
	for _, gs := range g.Sections {
		want[gs.FirstParagraph] = gs.Title
	}
	for n, title := range pred {
		wt, ok := want[n]
		if !ok {
			s.fp++
			t.Logf("%s: extra section %q at paragraph %d", g.ID, title, n)
			continue
		}
		s.tp++
		s.titles++
		if normTitle(title) == normTitle(wt) {
			s.titleOK++
		} else {
			t.Logf("%s: title %q, want %q", g.ID, title, wt)
		}
	}
	for n, title := range want {
		if _, ok := pred[n]; !ok {
			s.fn++
			t.Logf("%s: missed section %q at paragraph %d", g.ID, title, n)
		}
	}
	maxN := 0
	for _, p := range c.Paragraphs {
		maxN = max(maxN, p.Number)
	}
	if maxN == g.ParagraphCount {
		s.countOK++
	} else {
		t.Logf("%s: paragraph_count %d, want %d", g.ID, maxN, g.ParagraphCount)
	}
	if c.Numbered != g.Numbered {
		s.numberedMismatch++
	}
	field := func(name string, got, want string) {
		s.fields++
		if got == want {
			s.fieldOK++
			return
		}
		s.fieldMiss[name]++
		t.Logf("%s: %s %q, want %q", g.ID, name, got, want)
	}
	field("classification", c.Classification, deref(g.Classification))
	field("origin", c.Origin, deref(g.Origin))
	field("date", c.Date, deref(g.Date))
	field("subject", normSubject(c.Subject), normSubject(deref(g.Subject)))
	field("tags", tagWords(c.Tags), tagWords(g.Tags))
	field("signer", c.Signer, deref(g.Signer))
	field("total_sections", itoa(c.TotalSections), itoa(g.TotalSections))
}

// normTitle folds what title matching ignores: case, punctuation, decoration and a
// leading portion marking.
func normTitle(s string) string {
	_, s = splitMarking(strings.TrimSpace(s))
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// normSubject collapses white space and drops a trailing period.
func normSubject(s string) string {
	return strings.TrimSuffix(strings.Join(strings.Fields(s), " "), ".")
}

// tagWords is the multiset of the words of tags, as a sorted string.
func tagWords(tags []string) string {
	var ws []string
	for _, t := range tags {
		ws = append(ws, strings.Fields(strings.ToUpper(t))...)
	}
	slices.Sort(ws)
	return strings.Join(ws, " ")
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
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
