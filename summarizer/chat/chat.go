// Package chat talks to OpenAI-compatible chat completion endpoints: one small Completer
// interface, its implementation over github.com/sashabaranov/go-openai, and decorators
// (retry, rate limit, cache, adaptive concurrency bound, structured-output fallback) that
// wrap it.
//
// The recommended stack, outermost first, is
//
//	WithCache → WithRetry → WithStructured → WithAdaptiveConcurrency → WithRateLimit → NewOpenAI
//
// The cache answers reruns without any call. Retry sits above the structured layer so that
// an answer that is not valid JSON (ErrMalformed) is asked again and counted as a retry,
// and so that a request waiting out a Retry-After does not hold a concurrency slot. The
// concurrency bound sits right above the rate limiter and the HTTP client, so it bounds
// the requests actually in flight and sees each one's 429.
package chat

import (
	"context"
	"encoding/json"
)

// Completer completes one chat request. Implementations are safe for concurrent use.
type Completer interface {
	Complete(ctx context.Context, req Request) (Response, error)
}

// Message is one chat message. Role is "system", "user" or "assistant".
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Schema asks for structured output: a JSON Schema object the answer must satisfy.
type Schema struct {
	Name   string          `json:"name"`   // ^[a-zA-Z0-9_-]+$
	Schema json.RawMessage `json:"schema"` // a JSON Schema object
}

// Request is one chat completion request.
type Request struct {
	Model       string    `json:"model"`
	Messages    []Message `json:"messages"`
	Temperature *float32  `json:"temperature,omitempty"`
	Seed        *int      `json:"seed,omitempty"`
	MaxTokens   int       `json:"max_tokens,omitempty"`
	Schema      *Schema   `json:"schema,omitempty"` // nil: free text
	// Format is the structured-output rung the adapter sends for a Request with a Schema:
	// FormatJSONSchema (also when ""), FormatJSONObject or FormatInstructions (no
	// response_format). WithStructured sets it; callers normally leave it empty.
	Format string `json:"format,omitempty"`
}

// Response is the answer to a Request. Content is the assistant message; for a Request
// with a Schema it is the JSON text (fences and prose already stripped when the rung was
// instructions). FinishReason "length" means the answer was truncated.
type Response struct {
	Content      string
	FinishReason string
	Rung         string // structured-output rung used: json_schema, json_object, instructions
	Usage        Usage
	RateLimits   *RateLimits // the endpoint's x-ratelimit-* headers with the answer; nil when none
}

// Usage is what one Complete call cost, including the retries and cache hits inside it.
type Usage struct {
	Requests         int // HTTP requests sent (0 on a cache hit)
	PromptTokens     int
	CompletionTokens int
	CachedTokens     int
	Retries          int
	CacheHits        int
}
