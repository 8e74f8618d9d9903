package layout_test

import (
	"context"
	"fmt"
	"log"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Example runs the layout annotator alone over a string of hard-wrapped
// text: a heading set directly on its body, a page that starts with a
// stray space, and a footnote number glued to a full stop.
func Example() {
	text := "Rivers of the plain\n" +
		"The plain is drained by three rivers, each of which floods\n" +
		"in spring when the snow melts on the hills to the north, and\n" +
		" the water is stored behind weirs for the dry summer.1\n"
	p, err := pipeline.New(layout.Annotator{})
	if err != nil {
		log.Fatal(err)
	}
	doc, err := pipeline.NewDocument("rivers", "example", text)
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		log.Fatal(err)
	}
	for _, para := range layout.Paragraphs.Get(doc) {
		fmt.Printf("%s %d:%d %.30q\n", para.Kind, para.Start, para.End, text[para.Start:para.End])
	}
	for _, pb := range layout.PageBreaks.Get(doc) {
		fmt.Printf("page break at byte %d\n", pb.Start)
	}
	for _, ref := range layout.FootnoteRefs.Get(doc) {
		fmt.Printf("footnote %d at %d:%d\n", ref.Number, ref.Start, ref.End)
	}
	// Output:
	// heading 0:19 "Rivers of the plain"
	// body 20:194 "The plain is drained by three "
	// page break at byte 140
	// footnote 1 at 193:194
}
