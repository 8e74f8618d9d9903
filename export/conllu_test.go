package export

import (
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

func TestWriteCoNLLU(t *testing.T) {
	tests := []struct {
		name   string
		id     string
		text   string
		layers []layer
		want   []string
	}{
		{
			// Paragraphs start with newpar; line breaks are spaces in
			// "# text" and SpacesAfter=\n in MISC; a token glued to the
			// next has SpaceAfter=No, but the last of the text has not.
			name: "paragraphs, entities, spaces",
			text: "Zoë met the UN’s staff in New York.\nThey left.\n\nA new para—short.",
			layers: []layer{
				{"paragraphs", []string{"Zoë met the UN’s staff in New York.\nThey left.|kind=body", "A new para—short.|kind=body"}},
				{"sentences", []string{"Zoë met the UN’s staff in New York.", "They left.", "A new para—short."}},
				{"tokens", []string{
					"Zoë|pos=NNP|stem=zoë", "met|pos=VBD|stem=met", "the|pos=DT|stem=the", "UN|pos=NNP|stem=un",
					"’s|pos=POS|stem=’s", "staff|pos=NN|stem=staff", "in|pos=IN|stem=in", "New|pos=NNP|stem=new",
					"York|pos=NNP|stem=york", ".|pos=.|stem=.",
					"They|pos=PRP|stem=they", "left|pos=VBD|stem=left", ".|pos=.|stem=.",
					"A|pos=DT|stem=a", "new|pos=JJ|stem=new", "para|pos=NN|stem=para", "—|pos=:|stem=—",
					"short|pos=JJ|stem=short", ".|pos=.|stem=.",
				}},
				{"entities", []string{"Zoë|label=PERSON", "UN|label=ORG", "New York|label=GPE"}},
			},
			want: []string{
				"# newdoc id = t",
				"# newpar",
				"# sent_id = t-1",
				"# text = Zoë met the UN’s staff in New York.",
				"1	Zoë	_	PROPN	NNP	_	_	_	_	NE=B-PERSON|Stem=zoë",
				"2	met	_	VERB	VBD	_	_	_	_	Stem=met",
				"3	the	_	DET	DT	_	_	_	_	Stem=the",
				"4	UN	_	PROPN	NNP	_	_	_	_	NE=B-ORG|SpaceAfter=No|Stem=un",
				"5	’s	_	PART	POS	_	_	_	_	Stem=’s",
				"6	staff	_	NOUN	NN	_	_	_	_	Stem=staff",
				"7	in	_	ADP	IN	_	_	_	_	Stem=in",
				"8	New	_	PROPN	NNP	_	_	_	_	NE=B-GPE|Stem=new",
				"9	York	_	PROPN	NNP	_	_	_	_	NE=I-GPE|SpaceAfter=No|Stem=york",
				`10	.	_	PUNCT	.	_	_	_	_	SpacesAfter=\n|Stem=.`,
				"",
				"# sent_id = t-2",
				"# text = They left.",
				"1	They	_	PRON	PRP	_	_	_	_	Stem=they",
				"2	left	_	VERB	VBD	_	_	_	_	SpaceAfter=No|Stem=left",
				`3	.	_	PUNCT	.	_	_	_	_	SpacesAfter=\n\n|Stem=.`,
				"",
				"# newpar",
				"# sent_id = t-3",
				"# text = A new para—short.",
				"1	A	_	DET	DT	_	_	_	_	Stem=a",
				"2	new	_	ADJ	JJ	_	_	_	_	Stem=new",
				"3	para	_	NOUN	NN	_	_	_	_	SpaceAfter=No|Stem=para",
				"4	—	_	PUNCT	:	_	_	_	_	SpaceAfter=No|Stem=—",
				"5	short	_	ADJ	JJ	_	_	_	_	SpaceAfter=No|Stem=short",
				"6	.	_	PUNCT	.	_	_	_	_	Stem=.",
				"",
			},
		},
		{
			// Sentences that touch; tokens outside every sentence make a
			// sentence of their own; a tab in a token is a space in FORM;
			// the id loses its slash and space in sent_id only.
			name: "odd documents",
			id:   "news/day 1",
			text: "Hi.Bye. stray wo\trds",
			layers: []layer{
				{"sentences", []string{"Hi.", "Bye."}},
				{"tokens", []string{"Hi|pos=UH|stem=hi", ".|pos=.", "Bye|pos=UH", ".|pos=.", "stray", "wo\trds"}},
			},
			want: []string{
				"# newdoc id = news/day 1",
				"# sent_id = news_day_1-1",
				"# text = Hi.",
				"1	Hi	_	INTJ	UH	_	_	_	_	SpaceAfter=No|Stem=hi",
				"2	.	_	PUNCT	.	_	_	_	_	SpaceAfter=No",
				"",
				"# sent_id = news_day_1-2",
				"# text = Bye.",
				"1	Bye	_	INTJ	UH	_	_	_	_	SpaceAfter=No",
				"2	.	_	PUNCT	.	_	_	_	_	_",
				"",
				"# sent_id = news_day_1-3",
				"# text = stray wo rds",
				"1	stray	_	_	_	_	_	_	_	_",
				"2	wo rds	_	_	_	_	_	_	_	_",
				"",
			},
		},
		{
			// Stems are escaped as MISC values; an entity that starts
			// inside the previous token's entity begins anew (B-).
			name: "escapes and touching entities",
			text: "a|b c\\d  Paris London",
			layers: []layer{
				{"sentences", []string{"a|b c\\d  Paris London"}},
				{"tokens", []string{"a|b|pos=SYM|stem=a|b", "c\\d|pos=SYM|stem=c\\d", "Paris|pos=NNP|stem=paris", "London|pos=NNP|stem=london"}},
				{"entities", []string{"Paris|label=GPE", "London|label=GPE"}},
			},
			want: []string{
				"# newdoc id = t",
				"# sent_id = t-1",
				`# text = a|b c\d Paris London`,
				`1	a|b	_	SYM	SYM	_	_	_	_	Stem=a\pb`,
				`2	c\d	_	SYM	SYM	_	_	_	_	SpacesAfter=\s\s|Stem=c\\d`,
				"3	Paris	_	PROPN	NNP	_	_	_	_	NE=B-GPE|Stem=paris",
				"4	London	_	PROPN	NNP	_	_	_	_	NE=B-GPE|Stem=london",
				"",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mkdoc(t, tt.text, tt.layers...)
			if tt.id != "" {
				d.Doc.ID = tt.id
			}
			var b strings.Builder
			if err := WriteCoNLLU(&b, d, tt.text); err != nil {
				t.Fatal(err)
			}
			if got, want := b.String(), strings.Join(tt.want, "\n")+"\n"; got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestWriteCoNLLUErrors(t *testing.T) {
	const text = "Hello there."
	tests := []struct {
		name string
		doc  string
		text string
		want string
	}{
		{"no tokens", `{"schema":"gloss/v1","doc":{"id":"x"},"layers":{"sentences":[{"start":0,"end":12}]}}`, text, "no tokens layer"},
		{"token beyond the text", `{"schema":"gloss/v1","layers":{"tokens":[{"start":6,"end":13}]}}`, text, "tokens 6:13"},
		{"other text", `{"schema":"gloss/v1","doc":{"bytes":5},"layers":{"tokens":[]}}`, text, "text has 12 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := jsondoc.Parse([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			err = WriteCoNLLU(&strings.Builder{}, d, tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestUPOS(t *testing.T) {
	tests := []struct{ pos, form, want string }{
		{"NN", "road", "NOUN"},
		{"NNPS", "Nations", "PROPN"},
		{"MD", "will", "AUX"},
		{"VBZ", "is", "AUX"},
		{"VBD", "Was", "AUX"},
		{"VBZ", "’s", "AUX"},
		{"VBP", "'re", "AUX"},
		{"VBZ", "has", "VERB"},
		{"VBG", "being", "AUX"},
		{"POS", "’s", "PART"},
		{"PRP$", "their", "PRON"},
		{"WDT", "which", "DET"},
		{"RP", "up", "ADP"},
		{"TO", "to", "PART"},
		{"CC", "and", "CCONJ"},
		{"$", "$", "SYM"},
		{"``", "“", "PUNCT"},
		{"(", "(", "PUNCT"},
		{"-LRB-", "(", "PUNCT"},
		{"-NONE-", "*", "X"},
		{"QQ", "x", "X"},
		{"", "x", "_"},
	}
	for _, tt := range tests {
		if got := upos(tt.pos, tt.form); got != tt.want {
			t.Errorf("upos(%q, %q) = %q, want %q", tt.pos, tt.form, got, tt.want)
		}
	}
}

// TestWriteCoNLLUPipeline exports what the standard pipeline makes of a
// passage and checks the file's shape: ten columns, IDs from 1, "# text"
// equal to the forms joined as SpaceAfter says, the text itself rebuilt
// from the forms and SpacesAfter, and B-/I- tags in order.
func TestWriteCoNLLUPipeline(t *testing.T) {
	text := "The Shanghai Cooperation Organisation met in Astana on\n" +
		"15 June 2017. “We will build 1,200 km of road,” Élodie Dupont of the\n" +
		"United Nations said — and Beijing agreed.\n\n" +
		"In Tōkyō, the minister said: “Trade rose by about 5 percent in 2016.”"
	d := annotate(t, text)
	var b strings.Builder
	if err := WriteCoNLLU(&b, d, text); err != nil {
		t.Fatal(err)
	}
	unescape := strings.NewReplacer(`\\`, `\`, `\p`, "|", `\s`, " ", `\t`, "\t", `\r`, "\r", `\n`, "\n")
	var whole, sentence strings.Builder
	var sentText, lastNE string
	tokens, sentences, id := 0, 0, 0
	for _, line := range strings.Split(b.String(), "\n") {
		switch {
		case strings.HasPrefix(line, "# text = "):
			sentText = strings.TrimPrefix(line, "# text = ")
		case strings.HasPrefix(line, "#"):
		case line == "":
			if id > 0 {
				if got := strings.TrimSuffix(sentence.String(), " "); got != sentText {
					t.Errorf("forms give %q, # text is %q", got, sentText)
				}
				sentences++
			}
			sentence.Reset()
			id, lastNE = 0, ""
		default:
			f := strings.Split(line, "\t")
			if len(f) != 10 {
				t.Fatalf("%q: %d columns", line, len(f))
			}
			id++
			tokens++
			if f[0] != strconv.Itoa(id) {
				t.Errorf("%q: want ID %d", line, id)
			}
			after := " "
			ne := ""
			for _, m := range strings.Split(f[9], "|") {
				k, v, _ := strings.Cut(m, "=")
				switch k {
				case "SpaceAfter":
					after = ""
				case "SpacesAfter":
					after = unescape.Replace(v)
				case "NE":
					ne = v
				}
			}
			if strings.HasPrefix(ne, "I-") && lastNE[2:] != ne[2:] {
				t.Errorf("%q: %s after %q", line, ne, lastNE)
			}
			lastNE = ne
			whole.WriteString(f[1] + after)
			sentence.WriteString(f[1])
			if after != "" {
				sentence.WriteByte(' ')
			}
		}
	}
	if n := len(d.Layer("tokens").Spans); tokens != n {
		t.Errorf("%d token lines for %d tokens", tokens, n)
	}
	if n := len(d.Layer("sentences").Spans); sentences != n {
		t.Errorf("%d sentences written for %d", sentences, n)
	}
	if got := strings.TrimSuffix(whole.String(), " "); got != text {
		t.Errorf("forms and SpacesAfter give\n%q\nwant\n%q", got, text)
	}
	if !strings.Contains(b.String(), "NE=B-ORG") || !strings.Contains(b.String(), "NE=I-ORG") {
		t.Errorf("no ORG entity tags:\n%s", b.String())
	}
}

// FuzzExports checks that no document makes the exporters panic, and that
// what WriteBrat writes is what brat would read.
func FuzzExports(f *testing.F) {
	f.Add(`{"schema":"gloss/v1","layers":{"sentences":[{"start":0,"end":9}],"tokens":[{"start":0,"end":5,"pos":"NN"},{"start":3,"end":9}],"entities":[{"start":2,"end":9,"label":"X Y"},{"start":0,"end":4,"label":""}]}}`, "ab\ncd éf")
	f.Add(`{"schema":"gloss/v1","layers":{"quotations":[{"start":0,"end":3,"kind":"a b","block":true,"speaker":{"start":1,"end":3}}],"dates":[{"start":1,"end":3,"type":"DATE","mod":[1]}]}}`, "“”\n")
	f.Add(`{"schema":"gloss/v1","layers":{"paragraphs":[{"start":4,"end":5}],"tokens":[{"start":5,"end":5},{"start":0,"end":1,"stem":"|"}],"sentences":[{"start":1,"end":1}]}}`, "\t\r\n\u2028xyz")
	f.Add(`{"schema":"gloss/v1","layers":{"entities":[{"start":0,"end":5,"label":"A"}]}}`, "a\tb\u0085c")
	f.Fuzz(func(t *testing.T, doc, text string) {
		d, err := jsondoc.Parse([]byte(doc))
		if err != nil {
			return
		}
		var b strings.Builder
		if WriteBrat(&b, d, text) == nil {
			checkAnn(t, b.String(), text)
		}
		WriteCoNLLU(io.Discard, d, text)
		var c BratConf
		c.Add(d)
		c.WriteTo(io.Discard)
	})
}
