package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/sqlite"
)

// TestMain lets a test run the real command as a child process (for SIGKILL): with
// SUMMARIZE_TEST_MAIN set, the test binary is summarize.
func TestMain(m *testing.M) {
	if os.Getenv("SUMMARIZE_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// csvOf writes the release's cables.csv form of n copies of the testdata cables, each row
// with its own refid, and returns its path.
func csvOf(t testing.TB, n int) string {
	t.Helper()
	names := []string{"07PARIS2726.txt", "08RABAT185.txt", "09TELAVIV2502.txt", "07PARIS4357.txt", "08LONDON1991.txt"}
	var b strings.Builder
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	for i := range n {
		text, err := os.ReadFile(repoFile(t, "cables/"+names[i%len(names)]))
		if err != nil {
			t.Fatal(err)
		}
		cols := []string{fmt.Sprint(i + 1), "6/26/2007 8:49", fmt.Sprintf("07TEST%d", i+1), "Embassy Paris", "CONFIDENTIAL", "", "", string(text)}
		for j, c := range cols {
			cols[j] = `"` + esc.Replace(c) + `"`
		}
		b.WriteString(strings.Join(cols, ",") + "\n")
	}
	path := filepath.Join(t.TempDir(), "cables.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func query(t testing.TB, db, q string) int {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestStoreResume(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "reports.db")
	csv := csvOf(t, 6)
	r := runCLI(t, nil, "", "--db", db, csv)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("--db without -o wrote to stdout: %.200q", r.stdout)
	}
	if n := query(t, db, "SELECT count(*) FROM cables"); n != 6 {
		t.Errorf("stored %d cables, want 6", n)
	}
	if n := query(t, db, "SELECT count(*) FROM cables WHERE date = '2007-06-26' AND origin LIKE 'AMEMBASSY %'"); n != 6 {
		t.Errorf("%d cables carry the CSV's date and their FM line's origin, want 6", n)
	}
	r = runCLI(t, nil, "", "--db", db, csv)
	if r.code != 0 || !strings.Contains(r.stderr, "0 cables (6 more already stored, skipped)") {
		t.Errorf("rerun: exit %d, stderr %q; want every cable skipped", r.code, r.stderr)
	}
	r = runCLI(t, nil, "", "--db", db, "--force", csv)
	if r.code != 0 || !strings.Contains(r.stderr, "summarize: 6 cables,") {
		t.Errorf("--force: exit %d, stderr %q; want every cable redone", r.code, r.stderr)
	}
	if n := query(t, db, "SELECT count(*) FROM cables"); n != 6 {
		t.Errorf("after --force %d cables, want 6 (none twice)", n)
	}
	if n := query(t, db, "SELECT count(*) FROM runs WHERE status = 'done' AND finished_at IS NOT NULL"); n != 3 {
		t.Errorf("%d finished runs recorded, want 3", n)
	}
	// A label set of one's own is another engine: nothing is skipped.
	r = runCLI(t, map[string]string{"SUMMARIZE_LABELS": "agree,disagree"}, "", "--db", db, csv)
	if !strings.Contains(r.stderr, "summarize: 6 cables,") {
		t.Errorf("other labels: stderr %q, want every cable redone", r.stderr)
	}
	// With -o as well, the reports are written too.
	out := filepath.Join(dir, "out")
	r = runCLI(t, nil, "", "--db", db, "--force", "--format", "json", "-o", out, csv)
	if files, _ := filepath.Glob(filepath.Join(out, "*.json")); r.code != 0 || len(files) != 6 {
		t.Errorf("--db with -o: exit %d, %d files; want 6 reports", r.code, len(files))
	}
}

func TestStoreSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the command as a child process")
	}
	db := filepath.Join(t.TempDir(), "reports.db")
	csv := csvOf(t, 400)
	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "--db", db, csv)
		cmd.Env = append(os.Environ(), "SUMMARIZE_TEST_MAIN=1", "XDG_CACHE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir(), "GOMAXPROCS=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	cmd := start()
	// Kill it once some cables are stored, while others are in flight.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if n := countIfExists(db); n >= 10 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no cable stored within a minute")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	stored := query(t, db, "SELECT count(*) FROM cables")
	if stored >= 400 {
		t.Skip("the run finished before the kill")
	}
	check := func() {
		t.Helper()
		s, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var ok string
		if err := s.DB().QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Errorf("integrity_check = %q, %v", ok, err)
		}
		var orphans int
		s.DB().QueryRow("SELECT count(*) FROM sections WHERE cable_id NOT IN (SELECT id FROM cables)").Scan(&orphans)
		if orphans > 0 {
			t.Errorf("%d sections without their cable", orphans)
		}
	}
	check()
	if n := query(t, db, "SELECT count(*) FROM runs WHERE status = 'running'"); n != 1 {
		t.Errorf("%d runs left running, want the killed one", n)
	}
	// The same command again finishes the rest without redoing what was stored.
	cmd = start()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("rerun: %v", err)
	}
	check()
	if n := query(t, db, "SELECT count(*) FROM cables"); n != 400 {
		t.Errorf("after the rerun %d cables, want 400", n)
	}
	if n := query(t, db, "SELECT skipped FROM runs ORDER BY id DESC LIMIT 1"); n != stored {
		t.Errorf("the rerun skipped %d cables, want the %d stored before the kill", n, stored)
	}
}

