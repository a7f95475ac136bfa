package main

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// normFormat reads a --format value in any case ("JSON", "Markdown", "md") and returns
// it as one of allowed, or an error listing them.
func normFormat(value string, allowed ...string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(value))
	if v == "md" {
		v = "markdown"
	}
	if slices.Contains(allowed, v) {
		return v, nil
	}
	return "", fmt.Errorf("--format %q is not one of %s", value, strings.Join(allowed, ", "))
}

// describeOSError drops the path from an *fs.PathError: the caller names the file.
func describeOSError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return errors.New("no such file or directory")
		case errors.Is(err, fs.ErrPermission):
			return errors.New("permission denied")
		}
		return pe.Err
	}
	return err
}
