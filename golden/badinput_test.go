package golden_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/quotations"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/batch"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/golden"
	"github.com/gloss-nlp/gloss/internal/textgen"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

func standard(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	p, err := annotators.New(annotators.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// annotateChecked runs the standard pipeline over text and returns its
// output parsed back, after checking it against the schema and the text.
func annotateChecked(t testing.TB, p *pipeline.Pipeline, text string) *jsondoc.Document {
	t.Helper()
	b, err := batch.Encode(context.Background(), p, corpus.Item{ID: "bad", Source: "bad", Text: text}, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := golden.Validate(b); err != nil {
		t.Fatal(err)
	}
	d, err := jsondoc.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := golden.CheckText(d, text); err != nil {
		t.Fatal(err)
	}
	return d
}

// spans prints a layer of a document of text compactly: start:end "text".
func spans(d *jsondoc.Document, text, layer string) []string {
	l := d.Layer(layer)
	if l == nil {
		return []string{"no layer " + layer}
	}
	out := []string{}
	for _, sp := range l.Spans {
		out = append(out, fmt.Sprintf("%d:%d %q", sp.Start, sp.End, text[sp.Start:sp.End]))
	}
	return out
}

// none is the expectation for a layer that must be empty.
var none = []string{}

// TestBadInput checks that odd but valid text gets a sane result with right
// offsets. Only the layers named in want are compared, each exactly.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string][]string
	}{
		{"byte-order mark", "\ufeffOn 15 June 2001 we met in Geneva.", map[string][]string{
			"paragraphs": {`3:36 "On 15 June 2001 we met in Geneva."`},
			"tokens": {`3:5 "On"`, `6:8 "15"`, `9:13 "June"`, `14:18 "2001"`, `19:21 "we"`, `22:25 "met"`,
				`26:28 "in"`, `29:35 "Geneva"`, `35:36 "."`},
			"dates":    {`6:18 "15 June 2001"`},
			"entities": {`29:35 "Geneva"`},
		}},
		{"CRLF", "First line of text\r\nand the second line.\r\n\r\nNew paragraph on 15 June 2001.\r\n", map[string][]string{
			"paragraphs": {`0:40 "First line of text\r\nand the second line."`, `44:74 "New paragraph on 15 June 2001."`},
			"sentences":  {`0:40 "First line of text\r\nand the second line."`, `44:74 "New paragraph on 15 June 2001."`},
			"dates":      {`61:73 "15 June 2001"`},
		}},
		{"CR only", "First line of text\rand the second line.\r\rNew paragraph on 15 June 2001.\r", map[string][]string{
			"paragraphs": {`0:39 "First line of text\rand the second line."`, `41:71 "New paragraph on 15 June 2001."`},
			"sentences":  {`0:39 "First line of text\rand the second line."`, `41:71 "New paragraph on 15 June 2001."`},
			"dates":      {`58:70 "15 June 2001"`},
		}},
		{"empty", "", map[string][]string{
			"paragraphs": none, "sentences": none, "tokens": none, "entities": none, "dates": none,
			"quotations": none, "enumerations": none, "quantities": none,
		}},
		{"whitespace", " \n\t \n\n   \r\n \v\f\n", map[string][]string{
			"paragraphs": none, "sentences": none, "tokens": none, "entities": none,
		}},
		{"punctuation", `?!.,;:—–-…()[]{}"`, map[string][]string{
			"sentences": {`0:23 "?!.,;:—–-…()[]{}\""`},
			"tokens": {`0:1 "?"`, `1:2 "!"`, `2:3 "."`, `3:4 ","`, `4:5 ";"`, `5:6 ":"`, `6:9 "—"`, `9:12 "–"`,
				`12:13 "-"`, `13:16 "…"`, `16:17 "("`, `17:18 ")"`, `18:19 "["`, `19:20 "]"`, `20:21 "{"`,
				`21:22 "}"`, `22:23 "\""`},
			"entities": none, "dates": none, "quotations": none, "enumerations": none, "quantities": none,
		}},
		{"mixed scripts", "The delegates from Москва, 北京 and القاهرة met in Paris.", map[string][]string{
			"tokens": {`0:3 "The"`, `4:13 "delegates"`, `14:18 "from"`, `19:31 "Москва"`, `31:32 ","`, `33:39 "北京"`,
				`40:43 "and"`, `44:58 "القاهرة"`, `59:62 "met"`, `63:65 "in"`, `66:71 "Paris"`, `71:72 "."`},
			"entities": {`66:71 "Paris"`},
		}},
		// Markers that repeat instead of counting up are not lists.
		{"repeated a.", strings.Repeat("a. ", 10000), map[string][]string{"enumerations": none}},
		{"repeated (1)", strings.Repeat("(1) ", 10000), map[string][]string{"enumerations": none}},
		{"repeated a. lines", strings.Repeat("a. item;\n", 10000), map[string][]string{"enumerations": none}},
		{"repeated First,", strings.Repeat("First, ", 10000), map[string][]string{"enumerations": none}},
	}
	p := standard(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotateChecked(t, p, tt.in)
			for layer, want := range tt.want {
				if got := spans(d, tt.in, layer); !slices.Equal(got, want) {
					t.Errorf("%s: got %s, want %s", layer, abbrev(got), abbrev(want))
				}
			}
		})
	}
}

