package batch

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"path/filepath"
)

// ImportStats is what Import did with an output file.
type ImportStats struct {
	Lines    int    // lines read
	Stored   int    // answers filed in the cache
	Unusable int    // lines of known requests without a usable answer
	Unknown  int    // lines whose custom_id no input file in the directory has
	Why      string // the reasons of the unusable lines: "3 HTTP 400, 1 truncated"
}

// Import files the answers of a batch output file read from r (named name in errors) in
// the cache directory cacheDir: the output of a batch input file of dir run by another
// batch runner, such as vLLM's run_batch, in OpenAI's output format. Each line's
// custom_id names its input file (r1f001 → dir/r1-001.jsonl), whose index gives the
// cache key; the answer is checked as the online path checks one (chat.BatchAnswer) and
// stored under that key, so that the same summarize command answers the request from
// the cache. Lines that hold no usable answer are counted, not stored. The error is a
// read error, an index that cannot be read, or ctx's.
func Import(ctx context.Context, dir, cacheDir string, r io.Reader, name string) (ImportStats, error) {
	var st ImportStats
	sinks := map[string]*sink{} // by input file; nil: no such input file in dir
	defer func() {
		for _, s := range sinks {
			if s != nil {
				s.close()
			}
		}
	}()
	var ierr error
	err := eachLine(ctx, r, name, func(line []byte) {
		st.Lines++
		var ol struct {
			CustomID string `json:"custom_id"`
		}
		_ = json.Unmarshal(line, &ol)
		round, n, ok := parseTag(ol.CustomID)
		if !ok || ierr != nil {
			st.Unknown++
			return
		}
		path := filepath.Join(dir, fileName(round, n))
		s, seen := sinks[path]
		if !seen {
			var err error
			s, err = openSink(cacheDir, path)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				ierr = err
			}
			sinks[path] = s
		}
		if s == nil {
			st.Unknown++
			return
		}
		s.line(line)
	})
	if err := errors.Join(err, ierr); err != nil {
		return st, err
	}
	reasons := map[string]int{}
	for _, s := range sinks {
		if s == nil {
			continue
		}
		st.Stored += s.stored
		for k, v := range s.reasons {
			if k == reasonUnknown || k == reasonUnreadable {
				st.Unknown += v
				continue
			}
			reasons[k] += v
			st.Unusable += v
		}
	}
	st.Why = summarize(reasons)
	return st, nil
}
