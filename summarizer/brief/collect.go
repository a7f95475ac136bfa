package brief

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/compare"
	"github.com/cablebrief/summarize/summarizer/offline"
)

// Defaults for Options fields left zero.
const (
	DefaultTop        = 12 // topics shown
	DefaultSentences  = 5  // sentences of a topic's synthesis
	DefaultBottomLine = 3  // sentences of the bottom line
	DefaultPositions  = 30 // positions shown per topic, besides the flagged ones
)

// Options tune a Collector. The zero value selects everything with the defaults.
type Options struct {
	// Filter selects the cables (Cables, From, To), and the material and stances
	// (Topics, Actors), as compare.Filter selects a comparison's stances. It should be
	// valid (compare.Filter.Validate).
	Filter compare.Filter
	// Aliases map names to canonical names, as compare.Options.Aliases.
	Aliases map[string]string
	// Top is the most topics shown, those in the most cables; 0: DefaultTop; < 0: all.
	Top int
	// Sentences is the most sentences of a topic's synthesis; 0: DefaultSentences.
	Sentences int
	// BottomLine is the most sentences of the bottom line; 0: DefaultBottomLine.
	BottomLine int
	// Positions is the most positions shown per topic besides the flagged ones, which are
	// always shown; 0: DefaultPositions; < 0: all.
	Positions int
}

func (o Options) withDefaults() Options {
	if o.Top == 0 {
		o.Top = DefaultTop
	}
	if o.Sentences <= 0 {
		o.Sentences = DefaultSentences
	}
	if o.BottomLine <= 0 {
		o.BottomLine = DefaultBottomLine
	}
	if o.Positions == 0 {
		o.Positions = DefaultPositions
	}
	return o
}

// Collector takes reports one at a time and keeps only what a briefing needs: of each
// selected cable its id, date, origin and subject; per topic the material (the
// sentences of section summaries and key points with their citations); the stances,
// in a compare.Builder; the failed sections. Never a paragraph's text nor a whole
// report: memory grows with the summaries and stances selected, not with the reports
// read. Use NewCollector; a Collector is not safe for concurrent use.
type Collector struct {
	o        Options
	cmp      *compare.Builder
	seen     map[string]bool
	cables   []CableRef
	topics   map[string]*topicAcc
	leftOut  LeftOut
	warnings []string
	read     int
}

// MaxMaterial bounds the material kept per topic, so that memory stays flat however many
// reports are read: when a topic's material reaches twice this, it is thinned to this,
// evenly over time (see topicAcc.thin), and what was left out is counted in
// LeftOut.Thinned.
const MaxMaterial = 4000

// topicAcc is what a Collector keeps of one topic.
type topicAcc struct {
	key      string
	names    map[string]int // display names, by the material items named so
	cables   map[string]bool
	material []Material
	thinned  int
}

// thin keeps every other item of the material in date order, so that every period keeps
// its share.
func (t *topicAcc) thin() {
	slices.SortStableFunc(t.material, func(a, b Material) int { return compare.CmpCable(a.Date, a.Cable, b.Date, b.Cable) })
	kept := t.material[:0]
	for i, m := range t.material {
		if i%2 == 0 {
			kept = append(kept, m)
		}
	}
	t.thinned += len(t.material) - len(kept)
	clear(t.material[len(kept):])
	t.material = kept
}

// NewCollector returns an empty Collector.
func NewCollector(o Options) *Collector {
	o = o.withDefaults()
	return &Collector{
		o:      o,
		cmp:    compare.NewBuilder(compare.Options{Aliases: o.Aliases, Filter: o.Filter}),
		seen:   map[string]bool{},
		topics: map[string]*topicAcc{},
	}
}

func (c *Collector) warn(format string, args ...any) {
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
}

