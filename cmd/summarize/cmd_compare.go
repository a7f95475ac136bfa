package main

import (
	"bytes"
	"context"

	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/compare"
)

type compareOptions struct {
	format  string
	output  string
	aliases string
	top     int
	filter  compare.Filter
	db      string
}

func newCompareCmd(e *env) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare [flags] REPORT.json|DIR... | --db FILE",
		Short: "Compare positions across the JSON reports of several cables",
		Long: `compare merges JSON reports (written with summarize --format json; a directory gives
every *.json in it) into one view of who took which position on what, and when: each
actor's stances per topic and cable, every target with its label, oldest first. A
reversal of an actor's stance on the same proposition over time is flagged ⟳ changed,
opposite stances on it within one cable ⚠ contradiction. Actors are merged by name and
affiliation; --aliases adds what rules cannot know. Reports are read one at a time.

--actor, --topic, --from, --to and --cable select what is compared (each repeatable
filter matches any of its values). Markdown and HTML show a comparison of fewer than
100 cables as an actor × topic matrix when it fits; a larger one topic by topic, the 10
topics found in the most cables and on each the 10 actors found on it in the most
cables, saying what was left out (--top N changes the 10; --top 0 shows everything).
CSV and JSON hold every position unless --top is given.`,
		Args: reportArgs("compare", &opts.db),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.db == "" {
				return runCompare(cmd.Context(), e, opts, fileReports(args))
			}
			if err := opts.filter.Validate(); err != nil {
				return usagef("compare: %v", err)
			}
			aliases, err := loadAliases(opts.aliases)
			if err != nil {
				return err
			}
			store, err := openReadStore(cmd.Context(), "compare", opts.db)
			if err != nil {
				return err
			}
			defer store.Close()
			return runCompare(cmd.Context(), e, opts, storeReports{store: store, query: storeQuery(opts.filter, aliases), stancesOnly: true})
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "markdown", "output format: markdown, html, csv or json")
	f.StringVarP(&opts.output, "output", "o", "", "write to this file instead of stdout")
	f.StringVar(&opts.aliases, "aliases", "", `a file of actor aliases, one "alias = canonical" a line (# comments)`)
	f.IntVar(&opts.top, "top", -1, "keep the N topics found in the most cables and, on each, the N actors found on it in the most cables; 0 keeps everything; -1 keeps 10 in markdown and html when 100 cables or more are compared, else everything")
	f.StringArrayVar(&opts.filter.Actors, "actor", nil, `only this actor's stances ("Kouchner", "France", "Embassy"); repeatable`)
	f.StringArrayVar(&opts.filter.Topics, "topic", nil, `only stances on this topic ("Iran", "IR", or words of a section title); repeatable`)
	f.StringVar(&opts.filter.From, "from", "", "only cables dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVar(&opts.filter.To, "to", "", "only cables dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringArrayVar(&opts.filter.Cables, "cable", nil, "only this cable (its id); repeatable")
	f.StringVar(&opts.db, "db", "", "read the reports from this store (written with summarize --db) instead of files; the filters narrow it in SQL")
	return cmd
}

// runCompare reads the reports of src one at a time into a comparison and writes it.
// Flags, the aliases file and the filter are checked before any report is read.
func runCompare(ctx context.Context, e *env, opts *compareOptions, src reportSource) error {
	format, err := normFormat(opts.format, compare.Formats...)
	if err != nil {
		return usagef("compare: %v", err)
	}
	if err := opts.filter.Validate(); err != nil {
		return usagef("compare: %v", err)
	}
	opts.format = format
	aliases, err := loadAliases(opts.aliases)
	if err != nil {
		return err
	}
	b := compare.NewBuilder(compare.Options{Aliases: aliases, Filter: opts.filter})
	read, failed, err := readReports(ctx, e, "compare", src, func(r *summarizer.Report) { b.Add(r) })
	if err != nil {
		return err
	}
	if read == 0 {
		return errPartial
	}
	var buf bytes.Buffer
	if err := compare.Write(&buf, b.Comparison(), opts.format, opts.top); err != nil {
		return err
	}
	if opts.output != "" {
		if err := writeFileAtomic(opts.output, buf.Bytes()); err != nil {
			return err
		}
	} else if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	return partial(failed)
}

// loadAliases reads the --aliases file; "" is none.
func loadAliases(path string) (map[string]string, error) {
	if path == "" {
		return nil, nil
	}
	a, err := compare.LoadAliases(path)
	if err != nil {
		return nil, usageError{err: err}
	}
	return a, nil
}
