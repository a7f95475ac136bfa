package chat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// OpenAIOptions configures NewOpenAI. The zero value talks to api.openai.com without a key.
type OpenAIOptions struct {
	BaseURL      string // "" means https://api.openai.com/v1; include the /v1
	APIKey       string // sent as a bearer token (api-key header for Azure); never logged
	Organization string // OpenAI-Organization header, if set

	// Azure OpenAI: when both are set the client uses Azure's URL layout
	// ({BaseURL}/openai/deployments/{AzureDeployment}/chat/completions?api-version=...)
	// and the api-key header. BaseURL is then the resource URL.
	AzureAPIVersion string
	AzureDeployment string

	Headers map[string]string // extra headers on every request

	// MaxTokensField names the field Request.MaxTokens is sent as: "max_tokens" or
	// "max_completion_tokens". "" picks max_completion_tokens for OpenAI reasoning models
	// (o1, o3, o4, gpt-5 and later) and max_tokens otherwise, which every
	// OpenAI-compatible server understands.
	MaxTokensField string

	Timeout time.Duration // per HTTP request; 0 means none (the caller's context only)
	// HTTPClient sends the requests; nil means a client with a connection pool sized for
	// concurrency. Either way the client used refuses redirects to another host (see
	// ErrRedirect): NewOpenAI uses a copy of it with that redirect policy.
	HTTPClient *http.Client
}

// minTemperature is sent when temperature 0 is asked: go-openai omits a zero temperature
// (omitempty), and the server default is 1.
const minTemperature = 1e-6

type openAIClient struct {
	client   *openai.Client
	secrets  []string // the API key and secret-looking header values, hidden from errors
	maxField string
	timeout  time.Duration
	now      func() time.Time
}

var _ Completer = (*openAIClient)(nil)

// NewOpenAI returns a Completer that sends each Request as one chat completion call.
//
// Errors: an HTTP error answer is an *APIError (with RetryAfter and RateLimits from the
// response headers); an undecodable body or an answer without choices wraps ErrMalformed;
// a request that outlived Timeout while ctx is still live wraps context.DeadlineExceeded;
// a redirect to another host, or from https to http, wraps ErrRedirect and is not
// followed (so neither the key, nor the custom headers, nor the cable text reach a host
// the configuration does not name); a cancelled ctx wraps ctx.Err(). No error text
// contains the API key. The Response's Usage counts the request also when an error is
// returned; its RateLimits hold the answer's x-ratelimit-* headers.
//
// The returned Completer does not retry, limit or cache; wrap it (see the package doc).
func NewOpenAI(o OpenAIOptions) (Completer, error) {
	switch o.MaxTokensField {
	case "", "max_tokens", "max_completion_tokens":
	default:
		return nil, fmt.Errorf("new openai client: max tokens field %q: want max_tokens or max_completion_tokens", o.MaxTokensField)
	}
	if (o.AzureAPIVersion == "") != (o.AzureDeployment == "") {
		return nil, errors.New("new openai client: azure needs both an API version and a deployment")
	}
	hc := o.HTTPClient
	if hc == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 64
		hc = &http.Client{Transport: t}
	}
	guarded := *hc
	guarded.CheckRedirect = sameHostRedirects(hc.CheckRedirect)
	hc = &guarded
	var cfg openai.ClientConfig
	if o.AzureAPIVersion != "" {
		if o.BaseURL == "" {
			return nil, errors.New("new openai client: azure needs a base URL")
		}
		cfg = openai.DefaultAzureConfig(o.APIKey, o.BaseURL)
		cfg.APIVersion = o.AzureAPIVersion
		dep := o.AzureDeployment
		cfg.AzureModelMapperFunc = func(string) string { return dep }
	} else {
		cfg = openai.DefaultConfig(o.APIKey)
		if o.BaseURL != "" {
			cfg.BaseURL = strings.TrimRight(o.BaseURL, "/")
		}
	}
	cfg.OrgID = o.Organization
	hdr := make(http.Header, len(o.Headers))
	for k, v := range o.Headers {
		hdr.Set(k, v)
	}
	cfg.HTTPClient = &headerDoer{client: hc, headers: hdr}
	return &openAIClient{
		client:   openai.NewClientWithConfig(cfg),
		secrets:  secrets(o),
		maxField: o.MaxTokensField,
		timeout:  o.Timeout,
		now:      time.Now,
	}, nil
}

