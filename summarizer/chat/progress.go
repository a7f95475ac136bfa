package chat

import (
	"io"
	"os"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// Progress shows how many of a known number of tasks are done. Increment is safe for
// concurrent use.
type Progress interface {
	Increment() // one more task done
	Wait()      // completes the display; call once, after the last Increment
}

// progressDelay is how long a run must last before its progress bar appears.
const progressDelay = 700 * time.Millisecond

// NewProgress returns a progress bar for total tasks drawn on w, appearing only once the
// run has lasted a moment. When w is not a terminal (a file, a pipe, a test buffer), is a
// terminal without a size, or total < 1, it returns a Progress that does nothing and
// writes nothing.
func NewProgress(w io.Writer, total int) Progress {
	f, ok := w.(*os.File)
	if !ok || total < 1 || !term.IsTerminal(int(f.Fd())) {
		return nopProgress{}
	}
	if cols, rows, err := term.GetSize(int(f.Fd())); err != nil || cols < 20 || rows < 1 {
		return nopProgress{} // a terminal without a size (some containers): mpb cannot draw
	}
	show := make(chan any)
	timer := time.AfterFunc(progressDelay, func() { close(show) })
	p := mpb.New(mpb.WithOutput(w), mpb.WithWidth(40), mpb.WithRenderDelay(show),
		mpb.WithAutoRefresh())
	bar := p.AddBar(int64(total),
		mpb.PrependDecorators(decor.CountersNoUnit("%d/%d"), decor.Percentage(decor.WCSyncSpace)),
		mpb.AppendDecorators(decor.OnComplete(decor.AverageETA(decor.ET_STYLE_GO), "done")),
	)
	return &barProgress{p: p, bar: bar, timer: timer, total: int64(total)}
}

type nopProgress struct{}

func (nopProgress) Increment() {}
func (nopProgress) Wait()      {}

type barProgress struct {
	p     *mpb.Progress
	bar   *mpb.Bar
	timer *time.Timer
	total int64
}

func (b *barProgress) Increment() { b.bar.Increment() }

func (b *barProgress) Wait() {
	if !b.bar.Completed() {
		// Cancelled or failed runs: finish the bar where it stands.
		b.bar.Abort(false)
	}
	b.p.Wait()
	b.timer.Stop()
}
