package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat/fakeopenai"
	"github.com/cablebrief/summarize/summarizer/llm/llmtest"
)

// TestUnsupportedClaimsThroughEndpoint runs the seed cable through the CLI against a
// fake endpoint whose KOSOVO summary names a person the cable never mentions and whose
// bottom line names a city it never mentions: the JSON report lists them, the Markdown
// and HTML briefings show them, and the usage line counts them.
func TestUnsupportedClaimsThroughEndpoint(t *testing.T) {
	_, env := fakeEndpoint(t, fakeopenai.WithScript(func(n int, req openai.ChatCompletionRequest) fakeopenai.Reply {
		good := llmtest.Answer(req)
		switch {
		case sectionOf(req) == "KOSOVO":
			return fakeopenai.Reply{Content: spoil(t, good, func(a map[string]any) {
				a["summary"] = "Kouchner told Burns and Chancellor Angela Merkel that France accepts Kosovo independence in principle."
			})}
		case llmtest.Kind(req) == "overview":
			return fakeopenai.Reply{Content: spoil(t, good, func(a map[string]any) {
				a["bottom_line"] = a["bottom_line"].(string) + " Kouchner later flew to Brussels."
				a["key_points"] = []string{"Kouchner accepts Kosovo independence in principle."}
			})}
		}
		return fakeopenai.Reply{Content: good}
	}))
	seed := repoFile(t, "cables/07PARIS2726.txt")

	r := runCLI(t, env, "", "--format", "json", seed)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep summarizer.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	got := map[string][]string{"overview": rep.Overview.Unsupported}
	for _, s := range rep.Sections {
		got[summarizer.TopicName(s)] = s.Unsupported
	}
	want := map[string][]string{
		"overview": {"Brussels"}, "Preamble": {}, "Summary": {}, "KOSOVO": {"Chancellor Angela Merkel"},
		"LEBANON": {}, "DARFUR": {}, "IRAN": {}, "DOMESTIC POLITICS AND FOREIGN POLICY": {},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unsupported claims by summary (-want +got):\n%s", diff)
	}
	if !strings.Contains(r.stdout, `"unsupported": [
        "Chancellor Angela Merkel"
      ]`) {
		t.Errorf("the JSON report does not list the claim under the section's \"unsupported\"")
	}
	if want := "0 cache hits; "; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q: the first run should not come from the cache", r.stderr)
	}
	if want := "; 2 unsupported claims in 2 sections;"; !strings.Contains(r.stderr, want) {
		t.Errorf("usage line %q does not end with %q", lastLine(r.stderr), want)
	}

	// The same answers (from the cache) as Markdown and as an HTML page.
	md := runCLI(t, env, "", "--format", "markdown", seed)
	if md.code != 0 {
		t.Fatalf("markdown exit %d: %s", md.code, md.stderr)
	}
	for _, want := range []string{
		"Kouchner told Burns and Chancellor Angela Merkel that France accepts Kosovo independence in principle.\n",
		"independence was the final outcome.\n\n⚠ **not in the text:** Chancellor Angela Merkel\n\nStances:", // after the key points
		"Kouchner later flew to Brussels.\n",
		"⚠ **not in the text:** Brussels\n",
	} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if want := "; 2 unsupported claims in 2 sections;"; !strings.Contains(md.stderr, want) {
		t.Errorf("usage line %q does not end with %q", lastLine(md.stderr), want)
	}
	page := filepath.Join(t.TempDir(), "brief.html")
	h := runCLI(t, env, "", "--format", "html", "-o", page, seed)
	if h.code != 0 {
		t.Fatalf("html exit %d: %s", h.code, h.stderr)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`⚠ <strong>not in the text:</strong> Chancellor Angela Merkel</p>`,
		`⚠ <strong>not in the text:</strong> Brussels</p>`,
		`<span class="flag" title="claims not in the text">⚠ 1 not in the text</span>`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

// TestExtractiveSummariesRaiseNoFlag runs the offline engine on every cable of the
// repository's testdata (Cablegate, 1970s, damaged copies): an extractive summary states
// only what its cable does, so no report lists an unsupported claim and the usage line
// says so.
func TestExtractiveSummariesRaiseNoFlag(t *testing.T) {
	out := t.TempDir()
	r := runCLI(t, map[string]string{"SUMMARIZE_PROVIDER": "offline"}, "", "--format", "json", "-o", out, repoFile(t, "cables"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if want := "; 0 unsupported claims\n"; !strings.HasSuffix(r.stderr, want) {
		t.Errorf("usage line %q does not end with %q", lastLine(r.stderr), want)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.json"))
	if len(files) < 40 {
		t.Fatalf("%d reports, want one per cable", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var rep summarizer.Report
		if err := json.Unmarshal(b, &rep); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if n, _ := summarizer.UnsupportedCount(&rep); n > 0 {
			t.Errorf("%s: %d unsupported claims in an extractive report: overview %q, sections %v", filepath.Base(f), n, rep.Overview.Unsupported, sectionClaims(rep))
		}
	}
}

func sectionClaims(r summarizer.Report) map[string][]string {
	m := map[string][]string{}
	for _, s := range r.Sections {
		if len(s.Unsupported) > 0 {
			m[summarizer.TopicName(s)] = s.Unsupported
		}
	}
	return m
}
