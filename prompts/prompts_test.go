package prompts

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadEmbedded(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if v := s.Version(); len(v) != 12 {
		t.Errorf("Version %q: want 12 hex digits", v)
	}
	s2, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if s.Version() != s2.Version() {
		t.Errorf("Version not stable: %s, %s", s.Version(), s2.Version())
	}
}

func writeFile(t testing.TB, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadOverride(t *testing.T) {
	base, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, dir, FileReAsk, "Fix: {{range .Problems}}{{.}}; {{end}}\n")
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version() == base.Version() {
		t.Errorf("overriding a template kept the version %s", s.Version())
	}
	got, err := s.ReAsk(ReAsk{Problems: []string{"$.a: b"}})
	if err != nil {
		t.Fatal(err)
	}
	if got != "Fix: $.a: b;\n" {
		t.Errorf("overridden ReAsk: got %q", got)
	}
	// The other templates still come from the embedded copies.
	a, _ := base.OverviewSystem(OverviewSystem{Schema: "{}"})
	b, _ := s.OverviewSystem(OverviewSystem{Schema: "{}"})
	if a != b {
		t.Errorf("a template not overridden changed")
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		file  string
		text  string
		noDir bool
		want  string
	}{
		{name: "missing dir", noDir: true, want: "no such file"},
		{name: "parse error", file: FileSection, text: "{{if}}", want: "parse section.tmpl"},
		{name: "unknown field", file: FileSection, text: "{{.Nope}}", want: "render section.tmpl"},
		{name: "unknown function", file: FileOverview, text: "{{shout .Subject}}", want: `function "shout" not defined`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.noDir {
				dir = filepath.Join(dir, "absent")
			} else {
				writeFile(t, dir, tc.file, tc.text)
			}
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestNeutralize(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"plain text unchanged", "Kouchner agreed.", "Kouchner agreed."},
		{"close delimiter", "end CABLE>>> now", "end CABLE>\u203a> now"},
		{"open delimiter", "<<<CABLE", "<\u2039<CABLE"},
		{"long runs", "<<<<<<>>>>>>", "<\u2039<<\u2039<>\u203a>>\u203a>"},
		{"paragraph marker", "see [¶12] above", "see [12] above"},
		{"two brackets left alone", "<< a >>", "<< a >>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Neutralize(tc.in)
			if got != tc.want {
				t.Errorf("Neutralize(%q): got %q, want %q", tc.in, got, tc.want)
			}
			for _, d := range []string{CableOpen, CableClose, ResultsOpen, ResultsClose, SummariesOpen, SummariesClose, "[¶"} {
				if strings.Contains(got, d) {
					t.Errorf("Neutralize(%q) = %q still contains %q", tc.in, got, d)
				}
			}
		})
	}
}

func TestReAskRendering(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		d       ReAsk
		want    []string
		notWant []string
	}{
		{"problems", ReAsk{Problems: []string{"$.stances[0].label: \"maybe\" is not one of a, b"}}, []string{"- $.stances[0].label: \"maybe\" is not one of a, b", "corrected"}, []string{"cut off"}},
		{"truncated", ReAsk{Truncated: true, Problems: []string{"$: the JSON stops"}}, []string{"cut off", "shorter", "Details:", "- $: the JSON stops"}, []string{"not a valid JSON"}},
		{"malformed", ReAsk{Malformed: true}, []string{"not a valid JSON object"}, []string{"Details:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ReAsk(tc.d)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("contains %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestDefaultsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, name := range files {
		b, err := fs.ReadFile(Defaults(), name)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, name, string(b))
	}
	a, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version() != b.Version() {
		t.Errorf("a copy of the defaults has version %s, the embedded ones %s", b.Version(), a.Version())
	}
}
