package summarizer

import (
	"regexp"
	"strings"
)

// This file applies the faithfulness check to a cable's report: each section's summary
// and key points against the section's text and the cable's header, the overview against
// the whole cable. See Unsupported and Support for what counts as a claim and as support.

// HeaderTexts returns the parts of c's header that a summary may name without the body
// naming them: the subject, origin, addressees, participants, tags, classified-by line,
// signer, the post in the cable's id ("PARIS" in 07PARIS2726), the date and date-time
// group, and the text of the SUMMARY block, which the engines see as context. Empty
// fields are left out.
func HeaderTexts(c *Cable) []string {
	if c == nil {
		return nil
	}
	var out []string
	add := func(ss ...string) {
		for _, s := range ss {
			if strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
	}
	add(c.Subject, c.Origin, c.ClassifiedBy, c.Signer, idPost(c.ID), c.Date, c.DTG, c.Summary)
	add(c.To...)
	add(c.Info...)
	add(c.Participants...)
	if len(c.Tags) > 0 {
		add(strings.Join(c.Tags, " "))
	}
	return out
}

// cableID matches a cable's id and captures its post: "07PARIS2726" has "PARIS".
var cableID = regexp.MustCompile(`^\d{2}([A-Z]+)\d+$`)

func idPost(id string) string {
	if m := cableID.FindStringSubmatch(id); m != nil {
		return m[1]
	}
	return ""
}

// SectionSupport returns the Support of the section at index i of c: its title, its
// paragraphs and the cable's header (HeaderTexts).
func SectionSupport(c *Cable, i int) *Support {
	var texts []string
	if c != nil && i >= 0 && i < len(c.Sections) {
		sec := c.Sections[i]
		texts = append(texts, sec.Title)
		for _, p := range c.SectionParagraphs(sec) {
			texts = append(texts, p.Text)
		}
	}
	return NewSupport(append(texts, HeaderTexts(c)...)...)
}

// CableSupport returns the Support of the whole cable: its header (HeaderTexts), its
// section titles and every paragraph.
func CableSupport(c *Cable) *Support {
	texts := HeaderTexts(c)
	if c != nil {
		for _, s := range c.Sections {
			texts = append(texts, s.Title)
		}
		for _, p := range c.Paragraphs {
			texts = append(texts, p.Text)
		}
	}
	return NewSupport(texts...)
}

// claimText joins a summary and its key points, a blank line between them, so that each
// starts a sentence.
func claimText(summary string, keyPoints []string) string {
	return strings.Join(append([]string{summary}, keyPoints...), "\n\n")
}

// Checker checks the summaries of one cable against its text. A section's summary is
// checked against the section and the cable's header (SectionSupport); what they do not
// support is then looked for in the rest of the cable, and only what the whole cable does
// not support is reported. A name from another section is not invented, only out of
// place, and flagging it would cry wolf: a model that calls "the Presidency" "the Elysee",
// or "Khartoum" "Sudan", names what the cable names elsewhere.
//
// A Checker is safe for concurrent use. The zero value is not usable; use NewChecker.
type Checker struct {
	cable *Cable
	whole *Support
}

// NewChecker indexes the whole of c (CableSupport) for checking its summaries.
func NewChecker(c *Cable) *Checker {
	return &Checker{cable: c, whole: CableSupport(c)}
}

// Section returns what a summary and key points of the section at index i claim that the
// cable does not support, as Unsupported does; [] when nothing.
func (k *Checker) Section(i int, summary string, keyPoints []string) []string {
	out := []string{}
	if strings.TrimSpace(summary) == "" && len(keyPoints) == 0 {
		return out
	}
	text := claimText(summary, keyPoints)
	sec := SectionSupport(k.cable, i)
	seen := map[string]bool{}
	for _, c := range extractClaims(text) {
		if sec.supports(c) || k.whole.supports(c) || seen[foldString(c.text)] {
			continue
		}
		seen[foldString(c.text)] = true
		out = append(out, c.text)
	}
	return out
}

// Overview returns what a bottom line and key points claim that the cable does not
// support; [] when nothing.
func (k *Checker) Overview(bottomLine string, keyPoints []string) []string {
	if strings.TrimSpace(bottomLine) == "" && len(keyPoints) == 0 {
		return []string{}
	}
	if u := k.whole.Unsupported(claimText(bottomLine, keyPoints)); u != nil {
		return u
	}
	return []string{}
}

// UnsupportedCount returns the number of unsupported claims in r and the number of its
// summaries (sections, and the overview) that have any.
func UnsupportedCount(r *Report) (claims, summaries int) {
	if r == nil {
		return 0, 0
	}
	if n := len(r.Overview.Unsupported); n > 0 {
		claims, summaries = n, 1
	}
	for _, s := range r.Sections {
		if n := len(s.Unsupported); n > 0 {
			claims += n
			summaries++
		}
	}
	return claims, summaries
}
