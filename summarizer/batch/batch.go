// Package batch runs a corpus through an endpoint's Batch API (OpenAI's /v1/files and
// /v1/batches, and what implements them) instead of one request at a time, at half the
// price and without rate limits. It is a cache filler beside package llm: the normal
// pipeline runs with a Collector right below the response cache, which records every
// first question the cache cannot answer in batch input files instead of sending it
// (chat.ErrDeferred). The Runner uploads the files, creates the batches on
// /v1/chat/completions with the 24h window, polls them, and files every answer in the
// cache, under the key of the request it answers, after the checks the online path
// makes. The next pass of the pipeline finds those answers in the cache and goes on:
// the overviews (written from the section summaries) and the merges of split sections
// are the next round's batch. A last normal pass answers everything from the cache and
// writes the reports; the engine validates and grounds every answer there as always,
// and what needs a re-ask, or got no usable answer from its batch, goes online.
//
// The batches are recorded in a Ledger (a state file, or the store), so that a command
// interrupted while they run resumes polling them instead of submitting again.
package batch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/summarizer/chat"
)

// API is what the Runner needs of an endpoint's Files and Batch APIs; *chat.BatchClient
// implements it.
type API interface {
	UploadFile(ctx context.Context, path string) (openai.File, error)
	CreateBatch(ctx context.Context, fileID string, metadata map[string]any) (openai.Batch, error)
	RetrieveBatch(ctx context.Context, id string) (openai.Batch, error)
	ListBatches(ctx context.Context, after string, limit int) (openai.ListBatchResponse, error)
	FileContent(ctx context.Context, id string) (io.ReadCloser, error)
}

var _ API = (*chat.BatchClient)(nil)

// Options configure a Runner. API, Ledger, Collector, Dir and CacheDir are required.
type Options struct {
	API       API
	Ledger    Ledger
	Collector *Collector
	// Dir holds the batch input files and their indexes; created if needed. An input file
	// is removed once its batch's answers are in the cache.
	Dir string
	// CacheDir is the directory of the response cache the answers go into: the one the
	// cache above the Collector reads.
	CacheDir string
	// Endpoint names the endpoint in the records (its base URL): a later command resumes
	// the batches recorded for its own endpoint only.
	Endpoint string
	// Limits bound each input file; OpenAILimits when zero.
	Limits Limits
	// Poll is the time between two looks at the batches in flight; 30 s when 0.
	Poll time.Duration
	// MaxRounds bounds the collecting passes; 4 when 0. What is left after them goes
	// online in the final pass.
	MaxRounds int
	// Metadata is added to every batch (at most 16 pairs in all; the Runner adds 2).
	Metadata map[string]string
	// Log receives one line per poll and one per event (a batch created, finished,
	// resumed); nil means none.
	Log io.Writer

	// Sleep waits d or until ctx is done (nil: a timer); Now is the clock (nil:
	// time.Now). Tests replace them.
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time
}

// Stats is what a Runner did.
type Stats struct {
	Rounds     int // collecting passes that submitted a batch
	Batches    int // batches created by this run
	Resumed    int // batches of an earlier command polled to their end
	Requests   int // requests in this run's batches
	Stored     int // answers filed in the cache (resumed batches included)
	Unusable   int // requests whose batch failed, expired, or answered unusably: asked online
	Online     int // requests sent online during the collecting passes (re-asks, unusable ones)
	Prompt     int // prompt tokens the batch answers report
	Completion int
}

// Runner runs the collecting passes and their batches. Not safe for concurrent use.
type Runner struct {
	o     Options
	stats Stats
}

