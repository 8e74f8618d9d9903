package quantities_test

import (
	"testing"

	"github.com/gloss-nlp/gloss/annotators/dates"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/quantities"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/internal/fuzzcheck"
	"github.com/gloss-nlp/gloss/pipeline"
)

var fuzzTarget = fuzzcheck.Target{
	Stages: []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}, dates.Annotator{}, quantities.Annotator{}},
}

// FuzzQuantities checks the invariants of fuzzcheck.Target.Check on any input;
// testdata/fuzz/FuzzQuantities holds the inputs that once broke them.
func FuzzQuantities(f *testing.F) {
	fuzzcheck.Add(f,
		"It cost US$5 bn, or 3.2 per cent of GDP, and 12 million tonnes per year.",
		"Between 10 and 20 km; two-thirds of 1,500 people; ¥300; 45°C.",
	)
	f.Fuzz(func(t *testing.T, text string) { fuzzTarget.Check(t, text) })
}

// BenchmarkPathological times the quantities stage alone on inputs built to
// make it superlinear, at growing sizes: ns/byte should stay flat.
func BenchmarkPathological(b *testing.B) { fuzzTarget.Pathological(b) }
