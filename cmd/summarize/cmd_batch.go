package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/batch"
	"github.com/cablebrief/summarize/summarizer/chat"
	"github.com/cablebrief/summarize/summarizer/corpus"
	"github.com/cablebrief/summarize/summarizer/sqlite"
)

// batchOptions are the --batch flags of the summarize command.
type batchOptions struct {
	on          bool
	poll        time.Duration
	maxRequests int   // hidden: the requests per input file (OpenAI's 50,000)
	maxBytes    int64 // hidden: the bytes per input file (OpenAI's 200 MB)
}

// batchRun is the --batch part of a summarize run: the collector below the cache, the
// engine wrapper that labels calls and holds overviews back, and what the rounds did.
type batchRun struct {
	opts      batchOptions
	dir       string // the work directory: input files, and the state file without --db
	where     string // the run's -o PATH or --db FILE, for messages
	model     string
	collector *batch.Collector
	ledger    batch.Ledger
	stats     batch.Stats
}

// checkBatch refuses what --batch cannot do, before any work.
func checkBatch(cfg *config.Config, opts *summarizeOptions, args []string) error {
	switch {
	case !cfg.UseLLM():
		return usagef("--batch sends the requests to an endpoint's Batch API: configure one (OPENAI_API_KEY, llm.base_url); the offline engine needs no batch")
	case !cfg.Cache.Enabled:
		return usagef("--batch needs the response cache: the batches' answers reach the reports through it; drop --no-cache (cache.enabled)")
	case cfg.LLM.Azure():
		return usagef("--batch: Azure OpenAI's batch layout is not supported; run without --batch")
	case opts.output == "" && opts.db == "":
		return usagef("--batch needs -o PATH or --db FILE: the batches are recorded beside them, so that the same command resumes them")
	}
	for _, a := range args {
		if a == "-" {
			return usagef("--batch reads the input once per round: give files or directories, not - (stdin)")
		}
	}
	return nil
}

// batchDir is the work directory of a batch run: beside the database, else beside -o
// ("out/" → "out.batch").
func batchDir(output, db string) string {
	if db != "" {
		return filepath.Clean(db) + ".batch"
	}
	return filepath.Clean(output) + ".batch"
}

// newBatchRun prepares --batch; the collector is made when the engine is built
// (between).
func newBatchRun(opts *summarizeOptions, store *sqlite.Store) *batchRun {
	br := &batchRun{opts: opts.batch, dir: batchDir(opts.output, opts.db), where: "-o " + opts.output}
	if opts.db != "" {
		br.where = "--db " + opts.db
	}
	br.ledger = ledgerFor(br.dir, store)
	return br
}

// ledgerFor is where batches are recorded: the store, else a state file in dir.
func ledgerFor(dir string, store *sqlite.Store) batch.Ledger {
	if store != nil {
		return storeLedger{store}
	}
	return &batch.FileLedger{Path: filepath.Join(dir, "state.json")}
}

// between returns the wrapper that puts the collector below the cache; nil without
// --batch.
func (br *batchRun) between(cfg *config.Config) func(chat.Completer) chat.Completer {
	if br == nil {
		return nil
	}
	return func(online chat.Completer) chat.Completer {
		br.collector = batch.NewCollector(online, cacheScope(cfg.LLM), chat.BatchOptions{
			MaxTokensField: maxTokensField(cfg.LLM.MaxTokensField),
			Mode:           cfg.LLM.StructuredOutput,
		})
		return br.collector
	}
}

// run runs the batch rounds: collecting passes over args with s, their batches, and the
// filing of the answers in the cache.
func (br *batchRun) run(ctx context.Context, e *env, cfg *config.Config, args []string, s *summarizer.Summarizer, skip func(*summarizer.Cable) bool, be *batch.Engine, notes *engineNotes) error {
	br.model = cfg.LLM.Model
	api, err := chat.NewBatchClient(openAIOptions(cfg.LLM))
	if err != nil {
		return setupf("--batch: %v", err)
	}
	runner, err := batch.NewRunner(batch.Options{
		API:       leanUploads{api},
		Ledger:    br.ledger,
		Collector: br.collector,
		Dir:       br.dir,
		CacheDir:  cfg.Cache.Dir,
		Endpoint:  endpointName(cfg.LLM),
		Limits:    batch.Limits{Requests: br.opts.maxRequests, Bytes: br.opts.maxBytes},
		Poll:      br.opts.poll,
		Log:       e.stderr,
	})
	if err != nil {
		return err
	}
	pass := func(ctx context.Context) error {
		return collectPass(ctx, e, args, s, skip, be, notes)
	}
	br.stats, err = runner.Run(ctx, pass)
	br.stats = runner.Stats()
	return err
}

