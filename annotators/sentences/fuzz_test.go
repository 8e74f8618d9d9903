package sentences_test

import (
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/internal/fuzzcheck"
	"github.com/gloss-nlp/gloss/pipeline"
)

var fuzzTarget = fuzzcheck.Target{
	Stages:   []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}},
	Disjoint: []string{"sentences"},
}

// FuzzSentences checks the invariants of fuzzcheck.Target.Check on any input;
// testdata/fuzz/FuzzSentences holds the inputs that once broke them.
func FuzzSentences(f *testing.F) {
	fuzzcheck.Add(f,
		"He said “Stop.” Then he left... Did he? Yes!",
		"See p. 5 and Fig. 3. The end.",
	)
	f.Fuzz(func(t *testing.T, text string) { fuzzTarget.Check(t, text) })
}

// BenchmarkPathological times the sentences stage alone on inputs built to
// make it superlinear, at growing sizes: ns/byte should stay flat.
func BenchmarkPathological(b *testing.B) { fuzzTarget.Pathological(b) }
