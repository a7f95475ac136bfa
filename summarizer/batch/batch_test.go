package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/summarizer/chat"
	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
)

const scope = "http://fake/v1|auto"

var schema = &chat.Schema{Name: "section_result", Schema: json.RawMessage(
	`{"type":"object","additionalProperties":false,"required":["summary"],"properties":{"summary":{"type":"string"}}}`)}

// req is the i-th test request.
func req(i int) chat.Request {
	t := float32(0)
	return chat.Request{
		Model:       "fake-model",
		Messages:    []chat.Message{{Role: "system", Content: "Summarise."}, {Role: "user", Content: fmt.Sprintf("Section %d of the cable.", i)}},
		Temperature: &t,
		MaxTokens:   400,
		Schema:      schema,
	}
}

// labelled is the context of the i-th request: section i+1 of 07PARIS2726.
func labelled(i int) context.Context {
	return WithLabel(context.Background(), Label{Cable: "07PARIS2726", Part: fmt.Sprintf("s%02d", i+1), Version: "0123456789abcdef"})
}

// counter is a Completer that answers every request with a fixed JSON and counts them.
type counter struct {
	mu    sync.Mutex
	calls []chat.Request
}

func (c *counter) Complete(ctx context.Context, r chat.Request) (chat.Response, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, r)
	return chat.Response{Content: `{"summary":"online"}`, FinishReason: "stop", Rung: chat.FormatJSONSchema, Usage: chat.Usage{Requests: 1}}, nil
}

func (c *counter) n() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.calls)
}

// readLines reads a JSONL file.
func readLines(t testing.TB, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, m)
	}
	return out
}

var customIDRE = regexp.MustCompile(`^r1f00[0-9]\.07PARIS2726\.s[0-9]{2}\.v01234567\.[0-9a-f]{12}$`)