// countIfExists counts the stored cables, or returns 0 while the database is not there.
func countIfExists(db string) int {
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	d, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		return 0
	}
	defer d.Close()
	var n int
	if d.QueryRow("SELECT count(*) FROM cables").Scan(&n) != nil {
		return 0
	}
	return n
}

func TestFlagsCheckedBeforeWork(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	seed := repoFile(t, "cables/07PARIS2726.txt")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing aliases", []string{"--compare", "--aliases", filepath.Join(dir, "nonexistent.txt"), "-o", out, seed}, "nonexistent.txt"},
		{"db in a missing directory", []string{"--db", filepath.Join(dir, "no", "such", "x.db"), "-o", out, seed}, "does not exist"},
		{"db that is not a database", []string{"--db", seed, "-o", out, seed}, "not a"},
		{"force without db", []string{"--force", "-o", out, seed}, "--force"},
		{"bad format", []string{"--format", "pdf", "-o", out, seed}, "pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.RemoveAll(out)
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d naming %q", r.code, r.stderr, exitUsage, tt.want)
			}
			if files, _ := filepath.Glob(filepath.Join(out, "*")); len(files) > 0 {
				t.Errorf("work was done before the error: %v", files)
			}
		})
	}
}

func TestFormatInAnyCase(t *testing.T) {
	r := runCLI(t, nil, "", "--format", "JSON", repoFile(t, "cables/08RABAT185.txt"))
	if r.code != 0 || !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("--format JSON: exit %d, stdout %.80q", r.code, r.stdout)
	}
	r = runCLI(t, nil, "", "parse", "--format", "Text", repoFile(t, "cables/08RABAT185.txt"))
	if r.code != 0 || strings.HasPrefix(r.stdout, "{") {
		t.Errorf("parse --format Text: exit %d, stdout %.80q", r.code, r.stdout)
	}
}

