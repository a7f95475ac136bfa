package offline

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "Burns spoke. Kouchner agreed.", []string{"Burns spoke.", "Kouchner agreed."}},
		{"US inside", "The U.S. strategy was clear. Kouchner agreed.", []string{"The U.S. strategy was clear.", "Kouchner agreed."}},
		{"US at end", "He spoke to the U.S. The French did not.", []string{"He spoke to the U.S.", "The French did not."}},
		{"US Embassy", "They met on Jan. 5 at the U.S. Embassy in Paris. Burns left.", []string{"They met on Jan. 5 at the U.S. Embassy in Paris.", "Burns left."}},
		{"US post", "He called the U.S. Post on Monday. Burns left.", []string{"He called the U.S. Post on Monday.", "Burns left."}},
		{"courtesy title after US", "The plan was proposed by the U.S. Mr. Jones of the U.N. disagreed.", []string{"The plan was proposed by the U.S.", "Mr. Jones of the U.N. disagreed."}},
		{"US before name", "He met U.S. Ambassador Stapleton. Then he left.", []string{"He met U.S. Ambassador Stapleton.", "Then he left."}},
		{"titles", "Amb. Wisner met Dr. Rice and Mr. Levitte. They talked.", []string{"Amb. Wisner met Dr. Rice and Mr. Levitte.", "They talked."}},
		{"slash titles", "U/S Burns and A/S Fried met. Fine.", []string{"U/S Burns and A/S Fried met.", "Fine."}},
		{"month", "They met on Jan. 5 in Paris. Burns left.", []string{"They met on Jan. 5 in Paris.", "Burns left."}},
		{"month capital", "They met on Sept. 11 at noon. Burns left.", []string{"They met on Sept. 11 at noon.", "Burns left."}},
		{"initials", "Classified by Craig R. Stapleton for reasons 1.4 (b) and (d). Next.", []string{"Classified by Craig R. Stapleton for reasons 1.4 (b) and (d).", "Next."}},
		{"number abbreviation", "See resolution No. 1737 today. No. That is wrong.", []string{"See resolution No. 1737 today.", "No.", "That is wrong."}},
		{"closing quote", `Kouchner responded that "inviting them would not change anything." Hizballah had to be a part.`, []string{`Kouchner responded that "inviting them would not change anything."`, "Hizballah had to be a part."}},
		{"comma in quote", `"If they don't all come, we won't have it," Kouchner noted.`, []string{`"If they don't all come, we won't have it," Kouchner noted.`}},
		{"decimal and time", "At 1:00 P.M. the lunch began. It was 3.5 hours long.", []string{"At 1:00 P.M. the lunch began.", "It was 3.5 hours long."}},
		{"time at end", "June 13, 2007, 1:00 P.M.", []string{"June 13, 2007, 1:00 P.M."}},
		{"question", "Would Russia veto? Burns thought so!", []string{"Would Russia veto?", "Burns thought so!"}},
		{"lower continuation", "The approx. figure is e.g. five. Next one.", []string{"The approx. figure is e.g. five.", "Next one."}},
		{"all caps", "PRESIDENT BUSH PLEDGED TO RESPOND. EMBASSY SHOULD DELIVER THE U.S. NON-PAPER.", []string{"PRESIDENT BUSH PLEDGED TO RESPOND.", "EMBASSY SHOULD DELIVER THE U.S. NON-PAPER."}},
		{"no final stop", "Participants: U.S. Under Secretary Burns", []string{"Participants: U.S. Under Secretary Burns"}},
		{"ellipsis", "He paused... Then he spoke.", []string{"He paused...", "Then he spoke."}},
		{"bracketed", "(NOTE: The lunch was long. END NOTE) Burns left.", []string{"(NOTE: The lunch was long.", "END NOTE) Burns left."}},
		{"empty", "  ", nil},
		{"blank line", "Post should:\n\nRequest China to stop it", []string{"Post should:", "Request China to stop it"}},
		{"blank line inside sentence", "he would be traveling across\n\nKosovo, not only to Pristina. Next one.", []string{"he would be traveling across\n\nKosovo, not only to Pristina.", "Next one."}},
		{"blank line after comma", "On domestic politics,\n\nKouchner noted it.", []string{"On domestic politics,\n\nKouchner noted it."}},
		{"bullets", "Post should:\n-- Request China to stop it\n--Note the importance", []string{"Post should:", "-- Request China to stop it", "--Note the importance"}},
		{"lettered", "Two issues:\n(a) support for Chad\n(b) aid", []string{"Two issues:", "(a) support for Chad", "(b) aid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range splitSentences(tt.text) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("splitSentences(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestSplitSentencesCoversText(t *testing.T) {
	text := "Kouchner agreed. U/S Burns, on Jan. 5, said the U.S. would act. \"Fine,\" he said... END NOTE)"
	var b strings.Builder
	for _, s := range splitSentences(text) {
		b.WriteString(text[s.Start:s.End])
	}
	got := b.String()
	want := strings.Join(strings.Fields(text), "")
	if strings.Join(strings.Fields(got), "") != want {
		t.Errorf("sentences lose text: got %q, want the non-space bytes of %q", got, text)
	}
}
