// Package sqlite stores reports in a SQLite database, through modernc.org/sqlite (pure Go:
// no C compiler needed). The schema (schema.sql, embedded) has one row per cable with its
// paragraphs, sections, stances and evidence, the runs that wrote them, indexes for the
// questions by actor, topic and date, and a full-text index over section text and
// summaries; the README documents it with example queries.
//
// Reports are written in transactions of many reports (committed at least every
// second), in WAL mode, so a run killed at any moment (SIGKILL included) leaves a
// database that passes PRAGMA integrity_check and holds every report whose transaction
// committed, each whole and exactly once. A report replaces an earlier one of the same
// cable.
//
// A Store is safe for concurrent use; writes are serialised.
package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/cablebrief/summarize/summarizer"
)

//go:embed schema.sql
var schema string

// migrations[v] turns a database of schema version v into version v+1.
var migrations = map[int]string{1: migration2}

//go:embed migration_2.sql
var migration2 string

// SchemaVersion is the version of schema.sql, kept in PRAGMA user_version. Version 2 added
// the batches table; Open migrates a version-1 database.
const SchemaVersion = 2

// ErrNewerSchema is returned by Open for a database written by a newer summarize.
var ErrNewerSchema = errors.New("the database was written by a newer version of summarize")

// Store is an open database.
type Store struct {
	db  *sql.DB
	mu  sync.Mutex // serialises writes: one transaction at a time
	now func() time.Time

	tx      *wtx         // the open transaction of Put, or nil
	pending []pendingPut // the reports in tx
	timer   *time.Timer
}

// Open opens the database at path, creating it with the schema when it does not exist.
// It fails on a file that is not a SQLite database, or one of a newer schema version.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)", "busy_timeout(10000)", "temp_store(MEMORY)", "cache_size(-65536)", "wal_autocheckpoint(8192)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Keep the connections open: the writer's and one per concurrent reader (Done is asked
	// from every summarizing goroutine). A connection closed and opened again costs its
	// page cache and pragmas.
	db.SetMaxIdleConns(16)
	s := &Store{db: db, now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// Close commits what Put wrote and closes the database.
func (s *Store) Close() error {
	err := s.Flush()
	return errors.Join(err, s.db.Close())
}

// DB returns the database, for queries of the caller's own, after committing what Put
// wrote.
func (s *Store) DB() *sql.DB {
	s.Flush()
	return s.db
}

func (s *Store) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	switch {
	case v == SchemaVersion:
		return nil
	case v > SchemaVersion:
		return fmt.Errorf("%w (schema %d, this version reads %d)", ErrNewerSchema, v, SchemaVersion)
	case v > 0:
		return s.upgrade(ctx, v)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return errors.New("not a summarize database (it has other tables)")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion)); err != nil {
		return err
	}
	return tx.Commit()
}

// upgrade migrates a database of schema version v to SchemaVersion, in one transaction.
func (s *Store) upgrade(ctx context.Context, v int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for ; v < SchemaVersion; v++ {
		m, ok := migrations[v]
		if !ok {
			return fmt.Errorf("no migration from schema version %d", v)
		}
		if _, err := tx.ExecContext(ctx, m); err != nil {
			return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion)); err != nil {
		return err
	}
	return tx.Commit()
}

// Fingerprint identifies what wrote a report, for resuming: the engine, model, endpoint
// host, prompt version and label set. Two runs with equal fingerprints would write the
// same reports (up to a model's randomness).
func Fingerprint(info summarizer.EngineInfo, labels []string) string {
	h := sha256.New()
	for _, s := range append([]string{info.Provider, info.Model, info.Endpoint, info.PromptVersion}, labels...) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Run describes a run for the runs table.
type Run struct {
	Command     string // without secrets
	Engine      summarizer.EngineInfo
	Labels      []string
	Fingerprint string
}

// RunStats is what a run did, written when it ends.
type RunStats struct {
	Status                              string // done, partial, cancelled
	Cables, Skipped, Sections, Failed   int
	Requests, PromptTokens, Completions int
}

// BeginRun records the start of a run and returns its id.
func (s *Store) BeginRun(ctx context.Context, r Run) (int64, error) {
	labels, _ := json.Marshal(r.Labels)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.commit(); err != nil {
		return 0, err
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO runs (started_at, status, command, provider, model, endpoint, prompt_version, labels, fingerprint)
		VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)`,
		s.now().UTC().Format(time.RFC3339), r.Command, r.Engine.Provider, r.Engine.Model, r.Engine.Endpoint,
		r.Engine.PromptVersion, string(labels), r.Fingerprint)
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	return res.LastInsertId()
}

// FinishRun records the end of run id. It uses a fresh context, so that a cancelled run
// is still recorded as cancelled.
func (s *Store) FinishRun(id int64, st RunStats) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.commit(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := s.db.ExecContext(ctx, `UPDATE runs SET finished_at = ?, status = ?, cables = ?, skipped = ?, sections = ?,
		failed_sections = ?, requests = ?, prompt_tokens = ?, completion_tokens = ? WHERE id = ?`,
		s.now().UTC().Format(time.RFC3339), st.Status, st.Cables, st.Skipped, st.Sections, st.Failed,
		st.Requests, st.PromptTokens, st.Completions, id)
	if err != nil {
		return fmt.Errorf("finish run: %w", err)
	}
	return nil
}

// Done reports whether the cable id is stored complete, without failed sections, by an
// engine with this fingerprint: a rerun need not redo it. It sees committed reports only
// (Put commits within a second).
func (s *Store) Done(ctx context.Context, id, fingerprint string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM cables WHERE id = ? AND fingerprint = ? AND complete = 1 AND failed_sections = 0`,
		id, fingerprint).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up %s: %w", id, err)
	}
	return n > 0, nil
}

// Count returns the number of cables stored.
func (s *Store) Count(ctx context.Context) (int, error) {
	if err := s.Flush(); err != nil {
		return 0, err
	}
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM cables").Scan(&n)
	return n, err
}

// jsonText marshals v for a TEXT column; nil lists become [].
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return "[]"
	}
	return string(b)
}

// nonEmpty returns a list for JSON: [] instead of null.
func nonEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// paragraphTexts maps the paragraph numbers of c to their text, for sectionText.
func paragraphTexts(c *summarizer.Cable) map[int]string {
	m := make(map[int]string, len(c.Paragraphs))
	for _, p := range c.Paragraphs {
		m[p.Number] = p.Text
	}
	return m
}

// sectionText is the text of a section for the full-text index: its paragraphs (texts
// by number, from paragraphTexts), a blank line between them.
func sectionText(texts map[int]string, sec summarizer.SectionReport) string {
	var b strings.Builder
	for _, n := range sec.Paragraphs {
		if t, ok := texts[n]; ok {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(t)
		}
	}
	return b.String()
}
