package compare

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// mention is one actor's stances on one topic in one section of one cable, before
// merging: a position of the report, or the part of it on one topic when the section's
// stances name several (a SUMMARY section).
type mention struct {
	names       []string // as in the report: the actor, then its other names in the cable
	affiliation string
	title       string   // section title, or TopicName for untitled sections
	topic       TopicRef // see TopicOf
	label       string   // the label the report's position chose, if the mention has it
	items       []item   // the stances, in the order of the report
	join        string   // the full name a bare name joins, or "" (see resolveNames)
	nameScope   string   // the scope resolveNames puts the mention's actor in
}

// evidence returns the evidence of every stance of m.
func (m *mention) evidence() []summarizer.Evidence {
	var out []summarizer.Evidence
	for _, it := range m.items {
		out = append(out, it.evidence...)
	}
	return out
}

// item is one stance behind a mention.
type item struct {
	label, target, voice, section string
	evidence                      []summarizer.Evidence
}

type cellKey struct {
	actor *summarizer.ActorGroup
	topic string
	cable int
}

type matrixCell struct {
	key      cellKey
	items    []item
	chosen   []string // the labels the positions behind the cell chose
	sections []string
}

type topicAcc struct {
	key     string
	tagName string
	titles  map[string]int
	order   []string
	cables  map[int]bool
}

// cableRec is what a Builder keeps of one report.
type cableRec struct {
	cable Cable
	ms    []*mention  // the mentions the filter selected
	infos []*nameInfo // what their names say, aligned with ms
	fulls []*nameInfo // the full names of every mention of the report, selected or not
}

// Builder builds a Comparison from reports given one at a time. Of each report it keeps
// only what the comparison shows: the cable's id, date, origin, subject and tags, and
// each selected stance's actor names, affiliation, section title, label, target, voice
// and evidence; never the paragraphs. Memory grows with the stances selected, not with
// the reports read. Use NewBuilder; a Builder is not safe for concurrent use.
type Builder struct {
	b      *builder
	filter Filter
	n      int // reports given
	seen   map[string]bool
	recs   []*cableRec
}

// NewBuilder returns an empty Builder. o.Filter should be valid (Filter.Validate).
func NewBuilder(o Options) *Builder {
	return &Builder{b: newBuilder(o), filter: o.Filter, seen: map[string]bool{}}
}

// Add takes one report and reports whether the comparison keeps anything of it. A nil
// report, a report without a cable or a cable id, and a second report of the same cable
// are skipped with a warning (numbering reports from 1 in the order given); a cable
// that the filter's cables and dates do not select is skipped silently, and so is one
// none of whose stances the filter's actors and topics select (without actors and
// topics to filter, a cable is kept even when it has no stance).
//
// Each position of a report (for a report without positions, summarizer.Positions of its
// sections) becomes part of one row per topic its stances are on. Its actor is first
// mapped through the aliases, then merged with the actors of other cables that share its
// summarizer.ActorKey and have the same or an empty affiliation. Its topic is TopicOf
// each stance's section title and target.
func (b *Builder) Add(r *summarizer.Report) bool {
	b.n++
	switch {
	case r == nil || r.Cable == nil:
		b.b.warn("report %d has no cable; skipped", b.n)
		return false
	case r.Cable.ID == "":
		b.b.warn("report %d has a cable without an id; skipped", b.n)
		return false
	case b.seen[r.Cable.ID]:
		b.b.warn("%s appears more than once; the first report is used", r.Cable.ID)
		return false
	}
	b.seen[r.Cable.ID] = true
	c := r.Cable
	date := cableDate(c)
	if !b.filter.MatchCable(c.ID, date) {
		return false
	}
	ms := mentions(r, b.b)
	infos := b.b.nameInfos(r, ms)
	rec := &cableRec{cable: Cable{ID: c.ID, Date: date, Origin: c.Origin, Subject: c.Subject, Tags: nonNil(slices.Clone(c.Tags))}}
	for j, m := range ms {
		if in := infos[j]; in != nil && in.full != "" {
			rec.fulls = append(rec.fulls, in)
		}
		names := m.names
		if canon, aliased := b.b.canonical(m.names); aliased {
			names = append([]string{canon}, names...)
		}
		if b.filter.MatchActor(names, m.affiliation) && b.filter.MatchTopic(m.topic, m.title) {
			rec.ms = append(rec.ms, m)
			rec.infos = append(rec.infos, infos[j])
		}
	}
	if len(rec.ms) == 0 && (len(b.filter.Actors) > 0 || len(b.filter.Topics) > 0) {
		return false
	}
	b.recs = append(b.recs, rec)
	return true
}

