package entities

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/internal/textgen"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
	"github.com/jdkato/prose/v2"
)

func TestShape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "other"},
		{"12", "number"},
		{"3.5", "number"},
		{"-4", "number"},
		{"1e5", "number"},
		{"Inf", "number"},
		{"nan", "number"},
		{"1,000", "downcase"}, // ParseFloat rejects it, and it ends in a word character
		{"1,000.", "punct"},
		{",", "punct"},
		{"U.S.", "punct"},
		{"café", "punct"}, // é is not ASCII \w
		{"China", "upcase"},
		{"al-Qaeda", "mixedcase"},
		{"Al-Qaeda", "upcase"},
		{"O'Brien", "upcase"},
		{"McDonald", "upcase"},
		{"SCO", "upcase"}, // strings.Title leaves the other letters alone,
		{"iPhone", "mixedcase"},
		{"talks", "downcase"},
		{"x1", "downcase"},
		{"Éire", "upcase"},
		{"\xffab", "mixedcase"}, // strings.ToLower and Title change the invalid byte
	}
	for _, tt := range tests {
		if got := shapeNames[shape(tt.in)]; got != tt.want {
			t.Errorf("shape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsLower(t *testing.T) {
	for _, s := range []string{"", "abc", "ABC", "Éire", "İstanbul", "ΣΟΦΙΑ", "a\xffB", "\xef\xbf\xbd", "Ca"[:1] + "\xc3"} {
		if got, want := isLower(s), strings.ToLower(s) == s; got != want {
			t.Errorf("isLower(%q) = %v, want %v", s, got, want)
		}
		if got, want := isTitle(s), strings.Title(s) == s; got != want { // strings.Title is what prose calls
			t.Errorf("isTitle(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestChunk checks prose's chunking rules on hand-labelled tokens: the
// labels are given, not classified.
func TestChunk(t *testing.T) {
	m, err := loadNER()
	if err != nil {
		t.Fatal(err)
	}
	index := func(t *testing.T, l string) uint8 {
		i := slices.Index(m.labels, l)
		if i < 0 {
			t.Fatalf("no label %s", l)
		}
		return uint8(i)
	}
	tests := []struct {
		name string
		in   string // word:TAG:LABEL ...
		want []string
	}{
		{"one name", "in:IN:O Oslo:NNP:B-GPE .:.:O", []string{"Oslo GPE"}},
		{"two words", "Hu:NNP:B-PERSON Jintao:NNP:I-PERSON spoke:VBD:O", []string{"Hu Jintao PERSON"}},
		{"B-PERSON in a pair wins", "Hu:NNP:B-GPE Jintao:NNP:B-PERSON spoke:VBD:O", []string{"Hu Jintao PERSON"}},
		{"first label decides", "New:NNP:B-GPE York:NNP:B-ORGANIZATION City:NNP:I-GPE .:.:O", []string{"New York City GPE"}},
		{"same tag joins", "Bank:NNP:B-ORGANIZATION Asia:NNP:O left:VBD:O", []string{"Bank Asia ORGANIZATION"}},
		{"a number joins", "Apollo:NNP:B-ORGANIZATION 11:CD:O flew:VBD:O", []string{"Apollo 11 ORGANIZATION"}},
		{"an I label with another tag ends it", "Lake:NNP:B-LOCATION of:IN:I-LOCATION Geneva:NNP:O .:.:O", []string{"Lake of LOCATION"}},
		{"open at the end is dropped", "to:TO:O Oslo:NNP:B-GPE", nil},
		{"no names", "it:PRP:O rained:VBD:O", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var toks []nerTok
			var labels []uint8
			for _, f := range strings.Fields(tt.in) {
				p := strings.Split(f, ":")
				toks = append(toks, nerTok{text: p[0], tag: p[1]})
				labels = append(labels, index(t, p[2]))
			}
			var got []string
			for _, e := range m.chunk(toks, labels, nil) {
				var ws []string
				for _, tok := range toks[e.i : e.j+1] {
					ws = append(ws, tok.text)
				}
				got = append(got, strings.Join(ws, " ")+" "+e.kind)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// proseDir returns the directory of prose's module.
func proseDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/jdkato/prose/v2").Output()
	if err != nil {
		t.Fatalf("locating prose's module: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// sampleTexts returns texts to compare with prose on: the essay, generated
// documents, and prose's own sample article and the start of its Sherlock
// Holmes text (prose's licence: MIT).
func sampleTexts(t *testing.T) map[string]string {
	t.Helper()
	texts := map[string]string{}
	if b, err := os.ReadFile(essayPath); err == nil {
		texts["essay"] = string(b)
	}
	for seed := uint64(1); seed <= 2; seed++ {
		texts[fmt.Sprint("textgen", seed)] = textgen.Document(seed, 15000)
	}
	dir := filepath.Join(proseDir(t), "testdata")
	b, err := os.ReadFile(filepath.Join(dir, "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	texts["article"] = string(b)
	b, err = os.ReadFile(filepath.Join(dir, "sherlock.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b[:40000])
	texts["sherlock"] = s[:strings.LastIndex(s, "\n\n")]
	return texts
}

// sentenceToks returns each sentence of text, as a string and as the
// classifier's tokens.
func sentenceToks(t *testing.T, text string) ([]string, [][]nerTok) {
	doc := pipelinetest.Annotate(t, text, layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{})
	refs := layout.FootnoteRefs.Get(doc)
	toks := tokens.Layer.Get(doc)
	var strs []string
	var out [][]nerTok
	for _, s := range sentences.Layer.Get(doc) {
		var nts []nerTok
		for _, tok := range toks {
			if tok.Start >= s.Start && tok.End <= s.End && !slices.ContainsFunc(refs, func(r layout.FootnoteRef) bool { return r.Span == tok.Span }) {
				nts = append(nts, newNERTok(tok.Text, tok.POS, tok.Start, tok.End))
			}
		}
		strs = append(strs, text[s.Start:s.End])
		out = append(out, nts)
	}
	return strs, out
}

// counts reports how often each token text occurs.
func counts(texts []string) map[string]int {
	n := map[string]int{}
	for _, s := range texts {
		n[s]++
	}
	return n
}

// TestClassifierMatchesProse runs prose's NER and our classifier on the
// same tokens and tags, prose's, sentence by sentence. prose's tokenizer
// shares one *Token between the occurrences of a string, so such a token
// reports the tag and label of its last occurrence (which is also the tag
// prose's classifier saw, so we give it ours); only tokens whose text is
// unique in their sentence are compared.
func TestClassifierMatchesProse(t *testing.T) {
	m, err := loadNER()
	if err != nil {
		t.Fatal(err)
	}
	model := proseModel()
	c := classifier{m: m}
	same, total, ents := 0, 0, 0
	for name, text := range sampleTexts(t) {
		strs, _ := sentenceToks(t, text)
		for _, s := range strs {
			pd, err := prose.NewDocument(s, prose.WithSegmentation(false), prose.UsingModel(model))
			if err != nil {
				t.Fatal(err)
			}
			ptoks := pd.Tokens()
			var nts []nerTok
			var texts []string
			for _, p := range ptoks {
				nts = append(nts, nerTok{text: p.Text, tag: p.Tag})
				texts = append(texts, p.Text)
			}
			n := counts(texts)
			labels := c.classify(nts)
			for i, p := range ptoks {
				if n[p.Text] > 1 {
					continue
				}
				total++
				if got := m.labels[labels[i]]; got == p.Label {
					same++
				} else if total-same <= 10 {
					t.Errorf("%s: %q in %q: got %s, prose %s", name, p.Text, s, got, p.Label)
				}
			}
			if len(n) == len(texts) { // no shared tokens: compare the entities too
				var got, want []string
				for _, e := range m.chunk(nts, labels, nil) {
					got = append(got, strings.Join(texts[e.i:e.j+1], " ")+" "+e.kind)
				}
				for _, e := range pd.Entities() {
					want = append(want, e.Text+" "+e.Label)
				}
				ents += len(want)
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s: %q: got %q, prose %q", name, s, got, want)
				}
			}
		}
	}
	t.Logf("same label as prose's on %d of %d tokens; %d entities of prose's compared", same, total, ents)
	if total < 5000 || ents < 50 {
		t.Errorf("only %d tokens and %d entities compared", total, ents)
	}
}

// TestSameEntitiesAsProse compares the entities our classifier finds with
// our tokens and tags with those prose finds in the same sentence with its
// own, where prose splits the sentence into the same tokens and no token
// is shared (see TestClassifierMatchesProse).
func TestSameEntitiesAsProse(t *testing.T) {
	m, err := loadNER()
	if err != nil {
		t.Fatal(err)
	}
	model := proseModel()
	c := classifier{m: m}
	agree, union, sents, compared := 0, 0, 0, 0
	for name, text := range sampleTexts(t) {
		strs, toks := sentenceToks(t, text)
		for k, s := range strs {
			sents++
			pd, err := prose.NewDocument(s, prose.WithSegmentation(false), prose.UsingModel(model))
			if err != nil {
				t.Fatal(err)
			}
			var ptexts, ours []string
			for _, p := range pd.Tokens() {
				ptexts = append(ptexts, p.Text)
			}
			for _, nt := range toks[k] {
				ours = append(ours, nt.text)
			}
			if !slices.Equal(ptexts, ours) || len(counts(ptexts)) != len(ptexts) {
				continue
			}
			compared++
			var got, want []string
			for _, e := range m.chunk(toks[k], c.classify(toks[k]), nil) {
				got = append(got, strings.Join(ours[e.i:e.j+1], " ")+" "+e.kind)
			}
			for _, e := range pd.Entities() {
				want = append(want, e.Text+" "+e.Label)
			}
			n := counts(got)
			a := 0
			for _, w := range want {
				if n[w] > 0 {
					n[w]--
					a++
				} else {
					t.Logf("%s: prose only: %s in %q", name, w, s)
				}
			}
			for g, x := range n {
				for range x {
					t.Logf("%s: ours only: %s in %q", name, g, s)
				}
			}
			agree += a
			union += len(want) + len(got) - a
		}
	}
	t.Logf("%d of %d sentences compared; %d of %d entities (%.2f%%) the same", compared, sents, agree, union, 100*float64(agree)/float64(union))
	if compared < 100 || union < 50 {
		t.Errorf("only %d sentences, %d entities compared", compared, union)
	}
	if float64(agree) < 0.99*float64(union) {
		t.Errorf("%d of %d entities the same, want at least 99%%", agree, union)
	}
}

// TestCandidatesOnly checks that classifying only the sentences that could
// yield a name gives the same entities as classifying every sentence.
func TestCandidatesOnly(t *testing.T) {
	texts := map[string]string{
		"table": "Prime Minister Jacinda Ardern met Xi Jinping. Gas prices rose. Then Mbeki and Obasanjo spoke in Abuja. THE END",
	}
	if b, err := os.ReadFile(essayPath); err == nil {
		texts["essay"] = string(b)
	}
	for seed := uint64(1); seed <= 4; seed++ {
		texts[fmt.Sprint("textgen", seed)] = textgen.Document(seed, 20000)
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			want := pipelinetest.Lines(pipelinetest.Annotate(t, text, stages(Annotator{everywhere: true})...), Layer)
			got := pipelinetest.Lines(pipelinetest.Annotate(t, text, stages(Annotator{})...), Layer)
			if !slices.Equal(got, want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			models := 0
			for _, l := range want {
				if strings.Contains(l, "source=model") {
					models++
				}
			}
			t.Logf("%d entities, %d from the model", len(want), models)
		})
	}
}

// BenchmarkLoad measures loading the gazetteers and the NER model, which
// happens once per process.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	b.Run("gazetteers", func(b *testing.B) {
		for b.Loop() {
			if _, err := readLexicon(gazData); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ner", func(b *testing.B) {
		for b.Loop() {
			if _, err := readNER(nerData); err != nil {
				b.Fatal(err)
			}
		}
	})
}
