package dates_test

import (
	"testing"

	"github.com/gloss-nlp/gloss/annotators/dates"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/internal/fuzzcheck"
	"github.com/gloss-nlp/gloss/pipeline"
)

var fuzzTarget = fuzzcheck.Target{
	Stages: []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, dates.Annotator{}},
}

// FuzzDates checks the invariants of fuzzcheck.Target.Check on any input;
// testdata/fuzz/FuzzDates holds the inputs that once broke them.
func FuzzDates(f *testing.F) {
	fuzzcheck.Add(f,
		"from 1990 to 1995, in the spring of 2003, on Monday, at 10:30 a.m., in the 18th century",
		"06/05/2001 and 2001-06-05 and 5th of June, 2001",
	)
	f.Fuzz(func(t *testing.T, text string) { fuzzTarget.Check(t, text) })
}

// BenchmarkPathological times the dates stage alone on inputs built to
// make it superlinear, at growing sizes: ns/byte should stay flat.
func BenchmarkPathological(b *testing.B) { fuzzTarget.Pathological(b) }