// Comparison merges what was added into a Comparison, with the cables in date order
// (then id), whatever the order they were added in. The Builder must not be used
// afterwards.
func (b *Builder) Comparison() *Comparison {
	recs := b.recs
	b.recs = nil
	slices.SortStableFunc(recs, func(a, c *cableRec) int {
		return CmpCable(a.cable.Date, a.cable.ID, c.cable.Date, c.cable.ID)
	})
	b.b.resolveNames(recs)
	for _, rec := range recs {
		b.b.add(rec)
	}
	c := b.b.finish()
	if !b.filter.IsZero() {
		f := b.filter
		c.Filter = &f
	}
	return c
}

type builder struct {
	aliases  map[string]string
	idx      map[string]*summarizer.ActorIndex                  // by scope: see (*builder).scope
	groups   []*summarizer.ActorGroup                           // every group of every index, in order of first mention
	scopeOf  map[*summarizer.ActorGroup]string                  // the scope of the group's index
	names    map[*summarizer.ActorGroup]map[string]int          // name → mentions it headed; 0 for names only seen as aliases
	aliased  map[*summarizer.ActorGroup]string                  // the canonical name from Options.Aliases, if any
	affs     map[*summarizer.ActorGroup]map[string]map[int]bool // affiliation → cables it was given in
	cables   []Cable
	topics   map[string]*topicAcc
	cells    map[cellKey]*matrixCell
	order    []*matrixCell
	warnings []string
}

func newBuilder(o Options) *builder {
	b := &builder{
		aliases: map[string]string{},
		idx:     map[string]*summarizer.ActorIndex{},
		scopeOf: map[*summarizer.ActorGroup]string{},
		names:   map[*summarizer.ActorGroup]map[string]int{},
		aliased: map[*summarizer.ActorGroup]string{},
		affs:    map[*summarizer.ActorGroup]map[string]map[int]bool{},
		topics:  map[string]*topicAcc{},
		cells:   map[cellKey]*matrixCell{},
	}
	for k, v := range o.Aliases {
		if k, v = aliasKey(k), collapse(v); k != "" && v != "" {
			b.aliases[k] = v
		}
	}
	return b
}

func (b *builder) warn(format string, args ...any) {
	b.warnings = append(b.warnings, fmt.Sprintf(format, args...))
}

func aliasKey(name string) string { return strings.ToLower(collapse(name)) }

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// canonical returns the name the actor goes by across cables and whether it comes from
// the aliases: the alias target of the first of its names that has one, else its first
// name.
func (b *builder) canonical(names []string) (string, bool) {
	for _, n := range names {
		if c, ok := b.aliases[aliasKey(n)]; ok {
			return c, true
		}
	}
	return collapse(names[0]), false
}

// displayName picks the name a merged actor is shown under: the canonical name from the
// aliases if there is one; else the name with the fewest title and country words ("Kouchner"
// before "French FM Kouchner"), then the one heading the most positions, then the longest
// ("Bernard Kouchner" before "Kouchner"), then the first in byte order.
func displayName(names map[string]int, aliased string) string {
	if aliased != "" {
		return aliased
	}
	best, bestNoise := "", 0
	for n, count := range names {
		noise := titleWordCount(n)
		switch {
		case best == "",
			noise < bestNoise,
			noise == bestNoise && count > names[best],
			noise == bestNoise && count == names[best] && len(n) > len(best),
			noise == bestNoise && count == names[best] && len(n) == len(best) && n < best:
			best, bestNoise = n, noise
		}
	}
	return best
}

