package summarizer

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// stubEngine answers from a function per section index.
type stubEngine struct {
	answer func(in SectionInput) (SectionResult, error)
	calls  atomic.Int32
}

func (e *stubEngine) SummarizeSection(ctx context.Context, in SectionInput) (SectionResult, Usage, error) {
	e.calls.Add(1)
	if err := ctx.Err(); err != nil {
		return SectionResult{}, Usage{}, err
	}
	res, err := e.answer(in)
	return res, Usage{Requests: 1, PromptTokens: 10}, err
}

func (e *stubEngine) Overview(ctx context.Context, in OverviewInput) (Overview, Usage, error) {
	return Overview{BottomLine: "bottom"}, Usage{Requests: 1}, nil
}

func (e *stubEngine) Info() EngineInfo { return EngineInfo{Provider: "stub"} }

var _ Engine = (*stubEngine)(nil)

func testCable() *Cable {
	return &Cable{
		ID: "07PARIS2726",
		Paragraphs: []Paragraph{
			{Number: 1, Text: "Kouchner agreed to the principle of Kosovo independence."},
			{Number: 2, Text: "FM Kouchner rejected sanctions on Iran."},
			{Number: 3, Text: "French FM Bernard Kouchner insisted on dialogue with Iran."},
		},
		Sections: []Section{
			{Title: "KOSOVO", Kind: KindTopic, Style: StyleCapsLine, Paragraphs: []int{1}},
			{Title: "IRAN", Kind: KindTopic, Style: StyleCapsLine, Paragraphs: []int{2, 3}},
			{Title: "DARFUR", Kind: KindTopic, Style: StyleCapsLine, Paragraphs: nil},
		},
	}
}

func stance(actor string, p int, quote, label string) Stance {
	return Stance{Actor: actor, Affiliation: "France", Target: "t", Label: label, Voice: VoiceReported,
		Evidence: []Evidence{{Paragraph: p, Quote: quote}}}
}

func TestSummarizeIsolatesFailedSections(t *testing.T) {
	e := &stubEngine{answer: func(in SectionInput) (SectionResult, error) {
		switch in.Section.Title {
		case "KOSOVO":
			return SectionResult{Summary: "K.", Stances: []Stance{stance("Kouchner", 1, "agreed to the principle", "supports")}}, nil
		case "IRAN":
			return SectionResult{Summary: "I.", Stances: []Stance{
				stance("FM Kouchner", 2, "rejected sanctions on Iran", "opposes"),
				stance("French FM Bernard Kouchner", 3, "insisted on talks", "conditional"),
			}}, nil
		}
		return SectionResult{}, errors.New("engine exploded")
	}}
	s := &Summarizer{Engine: e, Concurrency: 2}
	r, err := s.Summarize(context.Background(), testCable())
	if err != nil {
		t.Fatalf("Summarize: %v", err)
	}
	if got := r.Sections[2].Error; got != "engine exploded" {
		t.Errorf("DARFUR error = %q, want engine exploded", got)
	}
	if r.Sections[0].Error != "" || r.Sections[0].Summary != "K." {
		t.Errorf("KOSOVO = %+v, want a summary and no error", r.Sections[0])
	}
	if got := r.Sections[1].Ungrounded; got != 1 {
		t.Errorf("IRAN ungrounded = %d, want 1", got)
	}
	if !r.Sections[1].Stances[0].Evidence[0].Grounded {
		t.Errorf("a verbatim quote was not marked grounded")
	}
	if got, want := r.Usage.Requests, 4; got != want {
		t.Errorf("usage requests = %d, want %d", got, want)
	}
	if r.Overview.BottomLine != "bottom" {
		t.Errorf("overview = %+v", r.Overview)
	}
	// All three Kouchner names merge into one actor with two topics.
	if got := len(r.Positions); got != 2 {
		t.Fatalf("positions = %+v, want 2 cells", r.Positions)
	}
	for _, p := range r.Positions {
		if p.Actor != r.Positions[0].Actor {
			t.Errorf("actors not merged: %q vs %q", p.Actor, r.Positions[0].Actor)
		}
	}
	iran := r.Positions[1]
	if iran.Topic != "IRAN" || !iran.Mixed || iran.Label != "opposes" {
		t.Errorf("IRAN position = %+v, want opposes, mixed", iran)
	}
}

func TestSummarizeRejectsInvalidAnswer(t *testing.T) {
	e := &stubEngine{answer: func(in SectionInput) (SectionResult, error) {
		return SectionResult{Summary: "x", Stances: []Stance{stance("A", in.Section.Paragraphs[0], "q", "adores")}}, nil
	}}
	c := testCable()
	c.Sections = c.Sections[:1]
	r, err := (&Summarizer{Engine: e}).Summarize(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if r.Sections[0].Error == "" || r.Sections[0].Summary != "" {
		t.Errorf("invalid label accepted: %+v", r.Sections[0])
	}
}

func TestSummarizeCancelledKeepsFinished(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	e := &stubEngine{}
	e.answer = func(in SectionInput) (SectionResult, error) {
		if in.Index == 0 {
			cancel()
			return SectionResult{Summary: "first"}, nil
		}
		<-ctx.Done() // the others are still waiting for an answer when the run is cancelled
		return SectionResult{}, ctx.Err()
	}
	r, err := (&Summarizer{Engine: e, Concurrency: 3}).Summarize(ctx, testCable())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if r.Sections[0].Summary != "first" {
		t.Errorf("finished section lost: %+v", r.Sections[0])
	}
	for _, sr := range r.Sections[1:] {
		if sr.Error != "cancelled" {
			t.Errorf("section %q error = %q, want cancelled", sr.Title, sr.Error)
		}
	}
}
