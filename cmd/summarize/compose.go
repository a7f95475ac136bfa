package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
	"github.com/cablebrief/summarize/summarizer/llm"
	"github.com/cablebrief/summarize/summarizer/offline"
)

// buildEngine is the composition root: it builds the engine the configuration asks for.
// With provider auto and no API key or base URL it says on stderr that the offline engine
// is used. The API key goes to the client and nowhere else.
//
// Engine warnings (a section split over the context budget, an answer kept after failed
// re-asks) are collected in notes, to be merged into each cable's report.
func buildEngine(cfg *config.Config, stderr io.Writer, notes *engineNotes) (summarizer.Engine, error) {
	if !cfg.UseLLM() {
		if cfg.Provider == "auto" {
			fmt.Fprintln(stderr, "summarize: no API key or base URL configured; using the built-in offline engine")
		}
		return offline.New(offline.Options{Labels: cfg.Labels}), nil
	}
	l := cfg.LLM
	if cfg.Provider == "auto" {
		fmt.Fprintf(stderr, "summarize: using the endpoint at %s, model %s\n", l.Endpoint(), l.Model)
	}
	base, err := chat.NewOpenAI(chat.OpenAIOptions{
		BaseURL:         l.BaseURL,
		APIKey:          l.APIKey,
		Organization:    l.Organization,
		AzureAPIVersion: l.AzureAPIVersion,
		AzureDeployment: l.AzureDeployment,
		Headers:         l.Headers,
		MaxTokensField:  maxTokensField(l.MaxTokensField),
		Timeout:         l.Timeout,
	})
	if err != nil {
		return nil, setupf("llm: %v", err)
	}
	// Order, outside in (see package chat): the cache (a hit costs nothing), retry (an
	// invalid answer or a 429 is asked again, and a Retry-After wait holds no slot), the
	// structured-output rung, the concurrency bound, the rate limit (every attempt is
	// paced), the endpoint.
	var c chat.Completer = chat.WithRateLimit(base, l.RequestsPerMinute, l.TokensPerMinute)
	c = chat.WithConcurrency(c, l.Concurrency)
	c, err = chat.WithStructured(c, l.StructuredOutput)
	if err != nil {
		return nil, setupf("llm: %v", err)
	}
	c = chat.WithRetry(c, chat.RetryOptions{Max: l.Retries})
	if cfg.Cache.Enabled {
		// Answers are per endpoint (a model name means different models on different servers).
		// The structured-output mode is part of it: answers got by instructions are not
		// answers to a strict schema.
		scope := strings.Join([]string{l.BaseURL, l.AzureDeployment, l.AzureAPIVersion, l.Organization, l.StructuredOutput}, "|")
		c = chat.WithScopedCache(c, cfg.Cache.Dir, scope)
	}
	eng, err := llm.New(c, llm.Options{
		Model:            l.Model,
		Temperature:      l.Temperature,
		Seed:             l.Seed,
		MaxTokens:        l.MaxTokens,
		Labels:           cfg.Labels,
		ContextBudget:    l.ContextBudget,
		PromptsDir:       cfg.Prompts.Dir,
		Provider:         "openai",
		Endpoint:         l.Endpoint(),
		StructuredOutput: l.StructuredOutput,
		Warn:             notes.add,
	})
	if err != nil {
		return nil, setupf("llm: %v", err)
	}
	return eng, nil
}

// engineNotes collects what an engine says about a section, by cable. Safe for
// concurrent use.
type engineNotes struct {
	mu    sync.Mutex
	notes map[*summarizer.Cable][]string
}

func (n *engineNotes) add(in summarizer.SectionInput, msg string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.notes == nil {
		n.notes = map[*summarizer.Cable][]string{}
	}
	name := in.Section.Title
	if name == "" {
		name = in.Section.Kind
	}
	n.notes[in.Cable] = append(n.notes[in.Cable], fmt.Sprintf("section %d (%s): %s", in.Index+1, name, msg))
}

// take removes and returns the notes of c.
func (n *engineNotes) take(c *summarizer.Cable) []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := n.notes[c]
	delete(n.notes, c)
	return out
}

// maxTokensField maps the configuration's field choice to the client's: "" lets the
// client choose by model.
func maxTokensField(f string) string {
	if f == config.FieldAuto {
		return ""
	}
	return f
}

// fatalGuard stops a run at the first error after which no request to the endpoint can
// succeed (chat.Fatal: a refused key, an unknown model, an exhausted quota), instead of
// failing every section of every cable in turn.
type fatalGuard struct {
	summarizer.Engine
	stop     func(error)
	mu       sync.Mutex
	err      error
	answered bool // some call succeeded
}

func (g *fatalGuard) SummarizeSection(ctx context.Context, in summarizer.SectionInput) (summarizer.SectionResult, summarizer.Usage, error) {
	res, u, err := g.Engine.SummarizeSection(ctx, in)
	g.check(err)
	return res, u, err
}

func (g *fatalGuard) Overview(ctx context.Context, in summarizer.OverviewInput) (summarizer.Overview, summarizer.Usage, error) {
	ov, u, err := g.Engine.Overview(ctx, in)
	g.check(err)
	return ov, u, err
}

func (g *fatalGuard) check(err error) {
	g.mu.Lock()
	if err == nil {
		g.answered = true
	}
	// A refused connection is fatal only while the endpoint has never answered: then the
	// base URL is wrong or the server is not running.
	trip := err != nil && (chat.Fatal(err) || (chat.Unreachable(err) && !g.answered))
	first := trip && g.err == nil
	if first {
		g.err = err
	}
	g.mu.Unlock()
	if first {
		g.stop(err)
	}
}

// fatal returns the error that stopped the run, or nil.
func (g *fatalGuard) fatal() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}
