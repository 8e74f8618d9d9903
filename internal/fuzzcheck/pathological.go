package fuzzcheck

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/internal/textgen"
	"github.com/gloss-nlp/gloss/pipeline"
)

// A Shape is a pathological input: the text unit it repeats, or a
// generator for inputs that are not a simple repetition.
type Shape struct {
	Name string
	Unit string                // repeated to the wanted size
	Gen  func(size int) string // used when Unit is empty
}

// Text returns the shape's input of about size bytes, cut on a rune
// boundary.
func (s Shape) Text(size int) string {
	if s.Gen != nil {
		return s.Gen(size)
	}
	t := strings.Repeat(s.Unit, size/len(s.Unit)+1)
	return strings.ToValidUTF8(t[:size], "")
}

// Shapes are inputs that tend to make text processing superlinear:
// unmatched openers, endless lists, one huge line or word, runs of
// capitals, abbreviations and numbers, and no structure at all.
var Shapes = []Shape{
	{Name: "prose", Gen: func(n int) string { return textgen.Document(1, n) }},
	{Name: "one-line", Gen: func(n int) string { return strings.ReplaceAll(textgen.Document(2, n), "\n", " ") }},
	{Name: "one-word", Unit: "a"},
	{Name: "curly-quotes", Unit: "“"},
	{Name: "straight-quotes", Unit: `"`},
	{Name: "quote-words", Unit: "‘a “b "},
	{Name: "parens", Unit: "("},
	{Name: "punctuation", Unit: ".,;:!?—()[]"},
	{Name: "list-letters", Unit: "a. "},
	{Name: "list-numbers", Unit: "(1) "},
	{Name: "list-lines", Unit: "a. item;\n"},
	{Name: "first-first", Unit: "First, "},
	{Name: "capitals", Unit: "The United Nations Security Council of "},
	{Name: "abbreviations", Unit: "U.S. Dr. e.g. "},
	{Name: "acronym-defs", Unit: "World Trade Organization (WTO) "},
	{Name: "numbers", Unit: "1,000.5 "},
	{Name: "dates", Unit: "1 June 2001, "},
	{Name: "newlines", Unit: "\n"},
	{Name: "short-lines", Unit: "a\n"},
	{Name: "page-breaks", Unit: "\n a.1\n"},
	{Name: "spaces", Unit: " "},
	{Name: "mixed-scripts", Unit: "Москва 北京 القاهرة and "},
}

// Sizes are the input sizes of the pathological benchmarks, in bytes.
var Sizes = []int{10_000, 100_000, 1_000_000}

// Pathological benchmarks the target's last stage alone on each shape at
// each size, reporting ns/byte: for a linear stage it stays flat as the
// size grows. The stages before it run once, outside the timing.
func (tg Target) Pathological(b *testing.B, shapes ...Shape) {
	if len(shapes) == 0 {
		shapes = Shapes
	}
	ctx := context.Background()
	last := tg.Stages[len(tg.Stages)-1]
	for _, sh := range shapes {
		for _, size := range Sizes {
			b.Run(fmt.Sprintf("%s/%dKB", sh.Name, size/1000), func(b *testing.B) {
				text := sh.Text(size)
				doc, err := pipeline.NewDocument("bench", "bench", text)
				if err != nil {
					b.Fatal(err)
				}
				for _, a := range tg.Stages[:len(tg.Stages)-1] {
					if err := a.Annotate(ctx, doc); err != nil {
						b.Fatal(err)
					}
				}
				b.SetBytes(int64(len(text)))
				b.ResetTimer()
				for b.Loop() {
					if err := last.Annotate(ctx, doc); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/byte")
			})
		}
	}
}
