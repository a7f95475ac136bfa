package source

import (
	"bufio"
	"bytes"
	endian "encoding/binary"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// MaxSize is the largest single document, in bytes: a plain-text or HTML file, or one row
// of a CSV or TSV dump. A dump itself may be of any size: it is read row by row.
const MaxSize = 20 << 20

// ErrBinary is the error of an input that is not text.
var ErrBinary = errors.New("not a text file (binary data)")

// Errors of Reader.Next. ErrTooLarge and ErrBadRow concern one document: the stream goes
// on after them. Test with errors.Is.
var (
	ErrTooLarge = fmt.Errorf("file is larger than %d MB", MaxSize>>20)
	ErrBadRow   = errors.New("bad row")
)

// Meta is what a row of the release's cables.csv (or its tab-separated dump) says of a
// cable in its own columns, beside the text. Empty strings are empty columns.
type Meta struct {
	Row            string   // the row number column, as written
	Date           string   // "2007-06-26", from the date column "6/26/2007 8:49"
	Time           string   // "08:49", from the same column
	RefID          string   // "07PARIS2726"
	Origin         string   // "Embassy Paris", as written
	Classification string   // "CONFIDENTIAL//NOFORN", as written
	References     []string // cable ids of the references column ("07PARIS1501|07STATE12345")
}

// Reader reads the documents of one input stream one at a time, so that a dump of any
// size takes memory for one row only. A CSV or TSV dump of the release gives one Doc per
// row, with its Meta; any other input (plain text, Latin-1, a WikiLeaks HTML page) is one
// Doc, read whole up to MaxSize.
//
// A Reader is not safe for concurrent use.
type Reader struct {
	name   string
	cr     *countingReader
	br     *bufio.Reader
	kind   int
	line   int // lines consumed, for the position of a row
	rows   int
	done   bool
	cutRow bool // the previous row ran into the end of the input
}

// sniffSize is how much of an input is looked at to tell its kind.
const sniffSize = 4096

const (
	kindUnknown = iota
	kindCSV
	kindTSV
	kindWhole
)

// NewReader returns a Reader of r, named name in Docs and errors (a file name, or "-").
func NewReader(name string, r io.Reader) *Reader {
	cr := &countingReader{r: r}
	return &Reader{name: name, cr: cr, br: bufio.NewReaderSize(cr, sniffSize)}
}

// Offset returns how many bytes of the input have been consumed so far (read ahead
// included), for progress.
func (r *Reader) Offset() int64 { return r.cr.n }

// Next returns the next document. It returns io.EOF after the last one. An error wrapping
// ErrTooLarge or ErrBadRow (with the position of the document) concerns one document: call
// Next again for the rest. Any other error ends the stream (a read error, or ErrEmpty for
// an input with no text, both wrapped with the name).
func (r *Reader) Next() (Doc, error) {
	if r.done {
		return Doc{}, io.EOF
	}
	if r.kind == kindUnknown {
		r.kind = r.sniff()
		if r.kind == kindCSV || r.kind == kindTSV {
			r.br = bufio.NewReaderSize(r.br, 64<<10) // a dump is read on and on: a larger buffer
		}
	}
	switch r.kind {
	case kindCSV:
		return r.nextCSV()
	case kindTSV:
		return r.nextTSV()
	}
	r.done = true
	data, err := io.ReadAll(io.LimitReader(r.br, MaxSize+1))
	if err != nil {
		return Doc{}, fmt.Errorf("read %s: %w", r.name, err)
	}
	if len(data) > MaxSize {
		return Doc{}, fmt.Errorf("read %s: %w", r.name, ErrTooLarge)
	}
	return decodeWhole(r.name, data)
}

// sniff decides the kind of input from its first bytes (a byte-order mark skipped).
func (r *Reader) sniff() int {
	head, _ := r.br.Peek(sniffSize)
	if bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")) {
		r.br.Discard(3)
		head = head[3:]
	}
	s := string(head)
	switch {
	case isCSV(s):
		return kindCSV
	case isTSV(s):
		return kindTSV
	}
	return kindWhole
}

// decodeWhole decodes a whole plain-text or HTML input into its one Doc.
func decodeWhole(name string, data []byte) (Doc, error) {
	text, warnings := toUTF8(data)
	text = normaliseNewlines(text)
	if strings.TrimSpace(text) == "" {
		return Doc{}, fmt.Errorf("decode %s: %w", name, ErrEmpty)
	}
	if Binary(data) {
		return Doc{}, fmt.Errorf("decode %s: %w", name, ErrBinary)
	}
	if isHTML(text) {
		t, w := decodeHTML(text)
		warnings = append(warnings, w...)
		if strings.TrimSpace(t) == "" {
			return Doc{}, fmt.Errorf("decode %s: %w", name, ErrEmpty)
		}
		text = t
	}
	return Doc{Name: filepath.Base(name), Text: text, Warnings: warnings}, nil
}

