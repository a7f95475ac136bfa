package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/cable"
)

// input is one file named on the command line or found in a directory.
type input struct {
	name string
	data []byte
	err  error // reading failed; data is nil
}

// inputExts are the file endings taken from a directory.
var inputExts = []string{".txt", ".html", ".htm", ".csv"}

// collectInputs expands PATH arguments into inputs in a stable order. A path that does
// not exist, or a directory with no cables, becomes an input with an error, so that the
// other paths are still read.
func collectInputs(args []string, stdin io.Reader) []input {
	var out []input
	for _, a := range args {
		if a == "-" {
			data, err := readLimited(stdin)
			out = append(out, input{name: "-", data: data, err: err})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			out = append(out, input{name: a, err: describeOSError(err)})
			continue
		}
		if !st.IsDir() {
			out = append(out, readInput(a))
			continue
		}
		var files []string
		walkErr := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, input{name: p, err: describeOSError(err)})
				return nil
			}
			if !d.IsDir() && hasInputExt(p) {
				files = append(files, p)
			}
			return nil
		})
		if walkErr != nil {
			out = append(out, input{name: a, err: walkErr})
		}
		sort.Strings(files)
		if len(files) == 0 {
			out = append(out, input{name: a, err: errors.New("directory has no cables (*.txt, *.html, *.csv)")})
		}
		for _, f := range files {
			out = append(out, readInput(f))
		}
	}
	return out
}

func hasInputExt(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	for _, e := range inputExts {
		if ext == e {
			return true
		}
	}
	return false
}

func readInput(path string) input {
	f, err := os.Open(path)
	if err != nil {
		return input{name: path, err: describeOSError(err)}
	}
	defer f.Close()
	data, err := readLimited(f)
	return input{name: path, data: data, err: err}
}

// readLimited reads at most cable.MaxSize bytes and fails on more.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, cable.MaxSize+1))
	if err != nil {
		return nil, describeOSError(err)
	}
	if len(data) > cable.MaxSize {
		return nil, cable.ErrTooLarge
	}
	return data, nil
}

// describeOSError drops the path from an *fs.PathError: the caller names the file.
func describeOSError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return errors.New("no such file or directory")
		case errors.Is(err, fs.ErrPermission):
			return errors.New("permission denied")
		}
		return pe.Err
	}
	return err
}

// parsedInput is the cables of one input, or why there are none.
type parsedInput struct {
	name   string
	cables []*summarizer.Cable
	err    error
}

// parseInputs parses every input; failures are kept per input.
func parseInputs(ins []input) []parsedInput {
	out := make([]parsedInput, 0, len(ins))
	for _, in := range ins {
		if in.err != nil {
			out = append(out, parsedInput{name: in.name, err: in.err})
			continue
		}
		cs, err := cable.ParseBytes(in.name, in.data)
		for _, c := range cs {
			if c.ID == "" { // text that is not a cable, and not named by its file
				c.ID = fallbackID(in.name)
			}
		}
		out = append(out, parsedInput{name: in.name, cables: cs, err: err})
	}
	return out
}

// reportFailure prints the one-line error for an input on w.
func reportFailure(w io.Writer, name string, err error) {
	msg := err.Error()
	// The parser names the file itself ("parse NAME: …"); do not say it twice.
	if !strings.HasPrefix(msg, name+": ") && !strings.Contains(msg, " "+name+": ") {
		msg = name + ": " + msg
	}
	fmt.Fprintf(w, "summarize: %s\n", msg)
}

// fallbackID names a document without a reference id: its file name without the
// extension, or "stdin".
func fallbackID(name string) string {
	if name == "-" || name == "" {
		return "stdin"
	}
	base := filepath.Base(name)
	if id := strings.TrimSuffix(base, filepath.Ext(base)); id != "" {
		return id
	}
	return "document"
}
