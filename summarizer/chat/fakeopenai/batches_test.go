package fakeopenai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"
)

const bearer = "Bearer sk-test"

// upload posts a multipart upload of data as name with purpose ("" leaves the field out).
func upload(t testing.TB, srv *Server, name, purpose string, data []byte) answer {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if purpose != "" {
		mw.WriteField("purpose", purpose)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/files", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", bearer)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return answer{resp.StatusCode, resp.Header, b.String()}
}

// fields decodes a JSON object answer into a map.
func fields(t testing.TB, a answer) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(a.body), &m); err != nil {
		t.Fatalf("status %d, body not a JSON object: %v: %s", a.status, err, a.body)
	}
	return m
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// batchLine is a line of an input file asking for content c.
func batchLine(id, model, c string) string {
	return fmt.Sprintf(`{"custom_id": %q, "method": "POST", "url": "/v1/chat/completions", "body": {"model": %q, "messages": [{"role": "user", "content": %q}]}}`, id, model, c)
}

func inputFile(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

// createBatch uploads lines and creates a batch of them; it returns the batch object.
func createBatch(t testing.TB, srv *Server, lines ...string) map[string]any {
	t.Helper()
	f := fields(t, upload(t, srv, "in.jsonl", "batch", inputFile(lines...)))
	a := do(t, http.MethodPost, srv.URL()+"/batches", bearer,
		fmt.Sprintf(`{"input_file_id": %q, "endpoint": "/v1/chat/completions", "completion_window": "24h", "metadata": {"run": "t"}}`, f["id"]))
	if a.status != 200 {
		t.Fatalf("create batch: %d %s", a.status, a.body)
	}
	return fields(t, a)
}

// waitBatch polls the batch until it is final and returns the statuses seen, in order,
// and the last object.
func waitBatch(t testing.TB, srv *Server, id string) ([]string, map[string]any) {
	t.Helper()
	var seen []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		b := fields(t, do(t, http.MethodGet, srv.URL()+"/batches/"+id, bearer, ""))
		st := b["status"].(string)
		if len(seen) == 0 || seen[len(seen)-1] != st {
			seen = append(seen, st)
		}
		switch st {
		case "completed", "failed", "expired", "cancelled":
			return seen, b
		}
	}
	t.Fatalf("batch %s did not end: %v", id, seen)
	return nil, nil
}

