package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// Record is one batch as a run keeps track of it, from the upload of its input file to
// the storing of its answers. It holds no credential.
type Record struct {
	// InputFileID is the id the endpoint gave the uploaded input file; it identifies the
	// record.
	InputFileID string `json:"input_file_id"`
	// ID is the batch id; "" until the batch is created.
	ID string `json:"id,omitempty"`
	// File is the local input file; its index is beside it (IndexPath).
	File     string `json:"file"`
	Round    int    `json:"round"`
	Endpoint string `json:"endpoint"` // the base URL the batch was created at
	Requests int    `json:"requests"`
	// Status is the endpoint's last word on the batch (validating, in_progress,
	// finalizing, completed, failed, expired, cancelling, cancelled); "" before creation.
	Status    string `json:"status"`
	Completed int    `json:"completed"` // request_counts.completed
	Failed    int    `json:"failed"`    // request_counts.failed
	// Stored is how many answers went into the cache; Processed says the output was read
	// and nothing is left to do.
	Stored    int       `json:"stored"`
	Processed bool      `json:"processed"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Ledger records the batches of a run, so that a command interrupted while they run
// finds them again. Implementations are safe for concurrent use.
type Ledger interface {
	// Records returns every batch recorded, oldest first.
	Records(ctx context.Context) ([]Record, error)
	// Save records r, replacing the record with the same InputFileID.
	Save(ctx context.Context, r Record) error
}

// FileLedger is a Ledger in a JSON file, rewritten whole (through a temporary file and a
// rename) on every Save, so that a killed command leaves the old state or the new one.
// A missing file holds no records. Safe for concurrent use within one process.
type FileLedger struct {
	Path string

	mu sync.Mutex
}

var _ Ledger = (*FileLedger)(nil)

// stateFile is the JSON form of a FileLedger.
type stateFile struct {
	Version int      `json:"version"`
	Batches []Record `json:"batches"`
}

const stateVersion = 1

// Records reads the file.
func (l *FileLedger) Records(ctx context.Context) ([]Record, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.read()
}

func (l *FileLedger) read() ([]Record, error) {
	data, err := os.ReadFile(l.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read batch state: %w", err)
	}
	var st stateFile
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("read batch state %s: %w", l.Path, err)
	}
	if st.Version > stateVersion {
		return nil, fmt.Errorf("read batch state %s: version %d, written by a newer summarize", l.Path, st.Version)
	}
	return st.Batches, nil
}

// Save records r in the file.
func (l *FileLedger) Save(ctx context.Context, r Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	recs, err := l.read()
	if err != nil {
		return err
	}
	i := slices.IndexFunc(recs, func(x Record) bool { return x.InputFileID == r.InputFileID })
	if i >= 0 {
		recs[i] = r
	} else {
		recs = append(recs, r)
	}
	data, err := json.MarshalIndent(stateFile{Version: stateVersion, Batches: recs}, "", "  ")
	if err != nil {
		return fmt.Errorf("write batch state: %w", err)
	}
	return writeAtomic(l.Path, append(data, '\n'))
}

// writeAtomic writes data to path through a temporary file and a rename.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Final reports whether status is one a batch does not leave: completed, failed, expired,
// cancelled.
func Final(status string) bool {
	switch status {
	case "completed", "failed", "expired", "cancelled":
		return true
	}
	return false
}
