package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/cablebrief/summarize/summarizer"
)

// PutOptions say what is known of a report beyond itself.
type PutOptions struct {
	RunID       int64
	Fingerprint string
	// Complete is false for a report that a cancelled run cut short: it is stored, and a
	// rerun redoes it.
	Complete bool
}

// Group commit: Put writes into an open transaction that is committed after
// commitEvery reports or commitDelay, whichever comes first (and by Flush and Close).
// One transaction per report would cost a full-text index flush and a WAL frame sync
// each; grouped, a corpus run stores hundreds of cables a second. A process killed
// loses at most the reports of the open transaction: those of the last commitDelay.
const (
	commitEvery = 200
	commitDelay = time.Second
)

// Put stores r, replacing an earlier report of the same cable. The report is written
// whole or not at all; it is durable once its transaction commits (within commitDelay).
// It fails on a report without a cable id.
func (s *Store) Put(ctx context.Context, r *summarizer.Report, o PutOptions) error {
	if r == nil || r.Cable == nil || r.Cable.ID == "" {
		return fmt.Errorf("store report: no cable id")
	}
	id := r.Cable.ID
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tx == nil {
		// The transaction runs to its end even when ctx ends: a cancelled run keeps what
		// finished.
		tx, err := s.begin()
		if err != nil {
			return fmt.Errorf("store %s: %w", id, err)
		}
		s.tx, s.pending = tx, s.pending[:0]
		s.timer = time.AfterFunc(commitDelay, func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.commit()
		})
	}
	if err := put(s.tx, r, o, s.now()); err != nil {
		// A report that cannot be stored must not take the others of the transaction with
		// it: roll back, and write them again. (A savepoint per report would do it too,
		// but would flush the full-text index at every report.)
		s.redo()
		return fmt.Errorf("store %s: %w", id, err)
	}
	s.pending = append(s.pending, pendingPut{r, o})
	if len(s.pending) >= commitEvery {
		return s.commit()
	}
	return nil
}

// Flush commits the reports Put has written so far.
func (s *Store) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commit()
}

// commit commits the open transaction, if any; s.mu is held.
func (s *Store) commit() error {
	if s.tx == nil {
		return nil
	}
	s.timer.Stop()
	err := s.tx.commit()
	s.tx, s.timer, s.pending = nil, nil, s.pending[:0]
	if err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// The full-text rows of a transaction are staged in a temporary table and written to the
// index in one statement at commit: FTS5 flushes its pending entries at every statement
// that writes to it inside a transaction, so one statement per section would write the
// index in hundreds of small segments. Deletions of replaced reports are staged in order
// with the insertions.
const (
	ftsStage = `CREATE TEMP TABLE IF NOT EXISTS fts_stage (seq INTEGER PRIMARY KEY, cmd TEXT, rid INTEGER, title TEXT, text TEXT, summary TEXT)`
	ftsFlush = `INSERT INTO section_text (section_text, rowid, title, text, summary)
		SELECT cmd, rid, title, text, summary FROM temp.fts_stage ORDER BY seq;
		DELETE FROM temp.fts_stage`
)

// pendingPut is a report written into the open transaction, kept until it commits.
type pendingPut struct {
	r *summarizer.Report
	o PutOptions
}

// redo rolls the open transaction back and writes its earlier reports again in a new
// one; s.mu is held. Should that fail too, they are lost with an error on stderr's
// behalf: the next Put starts afresh.
func (s *Store) redo() {
	s.tx.rollback()
	s.timer.Stop()
	s.tx, s.timer = nil, nil
	defer func() { s.pending = s.pending[:0] }()
	if len(s.pending) == 0 {
		return
	}
	tx, err := s.begin()
	if err != nil {
		return
	}
	for _, p := range s.pending {
		if put(tx, p.r, p.o, s.now()) != nil {
			tx.rollback()
			return
		}
	}
	tx.commit()
}

// wtx is a write transaction whose statements are prepared once and reused for every
// report it writes.
type wtx struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// begin starts a write transaction with its full-text staging table. It runs to its end
// even when the run is cancelled: a cancelled run keeps what finished.
func (s *Store) begin() (*wtx, error) {
	tx, err := s.db.Begin()
	if err != nil {
		return nil, err
	}
	w := &wtx{tx: tx, stmts: map[string]*sql.Stmt{}}
	if _, err := tx.Exec(ftsStage); err != nil {
		tx.Rollback()
		return nil, err
	}
	return w, nil
}

func (w *wtx) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.Prepare(q)
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *wtx) exec(q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.Exec(args...)
}

