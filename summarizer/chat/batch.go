package chat

import (
	"encoding/json"
	"errors"
	"fmt"

	openai "github.com/sashabaranov/go-openai"
)

// What a batch runner needs of this package: the body the client would send for a
// Request (BatchBody), the reading of an answer that came back in a batch output file as
// the online path reads one (BatchAnswer), and filing an answer in the cache under a
// request's key (StoreAnswer, with ScopedCacheKey).

// ErrDeferred is returned by a Completer that recorded a request for a batch instead of
// sending it (package batch's collector). It is not an answer, not a failure of the
// endpoint, and not retried: the request is answered later, from the cache.
var ErrDeferred = errors.New("request deferred to a batch")

// BatchOptions are what of the client's configuration shapes a request body.
type BatchOptions struct {
	// MaxTokensField is OpenAIOptions.MaxTokensField: "", "max_tokens" or
	// "max_completion_tokens".
	MaxTokensField string
	// Mode is the structured-output mode of WithStructured: a Request with a Schema is
	// written on this rung; ModeAuto (or "") writes it on json_schema, the rung the
	// online path tries first.
	Mode string
}

// Rung returns the structured-output rung requests are written on: json_schema for the
// auto mode, else the mode.
func (o BatchOptions) Rung() string {
	if o.Mode == "" || o.Mode == ModeAuto {
		return FormatJSONSchema
	}
	return o.Mode
}

// BatchBody returns the chat completion request that a client built by NewOpenAI with
// o.MaxTokensField sends to /v1/chat/completions for req under WithStructured in mode
// o.Mode, on its first rung: the "body" of req's line in a batch input file, so that the
// batch is asked exactly what the online path would ask. It fails, without a call, where
// go-openai would refuse to send the request (a parameter the model does not take) or
// the mode is unknown.
func BatchBody(o BatchOptions, req Request) (openai.ChatCompletionRequest, error) {
	switch o.MaxTokensField {
	case "", "max_tokens", "max_completion_tokens":
	default:
		return openai.ChatCompletionRequest{}, fmt.Errorf("batch body: max tokens field %q: want max_tokens or max_completion_tokens", o.MaxTokensField)
	}
	rung := o.Rung()
	if indexOf(rung) < 0 {
		return openai.ChatCompletionRequest{}, fmt.Errorf("batch body: structured output mode %q: want auto, json_schema, json_object or instructions", o.Mode)
	}
	if req.Schema != nil {
		req = onRung(req, rung)
	}
	c := &openAIClient{maxField: o.MaxTokensField}
	body := c.request(req)
	if err := openai.NewReasoningValidator().Validate(body); err != nil {
		return openai.ChatCompletionRequest{}, fmt.Errorf("batch body: %w", err)
	}
	return body, nil
}

// BatchAnswer reads body, the JSON of a chat completion answer from a batch output file
// (the line's response.body), as the online path reads an answer to a request with
// schema (nil: free text) sent on rung: it returns what the stack below the cache would
// have returned, Content the bare JSON for a schema request. The errors are those of the
// online path: an undecodable body or one without choices wraps ErrMalformed, as does an
// answer that is not JSON (or, on json_schema, lacks a required key of schema); a
// truncated answer is a *TruncatedError; a refusal is an error. Usage holds the tokens
// the answer reports, with Requests 0 (no request of this run was sent for it).
func BatchAnswer(body []byte, rung string, schema *Schema) (Response, error) {
	var resp openai.ChatCompletionResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		return Response{}, fmt.Errorf("batch answer: decode the body: %v: %w", err, ErrMalformed)
	}
	c := &openAIClient{}
	out, err := c.answer(resp, Usage{})
	if err != nil {
		return out, err
	}
	if schema == nil {
		return out, nil
	}
	if rung == "" {
		rung = FormatJSONSchema
	}
	return checkStructured(out, rung, schema)
}

// StoreAnswer files resp in the cache directory dir under key (ScopedCacheKey of the
// request and the scope of the WithScopedCache that is to find it), as that cache files
// an answer it got: a later Complete of the request answers from it without a call. Only
// good answers may be stored: an error, or FinishReason "length", is refused.
func StoreAnswer(dir, key, model string, resp Response) error {
	if !isHex(key, 64) {
		return fmt.Errorf("store answer: %q is not a cache key", key)
	}
	if resp.FinishReason == "length" {
		return errors.New("store answer: a truncated answer is not stored")
	}
	data, err := json.MarshalIndent(cacheEntry{
		Version:      cacheVersion,
		Model:        model,
		Content:      resp.Content,
		FinishReason: resp.FinishReason,
		Rung:         resp.Rung,
	}, "", "  ")
	if err != nil {
		return fmt.Errorf("store answer: %w", err)
	}
	c := &cache{dir: dir}
	return writeFileAtomic(c.path(key), data)
}