// NewRunner returns a Runner, or an error naming a missing option.
func NewRunner(o Options) (*Runner, error) {
	switch {
	case o.API == nil:
		return nil, errors.New("batch runner: no API")
	case o.Ledger == nil:
		return nil, errors.New("batch runner: no ledger")
	case o.Collector == nil:
		return nil, errors.New("batch runner: no collector")
	case o.Dir == "":
		return nil, errors.New("batch runner: no directory for the input files")
	case o.CacheDir == "":
		return nil, errors.New("batch runner: no cache directory")
	}
	if o.Limits.Requests <= 0 {
		o.Limits.Requests = OpenAILimits.Requests
	}
	if o.Limits.Bytes <= 0 {
		o.Limits.Bytes = OpenAILimits.Bytes
	}
	if o.Poll <= 0 {
		o.Poll = 30 * time.Second
	}
	if o.MaxRounds <= 0 {
		o.MaxRounds = 4
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Runner{o: o}, nil
}

// ErrNoBatchAPI is wrapped by the error of Run when the endpoint has no Files or Batch
// API (it answered 404 or 405 to the upload or the creation): the input files are left
// in place for another batch runner (vLLM's run_batch), whose output Import files in
// the cache. A *NoBatchAPIError carries them.
var ErrNoBatchAPI = errors.New("the endpoint has no batch API")

// NoBatchAPIError is the error of a run whose endpoint has no batch API.
type NoBatchAPIError struct {
	Files []File // the round's input files, left in place
	Err   error  // the endpoint's answer
}

func (e *NoBatchAPIError) Error() string {
	return fmt.Sprintf("%v (%v)", ErrNoBatchAPI, e.Err)
}

// Unwrap returns ErrNoBatchAPI.
func (e *NoBatchAPIError) Unwrap() error { return ErrNoBatchAPI }

// Run runs the batch rounds. First it polls to their end the batches an earlier command
// recorded for this endpoint and left unfinished, and files their answers. Then, round
// after round, it calls pass (a run of the pipeline over the whole input whose engine's
// requests go through the Collector) as a collecting pass; when the pass deferred
// requests, it submits their input files as batches, polls them to their end (a line on
// Log each poll), files their answers in the cache, and notes the requests without a
// usable answer, which the later passes send online. It stops after a pass that
// deferred nothing, or after MaxRounds. The caller then runs the final pass.
//
// The error is the pass's, a *NoBatchAPIError, an error of the Ledger or of writing the
// input files, an endpoint error that no retry cures (a refused key), or ctx's. Batches
// already created keep running at the endpoint when Run returns early: they are
// recorded, and the next Run resumes them.
func (r *Runner) Run(ctx context.Context, pass func(ctx context.Context) error) (Stats, error) {
	if err := os.MkdirAll(r.o.Dir, 0o755); err != nil {
		return r.stats, fmt.Errorf("batch directory: %w", err)
	}
	recs, err := r.o.Ledger.Records(ctx)
	if err != nil {
		return r.stats, err
	}
	next := 1
	var pending []*Record
	for _, rec := range recs {
		next = max(next, rec.Round+1)
		if rec.Endpoint == r.o.Endpoint && !rec.Processed {
			pending = append(pending, &rec)
		}
	}
	if len(pending) > 0 {
		ids := make([]string, len(pending))
		for i, p := range pending {
			ids[i] = cmp.Or(p.ID, p.InputFileID)
		}
		r.logf("batch: resuming %s recorded by an earlier run: %s", plural(len(pending), "batch"), strings.Join(ids, ", "))
		for _, p := range pending {
			if p.ID == "" {
				if err := r.create(ctx, p); err != nil {
					return r.stats, err
				}
			}
		}
		if err := r.wait(ctx, pending[0].Round, pending); err != nil {
			return r.stats, err
		}
		r.stats.Resumed = len(pending)
	}
	for i := 0; i < r.o.MaxRounds; i++ {
		n := next + i
		r.o.Collector.begin(r.o.Dir, n, r.o.Limits)
		perr := pass(ctx)
		files, ferr := r.o.Collector.end()
		if err := errors.Join(perr, ferr); err != nil {
			removeFiles(files)
			return r.stats, err
		}
		if err := ctx.Err(); err != nil {
			removeFiles(files)
			return r.stats, err
		}
		r.stats.Online = r.o.Collector.Online().Requests
		if len(files) == 0 {
			break
		}
		reqs := 0
		for _, f := range files {
			reqs += f.Requests
		}
		r.logf("batch round %d: %s in %s", n, plural(reqs, "request"), plural(len(files), "batch file"))
		recs, err := r.submit(ctx, n, files)
		if err != nil {
			return r.stats, err
		}
		r.stats.Rounds++
		if err := r.wait(ctx, n, recs); err != nil {
			return r.stats, err
		}
	}
	return r.stats, nil
}

// submit uploads the files and creates their batches, recording each step.
func (r *Runner) submit(ctx context.Context, n int, files []File) ([]*Record, error) {
	var recs []*Record
	for i, f := range files {
		var up openai.File
		err := r.retry(ctx, func() (err error) { up, err = r.o.API.UploadFile(ctx, f.Path); return err })
		if err != nil {
			if noBatchAPI(err) {
				return recs, &NoBatchAPIError{Files: files[i:], Err: err}
			}
			return recs, fmt.Errorf("upload %s: %w", f.Path, err)
		}
		now := r.o.Now()
		rec := &Record{InputFileID: up.ID, File: f.Path, Round: n, Endpoint: r.o.Endpoint, Requests: f.Requests,
			CreatedAt: now, UpdatedAt: now}
		if err := r.o.Ledger.Save(ctx, *rec); err != nil {
			return recs, err
		}
		if err := r.create(ctx, rec); err != nil {
			if noBatchAPI(err) {
				return recs, &NoBatchAPIError{Files: files[i:], Err: err}
			}
			return recs, err
		}
		recs = append(recs, rec)
		r.stats.Batches++
		r.stats.Requests += f.Requests
	}
	return recs, nil
}

// create creates the batch of rec's uploaded file, unless the endpoint has one already
// (created by a command killed before it could record it), and records it.
func (r *Runner) create(ctx context.Context, rec *Record) error {
	if b, ok := r.findBatch(ctx, rec.InputFileID); ok {
		r.update(rec, b)
		return r.o.Ledger.Save(ctx, *rec)
	}
	meta := map[string]any{}
	for k, v := range r.o.Metadata {
		meta[k] = v
	}
	meta["summarize_round"] = fmt.Sprint(rec.Round)
	meta["summarize_file"] = filepath.Base(rec.File)
	var b openai.Batch
	err := r.retry(ctx, func() (err error) { b, err = r.o.API.CreateBatch(ctx, rec.InputFileID, meta); return err })
	if err != nil {
		return fmt.Errorf("create the batch of %s: %w", filepath.Base(rec.File), err)
	}
	r.update(rec, b)
	r.logf("batch %s created: %s of %s", b.ID, plural(rec.Requests, "request"), filepath.Base(rec.File))
	return r.o.Ledger.Save(ctx, *rec)
}

// findBatch looks for a batch of the input file fileID among the endpoint's latest ones.
func (r *Runner) findBatch(ctx context.Context, fileID string) (openai.Batch, bool) {
	after := ""
	for page := 0; page < 5; page++ {
		l, err := r.o.API.ListBatches(ctx, after, 100)
		if err != nil {
			return openai.Batch{}, false
		}
		for _, b := range l.Data {
			if b.InputFileID == fileID {
				return b, true
			}
		}
		if !l.HasMore || len(l.Data) == 0 {
			break
		}
		after = l.Data[len(l.Data)-1].ID
	}
	return openai.Batch{}, false
}

// update copies what the endpoint says of b into rec.
func (r *Runner) update(rec *Record, b openai.Batch) {
	rec.ID = b.ID
	rec.Status = b.Status
	rec.Completed = b.RequestCounts.Completed
	rec.Failed = b.RequestCounts.Failed
	rec.UpdatedAt = r.o.Now()
}

// wait polls recs until every batch has ended, filing each one's answers as it ends.
func (r *Runner) wait(ctx context.Context, n int, recs []*Record) error {
	start := r.o.Now()
	for {
		active := 0
		for _, rec := range recs {
			if rec.Processed {
				continue
			}
			var b openai.Batch
			err := r.retry(ctx, func() (err error) { b, err = r.o.API.RetrieveBatch(ctx, rec.ID); return err })
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				var ae *chat.APIError
				if errors.As(err, &ae) && ae.Status == 404 {
					// The endpoint forgot the batch: its requests go online.
					r.logf("batch %s is unknown to the endpoint (%v); its requests are asked online", rec.ID, err)
					if err := r.process(ctx, rec, openai.Batch{ID: rec.ID, Status: "failed"}); err != nil {
						return err
					}
					continue
				}
				if chat.Fatal(err) {
					return fmt.Errorf("poll batch %s: %w", rec.ID, err)
				}
				// An outage: the batch runs on at the endpoint; look again at the next poll.
				r.logf("batch %s: cannot poll it (%v); trying again in %s", rec.ID, err, r.o.Poll)
				active++
				continue
			}
			if b.Status != rec.Status {
				r.logf("batch %s: %s", b.ID, b.Status)
			}
			r.update(rec, b)
			if Final(b.Status) {
				err := r.process(ctx, rec, b)
				switch {
				case err == nil:
					continue
				case ctx.Err() != nil || chat.Fatal(err) || errors.Is(err, errLedger):
					return err
				}
				// The output could not be downloaded: again at the next poll.
				r.logf("batch %s: %v; trying again in %s", rec.ID, err, r.o.Poll)
				active++
				continue
			}
			if err := r.o.Ledger.Save(ctx, *rec); err != nil {
				return err
			}
			active++
		}
		if active == 0 {
			return nil
		}
		r.logf("%s", progressLine(n, recs, r.o.Now().Sub(start)))
		if err := r.o.Sleep(ctx, r.o.Poll); err != nil {
			return err
		}
	}
}

