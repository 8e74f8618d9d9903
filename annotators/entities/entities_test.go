package entities

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/internal/textgen"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
	"github.com/jdkato/prose/v2"
)

// mentions formats each entity as "text" LABEL, with → canonical if any.
func mentions(doc *pipeline.Document) []string {
	var out []string
	for _, e := range Layer.Get(doc) {
		s := strconv.Quote(e.Text) + " " + e.Label
		if e.Canonical != "" {
			s += " → " + e.Canonical
		}
		out = append(out, s)
	}
	return out
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"countries and peoples", "Kenyan farmers in Nairobi sold maize to Tanzania and Ugandans.",
			[]string{`"Kenyan" NORP`, `"Nairobi" GPE`, `"Tanzania" GPE`, `"Ugandans" NORP`}},
		{"regions", "Drought spread from East Africa to Southeast Asia and the Middle East.",
			[]string{`"East Africa" LOC`, `"Southeast Asia" LOC`, `"Middle East" LOC`}},
		{"line-broken names", "Protests spread across Latin\nAmerica and the Middle\nEast last year.",
			[]string{`"Latin\nAmerica" LOC`, `"Middle\nEast" LOC`}},
		{"possessives", "Brazil’s president met Germany's chancellor in Lisbon.",
			[]string{`"Brazil" GPE`, `"Germany" GPE`, `"Lisbon" GPE`}},
		{"acronym defined and reused", "The International Rescue Committee (IRC) opened an office in Juba. The IRC said aid was late, and IRC staff left.",
			[]string{`"International Rescue Committee" ORG`, `"IRC" ORG → International Rescue Committee`, `"Juba" GPE`,
				`"IRC" ORG → International Rescue Committee`, `"IRC" ORG → International Rescue Committee`}},
		{"short form first", "Officials from WWF (World Wide Fund for Nature) met in Oslo; WWF later left.",
			[]string{`"WWF" ORG → World Wide Fund for Nature`, `"World Wide Fund for Nature" ORG`, `"Oslo" GPE`,
				`"WWF" ORG → World Wide Fund for Nature`}},
		{"known alias", "The UN and NATO sent observers.",
			[]string{`"UN" ORG → United Nations`, `"NATO" ORG → North Atlantic Treaty Organisation`}},
		{"longest name wins", "The Bank of Thailand and the Asian Infrastructure Investment Bank lent money to Laos.",
			[]string{`"Bank of Thailand" ORG`, `"Asian Infrastructure Investment Bank" ORG`, `"Laos" GPE`}},
		{"acronym inside a longer name", "The Andean Development Forum (ADF) met. The ADF Investment Council met too.",
			[]string{`"Andean Development Forum" ORG`, `"ADF" ORG → Andean Development Forum`, `"ADF Investment Council" ORG`}},
		{"sentence-initial ordinary words", "Fortunately, the talks resumed. Strategic planning began in Lima. Gas prices rose.",
			[]string{`"Lima" GPE`}},
		{"events", "Veterans of the Korean War and the Iranian Revolution spoke in Seoul.",
			[]string{`"Korean War" EVENT`, `"Iranian Revolution" EVENT`, `"Seoul" GPE`}},
		{"laws", "Both states signed the Treaty on the Non-Proliferation of Nuclear Weapons and the Paris Agreement.",
			[]string{`"Treaty on the Non-Proliferation of Nuclear Weapons" LAW`, `"Paris Agreement" LAW`}},
		{"law with a list", "They ratified the Convention on Fishing, Shipping and Mining last week.",
			[]string{`"Convention on Fishing, Shipping and Mining" LAW`}},
		{"facilities", "Trucks crossed the Golden Gate Bridge while the Baltic Gas Pipeline stayed shut.",
			[]string{`"Golden Gate Bridge" FAC`, `"Baltic Gas Pipeline" FAC`}},
		{"seas and straits", "Tankers left the Strait of Hormuz for the Arabian Sea.",
			[]string{`"Strait of Hormuz" LOC`, `"Arabian Sea" LOC`}},
		{"person after a title", "Prime Minister Jacinda Ardern visited Wellington on Monday.",
			[]string{`"Jacinda Ardern" PERSON`, `"Wellington" GPE`}},
		{"title without a name", "The Minister Mentor in the Bhutan Cabinet spoke.",
			[]string{`"Bhutan Cabinet" ORG`}},
		{"armed groups", "Attacks by al-Qaeda and the Taliban worried Kabul.",
			[]string{`"al-Qaeda" ORG`, `"Taliban" ORG`, `"Kabul" GPE`}},
		{"document-level consistency", "The Tonle Sap Authority met. Later the Tonle Sap Authority and Tonle Sap Authority staff left.",
			[]string{`"Tonle Sap Authority" ORG`, `"Tonle Sap Authority" ORG`, `"Tonle Sap Authority" ORG`}},
		{"group named by a number", "Leaders of the Andes Four met in Quito.",
			[]string{`"Andes Four" ORG`, `"Quito" GPE`}},
		{"org head after a place", "Ministers of the Volta Basin Authority and the Lake Chad Initiative met in Accra.",
			[]string{`"Volta Basin Authority" ORG`, `"Lake Chad Initiative" ORG`, `"Accra" GPE`}},
		{"org head with for", "The Partnership for Clean Air and the Coalition for Rural Schools signed up.",
			[]string{`"Partnership for Clean Air" ORG`, `"Coalition for Rural Schools" ORG`}},
		{"org head after a possessive", "It joined the OECD’s Network for Tax Fairness.",
			[]string{`"OECD" ORG → Organisation for Economic Co-operation and Development`, `"Network for Tax Fairness" ORG`}},
		{"foreign name before its country", "Militants of Barisan Revolusi Indonesia and Frente Popular Bolivia were arrested.",
			[]string{`"Barisan Revolusi Indonesia" ORG`, `"Frente Popular Bolivia" ORG`}},
		{"English name ending in a place", "Ships crossed the South China Sea to reach Greater Manila, Philippines.",
			[]string{`"South China Sea" LOC`, `"Manila" GPE`, `"Philippines" GPE`}},
		{"declaration of a summit", "He quoted the Declaration of the Lima summit and the Charter of the ASEAN members.",
			[]string{`"Declaration of the Lima summit" LAW`, `"ASEAN" ORG → Association of Southeast Asian Nations`}},
		{"names joined by a dash", "The ‘Andes Four–OAS’ talks ended; the Andes Four–Mercosur deal held.",
			[]string{`"Andes Four" ORG`, `"OAS" ORG`, `"Andes Four" ORG`, `"Mercosur" ORG`}},
		{"person before said", "Tomasz Wrobel said the port would reopen.",
			[]string{`"Tomasz Wrobel" PERSON`}},
		{"person after according to", "Prices doubled, according to Ingrid Solberg of the ministry.",
			[]string{`"Ingrid Solberg" PERSON`}},
		{"person after a lower-case role", "The ministry spokesman Kwame Asante denied it.",
			[]string{`"Kwame Asante" PERSON`}},
		{"person before a role", "Aiko Tanabe, the deputy minister, resigned.",
			[]string{`"Aiko Tanabe" PERSON`}},
		{"no cue, no person rule", "Reuters Television said the Oslo Accords mattered.",
			[]string{`"Oslo Accords" LAW`}},
		{"body name starting with a place", "Egypt and Ethiopia argued at the Nile Basin Initiative in Cairo.",
			[]string{`"Egypt" GPE`, `"Ethiopia" GPE`, `"Nile Basin Initiative" ORG`, `"Cairo" GPE`}},
		{"place after a known name is not a group", "Flights from Kuala Lumpur Malaysia and Sri Lanka Airlines landed.",
			[]string{`"Kuala Lumpur" GPE`, `"Malaysia" GPE`, `"Sri Lanka Airlines" ORG`}},
		{"sentence-initial word is no name", "Yesterday Mbeki said nothing.",
			[]string{`"Mbeki" PERSON`}},
		{"title after a place", "London Mayor Sadiq Khan opened the Thames Barrier.",
			[]string{`"London" GPE`, `"Sadiq Khan" PERSON`, `"Thames Barrier" FAC`}},
		{"person whose surname is a place", "According to Maria Santos, it rained in Santos.",
			[]string{`"Maria Santos" PERSON`, `"Santos" GPE`}},
		{"administrative area", "Troops moved into Aceh Province and Kandahar Governorate.",
			[]string{`"Aceh Province" GPE`, `"Kandahar Governorate" GPE`}},
		{"English head before a foreign name", "Bank Negara Malaysia raised rates.",
			[]string{`"Bank Negara Malaysia" ORG`}},
		{"newspaper", "New York Times reporter Jane Doe said it.",
			[]string{`"New York Times" ORG`, `"Jane Doe" PERSON`}},
		{"no names", "prices rose and rain fell on the fields.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := pipelinetest.Annotate(t, tt.in, stages(Annotator{})...)
			got := mentions(doc)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestExtraEntries(t *testing.T) {
	tsv := "# my corpus\nOkavango Delta Trust\tORG\nODT\tORG\tOkavango Delta Trust\nLima\tPERSON\n"
	extra, err := LoadEntries(strings.NewReader(tsv))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{`"ODT" ORG → Okavango Delta Trust`, `"Okavango Delta Trust" ORG`, `"Lima" PERSON`, `"Gaborone" GPE`}, "\n")
	// A literal indexes the entries for each document; New once for all.
	for _, a := range []Annotator{{Extra: extra}, New(extra)} {
		for range 2 {
			doc := pipelinetest.Annotate(t, "The ODT works with the Okavango Delta Trust and Lima in Gaborone.", stages(a)...)
			if got := strings.Join(mentions(doc), "\n"); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		}
	}
	for _, bad := range []string{"Name only\n", "A\tB\tC\tD\n", "Lima\tCITY\n"} {
		if _, err := LoadEntries(strings.NewReader(bad)); err == nil {
			t.Errorf("LoadEntries(%q) succeeded, want an error", bad)
		}
	}
}

