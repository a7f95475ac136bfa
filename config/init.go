package config

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed starter.yaml
var starter string

// InitFile returns the commented starter config file: every key at its default, with
// commented-out endpoint profiles for OpenAI (active), Azure OpenAI, Ollama and vLLM. It
// holds no API key. Load reads it back as the defaults.
func InitFile() string { return starter }

// WriteInit writes InitFile to path, creating its directory. It refuses to overwrite an
// existing file unless force, returning an error that wraps fs.ErrExist.
func WriteInit(path string, force bool) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("config: write %s: %w", path, err)
		}
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("config: %s already exists, not overwritten: %w", path, err)
	}
	if err != nil {
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	if _, err := f.WriteString(starter); err != nil {
		f.Close()
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	return nil
}
