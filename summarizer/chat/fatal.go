package chat

import (
	"context"
	"crypto/x509"
	"errors"
	"net"
	"syscall"

	openai "github.com/sashabaranov/go-openai"
)

// Fatal reports whether err means that no request to this endpoint, as configured, can
// succeed, so that a run should stop rather than fail every section in turn: the key is
// refused (401, 403), the model or the path does not exist (404), the quota is
// exhausted, or the client refused the request before sending it (a parameter the model
// does not take), the host does not exist or its certificate is refused, or the endpoint
// redirects to another host (ErrRedirect). A rate limit, a server error, a timeout or a
// refused connection is not fatal (see Unreachable).
func Fatal(err error) bool {
	if errors.Is(err, ErrRedirect) {
		return true
	}
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
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return true // the base URL names no host
	}
	var certErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	if errors.As(err, &certErr) || errors.As(err, &hostErr) || errors.As(err, &invalidErr) {
		return true // the endpoint's certificate is refused
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

// Unreachable reports whether err says that nothing answered at the endpoint's address
// (connection refused, no route to the host or its network): fatal for a run whose
// endpoint has never answered, a passing fault for one that has.
func Unreachable(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) ||
		errors.Is(err, syscall.ENETUNREACH)
}

// NoAnswer reports whether err says that the endpoint gave no answer to the request: an
// HTTP error status, a failure on the way to it, a timeout. It is false for an answer
// that came but was wrong (ErrMalformed, ErrTruncated), for a request cancelled by its
// caller (context.Canceled), and for errors of the caller's own making.
func NoAnswer(err error) bool {
	if err == nil || errors.Is(err, ErrMalformed) || errors.Is(err, ErrTruncated) || errors.Is(err, context.Canceled) {
		return false
	}
	var ae *APIError
	return errors.As(err, &ae) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrRedirect) ||
		networkError(err) || Fatal(err)
}
