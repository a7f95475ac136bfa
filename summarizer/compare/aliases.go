package compare

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// LoadAliases reads an aliases file: one "alias = canonical" pair a line, mapping a name
// as reports write it to the name it stands for. Blank lines are ignored, and so is
// everything from a "#" at the start of a line or after white space; white space around
// either name is trimmed. For example:
//
//	# names the rules cannot merge
//	ZP = Zapatero
//	the Secretary = Condoleezza Rice   # in cables from Washington
//
// The map is keyed by alias in lower case with white space collapsed, the form Build
// matches names in; canonical names are kept as written. A line without "=", with an empty
// side, or giving a second, different canonical name for the same alias is an error
// naming the file and line.
func LoadAliases(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load aliases: %w", err)
	}
	defer f.Close()
	out := map[string]string{}
	where := map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "#"); i == 0 || (i > 0 && (line[i-1] == ' ' || line[i-1] == '\t')) {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		alias, canon, ok := strings.Cut(line, "=")
		alias, canon = collapse(alias), collapse(canon)
		switch {
		case !ok:
			return nil, fmt.Errorf("load aliases %s:%d: want \"alias = canonical\", got %q", path, n, line)
		case alias == "" || canon == "":
			return nil, fmt.Errorf("load aliases %s:%d: empty name in %q", path, n, line)
		}
		k := aliasKey(alias)
		if prev, dup := out[k]; dup && !strings.EqualFold(prev, canon) {
			return nil, fmt.Errorf("load aliases %s:%d: %q already maps to %q (line %d)", path, n, alias, prev, where[k])
		}
		out[k], where[k] = canon, n
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("load aliases %s: %w", path, err)
	}
	return out, nil
}
