package sentences_test

import (
	"context"
	"fmt"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/pipeline"
)

func Example() {
	p, err := pipeline.New(layout.Annotator{}, sentences.Annotator{})
	if err != nil {
		panic(err)
	}
	doc, err := pipeline.NewDocument("ex", "example", "Dr. Watson moved to the U.S. in 1881. He liked it there.\n\nMr. Holmes did not.")
	if err != nil {
		panic(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, s := range sentences.Layer.Get(doc) {
		fmt.Printf("%d:%d %s\n", s.Start, s.End, doc.Text[s.Start:s.End])
	}
	// Output:
	// 0:37 Dr. Watson moved to the U.S. in 1881.
	// 38:56 He liked it there.
	// 58:77 Mr. Holmes did not.
}
