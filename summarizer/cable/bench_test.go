package cable

import (
	"os"
	"testing"
)

// BenchmarkParse parses every cable of the testdata corpus once per iteration and
// reports the throughput in MB/s of input.
func BenchmarkParse(b *testing.B) {
	files := corpusFiles(b, cablesDir)
	data := make([][]byte, len(files))
	var size int64
	for i, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data[i] = d
		size += int64(len(d))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range data {
			if _, err := ParseBytes(files[i], d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParseBody measures the body parser alone (cleaning, paragraphs, headings,
// sections) over the bodies of the testdata corpus, without header and decoding.
func BenchmarkParseBody(b *testing.B) {
	files := corpusFiles(b, cablesDir)
	var bodies []string
	var size int64
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs, err := decode(f, d)
		if err != nil {
			b.Fatal(err)
		}
		for _, doc := range docs {
			bodies = append(bodies, bodyOf(doc.Text))
			size += int64(len(doc.Text))
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			lines := cleanLines(body, "")
			bd := parseBody(lines, false)
			_ = sections(bd.paras)
		}
	}
}
