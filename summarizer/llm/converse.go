package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/prompts"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
)

// Errors that say why an answer was rejected; the error of a failed call wraps one of
// them or a *summarizer.ValidationError.
var (
	// ErrTruncated: the answer was cut off before the JSON was complete (the chat
	// layer's sentinel, so errors.Is works across both packages).
	ErrTruncated = chat.ErrTruncated
	// ErrMalformed: the answer is not a JSON object with the schema's keys and types.
	ErrMalformed = chat.ErrMalformed
	// ErrReAskBudget: a re-ask was needed but would have gone over Options.ReAskBudget.
	ErrReAskBudget = errors.New("re-ask token budget exhausted")
)

// verdict is what checking one answer found.
type verdict[T any] struct {
	val       T
	valid     bool     // parsed and valid; ground may still list problems
	err       error    // why it is not valid
	problems  []string // "path: reason" lines for the re-ask
	ground    []string // ungrounded quotes of a valid answer, "path: reason"
	truncated bool
	malformed bool
}

// conversation is one request and its re-asks.
type conversation[T any] struct {
	e      *Engine
	msgs   []chat.Message
	schema *chat.Schema
	usage  *summarizer.Usage
	check  func(content, finish string) verdict[T]
	notes  []string       // what was kept despite problems, for Options.Warn
	sent   []chat.Request // every request of the conversation, to forget on failure
	// splittable: a first answer that the chat layer reports truncated (after its own
	// retry with a larger limit) ends the conversation with errTruncatedTwice.
	splittable bool
}

// run sends the conversation and re-asks until the answer is valid and grounded, the
// re-asks are used up or the budget is spent. A valid answer whose quotes stay ungrounded
// after one re-ask is returned, as is the last valid answer when a later re-ask made it
// invalid. Otherwise the error says what was wrong with the last answer.
func (c *conversation[T]) run(ctx context.Context) (T, error) {
	var zero T
	var best *verdict[T]
	reAsks, groundAsked, spent := 0, false, 0
	msgs := slices.Clone(c.msgs)
	for first := true; ; first = false {
		req := c.e.request(msgs, c.schema)
		c.sent = append(c.sent, req)
		resp, err := c.e.c.Complete(ctx, req)
		c.usage.Add(usage(resp.Usage))
		if resp.Rung != "" {
			c.e.rung.Store(resp.Rung)
		}
		if !first {
			used := resp.Usage.PromptTokens + resp.Usage.CompletionTokens
			if used == 0 {
				used = c.e.requestTokens(msgs)
			}
			spent += used
		}
		if err != nil && !answerError(err) {
			return zero, err
		}
		if first && c.splittable && errors.Is(err, ErrTruncated) {
			return zero, fmt.Errorf("%w: %w", errTruncatedTwice, err)
		}
		v := c.check(resp.Content, resp.FinishReason)
		if err != nil && v.valid {
			// The chat layer rejected an answer that parses here: trust the chat layer.
			v = verdict[T]{err: err, problems: []string{"$: " + err.Error()},
				truncated: errors.Is(err, ErrTruncated), malformed: !errors.Is(err, ErrTruncated)}
		}
		if v.valid && len(v.ground) == 0 {
			return v.val, nil
		}
		var reask string
		switch {
		case v.valid && groundAsked:
			c.notes = append(c.notes, fmt.Sprintf("%d quote(s) still not found in their paragraph after a re-ask; kept with grounded false", len(v.ground)))
			return v.val, nil
		case v.valid:
			best, groundAsked = &v, true
			reask, err = c.e.prompts.ReAsk(reAskData(nil, v.ground, false, false))
		case reAsks >= c.e.o.MaxReAsks:
			return c.fail(best, fmt.Errorf("no valid answer after %d re-ask(s): %w", reAsks, v.err))
		default:
			reAsks++
			reask, err = c.e.prompts.ReAsk(reAskData(v.problems, nil, v.truncated, v.malformed))
		}
		if err != nil {
			return zero, err
		}
		next := slices.Clone(msgs)
		if strings.TrimSpace(resp.Content) != "" {
			next = append(next, chat.Message{Role: "assistant", Content: resp.Content})
		}
		next = append(next, chat.Message{Role: "user", Content: reask})
		if spent+c.e.requestTokens(next) > c.e.o.ReAskBudget {
			cause := v.err
			if v.valid {
				cause = fmt.Errorf("%d quote(s) not found in their paragraph", len(v.ground))
			}
			return c.fail(best, fmt.Errorf("%w (%d tokens): %w", ErrReAskBudget, c.e.o.ReAskBudget, cause))
		}
		msgs = next
		c.usage.ReAsks++
	}
}

