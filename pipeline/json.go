package pipeline

import (
	"bytes"
	"io"
	"sync"

	json "github.com/goccy/go-json"
)

// Schema is the identifier of the JSON format WriteJSON produces.
const Schema = "gloss/v1"

// indent is one level of indentation in pretty output.
const indent = " "

// WriteJSON writes the document in the gloss/v1 format: its identity, the
// stages that ran, and its layers in the order they were added. With pretty
// set, each annotation is on a line of its own, which keeps diffs of golden
// files readable; otherwise the document is one line, for JSON Lines.
// The output is a function of the document alone: byte-identical for the
// same input and stages.
func (doc *Document) WriteJSON(w io.Writer, pretty bool) error {
	e := encoders.Get().(*encoder)
	defer e.release()
	nl, ind := "", ""
	if pretty {
		nl, ind = "\n", indent
	}
	header := struct {
		ID     string `json:"id"`
		Source string `json:"source"`
		SHA256 string `json:"sha256"`
		Bytes  int    `json:"bytes"`
	}{doc.ID, doc.Source, doc.SHA256(), len(doc.Text)}
	stages := doc.stages
	if stages == nil {
		stages = []Stage{}
	}
	e.buf.WriteString(`{"schema":"` + Schema + `",` + nl + ind + `"doc":`)
	if err := e.encode(&header); err != nil {
		return err
	}
	e.buf.WriteString("," + nl + ind + `"annotators":`)
	if err := e.encode(&stages); err != nil {
		return err
	}
	e.buf.WriteString("," + nl + ind + `"layers":{`)
	for i, name := range doc.order {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.buf.WriteString(nl + ind + ind)
		if err := e.encode(&name); err != nil {
			return err
		}
		e.buf.WriteByte(':')
		if err := doc.layers[name].writeJSON(e, pretty); err != nil {
			return err
		}
	}
	if len(doc.order) > 0 {
		e.buf.WriteString(nl + ind)
	}
	e.buf.WriteString("}}\n")
	_, err := w.Write(e.buf.Bytes())
	return err
}

// An encoder appends compact JSON values to one buffer. Encoders are
// pooled, so that a batch reuses buffers instead of growing new ones for
// every document.
type encoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var encoders = sync.Pool{New: func() any {
	e := new(encoder)
	e.enc = json.NewEncoder(&e.buf)
	// Text fields read as the document does, with <, > and & as they are.
	e.enc.SetEscapeHTML(false)
	return e
}}

// maxPooledBuffer bounds the memory an idle pooled encoder keeps.
const maxPooledBuffer = 4 << 20

func (e *encoder) release() {
	if e.buf.Cap() > maxPooledBuffer {
		return
	}
	e.buf.Reset()
	encoders.Put(e)
}

// writeArray appends the JSON array of items: compact in one call, which
// saves the encoder's set-up per item, or pretty with each item on a line
// of its own.
func writeArray[T any](e *encoder, items []T, pretty bool) error {
	if !pretty {
		return e.encode(&items)
	}
	e.buf.WriteByte('[')
	for i := range items {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.buf.WriteString("\n" + indent + indent + indent)
		if err := e.encode(&items[i]); err != nil {
			return err
		}
	}
	if len(items) > 0 {
		e.buf.WriteString("\n" + indent + indent)
	}
	e.buf.WriteByte(']')
	return nil
}

// encode appends the compact JSON of the value v points to. Passing a
// pointer keeps a struct from being copied into an interface.
func (e *encoder) encode(v any) error {
	if err := e.enc.Encode(v); err != nil {
		return err
	}
	e.buf.Truncate(e.buf.Len() - 1) // Encode's trailing newline
	return nil
}
