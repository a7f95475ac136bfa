package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	goldenfile "github.com/cablebrief/summarize/internal/golden"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
)

const testdata = "../../testdata/report"

// loadReport reads a report fixture from testdata/report.
func loadReport(tb testing.TB, name string) *summarizer.Report {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, name))
	if err != nil {
		tb.Fatal(err)
	}
	var r summarizer.Report
	if err := json.Unmarshal(b, &r); err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	return &r
}

const xss = `<script>alert(1)</script>`

// degradedReport is the 07PARIS2726 report as a run that went partly wrong: a failed
// section, script tags in a paragraph, a summary, a quote and an actor, nil lists and a
// caveat, as an attacker-controlled cable or a misbehaving model might produce.
func degradedReport(tb testing.TB) *summarizer.Report {
	tb.Helper()
	r := loadReport(tb, "07PARIS2726.json")
	r.Cable.Classification = "SECRET"
	r.Cable.Caveats = []string{"NOFORN"}
	for i := range r.Cable.Paragraphs {
		if r.Cable.Paragraphs[i].Number == 9 {
			r.Cable.Paragraphs[i].Text += " " + xss
		}
	}
	r.Overview.KeyPoints = nil
	r.Overview.BottomLine = "Kouchner backs Kosovo independence in principle. " + xss
	d := &r.Sections[4] // DARFUR
	d.Summary, d.KeyPoints, d.Stances = "", []string{}, []summarizer.Stance{}
	d.Error = "llm: POST https://api.openai.com/v1/chat/completions: 503 Service Unavailable (after 3 retries)"
	l := &r.Sections[3] // LEBANON
	l.Summary = "Burns and Kouchner differ on Hizballah. " + xss
	l.KeyPoints = nil
	l.Stances[1].Evidence[0].Quote = `Hizballah had to be a part <img src=x onerror=alert(2)> of the dialogue`
	l.Stances[1].Evidence[0].Grounded = false
	l.Stances[2].Actor = `Araud <b>"PolDir"</b> | x`
	l.Ungrounded = 1
	l.Unsupported = []string{"Secretary Rice", `<b>Hamas</b>`, "$3 billion"}
	r.Overview.Unsupported = []string{"1999"}
	var pos []summarizer.Position
	for _, p := range r.Positions {
		if p.Section != 4 {
			pos = append(pos, p)
		}
	}
	r.Positions = pos
	r.Warnings = append(r.Warnings, "overview: not in the cable: 1999",
		"section 4 (LEBANON): 1 quote(s) not found in their paragraph",
		"section 4 (LEBANON): not in the text: Secretary Rice, <b>Hamas</b>, $3 billion",
		"section 5 (DARFUR) failed: "+d.Error)
	return r
}

// golden compares got with testdata/report/name, rewriting the file with -update. On a
// mismatch it writes name.got next to it and reports a diff.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	goldenfile.Check(tb, filepath.Join(testdata, name), got)
}

func TestGolden(t *testing.T) {
	reports := map[string]func(testing.TB) *summarizer.Report{
		"07PARIS2726": func(tb testing.TB) *summarizer.Report { return loadReport(tb, "07PARIS2726.json") },
		"degraded":    degradedReport,
	}
	exts := map[string]string{"markdown": "md", "json": "json", "html": "html"}
	for name, load := range reports {
		for _, format := range Formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, load(t)); err != nil {
					t.Fatalf("Write(%s): %v", format, err)
				}
				golden(t, name+"."+exts[format]+".golden", buf.Bytes())
			})
		}
	}
	t.Run("07PARIS2726/outline", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteOutline(&buf, loadReport(t, "07PARIS2726.json").Cable); err != nil {
			t.Fatal(err)
		}
		golden(t, "07PARIS2726.outline.golden", buf.Bytes())
	})
}

