package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/corpus"
	"github.com/cablebrief/summarize/summarizer/report"
)

type parseOptions struct {
	format string
}

func newParseCmd(e *env) *cobra.Command {
	opts := &parseOptions{}
	cmd := &cobra.Command{
		Use:   "parse [--format json|text] PATH...",
		Short: "Parse cables into metadata, numbered paragraphs and sections",
		Long: `parse prints what the parser finds in each cable: header metadata, the cleaned numbered
paragraphs and the topic sections. json prints one JSON object per cable: indented when
there is one, JSON Lines (one object a line) when there are several; text prints a
readable outline. Inputs of any size are streamed: the release's cables.csv is read row
by row.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("parse: no input: give a cable file, a directory or - for stdin")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runParse(cmd.Context(), e, opts, args)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "json", "output format: json or text")
	return cmd
}

func runParse(ctx context.Context, e *env, opts *parseOptions, args []string) error {
	format, err := normFormat(opts.format, "json", "text")
	if err != nil {
		return usagef("parse: %v", err)
	}
	workers := min(runtime.GOMAXPROCS(0), 4)
	window := corpus.NewWindow(4*workers + 8)
	_, total := corpus.Size(args)
	progress := &corpus.Progress{TotalBytes: total}
	progress.Start(e.stderr, e.stderrIsTerminal())
	items := make(chan corpus.Item, workers)
	go corpus.Parse(ctx, args, e.stdin, corpus.ParseOptions{Workers: workers, Window: window, Progress: progress}, items)
	p := &parsePrinter{w: e.stdout, format: format}
	failed := false
	corpus.Ordered(items, func(it corpus.Item) {
		defer window.Release()
		if it.Err != nil {
			reportFailure(e.stderr, it.Name, it.Err)
			failed = true
			return
		}
		for _, c := range it.Cables {
			if p.err == nil {
				p.print(c)
			}
			progress.CableDone(len(c.Sections), 0)
		}
	})
	progress.Stop()
	if p.err == nil {
		p.flush()
	}
	if p.err != nil {
		return p.err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return partial(failed)
}

// parsePrinter prints parsed cables as they come: JSON (one indented object for one
// cable, JSON Lines for several: the first waits for the second) or a text outline.
type parsePrinter struct {
	w       io.Writer
	format  string
	n       int
	pending *summarizer.Cable
	err     error
}

func (p *parsePrinter) print(c *summarizer.Cable) {
	if p.format == "text" {
		if p.n > 0 {
			fmt.Fprintln(p.w)
		}
		p.n++
		p.err = report.WriteOutline(p.w, c)
		return
	}
	if p.n == 0 && p.pending == nil {
		p.pending = c
		return
	}
	if p.pending != nil {
		p.line(p.pending)
		p.pending = nil
	}
	p.line(c)
}

func (p *parsePrinter) line(c *summarizer.Cable) {
	if p.err != nil {
		return
	}
	b, err := json.Marshal(c)
	if err != nil {
		p.err = fmt.Errorf("parse %s: encode: %w", c.ID, err)
		return
	}
	p.n++
	_, p.err = fmt.Fprintf(p.w, "%s\n", b)
}

func (p *parsePrinter) flush() {
	if p.pending == nil {
		return
	}
	b, err := json.MarshalIndent(p.pending, "", "  ")
	if err != nil {
		p.err = fmt.Errorf("parse %s: encode: %w", p.pending.ID, err)
		return
	}
	_, p.err = fmt.Fprintf(p.w, "%s\n", b)
}
