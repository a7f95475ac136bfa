package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cablebrief/summarize/internal/golden"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/cablebrief/summarize/summarizer/llm/llmtest"
)

const testKey = "sk-test-SECRET-0123456789abcdef"

// fakeEndpoint starts the project's fake server answering with grounded, valid JSON and
// returns the environment that points the CLI at it with a private cache.
func fakeEndpoint(t testing.TB, opts ...fakeopenai.Option) (*fakeopenai.Server, map[string]string) {
	t.Helper()
	opts = append([]fakeopenai.Option{
		fakeopenai.WithAPIKey(testKey),
		fakeopenai.WithScript(func(n int, req openai.ChatCompletionRequest) fakeopenai.Reply {
			return fakeopenai.Reply{Content: llmtest.Answer(req)}
		}),
	}, opts...)
	srv := fakeopenai.New(opts...)
	t.Cleanup(srv.Close)
	env := map[string]string{
		"SUMMARIZE_LLM_BASE_URL": srv.URL(),
		"OPENAI_API_KEY":         testKey,
		"SUMMARIZE_LLM_MODEL":    "fake-model",
		"SUMMARIZE_CACHE_DIR":    filepath.Join(t.TempDir(), "cache"),
	}
	return srv, env
}

func TestSeedCableThroughEndpoint(t *testing.T) {
	srv, env := fakeEndpoint(t)
	seed := repoFile(t, "cables/07PARIS2726.txt")

	r := runCLI(t, env, "", "--format", "json", seed)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep summarizer.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	var kinds []string
	for _, s := range rep.Sections {
		kinds = append(kinds, s.Kind)
		if s.Error != "" {
			t.Errorf("section %q failed: %s", s.Title, s.Error)
		}
		if s.Kind == summarizer.KindTopic && s.Summary == "" {
			t.Errorf("topic %q has no summary", s.Title)
		}
		for _, st := range s.Stances {
			for _, ev := range st.Evidence {
				if !ev.Grounded {
					t.Errorf("section %q: ungrounded quote %q", s.Title, ev.Quote)
				}
			}
		}
	}
	want := []string{"preamble", "summary", "topic", "topic", "topic", "topic", "topic"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("section kinds (-want +got):\n%s", diff)
	}
	if got, want := srv.Count(), len(rep.Sections)+1; got != want {
		t.Errorf("cold cache: %d requests, want one per section plus one: %d", got, want)
	}
	if rep.Engine.Provider != "openai" || rep.Engine.Model != "fake-model" || rep.Engine.PromptVersion == "" {
		t.Errorf("engine = %+v", rep.Engine)
	}
	if rep.Overview.BottomLine == "" {
		t.Errorf("no bottom line")
	}

	// A rerun is answered from the cache: no request at all.
	before := srv.Count()
	r2 := runCLI(t, env, "", "--format", "json", seed)
	if r2.code != 0 {
		t.Fatalf("rerun exit %d: %s", r2.code, r2.stderr)
	}
	if got := srv.Count() - before; got != 0 {
		t.Errorf("rerun sent %d requests, want 0", got)
	}

	// The key appears nowhere: output, stderr, cache files.
	for name, text := range map[string]string{"stdout": r.stdout + r2.stdout, "stderr": r.stderr + r2.stderr} {
		if strings.Contains(text, testKey) || strings.Contains(text, "SECRET") {
			t.Errorf("API key leaked to %s", name)
		}
	}
	filepath.Walk(env["SUMMARIZE_CACHE_DIR"], func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(p)
			if bytes.Contains(b, []byte(testKey)) {
				t.Errorf("API key leaked into cache file %s", p)
			}
		}
		return nil
	})
	// The fake accepts only testKey as a bearer token (WithAPIKey), so the answers above
	// show that the key was sent as OpenAI documents; every call went to the one path.
	for _, rec := range srv.Requests() {
		if rec.Path != "/v1/chat/completions" {
			t.Errorf("unexpected request path %q", rec.Path)
		}
	}
}

