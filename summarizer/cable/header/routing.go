// The routing block: transmission lines, addressees of the TO, INFO and XMT lists,
// and the date of the date-time group.

package header

import (
	"regexp"
	"strconv"
	"strings"
)

var months = map[string]string{
	"JAN": "01", "FEB": "02", "MAR": "03", "APR": "04", "MAY": "05", "JUN": "06",
	"JUL": "07", "AUG": "08", "SEP": "09", "OCT": "10", "NOV": "11", "DEC": "12",
}

// isRouting reports whether t is a line of the transmission's routing block:
// "VZCZCXRO5766", "PP RUEHDBU RUEHFL", "RUEHLN RUEHLZ", "DE RUEHFR #2726/01 1770849",
// "ZNY CCCCC ZZH", "BT", "NNNN", "#2726".
func isRouting(t string) bool {
	switch {
	case strings.HasPrefix(t, "VZCZC"):
		return !strings.ContainsAny(t, " \t")
	case strings.HasPrefix(t, "ZNY ") || strings.HasPrefix(t, "ZNR "):
		return true
	case t == "ZZH" || t == "BT" || t == "NNNN":
		return true
	case t[0] == '#':
		return len(t) > 1 && isDigits(t[1:])
	case strings.HasPrefix(t, "DE R"):
		return strings.Contains(t, " #")
	case len(t) > 4 && strings.IndexByte("OPRZ", t[0]) >= 0 && strings.IndexByte("OPRZ", t[1]) >= 0 && t[2] == ' ':
		r := strings.TrimLeft(t[3:], " \t")
		return len(r) > 2 && r[0] == 'R' && (r[1] == 'U' || r[1] == 'H')
	case t[0] == 'R' && len(t) > 1 && (t[1] == 'U' || t[1] == 'H'):
		for rest := t; rest != ""; {
			rest = strings.TrimLeft(rest, " \t")
			if rest == "" {
				break
			}
			w := rest
			if k := strings.IndexAny(rest, " \t"); k >= 0 {
				w, rest = rest[:k], rest[k:]
			} else {
				rest = ""
			}
			if len(w) < 5 || w[0] != 'R' || (w[1] != 'U' && w[1] != 'H') || !isLetters(w[2:5]) || strings.IndexByte(w, '/') >= 0 {
				return false
			}
		}
		return true
	}
	return false
}

func stripRouting(s string) string {
	s = strings.TrimSpace(s)
	if k := strings.IndexByte(s, '/'); k > 0 && k <= 8 && strings.HasPrefix(s, "R") && !strings.Contains(s[:k], " ") {
		s = s[k+1:]
	}
	return strings.TrimSpace(s)
}

// reOfficeCodes matches the distribution lines of a department copy ("INFO LOG-00
// MFA-00 EEB-00 ..."), which are not addressees.
var reOfficeCodes = regexp.MustCompile(`^(?:[A-Z]{1,5}-\d{2}\b\s*){2,}|/\d{3}[A-Z]$`)

var precedences = map[string]bool{
	"IMMEDIATE": true, "PRIORITY": true, "ROUTINE": true, "FLASH": true, "NIACT": true,
}

// addressee cleans one TO/INFO line: routing prefix, precedence and serial removed.
func addressee(s string) string {
	s = strings.TrimSpace(s)
	if k := strings.IndexByte(s, '/'); k >= 4 && k <= 8 && isLetters(s[:k]) {
		s = s[k+1:]
	}
	s = collapseSpaces(strings.TrimSpace(s))
	// a trailing serial, then precedence words: "SECSTATE WASHDC PRIORITY 8475"
	if k := strings.LastIndexByte(s, ' '); k >= 0 {
		if w := s[k+1:]; isDigits(w) && len(w) >= 3 && len(w) <= 5 {
			s = s[:k]
		}
	}
	for {
		k := strings.LastIndexByte(s, ' ')
		if k < 0 || !precedences[s[k+1:]] {
			break
		}
		s = s[:k]
	}
	return strings.TrimRight(s, " ,")
}

func (f *Fields) addAddressee(kind int, s string) {
	a := addressee(s)
	if a == "" || a[0] == '-' || strings.HasPrefix(a, "PAGE ") || (strings.IndexByte(a, '-') >= 0 || strings.Contains(a, "/0")) && reOfficeCodes.MatchString(a) {
		return
	}
	switch kind {
	case kTO:
		f.To = append(f.To, a)
	case kINFO:
		f.Info = append(f.Info, a)
	}
}

func isoDate(yy, mon, dd string) string {
	m, ok := months[mon]
	if !ok {
		return ""
	}
	d, err := strconv.Atoi(dd)
	if err != nil || d < 1 || d > 31 {
		return ""
	}
	return century(yy) + yy + "-" + m + "-" + dd
}

func century(yy string) string {
	if n, err := strconv.Atoi(yy); err == nil && n >= 40 {
		return "19"
	}
	return "20"
}
