// Package fuzzcheck checks the invariants every annotator keeps on any
// input. The fuzz targets of the annotator packages and of the whole
// pipeline share it, so each states only its stages and seeds.
package fuzzcheck

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/golden"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

// A Target is a list of stages to check, the last one being the stage
// under test and the others the ones it requires.
type Target struct {
	Stages []pipeline.Annotator
	// Disjoint names the layers whose spans must never overlap.
	Disjoint []string
}

// Check annotates text with the target's stages and fails t unless:
//
//   - text that is not valid UTF-8 or holds a NUL byte is refused with an
//     *pipeline.InputError, and any other text is accepted;
//   - each stage, called directly (so that a panic is not turned into an
//     error by the pipeline), returns no error and does not panic;
//   - the pipeline finds every layer well formed: spans in bounds, on
//     UTF-8 boundaries, sorted, with text equal to the bytes they cover;
//   - the JSON output validates against the gloss/v1 schema, parses back,
//     agrees with the text (golden.CheckText) and with the direct run;
//   - the Disjoint layers have no overlapping spans;
//   - a second run gives byte-identical output.
func (tg Target) Check(t testing.TB, text string) {
	t.Helper()
	ctx := context.Background()
	doc, err := pipeline.NewDocument("fuzz", "fuzz", text)
	if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
		var ie *pipeline.InputError
		if !errors.As(err, &ie) {
			t.Fatalf("NewDocument(%q): got error %v, want an *pipeline.InputError", text, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("NewDocument(%q): %v", text, err)
	}
	for _, a := range tg.Stages {
		if err := a.Annotate(ctx, doc); err != nil {
			t.Fatalf("%s on %q: %v", a.Name(), text, err)
		}
	}
	direct := parse(t, doc, text)

	p, err := pipeline.New(tg.Stages...)
	if err != nil {
		t.Fatal(err)
	}
	first := annotate(t, p, text)
	if err := golden.Validate(first); err != nil {
		t.Fatalf("output for %q does not validate: %v\n%s", text, err, first)
	}
	d, err := jsondoc.Parse(first)
	if err != nil {
		t.Fatalf("output for %q does not parse back: %v", text, err)
	}
	if err := golden.CheckText(d, text); err != nil {
		t.Fatalf("output for %q: %v", text, err)
	}
	if !reflect.DeepEqual(d.Layers, direct.Layers) {
		t.Fatalf("pipeline and direct runs differ on %q", text)
	}
	for _, l := range d.Layers {
		for i, sp := range l.Spans {
			if !boundary(text, sp.Start) || !boundary(text, sp.End) {
				t.Fatalf("%s[%d]: span %d:%d not on UTF-8 boundaries in %q", l.Name, i, sp.Start, sp.End, text)
			}
		}
	}
	for _, name := range tg.Disjoint {
		l := d.Layer(name)
		if l == nil {
			t.Fatalf("no layer %s", name)
		}
		for i := 1; i < len(l.Spans); i++ {
			if prev, sp := l.Spans[i-1], l.Spans[i]; sp.Start < prev.End {
				t.Fatalf("%s: %d:%d %q overlaps %d:%d %q in %q", name, prev.Start, prev.End, prev.Text, sp.Start, sp.End, sp.Text, text)
			}
		}
	}
	if second := annotate(t, p, text); !bytes.Equal(first, second) {
		t.Fatalf("two runs over %q differ:\n%s\n%s", text, first, second)
	}
}

func annotate(t testing.TB, p *pipeline.Pipeline, text string) []byte {
	t.Helper()
	doc, err := pipeline.NewDocument("fuzz", "fuzz", text)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	var b bytes.Buffer
	if err := doc.WriteJSON(&b, false); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return b.Bytes()
}

func parse(t testing.TB, doc *pipeline.Document, text string) *jsondoc.Document {
	t.Helper()
	var b bytes.Buffer
	if err := doc.WriteJSON(&b, false); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	d, err := jsondoc.Parse(b.Bytes())
	if err != nil {
		t.Fatalf("output for %q does not parse back: %v", text, err)
	}
	return d
}

func boundary(s string, i int) bool {
	return i == len(s) || i < len(s) && utf8.RuneStart(s[i])
}

// Seeds are inputs every fuzz target starts from: ordinary prose, the
// shapes that have broken annotators before, and edge cases of text
// itself. Targets add their own.
var Seeds = []string{
	"",
	" ",
	"\n\n\n",
	"a",
	".",
	"The treaty was signed in Geneva on 15 June 2001.",
	"Dr. Smith paid $3.5 million (about €3 m) for 2,000 acres in 1999–2001.",
	"“Why?” she asked. ‘Because,’ he said, “it’s ‘scare’ quoted.”",
	"The members agreed on the following:\n\n    a. trade;\n    b. security;\n    c. culture.\n",
	"(1) first (2) second (3) third",
	"First, we eat. Second, we sleep. Finally, we go.",
	"the periphery.1 Then more.2\n\n 3 A new page starts here.",
	"THE SHANGHAI COOPERATION ORGANISATION\n\nIntroduction\n\nThe SCO was founded in 2001.",
	"Mr. and Mrs. J. R. R. Tolkien met U.S. Gen. Patton at 5 p.m. on Jan. 3.",
	"The World Health Organization (WHO) said WHO would act.",
	"Last year, next month, the 1990s, the twenty-first century, 3/4/2005.",
	"He ran 10 km/h for 3½ hours — about 40%.",
	"Москва и 北京 and القاهرة are capitals.",
	"\ufeffA byte-order mark starts this line.",
	"Windows line\r\nends here\r\n\r\nAnd a paragraph.\r\n",
	"Old Mac line\rends\r\rhere.",
	"\"\"\"\"\"\"“““““‘‘‘",
	"?!.,;:—–-…()[]{}",
	"a. a. a. a. a. a. a. a.",
	"(1) (1) (1) (1) (1) (1)",
	"First, First, First, First,",
	"e\u0301\u0301 combining marks, 👩‍👩‍👧 emoji, \u200b zero width.",
	"\t\v\f\u00a0\u2028\u2029",
}

// Add adds Seeds, the given extra seeds, and the paragraphs of the
// bundled essay to f.
func Add(f *testing.F, extra ...string) {
	for _, s := range Seeds {
		f.Add(s)
	}
	for _, s := range extra {
		f.Add(s)
	}
	for _, para := range strings.Split(corpus.Essay, "\n\n") {
		f.Add(para)
	}
}