func TestReportNamesNeverCollide(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	// A document without a reference id is named after its file: compare.txt is "compare".
	os.WriteFile(filepath.Join(in, "compare.txt"), []byte("Notes of a meeting.\n\nThe minister agreed with the plan.\n"), 0o644)
	b, _ := os.ReadFile(repoFile(t, "cables/07PARIS2726.txt"))
	os.WriteFile(filepath.Join(in, "07PARIS2726.txt"), b, 0o644)
	out := filepath.Join(dir, "out")
	r := runCLI(t, nil, "", "--compare", "-o", out, in)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	cmp, err := os.ReadFile(filepath.Join(out, "compare.md"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(cmp), "The minister agreed") {
		t.Error("compare.md holds the report of compare.txt")
	}
	if _, err := os.Stat(filepath.Join(out, "compare-2.md")); err != nil {
		t.Errorf("the report of compare.txt is not beside the comparison: %v", err)
	}
}

func TestParseConcatenatedStdinStreams(t *testing.T) {
	// Several cables on stdin: JSON Lines, in input order.
	var in strings.Builder
	for _, name := range []string{"cables/odd/csv/cables_sample.csv"} {
		b, err := os.ReadFile(repoFile(t, name))
		if err != nil {
			t.Skip(err)
		}
		in.Write(b)
	}
	r := runCLI(t, nil, in.String(), "parse", "-")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 2 || !strings.Contains(lines[0], `"66BUENOSAIRES2481"`) || !strings.Contains(lines[1], `"72TEHRAN1164"`) {
		t.Errorf("exit %d, %d lines: %.300q", r.code, len(lines), r.stdout)
	}
	if !strings.Contains(lines[0], `"date":"1966-12-28"`) {
		t.Errorf("the CSV's date column is not used: %.300q", lines[0])
	}
}

// TestCompareAndEvalFromStore: the store gives the same comparison and the same scores as
// the report files of the same run.
func TestCompareAndEvalFromStore(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "r.db"), filepath.Join(dir, "reports")
	cables := repoFile(t, "compare/cables")
	if r := runCLI(t, nil, "", "--db", db, "--format", "json", "-o", out, cables); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, args := range [][]string{
		{"--format", "csv"},
		{"--format", "markdown", "--actor", "Kouchner"},
		{"--format", "json", "--actor", "France", "--from", "2007", "--to", "2008-06"},
		{"--format", "csv", "--topic", "Iran", "--cable", "07PARIS2726", "--cable", "09PARIS1040"},
	} {
		files := runCLI(t, nil, "", append(append([]string{"compare"}, args...), out)...)
		store := runCLI(t, nil, "", append(append([]string{"compare"}, args...), "--db", db)...)
		if files.code != 0 || store.code != 0 {
			t.Fatalf("compare %v: exit %d (files), %d (store): %s %s", args, files.code, store.code, files.stderr, store.stderr)
		}
		if files.stdout != store.stdout {
			t.Errorf("compare %v: the store's comparison differs from the files':\nfiles:\n%.600s\nstore:\n%.600s", args, files.stdout, store.stdout)
		}
	}
	gold := []string{"--gold", repoFile(t, "eval/stances"), "--gold", repoFile(t, "gold")}
	files := runCLI(t, nil, "", append(append([]string{"eval", "--format", "json"}, gold...), out)...)
	store := runCLI(t, nil, "", append([]string{"eval", "--format", "json", "--db", db}, gold...)...)
	if files.stdout != store.stdout || files.code != store.code {
		t.Errorf("eval from the store differs from the files':\n%s\n%s", files.stdout, store.stdout)
	}
	if r := runCLI(t, nil, "", "compare", "--db", db, out); r.code != exitUsage {
		t.Errorf("compare with files and --db: exit %d, want %d", r.code, exitUsage)
	}
	if r := runCLI(t, nil, "", "compare", "--db", filepath.Join(dir, "none.db")); r.code != exitUsage {
		t.Errorf("compare --db of a missing file: exit %d, want %d", r.code, exitUsage)
	}
}

func TestIncompleteNote(t *testing.T) {
	r := &summarizer.Report{Sections: make([]summarizer.SectionReport, 2)}
	if got := incompleteNote(r, 0); strings.Contains(got, "0 of 2") || !strings.Contains(got, "overview") {
		t.Errorf("all sections finished, overview cut: %q", got)
	}
	if got := incompleteNote(r, 1); !strings.Contains(got, "1 of 2 sections unfinished") {
		t.Errorf("one section cut: %q", got)
	}
}

func TestCommandLineRedactsURLPasswords(t *testing.T) {
	got := commandLine([]string{"--base-url", "https://me:s3cret@gw.example/v1", "--model=m", "--base-url=http://u:p4ss@h/v1", "cables.csv"})
	if strings.Contains(got, "s3cret") || strings.Contains(got, "p4ss") {
		t.Errorf("commandLine = %q, holds a password", got)
	}
	if !strings.Contains(got, "--model=m") || !strings.Contains(got, "cables.csv") || !strings.Contains(got, "gw.example") {
		t.Errorf("commandLine = %q, lost the rest of the command", got)
	}
}
