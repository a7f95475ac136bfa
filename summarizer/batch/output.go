package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/cablebrief/summarize/summarizer/chat"
)

// outputLine is one line of a batch output or error file, as OpenAI documents it (vLLM's
// run_batch writes the same shape; its error may be a string).
type outputLine struct {
	ID       string `json:"id"`
	CustomID string `json:"custom_id"`
	Response *struct {
		StatusCode int             `json:"status_code"`
		RequestID  string          `json:"request_id"`
		Body       json.RawMessage `json:"body"`
	} `json:"response"`
	Error json.RawMessage `json:"error"`
}

// sink files the answers of one input file's batch in the cache: it holds the file's
// index, reads the requests' schemas from the input file, and counts what became of
// every line.
type sink struct {
	cacheDir string
	path     string // the input file
	index    map[string]*indexEntry
	input    *os.File // nil: the input file is gone; schemas are not checked

	stored  int
	reasons map[string]int // why lines were not stored
	usage   chat.Usage     // tokens the stored and unusable answers report
}

// openSink reads the index of the input file path.
func openSink(cacheDir, path string) (*sink, error) {
	idx, err := readIndex(path)
	if err != nil {
		return nil, err
	}
	s := &sink{cacheDir: cacheDir, path: path, index: idx, reasons: map[string]int{}}
	if f, err := os.Open(path); err == nil {
		s.input = f
	}
	return s, nil
}

func (s *sink) close() {
	if s.input != nil {
		s.input.Close()
	}
}

// read files every line of r (an output or error file).
func (s *sink) read(ctx context.Context, r io.Reader, name string) error {
	return eachLine(ctx, r, name, s.line)
}

// eachLine calls f with every non-empty line of r, without its newline.
func eachLine(ctx context.Context, r io.Reader, name string, f func([]byte)) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := br.ReadBytes('\n')
		if l := bytes.TrimSpace(line); len(l) > 0 {
			f(l)
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: line %d: %w", name, n, err)
		}
	}
}

// Reasons a line is not filed that are no fault of the answer.
const (
	reasonUnknown    = "unknown custom_id"
	reasonUnreadable = "unreadable output line"
)

// line files one output line.
func (s *sink) line(data []byte) {
	var ol outputLine
	if err := json.Unmarshal(data, &ol); err != nil {
		s.reasons[reasonUnreadable]++
		return
	}
	e := s.index[ol.CustomID]
	if e == nil {
		s.reasons[reasonUnknown]++
		return
	}
	if e.stored {
		return
	}
	if reason := lineError(ol); reason != "" {
		s.reasons[reason]++
		return
	}
	var schema *chat.Schema
	if e.Schema != "" {
		schema = &chat.Schema{Name: e.Schema}
		if e.Rung == chat.FormatJSONSchema {
			schema.Schema = s.schemaOf(e)
		}
	}
	resp, err := chat.BatchAnswer(ol.Response.Body, e.Rung, schema)
	s.usage.PromptTokens += resp.Usage.PromptTokens
	s.usage.CompletionTokens += resp.Usage.CompletionTokens
	s.usage.CachedTokens += resp.Usage.CachedTokens
	switch {
	case errors.Is(err, chat.ErrTruncated):
		s.reasons["truncated"]++
		return
	case errors.Is(err, chat.ErrMalformed):
		s.reasons["malformed"]++
		return
	case err != nil:
		s.reasons["refused"]++
		return
	}
	if err := chat.StoreAnswer(s.cacheDir, e.Key, e.Model, resp); err != nil {
		s.reasons["not written to the cache: "+err.Error()]++
		return
	}
	e.stored = true
	s.stored++
}

// lineError says why an output line holds no answer ("" when it holds one): its error's
// code (batch_expired, batch_cancelled, request_timeout, ...), or its HTTP status.
func lineError(ol outputLine) string {
	if e := bytes.TrimSpace(ol.Error); len(e) > 0 && !bytes.Equal(e, []byte("null")) {
		var obj struct {
			Code    any    `json:"code"`
			Message string `json:"message"`
			Error   *struct {
				Code any `json:"code"`
			} `json:"error"`
		}
		code := ""
		if json.Unmarshal(e, &obj) == nil {
			switch {
			case obj.Code != nil:
				code = fmt.Sprint(obj.Code)
			case obj.Error != nil && obj.Error.Code != nil:
				code = fmt.Sprint(obj.Error.Code)
			}
		}
		if code == "" || code == "<nil>" {
			code = "error"
		}
		if ol.Response != nil && ol.Response.StatusCode != 0 && ol.Response.StatusCode != 200 {
			return fmt.Sprintf("HTTP %d", ol.Response.StatusCode)
		}
		return code
	}
	if ol.Response == nil {
		return "no response"
	}
	if ol.Response.StatusCode != 200 {
		return fmt.Sprintf("HTTP %d", ol.Response.StatusCode)
	}
	if b := bytes.TrimSpace(ol.Response.Body); len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return "no response"
	}
	return ""
}

// schemaOf reads the JSON Schema of e's request from its line in the input file; nil
// when it cannot (the answer's required keys are then not checked here: the engine
// checks them).
func (s *sink) schemaOf(e *indexEntry) json.RawMessage {
	if s.input == nil || e.Length <= 0 {
		return nil
	}
	buf := make([]byte, e.Length)
	if _, err := s.input.ReadAt(buf, e.Offset); err != nil {
		return nil
	}
	var line struct {
		Body struct {
			ResponseFormat *struct {
				JSONSchema *struct {
					Schema json.RawMessage `json:"schema"`
				} `json:"json_schema"`
			} `json:"response_format"`
		} `json:"body"`
	}
	if json.Unmarshal(buf, &line) != nil || line.Body.ResponseFormat == nil || line.Body.ResponseFormat.JSONSchema == nil {
		return nil
	}
	return line.Body.ResponseFormat.JSONSchema.Schema
}

// unanswered calls f with the cache key of every request of the file that got no
// usable answer.
func (s *sink) unanswered(f func(key string)) {
	for _, e := range s.index {
		if !e.stored {
			f(e.Key)
		}
	}
}

// missing is how many requests got no usable answer.
func (s *sink) missing() int { return len(s.index) - s.stored }

// why sums up the reasons the file's requests got no usable answer: "6 batch_expired,
// 3 HTTP 500, 1 truncated", with those no line answered at all.
func (s *sink) why() string {
	reasons := make(map[string]int, len(s.reasons)+1)
	seen := 0
	for k, v := range s.reasons {
		if k == reasonUnknown || k == reasonUnreadable {
			continue
		}
		reasons[k] = v
		seen += v
	}
	if n := s.missing() - seen; n > 0 {
		reasons["not in the output"] += n
	}
	return summarize(reasons)
}

// summarize writes counts as "6 batch_expired, 3 HTTP 500", most first.
func summarize(counts map[string]int) string {
	type kv struct {
		k string
		v int
	}
	var list []kv
	for k, v := range counts {
		list = append(list, kv{k, v})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].v != list[j].v {
			return list[i].v > list[j].v
		}
		return list[i].k < list[j].k
	})
	parts := make([]string, len(list))
	for i, x := range list {
		parts[i] = fmt.Sprintf("%d %s", x.v, x.k)
	}
	return strings.Join(parts, ", ")
}
