package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// DefaultFile is the config file looked for in the working directory.
const DefaultFile = "./summarize.yaml"

// Sources records where the effective value of each key came from.
type Sources struct {
	// File is the config file that was read; "" when none was.
	File string
	// Searched lists the default locations looked at, in order, when --config was not
	// given.
	Searched []string
	// Warnings are problems that did not stop loading, such as unknown keys in the file.
	Warnings []string

	by map[string]string
}

// Of returns where key's value came from: "flag --model", "env SUMMARIZE_LLM_MODEL",
// "env OPENAI_API_KEY", "file ./summarize.yaml" or "default"; "" for an unknown key.
func (s *Sources) Of(key string) string {
	if s == nil {
		return ""
	}
	return s.by[key]
}

// Load builds the effective configuration from flags (nil for none; flags
// that were not set on the command line do not count), the environment read through
// getenv (nil for none; os.Getenv in production) and the config file, and validates it.
//
// The config file is --config when given, else DefaultFile, else UserFile(getenv). A
// --config file that does not exist is an error wrapping fs.ErrNotExist; missing default
// files are skipped. An unreadable or malformed file is an error naming the file. Unknown
// keys in the file are reported in Sources.Warnings.
//
// Relative cache.dir and prompts.dir values in a file are resolved against the file's
// directory; a leading "~/" is expanded to the home directory in every layer. An empty
// cache.dir is resolved to DefaultCacheDir(getenv).
//
// When values are invalid, Load returns the configuration as loaded and its Sources
// together with an error made by errors.Join of one *Error per problem, so that `config
// show` can still display them; a value of the wrong type (a word where a number belongs)
// is replaced by its default there, other invalid values are kept. Other errors come with
// a nil Config and Sources. No error carries the API key.
func Load(flags *pflag.FlagSet, getenv func(string) string) (*Config, *Sources, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	defs := keyDefs()
	src := &Sources{by: make(map[string]string, len(defs))}

	v := viper.New()
	for _, d := range defs {
		v.SetDefault(d.name, d.def)
		src.by[d.name] = "default"
	}

	var errs []*Error
	path, err := findFile(flags, getenv, src)
	if err != nil {
		return nil, nil, err
	}
	if path != "" {
		fileErrs, err := readFile(v, path, defs, src)
		if err != nil {
			return nil, nil, err
		}
		errs = append(errs, fileErrs...)
	}

	for _, d := range defs {
		for _, name := range append([]string{EnvName(d.name)}, d.env...) {
			if val := getenv(name); val != "" {
				v.Set(d.name, val)
				src.by[d.name] = "env " + name
				break
			}
		}
	}

	if err := applyFlags(flags, v, src); err != nil {
		return nil, nil, err
	}

	c := &Config{}
	home := homeDir(getenv)
	for _, d := range defs {
		raw := v.Get(d.name)
		if raw == nil {
			// A null in the file, or a key shadowed by a scalar section (reported above).
			raw = d.def
		}
		val, err := convert(d.kind, raw)
		if err != nil {
			shown := describe(raw)
			if d.kind == kindStringMap {
				shown = "" // header values may be credentials
			}
			errs = append(errs, &Error{Key: d.name, Value: shown, Source: src.by[d.name], Reason: err.Error()})
			val, _ = convert(d.kind, d.def)
		}
		if d.isPath {
			val = resolvePath(val.(string), home, src.by[d.name], src.File)
		}
		d.set(c, val)
	}
	if c.Cache.Dir == "" {
		c.Cache.Dir = DefaultCacheDir(getenv)
	}

	// A value that did not convert was replaced by its default; problems validate then
	// finds with the same key are consequences, not news.
	failed := map[string]bool{}
	for _, e := range errs {
		failed[e.Key] = true
	}
	for _, e := range validate(c, src) {
		if !failed[e.Key] {
			errs = append(errs, e)
		}
	}
	if len(errs) == 0 {
		return c, src, nil
	}
	joined := make([]error, len(errs))
	for i, e := range errs {
		joined[i] = e.redact(c.LLM.APIKey)
	}
	return c, src, errors.Join(joined...)
}

// findFile returns the config file to read: --config, else the first default location
// that exists, else "".
func findFile(flags *pflag.FlagSet, getenv func(string) string, src *Sources) (string, error) {
	if flags != nil {
		if f := flags.Lookup("config"); f != nil && f.Changed {
			path := f.Value.String()
			if path == "" {
				return "", fmt.Errorf("config: --config: empty file name")
			}
			info, err := os.Stat(path)
			if err != nil {
				return "", fmt.Errorf("config: --config: %w", err)
			}
			if info.IsDir() {
				return "", fmt.Errorf("config: --config %s: is a directory", path)
			}
			return path, nil
		}
	}
	src.Searched = []string{DefaultFile}
	if p := UserFile(getenv); p != "" {
		src.Searched = append(src.Searched, p)
	}
	for _, p := range src.Searched {
		info, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("config: %w", err)
		}
		if info.IsDir() {
			return "", fmt.Errorf("config: %s: is a directory", p)
		}
		return p, nil
	}
	return "", nil
}