// countryName is the name of the country key c of summarizer.CountryActor, capitalised:
// "united states" gives "United States".
func countryName(c string) string {
	ws := strings.Fields(c)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

// fullDisplayName is the name an actor that resolveNames told apart by given names is
// shown under: the full name among names ("Maria Alonso", not "Alonso") heading the most
// positions, then the longest, then the first in byte order; else name.
func fullDisplayName(names map[string]int, key, name string) string {
	best := ""
	for n, count := range names {
		if full, _ := fullName(n, key); full == "" {
			continue
		}
		switch {
		case best == "", count > names[best],
			count == names[best] && len(n) > len(best),
			count == names[best] && len(n) == len(best) && n < best:
			best = n
		}
	}
	if best == "" {
		return name
	}
	return best
}

// isRole reports whether name names an office rather than a person or a country: its key
// is one of postWords ("Post"), or every word of it is a title ("the Ambassador",
// "the Foreign Minister") and its key is not a country. The same role in cables from different posts is different people, so
// Build merges roles only within one origin.
func isRole(name string) bool {
	words := strings.Fields(name)
	key := summarizer.ActorKey(name)
	if postWords[key] {
		return true
	}
	for _, w := range strings.Fields(key) {
		if postWords[w] || institutionWords[w] {
			return true // "the Foreign Ministry", "Embassy Madrid"
		}
	}
	if len(words) == 0 || titleWordCount(name) < len(words) {
		return false
	}
	for _, t := range tagTopics {
		if slices.Contains(t.Keywords, key) || strings.EqualFold(t.Name, key) {
			return false
		}
	}
	switch key {
	case "us", "u.s", "usg", "united states", "un", "eu":
		return false
	}
	return true
}

// postWords are keys that name a post or its staff, not a person, which ActorKey keeps
// as if they were surnames ("Post", "the Mission").
var postWords = map[string]bool{
	"post": true, "mission": true, "embassy": true, "consulate": true, "poloff": true,
	"econoff": true, "emboff": true, "polcouns": true, "we": true,
}

// institutionWords make a key an institution's, which is as local as a role.
var institutionWords = map[string]bool{"ministry": true, "mfa": true, "government": true, "parliament": true}

// postOfID is the post of a cable id, for cables whose origin is missing: "07MADRID911"
// gives "AMEMBASSY MADRID" (any post reads as an embassy, which only scopes roles).
func postOfID(id string) string {
	i := 0
	for i < len(id) && id[i] >= '0' && id[i] <= '9' {
		i++
	}
	j := len(id)
	for j > i && id[j-1] >= '0' && id[j-1] <= '9' {
		j--
	}
	if i >= j {
		return ""
	}
	return "AMEMBASSY " + id[i:j]
}

// place is the short name of an origin: "AMEMBASSY PARIS" gives "Paris".
func place(origin string) string {
	words := strings.Fields(origin)
	if len(words) > 1 {
		if first := strings.ToUpper(words[0]); strings.HasPrefix(first, "AM") || strings.HasPrefix(first, "US") {
			words = words[1:] // AMEMBASSY, AMCONSUL, USMISSION
		}
	}
	for i, w := range words {
		if len(w) > 1 {
			words[i] = w[:1] + strings.ToLower(w[1:])
		}
	}
	return strings.Join(words, " ")
}

// titleWordCount counts the words of name that summarizer.ActorKey drops as titles,
// courtesy words, country adjectives or initials. A word is dropped when the key of a
// made-up surname followed by it is still that surname (a first name would become the
// key, as the last word kept).
func titleWordCount(name string) int {
	n := 0
	for _, w := range strings.Fields(name) {
		if summarizer.ActorKey("Qqqq "+w) == "qqqq" {
			n++
		}
	}
	return n
}

// add records the mentions of one cable; cables come in date order.
func (b *builder) add(rec *cableRec) {
	ci := len(b.cables)
	b.cables = append(b.cables, rec.cable)
	c := &summarizer.Cable{ID: rec.cable.ID, Origin: rec.cable.Origin}
	for _, m := range rec.ms {
		if strings.TrimSpace(m.names[0]) == "" {
			continue
		}
		canon, aliased := b.canonical(m.names)
		scope := b.scope(canon, aliased, m, c)
		x := b.idx[scope]
		if x == nil {
			x = summarizer.NewActorIndex()
			b.idx[scope] = x
		}
		added := canon
		if m.join != "" {
			added = m.join
		}
		g := x.Add(added, m.affiliation)
		if b.names[g] == nil {
			b.names[g] = map[string]int{}
			b.affs[g] = map[string]map[int]bool{}
			b.groups = append(b.groups, g)
			b.scopeOf[g] = scope
		}
		if b.affs[g][m.affiliation] == nil {
			b.affs[g][m.affiliation] = map[int]bool{}
		}
		b.affs[g][m.affiliation][ci] = true
		if aliased && b.aliased[g] == "" {
			b.aliased[g] = canon
		}
		if m.join != "" {
			b.names[g][m.join]++ // shown as much as the name it stands for
		}
		for i, n := range m.names {
			if n = collapse(n); n != "" {
				b.names[g][n] += 0
				if i == 0 {
					b.names[g][n]++
				}
			}
		}
		key := m.topic.Key
		t := b.topics[key]
		if t == nil {
			tagName := ""
			if strings.HasPrefix(key, "tag:") || key == "other" {
				tagName = m.topic.Name
			}
			t = &topicAcc{key: key, tagName: tagName, titles: map[string]int{}, cables: map[int]bool{}}
			b.topics[key] = t
		}
		if t.titles[m.title] == 0 {
			t.order = append(t.order, m.title)
		}
		t.titles[m.title]++
		t.cables[ci] = true

		k := cellKey{g, key, ci}
		cl := b.cells[k]
		if cl == nil {
			cl = &matrixCell{key: k}
			b.cells[k] = cl
			b.order = append(b.order, cl)
		}
		if m.label != "" && !slices.Contains(cl.chosen, m.label) {
			cl.chosen = append(cl.chosen, m.label)
		}
		if !slices.Contains(cl.sections, m.title) {
			cl.sections = append(cl.sections, m.title)
		}
		cl.items = append(cl.items, m.items...)
	}
}

// scope returns the scope m's actor is merged in: "cable:ID" for a redaction mask (a
// protected source is nobody else's), "" for a country (the same in every cable),
// "post:ORIGIN" for a role (the same role at two posts is two people), and for a person's
// name what resolveNames chose ("" unless the name is ambiguous).
func (b *builder) scope(canon string, aliased bool, m *mention, c *summarizer.Cable) string {
	switch {
	case summarizer.IsRedacted(canon):
		return "cable:" + c.ID
	case summarizer.CountryActor(canon, m.affiliation) != "":
		return ""
	case isRole(canon):
		if c.Origin != "" {
			return "post:" + c.Origin
		}
		if post := postOfID(c.ID); post != "" {
			return "post:" + post
		}
		return ""
	case aliased:
		return ""
	}
	return m.nameScope
}

// mentions lists the positions of r, each split by the topics of its stances: r's
// Positions, or, when it has none, summarizer.Positions of its sections. Failed sections
// contribute nothing.
func mentions(r *summarizer.Report, b *builder) []*mention {
	positions := r.Positions
	if len(positions) == 0 {
		positions = summarizer.Positions(r.Sections)
	}
	var out []*mention
	for _, p := range positions {
		names := append([]string{p.Actor}, p.Aliases...)
		// The stances behind the position: its section's stances by the same actor.
		var sts []summarizer.Stance
		if p.Section >= 0 && p.Section < len(r.Sections) && r.Sections[p.Section].Error == "" {
			canon, _ := b.canonical(names)
			key := summarizer.ActorKey(canon)
			for _, st := range r.Sections[p.Section].Stances {
				if sc, _ := b.canonical([]string{st.Actor}); summarizer.ActorKey(sc) == key && summarizer.AffiliationsCompatible(st.Affiliation, p.Affiliation) {
					sts = append(sts, st)
				}
			}
		}
		if !slices.ContainsFunc(sts, func(st summarizer.Stance) bool { return st.Label == p.Label }) {
			sts = append([]summarizer.Stance{{Actor: p.Actor, Affiliation: p.Affiliation, Target: p.Target, Label: p.Label, Voice: p.Voice, Evidence: p.Evidence}}, sts...)
		}
		byTopic := map[string]*mention{}
		for _, st := range sts {
			t := TopicOf(p.Topic, st.Target, r.Cable)
			m := byTopic[t.Key]
			if m == nil {
				m = &mention{names: names, affiliation: p.Affiliation, title: p.Topic, topic: t}
				byTopic[t.Key] = m
				out = append(out, m)
			}
			m.items = append(m.items, item{label: st.Label, target: st.Target, voice: st.Voice, section: p.Topic, evidence: st.Evidence})
			if st.Label == p.Label {
				m.label = p.Label
			}
		}
	}
	return out
}

// finish orders actors, topics and rows and sets the flags.
func (b *builder) finish() *Comparison {
	cmpn := &Comparison{Cables: nonNil(b.cables), Warnings: nonNil(b.warnings)}

	actorCables := map[*summarizer.ActorGroup]map[int]bool{}
	for _, cl := range b.order {
		g := cl.key.actor
		if actorCables[g] == nil {
			actorCables[g] = map[int]bool{}
		}
		actorCables[g][cl.key.cable] = true
	}
	actorOf := map[*summarizer.ActorGroup]*Actor{}
	var groups []*summarizer.ActorGroup
	for _, g := range b.groups {
		if actorCables[g] == nil {
			continue
		}
		scope := b.scopeOf[g]
		name := displayName(b.names[g], b.aliased[g])
		switch c, country := strings.CutPrefix(g.Key, "country:"); {
		case b.aliased[g] != "":
		case country:
			name = countryName(c) // "United States", not "Washington" or "USG"
		case strings.HasPrefix(scope, "name:"):
			name = fullDisplayName(b.names[g], g.Key, name)
		}
		var aliases []string
		for n := range b.names[g] {
			if n != name {
				aliases = append(aliases, n)
			}
		}
		sort.Strings(aliases)
		switch {
		case strings.HasPrefix(scope, "post:"):
			if p := place(strings.TrimPrefix(scope, "post:")); !strings.Contains(strings.ToLower(name), strings.ToLower(p)) {
				name += " (" + p + ")"
			}
		case strings.HasPrefix(scope, "cable:"):
			name += " (" + strings.TrimPrefix(scope, "cable:") + ")" // a protected source of one cable
		}
		actorOf[g] = &Actor{Name: name, Aliases: nonNil(aliases), Affiliation: affiliation(b.affs[g]), Key: g.Key, Cables: len(actorCables[g])}
		groups = append(groups, g)
	}
	// Two actors must not look the same, for the writers find rows by name and
	// affiliation: keep the merged affiliation where the shown one would make them so, and
	// number what is left alike.
	seenActor := map[string]int{}
	for _, g := range groups {
		seenActor[actorOf[g].Name+"\x00"+actorOf[g].Affiliation]++
	}
	for _, g := range groups {
		if a := actorOf[g]; seenActor[a.Name+"\x00"+a.Affiliation] > 1 {
			a.Affiliation = g.Affiliation
		}
	}
	shown := map[string]int{}
	for _, g := range groups {
		a := actorOf[g]
		k := a.Name + "\x00" + a.Affiliation
		if shown[k]++; shown[k] > 1 {
			a.Name = fmt.Sprintf("%s (%d)", a.Name, shown[k])
		}
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, c := actorOf[groups[i]], actorOf[groups[j]]
		if a.Cables != c.Cables {
			return a.Cables > c.Cables
		}
		return strings.ToLower(a.Name) < strings.ToLower(c.Name)
	})
	actorRank := map[*summarizer.ActorGroup]int{}
	for i, g := range groups {
		actorRank[g] = i
		cmpn.Actors = append(cmpn.Actors, *actorOf[g])
	}

	var topics []*topicAcc
	for _, t := range b.topics {
		topics = append(topics, t)
	}
	topicName := func(t *topicAcc) string {
		if t.tagName != "" {
			return t.tagName
		}
		best := t.order[0]
		for _, s := range t.order[1:] {
			if t.titles[s] > t.titles[best] {
				best = s
			}
		}
		return DisplayTitle(best)
	}
	sort.Slice(topics, func(i, j int) bool {
		a, c := topics[i], topics[j]
		if (a.key == "other") != (c.key == "other") {
			return c.key == "other" // "Other" always last
		}
		if len(a.cables) != len(c.cables) {
			return len(a.cables) > len(c.cables)
		}
		return a.key < c.key
	})
	topicActors := map[string]map[*summarizer.ActorGroup]bool{}
	for _, cl := range b.order {
		if topicActors[cl.key.topic] == nil {
			topicActors[cl.key.topic] = map[*summarizer.ActorGroup]bool{}
		}
		topicActors[cl.key.topic][cl.key.actor] = true
	}
	topicRank := map[string]int{}
	names := map[string]string{}
	for i, t := range topics {
		topicRank[t.key] = i
		names[t.key] = topicName(t)
		titles := append([]string(nil), t.order...)
		sort.Strings(titles)
		cmpn.Topics = append(cmpn.Topics, Topic{Name: names[t.key], Key: t.key, Titles: titles, Cables: len(t.cables), Actors: len(topicActors[t.key])})
	}

	cells := append([]*matrixCell(nil), b.order...)
	sort.SliceStable(cells, func(i, j int) bool {
		a, c := cells[i].key, cells[j].key
		if actorRank[a.actor] != actorRank[c.actor] {
			return actorRank[a.actor] < actorRank[c.actor]
		}
		if topicRank[a.topic] != topicRank[c.topic] {
			return topicRank[a.topic] < topicRank[c.topic]
		}
		return a.cable < c.cable
	})
	runStart := 0 // the first row of the current actor and topic
	for ci, cl := range cells {
		a := actorOf[cl.key.actor]
		cb := b.cables[cl.key.cable]
		if ci > 0 && (cells[ci-1].key.actor != cl.key.actor || cells[ci-1].key.topic != cl.key.topic) {
			b.flag(cmpn.Rows[runStart:], cells[ci-1].key.topic)
			runStart = len(cmpn.Rows)
		}
		row := newRow(cl)
		row.Actor, row.Aliases, row.Affiliation = a.Name, a.Aliases, a.Affiliation
		row.Topic, row.CableID, row.Date = names[cl.key.topic], cb.ID, cb.Date
		// The previous cable is the latest one strictly before this one: two cables of one
		// day are not a change over time.
		for i := len(cmpn.Rows) - 1; i >= runStart; i-- {
			if prev := cmpn.Rows[i]; later(prev.Date, row.Date) {
				row.Previous, row.PreviousCable = prev.Label, prev.CableID
				break
			}
		}
		cmpn.Rows = append(cmpn.Rows, row)
	}
	if len(cells) > 0 {
		b.flag(cmpn.Rows[runStart:], cells[len(cells)-1].key.topic)
	}
	cmpn.Actors = nonNil(cmpn.Actors)
	cmpn.Topics = nonNil(cmpn.Topics)
	cmpn.Rows = nonNil(cmpn.Rows)
	return cmpn
}

