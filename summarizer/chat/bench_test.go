package chat

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
)

// BenchmarkStack400 sends 400 requests through the whole stack (cache on an empty dir,
// retry, structured, concurrency 8) to the fake answering in 100ms. One op is the whole
// run; x-ideal is its time over the ideal ceil(400/8)×100ms.
//
//	go test -run '^$' -bench Stack400 -benchtime 3x ./summarizer/chat/
func BenchmarkStack400(b *testing.B) {
	const n, concurrency, latency = 400, 8, 100 * time.Millisecond
	ideal := time.Duration((n+concurrency-1)/concurrency) * latency
	srv := fakeopenai.New(fakeopenai.WithLatency(latency))
	defer srv.Close()
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		c := stack(b, srv, b.TempDir(), concurrency, nil)
		b.StartTimer()
		start := time.Now()
		_, errs := runAll(context.Background(), c, n, nil)
		total += time.Since(start)
		if err := errors.Join(errs...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(total)/float64(b.N)/float64(ideal), "x-ideal")
	b.ReportMetric(float64(srv.PeakInFlight()), "peak-in-flight")
}
