package fakeopenai

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The Files API, as OpenAI documents it: POST /v1/files (multipart/form-data with file
// and purpose), GET /v1/files (purpose, limit, order, after), GET /v1/files/{id}, GET
// /v1/files/{id}/content, DELETE /v1/files/{id}. Files are kept in memory.

// filePurposes are the purposes an upload may give.
var filePurposes = []string{"assistants", "batch", "fine-tune", "vision", "user_data", "evals"}

// maxUpload is the largest file the Files API accepts.
const maxUpload = 512 << 20

// storedFile is one file of the Files API.
type storedFile struct {
	ID        string
	Name      string
	Purpose   string
	CreatedAt int64
	Data      []byte
}

// fileObject is the File object.
type fileObject struct {
	ID            string  `json:"id"`
	Object        string  `json:"object"`
	Bytes         int     `json:"bytes"`
	CreatedAt     int64   `json:"created_at"`
	ExpiresAt     *int64  `json:"expires_at"`
	Filename      string  `json:"filename"`
	Purpose       string  `json:"purpose"`
	Status        string  `json:"status"`
	StatusDetails *string `json:"status_details"`
}

func (f *storedFile) object() fileObject {
	return fileObject{ID: f.ID, Object: "file", Bytes: len(f.Data), CreatedAt: f.CreatedAt,
		Filename: f.Name, Purpose: f.Purpose, Status: "processed"}
}

// batchAPI holds the state of the Files and Batch APIs of a Server.
type batchAPI struct {
	mu      sync.Mutex
	seq     int
	files   map[string]*storedFile
	forder  []string // file ids in creation order
	batches map[string]*fakeBatch
	border  []string // batch ids in creation order

	off     bool // WithoutBatchAPI
	delay   time.Duration
	fault   func(customID string) BatchFault
	limits  batchLimits
	ctx     context.Context // ends when the server closes
	cancel  context.CancelFunc
	running sync.WaitGroup
}

type batchLimits struct {
	requests int
	bytes    int64
}

// init makes the maps; called with mu held.
func (a *batchAPI) init() {
	if a.files == nil {
		a.files = map[string]*storedFile{}
		a.batches = map[string]*fakeBatch{}
		a.ctx, a.cancel = context.WithCancel(context.Background())
	}
}

// newID returns a fresh id with prefix; called with mu held.
func (a *batchAPI) newID(prefix string) string {
	a.seq++
	sum := sha256.Sum256([]byte(prefix + strconv.Itoa(a.seq)))
	return prefix + hex.EncodeToString(sum[:12])
}

// addFile stores a file and returns it; called with mu held.
func (a *batchAPI) addFile(name, purpose string, data []byte) *storedFile {
	a.init()
	f := &storedFile{ID: a.newID("file-"), Name: name, Purpose: purpose, CreatedAt: time.Now().Unix(), Data: data}
	a.files[f.ID] = f
	a.forder = append(a.forder, f.ID)
	return f
}

// stop ends the batches being processed.
func (a *batchAPI) stop() {
	a.mu.Lock()
	a.init()
	a.cancel()
	a.mu.Unlock()
	a.running.Wait()
}

// serveBatchAPI answers the Files and Batch API paths; ok is false for other paths.
func (s *Server) serveBatchAPI(w http.ResponseWriter, r *http.Request, raw []byte) (status int, ok bool) {
	p := r.URL.Path
	if p != "/v1/files" && p != "/v1/batches" && !strings.HasPrefix(p, "/v1/files/") && !strings.HasPrefix(p, "/v1/batches/") {
		return 0, false
	}
	if s.bapi.off {
		return writeError(w, http.StatusNotFound, "invalid_request_error",
			fmt.Sprintf("Invalid URL (%s %s)", r.Method, p), ""), true
	}
	if st := s.checkAuth(w, r, false); st != 0 {
		return st, true
	}
	parts := strings.Split(strings.TrimPrefix(p, "/v1/"), "/")
	route := func(method string, n int) bool { return len(parts) == n && r.Method == method }
	switch {
	case parts[0] == "files" && route(http.MethodPost, 1):
		return s.uploadFile(w, r, raw), true
	case parts[0] == "files" && route(http.MethodGet, 1):
		return s.listFiles(w, r), true
	case parts[0] == "files" && route(http.MethodGet, 2):
		return s.retrieveFile(w, parts[1]), true
	case parts[0] == "files" && route(http.MethodDelete, 2):
		return s.deleteFile(w, parts[1]), true
	case parts[0] == "files" && route(http.MethodGet, 3) && parts[2] == "content":
		return s.fileContent(w, parts[1]), true
	case parts[0] == "batches" && route(http.MethodPost, 1):
		return s.createBatch(w, r, raw), true
	case parts[0] == "batches" && route(http.MethodGet, 1):
		return s.listBatches(w, r), true
	case parts[0] == "batches" && route(http.MethodGet, 2):
		return s.retrieveBatch(w, parts[1]), true
	case parts[0] == "batches" && route(http.MethodPost, 3) && parts[2] == "cancel":
		return s.cancelBatch(w, parts[1]), true
	}
	known := (parts[0] == "files" && len(parts) <= 2) || (parts[0] == "files" && len(parts) == 3 && parts[2] == "content") ||
		(parts[0] == "batches" && len(parts) <= 2) || (parts[0] == "batches" && len(parts) == 3 && parts[2] == "cancel")
	if known {
		return writeError(w, http.StatusMethodNotAllowed, "invalid_request_error",
			fmt.Sprintf("Invalid method for URL (%s %s)", r.Method, p), ""), true
	}
	return writeError(w, http.StatusNotFound, "invalid_request_error",
		fmt.Sprintf("Invalid URL (%s %s)", r.Method, p), ""), true
}

func invalid(w http.ResponseWriter, msg, param string) int {
	type apiError struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	}
	e := apiError{Message: msg, Type: "invalid_request_error"}
	if param != "" {
		e.Param = &param
	}
	return writeJSON(w, http.StatusBadRequest, struct {
		Error apiError `json:"error"`
	}{e})
}

