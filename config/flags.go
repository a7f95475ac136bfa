package config

import (
	"fmt"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// flagDef ties a command-line flag to the key it overrides.
type flagDef struct {
	name, key string
	invert    bool // a bool flag that sets the key to its negation (--no-cache)
}

func flagDefs() []flagDef {
	return []flagDef{
		{name: "provider", key: "provider"},
		{name: "base-url", key: "llm.base_url"},
		{name: "model", key: "llm.model"},
		{name: "concurrency", key: "llm.concurrency"},
		{name: "no-cache", key: "cache.enabled", invert: true},
		{name: "timeout", key: "llm.timeout"},
		{name: "retries", key: "llm.retries"},
		{name: "structured-output", key: "llm.structured_output"},
		{name: "prompts-dir", key: "prompts.dir"},
		{name: "labels", key: "labels"},
	}
}

// AddFlags defines the configuration flags on fs: --config, --provider, --base-url,
// --model, --concurrency, --no-cache (the inverse of cache.enabled), --timeout,
// --retries, --structured-output, --prompts-dir and --labels (a comma list).
//
// The flags have zero defaults and Load reads only the flags set on the command line, so
// a flag left unset never overrides the environment or the file. The API key has no
// flag: command lines are visible to other users.
func AddFlags(fs *pflag.FlagSet) {
	fs.String("config", "", "config file (default ./summarize.yaml, else $XDG_CONFIG_HOME/summarize/config.yaml)")
	fs.String("provider", "", "engine: auto, openai or offline (provider; default auto)")
	fs.String("base-url", "", "OpenAI-compatible endpoint URL (llm.base_url; default "+DefaultBaseURL+")")
	fs.String("model", "", "model name (llm.model; default gpt-4o-mini)")
	fs.Int("concurrency", 0, "requests in flight (llm.concurrency; default 4)")
	fs.Bool("no-cache", false, "do not read or write the response cache (cache.enabled=false)")
	fs.Duration("timeout", 0, "timeout per request (llm.timeout; default 60s)")
	fs.Int("retries", 0, "retries after a failed request (llm.retries; default 8)")
	fs.String("structured-output", "", "auto, json_schema, json_object or instructions (llm.structured_output; default auto)")
	fs.String("prompts-dir", "", "directory of prompt templates overriding the embedded ones (prompts.dir)")
	fs.StringSlice("labels", nil, "stance labels, comma-separated, from agreement to disagreement (labels)")
}

// applyFlags sets in v the keys of the flags that were set on the command line. Flags
// that fs does not define are skipped, so a caller may define only some of them.
func applyFlags(fs *pflag.FlagSet, v *viper.Viper, src *Sources) error {
	if fs == nil {
		return nil
	}
	for _, fd := range flagDefs() {
		f := fs.Lookup(fd.name)
		if f == nil || !f.Changed {
			continue
		}
		var (
			val any
			err error
		)
		switch t := f.Value.Type(); t {
		case "string":
			val, err = fs.GetString(fd.name)
		case "int":
			val, err = fs.GetInt(fd.name)
		case "duration":
			val, err = fs.GetDuration(fd.name)
		case "bool":
			var b bool
			b, err = fs.GetBool(fd.name)
			val = b != fd.invert
		case "stringSlice":
			val, err = fs.GetStringSlice(fd.name)
		case "stringArray":
			val, err = fs.GetStringArray(fd.name)
		default:
			err = fmt.Errorf("unsupported flag type %s", t)
		}
		if err != nil {
			return fmt.Errorf("config: flag --%s: %w", fd.name, err)
		}
		v.Set(fd.key, val)
		src.by[fd.key] = "flag --" + fd.name
	}
	return nil
}
