package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer/chat"
)

func newCacheCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Manage the on-disk cache of endpoint answers",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "clear",
		Short: "Remove every cached answer",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, _, err := config.Load(cmd.Flags(), e.getenv)
			if err != nil {
				return usageError{err: err}
			}
			n, err := chat.ClearCache(cfg.Cache.Dir)
			if err != nil {
				return fmt.Errorf("cache clear: %w", err)
			}
			fmt.Fprintf(e.stdout, "removed %d cached answer(s) from %s\n", n, cfg.Cache.Dir)
			return nil
		},
	})
	return cmd
}
