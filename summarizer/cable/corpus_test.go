package cable

import (
	"os"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
)

// TestCorpus parses every cable of the corpus and checks the invariants of a Cable: an
// id, paragraph numbers that increase, and sections that hold every paragraph once, in
// order, each with a kind.
func TestCorpus(t *testing.T) {
	n := eachCorpusFile(t, func(f string, _ []byte, cs []*summarizer.Cable) {
		for _, c := range cs {
			if err := checkCable(c); err != "" {
				t.Errorf("%s: %s", f, err)
			}
		}
	})
	t.Logf("%d files parsed", n)
}

// eachCorpusFile parses every file of the corpus (-corpus, else testdata) and calls fn
// with its bytes and cables; a file that fails to parse is a test error and is skipped.
// It returns the number of files.
func eachCorpusFile(t *testing.T, fn func(name string, data []byte, cs []*summarizer.Cable)) int {
	t.Helper()
	files := corpusFiles(t, *corpus)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := ParseBytes(f, data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		fn(f, data, cs)
	}
	return len(files)
}

// checkCable returns what is wrong with c, "" when nothing is.
func checkCable(c *summarizer.Cable) string {
	if c.ID == "" {
		return "no id"
	}
	var order []int
	for i, p := range c.Paragraphs {
		if i > 0 && p.Number <= c.Paragraphs[i-1].Number {
			return "paragraph numbers do not increase: " + itoa(c.Paragraphs[i-1].Number) + ", " + itoa(p.Number)
		}
		// 0 is the unnumbered lead before ¶1 of a numbered cable, under its own heading
		if p.Number < 0 || p.Number == 0 && (i > 0 || !c.Numbered) {
			return "paragraph number below 1 (0 only for the lead of a numbered cable)"
		}
		order = append(order, p.Number)
	}
	var got []int
	for _, s := range c.Sections {
		if s.Kind == "" || len(s.Paragraphs) == 0 {
			return "section without kind or paragraphs"
		}
		if (s.Title == "") != (s.Style == "") && s.Kind != summarizer.KindSummary && s.Kind != summarizer.KindComment {
			return "section " + s.Title + " has a title without a style or a style without a title"
		}
		got = append(got, s.Paragraphs...)
	}
	if len(got) != len(order) {
		return "sections hold " + itoa(len(got)) + " paragraphs, want " + itoa(len(order))
	}
	for i := range got {
		if got[i] != order[i] {
			return "sections out of paragraph order"
		}
	}
	return ""
}
