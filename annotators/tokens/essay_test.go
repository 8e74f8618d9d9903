package tokens_test

import (
	"os"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

func essay(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("../../corpus/sco-essay.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// TestEssay checks hand-verified facts about the essay's tokens, after the
// real layout and sentence annotators.
func TestEssay(t *testing.T) {
	doc := pipelinetest.Annotate(t, essay(t), layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{})
	toks := tokens.Layer.Get(doc)
	at := func(s string) []string {
		i := strings.Index(doc.Text, s)
		if i < 0 {
			t.Fatalf("%q not in the essay", s)
		}
		var out []string
		for _, tok := range toks {
			if tok.Start >= i && tok.End <= i+len(s) {
				out = append(out, tok.Text+"/"+tok.POS)
			}
		}
		return out
	}
	tests := []struct {
		in   string
		want string
	}{
		{"its periphery.1", "its/PRP$ periphery/NN ./. 1/CD"},
		{"vital task.’5", "vital/JJ task/NN ./. ’/'' 5/CD"},
		{"cooperation,2", "cooperation/NN ,/, 2/CD"},
		{"confidence-building measures", "confidence-building/JJ measures/NNS"},
		{"land border—14 799 km", "land/NN border/NN —/: 14 799/CD km/NN"},
		{"the SCO’s success", "the/DT SCO/NNP ’s/POS success/NN"},
		{"mass media, etc. so", "mass/NN media/NNS ,/, etc./FW so/RB"},
	}
	for _, tt := range tests {
		if got := strings.Join(at(tt.in), " "); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
	// Hyphenated names stay whole (the model tags them from the
	// "!HYPHEN" shape, not always NNP, so only the tokens are checked).
	for _, s := range []string{"al-Qaeda", "Hizb-ut-Tahrir", "Xinjiang–Shanghai"} {
		var got []string
		for _, tt := range at(s) {
			got = append(got, tt[:strings.LastIndexByte(tt, '/')])
		}
		want := []string{s}
		if s == "Xinjiang–Shanghai" { // an en dash is not a hyphen
			want = []string{"Xinjiang", "–", "Shanghai"}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
	for _, pb := range layout.PageBreaks.Get(doc) {
		for _, tok := range toks {
			if tok.Overlaps(pb.Span) {
				t.Errorf("token %q covers the page break at %d", tok.Text, pb.Start)
			}
		}
	}
	for _, tok := range toks {
		if tok.POS == "" || tok.Stem == "" {
			t.Errorf("token %d:%d %q has no tag or stem", tok.Start, tok.End, tok.Text)
		}
	}
}

// essayDoc returns the essay with its layout and sentences.
func essayDoc(b *testing.B) *pipeline.Document {
	text := essay(b)
	doc, err := pipeline.NewDocument("essay", "essay", text)
	if err != nil {
		b.Fatal(err)
	}
	for _, a := range []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}} {
		if err := a.Annotate(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
	return doc
}

func BenchmarkTokens(b *testing.B) {
	doc := essayDoc(b) // also loads the model
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := (tokens.Annotator{}).Annotate(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProseTagOnly is prose tokenizing and tagging the essay, its
// model loaded once, for comparison with BenchmarkTokens.
func BenchmarkProseTagOnly(b *testing.B) {
	text := essay(b)
	model := prose.ModelFromData("bench")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(model)); err != nil {
			b.Fatal(err)
		}
	}
}
