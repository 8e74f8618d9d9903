package enumerations_test

import (
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/enumerations"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/internal/fuzzcheck"
	"github.com/gloss-nlp/gloss/pipeline"
)

var fuzzTarget = fuzzcheck.Target{
	Stages: []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, enumerations.Annotator{}},
}

// FuzzEnumerations checks the invariants of fuzzcheck.Target.Check on any input;
// testdata/fuzz/FuzzEnumerations holds the inputs that once broke them.
func FuzzEnumerations(f *testing.F) {
	fuzzcheck.Add(f,
		"There are three goals: (i) peace, (ii) trade and (iii) culture.",
		"First, we plan. Second, we act. Third, we review.",
	)
	f.Fuzz(func(t *testing.T, text string) { fuzzTarget.Check(t, text) })
}

// BenchmarkPathological times the enumerations stage alone on inputs built to
// make it superlinear, at growing sizes: ns/byte should stay flat.
func BenchmarkPathological(b *testing.B) {
	fuzzTarget.Pathological(b, append(fuzzcheck.Shapes,
		// A list whose next marker keeps coming, too far away to continue it.
		fuzzcheck.Shape{Name: "stale-inline", Gen: func(n int) string {
			return "(1) one thing (2) another\n\n" + strings.Repeat("(3) again\n\n", n/12)
		}},
		fuzzcheck.Shape{Name: "stale-vertical", Gen: func(n int) string {
			return "a. one thing\nb. another\n\nText.\n\n" + strings.Repeat("c. again\n\n", n/11)
		}},
	)...)
}
