package eval

import (
	"fmt"
	"sort"

	"github.com/cablebrief/summarize/summarizer"
)

// Scorer scores reports against a Gold one report at a time: a report whose cable has
// segmentation gold is scored by Segmentation, one with stance gold by Stances; a report
// without gold is ignored and counted; a second report of a cable is ignored and noted.
// Finish counts every gold cable that had no report as missed. A Scorer holds counts and
// the differences found, not reports. Not safe for concurrent use.
type Scorer struct {
	gold       *Gold
	seg        Segmentation
	st         Stances
	scored     map[string]bool
	reports    int
	ignored    int
	duplicates []string
	done       bool
	result     Result
}

// Result is what a Scorer found. A kind of gold with no cable scored has a nil result.
type Result struct {
	Reports      int                 `json:"reports"`      // reports given
	Scored       int                 `json:"scored"`       // of them, reports of a gold cable
	Ignored      int                 `json:"ignored"`      // reports of cables without gold
	Duplicates   []string            `json:"duplicates"`   // cables given more than once: the first report counts
	GoldCables   int                 `json:"gold_cables"`  // cables with gold of either kind
	Missed       []string            `json:"missed"`       // gold cables without a report, scored as missed
	Segmentation *SegmentationResult `json:"segmentation"` // nil without segmentation gold
	Stances      *StanceResult       `json:"stances"`      // nil without stance gold
	FieldMisses  map[string]int      `json:"field_misses"` // metadata misses by field
	// The differences found, one line each ("07PARIS2726: missed section \"KOSOVO\" at
	// paragraph 5"), in the order found.
	SegmentationDiffs []string `json:"segmentation_differences,omitempty"`
	StanceDiffs       []string `json:"stance_differences,omitempty"`
}

// NewScorer returns a Scorer against g.
func NewScorer(g *Gold) *Scorer {
	return &Scorer{gold: g, scored: map[string]bool{}}
}

// Add scores one report and reports whether it was scored (its cable has gold and was not
// scored before). A report without a cable or a cable id is ignored.
func (s *Scorer) Add(r *summarizer.Report) bool {
	s.reports++
	if r == nil || r.Cable == nil || r.Cable.ID == "" {
		s.ignored++
		return false
	}
	id := r.Cable.ID
	sg, st := s.gold.Segmentation[id], s.gold.Stances[id]
	switch {
	case sg == nil && st == nil:
		s.ignored++
		return false
	case s.scored[id]:
		s.duplicates = append(s.duplicates, id)
		return false
	}
	s.scored[id] = true
	if sg != nil {
		s.seg.Add(sg, r.Cable)
	}
	if st != nil {
		s.st.Add(st, r)
	}
	return true
}

// Finish scores every gold cable without a report as missed and returns the result.
// Later calls return the same result; Add must not be called after Finish.
func (s *Scorer) Finish() Result {
	if s.done {
		return s.result
	}
	s.done = true
	var missed []string
	for _, id := range s.gold.IDs() {
		if s.scored[id] {
			continue
		}
		missed = append(missed, id)
		if g := s.gold.Segmentation[id]; g != nil {
			s.seg.Missed(g)
		}
		if g := s.gold.Stances[id]; g != nil {
			s.st.Missed(g)
		}
	}
	res := Result{
		Reports: s.reports, Scored: len(s.scored), Ignored: s.ignored, Duplicates: nonNil(s.duplicates),
		GoldCables: len(s.gold.IDs()), Missed: nonNil(missed), FieldMisses: map[string]int{},
		SegmentationDiffs: s.seg.Diffs, StanceDiffs: s.st.Diffs,
	}
	if len(s.gold.Segmentation) > 0 {
		r := s.seg.Result()
		res.Segmentation = &r
		for k, v := range s.seg.FieldMiss {
			res.FieldMisses[k] = v
		}
	}
	if len(s.gold.Stances) > 0 {
		r := s.st.Result()
		res.Stances = &r
	}
	s.result = res
	return res
}

// Segmentation returns the segmentation scorer's counts so far.
func (s *Scorer) Segmentation() *Segmentation { return &s.seg }

// Stances returns the stance scorer's counts so far.
func (s *Scorer) Stances() *Stances { return &s.st }

// Merge adds the annotations of o to g. A cable annotated in both, with the same kind of
// gold, is an error naming it.
func (g *Gold) Merge(o *Gold) error {
	for _, id := range sortedIDs(o.Segmentation) {
		if g.Segmentation[id] != nil {
			return fmt.Errorf("merge gold: %s has segmentation gold twice", id)
		}
		g.Segmentation[id] = o.Segmentation[id]
	}
	for _, id := range sortedIDs(o.Stances) {
		if g.Stances[id] != nil {
			return fmt.Errorf("merge gold: %s has stance gold twice", id)
		}
		g.Stances[id] = o.Stances[id]
	}
	return nil
}

func sortedIDs[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
