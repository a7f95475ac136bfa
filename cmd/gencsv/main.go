// Command gencsv writes a synthetic release: a cables.csv in the format of the 2010
// release (8 columns: row, date "M/D/YYYY H:MM", refid, origin, classification,
// references, header, content; quotes escaped with a backslash; newlines inside fields)
// made of the cables of a directory (the shared pool of cables), repeated until it has the
// number of rows asked for. Each copy gets its own refid (the serial plus a multiple of
// 1,000,000), so that no two rows are one cable. The metadata columns come from the
// directory's _meta.json when it has one ("Created", "Origin", "Classification").
//
// It is for benchmarks and for trying the corpus path at the size of the release:
//
//	go run ./cmd/gencsv -n 251287 -o /tmp/release.csv POOL_DIR   # 2.5 GB from the shared pool
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type meta struct {
	Created        string `json:"Created"`
	Origin         string `json:"Origin"`
	Classification string `json:"Classification"`
}

type cable struct {
	id, date, origin, class, header, content string
}

func main() {
	n := flag.Int("n", 251287, "rows to write")
	out := flag.String("o", "", "output file (default stdout)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: gencsv [-n ROWS] [-o FILE] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	cables, err := load(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencsv:", err)
		os.Exit(1)
	}
	w := os.Stdout
	if *out != "" {
		if w, err = os.Create(*out); err != nil {
			fmt.Fprintln(os.Stderr, "gencsv:", err)
			os.Exit(1)
		}
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := write(bw, cables, *n); err == nil {
		err = bw.Flush()
	}
	if err == nil && w != os.Stdout {
		err = w.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencsv:", err)
		os.Exit(1)
	}
}

var reID = regexp.MustCompile(`^(\d\d[A-Z]+?)(\d+)$`)

func write(w *bufio.Writer, cables []cable, n int) error {
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "'", `\'`)
	for i := range n {
		c := cables[i%len(cables)]
		id := c.id
		if k := i / len(cables); k > 0 {
			if m := reID.FindStringSubmatch(id); m != nil {
				serial, _ := strconv.Atoi(m[2])
				id = m[1] + strconv.Itoa(serial+k*1_000_000)
			} else {
				id = fmt.Sprintf("%s%d", id, k)
			}
		}
		cols := []string{strconv.Itoa(i + 1), c.date, id, c.origin, c.class, "", c.header, c.content}
		for j, col := range cols {
			if j > 0 {
				w.WriteByte(',')
			}
			w.WriteByte('"')
			w.WriteString(esc.Replace(col))
			w.WriteByte('"')
		}
		if err := w.WriteByte('\n'); err != nil {
			return err
		}
	}
	return nil
}

// load reads the cables of dir (*.txt, sorted) and its _meta.json.
func load(dir string) ([]cable, error) {
	metas := map[string]meta{}
	if b, err := os.ReadFile(filepath.Join(dir, "_meta.json")); err == nil {
		if err := json.Unmarshal(b, &metas); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "_meta.json"), err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no *.txt cables", dir)
	}
	var out []cable
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		m := metas[id]
		header, content := split(string(b))
		out = append(out, cable{id: id, date: releaseDate(m.Created), origin: m.Origin, class: m.Classification, header: header, content: content})
	}
	return out, nil
}

// split cuts a cable's text as the release's columns do: the routing block (up to the
// first blank line, when it holds an FM line) is the header, the rest the content.
func split(text string) (header, content string) {
	head, rest, ok := strings.Cut(text, "\n\n")
	if ok && regexp.MustCompile(`(?m)^FM `).MatchString(head) {
		return head, strings.TrimLeft(rest, "\n")
	}
	return "", text
}

// releaseDate writes "2007-06-26 08:49" as the release does: "6/26/2007 8:49".
func releaseDate(created string) string {
	day, clock, _ := strings.Cut(created, " ")
	p := strings.Split(day, "-")
	if len(p) != 3 {
		return ""
	}
	mo, _ := strconv.Atoi(p[1])
	d, _ := strconv.Atoi(p[2])
	h, m, _ := strings.Cut(clock, ":")
	hh, _ := strconv.Atoi(h)
	return fmt.Sprintf("%d/%d/%s %d:%s", mo, d, p[0], hh, m)
}
