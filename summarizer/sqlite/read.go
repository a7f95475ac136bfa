package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// Query narrows the reports read back. The zero value selects everything. It narrows
// generously: callers apply their own exact rules (compare.Filter) to what comes back.
type Query struct {
	// Cables selects these cable ids; all when empty.
	Cables []string
	// From and To bound the date, inclusive (YYYY-MM-DD); cables without a date are kept,
	// for the caller to judge (a year may come from the id).
	From, To string
	// Actors, only with Stances: a stance is selected when its actor_key is one of
	// ActorKeys or its actor name contains, ignoring case, one of ActorNames. Both empty:
	// every actor.
	ActorKeys, ActorNames []string
}

// where returns the SQL conditions on cables c for q, and their arguments.
func (q Query) where() (string, []any) {
	var conds []string
	var args []any
	if len(q.Cables) > 0 {
		conds = append(conds, "c.id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(q.Cables)), ",")+")")
		for _, id := range q.Cables {
			args = append(args, id)
		}
	}
	if q.From != "" {
		conds = append(conds, "(c.date IS NULL OR c.date >= ?)")
		args = append(args, q.From)
	}
	if q.To != "" {
		conds = append(conds, "(c.date IS NULL OR c.date <= ?)")
		args = append(args, q.To)
	}
	return strings.Join(conds, " AND "), args
}

