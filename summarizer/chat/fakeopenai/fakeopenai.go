// Package fakeopenai is an OpenAI-compatible chat completion server for tests and for
// trying the CLI without a key. It listens on the loopback interface only, checks requests
// the way OpenAI does (method, path, bearer token, required fields, response_format and
// strict JSON schemas, unknown parameters), records each request, counts the peak number
// of requests in flight, and answers per scenario: by default with a minimal JSON instance
// of the requested schema, or as a script decides (rate limits with Retry-After, server
// errors, slow answers, malformed JSON, JSON in code fences, truncation, a rejected
// json_schema).
//
// It also serves the Files and Batch APIs (/v1/files, /v1/batches: files.go, batches.go),
// answering each line of a batch as it answers the request online.
//
// It also speaks Azure OpenAI's layout: POST /openai/deployments/{name}/chat/completions
// with an api-version query parameter and an api-key header.
package fakeopenai

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Reply is how the server answers one chat completion request. The zero Reply is the
// default answer: schema-shaped JSON (see Server), finish_reason "stop", at once.
type Reply struct {
	Content      string        // the assistant message; "" means the default answer
	FinishReason string        // "" means "stop"; "length" with no Content cuts the default answer in half
	Fence        bool          // wrap the content in a ```json fence with prose around it
	Status       int           // an HTTP error status (4xx, 5xx) answered with Message
	Message      string        // the error message for Status
	Type, Code   string        // the error type and code for Status; "" means one that fits Status
	RetryAfter   string        // a Retry-After header value, sent with any answer
	RetryAfterMs string        // a retry-after-ms header value (milliseconds), sent with any answer
	Delay        time.Duration // wait this long first (on top of WithLatency); ends if the client goes
	Raw          string        // a body sent verbatim (status Status, or 200), e.g. broken JSON
}

// RateLimited answers 429 as OpenAI does for a request rate limit: code
// rate_limit_exceeded, Retry-After in whole seconds (at least 1) and retry-after-ms with
// the exact wait.
func RateLimited(after time.Duration) Reply {
	secs := max(int((after+time.Second-1)/time.Second), 1)
	return Reply{Status: http.StatusTooManyRequests, RetryAfter: strconv.Itoa(secs),
		RetryAfterMs: strconv.FormatInt(max(after.Milliseconds(), 1), 10), Code: "rate_limit_exceeded",
		Message: "Rate limit reached for requests. Please try again in " + after.String() + "."}
}

// ServerError answers 500.
func ServerError() Reply {
	return Reply{Status: http.StatusInternalServerError,
		Message: "The server had an error while processing your request. Sorry about that!"}
}

// Slow answers normally after d; a client with a shorter timeout gives up first.
func Slow(d time.Duration) Reply { return Reply{Delay: d} }

// Malformed answers with content that is not valid JSON (an object cut off mid-string,
// with finish_reason "stop").
func Malformed() Reply { return Reply{Content: `{"summary": "The ambassador said`} }

// MalformedShape answers with content that is JSON but not of the requested shape (none
// of a schema's keys), with finish_reason "stop", as a server that lost the answer on the
// way and filled in an object might.
func MalformedShape() Reply { return Reply{Content: `{"status": "ok"}`} }

// MalformedBody answers 200 with a response body that is not valid JSON.
func MalformedBody() Reply {
	return Reply{Raw: `{"id": "chatcmpl-broken", "choices": [{"index": 0, "mess`}
}

// Fenced answers with content (the default answer when "") inside a ```json fence, with a
// sentence before and after.
func Fenced(content string) Reply { return Reply{Content: content, Fence: true} }

// Truncated answers with the first half of the default answer (see WithAnswer) and
// finish_reason "length".
func Truncated() Reply { return Reply{FinishReason: "length"} }

// QuotaExceeded answers 429 as OpenAI does when the account's quota is spent: no
// Retry-After, code insufficient_quota. Waiting does not help.
func QuotaExceeded() Reply {
	return Reply{Status: http.StatusTooManyRequests, Type: "insufficient_quota", Code: "insufficient_quota",
		Message: "You exceeded your current quota, please check your plan and billing details."}
}

// BadRequest answers 400 with message.
func BadRequest(message string) Reply {
	return Reply{Status: http.StatusBadRequest, Message: message}
}

// Script decides the Reply to the n-th chat completion request (n counts from 1, in the
// order requests arrive). It is called concurrently.
type Script func(n int, req openai.ChatCompletionRequest) Reply

