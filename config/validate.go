package config

import (
	"fmt"
	"math"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Error is an invalid configuration value. Its message names the key, the value, where
// the value came from and what is accepted:
//
//	config: llm.structured_output: "xml" is not one of auto, json_schema, json_object, instructions (from env SUMMARIZE_LLM_STRUCTURED_OUTPUT)
//
// Value is never the API key: for llm.api_key it is empty.
type Error struct {
	Key      string   // the key, "llm.structured_output"
	Value    string   // the value as given; "" when not shown
	Source   string   // where it came from: "flag --model", "env ...", "file ...", "default"
	Accepted []string // the accepted values of an enumeration; nil otherwise
	Reason   string   // what is wrong, when Accepted is nil: "must be at least 1"
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("config: ")
	b.WriteString(e.Key)
	b.WriteString(": ")
	if e.Value != "" || e.Accepted != nil {
		b.WriteString(strconv.Quote(e.Value))
		b.WriteString(" ")
	}
	if e.Accepted != nil {
		b.WriteString("is not one of ")
		b.WriteString(strings.Join(e.Accepted, ", "))
	} else {
		b.WriteString(e.Reason)
	}
	if e.Source != "" && e.Source != "default" {
		b.WriteString(" (from ")
		b.WriteString(e.Source)
		b.WriteString(")")
	}
	return b.String()
}

// redact returns a copy of e that holds no part of key: the value of llm.api_key is
// dropped, and any other text containing the key has it replaced.
func (e *Error) redact(key string) *Error {
	out := *e
	if out.Key == "llm.api_key" {
		out.Value = ""
	}
	if len(key) >= 4 {
		out.Value = strings.ReplaceAll(out.Value, key, "(redacted)")
		out.Reason = strings.ReplaceAll(out.Reason, key, "(redacted)")
	}
	return &out
}

// redactedPlaceholder is what Show prints for a set API key; Load refuses it as a key.
const redactedPlaceholder = "(set, redacted)"

var (
	labelRE      = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	headerNameRE = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
)

// validate checks the converted configuration and returns one *Error per problem.
func validate(c *Config, src *Sources) []*Error {
	var errs []*Error
	bad := func(key, value, reason string) {
		errs = append(errs, &Error{Key: key, Value: value, Source: src.Of(key), Reason: reason})
	}
	enum := func(key, value string, accepted ...string) {
		if !slices.Contains(accepted, value) {
			errs = append(errs, &Error{Key: key, Value: value, Source: src.Of(key), Accepted: accepted})
		}
	}
	atLeast := func(key string, n, lo int) {
		if n < lo {
			bad(key, strconv.Itoa(n), fmt.Sprintf("must be at least %d", lo))
		}
	}

	enum("provider", c.Provider, ProviderAuto, ProviderOpenAI, ProviderOffline)
	enum("llm.structured_output", c.LLM.StructuredOutput,
		StructuredAuto, StructuredJSONSchema, StructuredJSONObject, StructuredInstructions)
	enum("llm.max_tokens_field", c.LLM.MaxTokensField, FieldAuto, FieldMaxTokens, FieldMaxCompletionTokens)
	atLeast("llm.concurrency", c.LLM.Concurrency, 1)
	atLeast("llm.retries", c.LLM.Retries, 0)
	atLeast("llm.max_tokens", c.LLM.MaxTokens, 1)
	atLeast("llm.requests_per_minute", c.LLM.RequestsPerMinute, 0)
	atLeast("llm.tokens_per_minute", c.LLM.TokensPerMinute, 0)
	atLeast("llm.context_budget", c.LLM.ContextBudget, 1)
	if c.LLM.Timeout <= 0 {
		bad("llm.timeout", c.LLM.Timeout.String(), "must be positive, such as 60s")
	}
	if c.LLM.RateLimitWait <= 0 {
		bad("llm.rate_limit_wait", c.LLM.RateLimitWait.String(), "must be positive, such as 5m")
	}
	if t := c.LLM.Temperature; math.IsNaN(t) || t < 0 || t > 2 {
		bad("llm.temperature", strconv.FormatFloat(t, 'g', -1, 64), "must be between 0 and 2")
	}

	if c.LLM.BaseURL != "" {
		u, err := url.Parse(c.LLM.BaseURL)
		switch {
		case err != nil:
			bad("llm.base_url", hideUserinfo(c.LLM.BaseURL), "is not a URL")
		case u.Scheme != "http" && u.Scheme != "https":
			bad("llm.base_url", u.Redacted(), "must be an http or https URL, such as http://localhost:11434/v1")
		case u.Host == "":
			bad("llm.base_url", u.Redacted(), "has no host")
		case u.RawQuery != "" || u.ForceQuery:
			// go-openai appends the path (/chat/completions) to the base URL as a string, so
			// a query ends up in the path; and a key in a URL is a secret where URLs are
			// shown. Azure's api-version has its own key.
			bad("llm.base_url", withoutQuery(u), "must not have a query string (?...): put the API key in OPENAI_API_KEY, other parameters in llm.headers, and Azure's api-version in llm.azure_api_version")
		case u.Fragment != "":
			bad("llm.base_url", u.Redacted(), "must not have a fragment (#...)")
		}
	}
	if c.LLM.APIKey == redactedPlaceholder {
		bad("llm.api_key", "", "holds the placeholder printed by config show; set the real key in OPENAI_API_KEY")
	}
	if (c.LLM.AzureAPIVersion == "") != (c.LLM.AzureDeployment == "") {
		key := "llm.azure_deployment"
		if c.LLM.AzureAPIVersion == "" {
			key = "llm.azure_api_version"
		}
		bad(key, "", "is required with Azure: set both llm.azure_api_version and llm.azure_deployment, or neither")
	}
	if c.LLM.Azure() && c.LLM.BaseURL == "" {
		bad("llm.base_url", "", "is required with Azure: https://RESOURCE.openai.azure.com")
	}
	if c.UseLLM() {
		if strings.TrimSpace(c.LLM.Model) == "" {
			bad("llm.model", "", "is required to use an LLM")
		}
		if c.LLM.APIKey == "" && c.LLM.BaseURL == "" {
			bad("llm.api_key", "", "is required for provider openai at "+DefaultBaseURL+
				": set OPENAI_API_KEY, or llm.base_url for a local server")
		}
	}
	names := make([]string, 0, len(c.LLM.Headers))
	for name := range c.LLM.Headers {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !headerNameRE.MatchString(name) {
			bad("llm.headers", "", fmt.Sprintf("header name %q is not a valid HTTP header name", name))
		}
		if strings.ContainsAny(c.LLM.Headers[name], "\r\n\x00") {
			bad("llm.headers", "", fmt.Sprintf("header %s: the value holds a line break", name))
		}
	}

	if len(c.Labels) < 2 {
		bad("labels", strings.Join(c.Labels, ","), "must name at least two labels, from agreement to disagreement")
	}
	seen := map[string]bool{}
	for _, l := range c.Labels {
		if !labelRE.MatchString(l) {
			bad("labels", l, "is not a lowercase word (a-z, then a-z, 0-9, _ or -)")
		}
		if seen[l] {
			bad("labels", l, "is listed twice")
		}
		seen[l] = true
	}

	if c.Cache.Enabled && c.Cache.Dir == "" {
		bad("cache.dir", "", "has no default: neither XDG_CACHE_HOME nor HOME is set; set cache.dir or use --no-cache")
	}
	if d := c.Prompts.Dir; d != "" {
		info, err := os.Stat(d)
		switch {
		case err != nil:
			bad("prompts.dir", d, "is not a readable directory")
		case !info.IsDir():
			bad("prompts.dir", d, "is not a directory")
		}
	}
	return errs
}

// endpointHost returns the host of base, api.openai.com when base is empty, "" when base
// does not parse.
func endpointHost(base string) string {
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return u.Host
}

// hideUserinfo drops what stands between "://" and "@" in a URL that does not parse, as
// url.URL.Redacted does for one that does.
func hideUserinfo(raw string) string {
	i := strings.Index(raw, "://")
	if i < 0 {
		return raw
	}
	rest := raw[i+3:]
	if j := strings.LastIndex(rest, "@"); j >= 0 {
		return raw[:i+3] + "xxxxx@" + rest[j+1:]
	}
	return raw
}

// withoutQuery shows u with its query replaced by "?…": a query may hold a key.
func withoutQuery(u *url.URL) string {
	v := *u
	v.RawQuery, v.ForceQuery = "", false
	return v.Redacted() + "?…"
}
