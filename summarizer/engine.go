package summarizer

import "context"

// DefaultLabels is the stance label set used when the configuration names none, ordered
// from agreement to disagreement.
var DefaultLabels = []string{"supports", "conditional", "neutral", "skeptical", "opposes"}

// Voices say whose position a stance records.
const (
	VoiceReported    = "reported"    // an interlocutor's stated position
	VoiceEmbassy     = "embassy"     // the drafters' own COMMENT
	VoiceInstruction = "instruction" // the Department's talking points or instructions
)

// Voices lists the accepted values of Stance.Voice.
var Voices = []string{VoiceReported, VoiceEmbassy, VoiceInstruction}

// SectionInput is what an Engine needs to summarise one section: the cable's metadata for
// context, the section and its paragraphs, and the label set stances must use.
//
// Cable is shared between concurrent calls and must not be modified.
type SectionInput struct {
	Cable      *Cable
	Index      int // position of the section in Cable.Sections
	Section    Section
	Paragraphs []Paragraph // the section's paragraphs, in order
	Labels     []string    // accepted stance labels
}

// SectionResult is an Engine's answer for one section.
type SectionResult struct {
	Summary   string   `json:"summary"`
	KeyPoints []string `json:"key_points"`
	Stances   []Stance `json:"stances"`
}

// Stance is one actor's position on one proposition, with the quotes that show it.
type Stance struct {
	Actor       string     `json:"actor"`       // as named in the cable: "Kouchner"
	Affiliation string     `json:"affiliation"` // "France"; "" when unknown
	Target      string     `json:"target"`      // the proposition: "recognising an independent Kosovo"
	Label       string     `json:"label"`       // one of the configured labels
	Voice       string     `json:"voice"`       // one of Voices
	Evidence    []Evidence `json:"evidence"`    // at least one
}

// Evidence is a verbatim quote from one paragraph. Grounded is set by Ground, not by the
// engine: true when the quote was found in the paragraph after normalisation.
type Evidence struct {
	Paragraph int    `json:"paragraph"`
	Quote     string `json:"quote"`
	Grounded  bool   `json:"grounded"`
}

// Overview is the cable-level bottom line up front and its key points.
type Overview struct {
	BottomLine string   `json:"bottom_line"`
	KeyPoints  []string `json:"key_points"`
	// Unsupported lists what the bottom line and key points name that the cable never
	// mentions; [] when none. Set by the summarizer, not by the engine.
	Unsupported []string `json:"unsupported"`
}

// OverviewInput is what an Engine needs to write a cable's overview: the cable and the
// sections already summarised (failed sections carry an Error and no summary).
type OverviewInput struct {
	Cable    *Cable
	Sections []SectionReport
}

// Usage counts what talking to an endpoint cost. The zero value is no usage. Add sums.
type Usage struct {
	Requests         int `json:"requests"`
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	CachedTokens     int `json:"cached_tokens"`
	Retries          int `json:"retries"`
	CacheHits        int `json:"cache_hits"`
	ReAsks           int `json:"re_asks"`
}

// Add adds o to u.
func (u *Usage) Add(o Usage) {
	u.Requests += o.Requests
	u.PromptTokens += o.PromptTokens
	u.CompletionTokens += o.CompletionTokens
	u.CachedTokens += o.CachedTokens
	u.Retries += o.Retries
	u.CacheHits += o.CacheHits
	u.ReAsks += o.ReAsks
}

// EngineInfo says which engine wrote a report.
type EngineInfo struct {
	Provider         string `json:"provider"`          // "openai" or "offline"
	Model            string `json:"model"`             // model name; "" for offline
	Endpoint         string `json:"endpoint"`          // host of the base URL, never the key
	PromptVersion    string `json:"prompt_version"`    // hash of the prompt templates
	StructuredOutput string `json:"structured_output"` // json_schema, json_object, instructions or ""
}

// Engine summarises sections and writes overviews. Implementations are safe for
// concurrent use. Errors are per call: the caller records a failed section and goes on.
// Both methods return the Usage they incurred, also on error.
type Engine interface {
	SummarizeSection(ctx context.Context, in SectionInput) (SectionResult, Usage, error)
	Overview(ctx context.Context, in OverviewInput) (Overview, Usage, error)
	Info() EngineInfo
}
