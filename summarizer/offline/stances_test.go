package offline

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/google/go-cmp/cmp"
)

// stancesOf runs the engine on a one-section cable whose paragraphs are texts, numbered
// from 1, and returns its stances as "Actor|Affiliation|label|voice|target" lines.
func stancesOf(tb testing.TB, e *Engine, origin, title string, texts ...string) []string {
	tb.Helper()
	c := &summarizer.Cable{ID: "TEST", Origin: origin, Subject: "TEST"}
	var nums []int
	for i, t := range texts {
		c.Paragraphs = append(c.Paragraphs, summarizer.Paragraph{Number: i + 1, Text: t})
		nums = append(nums, i+1)
	}
	kind := summarizer.KindTopic
	if title == "" {
		kind = summarizer.KindBody
	}
	c.Sections = []summarizer.Section{{Title: title, Kind: kind, Paragraphs: nums}}
	in := sectionInput(c, 0)
	res, _, err := e.SummarizeSection(context.Background(), in)
	if err != nil {
		tb.Fatal(err)
	}
	if ps := summarizer.Ground(&res, in); len(ps) > 0 {
		tb.Errorf("ungrounded quotes: %v", ps)
	}
	var out []string
	for _, s := range res.Stances {
		out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s", s.Actor, s.Affiliation, s.Label, s.Voice, s.Target))
	}
	return out
}