// readFile loads the YAML file at path into v, records which keys it set, and returns
// the problems in its shape; unknown keys become warnings.
func readFile(v *viper.Viper, path string, defs []keyDef, src *Sources) ([]*Error, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("config: parse %s: %w", path, err)
	}
	src.File = path

	// A second instance holds the file alone, to list its keys without the defaults.
	fv := viper.New()
	fv.SetConfigType("yaml")
	if err := fv.ReadConfig(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("config: parse %s: %w", path, err)
	}
	known := make(map[string]keyDef, len(defs))
	for _, d := range defs {
		known[d.name] = d
	}
	var errs []*Error
	sections := map[string]bool{}
	for _, d := range defs {
		if i := strings.IndexByte(d.name, '.'); i > 0 {
			sections[d.name[:i]] = true
		}
	}
	keys := fv.AllKeys()
	slices.Sort(keys)
	for _, k := range keys {
		if _, ok := known[k]; ok {
			continue
		}
		if sections[k] {
			errs = append(errs, &Error{Key: k, Value: describe(fv.Get(k)), Source: "file " + path,
				Reason: fmt.Sprintf("must be a mapping of %s.* keys", k)})
			continue
		}
		if underKnown(k, known) {
			continue // llm.headers.x-foo, or a value where a scalar belongs (reported later)
		}
		w := fmt.Sprintf("file %s: unknown key %s ignored", path, k)
		if s := closest(k, defs); s != "" {
			w += fmt.Sprintf(" (did you mean %s?)", s)
		}
		src.Warnings = append(src.Warnings, w)
	}
	for _, d := range defs {
		if v.InConfig(d.name) {
			src.by[d.name] = "file " + path
		}
	}
	if fv.InConfig("llm.api_key") && runtime.GOOS != "windows" {
		if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
			src.Warnings = append(src.Warnings, fmt.Sprintf(
				"file %s holds llm.api_key and is readable by others (mode %04o); chmod 600 it or use OPENAI_API_KEY",
				path, info.Mode().Perm()))
		}
	}
	return errs, nil
}

// underKnown reports whether k lies below a known key, like llm.headers.x-foo.
func underKnown(k string, known map[string]keyDef) bool {
	for i := strings.LastIndexByte(k, '.'); i > 0; i = strings.LastIndexByte(k[:i], '.') {
		if _, ok := known[k[:i]]; ok {
			return true
		}
	}
	return false
}

// closest returns the known key nearest to k by edit distance, or "" when none is near.
func closest(k string, defs []keyDef) string {
	best, bestD := "", 4
	for _, d := range defs {
		if dist := editDistance(k, d.name); dist < bestD {
			best, bestD = d.name, dist
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// describe renders a raw value for an error message.
func describe(raw any) string {
	switch v := raw.(type) {
	case map[string]any:
		return "(a map)"
	case []any:
		return "(a list)"
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// homeDir returns the home directory from the environment, "" when unknown.
func homeDir(getenv func(string) string) string {
	if h := getenv("HOME"); h != "" {
		return h
	}
	if runtime.GOOS == "windows" {
		return getenv("USERPROFILE")
	}
	return ""
}

// xdgDir returns $<env>, or home/<fallback> when it is unset or not absolute (as the XDG
// base directory specification asks), or "" when neither is known.
func xdgDir(getenv func(string) string, env, fallback string) string {
	if d := getenv(env); d != "" && filepath.IsAbs(d) {
		return d
	}
	if h := homeDir(getenv); h != "" {
		return filepath.Join(h, fallback)
	}
	return ""
}

// UserFile returns the per-user config file, $XDG_CONFIG_HOME/summarize/config.yaml or
// ~/.config/summarize/config.yaml, or "" when neither XDG_CONFIG_HOME nor HOME is set.
func UserFile(getenv func(string) string) string {
	d := xdgDir(getenv, "XDG_CONFIG_HOME", ".config")
	if d == "" {
		return ""
	}
	return filepath.Join(d, "summarize", "config.yaml")
}

// DefaultCacheDir returns $XDG_CACHE_HOME/summarize or ~/.cache/summarize, or "" when
// neither XDG_CACHE_HOME nor HOME is set.
func DefaultCacheDir(getenv func(string) string) string {
	d := xdgDir(getenv, "XDG_CACHE_HOME", ".cache")
	if d == "" {
		return ""
	}
	return filepath.Join(d, "summarize")
}

// resolvePath expands a leading "~" and resolves a relative path from a config file
// against the file's directory.
func resolvePath(p, home, source, file string) string {
	if p == "" {
		return ""
	}
	if home != "" && (p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`)) {
		p = filepath.Join(home, p[1:])
	}
	if file != "" && strings.HasPrefix(source, "file ") && !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(file), p)
	}
	return p
}
