package offline

import (
	"fmt"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
)

func TestZZSubj(t *testing.T) {
	e := New(Options{})
	txt := "The King will tell you about Yemen; he will stress the need to support Yemeni unity."
	c := &summarizer.Cable{ID: "TEST", Origin: "AMEMBASSY RIYADH", Subject: "TEST", Paragraphs: []summarizer.Paragraph{{Number: 1, Text: txt}}}
	cx := &finder{reg: e.registry(c), cues: e.cues}
	toks := tokenize(txt)
	ms := cx.mentions(toks, false, "reported")
	fmt.Printf("%+v\n", ms)
	for i := range toks {
		if q := cx.cues.match(toks, i); q != nil {
			fmt.Println("cue", i, toks[i].Text, q.Label, q.Base, baseAllowed(toks, i, cx.cues))
			a, s, ok := cx.subject(toks, ms, i, i+len(q.Words)-1, false, "reported")
			fmt.Println("  subj", a, s, ok)
		}
	}
}
