// Package golden compares what a test renders with a golden file under testdata.
//
// Run the tests with -update to rewrite the golden files instead; on a mismatch Check
// writes the output beside the golden file as <file>.got (ignored by git) and reports a
// line diff. Only tests import this package.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is the -update flag of every test binary that imports the package.
var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// Check compares got with the file at path. With -update it writes got there (creating
// the directory) and passes. A missing golden file fails the test with a hint to run
// -update.
func Check(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		os.Remove(path + ".got")
		return
	}
	if err := os.WriteFile(path+".got", got, 0o644); err != nil {
		tb.Error(err)
	}
	tb.Errorf("%s differs from the golden file; got written to %s.got, -update accepts it (-want +got):\n%s",
		path, path, cmp.Diff(string(want), string(got)))
}
