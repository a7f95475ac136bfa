package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/cablebrief/summarize/internal/golden"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
)

// env returns a getenv over m.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// writeFile writes content to dir/name and returns the path.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// flags returns a FlagSet with AddFlags defined and args parsed.
func flags(t testing.TB, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("summarize", pflag.ContinueOnError)
	AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse %q: %v", args, err)
	}
	return fs
}

// isolate moves the test into an empty working directory, so that no ./summarize.yaml
// is found by accident.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func TestLoadDefaults(t *testing.T) {
	isolate(t)
	c, s, err := Load(nil, env(map[string]string{"HOME": "/home/u"}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := &Config{
		Provider: "auto",
		LLM: LLM{
			Model: "gpt-4o-mini", Headers: map[string]string{}, MaxTokens: 1500,
			MaxTokensField: "auto", Timeout: 60 * time.Second, Retries: 8, RateLimitWait: 5 * time.Minute, Concurrency: 4,
			StructuredOutput: "auto", ContextBudget: 6000,
		},
		Cache:  Cache{Enabled: true, Dir: "/home/u/.cache/summarize"},
		Labels: []string{"supports", "conditional", "neutral", "skeptical", "opposes"},
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("Load() mismatch (-want +got):\n%s", diff)
	}
	for _, k := range Keys() {
		if got := s.Of(k); got != "default" {
			t.Errorf("Sources.Of(%q) = %q, want default", k, got)
		}
	}
	if s.File != "" {
		t.Errorf("File = %q, want none", s.File)
	}
	if diff := cmp.Diff([]string{"./summarize.yaml", "/home/u/.config/summarize/config.yaml"}, s.Searched); diff != "" {
		t.Errorf("Searched mismatch (-want +got):\n%s", diff)
	}
	if c.UseLLM() {
		t.Error("UseLLM() = true with no key and no base URL, want false")
	}
}

func TestLoadPrecedence(t *testing.T) {
	const file = `
provider: openai
llm:
  base_url: http://file.example/v1
  model: file-model
  concurrency: 8
  timeout: 2m
  headers:
    x-from-file: "1"
    HTTP-Referer: https://example.org
  temperature: 0.5
cache:
  enabled: false
  dir: cachedir
prompts:
  dir: prompts
labels: [for, against]
`
	tests := []struct {
		name       string
		file       string // ./summarize.yaml when not empty
		env        map[string]string
		args       []string
		get        func(c *Config) any
		want       any
		key        string // the key whose source is checked
		wantSource string
	}{
		{
			name: "default", get: func(c *Config) any { return c.LLM.Model },
			want: "gpt-4o-mini", key: "llm.model", wantSource: "default",
		},
		{
			name: "file", file: file, get: func(c *Config) any { return c.LLM.Model },
			want: "file-model", key: "llm.model", wantSource: "file ./summarize.yaml",
		},
		{
			name: "env over file", file: file, env: map[string]string{"SUMMARIZE_LLM_MODEL": "env-model"},
			get: func(c *Config) any { return c.LLM.Model }, want: "env-model",
			key: "llm.model", wantSource: "env SUMMARIZE_LLM_MODEL",
		},
		{
			name: "flag over env", file: file, env: map[string]string{"SUMMARIZE_LLM_MODEL": "env-model"},
			args: []string{"--model", "flag-model"},
			get:  func(c *Config) any { return c.LLM.Model }, want: "flag-model",
			key: "llm.model", wantSource: "flag --model",
		},
		{
			name: "empty env is unset", file: file, env: map[string]string{"SUMMARIZE_LLM_MODEL": ""},
			get: func(c *Config) any { return c.LLM.Model }, want: "file-model",
			key: "llm.model", wantSource: "file ./summarize.yaml",
		},
		{
			name: "unset flag leaves file", file: file, args: []string{"--model", "m"},
			get: func(c *Config) any { return c.LLM.Concurrency }, want: 8,
			key: "llm.concurrency", wantSource: "file ./summarize.yaml",
		},
		{
			name: "flag int", file: file, args: []string{"--concurrency=2"},
			get: func(c *Config) any { return c.LLM.Concurrency }, want: 2,
			key: "llm.concurrency", wantSource: "flag --concurrency",
		},
		{
			name: "env int", env: map[string]string{"SUMMARIZE_LLM_RETRIES": " 7 "},
			get: func(c *Config) any { return c.LLM.Retries }, want: 7,
			key: "llm.retries", wantSource: "env SUMMARIZE_LLM_RETRIES",
		},
		{
			name: "OPENAI_API_KEY", env: map[string]string{"OPENAI_API_KEY": "sk-openai"},
			get: func(c *Config) any { return c.LLM.APIKey }, want: "sk-openai",
			key: "llm.api_key", wantSource: "env OPENAI_API_KEY",
		},
		{
			name: "SUMMARIZE_LLM_API_KEY over OPENAI_API_KEY",
			env:  map[string]string{"OPENAI_API_KEY": "sk-openai", "SUMMARIZE_LLM_API_KEY": "sk-summarize"},
			get:  func(c *Config) any { return c.LLM.APIKey }, want: "sk-summarize",
			key: "llm.api_key", wantSource: "env SUMMARIZE_LLM_API_KEY",
		},
		{
			name: "OPENAI_BASE_URL over file", file: file,
			env: map[string]string{"OPENAI_BASE_URL": "http://openai-env/v1"},
			get: func(c *Config) any { return c.LLM.BaseURL }, want: "http://openai-env/v1",
			key: "llm.base_url", wantSource: "env OPENAI_BASE_URL",
		},
		{
			name: "SUMMARIZE_LLM_BASE_URL over OPENAI_BASE_URL",
			env:  map[string]string{"OPENAI_BASE_URL": "http://openai-env/v1", "SUMMARIZE_LLM_BASE_URL": "http://s-env/v1"},
			get:  func(c *Config) any { return c.LLM.BaseURL }, want: "http://s-env/v1",
			key: "llm.base_url", wantSource: "env SUMMARIZE_LLM_BASE_URL",
		},
		{
			name: "flag base URL over env",
			env:  map[string]string{"SUMMARIZE_LLM_BASE_URL": "http://s-env/v1"},
			args: []string{"--base-url", "http://flag/v1"},
			get:  func(c *Config) any { return c.LLM.BaseURL }, want: "http://flag/v1",
			key: "llm.base_url", wantSource: "flag --base-url",
		},
		{
			name: "file duration", file: file,
			get: func(c *Config) any { return c.LLM.Timeout }, want: 2 * time.Minute,
			key: "llm.timeout", wantSource: "file ./summarize.yaml",
		},
		{
			name: "env duration", file: file, env: map[string]string{"SUMMARIZE_LLM_TIMEOUT": "90s"},
			get: func(c *Config) any { return c.LLM.Timeout }, want: 90 * time.Second,
			key: "llm.timeout", wantSource: "env SUMMARIZE_LLM_TIMEOUT",
		},
		{
			name: "flag duration", file: file, args: []string{"--timeout", "5s"},
			get: func(c *Config) any { return c.LLM.Timeout }, want: 5 * time.Second,
			key: "llm.timeout", wantSource: "flag --timeout",
		},
		{
			name: "file float", file: file,
			get: func(c *Config) any { return c.LLM.Temperature }, want: 0.5,
			key: "llm.temperature", wantSource: "file ./summarize.yaml",
		},
		{
			name: "env float", env: map[string]string{"SUMMARIZE_LLM_TEMPERATURE": "1.25"},
			get: func(c *Config) any { return c.LLM.Temperature }, want: 1.25,
			key: "llm.temperature", wantSource: "env SUMMARIZE_LLM_TEMPERATURE",
		},
		{
			name: "file headers canonicalised", file: file,
			get:  func(c *Config) any { return c.LLM.Headers },
			want: map[string]string{"X-From-File": "1", "Http-Referer": "https://example.org"},
			key:  "llm.headers", wantSource: "file ./summarize.yaml",
		},
		{
			name: "env headers replace file", file: file,
			env:  map[string]string{"SUMMARIZE_LLM_HEADERS": "x-a=1, X-B = two=2 ,"},
			get:  func(c *Config) any { return c.LLM.Headers },
			want: map[string]string{"X-A": "1", "X-B": "two=2"},
			key:  "llm.headers", wantSource: "env SUMMARIZE_LLM_HEADERS",
		},
		{
			name: "file labels", file: file,
			get: func(c *Config) any { return c.Labels }, want: []string{"for", "against"},
			key: "labels", wantSource: "file ./summarize.yaml",
		},
		{
			name: "file labels as a comma string", file: "labels: 'for, against,neutral'\n",
			get: func(c *Config) any { return c.Labels }, want: []string{"for", "against", "neutral"},
			key: "labels", wantSource: "file ./summarize.yaml",
		},
		{
			name: "env labels", file: file, env: map[string]string{"SUMMARIZE_LABELS": "yes-vote,no-vote"},
			get: func(c *Config) any { return c.Labels }, want: []string{"yes-vote", "no-vote"},
			key: "labels", wantSource: "env SUMMARIZE_LABELS",
		},
		{
			name: "flag labels", file: file, args: []string{"--labels", "a, b", "--labels", "c"},
			get: func(c *Config) any { return c.Labels }, want: []string{"a", "b", "c"},
			key: "labels", wantSource: "flag --labels",
		},
		{
			name: "file disables cache", file: file,
			get: func(c *Config) any { return c.Cache.Enabled }, want: false,
			key: "cache.enabled", wantSource: "file ./summarize.yaml",
		},
		{
			name: "env enables cache", file: file, env: map[string]string{"SUMMARIZE_CACHE_ENABLED": "yes"},
			get: func(c *Config) any { return c.Cache.Enabled }, want: true,
			key: "cache.enabled", wantSource: "env SUMMARIZE_CACHE_ENABLED",
		},
		{
			name: "--no-cache", env: map[string]string{"SUMMARIZE_CACHE_ENABLED": "true"}, args: []string{"--no-cache"},
			get: func(c *Config) any { return c.Cache.Enabled }, want: false,
			key: "cache.enabled", wantSource: "flag --no-cache",
		},
		{
			name: "--no-cache=false", file: file, args: []string{"--no-cache=false"},
			get: func(c *Config) any { return c.Cache.Enabled }, want: true,
			key: "cache.enabled", wantSource: "flag --no-cache",
		},
		{
			name: "cache dir from XDG_CACHE_HOME", env: map[string]string{"XDG_CACHE_HOME": "/xdg/cache"},
			get: func(c *Config) any { return c.Cache.Dir }, want: "/xdg/cache/summarize",
			key: "cache.dir", wantSource: "default",
		},
		{
			name: "relative XDG_CACHE_HOME ignored", env: map[string]string{"XDG_CACHE_HOME": "rel"},
			get: func(c *Config) any { return c.Cache.Dir }, want: "/home/u/.cache/summarize",
			key: "cache.dir", wantSource: "default",
		},
		{
			name: "relative cache dir in file is relative to the file", file: file,
			get: func(c *Config) any { return c.Cache.Dir }, want: "cachedir",
			key: "cache.dir", wantSource: "file ./summarize.yaml",
		},
		{
			name: "cache dir from env keeps relative path", env: map[string]string{"SUMMARIZE_CACHE_DIR": "c"},
			get: func(c *Config) any { return c.Cache.Dir }, want: "c",
			key: "cache.dir", wantSource: "env SUMMARIZE_CACHE_DIR",
		},
		{
			name: "provider from file", file: file,
			get: func(c *Config) any { return c.Provider }, want: "openai",
			key: "provider", wantSource: "file ./summarize.yaml",
		},
		{
			name: "provider flag", file: file, args: []string{"--provider", "offline"},
			get: func(c *Config) any { return c.Provider }, want: "offline",
			key: "provider", wantSource: "flag --provider",
		},
		{
			name: "structured output flag", args: []string{"--structured-output", "json_object"},
			get: func(c *Config) any { return c.LLM.StructuredOutput }, want: "json_object",
			key: "llm.structured_output", wantSource: "flag --structured-output",
		},
		{
			name: "retries flag zero", env: map[string]string{"SUMMARIZE_LLM_RETRIES": "9"}, args: []string{"--retries", "0"},
			get: func(c *Config) any { return c.LLM.Retries }, want: 0,
			key: "llm.retries", wantSource: "flag --retries",
		},
		{
			name: "flat dotted key in file", file: "llm.model: dotted\n",
			get: func(c *Config) any { return c.LLM.Model }, want: "dotted",
			key: "llm.model", wantSource: "file ./summarize.yaml",
		},
		{
			name: "unquoted date as a string", file: "llm:\n  azure_api_version: 2024-10-21\n  azure_deployment: d\n  base_url: https://r.example\n",
			get: func(c *Config) any { return c.LLM.AzureAPIVersion }, want: "2024-10-21",
			key: "llm.azure_api_version", wantSource: "file ./summarize.yaml",
		},
		{
			name: "null in file keeps the default", file: "llm:\n  model:\n",
			get: func(c *Config) any { return c.LLM.Model }, want: "gpt-4o-mini",
			key: "llm.model", wantSource: "default",
		},
		{
			name: "seed from env", env: map[string]string{"SUMMARIZE_LLM_SEED": "42"},
			get: func(c *Config) any { return c.LLM.Seed }, want: 42,
			key: "llm.seed", wantSource: "env SUMMARIZE_LLM_SEED",
		},
		{
			name: "rate limits from file", file: "llm:\n  requests_per_minute: 500\n  tokens_per_minute: 200000\n",
			get: func(c *Config) any { return [2]int{c.LLM.RequestsPerMinute, c.LLM.TokensPerMinute} }, want: [2]int{500, 200000},
			key: "llm.tokens_per_minute", wantSource: "file ./summarize.yaml",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			for _, sub := range []string{"prompts", "cachedir"} {
				if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			e := map[string]string{"HOME": "/home/u"}
			for k, v := range tt.env {
				e[k] = v
			}
			if tt.file != "" {
				writeFile(t, dir, "summarize.yaml", tt.file)
			}
			c, s, err := Load(flags(t, tt.args...), env(e))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if diff := cmp.Diff(tt.want, tt.get(c)); diff != "" {
				t.Errorf("value mismatch (-want +got):\n%s", diff)
			}
			if got := s.Of(tt.key); got != tt.wantSource {
				t.Errorf("Sources.Of(%q) = %q, want %q", tt.key, got, tt.wantSource)
			}
		})
	}
}

func TestLoadFileLookup(t *testing.T) {
	tests := []struct {
		name     string
		cwd      bool   // write ./summarize.yaml
		xdg      bool   // write $XDG_CONFIG_HOME/summarize/config.yaml
		home     bool   // write $HOME/.config/summarize/config.yaml
		setXDG   bool   // set XDG_CONFIG_HOME
		explicit string // --config, relative to the working directory
		want     string // model read, or "" for the default
		wantFile string // Sources.File, with <xdg> and <home> for the temp dirs
	}{
		{name: "none", want: "gpt-4o-mini"},
		{name: "working directory", cwd: true, xdg: true, setXDG: true, want: "cwd", wantFile: "./summarize.yaml"},
		{name: "XDG_CONFIG_HOME", xdg: true, home: true, setXDG: true, want: "xdg", wantFile: "<xdg>/summarize/config.yaml"},
		{name: "~/.config without XDG_CONFIG_HOME", home: true, want: "home", wantFile: "<home>/.config/summarize/config.yaml"},
		{name: "XDG_CONFIG_HOME set but file missing", home: true, setXDG: true, want: "gpt-4o-mini"},
		{name: "--config over the others", cwd: true, explicit: "other.yaml", want: "explicit", wantFile: "other.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			xdg, home := t.TempDir(), t.TempDir()
			e := map[string]string{"HOME": home}
			if tt.setXDG {
				e["XDG_CONFIG_HOME"] = xdg
			}
			if tt.cwd {
				writeFile(t, dir, "summarize.yaml", "llm: {model: cwd}\n")
			}
			if tt.xdg {
				writeFile(t, xdg, "summarize/config.yaml", "llm: {model: xdg}\n")
			}
			if tt.home {
				writeFile(t, home, ".config/summarize/config.yaml", "llm: {model: home}\n")
			}
			var args []string
			if tt.explicit != "" {
				writeFile(t, dir, tt.explicit, "llm: {model: explicit}\n")
				args = []string{"--config", tt.explicit}
			}
			c, s, err := Load(flags(t, args...), env(e))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.LLM.Model != tt.want {
				t.Errorf("model = %q, want %q", c.LLM.Model, tt.want)
			}
			wantFile := strings.NewReplacer("<xdg>", xdg, "<home>", home).Replace(tt.wantFile)
			if s.File != wantFile {
				t.Errorf("File = %q, want %q", s.File, wantFile)
			}
		})
	}
}

