package fakeopenai

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"time"
)

// The Batch API, as OpenAI documents it: POST /v1/batches (input_file_id, endpoint,
// completion_window "24h", metadata), GET /v1/batches (after, limit), GET
// /v1/batches/{id}, POST /v1/batches/{id}/cancel. A batch goes validating → in_progress
// → finalizing → completed, or failed (its input file does not validate: errors.data
// names the lines), expired (the rest of its lines get batch_expired), cancelling →
// cancelled (the rest get batch_cancelled). Each line is answered as the server answers
// the same request online (scripts, faults, answer function and all), the request
// marked with the header X-Fake-Batch: <batch id> in Requests. Answers with status 200
// go to the output file, others to the error file, each line
// {id, custom_id, response: {status_code, request_id, body}, error}.

// BatchFault is what happens to one line of a batch (WithBatchFaults).
type BatchFault int

const (
	// BatchAnswer answers the line as the server answers the request online.
	BatchAnswer BatchFault = iota
	// BatchError fails the line without an HTTP answer: the error file gets it with
	// response null and error {code: "request_timeout"}.
	BatchError
	// BatchExpire makes the batch expire before this line: it and every later line go to
	// the error file with error {code: "batch_expired"}, and the batch ends expired.
	BatchExpire
)

// WithBatchFaults makes f decide the fate of each batch line, by its custom_id; f is
// called from the goroutines that process batches.
func WithBatchFaults(f func(customID string) BatchFault) Option {
	return func(srv *Server) { srv.bapi.fault = f }
}

// BatchFaultShares returns a WithBatchFaults function that fails the share fail of the
// lines (BatchError) and expires a batch at the share expire of them (BatchExpire),
// chosen by a hash of the seed and the custom_id: the same lines every time.
func BatchFaultShares(fail, expire float64, seed uint64) func(customID string) BatchFault {
	return func(customID string) BatchFault {
		d := sha256.Sum256([]byte(strconv.FormatUint(seed, 10) + "/batch/" + customID))
		x := float64(binary.BigEndian.Uint64(d[:8])>>11) / (1 << 53)
		switch {
		case x < expire:
			return BatchExpire
		case x < expire+fail:
			return BatchError
		}
		return BatchAnswer
	}
}

// WithBatchDelay makes a batch wait d before each change of status (validating →
// in_progress → finalizing → completed), so that a client polls it several times.
func WithBatchDelay(d time.Duration) Option { return func(srv *Server) { srv.bapi.delay = d } }

// WithBatchLimits sets the most lines and bytes of a batch input file (default OpenAI's:
// 50,000 and 200 MB); a larger file makes the batch fail in validation.
func WithBatchLimits(requests int, bytes int64) Option {
	return func(srv *Server) { srv.bapi.limits = batchLimits{requests: requests, bytes: bytes} }
}

// WithoutBatchAPI makes /v1/files and /v1/batches answer 404, as a server without them
// (vLLM's, llama.cpp's) does.
func WithoutBatchAPI() Option { return func(srv *Server) { srv.bapi.off = true } }

// batchEndpoints are the endpoints a batch may run on.
var batchEndpoints = []string{"/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions"}

// fakeBatch is one batch; its fields are guarded by batchAPI.mu.
type fakeBatch struct {
	obj    batchObject
	auth   string // the creator's Authorization header, to answer its lines; never shown
	cancel bool
}

// batchObject is the Batch object.
type batchObject struct {
	ID               string            `json:"id"`
	Object           string            `json:"object"`
	Endpoint         string            `json:"endpoint"`
	Errors           *batchErrors      `json:"errors"`
	InputFileID      string            `json:"input_file_id"`
	CompletionWindow string            `json:"completion_window"`
	Status           string            `json:"status"`
	OutputFileID     *string           `json:"output_file_id"`
	ErrorFileID      *string           `json:"error_file_id"`
	CreatedAt        int64             `json:"created_at"`
	InProgressAt     *int64            `json:"in_progress_at"`
	ExpiresAt        *int64            `json:"expires_at"`
	FinalizingAt     *int64            `json:"finalizing_at"`
	CompletedAt      *int64            `json:"completed_at"`
	FailedAt         *int64            `json:"failed_at"`
	ExpiredAt        *int64            `json:"expired_at"`
	CancellingAt     *int64            `json:"cancelling_at"`
	CancelledAt      *int64            `json:"cancelled_at"`
	RequestCounts    requestCounts     `json:"request_counts"`
	Metadata         map[string]string `json:"metadata"`
}

