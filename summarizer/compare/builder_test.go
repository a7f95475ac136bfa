package compare

import (
	"bytes"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"weak"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
)

// TestBuilderStreams checks that reports given one at a time, in any order, make the
// comparison Build makes of them all at once.
func TestBuilderStreams(t *testing.T) {
	aliases, err := LoadAliases(filepath.Join(testdata, "aliases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(testdata, "reports", "*.json"))
	var want bytes.Buffer
	if err := Build(testReports(t), Options{Aliases: aliases}).WriteJSON(&want); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(paths)
	b := NewBuilder(Options{Aliases: aliases})
	for _, p := range paths {
		r, err := ReadReport(p)
		if err != nil {
			t.Fatal(err)
		}
		if !b.Add(r) {
			t.Errorf("Add(%s) = false, want true", p)
		}
	}
	var got bytes.Buffer
	if err := b.Comparison().WriteJSON(&got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.String(), got.String()); diff != "" {
		t.Errorf("streamed in reverse order (-all at once +streamed):\n%s", diff)
	}
}

// TestBuilderKeepsNoParagraphs checks that a Builder lets a report's paragraphs go once
// it has added the report: what it keeps grows with the stances, not the cables.
func TestBuilderKeepsNoParagraphs(t *testing.T) {
	b := NewBuilder(Options{})
	var paras []weak.Pointer[summarizer.Paragraph]
	for _, p := range []string{"07PARIS2726.json", "07PARIS2743.json", "08PARIS114.json"} {
		r, err := ReadReport(filepath.Join(testdata, "reports", p))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Cable.Paragraphs) == 0 {
			t.Fatalf("%s has no paragraphs to check", p)
		}
		paras = append(paras, weak.Make(&r.Cable.Paragraphs[0]))
		b.Add(r)
	}
	runtime.GC()
	runtime.GC()
	for i, p := range paras {
		if p.Value() != nil {
			t.Errorf("report %d: the Builder still holds its paragraphs", i+1)
		}
	}
	if c := b.Comparison(); len(c.Cables) != 3 || len(c.Rows) == 0 {
		t.Errorf("comparison of %d cables, %d rows; want 3 cables and rows", len(c.Cables), len(c.Rows))
	}
}

// TestSeedFlags checks the seed's offline report, as the offline engine wrote it when
// issue 10 was filed: Burns on Lebanon was flagged a contradiction, pairing "the effects
// of inviting Hizballah to Kouchner's proposed conference" with "U.S.-French unity on
// Lebanon policy". Nothing in it is one actor's two sides of one proposition.
func TestSeedFlags(t *testing.T) {
	r, err := ReadReport(filepath.Join(testdata, "seed", "07PARIS2726.offline.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := Build([]*summarizer.Report{r}, Options{})
	for _, row := range c.Rows {
		if len(row.Flags) > 0 {
			t.Errorf("%s on %s flagged %v: %+v", row.Actor, row.Topic, row.Flags, row.Conflicts)
		}
	}
	// Each target with its label: Kouchner's opposition on Iran shows.
	var md bytes.Buffer
	if err := c.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(md.String(), "\n") {
		if strings.HasPrefix(line, "| **Kouchner (France)** |") {
			if !strings.Contains(line, "✗ opposes _Burns' proposal that the USG and Europe implement sanctions against Iran outside_") {
				t.Errorf("Kouchner's row lacks his opposition on Iran:\n%s", line)
			}
			return
		}
	}
	t.Errorf("no Kouchner row in the matrix:\n%s", md.String())
}
