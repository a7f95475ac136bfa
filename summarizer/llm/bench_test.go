package llm

import (
	"context"
	"testing"

	"github.com/cablebrief/summarize/summarizer/chat"
)

// BenchmarkSummarizeSection measures the engine's own work for one section (prompt
// rendering, schema generation, decoding, validation, grounding) against an endpoint that
// answers at once with a fixed valid answer.
func BenchmarkSummarizeSection(b *testing.B) {
	c := seedCable(b)
	in := sectionInput(b, c, "KOSOVO")
	answer := llmtestAnswer(b, in)
	e := newEngine(b, completerFunc(func(ctx context.Context, req chat.Request) (chat.Response, error) {
		return chat.Response{Content: answer, FinishReason: "stop"}, nil
	}), Options{})
	for b.Loop() {
		if _, _, err := e.SummarizeSection(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}
