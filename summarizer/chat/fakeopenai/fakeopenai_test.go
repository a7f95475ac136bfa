package fakeopenai

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"
)

type answer struct {
	status int
	header http.Header
	body   string
}

// do sends one request to srv and returns the answer.
func do(t testing.TB, method, url, auth, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, string(b)}
}

// content decodes the assistant message and finish reason of a 200 answer.
func content(t testing.TB, a answer) (string, string) {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", a.status, a.body)
	}
	var resp openai.ChatCompletionResponse
	if err := json.Unmarshal([]byte(a.body), &resp); err != nil {
		t.Fatalf("decode answer: %v", err)
	}
	if len(resp.Choices) != 1 {
		t.Fatalf("%d choices, want 1", len(resp.Choices))
	}
	if resp.Usage.PromptTokens == 0 || resp.Usage.CompletionTokens == 0 {
		t.Errorf("usage %+v, want token counts", resp.Usage)
	}
	return resp.Choices[0].Message.Content, string(resp.Choices[0].FinishReason)
}

const (
	okBody     = `{"model":"m","messages":[{"role":"user","content":"hello"}]}`
	schemaJSON = `{"type":"object","additionalProperties":false,"required":["summary","labels","stances"],` +
		`"properties":{"summary":{"type":"string"},"labels":{"type":"array","items":{"type":"string","enum":["supports","opposes"]}},` +
		`"stances":{"type":"array","items":{"$ref":"#/$defs/stance"}}},` +
		`"$defs":{"stance":{"type":"object","additionalProperties":false,"required":["actor","paragraph","quoted"],` +
		`"properties":{"actor":{"type":["string","null"]},"paragraph":{"type":"integer","minimum":2},"quoted":{"type":"boolean"}}}}}`
)

func schemaBody(strict bool, schema string) string {
	return fmt.Sprintf(`{"model":"m","messages":[{"role":"user","content":"hi"}],`+
		`"response_format":{"type":"json_schema","json_schema":{"name":"section","strict":%v,"schema":%s}}}`, strict, schema)
}

