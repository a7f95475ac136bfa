package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

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
	return buildEngineWith(cfg, stderr, notes, nil)
}

// buildEngineWith is buildEngine with between, when set, wrapping the completer right
// below the cache (the batch collector, which sends what it does not defer to the
// completer it wraps).
func buildEngineWith(cfg *config.Config, stderr io.Writer, notes *engineNotes, between func(chat.Completer) chat.Completer) (summarizer.Engine, error) {
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
	c, limiter, retrier, err := buildCompleter(cfg, stderr, between)
	if err != nil {
		return nil, err
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
	return &endpointEngine{Engine: eng, limiter: limiter, retrier: retrier, endpoint: endpointName(l)}, nil
}

// buildCompleter builds the chat stack of the configured endpoint, outermost first: the
// cache (when enabled), between (when set: the batch collector), retry, the
// structured-output rung, the adaptive concurrency bound, the rate limit, the endpoint.
// It returns the concurrency bound and the retry layer too, for the progress and usage
// lines and fatalGuard. Retry waits and concurrency drops are reported on stderr. The
// engines of summarize and of summarize brief share it.
func buildCompleter(cfg *config.Config, stderr io.Writer, between func(chat.Completer) chat.Completer) (chat.Completer, *chat.Adaptive, *chat.Retrier, error) {
	l := cfg.LLM
	base, err := chat.NewOpenAI(openAIOptions(l))
	if err != nil {
		return nil, nil, nil, setupf("llm: %v", err)
	}
	// Order, outside in (see package chat): the cache (a hit costs nothing), retry (an
	// invalid answer or a 429 is asked again, and a Retry-After wait holds no slot), the
	// structured-output rung, the adaptive concurrency bound (it sees every attempt's
	// 429), the rate limit (every attempt is paced), the endpoint.
	notices := &waitNotices{w: stderr, every: noticeEvery, now: time.Now}
	var c chat.Completer = chat.WithRateLimit(base, l.RequestsPerMinute, l.TokensPerMinute)
	limiter := chat.WithAdaptiveConcurrency(c, l.Concurrency, chat.AdaptiveOptions{OnChange: notices.limit})
	c, err = chat.WithStructured(limiter, l.StructuredOutput)
	if err != nil {
		return nil, nil, nil, setupf("llm: %v", err)
	}
	retrier := chat.WithRetry(c, chat.RetryOptions{Max: l.Retries, RateLimitWait: l.RateLimitWait, OnRetry: notices.retry})
	c = retrier
	if between != nil {
		c = between(c)
	}
	if cfg.Cache.Enabled {
		c = chat.WithScopedCache(c, cfg.Cache.Dir, cacheScope(l))
	}
	return c, limiter, retrier, nil
}

// openAIOptions is the client configuration of l. The API key goes to the client and
// nowhere else.
func openAIOptions(l config.LLM) chat.OpenAIOptions {
	return chat.OpenAIOptions{
		BaseURL:         l.BaseURL,
		APIKey:          l.APIKey,
		Organization:    l.Organization,
		AzureAPIVersion: l.AzureAPIVersion,
		AzureDeployment: l.AzureDeployment,
		Headers:         l.Headers,
		MaxTokensField:  maxTokensField(l.MaxTokensField),
		Timeout:         l.Timeout,
	}
}

// cacheScope is the scope of the response cache for l: answers are per endpoint (a
// model name means different models on different servers), and the structured-output
// mode is part of it (answers got by instructions are not answers to a strict schema).
func cacheScope(l config.LLM) string {
	return strings.Join([]string{l.BaseURL, l.AzureDeployment, l.AzureAPIVersion, l.Organization, l.StructuredOutput}, "|")
}

// endpointEngine is the LLM engine with what the CLI reads of its endpoint: the
// concurrency limit in force, whether the endpoint has answered, and its name for errors.
type endpointEngine struct {
	*llm.Engine
	limiter  *chat.Adaptive
	retrier  *chat.Retrier
	endpoint string
}

// endpointName is the base URL a user configured (the default one when none), without
// user information, for messages.
func endpointName(l config.LLM) string {
	base := l.BaseURL
	if base == "" {
		base = config.DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil {
		return l.Endpoint()
	}
	u.RawQuery, u.ForceQuery, u.Fragment = "", false, ""
	return u.Redacted()
}

// concurrencyLimit returns the concurrency limit in force and the configured one, for the
// progress and usage lines; ok is false for an engine without one (offline). Safe for
// concurrent use.
func concurrencyLimit(eng summarizer.Engine) (inForce, configured, lowest int, ok bool) {
	if g, isGuard := eng.(*fatalGuard); isGuard {
		eng = g.Engine
	}
	ee, isEndpoint := eng.(*endpointEngine)
	if !isEndpoint {
		return 0, 0, 0, false
	}
	return ee.limiter.Limit(), ee.limiter.Configured(), ee.limiter.Lowest(), true
}

// concurrencyNote is the usage line's account of the concurrency limit: "; concurrency
// 4" when it never moved, "; concurrency 8→3" (configured → in force at the end, with
// the lowest when lower) when the endpoint's 429s lowered it, "" without an endpoint.
func concurrencyNote(eng summarizer.Engine) string {
	now, configured, lowest, ok := concurrencyLimit(eng)
	switch {
	case !ok:
		return ""
	case lowest == configured:
		return fmt.Sprintf("; concurrency %d", configured)
	case lowest < now:
		return fmt.Sprintf("; concurrency %d→%d (lowest %d)", configured, now, lowest)
	}
	return fmt.Sprintf("; concurrency %d→%d", configured, now)
}

// noticeEvery is the least time between two notices of retry waits on stderr.
const noticeEvery = 10 * time.Second

// waitNotices reports the retry layer's waits and the concurrency limit's drops on
// stderr, one line each, so that a slow run never looks hung, on a terminal or not: the
// first at once, then at most one line per noticeEvery, which counts the waits it stands
// for. Safe for concurrent use.
type waitNotices struct {
	w     io.Writer
	every time.Duration
	now   func() time.Time

	mu     sync.Mutex
	last   time.Time
	folded int // waits since the last line that got no line of their own
}

func (n *waitNotices) retry(e chat.RetryEvent) {
	what := "retrying"
	if e.RateLimited {
		what = "waiting out the rate limit"
	}
	n.note(fmt.Sprintf("%s in %s after: %s", what, roundWait(e.Wait), oneLine(e.Err.Error(), 160)))
}

func (n *waitNotices) limit(limit, was int) {
	if limit < was {
		n.note(fmt.Sprintf("the endpoint is at capacity (429): %d requests in flight at most, down from %d", limit, was))
	}
}

func (n *waitNotices) note(msg string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	now := n.now()
	if !n.last.IsZero() && now.Sub(n.last) < n.every {
		n.folded++
		return
	}
	if n.folded > 0 {
		msg += fmt.Sprintf(" (and %d more waits in the last %s)", n.folded, now.Sub(n.last).Round(time.Second))
	}
	n.last, n.folded = now, 0
	fmt.Fprintf(n.w, "summarize: %s\n", msg)
}

// roundWait shows a wait to a tenth of a second, or in milliseconds when shorter.
func roundWait(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}

// oneLine returns s on one line, cut to about n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n]) + "…"
	}
	return s
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
// succeed (chat.Fatal: a refused key, an unknown model, an exhausted quota, a redirect to
// another host, a host that does not exist), and at the first call that failed for want
// of an answer (chat.NoAnswer: 5xx or 429 after the retry budget, a refused connection)
// while no request of the run has had a successful answer: an endpoint that refuses
// service, instead of failing every section of every cable in turn. An endpoint that has
// answered some requests is flaky, not refusing: its lost sections fail alone (exit 1).
// Errors of calls whose ctx was done (Ctrl-C, or the run already stopping) are not
// judged.
type fatalGuard struct {
	summarizer.Engine
	stop     func(error)
	mu       sync.Mutex
	err      error
	refusing bool // err is the last error of an endpoint that answered nothing
}

func (g *fatalGuard) SummarizeSection(ctx context.Context, in summarizer.SectionInput) (summarizer.SectionResult, summarizer.Usage, error) {
	res, u, err := g.Engine.SummarizeSection(ctx, in)
	g.check(ctx, err)
	return res, u, err
}

func (g *fatalGuard) Overview(ctx context.Context, in summarizer.OverviewInput) (summarizer.Overview, summarizer.Usage, error) {
	ov, u, err := g.Engine.Overview(ctx, in)
	g.check(ctx, err)
	return ov, u, err
}

func (g *fatalGuard) check(ctx context.Context, err error) {
	if err == nil || ctx.Err() != nil {
		return
	}
	ee, _ := g.Engine.(*endpointEngine)
	fatal := chat.Fatal(err)
	refusing := !fatal && ee != nil && chat.NoAnswer(err) && !ee.retrier.Answered()
	if !fatal && !refusing {
		return
	}
	g.mu.Lock()
	first := g.err == nil
	if first {
		g.err, g.refusing = err, refusing
	}
	g.mu.Unlock()
	if first {
		g.stop(err)
	}
}

// fatal returns the error that stopped the run, as the user is to read it, or nil.
func (g *fatalGuard) fatal() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.err == nil {
		return nil
	}
	name := "the endpoint"
	if ee, ok := g.Engine.(*endpointEngine); ok {
		name += " " + ee.endpoint
	}
	return setupf("%s", endpointFailure(name, g.err, g.refusing))
}

