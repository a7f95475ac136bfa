package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/spf13/cobra"

	"github.com/cablebrief/summarize/config"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/brief"
	"github.com/cablebrief/summarize/summarizer/chat"
	"github.com/cablebrief/summarize/summarizer/compare"
	"github.com/cablebrief/summarize/summarizer/llm"
)

type briefOptions struct {
	format    string
	output    string
	aliases   string
	db        string
	top       int
	sentences int
	dryRun    bool
	filter    compare.Filter
}

func newBriefCmd(e *env) *cobra.Command {
	opts := &briefOptions{}
	cmd := &cobra.Command{
		Use:   "brief [flags] REPORT.json|DIR... | --db FILE",
		Short: "A cited briefing across many cables, topic by topic",
		Long: `brief reads JSON reports (written with summarize --format json; a directory gives every
*.json in it) or the store (--db), one at a time, and writes one briefing across them:
per topic (merged across cables as compare merges them) a synthesis of a few sentences,
in date order, each ending with its sources as [CABLE ¶N] citations; the positions
actors took on the topic, with changes over time and contradictions flagged as compare
flags them; and front matter: the selection, a bottom line of the whole set, and what
was left out. Every citation is checked: its cable is in the selection, its paragraph
exists, and the sentence is drawn from it; one that fails is dropped and said.

With an endpoint configured, the syntheses are written by the model from the section
summaries and key points (never the raw cables), in parts when a topic's material
exceeds llm.context_budget, and merged; without one, the offline engine writes an
extractive digest (the most central sentences per topic across the cables, TextRank).
--dry-run prints the plan (topics, calls, estimated tokens) and sends nothing.

--actor, --topic, --from, --to and --cable select as compare selects (each repeatable
filter matches any of its values). --format html writes a self-contained page whose
citations link to each cable's own HTML report when it is beside the briefing or the
reports (07PARIS2726.html), else to the quoted paragraphs at the end.`,
		Args: reportArgs("brief", &opts.db),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBrief(cmd.Context(), e, cmd, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "markdown", "output format: markdown, html or json")
	f.StringVarP(&opts.output, "output", "o", "", "write to this file instead of stdout")
	f.StringVar(&opts.aliases, "aliases", "", `a file of actor aliases, one "alias = canonical" a line (# comments)`)
	f.IntVar(&opts.top, "top", brief.DefaultTop, "show the N topics found in the most cables; 0 shows every topic")
	f.IntVar(&opts.sentences, "sentences", brief.DefaultSentences, "the most sentences of a topic's synthesis")
	f.BoolVar(&opts.dryRun, "dry-run", false, "print the plan (topics, calls, estimated tokens) and send nothing")
	f.StringArrayVar(&opts.filter.Actors, "actor", nil, `only this actor ("Kouchner", "France", "Embassy"); repeatable`)
	f.StringArrayVar(&opts.filter.Topics, "topic", nil, `only this topic ("Iran", "IR", or words of a section title); repeatable`)
	f.StringVar(&opts.filter.From, "from", "", "only cables dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVar(&opts.filter.To, "to", "", "only cables dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringArrayVar(&opts.filter.Cables, "cable", nil, "only this cable (its id); repeatable")
	f.StringVar(&opts.db, "db", "", "read the reports from this store (written with summarize --db) instead of files")
	return cmd
}

// runBrief checks everything the command line names, then reads the reports twice: once
// for the material, once, after the syntheses, for the cited paragraphs only.
func runBrief(ctx context.Context, e *env, cmd *cobra.Command, opts *briefOptions, args []string) error {
	format, err := normFormat(opts.format, brief.Formats...)
	if err != nil {
		return usagef("brief: %v", err)
	}
	filter := opts.filter
	if err := filter.Validate(); err != nil {
		return usagef("brief: %v", err)
	}
	if opts.top < 0 || opts.sentences < 1 {
		return usagef("brief: --top must be 0 or more and --sentences 1 or more")
	}
	if opts.output != "" {
		if st, err := os.Stat(filepath.Dir(opts.output)); err != nil || !st.IsDir() {
			return usagef("brief: -o %s: the directory %s does not exist", opts.output, filepath.Dir(opts.output))
		}
		if st, err := os.Stat(opts.output); err == nil && st.IsDir() {
			return usagef("brief: -o %s is a directory: give a file", opts.output)
		}
	}
	aliases, err := loadAliases(opts.aliases)
	if err != nil {
		return err
	}
	cfg, src, err := config.Load(cmd.Flags(), e.getenv)
	if err != nil {
		return usageError{err: err}
	}
	for _, w := range src.Warnings {
		fmt.Fprintf(e.stderr, "summarize: warning: %s\n", w)
	}
	var reports, again reportSource = fileReports(args), fileReports(args)
	if opts.db != "" {
		store, err := openReadStore(ctx, "brief", opts.db)
		if err != nil {
			return err
		}
		defer store.Close()
		reports = storeReports{store: store, query: storeQuery(filter, aliases)}
		again = storeReports{store: store} // narrowed to the cited cables below
	}
	eng, err := newBriefEngine(cfg, e.stderr)
	if err != nil {
		return err
	}

	top := opts.top
	if top == 0 {
		top = -1 // every topic
	}
	col := brief.NewCollector(brief.Options{Filter: filter, Aliases: aliases, Top: top, Sentences: opts.sentences})
	read, failed, err := readReports(ctx, e, "brief", reports, func(r *summarizer.Report) { col.Add(r) })
	if err != nil {
		return err
	}
	if read == 0 {
		return errPartial
	}
	draft := col.Draft()
	if opts.dryRun {
		writeBriefPlan(e.stdout, draft, eng, cfg)
		return partial(failed)
	}

	concurrency := runtime.GOMAXPROCS(0)
	if eng.endpoint != nil {
		concurrency = cfg.LLM.Concurrency
	}
	b, err := brief.Compose(ctx, draft, eng, brief.ComposeOptions{Concurrency: concurrency, Stop: eng.stop})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return setupf("brief: %s", endpointFailure("the endpoint "+eng.name, err, !eng.answered()))
	}
	b.Warnings = append(b.Warnings, eng.takeNotes()...)

	// The second pass: the cited paragraphs only.
	need := b.Needed()
	if s, ok := again.(storeReports); ok {
		for id := range need {
			s.query.Cables = append(s.query.Cables, id)
		}
		sort.Strings(s.query.Cables)
		again = s
	}
	q := brief.NewQuotes(need)
	if len(need) > 0 {
		if err := again.Reports(ctx, q.Add, func(error) {}); err != nil {
			return err
		}
	}
	brief.Check(b, q)
	linkBriefings(b, opts.output, args)

	var buf bytes.Buffer
	if err := brief.Write(&buf, b, format); err != nil {
		return err
	}
	if opts.output != "" {
		if err := writeFileAtomic(opts.output, buf.Bytes()); err != nil {
			return err
		}
	} else if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	fellBack := writeBriefUsage(e.stderr, b, eng)
	return partial(failed || fellBack)
}

// briefEngine is the briefing's engine with what the command reads of its endpoint.
type briefEngine struct {
	brief.Engine
	endpoint *chat.Retrier // nil offline
	limiter  *chat.Adaptive
	name     string

	mu    sync.Mutex
	notes []string
}

// newBriefEngine builds the engine the configuration asks for: the LLM digester over the
// chat stack of buildCompleter (the cache included), or the extractive digest.
func newBriefEngine(cfg *config.Config, stderr io.Writer) (*briefEngine, error) {
	if !cfg.UseLLM() {
		if cfg.Provider == "auto" {
			fmt.Fprintln(stderr, "summarize: no API key or base URL configured; the offline engine writes an extractive digest")
		}
		return &briefEngine{Engine: brief.Extractive{}}, nil
	}
	l := cfg.LLM
	if cfg.Provider == "auto" {
		fmt.Fprintf(stderr, "summarize: using the endpoint at %s, model %s\n", l.Endpoint(), l.Model)
	}
	c, limiter, retrier, err := buildCompleter(cfg, stderr, nil)
	if err != nil {
		return nil, err
	}
	be := &briefEngine{endpoint: retrier, limiter: limiter, name: endpointName(l)}
	d, err := llm.NewDigester(c, llm.Options{
		Model:            l.Model,
		Temperature:      l.Temperature,
		Seed:             l.Seed,
		MaxTokens:        l.MaxTokens,
		ContextBudget:    l.ContextBudget,
		PromptsDir:       cfg.Prompts.Dir,
		Provider:         "openai",
		Endpoint:         l.Endpoint(),
		StructuredOutput: l.StructuredOutput,
	}, be.note)
	if err != nil {
		return nil, setupf("llm: %v", err)
	}
	be.Engine = d
	return be, nil
}

func (b *briefEngine) note(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.notes = append(b.notes, msg)
}

func (b *briefEngine) takeNotes() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.notes
	b.notes = nil
	return out
}

