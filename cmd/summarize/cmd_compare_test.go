package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// comparisonJSON is what the compare tests read of a JSON comparison.
type comparisonJSON struct {
	Cables []struct{ ID string }
	Rows   []struct {
		Actor, Topic string
		CableID      string `json:"cable_id"`
		Flags        []string
	}
	Filter  *struct{ Actors, Topics []string }
	Omitted *struct{ Top, Rows int }
}

func TestCompareFiltersAndTop(t *testing.T) {
	reports := repoFile(t, "compare/reports")
	tests := []struct {
		name      string
		args      []string
		wantRows  []string // actor/topic/cable
		wantTop   int
		wantFlags int
	}{
		{
			name:      "actor and topic",
			args:      []string{"--actor", "Kouchner", "--topic", "Iran"},
			wantRows:  []string{"Kouchner/Iran/07PARIS2726", "Kouchner/Iran/07PARIS3919", "Kouchner/Iran/07PARIS3956", "Kouchner/Iran/07PARIS4357"},
			wantFlags: 1,
		},
		{
			name:     "dates and cables, any of",
			args:     []string{"--from", "2008", "--cable", "08PARIS114", "--cable", "07PARIS4357"},
			wantRows: []string{"Errera/Iran/08PARIS114", "Richier/Iran/08PARIS114"},
		},
		{
			name:     "top 1 in JSON",
			args:     []string{"--top", "1", "--topic", "Iran"},
			wantRows: []string{"Kouchner/Iran/07PARIS2726", "Kouchner/Iran/07PARIS3919", "Kouchner/Iran/07PARIS3956", "Kouchner/Iran/07PARIS4357"},
			wantTop:  1, wantFlags: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", append(append([]string{"compare", "--format", "json"}, tt.args...), reports)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var c comparisonJSON
			if err := json.Unmarshal([]byte(r.stdout), &c); err != nil {
				t.Fatal(err)
			}
			var rows []string
			flags := 0
			for _, row := range c.Rows {
				rows = append(rows, row.Actor+"/"+row.Topic+"/"+row.CableID)
				flags += len(row.Flags)
			}
			if diff := cmp.Diff(tt.wantRows, rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if flags != tt.wantFlags {
				t.Errorf("%d flags, want %d", flags, tt.wantFlags)
			}
			if c.Filter == nil {
				t.Errorf("the JSON does not say what was selected")
			}
			if (c.Omitted != nil) != (tt.wantTop > 0) || (c.Omitted != nil && c.Omitted.Top != tt.wantTop) {
				t.Errorf("omitted = %+v, want top %d", c.Omitted, tt.wantTop)
			}
		})
	}
}

// TestCompareMarkdownSaysWhatWasLeftOut checks that --top on Markdown names what it left
// out and how to get it.
func TestCompareMarkdownSaysWhatWasLeftOut(t *testing.T) {
	r := runCLI(t, nil, "", "compare", "--top", "2", repoFile(t, "compare/reports"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Shown: the 2 topics found in the most cables", "Left out: 8 topics", "## Topics\n\nIran (9 cables) · Lebanon (7 cables)\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
}

func TestCompareErrors(t *testing.T) {
	reports := repoFile(t, "compare/reports")
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.json")
	if err := os.WriteFile(garbage, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
		wantOutput bool
	}{
		{"bad date", []string{"compare", "--from", "June 2007", reports}, exitUsage, `--from "June 2007": want a date`, false},
		{"from after to", []string{"compare", "--from", "2008", "--to", "2007", reports}, exitUsage, "is after --to", false},
		{"bad format", []string{"compare", "--format", "pdf", reports}, exitUsage, `--format "pdf"`, false},
		{"missing aliases", []string{"compare", "--aliases", "/nonexistent/aliases.txt", reports}, exitUsage, "/nonexistent/aliases.txt", false},
		{"no reports", []string{"compare"}, exitUsage, "no reports", false},
		{"a bad report among good ones", []string{"compare", garbage, reports}, exitPartial, "read report " + garbage + ": not a JSON report", true},
		{"a directory without reports", []string{"compare", empty, reports}, exitPartial, "read reports " + empty + ": no JSON reports", true},
		{"nothing readable", []string{"compare", garbage}, exitPartial, "garbage.json", false},
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
			if got := strings.Contains(r.stdout, "# Positions across"); got != tt.wantOutput {
				t.Errorf("comparison written = %v, want %v", got, tt.wantOutput)
			}
		})
	}
}
