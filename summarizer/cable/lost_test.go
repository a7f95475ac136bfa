package cable

import (
	"flag"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/cable/header"
)

var corpus = flag.String("corpus", cablesDir, "directory of cables for TestNothingLost and TestCorpus")

// corpusFiles lists the cable files under dir.
func corpusFiles(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".txt") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no cables under %s", dir)
	}
	return files
}

// TestNothingLost checks that every word of each cable's body appears in its
// paragraphs, section titles or header fields, as often as in the body, except the
// words of removed artifacts (page-break lines, SIPDIS, pilcrows and scraped links).
func TestNothingLost(t *testing.T) {
	bad := 0
	n := eachCorpusFile(t, func(f string, data []byte, cs []*summarizer.Cable) {
		if len(cs) != 1 {
			return // several cables in one file: the body offsets are per row
		}
		text, _ := decode(f, data)
		body := bodyOf(text[0].Text)
		if lost := lostWords(body, cs[0]); len(lost) > 0 {
			bad++
			t.Errorf("%s: %d words of the body are missing from the parse, e.g. %q", f, len(lost), lost[:min(len(lost), 8)])
		}
	})
	t.Logf("%d cables checked, %d with lost words", n, bad)
}

// bodyOf returns the body of a cable text as the header parser delimits it.
func bodyOf(text string) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	f, start, _ := header.Parse(text, "x")
	if f.Classification == "" && f.Origin == "" && f.Subject == "" && f.DTG == "" && len(f.Tags) == 0 {
		return text
	}
	return text[start:]
}

// lostWords returns the words of body, artifacts left out, that occur fewer times in c
// than in body.
func lostWords(body string, c *summarizer.Cable) []string {
	want := map[string]int{}
	for _, l := range strings.Split(body, "\n") {
		l = strings.TrimSpace(l)
		// the release date after the signature ("SOBEL 2008-01-08") is the copy's
		// artifact, cut with the signature
		if f := lastField(l); c.Signer != "" && reReleaseDate.MatchString(f) && strings.HasSuffix(strings.TrimSpace(strings.TrimSuffix(l, f)), c.Signer) {
			l = strings.TrimSuffix(l, f)
		}
		if c.Signer != "" && strings.Join(strings.Fields(l), " ") == c.Signer+" "+c.Signer {
			l = c.Signer // the signature written twice by the copy is one signer
		}
		l = header.StripPageHeader(l, c.ID) // a page header run into the text
		if rePageBreak.MatchString(l) || reMediaDate.MatchString(l) || strings.HasPrefix(l, "PAGE ") && rePageOld.MatchString(l) ||
			reCutPageBreak.MatchString(l) {
			continue
		}
		l = strings.TrimLeft(reLeadLink.ReplaceAllString(l, ""), "¶ ")
		if _, rest, ok := numberPrefix(l); ok {
			l = rest // the paragraph number, possibly an artifact ("15." for 5)
		}
		l = reLink.ReplaceAllString(l, "$1")
		for _, w := range words(l) {
			if w != "sipdis" {
				want[w]++
			}
		}
	}
	got := map[string]int{}
	add := func(s string) {
		for _, w := range words(s) {
			got[w]++
		}
	}
	for _, p := range c.Paragraphs {
		add(p.Text)
		add(p.Marking)
		// the number of a paragraph that was glued onto the line before ("lines. 6.(S)")
		add(strconv.Itoa(p.Number))
	}
	for _, s := range c.Sections {
		add(s.Title)
	}
	add(c.Signer)
	add(c.Classification + " " + strings.Join(c.Caveats, " ") + " unclas noforn confidential secret")
	var lost []string
	for w, n := range want {
		if got[w] < n {
			lost = append(lost, w)
		}
	}
	return lost
}

// words splits s into lower-cased runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// lastField returns the last white-space separated word of s.
func lastField(s string) string {
	return s[strings.LastIndexAny(s, " \t")+1:]
}
