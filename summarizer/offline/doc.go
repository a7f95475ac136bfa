// Package offline is the built-in summarizer.Engine: it needs no network and no model.
//
// Summaries are extractive: sentences are split with a cable-aware splitter, ranked by a
// small TextRank over word overlap with a bonus for lead sentences (cables put the point
// first), and taken whole, in document order, within a length budget. Stances are found
// by rules: stance cues ("agreed", "rejected", "faulted", "questioned", "in principle")
// with negation; predicative adjectives only after "be" or a linking verb ("was
// reluctant", "remained open to"); stance nouns after a verb of expressing ("voiced
// concern", "raised U.S. concerns") or owned by an actor ("China's opposition to X",
// "his reservations about X", "Russian objections to X"); a verdict in the clause a
// verb of saying or arguing introduces ("predicted the talks would fail" is skeptical,
// "argued it would be counterproductive" opposes, "said it was essential to" supports);
// an alternative turned down ("favored talks rather than sanctions" opposes sanctions);
// the actor named before the cue (participants, titled names, countries and
// governments, pronouns), the noun phrase after the cue as target, and the sentence as
// verbatim evidence. The actor of a cue that asks someone else to act ("urged Kouchner
// to support X") is the one who asks; cues in indirect questions ("asked whether ...")
// and passives without a named agent take no stance; a redaction mask is never an actor;
// and one sentence gives an actor one position, the innermost ("warned that he did not
// believe ..."). The output depends only on the input: the same cable gives
// byte-identical results.
package offline
