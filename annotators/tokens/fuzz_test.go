package tokens_test

import (
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/internal/fuzzcheck"
	"github.com/gloss-nlp/gloss/pipeline"
)

var fuzzTarget = fuzzcheck.Target{
	Stages:   []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}},
	Disjoint: []string{"tokens"},
}

// FuzzTokens checks the invariants of fuzzcheck.Target.Check on any input;
// testdata/fuzz/FuzzTokens holds the inputs that once broke them.
func FuzzTokens(f *testing.F) {
	fuzzcheck.Add(f,
		"don’t can’t won’t y’all rock’n’roll",
		"See https://example.org/a?b=c and mail a@b.co :-) now.",
	)
	f.Fuzz(func(t *testing.T, text string) { fuzzTarget.Check(t, text) })
}

// BenchmarkPathological times the tokens stage alone on inputs built to
// make it superlinear, at growing sizes: ns/byte should stay flat.
func BenchmarkPathological(b *testing.B) { fuzzTarget.Pathological(b) }
