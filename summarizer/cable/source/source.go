// Package source turns the bytes of an input file into cable texts: it decodes Latin-1,
// normalises line ends, pulls the cable out of a WikiLeaks HTML page and splits the
// release's cables.csv (and tab-separated dumps of it) into one text per cable. Plain
// UTF-8 text passes through unchanged but for its line ends.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Doc is one cable text decoded from an input file. Name is the file name, or for a row
// of a CSV or TSV dump the reference id of the row ("66BUENOSAIRES2481"). Warnings say
// what was repaired on the way. Meta is set for a row of a dump and nil otherwise.
type Doc struct {
	Name, Text string
	Warnings   []string
	Meta       *Meta
}

// ErrEmpty is returned by Decode for an input with no text in it.
var ErrEmpty = errors.New("empty input")

// Decode turns the bytes of one input file into UTF-8 cable texts, as a Reader reads
// them: the release's cables.csv format (columns row, date, refid, origin,
// classification, references, header, content; quotes escaped with a backslash; one Doc
// per row), a tab-separated dump with the same columns, a WikiLeaks HTML page (the cable
// is in the last <pre> block, its header in the first when there are two; entities and
// tags such as <a> removed), and plain text. Bytes that are not valid UTF-8 are read as
// Latin-1 (¶ is 0xB6); CRLF and CR become LF; NUL bytes are dropped. Rows of a dump
// without text are left out.
//
// Decode never panics. It returns ErrEmpty (wrapped with name) when there is no text,
// and an error when a CSV or TSV dump holds no complete row.
func Decode(name string, data []byte) ([]Doc, error) {
	r := NewReader(name, bytes.NewReader(data))
	var docs []Doc
	for {
		d, err := r.Next()
		switch {
		case err == nil:
			docs = append(docs, d)
			continue
		case errors.Is(err, ErrBadRow):
			continue
		case errors.Is(err, io.EOF):
			return docs, nil
		}
		if len(docs) > 0 && !errors.Is(err, ErrEmpty) {
			return docs, nil // the dump ends in a row without text
		}
		return nil, err
	}
}

// toUTF8 returns data as a string: as is when it is valid UTF-8 (a BOM dropped), else
// decoded as Latin-1.
func toUTF8(data []byte) (string, []string) {
	var warnings []string
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(data, 0) >= 0 {
		data = bytes.ReplaceAll(data, []byte{0}, nil)
		warnings = append(warnings, "NUL bytes removed")
	}
	if utf8.Valid(data) {
		return string(data), warnings
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		b.WriteRune(rune(c)) // Latin-1 code points are the first 256 of Unicode
	}
	return b.String(), append(warnings, "decoded as Latin-1")
}

func normaliseNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

var (
	reCSVStart  = regexp.MustCompile(`^"\d+","[^"\n]*","[^"\n]*","`)
	reTSVStart  = regexp.MustCompile(`^\d+\t[^\t\n]*\t\d{2}[A-Z][A-Z-]*\d+\t`)
	reHTMLStart = regexp.MustCompile(`(?i)<(?:!doctype|html|head|body|pre|div|table)\b`)
	rePre       = regexp.MustCompile(`(?is)<pre\b[^>]*>(.*?)(?:</pre\s*>|\z)`)
	reBR        = regexp.MustCompile(`(?i)<br\s*/?>`)
	reTag       = regexp.MustCompile(`(?s)<[^>]*>`)
	reScript    = regexp.MustCompile(`(?is)<(script|style)\b.*?</(?:script|style)\s*>`)
)

func isCSV(s string) bool { return reCSVStart.MatchString(s) }

func isTSV(s string) bool { return reTSVStart.MatchString(s) }

func isHTML(s string) bool {
	head := s[:min(len(s), 4096)]
	if strings.IndexByte(head, '<') < 0 {
		return false // no tag at all: the common case of a plain cable
	}
	return reHTMLStart.MatchString(head) || containsPre(head)
}

// containsPre reports whether s holds "<pre" in any case.
func containsPre(s string) bool {
	for {
		k := strings.IndexByte(s, '<')
		if k < 0 || k+4 > len(s) {
			return false
		}
		if strings.EqualFold(s[k+1:k+4], "pre") {
			return true
		}
		s = s[k+1:]
	}
}

// csvColumns are the columns of the release's cables.csv.
const csvColumns = 8

// rowDoc makes a Doc from one row: the text is the header and the content with a blank
// line between, the name the refid column.
func rowDoc(fields []string) Doc {
	d := Doc{}
	if len(fields) > 2 {
		d.Name = strings.TrimSpace(fields[2])
	}
	if len(fields) < csvColumns {
		d.Warnings = append(d.Warnings, fmt.Sprintf("row has %d columns, want %d", len(fields), csvColumns))
		if len(fields) > 6 {
			d.Text = fields[6]
		}
		return d
	}
	if len(fields) > csvColumns {
		d.Warnings = append(d.Warnings, fmt.Sprintf("row has %d columns, want %d; extra columns joined to the content", len(fields), csvColumns))
		fields[csvColumns-1] = strings.Join(fields[csvColumns-1:], ",")
	}
	header := strings.TrimRight(fields[6], "\n")
	content := fields[7]
	switch {
	case header == "":
		d.Text = content
	case content == "":
		d.Text = header + "\n"
	default:
		d.Text = header + "\n\n" + content
	}
	return d
}

// decodeHTML pulls the cable out of a WikiLeaks page: the text of the last <pre> block,
// preceded by the first when there are two or more (the header). A page with no <pre>
// block is reduced to its text.
func decodeHTML(s string) (string, []string) {
	var warnings []string
	ms := rePre.FindAllStringSubmatch(s, -1)
	var t string
	switch len(ms) {
	case 0:
		warnings = append(warnings, "HTML page has no <pre> block; using all of its text")
		t = htmlText(reScript.ReplaceAllString(s, ""))
	case 1:
		t = preText(ms[0][1])
	default:
		head := strings.TrimRight(preText(ms[0][1]), "\n ")
		body := strings.TrimLeft(preText(ms[len(ms)-1][1]), "\n")
		t = head + "\n\n" + body
	}
	return t, warnings
}

// preText is the text of a <pre> block: a newline right after the start tag is not
// content (HTML drops it).
func preText(s string) string {
	return strings.TrimPrefix(htmlText(s), "\n")
}

// htmlText removes tags (line breaks kept) and unescapes entities, &#x000A; included.
func htmlText(s string) string {
	s = reBR.ReplaceAllString(s, "\n")
	s = reTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	return normaliseNewlines(strings.ReplaceAll(s, "\u00a0", " "))
}
