package chat

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestProgressOffTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	for name, p := range map[string]Progress{"buffer": NewProgress(&buf, 10), "file": NewProgress(f, 10)} {
		if _, ok := p.(nopProgress); !ok {
			t.Errorf("%s: %T, want the no-op progress", name, p)
		}
		for range 10 {
			p.Increment()
		}
		p.Wait()
	}
	if st, _ := f.Stat(); buf.Len() != 0 || st.Size() != 0 {
		t.Errorf("progress wrote %d bytes to a buffer, %d to a file; want nothing", buf.Len(), st.Size())
	}
}
