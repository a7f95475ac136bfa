package header

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cablebrief/summarize/summarizer"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseOddHeaders(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		text     string
		want     Fields
		wantBody string // the body starts with this
		wantWarn string // a warning containing this, "" for none checked
	}{
		{
			name: "letter-spaced banner and markdown tags",
			file: "07PARIS2726.txt",
			text: "\n\nVZCZCXRO5766\nPP RUEHDBU RUEHFL\nDE RUEHFR #2726/01 1770849\nZNY CCCCC ZZH\nP 260849Z JUN 07\nFM AMEMBASSY PARIS\n" +
				"TO RUEHC/SECSTATE WASHDC PRIORITY 8475\nINFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY\nRUEHBW/AMEMBASSY BELGRADE PRIORITY 0802\n\n" +
				"C O N F I D E N T I A L SECTION 01 OF 03 PARIS 002726\n\nSIPDIS\n\nSIPDIS\n\nE.O. 12958: DECL: 06/26/2017\n" +
				"TAGS: [PREL](#) [FR](#) [EUN](#)\nSUBJECT: U/S BURNS' JUNE 13 LUNCH WITH FRENCH FM KOUCHNER\n\n" +
				"Classified By: AMBASSADOR CRAIG R STAPLETON FOR REASONS 1.4 (B) AND (D)\n\n[1](#)1. (U) June 13, 2007, 1:00 P.M.\n",
			want: Fields{
				ID: "07PARIS2726", Classification: "CONFIDENTIAL", Origin: "AMEMBASSY PARIS",
				To: []string{"SECSTATE WASHDC"}, Info: []string{"EUROPEAN POLITICAL COLLECTIVE", "AMEMBASSY BELGRADE"},
				DTG: "260849Z JUN 07", Date: "2007-06-26", TotalSections: 3, EO: "12958", DeclassifyOn: "2017-06-26",
				Tags: []string{"PREL", "FR", "EUN"}, Subject: "U/S BURNS' JUNE 13 LUNCH WITH FRENCH FM KOUCHNER",
				ClassifiedBy: "AMBASSADOR CRAIG R STAPLETON", Reasons: "1.4 (B) AND (D)",
			},
			wantBody: "[1](#)1. (U) June 13",
		},
		{
			name: "whole header on one line, no SUBJECT",
			file: "10STATE284.txt",
			text: "P R 041820Z JAN 10\nFM SECSTATE WASHDC\nTO RUEHTRO/AMEMBASSY TRIPOLI PRIORITY 1742\n\n" +
				"C O N F I D E N T I A L SECTION 01 OF 02 STATE 000284 SIPDIS E.O. 12958: DECL: 01/04/2020 TAGS: MASS MARR MCAP\n\n" +
				"1.(U) This is an action request; see para 5.\n",
			want: Fields{
				ID: "10STATE284", Classification: "CONFIDENTIAL", Origin: "SECSTATE WASHDC", To: []string{"AMEMBASSY TRIPOLI"},
				DTG: "041820Z JAN 10", Date: "2010-01-04", TotalSections: 2, EO: "12958", DeclassifyOn: "2020-01-04",
				Tags: []string{"MASS", "MARR", "MCAP"},
			},
			wantBody: "1.(U) This is an action request",
			wantWarn: "no SUBJECT",
		},
		{
			name: "partial extract without FM or DTG, TAGS without colon, wrapped subject",
			file: "05TELAVIV1580.txt",
			text: "This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n" +
				"S E C R E T SECTION 01 OF 02 TEL AVIV 001580 \n\nSIPDIS \n\nEO 12958 DECL: 03/15/2010 \n" +
				"TAGS PGOV, PREL, KWBG, IR, IS, COUNTERTERRORISM, GOI EXTERNAL \nSUBJECT: MOSSAD CHIEF TO CODEL CORZINE: SOME FOREIGN \nFIGHTERS BEGINNING TO LEAVE IRAQ\n\n" +
				"Classified By: Pol/C Ambassador Daniel C. Kurtzer for reasons 1.4(b) an d (d).\n\n¶1. (S) Summary: Mossad Chief\n",
			want: Fields{
				ID: "05TELAVIV1580", Classification: "SECRET", TotalSections: 2, EO: "12958", DeclassifyOn: "2010-03-15",
				Tags:         []string{"PGOV", "PREL", "KWBG", "IR", "IS", "COUNTERTERRORISM", "GOI EXTERNAL"},
				Subject:      "MOSSAD CHIEF TO CODEL CORZINE: SOME FOREIGN FIGHTERS BEGINNING TO LEAVE IRAQ",
				ClassifiedBy: "Pol/C Ambassador Daniel C. Kurtzer", Reasons: "1.4(b) an d (d)",
			},
			wantBody: "¶1. (S) Summary",
			wantWarn: "file name",
		},
		{
			name: "lower-cased partial extract with everything on one line",
			file: "04ANKARA348.txt",
			text: "This record is a partial extract of the original cable.\n\n201247Z Jan 04\n\nC o n f i d e n t i a l section 01 of 04 ankara 000348\n\nSipdis\n\n" +
				"E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. Erdogan goes to washington?\n\n" +
				"(U) Classified by Ambassador Eric Edelman; reasons: 1.5 (b,d).\n\n¶1. (C) Summary: P.M. Erdogan\n",
			want: Fields{
				ID: "04ANKARA348", Classification: "CONFIDENTIAL", DTG: "201247Z JAN 04", Date: "2004-01-20", TotalSections: 4,
				EO: "12958", DeclassifyOn: "2014-01-07", Tags: []string{"PREL", "PGOV", "PINS", "TU"},
				Subject: "turkish p.m. Erdogan goes to washington?", ClassifiedBy: "Ambassador Eric Edelman", Reasons: "1.5 (b,d)",
			},
			wantBody: "¶1. (C) Summary",
		},
		{
			name: "page header inside the TO line, TAG without S, REF running into Classified by",
			file: "09STATE15113.txt",
			text: "INFO  LOG-00   MFA-00   EEB-00   AF-00\n      ALM-00   SCA-00   SWCI-00    /007R\n\n\nP 182318Z FEB 09\nFM SECSTATE WASHDC\n" +
				"TO PAGE 02        STATE   015113  182333Z \nALL DIPLOMATIC POSTS COLLECTIVE PRIORITY\nAMEMBASSY TRIPOLI PRIORITY\n\n" +
				"S E C R E T STATE 015113  \n\nNOFORN, NOT FOR INTERNET DISTRIBUTION \n\nE.O. 12958: DECL: 1/29/2019 \nTAG PTER, PGOV, ASEC \n" +
				"SUBJECT: REQUEST FOR INFORMATION:CRITICAL FOREIGN DEPENDENCIES  \n\n" +
				"REF: STATE 6461  PLEASE PASS TO RSO.  Classified by S/CT DAS, Susan F. Burk, Reason: 1/4 (B), (D), (E), and (G)    \n\n" +
				"¶1. (U//FOUO) This is an action request; see Para. 13.\n",
			want: Fields{
				ID: "09STATE15113", Classification: "SECRET", Caveats: []string{"NOFORN"}, Origin: "SECSTATE WASHDC",
				To:  []string{"ALL DIPLOMATIC POSTS COLLECTIVE", "AMEMBASSY TRIPOLI"},
				DTG: "182318Z FEB 09", Date: "2009-02-18", TotalSections: 1, EO: "12958", DeclassifyOn: "2019-01-29",
				Tags: []string{"PTER", "PGOV", "ASEC"}, Subject: "REQUEST FOR INFORMATION:CRITICAL FOREIGN DEPENDENCIES",
				References:   []summarizer.Reference{{ID: "09STATE6461", Text: "STATE 6461 PLEASE PASS TO RSO."}},
				ClassifiedBy: "S/CT DAS, Susan F. Burk", Reasons: "1/4 (B), (D), (E), and (G)",
			},
			wantBody: "¶1. (U//FOUO)",
		},
		{
			name: "TAGS wrapping with a parenthesised name, SUBJECT running into REF",
			file: "08LONDON1991.txt",
			text: "O 311030Z JUL 08\nFM AMEMBASSY LONDON\n\nC O N F I D E N T I A L SECTION 01 OF 05 LONDON 001991 \n\nNOFORN \nSIPDIS \n\n" +
				"E.O. 12958: DECL: 07/31/2018 \nTAGS OVIP (CLINTON, HILLARY), PGOV, PREL,\nPINR, UK \n" +
				"SUBJECT: (C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIMEREF: A. LONDON 1939  B. LONDON 1704 \n\n" +
				"Classified By: Ambassador Robert H. Tuttle, reasons 1.4 b, d \n\n¶1. (C/NF) Summary.\n",
			want: Fields{
				ID: "08LONDON1991", Classification: "CONFIDENTIAL", Caveats: []string{"NOFORN"}, Origin: "AMEMBASSY LONDON",
				DTG: "311030Z JUL 08", Date: "2008-07-31", TotalSections: 5, EO: "12958", DeclassifyOn: "2018-07-31",
				Tags:    []string{"OVIP", "CLINTON, HILLARY", "PGOV", "PREL", "PINR", "UK"},
				Subject: "(C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIME",
				References: []summarizer.Reference{
					{Letter: "A", ID: "08LONDON1939", Text: "LONDON 1939"},
					{Letter: "B", ID: "08LONDON1704", Text: "LONDON 1704"},
				},
				ClassifiedBy: "Ambassador Robert H. Tuttle", Reasons: "1.4 b, d",
			},
			wantBody: "¶1. (C/NF) Summary.",
		},
		{
			name: "TAGS without commas wrapping onto a second line before SUBJECT",
			file: "07MADRID2100.txt",
			text: "P 161300Z NOV 07\nFM AMEMBASSY MADRID\n\nUNCLAS MADRID 002100\n\nE.O. 12958: N/A\nTAGS: ECON EFIN ELAB SP\nEINV\n" +
				"SUBJECT: MADRID WEEKLY ECON/AG/COMMERCIAL UPDATE - NOVEMBER\n12-16\n\n1. Summary.\n",
			want: Fields{
				ID: "07MADRID2100", Classification: "UNCLASSIFIED", Origin: "AMEMBASSY MADRID", DTG: "161300Z NOV 07",
				Date: "2007-11-16", TotalSections: 1, EO: "12958", Tags: []string{"ECON", "EFIN", "ELAB", "SP", "EINV"},
				Subject: "MADRID WEEKLY ECON/AG/COMMERCIAL UPDATE - NOVEMBER 12-16",
			},
			wantBody: "1. Summary.",
		},
		{
			name: "1970s header with E.O. 11652 and SUBJ",
			file: "damaged_7575LIBREVILLE1895.txt",
			text: "O R 181205Z NOV 75 ZFF4\nFM AMEMBASSY LIBREVILLE\nTO USMISSION USUN NEWYORK NIACT IMMEDIATE\nSECSTATE WASHDC IMMEDIATE 7102\n" +
				"INFO AMEMBASSY PARIS\n\nC O N F I D E N T I A L 75 LIBREVILLE 1895 \nE.O. 11652: GDS \n \nTAGS: PFOR UNGA GB\n \n" +
				"SUBJ: KOREA AT 30TH UNGA: GABON \n \nREF: STATE 272523; USUN 6028 \n \n¶1. PRESIDENT BONGO HAS\n",
			want: Fields{
				ID: "75LIBREVILLE1895", Classification: "CONFIDENTIAL", Origin: "AMEMBASSY LIBREVILLE",
				To: []string{"USMISSION USUN NEWYORK", "SECSTATE WASHDC"}, Info: []string{"AMEMBASSY PARIS"},
				DTG: "181205Z NOV 75", Date: "1975-11-18", TotalSections: 1, EO: "11652",
				Tags: []string{"PFOR", "UNGA", "GB"}, Subject: "KOREA AT 30TH UNGA: GABON",
				References: []summarizer.Reference{
					{ID: "75STATE272523", Text: "STATE 272523"},
					{ID: "75USUNNEWYORK6028", Text: "USUN 6028"},
				},
			},
			wantBody: "¶1. PRESIDENT BONGO",
		},
		{
			name: "media date line before the banner",
			file: "09BELGRADE841.txt",
			text: "R 031341Z SEP 09\nFM AMEMBASSY BELGRADE\nTO RUEHC/SECSTATE WASHDC\n\nThursday, 03 September 2009, 13:41\n" +
				"S E C R E T BELGRADE 000841 \nSIPDIS \nAMEMBASSY ANKARA PASS TO AMCONSUL ADANA \nEO 12958 DECL: 2019/09/03 \n" +
				"TAGS PGOV, PREL, RS, SR \nSUBJECT: SERBIA GRAPPLES WITH RUSSIA RELATIONS IN ADVANCE OF MEDVEDEV \nVISIT\n" +
				"REF: (A) 08 BELGRADE 98, (B) 08 BELGRADE 1333\nCLASSIFIED BY: Jennifer Brush, Charge D’Affaires; REASON: 1.4(B), (D)\n\nSummary\n",
			want: Fields{
				ID: "09BELGRADE841", Classification: "SECRET", Origin: "AMEMBASSY BELGRADE", To: []string{"SECSTATE WASHDC"},
				DTG: "031341Z SEP 09", Date: "2009-09-03", TotalSections: 1, EO: "12958", DeclassifyOn: "2019-09-03",
				Tags: []string{"PGOV", "PREL", "RS", "SR"}, Subject: "SERBIA GRAPPLES WITH RUSSIA RELATIONS IN ADVANCE OF MEDVEDEV VISIT",
				References: []summarizer.Reference{
					{Letter: "A", ID: "08BELGRADE98", Text: "08 BELGRADE 98"},
					{Letter: "B", ID: "08BELGRADE1333", Text: "08 BELGRADE 1333"},
				},
				ClassifiedBy: "Jennifer Brush, Charge D’Affaires", Reasons: "1.4(B), (D)",
			},
			wantBody: "Summary",
		},
		{
			name: "¶ before REF letters, a non-cable reference",
			file: "08BERLIN1387.txt",
			text: "R 101731Z OCT 08\nFM AMEMBASSY BERLIN\n\nC O N F I D E N T I A L BERLIN 001387 \n\nE.O. 12958: DECL: 10/09/2018 \nTAGS: PREL MARR\n" +
				"SUBJECT: GERMANY: BUNDESTAG SET TO RENEW A BEEFED-UP ISAF\nMANDATE\n\nREF: A. BERLIN 1045 \n¶B. SECDEF MSG DTG 301601z SEP 08\n\n" +
				"Classified By: CHARGE D'AFFAIRES JOHN KOENIG FOR REASONS 1.4 (B) AND (D)\n\n¶1. (C/NF) SUMMARY:\n",
			want: Fields{
				ID: "08BERLIN1387", Classification: "CONFIDENTIAL", Origin: "AMEMBASSY BERLIN", DTG: "101731Z OCT 08",
				Date: "2008-10-10", TotalSections: 1, EO: "12958", DeclassifyOn: "2018-10-09", Tags: []string{"PREL", "MARR"},
				Subject: "GERMANY: BUNDESTAG SET TO RENEW A BEEFED-UP ISAF MANDATE",
				References: []summarizer.Reference{
					{Letter: "A", ID: "08BERLIN1045", Text: "BERLIN 1045"},
					{Letter: "B", Text: "SECDEF MSG DTG 301601z SEP 08"},
				},
				ClassifiedBy: "CHARGE D'AFFAIRES JOHN KOENIG", Reasons: "1.4 (B) AND (D)",
			},
			wantBody: "¶1. (C/NF) SUMMARY:",
		},
		{
			name: "damaged banner with a doubled first letter",
			file: "05PARIS1699.txt",
			text: "SS E C R E T SECTION 01 OF 02 PARIS 001699 \n\nSIPDIS \n\nE.O. 12958: DECL: 03/13/2015 \nTAGS: PGOV PREL\n" +
				"SUBJECT: TWO EX-GTMO DETAINEES CHARGED \n\n¶1. (S) Summary\n",
			want: Fields{
				ID: "05PARIS1699", Classification: "SECRET", TotalSections: 2, EO: "12958", DeclassifyOn: "2015-03-13",
				Tags: []string{"PGOV", "PREL"}, Subject: "TWO EX-GTMO DETAINEES CHARGED",
			},
			wantBody: "¶1. (S) Summary",
		},
		{
			name: "doubled SUBJECT, a wrapped line starting FOR, reasons wrapped, lower-case page break",
			file: "08OSLO461.txt",
			text: "R 151200Z AUG 08\nFM AMEMBASSY OSLO\n\nUNCLAS OSLO 000461\n\nE.O. 12958: N/A\nTAGS: KSCA SENV NO\n" +
				"SUBJECT: SUBJECT: NORWAY IN FAVOR OF USG NOMINEE AND ASKS\nFOR US SUPPORT IN RETURN\n\nREF: SECSTATE 82698\n\n" +
				"Oslo 00000461 001.2 of 002\n\nClassified By: DCM Kevin Johnson for reasons 1.4 (b)\nand (d)\n\n¶1. (SBU) In response\n",
			want: Fields{
				ID: "08OSLO461", Classification: "UNCLASSIFIED", Origin: "AMEMBASSY OSLO", DTG: "151200Z AUG 08", Date: "2008-08-15",
				TotalSections: 1, EO: "12958", Tags: []string{"KSCA", "SENV", "NO"},
				Subject:      "NORWAY IN FAVOR OF USG NOMINEE AND ASKS FOR US SUPPORT IN RETURN",
				References:   []summarizer.Reference{{ID: "08STATE82698", Text: "SECSTATE 82698"}},
				ClassifiedBy: "DCM Kevin Johnson", Reasons: "1.4 (b) and (d)",
			},
			wantBody: "¶1. (SBU) In response",
		},
		{
			name: "paragraph 1 glued onto the Classified By line",
			file: "10VATICAN13.txt",
			text: "P 211200Z JAN 10\nFM AMEMBASSY VATICAN\n\nC O N F I D E N T I A L VATICAN 000013\n\nE.O. 12958: DECL: 2020/01/21\nTAGS: KGHG PGOV\n" +
				"SUBJECT: GREEN POPE\n\nCLASSIFIED BY: Julieta Valls Noyes, DCM. REASON: 1.4 (b), (d) 1. (C) Summary: The Holy See supports it.\n\n2. (C) More.\n",
			want: Fields{
				ID: "10VATICAN13", Classification: "CONFIDENTIAL", Origin: "AMEMBASSY VATICAN", DTG: "211200Z JAN 10", Date: "2010-01-21",
				TotalSections: 1, EO: "12958", DeclassifyOn: "2020-01-21", Tags: []string{"KGHG", "PGOV"}, Subject: "GREEN POPE",
				ClassifiedBy: "Julieta Valls Noyes, DCM", Reasons: "1.4 (b), (d)",
			},
			wantBody: "1. (C) Summary: The Holy See",
		},
		{
			name: "header printed twice: a listing's abstract cut short, then the cable's own in lower case",
			file: "09KHARTOUM881.txt",
			text: "<<218634>>\n7/29/2009 14:42\n09KHARTOUM881\nEmbassy Khartoum\nCONFIDENTIAL\n09KHARTOUM378\nVZCZCXRO9313\n" +
				"P 291442Z JUL 09\nFM AMEMBASSY KHARTOUM\nTO RUEHC/SECSTATE WASHDC PRIORITY 4161\n" +
				"TAGS: ASEC PINS PREL UG\nSUBJECT: GOK/GOSS AGREE ON TIMETABLE FOR SECOND TANK \nREF: KHARTOUM 00378\n\n\n" +
				"C o n f i d e n t i a l section 01 of 02 khartoum 000881\n\nSipdis\n\nDept for se gration, af/e\nnsc for mgavin\n\n" +
				"E.o. 12958: decl: 07/28/2019\nTags: asec, pins, prel, ug,\ncf\nSubject: gok/goss agree on timetable for second tank\nshipment\n\n" +
				"Ref: khartoum 00378\n\nClassified By: CDA Robert Whitehead for reasons 1.5 (b) and (d)\n\n¶1. (C) GOSS has admitted that\n",
			want: Fields{
				ID: "09KHARTOUM881", Classification: "CONFIDENTIAL", Origin: "AMEMBASSY KHARTOUM", To: []string{"SECSTATE WASHDC"},
				DTG: "291442Z JUL 09", Date: "2009-07-29", TotalSections: 2, EO: "12958", DeclassifyOn: "2019-07-28",
				Tags:         []string{"ASEC", "PINS", "PREL", "UG", "CF"},
				Subject:      "gok/goss agree on timetable for second tank shipment",
				References:   []summarizer.Reference{{ID: "09KHARTOUM378", Text: "khartoum 00378"}},
				ClassifiedBy: "CDA Robert Whitehead", Reasons: "1.5 (b) and (d)",
			},
			wantBody: "¶1. (C) GOSS",
		},
		{
			name: "a banner after the SUBJECT with no header block under it changes nothing",
			file: "09KHARTOUM881.txt",
			text: "P 291442Z JUL 09\nFM AMEMBASSY KHARTOUM\n\nTAGS: ASEC PINS\nSUBJECT: GOK/GOSS AGREE ON TIMETABLE\n\n" +
				"CONFIDENTIAL SECTION 01 OF 02 KHARTOUM 000881\n\n¶1. (C) GOSS has admitted that\n",
			want: Fields{
				ID: "09KHARTOUM881", Classification: "CONFIDENTIAL", Origin: "AMEMBASSY KHARTOUM",
				DTG: "291442Z JUL 09", Date: "2009-07-29", TotalSections: 2,
				Tags: []string{"ASEC", "PINS"}, Subject: "GOK/GOSS AGREE ON TIMETABLE",
			},
			wantBody: "¶1. (C) GOSS",
		},
		{
			name:     "no header at all",
			file:     "notes/07PARIS2726.txt",
			text:     "Kouchner agreed in principle with the proposal.\n\nHe did not attach importance to a timetable.\n",
			want:     Fields{ID: "07PARIS2726", TotalSections: 1},
			wantBody: "Kouchner agreed",
			wantWarn: "no cable header",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bodyStart, warnings := Parse(tt.text, tt.file)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Parse fields (-want +got):\n%s", diff)
			}
			if body := tt.text[bodyStart:]; !strings.HasPrefix(body, tt.wantBody) {
				t.Errorf("body starts %q, want %q", first(body, 60), tt.wantBody)
			}
			if tt.wantWarn != "" && !strings.Contains(strings.Join(warnings, "; "), tt.wantWarn) {
				t.Errorf("warnings = %q, want one containing %q", warnings, tt.wantWarn)
			}
		})
	}
}

