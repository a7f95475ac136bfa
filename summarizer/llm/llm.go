// Package llm is the summarizer.Engine over an OpenAI-compatible chat endpoint
// (a chat.Completer): one structured-output call per section, validated against the
// section and grounded in its paragraphs, re-asked with the precise problems when the
// answer is wrong, and one call per cable for the overview.
//
// The prompts come from package prompts; the JSON Schemas of the answers are generated
// from Go types (schema.go) in OpenAI strict mode, with the configured labels and the
// voices as enums. Cable text only ever goes into user messages, between delimiters,
// so nothing in a cable can change the instructions, the schema or the label set.
package llm

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/cablebrief/summarize/prompts"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
)

// Defaults used when the corresponding Options field is zero.
const (
	DefaultContextBudget = 6000  // tokens of section text per call
	DefaultMaxReAsks     = 2     // re-asks for an invalid, malformed or truncated answer
	DefaultReAskBudget   = 24000 // tokens the re-asks of one call may use
	DefaultMaxParts      = 8     // parts a long section may be split into
)

// ErrTooLong is returned by SummarizeSection for a section that would need more than
// Options.MaxParts parts of the context budget.
var ErrTooLong = errors.New("section too long")

// Schema names sent with the requests (chat.Schema.Name).
const (
	SectionSchemaName  = "section_result"
	OverviewSchemaName = "cable_overview"
)

// Options configure an Engine. The zero value of each field selects its default.
type Options struct {
	Model       string  // required
	Temperature float64 // always sent
	Seed        int     // sent when not 0
	MaxTokens   int     // most tokens of one answer; 0: not sent
	// Labels is the stance label set used when SectionInput.Labels is empty;
	// summarizer.DefaultLabels when this is empty too.
	Labels []string
	// LabelDefinitions define labels for the prompt ("supports": "agrees with ..."), over
	// the built-in definitions of the default labels; a label with no definition is
	// listed without one.
	LabelDefinitions map[string]string
	// ContextBudget is the most tokens (estimated as bytes/4) of section text sent in one
	// call; a longer section is split by paragraphs, each part summarised, and the parts
	// merged by one more call. 0: DefaultContextBudget; < 0: never split.
	ContextBudget int
	// MaxParts is the most parts a long section is split into; a longer one fails with
	// ErrTooLong. 0: DefaultMaxParts.
	MaxParts int
	// MaxReAsks is how often an invalid, malformed or truncated answer is re-asked;
	// 0: DefaultMaxReAsks; < 0: never. Ungrounded quotes are re-asked once on top.
	MaxReAsks int
	// ReAskBudget is the most tokens (reported by the endpoint, or estimated) that the
	// re-asks of one call may use; a re-ask that would go over it is not sent.
	// 0: DefaultReAskBudget.
	ReAskBudget int
	// PromptsDir overrides the embedded prompt templates by file name; "" uses them all.
	PromptsDir string
	// Provider, Endpoint and StructuredOutput are reported by Info; Provider is "openai"
	// when empty. Endpoint may be a base URL: Info keeps only its host.
	Provider, Endpoint, StructuredOutput string
	// Warn, when set, receives what the engine did that the report should say but that
	// is not an error (a section split to fit the budget, an answer kept after its
	// re-asks failed). It may be called from several goroutines at once.
	Warn func(in summarizer.SectionInput, msg string)
}

// Engine is the summarizer.Engine over a chat.Completer. It is safe for concurrent use
// when its Completer is.
type Engine struct {
	c       chat.Completer
	o       Options
	prompts *prompts.Set
	rung    atomic.Value // string: the structured-output rung of the last answer
}

var _ summarizer.Engine = (*Engine)(nil)

