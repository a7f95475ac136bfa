package batch

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	openai "github.com/sashabaranov/go-openai"
)

// Limits bound one batch input file. OpenAILimits are OpenAI's.
type Limits struct {
	Requests int   // lines per file
	Bytes    int64 // bytes per file
}

// OpenAILimits are the limits of OpenAI's Batch API on an input file: 50,000 requests
// and 200 MB (taken as 200,000,000 bytes).
var OpenAILimits = Limits{Requests: 50_000, Bytes: 200_000_000}

// errTooBig is the error of a request whose line alone is over Limits.Bytes.
var errTooBig = errors.New("request larger than a batch file may be")

// inputLine is one line of a batch input file, as OpenAI documents it.
type inputLine struct {
	CustomID string                       `json:"custom_id"`
	Method   string                       `json:"method"`
	URL      string                       `json:"url"`
	Body     openai.ChatCompletionRequest `json:"body"`
}

// indexEntry is one line of a batch file's index: what the runner needs to file the
// answer to a custom_id in the cache.
type indexEntry struct {
	Key    string // the cache key of the request
	Offset int64  // of the request's line in the input file
	Length int
	Rung   string // structured-output rung the request was written on
	Schema string // schema name; "" for a free-text request
	Model  string

	stored bool // set while reading the output
}

// IndexPath is the path of the index of the input file path: r1-001.jsonl → r1-001.index.tsv.
func IndexPath(path string) string {
	return strings.TrimSuffix(path, ".jsonl") + ".index.tsv"
}

// fileName is the name of input file n (from 1) of round: "r1-001.jsonl".
func fileName(round, n int) string { return fmt.Sprintf("r%d-%03d.jsonl", round, n) }

// tag is the custom_id prefix of input file n of round: "r1f001"; it names the index
// that maps the custom_id.
func tag(round, n int) string { return fmt.Sprintf("r%df%03d", round, n) }

// parseTag reads the round and file of a custom_id's tag.
func parseTag(customID string) (round, n int, ok bool) {
	t, _, _ := strings.Cut(customID, ".")
	r, f, found := strings.Cut(strings.TrimPrefix(t, "r"), "f")
	if !found || !strings.HasPrefix(t, "r") {
		return 0, 0, false
	}
	round, err1 := strconv.Atoi(r)
	n, err2 := strconv.Atoi(f)
	return round, n, err1 == nil && err2 == nil && round > 0 && n > 0
}

// File is one batch input file written by a round.
type File struct {
	Path     string // the JSONL input file; its index is IndexPath(Path)
	Requests int
	Bytes    int64
}

// round writes the input files of one round, starting a new file where the next line
// would break the limits. Safe for concurrent use.
type round struct {
	dir    string
	n      int
	limits Limits

	mu    sync.Mutex
	files []File
	cur   *inputFile
	err   error // the first write error: the round is void
}

// inputFile is the input file being written, with its index.
type inputFile struct {
	File
	tag      string
	f, index *os.File
	w, iw    *bufio.Writer
	ids      map[string]bool // custom_ids in this file
}

// add writes the request body under a custom_id made of label and key, unless this file
// has it already. It returns errTooBig for a request that no file can hold.
func (r *round) add(l Label, key, rung, schema string, body openai.ChatCompletionRequest) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	for attempt := 0; ; attempt++ {
		if r.cur == nil {
			if err := r.open(); err != nil {
				r.err = err
				return err
			}
		}
		id := customID(r.cur.tag, l, key)
		if r.cur.ids[id] {
			return nil // the same request, twice in one file: once is enough
		}
		data, err := json.Marshal(inputLine{CustomID: id, Method: "POST", URL: string(openai.BatchEndpointChatCompletions), Body: body})
		if err != nil {
			return fmt.Errorf("batch line %s: %w", id, err)
		}
		size := int64(len(data) + 1)
		if size > r.limits.Bytes {
			return fmt.Errorf("%w: %d bytes, the limit is %d", errTooBig, size, r.limits.Bytes)
		}
		if r.cur.Requests+1 > r.limits.Requests || r.cur.Bytes+size > r.limits.Bytes {
			if attempt > 0 {
				return fmt.Errorf("batch line %s does not fit an empty file", id) // cannot happen
			}
			if err := r.closeCur(); err != nil {
				r.err = err
				return err
			}
			continue
		}
		if err := r.cur.write(id, data, indexEntry{Key: key, Rung: rung, Schema: schema, Model: body.Model}); err != nil {
			r.err = err
			return err
		}
		return nil
	}
}

