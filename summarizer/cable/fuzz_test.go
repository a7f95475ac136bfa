package cable

import (
	"os"
	"testing"
)

// FuzzParse feeds arbitrary text to ParseBytes (seeded with the testdata cables) and
// checks that it never panics and that whatever it returns keeps the invariants of a
// Cable.
func FuzzParse(f *testing.F) {
	for _, path := range corpusFiles(f, cablesDir) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("1. (C) a\n15. b\n-- X --\n//Y//\nZ\n---\n¶2. c"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := ParseBytes("fuzz.txt", data)
		if err != nil {
			return
		}
		for _, c := range cs {
			if msg := checkCable(c); msg != "" {
				t.Fatalf("%s\ninput: %q", msg, data)
			}
		}
	})
}
