package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/cablebrief/summarize/config"
)

// env is what a command may touch of the process: its streams and environment.
type env struct {
	args   []string // the command line, without the program name
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// stderrIsTerminal reports whether progress bars may be drawn.
func (e *env) stderrIsTerminal() bool {
	f, ok := e.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// run is main without the process: it parses args, runs the command and returns the exit
// code. Errors are printed once, here.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{args: args, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil, errors.Is(err, errPartial):
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "summarize: cancelled; the reports that finished were written, and the cache keeps every answer received, so a rerun resumes")
	default:
		fmt.Fprintf(stderr, "summarize: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) && ue.hint {
			fmt.Fprintln(stderr, "Run 'summarize --help' for usage.")
		}
	}
	return exitCode(err)
}

func newRootCmd(e *env) *cobra.Command {
	opts := &summarizeOptions{}
	root := &cobra.Command{
		Use:   "summarize [flags] PATH...",
		Short: "Brief diplomatic cables: sections, summaries, stances, comparisons",
		Long: `summarize parses diplomatic cables (the State Department telegram format of the 2010
release and older declassified cables), splits each into its topic sections by the
cable's own headings, summarises each section and labels who holds which position on
what (with the quote that shows it), and merges everything into a report.

PATH is a file, a directory (every *.txt, *.html, *.csv and *.tsv under it) or - for
stdin. The release's cables.csv is read row by row, whatever its size; a single plain-text
or HTML cable may be up to 20 MB.
With no API key and no base URL configured, the built-in offline engine is used.`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("no input: give a cable file, a directory or - for stdin")
			}
			return runSummarize(cmd.Context(), e, cmd, opts, args)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err: err, hint: true} })
	config.AddFlags(root.PersistentFlags())
	f := root.Flags()
	f.StringVar(&opts.format, "format", "markdown", "report format: markdown, json or html")
	f.StringVarP(&opts.output, "output", "o", "", "write to this file, or to this directory one report per cable")
	f.BoolVar(&opts.dryRun, "dry-run", false, "print the plan (cables, sections, calls, estimated tokens) and send nothing")
	f.BoolVar(&opts.compare, "compare", false, "also compare positions across the cables (written after the reports, or to -o/compare.<ext>)")
	f.StringVar(&opts.aliases, "aliases", "", `with --compare: a file of actor aliases, one "alias = canonical" a line`)
	f.StringVar(&opts.db, "db", "", "store every report in this SQLite database (created if needed); without -o nothing else is written; a rerun skips the cables already stored by the same engine")
	f.BoolVar(&opts.force, "force", false, "with --db: redo the cables already stored")
	f.BoolVar(&opts.batch.on, "batch", false, "send the requests as batches (OpenAI's Batch API: half the price, within 24h); needs -o or --db, where the batches are recorded to resume")
	f.DurationVar(&opts.batch.poll, "batch-poll", 30*time.Second, "with --batch: how often to look at the batches in flight")
	f.IntVar(&opts.batch.maxRequests, "batch-max-requests", 0, "with --batch: requests per batch file (default OpenAI's 50,000)")
	f.Int64Var(&opts.batch.maxBytes, "batch-max-bytes", 0, "with --batch: bytes per batch file (default OpenAI's 200 MB)")
	f.MarkHidden("batch-max-requests")
	f.MarkHidden("batch-max-bytes")

	root.AddCommand(newParseCmd(e), newCompareCmd(e), newBriefCmd(e), newEvalCmd(e), newConfigCmd(e), newCacheCmd(e), newBatchCmd(e))
	return root
}