func (s *Server) uploadFile(w http.ResponseWriter, r *http.Request, raw []byte) int {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return invalid(w, "Invalid Content-Type header, expected multipart/form-data", "")
	}
	form, err := multipart.NewReader(bytes.NewReader(raw), params["boundary"]).ReadForm(maxUpload + (1 << 20))
	if err != nil {
		return invalid(w, "Could not parse the multipart form: "+err.Error(), "")
	}
	defer form.RemoveAll()
	purpose := ""
	if v := form.Value["purpose"]; len(v) > 0 {
		purpose = v[0]
	}
	switch {
	case purpose == "":
		return invalid(w, "Missing required parameter: 'purpose'.", "purpose")
	case !slices.Contains(filePurposes, purpose):
		return invalid(w, fmt.Sprintf("'%s' is not one of %s - 'purpose'", purpose, quoteList(filePurposes)), "purpose")
	}
	fhs := form.File["file"]
	if len(fhs) == 0 {
		return invalid(w, "Missing required parameter: 'file'.", "file")
	}
	fh := fhs[0]
	if fh.Size > maxUpload {
		return invalid(w, fmt.Sprintf("File is too large: %d bytes, the limit is %d.", fh.Size, maxUpload), "file")
	}
	if purpose == "batch" && !strings.HasSuffix(strings.ToLower(fh.Filename), ".jsonl") {
		return invalid(w, "Invalid file format for Batch API. Must be .jsonl", "file")
	}
	f, err := fh.Open()
	if err != nil {
		return invalid(w, "Could not read the file: "+err.Error(), "file")
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return invalid(w, "Could not read the file: "+err.Error(), "file")
	}
	s.bapi.mu.Lock()
	sf := s.bapi.addFile(fh.Filename, purpose, data)
	obj := sf.object()
	s.bapi.mu.Unlock()
	return writeJSON(w, http.StatusOK, obj)
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + x + "'"
	}
	return strings.Join(q, ", ")
}

