package annotators_test

import (
	"context"
	"fmt"
	"os"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/annotators/dates"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Annotate a string with the standard pipeline and read one layer.
func Example() {
	p, err := annotators.New(annotators.Options{DCT: "2006-06-15"})
	if err != nil {
		panic(err)
	}
	doc, err := pipeline.NewDocument("note", "inline", "The summit opened last year, on 15 June 2005.")
	if err != nil {
		panic(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, d := range dates.Layer.Get(doc) {
		fmt.Printf("%q %s %s\n", d.Text, d.Type, d.Value)
	}
	// Output:
	// "last year" DATE 2005
	// "15 June 2005" DATE 2005-06-15
}

// Run only the stages one layer needs.
func Example_select() {
	p, _ := annotators.New(annotators.Options{})
	p, err := p.Select("sentences")
	if err != nil {
		panic(err)
	}
	doc, _ := pipeline.NewDocument("d", "inline", "Heading\nThe first sentence. The second one.\n")
	p.Annotate(context.Background(), doc)
	for _, s := range sentences.Layer.Get(doc) {
		fmt.Printf("%q\n", doc.Text[s.Start:s.End])
	}
	for _, st := range doc.Stages() {
		fmt.Println(st.Name)
	}
	// Output:
	// "Heading"
	// "The first sentence."
	// "The second one."
	// layout
	// sentences
}

// shouting is a new annotator: it marks words written in capitals. It
// needs nothing but the text, and provides one layer.
type shouting struct{}

var shouts = pipeline.NewLayer[pipeline.TextSpan]("shouts")

func (shouting) Name() string       { return "shouting" }
func (shouting) Version() string    { return "1" }
func (shouting) Requires() []string { return []string{layout.Paragraphs.Name()} }
func (shouting) Provides() []string { return []string{shouts.Name()} }
func (shouting) Annotate(ctx context.Context, doc *pipeline.Document) error {
	var out []pipeline.TextSpan
	start := -1
	for i := 0; i <= len(doc.Text); i++ {
		upper := i < len(doc.Text) && doc.Text[i] >= 'A' && doc.Text[i] <= 'Z'
		switch {
		case upper && start < 0:
			start = i
		case !upper && start >= 0:
			if i-start > 1 {
				out = append(out, doc.TextSpan(start, i))
			}
			start = -1
		}
	}
	shouts.Set(doc, out)
	return nil
}

// Write a new annotator and run it after a standard one.
func Example_newAnnotator() {
	p, err := pipeline.New(layout.Annotator{}, shouting{})
	if err != nil {
		panic(err)
	}
	doc, _ := pipeline.NewDocument("d", "inline", "Do NOT panic, said the UN.")
	p.Annotate(context.Background(), doc)
	doc.WriteJSON(os.Stdout, false)
	// Output:
	// {"schema":"gloss/v1","doc":{"id":"d","source":"inline","sha256":"f9460667dd4a9b354951991113ec5c0e3c61c2895033ba0d3a2507f77c0c66d5","bytes":26},"annotators":[{"name":"layout","version":"1.0.0"},{"name":"shouting","version":"1"}],"layers":{"paragraphs":[{"start":0,"end":26,"kind":"body"}],"page_breaks":[],"footnote_refs":[],"shouts":[{"start":3,"end":6,"text":"NOT"},{"start":23,"end":25,"text":"UN"}]}}
}