func TestParseNeverOutOfRange(t *testing.T) {
	for _, in := range []string{"", "\n", "TAGS", "SUBJECT:", "REF:", "C O N F", "FM", "TO \n", "Classified By:", "¶", "S E C R E T\n\n\n"} {
		_, bs, _ := Parse(in, "x")
		if bs < 0 || bs > len(in) {
			t.Errorf("Parse(%q) bodyStart %d out of range", in, bs)
		}
	}
}

func TestIDFromName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"07PARIS2726.txt", "07PARIS2726"},
		{"/a/b/09STATE15113.txt", "09STATE15113"},
		{"rawbytes_09PARIS1007.txt", "09PARIS1007"},
		{"cable.txt", "cable"},
		{"-", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := idFromName(tt.name); got != tt.want {
			t.Errorf("idFromName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDeclDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"EO 12958 DECL: 2020/02/23", "2020-02-23"},
		{"E.O. 12958: DECL: 11/03/2015", "2015-11-03"},
		{"EO 12958: decl: 6/30/08", "2008-06-30"},
		{"E.O. 12958: N/A", ""},
		{"E.O. 12356: DECL: OADR", ""},
		{"E.O. 12958: DECL: 13/45/2015", ""},
	}
	for _, tt := range tests {
		f, _, _ := Parse(tt.in+"\n", "x.txt")
		if f.DeclassifyOn != tt.want {
			t.Errorf("%q: DeclassifyOn = %q, want %q", tt.in, f.DeclassifyOn, tt.want)
		}
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		name, in string
		file     string // the file name, "08SNIPPET.txt" if empty
		want     []summarizer.Reference
	}{
		{
			name: "lettered with years and a mail",
			in:   "REF: A. 05 PARIS 5459 B. RICHARD-WITMER EMAIL 10/9 C. STATE 12345",
			want: []summarizer.Reference{
				{Letter: "A", ID: "05PARIS5459", Text: "05 PARIS 5459"},
				{Letter: "B", Text: "RICHARD-WITMER EMAIL 10/9"},
				{Letter: "C", ID: "08STATE12345", Text: "STATE 12345"},
			},
		},
		{
			name: "multi-word stations, abbreviations and serial lists",
			in:   "REF: (A) RIO DE JAN 138; (B) SECSTATE 113408 AND 113635 (C) THE HAGUE 097",
			want: []summarizer.Reference{
				{Letter: "A", ID: "08RIODEJANEIRO138", Text: "RIO DE JAN 138"},
				{Letter: "B", ID: "08STATE113408", Text: "SECSTATE 113408 AND 113635"},
				{Letter: "B", ID: "08STATE113635", Text: "SECSTATE 113408 AND 113635"},
				{Letter: "C", ID: "08THEHAGUE97", Text: "THE HAGUE 097"},
			},
		},
		{
			name: "multi-word posts and short forms from the table of posts",
			in:   "REF: A. MEXICO CITY 1234 B. USUN NEW YORK 56 C. SAO PAULO 7 D. ST PETERSBURG 8 E. SECSTATE 9 F. RIO 10",
			want: []summarizer.Reference{
				{Letter: "A", ID: "08MEXICOCITY1234", Text: "MEXICO CITY 1234"},
				{Letter: "B", ID: "08USUNNEWYORK56", Text: "USUN NEW YORK 56"},
				{Letter: "C", ID: "08SAOPAULO7", Text: "SAO PAULO 7"},
				{Letter: "D", ID: "08STPETERSBURG8", Text: "ST PETERSBURG 8"},
				{Letter: "E", ID: "08STATE9", Text: "SECSTATE 9"},
				{Letter: "F", ID: "08RIODEJANEIRO10", Text: "RIO 10"},
			},
		},
		{
			name: "a year before the post, items over several lines",
			in:   "REF: A. 94 MEXICO 841\n     B. 09 STATE\n     12345\n\n     C. 2008 THE HAGUE 77",
			want: []summarizer.Reference{
				{Letter: "A", ID: "94MEXICO841", Text: "94 MEXICO 841"},
				{Letter: "B", ID: "09STATE12345", Text: "09 STATE 12345"},
				{Letter: "C", ID: "08THEHAGUE77", Text: "2008 THE HAGUE 77"},
			},
		},
		{
			name: "a date is no serial, a redacted post no post",
			in:   "REF: (A) PARIS POINTS 20 SEPTEMBER 2007 (B) 09 XXXXXXXXXXXX 167",
			want: []summarizer.Reference{
				{Letter: "A", Text: "PARIS POINTS 20 SEPTEMBER 2007"},
				{Letter: "B", Text: "09 XXXXXXXXXXXX 167"},
			},
		},
		{
			name: "a post the table does not know, after a classification word",
			in:   "REF: UNCLASS USDA FAS 57863; CIUDAD JUAREZ 22",
			want: []summarizer.Reference{
				{ID: "08USDAFAS57863", Text: "UNCLASS USDA FAS 57863"},
				{ID: "08CIUDADJUAREZ22", Text: "CIUDAD JUAREZ 22"},
			},
		},
		{
			name: "a date run onto the serial with two dashes",
			in:   "REF: A. 08 KIGALI 00830--05/DEC/2008 B. 08 STATE 122706--19/NOV/2008",
			want: []summarizer.Reference{
				{Letter: "A", ID: "08KIGALI830", Text: "08 KIGALI 00830--05/DEC/2008"},
				{Letter: "B", ID: "08STATE122706", Text: "08 STATE 122706--19/NOV/2008"},
			},
		},
		{
			name: "the citing cable's own post",
			file: "10UNESCOPARISFR187.txt",
			in:   "REF: UNESCO PARIS FR 000087",
			want: []summarizer.Reference{{ID: "10UNESCOPARISFR87", Text: "UNESCO PARIS FR 000087"}},
		},
		{
			name: "year after the serial",
			in:   "REF: ASUNCION 701 (07), AMMAN 07718 99",
			want: []summarizer.Reference{
				{ID: "07ASUNCION701", Text: "ASUNCION 701 (07), AMMAN 07718 99"},
				{ID: "99AMMAN7718", Text: "ASUNCION 701 (07), AMMAN 07718 99"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "08SNIPPET.txt"
			}
			f, _, _ := Parse(tt.in+"\n", file)
			if diff := cmp.Diff(tt.want, f.References); diff != "" {
				t.Errorf("references (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSigner(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"surname line", "¶17. (C) Comment ends. End comment.\n\nSTAPLETON\n", "STAPLETON"},
		{"mixed case as written", "and so on.\nMurphy\n", "Murphy"},
		{"trailers after it", "WILL REPORT.\n\nHELMS\n \nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n \nNNN", "HELMS"},
		{"page header and classification after it", "TEXT.\n\nPETERSON\n\n                       UNCLASSIFIED\n\nPAGE 04        HANOI  02605  300858Z\n", "PETERSON"},
		{"name after a closing marker", "threats.\nCLINTON UNQUOTE CLINTON\n", "CLINTON"},
		{"end cable text is no name", "the talks.\nEnd Cable Text\n", ""},
		{"glued to the last sentence", "6. Request feedback by January 8. Contact is xxxxxxxxxxxx. CLINTON", "CLINTON"},
		{"hashes and a period", "AS USUAL.\n\nGILLESPIE##\n", "GILLESPIE"},
		{"media date after it", "bodes well for U.S. interests. DANILOVICH 2005-05-06", "DANILOVICH"},
		{"none", "¶57. (U) The monthly inflation rate for March was 5.6 percent. The", ""},
		{"end comment is not a name", "COMMENT: IT IS TOO SOON.\nEND COMMENT.\n", ""},
		{"redaction is not a name", "text.\nXXXXXXXXXXXX\n", ""},
		{"empty", "", ""},
		{"mixed-case word after a marking is a paragraph", "1. (C) Text.\n\n2. (C) Next.\n", ""},
		{"capitals after a marking are a paragraph", "1. (C) Text.\n\n2. (U) AGREED.\n", ""},
		{"pilcrow number and a word", "posed in paragraph\n\n¶3. Koenig\n", ""},
		{"glued mixed case as written", "and the work goes on. Aguirre\n", "Aguirre"},
		{"glued with a capital inside", "critical infrastructure  protection. LeBaron", "LeBaron"},
		{"glued with a Mc", "as before. McCarthy\n", "McCarthy"},
		{"glued after stars", "SIPRNET website. ***** ***** KURTZER", "KURTZER"},
		{"glued after a web-site address", "not clear this cable.\nVisit London’s Classified Website: http://www.state.sgov.gov/p/eur/london/index. cfm Tuttle", "Tuttle"},
		{"web-site notice alone", "the talks.\nHTTP://WWW.STATE.SGOV.GOV/P/EUR/PARIS/INDEX.C FM\n", ""},
		{"cut title after it", "June 24, 1984. \nTRIVELLI\n\nDANIEL ORTEGA AN...", "TRIVELLI"},
		{"cut title with an ellipsis character", "affairs.\nRandt \n\nHTS ACTIVIST LIU XIAOBO\u2026\n", "Randt"},
		{"release date on its own line", "End Comment. \nSOBEL 2008-01-08", "SOBEL"},
		{"intranet footer without an address after it", "END COMMENT.\nJONES\nFor more reporting from Embassy Kuwait, visit:\n", "JONES"},
		{"footer address wrapped onto a line of its own", "to sour.\nJEFFREY\n\"Visit Ankara's Classified Web Site at http://www.intelink.s\ngov.gov/wiki/Portal:Turkey\"\n", "JEFFREY"},
		{"lower case after a footer and stars", "Visit Kuwait's Classified Website:\nhttp://www.state.sgov.gov/p/nea/kuwait/\n***************** *\nmisenheimer\n", "misenheimer"},
		{"lower case after an end marker", "with compassion and humanity.\" END COMMENT\ncurran", "curran"},
		{"lower-case last word of a sentence is no name", "the talks will go on and\nforth\n", ""},
		{"NNNN and End Cable Text after it", "Washington appreciates it.\nRICE\nNNNN\nEnd Cable Text\n", "RICE"},
		{"HTML after it", "COMMENT.\nCROCKER\n</td></tr>\n</table>\n", "CROCKER"},
		{"a mail system's stamp after it", "MURRAY\nEnd Cable Text\nZenaida X Toledo 07/30/2008 04:04:14 PM From DB/Inbox: TRANS\n.\n", "MURRAY"},
		{"redaction below the trailer", "upon request. CLINTON\nNNNN\nEnd Cable Text\nXXXXXXXXXXXX\n", "CLINTON"},
		{"hyphenated mixed case", "Under Secretary Flournoy.\nThompson-Jones\n", "Thompson-Jones"},
		{"the last word of a wrapped sentence is no name", "we expect more of the same from the\nChinese.\n", ""},
		{"a word with a period under an unfinished line is no name", "on which we will report\nSeptel.\n", ""},
		{"a name after blank lines below a cut sentence", "TUVAL IS ASSISTED IN HIS \n \n \nHAMBLEY \n", "HAMBLEY"},
		{"after a closing line with a comma", "to Paris. \n\nBest regards, \n\nRIVKIN", "RIVKIN"},
		{"the name written twice", "END COMMENT. \n\nKUBISKE KUBISKE \n", "KUBISKE"},
		{"glued after a page header on the last line", "carbon dioxide emissions. RIO DE JAN 00000285 002 OF 002 HEARNE", "HEARNE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Signer(tt.body); got != tt.want {
				t.Errorf("Signer = %q, want %q", got, tt.want)
			}
			name, start, end := SignerSpan(tt.body)
			if written := strings.Join(strings.Fields(tt.body[start:end]), " "); name != tt.want ||
				written != tt.want && written != tt.want+" "+tt.want {
				t.Errorf("SignerSpan = %q, body[%d:%d] = %q, want %q", name, start, end, tt.body[start:end], tt.want)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"inline markers", "¶1. (C) SUMMARY: The talks went well. END SUMMARY.\n\n¶2. (C) More.", "The talks went well."},
		{"marker split over lines", "1. (S) SUMMARY: The Dutch agree. END\nSUMMARY.\n\n2. (S) Econoff", "The Dutch agree."},
		{"heading and numbered paragraphs", "SUMMARY AND TABLE OF CONTENTS \n \n1.  (S/NF) First.\n\n2. Second.\n\nEND SUMMARY.\n\n3. Third.", "First. Second."},
		{"dash heading without end", "-------\nSummary\n-------\n\n¶1. (C) Karzai is willing.\n\n¶2. (C) Other.", "Karzai is willing."},
		{"no closing marker", "1.(C) Summary: The GOB agrees. -------- Training --------\n\n2.(U) Bah", "The GOB agrees."},
		{"marking after the marker", "1.  Summary: (SBU) Japanese officials said no. End Summary \n\n2. ", "Japanese officials said no."},
		{"begin summary", "BEGIN SUMMARY \n \nGENERAL AZIMI ASKS. END SUMMARY \n", "GENERAL AZIMI ASKS."},
		{"none", "1. (C) A summary of the talks follows in para 3.\n", ""},
		{"summary/comment marker", "1. (S) Summary/Comment: The talks went well. End Summary/Comment.\n\n2. More.", "The talks went well."},
		{"end marker in brackets", "1. (U) Summary: The talks went well. [End Summary]\n\n2. More.", "The talks went well."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summary(tt.body); got != tt.want {
				t.Errorf("Summary = %q, want %q", got, tt.want)
			}
		})
	}
}

func first(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func FuzzParse(f *testing.F) {
	f.Add("C O N F I D E N T I A L SECTION 01 OF 03 PARIS 002726\nTAGS: PREL\nSUBJECT: X\nREF: A. PARIS 1 B. (C) STATE 2\n\n1. (C) SUMMARY: y END SUMMARY\nSTAPLETON\n", "07PARIS2726.txt")
	f.Add("P 260849Z JUN 07\nFM X\nTO RUEHC/Y PRIORITY 1\nINFO Z\nXMT W\n", "a")
	f.Fuzz(func(t *testing.T, text, name string) {
		f, bs, _ := Parse(text, name)
		if bs < 0 || bs > len(text) {
			t.Fatalf("bodyStart %d out of range [0,%d]", bs, len(text))
		}
		if next, _ := NextCable(text, f, bs); next != -1 && (next <= 0 || next >= len(text)) {
			t.Fatalf("NextCable %d out of range (0,%d)", next, len(text))
		}
		Signer(text[bs:])
		Summary(text[bs:])
	})
}

// TestRefBlockEnd checks where a REF block ends and the body begins.
func TestRefBlockEnd(t *testing.T) {
	const head = "UNCLAS KUALA LUMPUR 000317\nSIPDIS\nE.O. 12958: N/A\nTAGS: PREL, PHUM\nSUBJECT: DEMARCHE\n"
	tests := []struct {
		name, ref, body string
		wantRefs        []string // the Text of each reference
	}{
		{
			name:     "marked paragraph right after the REF line",
			ref:      "REF: STATE 40380\n",
			body:     " (SBU) Poloff delivered reftel demarche.\nKEITH\n",
			wantRefs: []string{"STATE 40380"},
		},
		{
			name:     "marked paragraph after a blank line",
			ref:      "REF: 2009 BRASILIA 1381\n\n",
			body:     "(U) THIS CABLE IS SENSITIVE BUT UNCLASSIFIED.\n\n1. (SBU) Text.\n",
			wantRefs: []string{"2009 BRASILIA 1381"},
		},
		{
			name:     "numbered paragraph",
			ref:      "REF: A. STATE 1\nB. STATE 2\n",
			body:     "1. (C) Text.\n",
			wantRefs: []string{"STATE 1", "STATE 2"},
		},
		{
			name:     "one-letter marking in sequence is an item",
			ref:      "REF: (A) STATE 1\n(B) STATE 2\n(C) PARIS 3\n\n",
			body:     "1. (C) Text.\n",
			wantRefs: []string{"STATE 1", "STATE 2", "PARIS 3"},
		},
		{
			name:     "running text after the REF line",
			ref:      "REF: A. NEW DELHI 420 on July 24, the Left parties\n",
			body:     "opposition have signaled their intention to come out swinging\nand inflict damage.\n",
			wantRefs: []string{"NEW DELHI 420 on July 24, the Left parties"},
		},
		{
			name:     "wrapped citation in capitals",
			ref:      "REF: A. STATE 1\nB. EMBASSY PARIS EMAIL OF APRIL 3\nREGARDING THE VISIT OF THE MINISTER\n\n",
			body:     "1. (C) Text.\n",
			wantRefs: []string{"STATE 1", "EMBASSY PARIS EMAIL OF APRIL 3 REGARDING THE VISIT OF THE MINISTER"},
		},
		{
			name:     "one-letter marking out of sequence opens the body",
			ref:      "REF: STATE 1\n",
			body:     "(C) Poloff met the minister.\n",
			wantRefs: []string{"STATE 1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := head + tt.ref + tt.body
			f, start, _ := Parse(text, "08KUALALUMPUR317.txt")
			if got := text[start:]; got != tt.body {
				t.Errorf("body = %q, want %q", got, tt.body)
			}
			var got []string
			for _, r := range f.References {
				got = append(got, r.Text)
			}
			if diff := cmp.Diff(tt.wantRefs, got); diff != "" {
				t.Errorf("references (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseRunawayLines checks that a SUBJECT or REF line that runs on for megabytes
// (a whole cable on one line) is read within bounds: the fields are cut, not lost.
func TestParseRunawayLines(t *testing.T) {
	const head = "CONFIDENTIAL PARIS 000999\nSIPDIS\nE.O. 12958: DECL: 01/01/2017\nTAGS: PREL, FR\n"
	tests := []struct {
		name, text string
		check      func(Fields) string
	}{
		{
			name: "REF line",
			text: head + "SUBJECT: TEST\nREF: " + strings.Repeat("A. PARIS 1234 B. STATE 5678 ", 50000) + "\n\n1. (C) Text.\n",
			check: func(f Fields) string {
				if len(f.References) == 0 || f.References[0].ID != "07PARIS1234" {
					return "first reference not read"
				}
				return ""
			},
		},
		{
			name: "SUBJECT line",
			text: head + "SUBJECT: " + strings.Repeat("WORDS ", 250000) + "\n\n1. (C) Text.\n",
			check: func(f Fields) string {
				if !strings.HasPrefix(f.Subject, "WORDS WORDS") || len(f.Subject) > maxSubjectText {
					return "subject not cut to its bound"
				}
				return ""
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := Parse(tt.text, "07PARIS999.txt")
			if msg := tt.check(f); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestCapText(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short", "ab cd", 10, "ab cd"},
		{"cut at a space", "abc def ghi", 9, "abc def"},
		{"no space late enough", "abcdefghij", 5, "abcde"},
		{"not inside a character", "aaaa\u00b6b", 5, "aaaa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := capText(tt.in, tt.n); got != tt.want {
				t.Errorf("capText(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

func TestIndexFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   int
	}{
		{"End SUMMARY.", "summary", 4},
		{"no match here", "summary", -1},
		{"sSsUMMARY", "summary", 2},
		{"Summar", "summary", -1},
		{"x Of y", " of ", 1},
		{"classifieD by", "classified", 0},
	}
	for _, tt := range tests {
		if got := indexFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tt.s, tt.sub, got, tt.want)
		}
	}
	// against strings.Index on lower-cased text, over texts made of the words' letters
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "sSuUmMaArRyY .fFiIeEdDcClL"
	for _, sub := range []string{"summary", "classified", "ref", " of ", "y", "decl"} {
		for range 2000 {
			b := make([]byte, rng.IntN(40))
			for i := range b {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
			if rng.IntN(3) == 0 && len(b) > len(sub) {
				copy(b[rng.IntN(len(b)-len(sub)):], strings.ToUpper(sub))
			}
			text := string(b)
			if got, want := indexFold(text, sub), strings.Index(strings.ToLower(text), sub); got != want {
				t.Fatalf("indexFold(%q, %q) = %d, want %d", text, sub, got, want)
			}
		}
	}
}

// TestSimpleCite checks that the fast path for plain citations reads them as reCite
// does, and leaves the rest to it.
func TestSimpleCite(t *testing.T) {
	tests := []struct {
		text   string
		simple bool
	}{
		{"STATE 162318", true},
		{"05 PARIS 5459", true},
		{"2009 BRASILIA 1381", true},
		{"1234 BRASILIA 1381", true}, // not a year: no id
		{"RIO DE JAN 138", true},
		{"STATE 071143", true},
		{"STATE 000", true},
		{"INCSR BRAZIL 2008", true},
		{"THE HAGUE 097", true},
		{"A B C D E 123", false},
		{"STATE 1234567", false},
		{"STATE 123 45", false},
		{"STATE 123.", false},
		{"'07 STATE 123", false},
		{"PARA 5", true},
		{"STATE\u00a0123", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if _, _, _, ok := simpleCite(tt.text); ok != tt.simple {
				t.Errorf("simpleCite(%q) ok = %v, want %v", tt.text, ok, tt.simple)
			}
			if diff := cmp.Diff(citesRE(tt.text, "08", ""), citations(tt.text, "08", "")); diff != "" {
				t.Errorf("citations differ from reCite's (-reCite +got):\n%s", diff)
			}
		})
	}
}

// TestGuards checks that the cheap tests before the regular expressions turn away no
// line the expression would match, over the lines of the testdata cables and odd ones.
func TestGuards(t *testing.T) {
	lines := []string{
		"SIPDIS", "NOFORN", "Sensitive but unclassified", "C O R R E C T E D COPY", "CORRECTED COPY",
		"E F T O", "EFTO", "CXABC:", "PASS TO USDA", "FOR EUR/WE", "¶ NOT FOR INTERNET",
		"THIS RECORD IS A PARTIAL EXTRACT", "DECLASSIFIED/RELEASED", "ORIGINAL TELEGRAM",
		"page 02 rome 01059 01 of 04 281501z", "PARIS 00002726 002 OF 003",
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "cables", "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	reWord := regexp.MustCompile(`^[A-Za-z][A-Za-z'\-]*$`)
	for _, l := range lines {
		s := strings.TrimSpace(l)
		if s == "" {
			continue
		}
		if mayBeNoise(s) && reNoise.MatchString(s) && !noiseStart(s) {
			t.Errorf("noiseStart(%q) = false, but reNoise matches", s)
		}
		if rePageBreak.MatchString(s) && !endsDigitOrZ(s) {
			t.Errorf("endsDigitOrZ(%q) = false, but rePageBreak matches", s)
		}
		if isWordOnly(s) != reWord.MatchString(s) {
			t.Errorf("isWordOnly(%q) = %v, disagrees with the expression", s, isWordOnly(s))
		}
	}
}

// TestSubjectContinued checks where a SUBJECT ends: over blank lines, page-break lines
// and glued page headers, and not into the body.
func TestSubjectContinued(t *testing.T) {
	const head = "C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000115\n\nSIPDIS\n\nE.O. 12958: DECL: 01/01/2020\nTAGS: PREL, LY\n"
	tests := []struct {
		name, text  string
		subject     string
		refs        int    // references read
		classifiedB string // ClassifiedBy
		body        string // the body starts with this
	}{
		{
			name:    "blank line after a joining word",
			text:    head + "SUBJECT: FUNDS TO PROTECT THE\n\nENVIRONMENT - MAKING PROGRESS\n\n1. (C) Body.\n",
			subject: "FUNDS TO PROTECT THE ENVIRONMENT - MAKING PROGRESS", body: "1. (C) Body.",
		},
		{
			name:    "blank line, then the rest before REF and Classified By",
			text:    head + "SUBJECT: WAITING AND WATCHING: NORTH KOREA AFTER CURRENCY\n\nREFORM\n\nREF: 09 TRIPOLI 167\n\nClassified By: Ambassador Gene A. Cretz, reasons 1.4 (b), (d)\n\nSUMMARY: On December 15, the talks began.\n",
			subject: "WAITING AND WATCHING: NORTH KOREA AFTER CURRENCY REFORM", refs: 1,
			classifiedB: "Ambassador Gene A. Cretz", body: "SUMMARY: On December 15",
		},
		{
			name:    "wrapped lines that open with TO and FM",
			text:    head + "SUBJECT: LIBYA PLANS\nTO RAISE TARIFFS AS FRENCH\nFM KOUCHNER VISITS\n\n1. (C) Body.\n",
			subject: "LIBYA PLANS TO RAISE TARIFFS AS FRENCH FM KOUCHNER VISITS", body: "1. (C) Body.",
		},
		{
			name:    "a finished subject does not take the first body line",
			text:    head + "SUBJECT: LIBYA INSISTS BALL IN U.S. COURT\n\nTHE GOVERNMENT OF LIBYA SAID ON TUESDAY THAT IT WOULD WAIT.\n\n1. (C) Body.\n",
			subject: "LIBYA INSISTS BALL IN U.S. COURT", body: "THE GOVERNMENT OF LIBYA",
		},
		{
			name:    "old page break between the two parts",
			text:    head + "SUBJ: LIBYA INSISTS BALL IN U.S. COURT ON\nPAGE 02 TRIPOLI 00115 01 OF 03 281501Z\nCONFIDENTIAL\nSCUD B ALTERNATIVE\n\n1. (C) Body.\n",
			subject: "LIBYA INSISTS BALL IN U.S. COURT ON SCUD B ALTERNATIVE", body: "1. (C) Body.",
		},
		{
			name:    "new page break between the two parts",
			text:    head + "SUBJECT: LIBYA INSISTS BALL IN U.S. COURT\nTRIPOLI 00000115 001.2 OF 003\nON SCUD B ALTERNATIVE\nREF: STATE 11501\n\n1. (C) Body.\n",
			subject: "LIBYA INSISTS BALL IN U.S. COURT ON SCUD B ALTERNATIVE", refs: 1, body: "1. (C) Body.",
		},
		{
			name:    "page header glued onto the last line",
			text:    head + "SUBJECT: LIBYA INSISTS BALL IN U.S. COURT ON\nSCUD B ALTERNATIVE TRIPOLI 00000115 001.2 OF 003\n\n1. (C) Body.\n",
			subject: "LIBYA INSISTS BALL IN U.S. COURT ON SCUD B ALTERNATIVE", body: "1. (C) Body.",
		},
		{
			name:    "page header with a short station glued onto the subject",
			text:    strings.Replace(head, "TRIPOLI", "RIO DE JANEIRO", 1) + "SUBJECT: A VISIT TO A PACIFIED FAVELA RIO DE JAN 00000115 001.2 OF 003\n\n1. (C) Body.\n",
			subject: "A VISIT TO A PACIFIED FAVELA", body: "1. (C) Body.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, bs, _ := Parse(tt.text, "10TRIPOLI115.txt")
			if f.Subject != tt.subject {
				t.Errorf("Subject = %q, want %q", f.Subject, tt.subject)
			}
			if len(f.References) != tt.refs {
				t.Errorf("References = %v, want %d", f.References, tt.refs)
			}
			if f.ClassifiedBy != tt.classifiedB {
				t.Errorf("ClassifiedBy = %q, want %q", f.ClassifiedBy, tt.classifiedB)
			}
			if !strings.HasPrefix(tt.text[bs:], tt.body) {
				t.Errorf("body starts %q, want %q", first(tt.text[bs:], 40), tt.body)
			}
		})
	}
}

func TestCutPageHeader(t *testing.T) {
	tests := []struct{ name, in, station, serial, want string }{
		{"own station and serial", "BRAZIL UPDATE BRASILIA 00001378 001.2 OF 003", "BRASILIA", "001378", "BRAZIL UPDATE"},
		{"end of the station", "AUXILIARY ROLE DUBAI 00000049 001.2 OF 003", "RPODUBAI", "49", "AUXILIARY ROLE"},
		{"another serial is text", "MEETING OF 00001378 002 OF 003", "PARIS", "1234", "MEETING OF 00001378 002 OF 003"},
		{"serial unknown, padded to eight", "FOO BAR PARIS 00001378 002 OF 003", "", "", "FOO BAR"},
		{"nothing glued", "FOO BAR 12 OF 13", "PARIS", "1", "FOO BAR 12 OF 13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cutPageHeader(tt.in, tt.station, tt.serial); got != tt.want {
				t.Errorf("cutPageHeader(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPosts(t *testing.T) {
	tests := []struct{ spelling, want string }{
		{"RIODEJANEIRO", "RIODEJANEIRO"}, {"RIO", "RIODEJANEIRO"}, {"SECSTATE", "STATE"},
		{"SECSTATEWASHDC", "STATE"}, {"USUN", "USUNNEWYORK"}, {"THEHAGUE", "THEHAGUE"},
		{"KYIV", "KYIV"}, {"PARIS", "PARIS"}, {"NOSUCHPOST", ""}, {"THE", ""},
	}
	for _, tt := range tests {
		if got := posts.lookup(tt.spelling); got != tt.want {
			t.Errorf("posts.lookup(%q) = %q, want %q", tt.spelling, got, tt.want)
		}
	}
	if got := posts.uniquePrefix("RIODEJAN"); got != "RIODEJANEIRO" {
		t.Errorf("uniquePrefix(RIODEJAN) = %q, want RIODEJANEIRO", got)
	}
	if !posts.isType("AMEMBASSY") || posts.isType("PARIS") {
		t.Errorf("isType: AMEMBASSY %v, PARIS %v; want true, false", posts.isType("AMEMBASSY"), posts.isType("PARIS"))
	}
}

// TestTags checks the TAGS block: where it ends, personal-name tags, glued codes and
// what is never a tag.
func TestTags(t *testing.T) {
	const head = "C O N F I D E N T I A L SECTION 01 OF 02 MEXICO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/01/2020\n"
	tests := []struct {
		name, tags string
		want       []string
	}{
		{"personal-name tag in a list", "TAGS: PREL, PGOV, KERRY, JOHN F., MX", []string{"PREL", "PGOV", "KERRY", "JOHN F", "MX"}},
		{"personal-name tag wrapped in parentheses", "TAGS: PREL PGOV OVIP\n(KERRY, JOHN F.) MX", []string{"PREL", "PGOV", "OVIP", "KERRY, JOHN F", "MX"}},
		{"codes on the next line, a blank line before SUBJECT", "TAGS: PREL PGOV\nKPAO MX\n", []string{"PREL", "PGOV", "KPAO", "MX"}},
		{"a comma, then a blank line", "TAGS: PREL, PGOV,\n\nKPAO, MX", []string{"PREL", "PGOV", "KPAO", "MX"}},
		{"TAGS alone on its line", "TAGS:\nPREL PGOV MX\n", []string{"PREL", "PGOV", "MX"}},
		{"a page break inside the block", "TAGS: PREL PGOV MX\nMEXICO 00000123 001.2 OF 002\nKCRM", []string{"PREL", "PGOV", "MX", "KCRM"}},
		{"a page header glued on", "TAGS: PREL PGOV MX MEXICO 00000123 001.2 OF 002", []string{"PREL", "PGOV", "MX"}},
		{"SIPDIS is no tag", "TAGS: PREL PGOV SIPDIS MX", []string{"PREL", "PGOV", "MX"}},
		{"glued codes", "TAGS: PRELPGOV, KDEMAF, MX", []string{"PREL", "PGOV", "KDEM", "AF", "MX"}},
		{"a name is not split into codes", "TAGS: PREL, CASTRO, MX", []string{"PREL", "CASTRO", "MX"}},
		{"semicolons", "TAGS PREL;PGOV;KCOR;HU;HR", []string{"PREL", "PGOV", "KCOR", "HU", "HR"}},
		{"SUBJECT glued to the last tag", "TAGS: PREL, PGOV, MXSUBJECT: FOO", []string{"PREL", "PGOV", "MX"}},
		{"a sentence after a comma is not a tag line", "TAGS: PREL, PGOV, MX,\nTHE EMBASSY, IN COORDINATION WITH ALL AGENCIES, CLEARED THIS CABLE.", []string{"PREL", "PGOV", "MX"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := head + tt.tags + "\nSUBJECT: FOO\n\n1. (C) Body text.\n"
			f, _, _ := Parse(text, "10MEXICO123.txt")
			if diff := cmp.Diff(tt.want, f.Tags); diff != "" {
				t.Errorf("Tags (-want +got):\n%s", diff)
			}
			if f.Subject != "FOO" && !strings.Contains(tt.tags, "CABLE.") {
				t.Errorf("Subject = %q, want FOO", f.Subject)
			}
		})
	}
}

// TestClassifiedBy checks the classifying official and reasons: page-break debris and
// garbled reason numbers stay out of the name.
func TestClassifiedBy(t *testing.T) {
	const head = "C O N F I D E N T I A L SECTION 01 OF 02 MEXICO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/01/2020\nTAGS: PREL, MX\nSUBJECT: FOO\n\n"
	tests := []struct{ name, cb, by, reasons string }{
		{"a page-break line inside", "Classified By: Political Counselor\nMEXICO 00000123 001.2 OF 002\nJohn Smith for reasons 1.4 (b) and (d).", "Political Counselor John Smith", "1.4 (b) and (d)"},
		{"a page header glued in", "Classified By: Political Counselor John Smith MEXICO 00000123 001.2 OF 002 for reasons 1.4 (b) and (d).", "Political Counselor John Smith", "1.4 (b) and (d)"},
		{"an old page header inside", "Classified By: Ambassador Carlos\nPAGE 02 MEXICO 00123 01 OF 02 281501Z\nPascual for reasons 1.4 (b)", "Ambassador Carlos Pascual", "1.4 (b)"},
		{"REF after it", "Classified By: DCM John Feeley for reason 1.4(d)\nREF: A) MEXICO 1234", "DCM John Feeley", "1.4(d)"},
		{"reason letters glued to the number", "Classified By: Ambassador Karl W. Eikenberry for Reasons 1:4 b,d", "Ambassador Karl W. Eikenberry", "1:4 b,d"},
		{"a garbled number", "Classified By: Unit Chief Don L. Brown for reasons 14 (b) and (d)", "Unit Chief Don L. Brown", "14 (b) and (d)"},
		{"the word broken by a wrap", "Classified By: Counselor Josiah B. Rosenblatt. Reas ons 1.4b,d", "Counselor Josiah B. Rosenblatt", "1.4b,d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := Parse(head+tt.cb+"\n\n1. (C) Body text.\n", "10MEXICO123.txt")
			if f.ClassifiedBy != tt.by || f.Reasons != tt.reasons {
				t.Errorf("ClassifiedBy, Reasons = %q, %q; want %q, %q", f.ClassifiedBy, f.Reasons, tt.by, tt.reasons)
			}
		})
	}
}

// TestBannerStation checks the reference id made from a banner: caveats and handling
// words passed over, the station named as the table of posts names it.
func TestBannerStation(t *testing.T) {
	tests := []struct{ banner, want string }{
		{"UNCLAS SENSITIVE SECTION 01 OF 02 STATE 001234", "09STATE1234"},
		{"CONFIDENTIAL NOFORN THE HAGUE 000123", "09THEHAGUE123"},
		{"SECRET//NOFORN MEXICO 001234", "09MEXICO1234"},
		{"UNCLASSIFIED E F T O TEL AVIV 001234", "09TELAVIV1234"},
		{"UNCLAS SENSITIVE USUN NEW YORK 000123", "09USUNNEWYORK123"},
		{"UNCLAS FOR OFFICIAL USE ONLY MEXICO 001234", "09MEXICO1234"},
		{"UNCLAS SECSTATE 001234", "09STATE1234"},
		{"UNCLAS SECTION 01 OF 03 RIO DE JAN 000353", "09RIODEJANEIRO353"},
		{"CONFIDENTIAL PORT-AU-PRINCE 001234", "09PORTAUPRINCE1234"},
		{"CONFIDENTIAL SECTION 01 OF 02 CIUDAD JUAREZ 000022", "09CIUDADJUAREZ22"},
	}
	for _, tt := range tests {
		t.Run(tt.banner, func(t *testing.T) {
			text := "P 260849Z JUN 09\nFM AMEMBASSY X\n\n" + tt.banner + "\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n\n1. (C) Text.\n"
			if f, _, _ := Parse(text, "snippet.txt"); f.ID != tt.want {
				t.Errorf("ID = %q, want %q", f.ID, tt.want)
			}
		})
	}
}
