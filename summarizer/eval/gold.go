// Package eval scores reports against hand annotations: segmentation and metadata gold
// (<ID>.json, the format of ANNOTATION.md) and stance gold (<ID>.stances.json, the format
// of STANCE_ANNOTATION.md). It is how a user compares two models, two prompts or the
// offline engine on cables they have annotated, and how the project measures its parser
// and engines on cables annotated blind.
//
// The scorers accumulate: Add one cable at a time, then read Result. They hold counts,
// not reports, so scoring many cables keeps memory flat. They are not safe for
// concurrent use.
package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// SegmentationGold is one cable's annotation per ANNOTATION.md. Absent values are nil.
type SegmentationGold struct {
	ID                string        `json:"id"`
	Classification    *string       `json:"classification"`
	Origin            *string       `json:"origin"`
	DTG               *string       `json:"dtg"`
	Date              *string       `json:"date"`
	Subject           *string       `json:"subject"`
	Tags              []string      `json:"tags"`
	Signer            *string       `json:"signer"`
	TotalSections     int           `json:"total_sections"`
	Numbered          bool          `json:"numbered"`
	ParagraphCount    int           `json:"paragraph_count"`
	SummaryParagraphs []int         `json:"summary_paragraphs"`
	CommentParagraphs [][]int       `json:"comment_paragraphs"`
	Sections          []GoldSection `json:"sections"`
	Notes             string        `json:"notes"`
}

// GoldSection is one topic heading of a SegmentationGold.
type GoldSection struct {
	Title          string `json:"title"`
	Style          string `json:"style"`
	FirstParagraph int    `json:"first_paragraph"`
}

// StanceGold is one cable's stance annotation per STANCE_ANNOTATION.md.
type StanceGold struct {
	ID      string       `json:"id"`
	Stances []GoldStance `json:"stances"`
}

// GoldStance is one annotated position. Section is the title of its section in the
// segmentation gold, or SUMMARY, PREAMBLE, BODY (and COMMENT) for sections without one.
type GoldStance struct {
	Section     string `json:"section"`
	Actor       string `json:"actor"`
	Affiliation string `json:"affiliation"`
	Target      string `json:"target"`
	Label       string `json:"label"`
	Voice       string `json:"voice"`
	Paragraphs  []int  `json:"paragraphs"`
	Note        string `json:"note"`
}

// Gold is a directory of annotations, by cable id. A cable may have either kind or both.
type Gold struct {
	Segmentation map[string]*SegmentationGold
	Stances      map[string]*StanceGold
}

// IDs returns the ids of every annotated cable, sorted.
func (g *Gold) IDs() []string {
	seen := map[string]bool{}
	for id := range g.Segmentation {
		seen[id] = true
	}
	for id := range g.Stances {
		seen[id] = true
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// ErrNoGold is returned by LoadGold for a directory without any annotation file.
var ErrNoGold = errors.New("no gold files (<ID>.json or <ID>.stances.json)")

// LoadGold reads every <ID>.json (segmentation) and <ID>.stances.json (stances) file
// directly in dir; other files and subdirectories are ignored. A file that is not valid
// JSON, or whose id is missing, is an error naming the file. The id comes from the file's
// "id" key; the file name is used when the key is empty.
func LoadGold(dir string) (*Gold, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("read gold %s: %w", dir, err)
	}
	g := &Gold{Segmentation: map[string]*SegmentationGold{}, Stances: map[string]*StanceGold{}}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read gold %s: %w", path, err)
		}
		if id, ok := strings.CutSuffix(name, ".stances.json"); ok {
			var s StanceGold
			if err := json.Unmarshal(data, &s); err != nil {
				return nil, fmt.Errorf("read gold %s: %w", path, err)
			}
			if s.ID == "" {
				s.ID = id
			}
			g.Stances[s.ID] = &s
			continue
		}
		var s SegmentationGold
		if err := json.Unmarshal(data, &s); err != nil {
			return nil, fmt.Errorf("read gold %s: %w", path, err)
		}
		if s.ID == "" {
			s.ID = strings.TrimSuffix(name, ".json")
		}
		g.Segmentation[s.ID] = &s
	}
	if len(g.Segmentation)+len(g.Stances) == 0 {
		return nil, fmt.Errorf("read gold %s: %w", dir, ErrNoGold)
	}
	return g, nil
}