// progressLine is the line of one poll: "batch round 1: 1 of 3 batches ended (2
// in_progress); 1,200 of 5,000 requests done, 3 failed; 4m10s".
func progressLine(n int, recs []*Record, elapsed time.Duration) string {
	ended, total, done, failed := 0, 0, 0, 0
	states := map[string]int{}
	for _, rec := range recs {
		total += rec.Requests
		done += rec.Completed
		failed += rec.Failed
		if Final(rec.Status) {
			ended++
		} else {
			states[rec.Status]++
		}
	}
	return fmt.Sprintf("batch round %d: %d of %s ended (%s); %d of %d requests done, %d failed; %s",
		n, ended, plural(len(recs), "batch"), summarize(states), done, total, failed, elapsed.Round(time.Second))
}

// process downloads the output and error files of the ended batch b and files the
// answers in the cache; the requests without a usable answer are noted for the online
// path. The input file is removed, and the record marked processed.
func (r *Runner) process(ctx context.Context, rec *Record, b openai.Batch) error {
	s, err := openSink(r.o.CacheDir, rec.File)
	if err != nil {
		// Without the index the answers cannot be filed: they are asked again, online or
		// in the next round.
		r.logf("batch %s: %v; its requests are asked again", rec.ID, err)
	} else {
		defer s.close()
		for _, id := range []*string{b.OutputFileID, b.ErrorFileID} {
			if id == nil || *id == "" {
				continue
			}
			if err := r.download(ctx, *id, s); err != nil {
				return err
			}
		}
		s.unanswered(r.o.Collector.fail)
		rec.Stored = s.stored
		r.stats.Stored += s.stored
		r.stats.Unusable += s.missing()
		r.stats.Prompt += s.usage.PromptTokens
		r.stats.Completion += s.usage.CompletionTokens
		msg := fmt.Sprintf("batch %s %s: %s stored in the cache", b.ID, b.Status, plural(s.stored, "answer"))
		if m := s.missing(); m > 0 {
			msg += fmt.Sprintf("; %d to be asked online (%s)", m, s.why())
		}
		r.logf("%s", msg)
	}
	if b.Errors != nil {
		for _, e := range b.Errors.Data {
			line := ""
			if e.Line != nil {
				line = fmt.Sprintf(" (line %d)", *e.Line)
			}
			r.logf("batch %s: %s: %s%s", b.ID, e.Code, e.Message, line)
		}
	}
	rec.Processed = true
	rec.UpdatedAt = r.o.Now()
	if err := r.o.Ledger.Save(ctx, *rec); err != nil {
		return fmt.Errorf("%w: %w", errLedger, err)
	}
	removeFiles([]File{{Path: rec.File}})
	return nil
}

