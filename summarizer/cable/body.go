package cable

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cablebrief/summarize/summarizer"
)

// para is a paragraph being assembled: where it starts and ends in the lines, its
// number and marking, and the heading above it (if any).
type para struct {
	start, end int // lines[start:end] hold the paragraph; lines[start] is the first
	first      string
	number     int
	marking    string
	head       *heading
	text       string // the paragraph's text, with any text before the first paragraph
	own        string // the text from the paragraph's own first line on
}

// body is the parsed body of a cable.
type body struct {
	numbered     bool
	paras        []para
	participants []string
	fixed        []string // artifact numbers undone, for warnings
	restarts     int      // numbering restarted at 1 (text kept in the paragraph before)
}

// parseBody splits cleaned lines into paragraphs and finds the heading above each.
// Numbered paragraphs are used when the body has them; otherwise, or when blocks is
// set, paragraphs are the blocks between blank lines.
func parseBody(lines []line, blocks bool) body {
	caps := capsBody(lines)
	var b body
	var starts []numStart
	if !blocks {
		nb := findNumbers(lines)
		if split, ok := splitGlued(lines, nb.starts); ok {
			lines = split
			nb = findNumbers(lines)
		}
		starts, b.restarts = nb.starts, nb.restarts
	}
	if len(starts) >= 2 || len(starts) == 1 && (starts[0].marking != "" || lines[starts[0].line].mark) {
		b.numbered = true
		for _, s := range starts {
			b.paras = append(b.paras, para{start: s.line, first: s.rest, number: s.number, marking: s.marking})
			if s.fixed != "" {
				b.fixed = append(b.fixed, s.fixed)
			}
		}
	} else {
		b.paras = blockParas(lines, caps)
	}
	if len(b.paras) == 0 {
		return b
	}
	// Headings above each paragraph; a paragraph ends where the next one's heading begins.
	for i := range b.paras {
		p := &b.paras[i]
		lo := 0
		if i > 0 {
			lo = b.paras[i-1].start + 1
		}
		if h, ok := headingAbove(lines, lo, p.start, caps); ok {
			p.head = &h
		}
	}
	if b.numbered {
		end := b.paras[0].start
		if b.paras[0].head != nil {
			end = b.paras[0].head.top
		}
		if p, ok := leadPara(lines, end, caps); ok {
			b.paras = append([]para{p}, b.paras...)
		}
	}
	for i := range b.paras {
		p := &b.paras[i]
		p.end = len(lines)
		if i+1 < len(b.paras) {
			n := b.paras[i+1]
			p.end = n.start
			if n.head != nil {
				p.end = n.head.top
			}
		}
	}
	// Text before the first paragraph (and its heading) opens the first paragraph.
	lead := b.paras[0].start
	if b.paras[0].head != nil {
		lead = b.paras[0].head.top
	}
	short := shortLine(lines)
	for i := range b.paras {
		p := &b.paras[i]
		var pre []line
		if i == 0 && lead > 0 {
			pre = lines[:lead]
		}
		p.own = paraText(nil, p.first, lines[p.start+1:p.end], short)
		p.text = p.own
		if len(pre) > 0 {
			p.text = paraText(pre, p.first, lines[p.start+1:p.end], short)
		}
		if i+1 < len(b.paras) && b.paras[i+1].head != nil && b.paras[i+1].head.tail != "" {
			// the paragraph's last word, glued in front of the next heading
			p.own += " " + b.paras[i+1].head.tail
			p.text += " " + b.paras[i+1].head.tail
		}
		if b.participants == nil && participantsOpen(p.first) {
			b.participants = participants(lines[p.start+1 : p.end])
		}
	}
	if b.numbered && !caps {
		markTitles(b.paras)
		markInline(b.paras)
		markDashLabels(b.paras)
	}
	return b
}

// markTitles makes a heading of each numbered paragraph that holds only a title
// ("¶7. (U) Iraq" over "¶8. (S) Alleged plans ..."): the section starts at the
// title's own paragraph, as the cable's table of contents counts it ("Iraq -
// Paragraphs 7-11"). The next paragraph must be text, not another title: a run of
// title-only paragraphs is a table of contents or a list, not headings.
func markTitles(ps []para) {
	if len(ps) < 2 {
		return
	}
	title, ok := titleOnly(ps[0].own)
	for i := 0; i+1 < len(ps); i++ {
		next, nextOK := titleOnly(ps[i+1].own)
		if ok && !nextOK && ps[i].head == nil {
			ps[i].head = &heading{title: title, style: summarizer.StyleOther, top: ps[i].start}
		}
		title, ok = next, nextOK
	}
}

