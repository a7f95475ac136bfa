package offline

import (
	"math"
	"slices"
	"strings"
)

// Internal stance labels; they are mapped onto the configured label set at the end.
const (
	labSupports    = "supports"
	labConditional = "conditional"
	labNeutral     = "neutral"
	labSkeptical   = "skeptical"
	labOpposes     = "opposes"
)

// labelSynonyms are the names other label sets give to the engine's labels.
var labelSynonyms = map[string][]string{
	labSupports:    {"supports", "support", "supportive", "agrees", "agree", "favors", "favours", "for", "pro", "positive", "in favor", "in favour", "endorses"},
	labConditional: {"conditional", "conditional support", "qualified", "qualified support", "conditionally supports"},
	labNeutral:     {"neutral", "undecided", "noncommittal", "non-committal", "unclear", "mixed"},
	labSkeptical:   {"skeptical", "sceptical", "doubtful", "concerned", "cautious", "wary", "hesitant"},
	labOpposes:     {"opposes", "oppose", "opposed", "against", "rejects", "reject", "negative", "con"},
}

// labelFallbacks say which engine label to try next when the configured set lacks one,
// from the closest on the scale supports ... opposes.
var labelFallbacks = map[string][]string{
	labSupports:    {labSupports},
	labConditional: {labConditional, labSupports, labNeutral},
	labNeutral:     {labNeutral},
	labSkeptical:   {labSkeptical, labOpposes, labNeutral},
	labOpposes:     {labOpposes, labSkeptical},
}

// mapLabel maps an engine label onto the configured labels: the label itself, a
// synonym, or the closest label that is configured. A set of which no label is known
// ("yes, no") is read as a scale from agreement to disagreement, in its order, and the
// engine's labels are placed on it by position (neutral only where the scale has a
// middle). It reports false when no label fits.
func mapLabel(l string, labels []string) (string, bool) {
	known := false
	for _, try := range labelFallbacks[l] {
		for _, syn := range labelSynonyms[try] {
			for _, c := range labels {
				if strings.EqualFold(strings.TrimSpace(c), syn) {
					return c, true
				}
			}
		}
	}
	for _, c := range labels {
		for _, syns := range labelSynonyms {
			for _, syn := range syns {
				known = known || strings.EqualFold(strings.TrimSpace(c), syn)
			}
		}
	}
	if known || len(labels) < 2 {
		return "", false
	}
	scale := []string{labSupports, labConditional, labNeutral, labSkeptical, labOpposes}
	i := slices.Index(scale, l)
	n := len(labels)
	if i < 0 || (l == labNeutral && n%2 == 0) {
		return "", false
	}
	// Agreeing labels lean to the agreeing end, disagreeing ones to the other.
	pos := float64(i*(n-1)) / 4
	switch {
	case i < 2:
		pos = math.Floor(pos)
	case i > 2:
		pos = math.Ceil(pos)
	default:
		pos = math.Round(pos)
	}
	return labels[int(pos)], true
}
