package chat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCacheKey(t *testing.T) {
	base := request(1)
	base.Temperature = ptr[float32](0.2)
	base.Seed = ptr(1)
	change := func(f func(*Request)) Request {
		r := base
		r.Messages = append([]Message(nil), base.Messages...)
		f(&r)
		return r
	}
	differ := map[string]Request{
		"model":          change(func(r *Request) { r.Model = "other" }),
		"temperature":    change(func(r *Request) { r.Temperature = ptr[float32](0.3) }),
		"no temperature": change(func(r *Request) { r.Temperature = nil }),
		"seed":           change(func(r *Request) { r.Seed = ptr(2) }),
		"max tokens":     change(func(r *Request) { r.MaxTokens = 501 }),
		"message":        change(func(r *Request) { r.Messages[1].Content += "." }),
		"role":           change(func(r *Request) { r.Messages[0].Role = "user" }),
		"schema":         change(func(r *Request) { r.Schema = &Schema{Name: "section", Schema: json.RawMessage(`{"type":"object"}`)} }),
		"schema name":    change(func(r *Request) { r.Schema = &Schema{Name: "other", Schema: sectionSchema.Schema} }),
		"no schema":      change(func(r *Request) { r.Schema = nil }),
	}
	same := map[string]Request{
		"schema whitespace": change(func(r *Request) {
			var b bytes.Buffer
			json.Compact(&b, sectionSchema.Schema)
			r.Schema = &Schema{Name: "section", Schema: json.RawMessage(b.String())}
		}),
		"format": change(func(r *Request) { r.Format = FormatJSONObject }),
	}
	k := CacheKey(base)
	if len(k) != 64 {
		t.Fatalf("key %q, want 64 hex digits", k)
	}
	for name, r := range differ {
		if CacheKey(r) == k {
			t.Errorf("%s: same key, want a different one", name)
		}
	}
	for name, r := range same {
		if CacheKey(r) != k {
			t.Errorf("%s: different key, want the same", name)
		}
	}
}

func TestCacheHitAndMiss(t *testing.T) {
	dir := t.TempDir()
	next := &scripted{reply: func(n int, req Request) (Response, error) {
		return Response{Content: `{"n":1}`, FinishReason: "stop", Rung: FormatJSONObject,
			Usage: Usage{Requests: 1, PromptTokens: 100, CompletionTokens: 5}}, nil
	}}
	c := WithCache(next, dir)
	ctx := context.Background()
	first, err := c.Complete(ctx, request(1))
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Complete(ctx, request(1))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(next.Calls()); got != 1 {
		t.Errorf("%d calls, want 1", got)
	}
	want := Response{Content: `{"n":1}`, FinishReason: "stop", Rung: FormatJSONObject, Usage: Usage{CacheHits: 1}}
	if diff := cmp.Diff(want, second); diff != "" {
		t.Errorf("hit (-want +got):\n%s", diff)
	}
	if first.Usage.Requests != 1 || first.Usage.CacheHits != 0 {
		t.Errorf("miss usage %+v", first.Usage)
	}
	// A fresh decorator on the same dir (a rerun) hits too.
	if _, err := WithCache(next, dir).Complete(ctx, request(1)); err != nil || len(next.Calls()) != 1 {
		t.Errorf("rerun: error %v, %d calls, want a hit", err, len(next.Calls()))
	}
	if _, err := c.Complete(ctx, request(2)); err != nil || len(next.Calls()) != 2 {
		t.Errorf("another request: error %v, %d calls, want a miss", err, len(next.Calls()))
	}
	// Entries are sharded, no temporary files are left.
	matches, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	if len(matches) != 2 {
		t.Errorf("files %v, want 2 entries", matches)
	}
	for _, m := range matches {
		name := filepath.Base(m)
		if !strings.HasSuffix(name, ".json") || filepath.Base(filepath.Dir(m)) != name[:2] {
			t.Errorf("unexpected file %s", m)
		}
	}
}