// Recorded is one request the server received.
type Recorded struct {
	N      int         // sequence number of a chat completion request (from 1); 0 for others
	Method string      // "POST"
	Path   string      // "/v1/chat/completions"
	Query  string      // raw query ("api-version=2024-06-01")
	Header http.Header // as received, with the Authorization and api-key values replaced by "[redacted]"
	Body   openai.ChatCompletionRequest
	Raw    []byte // the body as received
	Status int    // the status the server answered; 499 when the client went away first
}

// Option configures New.
type Option func(*Server)

// WithScript makes s answer chat completions as s decides.
func WithScript(s Script) Option { return func(srv *Server) { srv.script = s } }

// WithAnswer makes f the default answer: the content of every reply whose Content is ""
// (a truncated reply gets the first half of it). Without WithAnswer it is DefaultAnswer.
// f is called concurrently.
func WithAnswer(f func(req openai.ChatCompletionRequest) string) Option {
	return func(srv *Server) { srv.answer = f }
}

// WithLatency delays every chat completion answer by d.
func WithLatency(d time.Duration) Option { return func(srv *Server) { srv.latency = d } }

// WithAPIKey makes the server accept only key. A wrong key gets 401 with the key it was
// sent quoted in full in the message, as some servers do, so tests can check that the
// client never shows it. Without WithAPIKey any non-empty key is accepted.
func WithAPIKey(key string) Option { return func(srv *Server) { srv.key = key } }

// WithoutAuth accepts requests with any API key or none, as local servers (Ollama, vLLM)
// do by default. WithAPIKey takes precedence.
func WithoutAuth() Option { return func(srv *Server) { srv.open = srv.key == "" } }

// WithRejectJSONSchema makes the server answer 400 to response_format json_schema, as
// servers without structured outputs do.
func WithRejectJSONSchema() Option { return func(srv *Server) { srv.rejectSchema = true } }

// WithRejectJSONObject makes the server answer 400 to response_format json_object.
func WithRejectJSONObject() Option { return func(srv *Server) { srv.rejectObject = true } }

// WithListener serves on l instead of a fresh 127.0.0.1 port; the Server closes it.
func WithListener(l net.Listener) Option { return func(srv *Server) { srv.listener = l } }

// WithModels sets the model list GET /v1/models returns (default: "fake-model").
func WithModels(ids ...string) Option { return func(srv *Server) { srv.models = ids } }

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	open         bool // no API key check (WithoutAuth)
	ts           *httptest.Server
	listener     net.Listener
	script       Script
	latency      time.Duration
	key          string
	rejectSchema bool
	rejectObject bool
	models       []string
	answer       func(openai.ChatCompletionRequest) string
	capacity     int           // WithMaxInFlight: most requests served at once; 0 = no cap
	capWait      time.Duration // the Retry-After of a request over capacity
	limits       *rateLimits   // WithRateLimits; nil = none
	bapi         batchAPI      // the Files and Batch APIs (files.go, batches.go)

	mu       sync.Mutex
	reqs     []Recorded
	n        int // chat completion requests so far
	inFlight int
	peak     int
}

// New starts a Server on 127.0.0.1. Close it when done.
func New(opts ...Option) *Server {
	s := &Server{models: []string{"fake-model"}, answer: DefaultAnswer}
	for _, o := range opts {
		o(s)
	}
	if s.limits != nil {
		s.limits.start(time.Now())
	}
	if s.listener != nil {
		s.ts = httptest.NewUnstartedServer(s)
		s.ts.Listener.Close()
		s.ts.Listener = s.listener
		s.ts.Start()
	} else {
		s.ts = httptest.NewServer(s)
	}
	return s
}

// URL returns the base URL clients use, including /v1: "http://127.0.0.1:PORT/v1". The
// Azure base URL is the same without /v1.
func (s *Server) URL() string { return s.ts.URL + "/v1" }

// Close stops the server, ending requests still waiting.
func (s *Server) Close() {
	s.bapi.stop()
	s.ts.CloseClientConnections()
	s.ts.Close()
}

// Requests returns a copy of the requests received so far, in arrival order.
func (s *Server) Requests() []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.reqs)
}

// Count returns how many requests (of any kind) the server has received.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

// PeakInFlight returns the largest number of chat completion requests that were being
// answered at the same time.
func (s *Server) PeakInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

