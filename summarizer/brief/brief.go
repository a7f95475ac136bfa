// Package brief writes a briefing across many cables: per topic (topics merged across
// cables as package compare merges them), a synthesis of a few sentences, each ending
// with the citations [CABLE ¶N] of the paragraphs it is drawn from; the positions actors
// took on the topic, when, with changes over time and contradictions flagged by
// compare's rules (compare.Conflicts, through a compare.Builder); and front matter: the
// selection, a bottom line of the whole set, and what was left out.
//
// The flow, streaming: a Collector takes reports one at a time and keeps, per topic,
// only the material a synthesis is written from — the sentences of the section
// summaries and key points, each attributed to the paragraphs of its section it is
// drawn from — and, through a compare.Builder, the stances; never a whole report. Draft
// ranks the topics. Compose has an Engine write each topic's synthesis and the bottom
// line from that material: Extractive (TextRank over the material, no model) or the
// map-reduce of package llm. A second pass over the reports gives Quotes the cited
// paragraphs only, and Check verifies every citation (its cable is in the selection, its
// paragraph exists, the sentence is drawn from it: see DrawnFrom), drops those that
// fail, and lists the names, numbers and dates a sentence states that its cited
// paragraphs do not (summarizer.Unsupported). The Briefing is written as Markdown, a
// self-contained HTML page or JSON (see Schema).
package brief

import (
	"context"
	"fmt"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/compare"
)

// SchemaVersion is the version of the Briefing JSON shape (Schema).
const SchemaVersion = "1"

// Citation names one paragraph of one cable, written "[07PARIS2726 ¶4]".
type Citation struct {
	Cable     string `json:"cable"`
	Paragraph int    `json:"paragraph"`
}

// String writes c as it is cited in a sentence, without brackets: "07PARIS2726 ¶4".
func (c Citation) String() string { return fmt.Sprintf("%s ¶%d", c.Cable, c.Paragraph) }

// FormatCitations writes cs as a sentence ends with them: "[07PARIS2726 ¶4] [07PARIS2743
// ¶2]"; "" for none.
func FormatCitations(cs []Citation) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = "[" + c.String() + "]"
	}
	return strings.Join(parts, " ")
}

// Sentence is one sentence of a synthesis or of the bottom line, with its sources.
type Sentence struct {
	Text string `json:"text"` // without the citations
	// Citations are the paragraphs the sentence is drawn from, at least one once Check
	// has run: a sentence left without a valid citation is dropped.
	Citations []Citation `json:"citations"`
	// Date is the earliest date of the cited cables (as compare.CableDate), for ordering;
	// "" when none is known.
	Date string `json:"date"`
	// Unsupported lists the names, numbers and dates the sentence states that its cited
	// paragraphs and their cables' headers do not (summarizer.Unsupported); [] when none.
	// Set by Check.
	Unsupported []string `json:"unsupported"`
}

// Material is one sentence a synthesis may be written from: a sentence of a section's
// summary or one of its key points, with the paragraphs of its section it is drawn from.
type Material struct {
	Text      string     `json:"text"`
	Citations []Citation `json:"citations"` // at least one, all of one cable
	Cable     string     `json:"cable"`
	Date      string     `json:"date"`    // compare.CableDate of the cable
	Origin    string     `json:"origin"`  // the cable's origin: "AMEMBASSY PARIS"
	Section   string     `json:"section"` // the section's title, or summarizer.TopicName
}

// TopicInput is what an Engine writes one topic's synthesis from.
type TopicInput struct {
	Key  string // the merge key, compare.TopicRef.Key
	Name string
	// Material in date order (then cable id, then as the report had it).
	Material []Material
	// Sentences is the most sentences the synthesis may have.
	Sentences int
}

// TopicSynthesis is one topic's synthesis, as a bottom line is written from it.
type TopicSynthesis struct {
	Name      string
	Cables    int // the cables on the topic
	Sentences []Sentence
}

// BottomLineInput is what an Engine writes the bottom line of the whole set from: the
// syntheses of the topics, biggest first.
type BottomLineInput struct {
	Topics    []TopicSynthesis
	Sentences int // the most sentences of the bottom line
}

// Engine writes syntheses. Every sentence it returns carries citations, and only
// citations of the material it was given (TopicInput.Material, or the sentences of
// BottomLineInput.Topics). Implementations are safe for concurrent use; errors are per
// call, and each call returns the Usage it incurred, also on error.
type Engine interface {
	Topic(ctx context.Context, in TopicInput) ([]Sentence, summarizer.Usage, error)
	BottomLine(ctx context.Context, in BottomLineInput) ([]Sentence, summarizer.Usage, error)
	Info() summarizer.EngineInfo
}

// Estimator says what an Engine that sends requests would send, for --dry-run: the calls
// and estimated prompt tokens of a topic's synthesis and of the bottom line.
type Estimator interface {
	EstimateTopic(in TopicInput) (calls, tokens int)
	EstimateBottomLine(in BottomLineInput) (calls, tokens int)
}