// fail returns the best valid answer seen, noting why, or err when there is none.
func (c *conversation[T]) fail(best *verdict[T], err error) (T, error) {
	if best != nil {
		c.notes = append(c.notes, fmt.Sprintf("kept the last valid answer, with %d ungrounded quote(s): %v", len(best.ground), err))
		return best.val, nil
	}
	// The answers were rejected: a cache must not replay them to the next run, which
	// would fail the same way.
	if f, ok := c.e.c.(chat.Forgetter); ok {
		for _, r := range c.sent {
			f.Forget(r)
		}
	}
	var zero T
	return zero, err
}

func reAskData(problems, ground []string, truncated, malformed bool) (d prompts.ReAsk) {
	d.Problems = append(slices.Clone(problems), ground...)
	d.Truncated, d.Malformed = truncated, malformed
	return d
}

// answerError reports whether err from the chat layer rejects the answer itself (to be
// re-asked) rather than the request (to be returned).
func answerError(err error) bool {
	return errors.Is(err, ErrTruncated) || errors.Is(err, ErrMalformed)
}

// decode parses content into v, a pointer to an answer struct whose json keys are keys.
// It returns nil, or the problems and ErrTruncated or ErrMalformed.
func decode(content, finish string, v any, keys []string) ([]summarizer.Problem, error) {
	// The chat layer has usually extracted the JSON already; an answer it passed on as it
	// was (a truncated or malformed one) is read as it stands.
	text, ok := chat.ExtractJSON(content)
	if !ok {
		text = strings.TrimSpace(content)
	}
	truncated := finish == "length"
	if text == "" {
		if truncated {
			return []summarizer.Problem{{Path: "$", Reason: "the answer was cut off before it began"}}, ErrTruncated
		}
		return []summarizer.Problem{{Path: "$", Reason: "the answer is empty"}}, ErrMalformed
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		if truncated {
			return []summarizer.Problem{{Path: "$", Reason: "the JSON stops before it is complete"}}, ErrTruncated
		}
		if strings.Contains(err.Error(), "unexpected end of JSON input") {
			return []summarizer.Problem{{Path: "$", Reason: "not a JSON object: the JSON stops before it is complete"}}, ErrMalformed
		}
		return []summarizer.Problem{{Path: "$", Reason: "not a JSON object: " + err.Error()}}, ErrMalformed
	}
	var ps []summarizer.Problem
	for _, k := range keys {
		if _, ok := raw[k]; !ok {
			ps = append(ps, summarizer.Problem{Path: "$." + k, Reason: "required key missing"})
		}
	}
	if err := json.Unmarshal([]byte(text), v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			ps = append(ps, summarizer.Problem{Path: "$." + te.Field, Reason: fmt.Sprintf("expected %s, got JSON %s", jsonType(te.Type.Kind().String()), te.Value)})
		} else {
			ps = append(ps, summarizer.Problem{Path: "$", Reason: err.Error()})
		}
	}
	if len(ps) > 0 {
		return ps, ErrMalformed
	}
	return nil, nil
}

func jsonType(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "an integer"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "slice":
		return "an array"
	case kind == "struct", kind == "map":
		return "an object"
	case kind == "bool":
		return "a boolean"
	}
	return "a " + kind
}

// problemLines formats problems as "path: reason" lines.
func problemLines(ps []summarizer.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// decodeVerdict turns a decode failure into a verdict.
func decodeVerdict[T any](ps []summarizer.Problem, kind error) verdict[T] {
	return verdict[T]{
		err:       fmt.Errorf("%w: %s", kind, strings.Join(problemLines(ps), "; ")),
		problems:  problemLines(ps),
		truncated: errors.Is(kind, ErrTruncated),
		malformed: errors.Is(kind, ErrMalformed),
	}
}
