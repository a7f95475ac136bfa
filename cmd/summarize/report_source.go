package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/compare"
)

// reportSource yields the reports a command reads (compare, eval), one at a time, so
// that no command holds them all: report files today, a store tomorrow.
type reportSource interface {
	// Reports calls yield with each report in turn. A report that cannot be read is
	// passed to bad, with an error naming it, and the walk goes on. Reports stops at the
	// first error yield returns, or when ctx is done, and returns that error.
	Reports(ctx context.Context, yield func(*summarizer.Report) error, bad func(error)) error
}

var _ reportSource = fileReports(nil)

// fileReports reads JSON reports (written by summarize --format json) from files and
// directories: a directory gives every *.json directly in it, in name order, except a
// comparison written beside the reports (compare.json).
type fileReports []string

// errNoReports marks a directory without report files.
var errNoReports = errors.New("no JSON reports (*.json) in it")

func (f fileReports) Reports(ctx context.Context, yield func(*summarizer.Report) error, bad func(error)) error {
	read := func(path string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, err := compare.ReadReport(path)
		if err != nil {
			bad(err)
			return nil
		}
		return yield(r)
	}
	for _, arg := range f {
		st, err := os.Stat(arg)
		if err != nil || !st.IsDir() {
			if err := read(arg); err != nil {
				return err
			}
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			bad(fmt.Errorf("read reports %s: %w", arg, err))
			continue
		}
		n := 0
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".json") || name == "compare.json" || strings.HasPrefix(name, ".") {
				continue
			}
			n++
			if err := read(filepath.Join(arg, name)); err != nil {
				return err
			}
		}
		if n == 0 {
			bad(fmt.Errorf("read reports %s: %w", arg, errNoReports))
		}
	}
	return nil
}
