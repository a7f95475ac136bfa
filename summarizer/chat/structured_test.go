package chat

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"
)

func TestExtractJSON(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"bare", `{"a":1}`, `{"a":1}`, true},
		{"spaces", "\n  {\"a\": 1}\n", `{"a": 1}`, true},
		{"array", `[1,2]`, `[1,2]`, true},
		{"fence json", "Here:\n```json\n{\"a\":1}\n```\nDone.", `{"a":1}`, true},
		{"fence plain", "```\n{\"a\":1}\n```", `{"a":1}`, true},
		{"fence JSON uppercase", "```JSON\n{\"a\":1}\n```", `{"a":1}`, true},
		{"second fence", "```python\nprint(1)\n```\n```json\n{\"a\":2}\n```", `{"a":2}`, true},
		{"fence on one line", "```{\"a\":1}```", `{"a":1}`, true},
		{"prose around", `Sure! The answer is {"a": {"b": "}"}} as requested.`, `{"a": {"b": "}"}}`, true},
		{"escaped quote", `x {"a": "say \"hi\" }"} y`, `{"a": "say \"hi\" }"}`, true},
		{"first brace not JSON", `Use {placeholders} like {"a":1}`, `{"a":1}`, true},
		{"unclosed", `{"summary": "The ambassador said`, "", false},
		{"prose only", `I cannot help with that.`, "", false},
		{"scalar", `42`, "", false},
		{"empty", ``, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ExtractJSON(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ExtractJSON(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestStructuredRungs(t *testing.T) {
	tests := []struct {
		name       string
		mode       string
		opts       []fakeopenai.Option
		wantRung   string
		wantFormat []string // response_format type of each request of the first call ("" none)
		wantErr    bool
	}{
		{"auto, json_schema works", ModeAuto, nil, FormatJSONSchema, []string{"json_schema"}, false},
		{"auto, falls to json_object", ModeAuto, []fakeopenai.Option{fakeopenai.WithRejectJSONSchema()},
			FormatJSONObject, []string{"json_schema", "json_object"}, false},
		{"auto, falls to instructions", ModeAuto, []fakeopenai.Option{fakeopenai.WithRejectJSONSchema(), fakeopenai.WithRejectJSONObject()},
			FormatInstructions, []string{"json_schema", "json_object", ""}, false},
		{"json_object", FormatJSONObject, nil, FormatJSONObject, []string{"json_object"}, false},
		{"instructions", FormatInstructions, nil, FormatInstructions, []string{""}, false},
		{"json_schema rejected, no fallback", FormatJSONSchema, []fakeopenai.Option{fakeopenai.WithRejectJSONSchema()},
			FormatJSONSchema, []string{"json_schema"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(tt.opts...)
			defer srv.Close()
			c, err := WithStructured(newOpenAI(t, srv, OpenAIOptions{}), tt.mode)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := c.Complete(context.Background(), request(1))
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			var formats []string
			for _, r := range srv.Requests() {
				f := ""
				if r.Body.ResponseFormat != nil {
					f = string(r.Body.ResponseFormat.Type)
				}
				formats = append(formats, f)
				if f != "json_schema" && !strings.Contains(r.Body.Messages[0].Content, `"key_points"`) {
					t.Errorf("rung %q request without the schema in the system message: %q", f, r.Body.Messages[0].Content)
				}
			}
			if diff := cmp.Diff(tt.wantFormat, formats); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if tt.wantErr {
				return
			}
			if resp.Rung != tt.wantRung || resp.Usage.Requests != len(tt.wantFormat) {
				t.Errorf("rung %q, %d requests; want %q, %d", resp.Rung, resp.Usage.Requests, tt.wantRung, len(tt.wantFormat))
			}
			var v struct {
				Summary string `json:"summary"`
			}
			if err := json.Unmarshal([]byte(resp.Content), &v); err != nil || v.Summary == "" {
				t.Errorf("content %q is not the section JSON: %v", resp.Content, err)
			}
			// The rung is remembered: the next call sends one request on it.
			before := srv.Count()
			resp, err = c.Complete(context.Background(), request(2))
			if err != nil || resp.Rung != tt.wantRung || srv.Count() != before+1 {
				t.Errorf("second call: rung %q, %d requests, error %v; want %q, 1", resp.Rung, srv.Count()-before, err, tt.wantRung)
			}
		})
	}
}

func TestStructuredProbesOnce(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithRejectJSONSchema())
	defer srv.Close()
	c, _ := WithStructured(newOpenAI(t, srv, OpenAIOptions{}), ModeAuto)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			resp, err := c.Complete(context.Background(), request(i))
			if err != nil || resp.Rung != FormatJSONObject {
				t.Errorf("call %d: rung %q, error %v", i, resp.Rung, err)
			}
		})
	}
	wg.Wait()
	schemaTries := 0
	for _, r := range srv.Requests() {
		if r.Body.ResponseFormat != nil && r.Body.ResponseFormat.Type == openai.ChatCompletionResponseFormatTypeJSONSchema {
			schemaTries++
		}
	}
	// Calls do not wait for each other: each spends at most one rejected try.
	if schemaTries < 1 || schemaTries > 16 || srv.Count() != 16+schemaTries {
		t.Errorf("%d json_schema tries in %d requests, want 1 to 16, one per call at most", schemaTries, srv.Count())
	}
	before := srv.Count()
	if resp, err := c.Complete(context.Background(), request(99)); err != nil || resp.Rung != FormatJSONObject || srv.Count() != before+1 {
		t.Errorf("after the probe: rung %q, %d requests, error %v; want json_object in one", resp.Rung, srv.Count()-before, err)
	}
}

