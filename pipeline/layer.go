package pipeline

import (
	"fmt"
	"slices"
	"unicode/utf8"
)

// A Layer is a typed handle on one named layer of a document. The annotator
// that provides a layer declares it once:
//
//	var Layer = pipeline.NewLayer[Token]("tokens")
//
// and readers and writers of the layer use that value, so the element type
// is checked by the compiler rather than asserted at run time.
type Layer[T Annotation] struct {
	name string
}

// NewLayer returns the handle for the layer called name.
func NewLayer[T Annotation](name string) Layer[T] {
	return Layer[T]{name: name}
}

// Name returns the layer's name, as used in Requires, Provides and JSON.
func (l Layer[T]) Name() string { return l.name }

// Get returns the layer's annotations, or nil if the document lacks the
// layer. The slice is shared: callers must not modify it.
func (l Layer[T]) Get(doc *Document) []T {
	items, _ := doc.layers[l.name].items.([]T)
	return items
}

// Set stores items as the layer, sorted by start and then by end
// descending, so that an enclosing span precedes the spans it contains.
// Items that start and end together keep the order they were given in.
func (l Layer[T]) Set(doc *Document, items []T) {
	if items == nil {
		items = []T{}
	}
	// Most annotators produce their spans in order; checking is cheaper
	// than sorting.
	if !slices.IsSortedFunc(items, compareSpans[T]) {
		slices.SortStableFunc(items, compareSpans[T])
	}
	doc.setLayer(l.name, stored{
		items:     items,
		check:     func(text string) error { return checkSpans(l.name, text, items) },
		writeJSON: func(e *encoder, pretty bool) error { return writeArray(e, items, pretty) },
	})
}

// compareSpans orders spans by start, then by end descending.
func compareSpans[T Annotation](a, b T) int {
	sa, sb := a.Bounds(), b.Bounds()
	if sa.Start != sb.Start {
		return sa.Start - sb.Start
	}
	return sb.End - sa.End
}

// check reports the first malformed annotation of a layer, as checkSpans
// does, or that the layer was never set.
func check(doc *Document, name string) error {
	layer, ok := doc.layers[name]
	if !ok {
		return fmt.Errorf("layer %s was not set", name)
	}
	return layer.check(doc.Text)
}

// checkSpans reports the first malformed annotation of a layer over text:
// a span out of bounds or off a UTF-8 boundary, text that differs from the
// covered bytes, or a span out of order.
func checkSpans[T Annotation](name, text string, items []T) error {
	var prev Span
	for i := range items {
		sp := items[i].Bounds()
		switch {
		case sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End:
			return fmt.Errorf("layer %s: span %d:%d out of bounds (text is %d bytes)", name, sp.Start, sp.End, len(text))
		case !boundary(text, sp.Start) || !boundary(text, sp.End):
			return fmt.Errorf("layer %s: span %d:%d is not on UTF-8 boundaries", name, sp.Start, sp.End)
		case i > 0 && (sp.Start < prev.Start || sp.Start == prev.Start && sp.End > prev.End):
			return fmt.Errorf("layer %s: span %d:%d out of order after %d:%d", name, sp.Start, sp.End, prev.Start, prev.End)
		}
		// A pointer in an interface needs no allocation; *T has T's methods.
		if t, ok := any(&items[i]).(textual); ok && t.SpanText() != text[sp.Start:sp.End] {
			return fmt.Errorf("layer %s: span %d:%d has text %q, want %q", name, sp.Start, sp.End, t.SpanText(), text[sp.Start:sp.End])
		}
		prev = sp
	}
	return nil
}

func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}
