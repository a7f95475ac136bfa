package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/eval"
)

type evalOptions struct {
	gold    []string
	format  string
	verbose bool
	db      string
}

func newEvalCmd(e *env) *cobra.Command {
	opts := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval --gold DIR [flags] REPORT.json|DIR... | --db FILE",
		Short: "Score reports against hand annotations (gold), to pick a model, a prompt or an engine",
		Long: `eval scores JSON reports (written with summarize --format json; a directory gives every
*.json in it) against hand annotations in --gold directories: <ID>.json segmentation
gold (ANNOTATION.md) and <ID>.stances.json stance gold (STANCE_ANNOTATION.md).

It prints section boundary F1, title match, metadata accuracy and paragraph count; stance
triplet (section, actor, label) precision, recall and F1, label accuracy on matched
actors, supports↔opposes flips, the share of quotes grounded and the share of summaries
with unsupported claims. A gold cable without a report counts as missed; a report
without gold is ignored. The text format lists every difference; --format json gives
them with --verbose. The README explains the matching rules.`,
		Args: reportArgs("eval", &opts.db),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.db == "" {
				return runEval(cmd.Context(), e, opts, fileReports(args))
			}
			store, err := openReadStore(cmd.Context(), "eval", opts.db)
			if err != nil {
				return err
			}
			defer store.Close()
			return runEval(cmd.Context(), e, opts, storeReports{store: store})
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.gold, "gold", nil, "a directory of gold files (<ID>.json, <ID>.stances.json); repeatable")
	f.StringVar(&opts.format, "format", "text", "output format: text or json")
	f.BoolVarP(&opts.verbose, "verbose", "v", false, "with --format json, also list every difference")
	f.StringVar(&opts.db, "db", "", "score the reports of this store (written with summarize --db) instead of files")
	return cmd
}

// runEval loads the gold, scores the reports of src one at a time and prints the result.
func runEval(ctx context.Context, e *env, opts *evalOptions, src reportSource) error {
	if opts.format != "text" && opts.format != "json" {
		return usagef("eval: --format %q is not one of text, json", opts.format)
	}
	if len(opts.gold) == 0 {
		return usagef("eval: no --gold directory")
	}
	gold := &eval.Gold{Segmentation: map[string]*eval.SegmentationGold{}, Stances: map[string]*eval.StanceGold{}}
	for _, dir := range opts.gold {
		g, err := eval.LoadGold(dir)
		if err != nil {
			return usageError{err: fmt.Errorf("eval: %w", err)}
		}
		if err := gold.Merge(g); err != nil {
			return usageError{err: fmt.Errorf("eval: %w", err)}
		}
	}
	sc := eval.NewScorer(gold)
	_, failed, err := readReports(ctx, e, "eval", src, func(r *summarizer.Report) { sc.Add(r) })
	if err != nil {
		return err
	}
	res := sc.Finish()
	if opts.format == "json" {
		if !opts.verbose {
			res.SegmentationDiffs, res.StanceDiffs = nil, nil
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("eval: write json: %w", err)
		}
	} else if err := writeEvalText(e.stdout, res, opts.gold); err != nil {
		return err
	}
	return partial(failed || res.Reports == 0)
}

// writeEvalText prints an eval result for a person: what was scored, the figures, and
// every difference.
func writeEvalText(w io.Writer, res eval.Result, dirs []string) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("Scored %s against the gold in %s (%s).\n", plural(res.Scored, "report"), strings.Join(dirs, ", "), plural(res.GoldCables, "annotated cable"))
	if n := len(res.Missed); n > 0 {
		p("Missed: %s without a report, scored as missed: %s.\n", plural(n, "gold cable"), strings.Join(res.Missed, ", "))
	}
	if res.Ignored > 0 {
		p("Ignored: %s of cables without gold.\n", plural(res.Ignored, "report"))
	}
	if n := len(res.Duplicates); n > 0 {
		p("Ignored: %s of cables already scored: %s.\n", plural(n, "second report"), strings.Join(res.Duplicates, ", "))
	}
	line := func(name, value, detail string) {
		p("%s\n", strings.TrimRight(fmt.Sprintf("  %-26s %-7s %s", name, value, detail), " "))
	}
	if s := res.Segmentation; s != nil {
		p("\nSegmentation (%s)\n", plural(s.Cables, "cable"))
		line("section boundary F1", f3(s.BoundaryF1), fmt.Sprintf("precision %s, recall %s", f3(s.Precision), f3(s.Recall)))
		line("title match", f3(s.Title), "of the sections found")
		line("metadata accuracy", f3(s.Metadata), fieldMisses(res.FieldMisses))
		line("paragraph count", f3(s.ParagraphCount), "cables whose count is exact")
	}
	if s := res.Stances; s != nil {
		p("\nStances (%s)\n", plural(s.Cables, "cable"))
		line("precision", f3(s.Precision), fmt.Sprintf("%d of %s produced", s.TP, plural(s.Produced, "triple")))
		line("recall", f3(s.Recall), fmt.Sprintf("%d of %d in the gold", s.TP, s.Gold))
		line("F1", f3(s.F1), "")
		line("label accuracy", f3(s.LabelAccuracy), "on the gold's (section, actor) pairs the report has")
		line("supports↔opposes flips", fmt.Sprint(s.Flips), "")
		line("quotes grounded", f3(s.Grounded), "")
		line("unsupported claims", f3(s.Unsupported), "of the summaries")
	}
	for _, d := range []struct {
		name  string
		lines []string
	}{{"Segmentation differences", res.SegmentationDiffs}, {"Stance differences", res.StanceDiffs}} {
		if len(d.lines) == 0 {
			continue
		}
		p("\n%s\n", d.name)
		for _, l := range d.lines {
			p("  %s\n", l)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	return nil
}

func f3(x float64) string { return fmt.Sprintf("%.3f", x) }

// fieldMisses lists the metadata misses by field: "misses: date 2, signer 1".
func fieldMisses(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return "misses: " + strings.Join(parts, ", ")
}
