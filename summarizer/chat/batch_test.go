package chat

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
)

// TestBatchBodyIsTheOnlineBody: the body BatchBody writes for a request is, byte for
// byte, the body the online stack sends for it, on each structured-output mode and max
// tokens field.
func TestBatchBodyIsTheOnlineBody(t *testing.T) {
	seed := 7
	tests := []struct {
		name  string
		mode  string
		field string
		model string
	}{
		{"auto mode: json_schema", ModeAuto, "", "fake-model"},
		{"json_schema", FormatJSONSchema, "max_tokens", "fake-model"},
		{"json_object", FormatJSONObject, "", "fake-model"},
		{"instructions", FormatInstructions, "", "fake-model"},
		{"max_completion_tokens", ModeAuto, "max_completion_tokens", "fake-model"},
		{"reasoning model", ModeAuto, "", "o3-mini"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(fakeopenai.WithAPIKey(testKey), fakeopenai.WithModels(tt.model))
			defer srv.Close()
			c, err := WithStructured(newOpenAI(t, srv, OpenAIOptions{MaxTokensField: tt.field}), tt.mode)
			if err != nil {
				t.Fatal(err)
			}
			req := request(1)
			req.Model = tt.model
			temp := float32(0)
			req.Temperature, req.Seed = &temp, &seed
			if _, err := c.Complete(context.Background(), req); err != nil {
				t.Fatal(err)
			}
			online := srv.Requests()[0].Raw
			body, err := BatchBody(BatchOptions{MaxTokensField: tt.field, Mode: tt.mode}, req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(body)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, online) {
				t.Errorf("batch body differs from the online one:\n%s", cmp.Diff(string(online), string(got)))
			}
		})
	}
	if _, err := BatchBody(BatchOptions{Mode: "yaml"}, request(1)); err == nil {
		t.Error("an unknown mode: no error")
	}
}

// completion is a chat.completion body with content and finish reason.
func completion(content, finish string) []byte {
	b, _ := json.Marshal(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "model": "m",
		"choices": []any{map[string]any{"index": 0, "finish_reason": finish,
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
	})
	return b
}

func TestBatchAnswer(t *testing.T) {
	good := `{"summary":"s","key_points":[],"stances":[]}`
	tests := []struct {
		name    string
		body    []byte
		rung    string
		schema  *Schema
		want    string // content
		wantErr error  // nil: no error; errAny: some error
	}{
		{"good answer", completion(good, "stop"), FormatJSONSchema, sectionSchema, good, nil},
		{"fenced on instructions", completion("Here:\n```json\n"+good+"\n```", "stop"), FormatInstructions, sectionSchema, good, nil},
		{"free text", completion("just text", "stop"), "", nil, "just text", nil},
		{"truncated", completion(good[:10], "length"), FormatJSONSchema, sectionSchema, "", ErrTruncated},
		{"not JSON", completion("The ambassador said", "stop"), FormatJSONSchema, sectionSchema, "", ErrMalformed},
		{"lacks a required key", completion(`{"summary":"s"}`, "stop"), FormatJSONSchema, sectionSchema, "", ErrMalformed},
		{"body not JSON", []byte(`{"id": "x", "choi`), FormatJSONSchema, sectionSchema, "", ErrMalformed},
		{"no choices", []byte(`{"id":"x","object":"chat.completion","choices":[]}`), FormatJSONSchema, sectionSchema, "", ErrMalformed},
		{"refusal", []byte(`{"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"","refusal":"I can't."}}]}`), FormatJSONSchema, sectionSchema, "", errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := BatchAnswer(tt.body, tt.rung, tt.schema)
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("error %v, want none", err)
			case tt.wantErr == errAny && err == nil, tt.wantErr != nil && tt.wantErr != errAny && !errors.Is(err, tt.wantErr):
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if err == nil && resp.Content != tt.want {
				t.Errorf("content %q, want %q", resp.Content, tt.want)
			}
			if tt.name == "good answer" && (resp.Rung != FormatJSONSchema || resp.Usage.PromptTokens != 100 || resp.Usage.Requests != 0) {
				t.Errorf("response %+v: want rung json_schema, 100 prompt tokens, no request", resp)
			}
		})
	}
}

var errAny = errors.New("any error")

