package summarizer

// SchemaVersion is the version of the Report JSON shape; it changes when a key changes
// meaning or goes away.
const SchemaVersion = "1"

// Report is the merged result for one cable: what summarize writes as JSON, Markdown or
// HTML, and what compare reads back.
type Report struct {
	SchemaVersion string          `json:"schema_version"`
	Cable         *Cable          `json:"cable"`
	Overview      Overview        `json:"overview"`
	Sections      []SectionReport `json:"sections"`
	Positions     []Position      `json:"positions"`
	Usage         Usage           `json:"usage"`
	Engine        EngineInfo      `json:"engine"`
	Warnings      []string        `json:"warnings"`
}

// SectionReport is one section's result in a report. Error is "" when the section
// succeeded; a failed section keeps its title, kind and paragraphs and has no summary.
type SectionReport struct {
	Title      string   `json:"title"`
	Kind       string   `json:"kind"`
	Paragraphs []int    `json:"paragraphs"`
	Summary    string   `json:"summary"`
	KeyPoints  []string `json:"key_points"`
	Stances    []Stance `json:"stances"`
	Ungrounded int      `json:"ungrounded"` // quotes not found in their paragraph
	// Unsupported lists the names, numbers and dates in the summary and key points that
	// the section's text (and the cable header) never mentions; [] when none.
	Unsupported []string `json:"unsupported"`
	Error       string   `json:"error"`
}

// Position is one cell of the actor × topic matrix of a cable: the label an actor took on
// a topic, computed from the section stances (never by a model). Actor is the canonical
// name of the merged actor and Aliases the other names it appeared under.
type Position struct {
	Actor       string     `json:"actor"`
	Aliases     []string   `json:"aliases"`
	Affiliation string     `json:"affiliation"`
	Topic       string     `json:"topic"`
	Section     int        `json:"section"` // index into Report.Sections
	Label       string     `json:"label"`
	Target      string     `json:"target"`
	Voice       string     `json:"voice"`
	Evidence    []Evidence `json:"evidence"`
	Mixed       bool       `json:"mixed"` // the actor took more than one label on the topic
}
