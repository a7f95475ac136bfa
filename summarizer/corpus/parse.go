package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cablebrief/summarize/summarizer/cable"
	"github.com/cablebrief/summarize/summarizer/cable/source"
)

// ParseOptions configure Parse.
type ParseOptions struct {
	// Workers is the number of documents parsed at once; 1 when < 1.
	Workers int
	// Window bounds the documents in flight; required. Parse takes a place for each item
	// it sends; the consumer releases it.
	Window *Window
	// Progress, when set, counts the bytes read.
	Progress *Progress
}

type job struct {
	seq  int64
	name string
	doc  source.Doc
	err  error
}

// Parse reads paths in order — files, directories (every file with one of Exts under
// them, in lexical order) and "-" for stdin — document by document with source.Reader,
// parses each with cable.ParseDoc on opts.Workers goroutines and sends one Item per
// document on out, in any order (Seq gives the input order). A path, file, row or
// document that cannot be read or parsed becomes an Item with Err, and the rest goes on.
// Cables without a reference id are named after their file ("stdin" for stdin).
//
// Parse closes out when every item is sent, and returns early when ctx is done (the
// items already sent stay valid). It never holds more than opts.Window's size of
// documents.
func Parse(ctx context.Context, paths []string, stdin io.Reader, opts ParseOptions, out chan<- Item) {
	defer close(out)
	jobs := make(chan job, max(opts.Workers, 1))
	var wg sync.WaitGroup
	for range max(opts.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				out <- parseJob(j)
			}
		}()
	}
	p := &producer{ctx: ctx, opts: opts, jobs: jobs}
	p.run(paths, stdin)
	close(jobs)
	wg.Wait()
}

// parseJob turns one document into an Item.
func parseJob(j job) Item {
	it := Item{Seq: j.seq, Name: j.name}
	if j.err != nil {
		it.Err = j.err
		return it
	}
	cs, err := cable.ParseDoc(j.doc)
	if err != nil {
		it.Err = err
		return it
	}
	for _, c := range cs {
		if c.ID == "" { // text that is not a cable, and not named by its file
			c.ID = fallbackID(j.name)
		}
	}
	it.Cables = cs
	return it
}

// producer reads the documents one at a time and hands them to the parsers.
type producer struct {
	ctx  context.Context
	opts ParseOptions
	jobs chan<- job
	seq  int64
}

func (p *producer) run(paths []string, stdin io.Reader) {
	for _, path := range paths {
		if path == "-" {
			if !p.read("-", stdin) {
				return
			}
			continue
		}
		ok := walk(path, func(file string, _ int64, err error) bool {
			if err != nil {
				return p.send(job{name: file, err: err})
			}
			f, err := os.Open(file)
			if err != nil {
				return p.send(job{name: file, err: Describe(err)})
			}
			defer f.Close()
			return p.read(file, f)
		})
		if !ok {
			return
		}
	}
}

// read sends every document of one input; false means stop (ctx done).
func (p *producer) read(name string, r io.Reader) bool {
	rd := source.NewReader(name, r)
	var offset int64
	for {
		d, err := rd.Next()
		if p.opts.Progress != nil {
			p.opts.Progress.AddBytes(rd.Offset() - offset)
			offset = rd.Offset()
		}
		switch {
		case errors.Is(err, io.EOF):
			return true
		case err == nil:
			jn := name
			if d.Meta != nil && d.Name != "" {
				jn = name + ":" + d.Name // a row of a dump
			}
			if !p.send(job{name: jn, doc: d}) {
				return false
			}
		case errors.Is(err, source.ErrBadRow):
			if !p.send(job{name: name, err: err}) {
				return false
			}
		default:
			return p.send(job{name: name, err: readError(name, err)})
		}
	}
}

// readError turns the reader's error into the one line the user reads: the parser's
// sentinel errors (so errors.Is matches cable.ErrEmpty, cable.ErrTooLarge), naming the file.
func readError(name string, err error) error {
	switch {
	case errors.Is(err, source.ErrEmpty):
		return fmt.Errorf("parse %s: %w", name, cable.ErrEmpty)
	case errors.Is(err, source.ErrTooLarge):
		return fmt.Errorf("parse %s: %w", name, cable.ErrTooLarge)
	}
	return err
}

// send takes a place in the window and hands j to the parsers; false when ctx is done.
func (p *producer) send(j job) bool {
	if err := p.opts.Window.Acquire(p.ctx); err != nil {
		return false
	}
	j.seq = p.seq
	p.seq++
	select {
	case p.jobs <- j:
		return true
	case <-p.ctx.Done():
		p.opts.Window.Release()
		return false
	}
}

// fallbackID names a document without a reference id: its file name without the
// extension, or "stdin".
func fallbackID(name string) string {
	if name == "-" || name == "" {
		return "stdin"
	}
	base := filepath.Base(name)
	if id := strings.TrimSuffix(base, filepath.Ext(base)); id != "" {
		return id
	}
	return "document"
}
