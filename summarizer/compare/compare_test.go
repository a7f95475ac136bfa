package compare

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	goldenfile "github.com/cablebrief/summarize/internal/golden"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
)

const testdata = "../../testdata/compare"

// golden compares got with testdata/compare/name, rewriting it with -update; on a
// mismatch it writes name.got next to it and reports a diff.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	goldenfile.Check(tb, filepath.Join(testdata, name), got)
}

// testReports reads the hand-built reports of twelve Paris and Madrid cables.
func testReports(tb testing.TB) []*summarizer.Report {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(testdata, "reports", "*.json"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no test reports: %v", err)
	}
	rs, err := ReadReports(paths)
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

func testComparison(tb testing.TB) *Comparison {
	tb.Helper()
	aliases, err := LoadAliases(filepath.Join(testdata, "aliases.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return Build(testReports(tb), Options{Aliases: aliases})
}

// TestGolden renders the comparison of the test reports in every format: whole (the
// matrix layout), and its top 3 topics and actors (the topic layout of large comparisons,
// with what was left out) as compare.top3.*.
func TestGolden(t *testing.T) {
	c := testComparison(t)
	for _, v := range []struct {
		prefix string
		c      *Comparison
	}{{"compare", c}, {"compare.top3", c.Top(3)}} {
		for _, tt := range []struct {
			ext   string
			write func(*Comparison, *bytes.Buffer) error
		}{
			{"md", func(c *Comparison, b *bytes.Buffer) error { return c.WriteMarkdown(b) }},
			{"html", func(c *Comparison, b *bytes.Buffer) error { return c.WriteHTML(b) }},
			{"csv", func(c *Comparison, b *bytes.Buffer) error { return c.WriteCSV(b) }},
			{"json", func(c *Comparison, b *bytes.Buffer) error { return c.WriteJSON(b) }},
		} {
			name := v.prefix + "." + tt.ext + ".golden"
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := tt.write(v.c, &buf); err != nil {
					t.Fatal(err)
				}
				golden(t, name, buf.Bytes())
			})
		}
	}
}

// TestTestdataBar checks the acceptance bar on the test reports: at least ten cables and
// actors merged across cables under different names.
func TestTestdataBar(t *testing.T) {
	c := testComparison(t)
	st := c.Stats()
	if st.Cables < 10 {
		t.Errorf("compared %d cables, want at least 10", st.Cables)
	}
	if st.MergedActors < 1 {
		t.Errorf("no actor merged across cables")
	}
	tests := []struct {
		actor       string
		wantCables  int
		wantAliases []string
	}{
		{"Kouchner", 4, []string{"Bernard Kouchner", "FM Kouchner"}},
		{"Burns", 3, []string{"U/S Burns"}},
		{"Moratinos", 3, []string{"Foreign Minister Miguel Angel Moratinos"}},
		{"Ambassador Aguirre", 2, []string{"Ambassador"}}, // by the aliases file
		{"Sarkozy", 3, []string{"President Sarkozy"}},
	}
	for _, tt := range tests {
		t.Run(tt.actor, func(t *testing.T) {
			i := slices.IndexFunc(c.Actors, func(a Actor) bool { return a.Name == tt.actor })
			if i < 0 {
				t.Fatalf("no actor %q among %v", tt.actor, actorNames(c))
			}
			a := c.Actors[i]
			if a.Cables != tt.wantCables {
				t.Errorf("%s in %d cables, want %d", tt.actor, a.Cables, tt.wantCables)
			}
			if diff := cmp.Diff(tt.wantAliases, a.Aliases); diff != "" {
				t.Errorf("%s aliases (-want +got):\n%s", tt.actor, diff)
			}
		})
	}
	// Kouchner moved from opposing sanctions on Iran (June) to calling for them (September).
	var flagged []string
	for _, r := range c.Rows {
		if r.Actor == "Kouchner" && r.Topic == "Iran" && slices.Contains(r.Flags, FlagChanged) {
			flagged = append(flagged, r.CableID+" "+r.Previous+"→"+r.Label)
		}
	}
	if want := []string{"07PARIS3919 opposes→supports"}; !slices.Equal(flagged, want) {
		t.Errorf("Kouchner's changes on Iran = %v, want %v", flagged, want)
	}
}

func actorNames(c *Comparison) []string {
	var ns []string
	for _, a := range c.Actors {
		ns = append(ns, a.Name)
	}
	return ns
}

// sec is a section of a hand-built report.
type sec struct {
	title   string
	stances []summarizer.Stance
}

func stance(actor, aff, label, target string) summarizer.Stance {
	return summarizer.Stance{Actor: actor, Affiliation: aff, Label: label, Target: target, Voice: summarizer.VoiceReported,
		Evidence: []summarizer.Evidence{{Paragraph: 1, Quote: target, Grounded: true}}}
}

// mkReport builds a report with positions computed as summarizer.Summarize does.
func mkReport(id, date, origin string, tags []string, secs ...sec) *summarizer.Report {
	r := &summarizer.Report{SchemaVersion: summarizer.SchemaVersion,
		Cable: &summarizer.Cable{ID: id, Date: date, Origin: origin, Tags: tags, Subject: "subject of " + id}}
	for _, s := range secs {
		kind := summarizer.KindTopic
		if s.title == "" {
			kind = summarizer.KindSummary
		}
		r.Sections = append(r.Sections, summarizer.SectionReport{Title: s.title, Kind: kind, Paragraphs: []int{1}, Summary: "s", Stances: s.stances})
	}
	r.Positions = summarizer.Positions(r.Sections)
	return r
}

// brief is a row reduced to what the Build tests check.
type brief struct {
	Actor, Topic, Cable, Label string
	Flags                      string
}

func briefs(c *Comparison) []brief {
	var out []brief
	for _, r := range c.Rows {
		out = append(out, brief{r.Actor, r.Topic, r.CableID, r.Label, strings.Join(r.Flags, ",")})
	}
	return out
}

func TestBuild(t *testing.T) {
	paris := func(id, date string, secs ...sec) *summarizer.Report {
		return mkReport(id, date, "AMEMBASSY PARIS", []string{"PREL", "FR", "IR", "LE"}, secs...)
	}
	madrid := func(id, date string, secs ...sec) *summarizer.Report {
		return mkReport(id, date, "AMEMBASSY MADRID", []string{"PREL", "SP"}, secs...)
	}
	tests := []struct {
		name    string
		reports []*summarizer.Report
		opts    Options
		want    []brief
		warn    string
	}{
		{
			name: "names merged across cables, change flagged in date order",
			reports: []*summarizer.Report{
				paris("07PARIS3919", "2007-09-18", sec{"Iran", []summarizer.Stance{stance("Bernard Kouchner", "France", "supports", "sanctions on Iran outside the UNSC if necessary")}}),
				paris("07PARIS2726", "2007-06-26", sec{"IRAN", []summarizer.Stance{stance("French FM Kouchner", "France", "opposes", "sanctions against Iran outside the UN Security Council")}}),
				paris("07PARIS4357", "2007-10-26", sec{"THE IRANIAN NUCLEAR FILE", []summarizer.Stance{stance("FM Kouchner", "", "supports", "pressure on Iran")}}),
			},
			want: []brief{
				{"Bernard Kouchner", "Iran", "07PARIS2726", "opposes", ""},
				{"Bernard Kouchner", "Iran", "07PARIS3919", "supports", "changed"},
				{"Bernard Kouchner", "Iran", "07PARIS4357", "supports", ""},
			},
		},
		{
			name: "opposite labels on one proposition in one cable are a contradiction",
			reports: []*summarizer.Report{
				paris("07PARIS2726", "2007-06-26",
					sec{"IRAN", []summarizer.Stance{stance("Kouchner", "France", "opposes", "sanctions on Iran"), stance("Kouchner", "France", "supports", "targeted sanctions on Iran")}},
					sec{"", []summarizer.Stance{stance("Kouchner", "France", "supports", "Iran sanctions")}}),
			},
			want: []brief{{"Kouchner", "Iran", "07PARIS2726", "supports", "contradiction"}},
		},
		{
			name: "same surname, different affiliations stay apart",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", sec{"LEBANON", []summarizer.Stance{stance("Burns", "United States", "supports", "Siniora")}}),
				madrid("07MADRID1", "2007-02-01", sec{"LEBANON", []summarizer.Stance{stance("Burns", "Spain", "opposes", "Siniora")}}),
				madrid("07MADRID2", "2007-03-01", sec{"Lebanon", []summarizer.Stance{stance("Nicholas Burns", "USG", "supports", "UNIFIL")}}),
			},
			want: []brief{
				{"Nicholas Burns", "Lebanon", "07PARIS1", "supports", ""},
				{"Nicholas Burns", "Lebanon", "07MADRID2", "supports", ""},
				{"Burns", "Lebanon", "07MADRID1", "opposes", ""},
			},
		},
		{
			name: "aliases merge what rules cannot",
			reports: []*summarizer.Report{
				madrid("07MADRID1", "2007-01-01", sec{"AFGHANISTAN", []summarizer.Stance{stance("ZP", "Spain", "supports", "more ISAF troops")}}),
				madrid("07MADRID2", "2007-02-01", sec{"Afghanistan", []summarizer.Stance{stance("President Zapatero", "Spain", "opposes", "ISAF troops")}}),
			},
			opts: Options{Aliases: map[string]string{"zp": "Zapatero"}},
			want: []brief{
				{"Zapatero", "Afghanistan", "07MADRID1", "supports", ""},
				{"Zapatero", "Afghanistan", "07MADRID2", "opposes", "changed"},
			},
		},
		{
			name: "generic sections take their topic from the target, then the tags",
			reports: []*summarizer.Report{
				paris("07PARIS1", "2007-01-01", sec{"", []summarizer.Stance{
					stance("Araud", "France", "skeptical", "recognising Kosovo"),
					stance("Levitte", "France", "supports", "the Paris conference"),
				}}),
				mkReport("07MADRID1", "2007-01-02", "AMEMBASSY MADRID", []string{"PREL", "SP", "AF"}, sec{"COMMENT", []summarizer.Stance{stance("Moratinos", "Spain", "supports", "the PRT in Herat")}}),
			},
			want: []brief{
				{"Araud", "Kosovo", "07PARIS1", "skeptical", ""},
				{"Levitte", "Other", "07PARIS1", "supports", ""},
				{"Moratinos", "Afghanistan", "07MADRID1", "supports", ""},
			},
		},
		{
			name: "duplicate and empty reports are skipped with a warning",
			reports: []*summarizer.Report{
				nil,
				{Cable: &summarizer.Cable{}},
				paris("07PARIS1", "2007-01-01", sec{"IRAN", []summarizer.Stance{stance("Kouchner", "France", "opposes", "sanctions")}}),
				paris("07PARIS1", "2007-01-01", sec{"IRAN", []summarizer.Stance{stance("Kouchner", "France", "supports", "sanctions")}}),
			},
			want: []brief{{"Kouchner", "Iran", "07PARIS1", "opposes", ""}},
			warn: "report 1 has no cable; skipped\nreport 2 has a cable without an id; skipped\n07PARIS1 appears more than once; the first report is used",
		},
		{
			name: "undated cables sort by the year of their id, after that year's dates; without one, last",
			reports: []*summarizer.Report{
				madrid("06MADRID2", "", sec{"IRAN", []summarizer.Stance{stance("Moratinos", "Spain", "opposes", "talks with Tehran on the nuclear file")}}),
				madrid("MADRID9", "", sec{"IRAN", []summarizer.Stance{stance("Moratinos", "Spain", "opposes", "talks on the nuclear file")}}),
				madrid("05MADRID1324", "", sec{"IRAN", []summarizer.Stance{stance("Moratinos", "Spain", "conditional", "nuclear talks")}}),
				madrid("06MADRID2281", "2006-09-13", sec{"IRAN", []summarizer.Stance{stance("Moratinos", "Spain", "supports", "a nuclear solution")}}),
			},
			want: []brief{
				{"Moratinos", "Iran", "05MADRID1324", "conditional", ""},
				{"Moratinos", "Iran", "06MADRID2281", "supports", ""},
				// 06MADRID2 is of 2006, not later than 2006-09-13: compared with 2005 only.
				{"Moratinos", "Iran", "06MADRID2", "opposes", ""},
				{"Moratinos", "Iran", "MADRID9", "opposes", ""},
			},
		},
		{
			name: "stances are used when a report has no positions; failed sections are not",
			reports: func() []*summarizer.Report {
				r := paris("07PARIS1", "2007-01-01",
					sec{"LEBANON", []summarizer.Stance{stance("Kouchner", "France", "supports", "the conference")}},
					sec{"IRAN", []summarizer.Stance{stance("Kouchner", "France", "opposes", "sanctions")}})
				r.Positions = nil
				r.Sections[1].Error = "timeout"
				return []*summarizer.Report{r}
			}(),
			want: []brief{{"Kouchner", "Lebanon", "07PARIS1", "supports", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Build(tt.reports, tt.opts)
			if diff := cmp.Diff(tt.want, briefs(c)); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if got := strings.Join(c.Warnings, "\n"); got != tt.warn {
				t.Errorf("warnings = %q, want %q", got, tt.warn)
			}
		})
	}
}

func TestBuildRowFields(t *testing.T) {
	r1 := mkReport("07PARIS2726", "2007-06-26", "AMEMBASSY PARIS", []string{"FR", "IR"},
		sec{"IRAN", []summarizer.Stance{stance("French FM Kouchner", "France", "opposes", "sanctions"), stance("Kouchner", "France", "supports", "talks"), stance("Kouchner", "France", "opposes", "force")}})
	r2 := mkReport("07PARIS3919", "2007-09-18", "AMEMBASSY PARIS", []string{"FR", "IR"},
		sec{"Iran", []summarizer.Stance{stance("Bernard Kouchner", "France", "supports", "sanctions on Iran")}})
	c := Build([]*summarizer.Report{r2, r1}, Options{})
	ev := func(q string) []summarizer.Evidence {
		return []summarizer.Evidence{{Paragraph: 1, Quote: q, Grounded: true}}
	}
	want := []Row{
		{Actor: "Bernard Kouchner", Aliases: []string{"French FM Kouchner", "Kouchner"}, Affiliation: "France", Topic: "Iran",
			CableID: "07PARIS2726", Date: "2007-06-26", Label: "opposes", Labels: []string{"opposes", "supports"}, Target: "sanctions",
			Voice: "reported", Flags: []string{}, Sections: []string{"IRAN"}, // opposite labels, but on other propositions
			Evidence: []summarizer.Evidence{{Paragraph: 1, Quote: "sanctions", Grounded: true}, {Paragraph: 1, Quote: "force", Grounded: true}},
			Targets: []Target{
				{Target: "sanctions", Label: "opposes", Voice: "reported", Section: "IRAN", Evidence: ev("sanctions")},
				{Target: "talks", Label: "supports", Voice: "reported", Section: "IRAN", Evidence: ev("talks")},
				{Target: "force", Label: "opposes", Voice: "reported", Section: "IRAN", Evidence: ev("force")},
			},
			Conflicts: []RowConflict{}},
		{Actor: "Bernard Kouchner", Aliases: []string{"French FM Kouchner", "Kouchner"}, Affiliation: "France", Topic: "Iran",
			CableID: "07PARIS3919", Date: "2007-09-18", Label: "supports", Labels: []string{"supports"}, Target: "sanctions on Iran",
			Voice: "reported", Flags: []string{FlagChanged}, Previous: "opposes", PreviousCable: "07PARIS2726", Sections: []string{"Iran"},
			Evidence: ev("sanctions on Iran"),
			Targets:  []Target{{Target: "sanctions on Iran", Label: "supports", Voice: "reported", Section: "Iran", Evidence: ev("sanctions on Iran")}},
			Conflicts: []RowConflict{{Kind: FlagChanged, Target: 0, OtherCable: "07PARIS2726", OtherDate: "2007-06-26",
				OtherLabel: "opposes", OtherTarget: "sanctions"}}},
	}
	if diff := cmp.Diff(want, c.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	wantTopics := []Topic{{Name: "Iran", Key: "tag:iran", Titles: []string{"IRAN", "Iran"}, Cables: 2, Actors: 1}}
	if diff := cmp.Diff(wantTopics, c.Topics); diff != "" {
		t.Errorf("topics (-want +got):\n%s", diff)
	}
}

func TestBuildEmpty(t *testing.T) {
	c := Build(nil, Options{})
	var buf bytes.Buffer
	if err := c.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"cables", "actors", "topics", "rows", "warnings"} {
		if l, ok := m[k].([]any); !ok || len(l) != 0 {
			t.Errorf("%s = %#v, want []", k, m[k])
		}
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"markdown": func(b *bytes.Buffer) error { return c.WriteMarkdown(b) },
		"html":     func(b *bytes.Buffer) error { return c.WriteHTML(b) },
		"csv":      func(b *bytes.Buffer) error { return c.WriteCSV(b) },
	} {
		if err := write(&bytes.Buffer{}); err != nil {
			t.Errorf("%s of an empty comparison: %v", name, err)
		}
	}
}

func TestWritersEscape(t *testing.T) {
	const xss = `<script>alert(1)</script>`
	r := mkReport("07PARIS1", "2007-01-01", "AMEMBASSY PARIS", []string{"IR"},
		sec{"IRAN " + xss, []summarizer.Stance{stance("Kouchner "+xss, "France", "opposes", "sanctions | "+xss)}})
	c := Build([]*summarizer.Report{r}, Options{})
	var h, m bytes.Buffer
	if err := c.WriteHTML(&h); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h.String(), "<script") {
		t.Errorf("HTML contains a raw <script> tag")
	}
	if !strings.Contains(h.String(), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("HTML does not show the escaped script text")
	}
	if err := c.WriteMarkdown(&m); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.String(), " <script") || strings.Contains(m.String(), "|<script") {
		t.Errorf("Markdown contains a raw <script> tag:\n%s", m.String())
	}
	if !strings.Contains(m.String(), `sanctions \| \<script\>alert(1)\</script\>`) {
		t.Errorf("Markdown does not escape the target in a table cell:\n%s", m.String())
	}
}

