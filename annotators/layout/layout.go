// Package layout recovers the layout of text extracted from PDF or other
// hard-wrapped sources: paragraphs and their kind, the stray space that
// marks a new printed page, and footnote reference numbers glued to the
// text.
package layout

import (
	"context"
	"strings"

	"github.com/gloss-nlp/gloss/pipeline"
)

// Paragraph kinds.
const (
	Body       = "body"
	Heading    = "heading"
	BlockQuote = "block_quote"
)

// A Paragraph is a run of lines between blank lines, trimmed of surrounding
// white space.
type Paragraph struct {
	pipeline.Span
	Kind string `json:"kind"`
}

// A PageBreak is the one-byte stray space that starts a new printed page.
type PageBreak struct {
	pipeline.Span
}

// A FootnoteRef is a footnote number glued to the text (`periphery.1`).
type FootnoteRef struct {
	pipeline.TextSpan
	Number int `json:"number"`
}

// The layers this package provides.
var (
	Paragraphs   = pipeline.NewLayer[Paragraph]("paragraphs")
	PageBreaks   = pipeline.NewLayer[PageBreak]("page_breaks")
	FootnoteRefs = pipeline.NewLayer[FootnoteRef]("footnote_refs")
)

// Annotator finds paragraphs, page breaks and footnote references.
type Annotator struct{}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string       { return "layout" }
func (Annotator) Version() string    { return "0.1.0" }
func (Annotator) Requires() []string { return nil }
func (Annotator) Provides() []string {
	return []string{Paragraphs.Name(), PageBreaks.Name(), FootnoteRefs.Name()}
}

// Annotate sets the layout layers. (Placeholder: blank-line paragraphs
// only; the full layout analysis replaces it.)
func (Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	var paras []Paragraph
	text := doc.Text
	start := 0
	for start < len(text) {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s, e := start, end
		for s < e && isSpace(text[s]) {
			s++
		}
		for e > s && isSpace(text[e-1]) {
			e--
		}
		if s < e {
			paras = append(paras, Paragraph{pipeline.Span{Start: s, End: e}, Body})
		}
		start = end + 2
	}
	Paragraphs.Set(doc, paras)
	PageBreaks.Set(doc, nil)
	FootnoteRefs.Set(doc, nil)
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
