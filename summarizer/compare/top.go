package compare

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Thresholds of what a person is shown.
const (
	// LargeComparison is the number of cables from which ForReading keeps the top
	// DefaultTop actors and topics unless told otherwise.
	LargeComparison = 100
	// DefaultTop is the number of topics, and of actors on each, that ForReading keeps of
	// a large comparison.
	DefaultTop = 10
)

// Omitted says what Top left out of a comparison, and what the whole held.
type Omitted struct {
	Top            int `json:"top"`            // the N of Top
	Cables         int `json:"cables"`         // cables none of whose rows were kept
	Actors         int `json:"actors"`         // actors none of whose rows were kept
	Topics         int `json:"topics"`         // topics left out
	Rows           int `json:"rows"`           // rows left out
	Changes        int `json:"changes"`        // of them, rows flagged FlagChanged
	Contradictions int `json:"contradictions"` // and rows flagged FlagContradiction
	// Flagged are the rows left out that carry a flag, so that every change and
	// contradiction can still be listed.
	Flagged []Row `json:"flagged"`
	// Total counts the whole comparison, before Top, and From and To are its date range.
	Total    Stats  `json:"total"`
	From, To string `json:"-"`
}

// Top returns the part of c a person can read at once: the n topics found in the most
// cables (c.Topics order: "Other" last) and, on each, the n actors found in the most
// cables on it (then with the most rows, then in c.Actors order), with their rows; the
// actors, topics and cables of those rows, in c's order; and Omitted saying what was left
// out, with the flagged rows left out. Flags are those of the whole comparison. Top(0) or less, or an n that leaves
// nothing out, returns c itself.
func (c *Comparison) Top(n int) *Comparison {
	if n <= 0 {
		return c
	}
	topicKept := map[string]bool{}
	for i, t := range c.Topics {
		if i < n {
			topicKept[t.Name] = true
		}
	}
	actorRank := map[string]int{}
	for i, a := range c.Actors {
		actorRank[a.Name+"\x00"+a.Affiliation] = i
	}
	type tally struct {
		actor        string
		cables, rows int
		lastCable    string
		rank         int
	}
	byTopic := map[string]map[string]*tally{}
	for _, r := range c.Rows {
		if !topicKept[r.Topic] {
			continue
		}
		k := r.Actor + "\x00" + r.Affiliation
		if byTopic[r.Topic] == nil {
			byTopic[r.Topic] = map[string]*tally{}
		}
		t := byTopic[r.Topic][k]
		if t == nil {
			t = &tally{actor: k, rank: actorRank[k]}
			byTopic[r.Topic][k] = t
		}
		t.rows++
		if t.lastCable != r.CableID {
			t.cables++
			t.lastCable = r.CableID
		}
	}
	kept := map[string]bool{} // topic + actor
	for topic, m := range byTopic {
		ts := make([]*tally, 0, len(m))
		for _, t := range m {
			ts = append(ts, t)
		}
		slices.SortFunc(ts, func(a, b *tally) int {
			return cmp.Or(cmp.Compare(b.cables, a.cables), cmp.Compare(b.rows, a.rows), cmp.Compare(a.rank, b.rank))
		})
		for _, t := range ts[:min(n, len(ts))] {
			kept[topic+"\x00"+t.actor] = true
		}
	}
	out := &Comparison{Warnings: c.Warnings, Filter: c.Filter}
	om := &Omitted{Top: n, Total: c.Stats()}
	om.From, om.To = c.dateRange()
	actors, topics, cables := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, r := range c.Rows {
		k := r.Actor + "\x00" + r.Affiliation
		if !kept[r.Topic+"\x00"+k] {
			om.Rows++
			if slices.Contains(r.Flags, FlagChanged) {
				om.Changes++
			}
			if slices.Contains(r.Flags, FlagContradiction) {
				om.Contradictions++
			}
			if len(r.Flags) > 0 {
				om.Flagged = append(om.Flagged, r)
			}
			continue
		}
		out.Rows = append(out.Rows, r)
		actors[k], topics[r.Topic], cables[r.CableID] = true, true, true
	}
	if om.Rows == 0 {
		return c
	}
	for _, a := range c.Actors {
		if actors[a.Name+"\x00"+a.Affiliation] {
			out.Actors = append(out.Actors, a)
		}
	}
	for _, t := range c.Topics {
		if topics[t.Name] {
			out.Topics = append(out.Topics, t)
		}
	}
	for _, cb := range c.Cables {
		if cables[cb.ID] {
			out.Cables = append(out.Cables, cb)
		}
	}
	om.Flagged = nonNil(om.Flagged)
	om.Actors = len(c.Actors) - len(out.Actors)
	om.Topics = len(c.Topics) - len(out.Topics)
	om.Cables = len(c.Cables) - len(out.Cables)
	out.Omitted = om
	out.Actors, out.Topics, out.Cables, out.Rows = nonNil(out.Actors), nonNil(out.Topics), nonNil(out.Cables), nonNil(out.Rows)
	return out
}

// ForReading returns what a person should be shown of c: c.Top(top) when top > 0; c
// itself when top is 0; and, when top is below 0 (not given), c.Top(DefaultTop) for a
// comparison of LargeComparison cables or more, else c.
func (c *Comparison) ForReading(top int) *Comparison {
	switch {
	case top > 0:
		return c.Top(top)
	case top == 0 || len(c.Cables) < LargeComparison:
		return c
	}
	return c.Top(DefaultTop)
}

// Formats are the formats Write writes.
var Formats = []string{"markdown", "html", "csv", "json"}

// Write writes c to w in format, one of Formats, as the summarize command does: for
// markdown and html, what ForReading(top) keeps, for a person; for csv and json, which
// programs read, c.Top(top) when top is above 0, else every row.
func Write(w io.Writer, c *Comparison, format string, top int) error {
	switch format {
	case "markdown":
		return c.ForReading(top).WriteMarkdown(w)
	case "html":
		return c.ForReading(top).WriteHTML(w)
	case "csv":
		return c.Top(top).WriteCSV(w)
	case "json":
		return c.Top(top).WriteJSON(w)
	}
	return fmt.Errorf("write comparison: format %q is not one of %s", format, strings.Join(Formats, ", "))
}
