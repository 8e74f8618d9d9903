// Package layouttest builds documents whose layout layers are written in
// the text itself, so that the tests of stages after layout do not depend on
// the layout annotator's judgement.
package layouttest

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/pipeline"
)

func (Layout) Name() string       { return "fake-layout" }
func (Layout) Version() string    { return "0" }
func (Layout) Requires() []string { return nil }
func (Layout) Provides() []string {
	return []string{layout.Paragraphs.Name(), layout.PageBreaks.Name(), layout.FootnoteRefs.Name()}
}

// Annotate sets the layout layers the marked-up text described.
func (l Layout) Annotate(ctx context.Context, doc *pipeline.Document) error {
	layout.Paragraphs.Set(doc, slices.Clone(l.paras))
	layout.PageBreaks.Set(doc, slices.Clone(l.breaks))
	layout.FootnoteRefs.Set(doc, slices.Clone(l.refs))
	return nil
}

// A Layout is the plain text of a marked-up string and its layout, and a
// pipeline stage that sets the layout layers from it:
// paragraphs are separated by blank lines (one whose text starts with "# "
// is a heading, the "# " kept as text), "{12}" is footnote reference 12 and
// "{_}" a page-break space.
type Layout struct {
	Text   string
	paras  []layout.Paragraph
	breaks []layout.PageBreak
	refs   []layout.FootnoteRef
}

// Parse reads a marked-up string.
func Parse(s string) Layout {
	var p Layout
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '{' {
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				inner := s[i+1 : i+j]
				at := b.Len()
				if inner == "_" {
					b.WriteByte(' ')
					p.breaks = append(p.breaks, layout.PageBreak{Span: pipeline.Span{Start: at, End: at + 1}})
					i += j + 1
					continue
				}
				if n, err := strconv.Atoi(inner); err == nil {
					b.WriteString(inner)
					p.refs = append(p.refs, layout.FootnoteRef{TextSpan: pipeline.TextSpan{Span: pipeline.Span{Start: at, End: at + len(inner)}, Text: inner}, Number: n})
					i += j + 1
					continue
				}
			}
		}
		b.WriteByte(s[i])
		i++
	}
	p.Text = b.String()
	t := p.Text
	start := 0
	for start <= len(t) {
		end := strings.Index(t[start:], "\n\n")
		if end < 0 {
			end = len(t)
		} else {
			end += start
		}
		a, e := start, end
		for a < e && strings.ContainsRune(" \t\r\n", rune(t[a])) {
			a++
		}
		for e > a && strings.ContainsRune(" \t\r\n", rune(t[e-1])) {
			e--
		}
		if a < e {
			kind := layout.Body
			if strings.HasPrefix(t[a:e], "# ") {
				kind = layout.Heading
			}
			p.paras = append(p.paras, layout.Paragraph{Span: pipeline.Span{Start: a, End: e}, Kind: kind})
		}
		start = end + 2
	}
	return p
}
