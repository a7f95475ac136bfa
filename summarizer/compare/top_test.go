package compare

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
)

// manyReports builds n reports of Paris cables, one a day from 2007-01-01: "Iran" in
// every one (Kouchner, Araud, and an official of each cable), "Lebanon" in every other
// (Kouchner), and a topic of its own in each.
func manyReports(n int) []*summarizer.Report {
	var rs []*summarizer.Report
	for i := range n {
		label := "supports"
		if i == n-1 {
			label = "opposes" // Kouchner reverses himself on sanctions in the last cable
		}
		secs := []sec{
			{"IRAN", []summarizer.Stance{
				stance("Kouchner", "France", label, "sanctions on Iran"),
				stance("Araud", "France", "skeptical", fmt.Sprintf("proposal number %d", i)),
				stance(fmt.Sprintf("Official%c%c", 'a'+i%26, 'a'+i/26), "France", "neutral", "talks"),
			}},
			{fmt.Sprintf("LOCAL ISSUE NUMBER %d", i), []summarizer.Stance{stance("Levitte", "France", "neutral", "the matter")}},
		}
		if i%2 == 0 {
			secs = append(secs, sec{"LEBANON", []summarizer.Stance{stance("Kouchner", "France", "supports", "the conference")}})
		}
		rs = append(rs, mkReport(fmt.Sprintf("07PARIS%d", 100+i), fmt.Sprintf("2007-%02d-%02d", 1+i/28, 1+i%28), "AMEMBASSY PARIS", []string{"FR", "IR", "LE"}, secs...))
	}
	return rs
}

func TestTop(t *testing.T) {
	c := Build(manyReports(30), Options{})
	top := c.Top(2)
	var topics []string
	for _, tp := range top.Topics {
		topics = append(topics, tp.Name)
	}
	if diff := cmp.Diff([]string{"Iran", "Lebanon"}, topics); diff != "" {
		t.Errorf("topics kept (-want +got):\n%s", diff)
	}
	perTopic := map[string]map[string]bool{}
	for _, r := range top.Rows {
		if perTopic[r.Topic] == nil {
			perTopic[r.Topic] = map[string]bool{}
		}
		perTopic[r.Topic][r.Actor] = true
	}
	want := map[string]map[string]bool{"Iran": {"Kouchner": true, "Araud": true}, "Lebanon": {"Kouchner": true}}
	if diff := cmp.Diff(want, perTopic); diff != "" {
		t.Errorf("actors kept by topic (-want +got):\n%s", diff)
	}
	o := top.Omitted
	if o == nil {
		t.Fatal("Top left nothing out")
	}
	all := c.Stats()
	if o.Total != all || o.Top != 2 || o.Topics != len(c.Topics)-2 || o.Rows != len(c.Rows)-len(top.Rows) {
		t.Errorf("Omitted = %+v; want the whole's stats %+v and what is missing", o, all)
	}
	if all.Changes != 1 || top.Stats().Changes != 1 {
		t.Errorf("changes: %d in all, %d kept; want Kouchner's one in both", all.Changes, top.Stats().Changes)
	}
	if c.Top(0) != c || c.Top(1000) != c {
		t.Errorf("Top(0) and a Top that leaves nothing out must return the comparison itself")
	}
}

func TestForReading(t *testing.T) {
	small := Build(manyReports(3), Options{})
	large := Build(manyReports(LargeComparison), Options{})
	tests := []struct {
		name       string
		c          *Comparison
		top        int
		wantTopics int
		omitted    bool
	}{
		{"small, not told", small, -1, len(small.Topics), false},
		{"large, not told", large, -1, DefaultTop, true},
		{"large, everything", large, 0, len(large.Topics), false},
		{"small, told", small, 1, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.c.ForReading(tt.top)
			if len(got.Topics) != tt.wantTopics || (got.Omitted != nil) != tt.omitted {
				t.Errorf("ForReading(%d): %d topics, omitted %v; want %d, %v", tt.top, len(got.Topics), got.Omitted != nil, tt.wantTopics, tt.omitted)
			}
		})
	}
}

