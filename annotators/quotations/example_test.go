package quotations_test

import (
	"context"
	"fmt"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/quotations"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

func Example() {
	p, err := pipeline.New(layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}, quotations.Annotator{})
	if err != nil {
		panic(err)
	}
	doc, err := pipeline.NewDocument("ex", "example", "“We won’t sell,” said Ana Ruiz. Her so-called ‘plan’ failed.")
	if err != nil {
		panic(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, line := range pipelinetest.Lines(doc, quotations.Layer) {
		fmt.Println(line)
	}
	// Output:
	// 0:22 "“We won’t sell,”" kind=direct block=false speaker={"start":28,"end":36,"text":"Ana Ruiz"}
	// 52:62 "‘plan’" kind=scare block=false
}
