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
type Options struct {
	// DCT is the document creation time, YYYY-MM-DD, against which
	// relative dates ("last year") are resolved; empty leaves them
	// unresolved.
	DCT string
}

// All returns the standard stages in order.
func All(opts Options) []pipeline.Annotator {
	return []pipeline.Annotator{
		layout.Annotator{},
		sentences.Annotator{},
		tokens.Annotator{},
	}
}

// New returns the standard pipeline.
func New(opts Options) (*pipeline.Pipeline, error) {
	return pipeline.New(All(opts)...)
}