// markDashLabels finds the items of a report that open with a label set off by a dash
// ("¶13. (C) WHA Honduras - Honduran military forces arrested ..."; see dashLabel):
// where at least two paragraphs of the cable open so, each such paragraph without a
// heading starts an inline section. Unlike colon labels they need not be consecutive:
// an item runs on over paragraphs of its own.
func markDashLabels(ps []para) {
	var labels []string // by paragraph, made at the first label
	n := 0
	for i := range ps {
		if l, ok := dashLabel(ps[i].own); ok {
			if labels == nil {
				labels = make([]string, len(ps))
			}
			labels[i] = l
			n++
		}
	}
	if n < 2 {
		return
	}
	for i := range ps {
		if labels[i] != "" && ps[i].head == nil {
			ps[i].head = &heading{title: labels[i], style: summarizer.StyleInline, top: ps[i].start}
		}
	}
}

// leadPara makes paragraph 0 of the unnumbered text before the first numbered
// paragraph (lines[:end]) when that text opens with a decorated heading of its own: a
// "KEY POINTS" box over bullets standing before ¶1 and ¶1's own heading. The heading
// must be boxed, underlined or wrapped ("-- X --", "//X//"): a plain line there is more
// likely a line of the header. Text before ¶1 without such a heading stays with ¶1.
func leadPara(lines []line, end int, caps bool) (para, bool) {
	f := 0
	for f < end && lines[f].blank() {
		f++
	}
	for s := f + 1; s < end && s <= f+8; s++ {
		if lines[s].blank() || isRule(lines[s].text) {
			continue
		}
		h, ok := headingAbove(lines, f, s, caps)
		if !ok || h.top != f {
			continue // s is a line of the heading itself
		}
		switch h.style {
		case summarizer.StyleUnderlined, summarizer.StyleDashWrapped, summarizer.StyleSlashWrapped, summarizer.StyleOther:
			return para{start: s, first: lines[s].text, number: 0, head: &h}, true
		}
		return para{}, false
	}
	return para{}, false
}

// splitGlued finds paragraphs glued onto the end of the one before ("... along those
// lines. 6.(S) Embassy Comment: ..."): where the number after a paragraph's is missing
// from starts (or the paragraph is the last), a sentence end followed by that number
// and a portion marking within the paragraph's lines starts it. It returns the lines with
// each such line split in two, and whether there was any.
func splitGlued(lines []line, starts []numStart) ([]line, bool) {
	var out []line
	done := 0 // lines[:done] are in out
	for k, s := range starts {
		end, stop := len(lines), 0
		if k+1 < len(starts) {
			end, stop = starts[k+1].line, starts[k+1].number
			if stop == s.number+1 {
				continue
			}
		}
		n := s.number + 1
		for i := s.line; i < end && (stop == 0 || n < stop); i++ {
			t, from, cut := lines[i].text, 0, false
			for stop == 0 || n < stop {
				p := gluedStart(t, from, n)
				if p < 0 {
					break
				}
				if !cut {
					out = append(out, lines[done:i]...)
					done, cut = i+1, true
					out = append(out, line{text: strings.TrimRight(t[:p], " "), mark: lines[i].mark})
				} else {
					out = append(out, line{text: strings.TrimRight(t[from:p], " ")})
				}
				from = p
				n++
			}
			if cut {
				out = append(out, line{text: t[from:]})
			}
		}
	}
	if done == 0 {
		return lines, false
	}
	return append(out, lines[done:]...), true
}

// gluedStart returns the index in t, at or after from, of paragraph number n glued on
// after a sentence: "lines. 6.(S)" or "2008. 9. (SBU)"; -1 when there is none.
func gluedStart(t string, from, n int) int {
	want := strconv.Itoa(n)
	for i := from + 1; i < len(t); {
		k := strings.Index(t[i:], want)
		if k < 0 {
			return -1
		}
		p := i + k
		i = p + 1
		if t[p-1] != ' ' {
			continue
		}
		q := strings.TrimRight(t[from:p], " ")
		if q == "" || !strings.ContainsAny(q[len(q)-1:], ".!?\")") && !strings.HasSuffix(q, "”") {
			continue
		}
		d, rest, ok := numberPrefix(t[p:])
		if !ok || d != want {
			continue
		}
		if m, _ := splitMarking(rest); m == "" {
			continue
		}
		return p
	}
	return -1
}

// blockParas makes paragraphs of the blank-line-separated blocks of an unnumbered body,
// numbered from 1. Blocks that are headings (decorated lines, or a short line alone
// before a longer block) are not paragraphs; a block that opens with an underlined title
// starts its paragraph after the underline.
func blockParas(lines []line, caps bool) []para {
	type block struct{ a, b int }
	var blocks []block
	for i := 0; i < len(lines); {
		if lines[i].blank() {
			i++
			continue
		}
		j := i
		for j < len(lines) && !lines[j].blank() {
			j++
		}
		blocks = append(blocks, block{i, j})
		i = j
	}
	var out []para
	for k, bl := range blocks {
		i := bl.a
		for i < bl.b {
			t := lines[i].text
			if isRule(t) {
				i++
			} else if i+1 < bl.b && isRule(lines[i+1].text) && titleText(t) && len(t) <= 120 {
				i += 2
			} else if _, ok := gluedUnderline(t); ok {
				i++
			} else if _, _, ok := wrapped(t); ok {
				i++
			} else {
				break
			}
		}
		if i == bl.b {
			continue
		}
		if i == bl.a && bl.b-bl.a == 1 && k+1 < len(blocks) && !caps {
			t := lines[i].text
			next := blocks[k+1]
			if _, _, ok := plainHeading(t); ok && len(strings.Fields(t)) <= 8 &&
				(next.b-next.a >= 2 || len(lines[next.a].text) >= 80) {
				continue
			}
		}
		out = append(out, para{start: i, first: lines[i].text, number: len(out) + 1})
	}
	return out
}