// New returns an Engine that sends its requests to c. It loads and checks the prompt
// templates, and fails on a missing model, an empty or repeated label, or a template
// that does not parse or execute.
func New(c chat.Completer, o Options) (*Engine, error) {
	if c == nil {
		return nil, errors.New("new llm engine: no chat completer")
	}
	if strings.TrimSpace(o.Model) == "" {
		return nil, errors.New("new llm engine: no model")
	}
	if err := checkLabels(o.Labels); err != nil {
		return nil, fmt.Errorf("new llm engine: %w", err)
	}
	if o.ContextBudget == 0 {
		o.ContextBudget = DefaultContextBudget
	}
	if o.MaxParts <= 0 {
		o.MaxParts = DefaultMaxParts
	}
	if o.MaxReAsks == 0 {
		o.MaxReAsks = DefaultMaxReAsks
	}
	if o.MaxReAsks < 0 {
		o.MaxReAsks = 0
	}
	if o.ReAskBudget <= 0 {
		o.ReAskBudget = DefaultReAskBudget
	}
	if o.Provider == "" {
		o.Provider = "openai"
	}
	o.Labels = slices.Clone(o.Labels)
	o.LabelDefinitions = maps.Clone(o.LabelDefinitions)
	p, err := prompts.Load(o.PromptsDir)
	if err != nil {
		return nil, fmt.Errorf("new llm engine: %w", err)
	}
	e := &Engine{c: c, o: o, prompts: p}
	if _, err := e.sectionSystem(e.labels(nil)); err != nil {
		return nil, fmt.Errorf("new llm engine: %w", err)
	}
	if _, err := e.overviewSystem(); err != nil {
		return nil, fmt.Errorf("new llm engine: %w", err)
	}
	return e, nil
}

func checkLabels(labels []string) error {
	seen := make(map[string]bool, len(labels))
	for _, l := range labels {
		if strings.TrimSpace(l) == "" {
			return errors.New("empty stance label")
		}
		if seen[l] {
			return fmt.Errorf("stance label %q given twice", l)
		}
		seen[l] = true
	}
	return nil
}

// Info describes the engine for the report: provider, model, endpoint host, prompt
// version and structured-output rung. The rung is the one the last answer came on
// (chat.Response.Rung) once there has been one, else Options.StructuredOutput: call Info
// after the calls to report the rung actually used.
func (e *Engine) Info() summarizer.EngineInfo {
	rung := e.o.StructuredOutput
	if r, _ := e.rung.Load().(string); r != "" {
		rung = r
	}
	return summarizer.EngineInfo{
		Provider:         e.o.Provider,
		Model:            e.o.Model,
		Endpoint:         endpointHost(e.o.Endpoint),
		PromptVersion:    e.prompts.Version(),
		StructuredOutput: rung,
	}
}

// PromptVersion is the hash of the prompt templates in use (prompts.Set.Version).
func (e *Engine) PromptVersion() string { return e.prompts.Version() }

func endpointHost(s string) string {
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	return u.Host
}

// labels returns the label set for a section: its own, else the configured one, else
// the default.
func (e *Engine) labels(in []string) []string {
	switch {
	case len(in) > 0:
		return in
	case len(e.o.Labels) > 0:
		return e.o.Labels
	}
	return summarizer.DefaultLabels
}

func (e *Engine) warn(in summarizer.SectionInput, format string, args ...any) {
	if e.o.Warn != nil {
		e.o.Warn(in, fmt.Sprintf(format, args...))
	}
}

// request builds a chat request for msgs.
func (e *Engine) request(msgs []chat.Message, s *chat.Schema) chat.Request {
	t := float32(e.o.Temperature)
	r := chat.Request{
		Model:       e.o.Model,
		Messages:    slices.Clone(msgs),
		Temperature: &t,
		MaxTokens:   e.o.MaxTokens,
		Schema:      s,
	}
	if e.o.Seed != 0 {
		seed := e.o.Seed
		r.Seed = &seed
	}
	return r
}

// usage converts what one Complete call cost.
func usage(u chat.Usage) summarizer.Usage {
	return summarizer.Usage{
		Requests:         u.Requests,
		PromptTokens:     u.PromptTokens,
		CompletionTokens: u.CompletionTokens,
		CachedTokens:     u.CachedTokens,
		Retries:          u.Retries,
		CacheHits:        u.CacheHits,
	}
}

// tokens estimates the tokens of s: one per four bytes, rounded up.
func tokens(s string) int { return (len(s) + 3) / 4 }

// requestTokens estimates the tokens a request may use: its messages plus the answer.
func (e *Engine) requestTokens(msgs []chat.Message) int {
	return e.promptTokens(msgs) + e.answerTokens()
}

// promptTokens estimates the prompt side of a request alone.
func (e *Engine) promptTokens(msgs []chat.Message) int {
	n := 0
	for _, m := range msgs {
		n += tokens(m.Content) + 4
	}
	return n
}
