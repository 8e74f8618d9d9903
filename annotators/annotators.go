// Package annotators assembles gloss's standard pipeline from the
// annotator packages beneath it. Each of those packages can also be used on
// its own.
package annotators

import (
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Options configure the standard pipeline. The zero value is ready to use.
type Options struct{}

// All returns the standard stages in order.
func All(opts Options) []pipeline.Annotator {
	return []pipeline.Annotator{
		layout.Annotator{},
		sentences.Annotator{},
		tokens.Annotator{},
	}
}

// Pipeline returns the standard pipeline.
func Pipeline(opts Options) *pipeline.Pipeline {
	p, err := pipeline.New(All(opts)...)
	if err != nil {
		panic(err) // the standard stage list is fixed; tests cover it
	}
	return p
}
