// Package cable parses the text of a US diplomatic cable (Cablegate format) into a
// summarizer.Cable: header metadata (read by the header subpackage), the cleaned and
// numbered paragraphs of the body, and the sections those paragraphs fall into.
//
// The body parser removes the debris of copying (page-break lines, SIPDIS lines,
// pilcrows and scraped links, mid-sentence breaks are rejoined), reads paragraph numbers
// in sequence (undoing conversion artifacts such as "15." for paragraph 5), and finds
// topic headings in the styles cables use: underlined or boxed lines, lines in capitals,
// "-- X --", "//X//", short mixed-case lines, "Topic:" lines and inline labels opening
// consecutive paragraphs. Text that is not a cable is parsed as a generic document. A
// document holding several cables (concatenated files, a stream, a damaged copy with
// another cable spliced in) is split into them by ParseDoc.
//
// All functions are safe for concurrent use.
package cable

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/cable/header"
	"github.com/cablebrief/summarize/summarizer/cable/source"
)

// MaxSize is the largest input, in bytes, that ParseBytes accepts. Callers reading a
// file or stdin should stop reading after MaxSize+1 bytes and report ErrTooLarge.
const MaxSize = source.MaxSize

// Errors of ParseBytes and Parse, wrapped with the input's name.
var (
	ErrEmpty    = errors.New("file is empty")
	ErrBinary   = source.ErrBinary
	ErrTooLarge = source.ErrTooLarge
)

// ParseBytes decodes data read from the file name (plain text in UTF-8 or Latin-1, CRLF
// line ends, a WikiLeaks HTML page, or rows of the release's cables.csv) and parses each
// cable it holds with ParseDoc: one cable for most inputs, several for a CSV file or a
// text with several cables in it (concatenated files, a stream on standard input).
//
// Errors, each one line naming the file: ErrEmpty for an empty (or all white space)
// input, ErrTooLarge for more than MaxSize bytes, ErrBinary for data that is not text
// (NUL bytes or mostly control bytes), and the decoder's error for a malformed source.
// Test with errors.Is.
func ParseBytes(name string, data []byte) ([]*summarizer.Cable, error) {
	switch {
	case len(data) > MaxSize:
		return nil, fmt.Errorf("parse %s: %w", name, ErrTooLarge)
	case len(bytes.TrimSpace(data)) == 0:
		return nil, fmt.Errorf("parse %s: %w", name, ErrEmpty)
	case source.Binary(data):
		return nil, fmt.Errorf("parse %s: %w", name, ErrBinary)
	}
	docs, err := decode(name, data)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	out := make([]*summarizer.Cable, 0, len(docs))
	for _, d := range docs {
		cs, err := ParseDoc(d)
		if err != nil {
			if len(docs) > 1 && errors.Is(err, ErrEmpty) {
				continue // an empty row of a CSV file
			}
			return nil, err
		}
		out = append(out, cs...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrEmpty)
	}
	return out, nil
}

// ParseDoc parses one decoded document (a file's text, a row of a CSV file) into the
// cables it holds, in order. A new cable header inside the text (see header.NextCable:
// a banner, date-time group or id line confirmed by E.O., TAGS or SUBJECT lines, of
// another station and serial than the cable before) starts a new cable, so that
// concatenated cables come out one by one; another section of the same cable, or a
// cable quoted in the text, does not. A cable cut short by the one that follows it (a
// damaged copy with another cable spliced in: a cable without its signature or body
// before the next one) carries the warning "another cable spliced in at line N". Every cable has d.Name as its Source and d.Warnings first
// among its warnings.
//
// The metadata of a CSV row (d.Meta) is merged into the first cable (see applyMeta: the
// release's columns win over the text's header, with a warning where they disagree).
//
// ParseDoc is where a decoded document becomes cables. It returns ErrEmpty, wrapped with
// the document's name, for a text with nothing but white space.
func ParseDoc(d source.Doc) ([]*summarizer.Cable, error) {
	text := d.Text
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("parse %s: %w", d.Name, ErrEmpty)
	}
	text = normalise(text, false)
	var out []*summarizer.Cable
	name, line := d.Name, 1
	for {
		f, start, warns := header.Parse(text, name)
		next, id := -1, ""
		if start > 0 {
			next, id = header.NextCable(text, f, start)
		}
		piece := text
		if next > 0 {
			piece = text[:next]
			if next < start+4096 {
				// the header parser may have read past the end of the piece
				f, start, warns = header.Parse(piece, name)
			}
		}
		c := build(name, piece, f, start, warns)
		c.Source = d.Name
		c.Warnings = append(slices.Clone(d.Warnings), c.Warnings...)
		if len(out) == 0 {
			applyMeta(c, d.Meta) // the row's columns describe its first cable
		}
		if next > 0 && (c.Signer == "" || shortBody(piece[min(start, len(piece)):])) {
			// cut short, unsigned: another cable spliced into this one, not appended
			c.Warnings = append(c.Warnings, fmt.Sprintf("another cable spliced in at line %d: parsed as a cable of its own", line+strings.Count(piece, "\n")))
		}
		out = append(out, c)
		if next <= 0 || strings.TrimSpace(text[next:]) == "" {
			return out, nil
		}
		line += strings.Count(piece, "\n")
		text = text[next:]
		if id != "" {
			name = id + ".txt"
		}
	}
}

