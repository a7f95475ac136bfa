package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/internal/golden"
	"github.com/cablebrief/summarize/summarizer/brief"
	"github.com/cablebrief/summarize/summarizer/brief/brieftest"
	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/cablebrief/summarize/summarizer/compare"
	"github.com/cablebrief/summarize/summarizer/llm/llmtest"
)

// offlineReports writes the offline JSON reports of the compare cables into a temporary
// directory: the first half of cables → reports → brief.
func offlineReports(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "reports")
	r := runCLI(t, nil, "", "--format", "json", "-o", dir, repoFile(t, "compare/cables"))
	if r.code != 0 {
		t.Fatalf("summarize: exit %d: %s", r.code, r.stderr)
	}
	return dir
}

// checkCitations checks every citation of a JSON briefing against the reports in dir:
// the cable was selected, the paragraph exists, the sentence is drawn from it. It
// returns the number of citations.
func checkCitations(t testing.TB, briefing []byte, dir string) int {
	t.Helper()
	var b brief.Briefing
	if err := json.Unmarshal(briefing, &b); err != nil {
		t.Fatalf("briefing is not JSON: %v", err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	rs, err := compare.ReadReports(paths)
	if err != nil {
		t.Fatal(err)
	}
	paras := map[brief.Citation]string{}
	for _, r := range rs {
		for _, p := range r.Cable.Paragraphs {
			paras[brief.Citation{Cable: r.Cable.ID, Paragraph: p.Number}] = p.Text
		}
	}
	selected := map[string]bool{}
	for _, c := range b.Selection.Cables {
		selected[c.ID] = true
	}
	n := 0
	sents := b.BottomLine
	for _, tp := range b.Topics {
		sents = append(sents, tp.Synthesis...)
	}
	for _, s := range sents {
		if len(s.Citations) == 0 {
			t.Errorf("sentence without citation: %q", s.Text)
		}
		for _, c := range s.Citations {
			n++
			text, ok := paras[c]
			if !selected[c.Cable] || !ok || !brief.DrawnFrom(s.Text, text) {
				t.Errorf("invalid citation %s of %q (selected %v, exists %v)", c, s.Text, selected[c.Cable], ok)
			}
		}
	}
	return n
}

// TestBriefOffline runs cables → reports → brief on the compare testdata with the offline
// engine, in every format, and checks every citation against the reports.
func TestBriefOffline(t *testing.T) {
	dir := offlineReports(t)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"all", nil},
		{"iran", []string{"--topic", "Iran"}},
		{"kouchner-2007", []string{"--actor", "Kouchner", "--from", "2007", "--to", "2007-12"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, nil, "", append(append([]string{"brief", "--format", "json"}, tc.args...), dir)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			n := checkCitations(t, []byte(r.stdout), dir)
			if n == 0 {
				t.Fatal("no citations")
			}
			if !strings.Contains(r.stderr, "0 dropped") || !strings.Contains(r.stderr, "0 requests") {
				t.Errorf("usage line: %s", r.stderr)
			}
			t.Logf("%s: %d citations, all valid", tc.name, n)
			for _, f := range []string{"markdown", "html"} {
				r := runCLI(t, nil, "", append(append([]string{"brief", "--format", f}, tc.args...), dir)...)
				if r.code != 0 {
					t.Fatalf("%s: exit %d: %s", f, r.code, r.stderr)
				}
				golden.Check(t, filepath.Join("..", "..", "testdata", "brief", "e2e", tc.name+"."+map[string]string{"markdown": "md", "html": "html"}[f]+".golden"), []byte(r.stdout))
			}
		})
	}
}