func TestValidation(t *testing.T) {
	srv := New(WithAPIKey("sk-right"))
	defer srv.Close()
	const bearer = "Bearer sk-right"
	tests := []struct {
		name, method, path, auth, body string
		wantStatus                     int
		wantInBody                     string
	}{
		{"minimal", "POST", "/v1/chat/completions", bearer, okBody, 200, "chat.completion"},
		{"no key", "POST", "/v1/chat/completions", "", okBody, 401, "didn't provide an API key"},
		{"wrong key", "POST", "/v1/chat/completions", "Bearer sk-wrong", okBody, 401, "Incorrect API key provided: sk-wrong"},
		{"not bearer", "POST", "/v1/chat/completions", "sk-right", okBody, 401, "Bearer"},
		{"GET", "GET", "/v1/chat/completions", bearer, "", 405, "Invalid method"},
		{"unknown path", "POST", "/v1/completions", bearer, okBody, 404, "Invalid URL"},
		{"not JSON", "POST", "/v1/chat/completions", bearer, `{"model":`, 400, "could not parse the JSON body"},
		{"no model", "POST", "/v1/chat/completions", bearer, `{"messages":[{"role":"user","content":"x"}]}`, 400, "model parameter"},
		{"no messages", "POST", "/v1/chat/completions", bearer, `{"model":"m","messages":[]}`, 400, "too short"},
		{"bad role", "POST", "/v1/chat/completions", bearer, `{"model":"m","messages":[{"role":"robot","content":"x"}]}`, 400, "messages[0].role"},
		{"no content", "POST", "/v1/chat/completions", bearer, `{"model":"m","messages":[{"role":"user"}]}`, 400, "messages[0].content"},
		{"unknown parameter", "POST", "/v1/chat/completions", bearer, `{"model":"m","format":"json_schema","messages":[{"role":"user","content":"x"}]}`, 400, "Unrecognized request argument supplied: format"},
		{"temperature too high", "POST", "/v1/chat/completions", bearer, `{"model":"m","temperature":2.5,"messages":[{"role":"user","content":"x"}]}`, 400, "temperature"},
		{"both max fields", "POST", "/v1/chat/completions", bearer, `{"model":"m","max_tokens":5,"max_completion_tokens":5,"messages":[{"role":"user","content":"x"}]}`, 400, "cannot both"},
		{"unknown response format", "POST", "/v1/chat/completions", bearer, `{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"xml"}}`, 400, "response_format.type"},
		{"json_object without the word", "POST", "/v1/chat/completions", bearer, `{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}`, 400, "must contain the word 'json'"},
		{"json_object", "POST", "/v1/chat/completions", bearer, `{"model":"m","messages":[{"role":"user","content":"answer in JSON"}],"response_format":{"type":"json_object"}}`, 200, "answer"},
		{"json_schema strict", "POST", "/v1/chat/completions", bearer, schemaBody(true, schemaJSON), 200, "summary"},
		{"json_schema bad name", "POST", "/v1/chat/completions", bearer, strings.Replace(schemaBody(false, schemaJSON), `"section"`, `"a section"`, 1), 400, "does not match pattern"},
		{"json_schema strict without additionalProperties", "POST", "/v1/chat/completions", bearer, schemaBody(true, `{"type":"object","required":["a"],"properties":{"a":{"type":"string"}}}`), 400, "additionalProperties"},
		{"json_schema strict missing required", "POST", "/v1/chat/completions", bearer, schemaBody(true, `{"type":"object","additionalProperties":false,"required":[],"properties":{"a":{"type":"string"}}}`), 400, "Missing 'a'"},
		{"json_schema loose", "POST", "/v1/chat/completions", bearer, schemaBody(false, `{"type":"object","properties":{"a":{"type":"string"}}}`), 200, "fake a"},
		{"models", "GET", "/v1/models", bearer, "", 200, "fake-model"},
		{"models without key", "GET", "/v1/models", "", "", 401, "API key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := do(t, tt.method, srv.ts.URL+tt.path, tt.auth, tt.body)
			if got.status != tt.wantStatus || !strings.Contains(got.body, tt.wantInBody) {
				t.Errorf("got %d %s\nwant %d with %q", got.status, got.body, tt.wantStatus, tt.wantInBody)
			}
			if got.status >= 400 {
				var e openai.ErrorResponse
				if err := json.Unmarshal([]byte(got.body), &e); err != nil || e.Error == nil || e.Error.Message == "" {
					t.Errorf("error body %s is not OpenAI's error shape (%v)", got.body, err)
				}
			}
		})
	}
}

func TestDefaultAnswer(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"json_schema", schemaBody(true, schemaJSON),
			`{"labels":["supports"],"stances":[{"actor":"fake actor","paragraph":2,"quoted":false}],"summary":"fake summary"}`},
		{"text", okBody, "This is a fake answer from fakeopenai."},
		{"json_object with schema in the prompt", `{"model":"m","response_format":{"type":"json_object"},"messages":[` +
			`{"role":"system","content":"Answer in JSON conforming to this JSON Schema:\n{\"type\":\"object\",\"properties\":{\"bottom_line\":{\"type\":\"string\"}}}"},` +
			`{"role":"user","content":"the cable"}]}`,
			`{"bottom_line":"fake bottom line"}`},
		{"instructions", `{"model":"m","messages":[` +
			`{"role":"system","content":"Answer in JSON conforming to this JSON Schema:\n{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}}}"},` +
			`{"role":"user","content":"the cable"}]}`,
			"Sure. Here is the JSON:\n\n```json\n{\"n\":1}\n```\n"},
	}
	srv := New()
	defer srv.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, finish := content(t, do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", tt.body))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("answer (-want +got):\n%s", diff)
			}
			if finish != "stop" {
				t.Errorf("finish_reason %q, want stop", finish)
			}
		})
	}
}