// answered reports whether the endpoint has answered any request.
func (b *briefEngine) answered() bool { return b.endpoint == nil || b.endpoint.Answered() }

// stop tells the errors after which no call can succeed, as fatalGuard does.
func (b *briefEngine) stop(err error) bool {
	return chat.Fatal(err) || chat.NoAnswer(err) && !b.answered()
}

// writeBriefPlan prints what the briefing would send, per topic, and the totals.
func writeBriefPlan(w io.Writer, d *brief.Draft, eng *briefEngine, cfg *config.Config) {
	est, _ := eng.Engine.(brief.Estimator)
	name := "offline (extractive digest, no calls)"
	if est != nil {
		name = fmt.Sprintf("%s at %s, context budget %d tokens", cfg.LLM.Model, cfg.LLM.Endpoint(), cfg.LLM.ContextBudget)
	}
	p := d.Plan(est)
	fmt.Fprintf(w, "plan: brief, engine %s\n", name)
	fmt.Fprintf(w, "selection: %s of %s read\n\n", plural(len(d.Selection.Cables), "cable"), plural(d.Selection.Reports, "report"))
	const row = "%-40s %7s %9s %6s %18s\n"
	fmt.Fprintf(w, row, "topic", "cables", "material", "calls", "est. prompt tokens")
	for _, t := range p.Topics {
		fmt.Fprintf(w, row, oneLine(t.Name, 38), fmt.Sprint(t.Cables), fmt.Sprint(t.Material), fmt.Sprint(t.Calls), fmt.Sprint(t.Tokens))
	}
	fmt.Fprintf(w, row, "(bottom line)", fmt.Sprint(p.BottomLine.Cables), "", fmt.Sprint(p.BottomLine.Calls), fmt.Sprint(p.BottomLine.Tokens))
	fmt.Fprintf(w, row, "total", "", "", fmt.Sprint(p.Calls), fmt.Sprint(p.Tokens))
	if n := len(d.LeftOut.Topics); n > 0 {
		fmt.Fprintf(w, "\n%s beyond --top not written\n", plural(n, "more topic"))
	}
	if est != nil {
		fmt.Fprintf(w, "at most %d completion tokens per call (llm.max_tokens); answers in the cache cost nothing\n", cfg.LLM.MaxTokens)
	}
}