// newRow returns the row of cell cl without its actor, topic and cable: the label taken
// most often (the first on a tie) among those a position chose, so that target and voice
// come from a stance a position stands for; every label; every target.
func newRow(cl *matrixCell) Row {
	var order []string
	counts := map[string]int{}
	for _, it := range cl.items {
		if counts[it.label] == 0 {
			order = append(order, it.label)
		}
		counts[it.label]++
	}
	labels := slices.Clone(order)
	sort.SliceStable(labels, func(i, j int) bool { return counts[labels[i]] > counts[labels[j]] })
	for li, l := range labels {
		if slices.Contains(cl.chosen, l) {
			copy(labels[1:li+1], labels[:li])
			labels[0] = l
			break
		}
	}
	row := Row{Label: labels[0], Labels: labels, Flags: []string{}, Sections: cl.sections, Conflicts: []RowConflict{}}
	first := true
	for _, it := range cl.items {
		row.Targets = append(row.Targets, Target{Target: it.target, Label: it.label, Voice: it.voice, Section: it.section, Evidence: nonNil(it.evidence)})
		if it.label == row.Label {
			if first {
				row.Target, row.Voice, first = it.target, it.voice, false
			}
			row.Evidence = append(row.Evidence, it.evidence...)
		}
	}
	row.Evidence = nonNil(row.Evidence)
	return row
}

