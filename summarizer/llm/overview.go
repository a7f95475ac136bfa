package llm

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cablebrief/summarize/prompts"
	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/chat"
)

// ErrNoSummaries is returned by Overview, without a call, when no section has a summary.
var ErrNoSummaries = errors.New("no section summaries to write an overview from")

type overviewRequest struct {
	system string
	schema *chat.Schema
}

func (e *Engine) overviewSystem() (overviewRequest, error) {
	compact, indented, err := schemaJSON(overviewAnswer{}, nil)
	if err != nil {
		return overviewRequest{}, err
	}
	sys, err := e.prompts.OverviewSystem(prompts.OverviewSystem{Schema: indented})
	if err != nil {
		return overviewRequest{}, err
	}
	return overviewRequest{system: sys, schema: &chat.Schema{Name: OverviewSchemaName, Schema: compact}}, nil
}

// Overview asks the model for the cable's bottom line and key points from the section
// summaries (failed sections are listed as such), with the re-asks described on Options.
// It returns ErrNoSummaries, without a call, when no section succeeded; otherwise the
// error wraps the chat layer's error or says what was wrong with the last answer.
func (e *Engine) Overview(ctx context.Context, in summarizer.OverviewInput) (summarizer.Overview, summarizer.Usage, error) {
	var u summarizer.Usage
	n := prompts.Neutralize
	d := prompts.Overview{}
	if in.Cable != nil {
		d.CableID, d.Subject, d.Date, d.Origin = n(in.Cable.ID), n(in.Cable.Subject), n(in.Cable.Date), n(in.Cable.Origin)
	}
	ok := false
	for _, s := range in.Sections {
		os := prompts.OverviewSection{Title: n(s.Title), Kind: s.Kind}
		if s.Error != "" || strings.TrimSpace(s.Summary) == "" {
			os.Failed = true
		} else {
			ok = true
			os.Summary = n(strings.TrimSpace(s.Summary))
			for _, k := range s.KeyPoints {
				os.KeyPoints = append(os.KeyPoints, n(k))
			}
		}
		d.Sections = append(d.Sections, os)
	}
	if !ok {
		return summarizer.Overview{}, u, fmt.Errorf("overview: %w", ErrNoSummaries)
	}
	req, err := e.overviewSystem()
	if err != nil {
		return summarizer.Overview{}, u, fmt.Errorf("overview: %w", err)
	}
	user, err := e.prompts.Overview(d)
	if err != nil {
		return summarizer.Overview{}, u, fmt.Errorf("overview: %w", err)
	}
	keys := requiredKeys(overviewAnswer{})
	c := &conversation[summarizer.Overview]{
		e:      e,
		msgs:   []chat.Message{{Role: "system", Content: req.system}, {Role: "user", Content: user}},
		schema: req.schema,
		usage:  &u,
		check: func(content, finish string) verdict[summarizer.Overview] {
			var a overviewAnswer
			if ps, err := decode(content, finish, &a, keys); err != nil {
				return decodeVerdict[summarizer.Overview](ps, err)
			}
			ov := summarizer.Overview{BottomLine: strings.TrimSpace(a.BottomLine), KeyPoints: make([]string, 0, len(a.KeyPoints))}
			for _, k := range a.KeyPoints {
				ov.KeyPoints = append(ov.KeyPoints, strings.TrimSpace(k))
			}
			if err := validateOverview(ov); err != nil {
				var ve *summarizer.ValidationError
				errors.As(err, &ve)
				return verdict[summarizer.Overview]{err: err, problems: problemLines(ve.Problems)}
			}
			return verdict[summarizer.Overview]{val: ov, valid: true}
		},
	}
	ov, err := c.run(ctx)
	if err != nil {
		return summarizer.Overview{}, u, fmt.Errorf("overview: %w", err)
	}
	return ov, u, nil
}

// validateOverview checks an overview: a bottom line and non-empty key points. It
// returns nil or a *summarizer.ValidationError.
func validateOverview(ov summarizer.Overview) error {
	var ps []summarizer.Problem
	if ov.BottomLine == "" {
		ps = append(ps, summarizer.Problem{Path: "$.bottom_line", Reason: "required: one or two sentences"})
	}
	for i, k := range ov.KeyPoints {
		if k == "" {
			ps = append(ps, summarizer.Problem{Path: fmt.Sprintf("$.key_points[%d]", i), Reason: "empty key point"})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return &summarizer.ValidationError{Problems: ps}
}
