// Package jsondoc reads gloss/v1 documents back without knowing the
// annotators that wrote them: each layer is a list of spans with their
// other fields kept as raw JSON, in the order they were written. The
// semantic diff, the summary tables and the exporters work on this form.
package jsondoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/gloss-nlp/gloss/pipeline"
)

// A Document is a parsed gloss/v1 document.
type Document struct {
	Schema     string
	Doc        Header
	Annotators []pipeline.Stage
	Layers     []Layer
}

// A Header identifies the annotated text.
type Header struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
}

// A Layer is one named layer.
type Layer struct {
	Name  string
	Spans []Span
}

// A Span is one annotation: its byte range, its text if it has one, and
// its other fields in written order.
type Span struct {
	pipeline.Span
	Text    string
	HasText bool
	Attrs   []Attr
}

// An Attr is one field of an annotation with its compact JSON value.
type Attr struct {
	Key   string
	Value string
}

// Attr returns the compact JSON value of the named field, or "".
func (sp Span) Attr(key string) string {
	for _, a := range sp.Attrs {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// String returns the unquoted value of a string field, or the raw JSON of
// any other field.
func (sp Span) String(key string) string {
	v := sp.Attr(key)
	if s, err := strconv.Unquote(v); err == nil && len(v) > 0 && v[0] == '"' {
		return s
	}
	var s string
	if json.Unmarshal([]byte(v), &s) == nil {
		return s
	}
	return v
}

// Layer returns the named layer, or nil.
func (d *Document) Layer(name string) *Layer {
	for i := range d.Layers {
		if d.Layers[i].Name == name {
			return &d.Layers[i]
		}
	}
	return nil
}

// MaxBytes bounds the input Read accepts, so that a hostile file cannot
// exhaust memory.
const MaxBytes = 1 << 30

// Read parses a gloss/v1 document from r.
func Read(r io.Reader) (*Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("document larger than %d bytes", MaxBytes)
	}
	return Parse(data)
}

// Parse parses a gloss/v1 document. It rejects duplicate keys, spans that
// are not integer ranges, and anything that is not a single JSON object.
func Parse(data []byte) (*Document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var d Document
	seen := make(map[string]bool)
	err := object(dec, func(key string) error {
		if seen[key] {
			return fmt.Errorf("duplicate key %q", key)
		}
		seen[key] = true
		switch key {
		case "schema":
			return dec.Decode(&d.Schema)
		case "doc":
			return dec.Decode(&d.Doc)
		case "annotators":
			return dec.Decode(&d.Annotators)
		case "layers":
			return layers(dec, &d)
		}
		var skip json.RawMessage
		return dec.Decode(&skip)
	})
	if err != nil {
		return nil, fmt.Errorf("gloss/v1: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("gloss/v1: data after the document")
	}
	if d.Schema != pipeline.Schema {
		return nil, fmt.Errorf("gloss/v1: schema is %q, want %q", d.Schema, pipeline.Schema)
	}
	return &d, nil
}

// object reads one JSON object from dec, calling field for each key with the
// decoder positioned at its value.
func object(dec *json.Decoder, field func(key string) error) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("at offset %d: want an object", dec.InputOffset())
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if err := field(tok.(string)); err != nil {
			return err
		}
	}
	_, err = dec.Token() // }
	return err
}

func layers(dec *json.Decoder, d *Document) error {
	seen := make(map[string]bool)
	return object(dec, func(name string) error {
		if seen[name] {
			return fmt.Errorf("duplicate layer %q", name)
		}
		seen[name] = true
		var raw []json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("layer %s: %w", name, err)
		}
		l := Layer{Name: name, Spans: make([]Span, 0, len(raw))}
		for i, r := range raw {
			sp, err := span(r)
			if err != nil {
				return fmt.Errorf("layer %s, span %d: %w", name, i, err)
			}
			l.Spans = append(l.Spans, sp)
		}
		d.Layers = append(d.Layers, l)
		return nil
	})
}

func span(raw json.RawMessage) (Span, error) {
	var sp Span
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var hasStart, hasEnd bool
	seen := make(map[string]bool)
	err := object(dec, func(key string) error {
		if seen[key] {
			return fmt.Errorf("duplicate key %q", key)
		}
		seen[key] = true
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return err
		}
		switch key {
		case "start", "end":
			n, err := strconv.Atoi(string(val))
			if err != nil || n < 0 {
				return fmt.Errorf("%s is %s, want a non-negative integer", key, val)
			}
			if key == "start" {
				sp.Start, hasStart = n, true
			} else {
				sp.End, hasEnd = n, true
			}
		case "text":
			sp.HasText = true
			return json.Unmarshal(val, &sp.Text)
		default:
			var b bytes.Buffer
			if err := json.Compact(&b, val); err != nil {
				return err
			}
			sp.Attrs = append(sp.Attrs, Attr{key, b.String()})
		}
		return nil
	})
	if err == nil && (!hasStart || !hasEnd) {
		err = errors.New("missing start or end")
	}
	if err == nil && sp.End < sp.Start {
		err = fmt.Errorf("end %d before start %d", sp.End, sp.Start)
	}
	return sp, err
}
