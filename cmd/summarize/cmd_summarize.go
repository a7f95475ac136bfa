package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/batch"
	"github.com/cablebrief/summarize/summarizer/corpus"
	"github.com/cablebrief/summarize/summarizer/report"
	"github.com/cablebrief/summarize/summarizer/sqlite"
)

type summarizeOptions struct {
	format  string
	output  string
	dryRun  bool
	compare bool
	aliases string
	db      string
	force   bool
	batch   batchOptions
}

func runSummarize(ctx context.Context, e *env, cmd *cobra.Command, opts *summarizeOptions, args []string) error {
	// Everything the command line names is checked before any work.
	format, err := normFormat(opts.format, report.Formats...)
	if err != nil {
		return usagef("%v", err)
	}
	opts.format = format
	if opts.force && opts.db == "" {
		return usagef("--force redoes cables stored in a database: it needs --db FILE")
	}
	cfg, src, err := config.Load(cmd.Flags(), e.getenv)
	if err != nil {
		return usageError{err: err}
	}
	for _, w := range src.Warnings {
		fmt.Fprintf(e.stderr, "summarize: warning: %s\n", w)
	}
	if opts.batch.on && !opts.dryRun {
		if err := checkBatch(cfg, opts, args); err != nil {
			return err
		}
	}
	aliases, err := loadAliases(opts.aliases)
	if err != nil {
		return err
	}
	var out *output
	if !opts.dryRun && (opts.db == "" || opts.output != "") {
		if out, err = newOutput(opts.format, opts.output, manyInputs(args), e.stdout); err != nil {
			return err
		}
	}
	var store *sqlite.Store
	if opts.db != "" {
		if store, err = openStore(ctx, opts.db); err != nil {
			return err
		}
		defer store.Close()
	}
	_, total := corpus.Size(args)
	progress := &corpus.Progress{TotalBytes: total}
	notes := &engineNotes{}
	var br *batchRun
	if opts.batch.on && !opts.dryRun {
		br = newBatchRun(opts, store)
	}
	eng, err := buildEngineWith(cfg, progress.Writer(e.stderr), notes, br.between(cfg))
	if err != nil {
		return err
	}
	fingerprint := sqlite.Fingerprint(eng.Info(), cfg.Labels)
	if opts.dryRun {
		est, _ := eng.(estimator)
		p := &planner{w: e.stdout, cfg: cfg, est: est}
		if store != nil && !opts.force {
			p.done = func(c *summarizer.Cable) bool { ok, _ := store.Done(ctx, c.ID, fingerprint); return ok }
		}
		return p.run(ctx, args, e.stdin)
	}

	interrupted := ctx.Done() // Ctrl-C: exit 130, whatever else stopped the run
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	guard := &fatalGuard{Engine: eng, stop: stop}
	var engine summarizer.Engine = guard
	if br != nil {
		// The batch rounds fill the cache; the run below answers from it.
		be := batch.NewEngine(guard)
		engine = be
		s := &summarizer.Summarizer{Engine: be, Labels: cfg.Labels, Concurrency: cfg.LLM.Concurrency}
		if err := br.run(ctx, e, cfg, args, s, doneIn(ctx, store, opts, fingerprint), be, notes); err != nil {
			select {
			case <-interrupted:
				br.interrupted(ctx, e.stderr)
				return context.Canceled
			default:
			}
			if ferr := guard.fatal(); ferr != nil {
				return ferr
			}
			return br.failure(err)
		}
	}

	w := &writer{e: e, out: out, notes: notes}
	if opts.compare {
		w.cmp = newComparison(aliases)
	}
	var runID int64
	if store != nil {
		runID, err = store.BeginRun(ctx, sqlite.Run{Command: commandLine(e.args), Engine: eng.Info(), Labels: cfg.Labels, Fingerprint: fingerprint})
		if err != nil {
			return setupf("--db %s: %v", opts.db, err)
		}
		w.store, w.runID, w.fingerprint = store, runID, fingerprint
	}

	llm := cfg.UseLLM()
	parseWorkers := min(runtime.GOMAXPROCS(0), 4)
	sumWorkers, sectionsAtOnce := runtime.GOMAXPROCS(0), 1 // the offline engine is bound by the CPU
	if llm {
		// Several cables are in flight per request slot, so that one cable's overview (which
		// waits for its sections) leaves no slot idle; the chat layer bounds the requests.
		sumWorkers, sectionsAtOnce = 4*max(1, cfg.LLM.Concurrency), cfg.LLM.Concurrency
	}
	window := corpus.NewWindow(2*(parseWorkers+sumWorkers) + 16)
	progress.Extra = func() string {
		if now, configured, _, ok := concurrencyLimit(guard); ok {
			return fmt.Sprintf("concurrency %d of %d", now, configured)
		}
		return ""
	}
	progress.Start(e.stderr, e.stderrIsTerminal())

	s := &summarizer.Summarizer{Engine: engine, Labels: cfg.Labels, Concurrency: sectionsAtOnce}
	parsed := make(chan corpus.Item, parseWorkers)
	summarized := make(chan corpus.Item, sumWorkers)
	go corpus.Parse(ctx, args, e.stdin, corpus.ParseOptions{Workers: parseWorkers, Window: window, Progress: progress}, parsed)
	sopts := corpus.SummarizeOptions{Workers: sumWorkers, Progress: progress, Skip: doneIn(ctx, store, opts, fingerprint)}
	go corpus.Summarize(ctx, s, parsed, summarized, sopts)
	emit := func(it corpus.Item) {
		w.item(ctx, it)
		window.Release()
	}
	if out != nil && out.dir == "" {
		corpus.Ordered(summarized, emit) // stdout and one file keep the input order
	} else {
		for it := range summarized {
			emit(it)
		}
	}
	progress.Stop()

	if out != nil {
		if err := out.close(); err != nil {
			return err
		}
	}
	if w.cmp != nil && w.cmp.len() > 0 {
		if err := w.cmp.write(e, out, opts.format); err != nil {
			return err
		}
	}
	w.writeUsageLine(e.stderr, concurrencyNote(eng)+br.note())
	status := "done"
	switch {
	case ctx.Err() != nil:
		status = "cancelled"
	case w.failed:
		status = "partial"
	}
	if store != nil {
		if err := store.FinishRun(runID, w.stats(status)); err != nil {
			fmt.Fprintf(e.stderr, "summarize: %v\n", err)
		}
	}
	select {
	case <-interrupted:
		return context.Canceled
	default:
	}
	if err := guard.fatal(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if w.reports == 0 && w.skipped == 0 {
		return errPartial
	}
	return partial(w.failed)
}

// doneIn returns the test of a cable already stored by this engine, or nil without a
// store or with --force.
func doneIn(ctx context.Context, store *sqlite.Store, opts *summarizeOptions, fingerprint string) func(*summarizer.Cable) bool {
	if store == nil || opts.force {
		return nil
	}
	return func(c *summarizer.Cable) bool {
		ok, err := store.Done(ctx, c.ID, fingerprint)
		return err == nil && ok
	}
}

// manyInputs reports whether the command line names several cables for sure: several
// paths, a directory, or a dump of the release (a .csv or .tsv file).
func manyInputs(args []string) bool {
	if len(args) > 1 {
		return true
	}
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			return true
		}
		switch strings.ToLower(filepath.Ext(a)) {
		case ".csv", ".tsv":
			return true
		}
	}
	return false
}

