// Command fakeopenai runs the project's fake OpenAI-compatible server on the loopback
// interface, so the summarize CLI can be tried without a key:
//
//	go run ./cmd/fakeopenai --port 8089 --latency 200ms --fault-429 0.1
//	go run ./cmd/fakeopenai --max-in-flight 3                 # a server that serves 3 at a time
//	go run ./cmd/fakeopenai --rpm 60 --tpm 40000              # OpenAI's rate limits and x-ratelimit-* headers
//	go run ./cmd/fakeopenai --batch-delay 2s --batch-fail 0.05 # the Batch API, slow, some lines failing
//
// prints its base URL (http://127.0.0.1:8089/v1) on stdout; point summarize's base URL at
// it, with any API key or none. It answers summarize's own prompts with the mechanical,
// grounded answers of package llmtest (and the briefing prompts with those of package
// brieftest), other chat completions with schema-shaped JSON (see
// package fakeopenai), fails the given shares of requests (deterministically, by --seed:
// 429, 500, malformed and truncated answers), serves at most --max-in-flight requests at
// once (429 with Retry-After beyond), enforces --rpm and --tpm with OpenAI's rate-limit
// headers, serves the Files and Batch APIs (each line answered as online; --batch-delay,
// --batch-fail and --batch-expire make batches slow or failing), logs one line per request on stderr, and stops on Ctrl-C with a count of the
// requests and the peak number in flight.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/cablebrief/summarize/summarizer/brief/brieftest"
	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/cablebrief/summarize/summarizer/llm/llmtest"
	openai "github.com/sashabaranov/go-openai"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