// Briefing is the digest of a selection of reports: what WriteJSON writes.
type Briefing struct {
	SchemaVersion string    `json:"schema_version"`
	Title         string    `json:"title"`
	Selection     Selection `json:"selection"`
	// BottomLine is a few sentences on the whole set, each with its citations.
	BottomLine []Sentence `json:"bottom_line"`
	// Topics are the topics shown, in the most cables first ("Other" last).
	Topics  []Topic `json:"topics"`
	LeftOut LeftOut `json:"left_out"`
	// Paragraphs are the cited paragraphs (synthesis citations and the evidence of the
	// positions shown), by cable in selection order, then number: the appendix.
	Paragraphs []QuotedParagraph `json:"paragraphs"`
	// Citations is what Check found.
	Citations CitationCheck         `json:"citations"`
	Engine    summarizer.EngineInfo `json:"engine"`
	Usage     summarizer.Usage      `json:"usage"`
	Warnings  []string              `json:"warnings"`
}

// Selection says what the briefing covers.
type Selection struct {
	// Filter is the selection asked for; nil for none.
	Filter *compare.Filter `json:"filter,omitempty"`
	// Cables are the cables the briefing draws on, by date then id.
	Cables []CableRef `json:"cables"`
	From   string     `json:"from"`  // the earliest cable date; "" when none is known
	To     string     `json:"to"`    // the latest
	Posts  []string   `json:"posts"` // the origins, most cables first
	// Reports is the number of reports read, selected or not.
	Reports int `json:"reports"`
}

// CableRef identifies one cable of the selection.
type CableRef struct {
	ID      string `json:"id"`
	Date    string `json:"date"` // compare.CableDate
	Origin  string `json:"origin"`
	Subject string `json:"subject"`
	// Briefing is the path, relative to the briefing, of the cable's own HTML report when
	// one was found beside it (set by the caller); "" when none.
	Briefing string `json:"briefing"`
}

// Topic is one topic of the briefing.
type Topic struct {
	Key    string   `json:"key"`  // compare.TopicRef.Key
	Name   string   `json:"name"` // as compare shows it
	Cables []string `json:"cables"`
	// Synthesis is what the cables say on the topic, in date order.
	Synthesis []Sentence `json:"synthesis"`
	// Positions are the actors' stances on the topic, by date then actor, as compare
	// builds them: every target with its label, changes and contradictions flagged.
	Positions []compare.Row `json:"positions"`
	// PositionsOmitted counts the positions of the topic that the briefing does not show
	// (see Options.Positions); the flagged ones are always shown.
	PositionsOmitted int `json:"positions_omitted"`
	// Note says how the synthesis was written when not as asked (a failed model call
	// replaced by the extractive digest); "" otherwise.
	Note string `json:"note"`
}

// LeftOut says what the briefing does not cover.
type LeftOut struct {
	// FailedSections are the selected cables' sections that have no summary (the run
	// that wrote the report failed on them).
	FailedSections []FailedSection `json:"failed_sections"`
	// CablesWithoutTopic are the cables the cable and date filters select that have
	// nothing on the topics and actors asked for.
	CablesWithoutTopic []string `json:"cables_without_topic"`
	// Topics are the topics beyond Options.Top, in the most cables first.
	Topics []OmittedTopic `json:"topics"`
	// Unattributed counts the summary sentences and key points that no paragraph of their
	// section shares enough words with to be cited: they are not used.
	Unattributed int `json:"unattributed"`
	// NotSelected counts the reports read that the cable and date filters leave out.
	NotSelected int `json:"not_selected"`
	// Thinned are the topics shown whose material passed MaxMaterial sentences, each with
	// the number of sentences left out (Cables holds that number), evenly over time.
	Thinned []OmittedTopic `json:"thinned"`
}

// FailedSection is a section without a summary.
type FailedSection struct {
	Cable   string `json:"cable"`
	Section string `json:"section"` // title, or summarizer.TopicName
	Error   string `json:"error"`
}

// OmittedTopic is a topic the briefing does not show.
type OmittedTopic struct {
	Name   string `json:"name"`
	Cables int    `json:"cables"`
}

// QuotedParagraph is one cited paragraph, quoted whole.
type QuotedParagraph struct {
	Cable  string `json:"cable"`
	Number int    `json:"number"`
	Text   string `json:"text"`
}

// CitationCheck counts what Check found: the sentences and citations it checked, the
// valid citations, and each invalid one, which it dropped.
type CitationCheck struct {
	Sentences int               `json:"sentences"`
	Citations int               `json:"citations"`
	Valid     int               `json:"valid"`
	Invalid   []InvalidCitation `json:"invalid"`
	// DroppedSentences counts the sentences dropped for want of a valid citation.
	DroppedSentences int `json:"dropped_sentences"`
	// Unsupported counts the unsupported claims of the sentences kept, and
	// UnsupportedSentences the sentences with any.
	Unsupported          int `json:"unsupported"`
	UnsupportedSentences int `json:"unsupported_sentences"`
}

// InvalidCitation is a citation Check dropped, and why.
type InvalidCitation struct {
	Sentence string   `json:"sentence"`
	Citation Citation `json:"citation"`
	Reason   string   `json:"reason"`
}

// Reasons of an InvalidCitation.
const (
	ReasonNotSelected = "the cable is not in the selection"
	ReasonNoParagraph = "the cable has no such paragraph"
	ReasonNotDrawn    = "the sentence is not drawn from the paragraph"
)