// leanUploads collects garbage eagerly around an upload: go-openai builds the multipart
// body of a file (up to 200 MB) in memory, and with the run's GOGC of 400 the heap would
// grow to several times that before a collection.
type leanUploads struct{ *chat.BatchClient }

func (l leanUploads) UploadFile(ctx context.Context, path string) (openai.File, error) {
	old := debug.SetGCPercent(50)
	defer func() {
		debug.SetGCPercent(old)
		debug.FreeOSMemory()
	}()
	return l.BatchClient.UploadFile(ctx, path)
}

// collectPass runs the pipeline once over args and writes nothing: the collector below
// the cache records the requests the cache cannot answer.
func collectPass(ctx context.Context, e *env, args []string, s *summarizer.Summarizer, skip func(*summarizer.Cable) bool, be *batch.Engine, notes *engineNotes) error {
	parseWorkers, sumWorkers := pipelineWorkers(s)
	window := corpus.NewWindow(2*(parseWorkers+sumWorkers) + 16)
	parsed := make(chan corpus.Item, parseWorkers)
	summarized := make(chan corpus.Item, sumWorkers)
	go corpus.Parse(ctx, args, e.stdin, corpus.ParseOptions{Workers: parseWorkers, Window: window}, parsed)
	go corpus.Summarize(ctx, s, parsed, summarized, corpus.SummarizeOptions{Workers: sumWorkers, Skip: skip})
	for it := range summarized {
		for _, c := range it.Cables {
			notes.take(c)
			be.Forget(c)
		}
		window.Release()
	}
	return ctx.Err()
}

// pipelineWorkers are the parse and summarize workers of a pass with s: several cables
// in flight per request slot.
func pipelineWorkers(s *summarizer.Summarizer) (parse, sum int) {
	return min(runtime.GOMAXPROCS(0), 4), 4 * max(1, s.Concurrency)
}

// failure is the error of a run whose batch rounds failed with err.
func (br *batchRun) failure(err error) error {
	var nb *batch.NoBatchAPIError
	if errors.As(err, &nb) {
		var b strings.Builder
		fmt.Fprintf(&b, "--batch: the endpoint has no Files/Batch API (%v).\nThe batch input is written; run it with another batch runner, vLLM's for instance, and file its answers in the cache:\n", nb.Err)
		for _, f := range nb.Files {
			out := strings.TrimSuffix(f.Path, ".jsonl") + ".out.jsonl"
			fmt.Fprintf(&b, "  python -m vllm.entrypoints.openai.run_batch -i %s -o %s --model %s\n", f.Path, out, br.model)
			fmt.Fprintf(&b, "  summarize batch import %s %s\n", br.where, out)
		}
		b.WriteString("then run this command again: it answers from the cache, and writes the next round's input (the overviews) the same way")
		return setupf("%s", b.String())
	}
	if chat.Fatal(err) {
		return setupf("--batch: the endpoint refused the batch: %v", err)
	}
	return fmt.Errorf("--batch: %w", err)
}

