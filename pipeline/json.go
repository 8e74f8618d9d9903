package pipeline

import (
	"bytes"
	"encoding/json"
	"io"
)

// Schema is the identifier of the JSON format WriteJSON produces.
const Schema = "gloss/v1"

// WriteJSON writes the document in the gloss/v1 format: its identity, the
// stages that ran, and its layers in the order they were added. With pretty
// set, each annotation is on a line of its own, which keeps diffs of golden
// files readable; otherwise the document is one line, for JSON Lines.
// The output is a function of the document alone: byte-identical for the
// same input and stages.
func (doc *Document) WriteJSON(w io.Writer, pretty bool) error {
	var b bytes.Buffer
	nl, ind := "", ""
	if pretty {
		nl, ind = "\n", " "
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
	b.WriteString(`{"schema":"` + Schema + `",` + nl + ind + `"doc":`)
	if err := encode(&b, header); err != nil {
		return err
	}
	b.WriteString("," + nl + ind + `"annotators":`)
	if err := encode(&b, stages); err != nil {
		return err
	}
	b.WriteString("," + nl + ind + `"layers":{`)
	for i, name := range doc.order {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(nl + ind + ind)
		if err := encode(&b, name); err != nil {
			return err
		}
		b.WriteString(":[")
		n := 0
		for a := range doc.layers[name].all {
			if n > 0 {
				b.WriteByte(',')
			}
			b.WriteString(nl + ind + ind + ind)
			if err := encode(&b, a); err != nil {
				return err
			}
			n++
		}
		if n > 0 {
			b.WriteString(nl + ind + ind)
		}
		b.WriteByte(']')
	}
	if len(doc.order) > 0 {
		b.WriteString(nl + ind)
	}
	b.WriteString("}}\n")
	_, err := w.Write(b.Bytes())
	return err
}

// encode appends the compact JSON of v, without escaping <, > and & so that
// the text fields read as the document does.
func encode(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode's trailing newline
	return nil
}