func TestLoadFileErrors(t *testing.T) {
	tests := []struct {
		name    string
		file    string // ./summarize.yaml content, if any
		args    []string
		wantIs  error
		wantMsg []string
	}{
		{
			name: "missing --config", args: []string{"--config", "nope.yaml"},
			wantIs: fs.ErrNotExist, wantMsg: []string{"--config", "nope.yaml"},
		},
		{
			name: "empty --config", args: []string{"--config="},
			wantMsg: []string{"--config", "empty"},
		},
		{
			name: "malformed YAML", file: "llm:\n  model: [unclosed\n",
			wantMsg: []string{"parse ./summarize.yaml"},
		},
		{
			name: "duplicate key", file: "llm:\n  model: a\n  model: b\n",
			wantMsg: []string{"parse ./summarize.yaml", "model"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			if tt.file != "" {
				writeFile(t, dir, "summarize.yaml", tt.file)
			}
			c, _, err := Load(flags(t, tt.args...), env(nil))
			if err == nil {
				t.Fatalf("Load succeeded with %+v, want an error", c)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v is not %v", err, tt.wantIs)
			}
			for _, m := range tt.wantMsg {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not contain %q", err, m)
				}
			}
		})
	}
}

func TestLoadInvalid(t *testing.T) {
	tests := []struct {
		name string
		file string
		env  map[string]string
		args []string
		want string // the whole error message
	}{
		{
			name: "structured output enum from env",
			env:  map[string]string{"SUMMARIZE_LLM_STRUCTURED_OUTPUT": "xml"},
			want: `config: llm.structured_output: "xml" is not one of auto, json_schema, json_object, instructions (from env SUMMARIZE_LLM_STRUCTURED_OUTPUT)`,
		},
		{
			name: "provider enum from flag", args: []string{"--provider", "anthropic"},
			want: `config: provider: "anthropic" is not one of auto, openai, offline (from flag --provider)`,
		},
		{
			name: "max tokens field enum from file", file: "llm:\n  max_tokens_field: max_output_tokens\n",
			want: `config: llm.max_tokens_field: "max_output_tokens" is not one of auto, max_tokens, max_completion_tokens (from file ./summarize.yaml)`,
		},
		{
			name: "concurrency zero", args: []string{"--concurrency", "0"},
			want: `config: llm.concurrency: "0" must be at least 1 (from flag --concurrency)`,
		},
		{
			name: "rate limit wait zero", env: map[string]string{"SUMMARIZE_LLM_RATE_LIMIT_WAIT": "0s"},
			want: `config: llm.rate_limit_wait: "0s" must be positive, such as 5m (from env SUMMARIZE_LLM_RATE_LIMIT_WAIT)`,
		},
		{
			name: "base URL with a query", args: []string{"--base-url", "http://127.0.0.1:8089/v1?key=sk-in-the-url"},
			want: `config: llm.base_url: "http://127.0.0.1:8089/v1?…" must not have a query string (?...): put the API key in OPENAI_API_KEY, other parameters in llm.headers, and Azure's api-version in llm.azure_api_version (from flag --base-url)`,
		},
		{
			name: "base URL with an empty query", args: []string{"--base-url", "http://127.0.0.1:8089/v1?"},
			want: `config: llm.base_url: "http://127.0.0.1:8089/v1?…" must not have a query string (?...): put the API key in OPENAI_API_KEY, other parameters in llm.headers, and Azure's api-version in llm.azure_api_version (from flag --base-url)`,
		},
		{
			name: "base URL with a fragment", args: []string{"--base-url", "http://127.0.0.1:8089/v1#x"},
			want: `config: llm.base_url: "http://127.0.0.1:8089/v1#x" must not have a fragment (#...) (from flag --base-url)`,
		},
		{
			name: "negative retries", env: map[string]string{"SUMMARIZE_LLM_RETRIES": "-1"},
			want: `config: llm.retries: "-1" must be at least 0 (from env SUMMARIZE_LLM_RETRIES)`,
		},
		{
			name: "retries not a number", env: map[string]string{"SUMMARIZE_LLM_RETRIES": "many"},
			want: `config: llm.retries: "many" is not an integer (from env SUMMARIZE_LLM_RETRIES)`,
		},
		{
			name: "timeout without unit in file", file: "llm:\n  timeout: 60\n",
			want: `config: llm.timeout: "60" is not a duration with a unit, such as 60s or 2m (from file ./summarize.yaml)`,
		},
		{
			name: "zero timeout", args: []string{"--timeout", "0s"},
			want: `config: llm.timeout: "0s" must be positive, such as 60s (from flag --timeout)`,
		},
		{
			name: "temperature too high", env: map[string]string{"SUMMARIZE_LLM_TEMPERATURE": "2.5"},
			want: `config: llm.temperature: "2.5" must be between 0 and 2 (from env SUMMARIZE_LLM_TEMPERATURE)`,
		},
		{
			name: "cache enabled not a bool", env: map[string]string{"SUMMARIZE_CACHE_ENABLED": "maybe"},
			want: `config: cache.enabled: "maybe" is not a boolean (true or false) (from env SUMMARIZE_CACHE_ENABLED)`,
		},
		{
			name: "base URL scheme", env: map[string]string{"OPENAI_BASE_URL": "localhost:11434/v1"},
			want: `config: llm.base_url: "localhost:11434/v1" must be an http or https URL, such as http://localhost:11434/v1 (from env OPENAI_BASE_URL)`,
		},
		{
			name: "base URL without host", args: []string{"--base-url", "http:///v1"},
			want: `config: llm.base_url: "http:///v1" has no host (from flag --base-url)`,
		},
		{
			name: "duplicate label", args: []string{"--labels", "yes,no,yes"},
			want: `config: labels: "yes" is listed twice (from flag --labels)`,
		},
		{
			name: "capitalised label", file: "labels: [Supports, opposes]\n",
			want: `config: labels: "Supports" is not a lowercase word (a-z, then a-z, 0-9, _ or -) (from file ./summarize.yaml)`,
		},
		{
			name: "empty labels", file: "labels: []\n",
			want: `config: labels: must name at least two labels, from agreement to disagreement (from file ./summarize.yaml)`,
		},
		{
			name: "llm is not a mapping", file: "llm: gpt-4o\n",
			want: `config: llm: "gpt-4o" must be a mapping of llm.* keys (from file ./summarize.yaml)`,
		},
		{
			name: "model is a map", file: "llm:\n  model: {name: x}\n",
			want: `config: llm.model: "(a map)" is not a string (from file ./summarize.yaml)`,
		},
		{
			name: "azure half set", env: map[string]string{"SUMMARIZE_LLM_AZURE_DEPLOYMENT": "d", "OPENAI_BASE_URL": "https://r.openai.azure.com"},
			want: `config: llm.azure_api_version: is required with Azure: set both llm.azure_api_version and llm.azure_deployment, or neither`,
		},
		{
			name: "azure without base URL",
			env:  map[string]string{"SUMMARIZE_LLM_AZURE_DEPLOYMENT": "d", "SUMMARIZE_LLM_AZURE_API_VERSION": "2024-10-21", "OPENAI_API_KEY": "k"},
			want: `config: llm.base_url: is required with Azure: https://RESOURCE.openai.azure.com`,
		},
		{
			name: "openai without key",
			args: []string{"--provider", "openai"},
			want: `config: llm.api_key: is required for provider openai at https://api.openai.com/v1: set OPENAI_API_KEY, or llm.base_url for a local server`,
		},
		{
			name: "empty model", env: map[string]string{"OPENAI_API_KEY": "k"}, args: []string{"--model="},
			want: `config: llm.model: is required to use an LLM (from flag --model)`,
		},
		{
			name: "bad header entry", env: map[string]string{"SUMMARIZE_LLM_HEADERS": "X-A=1,Authorization Bearer abc"},
			want: `config: llm.headers: entry 2 is not NAME=VALUE (the form is "K=V,K2=V2") (from env SUMMARIZE_LLM_HEADERS)`,
		},
		{
			name: "missing prompts dir", args: []string{"--prompts-dir", "nowhere"},
			want: `config: prompts.dir: "nowhere" is not a readable directory (from flag --prompts-dir)`,
		},
		{
			name: "placeholder API key", env: map[string]string{"OPENAI_API_KEY": "(set, redacted)"},
			want: `config: llm.api_key: holds the placeholder printed by config show; set the real key in OPENAI_API_KEY (from env OPENAI_API_KEY)`,
		},
		{
			name: "no consequential errors", file: "llm:\n  azure_api_version: [v1]\n  azure_deployment: d\n  base_url: https://r.example\n",
			want: `config: llm.azure_api_version: "(a list)" is not a string (from file ./summarize.yaml)`,
		},
		{
			name: "two problems",
			env:  map[string]string{"SUMMARIZE_LLM_CONCURRENCY": "0", "SUMMARIZE_PROVIDER": "x"},
			want: `config: provider: "x" is not one of auto, openai, offline (from env SUMMARIZE_PROVIDER)` + "\n" +
				`config: llm.concurrency: "0" must be at least 1 (from env SUMMARIZE_LLM_CONCURRENCY)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			if tt.file != "" {
				writeFile(t, dir, "summarize.yaml", tt.file)
			}
			e := map[string]string{"HOME": "/home/u"}
			for k, v := range tt.env {
				e[k] = v
			}
			c, s, err := Load(flags(t, tt.args...), env(e))
			if err == nil {
				t.Fatalf("Load succeeded, want %s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n got %s\nwant %s", got, tt.want)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("error %v is not a *Error", err)
			}
			if c == nil || s == nil {
				t.Errorf("Load returned Config %v, Sources %v with a validation error; want both", c, s)
			}
		})
	}
}

func TestLoadWarnings(t *testing.T) {
	dir := isolate(t)
	writeFile(t, dir, "summarize.yaml", `
llm:
  modle: typo
  model: m
  headers:
    x-custom: v
  api_key: sk-in-file-0123456789
colour: blue
`)
	if err := os.Chmod(filepath.Join(dir, "summarize.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, s, err := Load(nil, env(map[string]string{"HOME": "/home/u"}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.LLM.Model != "m" {
		t.Errorf("model = %q, want m", c.LLM.Model)
	}
	want := []string{
		"file ./summarize.yaml: unknown key colour ignored",
		"file ./summarize.yaml: unknown key llm.modle ignored (did you mean llm.model?)",
	}
	if filepath.Separator == '/' {
		want = append(want, "file ./summarize.yaml holds llm.api_key and is readable by others (mode 0644); chmod 600 it or use OPENAI_API_KEY")
	}
	if diff := cmp.Diff(want, s.Warnings); diff != "" {
		t.Errorf("Warnings mismatch (-want +got):\n%s", diff)
	}
}

func TestLoadPaths(t *testing.T) {
	isolate(t)
	home := t.TempDir()
	other := filepath.Join(t.TempDir(), "etc")
	for _, d := range []string{filepath.Join(other, "tmpl"), filepath.Join(home, "p")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := writeFile(t, other, "s.yaml", "prompts: {dir: tmpl}\ncache: {dir: cache}\n")
	tests := []struct {
		name        string
		args        []string
		env         map[string]string
		wantPrompts string
		wantCache   string
	}{
		{
			name: "relative to the file", args: []string{"--config", file},
			wantPrompts: filepath.Join(other, "tmpl"), wantCache: filepath.Join(other, "cache"),
		},
		{
			name: "flag relative to the working directory", args: []string{"--config", file, "--prompts-dir", "."},
			wantPrompts: ".", wantCache: filepath.Join(other, "cache"),
		},
		{
			name: "tilde from env", env: map[string]string{"SUMMARIZE_PROMPTS_DIR": "~/p", "SUMMARIZE_CACHE_DIR": "~/c"},
			wantPrompts: filepath.Join(home, "p"), wantCache: filepath.Join(home, "c"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := map[string]string{"HOME": home}
			for k, v := range tt.env {
				e[k] = v
			}
			c, _, err := Load(flags(t, tt.args...), env(e))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.Prompts.Dir != tt.wantPrompts {
				t.Errorf("prompts dir = %q, want %q", c.Prompts.Dir, tt.wantPrompts)
			}
			if c.Cache.Dir != tt.wantCache {
				t.Errorf("cache dir = %q, want %q", c.Cache.Dir, tt.wantCache)
			}
		})
	}
}

func TestNoCacheDir(t *testing.T) {
	isolate(t)
	_, _, err := Load(nil, env(nil))
	if err == nil || !strings.Contains(err.Error(), "cache.dir") {
		t.Errorf("Load without HOME: error %v, want one naming cache.dir", err)
	}
	c, _, err := Load(flags(t, "--no-cache"), env(nil))
	if err != nil {
		t.Fatalf("Load --no-cache without HOME: %v", err)
	}
	if c.Cache.Enabled || c.Cache.Dir != "" {
		t.Errorf("Cache = %+v, want disabled without dir", c.Cache)
	}
}

// secret is an API key that must never be written anywhere.
const secret = "sk-proj-SECRET0123456789abcdef"

func TestAPIKeyNeverShown(t *testing.T) {
	tests := []struct {
		name string
		file string
		env  map[string]string
		args []string
	}{
		{name: "valid", env: map[string]string{"OPENAI_API_KEY": secret}},
		{name: "from file", file: "llm:\n  api_key: " + secret + "\n"},
		{
			name: "key in an invalid base URL",
			env:  map[string]string{"SUMMARIZE_LLM_API_KEY": secret, "OPENAI_BASE_URL": "localhost/" + secret},
		},
		{
			name: "key in an unparsable base URL",
			env:  map[string]string{"OPENAI_API_KEY": secret, "OPENAI_BASE_URL": "http://%zz" + secret},
		},
		{
			name: "key in a base URL's user info",
			env:  map[string]string{"OPENAI_API_KEY": secret, "OPENAI_BASE_URL": "ftp://u:" + secret + "@h/v1"},
		},
		{
			name: "key in headers",
			env: map[string]string{
				"OPENAI_API_KEY":        secret,
				"SUMMARIZE_LLM_HEADERS": "Authorization=Bearer " + secret + ",X-Trace=" + secret + ",X-Bad " + secret,
			},
		},
		{
			name: "key in valid headers",
			env: map[string]string{
				"OPENAI_API_KEY":        secret,
				"SUMMARIZE_LLM_HEADERS": "Api-Key=" + secret + ",X-Trace=t" + secret,
			},
		},
		{name: "key of the wrong type in file", file: "llm:\n  api_key: [" + secret + "]\n"},
		{name: "key as the model", env: map[string]string{"OPENAI_API_KEY": secret}, args: []string{"--model", secret, "--labels", secret}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			if tt.file != "" {
				writeFile(t, dir, "summarize.yaml", tt.file)
			}
			e := map[string]string{"HOME": "/home/u"}
			for k, v := range tt.env {
				e[k] = v
			}
			c, s, err := Load(flags(t, tt.args...), env(e))
			if err != nil && strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error holds the key: %v", err)
			}
			if c == nil {
				t.Fatalf("Load: %v", err)
			}
			var b strings.Builder
			if err := Show(&b, c, s); err != nil {
				t.Fatalf("Show: %v", err)
			}
			if strings.Contains(b.String(), "SECRET") {
				t.Errorf("Show output holds the key:\n%s", b.String())
			}
			if strings.Contains(c.LLM.Endpoint(), "SECRET") {
				t.Errorf("Endpoint() = %q holds the key", c.LLM.Endpoint())
			}
			for _, w := range s.Warnings {
				if strings.Contains(w, "SECRET") {
					t.Errorf("warning holds the key: %s", w)
				}
			}
		})
	}
}

// golden compares got with the file at path, rewriting it under -update. On a mismatch
// it writes path.got and reports a diff.
func golden(t testing.TB, path, got string) {
	t.Helper()
	goldenfile.Check(t, path, []byte(got))
}

func TestShow(t *testing.T) {
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		file string
		env  map[string]string
		args []string
	}{
		{name: "defaults"},
		{
			name: "layers",
			file: "llm:\n  model: file-model\n  retries: 2\n  headers: {x-title: summarize}\nprompts: {dir: p}\nextra: 1\n",
			env: map[string]string{
				"OPENAI_API_KEY":            secret,
				"SUMMARIZE_LLM_HEADERS":     "Authorization=Bearer " + secret + ",X-Title=summarize",
				"SUMMARIZE_LLM_SEED":        "7",
				"SUMMARIZE_LLM_TEMPERATURE": "0.2",
			},
			args: []string{"--model", "gpt-4.1-mini", "--no-cache", "--labels", "for,against"},
		},
		{
			name: "azure",
			env: map[string]string{
				"OPENAI_API_KEY": secret, "OPENAI_BASE_URL": "https://res.openai.azure.com",
				"SUMMARIZE_LLM_AZURE_API_VERSION": "2024-10-21", "SUMMARIZE_LLM_AZURE_DEPLOYMENT": "dep",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			if err := os.Mkdir(filepath.Join(dir, "p"), 0o755); err != nil {
				t.Fatal(err)
			}
			if tt.file != "" {
				writeFile(t, dir, "summarize.yaml", tt.file)
			}
			e := map[string]string{"HOME": "/home/u"}
			for k, v := range tt.env {
				e[k] = v
			}
			c, s, err := Load(flags(t, tt.args...), env(e))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			var b strings.Builder
			if err := Show(&b, c, s); err != nil {
				t.Fatalf("Show: %v", err)
			}
			golden(t, filepath.Join(testdata, "show_"+tt.name+".golden"), b.String())
		})
	}
}

func TestShowHidesURLPassword(t *testing.T) {
	isolate(t)
	c, s, err := Load(nil, env(map[string]string{"HOME": "/home/u", "OPENAI_BASE_URL": "https://user:hunter2@proxy.example/v1"}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var b strings.Builder
	if err := Show(&b, c, s); err != nil {
		t.Fatalf("Show: %v", err)
	}
	if strings.Contains(b.String(), "hunter2") {
		t.Errorf("Show output holds the URL password:\n%s", b.String())
	}
	if !strings.Contains(b.String(), `base_url: "https://user:xxxxx@proxy.example/v1"`) {
		t.Errorf("Show output lacks the redacted base URL:\n%s", b.String())
	}
}

func TestShowParsesBack(t *testing.T) {
	dir := isolate(t)
	e := env(map[string]string{"HOME": "/home/u", "SUMMARIZE_LLM_HEADERS": "X-A=1", "SUMMARIZE_LABELS": "yes,no"})
	c, s, err := Load(flags(t, "--model", "m: odd # name", "--timeout", "90s"), e)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var b strings.Builder
	if err := Show(&b, c, s); err != nil {
		t.Fatalf("Show: %v", err)
	}
	path := writeFile(t, dir, "shown.yaml", b.String())
	back, _, err := Load(flags(t, "--config", path), env(map[string]string{"HOME": "/home/u"}))
	if err != nil {
		t.Fatalf("Load of Show output: %v\n%s", err, b.String())
	}
	if diff := cmp.Diff(c, back); diff != "" {
		t.Errorf("Show output read back differs (-shown +read):\n%s", diff)
	}
}

func TestInitFileLoadsAsDefaults(t *testing.T) {
	dir := isolate(t)
	path := filepath.Join(dir, "sub", "config.yaml")
	if err := WriteInit(path, false); err != nil {
		t.Fatalf("WriteInit: %v", err)
	}
	e := env(map[string]string{"HOME": "/home/u"})
	got, s, err := Load(flags(t, "--config", path), e)
	if err != nil {
		t.Fatalf("Load(InitFile): %v", err)
	}
	if len(s.Warnings) > 0 {
		t.Errorf("warnings: %q", s.Warnings)
	}
	want, _, err := Load(nil, e)
	if err != nil {
		t.Fatalf("Load(defaults): %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("InitFile differs from the defaults (-defaults +init):\n%s", diff)
	}
	for _, k := range Keys() {
		if k == "llm.api_key" {
			if got := s.Of(k); got != "default" {
				t.Errorf("InitFile sets llm.api_key (source %q)", got)
			}
			continue
		}
		if got := s.Of(k); got != "file "+path {
			t.Errorf("InitFile does not set %s (source %q)", k, got)
		}
	}
}

var keyLineRE = regexp.MustCompile(`^# [a-z_]+: `)

// activate returns the init file with the named profile uncommented and the OpenAI
// profile commented out.
func activate(t testing.TB, text, profile string) string {
	t.Helper()
	var out []string
	in, found := "", false
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if name, ok := strings.CutPrefix(trimmed, "# -- profile: "); ok {
			in = strings.Fields(name)[0]
			found = found || in == profile
			out = append(out, line)
			continue
		}
		if trimmed == "# -- end of profiles --" {
			in = ""
		}
		switch {
		case in == "openai" && profile != "openai" && trimmed != "" && !strings.HasPrefix(trimmed, "#"):
			line = "  # " + trimmed
		case in == profile && profile != "openai" && keyLineRE.MatchString(trimmed):
			line = "  " + strings.TrimPrefix(trimmed, "# ")
		}
		out = append(out, line)
	}
	if !found {
		t.Fatalf("no profile %q in the init file", profile)
	}
	return strings.Join(out, "\n")
}

func TestInitFileProfiles(t *testing.T) {
	tests := []struct {
		profile string
		env     map[string]string
		want    func(c *Config) LLM
	}{
		{
			profile: "openai", env: map[string]string{"OPENAI_API_KEY": "sk-x"},
			want: func(c *Config) LLM { return c.LLM },
		},
		{
			profile: "azure", env: map[string]string{"OPENAI_API_KEY": "k"},
			want: func(c *Config) LLM {
				l := c.LLM
				l.BaseURL, l.AzureAPIVersion, l.AzureDeployment = "https://YOUR-RESOURCE.openai.azure.com", "2024-10-21", "YOUR-DEPLOYMENT"
				return l
			},
		},
		{
			profile: "ollama",
			want: func(c *Config) LLM {
				l := c.LLM
				l.BaseURL, l.Model = "http://localhost:11434/v1", "llama3.1:8b"
				return l
			},
		},
		{
			profile: "vllm",
			want: func(c *Config) LLM {
				l := c.LLM
				l.BaseURL, l.Model = "http://localhost:8000/v1", "Qwen/Qwen2.5-7B-Instruct"
				return l
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			dir := isolate(t)
			text := activate(t, InitFile(), tt.profile)
			path := writeFile(t, dir, "summarize.yaml", text)
			e := map[string]string{"HOME": "/home/u"}
			for k, v := range tt.env {
				e[k] = v
			}
			c, s, err := Load(nil, env(e))
			if err != nil {
				t.Fatalf("Load(profile %s): %v\n%s", tt.profile, err, text)
			}
			if len(s.Warnings) > 0 {
				t.Errorf("warnings: %q", s.Warnings)
			}
			if !c.UseLLM() {
				t.Errorf("profile %s: UseLLM() = false", tt.profile)
			}
			defaults, _, err := Load(flags(t, "--config", writeFile(t, t.TempDir(), "empty.yaml", "")), env(e))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want(defaults), c.LLM); diff != "" {
				t.Errorf("profile %s from %s (-want +got):\n%s", tt.profile, path, diff)
			}
		})
	}
}

func TestWriteInit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summarize.yaml")
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteInit(path, false)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("WriteInit over an existing file: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Errorf("existing file overwritten without force: %q", b)
	}
	if err := WriteInit(path, true); err != nil {
		t.Fatalf("WriteInit force: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != InitFile() {
		t.Errorf("forced WriteInit wrote %d bytes, want the init file", len(b))
	}
}

func TestUseLLMAndEndpoint(t *testing.T) {
	tests := []struct {
		name         string
		c            Config
		wantUse      bool
		wantEndpoint string
		wantAzure    bool
	}{
		{name: "auto without key", c: Config{Provider: "auto"}, wantEndpoint: "api.openai.com"},
		{name: "auto with key", c: Config{Provider: "auto", LLM: LLM{APIKey: "k"}}, wantUse: true, wantEndpoint: "api.openai.com"},
		{
			name: "auto with base URL", c: Config{Provider: "auto", LLM: LLM{BaseURL: "http://localhost:11434/v1"}},
			wantUse: true, wantEndpoint: "localhost:11434",
		},
		{name: "offline with key", c: Config{Provider: "offline", LLM: LLM{APIKey: "k"}}, wantEndpoint: "api.openai.com"},
		{name: "openai without key", c: Config{Provider: "openai"}, wantUse: true, wantEndpoint: "api.openai.com"},
		{
			name: "user info dropped", c: Config{Provider: "auto", LLM: LLM{BaseURL: "https://u:pw@h.example:8443/v1"}},
			wantUse: true, wantEndpoint: "h.example:8443",
		},
		{
			name: "azure", c: Config{Provider: "auto", LLM: LLM{BaseURL: "https://r.openai.azure.com", AzureAPIVersion: "v", AzureDeployment: "d"}},
			wantUse: true, wantEndpoint: "r.openai.azure.com", wantAzure: true,
		},
		{name: "azure half", c: Config{Provider: "auto", LLM: LLM{AzureDeployment: "d"}}, wantEndpoint: "api.openai.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.UseLLM(); got != tt.wantUse {
				t.Errorf("UseLLM() = %v, want %v", got, tt.wantUse)
			}
			if got := tt.c.LLM.Endpoint(); got != tt.wantEndpoint {
				t.Errorf("Endpoint() = %q, want %q", got, tt.wantEndpoint)
			}
			if got := tt.c.LLM.Azure(); got != tt.wantAzure {
				t.Errorf("Azure() = %v, want %v", got, tt.wantAzure)
			}
		})
	}
}

func TestEnvName(t *testing.T) {
	for key, want := range map[string]string{
		"llm.model": "SUMMARIZE_LLM_MODEL", "provider": "SUMMARIZE_PROVIDER",
		"llm.max_tokens_field": "SUMMARIZE_LLM_MAX_TOKENS_FIELD", "cache.dir": "SUMMARIZE_CACHE_DIR",
	} {
		if got := EnvName(key); got != want {
			t.Errorf("EnvName(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestFlagsCoverKeys(t *testing.T) {
	fs := flags(t)
	keys := map[string]bool{}
	for _, k := range Keys() {
		keys[k] = true
	}
	for _, fd := range flagDefs() {
		if fs.Lookup(fd.name) == nil {
			t.Errorf("AddFlags does not define --%s", fd.name)
		}
		if !keys[fd.key] {
			t.Errorf("--%s sets unknown key %s", fd.name, fd.key)
		}
	}
	if fs.Lookup("config") == nil {
		t.Error("AddFlags does not define --config")
	}
	fs.VisitAll(func(f *pflag.Flag) {
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0s" {
			t.Errorf("--%s has default %q; flag defaults would hide the lower layers in help", f.Name, f.DefValue)
		}
	})
}