// running lists the batches left running at the endpoint, for the message of an
// interrupted run.
func (br *batchRun) running(ctx context.Context) []string {
	recs, err := br.ledger.Records(context.WithoutCancel(ctx))
	if err != nil {
		return nil
	}
	var ids []string
	for _, r := range recs {
		if !r.Processed && r.ID != "" {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// interrupted tells what an interrupted batch run leaves behind.
func (br *batchRun) interrupted(ctx context.Context, w io.Writer) {
	if ids := br.running(ctx); len(ids) > 0 {
		fmt.Fprintf(w, "summarize: the batches keep running at the endpoint (%s); the same command again resumes polling them\n", strings.Join(ids, ", "))
	}
}

// note is the usage line's account of the batches: "; batch: 109 requests in 2
// batches over 2 rounds (1 resumed), 105 answers filed, 4 asked online; 6 requests
// online between rounds (12000 prompt + 900 completion tokens); 265042 prompt + 22927
// completion tokens in batches".
func (br *batchRun) note() string {
	if br == nil {
		return ""
	}
	st := br.stats
	if st.Batches == 0 && st.Resumed == 0 {
		return "; batch: nothing to batch, every answer was in the cache"
	}
	s := fmt.Sprintf("; batch: %s in %s over %s", plural(st.Requests, "request"), plural(st.Batches, "batch"), plural(st.Rounds, "round"))
	if st.Resumed > 0 {
		s += fmt.Sprintf(" (and %d resumed)", st.Resumed)
	}
	s += fmt.Sprintf(", %s filed, %d asked online", plural(st.Stored, "answer"), st.Unusable)
	if u := br.collector.Online(); u.Requests > 0 {
		s += fmt.Sprintf("; %s online between rounds (%d prompt + %d completion tokens)", plural(u.Requests, "request"), u.PromptTokens, u.CompletionTokens)
	}
	return s + fmt.Sprintf("; %d prompt + %d completion tokens in batches", st.Prompt, st.Completion)
}

// storeLedger records batches in the store's batches table.
type storeLedger struct{ s *sqlite.Store }

var _ batch.Ledger = storeLedger{}

func (l storeLedger) Records(ctx context.Context) ([]batch.Record, error) {
	rows, err := l.s.Batches(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]batch.Record, len(rows))
	for i, b := range rows {
		out[i] = batch.Record{InputFileID: b.InputFileID, ID: b.ID, File: b.File, Round: b.Round, Endpoint: b.Endpoint,
			Requests: b.Requests, Status: b.Status, Completed: b.Completed, Failed: b.Failed, Stored: b.Stored,
			Processed: b.Processed, CreatedAt: b.CreatedAt, UpdatedAt: b.UpdatedAt}
	}
	return out, nil
}

func (l storeLedger) Save(ctx context.Context, r batch.Record) error {
	return l.s.SaveBatch(ctx, sqlite.Batch{InputFileID: r.InputFileID, ID: r.ID, File: r.File, Round: r.Round, Endpoint: r.Endpoint,
		Requests: r.Requests, Status: r.Status, Completed: r.Completed, Failed: r.Failed, Stored: r.Stored,
		Processed: r.Processed, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt})
}

// The batch command: list, status, cancel, import.

type batchCmdOptions struct {
	output string
	db     string
	limit  int
}

func newBatchCmd(e *env) *cobra.Command {
	opts := &batchCmdOptions{}
	cmd := &cobra.Command{
		Use:   "batch",
		Short: "The batches of summarize --batch runs: list, status, cancel, import",
		Long: `batch manages the batches that summarize --batch submits to an endpoint's Batch API.
-o PATH or --db FILE names the run (as given to summarize --batch): its batches are
recorded in PATH.batch/state.json, or in the database.

  list               the batches recorded for the run (without -o or --db: the endpoint's latest)
  status ID          a batch as the endpoint sees it
  cancel ID          cancel a batch; summarize --batch files what it finished and asks the rest online
  import OUT.jsonl   file the answers of a batch output (vLLM's run_batch, for instance) in the cache`,
	}
	pf := cmd.PersistentFlags()
	pf.StringVarP(&opts.output, "output", "o", "", "the -o PATH of the summarize --batch run")
	pf.StringVar(&opts.db, "db", "", "the --db FILE of the summarize --batch run")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the batches recorded for a run, or the endpoint's latest",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBatchList(cmd.Context(), e, cmd, opts)
		},
	}
	list.Flags().IntVar(&opts.limit, "limit", 20, "without -o or --db: how many of the endpoint's batches (1 to 100)")
	cmd.AddCommand(list,
		&cobra.Command{
			Use:   "status ID",
			Short: "Show a batch as the endpoint sees it",
			Args:  exactArgs(1, "batch status: give a batch id (summarize batch list shows them)"),
			RunE: func(cmd *cobra.Command, args []string) error {
				return runBatchStatus(cmd.Context(), e, cmd, opts, args[0])
			},
		},
		&cobra.Command{
			Use:   "cancel ID",
			Short: "Cancel a batch",
			Args:  exactArgs(1, "batch cancel: give a batch id (summarize batch list shows them)"),
			RunE: func(cmd *cobra.Command, args []string) error {
				return runBatchCancel(cmd.Context(), e, cmd, opts, args[0])
			},
		},
		&cobra.Command{
			Use:   "import OUTPUT.jsonl...",
			Short: "File the answers of a batch output file in the response cache",
			Long: `import reads batch output files in OpenAI's format ({"custom_id", "response":
{"status_code", "body"}, "error"} a line), such as vLLM's run_batch writes for an input
file of summarize --batch, checks each answer as the online path does and files it in the
response cache, so that the same summarize command answers those requests from it.
-o or --db names the run whose input files (PATH.batch/r1-001.jsonl, ...) the output answers.`,
			Args: func(_ *cobra.Command, args []string) error {
				if len(args) == 0 {
					return usagef("batch import: give the batch output files to import")
				}
				return nil
			},
			RunE: func(cmd *cobra.Command, args []string) error {
				return runBatchImport(cmd.Context(), e, cmd, opts, args)
			},
		},
	)
	return cmd
}