func TestCollectorSplitsFiles(t *testing.T) {
	one := func() int64 { // the size of one line
		dir := t.TempDir()
		c := NewCollector(&counter{}, scope, chat.BatchOptions{})
		c.begin(dir, 1, OpenAILimits)
		c.Complete(labelled(0), req(0))
		files, _ := c.end()
		return files[0].Bytes
	}()
	tests := []struct {
		name   string
		limits Limits
		n      int
		want   []int // requests per file
		online int
	}{
		{"by requests", Limits{Requests: 3, Bytes: 1 << 20}, 8, []int{3, 3, 2}, 0},
		{"by bytes", Limits{Requests: 100, Bytes: 2*one + one/2}, 5, []int{2, 2, 1}, 0},
		{"one file", OpenAILimits, 5, []int{5}, 0},
		{"a request larger than a file goes online", Limits{Requests: 100, Bytes: one / 2}, 2, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			next := &counter{}
			c := NewCollector(next, scope, chat.BatchOptions{})
			c.begin(dir, 1, tt.limits)
			for i := range tt.n {
				_, err := c.Complete(labelled(i), req(i))
				if tt.online == 0 && !errors.Is(err, chat.ErrDeferred) {
					t.Fatalf("request %d: %v, want ErrDeferred", i, err)
				}
			}
			if tt.online == 0 {
				c.Complete(labelled(tt.n-1), req(tt.n-1)) // the same request again, in the same file: one line
			}
			files, err := c.end()
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			ids := map[string]bool{}
			for _, f := range files {
				got = append(got, f.Requests)
				lines := readLines(t, f.Path)
				if len(lines) != f.Requests {
					t.Errorf("%s: %d lines, File says %d", f.Path, len(lines), f.Requests)
				}
				if st, _ := os.Stat(f.Path); st.Size() != f.Bytes || f.Bytes > tt.limits.Bytes {
					t.Errorf("%s: %d bytes, File says %d, limit %d", f.Path, st.Size(), f.Bytes, tt.limits.Bytes)
				}
				idx, err := readIndex(f.Path)
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range lines {
					id := l["custom_id"].(string)
					if !customIDRE.MatchString(id) || len(id) > 64 || ids[id] {
						t.Errorf("custom_id %q: want unique, like %s, at most 64 characters", id, customIDRE)
					}
					ids[id] = true
					if l["method"] != "POST" || l["url"] != "/v1/chat/completions" || l["body"].(map[string]any)["model"] != "fake-model" {
						t.Errorf("line %v", l)
					}
					if e := idx[id]; e == nil || e.Rung != chat.FormatJSONSchema || e.Schema != "section_result" || e.Model != "fake-model" {
						t.Errorf("index entry of %s: %+v", id, e)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("requests per file (-want +got):\n%s", diff)
			}
			if next.n() != tt.online {
				t.Errorf("%d requests online, want %d", next.n(), tt.online)
			}
		})
	}
}

func TestCollectorSendsOnline(t *testing.T) {
	next := &counter{}
	c := NewCollector(next, scope, chat.BatchOptions{})
	if _, err := c.Complete(labelled(0), req(0)); err != nil || next.n() != 1 {
		t.Fatalf("outside a pass: %v after %d calls, want an online answer", err, next.n())
	}
	c.begin(t.TempDir(), 1, OpenAILimits)
	reask := req(1)
	reask.Messages = append(reask.Messages, chat.Message{Role: "assistant", Content: "{}"}, chat.Message{Role: "user", Content: "Fix it."})
	if _, err := c.Complete(labelled(1), reask); err != nil || next.n() != 2 {
		t.Errorf("re-ask: %v after %d calls, want an online answer", err, next.n())
	}
	c.fail(chat.ScopedCacheKey(scope, req(2)))
	if _, err := c.Complete(labelled(2), req(2)); err != nil || next.n() != 3 {
		t.Errorf("a request whose batch answer failed: %v after %d calls, want an online answer", err, next.n())
	}
	if _, err := c.Complete(labelled(3), req(3)); !errors.Is(err, chat.ErrDeferred) {
		t.Errorf("a first question: %v, want ErrDeferred", err)
	}
	files, _ := c.end()
	if len(files) != 1 || files[0].Requests != 1 || c.Online().Requests != 2 || c.Deferred() != 1 {
		t.Errorf("files %+v, online %+v, deferred %d: want 1 file of 1 request, 2 online (the pass), 1 deferred", files, c.Online(), c.Deferred())
	}
}

// env is a fake endpoint and the stack of a batch run against it: cache → collector →
// retry → structured → client.
type env struct {
	srv       *fakeopenai.Server
	api       *chat.BatchClient
	cacheDir  string
	dir       string
	collector *Collector
	cache     chat.Completer
	ledger    *FileLedger
}

func newEnv(t testing.TB, opts ...fakeopenai.Option) *env {
	t.Helper()
	srv := fakeopenai.New(append([]fakeopenai.Option{fakeopenai.WithoutAuth()}, opts...)...)
	t.Cleanup(srv.Close)
	o := chat.OpenAIOptions{BaseURL: srv.URL()}
	client, err := chat.NewOpenAI(o)
	if err != nil {
		t.Fatal(err)
	}
	structured, err := chat.WithStructured(client, chat.ModeAuto)
	if err != nil {
		t.Fatal(err)
	}
	retry := chat.WithRetry(structured, chat.RetryOptions{Max: 3, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	api, err := chat.NewBatchClient(o)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{srv: srv, api: api, cacheDir: t.TempDir(), dir: filepath.Join(t.TempDir(), "out.batch")}
	e.collector = NewCollector(retry, scope, chat.BatchOptions{})
	e.cache = chat.WithScopedCache(e.collector, e.cacheDir, scope)
	e.ledger = &FileLedger{Path: filepath.Join(e.dir, "state.json")}
	return e
}

func (e *env) runner(t testing.TB, sleep func(context.Context, time.Duration) error, limits Limits) *Runner {
	t.Helper()
	r, err := NewRunner(Options{API: e.api, Ledger: e.ledger, Collector: e.collector, Dir: e.dir, CacheDir: e.cacheDir,
		Endpoint: e.srv.URL(), Poll: time.Millisecond, Limits: limits, Sleep: sleep})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// pass asks the n requests through the cache, as a pipeline would, and counts the
// answers and deferrals.
func (e *env) pass(n int, answered, deferred *int) func(context.Context) error {
	return func(ctx context.Context) error {
		*answered, *deferred = 0, 0
		for i := range n {
			_, err := e.cache.Complete(WithLabel(ctx, Label{Cable: "07PARIS2726", Part: fmt.Sprintf("s%02d", i+1), Version: "01234567"}), req(i))
			switch {
			case errors.Is(err, chat.ErrDeferred):
				*deferred++
			case err != nil:
				return err
			default:
				*answered++
			}
		}
		return ctx.Err()
	}
}

// online counts the chat requests the fake answered outside batches.
func online(srv *fakeopenai.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == "/v1/chat/completions" && r.Header.Get("X-Fake-Batch") == "" {
			n++
		}
	}
	return n
}

func TestRunnerRoundTrip(t *testing.T) {
	e := newEnv(t)
	var answered, deferred int
	st, err := e.runner(t, nil, Limits{Requests: 4}).Run(context.Background(), e.pass(10, &answered, &deferred))
	if err != nil {
		t.Fatal(err)
	}
	if answered != 10 || deferred != 0 {
		t.Errorf("last pass: %d answered, %d deferred; want all 10 from the cache", answered, deferred)
	}
	want := Stats{Rounds: 1, Batches: 3, Requests: 10, Stored: 10, Prompt: st.Prompt, Completion: st.Completion}
	if diff := cmp.Diff(want, st); diff != "" || st.Prompt == 0 {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	if n := online(e.srv); n != 0 {
		t.Errorf("%d requests online, want none", n)
	}
	recs, _ := e.ledger.Records(context.Background())
	for _, r := range recs {
		if !r.Processed || r.Status != "completed" || r.Stored != r.Requests {
			t.Errorf("record %+v: want processed, completed, every answer stored", r)
		}
		if _, err := os.Stat(r.File); err == nil {
			t.Errorf("input file %s left after its answers were filed", r.File)
		}
	}
	if len(recs) != 3 {
		t.Errorf("%d records, want 3", len(recs))
	}
}

// TestRunnerUnusableAnswersGoOnline: lines that fail, expire or come back truncated or
// broken are asked online by the next pass, and only they.
func TestRunnerUnusableAnswersGoOnline(t *testing.T) {
	e := newEnv(t,
		fakeopenai.WithBatchFaults(func(id string) fakeopenai.BatchFault {
			switch {
			case strings.Contains(id, ".s02."):
				return fakeopenai.BatchError
			case strings.Contains(id, ".s09."):
				return fakeopenai.BatchExpire
			}
			return fakeopenai.BatchAnswer
		}),
		fakeopenai.WithScript(func(n int, r openai.ChatCompletionRequest) fakeopenai.Reply {
			if strings.Contains(r.Messages[1].Content, "Section 4 ") && n == 4 {
				return fakeopenai.Truncated()
			}
			if strings.Contains(r.Messages[1].Content, "Section 5 ") && n == 5 {
				return fakeopenai.Malformed()
			}
			return fakeopenai.Reply{}
		}))
	var answered, deferred int
	st, err := e.runner(t, nil, OpenAILimits).Run(context.Background(), e.pass(10, &answered, &deferred))
	if err != nil {
		t.Fatal(err)
	}
	// Line order is request order: lines 9 and 10 expire, line 2 fails, 4 is truncated, 5 malformed.
	if st.Stored != 5 || st.Unusable != 5 || st.Online != 5 || answered != 10 {
		t.Errorf("stats %+v, last pass %d answered: want 5 stored, 5 unusable sent online, all answered", st, answered)
	}
	if n := online(e.srv); n != 5 {
		t.Errorf("%d requests online, want 5", n)
	}
}

func TestRunnerResumes(t *testing.T) {
	e := newEnv(t, fakeopenai.WithBatchDelay(20*time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	// The first poll's wait is interrupted: the batch stays recorded, unfinished.
	stop := func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	var answered, deferred int
	_, err := e.runner(t, stop, OpenAILimits).Run(ctx, e.pass(6, &answered, &deferred))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v, want context.Canceled", err)
	}
	recs, _ := e.ledger.Records(context.Background())
	if len(recs) != 1 || recs[0].ID == "" || recs[0].Processed {
		t.Fatalf("records %+v: want one batch, created, not processed", recs)
	}
	// A new command (a new collector: nothing is known of the failures) resumes it.
	e.collector = NewCollector(e.collector.next, scope, chat.BatchOptions{})
	e.cache = chat.WithScopedCache(e.collector, e.cacheDir, scope)
	st, err := e.runner(t, nil, OpenAILimits).Run(context.Background(), e.pass(6, &answered, &deferred))
	if err != nil {
		t.Fatal(err)
	}
	if st.Resumed != 1 || st.Batches != 0 || st.Stored != 6 || answered != 6 {
		t.Errorf("resumed run: stats %+v, %d answered: want the batch resumed, none created, 6 answers", st, answered)
	}
	if n := len(e.srv.Batches()); n != 1 {
		t.Errorf("%d batches at the endpoint, want 1: the resumed run submitted again", n)
	}
}

// TestRunnerFindsAnUnrecordedBatch: a command killed between creating a batch and
// recording it finds the batch by its input file instead of creating another.
func TestRunnerFindsAnUnrecordedBatch(t *testing.T) {
	e := newEnv(t)
	path := filepath.Join(t.TempDir(), "r1-001.jsonl")
	os.WriteFile(path, []byte(`{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[]}}`+"\n"), 0o644)
	f, err := e.api.UploadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.api.CreateBatch(context.Background(), f.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.ledger.Save(context.Background(), Record{InputFileID: f.ID, File: path, Round: 1, Endpoint: e.srv.URL(), Requests: 1})
	var answered, deferred int
	st, err := e.runner(t, nil, OpenAILimits).Run(context.Background(), e.pass(0, &answered, &deferred))
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := e.ledger.Records(context.Background())
	if st.Resumed != 1 || len(e.srv.Batches()) != 1 || recs[0].ID != b.ID || !recs[0].Processed {
		t.Errorf("stats %+v, batches %v, record %+v: want batch %s found and processed", st, e.srv.Batches(), recs[0], b.ID)
	}
}

func TestRunnerWithoutBatchAPI(t *testing.T) {
	e := newEnv(t, fakeopenai.WithoutBatchAPI())
	var answered, deferred int
	_, err := e.runner(t, nil, Limits{Requests: 2}).Run(context.Background(), e.pass(3, &answered, &deferred))
	var nb *NoBatchAPIError
	if !errors.As(err, &nb) || !errors.Is(err, ErrNoBatchAPI) || len(nb.Files) != 2 {
		t.Fatalf("error %v, want a NoBatchAPIError with the 2 input files", err)
	}
	for _, f := range nb.Files {
		if _, err := os.Stat(f.Path); err != nil {
			t.Errorf("input file left for another runner: %v", err)
		}
	}
}

// TestImport files a vLLM run_batch output: good answers are filed, error lines (vLLM
// writes error as a string) counted, foreign lines unknown.
func TestImport(t *testing.T) {
	e := newEnv(t)
	e.collector.begin(e.dir, 1, OpenAILimits)
	os.MkdirAll(e.dir, 0o755)
	for i := range 3 {
		e.cache.Complete(labelled(i), req(i))
	}
	files, err := e.collector.end()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for i, l := range readLines(t, files[0].Path) {
		id := l["custom_id"].(string)
		var line any
		switch i {
		case 1:
			line = map[string]any{"id": "vllm-1", "custom_id": id, "response": map[string]any{"status_code": 400, "request_id": "vllm-batch-1"}, "error": "The model does not support Chat Completions API"}
		default:
			body := `{"id":"cmpl-1","object":"chat.completion","created":1,"model":"fake-model","choices":[{"index":0,"message":{"role":"assistant","content":"{\"summary\":\"from vllm\"}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}`
			line = map[string]any{"id": "vllm-0", "custom_id": id, "response": map[string]any{"status_code": 200, "request_id": "vllm-batch-0", "body": json.RawMessage(body)}, "error": nil}
		}
		b, _ := json.Marshal(line)
		out.Write(append(b, '\n'))
	}
	out.WriteString(`{"id":"x","custom_id":"r9f001.other.s01.v0.000000000000","response":null,"error":null}` + "\n")
	st, err := Import(context.Background(), e.dir, e.cacheDir, &out, "out.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ImportStats{Lines: 4, Stored: 2, Unusable: 1, Unknown: 1, Why: "1 HTTP 400"}, st); diff != "" {
		t.Errorf("import (-want +got):\n%s", diff)
	}
	for _, i := range []int{0, 2} {
		resp, err := e.cache.Complete(context.Background(), req(i))
		if err != nil || resp.Content != `{"summary":"from vllm"}` || resp.Usage.CacheHits != 1 {
			t.Errorf("request %d after import: %+v, %v; want the imported answer from the cache", i, resp, err)
		}
	}
}

func TestLineError(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"answer", `{"custom_id":"a","response":{"status_code":200,"request_id":"r","body":{"id":"x"}},"error":null}`, ""},
		{"expired", `{"custom_id":"a","response":null,"error":{"code":"batch_expired","message":"too late"}}`, "batch_expired"},
		{"HTTP error", `{"custom_id":"a","response":{"status_code":500,"request_id":"r","body":{"error":{"message":"x"}}},"error":null}`, "HTTP 500"},
		{"vLLM error string", `{"custom_id":"a","response":{"status_code":400,"request_id":"r"},"error":"bad request"}`, "HTTP 400"},
		{"vLLM error object", `{"custom_id":"a","response":{"status_code":200,"request_id":"r"},"error":{"error":{"code":404}}}`, "404"},
		{"no body", `{"custom_id":"a","response":{"status_code":200,"request_id":"r","body":null},"error":null}`, "no response"},
		{"no response", `{"custom_id":"a"}`, "no response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ol outputLine
			if err := json.Unmarshal([]byte(tt.line), &ol); err != nil {
				t.Fatal(err)
			}
			if got := lineError(ol); got != tt.want {
				t.Errorf("lineError = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFileLedger(t *testing.T) {
	l := &FileLedger{Path: filepath.Join(t.TempDir(), "sub", "state.json")}
	ctx := context.Background()
	if recs, err := l.Records(ctx); err != nil || len(recs) != 0 {
		t.Fatalf("missing file: %v, %v", recs, err)
	}
	a := Record{InputFileID: "file-a", File: "r1-001.jsonl", Round: 1, Requests: 3}
	b := Record{InputFileID: "file-b", File: "r1-002.jsonl", Round: 1, Requests: 2}
	l.Save(ctx, a)
	l.Save(ctx, b)
	a.ID, a.Status = "batch_a", "in_progress"
	if err := l.Save(ctx, a); err != nil {
		t.Fatal(err)
	}
	recs, err := l.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Record{a, b}, recs); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	os.WriteFile(l.Path, []byte("{not json"), 0o644)
	if _, err := l.Records(ctx); err == nil || !strings.Contains(err.Error(), l.Path) {
		t.Errorf("corrupt state: %v, want an error naming the file", err)
	}
}

// flakyAPI fails the first fails retrievals with a 503.
type flakyAPI struct {
	API
	mu    sync.Mutex
	fails int
}

func (f *flakyAPI) RetrieveBatch(ctx context.Context, id string) (openai.Batch, error) {
	f.mu.Lock()
	fail := f.fails > 0
	f.fails--
	f.mu.Unlock()
	if fail {
		return openai.Batch{}, &chat.APIError{Status: 503, Message: "down for maintenance"}
	}
	return f.API.RetrieveBatch(ctx, id)
}

// TestRunnerRidesOutAnOutage: polls that fail beyond their retries are tried again at
// the next poll; the run ends as without them.
func TestRunnerRidesOutAnOutage(t *testing.T) {
	e := newEnv(t)
	api := &flakyAPI{API: e.api, fails: 12}
	var log bytes.Buffer
	r, err := NewRunner(Options{API: api, Ledger: e.ledger, Collector: e.collector, Dir: e.dir, CacheDir: e.cacheDir,
		Endpoint: e.srv.URL(), Log: &log, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	if err != nil {
		t.Fatal(err)
	}
	var answered, deferred int
	st, err := r.Run(context.Background(), e.pass(4, &answered, &deferred))
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if st.Stored != 4 || answered != 4 || !strings.Contains(log.String(), "cannot poll it") {
		t.Errorf("stats %+v, %d answered; log:\n%s", st, answered, log.String())
	}
}