// outputLines downloads the file id and decodes its lines.
func outputLines(t testing.TB, srv *Server, id any) []map[string]any {
	t.Helper()
	if id == nil {
		return nil
	}
	a := do(t, http.MethodGet, srv.URL()+"/files/"+id.(string)+"/content", bearer, "")
	if a.status != 200 {
		t.Fatalf("content of %v: %d %s", id, a.status, a.body)
	}
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(a.body), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("output line %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

// batchKeys are the fields of OpenAI's Batch object.
var batchKeys = []string{"cancelled_at", "cancelling_at", "completed_at", "completion_window", "created_at", "endpoint",
	"error_file_id", "errors", "expired_at", "expires_at", "failed_at", "finalizing_at", "id", "in_progress_at",
	"input_file_id", "metadata", "object", "output_file_id", "request_counts", "status"}

func TestFilesAPI(t *testing.T) {
	srv := New()
	defer srv.Close()
	tests := []struct {
		name, file, purpose string
		status              int
		want                string // in the error message
	}{
		{"no purpose", "a.jsonl", "", 400, "'purpose'"},
		{"unknown purpose", "a.jsonl", "batches", 400, "is not one of"},
		{"no file", "", "batch", 400, "'file'"},
		{"batch file not jsonl", "a.txt", "batch", 400, ".jsonl"},
		{"batch file", "a.jsonl", "batch", 200, ""},
		{"other purpose", "notes.txt", "user_data", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := upload(t, srv, tt.file, tt.purpose, []byte("{}\n"))
			if a.status != tt.status || !strings.Contains(a.body, tt.want) {
				t.Fatalf("status %d (%s), want %d with %q", a.status, a.body, tt.status, tt.want)
			}
			if a.status == 200 {
				f := fields(t, a)
				if diff := cmp.Diff([]string{"bytes", "created_at", "expires_at", "filename", "id", "object", "purpose", "status", "status_details"}, keys(f)); diff != "" {
					t.Errorf("file object keys (-want +got):\n%s", diff)
				}
				if f["object"] != "file" || f["bytes"] != float64(3) || f["filename"] != tt.file || f["purpose"] != tt.purpose || !strings.HasPrefix(f["id"].(string), "file-") {
					t.Errorf("file object %v", f)
				}
			}
		})
	}
	files := srv.Files()
	if len(files) != 2 {
		t.Fatalf("%d files stored, want 2", len(files))
	}
	l := fields(t, do(t, http.MethodGet, srv.URL()+"/files?purpose=batch", bearer, ""))
	if l["object"] != "list" || len(l["data"].([]any)) != 1 || l["has_more"] != false || l["first_id"] != files[0] {
		t.Errorf("list of batch files: %v", l)
	}
	l = fields(t, do(t, http.MethodGet, srv.URL()+"/files?limit=1&order=asc", bearer, ""))
	if len(l["data"].([]any)) != 1 || l["has_more"] != true || l["last_id"] != files[0] {
		t.Errorf("first page of one: %v", l)
	}
	l = fields(t, do(t, http.MethodGet, srv.URL()+"/files?limit=1&order=asc&after="+files[0], bearer, ""))
	if len(l["data"].([]any)) != 1 || l["has_more"] != false || l["first_id"] != files[1] {
		t.Errorf("second page: %v", l)
	}
	if a := do(t, http.MethodGet, srv.URL()+"/files/"+files[0], bearer, ""); a.status != 200 || fields(t, a)["id"] != files[0] {
		t.Errorf("retrieve: %d %s", a.status, a.body)
	}
	if a := do(t, http.MethodGet, srv.URL()+"/files/"+files[0]+"/content", bearer, ""); a.status != 200 || a.body != "{}\n" {
		t.Errorf("content: %d %q", a.status, a.body)
	}
	a := do(t, http.MethodDelete, srv.URL()+"/files/"+files[0], bearer, "")
	if diff := cmp.Diff(map[string]any{"id": files[0], "object": "file", "deleted": true}, fields(t, a)); diff != "" {
		t.Errorf("delete (-want +got):\n%s", diff)
	}
	for _, p := range []string{"/files/" + files[0], "/files/" + files[0] + "/content"} {
		if a := do(t, http.MethodGet, srv.URL()+p, bearer, ""); a.status != 404 {
			t.Errorf("GET %s after delete: %d", p, a.status)
		}
	}
	if a := do(t, http.MethodGet, srv.URL()+"/files", "", ""); a.status != 401 {
		t.Errorf("no key: %d", a.status)
	}
	if a := do(t, http.MethodPut, srv.URL()+"/files", bearer, ""); a.status != 405 {
		t.Errorf("PUT /files: %d", a.status)
	}
}

func TestBatchLifecycle(t *testing.T) {
	srv := New(WithBatchDelay(30*time.Millisecond), WithScript(func(n int, req openai.ChatCompletionRequest) Reply {
		if strings.Contains(req.Messages[0].Content, "fail me") {
			return ServerError()
		}
		return Reply{}
	}))
	defer srv.Close()
	b := createBatch(t, srv, batchLine("a", "m", "hello"), batchLine("b", "m", "fail me"), batchLine("c", "m", "bye"))
	if diff := cmp.Diff(batchKeys, keys(b)); diff != "" {
		t.Errorf("batch object keys (-want +got):\n%s", diff)
	}
	if b["object"] != "batch" || b["status"] != "validating" || b["completion_window"] != "24h" || b["output_file_id"] != nil ||
		b["expires_at"].(float64)-b["created_at"].(float64) != 24*3600 {
		t.Errorf("new batch %v", b)
	}
	if diff := cmp.Diff(map[string]any{"run": "t"}, b["metadata"]); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	seen, b := waitBatch(t, srv, b["id"].(string))
	if !inOrder(seen, "validating", "in_progress", "finalizing", "completed") || seen[len(seen)-1] != "completed" {
		t.Errorf("statuses %v: want validating → in_progress → finalizing → completed", seen)
	}
	if diff := cmp.Diff(map[string]any{"total": 3.0, "completed": 2.0, "failed": 1.0}, b["request_counts"]); diff != "" {
		t.Errorf("request_counts (-want +got):\n%s", diff)
	}
	for _, k := range []string{"in_progress_at", "finalizing_at", "completed_at"} {
		if b[k] == nil {
			t.Errorf("%s is null", k)
		}
	}
	out := outputLines(t, srv, b["output_file_id"])
	if len(out) != 2 {
		t.Fatalf("%d output lines, want 2", len(out))
	}
	for _, l := range out {
		if diff := cmp.Diff([]string{"custom_id", "error", "id", "response"}, keys(l)); diff != "" {
			t.Errorf("output line keys (-want +got):\n%s", diff)
		}
		resp := l["response"].(map[string]any)
		body := resp["body"].(map[string]any)
		if l["error"] != nil || resp["status_code"] != 200.0 || resp["request_id"] == "" || body["object"] != "chat.completion" ||
			!strings.HasPrefix(l["id"].(string), "batch_req_") {
			t.Errorf("output line %v", l)
		}
	}
	errs := outputLines(t, srv, b["error_file_id"])
	if len(errs) != 1 || errs[0]["custom_id"] != "b" || errs[0]["response"].(map[string]any)["status_code"] != 500.0 || errs[0]["error"] != nil {
		t.Errorf("error file %v: want line b with status 500", errs)
	}
	// Each line was answered as the same request online, marked as a batch's.
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == "/v1/chat/completions" {
			n++
			if r.Header.Get("X-Fake-Batch") != b["id"] || r.Header.Get("Authorization") != "[redacted]" {
				t.Errorf("line request headers %v", r.Header)
			}
		}
	}
	if n != 3 {
		t.Errorf("%d chat requests, want 3", n)
	}
}