// TestStoreAnswerIsACacheHit: an answer stored under a request's key is what the cache
// answers the request with, without a call.
func TestStoreAnswerIsACacheHit(t *testing.T) {
	dir := t.TempDir()
	next := &scripted{reply: func(int, Request) (Response, error) { return Response{}, errors.New("no call expected") }}
	c := WithScopedCache(next, dir, "http://x/v1|json_schema")
	req := request(3)
	key := ScopedCacheKey("http://x/v1|json_schema", req)
	want := Response{Content: `{"summary":"s","key_points":[],"stances":[]}`, FinishReason: "stop", Rung: FormatJSONSchema}
	if err := StoreAnswer(dir, key, req.Model, want); err != nil {
		t.Fatal(err)
	}
	got, err := c.Complete(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if got.Content != want.Content || got.Rung != want.Rung || got.Usage.CacheHits != 1 || len(next.Calls()) != 0 {
		t.Errorf("got %+v after %d calls, want the stored answer from the cache", got, len(next.Calls()))
	}
	if err := StoreAnswer(dir, key, req.Model, Response{Content: "x", FinishReason: "length"}); err == nil {
		t.Error("a truncated answer was stored")
	}
	if err := StoreAnswer(dir, "../../etc/passwd", req.Model, want); err == nil {
		t.Error("a key that is no cache key was accepted")
	}
}

// TestBatchClient runs a batch through the fake with the client: upload, create, poll,
// download the output, list, cancel, delete.
func TestBatchClient(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithAPIKey(testKey), fakeopenai.WithBatchDelay(50*time.Millisecond))
	defer srv.Close()
	c, err := NewBatchClient(OpenAIOptions{BaseURL: srv.URL(), APIKey: testKey, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	path := t.TempDir() + "/in.jsonl"
	var buf bytes.Buffer
	for i := range 3 {
		body, err := BatchBody(BatchOptions{}, request(i))
		if err != nil {
			t.Fatal(err)
		}
		line, _ := json.Marshal(openai.BatchChatCompletionRequest{CustomID: "req-" + string(rune('a'+i)), Method: "POST", URL: openai.BatchEndpointChatCompletions, Body: body})
		buf.Write(append(line, '\n'))
	}
	writeFile(t, path, buf.Bytes())
	f, err := c.UploadFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Purpose != "batch" || f.Bytes != buf.Len() || f.FileName != "in.jsonl" {
		t.Errorf("uploaded file %+v", f)
	}
	b, err := c.CreateBatch(ctx, f.ID, map[string]any{"run": "test"})
	if err != nil {
		t.Fatal(err)
	}
	if b.Status != "validating" || b.CompletionWindow != "24h" || b.Endpoint != openai.BatchEndpointChatCompletions {
		t.Errorf("created batch %+v", b)
	}
	seen := []string{b.Status}
	for !(b.Status == "completed" || b.Status == "failed") {
		time.Sleep(5 * time.Millisecond)
		if b, err = c.RetrieveBatch(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		if seen[len(seen)-1] != b.Status {
			seen = append(seen, b.Status)
		}
	}
	if !inOrder(seen, "validating", "in_progress", "finalizing", "completed") || seen[len(seen)-1] != "completed" {
		t.Errorf("statuses %v: want validating → in_progress → finalizing → completed", seen)
	}
	if b.RequestCounts != (openai.BatchRequestCounts{Total: 3, Completed: 3}) || b.OutputFileID == nil || b.ErrorFileID != nil {
		t.Fatalf("completed batch %+v", b)
	}
	rc, err := c.FileContent(ctx, *b.OutputFileID)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(rc)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var line struct {
			CustomID string `json:"custom_id"`
			Response struct {
				StatusCode int             `json:"status_code"`
				Body       json.RawMessage `json:"body"`
			} `json:"response"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		if _, err := BatchAnswer(line.Response.Body, FormatJSONSchema, sectionSchema); err != nil || line.Response.StatusCode != 200 {
			t.Errorf("line %s: status %d, answer error %v", line.CustomID, line.Response.StatusCode, err)
		}
		n++
	}
	rc.Close()
	if n != 3 {
		t.Errorf("%d output lines, want 3", n)
	}
	l, err := c.ListBatches(ctx, "", 10)
	if err != nil || len(l.Data) != 1 || l.Data[0].ID != b.ID {
		t.Errorf("list: %+v, %v", l, err)
	}
	if _, err := c.CancelBatch(ctx, b.ID); err == nil {
		t.Error("cancelling a completed batch: no error")
	}
	if err := c.DeleteFile(ctx, f.ID); err != nil {
		t.Error(err)
	}
	var ae *APIError
	if _, err := c.RetrieveBatch(ctx, "batch_nope"); !errors.As(err, &ae) || ae.Status != 404 {
		t.Errorf("unknown batch: %v, want a 404 APIError", err)
	}
}

// TestBatchClientHidesTheKey: the fake quotes a wrong key in its 401; no error text of
// the batch client shows it.
func TestBatchClientHidesTheKey(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithAPIKey("sk-right"))
	defer srv.Close()
	c, err := NewBatchClient(OpenAIOptions{BaseURL: srv.URL(), APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/in.jsonl"
	writeFile(t, path, []byte("{}\n"))
	_, err1 := c.UploadFile(context.Background(), path)
	_, err2 := c.RetrieveBatch(context.Background(), "batch_x")
	rc, err3 := c.FileContent(context.Background(), "file-x")
	if rc != nil {
		io.Copy(io.Discard, rc)
		rc.Close()
	}
	for _, err := range []error{err1, err2, err3} {
		if err == nil || !Fatal(err) {
			t.Errorf("error %v, want a fatal 401", err)
			continue
		}
		if strings.Contains(err.Error(), testKey) {
			t.Errorf("the error shows the key: %v", err)
		}
	}
	if _, err := NewBatchClient(OpenAIOptions{BaseURL: srv.URL(), AzureAPIVersion: "2024-06-01", AzureDeployment: "d"}); err == nil {
		t.Error("Azure: no error")
	}
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// inOrder reports whether seen is a subsequence of order.
func inOrder(seen []string, order ...string) bool {
	i := 0
	for _, s := range seen {
		for i < len(order) && order[i] != s {
			i++
		}
		if i == len(order) {
			return false
		}
	}
	return true
}
