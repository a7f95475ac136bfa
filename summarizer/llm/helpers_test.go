package llm

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	goldenfile "github.com/cablebrief/summarize/internal/golden"

	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
	"github.com/cablebrief/summarize/summarizer/llm/llmtest"
)

const goldenDir = "../../testdata/llm"

// golden compares got with testdata/llm/name; with -update it rewrites the file. On a
// mismatch it writes name.got next to it and shows a diff.
func golden(t testing.TB, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join(goldenDir, name), got)
}

// seedCable loads the parsed 07PARIS2726 fixture.
func seedCable(t testing.TB) *summarizer.Cable {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(goldenDir, "07PARIS2726.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c summarizer.Cable
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// sectionIndex returns the index of the section titled title (or of kind title).
func sectionIndex(t testing.TB, c *summarizer.Cable, title string) int {
	t.Helper()
	for i, s := range c.Sections {
		if s.Title == title || (s.Title == "" && s.Kind == title) {
			return i
		}
	}
	t.Fatalf("no section %q", title)
	return -1
}

func sectionInput(t testing.TB, c *summarizer.Cable, title string) summarizer.SectionInput {
	t.Helper()
	i := sectionIndex(t, c, title)
	return summarizer.SectionInput{Cable: c, Index: i, Section: c.Sections[i], Paragraphs: c.SectionParagraphs(c.Sections[i])}
}

// completerFunc is a chat.Completer from a function.
type completerFunc func(ctx context.Context, req chat.Request) (chat.Response, error)

func (f completerFunc) Complete(ctx context.Context, req chat.Request) (chat.Response, error) {
	return f(ctx, req)
}

// toOpenAI converts req to the request go-openai would send, for llmtest.Answer.
func toOpenAI(req chat.Request) openai.ChatCompletionRequest {
	out := openai.ChatCompletionRequest{Model: req.Model}
	for _, m := range req.Messages {
		out.Messages = append(out.Messages, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	if req.Schema != nil {
		out.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: req.Schema.Name, Schema: req.Schema.Schema, Strict: true,
			},
		}
	}
	return out
}

// reply is one scripted answer: content (or, when echo, llmtest's answer to the request,
// passed through edit when set), a finish reason and an error.
type reply struct {
	content string
	echo    bool
	edit    func(a *sectionAnswer)
	finish  string
	err     error
}

var echo = reply{echo: true}

// script is a fake endpoint that answers with replies in order and records the requests.
// A call beyond the script fails the test.
type script struct {
	t       testing.TB
	mu      sync.Mutex
	replies []reply
	reqs    []chat.Request
}

func newScript(t testing.TB, replies ...reply) *script {
	return &script{t: t, replies: replies}
}

func (s *script) completer() chat.Completer {
	return completerFunc(func(ctx context.Context, req chat.Request) (chat.Response, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.reqs = append(s.reqs, req)
		if len(s.replies) == 0 {
			s.t.Errorf("unexpected call %d: the script has no more replies", len(s.reqs))
			return chat.Response{}, &chat.APIError{Status: 500, Message: "no reply scripted"}
		}
		r := s.replies[0]
		s.replies = s.replies[1:]
		content := r.content
		if r.echo {
			content = llmtest.Answer(toOpenAI(req))
			if r.edit != nil {
				var a sectionAnswer
				if err := json.Unmarshal([]byte(content), &a); err != nil {
					s.t.Fatalf("echo answer: %v", err)
				}
				r.edit(&a)
				b, _ := json.Marshal(a)
				content = string(b)
			}
		}
		finish := r.finish
		if finish == "" {
			finish = "stop"
		}
		u := chat.Usage{Requests: 1, PromptTokens: 100, CompletionTokens: 10}
		return chat.Response{Content: content, FinishReason: finish, Rung: chat.FormatJSONSchema, Usage: u}, r.err
	})
}

func (s *script) requests() []chat.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]chat.Request(nil), s.reqs...)
}

// newEngine returns an engine over c with test options, o's non-zero fields winning.
func newEngine(t testing.TB, c chat.Completer, o Options) *Engine {
	t.Helper()
	if o.Model == "" {
		o.Model = "test-model"
	}
	e, err := New(c, o)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func llmtestAnswerFor(req chat.Request) string { return llmtest.Answer(toOpenAI(req)) }
