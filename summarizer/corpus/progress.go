package corpus

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Progress counts what a long run has done — bytes read, cables and sections done,
// failed and skipped — and shows it: on a terminal as a bar redrawn in place, elsewhere
// (a file, a pipe, nohup, CI) as one plain line every Interval, so that a long run always
// shows it is alive. The counting methods are safe for concurrent use and cost one atomic
// add each.
type Progress struct {
	// TotalBytes is the size of the input when known (0 for stdin), for the share read and
	// the ETA.
	TotalBytes int64
	// Interval is how often the plain line is written; 10 s when 0.
	Interval time.Duration
	// Extra, when set, is appended to each line (for instance the endpoint's concurrency
	// limit in force). It is called from the display goroutine.
	Extra func() string
	// Now is the clock; time.Now when nil.
	Now func() time.Time

	bytes, cables, sections, failed, skipped atomic.Int64

	start time.Time
	stop  chan struct{}
	done  sync.WaitGroup
	bar   *mpb.Bar
	p     *mpb.Progress
	drawn atomic.Pointer[mpb.Progress] // the bar being drawn, for Writer
}

// Writer returns a writer for other messages of the run (retry notices): while the bar
// is drawn they are printed above it, otherwise they go to w. Safe for concurrent use,
// also before Start and after Stop.
func (p *Progress) Writer(w io.Writer) io.Writer {
	return writerFunc(func(b []byte) (int, error) {
		if bar := p.drawn.Load(); bar != nil {
			return bar.Write(b)
		}
		return w.Write(b)
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// AddBytes counts n more bytes of input read.
func (p *Progress) AddBytes(n int64) { p.bytes.Add(n) }

// CableDone counts one cable summarised with its sections, failed of them failed.
func (p *Progress) CableDone(sections, failed int) {
	p.cables.Add(1)
	p.sections.Add(int64(sections))
	p.failed.Add(int64(failed))
}

// CableSkipped counts one cable not run because an earlier run did it.
func (p *Progress) CableSkipped() { p.skipped.Add(1) }

// Start begins showing progress on w: a bar when terminal is true, else a plain line
// every Interval. Call Stop once when the run ends.
func (p *Progress) Start(w io.Writer, terminal bool) {
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Interval <= 0 {
		p.Interval = 10 * time.Second
	}
	p.start = p.Now()
	p.stop = make(chan struct{})
	if terminal {
		p.startBar(w)
		return
	}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(p.Interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				fmt.Fprintf(w, "summarize: %s\n", p.Line())
			}
		}
	}()
}

// startBar draws a bar of the bytes read, with the counts beside it, after a moment (a
// short run shows nothing).
func (p *Progress) startBar(w io.Writer) {
	show := make(chan any)
	timer := time.AfterFunc(700*time.Millisecond, func() { close(show) })
	p.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(30), mpb.WithRenderDelay(show), mpb.WithAutoRefresh())
	total := max(p.TotalBytes, 1)
	p.drawn.Store(p.p)
	p.bar = p.p.New(total, mpb.BarStyle(),
		mpb.PrependDecorators(decor.Any(func(decor.Statistics) string { return p.counts() })),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string { return p.rateAndETA() })),
	)
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		defer timer.Stop()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.bar.SetCurrent(min(p.bytes.Load(), total-1))
			}
		}
	}()
}

// Stop ends the display: the bar is completed (or left where it stands) and the plain
// line stops.
func (p *Progress) Stop() {
	if p.stop == nil {
		return
	}
	close(p.stop)
	p.done.Wait()
	if p.bar != nil {
		p.drawn.Store(nil)
		p.bar.Abort(false)
		p.p.Wait()
	}
	p.stop = nil
}

// Line is the progress in words: "1,234 cables (5,678 sections) done, 2 failed,
// 10 skipped; 410 cables/s; 38% of 1.7 GB read, ETA 7m12s".
func (p *Progress) Line() string {
	return p.counts() + "; " + p.rateAndETA()
}

func (p *Progress) counts() string {
	s := fmt.Sprintf("%s cables (%s sections) done", thousands(p.cables.Load()), thousands(p.sections.Load()))
	if n := p.failed.Load(); n > 0 {
		s += fmt.Sprintf(", %s sections failed", thousands(n))
	}
	if n := p.skipped.Load(); n > 0 {
		s += fmt.Sprintf(", %s skipped (done before)", thousands(n))
	}
	return s
}

func (p *Progress) rateAndETA() string {
	elapsed := p.Now().Sub(p.start)
	var parts []string
	if secs := elapsed.Seconds(); secs > 0 {
		parts = append(parts, fmt.Sprintf("%.0f cables/s", float64(p.cables.Load()+p.skipped.Load())/secs))
	}
	read := p.bytes.Load()
	if p.TotalBytes > 0 {
		frac := min(float64(read)/float64(p.TotalBytes), 1)
		s := fmt.Sprintf("%.0f%% of %s read", 100*frac, humanBytes(p.TotalBytes))
		if frac > 0.001 && frac < 1 {
			eta := time.Duration(float64(elapsed) * (1 - frac) / frac).Round(time.Second)
			s += ", ETA " + eta.String()
		}
		parts = append(parts, s)
	} else {
		parts = append(parts, humanBytes(read)+" read")
	}
	if p.Extra != nil {
		if x := p.Extra(); x != "" {
			parts = append(parts, x)
		}
	}
	return strings.Join(parts, "; ")
}

// thousands writes n with comma separators: 1234567 is "1,234,567".
func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// humanBytes writes a size as "812 KB", "1.7 GB".
func humanBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "KMGTPE"[exp])
}