func exactArgs(n int, msg string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s", msg)
		}
		return nil
	}
}

// batchLedger opens the ledger of the run -o/--db name; ok is false when neither is given.
func batchLedger(ctx context.Context, opts *batchCmdOptions) (l batch.Ledger, closeFn func(), ok bool, err error) {
	switch {
	case opts.output != "" && opts.db != "":
		return nil, nil, false, usagef("batch: give -o PATH or --db FILE, not both")
	case opts.db != "":
		if _, err := os.Stat(opts.db); err != nil {
			return nil, nil, false, usagef("batch: --db %s: %v", opts.db, err)
		}
		store, err := openStore(ctx, opts.db)
		if err != nil {
			return nil, nil, false, err
		}
		return storeLedger{store}, func() { store.Close() }, true, nil
	case opts.output != "":
		return ledgerFor(batchDir(opts.output, ""), nil), func() {}, true, nil
	}
	return nil, func() {}, false, nil
}

// batchClient builds the client of the configured endpoint.
func batchClient(cmd *cobra.Command, e *env) (*chat.BatchClient, *config.Config, error) {
	cfg, _, err := config.Load(cmd.Flags(), e.getenv)
	if err != nil {
		return nil, nil, usageError{err: err}
	}
	if !cfg.UseLLM() {
		return nil, nil, usagef("batch: no endpoint configured (OPENAI_API_KEY, llm.base_url)")
	}
	c, err := chat.NewBatchClient(openAIOptions(cfg.LLM))
	if err != nil {
		return nil, nil, setupf("batch: %v", err)
	}
	return c, cfg, nil
}

func runBatchList(ctx context.Context, e *env, cmd *cobra.Command, opts *batchCmdOptions) error {
	l, closeFn, ok, err := batchLedger(ctx, opts)
	if err != nil {
		return err
	}
	defer closeFn()
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
	if ok {
		recs, err := l.Records(ctx)
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			fmt.Fprintln(e.stdout, "no batches recorded")
			return nil
		}
		fmt.Fprintln(tw, "BATCH\tROUND\tSTATUS\tREQUESTS\tDONE\tFAILED\tFILED\tCREATED\tINPUT")
		for _, r := range recs {
			status := r.Status
			if r.Processed {
				status += " (filed)"
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\t%d\t%d\t%s\t%s\n", cmp.Or(r.ID, "(not created)"), r.Round, cmp.Or(status, "uploaded"),
				r.Requests, r.Completed, r.Failed, r.Stored, r.CreatedAt.Local().Format("2006-01-02 15:04"), filepath.Base(r.File))
		}
		return tw.Flush()
	}
	c, _, err := batchClient(cmd, e)
	if err != nil {
		return err
	}
	if opts.limit < 1 || opts.limit > 100 {
		return usagef("batch list: --limit %d: want 1 to 100", opts.limit)
	}
	page, err := c.ListBatches(ctx, "", opts.limit)
	if err != nil {
		return batchAPIError(err)
	}
	if len(page.Data) == 0 {
		fmt.Fprintln(e.stdout, "no batches at the endpoint")
		return nil
	}
	fmt.Fprintln(tw, "BATCH\tSTATUS\tREQUESTS\tDONE\tFAILED\tCREATED\tINPUT FILE")
	for _, b := range page.Data {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\n", b.ID, b.Status, b.RequestCounts.Total, b.RequestCounts.Completed,
			b.RequestCounts.Failed, time.Unix(int64(b.CreatedAt), 0).Local().Format("2006-01-02 15:04"), b.InputFileID)
	}
	return tw.Flush()
}

func runBatchStatus(ctx context.Context, e *env, cmd *cobra.Command, opts *batchCmdOptions, id string) error {
	c, _, err := batchClient(cmd, e)
	if err != nil {
		return err
	}
	b, err := c.RetrieveBatch(ctx, id)
	if err != nil {
		return batchAPIError(err)
	}
	printBatch(e.stdout, b)
	return recordStatus(ctx, opts, b, e.stdout)
}

func runBatchCancel(ctx context.Context, e *env, cmd *cobra.Command, opts *batchCmdOptions, id string) error {
	c, _, err := batchClient(cmd, e)
	if err != nil {
		return err
	}
	b, err := c.CancelBatch(ctx, id)
	if err != nil {
		return batchAPIError(err)
	}
	printBatch(e.stdout, b)
	fmt.Fprintln(e.stdout, "The requests it finished are kept: the same summarize --batch command files them in the cache and asks the others online.")
	return recordStatus(ctx, opts, b, e.stdout)
}

