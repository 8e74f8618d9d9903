package quotations_test

import (
	"testing"

	"github.com/gloss-nlp/gloss/annotators/entities"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/quotations"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/internal/fuzzcheck"
	"github.com/gloss-nlp/gloss/pipeline"
)

var fuzzTarget = fuzzcheck.Target{
	Stages: []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}, entities.Annotator{NoModel: true}, quotations.Annotator{}},
}

// FuzzQuotationsInvariants checks the invariants of fuzzcheck.Target.Check on any input;
// testdata/fuzz/FuzzQuotationsInvariants holds the inputs that once broke them.
func FuzzQuotationsInvariants(f *testing.F) {
	fuzzcheck.Add(f,
		"As Kofi Annan put it: “We are all in this together.”",
		"He wrote:\n\n    The end is near,\n    and it is here.\n\nThen he stopped.",
	)
	f.Fuzz(func(t *testing.T, text string) { fuzzTarget.Check(t, text) })
}

// BenchmarkPathological times the quotations stage alone on inputs built to
// make it superlinear, at growing sizes: ns/byte should stay flat.
func BenchmarkPathological(b *testing.B) { fuzzTarget.Pathological(b) }