func TestStructuredSlowFirstCallHoldsNobodyUp(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithScript(func(n int, req openai.ChatCompletionRequest) fakeopenai.Reply {
		if n == 1 {
			return fakeopenai.Slow(time.Minute) // ends when the client goes away
		}
		return fakeopenai.Reply{Content: fakeopenai.DefaultAnswer(req)}
	}))
	defer srv.Close()
	c, _ := WithStructured(newOpenAI(t, srv, OpenAIOptions{}), ModeAuto)
	slowCtx, cancelSlow := context.WithCancel(context.Background())
	defer cancelSlow()
	slowDone := make(chan struct{})
	go func() {
		defer close(slowDone)
		c.Complete(slowCtx, request(0))
	}()
	for srv.Count() == 0 { // the slow call is in flight first
		runtime.Gosched()
	}
	others := make(chan error, 4)
	for i := 1; i <= 4; i++ {
		go func() {
			_, err := c.Complete(context.Background(), request(i))
			others <- err
		}()
	}
	for range 4 {
		select {
		case err := <-others:
			if err != nil {
				t.Errorf("call behind the slow one: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("calls waited for the slow first call")
		}
	}
	cancelSlow()
	<-slowDone
}

func TestStructuredAnswers(t *testing.T) {
	tests := []struct {
		name        string
		reply       fakeopenai.Reply
		wantContent string
		wantIs      error
	}{
		{"fenced", fakeopenai.Fenced(`{"summary":"s","key_points":[],"stances":[]}`), `{"summary":"s","key_points":[],"stances":[]}`, nil},
		{"prose around", fakeopenai.Reply{Content: `Here you go: {"summary":"s","key_points":[],"stances":[]} Hope it helps.`}, `{"summary":"s","key_points":[],"stances":[]}`, nil},
		{"required key missing under a strict schema", fakeopenai.Reply{Content: `{"summary":"s"}`}, "", ErrMalformed},
		{"malformed", fakeopenai.Malformed(), "", ErrMalformed},
		{"not JSON at all", fakeopenai.Reply{Content: "I'm sorry, I can't."}, "", ErrMalformed},
		{"truncated", fakeopenai.Truncated(), "", ErrTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(fakeopenai.WithScript(func(int, openai.ChatCompletionRequest) fakeopenai.Reply { return tt.reply }))
			defer srv.Close()
			c, _ := WithStructured(newOpenAI(t, srv, OpenAIOptions{}), ModeAuto)
			resp, err := c.Complete(context.Background(), request(1))
			if !errors.Is(err, tt.wantIs) {
				t.Fatalf("error %v, want %v", err, tt.wantIs)
			}
			if tt.wantIs == nil && resp.Content != tt.wantContent {
				t.Errorf("content %q, want %q", resp.Content, tt.wantContent)
			}
			if tt.wantIs == ErrTruncated {
				var te *TruncatedError
				if !errors.As(err, &te) || te.Partial == "" || te.Partial != resp.Content {
					t.Errorf("truncated: error %#v, content %q; want the partial content in both", err, resp.Content)
				}
			}
			if resp.Rung != FormatJSONSchema || resp.Usage.Requests != 1 {
				t.Errorf("rung %q, usage %+v", resp.Rung, resp.Usage)
			}
		})
	}
}