func TestCacheStoresOnlyGoodAnswers(t *testing.T) {
	tests := []struct {
		name string
		resp Response
		err  error
	}{
		{"error", Response{Usage: Usage{Requests: 1}}, &APIError{Status: 500}},
		{"truncated", Response{Content: `{"a":`, FinishReason: "length"}, nil},
		{"truncated error", Response{Content: `{"a":`, FinishReason: "length"}, &TruncatedError{Partial: `{"a":`}},
		{"cancelled", Response{}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			next := &scripted{reply: func(int, Request) (Response, error) { return tt.resp, tt.err }}
			c := WithCache(next, dir)
			for range 2 {
				_, err := c.Complete(context.Background(), request(1))
				if !errors.Is(err, tt.err) {
					t.Errorf("error %v, want %v", err, tt.err)
				}
			}
			if got := len(next.Calls()); got != 2 {
				t.Errorf("%d calls, want 2 (nothing cached)", got)
			}
		})
	}
}

func TestCacheCorruptEntryIsAMiss(t *testing.T) {
	dir := t.TempDir()
	next := &scripted{reply: func(int, Request) (Response, error) {
		return Response{Content: "{}", FinishReason: "stop"}, nil
	}}
	c := WithCache(next, dir)
	key := CacheKey(request(1))
	p := filepath.Join(dir, key[:2], key+".json")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(`{"version":1,"content":`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Complete(context.Background(), request(1)); err != nil {
		t.Fatal(err)
	}
	if got := len(next.Calls()); got != 1 {
		t.Errorf("%d calls, want 1", got)
	}
	data, _ := os.ReadFile(p)
	if !json.Valid(data) {
		t.Errorf("entry not rewritten: %s", data)
	}
}

func TestClearCache(t *testing.T) {
	dir := t.TempDir()
	next := &scripted{reply: func(int, Request) (Response, error) { return Response{Content: "{}", FinishReason: "stop"}, nil }}
	c := WithCache(next, dir)
	for i := range 5 {
		c.Complete(context.Background(), request(i))
	}
	// Files that are not cache entries survive.
	keep := []string{filepath.Join(dir, "notes.txt"), filepath.Join(dir, "zz", "x.json"), filepath.Join(dir, "ab", "ab.json")}
	for _, p := range keep {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "ab", ".tmp-123"), []byte("partial"), 0o644)

	removed, err := ClearCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	if removed != 5 {
		t.Errorf("removed %d, want 5", removed)
	}
	var left []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, p)
		}
		return nil
	})
	if diff := cmp.Diff(keep, left, cmpSortStrings); diff != "" {
		t.Errorf("files left (-want +got):\n%s", diff)
	}
	if n, err := ClearCache(filepath.Join(dir, "missing")); n != 0 || err != nil {
		t.Errorf("missing dir: %d, %v; want 0, nil", n, err)
	}
	// After clearing, requests go out again.
	c.Complete(context.Background(), request(0))
	if got := len(next.Calls()); got != 6 {
		t.Errorf("%d calls, want 6", got)
	}
}

func TestScopedCacheKeepsEndpointsApart(t *testing.T) {
	req := Request{Model: "m", Messages: []Message{{Role: "user", Content: "x"}}}
	a, b := ScopedCacheKey("https://one.example/v1", req), ScopedCacheKey("https://two.example/v1", req)
	if a == b {
		t.Errorf("two endpoints share the cache key %s", a)
	}
	if CacheKey(req) != ScopedCacheKey("", req) {
		t.Errorf("CacheKey differs from the unscoped key")
	}
}

func TestForgetDropsAnEntry(t *testing.T) {
	dir := t.TempDir()
	next := &scripted{reply: func(int, Request) (Response, error) { return Response{Content: "{}", Usage: Usage{Requests: 1}}, nil }}
	c := WithScopedCache(next, dir, "s")
	req := request(1)
	c.Complete(context.Background(), req)
	c.(Forgetter).Forget(req)
	c.Complete(context.Background(), req)
	if got := len(next.Calls()); got != 2 {
		t.Errorf("%d calls, want 2: a forgotten answer is asked again", got)
	}
}