// Add takes one report and reports whether the briefing draws on it. A nil report, one
// without a cable id and a second report of one cable are skipped with a warning; a
// cable the filter's cables and dates leave out is counted in LeftOut.NotSelected; a
// cable with nothing on the filter's topics and actors is listed in
// LeftOut.CablesWithoutTopic.
//
// Of each section with a summary, the sentences of the summary (split by
// offline.Sentences) and the key points become material: each goes to the topic
// compare.TopicOf gives it (a SUMMARY sentence to the topic it names), and is attributed
// to the paragraphs of its section it is drawn from (see DrawnFrom); a sentence drawn
// from none is counted in LeftOut.Unattributed and not used. With Filter.Actors, a
// sentence is material when its section holds a stance of one of the actors or it names
// one. A failed section is listed in LeftOut.FailedSections.
func (c *Collector) Add(r *summarizer.Report) bool {
	c.read++
	switch {
	case r == nil || r.Cable == nil || r.Cable.ID == "":
		c.warn("report %d has no cable id; skipped", c.read)
		return false
	case c.seen[r.Cable.ID]:
		c.warn("%s appears more than once; the first report is used", r.Cable.ID)
		return false
	}
	c.seen[r.Cable.ID] = true
	cb := r.Cable
	date := compare.CableDate(cb)
	f := c.o.Filter
	if !f.MatchCable(cb.ID, date) {
		c.leftOut.NotSelected++
		return false
	}
	hasStances := c.cmp.Add(r)
	texts := make(map[int]string, len(cb.Paragraphs))
	for _, p := range cb.Paragraphs {
		texts[p.Number] = p.Text
	}
	kept := false
	var failed []FailedSection
	for _, sec := range r.Sections {
		title := summarizer.TopicName(sec)
		if sec.Error != "" {
			failed = append(failed, FailedSection{Cable: cb.ID, Section: title, Error: sec.Error})
			continue
		}
		actorSection := len(f.Actors) == 0 || slices.ContainsFunc(sec.Stances, func(st summarizer.Stance) bool {
			return f.MatchActor(c.names(st.Actor), st.Affiliation)
		})
		var at *attributor
		for _, t := range materialTexts(sec) {
			ref := compare.TopicOf(title, t, cb)
			if !f.MatchTopic(ref, title) || !actorSection && !f.MatchActor([]string{t}, "") {
				continue
			}
			if at == nil {
				paras := make([]summarizer.Paragraph, 0, len(sec.Paragraphs))
				for _, n := range sec.Paragraphs {
					paras = append(paras, summarizer.Paragraph{Number: n, Text: texts[n]})
				}
				at = newAttributor(paras)
			}
			nums := at.attribute(t)
			if len(nums) == 0 {
				c.leftOut.Unattributed++
				continue
			}
			cites := make([]Citation, len(nums))
			for i, n := range nums {
				cites[i] = Citation{Cable: cb.ID, Paragraph: n}
			}
			acc := c.topic(ref)
			acc.names[ref.Name]++
			acc.cables[cb.ID] = true
			acc.material = append(acc.material, Material{Text: t, Citations: cites, Cable: cb.ID, Date: date, Origin: cb.Origin, Section: title})
			if len(acc.material) >= 2*MaxMaterial {
				acc.thin()
			}
			kept = true
		}
	}
	filtered := len(f.Topics) > 0 || len(f.Actors) > 0
	if !kept && !hasStances && filtered {
		c.leftOut.CablesWithoutTopic = append(c.leftOut.CablesWithoutTopic, cb.ID)
		return false
	}
	c.leftOut.FailedSections = append(c.leftOut.FailedSections, failed...)
	c.cables = append(c.cables, CableRef{ID: cb.ID, Date: date, Origin: cb.Origin, Subject: cb.Subject})
	return true
}

// names is an actor's name and the canonical name the aliases give it, for the filter.
func (c *Collector) names(actor string) []string {
	names := []string{actor}
	for k, v := range c.o.Aliases {
		if strings.EqualFold(strings.Join(strings.Fields(k), " "), strings.Join(strings.Fields(actor), " ")) {
			names = append(names, v)
		}
	}
	return names
}

func (c *Collector) topic(ref compare.TopicRef) *topicAcc {
	acc := c.topics[ref.Key]
	if acc == nil {
		acc = &topicAcc{key: ref.Key, names: map[string]int{}, cables: map[string]bool{}}
		c.topics[ref.Key] = acc
	}
	return acc
}

// materialTexts returns the sentences of a section's summary and its key points, each
// on one line, without repeats and without sentences of fewer than three words.
func materialTexts(sec summarizer.SectionReport) []string {
	var out []string
	seen := map[string]bool{}
	add := func(text string) {
		for _, s := range offline.Sentences(text) {
			s = strings.Join(strings.Fields(s), " ")
			if len(strings.Fields(s)) < 3 || seen[fold(s)] || strings.HasPrefix(s, "Participants:") {
				continue
			}
			seen[fold(s)] = true
			out = append(out, s)
		}
	}
	add(sec.Summary)
	for _, k := range sec.KeyPoints {
		add(k)
	}
	return out
}

// Draft is the plan of a briefing: the selection, the topics to write in the order
// shown with their material and positions, and what was left out. Compose writes it.
type Draft struct {
	Options   Options
	Selection Selection
	Topics    []DraftTopic
	LeftOut   LeftOut
	Warnings  []string
}

// DraftTopic is one topic to write.
type DraftTopic struct {
	Input            TopicInput
	Cables           []string // date order
	Positions        []compare.Row
	PositionsOmitted int
}

