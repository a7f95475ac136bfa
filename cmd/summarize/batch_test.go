package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/summarizer/batch"
	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/cablebrief/summarize/summarizer/llm/llmtest"
	"github.com/cablebrief/summarize/summarizer/sqlite"
)

// batchEndpoint starts the fake with its Batch API, answering summarize's prompts with
// grounded JSON online and in batches, and returns the environment of the CLI.
func batchEndpoint(t testing.TB, opts ...fakeopenai.Option) (*fakeopenai.Server, map[string]string) {
	t.Helper()
	opts = append([]fakeopenai.Option{fakeopenai.WithAPIKey(testKey), fakeopenai.WithAnswer(llmtest.Answer),
		fakeopenai.WithBatchDelay(5 * time.Millisecond)}, opts...)
	srv := fakeopenai.New(opts...)
	t.Cleanup(srv.Close)
	return srv, map[string]string{
		"SUMMARIZE_LLM_BASE_URL": srv.URL(),
		"OPENAI_API_KEY":         testKey,
		"SUMMARIZE_LLM_MODEL":    "fake-model",
		"SUMMARIZE_CACHE_DIR":    filepath.Join(t.TempDir(), "cache"),
	}
}

// threeCables copies three test cables into a directory of their own.
func threeCables(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"07PARIS2726.txt", "04MADRID960.txt", "09PARIS1052.txt"} {
		data, err := os.ReadFile(filepath.Join(repoFile(t, "compare/cables"), name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	return dir
}

// chatRequests counts the fake's chat requests answered in batches and online.
func chatRequests(srv *fakeopenai.Server) (batched, online int) {
	for _, r := range srv.Requests() {
		if r.Path != "/v1/chat/completions" {
			continue
		}
		if r.Header.Get("X-Fake-Batch") != "" {
			batched++
		} else {
			online++
		}
	}
	return batched, online
}

// reportFiles reads the JSON reports of dir without their usage (which says where the
// answers came from) and endpoint, by file name.
func reportFiles(t testing.TB, dir string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		delete(m, "usage")
		if e, ok := m["engine"].(map[string]any); ok {
			delete(e, "endpoint") // the fakes listen on different ports
		}
		out[filepath.Base(f)] = m
	}
	return out
}

// onlineReports writes the reports of cables with the online path, against a fake of
// its own, for comparison.
func onlineReports(t testing.TB, cables string) map[string]map[string]any {
	t.Helper()
	_, env := batchEndpoint(t)
	out := filepath.Join(t.TempDir(), "online")
	if r := runCLI(t, env, "", "--format", "json", "-o", out, cables); r.code != 0 {
		t.Fatalf("online run: exit %d: %s", r.code, r.stderr)
	}
	return reportFiles(t, out)
}

var batchNoteRE = regexp.MustCompile(`; batch: (\d+) requests? in (\d+) batch(?:es)? over (\d+) rounds?`)

// TestBatchRoundTrip: --batch over the compare cables: the sections go as one batch,
// the overviews as a second, nothing goes online, the reports are those of an online
// run, and the progress of each poll is on stderr.
func TestBatchRoundTrip(t *testing.T) {
	cables := repoFile(t, "compare/cables")
	srv, env := batchEndpoint(t, fakeopenai.WithBatchDelay(30*time.Millisecond))
	out := filepath.Join(t.TempDir(), "out")
	r := runCLI(t, env, "", "--batch", "--batch-poll", "2ms", "--format", "json", "-o", out, cables)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if diff := cmp.Diff(onlineReports(t, cables), reportFiles(t, out)); diff != "" {
		t.Errorf("batch reports differ from the online ones (-online +batch):\n%s", diff)
	}
	batched, online := chatRequests(srv)
	if online != 0 || batched != 109 || len(srv.Batches()) != 2 {
		t.Errorf("%d batched, %d online requests in %d batches; want 97 sections + 12 overviews batched in 2, none online", batched, online, len(srv.Batches()))
	}
	for _, want := range []string{"batch round 1: 97 requests in 1 batch file", "batch round 2: 12 requests in 1 batch file",
		"of 97 requests done", "completed: 97 answers stored in the cache", "109 cache hits"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if m := batchNoteRE.FindStringSubmatch(r.stderr); m == nil || m[1] != "109" || m[2] != "2" || m[3] != "2" {
		t.Errorf("usage line lacks the batch note (109 requests in 2 batches over 2 rounds):\n%s", r.stderr)
	}
	// The same command again answers from the cache: no batch, no request.
	r = runCLI(t, env, "", "--batch", "--batch-poll", "2ms", "--format", "json", "-o", out, cables)
	if b, o := chatRequests(srv); r.code != 0 || b != 109 || o != 0 || len(srv.Batches()) != 2 {
		t.Errorf("rerun: exit %d, %d batched, %d online, %d batches: want nothing new:\n%s", r.code, b, o, len(srv.Batches()), r.stderr)
	}
}

// TestBatchResumesAfterInterrupt: a run interrupted while its first batch runs exits 130
// with the batch recorded; the same command again polls it instead of submitting again.
func TestBatchResumesAfterInterrupt(t *testing.T) {
	cables := threeCables(t)
	srv, env := batchEndpoint(t, fakeopenai.WithBatchDelay(150*time.Millisecond))
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	on := func(line string) {
		if strings.Contains(line, "validating") {
			cancel() // Ctrl-C at the first poll
		}
	}
	r := runCLIWatched(t, ctx, env, on, "--batch", "--batch-poll", "5ms", "--format", "json", "-o", out, cables)
	if r.code != exitCancelled || !strings.Contains(r.stderr, "the batches keep running at the endpoint") {
		t.Fatalf("exit %d, want %d with a word on the running batch:\n%s", r.code, exitCancelled, r.stderr)
	}
	recs, err := (&batch.FileLedger{Path: filepath.Join(out+".batch", "state.json")}).Records(context.Background())
	if err != nil || len(recs) != 1 || recs[0].ID == "" || recs[0].Processed {
		t.Fatalf("state %+v, %v: want one batch, created and unfinished", recs, err)
	}
	r = runCLI(t, env, "", "--batch", "--batch-poll", "5ms", "--format", "json", "-o", out, cables)
	if r.code != 0 || !strings.Contains(r.stderr, "resuming 1 batch recorded by an earlier run: "+recs[0].ID) {
		t.Fatalf("rerun: exit %d:\n%s", r.code, r.stderr)
	}
	if n := len(srv.Batches()); n != 2 {
		t.Errorf("%d batches created, want 2 (sections, resumed; then overviews)", n)
	}
	if _, online := chatRequests(srv); online != 0 {
		t.Errorf("%d requests online", online)
	}
	if diff := cmp.Diff(onlineReports(t, cables), reportFiles(t, out)); diff != "" {
		t.Errorf("reports differ from the online ones (-online +batch):\n%s", diff)
	}
}

// TestBatchUnusableLinesGoOnline: lines that fail, expire, or answer 500 in a batch are
// asked online, and only they; the reports are complete.
func TestBatchUnusableLinesGoOnline(t *testing.T) {
	cables := threeCables(t)
	var mu = make(chan struct{}, 1)
	mu <- struct{}{}
	served := map[string]bool{}
	srv, env := batchEndpoint(t,
		fakeopenai.WithBatchFaults(func(id string) fakeopenai.BatchFault {
			switch {
			case strings.Contains(id, ".s02."):
				return fakeopenai.BatchError
			case strings.Contains(id, "07PARIS2726.ov."): // round 2: it and the overviews after it expire
				return fakeopenai.BatchExpire
			}
			return fakeopenai.BatchAnswer
		}),
		fakeopenai.WithScript(func(n int, req openai.ChatCompletionRequest) fakeopenai.Reply {
			<-mu
			defer func() { mu <- struct{}{} }()
			user := req.Messages[len(req.Messages)-1].Content
			if strings.Contains(user, "04MADRID960") && strings.Contains(user, "[¶1]") && !served[user] {
				served[user] = true
				return fakeopenai.ServerError() // once: the batch line fails, the online retry answers
			}
			return fakeopenai.Reply{}
		}))
	out := filepath.Join(t.TempDir(), "out")
	r := runCLI(t, env, "", "--batch", "--batch-poll", "2ms", "--format", "json", "-o", out, cables)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"request_timeout", "batch_expired", "HTTP 500", "to be asked online"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	m := regexp.MustCompile(`(\d+) answers filed, (\d+) asked online; (\d+) requests? online between rounds`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("no batch note:\n%s", r.stderr)
	}
	_, online := chatRequests(srv)
	if unusable := m[2]; unusable == "0" || fmt.Sprint(online) != unusable || m[3] != unusable {
		t.Errorf("%d requests online, the note says %s unusable and %s online: want them equal and not 0", online, unusable, m[3])
	}
	if n := strings.Count(r.stderr, "batch_expired"); n != 1 {
		t.Errorf("%d batches with expired lines, want 1 (round 2)", n)
	}
	if diff := cmp.Diff(onlineReports(t, cables), reportFiles(t, out)); diff != "" {
		t.Errorf("reports differ from the online ones (-online +batch):\n%s", diff)
	}
}

// TestBatchSplitsByRequests: --batch-max-requests bounds the lines of a batch file;
// the first round is then several batches.
func TestBatchSplitsByRequests(t *testing.T) {
	cables := threeCables(t)
	srv, env := batchEndpoint(t)
	out := filepath.Join(t.TempDir(), "out")
	r := runCLI(t, env, "", "--batch", "--batch-poll", "2ms", "--batch-max-requests", "4", "--format", "json", "-o", out, cables)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	m := regexp.MustCompile(`batch round 1: (\d+) requests in (\d+) batch files`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("no round line:\n%s", r.stderr)
	}
	var reqs, files int
	fmt.Sscan(m[1], &reqs)
	fmt.Sscan(m[2], &files)
	if files != (reqs+3)/4 || files < 2 {
		t.Errorf("%d requests in %d files, want files of 4", reqs, files)
	}
	if n := len(srv.Batches()); n != files+1 {
		t.Errorf("%d batches, want %d (round 1) + 1 (overviews)", n, files)
	}
}

// TestBatchListStatusCancel: batch list shows the batches of a run (and the endpoint's),
// status shows one, cancel cancels one; the same run again files what the cancelled
// batch finished and asks the rest online.
func TestBatchListStatusCancel(t *testing.T) {
	cables := threeCables(t)
	srv, env := batchEndpoint(t, fakeopenai.WithBatchDelay(time.Hour))
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	on := func(line string) {
		if strings.Contains(line, "validating") {
			cancel()
		}
	}
	if r := runCLIWatched(t, ctx, env, on, "--batch", "--batch-poll", "5ms", "--format", "json", "-o", out, cables); r.code != exitCancelled {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	id := srv.Batches()[0]

	r := runCLI(t, env, "", "batch", "list", "-o", out)
	if r.code != 0 || !regexp.MustCompile(id+`\s+1\s+validating\s+\d+`).MatchString(r.stdout) {
		t.Errorf("batch list -o: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "", "batch", "list")
	if r.code != 0 || !strings.Contains(r.stdout, id) || !strings.Contains(r.stdout, "validating") {
		t.Errorf("batch list (the endpoint's): exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "", "batch", "status", "-o", out, id)
	if r.code != 0 || !strings.Contains(r.stdout, id+": validating") || !strings.Contains(r.stdout, "recorded: round 1") {
		t.Errorf("batch status: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "", "batch", "cancel", "-o", out, id)
	if r.code != 0 || !strings.Contains(r.stdout, id+": cancelling") {
		t.Errorf("batch cancel: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, env, "", "batch", "status", "batch_nope"); r.code != exitUsage {
		t.Errorf("status of an unknown batch: exit %d, want %d", r.code, exitUsage)
	}
	if r := runCLI(t, env, "", "batch", "cancel"); r.code != exitUsage {
		t.Errorf("cancel without an id: exit %d, want %d", r.code, exitUsage)
	}
	// The record follows what status and cancel saw.
	r = runCLI(t, env, "", "batch", "list", "-o", out)
	if !strings.Contains(r.stdout, "cancelling") && !strings.Contains(r.stdout, "cancelled") {
		t.Errorf("the record does not show the cancellation:\n%s", r.stdout)
	}
}

// TestBatchCancelledBatchGoesOnline: a batch cancelled while it runs is filed with what
// it finished, and its other requests go online.
func TestBatchCancelledBatchGoesOnline(t *testing.T) {
	cables := threeCables(t)
	srv, env := batchEndpoint(t, fakeopenai.WithBatchDelay(300*time.Millisecond))
	out := filepath.Join(t.TempDir(), "out")
	cancelled := false
	on := func(line string) {
		if !cancelled && strings.Contains(line, "validating") {
			cancelled = true
			id := srv.Batches()[0]
			req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/batches/"+id+"/cancel", nil)
			req.Header.Set("Authorization", "Bearer "+testKey)
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}
	}
	r := runCLIWatched(t, context.Background(), env, on, "--batch", "--batch-poll", "5ms", "--format", "json", "-o", out, cables)
	if r.code != 0 || !strings.Contains(r.stderr, "cancelled: 0 answers stored") || !strings.Contains(r.stderr, "batch_cancelled") {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	if _, online := chatRequests(srv); online == 0 {
		t.Error("no request online after the batch was cancelled")
	}
	if diff := cmp.Diff(onlineReports(t, cables), reportFiles(t, out)); diff != "" {
		t.Errorf("reports differ from the online ones (-online +batch):\n%s", diff)
	}
}

// TestBatchWithStore: with --db the batches are recorded in the store's batches table,
// and batch list reads them there.
func TestBatchWithStore(t *testing.T) {
	cables := threeCables(t)
	_, env := batchEndpoint(t)
	db := filepath.Join(t.TempDir(), "cables.db")
	r := runCLI(t, env, "", "--batch", "--batch-poll", "2ms", "--db", db, cables)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Batches(context.Background())
	n, _ := s.Count(context.Background())
	s.Close()
	if err != nil || len(rows) != 2 || !rows[0].Processed || rows[1].Round != 2 || n != 3 {
		t.Errorf("batches %+v, %d cables: want 2 processed batches and 3 cables", rows, n)
	}
	if _, err := os.Stat(db + ".batch/state.json"); err == nil {
		t.Error("a state file beside the store: the store records the batches")
	}
	r = runCLI(t, env, "", "batch", "list", "--db", db)
	if r.code != 0 || strings.Count(r.stdout, "completed (filed)") != 2 {
		t.Errorf("batch list --db: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestBatchVLLMImport: an endpoint without the Batch API (vLLM's server): the run stops
// with the input file written and the commands to run it; its output, in vLLM
// run_batch's format, is imported; the same command then writes the overviews' file;
// once that is imported too, the run writes the reports from the cache alone.
func TestBatchVLLMImport(t *testing.T) {
	cables := threeCables(t)
	srv, env := batchEndpoint(t, fakeopenai.WithoutBatchAPI())
	out := filepath.Join(t.TempDir(), "out")
	for round := 1; round <= 2; round++ {
		r := runCLI(t, env, "", "--batch", "--format", "json", "-o", out, cables)
		input := filepath.Join(out+".batch", "r1-001.jsonl")
		if r.code != exitUsage || !strings.Contains(r.stderr, "no Files/Batch API") ||
			!strings.Contains(r.stderr, "run_batch -i "+input) || !strings.Contains(r.stderr, "summarize batch import -o "+out) {
			t.Fatalf("round %d: exit %d:\n%s", round, r.code, r.stderr)
		}
		output := filepath.Join(t.TempDir(), "out.jsonl")
		runBatchLikeVLLM(t, srv, input, output)
		r = runCLI(t, env, "", "batch", "import", "-o", out, output)
		if r.code != 0 || !strings.Contains(r.stdout, "answers filed in the cache") {
			t.Fatalf("round %d: import: exit %d:\n%s%s", round, r.code, r.stdout, r.stderr)
		}
	}
	before := srv.Count()
	r := runCLI(t, env, "", "--batch", "--format", "json", "-o", out, cables)
	if r.code != 0 || srv.Count() != before {
		t.Fatalf("final run: exit %d, %d requests: want the reports from the cache alone:\n%s", r.code, srv.Count()-before, r.stderr)
	}
	if diff := cmp.Diff(onlineReports(t, cables), reportFiles(t, out)); diff != "" {
		t.Errorf("reports differ from the online ones (-online +batch):\n%s", diff)
	}
	if r := runCLI(t, env, "", "batch", "import", "-o", out, filepath.Join(t.TempDir(), "missing.jsonl")); r.code != exitPartial {
		t.Errorf("import of a missing file: exit %d, want %d", r.code, exitPartial)
	}
}

// runBatchLikeVLLM stands in for vLLM's run_batch: it sends each line's body, unchanged,
// to the chat endpoint and writes the answers in run_batch's output format.
func runBatchLikeVLLM(t testing.TB, srv *fakeopenai.Server, input, output string) {
	t.Helper()
	in, err := os.Open(input)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var buf bytes.Buffer
	sc := bufio.NewScanner(in)
	sc.Buffer(nil, 1<<22)
	for n := 0; sc.Scan(); n++ {
		var line struct {
			CustomID string          `json:"custom_id"`
			Method   string          `json:"method"`
			URL      string          `json:"url"`
			Body     json.RawMessage `json:"body"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		if line.Method != "POST" || line.URL != "/v1/chat/completions" {
			t.Fatalf("line %s: %s %s", line.CustomID, line.Method, line.URL)
		}
		req, _ := http.NewRequest(http.MethodPost, strings.TrimSuffix(srv.URL(), "/v1")+line.URL, bytes.NewReader(line.Body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+testKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		o, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("vllm-%d", n), "custom_id": line.CustomID,
			"response": map[string]any{"status_code": resp.StatusCode, "request_id": fmt.Sprintf("vllm-batch-%d", n), "body": json.RawMessage(body)},
			"error":    nil})
		buf.Write(append(o, '\n'))
	}
	if err := os.WriteFile(output, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBatchKeyNeverWritten: the API key appears in no file a batch run writes (state,
// input files, indexes, reports, cache) and not on stderr, also when interrupted.
func TestBatchKeyNeverWritten(t *testing.T) {
	cables := threeCables(t)
	_, env := batchEndpoint(t, fakeopenai.WithBatchDelay(50*time.Millisecond))
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	on := func(line string) {
		if strings.Contains(line, "validating") {
			cancel()
		}
	}
	r1 := runCLIWatched(t, ctx, env, on, "--batch", "--batch-poll", "5ms", "--format", "json", "-o", out, cables)
	cancel()
	// While interrupted: the state file and the input file are on disk.
	var files []string
	scan := func() {
		for _, root := range []string{out, out + ".batch", env["SUMMARIZE_CACHE_DIR"]} {
			filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
				if err != nil || info.IsDir() {
					return nil
				}
				files = append(files, p)
				if data, _ := os.ReadFile(p); bytes.Contains(data, []byte(testKey)) {
					t.Errorf("%s holds the API key", p)
				}
				return nil
			})
		}
	}
	scan()
	r2 := runCLI(t, env, "", "--batch", "--batch-poll", "5ms", "--format", "json", "-o", out, cables)
	if r2.code != 0 {
		t.Fatalf("exit %d: %s", r2.code, r2.stderr)
	}
	scan()
	if len(files) < 5 {
		t.Errorf("only %d files scanned", len(files))
	}
	for _, s := range []string{r1.stderr, r2.stderr} {
		if strings.Contains(s, testKey) {
			t.Error("stderr shows the API key")
		}
	}
}

func TestBatchRefused(t *testing.T) {
	_, env := batchEndpoint(t)
	seed := repoFile(t, "cables/07PARIS2726.txt")
	dir := t.TempDir()
	offline := map[string]string{"SUMMARIZE_CACHE_DIR": env["SUMMARIZE_CACHE_DIR"]}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no cache", env, []string{"--batch", "--no-cache", "-o", dir, seed}, "--batch needs the response cache"},
		{"offline engine", offline, []string{"--batch", "-o", dir, seed}, "configure one"},
		{"no -o or --db", env, []string{"--batch", seed}, "--batch needs -o PATH or --db FILE"},
		{"stdin", env, []string{"--batch", "-o", dir, "-"}, "not - (stdin)"},
		{"import without a run", env, []string{"batch", "import", "x.jsonl"}, "give the -o PATH or --db FILE"},
		{"list with both", env, []string{"batch", "list", "-o", dir, "--db", filepath.Join(dir, "x.db")}, "not both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.env, "", tt.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d with %q", r.code, r.stderr, exitUsage, tt.want)
			}
		})
	}
}
