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
// same input and stages. It is written in pieces of about 64 KB, so
// memory stays bounded however large the document; on an error, part of
// it may have been written.
func (doc *Document) WriteJSON(w io.Writer, pretty bool) error {
	e := encoders.Get().(*encoder)
	defer e.release()
	e.w = w
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
	e.write(`{"schema":"` + Schema + `",` + nl + ind + `"doc":`)
	if err := e.value(&header); err != nil {
		return err
	}
	e.write("," + nl + ind + `"annotators":`)
	if err := e.value(&stages); err != nil {
		return err
	}
	e.write("," + nl + ind + `"layers":{`)
	for i, name := range doc.order {
		if i > 0 {
			e.write(",")
		}
		e.write(nl + ind + ind)
		if err := e.value(&name); err != nil {
			return err
		}
		e.write(":")
		if err := doc.layers[name].writeJSON(e, pretty); err != nil {
			return err
		}
	}
	if len(doc.order) > 0 {
		e.write(nl + ind)
	}
	e.write("}}\n")
	return e.flush()
}

// An encoder writes JSON to w through a buffer of its own. Encoders are
// pooled, so that a batch reuses their buffers from one document to the
// next.
type encoder struct {
	w   io.Writer
	out []byte        // output not yet written to w
	val bytes.Buffer  // the last value enc encoded
	enc *json.Encoder // encodes into val
}

var encoders = sync.Pool{New: func() any {
	e := new(encoder)
	e.enc = json.NewEncoder(&e.val)
	// Text fields read as the document does, with <, > and & as they are.
	e.enc.SetEscapeHTML(false)
	return e
}}

const (
	// flushAt is how much output the encoder gathers before writing it.
	flushAt = 64 << 10
	// chunk is how many annotations of a compact layer are encoded in one
	// call: enough to spread the call's set-up, few enough to keep val
	// small.
	chunk = 256
	// maxPooled bounds the memory an idle pooled encoder keeps.
	maxPooled = 1 << 20
)

func (e *encoder) release() {
	e.w = nil
	if cap(e.out) > maxPooled || e.val.Cap() > maxPooled {
		return
	}
	e.out = e.out[:0]
	e.val.Reset()
	encoders.Put(e)
}

func (e *encoder) write(s string) { e.out = append(e.out, s...) }

// value writes the compact JSON of the value v points to. Passing a
// pointer keeps a struct from being copied into an interface.
func (e *encoder) value(v any) error {
	b, err := e.encode(v)
	if err != nil {
		return err
	}
	e.out = append(e.out, b...)
	return e.flushFull()
}

// encode returns the compact JSON of v, valid until the next call.
func (e *encoder) encode(v any) ([]byte, error) {
	e.val.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	b := e.val.Bytes()
	return b[:len(b)-1], nil // Encode's trailing newline
}

// flushFull writes the output gathered so far once there is enough of it.
func (e *encoder) flushFull() error {
	if len(e.out) < flushAt {
		return nil
	}
	return e.flush()
}

func (e *encoder) flush() error {
	_, err := e.w.Write(e.out)
	e.out = e.out[:0]
	return err
}

// writeArray writes the JSON array of items: compact, a chunk of items
// to a call, or pretty, each item on a line of its own.
func writeArray[T any](e *encoder, items []T, pretty bool) error {
	e.write("[")
	if pretty {
		for i := range items {
			if i > 0 {
				e.write(",")
			}
			e.write("\n" + indent + indent + indent)
			if err := e.value(&items[i]); err != nil {
				return err
			}
		}
		if len(items) > 0 {
			e.write("\n" + indent + indent)
		}
	} else {
		for i := 0; i < len(items); i += chunk {
			part := items[i:min(i+chunk, len(items))]
			b, err := e.encode(&part)
			if err != nil {
				return err
			}
			if i > 0 {
				e.write(",")
			}
			e.out = append(e.out, b[1:len(b)-1]...) // without the chunk's [ ]
			if err := e.flushFull(); err != nil {
				return err
			}
		}
	}
	e.write("]")
	return nil
}
