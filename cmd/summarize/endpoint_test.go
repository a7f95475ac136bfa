package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/cablebrief/summarize/summarizer/llm/llmtest"
)

// deadURL returns a base URL on loopback where nothing listens.
func deadURL(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/v1"
}

// watchWriter is a stderr safe for the run's goroutines that calls on(line) for every
// complete line written.
type watchWriter struct {
	mu  sync.Mutex
	b   bytes.Buffer
	on  func(line string)
	off int // bytes already passed to on
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, _ := w.b.Write(p)
	for {
		rest := w.b.Bytes()[w.off:]
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		if w.on != nil {
			w.on(string(rest[:i]))
		}
		w.off += i + 1
	}
	return n, nil
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// runCLIWatched runs the command with ctx, calling on for each line of stderr.
func runCLIWatched(t testing.TB, ctx context.Context, env map[string]string, on func(string), args ...string) result {
	t.Helper()
	var out bytes.Buffer
	errw := &watchWriter{on: on}
	getenv := func(k string) string { return env[k] }
	code := run(ctx, args, strings.NewReader(""), &out, errw, getenv)
	return result{code, out.String(), errw.String()}
}

// answer is the fake's default answer in these tests: grounded answers to summarize's
// prompts.
func answer(req openai.ChatCompletionRequest) string { return llmtest.Answer(req) }

// usageLine parses the run's usage line: sections, failed, requests, retries.
var usageRE = regexp.MustCompile(`(\d+) sections? \((\d+) failed[^)]*\); (\d+) requests?, (\d+) retr`)

func usageOf(t testing.TB, stderr string) (sections, failed, requests, retries int) {
	t.Helper()
	m := usageRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no usage line in stderr:\n%s", stderr)
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return n(m[1]), n(m[2]), n(m[3]), n(m[4])
}

// TestDeadEndpointFailsFast: nothing listens at the base URL. With the default retries
// the run stops after two tries of a request, exit 2, naming the endpoint, and the wait
// between the tries is reported on stderr although stderr is not a terminal.
func TestDeadEndpointFailsFast(t *testing.T) {
	base := deadURL(t)
	env := map[string]string{"SUMMARIZE_LLM_BASE_URL": base, "SUMMARIZE_LLM_MODEL": "m", "SUMMARIZE_CACHE_ENABLED": "false"}
	r := runCLIWatched(t, context.Background(), env, nil, "--format", "json", "-o", t.TempDir(), repoFile(t, "compare/cables"))
	if r.code != exitUsage {
		t.Errorf("exit %d, want %d", r.code, exitUsage)
	}
	if want := "cannot reach the endpoint " + base + ": nothing answers there"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	if !strings.Contains(r.stderr, "summarize: retrying in ") {
		t.Errorf("the wait before the second try is not reported:\n%s", r.stderr)
	}
	_, _, requests, retries := usageOf(t, r.stderr)
	if retries > requests/2 {
		t.Errorf("%d retries for %d requests: more than one retry a request", retries, requests)
	}
}

// TestCtrlCDuringRetriesExits130: Ctrl-C while requests wait to be retried exits 130,
// whatever the fault: a dead endpoint, server errors.
func TestCtrlCDuringRetriesExits130(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithScript(func(int, openai.ChatCompletionRequest) fakeopenai.Reply { return fakeopenai.ServerError() }))
	defer srv.Close()
	for name, base := range map[string]string{"dead endpoint": deadURL(t), "server errors": srv.URL()} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			env := map[string]string{"SUMMARIZE_LLM_BASE_URL": base, "OPENAI_API_KEY": "k", "SUMMARIZE_LLM_MODEL": "m", "SUMMARIZE_CACHE_ENABLED": "false"}
			on := func(line string) {
				if strings.Contains(line, "retrying in") {
					cancel() // Ctrl-C at the first wait
				}
			}
			r := runCLIWatched(t, ctx, env, on, "--format", "json", "-o", t.TempDir(), repoFile(t, "compare/cables"))
			if r.code != exitCancelled {
				t.Errorf("exit %d, want %d:\n%s", r.code, exitCancelled, r.stderr)
			}
		})
	}
}