func TestStructuredPassesFreeText(t *testing.T) {
	srv := fakeopenai.New()
	defer srv.Close()
	c, _ := WithStructured(newOpenAI(t, srv, OpenAIOptions{}), ModeAuto)
	req := request(1)
	req.Schema = nil
	resp, err := c.Complete(context.Background(), req)
	if err != nil || resp.Content != "This is a fake answer from fakeopenai." || resp.Rung != "" {
		t.Errorf("got %+v, %v", resp, err)
	}
	if rf := srv.Requests()[0].Body.ResponseFormat; rf != nil {
		t.Errorf("response_format %+v sent for free text", rf)
	}
}

func TestStructuredInstructionPlacement(t *testing.T) {
	tests := []struct {
		name  string
		msgs  []Message
		roles []string
		where int // index of the message carrying the schema
	}{
		{"last system message", []Message{{"system", "a"}, {"user", "b"}, {"system", "c"}, {"user", "d"}}, []string{"system", "user", "system", "user"}, 2},
		{"no system message", []Message{{"user", "b"}}, []string{"system", "user"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := append([]Message(nil), tt.msgs...)
			got := withSchemaInstruction(tt.msgs, sectionSchema)
			var roles []string
			for _, m := range got {
				roles = append(roles, m.Role)
			}
			if diff := cmp.Diff(tt.roles, roles); diff != "" {
				t.Errorf("roles (-want +got):\n%s", diff)
			}
			if !strings.Contains(got[tt.where].Content, string(sectionSchema.Schema)) {
				t.Errorf("message %d %q lacks the schema", tt.where, got[tt.where].Content)
			}
			if diff := cmp.Diff(orig, tt.msgs); diff != "" {
				t.Errorf("caller's messages changed (-was +now):\n%s", diff)
			}
		})
	}
}

func TestWithStructuredMode(t *testing.T) {
	if _, err := WithStructured(&scripted{}, "xml"); err == nil {
		t.Error("mode xml accepted")
	}
	for _, m := range []string{"", ModeAuto, FormatJSONSchema, FormatJSONObject, FormatInstructions} {
		if _, err := WithStructured(&scripted{}, m); err != nil {
			t.Errorf("mode %q: %v", m, err)
		}
	}
}

// Calls that queued behind the probe run concurrently once it is done.
func TestStructuredWaitersRunConcurrently(t *testing.T) {
	const waiters = 4
	releaseProbe := make(chan struct{})
	var mu sync.Mutex
	in := 0
	allIn := make(chan struct{})
	next := &scripted{reply: func(n int, req Request) (Response, error) {
		if n == 1 {
			<-releaseProbe
		} else {
			mu.Lock()
			in++
			if in == waiters {
				close(allIn)
			}
			mu.Unlock()
			select { // only returns once every waiter is inside at the same time
			case <-allIn:
			case <-time.After(5 * time.Second):
				return Response{}, errors.New("the waiters ran one at a time")
			}
		}
		return Response{Content: `{"summary":"","key_points":[],"stances":[]}`, FinishReason: "stop"}, nil
	}}
	c, _ := WithStructured(next, ModeAuto)
	var wg sync.WaitGroup
	wg.Go(func() { c.Complete(context.Background(), request(0)) })
	for len(next.Calls()) == 0 {
		time.Sleep(time.Millisecond)
	}
	for i := range waiters {
		wg.Go(func() {
			if _, err := c.Complete(context.Background(), request(i+1)); err != nil {
				t.Error(err)
			}
		})
	}
	time.Sleep(20 * time.Millisecond) // let the waiters queue behind the probe
	close(releaseProbe)
	wg.Wait()
}

func TestStructuredKeepsRungOnOtherBadRequests(t *testing.T) {
	srv := fakeopenai.New(fakeopenai.WithScript(func(n int, req openai.ChatCompletionRequest) fakeopenai.Reply {
		if n == 1 {
			return fakeopenai.BadRequest("This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.")
		}
		return fakeopenai.Reply{Content: fakeopenai.DefaultAnswer(req)}
	}))
	defer srv.Close()
	c, _ := WithStructured(newOpenAI(t, srv, OpenAIOptions{}), ModeAuto)
	if _, err := c.Complete(context.Background(), request(0)); err == nil {
		t.Fatal("a request over the context length succeeded")
	}
	if got := srv.Count(); got != 1 {
		t.Errorf("an over-long request was sent %d times, want once (no rung helps)", got)
	}
	resp, err := c.Complete(context.Background(), request(1))
	if err != nil || resp.Rung != FormatJSONSchema {
		t.Errorf("next call: rung %q, error %v; want json_schema kept", resp.Rung, err)
	}
}
