package offline

import "strings"

// countryTable lists countries as "Name|adjectives and other names|capitals|tag codes",
// alternatives separated by commas. It feeds newCountries.
const countryTable = `United States|U.S.,US,USA,USG,American,Americans,United States Government,Department,Embassy,Administration|Washington|US
France|French,GOF,Elysee,Quai,Quai d'Orsay|Paris|FR
United Kingdom|British,UK,U.K.,HMG,Britain,English|London|UK
Germany|German,Germans,FRG,GOG|Berlin|GM
Italy|Italian,Italians,GOI|Rome|IT
Spain|Spanish,Spaniards,GOS|Madrid|SP
Portugal|Portuguese|Lisbon|PO
Netherlands|Dutch,GONL|The Hague,Amsterdam|NL
Belgium|Belgian|Brussels|BE
Luxembourg|Luxembourgish|Luxembourg|LU
Switzerland|Swiss|Bern|SZ
Austria|Austrian|Vienna|AU
Ireland|Irish|Dublin|EI
Denmark|Danish,Danes|Copenhagen|DA
Norway|Norwegian,Norwegians,GON|Oslo|NO
Sweden|Swedish,Swedes|Stockholm|SW
Finland|Finnish,Finns|Helsinki|FI
Iceland|Icelandic|Reykjavik|IC
Poland|Polish,Poles,GOP|Warsaw|PL
Czech Republic|Czech,Czechs|Prague|EZ
Slovakia|Slovak|Bratislava|LO
Hungary|Hungarian,Hungarians,GOH|Budapest|HU
Romania|Romanian,Romanians|Bucharest|RO
Bulgaria|Bulgarian|Sofia|BU
Greece|Greek,Greeks|Athens|GR
Cyprus|Cypriot|Nicosia|CY
Turkey|Turkish,Turks,GOT|Ankara|TU
Serbia|Serbian,Serbs,Belgrade|Belgrade|SR,YI
Kosovo|Kosovar,Kosovars,Kosovo Albanians|Pristina|KV
Albania|Albanian|Tirana|AL
Macedonia|Macedonian|Skopje|MK
Montenegro|Montenegrin|Podgorica|MW
Croatia|Croatian,Croats|Zagreb|HR
Bosnia|Bosnian,Bosniak|Sarajevo|BK
Slovenia|Slovenian|Ljubljana|SI
Russia|Russian,Russians,GOR,Kremlin,Russian Federation|Moscow|RS
Ukraine|Ukrainian,Ukrainians,GOU|Kyiv,Kiev|UP
Belarus|Belarusian|Minsk|BO
Moldova|Moldovan|Chisinau|MD
Georgia|Georgian,Georgians,GOG|Tbilisi|GG
Armenia|Armenian|Yerevan|AM
Azerbaijan|Azerbaijani,Azeri|Baku|AJ
Kazakhstan|Kazakh|Astana,Almaty|KZ
Uzbekistan|Uzbek|Tashkent|UZ
Turkmenistan|Turkmen|Ashgabat|TX
Kyrgyzstan|Kyrgyz|Bishkek|KG
Tajikistan|Tajik|Dushanbe|TI
Afghanistan|Afghan,Afghans,GIRoA,GOA|Kabul|AF
Pakistan|Pakistani,Pakistanis,GOP|Islamabad|PK
India|Indian,Indians,GOI|New Delhi,Delhi|IN
Bangladesh|Bangladeshi|Dhaka|BG
Sri Lanka|Sri Lankan,GSL|Colombo|CE
Nepal|Nepalese,Nepali|Kathmandu|NP
China|Chinese,PRC,Beijing|Beijing|CH
Taiwan|Taiwanese|Taipei|TW
Japan|Japanese,GOJ|Tokyo|JA
South Korea|Korean,ROK,ROKG,South Korean|Seoul|KS
North Korea|North Korean,DPRK,Pyongyang|Pyongyang|KN
Mongolia|Mongolian|Ulaanbaatar|MG
Vietnam|Vietnamese,GVN|Hanoi|VM
Thailand|Thai,RTG|Bangkok|TH
Burma|Burmese,Myanmar|Rangoon,Naypyitaw|BM
Cambodia|Cambodian|Phnom Penh|CB
Laos|Lao,Laotian|Vientiane|LA
Malaysia|Malaysian,Malaysians,GOM|Kuala Lumpur|MY
Singapore|Singaporean|Singapore|SN
Indonesia|Indonesian,Indonesians,GOI|Jakarta|ID
Philippines|Philippine,Filipino,GRP|Manila|RP
Australia|Australian,Australians,GOA|Canberra|AS
New Zealand|New Zealander,Kiwi|Wellington|NZ
Canada|Canadian,Canadians,GOC|Ottawa|CA
Mexico|Mexican,Mexicans,GOM|Mexico City|MX
Guatemala|Guatemalan|Guatemala City|GT
Honduras|Honduran|Tegucigalpa|HO
El Salvador|Salvadoran|San Salvador|ES
Nicaragua|Nicaraguan|Managua|NU
Costa Rica|Costa Rican|San Jose|CS
Panama|Panamanian|Panama City|PM
Cuba|Cuban,Cubans,GOC|Havana|CU
Haiti|Haitian|Port-au-Prince|HA
Dominican Republic|Dominican|Santo Domingo|DR
Jamaica|Jamaican,GOJ|Kingston|JM
Colombia|Colombian,Colombians,GOC|Bogota|CO
Venezuela|Venezuelan,Venezuelans,GBRV,BRV|Caracas|VE
Ecuador|Ecuadorian,GOE|Quito|EC
Peru|Peruvian,GOP|Lima|PE
Bolivia|Bolivian,Bolivians,GOB|La Paz|BL
Brazil|Brazilian,Brazilians,GOB|Brasilia|BR
Paraguay|Paraguayan|Asuncion|PA
Uruguay|Uruguayan|Montevideo|UY
Argentina|Argentine,Argentinian,GOA|Buenos Aires|AR
Chile|Chilean,GOC|Santiago|CI
Morocco|Moroccan,Moroccans,GOM|Rabat|MO
Algeria|Algerian,Algerians,GOA|Algiers|AG
Tunisia|Tunisian,GOT|Tunis|TS
Libya|Libyan,Libyans,GOL|Tripoli|LY
Egypt|Egyptian,Egyptians,GOE|Cairo|EG
Sudan|Sudanese,GOS,Khartoum|Khartoum|SU
Chad|Chadian|N'Djamena|CD
Ethiopia|Ethiopian,GOE|Addis Ababa|ET
Eritrea|Eritrean|Asmara|ER
Somalia|Somali,TFG|Mogadishu|SO
Kenya|Kenyan,GOK|Nairobi|KE
Uganda|Ugandan,GOU|Kampala|UG
Tanzania|Tanzanian|Dar es Salaam|TZ
Rwanda|Rwandan,GOR|Kigali|RW
Congo|Congolese,DRC|Kinshasa|CG
Nigeria|Nigerian,GON|Abuja|NI
Ghana|Ghanaian|Accra|GH
Senegal|Senegalese|Dakar|SG
Mali|Malian|Bamako|ML
Niger|Nigerien|Niamey|NG
Cameroon|Cameroonian|Yaounde|CM
Angola|Angolan|Luanda|AO
Zambia|Zambian|Lusaka|ZA
Zimbabwe|Zimbabwean,GOZ|Harare|ZI
Mozambique|Mozambican|Maputo|MZ
South Africa|South African,SAG|Pretoria|SF
Namibia|Namibian|Windhoek|WA
Botswana|Botswanan|Gaborone|BC
Madagascar|Malagasy|Antananarivo|MA
Israel|Israeli,Israelis,GOI|Tel Aviv,Jerusalem|IS
Palestinian Authority|Palestinian,Palestinians,PA|Ramallah|KWBG
Lebanon|Lebanese,GOL|Beirut|LE
Syria|Syrian,Syrians,SARG|Damascus|SY
Jordan|Jordanian,Jordanians,GOJ|Amman|JO
Iraq|Iraqi,Iraqis,GOI|Baghdad|IZ
Iran|Iranian,Iranians,IRIG,GOI|Tehran|IR
Saudi Arabia|Saudi,Saudis,SAG|Riyadh|SA
Kuwait|Kuwaiti,GOK|Kuwait|KU
Bahrain|Bahraini,GOB|Manama|BA
Qatar|Qatari|Doha|QA
United Arab Emirates|Emirati,UAE,UAEG|Abu Dhabi|AE
Oman|Omani|Muscat|MU
Yemen|Yemeni,ROYG|Sanaa|YM
European Union|EU,Europe,European,Europeans,European Commission|Brussels|EUN
United Nations|UN,U.N.,UNSC,Security Council,UNSYG|New York|UNO
NATO|NATO,Alliance|Brussels|NATO
Quint|Quint|Quint|
EU3|EU-3,E3,P5+1|EU3|
`