type options struct {
	port       int
	latency    time.Duration
	fault429   float64
	fault500   float64
	malformed  float64
	truncated  float64
	retryAfter time.Duration
	seed       uint64
	apiKey     string
	noSchema   bool
	inFlight   int
	rpm, tpm   int

	batchDelay  time.Duration
	batchFail   float64
	batchExpire float64
	noBatchAPI  bool
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("fakeopenai", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.port, "port", 8089, "TCP port on 127.0.0.1 (0 picks a free one)")
	fs.DurationVar(&o.latency, "latency", 0, "delay before every answer")
	fs.Float64Var(&o.fault429, "fault-429", 0, "share of requests answered 429 with Retry-After")
	fs.Float64Var(&o.fault500, "fault-500", 0, "share of requests answered 500")
	fs.Float64Var(&o.malformed, "fault-malformed", 0, "share of requests answered with content that is not JSON")
	fs.Float64Var(&o.truncated, "fault-truncated", 0, `share of requests answered with half the answer and finish_reason "length"`)
	fs.DurationVar(&o.retryAfter, "retry-after", time.Second, "Retry-After of the 429 answers (also of those over --max-in-flight)")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the fault dice: which requests fail")
	fs.IntVar(&o.inFlight, "max-in-flight", 0, "serve at most this many requests at once, 429 with Retry-After beyond (0: no cap)")
	fs.IntVar(&o.rpm, "rpm", 0, "requests per minute, enforced and announced in x-ratelimit-* headers (0: none)")
	fs.IntVar(&o.tpm, "tpm", 0, "tokens per minute, enforced and announced in x-ratelimit-* headers (0: none)")
	fs.StringVar(&o.apiKey, "api-key", "", "accept only this key (default: any key, or none, like a local server)")
	fs.BoolVar(&o.noSchema, "reject-json-schema", false, "answer 400 to response_format json_schema")
	fs.BoolVar(&o.noBatchAPI, "no-batch-api", false, "answer 404 to /v1/files and /v1/batches, as vLLM's and llama.cpp's servers do")
	fs.DurationVar(&o.batchDelay, "batch-delay", 0, "batches wait this long before each change of status (validating, in_progress, finalizing, completed)")
	fs.Float64Var(&o.batchFail, "batch-fail", 0, "share of batch lines failed with request_timeout (by custom_id and --seed)")
	fs.Float64Var(&o.batchExpire, "batch-expire", 0, "share of batch lines at which their batch expires (by custom_id and --seed): they and the later lines get batch_expired")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"fault-429", o.fault429}, {"fault-500", o.fault500}, {"fault-malformed", o.malformed}, {"fault-truncated", o.truncated},
		{"batch-fail", o.batchFail}, {"batch-expire", o.batchExpire}} {
		if f.v < 0 || f.v > 1 {
			return o, fmt.Errorf("--%s %v: want a share between 0 and 1", f.name, f.v)
		}
	}
	if s := o.fault429 + o.fault500 + o.malformed + o.truncated; s > 1 {
		return o, fmt.Errorf("fault shares add up to %v: want at most 1", s)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"max-in-flight", o.inFlight}, {"rpm", o.rpm}, {"tpm", o.tpm}} {
		if f.v < 0 {
			return o, fmt.Errorf("--%s %d: want 0 (none) or more", f.name, f.v)
		}
	}
	if o.port < 0 || o.port > 65535 {
		return o, fmt.Errorf("--port %d: want 0 to 65535", o.port)
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err == flag.ErrHelp {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "fakeopenai:", err)
		return 2
	}
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(o.port)))
	if err != nil {
		fmt.Fprintln(stderr, "fakeopenai:", err)
		return 1
	}
	faults := fakeopenai.Faults(fakeopenai.FaultMix{
		RateLimited: o.fault429, RetryAfter: o.retryAfter,
		ServerError: o.fault500, Malformed: o.malformed, Truncated: o.truncated, Seed: o.seed,
	})
	script := func(n int, req openai.ChatCompletionRequest) fakeopenai.Reply {
		rep := faults(n, req)
		kind := llmtest.Kind(req)
		if brieftest.IsBrief(req) {
			kind = "brief"
		}
		if kind != "" {
			kind = " (" + kind + ")"
		}
		switch {
		case rep.Status != 0:
			fmt.Fprintf(stderr, "#%d %s: %d\n", n, req.Model, rep.Status)
		case rep.Content != "" || rep.Raw != "":
			fmt.Fprintf(stderr, "#%d %s: malformed answer\n", n, req.Model)
		case rep.FinishReason == "length":
			fmt.Fprintf(stderr, "#%d %s: truncated answer%s\n", n, req.Model, kind)
		default:
			fmt.Fprintf(stderr, "#%d %s: ok%s\n", n, req.Model, kind)
		}
		return rep
	}
	opts := []fakeopenai.Option{fakeopenai.WithListener(l), fakeopenai.WithLatency(o.latency),
		fakeopenai.WithScript(script), fakeopenai.WithAnswer(answer)}
	if o.inFlight > 0 {
		opts = append(opts, fakeopenai.WithMaxInFlight(o.inFlight, o.retryAfter))
	}
	if o.rpm > 0 || o.tpm > 0 {
		opts = append(opts, fakeopenai.WithRateLimits(o.rpm, o.tpm))
	}
	if o.apiKey != "" {
		opts = append(opts, fakeopenai.WithAPIKey(o.apiKey))
	} else {
		opts = append(opts, fakeopenai.WithoutAuth())
	}
	if o.noSchema {
		opts = append(opts, fakeopenai.WithRejectJSONSchema())
	}
	opts = append(opts, fakeopenai.WithBatchDelay(o.batchDelay))
	if o.noBatchAPI {
		opts = append(opts, fakeopenai.WithoutBatchAPI())
	}
	if o.batchFail > 0 || o.batchExpire > 0 {
		opts = append(opts, fakeopenai.WithBatchFaults(fakeopenai.BatchFaultShares(o.batchFail, o.batchExpire, o.seed)))
	}
	srv := fakeopenai.New(opts...)
	fmt.Fprintln(stdout, srv.URL())
	fmt.Fprintln(stderr, "fakeopenai: listening; Ctrl-C to stop")
	<-ctx.Done()
	srv.Close()
	fmt.Fprintf(stderr, "fakeopenai: %d requests, peak %d in flight\n", srv.Count(), srv.PeakInFlight())
	return 0
}

// answer answers summarize's own prompts with grounded answers that pass its validation,
// and other requests with schema-shaped JSON.
func answer(req openai.ChatCompletionRequest) string {
	if brieftest.IsBrief(req) {
		return brieftest.Answer(req)
	}
	if llmtest.Kind(req) != "" {
		return llmtest.Answer(req)
	}
	return fakeopenai.DefaultAnswer(req)
}
