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

// usageError is a mistake in the command line or configuration.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

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