func TestWriteJSONRoundTrip(t *testing.T) {
	r := degradedReport(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var back summarizer.Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(normalized(r), &back); diff != "" {
		t.Errorf("report changed through JSON (-want +got):\n%s", diff)
	}
	if bytes.Contains(buf.Bytes(), []byte(": null")) && !bytes.Contains(buf.Bytes(), []byte(`"source"`)) {
		t.Errorf("unexpected null in JSON")
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte("}\n")) {
		t.Errorf("JSON does not end in one newline")
	}
}

func TestWriteJSONEmptyListsNotNull(t *testing.T) {
	r := &summarizer.Report{SchemaVersion: summarizer.SchemaVersion, Cable: &summarizer.Cable{ID: "07MADRID911"},
		Sections: []summarizer.SectionReport{{Kind: summarizer.KindBody, Error: "cancelled"}}}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"positions", "warnings"} {
		if _, ok := m[key].([]any); !ok {
			t.Errorf("%s = %#v, want []", key, m[key])
		}
	}
	sec := m["sections"].([]any)[0].(map[string]any)
	for _, key := range []string{"paragraphs", "key_points", "stances"} {
		if _, ok := sec[key].([]any); !ok {
			t.Errorf("sections[0].%s = %#v, want []", key, sec[key])
		}
	}
	if r.Positions != nil {
		t.Errorf("WriteJSON modified its input")
	}
}

func TestWriteErrors(t *testing.T) {
	r := loadReport(t, "07PARIS2726.json")
	tests := []struct {
		name   string
		format string
		r      *summarizer.Report
		want   string
	}{
		{"unknown format", "pdf", r, `unknown report format "pdf"`},
		{"nil report", "json", nil, ErrNoCable.Error()},
		{"no cable markdown", "markdown", &summarizer.Report{}, ErrNoCable.Error()},
		{"no cable html", "html", &summarizer.Report{}, ErrNoCable.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.format, tt.r)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Write(%q) error = %v, want it to contain %q", tt.format, err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Write(%q) wrote %d bytes on error", tt.format, buf.Len())
			}
		})
	}
	if err := Write(&bytes.Buffer{}, "MD", r); err != nil {
		t.Errorf(`Write("MD"): %v, want markdown`, err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReturnsWriterError(t *testing.T) {
	r := loadReport(t, "07PARIS2726.json")
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			if err := Write(failWriter{}, format, r); err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Errorf("Write(%s) to a failing writer: %v, want disk full", format, err)
			}
		})
	}
	if err := WriteOutline(failWriter{}, r.Cable); err == nil {
		t.Errorf("WriteOutline to a failing writer: nil error")
	}
}

func TestHTMLEscapesUntrustedText(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, degradedReport(t)); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "<img", "<b>"} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("HTML contains the tag %q: untrusted text was not escaped", bad)
		}
	}
	// The texts are shown escaped, once each where they were put.
	for _, want := range []string{
		"Kouchner backs Kosovo independence in principle. &lt;script&gt;alert(1)&lt;/script&gt;",       // bottom line
		"Burns and Kouchner differ on Hizballah. &lt;script&gt;alert(1)&lt;/script&gt;",                // section summary
		"a part &lt;img src=x onerror=alert(2)&gt; of the dialogue",                                    // quote
		"Araud &lt;b&gt;&#34;PolDir&#34;&lt;/b&gt; | x",                                                // actor
		"we won&#39;t have it,&#34; Kouchner noted. &lt;script&gt;alert(1)&lt;/script&gt;",             // paragraph 9
		"⚠ <strong>not in the text:</strong> Secretary Rice, &lt;b&gt;Hamas&lt;/b&gt;, $3 billion</p>", // unsupported claims
		"⚠ <strong>not in the text:</strong> 1999</p>",                                                 // in the bottom line
	} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML does not contain the escaped text %q", want)
		}
	}
}

// rawTag matches an HTML tag opener that is not backslash-escaped.
var rawTag = regexp.MustCompile(`(^|[^\\])<(script|img|b)\b`)

func TestMarkdownEscapesUntrustedText(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, degradedReport(t)); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	if m := rawTag.FindString(md); m != "" {
		t.Errorf("Markdown contains the raw HTML tag %q", m)
	}
	for _, want := range []string{
		`\<script\>alert(1)\</script\>`,
		`> **Failed:** llm: POST https://api.openai.com/v1/chat/completions: 503 Service Unavailable (after 3 retries)`,
		`⚠ _not found in ¶10_`,
		`Araud \<b\>"PolDir"\</b\> | x`,
		`⚠ **not in the text:** Secretary Rice, \<b\>Hamas\</b\>, $3 billion`,
		`⚠ **not in the text:** 1999`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown does not contain %q", want)
		}
	}
}

func TestHTMLSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, loadReport(t, "07PARIS2726.json")); err != nil {
		t.Fatal(err)
	}
	page := strings.ToLower(buf.String())
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", `src="http`, `href="http`} {
		if strings.Contains(page, bad) {
			t.Errorf("HTML contains %q: the page must not load anything", bad)
		}
	}
	for _, want := range []string{`<div class="banner confidential"`, `id="p17"`, `href="#p15"`, `href="#s6"`, `@media print`, "✗</span>opposes"} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestNewHTMLRenderer(t *testing.T) {
	r := loadReport(t, "07PARIS2726.json")
	custom := t.TempDir()
	if err := os.WriteFile(filepath.Join(custom, TemplateName), []byte(`{{.Cable.ID}}: {{.Title}} {{range .Sections}}[{{.Heading}} {{symbol "supports"}}]{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, TemplateName), []byte(`{{.Cable.ID`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		dir     string
		want    string // prefix of the output
		wantErr string
	}{
		{"embedded", "", "<!DOCTYPE html>", ""},
		{"dir without template", t.TempDir(), "<!DOCTYPE html>", ""},
		{"user template", custom, "07PARIS2726: U/S BURNS&#39; JUNE 13 LUNCH WITH FRENCH FM KOUCHNER [Preamble ✓][Summary ✓][KOSOVO ✓]", ""},
		{"broken user template", broken, "", TemplateName},
		{"missing dir", filepath.Join(t.TempDir(), "nope"), "", "html template dir"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := NewHTMLRenderer(tt.dir)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("NewHTMLRenderer error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := h.Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(buf.String(), tt.want) {
				t.Errorf("output starts %q, want %q", firstN(buf.String(), 120), tt.want)
			}
		})
	}
}

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func TestParagraphRange(t *testing.T) {
	tests := []struct {
		name string
		in   []int
		want string
	}{
		{"empty", nil, ""},
		{"one", []int{17}, "17"},
		{"run", []int{5, 6, 7, 8}, "5–8"},
		{"pair", []int{1, 2}, "1–2"},
		{"gap", []int{5, 6, 9}, "5–6, 9"},
		{"unordered", []int{3, 1, 2}, "3, 1–2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParagraphRange(tt.in); got != tt.want {
				t.Errorf("ParagraphRange(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMdEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Kouchner agreed", "Kouchner agreed"},
		{"lines joined", "a\n  b\tc", "a b c"},
		{"html", "<b>x</b>", `\<b\>x\</b\>`},
		{"emphasis and code", "*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"},
		{"link", "[1](#)", `\[1\](#)`},
		{"heading at start", "# not a heading", `\# not a heading`},
		{"list at start", "- not a list", `\- not a list`},
		{"backslash", `a\b`, `a\\b`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mdEscape(tt.in); got != tt.want {
				t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got, want := cellEscape("a | b"), `a \| b`; got != want {
		t.Errorf("cellEscape = %q, want %q", got, want)
	}
}

func TestLabelSymbol(t *testing.T) {
	seen := map[string]string{}
	for _, l := range summarizer.DefaultLabels {
		s := LabelSymbol(l)
		if s == "•" {
			t.Errorf("default label %q has no symbol", l)
		}
		if other, dup := seen[s]; dup {
			t.Errorf("labels %q and %q share the symbol %q", other, l, s)
		}
		seen[s] = l
	}
	if got := LabelSymbol("hostile"); got != "•" {
		t.Errorf("LabelSymbol(custom) = %q, want •", got)
	}
}

func BenchmarkWrite(b *testing.B) {
	r := loadReport(b, "07PARIS2726.json")
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, format, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestWriteJSONLineEqualsWriteJSON(t *testing.T) {
	r := degradedReport(t)
	var ind, line bytes.Buffer
	if err := WriteJSON(&ind, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSONLine(&line, r); err != nil {
		t.Fatal(err)
	}
	if bytes.Count(line.Bytes(), []byte("\n")) != 1 {
		t.Errorf("WriteJSONLine wrote %d lines, want 1", bytes.Count(line.Bytes(), []byte("\n")))
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, ind.Bytes()); err != nil {
		t.Fatal(err)
	}
	if got := bytes.TrimSpace(line.Bytes()); !bytes.Equal(got, compact.Bytes()) {
		t.Errorf("WriteJSONLine differs from WriteJSON compacted:\n%s\n%s", got, compact.Bytes())
	}
}
