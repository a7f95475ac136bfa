package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
	"github.com/cablebrief/summarize/summarizer/compare"
	"github.com/cablebrief/summarize/summarizer/report"
)

type summarizeOptions struct {
	format  string
	output  string
	dryRun  bool
	compare bool
	aliases string
}

var formatExt = map[string]string{"markdown": ".md", "json": ".json", "html": ".html"}

func runSummarize(ctx context.Context, e *env, cmd *cobra.Command, opts *summarizeOptions, args []string) error {
	if !slices.Contains(report.Formats, opts.format) {
		return usagef("--format %q is not one of %s", opts.format, strings.Join(report.Formats, ", "))
	}
	cfg, src, err := config.Load(cmd.Flags(), e.getenv)
	if err != nil {
		return usageError{err}
	}
	for _, w := range src.Warnings {
		fmt.Fprintf(e.stderr, "summarize: warning: %s\n", w)
	}
	failed := false
	var cables []*summarizer.Cable
	for _, p := range parseInputs(collectInputs(args, e.stdin)) {
		if p.err != nil {
			reportFailure(e.stderr, p.name, p.err)
			failed = true
		}
		cables = append(cables, p.cables...)
	}
	notes := &engineNotes{}
	eng, err := buildEngine(cfg, e.stderr, notes)
	if err != nil {
		return err
	}
	if opts.dryRun {
		est, _ := eng.(estimator)
		if err := writePlan(e.stdout, cfg, cables, est); err != nil {
			return err
		}
		return partial(failed)
	}
	if len(cables) == 0 {
		return errPartial
	}
	out, err := newOutput(opts, len(cables))
	if err != nil {
		return err
	}

	total := 0
	for _, c := range cables {
		total += len(c.Sections)
	}
	var progress chat.Progress = chat.NewProgress(nil, total)
	if e.stderrIsTerminal() && total > 20 {
		progress = chat.NewProgress(e.stderr, total)
	}
	s := &summarizer.Summarizer{
		Engine:      eng,
		Labels:      cfg.Labels,
		Concurrency: cfg.LLM.Concurrency,
		SectionDone: progress.Increment,
	}
	reports := make([]*summarizer.Report, len(cables))
	var mu sync.Mutex // guards stderr lines and failed
	g := new(errgroup.Group)
	g.SetLimit(max(1, cfg.LLM.Concurrency))
	for i, c := range cables {
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			r, err := s.Summarize(ctx, c)
			if err != nil && ctx.Err() == nil {
				mu.Lock()
				reportFailure(e.stderr, c.ID, err)
				failed = true
				mu.Unlock()
			}
			if r == nil {
				return nil
			}
			r.Warnings = append(r.Warnings, notes.take(c)...)
			if ctx.Err() != nil && r.Overview.BottomLine == "" {
				// Unfinished: the cache keeps its finished calls for the next run.
				return nil
			}
			reports[i] = r
			if n := failedSections(r); n > 0 {
				mu.Lock()
				fmt.Fprintf(e.stderr, "summarize: %s: %d of %d sections failed (see the report)\n", c.ID, n, len(r.Sections))
				failed = true
				mu.Unlock()
			}
			if werr := out.writeReport(i, r, opts.format); werr != nil {
				mu.Lock()
				reportFailure(e.stderr, c.ID, werr)
				failed = true
				mu.Unlock()
			}
			return nil
		})
	}
	_ = g.Wait()
	progress.Wait()

	done := slices.DeleteFunc(slices.Clone(reports), func(r *summarizer.Report) bool { return r == nil })
	if err := out.flush(e.stdout, opts.format); err != nil {
		return err
	}
	if opts.compare && len(done) > 0 {
		if err := writeComparison(e, out, opts, done); err != nil {
			return err
		}
	}
	writeUsageLine(e.stderr, done)
	if err := ctx.Err(); err != nil {
		return err
	}
	return partial(failed)
}

func partial(failed bool) error {
	if failed {
		return errPartial
	}
	return nil
}

func failedSections(r *summarizer.Report) int {
	n := 0
	for _, s := range r.Sections {
		if s.Error != "" {
			n++
		}
	}
	return n
}

