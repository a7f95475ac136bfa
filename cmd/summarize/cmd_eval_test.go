package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/internal/golden"
)

// TestEvalGolden scores two hand-built reports against a small gold set: 07PARIS2726 has
// both kinds of gold, 09PARIS1040 has no report (missed), 07PARIS2743 has no gold
// (ignored). The text lists every difference; the JSON has the keys issue 10 names.
func TestEvalGolden(t *testing.T) {
	args := []string{"eval", "--gold", repoFile(t, "eval/segmentation"), "--gold", repoFile(t, "eval/stances"),
		repoFile(t, "compare/reports/07PARIS2726.json"), repoFile(t, "compare/reports/07PARIS2743.json")}
	text := runCLI(t, nil, "", args...)
	if text.code != 0 {
		t.Fatalf("exit %d: %s", text.code, text.stderr)
	}
	golden.Check(t, filepath.Join("..", "..", "testdata", "eval", "eval.txt.golden"), []byte(text.stdout))
	for _, want := range []string{
		"Missed: 1 gold cable without a report, scored as missed: 09PARIS1040.",
		"Ignored: 1 report of cables without gold.",
	} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("text lacks %q", want)
		}
	}

	js := runCLI(t, nil, "", append([]string{"eval", "--format", "json", "--verbose"}, args[1:]...)...)
	if js.code != 0 {
		t.Fatalf("exit %d: %s", js.code, js.stderr)
	}
	golden.Check(t, filepath.Join("..", "..", "testdata", "eval", "eval.json.golden"), []byte(js.stdout))
	var res map[string]any
	if err := json.Unmarshal([]byte(js.stdout), &res); err != nil {
		t.Fatal(err)
	}
	for kind, keys := range map[string][]string{
		"segmentation": {"boundary_f1", "title", "metadata", "paragraph_count"},
		"stances":      {"precision", "recall", "f1", "label_accuracy", "flips", "grounded", "unsupported"},
	} {
		m, ok := res[kind].(map[string]any)
		if !ok {
			t.Fatalf("%s = %#v, want an object", kind, res[kind])
		}
		for _, k := range keys {
			if _, ok := m[k].(float64); !ok {
				t.Errorf("%s.%s = %#v, want a number", kind, k, m[k])
			}
		}
	}
	if _, ok := res["stance_differences"]; !ok {
		t.Errorf("--verbose JSON lacks the differences")
	}
	plain := runCLI(t, nil, "", append([]string{"eval", "--format", "json"}, args[1:]...)...)
	if strings.Contains(plain.stdout, "stance_differences") {
		t.Errorf("JSON without --verbose lists the differences")
	}
}

// TestEvalOfflineReports runs the whole path: offline reports of testdata cables that
// have gold, then eval on their directory.
func TestEvalOfflineReports(t *testing.T) {
	out := t.TempDir()
	r := runCLI(t, nil, "", "--format", "json", "-o", out, repoFile(t, "cables/07PARIS2726.txt"), repoFile(t, "cables/09PARIS1040.txt"))
	if r.code != 0 {
		t.Fatalf("summarize exit %d: %s", r.code, r.stderr)
	}
	e := runCLI(t, nil, "", "eval", "--format", "json", "--gold", repoFile(t, "eval/segmentation"), "--gold", repoFile(t, "eval/stances"), out)
	if e.code != 0 {
		t.Fatalf("eval exit %d: %s", e.code, e.stderr)
	}
	var res struct {
		Scored       int
		Missed       []string
		Segmentation struct {
			Cables     int
			BoundaryF1 float64 `json:"boundary_f1"`
		}
		Stances struct {
			Cables   int
			Produced int
			F1       float64
			Grounded float64
		}
	}
	if err := json.Unmarshal([]byte(e.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Scored != 2 || len(res.Missed) != 0 || res.Segmentation.Cables != 2 || res.Stances.Cables != 1 {
		t.Errorf("scored %d (missed %v), segmentation over %d cables, stances over %d; want 2, none, 2, 1", res.Scored, res.Missed, res.Segmentation.Cables, res.Stances.Cables)
	}
	if res.Segmentation.BoundaryF1 < 0.9 || res.Stances.Produced == 0 || res.Stances.F1 <= 0 || res.Stances.Grounded < 0.9 {
		t.Errorf("implausible figures for the seed and 09PARIS1040: %+v", res)
	}
}

func TestEvalErrors(t *testing.T) {
	report := repoFile(t, "compare/reports/07PARIS2726.json")
	gold := repoFile(t, "eval/segmentation")
	dir := t.TempDir()
	bad := filepath.Join(dir, "07PARIS2726.json")
	if err := os.WriteFile(bad, []byte(`{"id": `), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"no gold", []string{"eval", report}, exitUsage, "no --gold"},
		{"no reports", []string{"eval", "--gold", gold}, exitUsage, "no reports"},
		{"bad format", []string{"eval", "--gold", gold, "--format", "csv", report}, exitUsage, `--format "csv"`},
		{"missing gold dir", []string{"eval", "--gold", "/nonexistent/gold", report}, exitUsage, "/nonexistent/gold"},
		{"bad gold file", []string{"eval", "--gold", dir, report}, exitUsage, bad},
		{"the same gold twice", []string{"eval", "--gold", gold, "--gold", gold, report}, exitUsage, "07PARIS2726 has segmentation gold twice"},
		{"an unreadable report", []string{"eval", "--gold", gold, report, filepath.Join(dir, "missing.json")}, exitPartial, "missing.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tt.wantCode, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", r.stderr, tt.wantStderr)
			}
		})
	}
}
