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
		return usageError{err: err}
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
	out, err := newOutput(opts, len(args) > 1 || anyDir(args) || len(cables) > 1)
	if err != nil {
		return err
	}

	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	guard := &fatalGuard{Engine: eng, stop: stop}
	eng = guard

	total := 0
	for _, c := range cables {
		total += len(c.Sections)
	}
	var progress chat.Progress = chat.NewProgress(nil, total)
	if e.stderrIsTerminal() {
		progress = chat.NewProgress(e.stderr, total) // shows itself only on a run longer than a moment
	}
	s := &summarizer.Summarizer{
		Engine:      eng,
		Labels:      cfg.Labels,
		Concurrency: cfg.LLM.Concurrency,
		SectionDone: progress.Increment,
	}
	reports := make([]*summarizer.Report, len(cables)) // finished
	all := make([]*summarizer.Report, len(cables))     // finished or not, for the usage line
	var mu sync.Mutex                                  // guards stderr lines and failed
	g := new(errgroup.Group)
	// Several cables are in flight per request slot, so that one cable's overview (which
	// waits for its sections) leaves no slot idle; the chat layer bounds the requests.
	g.SetLimit(4 * max(1, cfg.LLM.Concurrency))
	for i, c := range cables {
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			r, err := s.Summarize(ctx, c)
			cancelled := err != nil && ctx.Err() != nil
			if err != nil && !cancelled {
				mu.Lock()
				reportFailure(e.stderr, c.ID, err)
				failed = true
				mu.Unlock()
			}
			if r == nil {
				return nil
			}
			all[i] = r
			r.Warnings = append(r.Warnings, notes.take(c)...)
			if cancelled {
				// Keep what finished: a report with its finished sections, marked
				// incomplete; the cache keeps every answer for the rerun.
				n := cancelledSections(r)
				if n == len(r.Sections) {
					return nil
				}
				r.Warnings = append(r.Warnings, fmt.Sprintf("incomplete: the run was cancelled before %d of %d sections finished; rerun to complete it", n, len(r.Sections)))
				if werr := out.writeReport(i, r, opts.format); werr != nil {
					mu.Lock()
					reportFailure(e.stderr, c.ID, werr)
					mu.Unlock()
				}
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
	writeUsageLine(e.stderr, slices.DeleteFunc(all, func(r *summarizer.Report) bool { return r == nil }))
	if err := guard.fatal(); err != nil {
		return setupf("the endpoint refused the request, stopping: %v (check llm.base_url, llm.api_key and llm.model: summarize config show)", err)
	}
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

// failedSections counts the sections that failed, not counting cancelled ones.
func failedSections(r *summarizer.Report) int {
	n := 0
	for _, s := range r.Sections {
		if s.Error != "" && s.Error != summarizer.ErrorCancelled {
			n++
		}
	}
	return n
}

// cancelledSections counts the sections a cancellation left unfinished.
func cancelledSections(r *summarizer.Report) int {
	n := 0
	for _, s := range r.Sections {
		if s.Error == summarizer.ErrorCancelled {
			n++
		}
	}
	return n
}

// output decides where reports go: stdout (in input order, after the run), one file, or
// one file per cable in a directory (each written as soon as its cable is done).
type output struct {
	dir   string // directory mode when not ""
	file  string // single-file mode when not ""
	mu    sync.Mutex
	buf   map[int][]byte // stdout mode: rendered reports by input position
	rep   map[int]*summarizer.Report
	names map[string]bool // directory mode: file names taken
}

// newOutput decides from the command line, not from what parsed: several inputs (many
// is true when there are several paths, a directory, or several cables in one file) go
// to a directory, one report per cable; so does -o naming an existing directory or
// ending in a slash.
func newOutput(opts *summarizeOptions, many bool) (*output, error) {
	o := &output{buf: map[int][]byte{}, rep: map[int]*summarizer.Report{}, names: map[string]bool{}}
	if opts.output == "" {
		if opts.format == "html" && many {
			return nil, usagef("--format html with several cables needs -o DIR (one file per cable)")
		}
		return o, nil
	}
	st, err := os.Stat(opts.output)
	isDir := err == nil && st.IsDir()
	if many && !isDir && err != nil && filepath.Ext(opts.output) != "" {
		return nil, usagef("-o %s names a file, but there are several cables: give a directory (one report per cable)", opts.output)
	}
	if many || isDir || strings.HasSuffix(opts.output, string(os.PathSeparator)) {
		if err := os.MkdirAll(opts.output, 0o755); err != nil {
			return nil, usagef("-o %s: %v", opts.output, describeOSError(err))
		}
		o.dir = opts.output
		return o, nil
	}
	if st, err := os.Stat(filepath.Dir(opts.output)); err != nil || !st.IsDir() {
		return nil, usagef("-o %s: the directory %s does not exist", opts.output, filepath.Dir(opts.output))
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
		return writeFileAtomic(filepath.Join(o.dir, o.uniqueName(r.Cable.ID, formatExt[format])), b.Bytes())
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

// uniqueName returns a file name for a cable id that no other report of this run has:
// two copies of one cable (a .txt and a CSV row) get ID.ext and ID-2.ext.
func (o *output) uniqueName(id, ext string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	base := safeName(id)
	name := base + ext
	for n := 2; o.names[name]; n++ {
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

func writeComparison(e *env, o *output, opts *summarizeOptions, reports []*summarizer.Report) error {
	aliases, err := loadAliases(opts.aliases)
	if err != nil {
		return err
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
	switch opts.format {
	case "markdown":
		io.WriteString(e.stdout, "\n---\n\n")
	case "json":
		// After the reports' JSON Lines, the comparison is one more line.
		var line bytes.Buffer
		if err := json.Compact(&line, b.Bytes()); err == nil {
			line.WriteByte('\n')
			b = line
		}
	}
	_, err = e.stdout.Write(b.Bytes())
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

// writeUsageLine prints the one summary line of what the run cost, and the claims the
// summaries make that their cables do not ("3 unsupported claims in 2 sections"; the
// overview counts as a section).
func writeUsageLine(w io.Writer, reports []*summarizer.Report) {
	var u summarizer.Usage
	sections, failed, cancelled, claims, flagged := 0, 0, 0, 0, 0
	for _, r := range reports {
		u.Add(r.Usage)
		sections += len(r.Sections)
		failed += failedSections(r)
		cancelled += cancelledSections(r)
		c, f := summarizer.UnsupportedCount(r)
		claims, flagged = claims+c, flagged+f
	}
	state := fmt.Sprintf("%d failed", failed)
	if cancelled > 0 {
		state += fmt.Sprintf(", %d cancelled", cancelled)
	}
	unsupported := "0 unsupported claims"
	if claims > 0 {
		unsupported = plural(claims, "unsupported claim") + " in " + plural(flagged, "section")
	}
	fmt.Fprintf(w, "summarize: %s, %s (%s); %s, %s, %s, %s; %d prompt + %d completion tokens (%d cached); %s\n",
		plural(len(reports), "cable"), plural(sections, "section"), state, plural(u.Requests, "request"),
		plural(u.Retries, "retry"), plural(u.ReAsks, "re-ask"), plural(u.CacheHits, "cache hit"),
		u.PromptTokens, u.CompletionTokens, u.CachedTokens, unsupported)
}

// plural writes "1 cable", "2 cables", "3 retries".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// anyDir reports whether a path argument is a directory.
func anyDir(args []string) bool {
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}
