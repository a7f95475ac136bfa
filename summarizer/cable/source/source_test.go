package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeOne(t testing.TB, name string, data []byte) Doc {
	t.Helper()
	docs, err := Decode(name, data)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	if len(docs) != 1 {
		t.Fatalf("Decode(%s) gave %d docs, want 1", name, len(docs))
	}
	return docs[0]
}

func TestDecodeLatin1CRLF(t *testing.T) {
	raw := readTestdata(t, "rawbytes_09PARIS1007.txt")
	want := string(readTestdata(t, "09PARIS1007.txt"))
	d := decodeOne(t, "rawbytes_09PARIS1007.txt", raw)
	if diff := cmp.Diff(want, d.Text); diff != "" {
		t.Errorf("decoded text differs from the UTF-8 copy (-want +got):\n%s", diff)
	}
	if !strings.Contains(d.Text, "¶1.") {
		t.Errorf("0xB6 not decoded to ¶")
	}
	if strings.Contains(d.Text, "\r") {
		t.Errorf("carriage returns left in the text")
	}
	if !containsPrefix(d.Warnings, "decoded as Latin-1") {
		t.Errorf("warnings = %q, want a Latin-1 note", d.Warnings)
	}
}

func TestDecodeNewlines(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"crlf", "A\r\nB\r\n", "A\nB\n"},
		{"cr", "A\rB\r", "A\nB\n"},
		{"mixed", "A\r\nB\rC\n", "A\nB\nC\n"},
		{"bom", "\xEF\xBB\xBFA\n", "A\n"},
		{"utf8 kept", "¶1. Sarkozy’s\n", "¶1. Sarkozy’s\n"},
		{"latin1 pilcrow", "\xB61. caf\xE9\n", "¶1. café\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decodeOne(t, "x.txt", []byte(tt.in))
			if d.Text != tt.want {
				t.Errorf("Text = %q, want %q", d.Text, tt.want)
			}
		})
	}
}

