package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/corpus"
	"github.com/cablebrief/summarize/summarizer/report"
)

var formatExt = map[string]string{"markdown": ".md", "json": ".json", "html": ".html", "csv": ".csv"}

// reservedNames are the file names (without extension) that a run may write beside the
// reports in an output directory; no report takes them.
var reservedNames = map[string]bool{"compare": true}

// output writes the reports of a run, one at a time, as the pipeline finishes them: to
// stdout (in input order: the writer is fed in order), to one file, or one file per cable
// in a directory. It holds at most one rendered report (the first JSON report on stdout,
// until it is known whether more follow). Not safe for concurrent use: the pipeline's
// writer goroutine owns it.
type output struct {
	format string
	dir    string // directory mode when not ""
	file   string // single-file mode when not ""
	names  map[string]bool

	w       io.Writer // stdout, or the temporary file of single-file mode
	tmp     *os.File
	n       int                // reports written to w
	pending *summarizer.Report // the first JSON report, not yet written
}

// newOutput decides from the command line, not from what parsed: several inputs (many
// is true when there are several paths, a directory, or a dump of the release) go to a
// directory, one report per cable; so does -o naming an existing directory or ending in
// a slash. It creates the directory, and checks that a file's directory exists, before
// any work.
func newOutput(format, path string, many bool, stdout io.Writer) (*output, error) {
	o := &output{format: format, names: map[string]bool{}, w: stdout}
	if path == "" {
		if format == "html" && many {
			return nil, usagef("--format html with several cables needs -o DIR (one file per cable)")
		}
		return o, nil
	}
	st, err := os.Stat(path)
	isDir := err == nil && st.IsDir()
	if many && !isDir && err != nil && filepath.Ext(path) != "" {
		return nil, usagef("-o %s names a file, but there are several cables: give a directory (one report per cable)", path)
	}
	if many || isDir || strings.HasSuffix(path, string(os.PathSeparator)) {
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, usagef("-o %s: %v", path, corpus.Describe(err))
		}
		o.dir = path
		return o, nil
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return nil, usagef("-o %s: the directory %s does not exist", path, filepath.Dir(path))
	}
	o.file = path
	return o, nil
}

// write renders r and writes it where the output goes.
func (o *output) write(r *summarizer.Report) error {
	if o.dir != "" {
		var b bytes.Buffer
		if err := report.Write(&b, o.format, r); err != nil {
			return fmt.Errorf("render %s: %w", o.format, err)
		}
		return writeFileAtomic(filepath.Join(o.dir, o.uniqueName(r.Cable.ID, formatExt[o.format])), b.Bytes())
	}
	if o.file != "" && o.tmp == nil {
		f, err := os.CreateTemp(filepath.Dir(o.file), "."+filepath.Base(o.file)+".*")
		if err != nil {
			return fmt.Errorf("write %s: %w", o.file, err)
		}
		o.tmp, o.w = f, f
	}
	switch o.format {
	case "json":
		// One report is indented; several are JSON Lines. The first waits for the second.
		if o.n == 0 && o.pending == nil {
			o.pending = r
			return nil
		}
		if o.pending != nil {
			if err := report.WriteJSONLine(o.w, o.pending); err != nil {
				return err
			}
			o.pending = nil
		}
		o.n++
		return report.WriteJSONLine(o.w, r)
	case "html":
		if o.n > 0 {
			return fmt.Errorf("not written: --format html takes one cable per file; give -o DIR for several")
		}
	case "markdown":
		if o.n > 0 {
			if _, err := io.WriteString(o.w, "\n---\n\n"); err != nil {
				return err
			}
		}
	}
	o.n++
	return report.Write(o.w, o.format, r)
}

// close writes what is pending and, in single-file mode, moves the file into place.
// Nothing is written to a file when no report was.
func (o *output) close() error {
	if o.pending != nil {
		if err := report.WriteJSON(o.w, o.pending); err != nil {
			return err
		}
		o.pending = nil
		o.n++
	}
	if o.tmp == nil {
		return nil
	}
	name := o.tmp.Name()
	if err := o.tmp.Chmod(0o644); err != nil { // CreateTemp makes 0600; a report is for sharing
		o.tmp.Close()
		os.Remove(name)
		return fmt.Errorf("write %s: %w", o.file, err)
	}
	if err := o.tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("write %s: %w", o.file, err)
	}
	o.tmp = nil
	if err := os.Rename(name, o.file); err != nil {
		os.Remove(name)
		return fmt.Errorf("write %s: %w", o.file, err)
	}
	return nil
}

// discard removes a single-file output's temporary file (a run that wrote nothing
// usable).
func (o *output) discard() {
	if o.tmp != nil {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
		o.tmp = nil
	}
}

// uniqueName returns a file name for a cable id that no other file of this run has: two
// copies of one cable (a .txt and a CSV row) get ID.ext and ID-2.ext, and a cable named
// like a file the run writes beside the reports ("compare") gets a suffix too.
func (o *output) uniqueName(id, ext string) string {
	base := safeName(id)
	name := base + ext
	for n := 2; o.names[name] || reservedNames[strings.ToLower(strings.TrimSuffix(name, ext))]; n++ {
		name = fmt.Sprintf("%s-%d%s", base, n, ext)
	}
	o.names[name] = true
	return name
}

func safeName(id string) string {
	id = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == 0 || r == ':' {
			return '_'
		}
		return r
	}, id)
	if id == "" || id == "." || id == ".." {
		return "cable"
	}
	return id
}

// writeFileAtomic writes data to a temporary file beside name and renames it into place,
// so that an interrupted run never leaves half a file.
func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Chmod(0o644); err != nil { // CreateTemp makes 0600; a report is for sharing
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(f.Name(), name); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
