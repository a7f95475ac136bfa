package llm

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
)

func overviewInput(t testing.TB) summarizer.OverviewInput {
	return summarizer.OverviewInput{Cable: seedCable(t), Sections: []summarizer.SectionReport{
		{Title: "KOSOVO", Kind: "topic", Summary: "Kouchner agreed in principle to Kosovo independence.", KeyPoints: []string{"A point."}},
		{Title: "IRAN", Kind: "topic", Summary: "Kouchner doubted sanctions on Iran."},
	}}
}

func TestOverview(t *testing.T) {
	for _, tc := range []struct {
		name      string
		replies   []reply
		maxReAsks int
		wantCalls int
		wantErr   string
		reAsk     string
	}{
		{name: "valid at once", replies: []reply{echo}, wantCalls: 1},
		{name: "empty bottom line is re-asked", replies: []reply{{content: `{"bottom_line": " ", "key_points": []}`}, echo}, wantCalls: 2, reAsk: "$.bottom_line: required"},
		{name: "empty key point is re-asked", replies: []reply{{content: `{"bottom_line": "B.", "key_points": [""]}`}, echo}, wantCalls: 2, reAsk: "$.key_points[0]: empty key point"},
		{name: "truncated is re-asked", replies: []reply{{content: `{"bottom_line": "B`, finish: "length"}, echo}, wantCalls: 2, reAsk: "cut off"},
		{name: "failing twice is an error", maxReAsks: 1, replies: []reply{{content: `{}`}, {content: `{}`}}, wantCalls: 2, wantErr: "$.bottom_line: required key missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScript(t, tc.replies...)
			e := newEngine(t, s.completer(), Options{MaxReAsks: tc.maxReAsks})
			ov, u, err := e.Overview(context.Background(), overviewInput(t))
			reqs := s.requests()
			if len(reqs) != tc.wantCalls || u.Requests != tc.wantCalls || u.ReAsks != tc.wantCalls-1 {
				t.Errorf("calls: got %d, usage %+v, want %d", len(reqs), u, tc.wantCalls)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("got error %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ov.BottomLine != "Kouchner agreed in principle to Kosovo independence." || len(ov.KeyPoints) != 2 {
				t.Errorf("overview: got %+v", ov)
			}
			if tc.reAsk != "" {
				msgs := reqs[len(reqs)-1].Messages
				if last := msgs[len(msgs)-1].Content; !strings.Contains(last, tc.reAsk) {
					t.Errorf("re-ask lacks %q:\n%s", tc.reAsk, last)
				}
			}
		})
	}
}

func TestOverviewWithoutSummaries(t *testing.T) {
	s := newScript(t)
	e := newEngine(t, s.completer(), Options{})
	in := summarizer.OverviewInput{Cable: seedCable(t), Sections: []summarizer.SectionReport{{Title: "KOSOVO", Error: "boom"}, {Title: "IRAN"}}}
	_, u, err := e.Overview(context.Background(), in)
	if !errors.Is(err, ErrNoSummaries) {
		t.Errorf("got %v, want ErrNoSummaries", err)
	}
	if len(s.requests()) != 0 || u.Requests != 0 {
		t.Errorf("made %d calls, want none", len(s.requests()))
	}
}
