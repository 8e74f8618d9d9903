package dates_test

import (
	"context"
	"fmt"
	"time"

	"github.com/gloss-nlp/gloss/annotators/dates"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/pipeline"
)

func Example() {
	p, err := pipeline.New(layout.Annotator{}, sentences.Annotator{},
		dates.Annotator{DCT: time.Date(2006, 6, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	doc, err := pipeline.NewDocument("example", "example",
		"Since 1996 the group has met every year. Last year it signed a treaty on 15 June 2005, "+
			"less than three months before the vote; the following June it met again.")
	if err != nil {
		panic(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, d := range dates.Layer.Get(doc) {
		line := fmt.Sprint(d.Start, " ", d.End, " ", d.Text, " ", d.Type, " ", d.Value)
		if d.Mod != "" {
			line += " " + d.Mod
		}
		fmt.Println(line)
	}
	// Output:
	// 0 10 Since 1996 DATE 1996 ON_OR_AFTER
	// 29 39 every year SET P1Y
	// 41 50 Last year DATE 2005
	// 73 85 15 June 2005 DATE 2005-06-15
	// 87 109 less than three months DURATION P3M LESS_THAN
	// 127 145 the following June DATE 2006-06
}
