// The reference id of a cable: from the DTG year, station and serial, or the file
// name.

package header

import (
	"path/filepath"
	"regexp"
	"strings"
)

// reNameID matches a reference id in a file name.
var reNameID = regexp.MustCompile(`\d{2}[A-Z][A-Z]*\d+`)

// makeID makes a reference id of the two-digit year, the compact station and the
// serial (leading zeros dropped), "" when one of them is missing.
func makeID(yy, station, serial string) string {
	if yy == "" || station == "" || serial == "" {
		return ""
	}
	serial = strings.TrimLeft(serial, "0")
	if serial == "" {
		return ""
	}
	return yy + station + serial
}

// ownID is the cable's own id as far as it is known, to keep page headers that cite it
// out of its references.
//
// Without a date-time group the banner's station and serial take the year of the file
// name, as Parse does for the cable's id.
func ownID(yy, station, serial, name string) string {
	if id := makeID(yy, station, serial); id != "" {
		return id
	}
	if id := makeID(yearOf("", "", name), station, serial); id != "" && !isXs(station) {
		return id
	}
	return idFromName(name)
}

// idFromName takes the reference id from a file name: the last "07PARIS2726"-shaped run
// of its base name, or the base name without extension.
func idFromName(name string) string {
	if name == "" || name == "-" {
		return ""
	}
	base := filepath.Base(name)
	if k := strings.IndexByte(base, '.'); k > 0 {
		base = base[:k]
	}
	if ms := reNameID.FindAllString(strings.ToUpper(base), -1); ms != nil {
		return ms[len(ms)-1]
	}
	return base
}

// yearOf returns the two-digit year of the cable: from the DTG, else from the file name.
func yearOf(dtgYear, station, name string) string {
	if dtgYear != "" {
		return dtgYear
	}
	id := idFromName(name)
	if len(id) >= 2 && id[0] >= '0' && id[0] <= '9' && id[1] >= '0' && id[1] <= '9' {
		return id[:2]
	}
	return ""
}
