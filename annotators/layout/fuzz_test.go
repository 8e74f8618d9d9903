package layout_test

import (
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/internal/fuzzcheck"
	"github.com/gloss-nlp/gloss/pipeline"
)

var fuzzTarget = fuzzcheck.Target{
	Stages:   []pipeline.Annotator{layout.Annotator{}},
	Disjoint: []string{"paragraphs", "page_breaks", "footnote_refs"},
}

// FuzzLayout checks the invariants of fuzzcheck.Target.Check on any input;
// testdata/fuzz/FuzzLayout holds the inputs that once broke them.
func FuzzLayout(f *testing.F) {
	fuzzcheck.Add(f,
		"Heading In Title Case\n\nBody text that wraps\nacross lines.\n\n    An indented block quote\n    of two lines.\n",
		"Notes:\n1 First note.\n2 Second note.\n",
	)
	f.Fuzz(func(t *testing.T, text string) { fuzzTarget.Check(t, text) })
}

// BenchmarkPathological times the layout stage alone on inputs built to
// make it superlinear, at growing sizes: ns/byte should stay flat.
func BenchmarkPathological(b *testing.B) { fuzzTarget.Pathological(b) }
