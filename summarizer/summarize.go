package summarizer

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// ErrorCancelled is the Error of a section that a cancelled run left unfinished.
const ErrorCancelled = "cancelled"

// Summarizer turns parsed cables into reports with an Engine. The zero value is not
// usable: Engine is required. A Summarizer is safe for concurrent use when its Engine is.
type Summarizer struct {
	Engine Engine
	// Labels is the stance label set; DefaultLabels when empty.
	Labels []string
	// Concurrency bounds the sections of one cable sent to the engine at once; 1 when < 1.
	Concurrency int
	// SectionDone, when set, is called after each section finishes (for progress). It may
	// be called from several goroutines at once.
	SectionDone func()
}

// Summarize sends every section of c to the engine, validates and grounds each answer,
// checks its summary and key points against the cable's text (Checker), asks for the
// overview and checks it likewise, and merges the result into a Report. Unsupported
// claims are listed in the section's and the overview's Unsupported and named in the
// report's Warnings; they fail nothing.
//
// A section whose engine call fails, or whose answer is invalid, is kept in the report
// with its Error set; the other sections are unaffected. When ctx is cancelled, Summarize
// returns the report with what finished (unfinished sections carry ErrorCancelled)
// together with ctx.Err().
func (s *Summarizer) Summarize(ctx context.Context, c *Cable) (*Report, error) {
	labels := s.Labels
	if len(labels) == 0 {
		labels = DefaultLabels
	}
	n := s.Concurrency
	if n < 1 {
		n = 1
	}
	r := &Report{
		SchemaVersion: SchemaVersion,
		Cable:         c,
		Sections:      make([]SectionReport, len(c.Sections)),
		Engine:        s.Engine.Info(),
		Warnings:      append([]string(nil), c.Warnings...),
	}
	usages := make([]Usage, len(c.Sections))
	check := NewChecker(c)
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, sec := range c.Sections {
		r.Sections[i] = SectionReport{
			Title: sec.Title, Kind: sec.Kind, Paragraphs: sec.Paragraphs,
			KeyPoints: []string{}, Stances: []Stance{}, Unsupported: []string{},
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				r.Sections[i].Error = ErrorCancelled
				return
			}
			if ctx.Err() != nil {
				r.Sections[i].Error = ErrorCancelled
				return
			}
			in := SectionInput{Cable: c, Index: i, Section: sec, Paragraphs: c.SectionParagraphs(sec), Labels: labels}
			r.Sections[i], usages[i] = s.section(ctx, in, r.Sections[i])
			if sr := &r.Sections[i]; sr.Error == "" {
				sr.Unsupported = check.Section(i, sr.Summary, sr.KeyPoints)
			}
			if s.SectionDone != nil {
				s.SectionDone()
			}
		}()
	}
	wg.Wait()
	for _, u := range usages {
		r.Usage.Add(u)
	}
	if err := ctx.Err(); err != nil {
		r.Positions = Positions(r.Sections)
		return r, err
	}

	ov, u, err := s.Engine.Overview(ctx, OverviewInput{Cable: c, Sections: r.Sections})
	r.Usage.Add(u)
	if err != nil {
		if ctx.Err() != nil {
			r.Positions = Positions(r.Sections)
			return r, ctx.Err()
		}
		r.Warnings = append(r.Warnings, "overview: "+err.Error())
	}
	if ov.KeyPoints == nil {
		ov.KeyPoints = []string{}
	}
	ov.Unsupported = check.Overview(ov.BottomLine, ov.KeyPoints)
	r.Overview = ov
	r.Engine = s.Engine.Info() // after the calls: the structured-output rung actually used
	r.Positions = Positions(r.Sections)
	if u := r.Overview.Unsupported; len(u) > 0 {
		r.Warnings = append(r.Warnings, "overview: not in the cable: "+strings.Join(u, ", "))
	}
	for i, sr := range r.Sections {
		if sr.Ungrounded > 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("section %d (%s): %d quote(s) not found in their paragraph", i+1, sectionName(sr), sr.Ungrounded))
		}
		if len(sr.Unsupported) > 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("section %d (%s): not in the text: %s", i+1, sectionName(sr), strings.Join(sr.Unsupported, ", ")))
		}
		if sr.Error != "" {
			r.Warnings = append(r.Warnings, fmt.Sprintf("section %d (%s) failed: %s", i+1, sectionName(sr), sr.Error))
		}
	}
	return r, nil
}

