package sentences_test

import (
	"os"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
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

// TestEssay checks hand-verified facts about the essay, segmented after
// the real layout annotator.
func TestEssay(t *testing.T) {
	doc := pipelinetest.Annotate(t, essay(t), layout.Annotator{}, sentences.Annotator{})
	paras := layout.Paragraphs.Get(doc)
	sents := sentences.Layer.Get(doc)
	if len(sents) < 140 {
		t.Errorf("%d sentences, want at least 140", len(sents))
	}
	// No sentence crosses a paragraph boundary, and each heading starts a
	// sentence.
	k := 0
	for _, p := range paras {
		first := true
		for ; k < len(sents) && sents[k].Start < p.End; k++ {
			if !p.Contains(sents[k].Span) {
				t.Errorf("sentence %q crosses paragraph %d:%d", doc.Text[sents[k].Start:sents[k].End], p.Start, p.End)
			}
			if first && p.Kind == layout.Heading && sents[k].Start != p.Start {
				t.Errorf("heading %q does not start a sentence", doc.Text[p.Start:p.End])
			}
			first = false
		}
	}
	has := func(s string) bool {
		for _, sp := range sents {
			if doc.Text[sp.Start:sp.End] == s {
				return true
			}
		}
		return false
	}
	within := func(s string) bool {
		i := strings.Index(doc.Text, s)
		if i < 0 {
			t.Fatalf("%q not in the essay", s)
		}
		for _, sp := range sents {
			if sp.Contains(pipeline.Span{Start: i, End: i + len(s)}) {
				return true
			}
		}
		return false
	}
	for _, s := range []string{
		"Achievements in maintaining security in the heart of Eurasia",
		"Response to new challenges",
		"Conclusion",
		"Three points should be emphasised.",
		"Each facilitates the other.",
	} {
		if !has(s) {
			t.Errorf("no sentence %q", s)
		}
	}
	for _, s := range []string{
		"mass media, etc. so as to enhance",
		"China’s total land border—14 799 km.",
		"in its periphery.1",
		"is a vital task.’5",
		"accepting new members.10",
	} {
		if !within(s) {
			t.Errorf("%q is split across sentences", s)
		}
	}
	for _, s := range []string{"b. working out", "i. drafting uniform", "It remains a major challenge"} {
		i := strings.Index(doc.Text, s)
		found := false
		for _, sp := range sents {
			found = found || sp.Start == i
		}
		if !found {
			t.Errorf("no sentence starts with %q", s)
		}
	}
}

func BenchmarkSentences(b *testing.B) {
	text := essay(b)
	doc, err := pipeline.NewDocument("essay", "essay", text)
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	if err := (layout.Annotator{}).Annotate(ctx, doc); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := (sentences.Annotator{}).Annotate(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
}