// capsBody reports whether the body is written in capitals (older cables), where a
// line in capitals is no heading.
//
// It counts ASCII letters only, and stops after enough of them to decide.
func capsBody(lines []line) bool {
	upper, lower := 0, 0
	for _, l := range lines {
		t := l.text
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c >= 'A' && c <= 'Z' {
				upper++
			} else if c >= 'a' && c <= 'z' {
				lower++
			}
		}
		if upper+lower > 3000 {
			break
		}
	}
	return upper+lower > 0 && lower*10 < upper+lower
}

// shortLine returns the length under which a line of lines is taken to end where its
// writer ended it (a list entry, a name) rather than where the teletype wrapped it: 60%
// of the longest line.
func shortLine(lines []line) int {
	w := 0
	for _, l := range lines {
		w = max(w, len(l.text))
	}
	return w * 6 / 10
}

// paraText joins a paragraph's lines: wrapped lines of a block with spaces; list items
// and the lines after a line shorter than short on lines of their own; blocks with a
// blank line. Decoration lines are dropped.
func paraText(pre []line, first string, rest []line, short int) string {
	var sb strings.Builder
	n := len(first)
	for _, l := range pre {
		n += len(l.text) + 2
	}
	for _, l := range rest {
		n += len(l.text) + 2
	}
	sb.Grow(n)
	blank := false
	prev := ""
	add := func(t string) {
		if t == "" {
			blank = sb.Len() > 0
			return
		}
		if isRule(t) {
			return
		}
		switch {
		case sb.Len() == 0:
		case blank:
			sb.WriteString("\n\n")
		case listItem(t) || len(prev) < short && !startsLower(t):
			sb.WriteByte('\n')
		default:
			sb.WriteByte(' ')
		}
		blank = false
		prev = t
		sb.WriteString(t)
	}
	for _, l := range pre {
		add(l.text)
	}
	if len(pre) > 0 {
		blank = sb.Len() > 0
	}
	add(first)
	for _, l := range rest {
		add(l.text)
	}
	return sb.String()
}

func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// listItem reports whether t opens a list item: "-", "--", "*", "•", "(a)", "(1)".
func listItem(t string) bool {
	switch {
	case strings.HasPrefix(t, "-"), strings.HasPrefix(t, "*"), strings.HasPrefix(t, "\u2022"):
		return true
	case len(t) > 3 && t[0] == '(' && (t[2] == ')' || t[3] == ')'):
		return true
	}
	return false
}

// markInline finds inline headings: where two or more consecutive numbered paragraphs
// each open with a topic label, each label starts a section; a short sentence-case label
// ("Threat finance:") counts in a run that has two title-case ones. A label under a heading
// line is joined to it as a sub-heading.
func markInline(ps []para) {
	labels := make([]string, len(ps))
	strong := make([]bool, len(ps))
	var labelled []int
	for i := range ps {
		if l, ok := inlineLabel(ps[i].own); ok {
			labels[i], strong[i] = l, true
		} else if l, ok := sentenceLabel(ps[i].own); ok {
			labels[i] = l
		}
		if labels[i] != "" {
			labelled = append(labelled, i)
		}
	}
	// The same label on several paragraphs names a field of an item ("Sources:",
	// "Record Check/Investigation:"), not a topic.
	repeated := make([]bool, len(labelled))
	for a := range labelled {
		for b := a + 1; b < len(labelled); b++ {
			if strings.EqualFold(labels[labelled[a]], labels[labelled[b]]) {
				repeated[a], repeated[b] = true, true
			}
		}
	}
	for a, i := range labelled {
		if repeated[a] {
			labels[i], strong[i] = "", false
		}
	}
	for i := 0; i < len(ps); {
		j := i
		n := 0
		for j < len(ps) && labels[j] != "" && (j == i || ps[j].number == ps[j-1].number+1) {
			if strong[j] {
				n++
			}
			j++
		}
		if n >= 2 {
			for k := i; k < j; k++ {
				if h := ps[k].head; h != nil {
					h.title += " / " + labels[k]
				} else {
					ps[k].head = &heading{title: labels[k], style: summarizer.StyleInline, top: ps[k].start}
				}
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}