func TestAbbreviations(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"long form first", "The Shanghai Cooperation Organisation (SCO) met.", []string{"SCO = Shanghai Cooperation Organisation"}},
		{"lower-case long form", "Doctors measured heat shock protein (HSP) levels.", []string{"HSP = heat shock protein"}},
		{"hyphenated words", "The Regional Anti-Terrorist Structure (RATS) grew.", []string{"RATS = Regional Anti-Terrorist Structure"}},
		{"letters inside words", "A proposed Central Asian Nuclear-Free Zone (CANFZ) program.", []string{"CANFZ = Central Asian Nuclear-Free Zone"}},
		{"shortest long form", "Members of the joint venture (JV) agreed.", []string{"JV = joint venture"}},
		{"line break in long form", "The World Food\nProgramme (WFP) flew in.", []string{"WFP = World Food\nProgramme"}},
		{"short form first", "Officials from WWF (World Wide Fund for Nature) met.", []string{"WWF = World Wide Fund for Nature"}},
		{"letters missing", "The United Nations (WHO) met.", nil},
		{"first letter not at a word start", "The market (KT) fell.", nil},
		{"numbers", "First, (1) talks; second, (2) votes.", nil},
		{"aside, not an abbreviation", "The SCO (of mutual trust and cooperative security) may help.", nil},
		{"unclosed", "The Shanghai Cooperation Organisation (SCO met.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := pipelinetest.Annotate(t, tt.in, stages(Annotator{NoModel: true})...)
			var got []string
			for _, a := range Abbreviations.Get(doc) {
				got = append(got, a.Text+" = "+a.Long.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// footnoteLayout is a layout stage that marks given footnote references.
type footnoteLayout struct{ refs []layout.FootnoteRef }

func (footnoteLayout) Name() string       { return "layout" }
func (footnoteLayout) Version() string    { return "test" }
func (footnoteLayout) Requires() []string { return nil }
func (footnoteLayout) Provides() []string {
	return []string{layout.Paragraphs.Name(), layout.PageBreaks.Name(), layout.FootnoteRefs.Name()}
}
func (f footnoteLayout) Annotate(ctx context.Context, doc *pipeline.Document) error {
	layout.Paragraphs.Set(doc, []layout.Paragraph{{Span: pipeline.Span{Start: 0, End: len(doc.Text)}, Kind: layout.Body}})
	layout.PageBreaks.Set(doc, nil)
	var refs []layout.FootnoteRef
	for _, r := range f.refs {
		r.TextSpan = doc.TextSpan(r.Start, r.End)
		refs = append(refs, r)
	}
	layout.FootnoteRefs.Set(doc, refs)
	return nil
}

func TestFootnoteMarkers(t *testing.T) {
	text := "Talks were held in Central Asia.3 Observers from Mongolia2 came."
	i := strings.Index(text, "3")
	j := strings.Index(text, "2")
	refs := []layout.FootnoteRef{{TextSpan: pipeline.TextSpan{Span: pipeline.Span{Start: i, End: i + 1}}, Number: 3},
		{TextSpan: pipeline.TextSpan{Span: pipeline.Span{Start: j, End: j + 1}}, Number: 2}}
	doc := pipelinetest.Annotate(t, text, footnoteLayout{refs}, sentences.Annotator{}, tokens.Annotator{}, Annotator{})
	got := strings.Join(pipelinetest.Lines(doc, Layer), "\n")
	want := "19:31 \"Central Asia\" label=LOC source=gazetteer\n49:57 \"Mongolia\" label=GPE source=gazetteer"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{"", "(", ")", "((((", "A (", "X (Y (Z) W)", "’s", "'s 's", "-–-", "U.S.", strings.Repeat("Aa ", 2000) + "(AA)"} {
		pipelinetest.Annotate(t, in, stages(Annotator{})...)
	}
}

func ExampleAnnotator() {
	text := "The Mekong River Commission (MRC) met in Vientiane. Laos’s minister told the MRC that the Nam Theun Bridge was finished."
	p, _ := pipeline.New(layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}, Annotator{})
	doc, _ := pipeline.NewDocument("example", "example", text)
	if err := p.Annotate(context.Background(), doc); err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range Layer.Get(doc) {
		fmt.Println(strings.TrimSpace(e.Text + " " + e.Label + " " + e.Source + " " + e.Canonical))
	}
	// Output:
	// Mekong River Commission ORG gazetteer
	// MRC ORG abbreviation Mekong River Commission
	// Vientiane GPE gazetteer
	// Laos GPE gazetteer
	// MRC ORG abbreviation Mekong River Commission
	// Nam Theun Bridge FAC rule
}

// BenchmarkEntities runs the entities stage alone, on the essay and on a
// generated document, with the NER model on the sentences that could
// yield a name (the default), on every sentence, and off.
func BenchmarkEntities(b *testing.B) {
	texts := []struct{ name, text string }{{"essay", ""}, {"textgen", textgen.Document(1, 200000)}}
	data, err := os.ReadFile(essayPath)
	if err != nil {
		b.Fatal(err)
	}
	texts[0].text = string(data)
	p, err := pipeline.New(layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{})
	if err != nil {
		b.Fatal(err)
	}
	for _, tx := range texts {
		doc, _ := pipeline.NewDocument(tx.name, tx.name, tx.text)
		if err := p.Annotate(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
		for _, a := range []struct {
			name string
			a    Annotator
		}{{"model", Annotator{}}, {"everywhere", Annotator{everywhere: true}}, {"NoModel", Annotator{NoModel: true}}} {
			b.Run(tx.name+"/"+a.name, func(b *testing.B) {
				if err := a.a.Annotate(context.Background(), doc); err != nil { // load data
					b.Fatal(err)
				}
				b.SetBytes(int64(len(tx.text)))
				b.ReportAllocs()
				for b.Loop() {
					if err := a.a.Annotate(context.Background(), doc); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkProseNER runs prose's tokenizer, tagger and NER model alone on
// the essay, with the model loaded once, for comparison.
func BenchmarkProseNER(b *testing.B) {
	data, err := os.ReadFile(essayPath)
	if err != nil {
		b.Skip(err)
	}
	text := string(data)
	model := proseModel()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.UsingModel(model)); err != nil {
			b.Fatal(err)
		}
	}
}

// proseModel is prose's tagger and NER model, loaded once: prose itself
// reloads it for every document unless given one.
var proseModel = sync.OnceValue(func() *prose.Model {
	d, err := prose.NewDocument("", prose.WithSegmentation(false))
	if err != nil {
		panic(err)
	}
	return d.Model
})
