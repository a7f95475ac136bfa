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
// a recommendation in that clause ("said both governments should work together"
// supports their working together, "should not" opposes); an intention ("wants to create
// a fund" supports creating it, "wants to avoid X" opposes X; not a wish to know, meet or
// talk); in a COMMENT, a verdict of the drafters' own that names no one ("X is unlikely",
// "It is essential to Y") is the Embassy's;
// an alternative turned down ("favored talks rather than sanctions" opposes sanctions);
// the actor named before the cue (participants, titled names, countries and
// governments, pronouns), the noun phrase after the cue as target, and the sentence as
// verbatim evidence. The actor of a cue that asks someone else to act ("urged Kouchner
// to support X") is the one who asks; a bare title ("the mayor") is the one person the
// cable names with it, and "the Ambassador" of an embassy cable its chief of mission
// (named with the title, or classifying the cable under no title); cues in indirect
// questions ("asked whether ...", "asked what ...")
// and passives without a named agent take no stance; a redaction mask ("XXXXXXXXXXXX")
// is an actor by the mask alone, a protected source (summarizer.IsRedacted) whose
// positions are often the point of the cable, but "our source" or "[NAME REMOVED]" is
// none; and one sentence gives an actor one position, the innermost ("warned that he did
// not believe ...").
//
// Precision comes first: better no stance than a wrong one. Reported speech goes to its
// holder: what an official says of his own country ("Liu said that China opposes ...",
// "China is gravely concerned ..., Liu told the Ambassador") is his position, what anyone
// says or thinks of a third party ("Serbia, Wisner said, might ...") is no position of
// the third party's, unless it plainly reports a past act ("said Kouchner had rejected").
// Verbs of saying alone take no position; neutral is only a position stated as such
// ("took no position"). A base-form cue after "to" counts only after a verb of intention
// ("wants to support"), not in a purpose ("used the funds to support"). An actor is a
// person, government or body named as such: a name is the subject only when it stands
// before its verb (or is set off from it by an aside between commas), or is the subject
// of the verb an infinitive or a coordinated verb depends on ("he will stress the need to
// support X"); no word that ends a clause, no people after "most" or "many", and in
// all-capital cables no common word after a title or across a sentence end is a name. An
// indirect question ("asked whether ...") and an object relative ("..., which Rao
// welcomed") assert no position. Targets stand on their own in a table: fragments ("the
// worst", "he said", "take action") give no stance, a target that only points back ("the
// proposal") gives way to the section's topic, an infinitive reads as a gerund ("agreed
// to send troops": "sending troops"), and a verdict's target is the clause's subject
// ("argued sanctions would be counterproductive": "sanctions").
//
// The output depends only on the input: the same cable gives byte-identical results.
package offline
