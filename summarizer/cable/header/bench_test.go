package header

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkParse measures Parse, Signer and Summary over the cables in testdata; b.SetBytes
// makes the result read in MB/s.
func BenchmarkParse(b *testing.B) {
	var texts []string
	var size int64
	for _, dir := range []string{filepath.Join("testdata", "cables"), filepath.Join(peerDir, "cables")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, fn := range files {
			data, err := os.ReadFile(fn)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
			size += int64(len(data))
		}
	}
	if len(texts) == 0 {
		b.Fatal("no cables")
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			_, bs, _ := Parse(t, "x.txt")
			Signer(t[bs:])
			Summary(t[bs:])
		}
	}
}

// BenchmarkPathological runs Parse, Signer and Summary on inputs built to find super-linear
// behaviour (long lines full of markers); each should take time linear in its size.
func BenchmarkPathological(b *testing.B) {
	inputs := []struct{ name, text string }{
		{"summary words", strings.Repeat("summary ", 5000)},
		{"end summary", strings.Repeat("END SUMMARY ", 5000)},
		{"ref letters", "REF: " + strings.Repeat("A. PARIS 1 B. STATE 2 ", 1000)},
		{"classified by", strings.Repeat("classified by x ", 2500)},
		{"tags", "TAGS: " + strings.Repeat("PREL (A, B) ", 2500)},
		{"letter-spaced", strings.Repeat("C O N F I D E N T I A L ", 1000)},
		{"addressees", strings.Repeat("TO X\n", 10000)},
		{"subject refs", "SUBJECT: " + strings.Repeat("REF ", 5000)},
		{"summary lines", strings.Repeat("1. SUMMARY\n", 5000)},
		{"trailers", strings.Repeat("UNCLASSIFIED\n", 5000)},
		{"1.4 MB REF line", "CONFIDENTIAL PARIS 001234\nTAGS: PREL\nSUBJECT: X\nREF: " + strings.Repeat("A. PARIS 1234 B. STATE 5678 ", 50000) + "\n\n1. (C) Text.\n"},
		{"1.4 MB SUBJECT line", "CONFIDENTIAL PARIS 001234\nTAGS: PREL\nSUBJECT: " + strings.Repeat("REF WORDS ", 140000) + "\n\n1. (C) Text.\n"},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			for b.Loop() {
				_, bs, _ := Parse(in.text, "x")
				Signer(in.text[bs:])
				Summary(in.text[bs:])
			}
		})
	}
}
