package chat

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// cacheVersion is part of every cache key; bump it when the stored format or the meaning
// of a key changes, and old entries are simply never read again.
const cacheVersion = 1

type cache struct {
	next  Completer
	dir   string
	scope string
}

var _ Completer = (*cache)(nil)

// WithCache returns a Completer that answers a Request it has answered before from dir,
// without calling next. The key is the SHA-256 of the request's model, temperature, seed,
// max tokens, messages and schema (never the API key, which the cache does not see);
// each answer is one file, dir/ab/abcdef….json, written to a temporary file and renamed,
// so an interrupted run leaves whole entries only and a rerun resumes where it stopped.
//
// Only answers without error and not truncated are stored. A hit returns the stored
// Content, FinishReason and Rung with Usage{CacheHits: 1}. An unreadable or corrupt entry
// is a miss. Failing to write an entry does not fail the call: the next run asks again.
// Safe for concurrent use, also by several processes sharing dir. ClearCache empties dir.
func WithCache(next Completer, dir string) Completer {
	return &cache{next: next, dir: dir}
}

// WithScopedCache is WithCache with scope in every key: answers of one endpoint (its base
// URL, Azure deployment, organisation: never the API key) are not answers of another
// that serves a model of the same name.
func WithScopedCache(next Completer, dir, scope string) Completer {
	return &cache{next: next, dir: dir, scope: scope}
}

// cacheEntry is the stored form of an answer.
type cacheEntry struct {
	Version      int    `json:"version"`
	Model        string `json:"model"`
	Content      string `json:"content"`
	FinishReason string `json:"finish_reason"`
	Rung         string `json:"rung,omitempty"`
}

// CacheKey returns the hex SHA-256 key WithCache files req under.
func CacheKey(req Request) string { return ScopedCacheKey("", req) }

// ScopedCacheKey returns the key WithScopedCache files req under in scope.
func ScopedCacheKey(scope string, req Request) string {
	msgs := req.Messages
	if msgs == nil {
		msgs = []Message{}
	}
	k := struct {
		Version     int       `json:"v"`
		Scope       string    `json:"scope,omitempty"`
		Model       string    `json:"model"`
		Temperature *float32  `json:"temperature"`
		Seed        *int      `json:"seed"`
		MaxTokens   int       `json:"max_tokens"`
		Messages    []Message `json:"messages"`
		SchemaName  string    `json:"schema_name,omitempty"`
		Schema      string    `json:"schema,omitempty"`
	}{
		Version:     cacheVersion,
		Scope:       scope,
		Model:       req.Model,
		Temperature: req.Temperature,
		Seed:        req.Seed,
		MaxTokens:   req.MaxTokens,
		Messages:    msgs,
	}
	if req.Schema != nil {
		k.SchemaName = req.Schema.Name
		var b bytes.Buffer
		if err := json.Compact(&b, req.Schema.Schema); err == nil {
			k.Schema = b.String()
		} else {
			k.Schema = string(req.Schema.Schema)
		}
	}
	data, err := json.Marshal(k)
	if err != nil { // cannot happen: strings, numbers and pointers to them
		panic(fmt.Sprintf("marshal cache key: %v", err))
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (c *cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

func (c *cache) Complete(ctx context.Context, req Request) (Response, error) {
	if err := ctx.Err(); err != nil {
		return Response{}, fmt.Errorf("chat completion: %w", err)
	}
	key := ScopedCacheKey(c.scope, req)
	p := c.path(key)
	if data, err := os.ReadFile(p); err == nil {
		var e cacheEntry
		if json.Unmarshal(data, &e) == nil && e.Version == cacheVersion {
			return Response{
				Content:      e.Content,
				FinishReason: e.FinishReason,
				Rung:         e.Rung,
				Usage:        Usage{CacheHits: 1},
			}, nil
		}
	}
	resp, err := c.next.Complete(ctx, req)
	if err != nil || resp.FinishReason == "length" {
		return resp, err
	}
	data, merr := json.MarshalIndent(cacheEntry{
		Version:      cacheVersion,
		Model:        req.Model,
		Content:      resp.Content,
		FinishReason: resp.FinishReason,
		Rung:         resp.Rung,
	}, "", "  ")
	if merr == nil {
		// A failed write only costs a call on the next run; the answer is good.
		_ = writeFileAtomic(p, data)
	}
	return resp, nil
}

// writeFileAtomic writes data to path through a temporary file in the same directory and
// a rename, so readers see the old file, no file, or the whole new one.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write cache entry: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("write cache entry: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write cache entry %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write cache entry: %w", err)
	}
	return nil
}

// ClearCache removes every entry WithCache wrote under dir, and leftover temporary files,
// and returns how many entries it removed. It touches only files named like cache entries
// inside two-hex-digit directories (so a mistaken dir such as $HOME loses nothing else),
// and removes those directories when they end up empty. A missing dir is not an error.
func ClearCache(dir string) (removed int, err error) {
	shards, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("clear cache %s: %w", dir, err)
	}
	var errs []error
	for _, sh := range shards {
		if !sh.IsDir() || !isHex(sh.Name(), 2) {
			continue
		}
		sdir := filepath.Join(dir, sh.Name())
		files, err := os.ReadDir(sdir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range files {
			name := f.Name()
			entry := strings.HasSuffix(name, ".json") && isHex(strings.TrimSuffix(name, ".json"), 64) &&
				strings.HasPrefix(name, sh.Name())
			if f.IsDir() || !(entry || strings.HasPrefix(name, ".tmp-")) {
				continue
			}
			if err := os.Remove(filepath.Join(sdir, name)); err != nil {
				errs = append(errs, err)
				continue
			}
			if entry {
				removed++
			}
		}
		if rest, err := os.ReadDir(sdir); err == nil && len(rest) == 0 {
			os.Remove(sdir)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("clear cache %s: %w", dir, err)
	}
	return removed, nil
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Forgetter is implemented by a Completer that keeps answers: Forget drops the stored
// answer to req, if any, so that the next run asks again. A caller that rejects an
// answer (it failed validation after every re-ask) forgets it.
type Forgetter interface {
	Forget(req Request)
}

var _ Forgetter = (*cache)(nil)

// Forget removes the entry of req. Safe for concurrent use.
func (c *cache) Forget(req Request) {
	_ = os.Remove(c.path(ScopedCacheKey(c.scope, req)))
}