// errLedger marks an error of the Ledger, which polling again does not cure.
var errLedger = errors.New("record the batch")

// download reads the file id into s.
func (r *Runner) download(ctx context.Context, id string, s *sink) error {
	var rc io.ReadCloser
	err := r.retry(ctx, func() (err error) { rc, err = r.o.API.FileContent(ctx, id); return err })
	var ae *chat.APIError
	if errors.As(err, &ae) && ae.Status == 404 {
		// The file is gone (deleted, or expired): its lines are asked again.
		r.logf("file %s of the batch is gone (%v); its requests are asked again", id, err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("download %s: %w", id, err)
	}
	defer rc.Close()
	return s.read(ctx, rc, id)
}

// retry calls f until it succeeds, fails for good, or 5 tries are spent, waiting 1 s,
// 2 s, 4 s, ... (at most a minute) between tries of a fault that may pass.
func (r *Runner) retry(ctx context.Context, f func() error) error {
	wait := time.Second
	for try := 1; ; try++ {
		err := f()
		if err == nil || try >= 5 || !chat.Retryable(ctx, err) {
			return err
		}
		if serr := r.o.Sleep(ctx, wait); serr != nil {
			return err
		}
		wait = min(2*wait, time.Minute)
	}
}

// noBatchAPI reports an endpoint without the Files or Batch API.
func noBatchAPI(err error) bool {
	var ae *chat.APIError
	return errors.As(err, &ae) && (ae.Status == 404 || ae.Status == 405)
}

func removeFiles(files []File) {
	for _, f := range files {
		os.Remove(f.Path)
		os.Remove(IndexPath(f.Path))
	}
}

func (r *Runner) logf(format string, args ...any) {
	fmt.Fprintf(r.o.Log, "summarize: %s\n", fmt.Sprintf(format, args...))
}

// Stats returns what the Runner did so far.
func (r *Runner) Stats() Stats { return r.stats }

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// plural writes "1 batch", "2 batches", "3 requests".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	if strings.HasSuffix(noun, "ch") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
