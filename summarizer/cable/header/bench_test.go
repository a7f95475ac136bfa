package header

import (
	"os"
	"path/filepath"
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
