package main

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/compare"
)

// comparison builds the comparison of summarize --compare as the run goes, one report
// at a time (the builder keeps only what a comparison needs), and writes it at the end.
type comparison struct {
	b *compare.Builder
	n int
}

func newComparison(aliases map[string]string) *comparison {
	return &comparison{b: compare.NewBuilder(compare.Options{Aliases: aliases})}
}

func (c *comparison) add(r *summarizer.Report) {
	c.b.Add(r)
	c.n++
}

func (c *comparison) len() int { return c.n }

// write writes the comparison beside the reports: in -o DIR as compare.<ext>, beside
// -o FILE as FILE.compare.<ext>, else on stdout after the reports.
func (c *comparison) write(e *env, o *output, format string) error {
	var b bytes.Buffer
	if err := compare.Write(&b, c.b.Comparison(), format, -1); err != nil {
		return err
	}
	switch {
	case o != nil && o.dir != "":
		return writeFileAtomic(filepath.Join(o.dir, "compare"+formatExt[format]), b.Bytes())
	case o != nil && o.file != "":
		ext := filepath.Ext(o.file)
		return writeFileAtomic(strings.TrimSuffix(o.file, ext)+".compare"+ext, b.Bytes())
	}
	switch format {
	case "markdown":
		if o != nil && o.n > 0 {
			io.WriteString(e.stdout, "\n---\n\n")
		}
	case "json":
		// After the reports' JSON Lines, the comparison is one more line.
		var line bytes.Buffer
		if err := json.Compact(&line, b.Bytes()); err == nil {
			line.WriteByte('\n')
			b = line
		}
	}
	_, err := e.stdout.Write(b.Bytes())
	return err
}