// shortBody reports whether body holds one line of text or none: the body of a cable
// that another one cut short.
func shortBody(body string) bool {
	n := 0
	for _, l := range strings.Split(body, "\n") {
		if strings.TrimSpace(l) != "" {
			if n++; n >= 2 {
				return false
			}
		}
	}
	return true
}

// Parse parses the text of one cable read from name (the file name, used as the
// fallback id and as Cable.Source). It never fails on odd input: what it cannot read is
// noted in Cable.Warnings, and text that is not a cable at all is parsed as a generic
// document (paragraphs between blank lines, headings by the same rules) with a warning.
// It returns ErrEmpty for text with nothing but white space.
func Parse(name, text string) (*summarizer.Cable, error) {
	return parse(name, text, false)
}

// parse is Parse; valid says that text is known to be valid UTF-8 (source.Decode's
// output), so that it is not checked again.
func parse(name, text string, valid bool) (*summarizer.Cable, error) {
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("parse %s: %w", name, ErrEmpty)
	}
	text = normalise(text, !valid)
	f, start, warns := header.Parse(text, name)
	return build(name, text, f, start, warns), nil
}

// normalise turns CRLF and CR line ends into LF and, when check is set, invalid UTF-8
// into U+FFFD.
func normalise(text string, check bool) string {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if check && !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return text
}

// build makes the cable of text, whose header header.Parse read as f with the body
// starting at start and warnings warns: the body's paragraphs, sections, summary and
// signer.
func build(name, text string, f header.Fields, start int, warns []string) *summarizer.Cable {
	if start < 0 || start > len(text) {
		start = 0
	}
	c := &summarizer.Cable{
		ID: f.ID, Source: name, Classification: f.Classification, Caveats: f.Caveats,
		Origin: f.Origin, To: f.To, Info: f.Info, DTG: f.DTG, Date: f.Date,
		TotalSections: f.TotalSections, EO: f.EO, DeclassifyOn: f.DeclassifyOn, Tags: f.Tags,
		Subject: f.Subject, References: f.References, ClassifiedBy: f.ClassifiedBy, Reasons: f.Reasons,
		Warnings: warns,
	}
	if c.TotalSections < 1 {
		c.TotalSections = 1
	}
	generic := f.Classification == "" && f.Origin == "" && f.Subject == "" && f.DTG == "" && len(f.Tags) == 0
	text = text[start:]
	if generic {
		// one warning says it: the header parser's own is replaced
		c.Warnings = slices.DeleteFunc(c.Warnings, func(w string) bool { return w == header.WarnNoHeader })
		c.Warnings = append(c.Warnings, "no cable header found: parsed as a generic document")
	} else {
		c.Summary = header.Summary(text)
		c.Signer, text = cutSigner(text)
	}
	b := parseBody(cleanLines(text, c.ID), generic)
	if len(b.paras) == 0 {
		c.Warnings = append(c.Warnings, "no paragraphs found in the body")
	}
	if b.restarts > 0 {
		c.Warnings = append(c.Warnings, "paragraph numbering starts again at 1 (another cable appended?); that text is kept in the paragraph before it")
	}
	if len(b.fixed) > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("paragraph numbers %s read without their leading 1 (a scraped pilcrow that lost its brackets)", strings.Join(b.fixed, ", ")))
	}
	c.Numbered = b.numbered
	c.Participants = b.participants
	c.Paragraphs = make([]summarizer.Paragraph, len(b.paras))
	for i, p := range b.paras {
		c.Paragraphs[i] = summarizer.Paragraph{Number: p.number, Marking: p.marking, Text: p.text}
	}
	c.Sections = sections(b.paras)
	return c
}

// cutSigner finds the signature at the end of the body with header.SignerSpan and
// returns it with the body without it: the name on its own line ("STAPLETON") or glued
// to the end of the last sentence ("... xxxxxxxxxxxx. CLINTON"), with the punctuation
// and the release date that may follow it on its line ("DANILOVICH 2005-05-06"). Lines
// after it (trailers such as NNNN) stay. It returns "" and body unchanged when there is
// no signature, or when the name is all that is left of the last paragraph ("2. (C)
// Agreed." is not signed "Agreed").
func cutSigner(body string) (signer, rest string) {
	name, start, end := header.SignerSpan(body)
	if name == "" || start < 0 || end > len(body) || start >= end {
		return "", body
	}
	lineStart := strings.LastIndexByte(body[:start], '\n') + 1
	lineEnd := len(body)
	if k := strings.IndexByte(body[end:], '\n'); k >= 0 {
		lineEnd = end + k
	}
	after := strings.TrimSpace(body[end:lineEnd])
	if strings.Trim(after, "#.,;: ") != "" && !reReleaseDate.MatchString(after) {
		return "", body // words after the name: not a signature as SignerSpan reads it
	}
	if before := strings.TrimSpace(body[lineStart:start]); before != "" {
		if _, r, ok := numberPrefix(strings.TrimLeft(before, "¶ ")); ok {
			if _, r = splitMarking(r); strings.TrimSpace(r) == "" {
				return "", body
			}
		}
	}
	cut := start
	for cut > lineStart && (body[cut-1] == ' ' || body[cut-1] == '\t') {
		cut-- // the space that glued the name to the sentence
	}
	if cut == lineStart && lineEnd < len(body) {
		lineEnd++ // the name's own line goes with its newline
	}
	return name, body[:cut] + body[lineEnd:]
}

// reReleaseDate matches the release date that some copies print after the signature:
// "SOBEL 2008-01-08".
var reReleaseDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