// open starts the next input file.
func (r *round) open() error {
	n := len(r.files) + 1
	path := filepath.Join(r.dir, fileName(r.n, n))
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("batch input: %w", err)
	}
	idx, err := os.Create(IndexPath(path))
	if err != nil {
		f.Close()
		return fmt.Errorf("batch input: %w", err)
	}
	r.cur = &inputFile{File: File{Path: path}, tag: tag(r.n, n), f: f, index: idx,
		w: bufio.NewWriterSize(f, 1<<20), iw: bufio.NewWriterSize(idx, 1<<16), ids: map[string]bool{}}
	return nil
}

func (f *inputFile) write(id string, data []byte, e indexEntry) error {
	if _, err := f.w.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", f.Path, err)
	}
	if err := f.w.WriteByte('\n'); err != nil {
		return fmt.Errorf("write %s: %w", f.Path, err)
	}
	_, err := fmt.Fprintf(f.iw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\n", id, e.Key, f.Bytes, len(data), e.Rung, dash(e.Schema), dash(e.Model))
	if err != nil {
		return fmt.Errorf("write %s: %w", IndexPath(f.Path), err)
	}
	f.ids[id] = true
	f.Requests++
	f.Bytes += int64(len(data) + 1)
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func undash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// closeCur finishes the current file and adds it to the round's files.
func (r *round) closeCur() error {
	c := r.cur
	r.cur = nil
	err := errors.Join(c.w.Flush(), c.iw.Flush(), c.f.Close(), c.index.Close())
	if err != nil {
		return fmt.Errorf("write %s: %w", c.Path, err)
	}
	if c.Requests == 0 {
		removeFiles([]File{c.File})
		return nil
	}
	r.files = append(r.files, c.File)
	return nil
}

// finish closes the last file and returns the round's files.
func (r *round) finish() ([]File, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur != nil {
		if err := r.closeCur(); err != nil && r.err == nil {
			r.err = err
		}
	}
	return r.files, r.err
}

// maxCableID is the most characters of a cable id a custom_id holds: with the tag,
// section, prompt version and key, a custom_id stays within 64 characters, the limit
// some OpenAI-compatible batch services set.
const maxCableID = 24

// customID is "r1f001.07PARIS2726.s03.v1a2b3c4d.0123456789ab": the file's tag, the cable,
// the section (s01, s02, ...; ov for the overview), the prompt version and the start of
// the cache key, which keeps two requests of one section (the parts of a long one) apart.
func customID(tag string, l Label, key string) string {
	cable := sanitize(l.Cable)
	if cable == "" {
		cable = "cable"
	}
	if len(cable) > maxCableID {
		cable = cable[:maxCableID]
	}
	part := sanitize(l.Part)
	if part == "" {
		part = "x"
	}
	pv := sanitize(l.Version)
	if len(pv) > 8 {
		pv = pv[:8]
	}
	return fmt.Sprintf("%s.%s.%s.v%s.%s", tag, cable, part, pv, key[:12])
}

// sanitize keeps letters, digits, '-' and '_' of s.
func sanitize(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// readIndex reads the index of the input file path.
func readIndex(path string) (map[string]*indexEntry, error) {
	f, err := os.Open(IndexPath(path))
	if err != nil {
		return nil, fmt.Errorf("read batch index: %w", err)
	}
	defer f.Close()
	out := map[string]*indexEntry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 7 {
			return nil, fmt.Errorf("read batch index %s: line %d: %d fields, want 7", IndexPath(path), n, len(fs))
		}
		off, err1 := strconv.ParseInt(fs[2], 10, 64)
		length, err2 := strconv.Atoi(fs[3])
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("read batch index %s: line %d: %w", IndexPath(path), n, err)
		}
		out[fs[0]] = &indexEntry{Key: fs[1], Offset: off, Length: length, Rung: fs[4], Schema: undash(fs[5]), Model: undash(fs[6])}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read batch index %s: %w", IndexPath(path), err)
	}
	return out, nil
}
