package cable

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cablebrief/summarize/summarizer"
)

// cableText puts a minimal cable header above body.
func cableText(body string) string {
	return `P 260849Z JUN 07
FM AMEMBASSY PARIS
TO RUEHC/SECSTATE WASHDC PRIORITY 8475

C O N F I D E N T I A L SECTION 01 OF 02 PARIS 002726

SIPDIS

E.O. 12958: DECL: 06/26/2017
TAGS: PREL FR
SUBJECT: A TEST CABLE

Classified By: AMBASSADOR CRAIG R STAPLETON FOR REASONS 1.4 (B) AND (D)

` + body
}

// sec is a short way to write a section in the tables.
func sec(kind, style, title string, ps ...int) summarizer.Section {
	return summarizer.Section{Title: title, Kind: kind, Style: style, Paragraphs: ps}
}

const (
	topic    = summarizer.KindTopic
	preamble = summarizer.KindPreamble
	bodyKind = summarizer.KindBody
	summ     = summarizer.KindSummary
	comm     = summarizer.KindComment
)

func mustParse(t testing.TB, text string) *summarizer.Cable {
	t.Helper()
	c, err := Parse("test.txt", text)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

func TestSections(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []summarizer.Section
	}{
		{
			name: "underlined",
			body: "1. (C) Opening text.\n\nKosovo Talks\n------------\n\n2. (C) About Kosovo.\n\n3. (C) More.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "underlined", "Kosovo Talks", 2, 3)},
		},
		{
			name: "boxed two-line title",
			body: "1. (C) Opening text.\n\n-----------\nFollow Up Items for\nthe Delegation\n-----------\n2. (C) Items.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "underlined", "Follow Up Items for the Delegation", 2)},
		},
		{
			name: "glued underline",
			body: "1. (C) Opening text.\nComment-------\n2. (C) We think so.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(comm, "underlined", "Comment", 2)},
		},
		{
			name: "caps title over two lines, the second the longer, one underline",
			body: "1. (C) Opening text.\n\nU.S. PARTNERSHIPS TO SUPPORT\nREFORM & ECONOMIC DEVELOPMENT\n-----------------------------\n\n2. (C) About reform.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "underlined", "U.S. PARTNERSHIPS TO SUPPORT REFORM & ECONOMIC DEVELOPMENT", 2)},
		},
		{
			name: "labels alone on the first lines of consecutive paragraphs",
			body: "1. (S) This cable gives the directive.\n\n2. (S) State biographic reporting:\n\nA. (S) Officers report.\n\n3. (S) Priority issues and issues outline:\n\nI. Regional Issues\n\nA. The leadership of the region and its stability.\n\n4. (S) Reporting and collection needs:\n\nA. The leadership of the region and its stability.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "inline", "State biographic reporting", 2),
				sec(topic, "inline", "Priority issues and issues outline", 3), sec(topic, "inline", "Reporting and collection needs", 4)},
		},
		{
			name: "sentences introducing lists are no labels",
			body: "1. (S) The minister said the following:\n\n-- one.\n\n2. (S) Post should:\n\n-- ask.\n\n3. (S) The points are as follows:\n\n-- two.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2, 3)},
		},
		{
			name: "a lead-in before a title in capitals, the underline glued on as long as the capitals",
			body: "1. (U) Rio Radar is a weekly compilation.\n\nThis week's subjects: CLEANING UP THE FAVELAS ----------------------\n\n2. (U) Since May.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "underlined", "CLEANING UP THE FAVELAS", 2)},
		},
		{
			name: "a lead-in before a title in capitals on a line alone",
			body: "1. (U) Rio Radar is a weekly compilation.\n\nThis week's subjects: RIO MAYOR WANTS COOPERATION\n\n2. (U) On September 11.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "caps-line", "RIO MAYOR WANTS COOPERATION", 2)},
		},
		{
			name: "wrapped in equals signs or stars",
			body: "1. (C) Opening text.\n\n=== Kosovo ===\n\n2. (C) About Kosovo.\n\n*** SERBIA ***\n\n3. (C) About Serbia.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "other", "Kosovo", 2), sec(topic, "other", "SERBIA", 3)},
		},
		{
			name: "caps line",
			body: "1. (C) Opening text.\n\nKOSOVO\n\n2. (C) About Kosovo.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "caps-line", "KOSOVO", 2)},
		},
		{
			name: "dash wrapped",
			body: "1. (C) Opening text.\n\n-- KOSOVO --\n\n2. (C) About Kosovo.\n\n- - - Serbia - - -\n\n3. (C) About Serbia.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "dash-wrapped", "KOSOVO", 2), sec(topic, "dash-wrapped", "Serbia", 3)},
		},
		{
			name: "slash wrapped",
			body: "1. (C) Opening text.\n\n//EARLY RELEASE OF TERRORISTS//\n\n2. (C) Released.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "slash-wrapped", "EARLY RELEASE OF TERRORISTS", 2)},
		},
		{
			name: "short mixed-case line without blank lines",
			body: "1. (C) Summary. They met. End summary.\nHonduras\n2. (C) On Honduras.\nWho Owns the Media?\n3. (C) Nobody knows.\n",
			want: []summarizer.Section{sec(summ, "", "Summary", 1), sec(topic, "short-line", "Honduras", 2), sec(topic, "short-line", "Who Owns the Media?", 3)},
		},
		{
			name: "colon line",
			body: "1. (C) Opening text.\n\nIran:\n\n2. (C) About Iran.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "colon-line", "Iran", 2)},
		},
		{
			name: "inline labels on consecutive paragraphs",
			body: "1. (C) Opening text.\n\n2. (C) Iraq: The French decision.\n\n3. (C) Iran: Sarkozy's language.\n\n4. (C) He said more about it.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "inline", "Iraq", 2), sec(topic, "inline", "Iran", 3, 4)},
		},
		{
			name: "a sentence-case label extends a run of title-case ones",
			body: "1. (C) Opening text.\n\n2. (C) Iraq: The French decision.\n\n3. (C) Iran: Sarkozy's language.\n\n4. (C) Threat finance: we work on it.\n\n5. (C) Embassy Comment: we think so.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "inline", "Iraq", 2), sec(topic, "inline", "Iran", 3), sec(topic, "inline", "Threat finance", 4, 5)},
		},
		{
			name: "a numbered paragraph holding only a title heads the paragraphs after it, from itself",
			body: "1. (U) Daily Report, June 27-29, 2009\n\n2. (U) Iraq - Paragraphs 4-5\n\n3. (U) Key Concerns - Paragraphs 6-7\n\n" +
				"4. (U) Iraq\n\n5. (S) Insurgent groups plan attacks on the withdrawal.\n\n" +
				"6. (U) Key Concerns\n\n7. (S) The reports were consistent.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1, 2, 3), sec(topic, "other", "Iraq", 4, 5), sec(topic, "other", "Key Concerns", 6, 7)},
		},
		{
			name: "title-only paragraphs: a headline ending in a colon counts; a sentence, a date line or the last paragraph do not",
			body: "1. (U) Opening text here.\n\n2. (C) China - TOPSEC founder indicates PRC investment:\n\n3. (S) Key highlights follow.\n\n" +
				"4. (C) The points are as follows:\n\n5. (C) More aid.\n\n6. (U) July 26, 2005, 4:00 pm, Casa de Narino\n\n7. (C) Met.\n\n8. (U) Track reporting here",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "other", "China - TOPSEC founder indicates PRC investment", 2, 3, 4, 5, 6, 7, 8)},
		},
		{
			name: "items opening with a label before a dash start sections, consecutive or not; the headline to a colon joins the label",
			body: "1. (U) Significant Events\n\n2. (C) WHA Honduras - Honduran military forces arrested the president on orders of Congress.\n\n" +
				"3. (C) Later in the day, Congress named an interim president.\n\n" +
				"4. (S) EUR - Germany - A guard found two suspicious cases with wires on patrol.\n\n" +
				"5. (S) AF Mauritania - AQIM threat to kidnap American citizen: According to a source, AQIM planned it.\n",
			want: []summarizer.Section{sec(topic, "other", "Significant Events", 1), sec(topic, "inline", "WHA Honduras", 2, 3),
				sec(topic, "inline", "EUR - Germany", 4), sec(topic, "inline", "AF Mauritania - AQIM threat to kidnap American citizen", 5)},
		},
		{
			name: "parenthetic dashes and a single dash label are no labels",
			body: "1. (C) The Ambassador -- as she had earlier with the minister -- noted the risk.\n\n" +
				"2. (C) Action Request - Embassy requests support from the Department for the exercise.\n\n" +
				"3. (C) The Left Party -- under its leaders -- can act.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2, 3)},
		},
		{
			name: "a label on several paragraphs is a field, not a topic",
			body: "1. (C) Opening text.\n\n2. (C) In 1990 the guards shot him.\n\n3. (C) Sources: Media accounts of it.\n\n" +
				"4. (C) Record Check: Vehicle gray.\n\n5. (C) RSO Assessment: The man was seen twice.\n\n6. (C) Record Check: None found.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2, 3, 4, 5, 6)},
		},
		{
			name: "a boxed heading over text before paragraph 1 makes paragraph 0 its section; paragraph 1 starts the next",
			body: "-----------------\n(S/NF) KEY POINTS\n-----------------\n\n-- Post assesses the risk.\n-- Post engages. End Key Points.\n\n" +
				"1. (C) Qatar shares a gas field.\n\n2. (C) More.\n",
			want: []summarizer.Section{sec(topic, "underlined", "(S/NF) KEY POINTS", 0), sec(bodyKind, "", "", 1, 2)},
		},
		{
			name: "paragraph 0 before paragraph 1 under a heading of its own",
			body: "-- KEY POINTS --\n\n-- Post assesses the risk.\n\n--------------------\nQATAR'S KEY RESOURCES\n--------------------\n\n" +
				"1. (C) Qatar shares a gas field.\n\nUSG ENGAGEMENT\n--------------\n\n2. (C) More.\n",
			want: []summarizer.Section{sec(topic, "dash-wrapped", "KEY POINTS", 0), sec(topic, "underlined", "QATAR'S KEY RESOURCES", 1),
				sec(topic, "underlined", "USG ENGAGEMENT", 2)},
		},
		{
			name: "text before paragraph 1 without a decorated heading stays with paragraph 1",
			body: "KEY POINTS\n\n-- Post assesses the risk.\n\n1. (C) Qatar shares a gas field.\n\n2. (C) More.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2)},
		},
		{
			name: "sentence-case labels alone make no run",
			body: "1. (C) Opening text.\n\n2. (C) Iraq: The French decision.\n\n3. (C) He said: we will see.\n\n4. (C) Next steps: more talks.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2, 3, 4)},
		},
		{
			name: "dash-wrapped title over two lines",
			body: "1. (C) Opening text.\n\n- - - High-Level Visits Needed in\nRelationship - - -\n\n2. (C) About visits.\n\n//LOOKING AHEAD - MORE\nDETAILS//\n\n3. (C) Ahead.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "dash-wrapped", "High-Level Visits Needed in Relationship", 2),
				sec(topic, "slash-wrapped", "LOOKING AHEAD - MORE DETAILS", 3)},
		},
		{
			name: "a single label is no heading",
			body: "1. (C) Opening text.\n\n2. (C) Iraq: The French decision.\n\n3. (C) He said more about it.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2, 3)},
		},
		{
			name: "heading over sub-heading",
			body: "1. (C) Opening text.\n\nTHE STATUS\n----------\nINTERNATIONAL\n-------------\n2. (C) Abroad.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "underlined", "THE STATUS / INTERNATIONAL", 2)},
		},
		{
			name: "underlined label inside a paragraph",
			body: "1. (C) Opening text.\n\nACTION REQUEST\n--------------\n2. (C) Please deliver:\n\nTRANSFERS TO IRAN\n-----------------\n-- point one.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "underlined", "ACTION REQUEST", 2)},
		},
		{
			name: "summary marker and comment heading",
			body: "1. (U) Participants listed.\n\n2. (C) SUMMARY: They met.\n\n3. (C) SUMMARY CONTINUED: More. END SUMMARY.\n\nCOMMENT\n-------\n4. (C) We think so.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(summ, "", "Summary", 2, 3), sec(comm, "underlined", "COMMENT", 4)},
		},
		{
			name: "comment block at the end",
			body: "1. (C) They met.\n\n2. (C) They talked.\n\n3. (C) Comment: We doubt it. End comment.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2), sec(comm, "", "Comment", 3)},
		},
		{
			name: "signature is no heading",
			body: "1. (C) Opening text.\n\n2. (C) Closing text.\n\nSTAPLETON\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2)},
		},
		{
			name: "redaction line is no heading",
			body: "1. (C) Opening text.\n\nXXXXXXXXXXXX\n\n2. (C) A source said so.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2)},
		},
		{
			name: "participant labels are no headings",
			body: "1. (U) Participants:\n\nU.S.\nUnder Secretary Burns\nAmbassador Stapleton\n\nFrance\nForeign Minister Kouchner\n\n2. (C) They met.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2)},
		},
		{
			name: "table row is no heading",
			body: "1. (C) The schedule:\n April 7, 2012  Answers to Questions Deadline\n May 7-16, 2012  4th Review Meeting\n\n2. (C) The meeting ended.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2)},
		},
		{
			name: "capitals in an all-caps body are no headings",
			body: "1. THE MINISTER CALLED ON THE AMBASSADOR TODAY.\n\nCOUNTRY TEAM MESSAGE\n\n2. HE ASKED FOR AIRCRAFT.\n\n3. COMMENT. WE SUPPORT THE REQUEST.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2), sec(comm, "", "Comment", 3)},
		},
		{
			name: "dash underline in an all-caps body is a heading",
			body: "1. SECRET - ENTIRE TEXT.\n\n-----------------\nTHE CRISIS GRINDS ON\n-----------------\n2. THE CRISIS CONTINUES.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "underlined", "THE CRISIS GRINDS ON", 2)},
		},
		{
			name: "underlined title wrapped after a word that does not continue",
			body: "1. (C) Opening text.\n\nPromotion of Terrorism and Efforts to Destabilize Neighboring\nCountries\n- - - - - - - - - - - - - - - - - - - - - - - - -\n\n2. (U) Abroad.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1),
				sec(topic, "underlined", "Promotion of Terrorism and Efforts to Destabilize Neighboring Countries", 2)},
		},
		{
			name: "wrapped heading over wrapped sub-heading",
			body: "1. (C) Opening text.\n\nTHE RECORD OF THE 1980S REGIME AND SUBSEQUENT SANDINISTA\nABUSES OF POWER\n- - - - - - - - - - - - - - - - - - - - - - - - - -\n\n" +
				"Rampant Human Rights Abuses, including Torture,\nDisappearances, and Murder\n- - - - - - - - - - - - - - - - - - - - - - - - - -\n\n2. (U) Abuses.\n",
			want: []summarizer.Section{sec(preamble, "", "", 1),
				sec(topic, "underlined", "THE RECORD OF THE 1980S REGIME AND SUBSEQUENT SANDINISTA ABUSES OF POWER / Rampant Human Rights Abuses, including Torture, Disappearances, and Murder", 2)},
		},
		{
			name: "a summary opening without a colon, closed by END SUMMARY",
			body: "1. (C) SUMMARY  During their trip the delegation met leaders.  END SUMMARY\n\n2. (C) Details.\n",
			want: []summarizer.Section{sec(summ, "", "Summary", 1), sec(bodyKind, "", "", 2)},
		},
		{
			name: "a summary block before paragraph 1 is joined to it and makes it the summary",
			body: "SUMMARY: THE SHAH CREATED A PARTY. END SUMMARY.\n\n1. THE SHAH SPOKE.\n\n2. MORE.\n",
			want: []summarizer.Section{sec(summ, "", "Summary", 1), sec(bodyKind, "", "", 2)},
		},
		{
			name: "END SUMMARY only in the third paragraph makes no summary",
			body: "1. (C) One.\n\n2. (C) Two.\n\n3. (C) Three. END SUMMARY.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2, 3)},
		},
		{
			name: "a two-line block far shorter than the rule is no wrapped title",
			body: "1. (C) Opening text.\n\nShort Title Here\nNext\n------------------------------------------------------------\n\n2. (U) More.\n",
			want: []summarizer.Section{sec(bodyKind, "", "", 1, 2)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, cableText(tt.body))
			if diff := cmp.Diff(tt.want, c.Sections); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []summarizer.Paragraph
	}{
		{
			name: "page break and SIPDIS mid-sentence are removed and the sentence rejoined",
			body: "1. (C) Araud remained guarded\n\nPARIS 00002726 002 OF 003\n\nabout recognition and a phone\n\nSIPDIS\n\ncall. Done.\n\n2. (C) Next.\n",
			want: []summarizer.Paragraph{pg(1, "C", "Araud remained guarded about recognition and a phone call. Done."), pg(2, "C", "Next.")},
		},
		{
			name: "old page header with text glued on",
			body: "1. (C) The minister said the\nPAGE 02 HARARE 06677 01 OF 03 291400Z talks would go on.\nCONFIDENTIAL\n",
			want: []summarizer.Paragraph{pg(1, "C", "The minister said the talks would go on.")},
		},
		{
			name: "the cable's page header run into the text",
			body: "1. (C) The bill was opposed by the PARIS 00002726 002 OF 003 unions and the PARIS 00002726 003.2 OF 003\nright.\n",
			want: []summarizer.Paragraph{pg(1, "C", "The bill was opposed by the unions and the right.")},
		},
		{
			name: "pilcrows and scraped links",
			body: "[1](#)1. (U) First.\n\n¶2. (C) Second, see ¶B. and [PREL](#).\n",
			want: []summarizer.Paragraph{pg(1, "U", "First."), pg(2, "C", "Second, see B. and PREL.")},
		},
		{
			name: "a scraped pilcrow that lost its brackets",
			body: "[1](#)4. (C) Fourth.\n\n15. (C) Fifth.\n\n16. (C) Sixth.\n\n¶7. (C) Seventh.\n",
			want: []summarizer.Paragraph{pg(4, "C", "Fourth."), pg(5, "C", "Fifth."), pg(6, "C", "Sixth."), pg(7, "C", "Seventh.")},
		},
		{
			name: "numbers out of sequence are text",
			body: "1. (C) The ministers met in Paris and agreed to meet again in August\n15. The date was set.\n\n¶2007. was the year.\n\n2. (C) Next.\n",
			want: []summarizer.Paragraph{pg(1, "C", "The ministers met in Paris and agreed to meet again in August 15. The date was set.\n\n2007. was the year."), pg(2, "C", "Next.")},
		},
		{
			name: "numbered items inside a marked paragraph",
			body: "1. (C) The minister listed three points:\n\n1. more aid;\n\n2. less talk;\n\n2. a plan.\n\n2. (C) He then said more.\n",
			want: []summarizer.Paragraph{pg(1, "C", "The minister listed three points:\n\n1. more aid;\n\n2. less talk;\n\n2. a plan."), pg(2, "C", "He then said more.")},
		},
		{
			name: "a quoted letter numbered on past the cable's own next number",
			body: "1. (S) Summary.\n\n2. (S) Text of letter:\n\n¶1. Thanks.\n\n¶3. However.\n\n¶4. Finally.\n\n3. (S) Comment.\n",
			want: []summarizer.Paragraph{pg(1, "S", "Summary."), pg(2, "S", "Text of letter:\n\n1. Thanks.\n\n3. However.\n\n4. Finally."), pg(3, "S", "Comment.")},
		},
		{
			name: "unnumbered blocks continue the paragraph before them",
			body: "1. (C) Bullets follow:\n- one\n- two\n\nA closing block.\n\n2. (C) Next.\n",
			want: []summarizer.Paragraph{pg(1, "C", "Bullets follow:\n- one\n- two\n\nA closing block."), pg(2, "C", "Next.")},
		},
		{
			name: "number without period but with marking",
			body: "1. (C) First.\n\n2  (C) Second.\n",
			want: []summarizer.Paragraph{pg(1, "C", "First."), pg(2, "C", "Second.")},
		},
		{
			name: "marking before the number",
			body: "(C) 1. First.\n\n(C) 2. Second.\n\n-- 1: a list item\n\n(S) 3. The third one.\n",
			want: []summarizer.Paragraph{pg(1, "C", "First."), pg(2, "C", "Second.\n\n-- 1: a list item"), pg(3, "S", "The third one.")},
		},
		{
			name: "paragraphs glued onto the line before",
			body: "1. (C) First. 2. (C) Second, see para 3. (C) is not a start.\n\n4. (C) Fourth ends. 5.(S) The fifth one.\n",
			want: []summarizer.Paragraph{pg(1, "C", "First."), pg(2, "C", "Second, see para 3. (C) is not a start."), pg(4, "C", "Fourth ends."), pg(5, "S", "The fifth one.")},
		},
		{
			name: "a glued number must be the next one and carry a marking",
			body: "1. (C) First. 3. (C) Not next. 2. Unmarked.\n\n2. (C) Second.\n",
			want: []summarizer.Paragraph{pg(1, "C", "First. 3. (C) Not next. 2. Unmarked."), pg(2, "C", "Second.")},
		},
		{
			name: "the lead under its own heading is paragraph 0, its heading left out of the text",
			body: "-----------------\n(S/NF) KEY POINTS\n-----------------\n\n-- Post assesses the risk.\n-- Post engages. End Key Points.\n\n" +
				"1. (C) Qatar shares a gas field.\n",
			want: []summarizer.Paragraph{pg(0, "", "-- Post assesses the risk.\n-- Post engages. End Key Points."), pg(1, "C", "Qatar shares a gas field.")},
		},
		{
			name: "a copy cut off after its header has no paragraph",
			body: "PARIS 00002726  001.2 OF 0...",
			want: []summarizer.Paragraph{},
		},
		{
			name: "the cable's page header cut short by the copy's ellipsis is debris",
			body: "1. (C) The text stops\n\nPARIS 00002726 002 O...",
			want: []summarizer.Paragraph{pg(1, "C", "The text stops")},
		},
		{
			name: "a number cut short is text when it is not the cable's serial",
			body: "1. (C) The sums were:\n\nParis 00012345 0...\n",
			want: []summarizer.Paragraph{pg(1, "C", "The sums were:\n\nParis 00012345 0...")},
		},
		{
			name: "signature glued to the last line is removed",
			body: "1. (C) First.\n\n2. (C) End comment. STAPLETON\n",
			want: []summarizer.Paragraph{pg(1, "C", "First."), pg(2, "C", "End comment.")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, cableText(tt.body))
			if diff := cmp.Diff(tt.want, c.Paragraphs); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSigner checks the signature read from the end of the body and cut from the last
// paragraph.
func TestSigner(t *testing.T) {
	tests := []struct {
		name, body string
		signer     string
		last       summarizer.Paragraph // the last paragraph, without the signature
	}{
		{
			name:   "own line",
			body:   "1. (C) First.\n\n2. (C) End comment.\n\nSTAPLETON\n",
			signer: "STAPLETON",
			last:   pg(2, "C", "End comment."),
		},
		{
			name:   "glued to the last sentence",
			body:   "1. (C) First.\n\n2. Request feedback by January 8. Contact is xxxxxxxxxxxx. CLINTON",
			signer: "CLINTON",
			last:   pg(2, "", "Request feedback by January 8. Contact is xxxxxxxxxxxx."),
		},
		{
			name:   "glued after a row of stars",
			body:   "1. (C) First.\n\n2. (U) Visit our Classified Website. ***** ***** KURTZER",
			signer: "KURTZER",
			last:   pg(2, "U", "Visit our Classified Website. ***** *****"),
		},
		{
			name:   "glued with the release date",
			body:   "1. (C) First.\n\n2. (C) It bodes well for U.S. interests. DANILOVICH 2005-05-06",
			signer: "DANILOVICH",
			last:   pg(2, "C", "It bodes well for U.S. interests."),
		},
		{
			name:   "own line with the release date",
			body:   "1. (C) First.\n\n2. (C) End Comment. \nSOBEL 2008-01-08",
			signer: "SOBEL",
			last:   pg(2, "C", "End Comment."),
		},
		{
			name:   "a mixed-case word after a marking is the paragraph",
			body:   "1. (C) First.\n\n2. (C) Next.\n",
			signer: "",
			last:   pg(2, "C", "Next."),
		},
		{
			name:   "a truncated title after the signature",
			body:   "1. (C) First.\n\n2. (SBU) Filmed June 24, 1984.\nTRIVELLI\n\nDANIEL ORTEGA AN...",
			signer: "TRIVELLI",
			last:   pg(2, "SBU", "Filmed June 24, 1984.\n\nDANIEL ORTEGA AN..."),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, cableText(tt.body))
			if c.Signer != tt.signer {
				t.Errorf("Signer = %q, want %q", c.Signer, tt.signer)
			}
			if len(c.Paragraphs) == 0 {
				t.Fatal("no paragraphs")
			}
			if diff := cmp.Diff(tt.last, c.Paragraphs[len(c.Paragraphs)-1]); diff != "" {
				t.Errorf("last paragraph (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBodyAfterREF checks that the only paragraph of an unnumbered cable, right after
// the REF line, is body and not part of the REF (08KUALALUMPUR317).
func TestBodyAfterREF(t *testing.T) {
	text := "UNCLAS KUALA LUMPUR 000317 \nSIPDIS \nSENSITIVE \nEO 12958 N/A \nTAGS PREL, PHUM, UNGA, MY \n" +
		"SUBJECT: DEMARCHE: US-EU PRISONERS OF CONSCIENCE DECLARATION \nREF: STATE 40380\n" +
		" (SBU) Poloff delivered reftel demarche and nonpaper on April 21.\nKEITH\n"
	c := mustParse(t, text)
	want := []summarizer.Paragraph{pg(1, "", "(SBU) Poloff delivered reftel demarche and nonpaper on April 21.")}
	if diff := cmp.Diff(want, c.Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	if len(c.References) != 1 || c.References[0].Text != "STATE 40380" {
		t.Errorf("references = %+v, want one, STATE 40380", c.References)
	}
	if c.Signer != "KEITH" {
		t.Errorf("Signer = %q, want KEITH", c.Signer)
	}
}

// TestGluedHeading checks a heading with the last word of the paragraph above glued in
// front of it (09SAOPAULO653): the word goes back to the paragraph.
func TestGluedHeading(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantTitle string
		wantLast  string // the end of paragraph 1
	}{
		{
			name:      "word glued in front of the heading",
			body:      "1. (U) The melting-pot context will likely echo favorably with non-Muslim\n\nBrazilians. Muslims By the Numbers\n\n2. (U) Statistics vary.\n",
			wantTitle: "Muslims By the Numbers",
			wantLast:  "echo favorably with non-Muslim Brazilians.",
		},
		{
			name:      "a sentence ended above: the line is the heading",
			body:      "1. (U) The context will echo favorably.\n\nBrazilians. Muslims By the Numbers\n\n2. (U) Statistics vary.\n",
			wantTitle: "Brazilians. Muslims By the Numbers",
			wantLast:  "will echo favorably.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, cableText(tt.body))
			if len(c.Paragraphs) != 2 {
				t.Fatalf("got %d paragraphs, want 2", len(c.Paragraphs))
			}
			if got := c.Paragraphs[0].Text; !strings.HasSuffix(got, tt.wantLast) {
				t.Errorf("paragraph 1 = %q, want it to end with %q", got, tt.wantLast)
			}
			var titles []string
			for _, s := range c.Sections {
				if s.Title != "" {
					titles = append(titles, s.Title)
				}
			}
			if diff := cmp.Diff([]string{tt.wantTitle}, titles); diff != "" {
				t.Errorf("titles (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnnumbered(t *testing.T) {
	body := "The minister called on the Ambassador on Monday to discuss\nthe visit.\n\nKosovo\n\nHe said Kosovo would be independent\n\nPARIS 00002726 002 OF 003\n\nwithin the year, and soon.\n\nSerbia\n------\nThe Serbs disagree, he said, and will say so loudly at the UN.\n"
	c := mustParse(t, cableText(body))
	if c.Numbered {
		t.Errorf("Numbered = true, want false")
	}
	want := []summarizer.Paragraph{
		pg(1, "", "The minister called on the Ambassador on Monday to discuss the visit."),
		pg(2, "", "He said Kosovo would be independent within the year, and soon."),
		pg(3, "", "The Serbs disagree, he said, and will say so loudly at the UN."),
	}
	if diff := cmp.Diff(want, c.Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	wantSecs := []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "short-line", "Kosovo", 2), sec(topic, "underlined", "Serbia", 3)}
	if diff := cmp.Diff(wantSecs, c.Sections); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

func TestGeneric(t *testing.T) {
	text := "Meeting notes\n\nThe committee met on Tuesday to discuss the budget.\nSeveral members raised concerns.\n\nBudget\n------\n\nThe budget was approved.\n"
	c := mustParse(t, text)
	if c.Numbered || c.Classification != "" || c.Signer != "" {
		t.Errorf("got Numbered %v, Classification %q, Signer %q; want a generic document", c.Numbered, c.Classification, c.Signer)
	}
	if !slicesContain(c.Warnings, "generic document") {
		t.Errorf("warnings %q do not say the text was parsed as a generic document", c.Warnings)
	}
	if n := countContaining(c.Warnings, "no cable header"); n != 1 {
		t.Errorf("warnings %q say %d times that there is no cable header, want once", c.Warnings, n)
	}
	want := []summarizer.Section{sec(topic, "short-line", "Meeting notes", 1), sec(topic, "underlined", "Budget", 2)}
	if diff := cmp.Diff(want, c.Sections); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

func TestParticipants(t *testing.T) {
	body := "1. (U) Participants:\n\nU.S.\nUnder Secretary Burns\nAmbassador Frank Wisner, U.S. Special Envoy for Kosovo Final\nStatus Issues\nPol Espinoza (notetaker)\n\nFrance\nForeign Minister Kouchner\n\n2. (C) They met.\n"
	c := mustParse(t, cableText(body))
	want := []string{"Under Secretary Burns", "Ambassador Frank Wisner, U.S. Special Envoy for Kosovo Final Status Issues", "Pol Espinoza (notetaker)", "Foreign Minister Kouchner"}
	if diff := cmp.Diff(want, c.Participants); diff != "" {
		t.Errorf("participants (-want +got):\n%s", diff)
	}
}

func TestParseBytesErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"white space", []byte(" \n\t\n"), ErrEmpty},
		{"binary", []byte("PK\x03\x04\x00\x00binary"), ErrBinary},
		{"too large", make([]byte, MaxSize+1), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseBytes("in.txt", tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if msg := err.Error(); !strings.Contains(msg, "in.txt") || strings.Contains(msg, "\n") {
				t.Errorf("error %q should be one line naming the file", msg)
			}
		})
	}
}

func TestParseBytesLatin1CRLF(t *testing.T) {
	text := strings.ReplaceAll(cableText("\xb61. (C) Caf\xe9 talk.\n\n\xb62. (C) More.\n"), "\n", "\r\n")
	cs, err := ParseBytes("latin1.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := []summarizer.Paragraph{pg(1, "C", "Café talk."), pg(2, "C", "More.")}
	if diff := cmp.Diff(want, cs[0].Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
}

// pg is a short way to write a paragraph in the tables.
func pg(n int, marking, text string) summarizer.Paragraph {
	return summarizer.Paragraph{Number: n, Marking: marking, Text: text}
}

func slicesContain(ss []string, sub string) bool {
	for _, s := range ss {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestParseBytesHTML(t *testing.T) {
	head := "P 260849Z JUN 07\nFM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC PRIORITY 8475"
	body := "C O N F I D E N T I A L PARIS 002726\n\nE.O. 12958: DECL: 06/26/2017\nTAGS: PREL FR\nSUBJECT: A TEST CABLE\n\n" +
		"&#182;1. (C) Kouchner &amp; Burns met.\n\nKOSOVO\n\n&#182;2. (C) On <a href=\"#\">Kosovo</a>.\n"
	page := "<html><body><h3>Viewing cable 07PARIS2726</h3><pre>" + head + "</pre><pre>" + body + "</pre></body></html>"
	cs, err := ParseBytes("07PARIS2726.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	if c.Origin != "AMEMBASSY PARIS" || c.Subject != "A TEST CABLE" {
		t.Errorf("origin %q, subject %q; want the header from the page", c.Origin, c.Subject)
	}
	want := []summarizer.Paragraph{pg(1, "C", "Kouchner & Burns met."), pg(2, "C", "On Kosovo.")}
	if diff := cmp.Diff(want, c.Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	wantSecs := []summarizer.Section{sec(preamble, "", "", 1), sec(topic, "caps-line", "KOSOVO", 2)}
	if diff := cmp.Diff(wantSecs, c.Sections); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

func TestParseBytesCSV(t *testing.T) {
	cs, err := ParseBytes("cables_sample.csv", readFile(t, cablesDir+"/odd/csv/cables_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	if diff := cmp.Diff([]string{"66BUENOSAIRES2481", "72TEHRAN1164"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// countContaining returns how many of ws contain sub.
func countContaining(ws []string, sub string) int {
	n := 0
	for _, w := range ws {
		if strings.Contains(w, sub) {
			n++
		}
	}
	return n
}
