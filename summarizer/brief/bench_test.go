package brief

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
)

// BenchmarkBrief measures the whole offline flow (collect, draft, compose, the second
// pass, check, HTML) over 600 reports: the twelve compare reports fifty times under
// other ids.
func BenchmarkBrief(b *testing.B) {
	base := loadReports(b, reportsDir)
	var rs []*summarizer.Report
	for i := range 50 {
		for _, r := range base {
			c := *r
			cb := *r.Cable
			cb.ID = fmt.Sprintf("%s-%02d", cb.ID, i)
			c.Cable = &cb
			rs = append(rs, &c)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c := NewCollector(Options{})
		for _, r := range rs {
			c.Add(r)
		}
		br, err := Compose(context.Background(), c.Draft(), Extractive{}, ComposeOptions{Concurrency: 2})
		if err != nil {
			b.Fatal(err)
		}
		q := NewQuotes(br.Needed())
		for _, r := range rs {
			q.Add(r)
		}
		Check(br, q)
		if err := br.WriteHTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
