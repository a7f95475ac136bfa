package llmtest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"
)

const sectionUser = `Analyse the section of the cable below.

<<<CABLE
Cable: 07PARIS2726
Section: IRAN

[¶15] Kouchner pushed back on Burns' proposal. The Minister counseled patience. Kouchner insisted that while they might not talk to the USG, they would talk to France.

[¶16] Burns explained that U.S. policy on Iran was clear -- Iran would not become a nuclear military power.

CABLE>>>
`

const labelSchema = `{"type":"object","properties":{"stances":{"type":"array","items":{"type":"object","properties":{"label":{"type":"string","enum":["pro","mid","contra"]}}}}}}`

func request(system, user string, schemaName string, schema string) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{Messages: []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: system},
		{Role: openai.ChatMessageRoleUser, Content: user},
	}}
	if schemaName != "" {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type:       openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: schemaName, Schema: json.RawMessage(schema), Strict: true},
		}
	}
	return req
}

func TestAnswerSection(t *testing.T) {
	for _, tc := range []struct {
		name      string
		req       openai.ChatCompletionRequest
		wantLabel string
	}{
		{"labels from the response format", request("sys", sectionUser, "section_result", labelSchema), "mid"},
		{"labels from the system message", request("Rules.\nJSON Schema of the answer:\n"+labelSchema+"\n", sectionUser, "", ""), "mid"},
		{"default labels", request("sys", sectionUser, "", ""), "neutral"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a sectionAnswer
			if err := json.Unmarshal([]byte(Answer(tc.req)), &a); err != nil {
				t.Fatal(err)
			}
			if a.Summary != "Kouchner pushed back on Burns' proposal." {
				t.Errorf("summary: got %q", a.Summary)
			}
			if want := []string{"Kouchner pushed back on Burns' proposal.", "Burns explained that U.S. policy on Iran was clear -- Iran would not become a nuclear military power."}; !slices.Equal(a.KeyPoints, want) {
				t.Errorf("key points: got %q, want %q", a.KeyPoints, want)
			}
			if len(a.Stances) != 1 {
				t.Fatalf("stances: got %d, want 1", len(a.Stances))
			}
			st := a.Stances[0]
			want := stance{Actor: "Kouchner", Target: "that while they might not talk to the", Label: tc.wantLabel, Voice: "reported",
				Evidence: []evidence{{15, "Kouchner insisted that while they might not talk to the USG, they would talk to France."}}}
			if st.Actor != want.Actor || st.Label != want.Label || st.Voice != want.Voice || !slices.Equal(st.Evidence, want.Evidence) || !strings.HasPrefix(st.Target, want.Target) {
				t.Errorf("stance: got %+v, want %+v", st, want)
			}
		})
	}
}

func TestAnswerReAskAnswersTheQuestion(t *testing.T) {
	req := request("sys", sectionUser, "section_result", labelSchema)
	first := Answer(req)
	req.Messages = append(req.Messages,
		openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: "{}"},
		openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: "Your answer has these problems"})
	if got := Answer(req); got != first {
		t.Errorf("re-ask answer differs:\n%s\n%s", got, first)
	}
}

func TestAnswerOverviewAndReduce(t *testing.T) {
	ov := "Write the overview.\n\n<<<SUMMARIES\nCable: X\n\n## KOSOVO\nSummary: First thing.\n- a point\n\n## IRAN\n(no summary: this section could not be analysed)\n\n## LEBANON\nSummary: Second thing.\nSUMMARIES>>>\n"
	var o overviewAnswer
	if err := json.Unmarshal([]byte(Answer(request("sys", ov, "cable_overview", `{}`))), &o); err != nil {
		t.Fatal(err)
	}
	if o.BottomLine != "First thing." || !slices.Equal(o.KeyPoints, []string{"First thing.", "Second thing."}) {
		t.Errorf("overview: got %+v", o)
	}

	part := func(s string) string {
		b, _ := json.Marshal(sectionAnswer{Summary: s, KeyPoints: []string{s}, Stances: []stance{{Actor: s, Label: "neutral", Voice: "reported", Evidence: []evidence{{1, s}}}}})
		return string(b)
	}
	red := "Merge.\n\n<<<CABLE\nSection: X\nCABLE>>>\n\n<<<RESULTS\nPart 1:\n" + part("A") + "\n\nPart 2:\n" + part("B") + "\n\nRESULTS>>>\n"
	var a sectionAnswer
	if err := json.Unmarshal([]byte(Answer(request("sys", red, "section_result", labelSchema))), &a); err != nil {
		t.Fatal(err)
	}
	if a.Summary != "A" || len(a.Stances) != 2 || a.Stances[1].Actor != "B" {
		t.Errorf("reduce: got %+v", a)
	}
}

func TestKind(t *testing.T) {
	for _, tc := range []struct {
		name string
		req  openai.ChatCompletionRequest
		want string
	}{
		{"section", request("", sectionUser, "", ""), "section"},
		{"overview", request("", "<<<SUMMARIES\nSUMMARIES>>>", "", ""), "overview"},
		{"reduce", request("", "<<<CABLE\nCABLE>>>\n<<<RESULTS\nRESULTS>>>", "", ""), "reduce"},
		{"by schema name", request("", "hello", "cable_overview", "{}"), "overview"},
		{"other", request("", "hello", "", ""), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Kind(tc.req); got != tc.want {
				t.Errorf("Kind: got %q, want %q", got, tc.want)
			}
		})
	}
	if got := Answer(request("", "hello", "", "")); got != "{}" {
		t.Errorf("Answer to an unknown prompt: got %q, want {}", got)
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{`He said "no." Then left.`, []string{`He said "no."`, "Then left."}},
		{"U.S.-French unity held. Done", []string{"U.S.-French unity held.", "Done"}},
		{"", nil},
	} {
		if got := sentences(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("sentences(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAnswerMultilineParagraph(t *testing.T) {
	user := "<<<CABLE\nSection: X\n\n[¶8] Tsvangirai told Emboffs that this is Mugabe,s\nPlan B as he runs into resistance. He agreed.\n\n[¶9] Next.\n\nCABLE>>>\n"
	ps := paragraphs(user)
	if len(ps) != 2 || ps[0].text != "Tsvangirai told Emboffs that this is Mugabe,s\nPlan B as he runs into resistance. He agreed." || ps[1].text != "Next." {
		t.Errorf("paragraphs: got %+v", ps)
	}
}
