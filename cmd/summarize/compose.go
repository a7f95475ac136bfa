package main

import (
	"fmt"
	"io"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
	"github.com/cablebrief/summarize/summarizer/llm"
	"github.com/cablebrief/summarize/summarizer/offline"
)

// buildEngine is the composition root: it builds the engine the configuration asks for.
// With provider auto and no API key or base URL it says on stderr that the offline engine
// is used. The API key goes to the client and nowhere else.
func buildEngine(cfg *config.Config, stderr io.Writer) (summarizer.Engine, error) {
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
	// Order, outside in: cache (a hit costs nothing), structured-output rung, concurrency
	// bound, retry, rate limit (every attempt is paced), the endpoint.
	var c chat.Completer = chat.WithRateLimit(base, l.RequestsPerMinute, l.TokensPerMinute)
	c = chat.WithRetry(c, chat.RetryOptions{Max: l.Retries})
	c = chat.WithConcurrency(c, l.Concurrency)
	c, err = chat.WithStructured(c, l.StructuredOutput)
	if err != nil {
		return nil, usagef("llm: %v", err)
	}
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
	})
	if err != nil {
		return nil, usagef("llm: %v", err)
	}
	return eng, nil
}
