// Package tokens splits sentences into tokens with part-of-speech tags and
// Snowball stems.
package tokens

import (
	"context"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/pipeline"
)

// A Token is a word, number or punctuation mark, with its Penn Treebank
// part-of-speech tag and its Snowball English stem.
type Token struct {
	pipeline.TextSpan
	POS  string `json:"pos"`
	Stem string `json:"stem"`
}

// Layer is the tokens layer.
var Layer = pipeline.NewLayer[Token]("tokens")

// Annotator tokenizes, tags and stems each sentence.
type Annotator struct{}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string    { return "tokens" }
func (Annotator) Version() string { return "0.1.0" }
func (Annotator) Requires() []string {
	return []string{sentences.Layer.Name(), layout.FootnoteRefs.Name()}
}
func (Annotator) Provides() []string { return []string{Layer.Name()} }

// Annotate sets the tokens layer. (Placeholder: white-space tokens with no
// tags; the tokenizer and tagger replace it.)
func (Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	var out []Token
	for _, s := range sentences.Layer.Get(doc) {
		start := -1
		for i := s.Start; i <= s.End; i++ {
			if i == s.End || doc.Text[i] == ' ' || doc.Text[i] == '\n' {
				if start >= 0 {
					out = append(out, Token{TextSpan: doc.TextSpan(start, i)})
				}
				start = -1
			} else if start < 0 {
				start = i
			}
		}
	}
	Layer.Set(doc, out)
	return nil
}