func TestScenarios(t *testing.T) {
	tests := []struct {
		name       string
		reply      Reply
		wantStatus int
		wantHeader string // Retry-After
		check      func(t *testing.T, a answer)
	}{
		{"rate limited", RateLimited(1500 * time.Millisecond), 429, "2", nil},
		{"server error", ServerError(), 500, "", nil},
		{"bad request", BadRequest("no"), 400, "", nil},
		{"malformed content", Malformed(), 200, "", func(t *testing.T, a answer) {
			c, _ := content(t, a)
			if json.Valid([]byte(c)) {
				t.Errorf("content %q is valid JSON", c)
			}
		}},
		{"malformed body", MalformedBody(), 200, "", func(t *testing.T, a answer) {
			if json.Valid([]byte(a.body)) {
				t.Errorf("body %q is valid JSON", a.body)
			}
		}},
		{"fenced", Fenced(""), 200, "", func(t *testing.T, a answer) {
			c, _ := content(t, a)
			want := "Here is the JSON you asked for:\n\n```json\n{\"a\":\"fake a\"}\n```\n\nLet me know if you need anything else."
			if c != want {
				t.Errorf("content %q, want %q", c, want)
			}
		}},
		{"truncated", Truncated(), 200, "", func(t *testing.T, a answer) {
			c, finish := content(t, a)
			if finish != "length" || c != `{"a":"f` {
				t.Errorf("content %q finish %q, want the first half and length", c, finish)
			}
		}},
		{"slow", Slow(time.Millisecond), 200, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := New(WithScript(func(int, openai.ChatCompletionRequest) Reply { return tt.reply }))
			defer srv.Close()
			got := do(t, "POST", srv.URL()+"/chat/completions", "Bearer k",
				schemaBody(true, `{"type":"object","additionalProperties":false,"required":["a"],"properties":{"a":{"type":"string"}}}`))
			if got.status != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", got.status, tt.wantStatus, got.body)
			}
			if ra := got.header.Get("Retry-After"); ra != tt.wantHeader {
				t.Errorf("Retry-After %q, want %q", ra, tt.wantHeader)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

func TestRejectRungs(t *testing.T) {
	srv := New(WithRejectJSONSchema(), WithRejectJSONObject())
	defer srv.Close()
	if got := do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", schemaBody(true, schemaJSON)); got.status != 400 {
		t.Errorf("json_schema: status %d, want 400", got.status)
	}
	body := `{"model":"m","messages":[{"role":"user","content":"JSON"}],"response_format":{"type":"json_object"}}`
	if got := do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", body); got.status != 400 {
		t.Errorf("json_object: status %d, want 400", got.status)
	}
	if got := do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", okBody); got.status != 200 {
		t.Errorf("plain: status %d, want 200", got.status)
	}
}

func TestRecorded(t *testing.T) {
	srv := New()
	defer srv.Close()
	do(t, "POST", srv.URL()+"/chat/completions", "Bearer sk-secret", okBody)
	do(t, "GET", srv.URL()+"/models", "Bearer sk-secret", "")
	do(t, "POST", srv.URL()+"/chat/completions", "Bearer sk-secret", `{"model":"m2","messages":[{"role":"user","content":"again"}]}`)
	reqs := srv.Requests()
	if got := srv.Count(); got != 3 || len(reqs) != 3 {
		t.Fatalf("Count %d, %d recorded, want 3", got, len(reqs))
	}
	type row struct {
		N            int
		Method, Path string
		Model        string
		Status       int
	}
	var got []row
	for _, r := range reqs {
		got = append(got, row{r.N, r.Method, r.Path, r.Body.Model, r.Status})
		if a := r.Header.Get("Authorization"); a != "[redacted]" {
			t.Errorf("recorded Authorization %q, want [redacted]", a)
		}
	}
	want := []row{
		{1, "POST", "/v1/chat/completions", "m", 200},
		{0, "GET", "/v1/models", "", 200},
		{2, "POST", "/v1/chat/completions", "m2", 200},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("recorded (-want +got):\n%s", diff)
	}
	if string(reqs[0].Raw) != okBody {
		t.Errorf("raw body %s, want %s", reqs[0].Raw, okBody)
	}
}