// openStore opens --db FILE, creating it; its directory must exist.
func openStore(ctx context.Context, path string) (*sqlite.Store, error) {
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return nil, usagef("--db %s: the directory %s does not exist", path, filepath.Dir(path))
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, usagef("--db %s is a directory: give a database file", path)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, setupf("--db %s: %v", path, err)
	}
	return s, nil
}

// commandLine is the run's command line for the runs table, as given to run (there is
// no flag for a key); a password in a URL (--base-url https://user:pass@host) is
// redacted.
func commandLine(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		name, value, ok := strings.Cut(a, "=")
		if !ok {
			name, value = "", a
		}
		if u, err := url.Parse(value); err == nil && u.User != nil {
			value = u.Redacted()
		}
		if name != "" {
			value = name + "=" + value
		}
		out[i] = value
	}
	return "summarize " + strings.Join(out, " ")
}

// writer consumes the finished items of the pipeline, in its one goroutine: it reports
// failures on stderr, writes the reports (files, stdout, the store, the comparison) and
// counts what the run did. It keeps counts, never the reports.
type writer struct {
	e           *env
	out         *output // nil: no files (--db without -o)
	notes       *engineNotes
	store       *sqlite.Store
	runID       int64
	fingerprint string
	cmp         *comparison

	failed                                     bool
	reports, skipped, sections, failedSections int
	cancelled                                  int
	unsupported, unsupportedSections           int
	usage                                      summarizer.Usage
}

