package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// A Document is one input text and the layers annotators have added to it.
type Document struct {
	ID     string // stable identifier, e.g. a path relative to the corpus root
	Source string // where the text came from, for people reading the output
	Text   string

	layers map[string]stored // by layer name
	order  []string          // layer names in the order they were first set
	stages []Stage           // annotators that ran, in order
}

// A Stage names an annotator that ran over a document, as recorded in the
// output.
type Stage struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// An InputError reports text that gloss cannot annotate.
type InputError struct {
	Source string
	Offset int // byte offset of the problem, or -1
	Reason string
}

func (e *InputError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s: byte %d: %s", e.Source, e.Offset, e.Reason)
	}
	return fmt.Sprintf("%s: %s", e.Source, e.Reason)
}

// NewDocument returns a document for text, or an *InputError if the text is
// not valid UTF-8 or contains a NUL byte (binary data, not text).
func NewDocument(id, source, text string) (*Document, error) {
	if off := invalidUTF8(text); off >= 0 {
		return nil, &InputError{Source: source, Offset: off, Reason: "invalid UTF-8"}
	}
	if off := strings.IndexByte(text, 0); off >= 0 {
		return nil, &InputError{Source: source, Offset: off, Reason: "NUL byte: binary data, not text"}
	}
	return &Document{ID: id, Source: source, Text: text}, nil
}

// invalidUTF8 returns the byte offset of the first invalid UTF-8 sequence in
// s, or -1 if there is none.
func invalidUTF8(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// SHA256 returns the hex SHA-256 digest of the document's text.
func (doc *Document) SHA256() string {
	sum := sha256.Sum256([]byte(doc.Text))
	return hex.EncodeToString(sum[:])
}

// TextSpan returns the TextSpan for [start, end) of the document's text.
func (doc *Document) TextSpan(start, end int) TextSpan {
	return TextSpan{Span{start, end}, doc.Text[start:end]}
}

// Has reports whether the document has a layer named name.
func (doc *Document) Has(name string) bool {
	_, ok := doc.layers[name]
	return ok
}

// LayerNames returns the names of the document's layers in the order they
// were added.
func (doc *Document) LayerNames() []string {
	return append([]string(nil), doc.order...)
}

// Stages returns the annotators that have run over the document.
func (doc *Document) Stages() []Stage {
	return append([]Stage(nil), doc.stages...)
}

// stored is a layer's slice ([]T for the layer's T) with the operations the
// document needs on it, made where T is known so that they neither box
// each annotation in an interface nor reflect on it more than once.
type stored struct {
	items     any
	check     func(text string) error             // see checkSpans
	writeJSON func(e *encoder, pretty bool) error // see writeArray
}

func (doc *Document) setLayer(name string, items stored) {
	if doc.layers == nil {
		doc.layers = make(map[string]stored)
	}
	if _, ok := doc.layers[name]; !ok {
		doc.order = append(doc.order, name)
	}
	doc.layers[name] = items
}
