// Package config builds the effective configuration of summarize from four layers, highest
// first: command-line flags, the environment, a YAML config file and built-in defaults.
//
// Every key has an environment variable SUMMARIZE_<KEY>, the key upper-cased with dots
// turned into underscores (llm.model is SUMMARIZE_LLM_MODEL). llm.api_key and llm.base_url
// also read the ecosystem's OPENAI_API_KEY and OPENAI_BASE_URL, below their SUMMARIZE_
// names. Empty environment variables count as unset.
//
// The config file is the one named by --config (an error when missing), else
// ./summarize.yaml, else $XDG_CONFIG_HOME/summarize/config.yaml (~/.config when
// XDG_CONFIG_HOME is unset); a missing default file is not an error.
//
// The API key is never printed, logged or written: Show redacts it, errors never carry
// its value, and InitFile never contains one.
//
// Only this package imports viper, and it uses private instances (viper.New). The
// environment is read through a getenv function so that tests need not touch the process
// environment; viper's AutomaticEnv, which reads os.Getenv, is not used.
package config

import (
	"fmt"
	"math"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cablebrief/summarize/summarizer"
)

// Providers, the accepted values of Config.Provider.
const (
	ProviderAuto    = "auto"    // openai when an API key or base URL is set, else offline
	ProviderOpenAI  = "openai"  // an OpenAI-compatible endpoint
	ProviderOffline = "offline" // the built-in engine
)

// Structured-output modes, the accepted values of LLM.StructuredOutput. Auto starts at
// json_schema and steps down the ladder when the endpoint refuses it.
const (
	StructuredAuto         = "auto"
	StructuredJSONSchema   = "json_schema"
	StructuredJSONObject   = "json_object"
	StructuredInstructions = "instructions"
)

// Fields that may carry the completion token limit, the accepted values of
// LLM.MaxTokensField. Ollama ignores max_completion_tokens; OpenAI's reasoning models
// refuse max_tokens.
const (
	FieldAuto                = "auto" // max_completion_tokens for reasoning models, else max_tokens
	FieldMaxTokens           = "max_tokens"
	FieldMaxCompletionTokens = "max_completion_tokens"
)

// DefaultBaseURL is the endpoint used when llm.base_url is empty.
const DefaultBaseURL = "https://api.openai.com/v1"

// EnvPrefix starts the environment variable of every key.
const EnvPrefix = "SUMMARIZE_"

// Config is the effective configuration. Load returns it validated; the zero value is
// not valid.
type Config struct {
	Provider string // ProviderAuto, ProviderOpenAI or ProviderOffline
	LLM      LLM
	Cache    Cache
	Prompts  Prompts
	Labels   []string // stance labels, ordered from agreement to disagreement
}

// LLM configures the OpenAI-compatible endpoint and how it is called.
type LLM struct {
	BaseURL         string            // "" means DefaultBaseURL
	APIKey          string            // never print, log or write it
	Model           string            // model name; with Azure, mapped to AzureDeployment
	Organization    string            // OpenAI-Organization header; "" not sent
	AzureAPIVersion string            // with AzureDeployment set, the endpoint is Azure
	AzureDeployment string            // Azure deployment name
	Headers         map[string]string // extra HTTP headers, names canonicalised; never nil
	Temperature     float64           // 0..2; go-openai omits 0: send a tiny positive value
	Seed            int               // 0 means not sent
	MaxTokens       int               // completion token limit, at least 1
	MaxTokensField  string            // FieldAuto, FieldMaxTokens or FieldMaxCompletionTokens
	Timeout         time.Duration     // per request, positive
	Retries         int               // retries after the first attempt, at least 0; rate limits (429) do not count
	// RateLimitWait is how long one request may wait out rate limits (429, or 503 with
	// Retry-After) before it fails; positive.
	RateLimitWait time.Duration
	Concurrency   int // requests in flight at most, at least 1; lowered while the endpoint answers 429
	// RequestsPerMinute and TokensPerMinute limit the request rate; 0 is unlimited.
	RequestsPerMinute int
	TokensPerMinute   int
	StructuredOutput  string // StructuredAuto, StructuredJSONSchema, ...
	ContextBudget     int    // tokens of cable text per call before a section is split
}

// Cache configures the response cache.
type Cache struct {
	Enabled bool
	// Dir is the cache directory: never empty when Enabled. An empty setting is resolved
	// to $XDG_CACHE_HOME/summarize, else ~/.cache/summarize.
	Dir string
}

// Prompts configures the prompt templates.
type Prompts struct {
	Dir string // a directory overriding the embedded templates; "" uses the embedded ones
}

// Azure reports whether the endpoint is Azure OpenAI: both AzureAPIVersion and
// AzureDeployment are set.
func (c LLM) Azure() bool { return c.AzureAPIVersion != "" && c.AzureDeployment != "" }

// Endpoint returns the host (with port, if any) of the base URL: api.openai.com when
// BaseURL is empty, "" when it does not parse. It never holds URL user information.
func (c LLM) Endpoint() string {
	return endpointHost(c.BaseURL)
}