func TestBatchCreateValidation(t *testing.T) {
	srv := New()
	defer srv.Close()
	batchFile := fields(t, upload(t, srv, "in.jsonl", "batch", inputFile(batchLine("a", "m", "x"))))["id"]
	otherFile := fields(t, upload(t, srv, "notes.txt", "user_data", []byte("x")))["id"]
	tests := []struct {
		name, body string
		status     int
		want       string
	}{
		{"no input file", `{"endpoint": "/v1/chat/completions", "completion_window": "24h"}`, 400, "input_file_id"},
		{"unknown endpoint", fmt.Sprintf(`{"input_file_id": %q, "endpoint": "/v1/images", "completion_window": "24h"}`, batchFile), 400, "endpoint"},
		{"window", fmt.Sprintf(`{"input_file_id": %q, "endpoint": "/v1/chat/completions", "completion_window": "48h"}`, batchFile), 400, "completion_window"},
		{"unknown file", `{"input_file_id": "file-nope", "endpoint": "/v1/chat/completions", "completion_window": "24h"}`, 404, "No such File"},
		{"file of another purpose", fmt.Sprintf(`{"input_file_id": %q, "endpoint": "/v1/chat/completions", "completion_window": "24h"}`, otherFile), 400, "purpose"},
		{"metadata not strings", fmt.Sprintf(`{"input_file_id": %q, "endpoint": "/v1/chat/completions", "completion_window": "24h", "metadata": {"n": 1}}`, batchFile), 400, "metadata"},
		{"null metadata", fmt.Sprintf(`{"input_file_id": %q, "endpoint": "/v1/chat/completions", "completion_window": "24h", "metadata": null}`, batchFile), 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := do(t, http.MethodPost, srv.URL()+"/batches", bearer, tt.body)
			if a.status != tt.status || !strings.Contains(a.body, tt.want) {
				t.Errorf("status %d (%s), want %d with %q", a.status, a.body, tt.status, tt.want)
			}
			if a.status != 200 {
				if e, ok := fields(t, a)["error"].(map[string]any); !ok || e["message"] == nil || e["type"] == nil {
					t.Errorf("error shape %s", a.body)
				}
			}
		})
	}
}

