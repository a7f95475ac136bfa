package llm

import (
	"context"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
)

// render returns the messages of the first request the engine sends for in.
func renderSection(t testing.TB, in summarizer.SectionInput) chat.Request {
	t.Helper()
	s := newScript(t, echo)
	e := newEngine(t, s.completer(), Options{Temperature: 0, Seed: 7, MaxTokens: 2000})
	if _, _, err := e.SummarizeSection(context.Background(), in); err != nil {
		t.Fatalf("SummarizeSection: %v", err)
	}
	reqs := s.requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	return reqs[0]
}

func messagesText(msgs []chat.Message) []byte {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("=== " + m.Role + " ===\n")
		b.WriteString(m.Content)
	}
	return []byte(b.String())
}

func TestSectionPromptGolden(t *testing.T) {
	c := seedCable(t)
	for _, tc := range []struct {
		name, section, golden string
	}{
		{"topic section", "KOSOVO", "section_kosovo.golden"},
		{"summary section has no cable summary", "SUMMARY", "section_summary.golden"},
		{"preamble", "preamble", "section_preamble.golden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := renderSection(t, sectionInput(t, c, tc.section))
			golden(t, tc.golden, messagesText(req.Messages))
		})
	}
}

func TestSectionPromptContents(t *testing.T) {
	c := seedCable(t)
	req := renderSection(t, sectionInput(t, c, "KOSOVO"))
	if len(req.Messages) != 2 || req.Messages[0].Role != "system" || req.Messages[1].Role != "user" {
		t.Fatalf("messages: got roles %v, want system, user", roles(req.Messages))
	}
	sys, user := req.Messages[0].Content, req.Messages[1].Content
	for _, want := range []string{"[¶5] Kouchner told U/S Burns", "[¶8] Kouchner feared violence", "Subject: U/S BURNS' JUNE 13 LUNCH WITH FRENCH FM KOUCHNER",
		"Date: 2007-06-26", "Origin: AMEMBASSY PARIS", "- Foreign Minister Kouchner", "Section: KOSOVO", "Cable summary (context only; do not cite it): U/S Burns and French FM Kouchner discussed"} {
		if !strings.Contains(user, want) {
			t.Errorf("user message lacks %q", want)
		}
	}
	for _, notWant := range []string{"RUEHC", "SECSTATE", "PRIORITY", "[¶9]", "[¶4]"} {
		if strings.Contains(user, notWant) {
			t.Errorf("user message contains %q", notWant)
		}
	}
	for _, notWant := range []string{"Kouchner", "KOSOVO", "07PARIS2726", "AMEMBASSY", "Quint"} {
		if strings.Contains(sys, notWant) {
			t.Errorf("system message contains cable text %q", notWant)
		}
	}
	for _, l := range summarizer.DefaultLabels {
		if !strings.Contains(sys, `"`+l+`"`) {
			t.Errorf("system message lacks label %q", l)
		}
	}
	if req.Schema == nil || req.Schema.Name != SectionSchemaName {
		t.Errorf("schema: got %+v, want name %q", req.Schema, SectionSchemaName)
	}
	if req.Temperature == nil || *req.Temperature != 0 || req.Seed == nil || *req.Seed != 7 || req.MaxTokens != 2000 || req.Model != "test-model" {
		t.Errorf("request parameters: got model %q temperature %v seed %v max tokens %d", req.Model, req.Temperature, req.Seed, req.MaxTokens)
	}
}

func roles(msgs []chat.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Role
	}
	return out
}

func TestOverviewPromptGolden(t *testing.T) {
	c := seedCable(t)
	s := newScript(t, echo)
	e := newEngine(t, s.completer(), Options{})
	in := summarizer.OverviewInput{Cable: c, Sections: []summarizer.SectionReport{
		{Title: "", Kind: "preamble", Summary: "The lunch took place on June 13, 2007.", KeyPoints: []string{}},
		{Title: "KOSOVO", Kind: "topic", Summary: "Kouchner agreed in principle to Kosovo independence.", KeyPoints: []string{"Kouchner wants Quint ministers to visit the region."}},
		{Title: "LEBANON", Kind: "topic", Error: "invalid section result: $.summary: required"},
	}}
	ov, _, err := e.Overview(context.Background(), in)
	if err != nil {
		t.Fatalf("Overview: %v", err)
	}
	if ov.BottomLine == "" {
		t.Errorf("empty bottom line")
	}
	reqs := s.requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	if reqs[0].Schema == nil || reqs[0].Schema.Name != OverviewSchemaName {
		t.Errorf("schema: got %+v, want name %q", reqs[0].Schema, OverviewSchemaName)
	}
	golden(t, "overview.golden", messagesText(reqs[0].Messages))
}
