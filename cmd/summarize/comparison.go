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

// comparison collects what summarize --compare needs of each report as the run goes, and
// writes the comparison at the end. It keeps each report without its cable's text.
type comparison struct {
	aliases map[string]string
	reports []*summarizer.Report
}

func (c *comparison) add(r *summarizer.Report) {
	slim := *r
	cable := *r.Cable
	cable.Paragraphs, cable.Sections = nil, nil
	slim.Cable = &cable
	c.reports = append(c.reports, &slim)
}

func (c *comparison) len() int { return len(c.reports) }

// write writes the comparison beside the reports: in -o DIR as compare.<ext>, beside
// -o FILE as FILE.compare.<ext>, else on stdout after the reports.
func (c *comparison) write(e *env, o *output, format string) error {
	cmp := compare.Build(c.reports, compare.Options{Aliases: c.aliases})
	var b bytes.Buffer
	if err := writeComparisonFormat(&b, cmp, format); err != nil {
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

func writeComparisonFormat(w io.Writer, cmp *compare.Comparison, format string) error {
	switch format {
	case "markdown":
		return cmp.WriteMarkdown(w)
	case "html":
		return cmp.WriteHTML(w)
	case "csv":
		return cmp.WriteCSV(w)
	case "json":
		return cmp.WriteJSON(w)
	}
	return usagef("--format %q is not one of markdown, html, csv, json", format)
}
