package chat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// ModeAuto asks WithStructured to find the best rung the endpoint accepts.
const ModeAuto = "auto"

// rungs lists the structured-output rungs from the strictest down.
var rungs = [...]string{FormatJSONSchema, FormatJSONObject, FormatInstructions}

type structured struct {
	next Completer
	mode string // ModeAuto or one of rungs

	mu    sync.Mutex
	rung  int // index into rungs; -1 until auto mode has found it
	floor int // auto mode: the strictest rung the endpoint has not rejected yet
}

var _ Completer = (*structured)(nil)

// WithStructured returns a Completer that gets JSON answers for Requests with a Schema
// (others pass through unchanged). mode picks the rung:
//
//   - FormatJSONSchema: response_format json_schema, strict;
//   - FormatJSONObject: response_format json_object, the schema in the system prompt;
//   - FormatInstructions: no response_format, the schema in the system prompt, and the
//     JSON taken out of the answer (code fences or prose around it are dropped);
//   - ModeAuto (or ""): json_schema first; when the endpoint rejects it with 400, json_object;
//     when that is rejected with 400 too, instructions. The first rung that answers is
//     remembered for all later calls through this Completer (one per endpoint). Calls
//     never wait for each other: until a rung has answered, each starts at the strictest
//     rung not yet rejected, so at most one rejected request per call in flight is spent
//     on finding the rung, and a slow or failing first call holds nobody up.
//
// An explicit mode is used as is, with no fallback.
//
// Whatever the rung, the answer's content is checked to be JSON: Response.Content is the
// bare JSON text and Response.Rung the rung used. An answer that is not JSON, or on the
// json_schema rung (which the endpoint enforces) lacks a required top-level key of the
// schema, returns an error wrapping ErrMalformed (WithRetry asks again); a truncated answer (finish_reason
// "length") returns a *TruncatedError (ErrTruncated) and the Response with the partial
// content. Usage sums every request made, fallbacks included.
func WithStructured(next Completer, mode string) (Completer, error) {
	if mode == "" {
		mode = ModeAuto
	}
	s := &structured{next: next, mode: mode, rung: -1}
	switch mode {
	case ModeAuto:
	case FormatJSONSchema, FormatJSONObject, FormatInstructions:
		s.rung = indexOf(mode)
	default:
		return nil, fmt.Errorf("structured output mode %q: want auto, json_schema, json_object or instructions", mode)
	}
	return s, nil
}

func indexOf(rung string) int {
	for i, r := range rungs {
		if r == rung {
			return i
		}
	}
	return -1
}

// state returns the rung found (-1 if none) and the strictest rung not yet rejected.
func (s *structured) state() (rung, floor int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rung, s.floor
}

func (s *structured) Complete(ctx context.Context, req Request) (Response, error) {
	if req.Schema == nil {
		return s.next.Complete(ctx, req)
	}
	known, floor := s.state()
	if known >= 0 {
		return s.ask(ctx, req, known)
	}
	var total Usage
	for r := floor; r < len(rungs); r++ {
		resp, err := s.ask(ctx, req, r)
		total = addUsage(total, resp.Usage)
		resp.Usage = total
		var apiErr *APIError
		if r < len(rungs)-1 && errors.As(err, &apiErr) && apiErr.Status == http.StatusBadRequest && !notAboutFormat(apiErr) {
			s.mu.Lock()
			s.floor = max(s.floor, r+1) // the endpoint rejects this rung (or the request)
			s.mu.Unlock()
			continue
		}
		if err == nil || errors.Is(err, ErrMalformed) || errors.Is(err, ErrTruncated) {
			// The endpoint accepted the rung; the answer itself may still be bad.
			s.mu.Lock()
			if s.rung < 0 {
				s.rung = r
			}
			s.mu.Unlock()
		}
		return resp, err
	}
	panic("unreachable")
}

// ask sends req on rung r and checks the answer.
func (s *structured) ask(ctx context.Context, req Request, r int) (Response, error) {
	rung := rungs[r]
	resp, err := s.next.Complete(ctx, onRung(req, rung))
	resp.Rung = rung
	if err != nil {
		return resp, err
	}
	return checkStructured(resp, rung, req.Schema)
}

// onRung is req, which has a Schema, as it is sent on rung: with Format set and, below
// json_schema, the schema written into the system message.
func onRung(req Request, rung string) Request {
	req.Format = rung
	if rung != FormatJSONSchema {
		req.Messages = withSchemaInstruction(req.Messages, req.Schema)
	}
	return req
}

