package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/config"
)

func newConfigCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the effective configuration or write a starter file",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "show",
		Short: "Print the effective configuration and where each value came from (API key redacted)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, src, err := config.Load(cmd.Flags(), e.getenv)
			if cfg != nil && src != nil {
				if serr := config.Show(e.stdout, cfg, src); serr != nil {
					return serr
				}
			}
			if err != nil {
				return usageError{err: err}
			}
			return nil
		},
	})
	var force bool
	initCmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starter configuration file (default ./summarize.yaml; - for stdout)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			path := "summarize.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			if path == "-" {
				_, err := fmt.Fprint(e.stdout, config.InitFile())
				return err
			}
			if err := config.WriteInit(path, force); err != nil {
				if errors.Is(err, fs.ErrExist) {
					return setupf("config init: %s exists; --force overwrites it", path)
				}
				return usageError{err: err}
			}
			fmt.Fprintf(e.stdout, "wrote %s\n", path)
			return nil
		},
	}
	initCmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	cmd.AddCommand(initCmd)
	return cmd
}
