package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command in-process with a clean environment (no API key, no config
// file: the working directory is a temporary one unless dir is given).
func runCLI(t testing.TB, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		if k == "XDG_CONFIG_HOME" || k == "XDG_CACHE_HOME" {
			return filepath.Join(t.(interface{ TempDir() string }).TempDir(), k)
		}
		return ""
	}
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb, getenv)
	return result{code, out.String(), errb.String()}
}

// repoFile returns the path of a file of the repository's testdata.
func repoFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "testdata", rel)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("testdata missing: %v", err)
	}
	return p
}

func TestParseBadInputs(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	binary := filepath.Join(dir, "binary.txt")
	os.WriteFile(binary, []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0xff, 0xfe, 0}, 0o644)
	noCables := filepath.Join(dir, "nocables")
	os.Mkdir(noCables, 0o755)
	os.WriteFile(filepath.Join(noCables, "notes.bin"), []byte("x"), 0o644)
	huge := filepath.Join(dir, "huge.txt")
	f, _ := os.Create(huge)
	f.Truncate(21 << 20)
	f.Close()
	seed := repoFile(t, "cables/07PARIS2726.txt")
	missing := filepath.Join(dir, "missing.txt")

	tests := []struct {
		name string
		path string
		want string // in the error line
	}{
		{"empty", empty, "empty"},
		{"binary", binary, "binary"},
		{"directory without cables", noCables, "no cables"},
		{"missing", missing, "no such file"},
		{"too large", huge, "20 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", "parse", tt.path, seed)
			if r.code != exitPartial {
				t.Errorf("exit code = %d, want %d", r.code, exitPartial)
			}
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if len(lines) != 1 {
				t.Fatalf("stderr = %q, want one line", r.stderr)
			}
			if !strings.Contains(lines[0], tt.path) || !strings.Contains(strings.ToLower(lines[0]), strings.ToLower(tt.want)) {
				t.Errorf("error line %q does not name the file and %q", lines[0], tt.want)
			}
			// The good cable is still parsed.
			var c struct{ ID string }
			if err := json.Unmarshal([]byte(strings.TrimSpace(r.stdout)), &c); err != nil || c.ID != "07PARIS2726" {
				t.Errorf("the good cable was not printed: %v, %q", err, r.stdout)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no input", nil},
		{"unknown flag", []string{"--frobnicate", "x"}},
		{"bad format", []string{"--format", "pdf", "x"}},
		{"bad parse format", []string{"parse", "--format", "yaml", "x"}},
		{"bad provider", []string{"--provider", "magic", "x"}},
		{"missing explicit config", []string{"--config", "/nonexistent/summarize.yaml", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitUsage {
				t.Errorf("exit code = %d, want %d (stderr %q)", r.code, exitUsage, r.stderr)
			}
		})
	}
}

func TestParseStdinAndText(t *testing.T) {
	data, err := os.ReadFile(repoFile(t, "cables/07PARIS2726.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, string(data), "parse", "--format", "text", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"07PARIS2726", "KOSOVO", "DOMESTIC POLITICS AND FOREIGN POLICY"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("outline lacks %q", want)
		}
	}
}