type requestCounts struct {
	Total     int `json:"total"`
	Completed int `json:"completed"`
	Failed    int `json:"failed"`
}

type batchErrors struct {
	Object string       `json:"object"`
	Data   []batchError `json:"data"`
}

type batchError struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Param   *string `json:"param"`
	Line    *int    `json:"line"`
}

// outputLine is a line of a batch output or error file.
type outputLine struct {
	ID       string          `json:"id"`
	CustomID string          `json:"custom_id"`
	Response *outputResponse `json:"response"`
	Error    *lineError      `json:"error"`
}

type outputResponse struct {
	StatusCode int             `json:"status_code"`
	RequestID  string          `json:"request_id"`
	Body       json.RawMessage `json:"body"`
}

type lineError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func now() *int64 {
	t := time.Now().Unix()
	return &t
}

func (s *Server) createBatch(w http.ResponseWriter, r *http.Request, raw []byte) int {
	var req struct {
		InputFileID      *string         `json:"input_file_id"`
		Endpoint         *string         `json:"endpoint"`
		CompletionWindow *string         `json:"completion_window"`
		Metadata         json.RawMessage `json:"metadata"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return invalid(w, "We could not parse the JSON body of your request: "+err.Error(), "")
	}
	switch {
	case req.InputFileID == nil || *req.InputFileID == "":
		return invalid(w, "Missing required parameter: 'input_file_id'.", "input_file_id")
	case req.Endpoint == nil:
		return invalid(w, "Missing required parameter: 'endpoint'.", "endpoint")
	case !slices.Contains(batchEndpoints, *req.Endpoint):
		return invalid(w, fmt.Sprintf("'%s' is not one of %s - 'endpoint'", *req.Endpoint, quoteList(batchEndpoints)), "endpoint")
	case req.CompletionWindow == nil:
		return invalid(w, "Missing required parameter: 'completion_window'.", "completion_window")
	case *req.CompletionWindow != "24h":
		return invalid(w, fmt.Sprintf("'%s' is not one of ['24h'] - 'completion_window'", *req.CompletionWindow), "completion_window")
	}
	var meta map[string]string
	if m := bytes.TrimSpace(req.Metadata); len(m) > 0 && !bytes.Equal(m, []byte("null")) {
		if err := json.Unmarshal(m, &meta); err != nil {
			return invalid(w, "Invalid 'metadata': an object of string values expected.", "metadata")
		}
		if len(meta) > 16 {
			return invalid(w, fmt.Sprintf("Invalid 'metadata': too many properties (%d); at most 16.", len(meta)), "metadata")
		}
		for k, v := range meta {
			if len(k) > 64 || len(v) > 512 {
				return invalid(w, fmt.Sprintf("Invalid 'metadata': key %q: keys are at most 64 characters, values at most 512.", k), "metadata")
			}
		}
	}
	f, st := s.file(w, *req.InputFileID)
	if f == nil {
		return st
	}
	if f.Purpose != "batch" {
		return invalid(w, fmt.Sprintf("The file %s has purpose '%s'; a batch's input file must have purpose 'batch'.", f.ID, f.Purpose), "input_file_id")
	}
	a := &s.bapi
	a.mu.Lock()
	a.init()
	created := time.Now().Unix()
	expires := created + 24*3600
	b := &fakeBatch{auth: r.Header.Get("Authorization"), obj: batchObject{
		ID: a.newID("batch_"), Object: "batch", Endpoint: *req.Endpoint, InputFileID: f.ID,
		CompletionWindow: "24h", Status: "validating", CreatedAt: created, ExpiresAt: &expires,
		Metadata: meta,
	}}
	a.batches[b.obj.ID] = b
	a.border = append(a.border, b.obj.ID)
	obj := b.obj
	a.running.Add(1)
	a.mu.Unlock()
	go s.process(b, f.Data)
	return writeJSON(w, http.StatusOK, obj)
}

func (s *Server) batch(w http.ResponseWriter, id string) (*fakeBatch, int) {
	s.bapi.mu.Lock()
	s.bapi.init()
	b := s.bapi.batches[id]
	s.bapi.mu.Unlock()
	if b == nil {
		return nil, writeError(w, http.StatusNotFound, "invalid_request_error", fmt.Sprintf("No batch found with id '%s'.", id), "")
	}
	return b, 0
}

func (s *Server) retrieveBatch(w http.ResponseWriter, id string) int {
	b, st := s.batch(w, id)
	if b == nil {
		return st
	}
	s.bapi.mu.Lock()
	obj := b.obj
	s.bapi.mu.Unlock()
	return writeJSON(w, http.StatusOK, obj)
}

func (s *Server) cancelBatch(w http.ResponseWriter, id string) int {
	b, st := s.batch(w, id)
	if b == nil {
		return st
	}
	s.bapi.mu.Lock()
	switch b.obj.Status {
	case "validating", "in_progress", "finalizing":
		b.cancel = true
		b.obj.Status = "cancelling"
		b.obj.CancellingAt = now()
	case "cancelling":
	default:
		status := b.obj.Status
		s.bapi.mu.Unlock()
		return invalid(w, fmt.Sprintf("Cannot cancel a batch with status '%s'.", status), "")
	}
	obj := b.obj
	s.bapi.mu.Unlock()
	return writeJSON(w, http.StatusOK, obj)
}

func (s *Server) listBatches(w http.ResponseWriter, r *http.Request) int {
	q := r.URL.Query()
	limit := 20
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return invalid(w, "Invalid 'limit': integer below minimum value or above maximum value (1 to 100).", "limit")
		}
		limit = n
	}
	s.bapi.mu.Lock()
	defer s.bapi.mu.Unlock()
	s.bapi.init()
	ids := slices.Clone(s.bapi.border)
	slices.Reverse(ids) // most recent first
	if after := q.Get("after"); after != "" {
		i := slices.Index(ids, after)
		if i < 0 {
			ids = nil
		} else {
			ids = ids[i+1:]
		}
	}
	more := len(ids) > limit
	if more {
		ids = ids[:limit]
	}
	data := make([]batchObject, 0, len(ids))
	for _, id := range ids {
		data = append(data, s.bapi.batches[id].obj)
	}
	return writeJSON(w, http.StatusOK, listObject(data, more, func(b batchObject) string { return b.ID }))
}

// inputRequest is a line of a batch input file.
type inputRequest struct {
	CustomID *string         `json:"custom_id"`
	Method   *string         `json:"method"`
	URL      *string         `json:"url"`
	Body     json.RawMessage `json:"body"`
}

// validateInput parses a batch input file for a batch on endpoint, as OpenAI validates
// one, and returns its lines or the errors that fail the batch.
func (a *batchAPI) validateInput(data []byte, endpoint string) ([]inputRequest, []batchError) {
	lim := a.limits
	if lim.requests <= 0 {
		lim.requests = 50_000
	}
	if lim.bytes <= 0 {
		lim.bytes = 200 << 20
	}
	var errs []batchError
	fail := func(line int, code, msg string) {
		if len(errs) < 100 {
			l := line
			errs = append(errs, batchError{Code: code, Message: msg, Line: &l})
		}
	}
	if int64(len(data)) > lim.bytes {
		return nil, []batchError{{Code: "file_too_large", Message: fmt.Sprintf("The input file is %d bytes, over the limit of %d.", len(data), lim.bytes)}}
	}
	var lines []inputRequest
	ids := map[string]bool{}
	model := ""
	for i, raw := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		var in inputRequest
		if err := json.Unmarshal(raw, &in); err != nil {
			fail(n, "invalid_json_line", "This line is not parseable as valid JSON.")
			continue
		}
		var body struct {
			Model *string `json:"model"`
		}
		switch {
		case in.CustomID == nil || *in.CustomID == "":
			fail(n, "missing_required_parameter", "Missing required parameter: 'custom_id'.")
		case in.Method == nil || *in.Method != http.MethodPost:
			fail(n, "invalid_method", "The method of a batch request must be 'POST'.")
		case in.URL == nil || *in.URL != endpoint:
			fail(n, "mismatched_endpoint", fmt.Sprintf("The URL of this request does not match the batch's endpoint %s.", endpoint))
		case len(in.Body) == 0 || json.Unmarshal(in.Body, &body) != nil:
			fail(n, "missing_required_parameter", "Missing required parameter: 'body' (an object).")
		case ids[*in.CustomID]:
			fail(n, "duplicate_custom_id", fmt.Sprintf("The custom_id '%s' is used more than once; each request needs a unique custom_id.", *in.CustomID))
		case body.Model == nil || *body.Model == "":
			fail(n, "missing_required_parameter", "Missing required parameter: 'body.model'.")
		case model != "" && *body.Model != model:
			fail(n, "mismatched_model", fmt.Sprintf("The model '%s' differs from the model '%s' of the other requests: a batch uses one model.", *body.Model, model))
		default:
			ids[*in.CustomID] = true
			model = *body.Model
			lines = append(lines, in)
		}
	}
	if len(errs) == 0 && len(lines) > lim.requests {
		return nil, []batchError{{Code: "too_many_requests", Message: fmt.Sprintf("The input file has %d requests, over the limit of %d.", len(lines), lim.requests)}}
	}
	if len(errs) == 0 && len(lines) == 0 {
		return nil, []batchError{{Code: "empty_file", Message: "The input file has no requests."}}
	}
	return lines, errs
}

// process runs a batch to its end.
func (s *Server) process(b *fakeBatch, data []byte) {
	a := &s.bapi
	defer a.running.Done()
	// pause waits the batch delay; false when the server stops.
	pause := func() bool {
		if a.delay <= 0 {
			return true
		}
		t := time.NewTimer(a.delay)
		defer t.Stop()
		select {
		case <-t.C:
			return true
		case <-a.ctx.Done():
			return false
		}
	}
	if !pause() {
		return
	}
	lines, errs := a.validateInput(data, b.obj.Endpoint)
	a.mu.Lock()
	if b.cancel {
		a.mu.Unlock()
		s.finish(b, nil, cancelled(lines, 0), "cancelled")
		return
	}
	if len(errs) > 0 {
		b.obj.Status = "failed"
		b.obj.FailedAt = now()
		b.obj.Errors = &batchErrors{Object: "list", Data: errs}
		a.mu.Unlock()
		return
	}
	b.obj.Status = "in_progress"
	b.obj.InProgressAt = now()
	b.obj.RequestCounts.Total = len(lines)
	a.mu.Unlock()
	if !pause() {
		return
	}

	var out, errOut []outputLine
	for i, in := range lines {
		select {
		case <-a.ctx.Done():
			return
		default:
		}
		a.mu.Lock()
		stop := b.cancel
		a.mu.Unlock()
		if stop {
			s.finish(b, out, append(errOut, cancelled(lines, i)...), "cancelled")
			return
		}
		fault := BatchAnswer
		if a.fault != nil {
			fault = a.fault(*in.CustomID)
		}
		if fault == BatchExpire {
			for _, rest := range lines[i:] {
				errOut = append(errOut, outputLine{ID: a.lineID(), CustomID: *rest.CustomID,
					Error: &lineError{Code: "batch_expired", Message: "This request could not be executed before the completion window expired."}})
			}
			s.finish(b, out, errOut, "expired")
			return
		}
		line := outputLine{ID: a.lineID(), CustomID: *in.CustomID}
		ok := false
		if fault == BatchError {
			line.Error = &lineError{Code: "request_timeout", Message: "The request timed out."}
		} else {
			status, body := s.answerLine(b, *in.URL, in.Body)
			line.Response = &outputResponse{StatusCode: status, RequestID: a.requestID(), Body: body}
			ok = status == http.StatusOK
		}
		a.mu.Lock()
		if ok {
			b.obj.RequestCounts.Completed++
			out = append(out, line)
		} else {
			b.obj.RequestCounts.Failed++
			errOut = append(errOut, line)
		}
		a.mu.Unlock()
	}
	a.mu.Lock()
	if !b.cancel {
		b.obj.Status = "finalizing"
		b.obj.FinalizingAt = now()
	}
	a.mu.Unlock()
	if !pause() {
		return
	}
	s.finish(b, out, errOut, "completed")
}

// cancelled is the error lines of lines[from:], not run because the batch was cancelled.
func cancelled(lines []inputRequest, from int) []outputLine {
	var out []outputLine
	for _, in := range lines[from:] {
		out = append(out, outputLine{ID: "", CustomID: *in.CustomID,
			Error: &lineError{Code: "batch_cancelled", Message: "This request was cancelled before it could be executed."}})
	}
	return out
}

// finish writes the output and error files and ends the batch with status (completed,
// expired, or cancelled; a batch being cancelled ends cancelled whatever status says).
func (s *Server) finish(b *fakeBatch, out, errOut []outputLine, status string) {
	a := &s.bapi
	a.mu.Lock()
	defer a.mu.Unlock()
	if b.cancel {
		status = "cancelled"
	}
	write := func(lines []outputLine, kind string) *string {
		if len(lines) == 0 {
			return nil
		}
		var buf bytes.Buffer
		for _, l := range lines {
			if l.ID == "" {
				l.ID = a.newID("batch_req_")
			}
			data, _ := json.Marshal(l)
			buf.Write(data)
			buf.WriteByte('\n')
		}
		f := a.addFile(fmt.Sprintf("%s_%s.jsonl", b.obj.ID, kind), "batch_output", buf.Bytes())
		return &f.ID
	}
	b.obj.OutputFileID = write(out, "output")
	b.obj.ErrorFileID = write(errOut, "error")
	if status != "completed" {
		// Lines that never ran count as failed.
		b.obj.RequestCounts.Failed = len(errOut)
		b.obj.RequestCounts.Completed = len(out)
	}
	b.obj.Status = status
	switch status {
	case "completed":
		b.obj.CompletedAt = now()
	case "expired":
		b.obj.ExpiredAt = now()
	case "cancelled":
		b.obj.CancelledAt = now()
	}
}

func (a *batchAPI) lineID() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.newID("batch_req_")
}

func (a *batchAPI) requestID() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.newID("req_")
}

// answerLine answers one batch line as the server answers the request online, and
// returns the status and body.
func (s *Server) answerLine(b *fakeBatch, url string, body []byte) (int, json.RawMessage) {
	req := httptest.NewRequest(http.MethodPost, url, bytes.NewReader(body)).WithContext(s.bapi.ctx)
	req.Header.Set("Content-Type", "application/json")
	if b.auth != "" {
		req.Header.Set("Authorization", b.auth)
	}
	req.Header.Set("X-Fake-Batch", b.obj.ID)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	out := bytes.TrimSpace(rec.Body.Bytes())
	if !json.Valid(out) {
		// A broken body (a fault) is kept as a JSON string, as a body must be JSON.
		out, _ = json.Marshal(string(out))
	}
	return rec.Code, out
}

// Batches returns the ids of the batches created, oldest first.
func (s *Server) Batches() []string {
	s.bapi.mu.Lock()
	defer s.bapi.mu.Unlock()
	return slices.Clone(s.bapi.border)
}
