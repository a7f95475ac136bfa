// Package summarizer holds the domain of the summarize tool: a parsed Cable with its
// numbered paragraphs and topic sections, the Engine that summarises one section and
// labels the stances in it, the Report that merges the sections of one cable, and the
// model-free checks of an engine's answers: Validate, Ground, and Unsupported (the
// names, numbers and dates a summary states that its text does not).
//
// The package depends on the standard library only. Adapters live below it and are named
// after what they adapt: summarizer/cable parses cable text, summarizer/chat talks to an
// OpenAI-compatible endpoint, summarizer/llm is the Engine over that endpoint,
// summarizer/offline is the built-in Engine, summarizer/report renders reports and
// summarizer/compare compares positions across reports.
package summarizer

import (
	"encoding/json"
)

// Section kinds, the values of Section.Kind.
const (
	KindPreamble = "preamble" // paragraphs before the first heading or summary
	KindSummary  = "summary"  // the cable's SUMMARY block, or a SUMMARY heading
	KindTopic    = "topic"    // paragraphs under a topic heading
	KindComment  = "comment"  // the drafters' COMMENT block, or a COMMENT heading
	KindBody     = "body"     // the whole body of a cable without headings
)

// Heading styles, the values of Section.Style (empty for sections without a heading).
const (
	StyleUnderlined   = "underlined"
	StyleCapsLine     = "caps-line"
	StyleDashWrapped  = "dash-wrapped"
	StyleSlashWrapped = "slash-wrapped"
	StyleShortLine    = "short-line"
	StyleColonLine    = "colon-line"
	StyleInline       = "inline"
	StyleOther        = "other"
)

// Cable is one parsed cable: header metadata, the cleaned numbered paragraphs of its body
// and the sections those paragraphs fall into.
//
// Empty strings stand for absent values and are written as JSON null (see MarshalJSON).
// Every paragraph belongs to exactly one section, and Sections are in paragraph order.
type Cable struct {
	ID             string      // reference id, e.g. "07PARIS2726"
	Source         string      // the file (or "-") the cable was read from
	Classification string      // UNCLASSIFIED ... TOP SECRET; "" when none
	Caveats        []string    // NOFORN, SIPDIS is not a caveat
	Origin         string      // "AMEMBASSY PARIS"
	To             []string    // addressees without routing prefix or precedence
	Info           []string    // INFO addressees, likewise
	DTG            string      // "260849Z JUN 07"
	Date           string      // "2007-06-26"
	TotalSections  int         // from "SECTION 01 OF 03"; 1 if none
	EO             string      // "12958"
	DeclassifyOn   string      // "2017-06-26"
	Tags           []string    // in order as written
	Subject        string      // one line, white space collapsed
	References     []Reference // the REF block
	ClassifiedBy   string      // "AMBASSADOR CRAIG R STAPLETON"
	Reasons        string      // "1.4 (B) AND (D)"
	Signer         string      // "STAPLETON"
	Summary        string      // text of SUMMARY ... END SUMMARY
	Participants   []string    // lines of a "Participants:" list, labels left out
	Numbered       bool        // body paragraphs carry their own numbers
	Paragraphs     []Paragraph // body paragraphs in order
	Sections       []Section   // in order; together they hold every paragraph once
	Warnings       []string    // what was odd in the input and how it was handled
}

// Reference is one entry of a cable's REF block. ID is set only when the reference is a
// cable ("07STATE135205"); Text is the reference as written.
type Reference struct {
	Letter string `json:"letter,omitempty"`
	ID     string `json:"id,omitempty"`
	Text   string `json:"text"`
}

// Paragraph is one body paragraph. Number is the cable's own number (conversion artifacts
// undone) or, in an unnumbered cable, the 1-based position; 0 is the unnumbered text
// before paragraph 1 where it stands under a heading of its own (a "KEY POINTS" box). Marking is the portion marking
// without parentheses ("C", "SBU", "S/NF"), "" when there is none. Text is cleaned of page
// breaks, SIPDIS lines and converter debris, with its line breaks joined.
type Paragraph struct {
	Number  int    `json:"number"`
	Marking string `json:"marking"`
	Text    string `json:"text"`
}

// Section is a run of consecutive paragraphs under one heading (or none). Paragraphs
// lists paragraph numbers in order. Title and Style are "" for sections without a heading
// and are then written as null.
type Section struct {
	Title      string `json:"title"`
	Kind       string `json:"kind"`
	Style      string `json:"style"`
	Paragraphs []int  `json:"paragraphs"`
}