// TestBaseURLWithQueryRejected: a query in the base URL is refused up front, without its
// value, before any request.
func TestBaseURLWithQueryRejected(t *testing.T) {
	srv, env := fakeEndpoint(t)
	r := runCLI(t, env, "", "--base-url", srv.URL()+"?key=sk-in-the-query", "--format", "json", repoFile(t, "cables/07PARIS2726.txt"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "llm.base_url") || !strings.Contains(r.stderr, "must not have a query string") {
		t.Errorf("exit %d, stderr %q; want exit 2 and a message about the query", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "sk-in-the-query") {
		t.Errorf("stderr shows the query's value: %q", r.stderr)
	}
	if srv.Count() != 0 {
		t.Errorf("%d requests sent", srv.Count())
	}
}

// TestRedirectToAnotherHostStopsTheRun: the endpoint redirects to another host; the run
// stops with exit 2 saying so, and the other host gets nothing.
func TestRedirectToAnotherHostStopsTheRun(t *testing.T) {
	other, _ := fakeEndpoint(t)
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.TrimSuffix(other.URL(), "/v1")+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	env := map[string]string{"SUMMARIZE_LLM_BASE_URL": redirector.URL + "/v1", "OPENAI_API_KEY": testKey, "SUMMARIZE_LLM_MODEL": "m",
		"SUMMARIZE_CACHE_ENABLED": "false", "SUMMARIZE_LLM_HEADERS": "X-Gateway-Token=gw-secret"}
	r := runCLI(t, env, "", "--format", "json", repoFile(t, "cables/07PARIS2726.txt"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "redirects to another host") {
		t.Errorf("exit %d, stderr %q; want exit 2 about the redirect", r.code, r.stderr)
	}
	if other.Count() != 0 {
		t.Errorf("the other host got %d requests", other.Count())
	}
}

// TestEndpointRefusingService: an endpoint that answers no request (500s, 429s past
// llm.rate_limit_wait, a spent quota) is exit 2 with its last error; one that answered
// some requests and then failed is flaky: its lost sections are exit 1.
func TestEndpointRefusingService(t *testing.T) {
	var mu sync.Mutex
	served := 0
	tests := []struct {
		name     string
		reply    func() fakeopenai.Reply
		wantCode int
		want     string
	}{
		{"server errors", fakeopenai.ServerError, exitUsage, "answered no request: every one failed"},
		{"rate limited forever", func() fakeopenai.Reply { return fakeopenai.RateLimited(40 * time.Millisecond) }, exitUsage, "rate-limited every one for longer than llm.rate_limit_wait"},
		{"quota spent", fakeopenai.QuotaExceeded, exitUsage, "quota is exhausted (insufficient_quota): that is not a rate limit"},
		{"flaky: answers five, then server errors", func() fakeopenai.Reply {
			mu.Lock()
			defer mu.Unlock()
			if served++; served <= 5 {
				return fakeopenai.Reply{}
			}
			return fakeopenai.ServerError()
		}, exitPartial, "sections failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, env := fakeEndpoint(t, fakeopenai.WithAnswer(answer),
				fakeopenai.WithScript(func(int, openai.ChatCompletionRequest) fakeopenai.Reply { return tt.reply() }))
			env["SUMMARIZE_LLM_RETRIES"] = "1"
			env["SUMMARIZE_LLM_RATE_LIMIT_WAIT"] = "300ms"
			env["SUMMARIZE_LLM_CONCURRENCY"] = "1"
			r := runCLI(t, env, "", "--format", "json", "-o", t.TempDir(), repoFile(t, "cables/07PARIS2726.txt"))
			if r.code != tt.wantCode || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d with %q; stderr:\n%s", r.code, tt.wantCode, tt.want, r.stderr)
			}
		})
	}
}