// Draft merges what was added: it builds the comparison, merges its topics with the
// material's by key, ranks the topics (in the most cables first, "Other" last, then by
// key), keeps Options.Top of them, and orders each topic's material and positions by
// date. The Collector must not be used afterwards.
func (c *Collector) Draft() *Draft {
	cmpn := c.cmp.Comparison()
	d := &Draft{Options: c.o, LeftOut: c.leftOut, Warnings: append(c.warnings, cmpn.Warnings...)}
	if !c.o.Filter.IsZero() {
		f := c.o.Filter
		d.Selection.Filter = &f
	}
	slices.SortStableFunc(c.cables, func(a, b CableRef) int { return compare.CmpCable(a.Date, a.ID, b.Date, b.ID) })
	d.Selection.Cables = c.cables
	d.Selection.Reports = c.read
	dateOf := map[string]string{}
	posts := map[string]int{}
	for _, cb := range c.cables {
		dateOf[cb.ID] = cb.Date
		if cb.Date != "" && (d.Selection.From == "" || compare.CmpCable(cb.Date, "", d.Selection.From, "") < 0) {
			d.Selection.From = cb.Date
		}
		if cb.Date != "" && (d.Selection.To == "" || compare.CmpCable(cb.Date, "", d.Selection.To, "") > 0) {
			d.Selection.To = cb.Date
		}
		if cb.Origin != "" {
			posts[cb.Origin]++
		}
	}
	for p := range posts {
		d.Selection.Posts = append(d.Selection.Posts, p)
	}
	slices.SortFunc(d.Selection.Posts, func(a, b string) int { return cmp.Or(posts[b]-posts[a], strings.Compare(a, b)) })

	// Topics: the material's and the comparison's, merged by key.
	keyOf := map[string]string{}
	actorCables := map[string]int{}
	for _, t := range cmpn.Topics {
		keyOf[t.Name] = t.Key
		c.topic(compare.TopicRef{Key: t.Key, Name: t.Name}).names[t.Name] += 0
	}
	for _, a := range cmpn.Actors {
		actorCables[a.Name+"\x00"+a.Affiliation] = a.Cables
	}
	rows := map[string][]compare.Row{}
	for _, r := range cmpn.Rows {
		k := keyOf[r.Topic]
		rows[k] = append(rows[k], r)
		c.topics[k].cables[r.CableID] = true
	}
	cmpNames := map[string]string{}
	for _, t := range cmpn.Topics {
		cmpNames[t.Key] = t.Name
	}
	accs := make([]*topicAcc, 0, len(c.topics))
	for _, acc := range c.topics {
		accs = append(accs, acc)
	}
	slices.SortFunc(accs, func(a, b *topicAcc) int {
		if (a.key == "other") != (b.key == "other") {
			if a.key == "other" {
				return 1
			}
			return -1
		}
		return cmp.Or(len(b.cables)-len(a.cables), strings.Compare(a.key, b.key))
	})
	for i, acc := range accs {
		name := cmpNames[acc.key]
		if name == "" {
			name = topName(acc.names)
		}
		if c.o.Top > 0 && i >= c.o.Top {
			d.LeftOut.Topics = append(d.LeftOut.Topics, OmittedTopic{Name: name, Cables: len(acc.cables)})
			continue
		}
		slices.SortStableFunc(acc.material, func(a, b Material) int { return compare.CmpCable(a.Date, a.Cable, b.Date, b.Cable) })
		if acc.thinned > 0 {
			d.LeftOut.Thinned = append(d.LeftOut.Thinned, OmittedTopic{Name: name, Cables: acc.thinned})
		}
		dt := DraftTopic{Input: TopicInput{Key: acc.key, Name: name, Material: acc.material, Sentences: c.o.Sentences}}
		for id := range acc.cables {
			dt.Cables = append(dt.Cables, id)
		}
		slices.SortFunc(dt.Cables, func(a, b string) int { return compare.CmpCable(dateOf[a], a, dateOf[b], b) })
		dt.Positions, dt.PositionsOmitted = shownPositions(rows[acc.key], c.o.Positions, actorCables)
		d.Topics = append(d.Topics, dt)
	}
	c.topics = nil
	return d
}

// shownPositions orders rows by date, then actor, and keeps every flagged row and, of
// the others, limit (all when < 0): those of the actors found in the most cables, then
// the latest.
func shownPositions(rows []compare.Row, limit int, actorCables map[string]int) ([]compare.Row, int) {
	byDate := func(a, b compare.Row) int {
		return cmp.Or(compare.CmpCable(a.Date, a.CableID, b.Date, b.CableID), strings.Compare(a.Actor, b.Actor))
	}
	if limit < 0 || len(rows) <= limit {
		slices.SortStableFunc(rows, byDate)
		return rows, 0
	}
	var flagged, rest []compare.Row
	for _, r := range rows {
		if len(r.Flags) > 0 {
			flagged = append(flagged, r)
		} else {
			rest = append(rest, r)
		}
	}
	slices.SortStableFunc(rest, func(a, b compare.Row) int {
		return cmp.Or(actorCables[b.Actor+"\x00"+b.Affiliation]-actorCables[a.Actor+"\x00"+a.Affiliation], -byDate(a, b))
	})
	kept := min(limit, len(rest))
	out := append(flagged, rest[:kept]...)
	slices.SortStableFunc(out, byDate)
	return out, len(rest) - kept
}

// topName is the name given most often, then the first in byte order.
func topName(names map[string]int) string {
	best := ""
	for n, k := range names {
		if best == "" || k > names[best] || k == names[best] && n < best {
			best = n
		}
	}
	if best == "" {
		return "Other"
	}
	return best
}
