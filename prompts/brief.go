package prompts

import "fmt"

// The templates of the cross-cable briefing (summarize brief). They are a set of their
// own, with a version of their own (BriefSet.Version), so that a change to them does
// not change the version of the section prompts, which reports and the store record.
const (
	FileBriefSystem = "brief_system.tmpl" // BriefSystem: instructions and schema
	FileBriefTopic  = "brief_topic.tmpl"  // BriefTopic: a topic's material, or a part of it
	FileBriefMerge  = "brief_merge.tmpl"  // BriefMerge: the syntheses of the parts of a topic
	FileBriefBottom = "brief_bottom.tmpl" // BriefBottom: the topics' syntheses, for the bottom line
)

// briefFiles lists the briefing's template file names in the order they are hashed.
var briefFiles = []string{FileBriefSystem, FileBriefTopic, FileBriefMerge, FileBriefBottom}

// Delimiters of the briefing's data block.
const (
	MaterialOpen  = "<<<MATERIAL"
	MaterialClose = "MATERIAL>>>"
)

// BriefSet is a parsed set of the briefing's templates. It is safe for concurrent use.
type BriefSet struct {
	s *Set
}

// LoadBrief parses the embedded briefing templates, each overridden by the file of the
// same name in dir when dir is not "" and holds it, as Load does for the section
// templates; it fails fast the same way.
func LoadBrief(dir string) (*BriefSet, error) {
	s, err := parse(dir, briefFiles)
	if err != nil {
		return nil, err
	}
	b := &BriefSet{s: s}
	if err := b.check(); err != nil {
		return nil, fmt.Errorf("load prompts: %w", err)
	}
	return b, nil
}

func (b *BriefSet) check() error {
	items := []BriefItem{{Cite: "ID ¶1", Date: "D", Origin: "O", Section: "S", Text: "T"}}
	for _, f := range []func() (string, error){
		func() (string, error) { return b.System(BriefSystem{Schema: "{}"}) },
		func() (string, error) {
			return b.Topic(BriefTopic{Topic: "T", Sentences: 3, Part: 1, Parts: 2, Items: items})
		},
		func() (string, error) { return b.Merge(BriefMerge{Topic: "T", Sentences: 3, Items: items}) },
		func() (string, error) {
			return b.Bottom(BriefBottom{Sentences: 3, Topics: []BriefBottomTopic{{Name: "T", Cables: 2, Items: items}}})
		},
	} {
		if _, err := f(); err != nil {
			return err
		}
	}
	return nil
}

// Version is a short hex sha256 of the names and texts of the briefing templates in use.
func (b *BriefSet) Version() string { return b.s.version }

// System renders the system message of every briefing request.
func (b *BriefSet) System(d BriefSystem) (string, error) { return b.s.render(FileBriefSystem, d) }

// Topic renders the user message holding a topic's material, or a part of it.
func (b *BriefSet) Topic(d BriefTopic) (string, error) { return b.s.render(FileBriefTopic, d) }

// Merge renders the user message that merges the syntheses of a topic's parts.
func (b *BriefSet) Merge(d BriefMerge) (string, error) { return b.s.render(FileBriefMerge, d) }

// Bottom renders the user message asking for the bottom line of the whole set.
func (b *BriefSet) Bottom(d BriefBottom) (string, error) { return b.s.render(FileBriefBottom, d) }

// BriefSystem is the data of the briefing system message; Schema is the JSON Schema of
// the answer, indented.
type BriefSystem struct {
	Schema string
}

// BriefItem is one sentence of material with its citations ("07PARIS2726 ¶4", several
// joined by "] ["), and where it comes from. Every string from a cable or a report has
// been passed through Neutralize.
type BriefItem struct {
	Cite    string
	Date    string
	Origin  string
	Section string
	Text    string
}

// BriefTopic is the data of a topic request: Part and Parts number the parts of a topic
// whose material is split to fit the context budget (1 and 1 when it is not).
type BriefTopic struct {
	Topic     string
	Sentences int
	Part      int
	Parts     int
	Items     []BriefItem
}

// BriefMerge is the data of a merge request: the sentences of the parts' syntheses,
// oldest first.
type BriefMerge struct {
	Topic     string
	Sentences int
	Items     []BriefItem
}

// BriefBottomTopic is one topic's synthesis in a bottom-line request.
type BriefBottomTopic struct {
	Name   string
	Cables int
	Items  []BriefItem
}

// BriefBottom is the data of the bottom-line request.
type BriefBottom struct {
	Sentences int
	Topics    []BriefBottomTopic
}