// flag applies Conflicts to rows, the rows of one actor on the topic with key topic in
// date order, and sets their Flags and Conflicts.
func (b *builder) flag(rows []Row, topic string) {
	var sts []Statement
	type at struct{ row, target int }
	var where []at
	for ri, r := range rows {
		for ti, t := range r.Targets {
			sts = append(sts, Statement{Cable: r.CableID, Date: r.Date, Label: t.Label, Target: t.Target})
			where = append(where, at{ri, ti})
		}
	}
	for _, c := range Conflicts(topic, sts) {
		w := where[c.Index]
		r := &rows[w.row]
		other := sts[c.Other]
		r.Conflicts = append(r.Conflicts, RowConflict{Kind: c.Kind, Target: w.target, OtherCable: other.Cable,
			OtherDate: other.Date, OtherLabel: other.Label, OtherTarget: other.Target})
		if !slices.Contains(r.Flags, c.Kind) {
			r.Flags = append(r.Flags, c.Kind)
		}
	}
	for i := range rows {
		// Changed first, as the flags have always been listed.
		slices.SortStableFunc(rows[i].Flags, func(a, c string) int { return strings.Compare(a, c) })
	}
}

// affiliation is the affiliation an actor is shown with, from the cables each affiliation
// was given in (the key "" for none): the one given, in any of its spellings ("USG",
// "United States"), in the most cables, the spelling given in the most cables, then the
// longest, then the first in byte order; unless it was given in one cable only and the actor went without
// one in two cables or more, so that one mention cannot label an actor named in a dozen
// cables ("United States" for President Saleh).
func affiliation(cables map[string]map[int]bool) string {
	var affs []string
	for a := range cables {
		if a != "" {
			affs = append(affs, a)
		}
	}
	sort.Strings(affs)
	// in[a] is the set of cables that gave a in any spelling.
	in := map[string]map[int]bool{}
	for _, a := range affs {
		in[a] = map[int]bool{}
		for _, o := range affs {
			if summarizer.AffiliationsCompatible(a, o) {
				for c := range cables[o] {
					in[a][c] = true
				}
			}
		}
	}
	best := ""
	for _, a := range affs {
		switch {
		case best == "", len(in[a]) > len(in[best]),
			len(in[a]) == len(in[best]) && len(cables[a]) > len(cables[best]),
			len(in[a]) == len(in[best]) && len(cables[a]) == len(cables[best]) && len(a) > len(best):
			best = a
		}
	}
	if best == "" {
		return ""
	}
	unknown := 0
	for c := range cables[""] {
		known := false
		for _, a := range affs {
			known = known || cables[a][c]
		}
		if !known {
			unknown++
		}
	}
	if len(in[best]) == 1 && unknown >= 2 {
		return ""
	}
	return best
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
