package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cablebrief/summarize/summarizer"
)

// outlineWords is how many words of a paragraph the outline shows.
const outlineWords = 12

// WriteOutline writes the plain-text outline of c that `summarize parse --format text`
// prints: the header metadata one field a line, then each section with its kind, heading
// style and paragraph numbers, and under it each paragraph's number, marking and first
// words. Fields the cable lacks are left out. It returns the first write error.
func WriteOutline(w io.Writer, c *summarizer.Cable) error {
	if c == nil {
		return fmt.Errorf("write outline: no cable")
	}
	bw := bufio.NewWriter(w)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(bw, "%-15s %s\n", name+":", oneLine(value))
		}
	}
	field("Cable", c.ID)
	field("Source", c.Source)
	cl := c.Classification
	if cl != "" && len(c.Caveats) > 0 {
		cl += "//" + strings.Join(c.Caveats, "/")
	}
	field("Classification", cl)
	field("From", c.Origin)
	field("To", strings.Join(c.To, "; "))
	field("Info", strings.Join(c.Info, "; "))
	field("DTG", c.DTG)
	field("Date", c.Date)
	if c.TotalSections > 1 {
		field("Parts", fmt.Sprint(c.TotalSections))
	}
	field("E.O.", c.EO)
	field("Declassify on", c.DeclassifyOn)
	field("Tags", strings.Join(c.Tags, " "))
	field("Subject", c.Subject)
	for i, r := range c.References {
		name := ""
		if i == 0 {
			name = "References"
		}
		ref := r.Text
		if r.Letter != "" {
			ref = r.Letter + ". " + ref
		}
		if name == "" {
			fmt.Fprintf(bw, "%-15s %s\n", "", oneLine(ref))
		} else {
			field(name, ref)
		}
	}
	field("Classified by", c.ClassifiedBy)
	field("Reasons", c.Reasons)
	field("Signer", c.Signer)
	if len(c.Participants) > 0 {
		field("Participants", fmt.Sprintf("%d listed", len(c.Participants)))
	}
	numbering := "numbered"
	if !c.Numbered {
		numbering = "unnumbered, counted"
	}
	fmt.Fprintf(bw, "%-15s %d (%s), %d sections\n", "Paragraphs:", len(c.Paragraphs), numbering, len(c.Sections))
	for _, wr := range c.Warnings {
		field("Warning", wr)
	}
	for i, s := range c.Sections {
		if s.Title == "" {
			fmt.Fprintf(bw, "\n%d. (%s) ¶%s\n", i+1, s.Kind, ParagraphRange(s.Paragraphs))
		} else {
			detail := s.Kind
			if s.Style != "" {
				detail += ", " + s.Style
			}
			fmt.Fprintf(bw, "\n%d. %s [%s] ¶%s\n", i+1, oneLine(s.Title), detail, ParagraphRange(s.Paragraphs))
		}
		for _, p := range c.SectionParagraphs(s) {
			mark := ""
			if p.Marking != "" {
				mark = "(" + p.Marking + ") "
			}
			fmt.Fprintf(bw, "   ¶%-3d %s%s\n", p.Number, mark, firstWords(p.Text, outlineWords))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write outline: %w", err)
	}
	return nil
}

// firstWords returns the first n words of s, fewer when they pass 80 characters, with
// "…" when s has more.
func firstWords(s string, n int) string {
	words := strings.Fields(s)
	var b strings.Builder
	for i, w := range words {
		if i == n || (i > 0 && utf8.RuneCountInString(b.String())+1+utf8.RuneCountInString(w) > 80) {
			b.WriteString(" …")
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}
