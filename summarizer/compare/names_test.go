package compare

import (
	"testing"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/google/go-cmp/cmp"
)

// actorCables lists, for each actor shown as name (affiliation), the cables of its rows.
func actorCables(c *Comparison) map[string][]string {
	out := map[string][]string{}
	for _, r := range c.Rows {
		k := r.Actor + " (" + r.Affiliation + ")"
		out[k] = append(out[k], r.CableID)
	}
	return out
}

func TestActorNames(t *testing.T) {
	sanaa := func(id, date string, sts ...summarizer.Stance) *summarizer.Report {
		return mkReport(id, date, "AMEMBASSY SANAA", []string{"PREL", "YM"}, sec{"DETAINEES", sts})
	}
	tunis := func(id, date string, sts ...summarizer.Stance) *summarizer.Report {
		return mkReport(id, date, "AMEMBASSY TUNIS", []string{"PREL", "TS"}, sec{"DETAINEES", sts})
	}
	withQuote := func(st summarizer.Stance, q string) summarizer.Stance {
		st.Evidence = []summarizer.Evidence{{Paragraph: 1, Quote: q, Grounded: true}}
		return st
	}
	tests := []struct {
		name    string
		reports []*summarizer.Report
		want    map[string][]string
	}{
		{
			name: "two full names of one surname stay apart; a bare surname joins its cable's",
			reports: []*summarizer.Report{
				sanaa("09SANAA1", "2009-01-01", stance("Ammar Saleh", "Yemen", "supports", "a rehabilitation centre")),
				sanaa("09SANAA2", "2009-02-01", stance("Ali Abdullah Saleh", "Yemen", "opposes", "the Saudi centre")),
				sanaa("09SANAA3", "2009-03-01", stance("Ali Abdullah Saleh", "Yemen", "opposes", "the Saudi centre"),
					stance("Saleh", "", "opposes", "transfers to Riyadh")),
			},
			want: map[string][]string{
				"Ammar Saleh (Yemen)":        {"09SANAA1"},
				"Ali Abdullah Saleh (Yemen)": {"09SANAA2", "09SANAA3"},
			},
		},
		{
			name: "a bare surname joins the full name of its cable unless called by title",
			reports: []*summarizer.Report{
				sanaa("09SANAA1", "2009-01-01", stance("Ali Abdullah Saleh", "Yemen", "opposes", "the Saudi centre")),
				mkReport("09SANAA2", "2009-02-01", "AMEMBASSY SANAA", nil,
					sec{"DETAINEES", []summarizer.Stance{withQuote(stance("Saleh", "", "supports", "a centre in Aden"), "Ammar Saleh agreed. Later Ammar Saleh said so.")}},
					sec{"GUANTANAMO", []summarizer.Stance{withQuote(stance("Saleh", "", "opposes", "transfers"), "President Saleh rejected the proposal")}},
					sec{"AL-QAIDA", []summarizer.Stance{withQuote(stance("Saleh", "", "supports", "raids"), "He told Saleh of the raids")}}),
			},
			want: map[string][]string{
				"Ali Abdullah Saleh (Yemen)": {"09SANAA1"},
				"Ammar Saleh ()":             {"09SANAA2", "09SANAA2"},
				"Saleh (Sanaa) ()":           {"09SANAA2"},
			},
		},
		{
			name: "a full name found twice in the quotes names a bare surname",
			reports: []*summarizer.Report{
				sanaa("09SANAA1", "2009-01-01", stance("Ali Abdullah Saleh", "Yemen", "opposes", "the Saudi centre")),
				sanaa("09SANAA2", "2009-02-01",
					withQuote(stance("Saleh", "", "supports", "a rehabilitation centre"), "Ambassador thanked Ammar Saleh; Ammar Saleh agreed.")),
			},
			want: map[string][]string{
				"Ali Abdullah Saleh (Yemen)": {"09SANAA1"},
				"Ammar Saleh ()":             {"09SANAA2"},
			},
		},
		{
			name: "a bare common name merges within one post only",
			reports: []*summarizer.Report{
				tunis("08TUNIS1", "2008-01-01", stance("Ali", "", "supports", "reform")),
				tunis("08TUNIS2", "2008-02-01", stance("Ali", "", "supports", "reform")),
				sanaa("09SANAA1", "2009-01-01", stance("Ali", "", "opposes", "reform")),
			},
			want: map[string][]string{
				"Ali (Tunis) ()": {"08TUNIS1", "08TUNIS2"},
				"Ali (Sanaa) ()": {"09SANAA1"},
			},
		},
		{
			name: "given names that start or end another's are one person's; titles are not given names",
			reports: []*summarizer.Report{
				mkReport("08RABAT1", "2008-01-01", "AMEMBASSY RABAT", nil, sec{"SAHARA", []summarizer.Stance{stance("Taieb Fassi Fihri", "Morocco", "supports", "autonomy")}}),
				mkReport("08RABAT2", "2008-02-01", "AMEMBASSY RABAT", nil, sec{"SAHARA", []summarizer.Stance{stance("Fassi Fihri", "Morocco", "supports", "autonomy")}}),
				mkReport("08RABAT3", "2008-03-01", "AMEMBASSY RABAT", nil, sec{"SAHARA", []summarizer.Stance{stance("Co-Chairman Fihri", "Morocco", "supports", "autonomy")}}),
				mkReport("08RABAT4", "2008-04-01", "AMEMBASSY RABAT", nil, sec{"SAHARA", []summarizer.Stance{stance("Ahmed Fihri", "Morocco", "opposes", "autonomy")}}),
			},
			want: map[string][]string{
				"Taieb Fassi Fihri (Morocco)": {"08RABAT1", "08RABAT2"},
				"Co-Chairman Fihri (Morocco)": {"08RABAT3"}, // bare, not "Co-Chairman" by first name
				"Ahmed Fihri (Morocco)":       {"08RABAT4"},
			},
		},
		{
			name: "one surname with one full name merges as before",
			reports: []*summarizer.Report{
				sanaa("07SANAA1", "2007-01-01", stance("Nicholas Burns", "United States", "supports", "talks")),
				sanaa("07SANAA2", "2007-02-01", stance("U/S Burns", "", "supports", "talks")),
			},
			want: map[string][]string{"Nicholas Burns (United States)": {"07SANAA1", "07SANAA2"}},
		},
		{
			name: "a country goes by its name",
			reports: []*summarizer.Report{
				sanaa("09SANAA1", "2009-01-01", stance("Washington", "", "supports", "talks")),
				sanaa("09SANAA2", "2009-02-01", stance("USG", "", "supports", "talks")),
			},
			want: map[string][]string{"United States (United States)": {"09SANAA1", "09SANAA2"}},
		},
		{
			name: "redaction masks are one cable's each, shown with its id",
			reports: []*summarizer.Report{
				sanaa("09SANAA1", "2009-01-01", stance("XXXXXXXXXXXX", "", "supports", "talks")),
				sanaa("09SANAA2", "2009-02-01", stance("XXXXXXXXXXXX", "", "supports", "talks")),
			},
			want: map[string][]string{
				"XXXXXXXXXXXX (09SANAA1) ()": {"09SANAA1"},
				"XXXXXXXXXXXX (09SANAA2) ()": {"09SANAA2"},
			},
		},
		{
			name: "spellings of one affiliation count together",
			reports: []*summarizer.Report{
				sanaa("09SANAA1", "2009-01-01", stance("Feltman", "USG", "supports", "talks")),
				sanaa("09SANAA2", "2009-02-01", stance("Feltman", "United States", "supports", "talks")),
				sanaa("09SANAA3", "2009-03-01", stance("Feltman", "", "supports", "talks")),
				sanaa("09SANAA4", "2009-04-01", stance("Feltman", "", "supports", "talks")),
			},
			want: map[string][]string{"Feltman (United States)": {"09SANAA1", "09SANAA2", "09SANAA3", "09SANAA4"}},
		},
		{
			name: "an affiliation from one cable does not label an actor of many",
			reports: []*summarizer.Report{
				sanaa("09SANAA1", "2009-01-01", stance("Saleh", "", "supports", "talks")),
				sanaa("09SANAA2", "2009-02-01", stance("Saleh", "", "supports", "talks")),
				sanaa("10SANAA1", "2010-01-01", stance("Saleh", "United States", "supports", "talks")),
			},
			want: map[string][]string{"Saleh (Sanaa) ()": {"09SANAA1", "09SANAA2", "10SANAA1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Build(tt.reports, Options{})
			if diff := cmp.Diff(tt.want, actorCables(c)); diff != "" {
				t.Errorf("actors (-want +got):\n%s", diff)
			}
		})
	}
}
