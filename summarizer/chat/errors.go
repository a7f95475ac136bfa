package chat

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Structured-output rungs, from the strictest to the loosest. They are the values of
// Request.Format and Response.Rung.
const (
	FormatJSONSchema   = "json_schema"  // response_format json_schema, strict
	FormatJSONObject   = "json_object"  // response_format json_object plus the schema in the prompt
	FormatInstructions = "instructions" // no response_format; the schema in the prompt
)

// ErrMalformed reports an answer that should have been JSON and is not, or a response
// body that could not be decoded. WithRetry retries it.
var ErrMalformed = errors.New("malformed answer")

// ErrTruncated reports an answer cut short by the token limit (finish_reason "length").
// The error is a *TruncatedError carrying the partial content. WithRetry asks once more
// with twice the completion limit; when that is cut short too, the caller decides
// (shorten the input: split it).
var ErrTruncated = errors.New("answer truncated by the token limit")

// ErrRedirect reports an endpoint that redirected a request to another host (or from
// https to http). The client refuses to follow: the request carries the API key, the
// custom headers and the cable text, and none of them may go to a host the configuration
// does not name. Fatal reports it.
var ErrRedirect = errors.New("redirect to another host refused")

// TruncatedError is the error for a truncated answer; errors.Is(err, ErrTruncated) holds.
type TruncatedError struct {
	Partial string // the content received before the cut
}

func (e *TruncatedError) Error() string {
	return fmt.Sprintf("%v after %d bytes", ErrTruncated, len(e.Partial))
}

// Unwrap returns ErrTruncated.
func (e *TruncatedError) Unwrap() error { return ErrTruncated }

// APIError is an HTTP error answer from the endpoint. Message never contains the API key.
type APIError struct {
	Status     int           // HTTP status code
	RetryAfter time.Duration // from Retry-After or retry-after-ms; 0 when absent
	Type       string        // the error type the server gave ("invalid_request_error"), if any
	Code       string        // the error code the server gave ("insufficient_quota"), if any
	Message    string        // the server's message, the API key redacted
	RateLimits *RateLimits   // the x-ratelimit-* headers of the answer; nil when it had none
}

// RateLimited reports whether err says "slow down" rather than "failed": a 429 that is
// not a spent quota (insufficient_quota), or a 503 with Retry-After (a server at
// capacity). WithRetry waits these out within RetryOptions.RateLimitWait instead of
// counting them against Max; WithAdaptiveConcurrency lowers its limit on them.
func RateLimited(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) || quotaSpent(ae) {
		return false
	}
	return ae.Status == 429 || (ae.Status == 503 && ae.RetryAfter > 0)
}

// quotaSpent reports OpenAI's 429 for an exhausted quota: waiting does not help.
func quotaSpent(ae *APIError) bool {
	return ae.Code == "insufficient_quota" || ae.Type == "insufficient_quota"
}

// QuotaExhausted reports whether err is the endpoint saying that the account's quota is
// spent (429 insufficient_quota): not a rate limit, and fatal to a run.
func QuotaExhausted(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && quotaSpent(ae)
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "endpoint answered %d", e.Status)
	switch {
	case e.Code != "" && e.Type != "":
		fmt.Fprintf(&b, " (%s, %s)", e.Type, e.Code)
	case e.Type != "" || e.Code != "":
		fmt.Fprintf(&b, " (%s%s)", e.Type, e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// redacted wraps an error whose text might contain secrets: Error hides them, Unwrap keeps
// errors.Is and errors.As working on the cause.
type redacted struct {
	err     error
	secrets []string
}

func (e *redacted) Error() string { return redact(e.err.Error(), e.secrets...) }
func (e *redacted) Unwrap() error { return e.err }

// redactErr returns err with every occurrence of the secrets hidden from its text.
func redactErr(err error, secrets ...string) error {
	if err == nil || len(secrets) == 0 {
		return err
	}
	return &redacted{err: err, secrets: secrets}
}

// redact replaces every occurrence of the (non-empty) secrets in s with "[redacted]".
func redact(s string, secrets ...string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "[redacted]")
		}
	}
	return s
}
