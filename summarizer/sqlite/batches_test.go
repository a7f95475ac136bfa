package sqlite

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestBatches(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	a := Batch{InputFileID: "file-a", File: "out.batch/r1-001.jsonl", Round: 1, Endpoint: "https://api.openai.com/v1", Requests: 3,
		Status: "", CreatedAt: at, UpdatedAt: at}
	b := Batch{InputFileID: "file-b", ID: "batch_b", File: "out.batch/r2-001.jsonl", Round: 2, Endpoint: "https://api.openai.com/v1",
		Requests: 1, Status: "validating", CreatedAt: at.Add(time.Minute), UpdatedAt: at.Add(time.Minute)}
	for _, x := range []Batch{a, b} {
		if err := s.SaveBatch(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	a.ID, a.Status, a.Completed, a.Failed, a.Stored, a.Processed = "batch_a", "completed", 2, 1, 2, true
	a.UpdatedAt = at.Add(time.Hour)
	if err := s.SaveBatch(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Batches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Batch{a, b}, got); diff != "" {
		t.Errorf("batches (-want +got):\n%s", diff)
	}
}

// TestMigrateVersion1: a store written before the batches table (schema 1) opens, is
// migrated to the current schema keeping its rows, and records batches.
func TestMigrateVersion1(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	r := loadReport(t, "report/07PARIS2726.json")
	run, err := s.BeginRun(ctx, Run{Command: "summarize", Fingerprint: "f"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, r, PutOptions{RunID: run, Fingerprint: "f", Complete: true}); err != nil {
		t.Fatal(err)
	}
	// Make it a version-1 store.
	for _, q := range []string{"DROP TABLE batches", "PRAGMA user_version = 1"} {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open a version-1 store: %v", err)
	}
	defer s2.Close()
	var v int
	s2.DB().QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion {
		t.Errorf("user_version %d after the migration, want %d", v, SchemaVersion)
	}
	if n, _ := s2.Count(ctx); n != 1 {
		t.Errorf("%d cables after the migration, want 1", n)
	}
	if err := s2.SaveBatch(ctx, Batch{InputFileID: "file-a", File: "x", Round: 1, Endpoint: "e", CreatedAt: time.Now(), UpdatedAt: time.Now()}); err != nil {
		t.Errorf("batches after the migration: %v", err)
	}
	var check string
	s2.DB().QueryRow("PRAGMA integrity_check").Scan(&check)
	if check != "ok" {
		t.Errorf("integrity_check: %s", check)
	}
}