// TestTopicLayout checks the layout of a large comparison: topic by topic, actor rows,
// the latest MaxCellCables cables of each, and what was left out said.
func TestTopicLayout(t *testing.T) {
	c := Build(manyReports(LargeComparison), Options{}).ForReading(-1)
	var md, h bytes.Buffer
	if err := c.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteHTML(&h); err != nil {
		t.Fatal(err)
	}
	m := md.String()
	for _, want := range []string{
		"# Positions across 100 cables\n",
		"Shown: the 10 topics found in the most cables and, on each, the 10 actors at most found on it in the most cables (--top 10)",
		"Left out: 92 topics",
		"\n## Topics\n\nIran (100 cables) · Lebanon (50 cables) · ",
		"\n## Iran\n\n100 cables · 102 actors (10 shown)",
		"| **Kouchner (France)** | 100 | _92 cables earlier not shown_<br>",
		"- ⟳ **Kouchner** on **Iran**: ✓ supports _sanctions on Iran_ (07PARIS198, 2007-04-15) → ✗ opposes _sanctions on Iran_ (07PARIS199, 2007-04-16)",
		"\n## Cables cited\n",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if strings.Contains(m, "## Actor × topic") {
		t.Errorf("a large comparison drawn as a matrix")
	}
	for _, want := range []string{`<nav id="index">`, `92 cables earlier not shown`, `<h2 id="t1">Iran</h2>`} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

// TestCSVInjection checks that no cell of the CSV starts a formula (OWASP's CSV
// injection guidance): a report's text starting with =, +, -, @, tab or carriage return
// is written after a single quote; numbers stay numbers.
func TestCSVInjection(t *testing.T) {
	r := mkReport("07PARIS1", "2007-01-01", "AMEMBASSY PARIS", []string{"IR"},
		sec{"=1+1 TOPIC", []summarizer.Stance{
			stance(`=HYPERLINK("http://evil.example","x")`, "France", "supports", "+cmd|' /C calc'!A0"),
			stance("@SUM(A1:A9)", "France", "opposes", "-2+3"),
			stance("Araud", "\tFrance", "neutral", "\rtalks"),
			stance("Levitte", "France", "-3", "+1.5"),
		}})
	c := Build([]*summarizer.Report{r}, Options{})
	var buf bytes.Buffer
	if err := c.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]bool{}
	for _, rec := range recs[1:] {
		for _, f := range rec {
			cells[f] = true
			if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) && f != "-3" && f != "+1.5" {
				t.Errorf("cell %q starts a formula", f)
			}
		}
	}
	for _, want := range []string{`'=HYPERLINK("http://evil.example","x")`, "'+cmd|' /C calc'!A0", "'@SUM(A1:A9)", "'-2+3", "'\tFrance", "'\rtalks", "'=1+1 TOPIC", "-3", "+1.5"} {
		if !cells[want] {
			t.Errorf("no cell %q", want)
		}
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "Kouchner": "Kouchner", "=1": "'=1", "+": "'+", "-": "'-", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx",
		"-3": "-3", "+1.5": "+1.5", "-.5": "-.5", "2e6": "2e6", "-1e-3": "-1e-3", "-Inf": "'-Inf", "-0x10": "'-0x10", "- 3": "'- 3",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteFormats(t *testing.T) {
	c := Build(manyReports(5), Options{})
	for _, f := range Formats {
		var b bytes.Buffer
		if err := Write(&b, c, f, 1); err != nil || b.Len() == 0 {
			t.Errorf("Write(%s) = %v, %d bytes", f, err, b.Len())
		}
	}
	if err := Write(&bytes.Buffer{}, c, "pdf", -1); err == nil || !strings.Contains(err.Error(), `"pdf"`) {
		t.Errorf("Write(pdf) = %v, want an error naming the format", err)
	}
}
