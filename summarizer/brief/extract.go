package brief

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/cablebrief/summarize/summarizer/compare"
	"github.com/cablebrief/summarize/summarizer/offline"
)

// Thresholds of the extractive digest.
const (
	// duplicateSimilarity is the Jaccard similarity of content words at or above which
	// two sentences of material say the same: they become one, citing both.
	duplicateSimilarity = 0.6
	// redundantSimilarity is the similarity to a sentence already chosen at or above
	// which a candidate adds too little to be chosen too.
	redundantSimilarity = 0.4
	// maxSentenceBytes is the longest sentence the digest takes, unless nothing shorter
	// is left: a run-on sentence of a badly punctuated cable reads poorly in a synthesis.
	maxSentenceBytes = 480
	// maxRanked is the most candidates of one topic ranked by TextRank, whose cost grows
	// with their square; a larger topic's candidates are first narrowed by prefilter.
	maxRanked = 1500
	// bottomLineTopics is the most topics, the biggest, the bottom line is drawn from.
	bottomLineTopics = 12
)

// Extractive is the Engine without a model: an extractive digest. Its output depends
// only on its input; it sends nothing, so it needs no cache, and reports zero Usage. The
// zero value is ready to use and safe for concurrent use.
type Extractive struct{}

var _ Engine = Extractive{}

// Info reports the provider "offline".
func (Extractive) Info() summarizer.EngineInfo { return summarizer.EngineInfo{Provider: "offline"} }

// Topic writes a topic's synthesis from its material: near-duplicate sentences (those
// sharing at least 60% of their content words, the same point reported by several
// cables or by a summary and a key point) become one, citing every source, the earliest
// first; the rest are ranked by TextRank centrality (offline.Centrality) weighted up by
// the number of cables that report them; the best ranked that do not repeat a chosen
// one (40% of their words) are taken, up to in.Sentences, and ordered by date. Every
// sentence is a sentence of the material, verbatim, with its citations. It fails only
// when ctx is done.
func (Extractive) Topic(ctx context.Context, in TopicInput) ([]Sentence, summarizer.Usage, error) {
	if err := ctx.Err(); err != nil {
		return nil, summarizer.Usage{}, fmt.Errorf("digest %s: %w", in.Name, err)
	}
	cands := prefilter(merge(in.Material), maxRanked)
	texts := make([]string, len(cands))
	for i, c := range cands {
		texts[i] = c.text
	}
	scores := offline.Centrality(texts)
	for i, c := range cands {
		scores[i] *= 1 + math.Log(float64(len(c.cables)))
	}
	chosen := choose(cands, scores, max(1, in.Sentences))
	out := make([]Sentence, len(chosen))
	for i, ci := range chosen {
		out[i] = Sentence{Text: cands[ci].text, Citations: cands[ci].citations, Date: cands[ci].date}
	}
	slices.SortStableFunc(out, func(a, b Sentence) int { return compare.CmpCable(a.Date, "", b.Date, "") })
	return out, summarizer.Usage{}, nil
}

// BottomLine takes, from the syntheses of the topics, biggest first, the sentence of
// each that is most central among all their sentences, until in.Sentences are taken.
func (Extractive) BottomLine(ctx context.Context, in BottomLineInput) ([]Sentence, summarizer.Usage, error) {
	if err := ctx.Err(); err != nil {
		return nil, summarizer.Usage{}, fmt.Errorf("bottom line: %w", err)
	}
	// The bottom line draws on the biggest topics; ranking every topic's sentences
	// would cost the square of them all.
	topics := in.Topics[:min(len(in.Topics), bottomLineTopics)]
	var texts []string
	for _, t := range topics {
		for _, s := range t.Sentences {
			texts = append(texts, s.Text)
		}
	}
	scores := offline.Centrality(texts)
	var out []Sentence
	k := 0
	for _, t := range topics {
		best := -1
		for j := range t.Sentences {
			if best < 0 || scores[k+j] > scores[k+best] {
				best = j
			}
		}
		k += len(t.Sentences)
		if best >= 0 && len(out) < max(1, in.Sentences) {
			s := t.Sentences[best]
			s.Citations = slices.Clone(s.Citations)
			out = append(out, s)
		}
	}
	return out, summarizer.Usage{}, nil
}

// prefilter keeps, of more than n candidates, the n whose content words are the most
// frequent in all of them (their summed document frequency over the square root of their
// word count: a cheap degree centrality, in linear time), in their order; fewer are
// returned as they are.
func prefilter(cands []*candidate, n int) []*candidate {
	if len(cands) <= n {
		return cands
	}
	df := map[int]int{}
	for _, c := range cands {
		for _, w := range c.words {
			df[w]++
		}
	}
	score := make([]float64, len(cands))
	for i, c := range cands {
		for _, w := range c.words {
			score[i] += float64(df[w] - 1)
		}
		score[i] *= float64(len(c.cables)) / math.Sqrt(float64(max(1, len(c.words))))
	}
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
	keep := order[:n]
	slices.Sort(keep)
	out := make([]*candidate, n)
	for i, k := range keep {
		out[i] = cands[k]
	}
	return out
}

// candidate is one sentence of material, merged with its near duplicates.
type candidate struct {
	text      string
	words     []int // sorted ids of its content words
	citations []Citation
	cables    map[string]bool
	date      string
}

// merge folds the near duplicates of material (in date order) into the first of them.
func merge(material []Material) []*candidate {
	ids := map[string]int{}
	var out []*candidate
	for _, m := range material {
		var ws []int
		for w := range offline.ContentWords(m.Text) {
			id, ok := ids[w]
			if !ok {
				id = len(ids)
				ids[w] = id
			}
			ws = append(ws, id)
		}
		slices.Sort(ws)
		var into *candidate
		for _, c := range out {
			if jaccard(c.words, ws) >= duplicateSimilarity {
				into = c
				break
			}
		}
		if into == nil {
			out = append(out, &candidate{text: m.Text, words: ws, citations: slices.Clone(m.Citations), cables: map[string]bool{m.Cable: true}, date: m.Date})
			continue
		}
		into.cables[m.Cable] = true
		for _, c := range m.Citations {
			if !slices.Contains(into.citations, c) {
				into.citations = append(into.citations, c)
			}
		}
	}
	return out
}

// choose returns the indexes of up to n candidates: the best scored first, skipping
// those too like one chosen; and, while others are left, those that cite no paragraph
// not cited already (so that the digest spreads over the cables) and those too long.
func choose(cands []*candidate, scores []float64, n int) []int {
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	var chosen []int
	cited := map[Citation]bool{}
	for pass := 0; pass < 3 && len(chosen) < n; pass++ {
		for _, i := range order {
			c := cands[i]
			switch {
			case len(chosen) >= n, slices.Contains(chosen, i):
				continue
			case pass == 0 && !slices.ContainsFunc(c.citations, func(x Citation) bool { return !cited[x] }),
				pass <= 1 && len(c.text) > maxSentenceBytes:
				continue
			case slices.ContainsFunc(chosen, func(j int) bool { return jaccard(c.words, cands[j].words) >= redundantSimilarity }):
				continue
			}
			chosen = append(chosen, i)
			for _, x := range c.citations {
				cited[x] = true
			}
		}
	}
	return chosen
}

// jaccard is the share of the words of two sorted id sets that they have in common; 0
// when both are empty.
func jaccard(a, b []int) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	n := offline.Overlap(a, b)
	return float64(n) / float64(len(a)+len(b)-n)
}