func TestAzure(t *testing.T) {
	srv := New(WithAPIKey("azure-key"))
	defer srv.Close()
	base := strings.TrimSuffix(srv.URL(), "/v1")
	tests := []struct {
		name, path, key string
		want            int
	}{
		{"ok", "/openai/deployments/dep/chat/completions?api-version=2024-06-01", "azure-key", 200},
		{"no version", "/openai/deployments/dep/chat/completions", "azure-key", 404},
		{"no key", "/openai/deployments/dep/chat/completions?api-version=2024-06-01", "", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", base+tt.path, strings.NewReader(okBody))
			req.Header.Set("Content-Type", "application/json")
			if tt.key != "" {
				req.Header.Set("api-key", tt.key)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
}

func TestPeakInFlight(t *testing.T) {
	const n = 5
	var mu sync.Mutex
	arrived := 0
	all := make(chan struct{})
	srv := New(WithScript(func(int, openai.ChatCompletionRequest) Reply {
		mu.Lock()
		arrived++
		if arrived == n {
			close(all)
		}
		mu.Unlock()
		select { // hold every request until all n are in flight
		case <-all:
		case <-time.After(10 * time.Second): // a safety net, not a timed assertion
		}
		return Reply{}
	}))
	defer srv.Close()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			req, _ := http.NewRequest("POST", srv.URL()+"/chat/completions", strings.NewReader(okBody))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer k")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		})
	}
	wg.Wait()
	if got := srv.PeakInFlight(); got != n {
		t.Errorf("PeakInFlight %d, want %d", got, n)
	}
	do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", okBody)
	if got := srv.PeakInFlight(); got != n {
		t.Errorf("after one more request PeakInFlight %d, want %d", got, n)
	}
}

func TestFaults(t *testing.T) {
	mix := FaultMix{RateLimited: 0.2, RetryAfter: time.Second, ServerError: 0.1, Malformed: 0.1, Truncated: 0.05, Seed: 7}
	req := func(i int) openai.ChatCompletionRequest {
		return openai.ChatCompletionRequest{Model: "m", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: fmt.Sprint("cable ", i)}}}
	}
	kind := func(r Reply) string {
		switch {
		case r.Status == 429:
			return "429"
		case r.Status == 500:
			return "500"
		case r.Content != "" || r.Raw != "":
			return "malformed"
		case r.FinishReason == "length":
			return "truncated"
		}
		return "ok"
	}
	const total = 4000
	a, b := Faults(mix), Faults(mix)
	counts := map[string]int{}
	for i := range total {
		ka := kind(a(i, req(i)))
		if kb := kind(b(total-i, req(i))); ka != kb {
			t.Fatalf("request %d: %s then %s with the same seed", i, ka, kb)
		}
		counts[ka]++
	}
	for k, share := range map[string]float64{"429": 0.2, "500": 0.1, "malformed": 0.1, "truncated": 0.05, "ok": 0.55} {
		if got := float64(counts[k]) / total; got < share-0.03 || got > share+0.03 {
			t.Errorf("share of %s = %.3f, want %.2f±0.03", k, got, share)
		}
	}
	// A retried request draws again: it does not fail forever.
	f := Faults(FaultMix{ServerError: 0.5, Seed: 1})
	for i := range 20 {
		ok := false
		for range 30 {
			if f(0, req(i)).Status == 0 {
				ok = true
				break
			}
		}
		if !ok {
			t.Errorf("request %d failed 30 times in a row at a 50%% fault rate", i)
		}
	}
}

