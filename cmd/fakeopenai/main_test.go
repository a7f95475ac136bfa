package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/cablebrief/summarize/summarizer/llm/llmtest"
	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    options
		wantErr string
	}{
		{"defaults", nil, options{port: 8089, retryAfter: time.Second, seed: 1}, ""},
		{"all", []string{"--port", "0", "--latency", "100ms", "--fault-429", "0.2", "--fault-500", "0.1", "--fault-malformed", "0.1", "--seed", "9", "--api-key", "k", "--reject-json-schema"},
			options{port: 0, latency: 100 * time.Millisecond, fault429: 0.2, fault500: 0.1, malformed: 0.1, retryAfter: time.Second, seed: 9, apiKey: "k", noSchema: true}, ""},
		{"capacity and rate limits", []string{"--max-in-flight", "3", "--rpm", "60", "--tpm", "40000", "--fault-truncated", "0.05", "--retry-after", "250ms"},
			options{port: 8089, retryAfter: 250 * time.Millisecond, seed: 1, inFlight: 3, rpm: 60, tpm: 40000, truncated: 0.05}, ""},
		{"negative capacity", []string{"--max-in-flight", "-1"}, options{}, "--max-in-flight"},
		{"share above 1", []string{"--fault-500", "1.5"}, options{}, "between 0 and 1"},
		{"shares add up above 1", []string{"--fault-500", "0.6", "--fault-429", "0.6"}, options{}, "add up"},
		{"bad port", []string{"--port", "70000"}, options{}, "--port"},
		{"arguments", []string{"extra"}, options{}, "unexpected"},
		{"unknown flag", []string{"--nope"}, options{}, "not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseFlags(tt.args, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(options{})); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRunServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	code := make(chan int)
	go func() { code <- run(ctx, []string{"--port", "0", "--fault-500", "1"}, &stdout, &stderr) }()
	var url string
	for url == "" {
		time.Sleep(5 * time.Millisecond)
		url = strings.TrimSpace(stdout.String())
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/v1") {
		t.Errorf("printed %q, want a loopback base URL", url)
	}
	req, _ := http.NewRequest("POST", url+"/chat/completions", strings.NewReader(`{"model":"m","messages":[{"role":"user","content":"hi"}]}`))
	req.Header.Set("Authorization", "Bearer k")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 500 {
		t.Errorf("status %d with --fault-500 1, want 500", resp.StatusCode)
	}
	cancel()
	if c := <-code; c != 0 {
		t.Errorf("exit code %d, want 0; stderr:\n%s", c, stderr.String())
	}
	if !strings.Contains(stderr.String(), "1 requests") {
		t.Errorf("stderr %q lacks the request count", stderr.String())
	}
}

func TestRunAnswersSummarizePrompts(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	code := make(chan int)
	go func() { code <- run(ctx, []string{"--port", "0"}, &stdout, &stderr) }()
	var url string
	for url == "" {
		time.Sleep(5 * time.Millisecond)
		url = strings.TrimSpace(stdout.String())
	}
	body := `{"model":"m","messages":[{"role":"user","content":"1. (C) The minister agreed to the plan."}],` +
		`"response_format":{"type":"json_schema","json_schema":{"name":"section_result","strict":false,"schema":{"type":"object","properties":{"summary":{"type":"string"}}}}}}`
	req, _ := http.NewRequest("POST", url+"/chat/completions", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer k")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got openai.ChatCompletionResponse
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || len(got.Choices) != 1 {
		t.Fatalf("answer %+v, %v", got, err)
	}
	var oreq openai.ChatCompletionRequest
	json.Unmarshal([]byte(body), &oreq)
	if want := llmtest.Answer(oreq); got.Choices[0].Message.Content != want || want == fakeopenai.DefaultAnswer(oreq) {
		t.Errorf("content %q, want llmtest's answer %q", got.Choices[0].Message.Content, want)
	}
	cancel()
	<-code
}

func TestRunBadFlags(t *testing.T) {
	var stderr syncBuffer
	if c := run(context.Background(), []string{"--fault-429", "2"}, io.Discard, &stderr); c != 2 {
		t.Errorf("exit code %d, want 2", c)
	}
	if !strings.Contains(stderr.String(), "fault-429") {
		t.Errorf("stderr %q does not name the flag", stderr.String())
	}
}
