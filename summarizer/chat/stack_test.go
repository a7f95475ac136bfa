package chat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
)

// runAll sends requests 0..n-1 through c at once and returns the responses and errors.
func runAll(ctx context.Context, c Completer, n int, done func()) ([]Response, []error) {
	resps := make([]Response, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			resps[i], errs[i] = c.Complete(ctx, request(i))
			if done != nil && errs[i] == nil {
				done()
			}
		})
	}
	wg.Wait()
	return resps, errs
}

// validSection reports whether content is the JSON of a section answer.
func validSection(content string) bool {
	var v struct {
		Summary   *string  `json:"summary"`
		KeyPoints []string `json:"key_points"`
	}
	return json.Unmarshal([]byte(content), &v) == nil && v.Summary != nil && v.KeyPoints != nil
}

func TestFaultRun(t *testing.T) {
	const n, concurrency = 400, 8
	srv := fakeopenai.New(fakeopenai.WithScript(fakeopenai.Faults(fakeopenai.FaultMix{
		RateLimited: 0.2, RetryAfter: 10 * time.Millisecond, ServerError: 0.1, Malformed: 0.1, Seed: 2026,
	})))
	defer srv.Close()
	sleep := &noSleep{}
	c := stack(t, srv, t.TempDir(), concurrency, sleep)
	var u Usage
	resps, errs := runAll(context.Background(), c, n, nil)
	for i := range n {
		if errs[i] != nil {
			t.Errorf("request %d: %v", i, errs[i])
			continue
		}
		if !validSection(resps[i].Content) {
			t.Errorf("request %d: content %q is not a section", i, resps[i].Content)
		}
		u = addUsage(u, resps[i].Usage)
	}
	failed, rateLimited := 0, 0
	for _, r := range srv.Requests() {
		if r.Status != 200 {
			failed++
		}
		if r.Status == 429 {
			rateLimited++
		}
	}
	sent := srv.Count()
	t.Logf("%d requests for %d answers: %d HTTP errors (%d rate limited), %d malformed; %s",
		sent, n, failed, rateLimited, sent-n-failed, fmt.Sprintf("%+v", u))
	if u.Requests != sent || u.Retries != sent-n {
		t.Errorf("usage counts %d requests, %d retries; the server saw %d requests for %d answers", u.Requests, u.Retries, sent, n)
	}
	if sent-n-failed < n/20 || rateLimited < n/10 || failed-rateLimited < n/20 {
		t.Errorf("fault mix did not happen: %d rate limited, %d other errors, %d malformed", rateLimited, failed-rateLimited, sent-n-failed)
	}
	waited := 0
	for _, d := range sleep.Delays() {
		if d == 10*time.Millisecond {
			waited++
		}
	}
	if waited != rateLimited {
		t.Errorf("%d waits of the Retry-After (retry-after-ms 10), want one per 429 (%d)", waited, rateLimited)
	}
	if p := srv.PeakInFlight(); p > concurrency {
		t.Errorf("peak %d requests in flight, want at most %d", p, concurrency)
	}
}

func TestPeakInFlight(t *testing.T) {
	for _, concurrency := range []int{1, 3, 8} {
		srv := fakeopenai.New(fakeopenai.WithLatency(2 * time.Millisecond))
		c := stack(t, srv, "", concurrency, &noSleep{})
		_, errs := runAll(context.Background(), c, 60, nil)
		srv.Close()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		if p := srv.PeakInFlight(); p > concurrency || p < 1 {
			t.Errorf("concurrency %d: peak %d in flight", concurrency, p)
		}
	}
}