func (w *wtx) query(q string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.Query(args...)
}

// commit writes the staged full-text rows and commits; on failure it rolls back.
func (w *wtx) commit() error {
	if _, err := w.tx.Exec(ftsFlush); err != nil {
		w.rollback()
		return err
	}
	for _, st := range w.stmts {
		st.Close()
	}
	return w.tx.Commit()
}

func (w *wtx) rollback() {
	for _, st := range w.stmts {
		st.Close()
	}
	w.tx.Rollback()
}

func put(tx *wtx, r *summarizer.Report, o PutOptions, now time.Time) error {
	c := r.Cable
	// Replace: the old index entries first, then the cable, whose rows cascade.
	if err := unindex(tx, c.ID); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM cables WHERE id = ?`, c.ID); err != nil {
		return err
	}
	failed := 0
	for _, sec := range r.Sections {
		if sec.Error != "" && sec.Error != summarizer.ErrorCancelled {
			failed++
		}
	}
	_, err := tx.exec(`INSERT INTO cables (id, date, dtg, origin, classification, caveats, subject, tags, refs,
		signer, classified_by, source, header, numbered, total_sections, bottom_line, key_points, unsupported, warnings, usage, engine,
		complete, failed_sections, fingerprint, run_id, stored_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, nullString(c.Date), nullString(c.DTG), nullString(c.Origin), nullString(c.Classification),
		jsonText(nonEmpty(c.Caveats)), nullString(c.Subject), strings.Join(c.Tags, " "), jsonText(nonEmpty(c.References)),
		nullString(c.Signer), nullString(c.ClassifiedBy), nullString(c.Source), jsonText(headerOf(c)), c.Numbered, max(c.TotalSections, 1),
		r.Overview.BottomLine, jsonText(nonEmpty(r.Overview.KeyPoints)), jsonText(nonEmpty(r.Overview.Unsupported)),
		jsonText(nonEmpty(r.Warnings)), jsonText(r.Usage), jsonText(r.Engine),
		o.Complete, failed, o.Fingerprint, o.RunID, now.UTC().Format(time.RFC3339))
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, t := range c.Tags {
		for _, w := range strings.Fields(strings.Trim(t, ",")) {
			w = strings.ToUpper(strings.Trim(w, ","))
			if w == "" || seen[w] {
				continue
			}
			seen[w] = true
			if _, err := tx.exec(`INSERT INTO cable_tags (cable_id, tag) VALUES (?, ?)`, c.ID, w); err != nil {
				return err
			}
		}
	}
	for _, p := range c.Paragraphs {
		if _, err := tx.exec(`INSERT OR REPLACE INTO paragraphs (cable_id, number, marking, text) VALUES (?, ?, ?, ?)`, c.ID, p.Number, p.Marking, p.Text); err != nil {
			return err
		}
	}
	styles := map[int]string{} // the parse's heading style of each section, by position
	if len(c.Sections) == len(r.Sections) {
		for i, sec := range c.Sections {
			styles[i] = sec.Style
		}
	}
	texts := paragraphTexts(c)
	for i, sec := range r.Sections {
		var first, last any
		if n := len(sec.Paragraphs); n > 0 {
			first, last = sec.Paragraphs[0], sec.Paragraphs[n-1]
		}
		res, err := tx.exec(`INSERT INTO sections (cable_id, idx, title, topic, kind, style, first_paragraph, last_paragraph,
			paragraphs, summary, key_points, unsupported, ungrounded, error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, i, sec.Title, summarizer.TopicName(sec), sec.Kind, styles[i], first, last, jsonText(nonEmpty(sec.Paragraphs)),
			sec.Summary, jsonText(nonEmpty(sec.KeyPoints)), jsonText(nonEmpty(sec.Unsupported)), sec.Ungrounded, sec.Error)
		if err != nil {
			return err
		}
		sid, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO temp.fts_stage (cmd, rid, title, text, summary) VALUES (NULL, ?, ?, ?, ?)`,
			sid, sec.Title, sectionText(texts, sec), sec.Summary); err != nil {
			return err
		}
		for j, st := range sec.Stances {
			res, err := tx.exec(`INSERT INTO stances (section_id, cable_id, idx, actor, actor_key, affiliation, target, label, voice)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, sid, c.ID, j, st.Actor, summarizer.ActorMatchKey(st.Actor, st.Affiliation), st.Affiliation, st.Target, st.Label, st.Voice)
			if err != nil {
				return err
			}
			stid, err := res.LastInsertId()
			if err != nil {
				return err
			}
			for _, ev := range st.Evidence {
				if _, err := tx.exec(`INSERT INTO evidence (stance_id, cable_id, paragraph, quote, grounded) VALUES (?, ?, ?, ?, ?)`, stid, c.ID, ev.Paragraph, ev.Quote, ev.Grounded); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// header is the part of a cable's header that has no column of its own.
type header struct {
	To           []string `json:"to"`
	Info         []string `json:"info"`
	EO           string   `json:"eo"`
	DeclassifyOn string   `json:"declassify_on"`
	Reasons      string   `json:"reasons"`
	Summary      string   `json:"summary"`
	Participants []string `json:"participants"`
	Warnings     []string `json:"warnings"`
}

func headerOf(c *summarizer.Cable) header {
	return header{To: c.To, Info: c.Info, EO: c.EO, DeclassifyOn: c.DeclassifyOn, Reasons: c.Reasons,
		Summary: c.Summary, Participants: c.Participants, Warnings: c.Warnings}
}

// unindex removes the full-text entries of a stored cable's sections. A contentless FTS5
// table forgets a row by the 'delete' command given the values it was indexed with,
// which are rebuilt from the stored sections and paragraphs exactly as put indexed them
// (this works in every SQLite with FTS5, unlike contentless_delete).
func unindex(tx *wtx, id string) error {
	old, err := oldSections(tx, id)
	if err != nil || len(old) == 0 {
		return err
	}
	c := &summarizer.Cable{ID: id}
	rows, err := tx.query(`SELECT number, marking, text FROM paragraphs WHERE cable_id = ? ORDER BY number`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p summarizer.Paragraph
		if err := rows.Scan(&p.Number, &p.Marking, &p.Text); err != nil {
			rows.Close()
			return err
		}
		c.Paragraphs = append(c.Paragraphs, p)
	}
	rows.Close()
	texts := paragraphTexts(c)
	for _, o := range old {
		if _, err := tx.exec(`INSERT INTO temp.fts_stage (cmd, rid, title, text, summary) VALUES ('delete', ?, ?, ?, ?)`,
			o.id, o.sec.Title, sectionText(texts, o.sec), o.sec.Summary); err != nil {
			return err
		}
	}
	return nil
}

type oldSection struct {
	id  int64
	sec summarizer.SectionReport
}

func oldSections(tx *wtx, id string) ([]oldSection, error) {
	rows, err := tx.query(`SELECT id, title, paragraphs, summary FROM sections WHERE cable_id = ? ORDER BY idx`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []oldSection
	for rows.Next() {
		var o oldSection
		var paras string
		if err := rows.Scan(&o.id, &o.sec.Title, &paras, &o.sec.Summary); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(paras), &o.sec.Paragraphs); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
