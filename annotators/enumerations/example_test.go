package enumerations_test

import (
	"context"
	"fmt"

	"github.com/gloss-nlp/gloss/annotators/enumerations"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/pipeline"
)

func Example() {
	p, err := pipeline.New(layout.Annotator{}, sentences.Annotator{}, enumerations.Annotator{})
	if err != nil {
		panic(err)
	}
	doc, _ := pipeline.NewDocument("ex", "example", "The committee agreed two actions:\n1. Circulate the draft.\n2. Invite the auditors.\n")
	if err := p.Annotate(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, e := range enumerations.Layer.Get(doc) {
		fmt.Println(e.Style, e.Announced, doc.Text[e.Intro.Start:e.Intro.End])
		for _, it := range e.Items {
			fmt.Printf("%s %q\n", it.Marker, it.Text)
		}
	}
	// Output:
	// number 2 The committee agreed two actions
	// 1. "Circulate the draft"
	// 2. "Invite the auditors"
}