func TestBatchValidationFails(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		code  string
		line  float64
	}{
		{"duplicate custom_id", []string{batchLine("a", "m", "x"), batchLine("a", "m", "y")}, "duplicate_custom_id", 2},
		{"two models", []string{batchLine("a", "m", "x"), batchLine("b", "n", "y")}, "mismatched_model", 2},
		{"not JSON", []string{batchLine("a", "m", "x"), `{"custom_id": `}, "invalid_json_line", 2},
		{"wrong url", []string{strings.Replace(batchLine("a", "m", "x"), "/v1/chat/completions", "/v1/embeddings", 1)}, "mismatched_endpoint", 1},
		{"no custom_id", []string{`{"method": "POST", "url": "/v1/chat/completions", "body": {"model": "m"}}`}, "missing_required_parameter", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := New()
			defer srv.Close()
			b := createBatch(t, srv, tt.lines...)
			_, b = waitBatch(t, srv, b["id"].(string))
			if b["status"] != "failed" || b["failed_at"] == nil || b["output_file_id"] != nil {
				t.Fatalf("batch %v, want failed", b)
			}
			errs := b["errors"].(map[string]any)
			data := errs["data"].([]any)
			e := data[0].(map[string]any)
			if errs["object"] != "list" || e["code"] != tt.code || e["line"] != tt.line || e["message"] == "" {
				t.Errorf("errors %v, want code %s on line %v", errs, tt.code, tt.line)
			}
		})
	}
	t.Run("too many requests", func(t *testing.T) {
		srv := New(WithBatchLimits(2, 0))
		defer srv.Close()
		b := createBatch(t, srv, batchLine("a", "m", "x"), batchLine("b", "m", "x"), batchLine("c", "m", "x"))
		_, b = waitBatch(t, srv, b["id"].(string))
		if b["status"] != "failed" || !strings.Contains(fmt.Sprint(b["errors"]), "too_many_requests") {
			t.Errorf("batch %v, want failed with too_many_requests", b)
		}
	})
}

func TestBatchFaults(t *testing.T) {
	srv := New(WithBatchFaults(func(id string) BatchFault {
		switch id {
		case "b":
			return BatchError
		case "d":
			return BatchExpire
		}
		return BatchAnswer
	}))
	defer srv.Close()
	b := createBatch(t, srv, batchLine("a", "m", "1"), batchLine("b", "m", "2"), batchLine("c", "m", "3"), batchLine("d", "m", "4"), batchLine("e", "m", "5"))
	_, b = waitBatch(t, srv, b["id"].(string))
	if b["status"] != "expired" || b["expired_at"] == nil {
		t.Fatalf("batch %v, want expired", b)
	}
	var ok []string
	for _, l := range outputLines(t, srv, b["output_file_id"]) {
		ok = append(ok, l["custom_id"].(string))
	}
	if diff := cmp.Diff([]string{"a", "c"}, ok); diff != "" {
		t.Errorf("output lines (-want +got):\n%s", diff)
	}
	codes := map[string]string{}
	for _, l := range outputLines(t, srv, b["error_file_id"]) {
		if l["response"] != nil {
			t.Errorf("error line %v: want response null", l)
		}
		codes[l["custom_id"].(string)] = l["error"].(map[string]any)["code"].(string)
	}
	want := map[string]string{"b": "request_timeout", "d": "batch_expired", "e": "batch_expired"}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("error lines (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"total": 5.0, "completed": 2.0, "failed": 3.0}, b["request_counts"]); diff != "" {
		t.Errorf("request_counts (-want +got):\n%s", diff)
	}
	shares := BatchFaultShares(0.3, 0, 1)
	failed := 0
	for i := range 1000 {
		if shares(fmt.Sprint(i)) == BatchError {
			failed++
		}
		if shares(fmt.Sprint(i)) != shares(fmt.Sprint(i)) {
			t.Fatal("BatchFaultShares is not deterministic")
		}
	}
	if failed < 250 || failed > 350 {
		t.Errorf("%d of 1000 lines failed, want about 300", failed)
	}
}

