package llm

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/prompts"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
)

func paras(sizes ...int) []summarizer.Paragraph {
	out := make([]summarizer.Paragraph, len(sizes))
	for i, n := range sizes {
		// paragraphTokens = tokens(text)+3: n-3 tokens of text make n.
		out[i] = summarizer.Paragraph{Number: i + 1, Text: strings.Repeat("abcd", n-3)}
	}
	return out
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sizes  []int
		budget int
		want   [][]int
	}{
		{"fits", []int{10, 10, 10}, 30, [][]int{{1, 2, 3}}},
		{"no budget", []int{100, 100}, 0, [][]int{{1, 2}}},
		{"two even parts", []int{10, 10, 10, 10}, 30, [][]int{{1, 2}, {3, 4}}},
		{"three parts", []int{10, 10, 10, 10, 10, 10}, 25, [][]int{{1, 2}, {3, 4}, {5, 6}}},
		{"oversized paragraph cut in pieces", []int{10, 50, 10}, 30, [][]int{{1}, {2}, {2}, {3}}},
		{"uneven", []int{20, 5, 5, 20}, 30, [][]int{{1, 2}, {3, 4}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := paras(tc.sizes...)
			var got [][]int
			texts := map[int]string{}
			for _, part := range split(in, tc.budget) {
				got = append(got, numbers(part))
				n := 0
				for _, p := range part {
					texts[p.Number] += p.Text
					n += paragraphTokens(p)
				}
				if tc.budget > 0 && n > tc.budget {
					t.Errorf("part %v: %d tokens, over the budget of %d", numbers(part), n, tc.budget)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("split (-want +got):\n%s", diff)
			}
			for _, p := range in {
				if texts[p.Number] != p.Text {
					t.Errorf("paragraph %d: the parts hold %d bytes of its %d", p.Number, len(texts[p.Number]), len(p.Text))
				}
			}
		})
	}
}

