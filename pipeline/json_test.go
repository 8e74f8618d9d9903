package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// number prints itself, as annotators' numeric values do.
type number float64

func (n number) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, float64(n), 'f', -1, 64), nil
}

// odd has a field of every kind annotation types use.
type odd struct {
	TextSpan
	Label string   `json:"label"`
	Mod   string   `json:"mod,omitempty"`
	N     int      `json:"n,omitempty"`
	Flag  bool     `json:"flag,omitempty"`
	Inner *Span    `json:"inner,omitempty"`
	List  []Span   `json:"list"`
	Value any      `json:"value"`
	Pair  [2]any   `json:"pair"`
	Tags  []string `json:"tags,omitempty"`
}

// TestWriteJSONAsEncodingJSON checks that each annotation is written as
// encoding/json (with HTML escaping off) writes it, for strings that need
// escaping and for every kind of field.
func TestWriteJSONAsEncodingJSON(t *testing.T) {
	text := "a\"b\\c\td\u2028e\u2029f<g>&h\x01i\x7fj é 😀 \ufffd"
	var items []odd
	for i := 0; i < len(text); i++ {
		for j := i; j <= len(text) && j <= i+8; j++ {
			if !boundary(text, i) || !boundary(text, j) {
				continue
			}
			o := odd{TextSpan: TextSpan{Span{i, j}, text[i:j]}, Label: text[i:j], List: []Span{}}
			switch (i + j) % 5 {
			case 0:
				o.Mod, o.N, o.Flag = "APPROX", -j, true
				o.Value = number(float64(i) / 7)
			case 1:
				o.Inner = &Span{i, j}
				o.Value = [2]number{1e21, 0.000001}
			case 2:
				o.List = []Span{{1, 2}, {3, 4}}
				o.Value = "x" + text[i:j]
				o.Tags = []string{text[i:j], ""}
			case 3:
				o.Value = []any{nil, 1e-7, 1e21, 123456789.0, float64(i) / 3, float32(0.1)}
				o.Pair = [2]any{number(-0.5), 12345678901234}
			case 4:
				o.Value = map[string]int{"z": 1, "a": 2, "<": 3}
			}
			items = append(items, o)
		}
	}
	layer := NewLayer[odd]("odd")
	p, err := New(fake{name: "odd", provides: []string{"odd"}, run: func(doc *Document) error {
		layer.Set(doc, items)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := NewDocument("d", "d", text)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := doc.WriteJSON(&out, true); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	var got []string
	for _, l := range lines {
		if strings.HasPrefix(l, "   {") {
			got = append(got, strings.TrimSuffix(strings.TrimPrefix(l, "   "), ","))
		}
	}
	if len(got) != len(items) {
		t.Fatalf("got %d annotation lines, want %d:\n%s", len(got), len(items), out.String())
	}
	for i, o := range layer.Get(doc) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(o); err != nil {
			t.Fatal(err)
		}
		if w := strings.TrimSuffix(want.String(), "\n"); got[i] != w {
			t.Errorf("annotation %d:\ngot  %s\nwant %s", i, got[i], w)
		}
	}
	var compact, want bytes.Buffer
	if err := doc.WriteJSON(&compact, false); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&want, out.Bytes()); err != nil {
		t.Fatalf("pretty output is not valid JSON: %v", err)
	}
	if compact.String() != want.String()+"\n" {
		t.Errorf("compact output is not the pretty output compacted:\n%s\n%s", compact.String(), want.String())
	}
}

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestWriteJSONInPieces checks that a large document is written in pieces
// that add up to the whole, and that a failing writer's error comes back.
func TestWriteJSONInPieces(t *testing.T) {
	text := strings.Repeat("word ", 40000)
	var spans []TextSpan
	for i := 0; i < len(text); i += 5 {
		spans = append(spans, TextSpan{Span{i, i + 4}, "word"})
	}
	layer := NewLayer[TextSpan]("words")
	doc, err := NewDocument("d", "d", text)
	if err != nil {
		t.Fatal(err)
	}
	layer.Set(doc, spans)
	for _, pretty := range []bool{false, true} {
		var whole bytes.Buffer
		if err := doc.WriteJSON(&whole, pretty); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(whole.String(), `"text":"word"`); n != len(spans) {
			t.Errorf("pretty=%v: %d spans written, want %d", pretty, n, len(spans))
		}
		if !json.Valid(whole.Bytes()) {
			t.Errorf("pretty=%v: output is not valid JSON", pretty)
		}
		if err := doc.WriteJSON(&failWriter{n: whole.Len() / 2}, pretty); !errors.Is(err, errFull) {
			t.Errorf("pretty=%v: writing to a full disk: got error %v, want %v", pretty, err, errFull)
		}
	}
}
