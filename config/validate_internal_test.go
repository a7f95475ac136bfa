package config

import (
	"strings"
	"testing"
)

func TestUnparsableBaseURLHidesItsPassword(t *testing.T) {
	getenv := func(k string) string {
		if k == "SUMMARIZE_LLM_BASE_URL" {
			return "http://user:sk-secret-pw@exa mple.com/%zz"
		}
		return ""
	}
	_, _, err := Load(nil, getenv)
	if err == nil {
		t.Fatal("an unparsable base URL was accepted")
	}
	if strings.Contains(err.Error(), "sk-secret-pw") {
		t.Errorf("error shows the URL's password: %v", err)
	}
}