func TestStances(t *testing.T) {
	const paris = "AMEMBASSY PARIS"
	tests := []struct {
		name   string
		origin string
		title  string
		texts  []string
		want   []string
	}{
		{
			name:  "in principle is conditional",
			texts: []string{"FM Kouchner agreed in principle with the proposal, but did not appear to attach importance to a timetable."},
			want:  []string{"Kouchner||conditional|reported|TEST"},
		},
		{
			name:   "adjective gives affiliation",
			origin: paris,
			texts:  []string{"French FM Kouchner pushed back on Burns' proposal that sanctions be imposed outside the UNSC."},
			want:   []string{"Kouchner|France|opposes|reported|Burns' proposal that sanctions be imposed outside the UNSC"},
		},
		{
			name:   "host office",
			origin: paris,
			texts:  []string{"MFA Political Director Gerard Araud rejected the idea."},
			want:   []string{"Araud|France|opposes|reported|TEST"},
		},
		{
			name:   "negation flips support",
			origin: paris,
			texts:  []string{"The GOF did not support the Siniora government."},
			want:   []string{"GOF|France|opposes|reported|the Siniora government"},
		},
		{
			name:   "denied negation",
			origin: paris,
			texts:  []string{"Kouchner added that the invitation in no way meant that the GOF did not support Siniora."},
			want:   []string{"Kouchner||supports|reported|Siniora"},
		},
		{
			name:  "not opposed",
			texts: []string{"Germany was not opposed to the plan."},
			want:  []string{"Germany|Germany|supports|reported|TEST"},
		},
		{
			name:  "negated concern is no stance",
			texts: []string{"Kouchner said he was not overly concerned about a summer offensive. Burns welcomed the plan."},
			want:  []string{"Burns||supports|reported|TEST"},
		},
		{
			name:  "parenthetical reporter",
			texts: []string{"Solana, Burns said, had warned the Secretary that Larijani was not ready."},
			want:  []string{"Solana||skeptical|reported|Larijani was not ready"},
		},
		{
			name:  "parenthetical cue takes the whole proposition",
			texts: []string{"Hizballah, Kouchner argued, had to be a part of the political dialogue, or the forum would lack credibility."},
			want:  []string{"Kouchner||supports|reported|Hizballah had to be a part of the political dialogue"},
		},
		{
			name:  "coordinated verb keeps its subject",
			texts: []string{"Burns noted the difference in Hizballah policies and expressed concern about the conference in Paris."},
			want:  []string{"Burns||skeptical|reported|the conference in Paris"},
		},
		{
			name:  "pronoun is the main speaker",
			texts: []string{"Kouchner said that UNSYG Ban Ki-moon had accepted to attend, though he was not convinced that the FM would come."},
			want:  []string{"Kouchner||skeptical|reported|the FM would come"},
		},
		{
			name:  "inverted quote",
			texts: []string{"\"It is an injustice that Berri won't see Saad,\" complained Jumblatt."},
			want:  []string{"Jumblatt||skeptical|reported|It is an injustice that Berri won't see Saad"},
		},
		{
			name:  "reporter at the end",
			texts: []string{"The challenge is to find a middle way, Araud emphasized."},
			want:  []string{"Araud||supports|reported|The challenge is to find a middle way"},
		},
		{
			name:  "empty target falls back to the topic",
			title: "IRAN",
			texts: []string{"Kouchner agreed."},
			want:  []string{"Kouchner||supports|reported|IRAN"},
		},
		{
			name:  "coordinated subjects",
			texts: []string{"President Sarkozy and FM Kouchner had publicly expressed skepticism about the elections."},
			want:  []string{"Kouchner||skeptical|reported|TEST", "Sarkozy||skeptical|reported|TEST"},
		},
		{
			name:  "stance noun after a verb",
			texts: []string{"Bigot indicated disapproval of the statements. Araud expressed his deep concern about Iran."},
			want:  []string{"Bigot||opposes|reported|TEST", "Araud||skeptical|reported|Iran"},
		},
		{
			name:  "apposition",
			texts: []string{"Sheikh Qabalan, head of the Higher Islamic Shia Council, had urged Berri to meet Saad."},
			want:  []string{"Qabalan||supports|reported|Berri meeting Saad"},
		},
		{
			name:  "relative clause",
			texts: []string{"The King noted that he had met the Greek Foreign Minister, who urged him not to recognize Kosovo."},
			want:  []string{"the Greek Foreign Minister|Greece|supports|reported|not to recognize Kosovo"},
		},
		{
			name:  "adjective use of a cue",
			texts: []string{"Kouchner described his proposed conference for Lebanon and the concerned parties. Burns welcomed the plan."},
			want:  []string{"Burns||supports|reported|TEST"},
		},
		{
			name:   "comment is the embassy's voice",
			origin: paris,
			texts:  []string{"Araud spoke. COMMENT: We remain concerned about the French approach. END COMMENT"},
			want:   []string{"Embassy|United States|skeptical|embassy|the French approach"},
		},
		{
			name:   "instruction imperative",
			origin: "SECSTATE WASHDC",
			title:  "TALKING POINTS",
			texts:  []string{"Posts should draw on the following points:\n-- Urge China to stop the shipment."},
			want:   []string{"Department|United States|supports|instruction|China stopping the shipment"},
		},
		{
			name:  "a verb of saying alone is no position",
			texts: []string{"Kouchner said the Socialist Party was near its end."},
			want:  nil,
		},
		{
			name:  "urger supports what is urged, not the urged",
			texts: []string{"The Ambassador urged Kouchner to support new sanctions on Iran."},
			want:  []string{"the Ambassador||supports|reported|new sanctions on Iran"},
		},
		{
			name:  "urged pronoun and urged government",
			texts: []string{"Bigot said so. He encouraged the USG to support the convention. Burns called on the VP to back the PM."},
			want:  []string{"Bigot||supports|reported|TEST", "Burns||supports|reported|the PM"},
		},
		{
			name:  "called on is a visit without an infinitive",
			texts: []string{"The Ambassador called on FM Kouchner on June 5."},
			want:  nil,
		},
		{
			name:  "asking someone to act is a request",
			texts: []string{"Kouchner asked Spain to reject the proposal."},
			want:  []string{"Kouchner||supports|reported|Spain to reject the proposal"},
		},
		{
			name:  "convinced to agree is agreement",
			texts: []string{"Burns convinced Kouchner to agree to the principle of Kosovo independence."},
			want:  []string{"Kouchner||supports|reported|the principle of Kosovo independence"},
		},
		{
			name:  "argued against",
			texts: []string{"Kouchner argued against new sanctions. Araud warned against a European clash."},
			want:  []string{"Kouchner||opposes|reported|new sanctions", "Araud||opposes|reported|a European clash"},
		},
		{
			name:  "indirect questions assert nothing",
			texts: []string{"Kouchner was asked whether France supported the plan."},
			want:  nil,
		},
		{
			name:  "asked if: only the asking",
			texts: []string{"Burns asked if Italy would back the plan."},
			want:  nil,
		},
		{
			name:  "wondered whether keeps the wondering",
			texts: []string{"Burns wondered whether Hizballah would accept the plan."},
			want:  []string{"Burns||skeptical|reported|Hizballah would accept the plan"},
		},
		{
			name:  "countered that supports the clause",
			texts: []string{"Kouchner countered that Foreign Ministers must be involved in the process."},
			want:  []string{"Kouchner||supports|reported|Foreign Ministers being involved in the process"},
		},
		{
			name:  "pushed back arguing that: the clause's verdict",
			texts: []string{"Araud pushed back, arguing that sanctions would not work. Bigot countered that elections were still possible."},
			want:  []string{"Araud||skeptical|reported|sanctions", "Bigot||supports|reported|elections were still possible"},
		},
		{
			name:  "passive without a named agent has no actor",
			texts: []string{"Russian weapon sales that destabilize the Middle East should be protested by the Sunni Arab governments that have the most to lose."},
			want:  nil,
		},
		{
			name:  "passive with a named agent",
			texts: []string{"The plan was rejected by Germany."},
			want:  []string{"Germany|Germany|opposes|reported|TEST"},
		},
		{
			name:  "stative participle is the subject's position",
			texts: []string{"Germany was concerned by the behavior of Hugo Chavez."},
			want:  []string{"Germany|Germany|skeptical|reported|the behavior of Hugo Chavez"},
		},
		{
			name:  "region is no actor",
			texts: []string{"Iglesias said that everyone in Latin America is concerned by the behavior of Hugo Chavez. The Middle East remained worried."},
			want:  nil,
		},
		{
			name:  "opening participle is no actor",
			texts: []string{"Having promised the electorate measures that would bring growth, the Sarkozy government finds itself at a delicate point. He also promised the French people increased purchasing power."},
			want:  nil,
		},
		{
			name:  "event is no actor",
			texts: []string{"The Lisbon speech, delivered at the EU-Africa Summit, stressed the importance of a strong Europe."},
			want:  nil,
		},
		{
			name:  "unresolved we does not reach back to a name",
			texts: []string{"While the French have revived limited contact with Syria to discuss Lebanon, we do not believe they intend to go further at this stage."},
			want:  nil,
		},
		{
			name:  "they after a cue is its actor",
			texts: []string{"Zardari indicated they would welcome your engagement on Kashmir."},
			want:  []string{"Zardari||supports|reported|your engagement on Kashmir"},
		},
		{
			name:  "a redaction mask is a protected source, named by the mask alone",
			texts: []string{"XXXXXXXXXXXX said that he opposed the plan. Ambassador XXXXXXXXXXX rejected the idea. XXXXXXXX agreed. XXXXXXXXXXXXl told us he agreed. Our source [NAME REMOVED] rejected the idea."},
			want:  []string{"XXXXXXXXXXXX||opposes|reported|TEST", "XXXXXXXXXXX||opposes|reported|TEST", "XXXXXXXX||supports|reported|TEST", "XXXXXXXXXXXX||supports|reported|TEST"},
		},
		{
			name:  "pronoun after a redacted speaker is the source",
			texts: []string{"Burns spoke. XXXXXXXXXXXX stressed the point. He agreed conditions are not ripe for talks."},
			want:  []string{"XXXXXXXXXXXX||supports|reported|conditions are not ripe for talks"},
		},
		{
			name:  "reduced passives have no subject",
			texts: []string{"Asked about the visit, the press was muted. The Saudis often balk when asked to designate an envoy."},
			want:  nil,
		},
		{
			name:  "the subject of a passive is who he is next",
			texts: []string{"Burns spoke. AG Gonzales was asked about the flights, and he emphasized that the U.S. respects its commitments."},
			want:  []string{"Gonzales||supports|reported|the U.S. respects its commitments"},
		},
		{
			name:  "called on with a date is a visit",
			texts: []string{"Munoz had called on the Ambassador on September 18 to relay the decision."},
			want:  nil,
		},
		{
			name:  "target keeps the period of U.S.",
			texts: []string{"Kouchner welcomed closer ties with the U.S."},
			want:  []string{"Kouchner||supports|reported|closer ties with the U.S."},
		},
		{
			name:  "a title used as an adjective is no actor",
			texts: []string{"The Ambassador outlined the chief components of the plan and called on the VP to support the PM."},
			want:  []string{"the Ambassador||supports|reported|the PM"},
		},
		{
			name:  "participle after its noun",
			texts: []string{"Germany would consider the arrangement endorsed by NATO Defense Ministers."},
			want:  nil,
		},
		{
			name:  "urged to support with only an adverb after keeps the request",
			texts: []string{"The Administration pressed the Amir to support actively."},
			want:  []string{"The Administration|United States|supports|reported|the Amir to support actively"},
		},
		{
			name:  "institution named whole",
			texts: []string{"The Spanish National Court rejected the appeals. The Ministry of Foreign Affairs suggested new talks."},
			want:  []string{"The Spanish National Court||opposes|reported|TEST", "The Ministry of Foreign Affairs||supports|reported|new talks"},
		},
		{
			name:  "a source is protected",
			texts: []string{"Source stressed that the parties support strong relations. He noted it."},
			want:  nil,
		},
		{
			name:  "a purpose infinitive has no subject",
			texts: []string{"Information to support US contingency planning."},
			want:  nil,
		},
		{
			name:  "one position per actor and sentence: the inner",
			texts: []string{"Solana had warned the Secretary the previous day that he did not believe Larijani was prepared to make any concessions."},
			want:  []string{"Solana||skeptical|reported|Larijani was prepared to make any concessions"},
		},
		{
			name:  "a neutral inner cue does not replace a stance",
			texts: []string{"Davis complained of what he described as NATO unresponsiveness."},
			want:  []string{"Davis||skeptical|reported|what he described as NATO unresponsiveness"},
		},
		{
			name:  "coordinated cues keep both",
			texts: []string{"Kouchner insisted that Hizballah must take part, but noted that he opposed the plan."},
			want:  []string{"Kouchner||supports|reported|Hizballah taking part", "Kouchner||opposes|reported|TEST"},
		},
		{
			name:  "addressee before what is pushed",
			texts: []string{"Burns pushed Kouchner on individual Sudan sanctions, laying out the U.S. position."},
			want:  []string{"Burns||supports|reported|individual Sudan sanctions"},
		},
		{
			name:  "date before the infinitive",
			texts: []string{"Siniora had agreed on June 12 to send a representative to the conference."},
			want:  []string{"Siniora||supports|reported|send a representative to the conference"},
		},
		{
			name:  "faulted and rebuffed oppose",
			texts: []string{"Fox faulted the Labour government for its policies. He rebuffed these assertions."},
			want:  []string{"Fox||opposes|reported|the Labour government for its policies", "Fox||opposes|reported|TEST"},
		},
		{
			name:  "predicative adjective cue, not an attributive one",
			texts: []string{"Germany was reluctant to send more troops. A hostile press greeted Merkel."},
			want:  []string{"Germany|Germany|skeptical|reported|sending more troops"},
		},
		{
			name:  "open to is conditional",
			texts: []string{"Italy remained open to a compromise on the timetable."},
			want:  []string{"Italy|Italy|conditional|reported|a compromise on the timetable"},
		},
		{
			name:  "less enthusiastic is skeptical",
			texts: []string{"Merkel was less enthusiastic about the plan."},
			want:  []string{"Merkel||skeptical|reported|TEST"},
		},
		{
			name:  "stance nouns after raised and expressed",
			texts: []string{"Araud expressed strong support for the plan. Burns raised U.S. concerns about the sale."},
			want:  []string{"Araud||supports|reported|TEST", "Burns||skeptical|reported|TEST"},
		},
		{
			name:  "an owned stance noun is its owner's",
			texts: []string{"Burns noted China's opposition to a new resolution. SecDef highlighted two Russian objections to the former system."},
			want:  []string{"China|China|opposes|reported|a new resolution", "Russia|Russia|opposes|reported|the former system"},
		},
		{
			name:  "his resolves to the speaker",
			texts: []string{"Morin questioned the plan and summarized his own personal opposition to missile defense."},
			want:  []string{"Morin||skeptical|reported|TEST", "Morin||opposes|reported|missile defense"},
		},
		{
			name:  "no objections is not opposition",
			texts: []string{"China had no objections to the project."},
			want:  nil,
		},
		{
			name:  "a verdict in the clause decides the label",
			texts: []string{"Fox predicted that negotiations with Iran would fail. Clegg argued that intervention would be counterproductive. Wang insisted that harsh actions were not yet warranted."},
			want: []string{
				"Fox||skeptical|reported|negotiations with Iran",
				"Clegg||opposes|reported|intervention",
				"Wang||opposes|reported|harsh actions",
			},
		},
		{
			name:  "a denied failure is no verdict",
			texts: []string{"Fox said the plan would not fail."},
			want:  nil,
		},
		{
			name:  "avoiding the wrong signal is no verdict",
			texts: []string{"Campbell stressed that the U.S. would coordinate closely to avoid sending the wrong signal."},
			want:  []string{"Campbell||supports|reported|the U.S. would coordinate closely to avoid sending the wrong signal"},
		},
		{
			name:  "rather than is turned down",
			texts: []string{"Wang favored continued diplomacy rather than stronger sanctions."},
			want:  []string{"Wang||supports|reported|continued diplomacy rather than stronger sanctions", "Wang||opposes|reported|stronger sanctions"},
		},
		{
			name:  "which after a country is the country",
			texts: []string{"It was a core issue for the United States, which could not abide greater instability."},
			want:  []string{"the United States|United States|opposes|reported|greater instability"},
		},
		{
			name:  "attacked in the passive is force, not a position",
			texts: []string{"The convoy was attacked by the Taliban. Clegg attacked the Labour government."},
			want:  []string{"Clegg||opposes|reported|the Labour government"},
		},
		{
			name:  "everyone is no actor",
			texts: []string{"Everyone, Burns stressed, was now against Iran."},
			want:  []string{"Burns||supports|reported|Everyone was now against Iran"},
		},
		{
			name:  "worth words: essential supports, not necessary opposes",
			texts: []string{"Wang said it was essential to continue the dialogue. Fox said it was not necessary to send more troops."},
			want:  []string{"Wang||supports|reported|continuing the dialogue", "Fox||opposes|reported|sending more troops"},
		},
		{
			name:  "critical of opposes",
			texts: []string{"Burns was highly critical of the decision."},
			want:  []string{"Burns||opposes|reported|TEST"},
		},
		{
			name:  "a claim noun's verdict is its owner's",
			texts: []string{"SecDef refuted Morin's contention that missile defense is unwise."},
			want:  []string{"SecDef||opposes|reported|Morin's contention that missile defense is unwise", "Morin||opposes|reported|missile defense is unwise"},
		},
		{
			name:  "an owned noun's target stops at the clause verb",
			texts: []string{"The Presidency's mistrust of Gbagbo stemmed from 2004."},
			want:  []string{"Presidency||skeptical|reported|Gbagbo"},
		},
		{
			name:  "a participle before a modal is a reduced relative",
			texts: []string{"Azimi said the sixteen aircraft requested could be integrated quickly. ACTION REQUESTED."},
			want:  nil,
		},
		{
			name:  "a quantified subject is not an earlier name",
			texts: []string{"Unless Brown steps down, none of the candidates has so far been willing to challenge him."},
			want:  nil,
		},
		{
			name:  "a group of a country speaks for it",
			texts: []string{"U.S. officials advocated sharing lessons learned. U.S. delegation members expressed concerns about Yemen."},
			want:  []string{"U.S. officials|United States|supports|reported|sharing lessons learned", "U.S. delegation members|United States|skeptical|reported|Yemen"},
		},
		{
			name:  "all capitals",
			texts: []string{"CHARGE SAID THAT GOI REJECTED THE PLAN."},
			want:  []string{"GOI|India|opposes|reported|TEST"},
		},
		// Reported speech goes to its holder (issue 10).
		{
			name:   "a country's position stated by its official is the official's",
			origin: "AMEMBASSY BEIJING",
			texts:  []string{"Liu said that China firmly opposes official exchanges between the United States and Taiwan."},
			want:   []string{"Liu||opposes|reported|official exchanges between the United States and Taiwan"},
		},
		{
			name:   "a closing report holds the clause before it; a family name first",
			origin: "AMEMBASSY BEIJING",
			texts: []string{
				"China is \"gravely concerned\" by statements on the transfer of Uighur detainees to a third country, Assistant Foreign Minister Liu Jieyi told the Ambassador December 29.",
				"AFM Liu also urged the USG to repatriate the detainees to China.",
			},
			want: []string{
				"Liu||skeptical|reported|statements on the transfer of Uighur detainees to a third country",
				"Liu||supports|reported|the USG repatriating the detainees to China",
			},
		},
		{
			name:  "what someone speculates of another is no position of the other's",
			texts: []string{"Serbia, Wisner said, might reject the Ahtisaari settlement plan. Zardari said he was convinced that General Kayani would never support Nawaz Sharif as Prime Minister."},
			want:  nil,
		},
		{
			name:  "a plain report of another's past act is the other's position",
			texts: []string{"Bigot said that Kouchner had rejected the Libyan proposal on migration."},
			want:  []string{"Kouchner||opposes|reported|the Libyan proposal on migration"},
		},
		{
			name:  "a relative clause is not the subject's position",
			texts: []string{"The Ministry of Interior vowed to prosecute those who supported terrorist groups."},
			want:  nil,
		},
		// Targets stand on their own.
		{
			name:  "fragments are no targets",
			texts: []string{"He feared the worst.", "Nawaz Sharif had ostensibly promised Ch.", "UN Secretary General Ban Ki-moon agreed to attend."},
			want:  nil,
		},
		{
			name:  "an infinitive target reads as a gerund",
			texts: []string{"Zardari was reluctant to leave Karachi. Merkel agreed to send more troops to Afghanistan."},
			want:  []string{"Zardari||skeptical|reported|leaving Karachi", "Merkel||supports|reported|sending more troops to Afghanistan"},
		},
		{
			name:  "a greeting is no position",
			texts: []string{"Zapatero welcomed the Ambassador and Secretary Rice."},
			want:  nil,
		},
		{
			name:  "a capitalized cue word in a name is no verb",
			texts: []string{"Ryan met the United States delegation on the Supporting Group."},
			want:  nil,
		},
		{
			name:  "a quoted headline is no position",
			texts: []string{"Urdu editorials ran \"Pakistan's Rejection of Charges of Nuclear Cooperation\" (Jang)."},
			want:  nil,
		},
		{
			name:  "a neutral position stated as such",
			texts: []string{"Italy took no position on the Kosovo status proposal."},
			want:  []string{"Italy|Italy|neutral|reported|the Kosovo status proposal"},
		},
		{
			name:   "an infinitive's subject is its clause's",
			origin: "AMEMBASSY RIYADH",
			texts:  []string{"The King will tell you about Yemen; he will stress the need to support Yemeni unity."},
			want:   []string{"the King|Saudi Arabia|supports|reported|supporting Yemeni unity"},
		},
		{
			name:  "there could be X targets X",
			texts: []string{"Geraldes agreed that there could be an increased focus on physical security of the grid."},
			want:  []string{"Geraldes||supports|reported|increased focus on physical security of the grid"},
		},
		{
			name:  "a pronoun clause target gives way to the topic",
			title: "LEBANESE ELECTIONS",
			texts: []string{"Gilad did not believe they would lead to major changes in the power balance in Lebanon."},
			want:  []string{"Gilad||skeptical|reported|LEBANESE ELECTIONS"},
		},
		{
			name:  "an unnamed reporter gives a third party's position to no one",
			texts: []string{"We expect Kayani will request increased intelligence sharing."},
			want:  nil,
		},
		{
			name:   "Mission X is the Embassy; a visit welcomed is no position",
			origin: "AMEMBASSY RIYADH",
			texts:  []string{"Mission Saudi Arabia warmly welcomes your visit. Mission Saudi Arabia strongly supports the King's reform agenda."},
			want:   []string{"Embassy|United States|supports|reported|the King's reform agenda"},
		},
		{
			name:  "a generic heading is never a target",
			title: "INTRODUCTION",
			texts: []string{"Kouchner agreed."},
			want:  []string{"Kouchner||supports|reported|TEST"},
		},
		{
			name:  "a question closed by a comma is over",
			texts: []string{"When asked if the use of force on Iran might backfire in Pakistan, Barak acknowledged the two are linked, but disagreed with a causal chain between them."},
			want:  []string{"Barak||opposes|reported|a causal chain"},
		},
		{
			name:  "a stated desire or interest supports",
			texts: []string{"Mayor Wowereit has stated his desire to remain in government with the Left Party. Scholz fears a low turnout in the eastern districts."},
			want:  []string{"Wowereit||supports|reported|remaining in government with the Left Party", "Scholz||skeptical|reported|a low turnout in the eastern districts"},
		},
		{
			name:  "an object relative clause takes no target after the cue",
			texts: []string{"He identified agriculture as the highest priority, which Rao welcomed."},
			want:  nil,
		},
		{
			name:   "a subject is never a word that ends a clause",
			origin: "AMEMBASSY TUNIS",
			texts:  []string{"The GOT has declined to engage on the Millennium Challenge Account; declined USAID regional programs for young people."},
			want:   []string{"GOT|Tunisia|opposes|reported|engaging on the Millennium Challenge Account"},
		},
		{
			name:  "a pronoun subject before a participle and to is active",
			texts: []string{"President Tadic met him. Tadic said he hoped to increase U.S. intelligence and security links."},
			want:  []string{"Tadic||supports|reported|increasing U.S. intelligence and security links"},
		},
		{
			name:  "a plan to meet a titled person is no position",
			texts: []string{"He noted that he hoped to meet with NSA Jones, Ambassador Eikenberry, and General Petraeus during the summit. Soliman hoped to see an agreement on borders."},
			want:  []string{"Soliman||supports|reported|seeing an agreement on borders"},
		},
		{
			name:  "a cue in an indirect wh-question asserts nothing",
			texts: []string{"MbZ asked General Abizaid what the U.S. hoped to achieve with the extra troops, and reiterated his concern about the level of violence against the Sunni."},
			want:  []string{"MbZ||skeptical|reported|the level of violence against the Sunni"},
		},
		{
			name:  "a clause without its subject is no target; that pointing back is the topic",
			title: "Cote d'Ivoire",
			texts: []string{"Ambassador Sobel said we were preparing what we hoped would be a constructive response.", "Director Bigot met us. He hoped that would be the case."},
			want:  []string{"Bigot||supports|reported|Cote d'Ivoire"},
		},
		{
			name:  "no longer useful doubts",
			texts: []string{"Ljajic said the monthly meetings with regional intelligence agencies were no longer useful."},
			want:  []string{"Ljajic||skeptical|reported|the monthly meetings with regional intelligence agencies"},
		},
		{
			name:  "asking for help supports it, asking for views does not",
			texts: []string{"Chairman Ljajic and others asked for USG assistance convincing the Dutch. Gordon asked for Heusgen's views on a German paper. The Ambassador asked for a few examples."},
			want:  []string{"Ljajic||supports|reported|USG assistance convincing the Dutch"},
		},
		{
			name:  "a connective adverb between subject and verb",
			texts: []string{"President Tadic met him. Tadic therefore was enthusiastic about cooperation with the U.S. Drug Enforcement Agency."},
			want:  []string{"Tadic||supports|reported|cooperation with the U.S. Drug Enforcement Agency"},
		},
		{
			name:  "a place after around is no subject; a service is a body",
			texts: []string{"Reporting noted 70 mosques in and around Islamabad would likely support extremist activity. The RoK's National Intelligence Service has recommended that the President appoint an aide for cyber security."},
			want:  []string{"National Intelligence Service||supports|reported|the President appoint an aide for cyber security"},
		},
		{
			name:  "a group noun opening a sentence names nobody; a contraction is no name",
			texts: []string{"Members welcomed the team and support their efforts. Don't encourage the Ambassador to pass him criticisms."},
			want:  nil,
		},
		{
			name:  "a second participle after and shares the passive",
			texts: []string{"He has already been tried in the press and condemned as an embezzler."},
			want:  nil,
		},
		{
			name:  "clearing this message is a drafting note",
			texts: []string{"POLAD Ambassador Richard Roth has approved this message."},
			want:  nil,
		},
		{
			name:  "a lack of confidence doubts; confidence that is a forecast",
			texts: []string{"MbZ expressed lack of confidence in being able to work with the Maliki government. Aznar expressed confidence that the PP would win a plurality. MbR said that he has little confidence in Iraqi PM al Maliki."},
			want:  []string{"MbZ||skeptical|reported|being able to work with the Maliki government", "MbR||skeptical|reported|Iraqi PM al Maliki"},
		},
		{
			name:  "offered that introduces a verdict",
			texts: []string{"MbZ offered that de-Baathification was and is \"an unnecessary distraction.\""},
			want:  []string{"MbZ||opposes|reported|de-Baathification"},
		},
		{
			name:  "an intention supports what it intends; wanting to know or to meet is none",
			texts: []string{"Minister Minc announced that he wants to create a Cerrado Fund. Karzai wants to avoid a confrontation with Pakistan. He wanted to know the timing. If the GOF wishes to proceed, we will help. Lula said he wanted to clearly convey his concerns."},
			want:  []string{"Minc||supports|reported|creating a Cerrado Fund", "Karzai||opposes|reported|a confrontation with Pakistan"},
		},
		{
			name:   "a report set off by commas covers the whole sentence: a third party's wish is dropped",
			origin: "AMEMBASSY BELGRADE",
			texts:  []string{"A key problem, Prosecutor Vukcevic said, was that Bosnia wanted to try those cases in Bosnia."},
			want:   nil,
		},
		{
			name:  "a recommendation a speaker makes is his position, when its modal opens the clause's predicate",
			texts: []string{"Ambassador Welch emphasized that no money should go to the government unless Hamas renounced violence. Minister Rao said Indian engagement is transparent and should not be threatening to Pakistan. Ryabkov said bilateral discussions would need to start from scratch. Fox said the FDP would fill the vacuum should they enter government. Burns said the GOF should have acted sooner."},
			want:  []string{"Welch||conditional|reported|no money going to the government unless Hamas renounced violence", "Ryabkov||supports|reported|bilateral discussions starting from scratch"},
		},
		{
			name:   "the people of a country, its government's initial and made clear",
			origin: "AMEMBASSY DOHA",
			texts:  []string{"The Qataris have asked us to explore ways to expand Patriot coverage. GOQ officials have expressed their own concerns about the framework agreement. Foreign Minister Attiyah made clear that Qatar would welcome U.S. training."},
			want:   []string{"The Qataris|Qatar|supports|reported|exploring ways to expand Patriot coverage", "GOQ officials|Qatar|skeptical|reported|the framework agreement", "Attiyah||supports|reported|U.S. training"},
		},
		{
			name:   "a present verb after a plural subject",
			origin: "AMEMBASSY BRASILIA",
			texts:  []string{"Brazilian leaders continue to doubt U.S. ability to follow through."},
			want:   []string{"Brazilian leaders|Brazil|skeptical|reported|U.S. ability to follow"},
		},
		{
			name:  "a verdict of the drafters in a COMMENT is the Embassy's",
			texts: []string{"COMMENT: The Berlin election is unlikely to have major national significance. Continued engagement with Qadhafi and his inner circle is important. From our perspective such a linkage is unlikely. It is essential to engage the GOQ on infrastructure protection. END COMMENT."},
			want:  []string{"Embassy|United States|skeptical|embassy|The Berlin election", "Embassy|United States|supports|embassy|Continued engagement with Qadhafi and his inner circle", "Embassy|United States|supports|embassy|engaging the GOQ on infrastructure protection"},
		},
		{
			name:  "a bare title is the one person the cable names with it, but a ruler keeps his title",
			texts: []string{"On September 11, Principal Officer met with Rio de Janeiro Mayor Eduardo Paes and King Mohammed VI.", "The mayor expressed interest in working with Post on a range of initiatives. The King welcomed the initiative."},
			want:  []string{"Paes||supports|reported|working with Post on a range of initiatives", "the King||supports|reported|TEST"},
		},
		// All-capital cables: common words are never actors.
		{
			name:  "no name after a sentence end or a possessive title",
			texts: []string{"DOCUMENTS FOUND IN DWELLING OF A SLAIN TERRORIST LEADER. POLICE NETS HAVE EXTENDED TO ISFAHAN. SADRI STRESSED HIS PREFERENCE FOR A HARD LINE AGAINST GUERRILLAS. THE COLONEL'S CONNECTION REJECTED THE PLAN. MOST IRANIANS WILL ACCEPT THE NEW CHANGE WITH TYPICAL CYNICISM."},
			want:  nil,
		},
	}
	e := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			origin := tt.origin
			if tt.name == "all capitals" {
				origin = "AMEMBASSY NEW DELHI"
			}
			got := stancesOf(t, e, origin, tt.title, tt.texts...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("stances mismatch (-want +got):\n%s\nGOT %#v", diff, got)
			}
		})
	}
}

