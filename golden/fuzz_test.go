package golden_test

import (
	"testing"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/internal/fuzzcheck"
)

// pipelineTarget is the standard pipeline, every stage of gloss annotate.
func pipelineTarget(t testing.TB) fuzzcheck.Target {
	stages, err := annotators.All(annotators.Options{DCT: "2006-06-15"})
	if err != nil {
		t.Fatal(err)
	}
	return fuzzcheck.Target{
		Stages:   stages,
		Disjoint: []string{"paragraphs", "sentences", "tokens", "entities", "abbreviations"},
	}
}

// FuzzPipeline checks the invariants of fuzzcheck.Target.Check for the
// whole standard pipeline on any input; testdata/fuzz/FuzzPipeline holds
// the inputs that once broke them.
func FuzzPipeline(f *testing.F) {
	tg := pipelineTarget(f)
	fuzzcheck.Add(f,
		"On 15 June 2001, the presidents of China, Russia and four Central Asian states founded the Shanghai Cooperation Organisation (SCO) in Shanghai.",
		"“The SCO is not a military bloc,” said Hu Jintao last year. It had three aims:\n\na. to fight ‘terrorism’;\nb. to settle borders;\nc. to trade 20% more.\n",
	)
	f.Fuzz(func(t *testing.T, text string) { tg.Check(t, text) })
}