// recordStatus updates the run's record of b, if the run records it, and says what it
// knows of it.
func recordStatus(ctx context.Context, opts *batchCmdOptions, b openai.Batch, w io.Writer) error {
	l, closeFn, ok, err := batchLedger(ctx, opts)
	if err != nil || !ok {
		return err
	}
	defer closeFn()
	recs, err := l.Records(ctx)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if r.ID != b.ID {
			continue
		}
		fmt.Fprintf(w, "recorded: round %d, input %s, %d answers filed in the cache", r.Round, r.File, r.Stored)
		if r.Processed {
			fmt.Fprint(w, " (done)")
		}
		fmt.Fprintln(w)
		if !r.Processed {
			r.Status, r.Completed, r.Failed, r.UpdatedAt = b.Status, b.RequestCounts.Completed, b.RequestCounts.Failed, time.Now()
			return l.Save(ctx, r)
		}
		return nil
	}
	fmt.Fprintln(w, "not recorded for this run")
	return nil
}

func printBatch(w io.Writer, b openai.Batch) {
	fmt.Fprintf(w, "%s: %s\n", b.ID, b.Status)
	fmt.Fprintf(w, "  %s, input file %s, window %s\n", b.Endpoint, b.InputFileID, b.CompletionWindow)
	c := b.RequestCounts
	fmt.Fprintf(w, "  requests: %d, %d completed, %d failed\n", c.Total, c.Completed, c.Failed)
	fmt.Fprintf(w, "  created %s", time.Unix(int64(b.CreatedAt), 0).Local().Format(time.RFC3339))
	for _, t := range []struct {
		name string
		at   *int
	}{{"in progress", b.InProgressAt}, {"finalizing", b.FinalizingAt}, {"completed", b.CompletedAt}, {"failed", b.FailedAt},
		{"expired", b.ExpiredAt}, {"cancelling", b.CancellingAt}, {"cancelled", b.CancelledAt}, {"expires", b.ExpiresAt}} {
		if t.at != nil && *t.at != 0 {
			fmt.Fprintf(w, ", %s %s", t.name, time.Unix(int64(*t.at), 0).Local().Format(time.RFC3339))
		}
	}
	fmt.Fprintln(w)
	if b.OutputFileID != nil && *b.OutputFileID != "" {
		fmt.Fprintf(w, "  output file %s\n", *b.OutputFileID)
	}
	if b.ErrorFileID != nil && *b.ErrorFileID != "" {
		fmt.Fprintf(w, "  error file %s\n", *b.ErrorFileID)
	}
	if b.Errors != nil {
		for _, x := range b.Errors.Data {
			line := ""
			if x.Line != nil {
				line = fmt.Sprintf(" (line %d)", *x.Line)
			}
			fmt.Fprintf(w, "  error %s: %s%s\n", x.Code, x.Message, line)
		}
	}
}

func runBatchImport(ctx context.Context, e *env, cmd *cobra.Command, opts *batchCmdOptions, args []string) error {
	if opts.output == "" && opts.db == "" {
		return usagef("batch import: give the -o PATH or --db FILE of the summarize --batch run whose input files the output answers")
	}
	if opts.output != "" && opts.db != "" {
		return usagef("batch: give -o PATH or --db FILE, not both")
	}
	cfg, _, err := config.Load(cmd.Flags(), e.getenv)
	if err != nil {
		return usageError{err: err}
	}
	if !cfg.Cache.Enabled {
		return usagef("batch import files answers in the response cache: drop --no-cache (cache.enabled)")
	}
	dir := batchDir(opts.output, opts.db)
	failed := false
	for _, path := range args {
		f, err := os.Open(path)
		if err != nil {
			reportFailure(e.stderr, path, err)
			failed = true
			continue
		}
		st, err := batch.Import(ctx, dir, cfg.Cache.Dir, f, path)
		f.Close()
		if err != nil {
			reportFailure(e.stderr, path, err)
			failed = true
			continue
		}
		msg := fmt.Sprintf("%s: %s filed in the cache", path, plural(st.Stored, "answer"))
		if st.Unusable > 0 {
			msg += fmt.Sprintf("; %d without a usable answer, asked online by the run (%s)", st.Unusable, st.Why)
		}
		if st.Unknown > 0 {
			msg += fmt.Sprintf("; %s not from an input file in %s", plural(st.Unknown, "line"), dir)
			failed = true
		}
		fmt.Fprintln(e.stdout, msg)
	}
	return partial(failed)
}

// batchAPIError is the error of a batch command's call to the endpoint.
func batchAPIError(err error) error {
	if chat.Fatal(err) {
		return setupf("%v", err)
	}
	return err
}
