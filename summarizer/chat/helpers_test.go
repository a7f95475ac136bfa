package chat

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const testKey = "sk-test-0123456789abcdefSECRET"

// sectionSchema is a strict schema shaped like the engine's section answer.
var sectionSchema = &Schema{Name: "section", Schema: json.RawMessage(`{
  "type": "object", "additionalProperties": false,
  "required": ["summary", "key_points", "stances"],
  "properties": {
    "summary": {"type": "string"},
    "key_points": {"type": "array", "items": {"type": "string"}},
    "stances": {"type": "array", "items": {
      "type": "object", "additionalProperties": false,
      "required": ["actor", "label"],
      "properties": {"actor": {"type": "string"}, "label": {"type": "string", "enum": ["supports", "opposes"]}}
    }}
  }
}`)}

// request returns the i-th test request, with a schema.
func request(i int) Request {
	return Request{
		Model: "fake-model",
		Messages: []Message{
			{Role: "system", Content: "You summarise diplomatic cables."},
			{Role: "user", Content: fmt.Sprintf("Section %d: the ambassador met the foreign minister.", i)},
		},
		MaxTokens: 500,
		Schema:    sectionSchema,
	}
}

// newOpenAI returns the adapter pointed at srv with testKey.
func newOpenAI(t testing.TB, srv *fakeopenai.Server, o OpenAIOptions) Completer {
	t.Helper()
	o.BaseURL = srv.URL()
	if o.APIKey == "" {
		o.APIKey = testKey
	}
	c, err := NewOpenAI(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// noSleep is the retry seam of the tests: no waiting, but a cancelled ctx still ends it.
// It records the delays asked for.
type noSleep struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (s *noSleep) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *noSleep) Delays() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.delays...)
}

// stack builds the recommended stack over srv: cache (when dir != "") → retry →
// structured (auto) → adaptive concurrency → rate limit → OpenAI.
func stack(t testing.TB, srv *fakeopenai.Server, dir string, concurrency int, sleep *noSleep) Completer {
	t.Helper()
	var c Completer = newOpenAI(t, srv, OpenAIOptions{})
	c = WithRateLimit(c, 0, 0)
	c = WithAdaptiveConcurrency(c, concurrency, AdaptiveOptions{})
	c, err := WithStructured(c, ModeAuto)
	if err != nil {
		t.Fatal(err)
	}
	o := RetryOptions{Max: 20}
	if sleep != nil {
		o.Sleep = sleep.Sleep
	}
	c = WithRetry(c, o)
	if dir != "" {
		c = WithCache(c, dir)
	}
	return c
}

// scripted is a Completer that answers from a function and counts calls.
type scripted struct {
	mu    sync.Mutex
	calls []Request
	reply func(n int, req Request) (Response, error)
}

func (s *scripted) Complete(ctx context.Context, req Request) (Response, error) {
	s.mu.Lock()
	s.calls = append(s.calls, req)
	n := len(s.calls)
	s.mu.Unlock()
	return s.reply(n, req)
}

func (s *scripted) Calls() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.calls...)
}

var cmpSortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })
