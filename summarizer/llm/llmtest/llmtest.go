// Package llmtest answers the prompts of package llm deterministically, without a model,
// for fake servers and end-to-end tests: Answer reads a rendered request and returns a
// valid, grounded JSON answer.
//
// The answers are mechanical, not summaries: the first sentence of the section as its
// summary, one stance quoting the first sentence with a reporting verb ("agreed",
// "insisted", ...). They depend only on the request, so equal requests get equal answers.
package llmtest

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	openai "github.com/sashabaranov/go-openai"

	"github.com/cablebrief/summarize/prompts"
	"github.com/cablebrief/summarize/summarizer"
)

// Schema names as sent by package llm (llm.SectionSchemaName, llm.OverviewSchemaName),
// repeated here so that llmtest does not import llm.
const (
	sectionSchema  = "section_result"
	overviewSchema = "cable_overview"
)

// Kind says which prompt a request carries: "section", "reduce", "overview", or "" for
// a request that is none of them.
func Kind(req openai.ChatCompletionRequest) string {
	user := firstUser(req)
	switch {
	case strings.Contains(user, prompts.ResultsOpen):
		return "reduce"
	case strings.Contains(user, prompts.SummariesOpen):
		return "overview"
	case strings.Contains(user, prompts.CableOpen):
		return "section"
	}
	if rf := req.ResponseFormat; rf != nil && rf.JSONSchema != nil {
		switch rf.JSONSchema.Name {
		case sectionSchema:
			return "section"
		case overviewSchema:
			return "overview"
		}
	}
	return ""
}

// Answer returns a valid JSON answer to a request built by package llm: for a section
// prompt, the first sentence as summary, the first sentence of each paragraph (up to
// three) as key points, and at most one stance, quoting verbatim the first sentence with
// a reporting verb, its actor the first capitalised name in it and its label taken from
// the label enum of the request's schema (the schema in the response format, else in the
// system message; the default labels when there is none); for a reduce prompt, the parts
// merged; for an overview prompt, the first section summary as bottom line and the
// summaries as key points. Re-asks are answered like the first question. A request that
// is none of these gets "{}".
func Answer(req openai.ChatCompletionRequest) string {
	var v any
	switch Kind(req) {
	case "section":
		v = section(req)
	case "reduce":
		v = reduce(req)
	case "overview":
		v = overview(req)
	default:
		return "{}"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

type evidence struct {
	Paragraph int    `json:"paragraph"`
	Quote     string `json:"quote"`
}

type stance struct {
	Actor       string     `json:"actor"`
	Affiliation string     `json:"affiliation"`
	Target      string     `json:"target"`
	Label       string     `json:"label"`
	Voice       string     `json:"voice"`
	Evidence    []evidence `json:"evidence"`
}

type sectionAnswer struct {
	Summary   string   `json:"summary"`
	KeyPoints []string `json:"key_points"`
	Stances   []stance `json:"stances"`
}

type overviewAnswer struct {
	BottomLine string   `json:"bottom_line"`
	KeyPoints  []string `json:"key_points"`
}

// firstUser returns the first user message: the question, not a re-ask.
func firstUser(req openai.ChatCompletionRequest) string {
	for _, m := range req.Messages {
		if m.Role == openai.ChatMessageRoleUser {
			return m.Content
		}
	}
	return ""
}

// block returns the text between open and close in s.
func block(s, open, close string) string {
	_, rest, ok := strings.Cut(s, open)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(rest, close)
	return in
}

var paraRE = regexp.MustCompile(`(?m)^\[¶(\d+)\] `)

type paragraph struct {
	number int
	text   string
}

// paragraphs returns the [¶N] paragraphs of the data block of a section prompt, each
// running to the next marker (paragraph text may hold line breaks).
func paragraphs(user string) []paragraph {
	b := block(user, prompts.CableOpen, prompts.CableClose)
	locs := paraRE.FindAllStringSubmatchIndex(b, -1)
	var out []paragraph
	for i, l := range locs {
		n, err := strconv.Atoi(b[l[2]:l[3]])
		if err != nil {
			continue
		}
		end := len(b)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		out = append(out, paragraph{n, strings.TrimSpace(b[l[1]:end])})
	}
	return out
}

// verbs maps reporting verbs to where their label sits in the label list: 0 the first
// (agreement), 1 the middle, 2 the last (disagreement).
var verbs = map[string]int{
	"agreed": 0, "agrees": 0, "supported": 0, "supports": 0, "welcomed": 0, "endorsed": 0, "backed": 0,
	"insisted": 1, "stressed": 1, "said": 1, "says": 1, "noted": 1, "argued": 1, "explained": 1,
	"told": 1, "suggested": 1, "emphasized": 1, "highlighted": 1, "added": 1, "urged": 1,
	"opposed": 2, "opposes": 2, "rejected": 2, "refused": 2, "countered": 2, "questioned": 2, "doubted": 2,
}

// notNames are capitalised words that do not name an actor.
var notNames = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "They": true, "It": true, "We": true,
	"This": true, "That": true, "These": true, "In": true, "On": true, "At": true, "But": true,
	"And": true, "While": true, "If": true, "When": true, "After": true, "Before": true, "Somewhat": true,
	"SUMMARY": true, "COMMENT": true, "NOTE": true, "END": true, "CONTINUED": true,
}

func section(req openai.ChatCompletionRequest) sectionAnswer {
	ps := paragraphs(firstUser(req))
	a := sectionAnswer{KeyPoints: []string{}, Stances: []stance{}}
	for _, p := range ps {
		ss := sentences(p.text)
		if len(ss) == 0 {
			continue
		}
		if a.Summary == "" {
			a.Summary = ss[0]
		}
		if len(a.KeyPoints) < 3 {
			a.KeyPoints = append(a.KeyPoints, ss[0])
		}
	}
	if a.Summary == "" {
		a.Summary = "The section has no text."
	}
	labels := labelsOf(req)
	for _, p := range ps {
		for _, s := range sentences(p.text) {
			if st, ok := stanceIn(s, p.number, labels); ok {
				a.Stances = append(a.Stances, st)
				return a
			}
		}
	}
	return a
}

// stanceIn returns the stance sentence s shows, if it has a reporting verb and a name.
func stanceIn(s string, n int, labels []string) (stance, bool) {
	words := strings.Fields(s)
	verb, at := -1, 0
	for i, w := range words {
		if pos, ok := verbs[strings.ToLower(strings.Trim(w, `,.;:"'()`))]; ok {
			verb, at = pos, i
			break
		}
	}
	if verb < 0 {
		return stance{}, false
	}
	actor := ""
	for _, w := range words {
		w = strings.Trim(w, `,.;:"'()`)
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		r := []rune(w)
		if len(r) < 2 || !unicode.IsUpper(r[0]) || notNames[w] || !isName(r) {
			continue
		}
		actor = w
		break
	}
	if actor == "" {
		return stance{}, false
	}
	rest := words[at+1:]
	if len(rest) > 8 {
		rest = rest[:8]
	}
	target := strings.Trim(strings.Join(rest, " "), `,.;:"' `)
	if target == "" {
		target = "the matter of paragraph " + strconv.Itoa(n)
	}
	label := labels[len(labels)/2]
	switch verb {
	case 0:
		label = labels[0]
	case 2:
		label = labels[len(labels)-1]
	}
	return stance{
		Actor: actor, Affiliation: "", Target: target, Label: label, Voice: summarizer.VoiceReported,
		Evidence: []evidence{{Paragraph: n, Quote: s}},
	}, true
}

// isName reports whether r is a word of letters (with inner hyphens or dots).
func isName(r []rune) bool {
	for _, c := range r {
		if !unicode.IsLetter(c) && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// sentences splits text after ., ! or ? (and closing quotes) followed by a space, each
// sentence a verbatim substring of text.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(text) && strings.IndexByte(`"')`, text[j]) >= 0 {
			j++
		}
		if j < len(text) && (text[j] != ' ' || !sentenceStart(text[j:]) || (c == '.' && abbreviation(text[start:i]))) {
			continue
		}
		if s := strings.TrimSpace(text[start:j]); len(s) > 1 {
			out = append(out, s)
		}
		start = j
		i = j - 1
	}
	if s := strings.TrimSpace(text[start:]); len(s) > 1 {
		out = append(out, s)
	}
	return out
}

