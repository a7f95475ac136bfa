// Command summarize turns diplomatic cables into structured briefings: it parses each
// cable into metadata, numbered paragraphs and topic sections, summarises every section
// and labels the stances in it (with an OpenAI-compatible endpoint or the built-in
// offline engine), and writes a report per cable and a comparison across cables.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// The corpus path keeps little alive (one window of cables) and allocates much:
		// collect less often, for a heap of some tens of MB.
		debug.SetGCPercent(400)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
