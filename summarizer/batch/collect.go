package batch

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/cablebrief/summarize/summarizer/chat"
)

// Label names the request a call is about, for its custom_id: the cable, the part of it
// ("s03" for its third section, "ov" for the overview) and the prompt version. Engine
// puts it in the context of each call.
type Label struct {
	Cable, Part, Version string
}

type labelKey struct{}

// WithLabel returns ctx carrying l.
func WithLabel(ctx context.Context, l Label) context.Context {
	return context.WithValue(ctx, labelKey{}, l)
}

func labelOf(ctx context.Context) Label {
	l, _ := ctx.Value(labelKey{}).(Label)
	return l
}

// Collector is the chat.Completer a batch run puts right below the cache. During a
// collecting pass of the Runner it records each request that is a first question (no
// assistant message in it) and not known to have failed in a batch, in the round's batch
// input files, and returns chat.ErrDeferred instead of an answer; it sends the others
// (re-asks, requests whose batch answer failed, expired or was unusable, requests too
// large for a batch file) to next, the online path. Outside a collecting pass every
// request goes to next: the Collector is then transparent.
//
// Safe for concurrent use.
type Collector struct {
	next  chat.Completer
	scope string
	opts  chat.BatchOptions

	mu     sync.Mutex
	round  *round
	failed map[string]bool // cache keys whose batch answer was not usable

	deferred atomic.Int64
	online   chat.Usage // of the requests sent online during collecting passes; under mu
}

var _ chat.Completer = (*Collector)(nil)

// NewCollector returns a Collector sending online requests to next. scope is the scope of
// the cache above it (chat.WithScopedCache), so that the answers filed later under
// chat.ScopedCacheKey(scope, req) are found; opts shape the request bodies as the online
// client would send them.
func NewCollector(next chat.Completer, scope string, opts chat.BatchOptions) *Collector {
	return &Collector{next: next, scope: scope, opts: opts, failed: map[string]bool{}}
}

// Complete defers or sends req as the type's doc says.
func (c *Collector) Complete(ctx context.Context, req chat.Request) (chat.Response, error) {
	c.mu.Lock()
	rd := c.round
	c.mu.Unlock()
	if rd == nil || followUp(req) {
		return c.send(ctx, req, rd != nil)
	}
	key := chat.ScopedCacheKey(c.scope, req)
	if c.isFailed(key) {
		return c.send(ctx, req, true)
	}
	body, err := chat.BatchBody(c.opts, req)
	if err != nil {
		return c.send(ctx, req, true) // the online path says what is wrong with it
	}
	schema := ""
	if req.Schema != nil {
		schema = req.Schema.Name
	}
	if err := rd.add(labelOf(ctx), key, c.opts.Rung(), schema, body); err != nil {
		if errors.Is(err, errTooBig) {
			return c.send(ctx, req, true)
		}
		return chat.Response{}, fmt.Errorf("defer to a batch: %w", err)
	}
	c.deferred.Add(1)
	return chat.Response{}, chat.ErrDeferred
}

func (c *Collector) send(ctx context.Context, req chat.Request, collecting bool) (chat.Response, error) {
	resp, err := c.next.Complete(ctx, req)
	if collecting {
		c.mu.Lock()
		u := &c.online
		u.Requests += resp.Usage.Requests
		u.Retries += resp.Usage.Retries
		u.PromptTokens += resp.Usage.PromptTokens
		u.CompletionTokens += resp.Usage.CompletionTokens
		u.CachedTokens += resp.Usage.CachedTokens
		c.mu.Unlock()
	}
	return resp, err
}

// followUp reports a request that continues a conversation: a re-ask, with the answer it
// corrects.
func followUp(req chat.Request) bool {
	for _, m := range req.Messages {
		if m.Role == "assistant" {
			return true
		}
	}
	return false
}

func (c *Collector) isFailed(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failed[key]
}

// fail notes that the batch answer to the request with cache key key is not usable: the
// next passes send it online.
func (c *Collector) fail(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failed[key] = true
}

// begin starts a collecting pass writing the input files of round n into dir.
func (c *Collector) begin(dir string, n int, limits Limits) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.round = &round{dir: dir, n: n, limits: limits}
}

// end ends the collecting pass and returns its input files (none when every request was
// answered without a batch).
func (c *Collector) end() ([]File, error) {
	c.mu.Lock()
	rd := c.round
	c.round = nil
	c.mu.Unlock()
	if rd == nil {
		return nil, nil
	}
	return rd.finish()
}

// Deferred returns how many requests were deferred to batches.
func (c *Collector) Deferred() int { return int(c.deferred.Load()) }

// Online returns what the requests sent online during collecting passes (re-asks,
// requests without a usable batch answer) cost: HTTP requests, retries and tokens.
func (c *Collector) Online() chat.Usage {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.online
}