// sentenceStart reports whether s (after a full stop) starts a sentence: white space,
// then a capital, a digit or an opening quote or parenthesis.
func sentenceStart(s string) bool {
	s = strings.TrimLeft(s, " ")
	if s == "" {
		return true
	}
	r := []rune(s)[0]
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'(`, r)
}

// abbreviation reports whether the text before a full stop ends with an abbreviation:
// a single letter, dotted capitals ("U.S") or a title ("Amb", "Mr").
func abbreviation(before string) bool {
	i := strings.LastIndexAny(before, " (\"")
	w := before[i+1:]
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Amb", "Gen", "Sen", "St", "Gov", "Lt", "Col", "No":
		return true
	}
	return len(w) == 1 || strings.Contains(w, ".")
}

// labelsOf finds the label enum of the request's section schema.
func labelsOf(req openai.ChatCompletionRequest) []string {
	var docs [][]byte
	if rf := req.ResponseFormat; rf != nil && rf.JSONSchema != nil && rf.JSONSchema.Schema != nil {
		if b, err := rf.JSONSchema.Schema.MarshalJSON(); err == nil {
			docs = append(docs, b)
		}
	}
	for _, m := range req.Messages {
		if m.Role != openai.ChatMessageRoleSystem {
			continue
		}
		for rest := m.Content; ; {
			i := strings.Index(rest, `{`)
			if i < 0 {
				break
			}
			var raw json.RawMessage
			if err := json.NewDecoder(strings.NewReader(rest[i:])).Decode(&raw); err == nil {
				docs = append(docs, raw)
			}
			rest = rest[i+1:]
		}
	}
	for _, d := range docs {
		var s struct {
			Properties struct {
				Stances struct {
					Items struct {
						Properties struct {
							Label struct {
								Enum []string `json:"enum"`
							} `json:"label"`
						} `json:"properties"`
					} `json:"items"`
				} `json:"stances"`
			} `json:"properties"`
		}
		if json.Unmarshal(d, &s) == nil && len(s.Properties.Stances.Items.Properties.Label.Enum) > 0 {
			return s.Properties.Stances.Items.Properties.Label.Enum
		}
	}
	return summarizer.DefaultLabels
}

var partRE = regexp.MustCompile(`(?m)^Part \d+:\n(.*)$`)

func reduce(req openai.ChatCompletionRequest) sectionAnswer {
	a := sectionAnswer{KeyPoints: []string{}, Stances: []stance{}}
	for _, m := range partRE.FindAllStringSubmatch(block(firstUser(req), prompts.ResultsOpen, prompts.ResultsClose), -1) {
		var p sectionAnswer
		if json.Unmarshal([]byte(m[1]), &p) != nil {
			continue
		}
		if a.Summary == "" {
			a.Summary = p.Summary
		}
		for _, k := range p.KeyPoints {
			if len(a.KeyPoints) < 5 {
				a.KeyPoints = append(a.KeyPoints, k)
			}
		}
		a.Stances = append(a.Stances, p.Stances...)
	}
	if a.Summary == "" {
		a.Summary = "The parts of the section had no summary."
	}
	return a
}

func overview(req openai.ChatCompletionRequest) overviewAnswer {
	a := overviewAnswer{KeyPoints: []string{}}
	for _, line := range strings.Split(block(firstUser(req), prompts.SummariesOpen, prompts.SummariesClose), "\n") {
		s, ok := strings.CutPrefix(line, "Summary: ")
		if !ok || strings.TrimSpace(s) == "" {
			continue
		}
		if a.BottomLine == "" {
			a.BottomLine = strings.TrimSpace(s)
		}
		if len(a.KeyPoints) < 5 {
			a.KeyPoints = append(a.KeyPoints, strings.TrimSpace(s))
		}
	}
	if a.BottomLine == "" {
		a.BottomLine = "The cable has no section summaries."
	}
	return a
}
