package quantities_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/quantities"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
)

func Example() {
	p, err := pipeline.New(layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}, quantities.Annotator{})
	if err != nil {
		panic(err)
	}
	doc, _ := pipeline.NewDocument("ex", "example", "The pipeline carries 20 million tonnes per year, about 60–70 percent of exports.")
	if err := p.Annotate(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, q := range quantities.Layer.Get(doc) {
		b, _ := json.Marshal(q)
		fmt.Println(string(b))
	}
	// Output:
	// {"start":21,"end":47,"text":"20 million tonnes per year","value":20000000,"unit":"tonne/year"}
	// {"start":49,"end":70,"text":"about 60–70 percent","value":[60,70],"unit":"percent","mod":"APPROX"}
}
