package main

import (
	"fmt"
	"io"
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
	base, err := chat.NewOpenAI(chat.OpenAIOptions{
		BaseURL:         l.BaseURL,
		APIKey:          l.APIKey,
		Organization:    l.Organization,
		AzureAPIVersion: l.AzureAPIVersion,
		AzureDeployment: l.AzureDeployment,
		Headers:         l.Headers,
		MaxTokensField:  l.MaxTokensField,
		Timeout:         l.Timeout,
	})
	if err != nil {
		return nil, usagef("llm: %v", err)
	}
	// Order, outside in (see package chat): the cache (a hit costs nothing), retry (an
	// invalid answer or a 429 is asked again, and a Retry-After wait holds no slot), the
	// structured-output rung, the concurrency bound, the rate limit (every attempt is
	// paced), the endpoint.
	var c chat.Completer = chat.WithRateLimit(base, l.RequestsPerMinute, l.TokensPerMinute)
	c = chat.WithConcurrency(c, l.Concurrency)
	c, err = chat.WithStructured(c, l.StructuredOutput)
	if err != nil {
		return nil, usagef("llm: %v", err)
	}
	c = chat.WithRetry(c, chat.RetryOptions{Max: l.Retries})
	if cfg.Cache.Enabled {
		c = chat.WithCache(c, cfg.Cache.Dir)
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
		return nil, usagef("llm: %v", err)
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
