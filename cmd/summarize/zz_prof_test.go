package main

import (
	"context"
	"io"
	"os"
	"runtime/pprof"
	"testing"
)

func TestProfileRun(t *testing.T) {
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	code := run(context.Background(), []string{"--db", t.TempDir() + "/x.db", os.Getenv("PROF_IN")}, nil, io.Discard, os.Stderr, os.Getenv)
	pprof.StopCPUProfile()
	f.Close()
	t.Log(code)
}