func TestDecodeCSV(t *testing.T) {
	docs, err := Decode("cables_sample.csv", readTestdata(t, "cables_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.Name)
	}
	if diff := cmp.Diff([]string{"66BUENOSAIRES2481", "72TEHRAN1164"}, names); diff != "" {
		t.Fatalf("names (-want +got):\n%s", diff)
	}
	for _, d := range docs {
		want := string(readTestdata(t, d.Name+".txt"))
		if diff := cmp.Diff(want, d.Text); diff != "" {
			t.Errorf("%s text (-want +got):\n%s", d.Name, diff)
		}
		if len(d.Warnings) != 0 {
			t.Errorf("%s warnings = %q, want none", d.Name, d.Warnings)
		}
	}
	// backslash-escaped quotes and apostrophes are unescaped
	if !strings.Contains(docs[0].Text, `"PREFERENTIAL JURISDICTION"`) || strings.Contains(docs[0].Text, `\"`) {
		t.Errorf("escaped quotes not undone")
	}
}

func TestDecodeCSVDamaged(t *testing.T) {
	full := string(readTestdata(t, "cables_sample.csv"))
	tests := []struct {
		name     string
		in       string
		wantDocs int
		wantErr  bool
	}{
		{"cut inside the second row", full[:len(full)-3000], 2, false},
		{"cut inside the first header", full[:300], 1, false},
		{"only the row start", `"1","12/28/1966 18:48","66X1","`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := Decode("cut.csv", []byte(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if len(docs) != tt.wantDocs {
				t.Fatalf("got %d docs, want %d", len(docs), tt.wantDocs)
			}
			if len(docs) > 0 && len(docs[len(docs)-1].Warnings) == 0 {
				t.Errorf("last doc of a cut file has no warning")
			}
		})
	}
}

func TestDecodeTSV(t *testing.T) {
	in := "1\t12/28/1966 18:48\t66BUENOSAIRES2481\tEmbassy Buenos Aires\tUNCLASSIFIED\t\tP R 281848Z DEC 66\\nFM AMEMBASSY BUENOS AIRES\tUNCLASSIFIED BUENOS AIRES 2481\\n\\nSUBJECT: \\\"X\\\"\\n\n" +
		"2\t02/25/1972 09:30\t72TEHRAN1164\tEmbassy Tehran\tUNCLASSIFIED\t\tR 250930Z FEB 72\tBODY\n"
	docs, err := Decode("dump.tsv", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got := []Doc{}
	for _, d := range docs {
		got = append(got, Doc{Name: d.Name, Text: d.Text})
	}
	want := []Doc{
		{Name: "66BUENOSAIRES2481", Text: "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\n\nUNCLASSIFIED BUENOS AIRES 2481\n\nSUBJECT: \"X\"\n"},
		{Name: "72TEHRAN1164", Text: "R 250930Z FEB 72\n\nBODY"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TSV docs (-want +got):\n%s", diff)
	}
}

func TestDecodeHTML(t *testing.T) {
	tests := []struct {
		file        string
		wantPrefix  string
		contains    []string
		notContains []string
	}{
		{
			file:       "two_pre.html",
			wantPrefix: "VZCZCXRO5766\nPP RUEHDBU",
			contains: []string{
				"INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY\n\nC O N F I D E N T I A L SECTION 01 OF 03 PARIS 002726",
				"TAGS: PREL FR\n",
				"SUBJECT: U/S BURNS' JUNE 13 LUNCH",
				"¶1. (U) June 13, 2007, 1:00 P.M. & lunch.",
			},
			notContains: []string{"<a", "&#", "&amp;", "<pre", "Cable: 07PARIS2726"},
		},
		{
			file:        "one_pre.html",
			wantPrefix:  "S E C R E T STATE 015113\n\nE.O. 12958",
			contains:    []string{"TAGS: PTER, PGOV\n", "REQUEST FOR INFORMATION<S>", "¶1. (U//FOUO)"},
			notContains: []string{"Viewing cable", "<a", "&#x000A;"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := decodeOne(t, tt.file, readTestdata(t, tt.file))
			if !strings.HasPrefix(d.Text, tt.wantPrefix) {
				t.Errorf("text starts %q, want %q", first(d.Text, 60), tt.wantPrefix)
			}
			for _, c := range tt.contains {
				if !strings.Contains(d.Text, c) {
					t.Errorf("text lacks %q:\n%s", c, d.Text)
				}
			}
			for _, c := range tt.notContains {
				if strings.Contains(d.Text, c) {
					t.Errorf("text still has %q", c)
				}
			}
			if d.Name != tt.file {
				t.Errorf("Name = %q, want %q", d.Name, tt.file)
			}
		})
	}
}

func TestDecodeHTMLWithoutPre(t *testing.T) {
	d := decodeOne(t, "p.html", []byte("<html><body><p>SUBJECT: X &amp; Y</p><script>var a=1;</script></body></html>"))
	if strings.TrimSpace(d.Text) != "SUBJECT: X & Y" {
		t.Errorf("Text = %q, want the page text", d.Text)
	}
	if len(d.Warnings) == 0 {
		t.Errorf("no warning for a page without <pre>")
	}
}

func TestDecodeDamaged(t *testing.T) {
	for _, name := range []string{"damaged_07TBILISI2290.txt", "damaged_73TEHRAN2077.txt", "damaged_73TEHRAN8233.txt", "damaged_7575LIBREVILLE1895.txt"} {
		t.Run(name, func(t *testing.T) {
			raw := readTestdata(t, name)
			d := decodeOne(t, name, raw)
			if d.Text != string(raw) {
				t.Errorf("plain UTF-8 text changed by Decode")
			}
			// truncated at every length: still no panic and still one doc or ErrEmpty
			for n := 0; n < len(raw); n += 97 {
				docs, err := Decode(name, raw[:n])
				if err != nil && !errors.Is(err, ErrEmpty) {
					t.Fatalf("cut at %d: %v", n, err)
				}
				if err == nil && len(docs) != 1 {
					t.Fatalf("cut at %d: %d docs", n, len(docs))
				}
			}
		})
	}
}

func TestDecodeBinary(t *testing.T) {
	for _, in := range []string{"A\x00B\n", "\x7fELF\x01\x02\x03\x04\x05\x06"} {
		if _, err := Decode("b.bin", []byte(in)); !errors.Is(err, ErrBinary) || !strings.Contains(err.Error(), "b.bin") {
			t.Errorf("Decode(%q) err = %v, want ErrBinary naming the file", in, err)
		}
	}
}

func TestDecodeEmpty(t *testing.T) {
	for _, in := range []string{"", "  \n\r\n", "\x00"} {
		_, err := Decode("e.txt", []byte(in))
		if !errors.Is(err, ErrEmpty) {
			t.Errorf("Decode(%q) err = %v, want ErrEmpty", in, err)
		}
		if err != nil && !strings.Contains(err.Error(), "e.txt") {
			t.Errorf("error %q does not name the file", err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"cables_sample.csv", "two_pre.html", "one_pre.html", "damaged_7575LIBREVILLE1895.txt"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte("\xB6\r\n\"1\",\"x\",\"y\",\"\\"))
	f.Add([]byte("1\tx\t07PARIS1\t\t\t\t\t"))
	f.Add([]byte("<pre><pre></pre>&#x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := Decode("fuzz", data)
		if err != nil {
			return
		}
		for _, d := range docs {
			if !utf8Valid(d.Text) {
				t.Fatalf("Decode gave invalid UTF-8")
			}
			if strings.Contains(d.Text, "\r") {
				t.Fatalf("Decode left a carriage return")
			}
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func containsPrefix(ws []string, p string) bool {
	for _, w := range ws {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

func first(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func TestReaderCSVMeta(t *testing.T) {
	r := NewReader("cables_sample.csv", strings.NewReader(string(readTestdata(t, "cables_sample.csv"))))
	var metas []Meta
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		metas = append(metas, *d.Meta)
	}
	want := []Meta{
		{Row: "1", Date: "1966-12-28", Time: "18:48", RefID: "66BUENOSAIRES2481", Origin: "Embassy Buenos Aires", Classification: "UNCLASSIFIED", References: []string{"66STATE106206"}},
		{Row: "2", Date: "1972-02-25", Time: "09:30", RefID: "72TEHRAN1164", Origin: "Embassy Tehran", Classification: "UNCLASSIFIED", References: []string{"72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"}},
	}
	if diff := cmp.Diff(want, metas); diff != "" {
		t.Errorf("metas (-want +got):\n%s", diff)
	}
	if r.Offset() != int64(len(readTestdata(t, "cables_sample.csv"))) {
		t.Errorf("Offset() = %d, want the whole input", r.Offset())
	}
}

// row writes one row of cables.csv with the release's escaping.
func row(n int, date, id, origin, class, refs, header, content string) string {
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `'`, `\'`)
	cols := []string{fmt.Sprint(n), date, id, origin, class, refs, header, content}
	for i, c := range cols {
		cols[i] = `"` + esc.Replace(c) + `"`
	}
	return strings.Join(cols, ",") + "\n"
}

func TestReaderCSVRows(t *testing.T) {
	big := strings.Repeat("x", MaxSize+10)
	tests := []struct {
		name      string
		in        string
		wantIDs   []string
		wantTexts []string
		wantErrs  []string // substrings of the per-row errors, in order
	}{
		{
			name: "escapes and newlines",
			in: row(1, "6/26/2007 8:49", "07PARIS2726", "Embassy Paris", "CONFIDENTIAL", "", "P 260849Z JUN 07\nFM AMEMBASSY PARIS", `SUBJECT: "X" and Sarkozy's \ path`) +
				row(2, "6/27/2007 9:00", "07PARIS2743", "Embassy Paris", "SECRET//NOFORN", "07PARIS2726", "", "BODY"),
			wantIDs:   []string{"07PARIS2726", "07PARIS2743"},
			wantTexts: []string{"P 260849Z JUN 07\nFM AMEMBASSY PARIS\n\nSUBJECT: \"X\" and Sarkozy's \\ path", "BODY"},
		},
		{
			name:      "CRLF rows and a blank line",
			in:        strings.ReplaceAll(row(1, "1/2/2009 10:00", "09A1", "Embassy A", "SECRET", "", "H", "B\nC"), "\n", "\r\n") + "\r\n" + row(2, "1/2/2009 10:00", "09A2", "Embassy A", "SECRET", "", "H", "D"),
			wantIDs:   []string{"09A1", "09A2"},
			wantTexts: []string{"H\n\nB\nC", "H\n\nD"},
		},
		{
			name:      "a row without text is an error, the next row is read",
			in:        row(1, "1/2/2009 10:00", "09A1", "Embassy A", "SECRET", "", "", "") + row(2, "1/2/2009 10:00", "09A2", "Embassy A", "SECRET", "", "", "D"),
			wantIDs:   []string{"09A2"},
			wantTexts: []string{"D"},
			wantErrs:  []string{"dump.csv:1: bad row: row 09A1 has no text"},
		},
		{
			name:      "a row larger than MaxSize is skipped",
			in:        row(1, "1/2/2009 10:00", "09A1", "Embassy A", "SECRET", "", "", "A") + row(2, "1/2/2009 10:00", "09A2", "Embassy A", "SECRET", "", "", big+"\n"+big) + row(3, "1/2/2009 10:00", "09A3", "Embassy A", "SECRET", "", "", "C"),
			wantIDs:   []string{"09A1", "09A3"},
			wantTexts: []string{"A", "C"},
			wantErrs:  []string{"dump.csv:2: bad row: row larger than 20 MB, skipped"},
		},
		{
			name:      "Latin-1 bytes in one row",
			in:        row(1, "1/2/2009 10:00", "09A1", "Embassy A", "SECRET", "", "", "\xB61. caf\xE9"),
			wantIDs:   []string{"09A1"},
			wantTexts: []string{"¶1. café"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader("dump.csv", strings.NewReader(tt.in))
			var ids, texts, errs []string
			for {
				d, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					if !errors.Is(err, ErrBadRow) {
						t.Fatalf("Next() error %v does not wrap ErrBadRow", err)
					}
					errs = append(errs, err.Error())
					continue
				}
				ids = append(ids, d.Name)
				texts = append(texts, d.Text)
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantTexts, texts); diff != "" {
				t.Errorf("texts (-want +got):\n%s", diff)
			}
			if len(errs) != len(tt.wantErrs) {
				t.Fatalf("errors %q, want %q", errs, tt.wantErrs)
			}
			for i, e := range errs {
				if !strings.Contains(e, tt.wantErrs[i]) {
					t.Errorf("error %q, want it to contain %q", e, tt.wantErrs[i])
				}
			}
		})
	}
}

func TestReleaseDate(t *testing.T) {
	tests := []struct{ in, date, clock string }{
		{"12/28/1966 18:48", "1966-12-28", "18:48"},
		{"2/25/1972 9:30", "1972-02-25", "09:30"},
		{"06/26/2007", "2007-06-26", ""},
		{"13/01/2007 10:00", "", ""},
		{"2007-06-26", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if d, c := releaseDate(tt.in); d != tt.date || c != tt.clock {
			t.Errorf("releaseDate(%q) = %q, %q; want %q, %q", tt.in, d, c, tt.date, tt.clock)
		}
	}
}

// endless is a reader of a CSV of n rows made on the fly, for benchmarks and the test of
// flat memory: the rows are never all in memory at once.
type endless struct {
	n, i int
	rows []string
	buf  []byte
}

func (e *endless) Read(p []byte) (int, error) {
	for len(e.buf) == 0 {
		if e.i >= e.n {
			return 0, io.EOF
		}
		e.buf = []byte(e.rows[e.i%len(e.rows)])
		e.i++
	}
	n := copy(p, e.buf)
	e.buf = e.buf[n:]
	return n, nil
}

func BenchmarkReaderCSV(b *testing.B) {
	sample := string(readTestdata(b, "cables_sample.csv"))
	var size int64
	for b.Loop() {
		r := NewReader("bench.csv", &endless{n: 2000, rows: []string{sample}})
		for {
			if _, err := r.Next(); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				b.Fatal(err)
			}
		}
		size = r.Offset()
	}
	b.SetBytes(size)
}

func TestBinary(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"text", "CONFIDENTIAL\nSUBJECT: X\n\n1. (C) Text.\r\n\tIndented.\f", false},
		{"NUL", "text\x00more", true},
		{"control bytes", strings.Repeat("ab\x01\x02", 100), true},
		{"a few control bytes", strings.Repeat("a", 100) + "\x1b", false},
		{"Latin-1 and UTF-8", strings.Repeat("caf\xe9 \xc2\xb6 ", 50), false},
		{"control bytes past 8 KB do not count", strings.Repeat("a", 8192) + strings.Repeat("\x01", 1000), false},
		{"short", "\x01", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Binary([]byte(tt.data)); got != tt.want {
				t.Errorf("Binary = %v, want %v", got, tt.want)
			}
		})
	}
}

// FuzzReader reads any bytes as a stream, the way the corpus path reads cables.csv:
// Next never panics, always ends, gives valid UTF-8 without carriage returns, and a
// per-row error never ends the stream.
func FuzzReader(f *testing.F) {
	f.Add(readTestdata(f, "cables_sample.csv"))
	f.Add([]byte(row(1, "6/26/2007 8:49", "07PARIS2726", "Embassy Paris", "SECRET//NOFORN", "07PARIS1|07STATE2", "H\r\nFM X", "B \\ \"q\"")))
	f.Add([]byte("\"1\",\"x\",\"y\",\"\\"))
	f.Add([]byte("1\tx\t07PARIS1\t\t\t\t\t"))
	f.Add([]byte("<pre>SUBJECT: X</pre>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader("fuzz.csv", bytes.NewReader(data))
		for i := 0; ; i++ {
			if i > len(data)+2 {
				t.Fatalf("Next did not end after %d documents", i)
			}
			d, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if errors.Is(err, ErrBadRow) || errors.Is(err, ErrTooLarge) {
					continue
				}
				return // the end of the stream, with its error
			}
			if !utf8Valid(d.Text) || strings.Contains(d.Text, "\r") {
				t.Fatalf("document %d: invalid UTF-8 or a carriage return", i)
			}
		}
	})
}