// nextCSV reads one row of the release's cables.csv: every field quoted, a quote inside a
// field escaped with a backslash (as are apostrophes and backslashes) or doubled, newlines
// inside fields, rows ended by a newline outside quotes. A row larger than MaxSize is
// skipped up to the next line that starts a row.
func (r *Reader) nextCSV() (Doc, error) {
	for {
		startLine := r.line + 1
		fields, size, inQ, err := r.readCSVRow()
		if err != nil && !errors.Is(err, io.EOF) {
			if errors.Is(err, ErrTooLarge) {
				r.skipToRow()
				return Doc{}, fmt.Errorf("%s:%d: %w: row larger than %d MB, skipped", r.name, startLine, ErrBadRow, MaxSize>>20)
			}
			r.done = true
			return Doc{}, fmt.Errorf("read %s: %w", r.name, err)
		}
		if errors.Is(err, io.EOF) {
			r.done = true
			if size == 0 {
				if r.rows == 0 {
					return Doc{}, fmt.Errorf("decode %s: no complete CSV row", r.name)
				}
				return Doc{}, io.EOF
			}
		}
		if blankRow(fields) {
			if r.done {
				return r.eof()
			}
			continue
		}
		d, rowErr := rowDocMeta(fields, r.name, startLine)
		if rowErr != nil {
			if r.done && r.rows == 0 {
				return Doc{}, fmt.Errorf("decode %s: no complete CSV row", r.name)
			}
			return Doc{}, rowErr
		}
		if inQ {
			d.Warnings = append(d.Warnings, "last CSV row is cut short")
		}
		r.rows++
		return d, nil
	}
}

func (r *Reader) eof() (Doc, error) {
	if r.rows == 0 {
		return Doc{}, fmt.Errorf("decode %s: no complete CSV row", r.name)
	}
	return Doc{}, io.EOF
}

// readCSVRow reads the fields of one row. size is the bytes read; inQ says the input
// ended inside a quoted field. It returns ErrTooLarge once the row passes MaxSize, and
// io.EOF at the end of the input (with the fields of a last row without a newline).
func (r *Reader) readCSVRow() (fields [][]byte, size int, inQ bool, err error) {
	var field []byte
	for {
		if inQ {
			// Inside quotes only a quote or a backslash is special: copy the plain run up
			// to the next one at once.
			if r.br.Buffered() == 0 {
				r.br.Peek(1) // fill the buffer
			}
			buf, _ := r.br.Peek(r.br.Buffered())
			k := bytes.IndexAny(buf, "\\\"")
			if k < 0 {
				k = len(buf)
			}
			if k > 0 {
				if size+k > MaxSize {
					return nil, size + k, inQ, ErrTooLarge
				}
				field = append(field, buf[:k]...)
				r.line += bytes.Count(buf[:k], []byte{'\n'})
				size += k
				r.br.Discard(k)
				continue
			}
		}
		c, err := r.br.ReadByte()
		if err != nil {
			if size > 0 {
				fields = append(fields, field)
			}
			return fields, size, inQ, err
		}
		size++
		if size > MaxSize {
			return nil, size, inQ, ErrTooLarge
		}
		if c == '\n' {
			r.line++
		}
		switch {
		case inQ && c == '\\':
			next, err := r.br.Peek(1)
			if err == nil && (next[0] == '"' || next[0] == '\'' || next[0] == '\\') {
				r.br.Discard(1)
				size++
				field = append(field, next[0])
				continue
			}
			field = append(field, c)
		case inQ && c == '"':
			if next, err := r.br.Peek(1); err == nil && next[0] == '"' {
				r.br.Discard(1)
				size++
				field = append(field, '"')
				continue
			}
			inQ = false
		case c == '"':
			inQ = true
		case !inQ && c == ',':
			fields = append(fields, field)
			field = nil
		case !inQ && c == '\n':
			fields = append(fields, field)
			return fields, size, false, nil
		case !inQ && c == '\r':
			// the CR of a CRLF row end
		case inQ:
			field = append(field, c)
		default:
			field = append(field, c) // stray text outside quotes is kept
		}
	}
}

// skipToRow discards input up to the next line that starts a row ("<digits>",").
func (r *Reader) skipToRow() {
	for {
		line, err := r.br.ReadSlice('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			r.line++
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			r.done = true
			return
		}
		if err == nil {
			head, _ := r.br.Peek(64)
			if reCSVRowStart.Match(head) {
				return
			}
		}
	}
}

// nextTSV reads one line of a tab-separated dump with the columns of cables.csv and \n,
// \t and \\ escapes inside fields.
func (r *Reader) nextTSV() (Doc, error) {
	for {
		startLine := r.line + 1
		line, err := r.readLine()
		if err != nil && !errors.Is(err, io.EOF) {
			if errors.Is(err, ErrTooLarge) {
				return Doc{}, fmt.Errorf("%s:%d: %w: row larger than %d MB, skipped", r.name, startLine, ErrBadRow, MaxSize>>20)
			}
			r.done = true
			return Doc{}, fmt.Errorf("read %s: %w", r.name, err)
		}
		if errors.Is(err, io.EOF) {
			r.done = true
		}
		if len(bytes.TrimSpace(line)) == 0 {
			if r.done {
				if r.rows == 0 {
					return Doc{}, fmt.Errorf("decode %s: no complete TSV row", r.name)
				}
				return Doc{}, io.EOF
			}
			continue
		}
		parts := bytes.Split(bytes.TrimRight(line, "\r\n"), []byte{'\t'})
		fields := make([][]byte, len(parts))
		for i, p := range parts {
			fields[i] = []byte(tsvUnescape.Replace(string(p)))
		}
		d, rowErr := rowDocMeta(fields, r.name, startLine)
		if rowErr != nil {
			return Doc{}, rowErr
		}
		r.rows++
		return d, nil
	}
}

