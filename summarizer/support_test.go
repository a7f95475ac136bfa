package summarizer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Sentences of real cables (07PARIS2726, 66BUENOSAIRES2481, 09MOSCOW2366, 04ANKARA348,
// 03ABUDHABI2641, 09SEOUL59), used as sources below.
const (
	parisKosovo = `Kouchner told U/S Burns and Ambassador Wisner that, absent a UNSCR, we would need to demonstrate to the world that we had made every conceivable attempt to find an agreement between the parties and in the UN Security Council before moving to Quint recognition of an independent Kosovo. Burns stressed the importance of Quint unity and reviewed Quint discussions on a strategy to move forward based in large part on Sarkozy's G-8 proposal: (1) Quint agreement on Kosovo independence as the final outcome; (2) a push now in the Security Council for a UNSCR in order to gauge Russia's reaction; (3) if a Russian veto still remained likely, we would allow three to six months for dialogue between the parties and prepare mechanisms for independence without a UNSCR. Somewhat jokingly, Kouchner referred to his birthday in early November as a possible deadline for dialogue to end and independence to begin.

Political Director Araud nonetheless remained guarded about French recognition of Kosovo and feared a European clash on the issue -- particularly with the Italians and Spanish. Burns added that dialogue would be most useful if led by Ahtisaari. He agreed to provide Kouchner and Araud an account of his June 14-17 Kosovo trip.`
	parisLebanon  = `Kouchner added that the invitation to Hizballah in no way meant that the GOF did not support Siniora, but was a reaction to the reality of Lebanon. Siniora and the March 14 movement did not represent the majority of Lebanese, he said. Kouchner clarified that the event would be at the sub-cabinet level and added that Siniora had agreed on June 12 to send a representative to the conference. He said that the current problem was Fatah al-Islam, which was responsible for the incidents inside the Palestinian refugee camps. Kouchner judged that there was a new unity in Lebanon to back the Lebanese Armed Forces (LAF).`
	parisIran     = `Kouchner pushed back on Burns' proposal that the USG and Europe implement sanctions against Iran outside the framework of the UN Security Council if China and Russia proved unwilling to cooperate fully, insisting that sanctions were ineffective and "cannot get what we need." The Minister counseled that pressure on the regime had to come from inside the country, and that our strategy had to include talking to Iran and the Iranian people. Solana, Burns said, had warned the Secretary the previous day that he did not believe Larijani was prepared to make any concessions. Kouchner's presentation did not track with the existing French approach on holding Iran firmly to its IAEA and UNSC commitments. Kouchner described the Socialist Party (PS) as near its end. He described Segolene Royal as childish.`
	buenosAires   = `PRESS REPORTS AND VARIETY EMBASSY SOURCES CONFIRM NEW ARGENTINE LEGISLATION UNILATERALLY CHANGING SEAS JURISDICTION NOW UNDER ADVANCED REVIEW. REPORTEDLY LAW WOULD ESTABLISH SIX MILE TERRITORIAL SEA, PLUS ANOTHER SIX MILES OF EXCLUSIVE FISHING JURISDICTION. DRAFT-LAW UNDER CONSIDERATION IN ARGENTINE SENATE BEFORE JUNE 28 COUP WOULD HAVE DEFINED ZONE OF PREFERENTIAL JURISDICTION AS "EPICONTINENTAL SEA OUT TO 200 METER ISOBAR". NAVATT STATES ARGENTINE NAVY THINKING OF PREFERENTIAL JURISDICTION OUT TO 200 MILES (AS IN PERU, ECUADOR, CHILE). FONOFF OFFICIALS REFERRING TO RECENT BRAZILIAN AND US LEGISLATION HAVE INFORMALLY INDICATED DECISION ALREADY FINAL.`
	moscowForests = `Russia contains approximately 22 percent of the world's forests. Russia's over 887 million hectares of forest and woodland cover 52 percent of its land area. Some 10 percent of Russian timber is illegally harvested, according to Greenpeace.`
	ankaraPolls   = `AK could gain around 50% of the vote in March 28 nationwide local elections. Party insiders project that such a result would give AK control of 65% or more of the 3,200 municipalities in Turkey, including probably Istanbul and Ankara.`
	abuDhabiAid   = `Following the terror attacks in Casablanca, the UAEG provided $40 million in cash assistance to Morocco. Hamdan confided that he had told his Kuwaiti and Saudi counterparts the UAE's donation was $80 million.`
	seoulTrade    = `ROK-Russia economic ties have grown more than 40% annually for the past three years, with two-way trade exceeding USD 15 billion in 2007.`
)

func TestUnsupported(t *testing.T) {
	tests := []struct {
		name   string
		claim  string
		source string
		want   []string
	}{
		// Paraphrases that state nothing the source does not: no flag.
		{"full names where the text has surnames", "French Foreign Minister Bernard Kouchner told Under Secretary Nicholas Burns that the Quint must first exhaust every avenue in the UN Security Council.", parisKosovo, nil},
		{"titles and abbreviations", "FM Kouchner told A/S Burns and Amb. Wisner that the world must see every attempt made.", parisKosovo, nil},
		{"countries for peoples", "Araud feared a clash with Italy and Spain over recognition; Serbia's reaction matters less than Russia's.", parisKosovo + " Serbs.", nil},
		{"month alone and small number words", "Kouchner suggested three to six months of dialogue ending around his birthday in early November.", parisKosovo, nil},
		{"date in another style", "Wisner will brief Kouchner and Araud on his 14 June trip to Kosovo.", parisKosovo, nil},
		{"given name and office", "Quint foreign ministers should lead, not UN envoy Martti Ahtisaari.", parisKosovo, nil},
		{"possessive and acronym", "Burns based the strategy on Sarkozy's G8 plan and a UNSCR.", parisKosovo, nil},
		{"day month and government acronym", "Siniora agreed on 12 June to send a representative; the French government still backs him.", parisLebanon, nil},
		{"acronym of a name in the text", "Kouchner sees new unity behind the LAF, and blames Fatah al Islam for the camp incidents.", parisLebanon, nil},
		{"hyphen and particle", "Fatah al-Islam caused the incidents, not Hizballah.", parisLebanon, nil},
		{"capital for the country, people for the country", "Kouchner thinks sanctions on Tehran are ineffective and wants Washington to talk to the Iranians.", parisIran, nil},
		{"US for USG, acronym expansion", "The U.S. wants sanctions outside the United Nations Security Council if Beijing and Moscow balk.", parisIran, nil},
		{"diacritics", "Kouchner called Ségolène Royal childish and said the Socialist Party (PS) was nearly finished.", parisIran, nil},
		{"transliteration", "Kouchner defended inviting Hezbollah.", parisLebanon, nil},
		{"sentence-start common word", "Sanctions, Kouchner insisted, cannot get what we need. Pressure must come from inside.", parisIran, nil},
		{"all-caps source, mixed-case summary", "Argentina is weighing a six-mile territorial sea, and its navy favours 200 miles as Peru, Ecuador and Chile claim; Brazil and the U.S. have legislated too.", buenosAires, nil},
		{"all-caps summary", "ARGENTINE NAVY THINKING OF 200 MILES; FONOFF SAYS DECISION FINAL BEFORE JUNE 28.", buenosAires, nil},
		{"percent sign and word, hedge", "Russia holds about 22% of the world's forests, some 887 million hectares, over half its land.", moscowForests, nil},
		{"percent approximated", "Greenpeace estimates that roughly 10% of Russian timber is cut illegally.", moscowForests, nil},
		{"thousands and percent", "AK may win some 50 percent of the vote on 28 March and control 65 percent of 3200 municipalities.", ankaraPolls, nil},
		{"money", "The UAE gave Morocco $40 million after the Casablanca attacks but told Kuwait and Saudi Arabia it gave $80 million.", abuDhabiAid, nil},
		{"money in another unit", "Two-way trade between South Korea and Russia topped $15 billion in 2007, growing over 40 percent a year.", seoulTrade + " the Republic of Korea (ROK)", nil},

		// Claims the source does not make: flagged, as written.
		{"invented official", "Kouchner said Secretary Clinton would decide on recognition.", parisKosovo, []string{"Secretary Clinton"}},
		{"invented organisation at a sentence start", "Hamas rejected the invitation, Kouchner said.", parisLebanon, []string{"Hamas"}},
		{"invented year", "Kouchner has opposed sanctions since 1999.", parisIran, []string{"1999"}},
		{"invented money", "France pledged $3 billion to Lebanon.", parisLebanon, []string{"$3 billion"}},
		{"invented date", "Siniora agreed on July 4 to attend.", parisLebanon, []string{"July 4"}},
		{"wrong place", "Kouchner compared Iran to North Korea.", parisIran + " South Korea.", []string{"North Korea"}},
		{"invented person beside real ones", "Burns, Kouchner and Chancellor Merkel discussed Kosovo.", parisKosovo, []string{"Chancellor Merkel"}},
		{"invented percentage", "Iran enriched 20 percent uranium.", parisIran, []string{"20 percent"}},
		{"wrong number", "Russia holds 30 percent of the world's forests.", moscowForests, []string{"30 percent"}},
		{"hedge too far", "AK could win about 80% of the vote.", ankaraPolls, []string{"80%"}},
		{"number word", "The Quint gave Belgrade twelve months.", parisKosovo, []string{"Belgrade", "twelve"}},
		{"each once, in order", "Putin met Hamas; Putin and Hamas agreed in 1999.", parisIran, []string{"Putin", "Hamas", "1999"}},
		{"all-caps summary with an invented name", "PRESIDENT FREI OF CHILE BACKS 200 MILES.", buenosAires, []string{"FREI"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Unsupported(tt.claim, tt.source)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Unsupported(%q) (-want +got):\n%s", tt.claim, diff)
			}
		})
	}
}
