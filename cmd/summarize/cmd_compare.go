package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/summarizer/compare"
)

type compareOptions struct {
	format  string
	output  string
	aliases string
}

func newCompareCmd(e *env) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare [flags] REPORT.json...",
		Short: "Compare positions across the JSON reports of several cables",
		Long: `compare merges JSON reports (written with summarize --format json) into one view: rows
actors, columns topics, cells the label and target with the cable id and date, ordered by
date. An actor's change of position on a topic over time, and contradictions within one
cable, are flagged. Actors are merged by name and affiliation; --aliases adds what rules
cannot know.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("compare: no reports: give JSON reports written by summarize --format json")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			return runCompare(e, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "markdown", "output format: markdown, html, csv or json")
	f.StringVarP(&opts.output, "output", "o", "", "write to this file instead of stdout")
	f.StringVar(&opts.aliases, "aliases", "", `a file of actor aliases, one "alias = canonical" a line (# comments)`)
	return cmd
}

func runCompare(e *env, opts *compareOptions, args []string) error {
	format, err := normFormat(opts.format, "markdown", "html", "csv", "json")
	if err != nil {
		return usagef("compare: %v", err)
	}
	opts.format = format
	aliases, err := loadAliases(opts.aliases)
	if err != nil {
		return err
	}
	reports, rerr := compare.ReadReports(expandReports(args))
	failed := false
	if rerr != nil {
		for _, err := range unwrapAll(rerr) {
			fmt.Fprintf(e.stderr, "summarize: compare: %v\n", err)
		}
		failed = true
	}
	if len(reports) == 0 {
		return errPartial
	}
	cmp := compare.Build(reports, compare.Options{Aliases: aliases})
	var b bytes.Buffer
	if err := writeComparisonFormat(&b, cmp, opts.format); err != nil {
		return err
	}
	if opts.output != "" {
		if err := writeFileAtomic(opts.output, b.Bytes()); err != nil {
			return err
		}
	} else if _, err := e.stdout.Write(b.Bytes()); err != nil {
		return err
	}
	return partial(failed)
}

// expandReports replaces each directory argument by the report *.json files in it (sorted).
func expandReports(args []string) []string {
	var out []string
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			m, _ := filepath.Glob(filepath.Join(a, "*.json"))
			// A comparison written beside the reports (summarize --compare -o DIR) is not one.
			m = slices.DeleteFunc(m, func(p string) bool { return filepath.Base(p) == "compare.json" })
			sort.Strings(m)
			if len(m) > 0 {
				out = append(out, m...)
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// unwrapAll splits an errors.Join into its errors.
func unwrapAll(err error) []error {
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		return j.Unwrap()
	}
	return []error{err}
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
