package main

import (
	"fmt"
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