func (w *writer) item(ctx context.Context, it corpus.Item) {
	if it.Err != nil {
		reportFailure(w.e.stderr, it.Name, it.Err)
		w.failed = true
		return
	}
	for i, c := range it.Cables {
		if it.Skipped[i] {
			w.skipped++
			continue
		}
		r, err := it.Reports[i], it.Errs[i]
		cancelled := err != nil && ctx.Err() != nil
		if err != nil && !cancelled {
			reportFailure(w.e.stderr, c.ID, err)
			w.failed = true
		}
		if r == nil {
			continue
		}
		r.Warnings = append(r.Warnings, w.notes.take(c)...)
		w.count(r)
		complete := true
		if cancelled {
			// Keep what finished: a report with its finished sections, marked incomplete;
			// the cache keeps every answer for the rerun.
			n := cancelledSections(r)
			if n == len(r.Sections) {
				continue
			}
			complete = false
			r.Warnings = append(r.Warnings, incompleteNote(r, n))
		} else if n := failedSections(r); n > 0 {
			fmt.Fprintf(w.e.stderr, "summarize: %s: %d of %d sections failed (see the report)\n", c.ID, n, len(r.Sections))
			w.failed = true
		}
		w.reports++
		if w.out != nil {
			if err := w.out.write(r); err != nil {
				reportFailure(w.e.stderr, c.ID, err)
				w.failed = true
			}
		}
		if w.store != nil {
			if err := w.store.Put(ctx, r, sqlite.PutOptions{RunID: w.runID, Fingerprint: w.fingerprint, Complete: complete}); err != nil {
				reportFailure(w.e.stderr, c.ID, err)
				w.failed = true
			}
		}
		if w.cmp != nil && complete {
			w.cmp.add(r)
		}
	}
}

// incompleteNote is the warning of a report that a cancelled run cut short.
func incompleteNote(r *summarizer.Report, unfinished int) string {
	if unfinished == 0 {
		return "incomplete: the run was cancelled before the overview was written; rerun to complete it"
	}
	return fmt.Sprintf("incomplete: the run was cancelled with %d of %d sections unfinished; rerun to complete it", unfinished, len(r.Sections))
}

func (w *writer) count(r *summarizer.Report) {
	w.usage.Add(r.Usage)
	w.sections += len(r.Sections)
	w.failedSections += failedSections(r)
	w.cancelled += cancelledSections(r)
	claims, flagged := summarizer.UnsupportedCount(r)
	w.unsupported += claims
	w.unsupportedSections += flagged
}

func (w *writer) stats(status string) sqlite.RunStats {
	return sqlite.RunStats{Status: status, Cables: w.reports, Skipped: w.skipped, Sections: w.sections, Failed: w.failedSections,
		Requests: w.usage.Requests, PromptTokens: w.usage.PromptTokens, Completions: w.usage.CompletionTokens}
}

// writeUsageLine prints the one summary line of what the run did and cost; note ends it
// (the endpoint's concurrency).
func (w *writer) writeUsageLine(out io.Writer, note string) {
	state := fmt.Sprintf("%d failed", w.failedSections)
	if w.cancelled > 0 {
		state += fmt.Sprintf(", %d cancelled", w.cancelled)
	}
	cables := plural(w.reports, "cable")
	if w.skipped > 0 {
		cables += fmt.Sprintf(" (%d more already stored, skipped)", w.skipped)
	}
	u := w.usage
	line := fmt.Sprintf("summarize: %s, %s (%s); %s, %s, %s, %s; %d prompt + %d completion tokens (%d cached)",
		cables, plural(w.sections, "section"), state, plural(u.Requests, "request"),
		plural(u.Retries, "retry"), plural(u.ReAsks, "re-ask"), plural(u.CacheHits, "cache hit"),
		u.PromptTokens, u.CompletionTokens, u.CachedTokens)
	if w.unsupported > 0 {
		line += fmt.Sprintf("; %s in %s", plural(w.unsupported, "unsupported claim"), plural(w.unsupportedSections, "section"))
	} else {
		line += "; 0 unsupported claims"
	}
	fmt.Fprintln(out, line+note)
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

// plural writes "1 cable", "2 cables", "3 retries".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	if strings.HasSuffix(noun, "ch") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// reportFailure prints the one-line error for an input on w.
func reportFailure(w io.Writer, name string, err error) {
	msg := err.Error()
	// The parser names the file itself ("parse NAME: …"); do not say it twice.
	if !strings.HasPrefix(msg, name+": ") && !strings.Contains(msg, " "+name+": ") && !strings.HasPrefix(msg, name+":") {
		msg = name + ": " + msg
	}
	fmt.Fprintf(w, "summarize: %s\n", msg)
}
