package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Batch is one row of the batches table: a batch of a `summarize --batch` run, from the
// upload of its input file to the filing of its answers in the response cache.
type Batch struct {
	InputFileID string // identifies the row
	ID          string // the batch id; "" until the batch is created
	File        string // the local input file
	Round       int
	Endpoint    string // the base URL the batch lives at
	Requests    int
	Status      string
	Completed   int
	Failed      int
	Stored      int
	Processed   bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// SaveBatch inserts b, or replaces the row with its InputFileID.
func (s *Store) SaveBatch(ctx context.Context, b Batch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.ExecContext(ctx, `INSERT INTO batches (input_file_id, batch_id, file, round, endpoint, requests, status,
		completed, failed, stored, processed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (input_file_id) DO UPDATE SET batch_id = excluded.batch_id, file = excluded.file, round = excluded.round,
		endpoint = excluded.endpoint, requests = excluded.requests, status = excluded.status, completed = excluded.completed,
		failed = excluded.failed, stored = excluded.stored, processed = excluded.processed, updated_at = excluded.updated_at`,
		b.InputFileID, nullString(b.ID), b.File, b.Round, b.Endpoint, b.Requests, b.Status, b.Completed, b.Failed, b.Stored,
		b.Processed, b.CreatedAt.UTC().Format(time.RFC3339), b.UpdatedAt.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("save batch %s: %w", b.InputFileID, err)
	}
	return nil
}

// Batches returns every batch recorded, oldest first.
func (s *Store) Batches(ctx context.Context) ([]Batch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT input_file_id, batch_id, file, round, endpoint, requests, status, completed,
		failed, stored, processed, created_at, updated_at FROM batches ORDER BY created_at, rowid`)
	if err != nil {
		return nil, fmt.Errorf("read batches: %w", err)
	}
	defer rows.Close()
	var out []Batch
	for rows.Next() {
		var b Batch
		var id sql.NullString
		var created, updated string
		if err := rows.Scan(&b.InputFileID, &id, &b.File, &b.Round, &b.Endpoint, &b.Requests, &b.Status, &b.Completed,
			&b.Failed, &b.Stored, &b.Processed, &created, &updated); err != nil {
			return nil, fmt.Errorf("read batches: %w", err)
		}
		b.ID = id.String
		b.CreatedAt, _ = time.Parse(time.RFC3339, created)
		b.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read batches: %w", err)
	}
	return out, nil
}