// section runs the engine on one section and checks its answer.
func (s *Summarizer) section(ctx context.Context, in SectionInput, out SectionReport) (SectionReport, Usage) {
	res, u, err := s.Engine.SummarizeSection(ctx, in)
	if err != nil {
		if ctx.Err() != nil {
			out.Error = ErrorCancelled
		} else {
			out.Error = err.Error()
		}
		return out, u
	}
	if err := Validate(res, in); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			out.Error = ve.Error()
		} else {
			out.Error = err.Error()
		}
		return out, u
	}
	problems := Ground(&res, in)
	out.Summary = strings.TrimSpace(res.Summary)
	if res.KeyPoints != nil {
		out.KeyPoints = res.KeyPoints
	}
	if res.Stances != nil {
		out.Stances = res.Stances
	}
	out.Ungrounded = len(problems)
	return out, u
}

func sectionName(sr SectionReport) string {
	if sr.Title != "" {
		return sr.Title
	}
	return sr.Kind
}

// TopicName is the column name of a section in the positions matrix: its title, or its
// kind capitalised for sections without one ("Summary", "Preamble").
func TopicName(sr SectionReport) string {
	if sr.Title != "" {
		return sr.Title
	}
	if sr.Kind == "" {
		return "Body"
	}
	return strings.ToUpper(sr.Kind[:1]) + sr.Kind[1:]
}

// Positions computes the actor × topic matrix from the section stances: actors are merged
// by ActorKey and affiliation across the sections; in each section an actor's label is the
// one they took most often (the first on a tie), with Mixed set when they took several.
// Failed sections contribute nothing. Rows come in order of the actor's first appearance,
// then section order.
func Positions(sections []SectionReport) []Position {
	idx := NewActorIndex()
	type cell struct {
		group   *ActorGroup
		section int
		stances []Stance
	}
	var cells []*cell
	byKey := map[*ActorGroup]map[int]*cell{}
	for si, sr := range sections {
		if sr.Error != "" {
			continue
		}
		for _, st := range sr.Stances {
			g := idx.Add(st.Actor, st.Affiliation)
			if byKey[g] == nil {
				byKey[g] = map[int]*cell{}
			}
			c := byKey[g][si]
			if c == nil {
				c = &cell{group: g, section: si}
				byKey[g][si] = c
				cells = append(cells, c)
			}
			c.stances = append(c.stances, st)
		}
	}
	order := map[*ActorGroup]int{}
	for i, g := range idx.Groups() {
		order[g] = i
	}
	sort.SliceStable(cells, func(i, j int) bool {
		if order[cells[i].group] != order[cells[j].group] {
			return order[cells[i].group] < order[cells[j].group]
		}
		return cells[i].section < cells[j].section
	})
	out := make([]Position, 0, len(cells))
	for _, c := range cells {
		counts := map[string]int{}
		best := ""
		for _, st := range c.stances {
			counts[st.Label]++
			if best == "" || counts[st.Label] > counts[best] {
				best = st.Label
			}
		}
		var chosen Stance
		var ev []Evidence
		for _, st := range c.stances {
			if st.Label == best && chosen.Label == "" {
				chosen = st
			}
			if st.Label == best {
				ev = append(ev, st.Evidence...)
			}
		}
		aliases := c.group.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		out = append(out, Position{
			Actor: c.group.Name, Aliases: aliases, Affiliation: c.group.Affiliation,
			Topic: TopicName(sections[c.section]), Section: c.section,
			Label: best, Target: chosen.Target, Voice: chosen.Voice, Evidence: ev,
			Mixed: len(counts) > 1,
		})
	}
	return out
}