func (s *Server) listFiles(w http.ResponseWriter, r *http.Request) int {
	q := r.URL.Query()
	limit := 10000
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return invalid(w, "Invalid 'limit': integer below minimum value or above maximum value (1 to 10000).", "limit")
		}
		limit = n
	}
	order := q.Get("order")
	if order == "" {
		order = "desc"
	}
	if order != "asc" && order != "desc" {
		return invalid(w, fmt.Sprintf("Invalid 'order': '%s' is not one of 'asc', 'desc'.", order), "order")
	}
	purpose := q.Get("purpose")
	after := q.Get("after")
	s.bapi.mu.Lock()
	defer s.bapi.mu.Unlock()
	ids := slices.Clone(s.bapi.forder)
	if order == "desc" {
		slices.Reverse(ids)
	}
	if after != "" {
		i := slices.Index(ids, after)
		if i < 0 {
			ids = nil
		} else {
			ids = ids[i+1:]
		}
	}
	data := []fileObject{}
	more := false
	for _, id := range ids {
		f := s.bapi.files[id]
		if purpose != "" && f.Purpose != purpose {
			continue
		}
		if len(data) == limit {
			more = true
			break
		}
		data = append(data, f.object())
	}
	return writeJSON(w, http.StatusOK, listObject(data, more, func(f fileObject) string { return f.ID }))
}

// list is a page of a list endpoint.
type list[T any] struct {
	Object  string  `json:"object"`
	Data    []T     `json:"data"`
	FirstID *string `json:"first_id"`
	LastID  *string `json:"last_id"`
	HasMore bool    `json:"has_more"`
}

func listObject[T any](data []T, more bool, id func(T) string) list[T] {
	l := list[T]{Object: "list", Data: data, HasMore: more}
	if len(data) > 0 {
		first, last := id(data[0]), id(data[len(data)-1])
		l.FirstID, l.LastID = &first, &last
	}
	return l
}

// file returns the file id, or writes the 404 and returns nil.
func (s *Server) file(w http.ResponseWriter, id string) (*storedFile, int) {
	s.bapi.mu.Lock()
	s.bapi.init()
	f := s.bapi.files[id]
	s.bapi.mu.Unlock()
	if f == nil {
		return nil, writeError(w, http.StatusNotFound, "invalid_request_error", fmt.Sprintf("No such File object: %s", id), "")
	}
	return f, 0
}

func (s *Server) retrieveFile(w http.ResponseWriter, id string) int {
	f, st := s.file(w, id)
	if f == nil {
		return st
	}
	return writeJSON(w, http.StatusOK, f.object())
}

func (s *Server) fileContent(w http.ResponseWriter, id string) int {
	f, st := s.file(w, id)
	if f == nil {
		return st
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	w.WriteHeader(http.StatusOK)
	w.Write(f.Data)
	return http.StatusOK
}

func (s *Server) deleteFile(w http.ResponseWriter, id string) int {
	f, st := s.file(w, id)
	if f == nil {
		return st
	}
	s.bapi.mu.Lock()
	delete(s.bapi.files, id)
	s.bapi.forder = slices.DeleteFunc(s.bapi.forder, func(x string) bool { return x == id })
	s.bapi.mu.Unlock()
	return writeJSON(w, http.StatusOK, struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Deleted bool   `json:"deleted"`
	}{f.ID, "file", true})
}

// Files returns the ids of the files stored, in upload order (batch outputs included).
func (s *Server) Files() []string {
	s.bapi.mu.Lock()
	defer s.bapi.mu.Unlock()
	return slices.Clone(s.bapi.forder)
}
