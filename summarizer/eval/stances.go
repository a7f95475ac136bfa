package eval

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// Stances scores the stances of reports against stance gold. Positions are compared as
// distinct triples (section, actor, label):
//
//   - section: a gold stance belongs to the report section that holds the first of its
//     paragraphs found in the report; a gold stance without such a paragraph belongs to
//     the section whose title matches its section name (NormTitle), or, for SUMMARY,
//     PREAMBLE, BODY and COMMENT, to the first section of that kind; else to no report
//     section, and then it can only be missed;
//   - actor: two names are one actor when they have the same summarizer.ActorMatchKey: the country
//     for a government or its acronym ("GOF", "the French government", "France"), the
//     surname for a person ("FM Kouchner", "Bernard Kouchner", "Kouchner"), the words of
//     an institution's name otherwise;
//   - label: equal words.
//
// Precision is the share of the report's distinct triples that the gold has, recall the
// share of the gold's distinct triples that the report has. Label accuracy is, over the
// gold triples whose (section, actor) the report also has, the share whose label the
// report gives there too. A flip is a (section, actor) where the report says supports and
// the gold opposes (or the reverse) and the report lacks the gold's label. Grounded is the
// share of the report's evidence quotes found in their paragraph; unsupported is the share
// of summaries (sections with a summary, and overviews with a bottom line) that name
// something their source does not (a non-empty unsupported list).
//
// Targets and voices are not scored. Failed sections contribute no stances. The zero
// value is ready to use.
type Stances struct {
	Cables                 int
	TP, Produced, Gold     int // distinct triples
	LabelPairs, LabelOK    int // gold triples whose (section, actor) the report has
	Flips                  int
	Quotes, Grounded       int
	Summaries, Unsupported int
	Diffs                  []string // false positives and misses, one line each
}

// StanceResult is the figures of a Stances. Ratios over nothing are 1, but precision and
// recall are 0 when the other side has triples and this one none.
type StanceResult struct {
	Cables        int     `json:"cables"`
	Precision     float64 `json:"precision"`
	Recall        float64 `json:"recall"`
	F1            float64 `json:"f1"`
	LabelAccuracy float64 `json:"label_accuracy"`
	Flips         int     `json:"flips"`
	Grounded      float64 `json:"grounded"`
	Unsupported   float64 `json:"unsupported"`
	TP            int     `json:"matched"`
	Produced      int     `json:"produced"`
	Gold          int     `json:"gold"`
}

type triple struct {
	section string // "r3" for report section 3, "g:<title>" for a gold section not in the report
	actor   string
	label   string
}

type pair struct{ section, actor string }

// Add scores the stances of one report against the cable's gold.
func (s *Stances) Add(g *StanceGold, r *summarizer.Report) {
	s.Cables++
	id := g.ID
	want := map[triple]*GoldStance{}
	for i := range g.Stances {
		gs := &g.Stances[i]
		t := triple{goldSection(gs, r), summarizer.ActorMatchKey(gs.Actor, gs.Affiliation), strings.ToLower(strings.TrimSpace(gs.Label))}
		if want[t] == nil {
			want[t] = gs
		}
	}
	got := map[triple]summarizer.Stance{}
	for i, sec := range r.Sections {
		if sec.Error != "" {
			continue
		}
		if sec.Summary != "" {
			s.Summaries++
			if len(sec.Unsupported) > 0 {
				s.Unsupported++
			}
		}
		for _, st := range sec.Stances {
			t := triple{fmt.Sprintf("r%d", i), summarizer.ActorMatchKey(st.Actor, st.Affiliation), strings.ToLower(st.Label)}
			if _, ok := got[t]; !ok {
				got[t] = st
			}
			for _, ev := range st.Evidence {
				s.Quotes++
				if ev.Grounded {
					s.Grounded++
				}
			}
		}
	}
	if r.Overview.BottomLine != "" {
		s.Summaries++
		if len(r.Overview.Unsupported) > 0 {
			s.Unsupported++
		}
	}
	gotLabels := map[pair][]string{}
	for t := range got {
		p := pair{t.section, t.actor}
		gotLabels[p] = append(gotLabels[p], t.label)
	}
	wantLabels := map[pair][]string{}
	for t := range want {
		p := pair{t.section, t.actor}
		wantLabels[p] = append(wantLabels[p], t.label)
	}
	s.Produced += len(got)
	s.Gold += len(want)
	for _, t := range sortedTriples(got) {
		if want[t] != nil {
			s.TP++
			continue
		}
		st := got[t]
		s.diff("%s: extra %s %s %q in %s", id, st.Actor, st.Label, st.Target, sectionName(r, t.section))
	}
	for _, t := range sortedTriples(want) {
		gs := want[t]
		if _, ok := got[t]; !ok {
			s.diff("%s: missed %s %s %q in %s", id, gs.Actor, gs.Label, gs.Target, gs.Section)
		}
		p := pair{t.section, t.actor}
		if labels, ok := gotLabels[p]; ok {
			s.LabelPairs++
			if slices.Contains(labels, t.label) {
				s.LabelOK++
			}
		}
	}
	for _, p := range sortedPairs(gotLabels) {
		wl, ok := wantLabels[p]
		if !ok {
			continue
		}
		gl := gotLabels[p]
		for _, polar := range [][2]string{{"supports", "opposes"}, {"opposes", "supports"}} {
			if slices.Contains(gl, polar[0]) && slices.Contains(wl, polar[1]) && !slices.Contains(gl, polar[1]) {
				s.Flips++
				name := p.actor
				if gs := want[triple{p.section, p.actor, polar[1]}]; gs != nil {
					name = gs.Actor // as the gold writes it, not the match key
				}
				s.diff("%s: flip: %s %s where the gold says %s, in %s", id, name, polar[0], polar[1], sectionName(r, p.section))
			}
		}
	}
}

