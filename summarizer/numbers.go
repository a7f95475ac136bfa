package summarizer

import (
	"strconv"
	"strings"
)

// This file reads numbers and dates in tokens for the faithfulness check: "1,500",
// "1.5 million", "$3 billion", "three", "twenty-five", "40 percent"; "June 13",
// "13 June 2007", "JUNE 13", "6/13/07", "2007-06-26", "260849Z JUN 07".

// number is a number found in a text: one value, or two for a range ("14-17",
// "2008-09"), and the tokens [from, to) it was read from.
type number struct {
	values   []float64
	from, to int
	words    bool // written in words ("three", "twenty-five")
	scaled   bool // a magnitude word or suffix multiplied it ("3 billion", "5bn")
	raw      []float64
	hedge    hedge
	ordinal  bool
	identity bool // not a quantity: a cable id, a date-time group
}

// hedge says how exactly a number is claimed.
type hedge uint8

const (
	hedgeExact   hedge = iota
	hedgeAbout         // "about 1,500", "nearly 1,500"
	hedgeAtLeast       // "more than 1,500", "over 1,500"
	hedgeAtMost        // "less than 1,500", "up to 1,500"
)

var unitWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}

// attachedMagnitudes are the suffixes a magnitude may take written onto the digits ("5bn").
var attachedMagnitudes = map[string]float64{
	"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12,
}

// numberWordValue returns the value of a number word or a hyphenated compound of them
// ("twenty-five").
func numberWordValue(norm string) (float64, bool) {
	if v, ok := unitWords[norm]; ok {
		return v, true
	}
	if i := strings.IndexByte(norm, '-'); i >= 4 && i <= 7 { // "twenty-five" to "seventy-nine"
		a, b := norm[:i], norm[i+1:]
		x, okx := unitWords[a]
		y, oky := unitWords[b]
		if okx && oky && x >= 20 && x <= 90 && y < 10 {
			return x + y, true
		}
	}
	return 0, false
}

// parseDigits reads the digits at the start of a number token: "1,500" is 1500, "1.5" is
// 1.5, "1990s" is 1990, "21st" is 21 (ordinal), "5bn" is 5e9 (scaled), "14-17" is the
// range 14, 17, "2008-09" is 2008, 2009, "200-mile" is 200. ok is false for tokens that
// are not quantities: cable ids ("07PARIS2726"), date-time groups ("260849Z"), times.
func parseDigits(norm string) (vals []float64, scaled, ordinal, ok bool) {
	if strings.ContainsAny(norm, ":/") {
		return nil, false, false, false
	}
	head, tail, ranged := strings.Cut(norm, "-")
	i := 0
	for i < len(head) && (head[i] >= '0' && head[i] <= '9' || head[i] == '.' || head[i] == ',') {
		i++
	}
	digits, suffix := strings.ReplaceAll(head[:i], ",", ""), head[i:]
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return nil, false, false, false
	}
	switch suffix {
	case "", "s":
	case "st", "nd", "rd", "th":
		ordinal = true
	default:
		m, ok := attachedMagnitudes[suffix]
		if !ok {
			return nil, false, false, false
		}
		v *= m
		scaled = true
	}
	vals = []float64{v}
	if ranged {
		if w, err := strconv.ParseFloat(strings.ReplaceAll(tail, ",", ""), 64); err == nil {
			if len(tail) == 2 && len(digits) == 4 { // 2008-09
				w += float64(int(v) / 100 * 100)
			}
			vals = append(vals, w)
		}
	}
	return vals, scaled, ordinal, true
}

// readNumber reads the number that starts at token i, if one does: digits, with a
// magnitude word after them ("3 billion", "1.5 million"), or number words ("three",
// "twenty-five", "two hundred and fifty", "three million"). It does not look at what
// comes before (see hedgeBefore).
func readNumber(toks []token, i int) (number, bool) {
	t := toks[i]
	n := number{from: i, to: i + 1}
	switch t.kind {
	case tokNum:
		vals, scaled, ordinal, ok := parseDigits(t.norm)
		if !ok {
			return number{from: i, to: i + 1, identity: true}, true
		}
		n.values, n.scaled, n.ordinal = vals, scaled, ordinal
		n.raw = append([]float64(nil), vals...)
		if i+1 < len(toks) && toks[i+1].kind == tokWord && !scaled {
			if m, ok := wordMagnitudes[toks[i+1].norm]; ok {
				for k := range n.values {
					n.values[k] *= m
				}
				n.scaled, n.to = true, i+2
			}
		}
	case tokWord:
		if _, ok := numberWordValue(t.norm); !ok {
			return yearInWord(t, i)
		}
		total, cur := 0.0, 0.0
		j := i
		for ; j < len(toks) && toks[j].kind == tokWord; j++ {
			w := toks[j].norm
			if v, ok := numberWordValue(w); ok {
				cur += v
				continue
			}
			if m, ok := wordMagnitudes[w]; ok && j > i {
				if m == 100 {
					cur *= m
				} else {
					total, cur = total+cur*m, 0
				}
				n.scaled = true
				continue
			}
			if w == "and" && j > i && j+1 < len(toks) {
				if _, ok := numberWordValue(toks[j+1].norm); ok {
					continue
				}
			}
			break
		}
		n.values, n.raw, n.words, n.to = []float64{total + cur}, []float64{total + cur}, true, j
	default:
		return number{}, false
	}
	return n, true
}