// output decides where reports go: stdout (in input order, after the run), one file, or
// one file per cable in a directory (each written as soon as its cable is done).
type output struct {
	dir  string // directory mode when not ""
	file string // single-file mode when not ""
	mu   sync.Mutex
	buf  map[int][]byte // stdout mode: rendered reports by input position
	rep  map[int]*summarizer.Report
}

func newOutput(opts *summarizeOptions, n int) (*output, error) {
	o := &output{buf: map[int][]byte{}, rep: map[int]*summarizer.Report{}}
	if opts.output == "" {
		if opts.format == "html" && n > 1 {
			return nil, usagef("--format html with %d cables needs -o DIR (one file per cable)", n)
		}
		return o, nil
	}
	st, err := os.Stat(opts.output)
	isDir := err == nil && st.IsDir()
	if n > 1 || isDir || strings.HasSuffix(opts.output, string(os.PathSeparator)) {
		if err := os.MkdirAll(opts.output, 0o755); err != nil {
			return nil, usagef("-o %s: %v", opts.output, describeOSError(err))
		}
		o.dir = opts.output
		return o, nil
	}
	o.file = opts.output
	return o, nil
}

func (o *output) writeReport(i int, r *summarizer.Report, format string) error {
	var b bytes.Buffer
	if o.dir == "" && o.file == "" && format == "json" {
		// Several reports on stdout are JSON Lines; one is indented.
		if err := json.NewEncoder(&b).Encode(r); err != nil {
			return err
		}
	} else if err := report.Write(&b, format, r); err != nil {
		return fmt.Errorf("render %s: %w", format, err)
	}
	switch {
	case o.dir != "":
		name := filepath.Join(o.dir, safeName(r.Cable.ID)+formatExt[format])
		return writeFileAtomic(name, b.Bytes())
	case o.file != "":
		return writeFileAtomic(o.file, b.Bytes())
	}
	o.mu.Lock()
	o.buf[i] = b.Bytes()
	o.rep[i] = r
	o.mu.Unlock()
	return nil
}

// flush writes the buffered stdout reports in input order.
func (o *output) flush(w io.Writer, format string) error {
	if o.dir != "" || o.file != "" {
		return nil
	}
	order := slices.Sorted(maps.Keys(o.buf))
	for i, k := range order {
		b := o.buf[k]
		if format == "json" && len(order) == 1 {
			var ind bytes.Buffer
			if err := report.WriteJSON(&ind, o.rep[k]); err != nil {
				return err
			}
			b = ind.Bytes()
		}
		if i > 0 && format == "markdown" {
			if _, err := io.WriteString(w, "\n---\n\n"); err != nil {
				return err
			}
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
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
// so that an interrupted run never leaves half a report.
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

func writeComparison(e *env, o *output, opts *summarizeOptions, reports []*summarizer.Report) error {
	var aliases map[string]string
	if opts.aliases != "" {
		a, err := compare.LoadAliases(opts.aliases)
		if err != nil {
			return usageError{err}
		}
		aliases = a
	}
	cmp := compare.Build(reports, compare.Options{Aliases: aliases})
	var b bytes.Buffer
	if err := writeComparisonFormat(&b, cmp, opts.format); err != nil {
		return err
	}
	switch {
	case o.dir != "":
		return writeFileAtomic(filepath.Join(o.dir, "compare"+formatExt[opts.format]), b.Bytes())
	case o.file != "":
		ext := filepath.Ext(o.file)
		return writeFileAtomic(strings.TrimSuffix(o.file, ext)+".compare"+ext, b.Bytes())
	}
	if opts.format == "markdown" {
		io.WriteString(e.stdout, "\n---\n\n")
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

// writeUsageLine prints the one summary line of what the run cost.
func writeUsageLine(w io.Writer, reports []*summarizer.Report) {
	var u summarizer.Usage
	sections, failed := 0, 0
	for _, r := range reports {
		u.Add(r.Usage)
		sections += len(r.Sections)
		failed += failedSections(r)
	}
	fmt.Fprintf(w, "summarize: %d cable(s), %d section(s) (%d failed); %d request(s), %d retr(ies), %d re-ask(s), %d cache hit(s); %d prompt + %d completion tokens (%d cached)\n",
		len(reports), sections, failed, u.Requests, u.Retries, u.ReAsks, u.CacheHits, u.PromptTokens, u.CompletionTokens, u.CachedTokens)
}