func TestExtractTarget(t *testing.T) {
	tests := []struct {
		name, rest, want string
	}{
		{"preposition", " with the proposal, but did not", "the proposal"},
		{"that clause", " that Hizballah's presence was necessary for the credibility of political dialogue, but noted", "Hizballah's presence was necessary for the credibility of political dialogue"},
		{"addressee before that", " with Burns that U.S.-France unity on Lebanon was the key to past and future success", "U.S.-France unity on Lebanon was the key to past and future success"},
		{"in principle comma", " in principle, that the question of arms had to be discussed.", "the question of arms had to be discussed"},
		{"capped at twelve words", " that one two three four five six seven eight nine ten eleven twelve thirteen", "one two three four five six seven eight nine ten eleven twelve"},
		{"no dangling function word", " the plan of the", "the plan"},
		{"abbreviation is no boundary", " to the principle of Kosovo independence and the U.S. strategy", "the principle of Kosovo independence and the U.S. strategy"},
		{"reporting tail", " to attend, Kouchner said.", "attend"},
		{"nothing left", ".", ""},
		{"cap cuts at a phrase boundary", " that U.S.-French unity on Lebanon policy was the cornerstone of any success we had had on the ground", "U.S.-French unity on Lebanon policy was the cornerstone of any success"},
		{"cap cuts after a comma", " that alpha beta gamma delta epsilon zeta eta, theta iota kappa lambda mu nu xi", "alpha beta gamma delta epsilon zeta eta"},
		{"never ends on a pronoun or auxiliary", " the plan they will", "the plan"},
		{"date before the infinitive", " on June 12 to send a representative", "send a representative"},
		{"addressee and time before that", " the Secretary the previous day that he did not believe Larijani", "he did not believe Larijani"},
		{"addressee before on", " Kouchner on individual Sudan sanctions", "individual Sudan sanctions"},
		{"concession before the main clause", " that while they might not talk to the USG, they would talk to France.", "they would talk to France"},
		{"proposition with a capitalized head is kept", " EU sanctions on Iran", "EU sanctions on Iran"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := extractTarget(tt.rest); got != tt.want {
				t.Errorf("extractTarget(%q) = %q, want %q", tt.rest, got, tt.want)
			}
		})
	}
}

