// Package pipelinetest helps annotator tests: it runs stages over a string
// and prints a layer in the compact one-line-per-span form used by table
// tests and testdata files:
//
//	16:35 "‘Shanghai Five’" kind=scare
//
// that is, start:end, the covered text quoted, then every other field of
// the annotation as key=value in JSON field order (nested objects and lists
// as compact JSON).
package pipelinetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/pipeline"
)

// Annotate runs the stages over text and returns the document, failing the
// test on any error.
func Annotate(t testing.TB, text string, stages ...pipeline.Annotator) *pipeline.Document {
	t.Helper()
	p, err := pipeline.New(stages...)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pipeline.NewDocument("test", "test", text)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// Lines formats every annotation of a layer, one per line.
func Lines[T pipeline.Annotation](doc *pipeline.Document, layer pipeline.Layer[T]) []string {
	items := layer.Get(doc)
	out := make([]string, len(items))
	for i, a := range items {
		out[i] = Line(doc, a)
	}
	return out
}

// Line formats one annotation: start:end "text" key=value….
func Line(doc *pipeline.Document, a pipeline.Annotation) string {
	sp := a.Bounds()
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d %s", sp.Start, sp.End, strconv.Quote(doc.Text[sp.Start:sp.End]))
	data, err := json.Marshal(a)
	if err != nil {
		return b.String() + " !" + err.Error()
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.Token() // {
	for dec.More() {
		key, _ := dec.Token()
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			break
		}
		switch key {
		case "start", "end", "text":
			continue
		}
		v := string(val)
		if s, err := strconv.Unquote(v); err == nil && v[0] == '"' && !strings.ContainsAny(s, " \t\n\"=") && s != "" {
			v = s
		}
		fmt.Fprintf(&b, " %s=%s", key, v)
	}
	return b.String()
}