// yearInWord reads the year in a lower-case word joined to it: "mid-2008", "pre-1979".
func yearInWord(t token, i int) (number, bool) {
	if !t.shape.joined || t.shape.upper {
		return number{}, false
	}
	for _, p := range strings.FieldsFunc(t.norm, func(r rune) bool { return r == '-' || r == '/' }) {
		if len(p) == 4 && (strings.HasPrefix(p, "19") || strings.HasPrefix(p, "20")) {
			if y, err := strconv.Atoi(p); err == nil {
				return number{values: []float64{float64(y)}, raw: []float64{float64(y)}, from: i, to: i + 1}, true
			}
		}
	}
	return number{}, false
}

// wordMagnitudes are the magnitude words that may follow a number.
var wordMagnitudes = map[string]float64{
	"hundred": 1e2, "thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "billion": 1e9,
	"bln": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12,
}

// hedgeBefore returns how the words before token i qualify a number there.
func hedgeBefore(toks []token, i int) hedge {
	w := func(k int) string {
		if k < 0 || toks[k].kind != tokWord {
			return ""
		}
		return toks[k].norm
	}
	if i > 0 && toks[i-1].text == "~" {
		return hedgeAbout
	}
	one, two := w(i-1), w(i-2)+" "+w(i-1)
	switch one {
	case "about", "around", "approximately", "approx", "roughly", "nearly", "almost", "some",
		"circa", "ca", "estimated", "reportedly", "perhaps", "maybe", "possibly", "likely":
		return hedgeAbout
	case "over", "above", "exceeding", "beyond", "upwards", "plus":
		return hedgeAtLeast
	case "under", "below", "within":
		return hedgeAtMost
	}
	switch two {
	case "more than", "at least", "upwards of", "in excess", "greater than", "higher than", "as many", "as much":
		return hedgeAtLeast
	case "less than", "fewer than", "up to", "at most", "no more", "lower than":
		return hedgeAtMost
	case "close to", "just over", "just under", "just below", "just above", "an estimated":
		return hedgeAbout
	}
	return hedgeExact
}

// date is a calendar reference: month 1-12, day 1-31 and year, 0 where not given.
type date struct{ m, d, y int }

// foundDate is a date and the tokens [from, to) it was read from.
type foundDate struct {
	date
	from, to int
}

var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var weekdays = setOf(`monday tuesday wednesday thursday friday saturday sunday mon tue tues
	wed thu thur thurs fri sat sun`)

// monthOf returns the month a capitalised word names ("June", "JUN", "mid-June") and
// whether the word is a month only when a number stands next to it ("May", "March" at a
// sentence start, abbreviations).
func monthOf(t token) (m int, needsNumber bool) {
	if t.kind != tokWord || !t.isCap() && !strings.Contains(t.norm, "-") {
		return 0, false
	}
	norm := t.norm
	if i := strings.LastIndexByte(norm, '-'); i >= 0 {
		switch norm[:i] {
		case "mid", "early", "late", "end", "pre", "post":
			norm = norm[i+1:]
		default:
			return 0, false
		}
	} else if !t.isCap() {
		return 0, false
	}
	m = monthNames[norm]
	if m == 0 {
		return 0, false
	}
	full := len(norm) > 4 || norm == "june" || norm == "july"
	needsNumber = !full || norm == "may" || norm == "march" && t.sentStart
	return m, needsNumber
}

// dayAt returns the day of month a number token gives ("13", "13th"), with the second day
// of a range ("14-17").
func dayAt(toks []token, i int) (int, int, bool) {
	if i < 0 || i >= len(toks) || toks[i].kind != tokNum {
		return 0, 0, false
	}
	vals, scaled, _, ok := parseDigits(toks[i].norm)
	if !ok || scaled || vals[0] < 1 || vals[0] > 31 || vals[0] != float64(int(vals[0])) {
		return 0, 0, false
	}
	d2 := 0
	if len(vals) == 2 && vals[1] >= 1 && vals[1] <= 31 {
		d2 = int(vals[1])
	}
	return int(vals[0]), d2, true
}

// yearAt returns the year a number token gives: four digits from 1900 to 2099, or with
// short true also two digits ("07" is 2007, "79" is 1979).
func yearAt(toks []token, i int, short bool) (int, bool) {
	if i < 0 || i >= len(toks) || toks[i].kind != tokNum {
		return 0, false
	}
	s := toks[i].norm
	if len(s) == 4 {
		if y, err := strconv.Atoi(s); err == nil && y >= 1900 && y <= 2099 {
			return y, true
		}
	}
	if short && len(s) == 2 {
		if y, err := strconv.Atoi(s); err == nil {
			return expandYear(y), true
		}
	}
	return 0, false
}