func TestMapLabel(t *testing.T) {
	tests := []struct {
		name   string
		label  string
		labels []string
		want   string
		ok     bool
	}{
		{"default set", labConditional, summarizer.DefaultLabels, "conditional", true},
		{"synonym", labSupports, []string{"for", "against"}, "for", true},
		{"conditional falls back to supports", labConditional, []string{"support", "oppose"}, "support", true},
		{"skeptical falls back to opposes", labSkeptical, []string{"supports", "opposes"}, "opposes", true},
		{"neutral has no fallback", labNeutral, []string{"supports", "opposes"}, "", false},
		{"case and space", labOpposes, []string{" Opposes "}, " Opposes ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := mapLabel(tt.label, tt.labels)
			if got != tt.want || ok != tt.ok {
				t.Errorf("mapLabel(%q, %q) = %q, %v; want %q, %v", tt.label, tt.labels, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestConfiguredLabels(t *testing.T) {
	text := "Germany rejected the plan. France welcomed the plan. Italy doubted the plan."
	c := &summarizer.Cable{Paragraphs: []summarizer.Paragraph{{Number: 1, Text: text}}, Sections: []summarizer.Section{{Kind: summarizer.KindBody, Paragraphs: []int{1}}}}
	in := sectionInput(c, 0)
	tests := []struct {
		name    string
		options []string // Options.Labels
		input   []string // SectionInput.Labels, which win
		want    []string
	}{
		{"options", []string{"positive", "negative"}, nil, []string{"Germany:negative", "France:positive", "Italy:negative"}},
		{"input wins", []string{"positive", "negative"}, []string{"pro", "con"}, []string{"Germany:con", "France:pro", "Italy:con"}},
		{"no close label", nil, []string{"supports", "neutral"}, []string{"France:supports", "Italy:neutral"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in.Labels = tt.input
			res, _, err := New(Options{Labels: tt.options}).SummarizeSection(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range res.Stances {
				got = append(got, s.Actor+":"+s.Label)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("stances mismatch (-want +got):\n%s", diff)
			}
			if err := summarizer.Validate(res, in); err != nil && tt.input != nil {
				t.Error(err)
			}
		})
	}
}

func TestRegistryAffiliations(t *testing.T) {
	c := loadCable(t, "07PARIS2726.json")
	reg := newRegistry(c, newCountries())
	tests := map[string]string{
		"burns": "United States", "wisner": "United States", "stapleton": "United States",
		"kouchner": "France", "araud": "France", "veyssiere": "France", "sarkozy": "",
	}
	for key, want := range tests {
		a, ok := reg.people[key]
		if !ok {
			t.Errorf("%s: not in the registry", key)
			continue
		}
		if a.Affiliation != want {
			t.Errorf("%s: affiliation %q, want %q", key, a.Affiliation, want)
		}
	}
}

func TestSummaryBudget(t *testing.T) {
	long := "The" + strings.Repeat(" word", 150) + "."
	text := "Burns met Kouchner in Paris on June 13. " + long + " Kouchner agreed with the plan. Burns left."
	for _, budget := range []int{60, 200, -1} {
		e := New(Options{SummaryChars: budget, SummarySentences: 2})
		c := &summarizer.Cable{Paragraphs: []summarizer.Paragraph{{Number: 1, Text: text}}, Sections: []summarizer.Section{{Kind: summarizer.KindBody, Paragraphs: []int{1}}}}
		res, _, err := e.SummarizeSection(context.Background(), sectionInput(c, 0))
		if err != nil {
			t.Fatal(err)
		}
		if budget > 0 && len(res.Summary) > budget {
			t.Errorf("budget %d: summary of %d bytes: %q", budget, len(res.Summary), res.Summary)
		}
		if !strings.HasPrefix(res.Summary, "Burns met Kouchner") {
			t.Errorf("budget %d: summary %q does not start with the lead sentence", budget, res.Summary)
		}
		if !wholeSentences(res.Summary, sourceSentences(text)) {
			t.Errorf("budget %d: summary %q is not made of whole sentences of the source", budget, res.Summary)
		}
	}
}

// TestRegistryNoCountryPeople checks that a participants line ending on a country
// ("Attache to the United States") makes no person of it.
func TestRegistryNoCountryPeople(t *testing.T) {
	c := &summarizer.Cable{
		Origin:       "AMEMBASSY TEL AVIV",
		Participants: []string{"Brigadier General Ronen Dan, acting Israeli Defense", "Attache to the United States", "Andrew Shapiro, Assistant Secretary"},
		Paragraphs:   []summarizer.Paragraph{{Number: 1, Text: "Participants: Brigadier General Ronen Dan, acting Israeli Defense Attache to the United States Andrew Shapiro, Assistant Secretary"}},
	}
	reg := newRegistry(c, newCountries())
	for _, key := range []string{"states", "united states", "u.s"} {
		if a, ok := reg.people[key]; ok {
			t.Errorf("%q is a person in the registry: %+v", key, a)
		}
	}
	if _, ok := reg.people["shapiro"]; !ok {
		t.Error("shapiro: not in the registry")
	}
}

// TestAmbassadorIsTheSigner checks that "the Ambassador" (or "Ambassador" opening a
// sentence) of an embassy cable classified by a person under no title is that person,
// the chief of mission, even when the cable calls a visitor Ambassador too.
func TestAmbassadorIsTheSigner(t *testing.T) {
	tests := []struct {
		name, classifiedBy, text string
		want                     []string
	}{
		{
			name:         "untitled signer",
			classifiedBy: "Anne W. Patterson",
			text:         "Zardari said he would raise the matter with Ambassador Holbrooke. Ambassador urged Zardari to support the new governor.",
			want:         []string{"Patterson|United States|supports|reported|the new governor"},
		},
		{
			name:         "titled signer is named by the title",
			classifiedBy: "PolCouns Janice G. Weiner",
			text:         "The Ambassador urged Zardari to support the new governor.",
			want:         []string{"the Ambassador|United States|supports|reported|the new governor"},
		},
	}
	e := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &summarizer.Cable{ID: "TEST", Origin: "AMEMBASSY ISLAMABAD", Subject: "TEST", ClassifiedBy: tt.classifiedBy,
				Paragraphs: []summarizer.Paragraph{{Number: 1, Text: tt.text}},
				Sections:   []summarizer.Section{{Kind: summarizer.KindBody, Paragraphs: []int{1}}}}
			res, _, err := e.SummarizeSection(context.Background(), sectionInput(c, 0))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range res.Stances {
				got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s", s.Actor, s.Affiliation, s.Label, s.Voice, s.Target))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("stances mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