func TestBatchCancelAndList(t *testing.T) {
	srv := New(WithBatchDelay(200 * time.Millisecond))
	defer srv.Close()
	var ids []string
	for i := range 3 {
		ids = append(ids, createBatch(t, srv, batchLine(fmt.Sprint(i), "m", "x"))["id"].(string))
	}
	a := do(t, http.MethodPost, srv.URL()+"/batches/"+ids[0]+"/cancel", bearer, "")
	if b := fields(t, a); a.status != 200 || b["status"] != "cancelling" || b["cancelling_at"] == nil {
		t.Fatalf("cancel: %d %v", a.status, b)
	}
	seen, b := waitBatch(t, srv, ids[0])
	if diff := cmp.Diff([]string{"cancelling", "cancelled"}, seen); diff != "" || b["cancelled_at"] == nil {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	errs := outputLines(t, srv, b["error_file_id"])
	if len(errs) != 1 || errs[0]["error"].(map[string]any)["code"] != "batch_cancelled" {
		t.Errorf("error file of a cancelled batch: %v", errs)
	}
	if a := do(t, http.MethodPost, srv.URL()+"/batches/"+ids[0]+"/cancel", bearer, ""); a.status != 400 {
		t.Errorf("cancelling a cancelled batch: %d", a.status)
	}
	if a := do(t, http.MethodPost, srv.URL()+"/batches/batch_nope/cancel", bearer, ""); a.status != 404 {
		t.Errorf("cancelling an unknown batch: %d", a.status)
	}

	l := fields(t, do(t, http.MethodGet, srv.URL()+"/batches?limit=2", bearer, ""))
	var got []string
	for _, b := range l["data"].([]any) {
		got = append(got, b.(map[string]any)["id"].(string))
	}
	newest := slices.Clone(ids)
	slices.Reverse(newest)
	if diff := cmp.Diff(newest[:2], got); diff != "" || l["has_more"] != true || l["object"] != "list" || l["first_id"] != newest[0] || l["last_id"] != newest[1] {
		t.Errorf("first page %v (-want +got ids):\n%s", l, diff)
	}
	l = fields(t, do(t, http.MethodGet, srv.URL()+"/batches?limit=2&after="+newest[1], bearer, ""))
	if data := l["data"].([]any); len(data) != 1 || data[0].(map[string]any)["id"] != ids[0] || l["has_more"] != false {
		t.Errorf("second page %v", l)
	}
	if a := do(t, http.MethodGet, srv.URL()+"/batches?limit=101", bearer, ""); a.status != 400 {
		t.Errorf("limit 101: %d", a.status)
	}
}

func TestWithoutBatchAPI(t *testing.T) {
	srv := New(WithoutBatchAPI())
	defer srv.Close()
	for _, p := range []string{"/files", "/batches", "/batches/b"} {
		if a := do(t, http.MethodGet, srv.URL()+p, bearer, ""); a.status != 404 {
			t.Errorf("GET %s: %d, want 404", p, a.status)
		}
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