var azurePath = regexp.MustCompile(`^/openai/deployments/[^/]+/chat/completions$`)

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	rec := Recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Raw: raw}
	for _, h := range []string{"Authorization", "Api-Key"} {
		if _, ok := rec.Header[h]; ok {
			rec.Header.Set(h, "[redacted]")
		}
	}
	chatPath := r.URL.Path == "/v1/chat/completions" || azurePath.MatchString(r.URL.Path)
	var n int
	over := false // over capacity: answered 429 without being served
	s.mu.Lock()
	if chatPath {
		s.n++
		n = s.n
		rec.N = n
		if s.capacity > 0 && s.inFlight >= s.capacity {
			over = true
		} else {
			s.inFlight++
			s.peak = max(s.peak, s.inFlight)
		}
	}
	idx := len(s.reqs)
	s.reqs = append(s.reqs, rec)
	s.mu.Unlock()

	var status int
	if over {
		status = s.overCapacity(w)
	} else {
		status = s.serve(w, r, raw, n, chatPath, &rec.Body)
	}

	s.mu.Lock()
	if chatPath && !over {
		s.inFlight--
	}
	s.reqs[idx].Status = status
	s.reqs[idx].Body = rec.Body
	s.mu.Unlock()
}

// serve writes the answer and returns its status; body receives the decoded request.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, raw []byte, n int, chatPath bool, body *openai.ChatCompletionRequest) int {
	if st, ok := s.serveBatchAPI(w, r, raw); ok {
		return st
	}
	azure := azurePath.MatchString(r.URL.Path)
	switch {
	case r.URL.Path == "/v1/models" && r.Method == http.MethodGet:
		if st := s.checkAuth(w, r, false); st != 0 {
			return st
		}
		return s.writeModels(w)
	case !chatPath:
		return writeError(w, http.StatusNotFound, "invalid_request_error",
			fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path), "")
	case r.Method != http.MethodPost:
		return writeError(w, http.StatusMethodNotAllowed, "invalid_request_error",
			fmt.Sprintf("Invalid method for URL (%s %s)", r.Method, r.URL.Path), "")
	}
	if st := s.checkAuth(w, r, azure); st != 0 {
		return st
	}
	if azure && r.URL.Query().Get("api-version") == "" {
		return writeError(w, http.StatusNotFound, "404",
			"Resource not found: the api-version query parameter is missing", "")
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		return writeError(w, http.StatusBadRequest, "invalid_request_error",
			"Invalid Content-Type header, expected application/json", "")
	}
	if msg := validate(raw); msg != "" {
		return writeError(w, http.StatusBadRequest, "invalid_request_error", msg, "")
	}
	if err := json.Unmarshal(raw, body); err != nil {
		return writeError(w, http.StatusBadRequest, "invalid_request_error",
			"We could not parse the JSON body of your request: "+err.Error(), "")
	}
	if f := body.ResponseFormat; f != nil {
		switch {
		case f.Type == openai.ChatCompletionResponseFormatTypeJSONSchema && s.rejectSchema:
			return writeError(w, http.StatusBadRequest, "invalid_request_error",
				"Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", "response_format")
		case f.Type == openai.ChatCompletionResponseFormatTypeJSONObject && s.rejectObject:
			return writeError(w, http.StatusBadRequest, "invalid_request_error",
				"Invalid parameter: 'response_format' of type 'json_object' is not supported with this model.", "response_format")
		}
	}

	if s.limits != nil {
		if wait, kind := s.limits.take(time.Now(), 1, requestTokens(*body)); wait > 0 {
			s.limits.setHeaders(w.Header(), time.Now())
			rep := RateLimited(wait)
			rep.Message = fmt.Sprintf("Rate limit reached for %s per min. Please try again in %s.", kind, wait.Round(time.Millisecond))
			setRetryAfter(w.Header(), rep)
			return writeError(w, rep.Status, kind, rep.Message, rep.Code)
		}
		s.limits.setHeaders(w.Header(), time.Now())
	}
	var rep Reply
	if s.script != nil {
		rep = s.script(n, *body)
	}
	if d := s.latency + rep.Delay; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return 499 // the client went away; nothing is written
		}
	}
	setRetryAfter(w.Header(), rep)
	if rep.Raw != "" {
		st := rep.Status
		if st == 0 {
			st = http.StatusOK
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(st)
		fmt.Fprint(w, rep.Raw)
		return st
	}
	if rep.Status != 0 && rep.Status != http.StatusOK {
		typ := rep.Type
		switch {
		case typ != "":
		case rep.Status == http.StatusTooManyRequests:
			typ = "requests"
		case rep.Status >= 500:
			typ = "server_error"
		default:
			typ = "invalid_request_error"
		}
		return writeError(w, rep.Status, typ, rep.Message, rep.Code)
	}
	if rep.Content == "" {
		rep.Content = s.answer(*body)
		if rep.FinishReason == "length" {
			rep.Content = rep.Content[:len(rep.Content)/2]
		}
	}
	return writeCompletion(w, n, *body, rep)
}