// TestMaxInFlight: beyond its capacity the server answers 429 at once, with Retry-After
// and retry-after-ms, and serves the others.
func TestMaxInFlight(t *testing.T) {
	const capacity, n = 2, 5
	hold := make(chan struct{})
	var mu sync.Mutex
	served := 0
	srv := New(WithMaxInFlight(capacity, 250*time.Millisecond), WithScript(func(int, openai.ChatCompletionRequest) Reply {
		mu.Lock()
		served++
		mu.Unlock()
		<-hold
		return Reply{}
	}))
	defer srv.Close()
	answers := make(chan answer, n)
	var wg sync.WaitGroup
	for range capacity {
		wg.Go(func() { answers <- do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", okBody) })
	}
	for { // wait until the capacity is in use
		mu.Lock()
		s := served
		mu.Unlock()
		if s == capacity {
			break
		}
		time.Sleep(time.Millisecond)
	}
	for range n - capacity {
		a := do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", okBody)
		if a.status != 429 || a.header.Get("Retry-After") != "1" || a.header.Get("Retry-After-Ms") != "250" ||
			!strings.Contains(a.body, "rate_limit_exceeded") {
			t.Errorf("over capacity: %d %v %s, want 429 with Retry-After 1, retry-after-ms 250", a.status, a.header, a.body)
		}
	}
	close(hold)
	wg.Wait()
	close(answers)
	for a := range answers {
		if a.status != 200 {
			t.Errorf("within capacity: status %d", a.status)
		}
	}
	if p := srv.PeakInFlight(); p != capacity {
		t.Errorf("PeakInFlight %d, want %d", p, capacity)
	}
	if a := do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", okBody); a.status != 200 {
		t.Errorf("after the burst: status %d, want 200", a.status)
	}
}

// TestRateLimits: the server sends OpenAI's x-ratelimit-* headers and enforces them.
func TestRateLimits(t *testing.T) {
	srv := New(WithRateLimits(3, 1000))
	defer srv.Close()
	body := `{"model":"m","max_tokens":300,"messages":[{"role":"user","content":"hello"}]}`
	for i := 1; i <= 3; i++ {
		a := do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", body)
		if a.status != 200 {
			t.Fatalf("request %d: status %d: %s", i, a.status, a.body)
		}
		h := a.header
		if h.Get("X-Ratelimit-Limit-Requests") != "3" || h.Get("X-Ratelimit-Remaining-Requests") != fmt.Sprint(3-i) ||
			h.Get("X-Ratelimit-Limit-Tokens") != "1000" {
			t.Errorf("request %d headers %v", i, h)
		}
		if _, err := time.ParseDuration(h.Get("X-Ratelimit-Reset-Requests")); err != nil {
			t.Errorf("reset %q is not a duration", h.Get("X-Ratelimit-Reset-Requests"))
		}
	}
	// 3 requests of 305 tokens left 85: the fourth is over both limits.
	a := do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", body)
	if a.status != 429 || a.header.Get("Retry-After") == "" || a.header.Get("X-Ratelimit-Remaining-Requests") != "0" {
		t.Errorf("over the limit: %d %v %s, want 429 with Retry-After", a.status, a.header, a.body)
	}
}

// TestWithAnswerAndTruncation: WithAnswer sets the default answer; a truncated reply cuts
// it in half.
func TestWithAnswerAndTruncation(t *testing.T) {
	srv := New(WithAnswer(func(openai.ChatCompletionRequest) string { return `{"summary":"abcdefgh"}` }),
		WithScript(func(n int, _ openai.ChatCompletionRequest) Reply {
			if n == 2 {
				return Truncated()
			}
			return Reply{}
		}))
	defer srv.Close()
	c, finish := content(t, do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", okBody))
	if c != `{"summary":"abcdefgh"}` || finish != "stop" {
		t.Errorf("answer %q %s", c, finish)
	}
	c, finish = content(t, do(t, "POST", srv.URL()+"/chat/completions", "Bearer k", okBody))
	if c != `{"summary":` || finish != "length" {
		t.Errorf("truncated answer %q %s, want the first half and length", c, finish)
	}
}
