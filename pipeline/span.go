package pipeline

// A Span is the byte range [Start, End) of a document's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Bounds returns the span itself; types that embed a Span inherit it and so
// satisfy Annotation.
func (sp Span) Bounds() Span { return sp }

// Len returns the number of bytes the span covers.
func (sp Span) Len() int { return sp.End - sp.Start }

// Contains reports whether other lies within sp.
func (sp Span) Contains(other Span) bool {
	return sp.Start <= other.Start && other.End <= sp.End
}

// Overlaps reports whether sp and other share at least one byte.
func (sp Span) Overlaps(other Span) bool {
	return sp.Start < other.End && other.Start < sp.End
}

// A TextSpan is a span together with the text it covers. Layers whose JSON
// carries a "text" field embed it; the pipeline checks that Text equals the
// document's bytes [Start:End].
type TextSpan struct {
	Span
	Text string `json:"text"`
}

// SpanText returns the text the annotation claims to cover.
func (ts TextSpan) SpanText() string { return ts.Text }

// An Annotation is one element of a layer: anything with a span.
type Annotation interface {
	Bounds() Span
}

// textual is implemented by annotations that carry their covered text.
type textual interface {
	SpanText() string
}

var (
	_ Annotation = Span{}
	_ Annotation = TextSpan{}
	_ textual    = TextSpan{}
)