func TestLongSectionSplitAndReduced(t *testing.T) {
	c := seedCable(t)
	in := sectionInput(t, c, "KOSOVO") // paragraphs 5-8, about 250 tokens each
	s := newScript(t, echo, echo, echo)
	var w warnings
	e := newEngine(t, s.completer(), Options{ContextBudget: 600, Warn: w.warn})
	res, u, err := e.SummarizeSection(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	reqs := s.requests()
	if len(reqs) != 3 || u.Requests != 3 {
		t.Fatalf("calls: got %d (usage %d), want 2 parts + 1 merge", len(reqs), u.Requests)
	}
	seen := map[int]int{}
	for i, r := range reqs[:2] {
		user := r.Messages[1].Content
		if !strings.Contains(user, "part "+itoa(i+1)+" of 2") {
			t.Errorf("part %d prompt does not say which part it is", i+1)
		}
		for _, p := range in.Paragraphs {
			if strings.Contains(user, "[¶"+itoa(p.Number)+"] ") {
				seen[p.Number]++
			}
		}
	}
	for _, p := range in.Paragraphs {
		if seen[p.Number] != 1 {
			t.Errorf("paragraph %d sent %d times, want once", p.Number, seen[p.Number])
		}
	}
	merge := reqs[2].Messages[1].Content
	if !strings.Contains(merge, prompts.ResultsOpen) || strings.Contains(merge, "[¶5] ") {
		t.Errorf("merge prompt: want the part results and no paragraph text:\n%s", merge)
	}
	golden(t, "reduce_kosovo.golden", messagesText(reqs[2].Messages[1:]))
	if diff := cmp.Diff(reqs[0].Messages[0], reqs[2].Messages[0]); diff != "" {
		t.Errorf("merge system message differs:\n%s", diff)
	}
	if err := summarizer.Validate(res, in); err != nil {
		t.Errorf("merged result: %v", err)
	}
	if len(res.Stances) < 2 {
		t.Errorf("merged result has %d stances, want the stances of both parts", len(res.Stances))
	}
	for _, st := range res.Stances {
		for _, ev := range st.Evidence {
			if !ev.Grounded {
				t.Errorf("ungrounded quote after merge: %q", ev.Quote)
			}
		}
	}
	if !slices.ContainsFunc(w.all(), func(m string) bool { return strings.Contains(m, "split into 2 parts") }) {
		t.Errorf("warnings %q: want one about the split", w.all())
	}
}

// TestTruncatedTwiceIsSplit: an answer the chat layer reports truncated (it has already
// asked again with a larger limit) makes the engine split the section by paragraphs, as
// it does a section over the context budget, instead of re-asking the same long text.
func TestTruncatedTwiceIsSplit(t *testing.T) {
	c := seedCable(t)
	in := sectionInput(t, c, "KOSOVO") // paragraphs 5-8, about 250 tokens each
	truncated := reply{content: `{"summary": "The`, finish: "length", err: &chat.TruncatedError{Partial: `{"summary": "The`}}
	halves := halve(in.Paragraphs)
	replies := []reply{truncated}
	for range len(halves) + 1 { // the parts and the merge
		replies = append(replies, echo)
	}
	s := newScript(t, replies...)
	var w warnings
	e := newEngine(t, s.completer(), Options{Warn: w.warn})
	res, u, err := e.SummarizeSection(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(halves) < 2 {
		t.Fatalf("KOSOVO halves into %d parts", len(halves))
	}
	if got, want := len(s.requests()), len(halves)+2; got != want || u.Requests != want {
		t.Errorf("calls: got %d (usage %d), want the truncated one, %d parts and the merge", got, u.Requests, len(halves))
	}
	if u.ReAsks != 0 {
		t.Errorf("%d re-asks, want none: a truncated answer is split, not re-asked", u.ReAsks)
	}
	if err := summarizer.Validate(res, in); err != nil {
		t.Errorf("merged result: %v", err)
	}
	if !slices.ContainsFunc(w.all(), func(m string) bool { return strings.Contains(m, "cut off by the completion limit twice") }) {
		t.Errorf("warnings %q: want one about the split", w.all())
	}
}

// TestShortTruncatedIsReAsked: text too short to split is re-asked for a shorter answer.
func TestShortTruncatedIsReAsked(t *testing.T) {
	c := seedCable(t)
	in := sectionInput(t, c, "preamble")
	if len(halve(in.Paragraphs)) != 1 {
		t.Fatal("the preamble is long enough to split; pick a shorter section")
	}
	truncated := reply{content: `{"summary": "The`, finish: "length", err: &chat.TruncatedError{Partial: `{"summary": "The`}}
	s := newScript(t, truncated, echo)
	e := newEngine(t, s.completer(), Options{})
	if _, _, err := e.SummarizeSection(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	reqs := s.requests()
	if len(reqs) != 2 || !strings.Contains(reqs[1].Messages[len(reqs[1].Messages)-1].Content, "cut off") {
		t.Errorf("%d calls; want the truncated answer re-asked once for a shorter one", len(reqs))
	}
}

func TestPieces(t *testing.T) {
	text := strings.Repeat("The minister said the talks went well. ", 20) // 20 sentences of 39 bytes
	p := summarizer.Paragraph{Number: 4, Marking: "C", Text: strings.TrimSpace(text)}
	got := pieces(p, 60) // (60-3)*4 = 228 bytes a piece: 5 sentences
	if len(got) != 4 {
		t.Fatalf("got %d pieces, want 4", len(got))
	}
	var texts []string
	for _, g := range got {
		if g.Number != 4 || g.Marking != "C" {
			t.Errorf("piece %+v lost its number or marking", g)
		}
		if !strings.HasSuffix(g.Text, "went well.") {
			t.Errorf("piece does not end at a sentence: %q", g.Text)
		}
		texts = append(texts, g.Text)
	}
	if strings.Join(texts, " ") != p.Text {
		t.Errorf("the pieces do not make up the paragraph")
	}
	if got := pieces(p, 10000); len(got) != 1 || got[0] != p {
		t.Errorf("a paragraph within the budget: got %d pieces", len(got))
	}
}

func TestOversizedParagraphCut(t *testing.T) {
	c := seedCable(t)
	in := sectionInput(t, c, "KOSOVO") // paragraphs of about 250, 150, 170, 140 tokens
	s := newScript(t, slices.Repeat([]reply{echo}, 20)...)
	var w warnings
	e := newEngine(t, s.completer(), Options{ContextBudget: 100, MaxParts: 20, Warn: w.warn})
	res, _, err := e.SummarizeSection(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	reqs := s.requests()
	sent := map[int]string{}
	for _, r := range reqs[:len(reqs)-1] {
		for _, m := range paraLine.FindAllStringSubmatch(r.Messages[1].Content, -1) {
			n, _ := strconv.Atoi(m[1])
			sent[n] += m[2] + " "
		}
	}
	for _, p := range in.Paragraphs {
		if strings.TrimSpace(sent[p.Number]) != p.Text {
			t.Errorf("paragraph %d was not sent whole across the parts:\n got %q\nwant %q", p.Number, sent[p.Number], p.Text)
		}
	}
	if !slices.ContainsFunc(w.all(), func(m string) bool {
		return strings.Contains(m, "paragraph 5 alone") && strings.Contains(m, "cut at sentence boundaries")
	}) {
		t.Errorf("warnings %q: want one about paragraph 5 over the budget", w.all())
	}
	if err := summarizer.Validate(res, in); err != nil {
		t.Errorf("merged result: %v", err)
	}
	for _, st := range res.Stances {
		for _, ev := range st.Evidence {
			if !ev.Grounded {
				t.Errorf("quote from a piece not grounded in its paragraph: %q", ev.Quote)
			}
		}
	}
}

var paraLine = regexp.MustCompile(`(?m)^\[¶(\d+)\] (.*)$`)

func TestTooLong(t *testing.T) {
	c := seedCable(t)
	s := newScript(t)
	e := newEngine(t, s.completer(), Options{ContextBudget: 100, MaxParts: 3})
	_, _, err := e.SummarizeSection(context.Background(), sectionInput(t, c, "KOSOVO"))
	if !errors.Is(err, ErrTooLong) || !strings.Contains(err.Error(), "more than the limit of 3") {
		t.Errorf("got %v, want ErrTooLong", err)
	}
	if n := len(s.requests()); n != 0 {
		t.Errorf("made %d calls, want none", n)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestEstimate(t *testing.T) {
	c := seedCable(t)
	in := sectionInput(t, c, "KOSOVO")
	for _, tc := range []struct {
		name      string
		o         Options
		wantCalls int
		wantErr   error
	}{
		{"one call", Options{}, 1, nil},
		{"split", Options{ContextBudget: 600}, 3, nil},
		{"too long", Options{ContextBudget: 100, MaxParts: 3}, 0, ErrTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScript(t, slices.Repeat([]reply{echo}, tc.wantCalls)...)
			e := newEngine(t, s.completer(), tc.o)
			calls, tokens, err := e.Estimate(in)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Estimate: got error %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if len(s.requests()) != 0 {
				t.Errorf("Estimate sent %d requests", len(s.requests()))
			}
			if calls != tc.wantCalls {
				t.Errorf("calls: got %d, want %d", calls, tc.wantCalls)
			}
			if _, _, err := e.SummarizeSection(context.Background(), in); err != nil {
				t.Fatal(err)
			}
			reqs := s.requests()
			if len(reqs) != calls {
				t.Errorf("SummarizeSection made %d calls, Estimate said %d", len(reqs), calls)
			}
			sent := 0
			for _, r := range reqs {
				sent += e.promptTokens(r.Messages)
			}
			if tokens < sent*8/10 || tokens > sent*12/10 {
				t.Errorf("tokens: estimated %d, the calls made hold %d", tokens, sent)
			}
		})
	}
	e := newEngine(t, newScript(t).completer(), Options{})
	if calls, tokens, err := e.EstimateOverview(7); err != nil || calls != 1 || tokens < 500 {
		t.Errorf("EstimateOverview: got %d calls, %d tokens, %v", calls, tokens, err)
	}
	if calls, _, err := e.EstimateOverview(0); err != nil || calls != 0 {
		t.Errorf("EstimateOverview(0): got %d calls, %v; a cable without sections has no overview call", calls, err)
	}
}