// TestCappedEndpointLosesNothing (issue 12): the twelve comparison cables against a
// server that serves three requests at a time: at --concurrency 8 nothing is lost and
// the run sends at most 1.5 times the requests of a run at --concurrency 3.
func TestCappedEndpointLosesNothing(t *testing.T) {
	requests := map[int]int{}
	for _, c := range []int{3, 8} {
		srv, env := fakeEndpoint(t, fakeopenai.WithMaxInFlight(3, 20*time.Millisecond), fakeopenai.WithLatency(5*time.Millisecond))
		env["SUMMARIZE_CACHE_ENABLED"] = "false"
		r := runCLI(t, env, "", "--concurrency", strconv.Itoa(c), "--format", "json", "-o", t.TempDir(), repoFile(t, "compare/cables"))
		sections, failed, n, retries := usageOf(t, r.stderr)
		t.Logf("--concurrency %d: exit %d, %d sections, %d failed, %d requests (%d retries), peak %d in flight; %s",
			c, r.code, sections, failed, n, retries, srv.PeakInFlight(), lastLine(r.stderr))
		if r.code != 0 || failed != 0 {
			t.Errorf("--concurrency %d: exit %d, %d sections failed; want none", c, r.code, failed)
		}
		requests[c] = n
		if c == 8 && !strings.Contains(r.stderr, "concurrency 8→") {
			t.Errorf("the usage line does not show the lowered concurrency:\n%s", r.stderr)
		}
	}
	if float64(requests[8]) > 1.5*float64(requests[3]) {
		t.Errorf("--concurrency 8 sent %d requests, more than 1.5 × the %d of --concurrency 3", requests[8], requests[3])
	}
}

// TestMalformedAndTruncatedAreTransportFaults: answers damaged on the way (JSON of
// another shape under a strict schema, answers cut by the token limit) are retried by the
// chat layer, a truncated one with a larger limit and then split, not re-asked: three in
// a row for one section lose nothing and cost no re-ask.
func TestMalformedAndTruncatedAreTransportFaults(t *testing.T) {
	for _, tt := range []struct {
		name  string
		fault func() fakeopenai.Reply
	}{
		{"malformed three times", fakeopenai.MalformedShape},
		{"truncated three times", fakeopenai.Truncated},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			faults := 0
			_, env := fakeEndpoint(t, fakeopenai.WithAnswer(answer), fakeopenai.WithScript(func(_ int, req openai.ChatCompletionRequest) fakeopenai.Reply {
				mu.Lock()
				defer mu.Unlock()
				if sectionOf(req) == "KOSOVO" && faults < 3 {
					faults++
					return tt.fault()
				}
				return fakeopenai.Reply{}
			}))
			env["SUMMARIZE_CACHE_ENABLED"] = "false"
			r := runCLI(t, env, "", "--format", "json", repoFile(t, "cables/07PARIS2726.txt"))
			var rep summarizer.Report
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
				t.Fatalf("exit %d, no report: %v\n%s", r.code, err, r.stderr)
			}
			for _, s := range rep.Sections {
				if s.Error != "" {
					t.Errorf("section %q lost: %s", s.Title, s.Error)
				}
			}
			if r.code != 0 || rep.Usage.ReAsks != 0 || rep.Usage.Retries < 2 {
				t.Errorf("exit %d, usage %+v; want exit 0, the faults retried and not re-asked", r.code, rep.Usage)
			}
		})
	}
}

