package offline

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/cablebrief/summarize/summarizer"
)

// sentence is one sentence of a section with where it stands.
type sentence struct {
	Para  int    // paragraph number
	Text  string // verbatim, markers such as "SUMMARY:" and "END COMMENT" trimmed off
	Start int    // byte offset of Text in the paragraph text
	Lead  bool   // first sentence of its paragraph
	Voice string
	Index int     // position in the section
	Toks  []token // tokenize(Text), filled by tokens
}

// tokens returns the words of s, tokenizing once.
func (s *sentence) tokens() []token {
	if s.Toks == nil {
		s.Toks = tokenize(s.Text)
	}
	return s.Toks
}

var (
	leadMarker  = regexp.MustCompile(`(?i)^[(\[]?\s*(?:begin\s+)?(?:summary(?:\s+and\s+(?:comment|action\s+request))?(?:\s+cont(?:inued|\.)?)?|comment|note|introduction(?:\s+and\s+summary)?|end\s+(?:summary|comment|note))\s*[:.\-)]+\s*`)
	trailMarker = regexp.MustCompile(`(?i)\s*[(\[]?\s*end\s+(?:of\s+)?(?:summary(?:\s+and\s+comment)?|comment|note)\s*[.)\]]*\s*$`)
	commentOpen = regexp.MustCompile(`(?i)(?:^|[\s(\[])comment\s*[:.\-]`)
	commentEnd  = regexp.MustCompile(`(?i)\bend\s+(?:of\s+)?comment\b`)
	summaryAnd  = regexp.MustCompile(`(?i)summary\s+and\s+$`)
	instrMarker = regexp.MustCompile(`(?i)\b(?:posts?|embassy|embassies|missions?|addressees?|ambassadors?|action\s+addressees)\s+(?:should|are\s+(?:requested|instructed|asked)|is\s+(?:requested|instructed|asked)|may\s+draw)\b`)
	instrTitle  = regexp.MustCompile(`(?i)talking\s+points|points\s+to\s+make|instructions?|objectives|non-paper|demarche|action\s+request|guidance`)
)

// cleanSpan trims section markers off both ends of text[s:e] and returns the new span.
func cleanSpan(text string, s, e int) (int, int) {
	for range 3 {
		seg := text[s:e]
		if mayHaveMarker(seg[:min(len(seg), 40)]) {
			if loc := leadMarker.FindStringIndex(seg); loc != nil && loc[1] > 0 {
				s += loc[1]
				continue
			}
		}
		if tail := seg[max(0, len(seg)-40):]; strings.Contains(strings.ToLower(tail), "end") {
			// Run the unanchored pattern on the tail only; a marker is short.
			off := len(seg) - len(tail)
			if loc := trailMarker.FindStringIndex(tail); loc != nil && loc[0] < len(tail) {
				e = s + off + loc[0]
				continue
			}
		}
		break
	}
	return trimSpan(text, s, e)
}

