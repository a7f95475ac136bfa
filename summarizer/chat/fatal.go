package chat

import (
	"errors"

	openai "github.com/sashabaranov/go-openai"
)

// Fatal reports whether err means that no request to this endpoint, as configured, can
// succeed, so that a run should stop rather than fail every section in turn: the key is
// refused (401, 403), the model or the path does not exist (404), the quota is
// exhausted, or the client refused the request before sending it (a parameter the model
// does not take). A rate limit, a server error or a timeout is not fatal.
func Fatal(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		switch {
		case ae.Status == 401, ae.Status == 403, ae.Status == 404:
			return true
		case ae.Code == "insufficient_quota":
			return true
		}
		return false
	}
	for _, e := range []error{
		openai.ErrO1MaxTokensDeprecated, openai.ErrReasoningModelMaxTokensDeprecated,
		openai.ErrReasoningModelLimitationsOther, openai.ErrReasoningModelLimitationsLogprobs,
		openai.ErrO1BetaLimitationsOther, openai.ErrO1BetaLimitationsTools,
		openai.ErrO1BetaLimitationsMessageTypes, openai.ErrReasoningSamplingUnsupported,
		openai.ErrChatCompletionInvalidModel,
	} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
