package brief

import (
	"bufio"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/cablebrief/summarize/summarizer/report"
)

//go:embed brief.html.tmpl
var templateFS embed.FS

// htmlTemplate is parsed when the package loads, so that a broken template stops the
// program at start-up. It is never modified after that.
var htmlTemplate = template.Must(template.New("brief.html.tmpl").Funcs(template.FuncMap{
	"short": report.Shorten,
}).ParseFS(templateFS, "brief.html.tmpl"))

// WriteHTML writes b as one self-contained HTML page (inline CSS, no script, no network
// resource): the selection, the bottom line, what was left out, a table of contents,
// each topic with its synthesis and its positions, the quoted paragraphs, and how the
// briefing was made. Each citation and quote links to the cable's own HTML briefing at
// its paragraph ("07PARIS2726.html#p4") when CableRef.Briefing names one, else to the
// paragraph in the appendix. All text from the cables or a model is escaped by
// html/template.
func (b *Briefing) WriteHTML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if err := htmlTemplate.Execute(bw, b.htmlView()); err != nil {
		return fmt.Errorf("write briefing html: %w", err)
	}
	return bw.Flush()
}

type htmlView struct {
	Title       string
	Selection   string
	Filter      string
	Posts       string
	Cables      []htmlCable
	BottomLine  []htmlSentence
	LeftOut     []string
	Topics      []htmlTopic
	Paragraphs  []htmlCableParas
	Engine      string
	Citations   string
	Usage       string
	Warnings    []string
	Legend      []report.LabelStyle
	SchemaVer   string
	HasChanges  bool
	TotalCables int
}

type htmlCable struct {
	ID, Date, Origin, Subject, Href string
}

type htmlSentence struct {
	Date        string
	Text        string
	Cites       []htmlCite
	Unsupported string
}

type htmlCite struct {
	Text, Href string
}

type htmlTopic struct {
	Anchor    string
	Name      string
	Cables    []string
	CableList string // Cables, cut after maxListed
	Note      string
	Synthesis []htmlSentence
	Positions []htmlPosition
	Omitted   int
	Flags     []conflictView
}

type htmlPosition struct {
	Date, Cable, CableHref, Actor, Affiliation string
	Targets                                    []targetView
	Quote                                      string
	QuoteHref                                  string
	QuotePara                                  int
	Flagged                                    bool
}

type htmlCableParas struct {
	Cable      htmlCable
	Paragraphs []htmlPara
}

type htmlPara struct {
	Anchor string
	Number int
	Text   string
}

func (b *Briefing) htmlView() htmlView {
	x := b.cableIndex()
	v := htmlView{Title: b.Title, Selection: b.selectionLine(), Filter: b.filterLine(), Posts: b.postsLine(),
		LeftOut: b.leftOutLines(), Engine: b.engineLine(), Citations: b.citationsLine(), Warnings: b.Warnings,
		SchemaVer: b.SchemaVersion, TotalCables: len(b.Selection.Cables)}
	for _, c := range b.Selection.Cables {
		href := ""
		if c.Briefing != "" {
			href = c.Briefing
		}
		v.Cables = append(v.Cables, htmlCable{ID: c.ID, Date: dateOr(c.Date), Origin: orUnknown(c.Origin), Subject: c.Subject, Href: href})
	}
	sentence := func(s Sentence) htmlSentence {
		hs := htmlSentence{Date: dateOr(s.Date), Text: s.Text, Unsupported: strings.Join(s.Unsupported, ", ")}
		for _, c := range s.Citations {
			hs.Cites = append(hs.Cites, htmlCite{Text: c.String(), Href: x.href(c.Cable, c.Paragraph)})
		}
		return hs
	}
	for _, s := range b.BottomLine {
		v.BottomLine = append(v.BottomLine, sentence(s))
	}
	var labels []string
	for i, t := range b.Topics {
		ht := htmlTopic{Anchor: fmt.Sprintf("topic-%d", i+1), Name: t.Name, Cables: t.Cables, CableList: capped(t.Cables, maxListed), Note: t.Note, Omitted: t.PositionsOmitted}
		for _, s := range t.Synthesis {
			ht.Synthesis = append(ht.Synthesis, sentence(s))
		}
		for _, r := range t.Positions {
			hp := htmlPosition{Date: dateOr(r.Date), Cable: r.CableID, CableHref: x[r.CableID].Briefing, Actor: r.Actor, Affiliation: r.Affiliation,
				Targets: positionTargets(r), Flagged: len(r.Flags) > 0}
			if strings.Contains(r.Actor, r.Affiliation) {
				hp.Affiliation = ""
			}
			if len(r.Evidence) > 0 {
				e := r.Evidence[0]
				hp.Quote, hp.QuotePara, hp.QuoteHref = e.Quote, e.Paragraph, x.href(r.CableID, e.Paragraph)
			}
			for _, tg := range r.Targets {
				labels = append(labels, tg.Label)
			}
			ht.Positions = append(ht.Positions, hp)
			ht.Flags = append(ht.Flags, conflicts(r)...)
		}
		v.HasChanges = v.HasChanges || len(ht.Flags) > 0
		v.Topics = append(v.Topics, ht)
	}
	v.Legend = report.LabelStyles(labels)
	for _, q := range b.Paragraphs {
		if n := len(v.Paragraphs); n == 0 || v.Paragraphs[n-1].Cable.ID != q.Cable {
			c := x[q.Cable]
			v.Paragraphs = append(v.Paragraphs, htmlCableParas{Cable: htmlCable{ID: c.ID, Date: dateOr(c.Date), Origin: orUnknown(c.Origin), Subject: c.Subject, Href: c.Briefing}})
		}
		cp := &v.Paragraphs[len(v.Paragraphs)-1]
		cp.Paragraphs = append(cp.Paragraphs, htmlPara{Anchor: anchor(q.Cable, q.Number), Number: q.Number, Text: q.Text})
	}
	if u := b.Usage; u.Requests > 0 || u.CacheHits > 0 {
		v.Usage = fmt.Sprintf("%s, %s, %s; %d prompt + %d completion tokens", count(u.Requests, "request"), count(u.CacheHits, "cache hit"), count(u.ReAsks, "re-ask"), u.PromptTokens, u.CompletionTokens)
	}
	return v
}