// mayHaveMarker is a cheap test before leadMarker: the text names a marker word.
func mayHaveMarker(head string) bool {
	h := strings.ToLower(head)
	for _, w := range []string{"summary", "comment", "note", "introduction", "end"} {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// sectionSentences splits the paragraphs of a section into sentences and sets their voice.
func sectionSentences(in summarizer.SectionInput) []sentence {
	var out []sentence
	instruction := instrTitle.MatchString(in.Section.Title)
	department := in.Cable != nil && strings.Contains(strings.ToUpper(in.Cable.Origin), "SECSTATE")
	inComment := in.Section.Kind == summarizer.KindComment
	for _, p := range in.Paragraphs {
		comments := commentSpans(p.Text, inComment)
		inComment = in.Section.Kind == summarizer.KindComment || (len(comments) > 0 && comments[len(comments)-1].End == len(p.Text) && !commentEnd.MatchString(p.Text[comments[len(comments)-1].Start:]))
		paraInstr := instruction || (department && instrMarker.MatchString(p.Text))
		first := true
		for _, sp := range splitSentences(p.Text) {
			s, e := cleanSpan(p.Text, sp.Start, sp.End)
			if e <= s {
				continue
			}
			voice := summarizer.VoiceReported
			if paraInstr {
				voice = summarizer.VoiceInstruction
			}
			for _, c := range comments {
				if sp.Start >= c.Start && sp.Start < c.End || s >= c.Start && s < c.End {
					voice = summarizer.VoiceEmbassy
				}
			}
			out = append(out, sentence{Para: p.Number, Text: p.Text[s:e], Start: s, Lead: first, Voice: voice, Index: len(out)})
			first = false
		}
	}
	return out
}

// commentSpans returns the COMMENT ... END COMMENT spans of a paragraph; a comment with
// no end runs to the end of the paragraph, and open means the paragraph starts inside a
// comment carried over from the one before.
func commentSpans(text string, open bool) []span {
	if !open && !strings.Contains(strings.ToLower(text), "comment") {
		return nil
	}
	var out []span
	pos := 0
	if open {
		end := len(text)
		if loc := commentEnd.FindStringIndex(text); loc != nil {
			end = loc[1]
		}
		out = append(out, span{0, end})
		pos = end
	}
	for pos < len(text) {
		loc := commentOpen.FindStringIndex(text[pos:])
		if loc == nil {
			break
		}
		start := pos + loc[0]
		before := text[:start+1]
		if strings.HasSuffix(strings.ToLower(strings.TrimSpace(text[max(0, start-4):start+1])), "end") || summaryAnd.MatchString(before) || strings.HasSuffix(strings.ToLower(strings.TrimSpace(text[max(0, start-3):start+1])), "no") {
			pos += loc[1]
			continue
		}
		end := len(text)
		if e := commentEnd.FindStringIndex(text[pos+loc[1]:]); e != nil {
			end = pos + loc[1] + e[1]
		}
		out = append(out, span{start, end})
		pos = end
	}
	return out
}

// stopwordList are the words left out of the word sets compared by TextRank.
const stopwordList = `a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your said says told noted added stated explained saw see met made took gave went came got say know knew think also`

// words returns the content words of s for similarity: lower case, stopwords and short
// words left out, a plural "s" dropped.
func words(s string, stop map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, t := range tokenize(s) {
		if w, ok := contentWord(t.Lower, stop); ok {
			out[w] = true
		}
	}
	return out
}

func contentWord(w string, stop map[string]bool) (string, bool) {
	if len(w) < 3 || stop[w] {
		return "", false
	}
	if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	return w, true
}

// edge is a weighted link of the sentence graph.
type edge struct {
	to int
	w  float64
}

// rank scores sentences by TextRank over word-overlap similarity (Mihalcea and Tarau
// 2004), then weights lead sentences: the first sentence of the section doubles, the
// first of each other paragraph gains half; fragments and sentences that open with a
// pronoun lose. Scores are comparable within one call.
func rank(sents []sentence, stop map[string]bool) []float64 {
	out, ws := centrality(sents, stop)
	for i, s := range sents {
		switch {
		case i == 0:
			out[i] *= 2
		case s.Lead:
			out[i] *= 1.5
		}
		if len(ws[i]) < 4 {
			out[i] *= 0.5 // fragments say little
		}
		if i > 0 && pronounStart(s.Text) {
			out[i] *= 0.6 // "He agreed ..." needs the sentence before it
		}
	}
	return out
}

// centrality scores sentences by TextRank over word-overlap similarity, without
// weights, and returns each sentence's content word ids too.
func centrality(sents []sentence, stop map[string]bool) ([]float64, [][]int) {
	n := len(sents)
	// Word sets as sorted ids, so overlaps are merges.
	ids := map[string]int{}
	ws := make([][]int, n)
	for i := range sents {
		var set []int
		for _, t := range sents[i].tokens() {
			w, ok := contentWord(t.Lower, stop)
			if !ok {
				continue
			}
			id, seen := ids[w]
			if !seen {
				id = len(ids)
				ids[w] = id
			}
			set = append(set, id)
		}
		slices.Sort(set)
		ws[i] = slices.Compact(set)
	}
	logs := make([]float64, n)
	for i := range n {
		logs[i] = math.Log(float64(len(ws[i])))
	}
	adj := make([][]edge, n)
	sum := make([]float64, n)
	for i := range n {
		if len(ws[i]) < 2 {
			continue
		}
		for j := i + 1; j < n; j++ {
			if len(ws[j]) < 2 {
				continue
			}
			common := overlap(ws[i], ws[j])
			if common == 0 {
				continue
			}
			v := float64(common) / (logs[i] + logs[j])
			adj[i] = append(adj[i], edge{j, v})
			adj[j] = append(adj[j], edge{i, v})
			sum[i] += v
			sum[j] += v
		}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = 1
	}
	const d = 0.85
	next := make([]float64, n)
	for range 40 {
		for i := range n {
			v := 0.0
			for _, e := range adj[i] {
				v += e.w / sum[e.to] * out[e.to]
			}
			next[i] = 1 - d + d*v
		}
		out, next = next, out
	}
	return out, ws
}

// overlap counts the ids two sorted sets share.
func overlap(a, b []int) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// pronounStart reports whether s opens with a pronoun that refers back.
func pronounStart(s string) bool {
	w, _, _ := strings.Cut(strings.TrimLeft(s, "-*( \"'"), " ")
	switch strings.ToLower(w) {
	case "he", "she", "they", "it", "this", "these", "that", "those", "his", "her", "their", "its":
		return true
	}
	return false
}

// pick returns the indexes, in document order, of up to n sentences within budget bytes
// (joined with spaces): the section's lead sentence first, then the best ranked. A
// sentence is never cut; when not even the lead fits, the shortest of the three best
// ranked is taken alone.
func pick(sents []sentence, scores []float64, n, budget int) []int {
	if len(sents) == 0 {
		return nil
	}
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return a - b
	})
	var chosen []int
	used := 0
	for _, i := range append([]int{0}, order...) {
		if len(chosen) >= n || slices.Contains(chosen, i) {
			continue
		}
		l := len(sents[i].Text)
		if used > 0 {
			l++
		}
		if budget > 0 && used+l > budget {
			continue
		}
		chosen = append(chosen, i)
		used += l
	}
	if len(chosen) == 0 {
		best := order[:min(3, len(order))]
		short := best[0]
		for _, i := range best {
			if len(sents[i].Text) < len(sents[short].Text) {
				short = i
			}
		}
		chosen = []int{short}
	}
	slices.Sort(chosen)
	return chosen
}