// Reports calls fn with every stored report that q's cables, from and to select (the
// actors are ignored), whole: metadata, paragraphs, sections, stances with evidence,
// and the positions recomputed. Reports come in date order, then by id; one is in memory
// at a time. An error from fn stops the walk and is returned.
func (s *Store) Reports(ctx context.Context, q Query, fn func(*summarizer.Report) error) error {
	if err := s.Flush(); err != nil {
		return err
	}
	where, args := q.where()
	if where != "" {
		where = "WHERE " + where
	}
	rows, err := s.db.QueryContext(ctx, "SELECT c.id FROM cables c "+where+" ORDER BY c.date, c.id", args...)
	if err != nil {
		return fmt.Errorf("read reports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("read reports: %w", err)
		}
		r, err := s.Report(ctx, id)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Report reads the whole stored report of cable id; sql.ErrNoRows (wrapped) when there is
// none.
func (s *Store) Report(ctx context.Context, id string) (*summarizer.Report, error) {
	if err := s.Flush(); err != nil {
		return nil, err
	}
	r := &summarizer.Report{SchemaVersion: summarizer.SchemaVersion}
	c := &summarizer.Cable{ID: id}
	var date, dtg, origin, class, subject, signer, classBy, source sql.NullString
	var caveats, tags, refs, hdr, keyPoints, unsupported, warnings, usage, engine string
	err := s.db.QueryRowContext(ctx, `SELECT date, dtg, origin, classification, caveats, subject, tags, refs, signer,
		classified_by, source, header, numbered, total_sections, bottom_line, key_points, unsupported, warnings, usage, engine
		FROM cables WHERE id = ?`, id).Scan(&date, &dtg, &origin, &class, &caveats, &subject, &tags, &refs, &signer,
		&classBy, &source, &hdr, &c.Numbered, &c.TotalSections, &r.Overview.BottomLine, &keyPoints, &unsupported, &warnings, &usage, &engine)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", id, err)
	}
	c.Date, c.DTG, c.Origin, c.Classification = date.String, dtg.String, origin.String, class.String
	c.Subject, c.Signer, c.ClassifiedBy, c.Source = subject.String, signer.String, classBy.String, source.String
	c.Tags = strings.Fields(tags)
	var h header
	for _, j := range []struct {
		text string
		v    any
	}{{caveats, &c.Caveats}, {refs, &c.References}, {hdr, &h}, {keyPoints, &r.Overview.KeyPoints}, {unsupported, &r.Overview.Unsupported},
		{warnings, &r.Warnings}, {usage, &r.Usage}, {engine, &r.Engine}} {
		if err := json.Unmarshal([]byte(j.text), j.v); err != nil {
			return nil, fmt.Errorf("read %s: %w", id, err)
		}
	}
	c.To, c.Info, c.EO, c.DeclassifyOn, c.Reasons = h.To, h.Info, h.EO, h.DeclassifyOn, h.Reasons
	c.Summary, c.Participants, c.Warnings = h.Summary, h.Participants, h.Warnings
	if err := s.paragraphs(ctx, c); err != nil {
		return nil, err
	}
	sections, sectionIDs, err := s.sections(ctx, c)
	if err != nil {
		return nil, err
	}
	r.Cable, r.Sections = c, sections
	if err := s.stances(ctx, id, sectionIDs, r.Sections); err != nil {
		return nil, err
	}
	r.Positions = summarizer.Positions(r.Sections)
	return r, nil
}

func (s *Store) paragraphs(ctx context.Context, c *summarizer.Cable) error {
	rows, err := s.db.QueryContext(ctx, `SELECT number, marking, text FROM paragraphs WHERE cable_id = ? ORDER BY number`, c.ID)
	if err != nil {
		return fmt.Errorf("read %s: %w", c.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p summarizer.Paragraph
		if err := rows.Scan(&p.Number, &p.Marking, &p.Text); err != nil {
			return fmt.Errorf("read %s: %w", c.ID, err)
		}
		c.Paragraphs = append(c.Paragraphs, p)
	}
	return rows.Err()
}

// sections reads the sections of c, into c.Sections (the parse's view) and the report's
// section list; it returns the section rows' ids by position.
func (s *Store) sections(ctx context.Context, c *summarizer.Cable) ([]summarizer.SectionReport, map[int64]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, idx, title, kind, style, paragraphs, summary, key_points, unsupported,
		ungrounded, error FROM sections WHERE cable_id = ? ORDER BY idx`, c.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", c.ID, err)
	}
	defer rows.Close()
	var out []summarizer.SectionReport
	ids := map[int64]int{}
	for rows.Next() {
		var id int64
		var idx int
		var style, paras, keyPoints, unsupported string
		sr := summarizer.SectionReport{Stances: []summarizer.Stance{}}
		if err := rows.Scan(&id, &idx, &sr.Title, &sr.Kind, &style, &paras, &sr.Summary, &keyPoints, &unsupported,
			&sr.Ungrounded, &sr.Error); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", c.ID, err)
		}
		for _, j := range []struct {
			text string
			v    any
		}{{paras, &sr.Paragraphs}, {keyPoints, &sr.KeyPoints}, {unsupported, &sr.Unsupported}} {
			if err := json.Unmarshal([]byte(j.text), j.v); err != nil {
				return nil, nil, fmt.Errorf("read %s: %w", c.ID, err)
			}
		}
		ids[id] = len(out)
		out = append(out, sr)
		c.Sections = append(c.Sections, summarizer.Section{Title: sr.Title, Kind: sr.Kind, Style: style, Paragraphs: sr.Paragraphs})
	}
	return out, ids, rows.Err()
}

// stances reads the stances of cable id, with their evidence, into their sections.
func (s *Store) stances(ctx context.Context, id string, sectionIDs map[int64]int, sections []summarizer.SectionReport) error {
	rows, err := s.db.QueryContext(ctx, `SELECT s.section_id, s.actor, s.affiliation, s.target, s.label, s.voice,
		(SELECT json_group_array(json_object('paragraph', e.paragraph, 'quote', e.quote, 'grounded', json(CASE WHEN e.grounded THEN 'true' ELSE 'false' END)))
		 FROM evidence e WHERE e.stance_id = s.id)
		FROM stances s WHERE s.cable_id = ? ORDER BY s.section_id, s.idx`, id)
	if err != nil {
		return fmt.Errorf("read %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sid int64
		var ev string
		var st summarizer.Stance
		if err := rows.Scan(&sid, &st.Actor, &st.Affiliation, &st.Target, &st.Label, &st.Voice, &ev); err != nil {
			return fmt.Errorf("read %s: %w", id, err)
		}
		if err := json.Unmarshal([]byte(ev), &st.Evidence); err != nil {
			return fmt.Errorf("read %s: %w", id, err)
		}
		if i, ok := sectionIDs[sid]; ok {
			sections[i].Stances = append(sections[i].Stances, st)
		}
	}
	return rows.Err()
}

// Stances calls fn once per cable that has stances matching q, with a partial report: the
// cable's metadata (no paragraphs), and only the sections with matching stances, holding
// only those stances, with their evidence and the positions recomputed. It is one query
// over the indexes, so a filtered comparison over a whole release does not read every
// report. Cables come in date order, then by id.
func (s *Store) Stances(ctx context.Context, q Query, fn func(*summarizer.Report) error) error {
	if err := s.Flush(); err != nil {
		return err
	}
	where, args := q.where()
	conds := []string{}
	if where != "" {
		conds = append(conds, where)
	}
	var actor []string
	for _, k := range q.ActorKeys {
		actor = append(actor, "s.actor_key = ?")
		args = append(args, k)
	}
	for _, n := range q.ActorNames {
		actor = append(actor, `lower(s.actor) LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(strings.ToLower(n))+"%")
	}
	if len(actor) > 0 {
		conds = append(conds, "("+strings.Join(actor, " OR ")+")")
	}
	sqlWhere := ""
	if len(conds) > 0 {
		sqlWhere = "WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.date, c.dtg, c.origin, c.classification, c.subject, c.tags,
		x.idx, x.title, x.kind, x.paragraphs, x.error, s.actor, s.affiliation, s.target, s.label, s.voice,
		(SELECT json_group_array(json_object('paragraph', e.paragraph, 'quote', e.quote, 'grounded', json(CASE WHEN e.grounded THEN 'true' ELSE 'false' END)))
		 FROM evidence e WHERE e.stance_id = s.id)
		FROM stances s JOIN sections x ON x.id = s.section_id JOIN cables c ON c.id = s.cable_id
		`+sqlWhere+` ORDER BY c.date, c.id, x.idx, s.idx`, args...)
	if err != nil {
		return fmt.Errorf("read stances: %w", err)
	}
	defer rows.Close()
	var cur *summarizer.Report
	secIdx := map[int]int{} // section position in the cable -> index in cur.Sections
	flush := func() error {
		if cur == nil {
			return nil
		}
		cur.Positions = summarizer.Positions(cur.Sections)
		r := cur
		cur = nil
		return fn(r)
	}
	for rows.Next() {
		var id string
		var date, dtg, origin, class, subject sql.NullString
		var tags, title, kind, paras, secErr, ev string
		var idx int
		var st summarizer.Stance
		if err := rows.Scan(&id, &date, &dtg, &origin, &class, &subject, &tags, &idx, &title, &kind, &paras, &secErr,
			&st.Actor, &st.Affiliation, &st.Target, &st.Label, &st.Voice, &ev); err != nil {
			return fmt.Errorf("read stances: %w", err)
		}
		if cur == nil || cur.Cable.ID != id {
			if err := flush(); err != nil {
				return err
			}
			cur = &summarizer.Report{SchemaVersion: summarizer.SchemaVersion, Cable: &summarizer.Cable{
				ID: id, Date: date.String, DTG: dtg.String, Origin: origin.String, Classification: class.String,
				Subject: subject.String, Tags: strings.Fields(tags),
			}}
			secIdx = map[int]int{}
		}
		if err := json.Unmarshal([]byte(ev), &st.Evidence); err != nil {
			return fmt.Errorf("read stances of %s: %w", id, err)
		}
		i, ok := secIdx[idx]
		if !ok {
			sr := summarizer.SectionReport{Title: title, Kind: kind, Error: secErr, Stances: []summarizer.Stance{}}
			if err := json.Unmarshal([]byte(paras), &sr.Paragraphs); err != nil {
				return fmt.Errorf("read stances of %s: %w", id, err)
			}
			i = len(cur.Sections)
			secIdx[idx] = i
			cur.Sections = append(cur.Sections, sr)
		}
		cur.Sections[i].Stances = append(cur.Sections[i].Stances, st)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read stances: %w", err)
	}
	return flush()
}

// likeEscape escapes the LIKE wildcards of s with a backslash.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