// TestFaultRunsLoseNothing (issue 11): ten cables, ten seeds of a fault mix of 20% 429,
// 10% 500, 10% malformed and 5% truncated answers: no section is lost.
//
//	go test ./cmd/summarize -run TestFaultRunsLoseNothing -v
func TestFaultRunsLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("ten runs with backoff waits")
	}
	dir := t.TempDir()
	names, err := filepath.Glob(repoFile(t, "cables") + "/*.txt")
	if err != nil || len(names) < 10 {
		t.Fatalf("cables: %v (%d)", err, len(names))
	}
	slices.Sort(names)
	for _, n := range names[:10] {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The runs mostly wait out backoffs: they run side by side.
	var mu sync.Mutex
	lost := 0
	t.Cleanup(func() {
		if lost != 0 {
			t.Errorf("%d sections lost over ten runs, want 0", lost)
		}
	})
	for seed := uint64(1); seed <= 10; seed++ {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			t.Parallel()
			srv, env := fakeEndpoint(t, fakeopenai.WithAnswer(answer), fakeopenai.WithScript(fakeopenai.Faults(fakeopenai.FaultMix{
				RateLimited: 0.2, RetryAfter: 50 * time.Millisecond, ServerError: 0.1, Malformed: 0.1, Truncated: 0.05, Seed: seed,
			})))
			env["SUMMARIZE_CACHE_ENABLED"] = "false"
			start := time.Now()
			r := runCLI(t, env, "", "--format", "json", "-o", t.TempDir(), dir)
			sections, failed, requests, retries := usageOf(t, r.stderr)
			faults := map[int]int{}
			for _, rec := range srv.Requests() {
				faults[rec.Status]++
			}
			t.Logf("seed %2d: exit %d, %d sections, %d failed; %d requests (%d answered 429, %d answered 500), %d retries; %s",
				seed, r.code, sections, failed, requests, faults[429], faults[500], retries, time.Since(start).Round(10*time.Millisecond))
			mu.Lock()
			lost += failed
			mu.Unlock()
			if r.code != 0 {
				t.Errorf("seed %d: exit %d:\n%s", seed, r.code, r.stderr)
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestWaitNotices: the first wait is reported at once; later ones at most once per
// interval, the line counting the waits it stands for; drops of the concurrency limit too.
func TestWaitNotices(t *testing.T) {
	now := time.Unix(1e9, 0)
	var b bytes.Buffer
	n := &waitNotices{w: &b, every: 10 * time.Second, now: func() time.Time { return now }}
	ev := func(err error, limited bool) chat.RetryEvent {
		return chat.RetryEvent{Attempt: 1, Err: err, Wait: 1500 * time.Millisecond, RateLimited: limited}
	}
	n.retry(ev(&chat.APIError{Status: 500, Message: "The server had an error\nwhile processing"}, false))
	for i := 1; i <= 9; i++ {
		now = now.Add(time.Second)
		n.retry(ev(&chat.APIError{Status: 429}, true))
	}
	now = now.Add(2 * time.Second)
	n.limit(4, 8)
	n.limit(5, 4) // a rise is not news
	want := "summarize: retrying in 1.5s after: endpoint answered 500: The server had an error while processing\n" +
		"summarize: the endpoint is at capacity (429): 4 requests in flight at most, down from 8 (and 9 more waits in the last 11s)\n"
	if got := b.String(); got != want {
		t.Errorf("notices:\n%s\nwant:\n%s", got, want)
	}
	if got := oneLine(strings.Repeat("x", 200), 10); got != "xxxxxxxxxx…" {
		t.Errorf("oneLine cut %q", got)
	}
}

// BenchmarkEndpointCapacity runs the twelve comparison cables (97 sections, 109 requests
// on a cold cache) through the CLI against the fake answering in 50ms: uncapped at
// --concurrency 8 (x-ideal: the makespan over ceil(requests/8) × 50ms, the time the
// requests take back to back eight at a time), and capped at three requests in flight
// (429 with Retry-After 1s beyond) at --concurrency 3 and 8 (requests, failed sections,
// and the requests over those of the capped run at --concurrency 3).
//
//	go test ./cmd/summarize -run '^$' -bench EndpointCapacity -benchtime 3x
func BenchmarkEndpointCapacity(b *testing.B) {
	const latency = 50 * time.Millisecond
	var capped3 float64
	for _, bc := range []struct {
		name        string
		capacity    int
		concurrency int
	}{{"uncapped/c8", 0, 8}, {"capped3/c3", 3, 3}, {"capped3/c8", 3, 8}} {
		b.Run(bc.name, func(b *testing.B) {
			var requests, failed int
			var total time.Duration
			for b.Loop() {
				b.StopTimer()
				opts := []fakeopenai.Option{fakeopenai.WithLatency(latency)}
				if bc.capacity > 0 {
					opts = append(opts, fakeopenai.WithMaxInFlight(bc.capacity, time.Second))
				}
				_, env := fakeEndpoint(b, opts...)
				env["SUMMARIZE_CACHE_ENABLED"] = "false"
				dir := b.TempDir()
				b.StartTimer()
				start := time.Now()
				r := runCLI(b, env, "", "--concurrency", strconv.Itoa(bc.concurrency), "--format", "json", "-o", dir, repoFile(b, "compare/cables"))
				total += time.Since(start)
				_, f, n, _ := usageOf(b, r.stderr)
				requests, failed = requests+n, failed+f
			}
			runs := float64(b.N)
			b.ReportMetric(float64(requests)/runs, "requests")
			b.ReportMetric(float64(failed)/runs, "failed")
			b.ReportMetric(total.Seconds()/runs, "s/run")
			switch {
			case bc.capacity == 0:
				ideal := time.Duration((requests/b.N+bc.concurrency-1)/bc.concurrency) * latency
				b.ReportMetric(float64(total)/runs/float64(ideal), "x-ideal")
			case bc.concurrency == 3:
				capped3 = float64(requests) / runs
			case capped3 > 0:
				b.ReportMetric(float64(requests)/runs/capped3, "x-requests-of-c3")
			}
		})
	}
}
