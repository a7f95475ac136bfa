// Package brieftest answers the briefing prompts of package llm (summarize brief)
// deterministically, without a model, for fake servers and end-to-end tests: Answer
// reads a rendered request and returns a valid JSON answer that cites only what the
// request shows.
//
// The answers are mechanical, not syntheses: the first items of the material, each as a
// sentence with its own citations, as many as the request allows. They depend only on
// the request, so equal requests get equal answers.
package brieftest

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/prompts"
)

// IsBrief reports whether req carries a briefing prompt.
func IsBrief(req openai.ChatCompletionRequest) bool {
	return strings.Contains(FirstUser(req), prompts.MaterialOpen)
}

// FirstUser returns the first user message of req: the prompt, before any re-ask.
func FirstUser(req openai.ChatCompletionRequest) string {
	for _, m := range req.Messages {
		if m.Role == openai.ChatMessageRoleUser {
			return m.Content
		}
	}
	return ""
}

// Item is one line of material: its text and its citations.
type Item struct {
	Text      string
	Citations []Citation
}

// Citation is one citation of an answer.
type Citation struct {
	Cable     string `json:"cable"`
	Paragraph int    `json:"paragraph"`
}

// Sentence is one sentence of an answer.
type Sentence struct {
	Text      string     `json:"text"`
	Citations []Citation `json:"citations"`
}

// answer is the JSON shape the briefing's schema asks for.
type answer struct {
	Sentences []Sentence `json:"sentences"`
}

var (
	cite     = regexp.MustCompile(`\[([^\[\]]+?) ¶(\d+)\]`)
	atMost   = regexp.MustCompile(`at most (\d+) sentences`)
	inPrefix = regexp.MustCompile(`^(?:\d{4}(?:-\d\d)?(?:-\d\d)?|undated)(?:, [^,]*, section "[^"]*")?: `)
)

// Material returns the items of a briefing prompt's material, in order.
func Material(user string) []Item {
	start := strings.Index(user, prompts.MaterialOpen)
	end := strings.Index(user, prompts.MaterialClose)
	if start < 0 || end < start {
		return nil
	}
	block := user[start:end]
	var out []Item
	for _, l := range strings.Split(block, "\n") {
		if !strings.HasPrefix(l, "- ") {
			continue
		}
		body := strings.TrimPrefix(l, "- ")
		body = inPrefix.ReplaceAllString(body, "")
		ms := cite.FindAllStringSubmatchIndex(body, -1)
		if len(ms) == 0 {
			continue
		}
		it := Item{Text: strings.TrimSpace(body[:ms[0][0]])}
		for _, m := range ms {
			n, _ := strconv.Atoi(body[m[4]:m[5]])
			it.Citations = append(it.Citations, Citation{Cable: body[m[2]:m[3]], Paragraph: n})
		}
		out = append(out, it)
	}
	return out
}

// Limit returns the most sentences the prompt allows; 3 when it does not say.
func Limit(user string) int {
	if m := atMost.FindStringSubmatch(user); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			return n
		}
	}
	return 3
}

// Answer returns a valid answer to a briefing request: the first items of its material,
// up to the limit it states, each a sentence citing its own citations; "{}" for a request
// that is not a briefing prompt.
func Answer(req openai.ChatCompletionRequest) string {
	if !IsBrief(req) {
		return "{}"
	}
	user := FirstUser(req)
	items := Material(user)
	n := min(Limit(user), len(items))
	a := answer{Sentences: []Sentence{}}
	for _, it := range items[:n] {
		a.Sentences = append(a.Sentences, Sentence{Text: it.Text, Citations: it.Citations})
	}
	return Marshal(a.Sentences)
}

// Marshal writes sentences as an answer's JSON.
func Marshal(sentences []Sentence) string {
	b, err := json.Marshal(answer{Sentences: sentences})
	if err != nil {
		return "{}"
	}
	return string(b)
}