// expandYear reads a two-digit year: 00-39 as 2000-2039, 40-99 as 1940-1999.
func expandYear(y int) int {
	if y < 40 {
		return 2000 + y
	}
	return 1900 + y
}

// findDates returns the dates in toks in order. With lenient set (for source texts) it also
// reads numeric dates day first, two-digit years after a month ("JUN 07") and the days
// of a range; a claim is read only in the cable's own styles.
func findDates(toks []token, lenient bool) []foundDate {
	var out []foundDate
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tokNum {
			out = append(out, numericDates(toks, i, lenient)...)
			continue
		}
		m, needsNumber := monthOf(t)
		if m == 0 {
			continue
		}
		fd := foundDate{date: date{m: m}, from: i, to: i + 1}
		k := i + 1 // after the month and the full stop of an abbreviation ("Jan. 28")
		if k < len(toks) && toks[k].text == "." && toks[k].start == t.end && len(t.norm) <= 4 {
			k++
		}
		if d, d2, ok := dayAt(toks, k); ok && toks[k].start-toks[k-1].end <= 2 {
			// June 13, June 13th, June 14-17, June 14 – 17, June 14 to 17, June 13, 2007
			fd.d, fd.to = d, k+1
			if d2 == 0 && k+2 < len(toks) && rangeWord(toks[k+1]) {
				if e, _, ok := dayAt(toks, k+2); ok && e > d {
					d2, fd.to = e, k+3
				}
			}
			if y, ok := yearAt(toks, fd.to, false); ok {
				fd.y, fd.to = y, fd.to+1
			} else if fd.to+1 < len(toks) && toks[fd.to].text == "," {
				if y, ok := yearAt(toks, fd.to+1, false); ok {
					fd.y, fd.to = y, fd.to+2
				}
			}
			if d2 != 0 {
				out = append(out, fd, foundDate{date: date{m: m, d: d2, y: fd.y}, from: fd.from, to: fd.to})
				i = fd.to - 1
				continue
			}
		} else if d, ok := dayBefore(toks, i); ok {
			// 13 June, 13th of June, 13 June 2007; 260849Z JUN 07
			fd.d, fd.from = d, i-1
			if toks[i-1].kind == tokWord { // "of"
				fd.from = i - 2
			}
			if y, ok := yearAt(toks, k, lenient || dtgAt(toks, i-1)); ok {
				fd.y, fd.to = y, k+1
			}
		} else if y, ok := yearAt(toks, k, lenient); ok {
			fd.y, fd.to = y, k+1 // June 2007, JUN 07, Nov. 2002
		} else if needsNumber && !lenient {
			continue
		}
		out = append(out, fd)
		i = fd.to - 1
	}
	return out
}

// rangeWord reports whether a token joins the two ends of a range: a dash, "to",
// "through", "and".
func rangeWord(t token) bool {
	switch t.text {
	case "-", "\u2013", "\u2014", "to", "through", "and", "until", "till":
		return true
	}
	return false
}

// dayBefore returns the day written before the month at i: "13 June", "13th of June",
// "260849Z JUN".
func dayBefore(toks []token, i int) (int, bool) {
	k := i - 1
	if k >= 0 && toks[k].kind == tokWord && toks[k].norm == "of" {
		k--
	}
	if k < 0 || toks[k].kind != tokNum {
		return 0, false
	}
	if dtgAt(toks, k) {
		d, _ := strconv.Atoi(toks[k].norm[:2])
		return d, d >= 1 && d <= 31
	}
	d, d2, ok := dayAt(toks, k)
	return d, ok && d2 == 0
}

// dtgAt reports whether token k is the day-hour-minute of a date-time group ("260849Z").
func dtgAt(toks []token, k int) bool {
	s := toks[k].norm
	if len(s) != 7 || s[6] != 'z' {
		return false
	}
	for i := 0; i < 6; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// numericDates reads the dates of one number token: "6/13", "6/13/07", "06/26/2017"
// (month first, as the cables write them; lenient also day first) and "2007-06-26".
func numericDates(toks []token, i int, lenient bool) []foundDate {
	s := toks[i].norm
	if !strings.ContainsAny(s, "/-") {
		return nil
	}
	var parts []int
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' }) {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil
		}
		parts = append(parts, n)
	}
	mk := func(m, d, y int) (foundDate, bool) {
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return foundDate{}, false
		}
		return foundDate{date: date{m, d, y}, from: i, to: i + 1}, true
	}
	var out []foundDate
	switch {
	case strings.Count(s, "-") == 2 && len(parts) == 3 && parts[0] >= 1900: // ISO
		if fd, ok := mk(parts[1], parts[2], parts[0]); ok {
			out = append(out, fd)
		}
	case strings.Contains(s, "/") && (len(parts) == 2 || len(parts) == 3):
		y := 0
		if len(parts) == 3 {
			y = parts[2]
			if y < 100 {
				y = expandYear(y)
			}
		}
		if fd, ok := mk(parts[0], parts[1], y); ok {
			out = append(out, fd)
		}
		if lenient {
			if fd, ok := mk(parts[1], parts[0], y); ok {
				out = append(out, fd)
			}
		}
	}
	return out
}