func TestRolesMergeWithinOnePost(t *testing.T) {
	reports := []*summarizer.Report{
		mkReport("07PARIS1", "2007-01-01", "AMEMBASSY PARIS", []string{"FR"}, sec{"IRAN", []summarizer.Stance{stance("the Ambassador", "United States", "supports", "sanctions")}}),
		mkReport("07PARIS2", "2007-02-01", "AMEMBASSY PARIS", []string{"FR"}, sec{"IRAN", []summarizer.Stance{stance("Ambassador", "United States", "opposes", "sanctions")}}),
		mkReport("07MADRID1", "2007-01-15", "AMEMBASSY MADRID", []string{"SP"}, sec{"IRAN", []summarizer.Stance{stance("the Ambassador", "United States", "supports", "sanctions")}}),
		mkReport("07MADRID2", "2007-01-16", "AMEMBASSY MADRID", []string{"SP"}, sec{"IRAN", []summarizer.Stance{stance("France", "France", "supports", "sanctions")}}),
		mkReport("07PARIS3", "2007-03-01", "AMEMBASSY PARIS", []string{"FR"}, sec{"IRAN", []summarizer.Stance{stance("France", "France", "opposes", "sanctions")}}),
	}
	c := Build(reports, Options{})
	want := []brief{ // actors in two cables first, then by name
		{"Ambassador (Paris)", "Iran", "07PARIS1", "supports", ""},
		{"Ambassador (Paris)", "Iran", "07PARIS2", "opposes", "changed"},
		{"France", "Iran", "07MADRID2", "supports", ""},
		{"France", "Iran", "07PARIS3", "opposes", "changed"},
		{"the Ambassador (Madrid)", "Iran", "07MADRID1", "supports", ""},
	}
	if diff := cmp.Diff(want, briefs(c)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestOtherTopicLast(t *testing.T) {
	var reports []*summarizer.Report
	for i := range 3 { // "Other" in three cables, Iran in one
		reports = append(reports, mkReport(fmt.Sprintf("07PARIS%d", i), "2007-01-01", "AMEMBASSY PARIS", []string{"FR"},
			sec{"", []summarizer.Stance{stance("Levitte", "France", "supports", "the plan")}}))
	}
	reports = append(reports, mkReport("07PARIS9", "2007-01-02", "AMEMBASSY PARIS", []string{"FR"},
		sec{"IRAN", []summarizer.Stance{stance("Levitte", "France", "opposes", "sanctions")}}))
	c := Build(reports, Options{})
	var got []string
	for _, tp := range c.Topics {
		got = append(got, fmt.Sprintf("%s/%d", tp.Name, tp.Cables))
	}
	if diff := cmp.Diff([]string{"Iran/1", "Other/3"}, got); diff != "" {
		t.Errorf("topics (-want +got):\n%s", diff)
	}
}

// BenchmarkBuild streams 120 reports (the test reports under ten sets of ids) through a
// Builder and renders the comparison as HTML.
func BenchmarkBuild(b *testing.B) {
	base := testReports(b)
	var reports []*summarizer.Report
	for i := range 10 {
		for _, r := range base {
			c := *r.Cable
			c.ID = fmt.Sprintf("%s-%d", c.ID, i)
			cp := *r
			cp.Cable = &c
			reports = append(reports, &cp)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		bl := NewBuilder(Options{})
		for _, r := range reports {
			bl.Add(r)
		}
		if err := bl.Comparison().ForReading(-1).WriteHTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWritersMatrixCells checks what the matrices show: the target shortened in each cell,
// a legend of the labels present (configured ones with a style of their own), a singular
// title for one cable and one pair of parentheses around place and affiliation.
func TestWritersMatrixCells(t *testing.T) {
	long := "a long target about the future of the transatlantic relationship and the sanctions regime against Iran"
	r := mkReport("07PARIS1", "2007-01-01", "AMEMBASSY PARIS", []string{"IR"},
		sec{"IRAN", []summarizer.Stance{
			stance("Kouchner", "France", "pro", long),
			stance("Araud", "France", "con", "talks"),
			stance("Levitte", "France", "neutral", "talks"),
			stance("Embassy", "United States", "con", "talks"),
		}})
	c := Build([]*summarizer.Report{r}, Options{})
	var h, m bytes.Buffer
	if err := c.WriteHTML(&h); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteMarkdown(&m); err != nil {
		t.Fatal(err)
	}
	short := "a long target about the future of the transatlantic relationship and the…"
	for _, want := range []string{
		"# Positions across 1 cable\n",
		"• pro _" + short + "_ (07PARIS1, 2007-01-01)",
		"Labels: · neutral | • pro | • con. ⟳",
		"**Embassy (Paris, United States)**",
	} {
		if !strings.Contains(m.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, m.String())
		}
	}
	for _, want := range []string{
		"<h1>Positions across 1 cable</h1>",
		`<span class="tgt" title="` + long + `">` + short + `</span>`,
		`<span class="badge other other-1"><span class="sym" aria-hidden="true">•</span>pro</span>`,
		`<span class="badge other other-2"><span class="sym" aria-hidden="true">•</span>con</span>`,
		`.badge.other-2 {`,
	} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(h.String(), `class="badge other"`) {
		t.Errorf("HTML has a badge of the plain class other")
	}
}
