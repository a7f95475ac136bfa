package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

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
paragraphs and the topic sections. json prints one JSON object per cable (JSON Lines when
there are several); text prints a readable outline.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("parse: no input: give a cable file, a directory or - for stdin")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runParse(e, opts, args)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "json", "output format: json or text")
	return cmd
}

func runParse(e *env, opts *parseOptions, args []string) error {
	if opts.format != "json" && opts.format != "text" {
		return usagef("parse: --format %q is not one of json, text", opts.format)
	}
	parsed := parseInputs(collectInputs(args, e.stdin))
	total := 0
	for _, p := range parsed {
		total += len(p.cables)
	}
	failed := false
	first := true
	for _, p := range parsed {
		if p.err != nil {
			reportFailure(e.stderr, p.name, p.err)
			failed = true
			if len(p.cables) == 0 {
				continue
			}
		}
		for _, c := range p.cables {
			switch opts.format {
			case "json":
				var b []byte
				var err error
				if total == 1 {
					b, err = json.MarshalIndent(c, "", "  ")
				} else {
					b, err = json.Marshal(c)
				}
				if err != nil {
					return fmt.Errorf("parse %s: encode: %w", p.name, err)
				}
				if _, err := fmt.Fprintf(e.stdout, "%s\n", b); err != nil {
					return err
				}
			case "text":
				if !first {
					fmt.Fprintln(e.stdout)
				}
				if err := report.WriteOutline(e.stdout, c); err != nil {
					return err
				}
			}
			first = false
		}
	}
	if failed {
		return errPartial
	}
	return nil
}
