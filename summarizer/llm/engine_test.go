package llm

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
)

func wrongLabel(a *sectionAnswer) { a.Stances[0].Label = "maybe" }
func ungrounded(a *sectionAnswer) {
	a.Stances[0].Evidence[0].Quote = "Kouchner said the moon is made of cheese."
}
func wrongParagraph(a *sectionAnswer)     { a.Stances[0].Evidence[0].Paragraph = 3 }
func halfOf(s string) string              { return s[:len(s)/2] }
func edited(f func(*sectionAnswer)) reply { return reply{echo: true, edit: f} }

// warnings collects Options.Warn messages.
type warnings struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warnings) warn(in summarizer.SectionInput, msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.msgs = append(w.msgs, fmt.Sprintf("section %d: %s", in.Index, msg))
}

func (w *warnings) all() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.msgs)
}

func TestReAsk(t *testing.T) {
	c := seedCable(t)
	in := sectionInput(t, c, "KOSOVO")
	kosovoEcho := llmtestAnswer(t, in)
	for _, tc := range []struct {
		name      string
		maxReAsks int
		budget    int
		replies   []reply
		wantCalls int
		wantErr   []string // substrings of the error; nil for success
		wantIs    error
		reAsk     []string // substrings of the last re-ask message
		grounded  bool     // the first quote of the result
		wantWarn  string
	}{
		{name: "valid at once", replies: []reply{echo}, wantCalls: 1, grounded: true},
		{name: "label outside the set is re-asked and fixed", replies: []reply{edited(wrongLabel), echo}, wantCalls: 2, grounded: true,
			reAsk: []string{`$.stances[0].label: "maybe" is not one of supports, conditional, neutral, skeptical, opposes`}},
		{name: "paragraph outside the section is re-asked", replies: []reply{edited(wrongParagraph), echo}, wantCalls: 2, grounded: true,
			reAsk: []string{"$.stances[0].evidence[0].paragraph: paragraph 3 is not in this section (its paragraphs are [5, 6, 7, 8])"}},
		{name: "ungrounded quote is re-asked and fixed", replies: []reply{edited(ungrounded), echo}, wantCalls: 2, grounded: true,
			reAsk: []string{"$.stances[0].evidence[0].quote: not found verbatim in paragraph"}},
		{name: "ungrounded twice is kept with grounded false", replies: []reply{edited(ungrounded), edited(ungrounded)}, wantCalls: 2, grounded: false,
			wantWarn: "still not found"},
		{name: "malformed JSON is re-asked", replies: []reply{{content: "Sure! Here is the answer: {summary:"}, echo}, wantCalls: 2, grounded: true,
			reAsk: []string{"not a valid JSON object"}},
		{name: "truncated answer is re-asked for a shorter one", replies: []reply{{content: halfOf(kosovoEcho), finish: "length"}, echo}, wantCalls: 2, grounded: true,
			reAsk: []string{"cut off", "shorter"}},
		{name: "malformed reported by the chat layer is re-asked", replies: []reply{{content: "no JSON here", err: fmt.Errorf("answer is not JSON: %w", chat.ErrMalformed)}, echo},
			wantCalls: 2, grounded: true, reAsk: []string{"not a valid JSON object"}},
		{name: "missing key is re-asked", replies: []reply{{content: `{"summary": "A summary.", "key_points": []}`}, echo}, wantCalls: 2, grounded: true,
			reAsk: []string{"$.stances: required key missing"}},
		{name: "wrong type is re-asked", replies: []reply{{content: `{"summary": "A summary.", "key_points": "one", "stances": []}`}, echo}, wantCalls: 2,
			reAsk: []string{"$.key_points: expected an array, got JSON string"}, grounded: true},
		{name: "two failures with one re-ask is an error naming the problem", maxReAsks: 1, replies: []reply{edited(wrongLabel), edited(wrongLabel)}, wantCalls: 2,
			wantErr: []string{"after 1 re-ask", `$.stances[0].label: "maybe" is not one of`}},
		{name: "three failures with the default two re-asks", replies: []reply{edited(wrongLabel), {content: "{"}, edited(wrongLabel)}, wantCalls: 3,
			wantErr: []string{"after 2 re-ask", `"maybe"`}},
		{name: "truncated every time", replies: []reply{{content: "{", finish: "length"}, {content: "{", finish: "length"}, {content: "{", finish: "length"}}, wantCalls: 3,
			wantErr: []string{"truncated"}, wantIs: chat.ErrTruncated},
		{name: "malformed every time", maxReAsks: 1, replies: []reply{{content: "nope"}, {content: "nope"}}, wantCalls: 2,
			wantErr: []string{"not a JSON object"}, wantIs: chat.ErrMalformed},
		{name: "no re-asks", maxReAsks: -1, replies: []reply{edited(wrongLabel)}, wantCalls: 1, wantErr: []string{"after 0 re-ask"}},
		{name: "re-ask budget", budget: 100, replies: []reply{edited(wrongLabel)}, wantCalls: 1, wantErr: []string{"re-ask token budget exhausted", `"maybe"`}, wantIs: ErrReAskBudget},
		{name: "earlier grounded-false answer kept when the re-ask breaks it", maxReAsks: -1, replies: []reply{edited(ungrounded), edited(wrongLabel)}, wantCalls: 2,
			grounded: false, wantWarn: "kept the last valid answer"},
		{name: "transport error is not re-asked", replies: []reply{{err: &chat.APIError{Status: 401, Message: "bad key"}}}, wantCalls: 1,
			wantErr: []string{"endpoint answered 401"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScript(t, tc.replies...)
			var w warnings
			e := newEngine(t, s.completer(), Options{MaxReAsks: tc.maxReAsks, ReAskBudget: tc.budget, Warn: w.warn})
			res, u, err := e.SummarizeSection(context.Background(), in)
			reqs := s.requests()
			if len(reqs) != tc.wantCalls {
				t.Errorf("calls: got %d, want %d", len(reqs), tc.wantCalls)
			}
			if u.Requests != len(reqs) || u.ReAsks != len(reqs)-1 || u.PromptTokens != 100*len(reqs) {
				t.Errorf("usage: got %+v, want %d requests, %d re-asks, %d prompt tokens", u, len(reqs), len(reqs)-1, 100*len(reqs))
			}
			if tc.wantErr != nil {
				if err == nil {
					t.Fatalf("got no error, want one containing %q", tc.wantErr)
				}
				for _, want := range tc.wantErr {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q lacks %q", err, want)
					}
				}
				if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
					t.Errorf("error %v is not %v", err, tc.wantIs)
				}
				return
			}
			if err != nil {
				t.Fatalf("SummarizeSection: %v", err)
			}
			if verr := summarizer.Validate(res, in); verr != nil {
				t.Errorf("result does not validate: %v", verr)
			}
			if len(res.Stances) == 0 || len(res.Stances[0].Evidence) == 0 {
				t.Fatalf("result has no evidence: %+v", res)
			}
			if got := res.Stances[0].Evidence[0].Grounded; got != tc.grounded {
				t.Errorf("grounded: got %v, want %v", got, tc.grounded)
			}
			if tc.wantWarn != "" && !slices.ContainsFunc(w.all(), func(m string) bool { return strings.Contains(m, tc.wantWarn) }) {
				t.Errorf("warnings %q lack %q", w.all(), tc.wantWarn)
			}
			if len(tc.reAsk) > 0 {
				last := reqs[len(reqs)-1]
				first := reqs[0]
				if diff := cmp.Diff(first.Messages, last.Messages[:2]); diff != "" {
					t.Errorf("re-ask does not resend the conversation (-first +re-ask):\n%s", diff)
				}
				if got := roles(last.Messages); !slices.Equal(got, []string{"system", "user", "assistant", "user"}) {
					t.Errorf("re-ask roles: got %v", got)
				}
				if diff := cmp.Diff(first.Schema, last.Schema); diff != "" {
					t.Errorf("re-ask changed the schema:\n%s", diff)
				}
				msg := last.Messages[len(last.Messages)-1].Content
				for _, want := range tc.reAsk {
					if !strings.Contains(msg, want) {
						t.Errorf("re-ask message lacks %q:\n%s", want, msg)
					}
				}
			}
		})
	}
}