var tsvUnescape = strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\\`, `\`, `\"`, `"`, `\'`, `'`)

// readLine reads one line of at most MaxSize bytes; a longer one is consumed and gives
// ErrTooLarge.
func (r *Reader) readLine() ([]byte, error) {
	var out []byte
	for {
		part, err := r.br.ReadSlice('\n')
		if len(out)+len(part) > MaxSize {
			out = nil
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = r.br.ReadSlice('\n')
			}
			r.line++
			return nil, ErrTooLarge
		}
		out = append(out, part...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == nil {
			r.line++
		}
		return out, err
	}
}

func blankRow(fields [][]byte) bool {
	for _, f := range fields {
		if len(bytes.TrimSpace(f)) > 0 {
			return false
		}
	}
	return true
}

// rowDocMeta makes a Doc from the fields of one row: its text is the header and the
// content with a blank line between, its name the refid column, its Meta the other
// columns. A row without text is an ErrBadRow naming the input, the line and the refid.
func rowDocMeta(raw [][]byte, name string, line int) (Doc, error) {
	fields := make([]string, len(raw))
	var warnings []string
	for i, f := range raw {
		s, ws := toUTF8(f)
		for _, w := range ws {
			if !slices.Contains(warnings, w) {
				warnings = append(warnings, w)
			}
		}
		fields[i] = normaliseNewlines(s)
	}
	d := rowDoc(fields)
	d.Warnings = append(warnings, d.Warnings...)
	d.Meta = rowMeta(fields)
	if strings.TrimSpace(d.Text) == "" {
		id := d.Name
		if id == "" {
			id = "without refid"
		}
		return Doc{}, fmt.Errorf("%s:%d: %w: row %s has no text", name, line, ErrBadRow, id)
	}
	return d, nil
}

// rowMeta reads the metadata columns of a row: row, date, refid, origin, classification,
// references.
func rowMeta(f []string) *Meta {
	col := func(i int) string {
		if i < len(f) {
			return strings.TrimSpace(f[i])
		}
		return ""
	}
	m := &Meta{Row: col(0), RefID: col(2), Origin: col(3), Classification: col(4)}
	m.Date, m.Time = releaseDate(col(1))
	for _, ref := range strings.FieldsFunc(col(5), func(r rune) bool { return r == '|' || r == ',' || r == ' ' }) {
		m.References = append(m.References, ref)
	}
	return m
}

// releaseDate reads the release's date column, "12/28/1966 18:48" (month and day may
// lack their zeros), as "1966-12-28" and "18:48"; "" and "" when it is not such a date.
func releaseDate(s string) (date, clock string) {
	day, hm, _ := strings.Cut(s, " ")
	parts := strings.Split(day, "/")
	if len(parts) != 3 || len(parts[2]) != 4 || !allDigits(parts[0]) || !allDigits(parts[1]) || !allDigits(parts[2]) {
		return "", ""
	}
	mo, d := pad2(parts[0]), pad2(parts[1])
	if mo == "" || d == "" || mo > "12" || mo == "00" || d > "31" || d == "00" {
		return "", ""
	}
	date = parts[2] + "-" + mo + "-" + d
	if h, m, ok := strings.Cut(strings.TrimSpace(hm), ":"); ok && allDigits(h) && allDigits(m) && len(m) == 2 && pad2(h) != "" {
		clock = pad2(h) + ":" + m
	}
	return date, clock
}

func pad2(s string) string {
	switch len(s) {
	case 1:
		return "0" + s
	case 2:
		return s
	}
	return ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// reCSVRowStart matches the start of a row of cables.csv: the quoted row number.
var reCSVRowStart = regexp.MustCompile(`^"\d+","`)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Binary reports whether data is not text: it holds a NUL byte, or more than one in
// twenty of its first 8 KB are control bytes other than white space.
func Binary(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctl := 0
	for len(head) > 0 {
		if len(head) >= 8 {
			// eight bytes at a time: skip a word with no byte below 0x20
			const lo, hi = 0x2020202020202020, 0x8080808080808080
			x := endian.LittleEndian.Uint64(head)
			if (x-lo)&^x&hi == 0 {
				head = head[8:]
				continue
			}
		}
		n := min(len(head), 8)
		for _, c := range head[:n] {
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
				ctl++
			}
		}
		head = head[n:]
	}
	return ctl*20 > min(len(data), 8192)
}