// checkStructured checks an answer got on rung for a request with schema, as
// WithStructured describes: a truncated answer is a *TruncatedError, one that is not JSON
// (or on json_schema lacks a required key) wraps ErrMalformed; a good one comes back with
// Content the bare JSON text.
func checkStructured(resp Response, rung string, schema *Schema) (Response, error) {
	resp.Rung = rung
	if resp.FinishReason == "length" {
		return resp, &TruncatedError{Partial: resp.Content}
	}
	js, ok := ExtractJSON(resp.Content)
	if !ok {
		return resp, fmt.Errorf("answer on rung %s is not JSON (%s): %w", rung, excerpt(resp.Content, 80), ErrMalformed)
	}
	if rung == FormatJSONSchema && schema != nil {
		// The endpoint enforced the schema (strict): an answer without its required keys
		// was damaged on the way, not written so by the model.
		if missing := missingRequired(schema.Schema, js); len(missing) > 0 {
			return resp, fmt.Errorf("answer on rung %s lacks the required key(s) %s of the schema (%s): %w",
				rung, strings.Join(missing, ", "), excerpt(js, 80), ErrMalformed)
		}
	}
	resp.Content = js
	return resp, nil
}

// missingRequired lists the top-level required properties of schema (an object schema)
// that the JSON object js lacks; all of them when js is not an object. It returns nil
// when schema is not an object schema with required properties.
func missingRequired(schema json.RawMessage, js string) []string {
	var s struct {
		Required []string `json:"required"`
	}
	if json.Unmarshal(schema, &s) != nil || len(s.Required) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal([]byte(js), &obj) != nil {
		return s.Required
	}
	var missing []string
	for _, k := range s.Required {
		if _, ok := obj[k]; !ok {
			missing = append(missing, k)
		}
	}
	return missing
}

// withSchemaInstruction returns a copy of msgs whose last system message (a new first
// one if there is none) asks for JSON conforming to schema.
func withSchemaInstruction(msgs []Message, schema *Schema) []Message {
	instr := "Answer with a single JSON object and nothing else: no prose, no code fences. " +
		"The JSON object must conform to this JSON Schema:\n" + string(schema.Schema)
	out := make([]Message, len(msgs), len(msgs)+1)
	copy(out, msgs)
	for i := len(out) - 1; i >= 0; i-- {
		if out[i].Role == "system" {
			out[i].Content = strings.TrimRight(out[i].Content, "\n") + "\n\n" + instr
			return out
		}
	}
	return append([]Message{{Role: "system", Content: instr}}, out...)
}

// ExtractJSON finds the JSON value in a model's answer: the whole answer when it is JSON,
// else the first code fence whose body is JSON, else the first balanced {...} or [...]
// that is JSON. It returns the JSON text, compacted of surrounding space, and whether
// one was found.
func ExtractJSON(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if t != "" && json.Valid([]byte(t)) && (t[0] == '{' || t[0] == '[') {
		return t, true
	}
	for rest := s; ; {
		i := strings.Index(rest, "```")
		if i < 0 {
			break
		}
		rest = rest[i+3:]
		j := strings.Index(rest, "```")
		if j < 0 {
			break
		}
		body := rest[:j]
		rest = rest[j+3:]
		if nl := strings.IndexByte(body, '\n'); nl >= 0 && !strings.ContainsAny(body[:nl], "{[") {
			body = body[nl+1:] // drop the info string: ```json
		}
		if b := strings.TrimSpace(body); b != "" && json.Valid([]byte(b)) {
			return b, true
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '{' && s[i] != '[' {
			continue
		}
		if end := balanced(s[i:]); end > 0 && json.Valid([]byte(s[i:i+end])) {
			return s[i : i+end], true
		}
	}
	return "", false
}

// balanced returns the length of the bracketed value s starts with ({ or [), minding
// strings and escapes, or 0 when it does not close.
func balanced(s string) int {
	var stack []byte
	inString, escaped := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{':
			stack = append(stack, '}')
		case c == '[':
			stack = append(stack, ']')
		case c == '}' || c == ']':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return 0
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// excerpt quotes the start of s for an error message.
func excerpt(s string, n int) string {
	s = string(bytes.TrimSpace([]byte(s)))
	if len(s) > n {
		s = s[:n] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// notAboutFormat reports a 400 that says what else is wrong with the request (too long,
// a parameter the model does not take): stepping down the rungs would not help, and
// would switch off schema enforcement for every later call.
func notAboutFormat(e *APIError) bool {
	if e.Code == "context_length_exceeded" || e.Code == "string_above_max_length" {
		return true
	}
	m := strings.ToLower(e.Message)
	if strings.Contains(m, "response_format") || strings.Contains(m, "json_schema") || strings.Contains(m, "json_object") {
		return false
	}
	for _, w := range []string{"context length", "maximum context", "too long", "too many tokens", "max_tokens", "max_completion_tokens", "seed", "temperature"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}