func TestDryRunSendsNothing(t *testing.T) {
	srv, env := fakeEndpoint(t)
	r := runCLI(t, env, "", "--dry-run", repoFile(t, "cables"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if srv.Count() != 0 {
		t.Errorf("dry run sent %d requests", srv.Count())
	}
	for _, want := range []string{"07PARIS2726", "total", "est. prompt tokens"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("plan lacks %q:\n%s", want, r.stdout)
		}
	}
}

// goldenCables are the testdata cables whose reports are kept as golden files.
var goldenCables = []string{"07PARIS2726", "08RABAT185", "09TELAVIV2502"}

func TestGoldenReports(t *testing.T) {
	srv, env := fakeEndpoint(t)
	env["SUMMARIZE_CACHE_ENABLED"] = "false"
	host := strings.TrimSuffix(strings.TrimPrefix(srv.URL(), "http://"), "/v1")
	engines := []struct {
		name string
		env  map[string]string
	}{
		{"fake", env},
		{"offline", nil},
	}
	for _, eng := range engines {
		for _, id := range goldenCables {
			for _, format := range []string{"json", "markdown"} {
				name := id + "." + eng.name + "." + format
				t.Run(name, func(t *testing.T) {
					r := runCLI(t, eng.env, "", "--format", format, repoFile(t, "cables/"+id+".txt"))
					if r.code != 0 {
						t.Fatalf("exit %d: %s", r.code, r.stderr)
					}
					got := strings.ReplaceAll(r.stdout, host, "fake.invalid")
					// The cable's source path is where the test ran from.
					got = strings.ReplaceAll(got, filepath.Join("..", "..", "testdata"), "testdata")
					compareGolden(t, filepath.Join("..", "..", "testdata", "golden", "report", name+".golden"), got)
				})
			}
		}
	}
}

// compareGolden compares got with the golden file, rewriting it under -update; on a
// mismatch it writes got beside it as .got and shows a diff.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	golden.Check(t, path, []byte(got))
}