// country is one row of countryTable.
type country struct {
	Name    string
	Aliases []string // adjectives, government abbreviations, metonyms
	Capital []string
	Tags    []string
}

// countries looks countries up by any of their names, in lower case.
type countries struct {
	all       []*country          // in table order
	byName    map[string]*country // name, alias or capital, lower case
	shared    map[string]bool     // names of more than one country ("GOI": India, Iraq, Israel…)
	byTag     map[string]*country
	maxTokens int // longest name in tokens
}

// newCountries parses countryTable. The result is read-only and safe to share.
func newCountries() *countries {
	cs := &countries{byName: map[string]*country{}, byTag: map[string]*country{}, shared: map[string]bool{}}
	for _, line := range strings.Split(strings.TrimSpace(countryTable), "\n") {
		f := strings.Split(line, "|")
		c := &country{Name: f[0], Aliases: splitList(f[1]), Capital: splitList(f[2]), Tags: splitList(f[3])}
		cs.all = append(cs.all, c)
		names := append(append([]string{c.Name}, c.Aliases...), c.Capital...)
		for _, a := range c.Aliases {
			// The people by the plural of the adjective: "Qataris", "Kenyans", "Emiratis".
			if la := strings.ToLower(a); !strings.Contains(a, " ") && a != strings.ToUpper(a) && (strings.HasSuffix(la, "i") || strings.HasSuffix(la, "an")) {
				names = append(names, a+"s")
			}
		}
		for _, n := range names {
			k := strings.ToLower(strings.TrimSuffix(n, "."))
			if prev, ok := cs.byName[k]; !ok {
				cs.byName[k] = c
			} else if prev != c {
				cs.shared[k] = true
			}
			if t := len(strings.Fields(n)); t > cs.maxTokens {
				cs.maxTokens = t
			}
		}
		for _, t := range c.Tags {
			cs.byTag[t] = c
		}
	}
	return cs
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// lookup returns the country named by name (any case), or nil. For a name that several
// countries share (GOI, GOG), it is the first in the table; see ambiguous.
func (cs *countries) lookup(name string) *country {
	return cs.byName[strings.ToLower(strings.TrimSuffix(name, "."))]
}

// ambiguous reports whether several countries go by name.
func (cs *countries) ambiguous(name string) bool {
	return cs.shared[strings.ToLower(strings.TrimSuffix(name, "."))]
}

// host returns the country an embassy cable comes from: the capital in the origin
// ("AMEMBASSY PARIS"), else the first country tag. It returns nil for the Department,
// missions to organisations and unknown posts.
func (cs *countries) host(origin string, tags []string) *country {
	o := strings.ToUpper(origin)
	for _, p := range []string{"AMEMBASSY ", "AMCONSUL ", "AMCONSULATE ", "USMISSION ", "USLO "} {
		if rest, ok := strings.CutPrefix(o, p); ok {
			rest = strings.TrimSpace(rest)
			for _, c := range cs.all {
				for _, cap := range c.Capital {
					if strings.EqualFold(cap, rest) && c.Name != "United States" {
						return c
					}
				}
			}
		}
	}
	if strings.Contains(o, "SECSTATE") {
		return nil
	}
	for _, t := range tags {
		if c, ok := cs.byTag[t]; ok && c.Name != "United States" && len(t) == 2 {
			return c
		}
	}
	return nil
}
