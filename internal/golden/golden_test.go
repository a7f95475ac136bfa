package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of stopping the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Error(...any)          { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	os.WriteFile(path, []byte("same\n"), 0o644)

	r := &recorder{TB: t}
	Check(r, path, []byte("same\n"))
	if r.failed {
		t.Error("equal output failed")
	}
	r = &recorder{TB: t}
	Check(r, path, []byte("other\n"))
	if !r.failed {
		t.Error("different output passed")
	}
	if b, err := os.ReadFile(path + ".got"); err != nil || string(b) != "other\n" {
		t.Errorf(".got = %q, %v; want the output", b, err)
	}
	r = &recorder{TB: t}
	Check(r, path+".missing", []byte("x"))
	if !r.failed {
		t.Error("a missing golden file passed")
	}
}
