package compare

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func writeFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestReadReports(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(testdata, "reports", "07PARIS2726.json")
	paths := []string{
		writeFile(t, dir, "garbage.json", "{not json"),
		good,
		writeFile(t, dir, "cable.json", `{"id": "07PARIS2726", "paragraphs": []}`),
		writeFile(t, dir, "v2.json", `{"schema_version": "2", "cable": {"id": "X"}}`),
		writeFile(t, dir, "noid.json", `{"schema_version": "1", "cable": {"id": ""}}`),
		filepath.Join(dir, "missing.json"),
		filepath.Join(testdata, "reports", "08PARIS1703.json"),
	}
	rs, err := ReadReports(paths)
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.Cable.ID)
	}
	if diff := cmp.Diff([]string{"07PARIS2726", "08PARIS1703"}, ids); diff != "" {
		t.Errorf("reports read (-want +got):\n%s", diff)
	}
	if err == nil {
		t.Fatal("ReadReports returned no error for five bad files")
	}
	msg := err.Error()
	for _, want := range []string{
		"read report " + paths[0] + ": not a JSON report",
		"read report " + paths[2] + ": not a summarize report",
		"read report " + paths[3] + `: schema_version "2", want "1"`,
		"read report " + paths[4] + ": the report's cable has no id",
		"read report " + paths[5] + ": open",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("errors.Is(err, os.ErrNotExist) = false, want true for the missing file")
	}
	if n := strings.Count(msg, "\n") + 1; n != 5 {
		t.Errorf("error has %d lines, want one per bad file (5):\n%s", n, msg)
	}
}

func TestLoadAliases(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		content string
		want    map[string]string
		wantErr string
	}{
		{
			name:    "pairs, comments and blank lines",
			content: "# header\n\nZP = Zapatero\n  the   Secretary =  Condoleezza Rice   # in Washington cables\nC#-sharp = C# Name\n",
			want:    map[string]string{"zp": "Zapatero", "the secretary": "Condoleezza Rice", "c#-sharp": "C# Name"},
		},
		{name: "same pair twice is fine", content: "ZP = Zapatero\nzp = ZAPATERO\n", want: map[string]string{"zp": "ZAPATERO"}},
		{name: "empty file", content: "", want: map[string]string{}},
		{name: "no equals sign", content: "ZP Zapatero\n", wantErr: ":1: want \"alias = canonical\""},
		{name: "empty side", content: "# c\nZP =\n", wantErr: ":2: empty name"},
		{name: "conflict", content: "ZP = Zapatero\nZP = Aznar\n", wantErr: `:2: "ZP" already maps to "Zapatero" (line 1)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, strings.ReplaceAll(tt.name, " ", "_")+".txt", tt.content)
			got, err := LoadAliases(p)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), p+tt.wantErr) {
					t.Fatalf("LoadAliases error = %v, want it to contain %q", err, p+tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("aliases (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := LoadAliases(filepath.Join(dir, "nope.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadAliases(missing) = %v, want a not-exist error", err)
	}
}