// secrets lists what no error text may show: the API key, and the values of extra headers
// whose names suggest credentials (X-Api-Key, Authorization, ...).
func secrets(o OpenAIOptions) []string {
	var out []string
	if o.APIKey != "" {
		out = append(out, o.APIKey)
	}
	for k, v := range o.Headers {
		name := strings.ToLower(k)
		for _, hint := range []string{"auth", "key", "token", "secret", "cookie"} {
			if strings.Contains(name, hint) && v != "" {
				v = strings.TrimSpace(strings.TrimPrefix(v, "Bearer "))
				out = append(out, v)
				break
			}
		}
	}
	return out
}

// headerDoer adds fixed headers to every request and notes that a request was sent.
type headerDoer struct {
	client  *http.Client
	headers http.Header
}

type sentKey struct{}

func (d *headerDoer) Do(req *http.Request) (*http.Response, error) {
	for k, vs := range d.headers {
		req.Header[k] = slices.Clone(vs)
	}
	if sent, ok := req.Context().Value(sentKey{}).(*bool); ok {
		*sent = true
	}
	return d.client.Do(req)
}

func (c *openAIClient) Complete(ctx context.Context, req Request) (Response, error) {
	oreq := c.request(req)
	rctx, cancel := ctx, context.CancelFunc(func() {})
	if c.timeout > 0 {
		rctx, cancel = context.WithTimeout(ctx, c.timeout)
	}
	defer cancel()
	sent := new(bool)
	rctx = context.WithValue(rctx, sentKey{}, sent)

	resp, err := c.client.CreateChatCompletion(rctx, oreq)
	var u Usage
	if *sent {
		u.Requests = 1
	}
	if err != nil {
		return Response{Usage: u}, c.mapError(ctx, rctx, err, resp.Header())
	}
	out, err := c.answer(resp, u)
	out.RateLimits = parseRateLimits(resp.Header(), c.now())
	return out, err
}

// answer reads a chat completion answer: its first choice, and the tokens it cost added
// to u. An answer without choices wraps ErrMalformed; a refusal is an error.
func (c *openAIClient) answer(resp openai.ChatCompletionResponse, u Usage) (Response, error) {
	u.PromptTokens = resp.Usage.PromptTokens
	u.CompletionTokens = resp.Usage.CompletionTokens
	if d := resp.Usage.PromptTokensDetails; d != nil {
		u.CachedTokens = d.CachedTokens
	}
	if len(resp.Choices) == 0 {
		return Response{Usage: u}, fmt.Errorf("chat completion: answer without choices: %w", ErrMalformed)
	}
	ch := resp.Choices[0]
	if ch.Message.Content == "" && ch.Message.Refusal != "" {
		return Response{Usage: u}, fmt.Errorf("chat completion: the model refused: %s", redact(ch.Message.Refusal, c.secrets...))
	}
	return Response{
		Content:      ch.Message.Content,
		FinishReason: string(ch.FinishReason),
		Usage:        u,
	}, nil
}

// request translates req into go-openai's request.
func (c *openAIClient) request(req Request) openai.ChatCompletionRequest {
	oreq := openai.ChatCompletionRequest{
		Model:    req.Model,
		Messages: make([]openai.ChatCompletionMessage, len(req.Messages)),
		Seed:     req.Seed,
	}
	for i, m := range req.Messages {
		oreq.Messages[i] = openai.ChatCompletionMessage{Role: m.Role, Content: m.Content}
	}
	if req.Temperature != nil && !isReasoningModel(req.Model) {
		// Reasoning models accept only their default temperature: none is sent.
		oreq.Temperature = *req.Temperature
		if oreq.Temperature == 0 {
			oreq.Temperature = minTemperature
		}
	}
	if req.MaxTokens > 0 {
		field := c.maxField
		if field == "" {
			field = "max_tokens"
			if isReasoningModel(req.Model) {
				field = "max_completion_tokens"
			}
		}
		if field == "max_tokens" {
			oreq.MaxTokens = req.MaxTokens
		} else {
			oreq.MaxCompletionTokens = req.MaxTokens
		}
	}
	switch {
	case req.Schema != nil && (req.Format == "" || req.Format == FormatJSONSchema):
		oreq.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name:   req.Schema.Name,
				Schema: req.Schema.Schema,
				Strict: true,
			},
		}
	case req.Format == FormatJSONObject:
		oreq.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONObject,
		}
	}
	return oreq
}

