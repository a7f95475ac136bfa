package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/cable"
)

const cablesDir = "../../testdata/cables"

func readCable(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(cablesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// collect runs Parse and returns its items in input order, releasing each place.
func collect(t testing.TB, paths []string, stdin string, workers, window int) []Item {
	t.Helper()
	w := NewWindow(window)
	out := make(chan Item)
	go Parse(context.Background(), paths, strings.NewReader(stdin), ParseOptions{Workers: workers, Window: w}, out)
	var items []Item
	Ordered(out, func(it Item) {
		items = append(items, it)
		w.Release()
	})
	return items
}

func TestParseInputs(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(dir, "b_07PARIS2726.txt"), readCable(t, "07PARIS2726.txt"), 0o644)
	os.WriteFile(filepath.Join(sub, "a_08RABAT185.txt"), readCable(t, "08RABAT185.txt"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("not an input"), 0o644)
	empty := filepath.Join(dir, "nothing")
	os.Mkdir(empty, 0o755)

	items := collect(t, []string{dir, filepath.Join(dir, "missing.txt"), empty, "-"}, string(readCable(t, "07PARIS4357.txt")), 3, 2)
	var got []string
	for i, it := range items {
		if it.Seq != int64(i) {
			t.Errorf("item %d has Seq %d", i, it.Seq)
		}
		switch {
		case it.Err != nil:
			got = append(got, "error: "+it.Err.Error())
		default:
			for _, c := range it.Cables {
				got = append(got, c.ID)
			}
		}
	}
	want := []string{
		"07PARIS2726", // b_07PARIS2726.txt comes before empty.txt and sub/ in lexical order
		"error: parse " + filepath.Join(dir, "empty.txt") + ": file is empty",
		"08RABAT185",
		"error: no such file or directory",
		"error: directory has no cables (*.txt, *.html, *.csv)",
		"07PARIS4357",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if !errors.Is(items[1].Err, cable.ErrEmpty) {
		t.Errorf("empty file error %v is not cable.ErrEmpty", items[1].Err)
	}
	if items[3].Name != filepath.Join(dir, "missing.txt") {
		t.Errorf("missing path item named %q", items[3].Name)
	}
}

// csvRow writes one row of cables.csv with the release's escaping.
func csvRow(n int, date, id, text string) string {
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	cols := []string{fmt.Sprint(n), date, id, "Embassy Paris", "CONFIDENTIAL//NOFORN", "", "", text}
	for i, c := range cols {
		cols[i] = `"` + esc.Replace(c) + `"`
	}
	return strings.Join(cols, ",") + "\n"
}

func TestParseCSVMetadata(t *testing.T) {
	dir := t.TempDir()
	seed := string(readCable(t, "07PARIS2726.txt"))
	extract := "This record is a partial extract of the original cable.\n\n1. (C) Kouchner agreed.\n" // no header: no id, no date
	csv := csvRow(1, "6/26/2007 8:49", "07PARIS2726", seed) + csvRow(2, "3/14/2005 10:00", "05PARIS1234", extract) +
		`"3","1/1/2009 0:00","09X1","Embassy X","SECRET","","",""` + "\n"
	path := filepath.Join(dir, "cables.csv")
	os.WriteFile(path, []byte(csv), 0o644)
	items := collect(t, []string{path}, "", 2, 4)
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3", len(items))
	}
	c := items[1].Cables[0]
	if c.ID != "05PARIS1234" || c.Date != "2005-03-14" || c.Classification != "CONFIDENTIAL" || c.Origin != "Embassy Paris" ||
		!cmp.Equal(c.Caveats, []string{"NOFORN"}) {
		t.Errorf("row 2 metadata = id %q date %q class %q origin %q caveats %q; want the row's columns", c.ID, c.Date, c.Classification, c.Origin, c.Caveats)
	}
	if items[0].Name != path+":07PARIS2726" {
		t.Errorf("row item named %q", items[0].Name)
	}
	if items[2].Err == nil || !strings.Contains(items[2].Err.Error(), path+":") || !strings.Contains(items[2].Err.Error(), "09X1") {
		t.Errorf("row without text: error %v, want one naming the file and line", items[2].Err)
	}
}

func TestParseWindowBoundsMemory(t *testing.T) {
	// A dump of many rows goes through a window of 3: never more than 3 items out at once.
	var b strings.Builder
	seed := string(readCable(t, "08RABAT185.txt"))
	for i := range 200 {
		b.WriteString(csvRow(i+1, "2/28/2008 16:08", fmt.Sprintf("08RABAT%d", i+1), seed))
	}
	w := NewWindow(3)
	out := make(chan Item, 100)
	var outstanding, peak atomic.Int64
	done := make(chan struct{})
	go func() {
		Parse(context.Background(), []string{"-"}, strings.NewReader(b.String()), ParseOptions{Workers: 2, Window: w}, out)
		close(done)
	}()
	n := 0
	for it := range out {
		if o := outstanding.Add(1); o > peak.Load() {
			peak.Store(o)
		}
		time.Sleep(100 * time.Microsecond)
		if len(it.Cables) != 1 {
			t.Fatalf("item %d: %v", it.Seq, it.Err)
		}
		n++
		outstanding.Add(-1)
		w.Release()
	}
	<-done
	if n != 200 {
		t.Errorf("got %d items, want 200", n)
	}
	if p := peak.Load(); p > 3 {
		t.Errorf("%d items out at once, want at most the window's 3", p)
	}
}

func TestParseCancelled(t *testing.T) {
	var b strings.Builder
	seed := string(readCable(t, "08RABAT185.txt"))
	for i := range 100 {
		b.WriteString(csvRow(i+1, "2/28/2008 16:08", fmt.Sprintf("08RABAT%d", i+1), seed))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := NewWindow(4)
	out := make(chan Item)
	go Parse(ctx, []string{"-"}, strings.NewReader(b.String()), ParseOptions{Workers: 2, Window: w}, out)
	n := 0
	for range out {
		n++
		if n == 5 {
			cancel()
		}
		w.Release()
	}
	if n >= 100 {
		t.Errorf("Parse sent all %d items after the cancel", n)
	}
}

func TestOrdered(t *testing.T) {
	in := make(chan Item, 10)
	for _, s := range []int64{2, 0, 3, 1, 5} { // 4 never comes (a cancelled run)
		in <- Item{Seq: s}
	}
	close(in)
	var got []int64
	Ordered(in, func(it Item) { got = append(got, it.Seq) })
	if diff := cmp.Diff([]int64{0, 1, 2, 3, 5}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

// engine is a summarizer.Engine that counts its calls.
type engine struct{ sections atomic.Int64 }

func (e *engine) SummarizeSection(ctx context.Context, in summarizer.SectionInput) (summarizer.SectionResult, summarizer.Usage, error) {
	e.sections.Add(1)
	return summarizer.SectionResult{Summary: "s"}, summarizer.Usage{}, ctx.Err()
}

func (e *engine) Overview(ctx context.Context, in summarizer.OverviewInput) (summarizer.Overview, summarizer.Usage, error) {
	return summarizer.Overview{BottomLine: "b"}, summarizer.Usage{}, ctx.Err()
}

func (e *engine) Info() summarizer.EngineInfo { return summarizer.EngineInfo{Provider: "test"} }

func TestSummarizeSkipsAndCounts(t *testing.T) {
	items := collect(t, []string{filepath.Join(cablesDir, "07PARIS2726.txt"), filepath.Join(cablesDir, "08RABAT185.txt"), "missing.txt"}, "", 1, 8)
	in := make(chan Item, len(items))
	for _, it := range items {
		in <- it
	}
	close(in)
	eng := &engine{}
	p := &Progress{}
	out := make(chan Item, len(items))
	Summarize(context.Background(), &summarizer.Summarizer{Engine: eng}, in, out, SummarizeOptions{
		Workers: 2, Progress: p, Skip: func(c *summarizer.Cable) bool { return c.ID == "08RABAT185" },
	})
	var got []Item
	for it := range out {
		got = append(got, it)
	}
	if len(got) != 3 {
		t.Fatalf("got %d items, want 3", len(got))
	}
	reports, skipped, errs := 0, 0, 0
	for _, it := range got {
		if it.Err != nil {
			errs++
		}
		for i := range it.Cables {
			if it.Skipped[i] {
				skipped++
			} else if it.Reports[i] != nil {
				reports++
			}
		}
	}
	if reports != 1 || skipped != 1 || errs != 1 {
		t.Errorf("reports %d, skipped %d, errors %d; want 1 each", reports, skipped, errs)
	}
	want := int64(0)
	for _, it := range got {
		for _, c := range it.Cables {
			if c.ID == "07PARIS2726" {
				want = int64(len(c.Sections))
			}
		}
	}
	if eng.sections.Load() != want {
		t.Errorf("engine ran %d sections, want %d (07PARIS2726's only: the skipped cable costs no call)", eng.sections.Load(), want)
	}
	if p.cables.Load() != 1 || p.skipped.Load() != 1 {
		t.Errorf("progress counts %d cables, %d skipped; want 1, 1", p.cables.Load(), p.skipped.Load())
	}
}

func TestProgressPlainLine(t *testing.T) {
	var mu sync.Mutex
	var buf bytes.Buffer
	w := writerFunc(func(b []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return buf.Write(b) })
	var now atomic.Int64 // seconds
	p := &Progress{TotalBytes: 1000, Interval: 5 * time.Millisecond, Now: func() time.Time { return time.Unix(now.Load(), 0) }}
	p.Start(w, false)
	now.Store(10)
	p.AddBytes(250)
	p.CableDone(7, 1)
	p.CableSkipped()
	time.Sleep(30 * time.Millisecond)
	p.Stop()
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	want := "summarize: 1 cables (7 sections) done, 1 sections failed, 1 skipped (done before); 0 cables/s; 25% of 1.0 KB read, ETA 30s\n"
	if !strings.Contains(out, want) {
		t.Errorf("progress lines:\n%s\nwant a line %q", out, want)
	}
}

func TestThousandsAndBytes(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {251287, "251,287"}, {1234567, "1,234,567"}} {
		if got := thousands(tt.n); got != tt.want {
			t.Errorf("thousands(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := humanBytes(1_700_000_000); got != "1.7 GB" {
		t.Errorf("humanBytes = %q, want 1.7 GB", got)
	}
}
