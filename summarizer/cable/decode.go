package cable

import (
	"errors"

	"github.com/cablebrief/summarize/summarizer/cable/source"
)

// decode turns the bytes of an input into the texts of the cables it holds, with
// source.Decode. Its errors lose the "decode <name>:" prefix (ParseBytes names the
// file), and an input with no text gives ErrEmpty.
func decode(name string, data []byte) ([]source.Doc, error) {
	docs, err := source.Decode(name, data)
	switch {
	case errors.Is(err, source.ErrEmpty):
		return nil, ErrEmpty
	case err != nil:
		if inner := errors.Unwrap(err); inner != nil {
			return nil, inner
		}
		return nil, err
	}
	return docs, nil
}