// UseLLM reports whether summaries come from the LLM endpoint: the provider is openai,
// or auto with an API key or base URL set.
func (c *Config) UseLLM() bool {
	switch c.Provider {
	case ProviderOpenAI:
		return true
	case ProviderAuto:
		return c.LLM.APIKey != "" || c.LLM.BaseURL != ""
	}
	return false
}

// Keys returns every configuration key in the order Show prints them.
func Keys() []string {
	defs := keyDefs()
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.name
	}
	return out
}

// EnvName returns the SUMMARIZE_ environment variable of key: SUMMARIZE_LLM_MODEL for
// llm.model.
func EnvName(key string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// kind is the type of a key's value.
type kind int

const (
	kindString kind = iota
	kindInt
	kindFloat
	kindBool
	kindDuration
	kindStringMap  // map[string]string; env "K=V,K2=V2"
	kindStringList // []string; env and strings "a,b,c"
)

// keyDef describes one key: its default, the extra environment variables read below its
// SUMMARIZE_ name, whether relative paths in a file are resolved against the file's
// directory, and how its converted value is stored into and read from a Config.
type keyDef struct {
	name   string
	kind   kind
	def    any
	env    []string // after EnvName(name), in order
	isPath bool
	set    func(c *Config, v any)
	get    func(c *Config) any
}

// keyDefs returns the table of keys. It is built on each call so that no package-level
// state can be changed.
func keyDefs() []keyDef {
	strKey := func(name, dflt string, p func(c *Config) *string) keyDef {
		return keyDef{
			name: name, kind: kindString, def: dflt,
			set: func(c *Config, v any) { *p(c) = v.(string) },
			get: func(c *Config) any { return *p(c) },
		}
	}
	intKey := func(name string, dflt int, p func(c *Config) *int) keyDef {
		return keyDef{
			name: name, kind: kindInt, def: dflt,
			set: func(c *Config, v any) { *p(c) = v.(int) },
			get: func(c *Config) any { return *p(c) },
		}
	}
	defs := []keyDef{
		strKey("provider", ProviderAuto, func(c *Config) *string { return &c.Provider }),
		strKey("llm.base_url", "", func(c *Config) *string { return &c.LLM.BaseURL }),
		strKey("llm.api_key", "", func(c *Config) *string { return &c.LLM.APIKey }),
		strKey("llm.model", "gpt-4o-mini", func(c *Config) *string { return &c.LLM.Model }),
		strKey("llm.organization", "", func(c *Config) *string { return &c.LLM.Organization }),
		strKey("llm.azure_api_version", "", func(c *Config) *string { return &c.LLM.AzureAPIVersion }),
		strKey("llm.azure_deployment", "", func(c *Config) *string { return &c.LLM.AzureDeployment }),
		{
			name: "llm.headers", kind: kindStringMap, def: map[string]any{},
			set: func(c *Config, v any) { c.LLM.Headers = v.(map[string]string) },
			get: func(c *Config) any { return c.LLM.Headers },
		},
		{
			name: "llm.temperature", kind: kindFloat, def: 0.0,
			set: func(c *Config, v any) { c.LLM.Temperature = v.(float64) },
			get: func(c *Config) any { return c.LLM.Temperature },
		},
		intKey("llm.seed", 0, func(c *Config) *int { return &c.LLM.Seed }),
		intKey("llm.max_tokens", 1500, func(c *Config) *int { return &c.LLM.MaxTokens }),
		strKey("llm.max_tokens_field", FieldAuto, func(c *Config) *string { return &c.LLM.MaxTokensField }),
		{
			name: "llm.timeout", kind: kindDuration, def: "60s",
			set: func(c *Config, v any) { c.LLM.Timeout = v.(time.Duration) },
			get: func(c *Config) any { return c.LLM.Timeout },
		},
		intKey("llm.retries", 8, func(c *Config) *int { return &c.LLM.Retries }),
		{
			name: "llm.rate_limit_wait", kind: kindDuration, def: "5m",
			set: func(c *Config, v any) { c.LLM.RateLimitWait = v.(time.Duration) },
			get: func(c *Config) any { return c.LLM.RateLimitWait },
		},
		intKey("llm.concurrency", 4, func(c *Config) *int { return &c.LLM.Concurrency }),
		intKey("llm.requests_per_minute", 0, func(c *Config) *int { return &c.LLM.RequestsPerMinute }),
		intKey("llm.tokens_per_minute", 0, func(c *Config) *int { return &c.LLM.TokensPerMinute }),
		strKey("llm.structured_output", StructuredAuto, func(c *Config) *string { return &c.LLM.StructuredOutput }),
		intKey("llm.context_budget", 6000, func(c *Config) *int { return &c.LLM.ContextBudget }),
		{
			name: "cache.enabled", kind: kindBool, def: true,
			set: func(c *Config, v any) { c.Cache.Enabled = v.(bool) },
			get: func(c *Config) any { return c.Cache.Enabled },
		},
		strKey("cache.dir", "", func(c *Config) *string { return &c.Cache.Dir }),
		strKey("prompts.dir", "", func(c *Config) *string { return &c.Prompts.Dir }),
		{
			name: "labels", kind: kindStringList, def: slices.Clone(summarizer.DefaultLabels),
			set: func(c *Config, v any) { c.Labels = v.([]string) },
			get: func(c *Config) any { return c.Labels },
		},
	}
	for i := range defs {
		switch defs[i].name {
		case "llm.base_url":
			defs[i].env = []string{"OPENAI_BASE_URL"}
		case "llm.api_key":
			defs[i].env = []string{"OPENAI_API_KEY"}
		case "cache.dir", "prompts.dir":
			defs[i].isPath = true
		}
	}
	return defs
}

// convert turns a raw value, as viper holds it (a string from the environment, a YAML
// scalar, list or map from the file, a typed value from a flag or a default), into the
// Go type of k. The error says what was expected, without the value.
func convert(k kind, raw any) (any, error) {
	switch k {
	case kindString:
		switch v := raw.(type) {
		case string:
			return v, nil
		case int, int64, float64, bool:
			return fmt.Sprint(v), nil
		case time.Time:
			// YAML reads an unquoted 2024-10-21 as a timestamp.
			if v.Equal(v.Truncate(24*time.Hour)) && v.Location() == time.UTC {
				return v.Format(time.DateOnly), nil
			}
			return v.Format(time.RFC3339Nano), nil
		}
		return nil, fmt.Errorf("is not a string")
	case kindInt:
		switch v := raw.(type) {
		case int:
			return v, nil
		case int64:
			if v < math.MinInt || v > math.MaxInt {
				return nil, fmt.Errorf("is out of range")
			}
			return int(v), nil
		case float64:
			if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
				return int(v), nil
			}
		case string:
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err == nil {
				return n, nil
			}
		}
		return nil, fmt.Errorf("is not an integer")
	case kindFloat:
		switch v := raw.(type) {
		case float64:
			return v, nil
		case int:
			return float64(v), nil
		case int64:
			return float64(v), nil
		case string:
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err == nil {
				return f, nil
			}
		}
		return nil, fmt.Errorf("is not a number")
	case kindBool:
		switch v := raw.(type) {
		case bool:
			return v, nil
		case string:
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "1", "t", "true", "yes", "y", "on":
				return true, nil
			case "0", "f", "false", "no", "n", "off":
				return false, nil
			}
		}
		return nil, fmt.Errorf("is not a boolean (true or false)")
	case kindDuration:
		switch v := raw.(type) {
		case time.Duration:
			return v, nil
		case string:
			d, err := time.ParseDuration(strings.TrimSpace(v))
			if err == nil {
				return d, nil
			}
		}
		return nil, fmt.Errorf("is not a duration with a unit, such as 60s or 2m")
	case kindStringMap:
		return convertMap(raw)
	case kindStringList:
		return convertList(raw)
	}
	return nil, fmt.Errorf("has an unknown type")
}