// writeBriefUsage prints the one line of what the briefing did and cost, and reports
// whether a topic's synthesis fell back to the extractive digest.
func writeBriefUsage(w io.Writer, b *brief.Briefing, eng *briefEngine) bool {
	sentences, fellBack := len(b.BottomLine), 0
	for _, t := range b.Topics {
		sentences += len(t.Synthesis)
		if t.Note != "" {
			fellBack++
		}
	}
	c, u := b.Citations, b.Usage
	line := fmt.Sprintf("summarize: brief: %s, %s, %s; %s (%d valid, %d dropped)",
		plural(len(b.Selection.Cables), "cable"), plural(len(b.Topics), "topic"), plural(sentences, "sentence"),
		plural(c.Citations, "citation"), c.Valid, len(c.Invalid))
	if fellBack > 0 {
		line += fmt.Sprintf("; %s fell back to the extractive digest", plural(fellBack, "topic"))
	}
	line += fmt.Sprintf("; %s, %s, %s, %s; %d prompt + %d completion tokens (%d cached)",
		plural(u.Requests, "request"), plural(u.Retries, "retry"), plural(u.ReAsks, "re-ask"), plural(u.CacheHits, "cache hit"),
		u.PromptTokens, u.CompletionTokens, u.CachedTokens)
	if c.Unsupported > 0 {
		line += fmt.Sprintf("; %s in %s", plural(c.Unsupported, "unsupported claim"), plural(c.UnsupportedSentences, "sentence"))
	} else {
		line += "; 0 unsupported claims"
	}
	if eng.limiter != nil {
		line += fmt.Sprintf("; concurrency %d", eng.limiter.Configured())
	}
	fmt.Fprintln(w, line)
	return fellBack > 0
}

// linkBriefings sets each cable's Briefing to its own HTML report where one is beside
// the briefing (the directory of output) or beside the reports (the directories given,
// or holding the files given), as a path relative to the briefing's directory.
func linkBriefings(b *brief.Briefing, output string, args []string) {
	base := "."
	if output != "" {
		base = filepath.Dir(output)
	}
	dirs := []string{base}
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			dirs = append(dirs, a)
		} else {
			dirs = append(dirs, filepath.Dir(a))
		}
	}
	for i, c := range b.Selection.Cables {
		for _, d := range dirs {
			p := filepath.Join(d, c.ID+".html")
			if st, err := os.Stat(p); err != nil || st.IsDir() {
				continue
			}
			if rel, err := filepath.Rel(base, p); err == nil {
				b.Selection.Cables[i].Briefing = filepath.ToSlash(rel)
				break
			}
		}
	}
}
