package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/compare"
	"github.com/cablebrief/summarize/summarizer/corpus"
	"github.com/cablebrief/summarize/summarizer/sqlite"
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

// storeReports reads reports from a summarize store (--db). With stancesOnly it reads,
// per cable, only the stances the query selects (a comparison's need: one indexed query
// over the whole store); otherwise whole reports.
type storeReports struct {
	store       *sqlite.Store
	query       sqlite.Query
	stancesOnly bool
}

var _ reportSource = storeReports{}

func (s storeReports) Reports(ctx context.Context, yield func(*summarizer.Report) error, _ func(error)) error {
	if s.stancesOnly {
		return s.store.Stances(ctx, s.query, yield)
	}
	return s.store.Reports(ctx, s.query, yield)
}

// storeQuery narrows a store's rows to at least what f selects (see compare.Filter): the
// cables, the date range, and the actors when no aliases file can rename them. The exact
// filter is applied in Go afterwards.
func storeQuery(f compare.Filter, aliases map[string]string) sqlite.Query {
	q := sqlite.Query{Cables: f.Cables}
	q.From, q.To = f.DateRange()
	if len(aliases) > 0 {
		return q
	}
	for _, a := range f.Actors {
		if c := summarizer.CountryActor(a, ""); c != "" {
			q.ActorKeys = append(q.ActorKeys, "country:"+c)
			continue
		}
		if k := summarizer.ActorKey(a); k != "" {
			q.ActorNames = append(q.ActorNames, k)
		}
		q.ActorNames = append(q.ActorNames, strings.ToLower(strings.Join(strings.Fields(a), " ")))
	}
	return q
}

// openReadStore opens --db FILE for reading: it must exist.
func openReadStore(ctx context.Context, cmdName, path string) (*sqlite.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, usagef("%s: --db %s: %v", cmdName, path, corpus.Describe(err))
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, setupf("%s: --db %s: %v", cmdName, path, err)
	}
	return s, nil
}

// readReports passes every report of src to add, one at a time, and says on stderr (as
// cmd) which could not be read. It returns how many were read and whether one failed;
// the error is src's (a cancelled run).
func readReports(ctx context.Context, e *env, cmd string, src reportSource, add func(*summarizer.Report)) (read int, failed bool, err error) {
	err = src.Reports(ctx, func(r *summarizer.Report) error {
		read++
		add(r)
		return nil
	}, func(err error) {
		fmt.Fprintf(e.stderr, "summarize: %s: %v\n", cmd, err)
		failed = true
	})
	return read, failed, err
}

// reportArgs checks the arguments of a command that reads reports: report files and
// directories, or --db FILE (db points at the flag's value), one of the two.
func reportArgs(cmdName string, db *string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		switch {
		case len(args) == 0 && *db == "":
			return usagef("%s: no reports: give JSON reports written by summarize --format json, directories of them, or --db FILE", cmdName)
		case len(args) > 0 && *db != "":
			return usagef("%s: give report files or --db FILE, not both", cmdName)
		}
		return nil
	}
}
