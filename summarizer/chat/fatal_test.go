package chat

import (
	"context"
	"errors"
	"fmt"
	"testing"

	openai "github.com/sashabaranov/go-openai"
)

func TestFatal(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"unauthorized", &APIError{Status: 401}, true},
		{"forbidden", fmt.Errorf("wrapped: %w", &APIError{Status: 403}), true},
		{"no such model", &APIError{Status: 404}, true},
		{"quota", &APIError{Status: 429, Code: "insufficient_quota"}, true},
		{"refused before sending", fmt.Errorf("chat completion: %w", openai.ErrReasoningModelMaxTokensDeprecated), true},
		{"rate limited", &APIError{Status: 429}, false},
		{"server error", &APIError{Status: 503}, false},
		{"bad request", &APIError{Status: 400}, false},
		{"timeout", context.DeadlineExceeded, false},
		{"malformed", ErrMalformed, false},
		{"other", errors.New("x"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fatal(tt.err); got != tt.want {
				t.Errorf("Fatal(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