// isReasoningModel reports models for which OpenAI rejects max_tokens.
func isReasoningModel(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}

// mapError turns a go-openai error into this package's errors, without the API key.
func (c *openAIClient) mapError(ctx, rctx context.Context, err error, h http.Header) error {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		return &APIError{
			Status:     apiErr.HTTPStatusCode,
			RetryAfter: parseRetryAfter(h, c.now()),
			Type:       redact(apiErr.Type, c.secrets...),
			Code:       redact(codeString(apiErr.Code), c.secrets...),
			Message:    redact(apiErr.Message, c.secrets...),
			RateLimits: parseRateLimits(h, c.now()),
		}
	case errors.As(err, &reqErr):
		msg := strings.TrimSpace(string(reqErr.Body))
		if msg == "" && reqErr.Err != nil {
			msg = reqErr.Err.Error()
		}
		// Redact first: a cut could leave part of a key that the whole would have matched.
		msg = redact(msg, c.secrets...)
		if r := []rune(msg); len(r) > 300 {
			msg = string(r[:300]) + "…"
		}
		return &APIError{
			Status:     reqErr.HTTPStatusCode,
			RetryAfter: parseRetryAfter(h, c.now()),
			Message:    msg,
			RateLimits: parseRateLimits(h, c.now()),
		}
	case ctx.Err() != nil:
		return fmt.Errorf("chat completion: %w", ctx.Err())
	case errors.Is(rctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("chat completion: no answer within %s: %w", c.timeout, context.DeadlineExceeded)
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syn) || errors.As(err, &typ) {
		return fmt.Errorf("chat completion: decode response: %v: %w", redactErr(err, c.secrets...), ErrMalformed)
	}
	return fmt.Errorf("chat completion: %w", redactErr(err, c.secrets...))
}

// codeString renders go-openai's error code, a string or a number, or "" when absent.
// go-openai decodes OpenAI's "code": null as the number 0.
func codeString(code any) string {
	switch c := code.(type) {
	case nil:
		return ""
	case int:
		if c == 0 {
			return ""
		}
		return fmt.Sprint(c)
	case string:
		return c
	default:
		return fmt.Sprint(c)
	}
}

// parseRetryAfter reads how long the server asks to wait: retry-after-ms (OpenAI's
// millisecond header) first, then Retry-After as seconds or an HTTP date. It returns 0
// when there is no usable header.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	if h == nil {
		return 0
	}
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// sameHostRedirects returns a redirect policy that follows a redirect only to the host
// (scheme, name and port) of the original request, or from http to https on the same
// host name, and then applies next (nil: Go's default of at most ten redirects). Any
// other redirect fails with ErrRedirect: Go would forward every header but Authorization
// and cookies (the Azure api-key, llm.headers) and the body (the cable text) to it.
func sameHostRedirects(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		from, to := via[0].URL, req.URL
		upgrade := from.Scheme == "http" && to.Scheme == "https" &&
			strings.EqualFold(from.Hostname(), to.Hostname()) && to.Port() == "" && from.Port() == ""
		if !upgrade && (from.Scheme != to.Scheme || !strings.EqualFold(hostPort(from), hostPort(to))) {
			return fmt.Errorf("%w: %s redirected to %s://%s%s", ErrRedirect, from.Redacted(), to.Scheme, to.Host, to.Path)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// hostPort is u's host with its port, the scheme's default when none is given.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return strings.ToLower(u.Hostname()) + ":" + port
}
