package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cablebrief/summarize/summarizer"
)

// loadReport reads a report fixture of testdata/report or testdata/compare/reports.
func loadReport(t testing.TB, path string) *summarizer.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	var r summarizer.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &r
}

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "reports.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func begin(t testing.TB, s *Store) int64 {
	t.Helper()
	id, err := s.BeginRun(context.Background(), Run{Command: "summarize --db x", Engine: summarizer.EngineInfo{Provider: "offline"}, Fingerprint: "fp1"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// normalize makes nil and empty lists equal and drops what the store recomputes.
var normalize = cmp.Options{cmpopts.EquateEmpty()}

func TestRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	run := begin(t, s)
	want := loadReport(t, "report/07PARIS2726.json")
	if err := s.Put(ctx, want, PutOptions{RunID: run, Fingerprint: "fp1", Complete: true}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Report(ctx, want.Cable.ID)
	if err != nil {
		t.Fatal(err)
	}
	want.Positions = summarizer.Positions(want.Sections) // the store recomputes them
	if diff := cmp.Diff(want, got, normalize); diff != "" {
		t.Errorf("report changed through the store (-want +got):\n%s", diff)
	}
}

func TestPutReplacesAndDone(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	run := begin(t, s)
	r := loadReport(t, "report/07PARIS2726.json")
	matches := func() int {
		var n int
		if err := s.DB().QueryRow(`SELECT count(*) FROM section_text WHERE section_text MATCH 'Kouchner'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var once int
	for i, fp := range []string{"fp1", "fp1", "fp2"} {
		if err := s.Put(ctx, r, PutOptions{RunID: run, Fingerprint: fp, Complete: true}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			once = matches() // DB() commits what Put wrote
		}
	}
	if _, err := s.DB().Exec(`INSERT INTO section_text (section_text) VALUES ('integrity-check')`); err != nil {
		t.Errorf("full-text index damaged by the replacements: %v", err)
	}
	if once == 0 || matches() != once {
		t.Errorf("full-text matches after three puts: %d, after one: %d; want equal and not 0", matches(), once)
	}
	for _, q := range []struct {
		sql  string
		want int
	}{
		{"SELECT count(*) FROM cables", 1},
		{"SELECT count(*) FROM sections", len(r.Sections)},
		{"SELECT count(*) FROM stances", countStances(r)},
		{"SELECT count(*) FROM paragraphs", len(r.Cable.Paragraphs)},
	} {
		var n int
		if err := s.DB().QueryRow(q.sql).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != q.want {
			t.Errorf("%s = %d, want %d (a report stored more than once?)", q.sql, n, q.want)
		}
	}
	s.Flush()
	for _, tt := range []struct {
		fp   string
		want bool
	}{{"fp2", true}, {"fp1", false}} {
		if got, err := s.Done(ctx, r.Cable.ID, tt.fp); err != nil || got != tt.want {
			t.Errorf("Done(%s) = %v, %v; want %v", tt.fp, got, err, tt.want)
		}
	}
	// A partial report, or one with a failed section, is not done.
	r.Sections[2].Error = "no valid answer"
	if err := s.Put(ctx, r, PutOptions{RunID: run, Fingerprint: "fp2", Complete: true}); err != nil {
		t.Fatal(err)
	}
	s.Flush()
	if got, _ := s.Done(ctx, r.Cable.ID, "fp2"); got {
		t.Error("Done = true for a report with a failed section")
	}
	r.Sections[2].Error = ""
	if err := s.Put(ctx, r, PutOptions{RunID: run, Fingerprint: "fp2", Complete: false}); err != nil {
		t.Fatal(err)
	}
	s.Flush()
	if got, _ := s.Done(ctx, r.Cable.ID, "fp2"); got {
		t.Error("Done = true for an incomplete report")
	}
}

func countStances(r *summarizer.Report) int {
	n := 0
	for _, s := range r.Sections {
		n += len(s.Stances)
	}
	return n
}

func TestFullTextAndViews(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	run := begin(t, s)
	if err := s.Put(ctx, loadReport(t, "report/07PARIS2726.json"), PutOptions{RunID: run, Fingerprint: "fp1", Complete: true}); err != nil {
		t.Fatal(err)
	}
	var titles string
	err := s.DB().QueryRow(`SELECT group_concat(x.title, '|') FROM section_text JOIN sections x ON x.id = section_text.rowid
		WHERE section_text MATCH 'Hizballah'`).Scan(&titles)
	if err != nil {
		t.Fatal(err)
	}
	// Hizballah is named in the summary and under LEBANON, nowhere else.
	if got := strings.Split(titles, "|"); len(got) != 2 || !slices.Contains(got, "LEBANON") {
		t.Errorf("full-text matches for Hizballah are in %q, want the summary and LEBANON", titles)
	}
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM positions WHERE actor_key = 'kouchner' AND topic = 'IRAN'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("positions view has no Kouchner row on IRAN")
	}
	var ok string
	if err := s.DB().QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
}

func TestStancesFilter(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	run := begin(t, s)
	dir := filepath.Join("..", "..", "testdata", "compare", "reports")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) < 5 {
		t.Fatalf("fixtures missing in %s", dir)
	}
	for _, f := range files {
		r := loadReport(t, filepath.Join("compare", "reports", filepath.Base(f)))
		if err := s.Put(ctx, r, PutOptions{RunID: run, Fingerprint: "fp1", Complete: true}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		q    Query
		ok   func(r *summarizer.Report, st summarizer.Stance) bool
	}{
		{"actor", Query{ActorNames: []string{"kouchner"}}, func(_ *summarizer.Report, st summarizer.Stance) bool {
			return strings.Contains(strings.ToLower(st.Actor), "kouchner")
		}},
		{"dates", Query{From: "2007-01-01", To: "2007-12-31"}, func(r *summarizer.Report, _ summarizer.Stance) bool {
			return strings.HasPrefix(r.Cable.Date, "2007") || r.Cable.Date == ""
		}},
		{"country", Query{ActorKeys: []string{"country:spain"}}, func(_ *summarizer.Report, st summarizer.Stance) bool {
			return summarizer.ActorMatchKey(st.Actor, st.Affiliation) == "country:spain"
		}},
		{"cables", Query{Cables: []string{"07PARIS2726", "07PARIS4357"}}, func(r *summarizer.Report, _ summarizer.Stance) bool {
			return r.Cable.ID == "07PARIS2726" || r.Cable.ID == "07PARIS4357"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, last := 0, ""
			err := s.Stances(ctx, tt.q, func(r *summarizer.Report) error {
				if r.Cable.Date+r.Cable.ID < last {
					t.Errorf("%s out of date order", r.Cable.ID)
				}
				last = r.Cable.Date + r.Cable.ID
				for _, sec := range r.Sections {
					for _, st := range sec.Stances {
						n++
						if tt.ok != nil && !tt.ok(r, st) {
							t.Errorf("%s: stance %+v does not match %+v", r.Cable.ID, st, tt.q)
						}
						if len(st.Evidence) == 0 {
							t.Errorf("%s: stance without evidence", r.Cable.ID)
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Errorf("no stance matched %+v", tt.q)
			}
		})
	}
	stop := errors.New("stop")
	if err := s.Reports(ctx, Query{}, func(*summarizer.Report) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("Reports error = %v, want the callback's", err)
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("these are my notes, not a database\n"), 0o644)
	if _, err := Open(context.Background(), notDB); err == nil {
		t.Error("Open(a text file) succeeded")
	}
	s, path := openTemp(t)
	if _, err := s.DB().Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(context.Background(), path); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Open(newer schema) error = %v, want ErrNewerSchema", err)
	}
}

// TestPutCommitsWithinDelay: a report Put writes is visible to another connection
// within commitDelay, without Flush (what a killed run keeps).
func TestPutCommitsWithinDelay(t *testing.T) {
	s, path := openTemp(t)
	if err := s.Put(context.Background(), loadReport(t, "report/07PARIS2726.json"), PutOptions{RunID: begin(t, s), Fingerprint: "fp", Complete: true}); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	deadline := time.Now().Add(10 * commitDelay)
	for {
		var n int
		if err := other.QueryRow("SELECT count(*) FROM cables").Scan(&n); err == nil && n == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the report was not committed within %s", 10*commitDelay)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