func TestRerunFromCache(t *testing.T) {
	const n = 50
	dir := t.TempDir()
	first := fakeopenai.New()
	_, errs := runAll(context.Background(), stack(t, first, dir, 4, &noSleep{}), n, nil)
	first.Close()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if first.Count() != n {
		t.Fatalf("first run: %d requests, want %d", first.Count(), n)
	}

	second := fakeopenai.New()
	defer second.Close()
	resps, errs := runAll(context.Background(), stack(t, second, dir, 4, &noSleep{}), n, nil)
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if got := second.Count(); got != 0 {
		t.Errorf("rerun: %d requests, want 0", got)
	}
	var total Usage
	for _, r := range resps {
		total = addUsage(total, r.Usage)
		if !validSection(r.Content) || r.Rung != FormatJSONSchema {
			t.Errorf("cached answer %+v", r)
		}
	}
	if u := total; u != (Usage{CacheHits: n}) {
		t.Errorf("rerun usage %+v, want %d cache hits only", u, n)
	}
}

func TestCancelKeepsFinished(t *testing.T) {
	const n, fast = 30, 10
	slow := fakeopenai.New(fakeopenai.WithScript(func(k int, _ openai.ChatCompletionRequest) fakeopenai.Reply {
		if k <= fast {
			return fakeopenai.Reply{}
		}
		return fakeopenai.Slow(time.Hour) // ends when the client goes away
	}))
	defer slow.Close()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	var finished atomic.Int32
	// Requests get through one at a time, so the first `fast` answers are the fast ones.
	c := stack(t, slow, dir, 1, &noSleep{})
	go func() {
		for slow.Count() <= fast { // wait until a slow request is in flight
			time.Sleep(time.Millisecond)
		}
		cancel() // Ctrl-C
	}()
	_, errs := runAll(ctx, c, n, func() { finished.Add(1) })
	if got := finished.Load(); got != fast {
		t.Errorf("%d finished, want %d", got, fast)
	}
	for i, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("request %d: %v, want context.Canceled", i, err)
		}
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if len(entries) != fast {
		t.Errorf("%d cache entries, want %d", len(entries), fast)
	}

	// The rerun asks only for what did not finish.
	again := fakeopenai.New()
	defer again.Close()
	_, errs = runAll(context.Background(), stack(t, again, dir, 4, &noSleep{}), n, nil)
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if got := again.Count(); got != n-fast {
		t.Errorf("rerun: %d requests, want %d", got, n-fast)
	}
}

func TestAPIKeyNeverShown(t *testing.T) {
	dir := t.TempDir()
	var seen []string // every text the run produces
	// A server that rejects the key and quotes it back, and one that fails in every way.
	wrongKey := fakeopenai.New(fakeopenai.WithAPIKey("sk-the-right-one"))
	defer wrongKey.Close()
	faulty := fakeopenai.New(fakeopenai.WithScript(func(k int, _ openai.ChatCompletionRequest) fakeopenai.Reply {
		return []fakeopenai.Reply{
			fakeopenai.RateLimited(10 * time.Millisecond), fakeopenai.ServerError(), fakeopenai.Malformed(),
			fakeopenai.MalformedBody(), {Status: 502, Raw: "bad gateway " + testKey}, fakeopenai.BadRequest("bad key " + testKey),
			fakeopenai.Truncated(), {},
		}[(k-1)%8]
	}))
	defer faulty.Close()
	for _, srv := range []*fakeopenai.Server{wrongKey, faulty} {
		sleep := &noSleep{}
		c := stack(t, srv, dir, 2, sleep)
		var total Usage
		resps, errs := runAll(context.Background(), c, 16, nil)
		for i := range resps {
			total = addUsage(total, resps[i].Usage)
			seen = append(seen, resps[i].Content)
			if errs[i] != nil {
				seen = append(seen, errs[i].Error())
			}
		}
		seen = append(seen, fmt.Sprintf("%+v", total))
		for _, r := range srv.Requests() {
			for k, vs := range r.Header {
				seen = append(seen, k+": "+strings.Join(vs, ","))
			}
		}
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			seen = append(seen, string(data))
		}
		return nil
	})
	if len(seen) < 40 {
		t.Fatalf("only %d texts checked", len(seen))
	}
	for _, s := range seen {
		if strings.Contains(s, testKey) {
			t.Errorf("the API key appears in %q", s)
		}
	}
	if !strings.Contains(strings.Join(seen, "\n"), "[redacted]") {
		t.Error("no redaction happened: the test did not exercise an echoed key")
	}
}
