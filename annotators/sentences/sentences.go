// Package sentences splits paragraphs into sentences.
package sentences

import (
	"context"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/pipeline"
)

// A Sentence is the span of one sentence.
type Sentence struct {
	pipeline.Span
}

// Layer is the sentences layer.
var Layer = pipeline.NewLayer[Sentence]("sentences")

// Annotator segments each paragraph into sentences.
type Annotator struct{}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string    { return "sentences" }
func (Annotator) Version() string { return "0.1.0" }
func (Annotator) Requires() []string {
	return []string{layout.Paragraphs.Name(), layout.PageBreaks.Name(), layout.FootnoteRefs.Name()}
}
func (Annotator) Provides() []string { return []string{Layer.Name()} }

// Annotate sets the sentences layer. (Placeholder: one sentence per
// paragraph; the segmenter replaces it.)
func (Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	var out []Sentence
	for _, p := range layout.Paragraphs.Get(doc) {
		out = append(out, Sentence{p.Span})
	}
	Layer.Set(doc, out)
	return nil
}
