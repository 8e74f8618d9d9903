package tokens_test

import (
	"context"
	"fmt"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
)

func Example() {
	p, err := pipeline.New(layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{})
	if err != nil {
		panic(err)
	}
	doc, err := pipeline.NewDocument("ex", "example", "The U.S. isn’t the SCO’s partner—yet.")
	if err != nil {
		panic(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, tok := range tokens.Layer.Get(doc) {
		fmt.Printf("%d:%d %s %s %s\n", tok.Start, tok.End, tok.Text, tok.POS, tok.Stem)
	}
	// Output:
	// 0:3 The DT the
	// 4:8 U.S. NNP u.s.
	// 9:11 is VBZ is
	// 11:16 n’t RB n't
	// 17:20 the DT the
	// 21:24 SCO NNP sco
	// 24:28 ’s POS s
	// 29:36 partner NN partner
	// 36:39 — : —
	// 39:42 yet RB yet
	// 42:43 . . .
}