// convertMap reads HTTP headers from a YAML map or from "K=V,K2=V2". Names are
// canonicalised (viper lower-cases map keys from files). Errors never quote a value, as
// header values may be secrets.
func convertMap(raw any) (map[string]string, error) {
	out := map[string]string{}
	switch v := raw.(type) {
	case map[string]string:
		for name, val := range v {
			out[textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name))] = val
		}
	case map[string]any:
		for name, val := range v {
			switch val.(type) {
			case map[string]any, []any, nil:
				return nil, fmt.Errorf("header %q has no plain value", name)
			}
			out[textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name))] = fmt.Sprint(val)
		}
	case string:
		for i, entry := range strings.Split(v, ",") {
			if strings.TrimSpace(entry) == "" {
				continue
			}
			name, val, ok := strings.Cut(entry, "=")
			if !ok || strings.TrimSpace(name) == "" {
				return nil, fmt.Errorf("entry %d is not NAME=VALUE (the form is \"K=V,K2=V2\")", i+1)
			}
			out[textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name))] = strings.TrimSpace(val)
		}
	case nil:
	default:
		return nil, fmt.Errorf("is not a map of header names to values")
	}
	return out, nil
}

// convertList reads a YAML list or a comma-separated string. Items are trimmed; empty
// items are dropped.
func convertList(raw any) ([]string, error) {
	var items []string
	switch v := raw.(type) {
	case []string:
		items = v
	case []any:
		for _, x := range v {
			switch x.(type) {
			case map[string]any, []any, nil:
				return nil, fmt.Errorf("is not a list of words")
			}
			items = append(items, fmt.Sprint(x))
		}
	case string:
		items = strings.Split(v, ",")
	default:
		return nil, fmt.Errorf("is not a list (a YAML list or \"a,b,c\")")
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out, nil
}
