package main

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes.
const (
	exitOK        = 0
	exitPartial   = 1 // some inputs or sections failed; the rest was written
	exitUsage     = 2 // bad flags, arguments or configuration; nothing was done
	exitCancelled = 130
)

// errPartial says that the run finished but some of its work failed; what failed has
// already been reported on stderr.
var errPartial = errors.New("some inputs failed")

// usageError is a mistake in the command line or configuration, or an endpoint that
// refuses the configured request: nothing (more) was done. hint adds the pointer to
// --help, for mistakes in flags and arguments.
type usageError struct {
	err  error
	hint bool
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef is a mistake in the command line.
func usagef(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...), hint: true}
}

// setupf is a problem with the configuration or the endpoint.
func setupf(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...)}
}

// exitCode is the one place that maps errors to exit codes.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitCancelled
	case errors.As(err, &ue):
		return exitUsage
	default:
		return exitPartial
	}
}