// llmtestAnswer is the echo answer to the first request for in.
func llmtestAnswer(t testing.TB, in summarizer.SectionInput) string {
	t.Helper()
	var got string
	e := newEngine(t, completerFunc(func(ctx context.Context, req chat.Request) (chat.Response, error) {
		got = llmtestAnswerFor(req)
		return chat.Response{Content: got, FinishReason: "stop"}, nil
	}), Options{})
	if _, _, err := e.SummarizeSection(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestSeedCableAllSections(t *testing.T) {
	c := seedCable(t)
	s := newScript(t, slices.Repeat([]reply{echo}, len(c.Sections))...)
	e := newEngine(t, s.completer(), Options{})
	results := make([]summarizer.SectionResult, len(c.Sections))
	errs := make([]error, len(c.Sections))
	var wg sync.WaitGroup
	for i, sec := range c.Sections {
		wg.Go(func() {
			in := summarizer.SectionInput{Cable: c, Index: i, Section: sec, Paragraphs: c.SectionParagraphs(sec)}
			results[i], _, errs[i] = e.SummarizeSection(context.Background(), in)
		})
	}
	wg.Wait()
	if got := len(s.requests()); got != len(c.Sections) {
		t.Errorf("calls: got %d, want one per section (%d)", got, len(c.Sections))
	}
	stances := 0
	for i, r := range results {
		if errs[i] != nil {
			t.Errorf("section %d: %v", i, errs[i])
			continue
		}
		if r.Summary == "" {
			t.Errorf("section %d: no summary", i)
		}
		for _, st := range r.Stances {
			stances++
			for _, ev := range st.Evidence {
				if !ev.Grounded {
					t.Errorf("section %d: ungrounded quote %q", i, ev.Quote)
				}
			}
		}
	}
	if stances < 5 {
		t.Errorf("got %d stances over the cable, want at least 5", stances)
	}
}

func TestLabels(t *testing.T) {
	c := seedCable(t)
	custom := []string{"favours", "undecided", "against"}
	defs := map[string]string{"favours": "is in favour", "supports": "is all for it"}
	for _, tc := range []struct {
		name       string
		optLabels  []string
		inLabels   []string
		wantLabels []string
		wantLines  []string
	}{
		{"default", nil, nil, summarizer.DefaultLabels, []string{`- "neutral": takes no side`, `- "supports": is all for it`}},
		{"configured", custom, nil, custom, []string{`- "favours": is in favour`, `- "undecided"` + "\n"}},
		{"the section's own win", []string{"x", "y"}, custom, custom, nil},
		{"definitions override the built-in ones", []string{"supports", "opposes"}, nil, []string{"supports", "opposes"},
			[]string{`- "supports": is all for it`, `- "opposes": rejects it or argues against it`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScript(t, echo)
			e := newEngine(t, s.completer(), Options{Labels: tc.optLabels, LabelDefinitions: defs})
			in := sectionInput(t, c, "IRAN")
			in.Labels = tc.inLabels
			res, _, err := e.SummarizeSection(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			sys := s.requests()[0].Messages[0].Content
			for _, l := range tc.wantLabels {
				if !strings.Contains(sys, `"`+l+`"`) {
					t.Errorf("system message lacks label %q", l)
				}
			}
			for _, line := range tc.wantLines {
				if !strings.Contains(sys, line) {
					t.Errorf("system message lacks %q", line)
				}
			}
			for _, st := range res.Stances {
				if !slices.Contains(tc.wantLabels, st.Label) {
					t.Errorf("label %q not in %v", st.Label, tc.wantLabels)
				}
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	ok := completerFunc(func(context.Context, chat.Request) (chat.Response, error) { return chat.Response{}, nil })
	for _, tc := range []struct {
		name string
		c    chat.Completer
		o    Options
		want string
	}{
		{"no completer", nil, Options{Model: "m"}, "no chat completer"},
		{"no model", ok, Options{}, "no model"},
		{"empty label", ok, Options{Model: "m", Labels: []string{"a", " "}}, "empty stance label"},
		{"repeated label", ok, Options{Model: "m", Labels: []string{"a", "a"}}, `"a" given twice`},
		{"missing prompts dir", ok, Options{Model: "m", PromptsDir: "/nonexistent/prompts"}, "load prompts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.c, tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestInfo(t *testing.T) {
	s := newScript(t, echo)
	e := newEngine(t, s.completer(), Options{Model: "gpt-x", Endpoint: "https://api.example.com/v1", StructuredOutput: "auto"})
	got := e.Info()
	want := summarizer.EngineInfo{Provider: "openai", Model: "gpt-x", Endpoint: "api.example.com", PromptVersion: e.PromptVersion(), StructuredOutput: "auto"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Info before a call (-want +got):\n%s", diff)
	}
	if len(got.PromptVersion) != 12 {
		t.Errorf("prompt version %q: want 12 hex digits", got.PromptVersion)
	}
	if _, _, err := e.SummarizeSection(context.Background(), sectionInput(t, seedCable(t), "IRAN")); err != nil {
		t.Fatal(err)
	}
	if got := e.Info().StructuredOutput; got != chat.FormatJSONSchema {
		t.Errorf("Info after a call: structured output %q, want the rung of the answer %q", got, chat.FormatJSONSchema)
	}
}

func TestCancelledIsNotReAsked(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	e := newEngine(t, completerFunc(func(ctx context.Context, req chat.Request) (chat.Response, error) {
		calls++
		cancel()
		return chat.Response{Usage: chat.Usage{Requests: 1}}, fmt.Errorf("chat completion: %w", ctx.Err())
	}), Options{})
	_, u, err := e.SummarizeSection(ctx, sectionInput(t, seedCable(t), "IRAN"))
	if !errors.Is(err, context.Canceled) || calls != 1 || u.Requests != 1 {
		t.Errorf("got error %v after %d calls (usage %+v), want context.Canceled after 1", err, calls, u)
	}
}

func TestNoParagraphs(t *testing.T) {
	s := newScript(t)
	e := newEngine(t, s.completer(), Options{})
	_, _, err := e.SummarizeSection(context.Background(), summarizer.SectionInput{Cable: seedCable(t), Section: summarizer.Section{Kind: "topic"}})
	if err == nil || !strings.Contains(err.Error(), "no paragraphs") {
		t.Errorf("got %v, want an error about no paragraphs", err)
	}
}