// endpointFailure says why the endpoint called name cannot serve the run, and what to
// check.
func endpointFailure(name string, err error, refusing bool) string {
	var ae *chat.APIError
	var dnsErr *net.DNSError
	isAPI := errors.As(err, &ae)
	switch {
	case errors.Is(err, chat.ErrRedirect):
		return fmt.Sprintf("%s redirects to another host, which is not followed so that neither the API key, the headers nor the cable text go there: %v (if you trust that host, set llm.base_url to it)", name, err)
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return fmt.Sprintf("cannot reach %s: no such host %q (check llm.base_url)", name, dnsErr.Name)
	case chat.Unreachable(err):
		return fmt.Sprintf("cannot reach %s: nothing answers there (%v); is the server running? (check llm.base_url)", name, rootCause(err))
	case chat.QuotaExhausted(err):
		return fmt.Sprintf("%s says the account's quota is exhausted (insufficient_quota): that is not a rate limit, and waiting will not help; check the plan and billing of the API key: %v", name, err)
	case isAPI && (ae.Status == 401 || ae.Status == 403):
		return fmt.Sprintf("%s refused the API key: %v (set OPENAI_API_KEY or llm.api_key; summarize config show)", name, err)
	case isAPI && ae.Status == 404:
		return fmt.Sprintf("%s has no such model or path: %v (check llm.model and llm.base_url; summarize config show)", name, err)
	case refusing && chat.RateLimited(err):
		return fmt.Sprintf("%s answered no request: it rate-limited every one for longer than llm.rate_limit_wait; last error: %v", name, err)
	case refusing:
		return fmt.Sprintf("%s answered no request: every one failed, after the retries of llm.retries; last error: %v", name, err)
	case chat.Fatal(err) && !isAPI && strings.Contains(err.Error(), "x509"):
		return fmt.Sprintf("%s: its TLS certificate is refused: %v (check llm.base_url)", name, rootCause(err))
	}
	return fmt.Sprintf("%s refused the request, stopping: %v (check llm.base_url, llm.api_key and llm.model: summarize config show)", name, err)
}

// rootCause is the innermost error of a chain of single wraps: "connect: connection
// refused" rather than the whole "chat completion: Post ...: dial tcp ...: ..." line.
func rootCause(err error) error {
	var op *net.OpError
	if errors.As(err, &op) {
		return op
	}
	return err
}