// Missed records a gold cable that has no report: all its positions are missed.
func (s *Stances) Missed(g *StanceGold) {
	s.Cables++
	seen := map[triple]bool{}
	for _, gs := range g.Stances {
		seen[triple{"g:" + NormTitle(gs.Section), summarizer.ActorMatchKey(gs.Actor, gs.Affiliation), strings.ToLower(gs.Label)}] = true
	}
	s.Gold += len(seen)
	s.diff("%s: no report", g.ID)
}

// Result returns the figures.
func (s *Stances) Result() StanceResult {
	p := ratio(s.TP, s.Produced)
	if s.Produced == 0 && s.Gold > 0 {
		p = 0
	}
	r := ratio(s.TP, s.Gold)
	if s.Gold == 0 && s.Produced > 0 {
		r = 0
	}
	return StanceResult{
		Cables: s.Cables, Precision: p, Recall: r, F1: f1(p, r),
		LabelAccuracy: ratio(s.LabelOK, s.LabelPairs), Flips: s.Flips,
		Grounded: ratio(s.Grounded, s.Quotes), Unsupported: float64(s.Unsupported) / float64(max(s.Summaries, 1)),
		TP: s.TP, Produced: s.Produced, Gold: s.Gold,
	}
}

func (s *Stances) diff(format string, args ...any) {
	s.Diffs = append(s.Diffs, fmt.Sprintf(format, args...))
}

// goldSection returns the section key of a gold stance in report r (see Stances).
func goldSection(gs *GoldStance, r *summarizer.Report) string {
	for _, n := range gs.Paragraphs {
		for i, sec := range r.Sections {
			if slices.Contains(sec.Paragraphs, n) {
				return fmt.Sprintf("r%d", i)
			}
		}
	}
	name := NormTitle(gs.Section)
	kind := map[string]string{
		"summary": summarizer.KindSummary, "preamble": summarizer.KindPreamble,
		"body": summarizer.KindBody, "comment": summarizer.KindComment,
	}[name]
	for i, sec := range r.Sections {
		if sec.Title != "" && NormTitle(sec.Title) == name {
			return fmt.Sprintf("r%d", i)
		}
	}
	for i, sec := range r.Sections {
		if kind != "" && sec.Kind == kind {
			return fmt.Sprintf("r%d", i)
		}
	}
	return "g:" + name
}

func sectionName(r *summarizer.Report, key string) string {
	var i int
	if _, err := fmt.Sscanf(key, "r%d", &i); err == nil && i >= 0 && i < len(r.Sections) {
		return summarizer.TopicName(r.Sections[i])
	}
	return strings.TrimPrefix(key, "g:")
}

func sortedTriples[V any](m map[triple]V) []triple {
	out := make([]triple, 0, len(m))
	for t := range m {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b triple) int {
		return strings.Compare(a.section+"\x00"+a.actor+"\x00"+a.label, b.section+"\x00"+b.actor+"\x00"+b.label)
	})
	return out
}

func sortedPairs[V any](m map[pair]V) []pair {
	out := make([]pair, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b pair) int {
		return strings.Compare(a.section+"\x00"+a.actor, b.section+"\x00"+b.actor)
	})
	return out
}
