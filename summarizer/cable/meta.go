package cable

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/cable/source"
)

// applyMeta merges the release's own metadata of a CSV or TSV row into a parsed cable.
// The release's refid, date and classification win over what the text's header says,
// with a warning where the two disagree (a finer classification of the release, such as
// UNCLASSIFIED//FOR OFFICIAL USE ONLY for the header's UNCLASSIFIED, is no disagreement).
// The origin keeps the header's FM line ("AMEMBASSY KIEV", the form Cable.Origin
// documents) and takes the release's column ("Embassy Kyiv") only when the header has
// none; a different post is warned about. A column that is empty leaves the header's
// value. References are the union of the REF block and the column.
func applyMeta(c *summarizer.Cable, m *source.Meta) {
	if m == nil {
		return
	}
	warn := func(field, col, text string) {
		c.Warnings = append(c.Warnings, fmt.Sprintf("the release says %s %s, the cable's header %s; using the release's", field, col, text))
	}
	if m.RefID != "" {
		if c.ID != "" && !strings.EqualFold(c.ID, m.RefID) {
			warn("reference id", m.RefID, c.ID)
		}
		c.ID = m.RefID
	}
	if m.Date != "" {
		if c.Date != "" && c.Date != m.Date {
			warn("date", m.Date, c.Date)
		}
		c.Date = m.Date
	}
	if level, caveats := splitClassification(m.Classification); level != "" {
		if c.Classification != "" && c.Classification != level && !strings.HasPrefix(level, c.Classification+"//") {
			warn("classification", level, c.Classification)
		}
		c.Classification = level
		for _, cv := range caveats {
			if !slices.Contains(c.Caveats, cv) {
				c.Caveats = append(c.Caveats, cv)
			}
		}
	}
	if m.Origin != "" {
		switch {
		case c.Origin == "":
			c.Origin = m.Origin
		case !samePost(c.Origin, m.Origin):
			c.Warnings = append(c.Warnings, fmt.Sprintf("the release says origin %s, the cable's FM line %s", m.Origin, c.Origin))
		}
	}
	have := map[string]bool{}
	for _, r := range c.References {
		if r.ID != "" {
			have[strings.ToUpper(r.ID)] = true
		}
	}
	for _, id := range m.References {
		if !have[strings.ToUpper(id)] {
			c.References = append(c.References, summarizer.Reference{ID: id, Text: id})
			have[strings.ToUpper(id)] = true
		}
	}
}

// splitClassification reads the release's classification column: a level
// ("CONFIDENTIAL", "UNCLASSIFIED//FOR OFFICIAL USE ONLY") and the caveats after "//"
// ("SECRET//NOFORN").
func splitClassification(s string) (level string, caveats []string) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	if strings.HasPrefix(s, "UNCLASSIFIED//FOR OFFICIAL USE ONLY") {
		return "UNCLASSIFIED//FOR OFFICIAL USE ONLY", nil
	}
	parts := strings.Split(s, "//")
	for _, p := range parts[1:] {
		if p = strings.TrimSpace(p); p != "" {
			caveats = append(caveats, p)
		}
	}
	return strings.TrimSpace(parts[0]), caveats
}

// samePost reports whether two ways of naming an origin name one post: the same place
// after the kind of post is dropped ("AMEMBASSY BUENOS AIRES", "Embassy Buenos Aires"), or
// the same last word ("AMCONSUL DUBAI", "Iran RPO Dubai").
func samePost(a, b string) bool {
	if postKey(a) == postKey(b) {
		return true
	}
	fa, fb := strings.Fields(strings.ToUpper(a)), strings.Fields(strings.ToUpper(b))
	return len(fa) > 0 && len(fb) > 0 && fa[len(fa)-1] == fb[len(fb)-1]
}

// postPrefixes are the words that name the kind of post rather than the place, in the
// FM line ("AMEMBASSY PARIS") and in the release's origin column ("Embassy Paris").
var postPrefixes = []string{
	"AMEMBASSY", "AMCONSUL", "AMCONGEN", "USMISSION", "USDEL", "USLO", "USOFFICE", "AMERICAN EMBASSY",
	"EMBASSY", "CONSULATE GENERAL", "CONSULATE", "MISSION", "US MISSION", "U.S. MISSION", "US DELEGATION",
}

// postKey reduces an origin to the letters of its place, so that the FM line and the
// release's column compare: "AMEMBASSY BUENOS AIRES" and "Embassy Buenos Aires" give
// "BUENOSAIRES"; "SECSTATE WASHDC" and "Secretary of State" give "STATE".
func postKey(origin string) string {
	u := strings.ToUpper(strings.TrimSpace(origin))
	if strings.HasPrefix(u, "SECSTATE") || strings.HasPrefix(u, "SECRETARY OF STATE") {
		return "STATE"
	}
	for _, p := range postPrefixes {
		if rest, ok := strings.CutPrefix(u, p+" "); ok {
			u = rest
			break
		}
	}
	var b strings.Builder
	for _, r := range u {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