// Paragraph returns the paragraph with number n and whether it exists.
func (c *Cable) Paragraph(n int) (Paragraph, bool) {
	for _, p := range c.Paragraphs {
		if p.Number == n {
			return p, true
		}
	}
	return Paragraph{}, false
}

// SectionParagraphs returns the paragraphs of s in order, skipping numbers that do not
// exist in c.
func (c *Cable) SectionParagraphs(s Section) []Paragraph {
	out := make([]Paragraph, 0, len(s.Paragraphs))
	for _, n := range s.Paragraphs {
		if p, ok := c.Paragraph(n); ok {
			out = append(out, p)
		}
	}
	return out
}

type cableJSON struct {
	ID             string      `json:"id"`
	Source         string      `json:"source,omitempty"`
	Classification *string     `json:"classification"`
	Caveats        []string    `json:"caveats"`
	Origin         *string     `json:"origin"`
	To             []string    `json:"to"`
	Info           []string    `json:"info"`
	DTG            *string     `json:"dtg"`
	Date           *string     `json:"date"`
	TotalSections  int         `json:"total_sections"`
	EO             *string     `json:"eo"`
	DeclassifyOn   *string     `json:"declassify_on"`
	Tags           []string    `json:"tags"`
	Subject        *string     `json:"subject"`
	References     []Reference `json:"references"`
	ClassifiedBy   *string     `json:"classified_by"`
	Reasons        *string     `json:"reasons"`
	Signer         *string     `json:"signer"`
	Summary        *string     `json:"summary"`
	Participants   []string    `json:"participants"`
	Numbered       bool        `json:"numbered"`
	Paragraphs     []Paragraph `json:"paragraphs"`
	Sections       []Section   `json:"sections"`
	Warnings       []string    `json:"warnings"`
}

// MarshalJSON writes the contract shape read by other tools: snake_case keys, null for
// absent strings, [] (never null) for empty lists.
func (c Cable) MarshalJSON() ([]byte, error) {
	return json.Marshal(cableJSON{
		ID: c.ID, Source: c.Source, Classification: nullable(c.Classification),
		Caveats: list(c.Caveats), Origin: nullable(c.Origin), To: list(c.To), Info: list(c.Info),
		DTG: nullable(c.DTG), Date: nullable(c.Date), TotalSections: c.TotalSections,
		EO: nullable(c.EO), DeclassifyOn: nullable(c.DeclassifyOn), Tags: list(c.Tags),
		Subject: nullable(c.Subject), References: list(c.References),
		ClassifiedBy: nullable(c.ClassifiedBy), Reasons: nullable(c.Reasons),
		Signer: nullable(c.Signer), Summary: nullable(c.Summary), Participants: list(c.Participants),
		Numbered: c.Numbered, Paragraphs: list(c.Paragraphs), Sections: list(c.Sections),
		Warnings: list(c.Warnings),
	})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (c *Cable) UnmarshalJSON(b []byte) error {
	var j cableJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = Cable{
		ID: j.ID, Source: j.Source, Classification: deref(j.Classification), Caveats: j.Caveats,
		Origin: deref(j.Origin), To: j.To, Info: j.Info, DTG: deref(j.DTG), Date: deref(j.Date),
		TotalSections: j.TotalSections, EO: deref(j.EO), DeclassifyOn: deref(j.DeclassifyOn),
		Tags: j.Tags, Subject: deref(j.Subject), References: j.References,
		ClassifiedBy: deref(j.ClassifiedBy), Reasons: deref(j.Reasons), Signer: deref(j.Signer),
		Summary: deref(j.Summary), Participants: j.Participants, Numbered: j.Numbered,
		Paragraphs: j.Paragraphs, Sections: j.Sections, Warnings: j.Warnings,
	}
	return nil
}

type sectionJSON struct {
	Title      *string `json:"title"`
	Kind       string  `json:"kind"`
	Style      *string `json:"style"`
	Paragraphs []int   `json:"paragraphs"`
}

// MarshalJSON writes null for an absent title or style.
func (s Section) MarshalJSON() ([]byte, error) {
	return json.Marshal(sectionJSON{nullable(s.Title), s.Kind, nullable(s.Style), list(s.Paragraphs)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Section) UnmarshalJSON(b []byte) error {
	var j sectionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Section{Title: deref(j.Title), Kind: j.Kind, Style: deref(j.Style), Paragraphs: j.Paragraphs}
	return nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
