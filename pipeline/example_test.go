package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/gloss-nlp/gloss/pipeline"
)

// A Word is one annotation of the example's layer: a span with its text.
type Word struct {
	pipeline.TextSpan
	Upper bool `json:"upper,omitempty"`
}

var words = pipeline.NewLayer[Word]("words")

// wordsAnnotator splits the text at spaces.
type wordsAnnotator struct{}

func (wordsAnnotator) Name() string       { return "words" }
func (wordsAnnotator) Version() string    { return "1" }
func (wordsAnnotator) Requires() []string { return nil }
func (wordsAnnotator) Provides() []string { return []string{words.Name()} }
func (wordsAnnotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	var out []Word
	start := 0
	for _, f := range strings.SplitAfter(doc.Text, " ") {
		w := strings.TrimSpace(f)
		out = append(out, Word{doc.TextSpan(start, start+len(w)), w == strings.ToUpper(w)})
		start += len(f)
	}
	words.Set(doc, out)
	return nil
}

// Build a pipeline from an annotator, run it, and read its layer both as
// Go values and as gloss/v1 JSON.
func Example() {
	p, err := pipeline.New(wordsAnnotator{})
	if err != nil {
		panic(err)
	}
	doc, err := pipeline.NewDocument("d", "inline", "Olá NATO")
	if err != nil {
		panic(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, w := range words.Get(doc) {
		fmt.Println(w.Start, w.End, w.Text, w.Upper)
	}
	doc.WriteJSON(os.Stdout, false)
	// Output:
	// 0 4 Olá false
	// 5 9 NATO true
	// {"schema":"gloss/v1","doc":{"id":"d","source":"inline","sha256":"86adc6865f740686dfb390c0785bec9fffd8ef1d48fb8725fcc1200339273eec","bytes":9},"annotators":[{"name":"words","version":"1"}],"layers":{"words":[{"start":0,"end":4,"text":"Olá"},{"start":5,"end":9,"text":"NATO","upper":true}]}}
}

// A pipeline refuses a stage whose required layer no earlier stage
// provides.
func ExampleNew() {
	_, err := pipeline.New(needsTokens{})
	fmt.Println(err)
	// Output:
	// pipeline: stage counter requires layer "tokens", which no earlier stage provides
}

type needsTokens struct{ wordsAnnotator }

func (needsTokens) Name() string       { return "counter" }
func (needsTokens) Requires() []string { return []string{"tokens"} }