// TestBriefHTMLLinks links citations to the cables' own HTML reports beside the
// briefing, and to the appendix otherwise.
func TestBriefHTMLLinks(t *testing.T) {
	dir := offlineReports(t)
	out := filepath.Join(t.TempDir(), "out")
	r := runCLI(t, nil, "", "--format", "html", "-o", out, repoFile(t, "compare/cables"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	os.Remove(filepath.Join(out, "07PARIS2743.html")) // one cable without its own briefing
	page := filepath.Join(out, "brief.html")
	if r := runCLI(t, nil, "", "brief", "--topic", "Iran", "--format", "html", "-o", page, dir); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, _ := os.ReadFile(page)
	html := string(b)
	for _, want := range []string{`href="07PARIS2726.html#p`, `href="#q-07PARIS2743-`, `id="q-07PARIS2743-`} {
		if !strings.Contains(html, want) {
			t.Errorf("the page has no %s", want)
		}
	}
	if strings.Contains(html, "<script") || strings.Contains(html, "http://") || strings.Contains(html, "https://") {
		t.Error("the page is not self-contained")
	}
}

// briefEndpoint is a fake endpoint answering the briefing's prompts with brieftest and
// the others with llmtest; script, when not nil, decides first.
func briefEndpoint(t testing.TB, script func(n int, req openai.ChatCompletionRequest) (fakeopenai.Reply, bool)) (*fakeopenai.Server, map[string]string) {
	t.Helper()
	return fakeEndpoint(t, fakeopenai.WithScript(func(n int, req openai.ChatCompletionRequest) fakeopenai.Reply {
		if script != nil {
			if rep, ok := script(n, req); ok {
				return rep
			}
		}
		if brieftest.IsBrief(req) {
			return fakeopenai.Reply{Content: brieftest.Answer(req)}
		}
		return fakeopenai.Reply{Content: llmtest.Answer(req)}
	}))
}

// TestBriefThroughEndpoint runs the map-reduce against the fake server with a scripted
// answer that cites a section the model was not shown: it is re-asked, and the briefing
// cites only what exists; a rerun comes from the cache; --dry-run sends nothing.
func TestBriefThroughEndpoint(t *testing.T) {
	dir := offlineReports(t)
	var unseen atomic.Int32
	srv, env := briefEndpoint(t, func(n int, req openai.ChatCompletionRequest) (fakeopenai.Reply, bool) {
		if !brieftest.IsBrief(req) || len(req.Messages) > 2 || !strings.Contains(brieftest.FirstUser(req), `topic "Iran"`) {
			return fakeopenai.Reply{}, false
		}
		unseen.Add(1)
		items := brieftest.Material(brieftest.FirstUser(req))
		return fakeopenai.Reply{Content: brieftest.Marshal([]brieftest.Sentence{
			{Text: items[0].Text, Citations: append(items[0].Citations, brieftest.Citation{Cable: "09PARIS1040", Paragraph: 99})},
		})}, true
	})
	env["SUMMARIZE_LLM_CONTEXT_BUDGET"] = "1500"

	plan := runCLI(t, env, "", "brief", "--dry-run", dir)
	if plan.code != 0 || srv.Count() != 0 {
		t.Fatalf("dry run: exit %d, %d requests: %s", plan.code, srv.Count(), plan.stderr)
	}
	if !strings.Contains(plan.stdout, "est. prompt tokens") || !strings.Contains(plan.stdout, "Iran") {
		t.Errorf("plan:\n%s", plan.stdout)
	}

	r := runCLI(t, env, "", "brief", "--format", "json", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if unseen.Load() == 0 {
		t.Fatal("the scripted answer was never sent")
	}
	if !strings.Contains(r.stderr, "re-ask") || strings.Contains(r.stderr, " 0 re-asks") {
		t.Errorf("usage line shows no re-ask: %s", r.stderr)
	}
	if strings.Contains(r.stdout, `"paragraph": 99`) {
		t.Error("the unseen citation reached the briefing")
	}
	n := checkCitations(t, []byte(r.stdout), dir)
	var b brief.Briefing
	json.Unmarshal([]byte(r.stdout), &b)
	if b.Engine.Provider != "openai" || b.Usage.ReAsks == 0 {
		t.Errorf("engine %+v, usage %+v", b.Engine, b.Usage)
	}
	for _, tp := range b.Topics {
		if tp.Note != "" {
			t.Errorf("topic %s fell back: %s", tp.Name, tp.Note)
		}
	}
	if strings.Contains(r.stdout, testKey) || strings.Contains(r.stderr, testKey) {
		t.Error("the API key was written")
	}
	t.Logf("%d requests, %d citations, all valid", srv.Count(), n)

	before := srv.Count()
	again := runCLI(t, env, "", "brief", "--format", "json", dir)
	if again.code != 0 || srv.Count() != before {
		t.Errorf("rerun: exit %d, %d new requests", again.code, srv.Count()-before)
	}
}

func TestBriefEndpointRefusesKey(t *testing.T) {
	dir := offlineReports(t)
	_, env := briefEndpoint(t, nil)
	env["OPENAI_API_KEY"] = "sk-wrong"
	r := runCLI(t, env, "", "brief", dir)
	if r.code != exitUsage || !strings.Contains(r.stderr, "refused the API key") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

func TestBriefFromStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cables.db")
	if r := runCLI(t, nil, "", "--db", db, repoFile(t, "compare/cables")); r.code != 0 {
		t.Fatalf("store: exit %d: %s", r.code, r.stderr)
	}
	dir := offlineReports(t)
	fromStore := runCLI(t, nil, "", "brief", "--db", db, "--topic", "Iran", "--format", "json")
	fromFiles := runCLI(t, nil, "", "brief", "--topic", "Iran", "--format", "json", dir)
	if fromStore.code != 0 || fromFiles.code != 0 {
		t.Fatalf("exit %d / %d: %s %s", fromStore.code, fromFiles.code, fromStore.stderr, fromFiles.stderr)
	}
	var a, b brief.Briefing
	json.Unmarshal([]byte(fromStore.stdout), &a)
	json.Unmarshal([]byte(fromFiles.stdout), &b)
	if len(a.Topics) == 0 || len(a.Topics) != len(b.Topics) || len(a.Paragraphs) != len(b.Paragraphs) || a.Citations.Valid != b.Citations.Valid {
		t.Errorf("store: %d topics, %d paragraphs, %d citations; files: %d, %d, %d",
			len(a.Topics), len(a.Paragraphs), a.Citations.Valid, len(b.Topics), len(b.Paragraphs), b.Citations.Valid)
	}
	checkCitations(t, []byte(fromStore.stdout), dir)
}

func TestBriefBadInput(t *testing.T) {
	dir := offlineReports(t)
	bad := filepath.Join(dir, "zz-broken.json")
	os.WriteFile(bad, []byte("{not json"), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no reports", []string{"brief"}, exitUsage, "no reports"},
		{"bad format", []string{"brief", "--format", "csv", dir}, exitUsage, `--format "csv"`},
		{"bad date", []string{"brief", "--from", "2007-13", dir}, exitUsage, "--from"},
		{"files and db", []string{"brief", "--db", "x.db", dir}, exitUsage, "not both"},
		{"missing db", []string{"brief", "--db", filepath.Join(dir, "none.db")}, exitUsage, "none.db"},
		{"a broken report, the rest written", []string{"brief", dir}, exitPartial, "zz-broken.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr %q, want %q", r.code, tc.code, r.stderr, tc.want)
			}
			if tc.code == exitPartial && !strings.Contains(r.stdout, "## Bottom line") {
				t.Error("nothing written for the good reports")
			}
		})
	}
}
