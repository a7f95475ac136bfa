package config

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Show writes the effective configuration c as YAML: a comment naming the config file
// read and the engine that will run, each key followed by a comment saying where its
// value came from (s may be nil), then the warnings. When no secret is set, the output
// reads back through Load as the same configuration.
//
// The API key is written as "(set, redacted)" or "", never any part of it, and so is the
// value of every header whose name suggests a secret (Authorization, *auth*, *key*,
// *token*, *secret*, *cookie*, *password*, *credential*). The password of a base URL is
// written as "xxxxx". Any other value containing the key has it replaced.
func Show(w io.Writer, c *Config, s *Sources) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("# summarize: effective configuration (flags > environment > file > defaults)\n")
	switch {
	case s == nil:
	case s.File != "":
		p("# config file: %s\n", s.File)
	case len(s.Searched) > 0:
		p("# config file: none (looked for %s)\n", strings.Join(s.Searched, ", "))
	default:
		p("# config file: none\n")
	}
	if c.UseLLM() {
		engine := fmt.Sprintf("openai-compatible endpoint %s, model %s", c.LLM.Endpoint(), c.LLM.Model)
		if c.LLM.Azure() {
			engine = fmt.Sprintf("Azure OpenAI %s, deployment %s, api-version %s",
				c.LLM.Endpoint(), c.LLM.AzureDeployment, c.LLM.AzureAPIVersion)
		}
		p("# engine: %s\n", redactString(engine, c.LLM.APIKey))
	} else if c.Provider == ProviderOffline {
		p("# engine: offline (provider offline)\n")
	} else {
		p("# engine: offline (no API key or base URL set)\n")
	}

	section := ""
	for _, d := range keyDefs() {
		name, indent := d.name, ""
		if sec, leaf, ok := strings.Cut(d.name, "."); ok {
			if sec != section {
				p("%s:\n", sec)
				section = sec
			}
			name, indent = leaf, "  "
		} else {
			section = ""
		}
		value, extra := showValue(d, c, indent)
		line := fmt.Sprintf("%s%s: %s", indent, name, value)
		comment := s.Of(d.name)
		if comment == "" {
			comment = "?"
		}
		if note := showNote(d.name, c); note != "" {
			comment += "; " + note
		}
		p("%-44s # %s\n", line, redactString(comment, c.LLM.APIKey))
		for _, l := range extra {
			p("%s\n", redactString(l, c.LLM.APIKey))
		}
	}
	if s != nil && len(s.Warnings) > 0 {
		p("# warnings:\n")
		for _, wn := range s.Warnings {
			p("#   %s\n", redactString(wn, c.LLM.APIKey))
		}
	}
	return bw.Flush()
}

// showValue renders the value of d in c as YAML, with the extra lines of a non-empty map.
func showValue(d keyDef, c *Config, indent string) (string, []string) {
	if d.name == "llm.api_key" {
		if c.LLM.APIKey == "" {
			return `""`, nil
		}
		return redactedPlaceholder, nil
	}
	key := c.LLM.APIKey
	if d.name == "llm.base_url" {
		if u, err := url.Parse(c.LLM.BaseURL); err == nil && u.User != nil {
			return strconv.Quote(redactString(u.Redacted(), key)), nil
		}
	}
	switch v := d.get(c).(type) {
	case string:
		return strconv.Quote(redactString(v, key)), nil
	case int:
		return strconv.Itoa(v), nil
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	case bool:
		return strconv.FormatBool(v), nil
	case time.Duration:
		return v.String(), nil
	case []string:
		q := make([]string, len(v))
		for i, x := range v {
			q[i] = yamlWord(redactString(x, key))
		}
		return "[" + strings.Join(q, ", ") + "]", nil
	case map[string]string:
		if len(v) == 0 {
			return "{}", nil
		}
		var lines []string
		for _, name := range slices.Sorted(maps.Keys(v)) {
			val := strconv.Quote(redactString(v[name], key))
			if secretHeader(name) {
				val = redactedPlaceholder
			}
			lines = append(lines, fmt.Sprintf("%s  %s: %s", indent, yamlWord(name), val))
		}
		return "", lines
	default:
		return fmt.Sprint(v), nil
	}
}

// showNote explains values whose meaning is not in the value itself.
func showNote(key string, c *Config) string {
	switch key {
	case "llm.base_url":
		if c.LLM.BaseURL == "" {
			return DefaultBaseURL
		}
	case "llm.seed":
		if c.LLM.Seed == 0 {
			return "not sent"
		}
	case "llm.requests_per_minute", "llm.tokens_per_minute":
		if c.LLM.RequestsPerMinute == 0 && key == "llm.requests_per_minute" ||
			c.LLM.TokensPerMinute == 0 && key == "llm.tokens_per_minute" {
			return "unlimited"
		}
	case "llm.rate_limit_wait":
		return "per request, for waiting out 429s"
	case "llm.concurrency":
		return "lowered while the endpoint answers 429"
	case "prompts.dir":
		if c.Prompts.Dir == "" {
			return "embedded prompts"
		}
	}
	return ""
}

// secretHeader reports whether a header's value is likely a credential.
func secretHeader(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"auth", "key", "token", "secret", "cookie", "password", "credential"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// yamlWord returns s bare when YAML reads it back as the same string, else quoted.
func yamlWord(s string) string {
	if s == "" || strings.ContainsAny(s, ":#,[]{}&*!|>'\"%@` \t") {
		return strconv.Quote(s)
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return strconv.Quote(s)
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return strconv.Quote(s)
	}
	return s
}

// redactString replaces every occurrence of key in s. Keys shorter than four characters
// ("", or a placeholder like "x" for a local server) are not secrets and left alone.
func redactString(s, key string) string {
	if len(key) < 4 {
		return s
	}
	return strings.ReplaceAll(s, key, "(redacted)")
}