// abbrev shortens a long span list for failure messages.
func abbrev(s []string) string {
	out := fmt.Sprintf("%q", s)
	if len(out) > 2000 {
		out = fmt.Sprintf("%d spans: %.2000s…", len(s), out)
	}
	return out
}

// TestRefused checks that text gloss cannot annotate is refused with an
// *pipeline.InputError that says where and why.
func TestRefused(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
	}{
		{"Latin-1", "caf\xe9 au lait", "src: byte 3: invalid UTF-8"},
		{"truncated rune", "end \xe2\x80", "src: byte 4: invalid UTF-8"},
		{"overlong", "\xc0\xaf", "src: byte 0: invalid UTF-8"},
		{"surrogate", "a\xed\xa0\x80", "src: byte 1: invalid UTF-8"},
		{"NUL", "text\x00more", "src: byte 4: NUL byte: binary data, not text"},
		{"zip header", "PK\x03\x04\x00\x00", "src: byte 4: NUL byte: binary data, not text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pipeline.NewDocument("id", "src", tt.in)
			var ie *pipeline.InputError
			if !errors.As(err, &ie) || err.Error() != tt.want {
				t.Errorf("got %v, want an *InputError %q", err, tt.want)
			}
		})
	}
}

// annotateHuge runs the standard pipeline over a large text. The
// pipeline checks every layer against the text (bounds, order, text); the
// JSON round trip of annotateChecked is left to smaller inputs, as reading
// back a million spans takes longer than annotating them.
func annotateHuge(t *testing.T, text string) *pipeline.Document {
	t.Helper()
	doc, err := pipeline.NewDocument("huge", "huge", text)
	if err != nil {
		t.Fatal(err)
	}
	if err := standard(t).Annotate(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestMillionQuotes annotates 1,000,000 opening quotation marks: one
// paragraph, a token per mark, and no quotation, since none is closed.
func TestMillionQuotes(t *testing.T) {
	text := strings.Repeat("“", 1_000_000)
	doc := annotateHuge(t, text)
	if got := layout.Paragraphs.Get(doc); len(got) != 1 || got[0].Start != 0 || got[0].End != len(text) {
		t.Errorf("paragraphs: got %v, want [0:%d]", got, len(text))
	}
	if got := tokens.Layer.Get(doc); len(got) != 1_000_000 || got[999_999].Text != "“" {
		t.Errorf("got %d tokens, want 1000000 “", len(got))
	}
	if got := quotations.Layer.Get(doc); len(got) != 0 {
		t.Errorf("got %d quotations, want none: %v", len(got), got[0])
	}
}

// oneLine returns generated prose of size bytes with no line breaks.
func oneLine(size int) string {
	return strings.ToValidUTF8(strings.ReplaceAll(textgen.Document(7, size), "\n", " ")[:size], "")
}

// TestLongLine annotates a single 5 MB line: one paragraph, split into
// sentences. BenchmarkLongLine measures the 50 MB case, which takes minutes
// and would slow every go test run.
func TestLongLine(t *testing.T) {
	text := strings.TrimSpace(oneLine(5 << 20))
	doc := annotateHuge(t, text)
	if got := layout.Paragraphs.Get(doc); len(got) != 1 || got[0].Start != 0 || got[0].End != len(text) {
		t.Errorf("paragraphs: got %v, want [0:%d]", got, len(text))
	}
	if n := len(sentences.Layer.Get(doc)); n < 10000 {
		t.Errorf("got %d sentences in 5 MB of prose, want many", n)
	}
}

// BenchmarkLongLine annotates one line of 50 MB with the standard
// pipeline.
func BenchmarkLongLine(b *testing.B) {
	text := oneLine(50 << 20)
	p := standard(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		doc, err := pipeline.NewDocument("line", "line", text)
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Annotate(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