// setRetryAfter sets the Retry-After and retry-after-ms headers rep asks for.
func setRetryAfter(h http.Header, rep Reply) {
	if rep.RetryAfter != "" {
		h.Set("Retry-After", rep.RetryAfter)
	}
	if rep.RetryAfterMs != "" {
		h.Set("Retry-After-Ms", rep.RetryAfterMs)
	}
}

// checkAuth answers 401 and returns its status when the request's key is missing or wrong.
func (s *Server) checkAuth(w http.ResponseWriter, r *http.Request, azure bool) int {
	if s.open {
		return 0
	}
	var key string
	if azure {
		key = r.Header.Get("Api-Key")
	} else {
		auth := r.Header.Get("Authorization")
		var ok bool
		key, ok = strings.CutPrefix(auth, "Bearer ")
		if !ok || strings.TrimSpace(key) == "" {
			return writeError(w, http.StatusUnauthorized, "invalid_request_error",
				"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "")
		}
	}
	if key == "" {
		return writeError(w, http.StatusUnauthorized, "401",
			"Access denied due to missing subscription key.", "")
	}
	if s.key != "" && key != s.key {
		return writeError(w, http.StatusUnauthorized, "invalid_request_error",
			"Incorrect API key provided: "+key+".", "invalid_api_key")
	}
	return 0
}

func (s *Server) writeModels(w http.ResponseWriter) int {
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	list := struct {
		Object string  `json:"object"`
		Data   []model `json:"data"`
	}{Object: "list", Data: []model{}}
	for _, id := range s.models {
		list.Data = append(list.Data, model{ID: id, Object: "model", Created: 1700000000, OwnedBy: "fakeopenai"})
	}
	return writeJSON(w, http.StatusOK, list)
}

func writeJSON(w http.ResponseWriter, status int, v any) int {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
	return status
}

func writeError(w http.ResponseWriter, status int, typ, msg, code string) int {
	type apiError struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	}
	e := apiError{Message: msg, Type: typ}
	if code != "" {
		e.Code = &code
	}
	return writeJSON(w, status, struct {
		Error apiError `json:"error"`
	}{e})
}

// writeCompletion answers 200 with a chat.completion object.
func writeCompletion(w http.ResponseWriter, n int, req openai.ChatCompletionRequest, rep Reply) int {
	content := rep.Content
	finish := rep.FinishReason
	if finish == "" {
		finish = "stop"
	}
	if rep.Fence {
		content = "Here is the JSON you asked for:\n\n```json\n" + content + "\n```\n\nLet me know if you need anything else."
	}
	prompt := 0
	for _, m := range req.Messages {
		prompt += 4 + len(m.Content)/4
	}
	completion := max(len(content)/4, 1)
	type message struct {
		Role    string  `json:"role"`
		Content string  `json:"content"`
		Refusal *string `json:"refusal"`
	}
	type choice struct {
		Index        int     `json:"index"`
		Message      message `json:"message"`
		Logprobs     *int    `json:"logprobs"`
		FinishReason string  `json:"finish_reason"`
	}
	type details struct {
		CachedTokens int `json:"cached_tokens"`
	}
	type usage struct {
		PromptTokens        int     `json:"prompt_tokens"`
		CompletionTokens    int     `json:"completion_tokens"`
		TotalTokens         int     `json:"total_tokens"`
		PromptTokensDetails details `json:"prompt_tokens_details"`
	}
	return writeJSON(w, http.StatusOK, struct {
		ID                string   `json:"id"`
		Object            string   `json:"object"`
		Created           int64    `json:"created"`
		Model             string   `json:"model"`
		Choices           []choice `json:"choices"`
		Usage             usage    `json:"usage"`
		SystemFingerprint string   `json:"system_fingerprint"`
	}{
		ID:      "chatcmpl-fake-" + strconv.Itoa(n),
		Object:  "chat.completion",
		Created: 1700000000,
		Model:   req.Model,
		Choices: []choice{{Message: message{Role: "assistant", Content: content}, FinishReason: finish}},
		Usage: usage{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion,
			PromptTokensDetails: details{}},
		SystemFingerprint: "fp_fakeopenai",
	})
}
