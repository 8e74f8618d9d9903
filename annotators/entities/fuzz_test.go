package entities_test

import (
	"testing"

	"github.com/gloss-nlp/gloss/annotators/entities"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/internal/fuzzcheck"
	"github.com/gloss-nlp/gloss/pipeline"
)

var fuzzTarget = fuzzcheck.Target{
	Stages:   []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}, entities.Annotator{}},
	Disjoint: []string{"entities", "abbreviations"},
}

// FuzzEntities checks the invariants of fuzzcheck.Target.Check on any input;
// testdata/fuzz/FuzzEntities holds the inputs that once broke them.
func FuzzEntities(f *testing.F) {
	fuzzcheck.Add(f,
		"President Xi Jinping of China met the Secretary-General of the United Nations in New York.",
		"The North Atlantic Treaty Organization (NATO) and the Collective Security Treaty Organisation (CSTO).",
	)
	f.Fuzz(func(t *testing.T, text string) { fuzzTarget.Check(t, text) })
}

// BenchmarkPathological times the entities stage alone on inputs built to
// make it superlinear, at growing sizes: ns/byte should stay flat.
func BenchmarkPathological(b *testing.B) { fuzzTarget.Pathological(b) }
