package summarizer

import (
	"regexp"
	"strings"
	"sync"
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

// claimText joins a summary and its key points, a blank line between them, so that each
// starts a sentence.
func claimText(summary string, keyPoints []string) string {
	return strings.Join(append([]string{summary}, keyPoints...), "\n\n")
}

// Checker checks the summaries of one cable against its text.
//
// A section's summary is checked against the section: its title, its paragraphs and
// the cable's header (HeaderTexts) for the numbers and dates it states; the names it
// states may come from anywhere in the cable. A name from another section is not
// invented, only out of place, and flagging it would cry wolf: a model that calls "the
// Presidency" "the Elysee", or "Khartoum" "Sudan", names what the cable names elsewhere.
// A number or a date from another section is a fact moved to where it does not belong.
// The overview is checked against the whole cable.
//
// A summary whose every sentence stands word for word in the text it is checked against
// (an extractive summary) claims nothing the text lacks; it is passed without building
// the index.
//
// A Checker is safe for concurrent use. The zero value is not usable; use NewChecker.
type Checker struct {
	cable     *Cable
	texts     []string // each section's title and paragraphs, white space collapsed
	wholeText string   // every paragraph, white space collapsed
	once      sync.Once
	whole     *Support   // every name, number and date of the cable
	sections  []*Support // the numbers and dates of each section, its title and the header
}

// NewChecker returns a checker of the summaries of c. The index of c's names, numbers and
// dates is built on first need.
func NewChecker(c *Cable) *Checker {
	k := &Checker{cable: c}
	if c == nil {
		return k
	}
	byNumber := make(map[int]string, len(c.Paragraphs))
	var all []string
	for _, p := range c.Paragraphs {
		t := strings.Join(strings.Fields(p.Text), " ")
		byNumber[p.Number] = t
		all = append(all, t)
	}
	for _, sec := range c.Sections {
		all = append(all, strings.Join(strings.Fields(sec.Title), " "))
	}
	k.wholeText = strings.Join(all, " \x00 ")
	for _, sec := range c.Sections {
		parts := []string{sec.Title}
		for _, n := range sec.Paragraphs {
			parts = append(parts, byNumber[n])
		}
		k.texts = append(k.texts, strings.Join(parts, " \x00 "))
	}
	return k
}

// index builds the support index of the cable: every paragraph, section title and header
// field once.
func (k *Checker) index() {
	k.once.Do(func() { k.whole, k.sections = buildIndex(k.cable) })
}

func buildIndex(c *Cable) (*Support, []*Support) {
	whole := newSupportBuilder()
	if c == nil {
		return whole.support(), nil
	}
	var header []quantities
	for _, h := range HeaderTexts(c) {
		toks := tokenize(h)
		q := quantitiesOf(toks)
		header = append(header, q)
		whole.names(toks)
		whole.add(q)
	}
	paras := make(map[int]quantities, len(c.Paragraphs))
	for _, p := range c.Paragraphs {
		toks := tokenize(p.Text)
		q := quantitiesOf(toks)
		paras[p.Number] = q
		whole.names(toks)
		whole.add(q)
	}
	var sections []*Support
	for _, sec := range c.Sections {
		title := tokenize(sec.Title)
		tq := quantitiesOf(title)
		whole.names(title)
		whole.add(tq)
		b := newSupportBuilder()
		b.add(tq)
		for _, n := range sec.Paragraphs {
			b.add(paras[n])
		}
		for _, h := range header {
			b.add(h)
		}
		sections = append(sections, b.support())
	}
	return whole.support(), sections
}

// verbatim reports whether every sentence of summary and of each key point stands word
// for word (white space collapsed) in src.
func verbatim(src, summary string, keyPoints []string) bool {
	for _, t := range append([]string{summary}, keyPoints...) {
		for _, sent := range sentencesOf(strings.Join(strings.Fields(t), " ")) {
			if !strings.Contains(src, strings.TrimRight(sent, ":;")) {
				return false
			}
		}
	}
	return true
}

// sentencesOf cuts collapsed text after each ". ", "? ", "! ", ": " and "; ", a closing
// quote or parenthesis after the mark included (a key point "TITLE: sentence" is a
// title and a sentence; a list "A; B" is two pieces).
func sentencesOf(t string) []string {
	var out []string
	start := 0
	for i := 0; i < len(t); i++ {
		if !strings.ContainsRune(".?!:;", rune(t[i])) {
			continue
		}
		j := i + 1
		for j < len(t) && (t[j] == '"' || t[j] == '\'' || t[j] == ')') {
			j++
		}
		if j < len(t) && t[j] == ' ' {
			out = append(out, t[start:j])
			start, i = j+1, j
		}
	}
	if start < len(t) {
		out = append(out, t[start:])
	}
	return out
}

// Section returns what a summary and key points of the section at index i claim that
// the section (numbers, dates) or the cable (names) does not support, as Unsupported
// does; [] when nothing. An index out of range is checked against the whole cable.
func (k *Checker) Section(i int, summary string, keyPoints []string) []string {
	if i >= 0 && i < len(k.texts) && verbatim(k.texts[i], summary, keyPoints) {
		return []string{}
	}
	k.index()
	quantities := k.whole
	if i >= 0 && i < len(k.sections) {
		quantities = k.sections[i]
	}
	return unsupported(claimText(summary, keyPoints), func(c claim) bool {
		if c.kind == claimName {
			return k.whole.supports(c)
		}
		return quantities.supports(c)
	})
}

// Overview returns what a bottom line and key points claim that the cable does not
// support; [] when nothing.
func (k *Checker) Overview(bottomLine string, keyPoints []string) []string {
	if verbatim(k.wholeText, bottomLine, keyPoints) {
		return []string{}
	}
	k.index()
	return unsupported(claimText(bottomLine, keyPoints), k.whole.supports)
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