func TestCancelKeepsFinishedReports(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, env := fakeEndpoint(t, fakeopenai.WithScript(func(n int, req openai.ChatCompletionRequest) fakeopenai.Reply {
		for _, m := range req.Messages {
			if strings.Contains(m.Content, "KOUCHNER") {
				return fakeopenai.Reply{Content: llmtest.Answer(req)}
			}
		}
		// Every other cable hangs until the client gives up.
		return fakeopenai.Slow(time.Minute)
	}))
	_ = srv
	env["SUMMARIZE_LLM_CONCURRENCY"] = "16" // slots enough for the hanging cable and the seed
	out := t.TempDir()
	seed := repoFile(t, "cables/07PARIS2726.txt")
	other := repoFile(t, "cables/08RABAT185.txt")
	done := make(chan result, 1)
	go func() {
		var o, e bytes.Buffer
		getenv := func(k string) string { return env[k] }
		code := run(ctx, []string{"--format", "json", "-o", out, seed, other}, strings.NewReader(""), &o, &e, getenv)
		done <- result{code, o.String(), e.String()}
	}()
	// Cancel once the seed's report is on disk (the other cable is then hanging).
	seedReport := filepath.Join(out, "07PARIS2726.json")
	for i := 0; ; i++ {
		if _, err := os.Stat(seedReport); err == nil {
			break
		}
		if i > 3000 {
			t.Fatal("the seed report never appeared")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	var r result
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("run did not stop after cancellation")
	}
	if r.code != exitCancelled {
		t.Errorf("exit code = %d, want %d (stderr %q)", r.code, exitCancelled, r.stderr)
	}
	if _, err := os.Stat(seedReport); err != nil {
		t.Errorf("finished report lost: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "08RABAT185.json")); err == nil {
		t.Errorf("an unfinished cable was written as if finished")
	}
}

func TestCompareAcrossTestdataCables(t *testing.T) {
	out := t.TempDir()
	r := runCLI(t, nil, "", "--compare", "--format", "json", "-o", out, repoFile(t, "compare/cables"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	reports, _ := filepath.Glob(filepath.Join(out, "*.json"))
	if len(reports) < 11 { // ten cables or more, and compare.json
		t.Fatalf("reports = %d, want at least 10 and the comparison", len(reports))
	}
	b, err := os.ReadFile(filepath.Join(out, "compare.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cmp struct {
		Cables []json.RawMessage
		Actors []struct {
			Name   string
			Cables int
		}
		Rows []json.RawMessage
	}
	if err := json.Unmarshal(b, &cmp); err != nil {
		t.Fatal(err)
	}
	merged := map[string]int{}
	for _, a := range cmp.Actors {
		if a.Cables >= 2 {
			merged[a.Name] = a.Cables
		}
	}
	if len(cmp.Cables) < 10 || len(cmp.Rows) == 0 {
		t.Errorf("comparison covers %d cables and %d rows", len(cmp.Cables), len(cmp.Rows))
	}
	for _, name := range []string{"Kouchner", "Burns"} {
		if merged[name] < 2 {
			t.Errorf("%s is not one actor across cables (merged: %v)", name, merged)
		}
	}

	// The compare command reads the reports back and writes the same matrix as CSV.
	r2 := runCLI(t, nil, "", "compare", "--format", "csv", out)
	if r2.code != 0 {
		t.Fatalf("compare exit %d: %s", r2.code, r2.stderr)
	}
	if !strings.HasPrefix(r2.stdout, "actor,") || !strings.Contains(r2.stdout, "Kouchner") {
		t.Errorf("compare CSV = %.200q", r2.stdout)
	}
}

func TestCancelWritesFinishedSections(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, env := fakeEndpoint(t, fakeopenai.WithScript(func(n int, req openai.ChatCompletionRequest) fakeopenai.Reply {
		if sectionOf(req) == "IRAN" {
			return fakeopenai.Slow(time.Minute) // ends when the client goes away
		}
		return fakeopenai.Reply{Content: llmtest.Answer(req)}
	}))
	env["SUMMARIZE_LLM_CONCURRENCY"] = "8"
	out := t.TempDir()
	done := make(chan int, 1)
	go func() {
		var o, e bytes.Buffer
		done <- run(ctx, []string{"--format", "json", "-o", out + "/", repoFile(t, "cables/07PARIS2726.txt")},
			strings.NewReader(""), &o, &e, func(k string) string { return env[k] })
	}()
	// Six of the seven sections answer; IRAN hangs, and the overview waits for it.
	for i := 0; srv.Count() < 7; i++ {
		if i > 3000 {
			t.Fatalf("only %d requests arrived", srv.Count())
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // let the six answers be read
	cancel()
	if code := <-done; code != exitCancelled {
		t.Errorf("exit code = %d, want %d", code, exitCancelled)
	}
	b, err := os.ReadFile(filepath.Join(out, "07PARIS2726.json"))
	if err != nil {
		t.Fatalf("the finished sections were not written: %v", err)
	}
	var rep summarizer.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	finished := 0
	for _, s := range rep.Sections {
		switch {
		case s.Title == "IRAN" && s.Error != summarizer.ErrorCancelled:
			t.Errorf("IRAN error = %q, want %q", s.Error, summarizer.ErrorCancelled)
		case s.Title != "IRAN" && s.Summary != "":
			finished++
		case s.Title != "IRAN" && s.Error != summarizer.ErrorCancelled:
			t.Errorf("section %q neither finished nor cancelled: %+v", s.Title, s)
		}
	}
	// All six answers had arrived; on a very slow machine one may still have been in
	// the client's hands when the run was cancelled.
	if finished == 0 {
		t.Errorf("no finished section in the report, want the six that were answered")
	}
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), "incomplete") {
		t.Errorf("the partial report does not say it is incomplete: %v", rep.Warnings)
	}
}

func TestOutputAndIDEdgeCases(t *testing.T) {
	r := runCLI(t, nil, "plain notes, not a cable\n\nsecond block\n", "parse", "-")
	var c struct{ ID string }
	if err := json.Unmarshal([]byte(r.stdout), &c); err != nil || c.ID != "stdin" {
		t.Errorf("a document from stdin got id %q (%v), want stdin", c.ID, err)
	}
	dir := t.TempDir()
	r = runCLI(t, nil, "", "--format", "html", "-o", filepath.Join(dir, "one.html"),
		repoFile(t, "cables/07PARIS2726.txt"), repoFile(t, "cables/08RABAT185.txt"))
	if r.code != exitUsage {
		t.Errorf("-o FILE.html with two cables: exit %d, want %d", r.code, exitUsage)
	}
	r = runCLI(t, nil, "", "-o", filepath.Join(dir, "no", "such", "dir", "x.md"), repoFile(t, "cables/07PARIS2726.txt"))
	if r.code != exitUsage {
		t.Errorf("-o into a missing directory: exit %d, want %d", r.code, exitUsage)
	}
}
