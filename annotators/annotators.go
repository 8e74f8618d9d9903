// Package annotators assembles gloss's standard pipeline from the
// annotator packages beneath it. Each of those packages can also be used on
// its own: import the one you need and build a pipeline.New from it and
// the stages it requires.
package annotators

import (
	"fmt"
	"time"

	"github.com/gloss-nlp/gloss/annotators/dates"
	"github.com/gloss-nlp/gloss/annotators/entities"
	"github.com/gloss-nlp/gloss/annotators/enumerations"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/quantities"
	"github.com/gloss-nlp/gloss/annotators/quotations"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Options configure the standard pipeline. The zero value is ready to use.
type Options struct {
	// DCT is the document creation date, YYYY-MM-DD, against which
	// relative dates ("last year") are resolved; empty leaves them
	// unresolved.
	DCT string
	// MonthFirst reads ambiguous numeric dates (06/05/2001) as
	// month/day/year rather than day/month/year.
	MonthFirst bool
	// Gazetteer entries are added to the entity annotator's own, and take
	// precedence over them.
	Gazetteer []entities.Entry
}

// All returns the standard stages in order: each stage's requirements are
// provided by the stages before it, and the output's layers follow this
// order.
func All(opts Options) ([]pipeline.Annotator, error) {
	var dct time.Time
	if opts.DCT != "" {
		var err error
		if dct, err = time.Parse(time.DateOnly, opts.DCT); err != nil {
			return nil, fmt.Errorf("document creation date %q: want YYYY-MM-DD", opts.DCT)
		}
	}
	return []pipeline.Annotator{
		layout.Annotator{},
		sentences.Annotator{},
		tokens.Annotator{},
		entities.New(opts.Gazetteer),
		dates.Annotator{DCT: dct, MonthFirst: opts.MonthFirst},
		quotations.Annotator{},
		enumerations.Annotator{},
		quantities.Annotator{},
	}, nil
}

// New returns the standard pipeline.
func New(opts Options) (*pipeline.Pipeline, error) {
	stages, err := All(opts)
	if err != nil {
		return nil, err
	}
	return pipeline.New(stages...)
}
