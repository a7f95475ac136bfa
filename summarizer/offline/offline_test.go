package offline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/internal/golden"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/eval"
)

const testdataDir = "../../testdata/offline"

// loadCable reads a summarizer.Cable fixture from testdata/offline.
func loadCable(tb testing.TB, name string) *summarizer.Cable {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(testdataDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	var c summarizer.Cable
	if err := json.Unmarshal(b, &c); err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	return &c
}

// fixtures lists the cable fixtures in testdata/offline.
func fixtures(tb testing.TB) []string {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join(testdataDir, "*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, n := range names {
		base := filepath.Base(n)
		if strings.Count(base, ".") == 1 { // 07PARIS2726.json, not *.stances.json
			out = append(out, base)
		}
	}
	if len(out) == 0 {
		tb.Fatal("no fixtures in " + testdataDir)
	}
	return out
}

func sectionInput(c *summarizer.Cable, i int) summarizer.SectionInput {
	s := c.Sections[i]
	return summarizer.SectionInput{Cable: c, Index: i, Section: s, Paragraphs: c.SectionParagraphs(s), Labels: summarizer.DefaultLabels}
}

// run summarises every section of c and writes the overview, as the orchestrator would.
func run(tb testing.TB, e *Engine, c *summarizer.Cable) summarizer.Report {
	tb.Helper()
	ctx := context.Background()
	rep := summarizer.Report{Cable: c}
	for i, s := range c.Sections {
		in := sectionInput(c, i)
		res, u, err := e.SummarizeSection(ctx, in)
		if err != nil {
			tb.Fatalf("section %d: %v", i, err)
		}
		if u != (summarizer.Usage{}) {
			tb.Errorf("section %d: usage %+v, want zero", i, u)
		}
		rep.Sections = append(rep.Sections, summarizer.SectionReport{
			Title: s.Title, Kind: s.Kind, Paragraphs: s.Paragraphs, Summary: res.Summary,
			KeyPoints: res.KeyPoints, Stances: res.Stances,
		})
	}
	ov, _, err := e.Overview(ctx, summarizer.OverviewInput{Cable: c, Sections: rep.Sections})
	if err != nil {
		tb.Fatal(err)
	}
	rep.Overview = ov
	rep.Engine = e.Info()
	return rep
}

func TestSectionsValidAndGrounded(t *testing.T) {
	e := New(Options{})
	for _, name := range fixtures(t) {
		c := loadCable(t, name)
		for i := range c.Sections {
			in := sectionInput(c, i)
			res, _, err := e.SummarizeSection(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			if err := summarizer.Validate(res, in); err != nil {
				t.Errorf("%s section %d: %v", name, i, err)
			}
			if ps := summarizer.Ground(&res, in); len(ps) > 0 {
				t.Errorf("%s section %d: ungrounded quotes: %v", name, i, ps)
			}
			if n := len(res.Summary); n > DefaultSummaryChars && strings.Count(res.Summary, ". ") > 0 {
				t.Errorf("%s section %d: summary of %d bytes has more than one sentence over the budget %d", name, i, n, DefaultSummaryChars)
			}
			var texts []string
			for _, p := range in.Paragraphs {
				texts = append(texts, p.Text)
			}
			sents := sourceSentences(texts...)
			for _, k := range res.KeyPoints {
				if !wholeSentences(k, sents) {
					t.Errorf("%s section %d: key point %q is not a whole sentence of the section", name, i, k)
				}
			}
			if summary, _, _ := strings.Cut(res.Summary, " Participants: "); !strings.HasPrefix(summary, "Participants: ") && summary != in.Section.Title && !wholeSentences(summary, sents) {
				t.Errorf("%s section %d: summary %q is not made of whole sentences of the section", name, i, summary)
			}
			for _, s := range res.Stances {
				if redactedName(s.Actor) && !summarizer.IsRedacted(s.Actor) {
					t.Errorf("%s section %d: actor %q hides a source but is no bare redaction mask", name, i, s.Actor)
				}
				if f := strings.Fields(strings.ToLower(s.Target)); len(f) > 0 && (targetStop[f[len(f)-1]] || targetEnd[f[len(f)-1]]) {
					t.Errorf("%s section %d: target %q ends on a function word", name, i, s.Target)
				}
				if n := len(strings.Fields(s.Target)); n > maxTargetWords {
					t.Errorf("%s section %d: target %q has %d words, want at most %d", name, i, s.Target, n, maxTargetWords)
				}
			}
		}
	}
}

// TestBar checks the acceptance bar on 07PARIS2726: a non-empty summary for each topic
// section and at least one stance in KOSOVO, LEBANON and IRAN.
func TestBar(t *testing.T) {
	c := loadCable(t, "07PARIS2726.json")
	rep := run(t, New(Options{}), c)
	if got, want := len(rep.Sections), 7; got != want {
		t.Fatalf("got %d sections, want %d", got, want)
	}
	for _, s := range rep.Sections {
		if s.Kind == summarizer.KindTopic && strings.TrimSpace(s.Summary) == "" {
			t.Errorf("section %q: empty summary", s.Title)
		}
		switch s.Title {
		case "KOSOVO", "LEBANON", "IRAN":
			if len(s.Stances) == 0 {
				t.Errorf("section %q: no stances", s.Title)
			}
		}
	}
	if !strings.HasPrefix(rep.Overview.BottomLine, "U/S Burns and French FM Kouchner discussed") {
		t.Errorf("bottom line = %q, want the SUMMARY's first sentence first", rep.Overview.BottomLine)
	}
	if got, want := len(rep.Overview.KeyPoints), 5; got != want {
		t.Errorf("got %d overview key points, want one per topic section (%d)", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	for _, name := range fixtures(t) {
		c := loadCable(t, name)
		a, err := json.Marshal(run(t, New(Options{}), c))
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(run(t, New(Options{}), c))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", name)
		}
	}
}

// TestGolden compares the whole report with testdata/offline/<id>.golden.json; run with
// -update to rewrite it. A mismatch writes <id>.golden.json.got next to it.
func TestGolden(t *testing.T) {
	for _, name := range fixtures(t) {
		c := loadCable(t, name)
		rep := run(t, New(Options{}), c)
		rep.Cable = nil
		got, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		golden.Check(t, filepath.Join(testdataDir, strings.TrimSuffix(name, ".json")+".golden.json"), got)
	}
}

// targetWords are the content words a gold target is recognised by: those of its Target,
// else of its note, without the cue words that explain the label.
func targetWords(g eval.GoldStance, stop map[string]bool) map[string]bool {
	text := g.Target
	if text == "" {
		text = g.Note
	}
	ws := words(text, stop)
	for w := range ws {
		if commonWords[w] {
			delete(ws, w)
		}
	}
	return ws
}

// scores are the figures score computes.
type scores struct {
	precision float64 // eval.Stances: distinct (section, actor, label) triplets produced that the gold has
	recall    float64 // eval.Stances: gold triplets produced
	targetOK  float64 // matched triplets of which a produced target shares a content word with a gold one
}

// score compares the stances of rep with the stance gold in file (the format of
// STANCE_ANNOTATION.md) by eval.Stances, the project's scorer, logs its diffs, and checks
// the targets of the matched triplets: one counts when a produced target for it shares a
// content word with a gold target for it.
func score(t *testing.T, file string, rep *summarizer.Report) scores {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdataDir, file))
	if err != nil {
		t.Fatal(err)
	}
	var g eval.StanceGold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	var sc eval.Stances
	sc.Add(&g, rep)
	for _, d := range sc.Diffs {
		t.Log(d)
	}
	r := sc.Result()
	// Targets of the matched triplets, keyed as eval keys them: the report section that
	// holds the gold stance's first paragraph, the actor's match key and the label.
	type key struct {
		section      int
		actor, label string
	}
	sectionOf := func(paras []int) int {
		for _, n := range paras {
			for i, s := range rep.Sections {
				if slices.Contains(s.Paragraphs, n) {
					return i
				}
			}
		}
		return -1
	}
	stop := New(Options{}).stop
	want := map[key]map[string]bool{}
	for _, gs := range g.Stances {
		k := key{sectionOf(gs.Paragraphs), summarizer.ActorMatchKey(gs.Actor, gs.Affiliation), gs.Label}
		if want[k] == nil {
			want[k] = map[string]bool{}
		}
		maps.Copy(want[k], targetWords(gs, stop))
	}
	got := map[key][]string{}
	for i, s := range rep.Sections {
		for _, st := range s.Stances {
			k := key{i, summarizer.ActorMatchKey(st.Actor, st.Affiliation), st.Label}
			got[k] = append(got[k], st.Target)
		}
	}
	withTarget, targetHits := 0, 0
	for k, targets := range got {
		exp, ok := want[k]
		if !ok || len(exp) == 0 {
			continue
		}
		withTarget++
		hit := false
		for _, tg := range targets {
			for w := range words(tg, stop) {
				hit = hit || exp[w]
			}
		}
		if hit {
			targetHits++
		} else {
			t.Logf("target mismatch: %+v got %q", k, targets)
		}
	}
	out := scores{precision: r.Precision, recall: r.Recall, targetOK: float64(targetHits) / float64(max(withTarget, 1))}
	t.Logf("%s: precision %.2f (%d/%d), recall %.2f (%d/%d), F1 %.2f, label accuracy %.2f, flips %d, targets %.2f (%d/%d)",
		file, r.Precision, r.TP, r.Produced, r.Recall, r.TP, r.Gold, r.F1, r.LabelAccuracy, r.Flips, out.targetOK, targetHits, withTarget)
	return out
}

// TestScoreStances scores the stances found against stance gold in the shared format of
// STANCE_ANNOTATION.md (testdata/offline/<ID>.stances.json) with eval.Stances and fails
// below the floors, so regressions show.
//
// 07PARIS2726 is the seed, the cable the rules were first developed on; its gold is the
// shared annotation (the project's shared gold). The others are the project's earlier hand-written
// expectations, converted to the shared format: 09PARIS1040, 08LONDON1771 and
// 09LONDON2768 were written before the engine's output on them was read; 09BEIJING3313,
// 10PARIS170 and 09RIYADH181 were written blind on 2026-11-27 (first run: precision 0.88
// recall 0.50, 0.76 / 0.33, 1.00 / 0.42 under the old surname scorer). The lexicon has
// since grown on general grounds, so none is held out any more: the blind rounds in
// testdata/stance_blind are. 09BEIJING3313 gives China the positions that Wang states for
// China, where STANCE_ANNOTATION.md (and the engine since the precision-first rules) gives
// them to the person who states them; its recall floor went from 0.65 to 0.55 for that.
// A target that only points back ("the proposal") is now the section's topic, which
// lowered the target floors of the seed and 09PARIS1040.
func TestScoreStances(t *testing.T) {
	tests := []struct {
		fixture, gold string
		min           scores
	}{
		{"07PARIS2726.json", "07PARIS2726.stances.json", scores{0.7, 0.85, 0.7}},
		{"parsed_07PARIS2726.json", "07PARIS2726.stances.json", scores{0.7, 0.85, 0.7}},
		{"parsed_09PARIS1040.json", "09PARIS1040.stances.json", scores{0.9, 0.6, 0.7}},
		{"parsed_08LONDON1771.json", "08LONDON1771.stances.json", scores{0.8, 0.4, 0.8}},
		{"parsed_09LONDON2768.json", "09LONDON2768.stances.json", scores{0.9, 0.7, 0.8}},
		{"parsed_09BEIJING3313.json", "09BEIJING3313.stances.json", scores{0.9, 0.55, 0.9}},
		{"parsed_10PARIS170.json", "10PARIS170.stances.json", scores{0.8, 0.55, 0.9}},
		{"parsed_09RIYADH181.json", "09RIYADH181.stances.json", scores{0.9, 0.5, 0.8}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			c := loadCable(t, tt.fixture)
			rep := run(t, New(Options{}), c)
			got := score(t, tt.gold, &rep)
			if got.precision < tt.min.precision || got.recall < tt.min.recall || got.targetOK < tt.min.targetOK {
				t.Errorf("got %+v, want at least %+v", got, tt.min)
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := loadCable(t, "07PARIS2726.json")
	e := New(Options{})
	if _, _, err := e.SummarizeSection(ctx, sectionInput(c, 2)); !errors.Is(err, context.Canceled) {
		t.Errorf("SummarizeSection error = %v, want context.Canceled", err)
	}
	if _, _, err := e.Overview(ctx, summarizer.OverviewInput{Cable: c}); !errors.Is(err, context.Canceled) {
		t.Errorf("Overview error = %v, want context.Canceled", err)
	}
}

func TestInfo(t *testing.T) {
	if got, want := New(Options{}).Info(), (summarizer.EngineInfo{Provider: "offline"}); got != want {
		t.Errorf("Info() = %+v, want %+v", got, want)
	}
}

func BenchmarkOffline(b *testing.B) {
	var cables []*summarizer.Cable
	size := 0
	for _, name := range fixtures(b) {
		c := loadCable(b, name)
		cables = append(cables, c)
		for _, p := range c.Paragraphs {
			size += len(p.Text)
		}
	}
	e := New(Options{})
	ctx := context.Background()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		for _, c := range cables {
			for i := range c.Sections {
				if _, _, err := e.SummarizeSection(ctx, sectionInput(c, i)); err != nil {
					b.Fatal(err)
				}
			}
			if _, _, err := e.Overview(ctx, summarizer.OverviewInput{Cable: c}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestConcurrent runs the sections of every fixture at once on one Engine (run with
// -race) and checks the results equal a sequential run.
func TestConcurrent(t *testing.T) {
	e := New(Options{})
	for _, name := range fixtures(t) {
		c := loadCable(t, name)
		want := run(t, e, c)
		got := make([]summarizer.SectionResult, len(c.Sections))
		done := make(chan int)
		for i := range c.Sections {
			go func() {
				res, _, err := e.SummarizeSection(context.Background(), sectionInput(c, i))
				if err != nil {
					t.Error(err)
				}
				got[i] = res
				done <- i
			}()
		}
		for range c.Sections {
			<-done
		}
		for i, res := range got {
			w := summarizer.SectionResult{Summary: want.Sections[i].Summary, KeyPoints: want.Sections[i].KeyPoints, Stances: want.Sections[i].Stances}
			if diff := cmp.Diff(w, res); diff != "" {
				t.Errorf("%s section %d: concurrent result differs (-sequential +concurrent):\n%s", name, i, diff)
			}
		}
	}
}

// TestReusedCableValue checks that a Cable value overwritten with another cable does not
// get the first cable's actors (the engine caches per-cable work).
func TestReusedCableValue(t *testing.T) {
	e := New(Options{})
	c := loadCable(t, "07PARIS2726.json")
	if _, _, err := e.SummarizeSection(context.Background(), sectionInput(c, 2)); err != nil {
		t.Fatal(err)
	}
	*c = summarizer.Cable{
		ID:           "OTHER",
		Participants: []string{"Foreign Minister Kouchner"},
		Paragraphs: []summarizer.Paragraph{
			{Number: 1, Text: "Participants: Germany Foreign Minister Kouchner"},
			{Number: 2, Text: "Kouchner agreed with the plan."},
		},
		Sections: []summarizer.Section{{Kind: summarizer.KindBody, Paragraphs: []int{1, 2}}},
	}
	res, _, err := e.SummarizeSection(context.Background(), sectionInput(c, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stances) != 1 || res.Stances[0].Affiliation != "Germany" {
		t.Errorf("stances %+v, want one by Kouchner of Germany", res.Stances)
	}
}

// sourceSentences returns the sentences of the texts as the splitter cuts them, markers
// trimmed and white space collapsed.
func sourceSentences(texts ...string) []string {
	var out []string
	for _, text := range texts {
		for _, sp := range splitSentences(text) {
			if s, e := cleanSpan(text, sp.Start, sp.End); e > s {
				out = append(out, oneLine(text[s:e]))
			}
		}
	}
	return out
}

// wholeSentences reports whether s is one or more of sents joined by single spaces.
func wholeSentences(s string, sents []string) bool {
	if s == "" {
		return true
	}
	for _, x := range sents {
		if rest, ok := strings.CutPrefix(s, x); ok && (rest == "" || rest[0] == ' ' && wholeSentences(rest[1:], sents)) {
			return true
		}
	}
	return false
}

func TestWholeSentences(t *testing.T) {
	sents := sourceSentences("Burns met Kouchner at the U.S. Embassy in Paris. Kouchner agreed with the plan.")
	tests := []struct {
		name, summary string
		want          bool
	}{
		{"one", "Kouchner agreed with the plan.", true},
		{"two", "Burns met Kouchner at the U.S. Embassy in Paris. Kouchner agreed with the plan.", true},
		{"fragment", "Burns met Kouchner at the U.S.", false},
		{"cut", "Kouchner agreed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wholeSentences(tt.summary, sents); got != tt.want {
				t.Errorf("wholeSentences(%q) = %v, want %v", tt.summary, got, tt.want)
			}
		})
	}
}
