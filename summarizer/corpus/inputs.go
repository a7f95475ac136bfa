package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Exts are the file endings taken from a directory.
var Exts = []string{".txt", ".html", ".htm", ".csv", ".tsv"}

// ErrNoCables is the error of a directory that holds no file with one of Exts.
var ErrNoCables = errors.New("directory has no cables (*.txt, *.html, *.csv)")

// HasExt reports whether a file name has one of Exts, in any case.
func HasExt(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Exts {
		if ext == e {
			return true
		}
	}
	return false
}

// Size returns the number of files and their bytes that Walk would give for paths
// (stdin counts as one file of unknown size, 0 bytes), for progress. Paths that cannot
// be read count nothing.
func Size(paths []string) (files int, bytes int64) {
	for _, p := range paths {
		if p == "-" {
			files++
			continue
		}
		walk(p, func(path string, size int64, err error) bool {
			if err == nil {
				files++
				bytes += size
			}
			return true
		})
	}
	return files, bytes
}

// walk calls fn for path when it is a file, and for every file with one of Exts under it
// when it is a directory, in lexical order, without holding the list of files. A path
// that does not exist, an unreadable directory or a directory without cables is reported
// to fn with an error. fn returns false to stop.
func walk(path string, fn func(path string, size int64, err error) bool) bool {
	st, err := os.Stat(path)
	if err != nil {
		return fn(path, 0, Describe(err))
	}
	if !st.IsDir() {
		return fn(path, st.Size(), nil)
	}
	any, stopped := false, false
	walkErr := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !fn(p, 0, Describe(err)) {
				stopped = true
				return filepath.SkipAll
			}
			return nil
		}
		if d.IsDir() || !HasExt(p) {
			return nil
		}
		info, err := d.Info()
		size := int64(0)
		if err == nil {
			size = info.Size()
		}
		any = true
		if !fn(p, size, nil) {
			stopped = true
			return filepath.SkipAll
		}
		return nil
	})
	switch {
	case stopped:
		return false
	case walkErr != nil:
		return fn(path, 0, walkErr)
	case !any:
		return fn(path, 0, ErrNoCables)
	}
	return true
}

// Describe drops the path from an *fs.PathError, whose caller names the file, and says
// the common causes in plain words.
func Describe(err error) error {
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
