// Package quotations finds quotations in running text: inline quotes between
// quotation marks and block quotations set off by the layout, with their
// kind (direct speech, scare quotes, titles) and, for direct quotes, the
// speaker the words come from.
//
// Marks pair within a paragraph, by family (“…” „…“, ‘…’ ‚…‘, "…", '…',
// «…» »…«, ‹…›), innermost first, so a quotation inside a quotation is a
// span of its own. Whether a mark opens or closes follows from the
// characters on each side of it; ’ never opens, so China’s, ’90s and
// rock ’n’ roll are apostrophes, and a closing mark after a letter
// (members’) closes only if no better closing mark of its family follows.
// A double quotation runs on over paragraphs when the next paragraph
// opens with the same mark; otherwise, and always for single quotes, an
// unmatched mark is dropped at the end of its paragraph.
//
// The kind is decided in this order: after "so-called", scare; after a
// noun for a work or document (the report “…”) or title-cased and naming a
// kind of document (‘Regulation on …’), title; with a reporting clause
// right before or after it (she said: “…”; “…,” he said; a colon before
// three or more words), direct; repeating four or more words of an
// earlier direct quotation, direct; five or more words, direct; a finite
// verb with closing punctuation or a reporting verb in the sentence,
// direct; anything else (a short phrase with no verb), scare. Block
// quotations are direct.
//
// The speaker is the shortest span that names the source: the subject of
// the reporting verb with its determiner, any appositive after a comma
// and any title before a name dropped (“The SCO summit meeting in
// Tashkent, Uzbekistan, pointed out that” gives “SCO summit meeting in
// Tashkent”; “Foreign Minister Jane Doe said” gives “Jane Doe”); the noun
// phrase after the preposition of a participle (“the words quoted from the
// Charter of X:” gives “Charter of X”); the phrase after "according to";
// and for "he" or "she" the nearest person named before, for "it" the
// nearest body, meeting or document, from the entities layer when the
// document has one and from the shape of names otherwise.
package quotations

import (
	"context"
	"slices"
	"strings"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Quotation kinds.
const (
	Direct = "direct" // words reproduced from a speaker or a document
	Scare  = "scare"  // a term set off in quotes: coined, ironic or disputed
	Title  = "title"  // the title of a document, law or work
)

// A Quotation is a quoted passage. An inline quotation's span includes its
// quotation marks; a block quotation's span is its paragraph, trimmed and
// without a trailing footnote number. Speaker, set only for direct quotes,
// is the shortest span naming the person, body, meeting or document the
// words come from.
type Quotation struct {
	pipeline.TextSpan
	Kind    string             `json:"kind"`
	Block   bool               `json:"block"`
	Speaker *pipeline.TextSpan `json:"speaker,omitempty"`
}

// Layer is the quotations layer.
var Layer = pipeline.NewLayer[Quotation]("quotations")

// Annotator finds quotations. It reads the entities layer for speakers when
// an earlier stage provides it, and otherwise finds names by their shape.
type Annotator struct{}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string    { return "quotations" }
func (Annotator) Version() string { return "1.1.0" }
func (Annotator) Requires() []string {
	return []string{
		layout.Paragraphs.Name(), layout.FootnoteRefs.Name(), layout.PageBreaks.Name(),
		sentences.Layer.Name(), tokens.Layer.Name(),
	}
}
func (Annotator) Provides() []string { return []string{Layer.Name()} }

// Annotate sets the quotations layer.
func (Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	paras := layout.Paragraphs.Get(doc)
	notes := layout.FootnoteRefs.Get(doc)
	var qs []quote
	blocks := make(map[pipeline.Span]bool)
	for _, p := range paras {
		if p.Kind != layout.BlockQuote {
			continue
		}
		sp := trimBlock(doc.Text, p.Span, notes)
		if sp.Len() > 0 {
			qs = append(qs, quote{Span: sp, inner: sp, block: true})
			blocks[sp] = true
		}
	}
	for _, pr := range findPairs(doc.Text, paras, notes) {
		sp := pipeline.Span{Start: pr.open.pos, End: pr.close.end}
		if blocks[sp] {
			continue // a block quotation that also has quotation marks
		}
		qs = append(qs, quote{Span: sp, inner: pipeline.Span{Start: pr.open.end, End: pr.close.pos}})
	}
	slices.SortStableFunc(qs, func(a, b quote) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})

	a := newAnalysis(doc, paras, notes)
	a.lexAround(qs)
	out := make([]Quotation, 0, len(qs))
	for _, q := range qs {
		kind, speaker := a.attribute(q)
		out = append(out, Quotation{
			TextSpan: doc.TextSpan(q.Start, q.End),
			Kind:     kind,
			Block:    q.block,
			Speaker:  speaker,
		})
	}
	Layer.Set(doc, out)
	return nil
}

// A quote is a quotation being analysed: its span, and the span of its
// words inside the marks.
type quote struct {
	pipeline.Span
	inner pipeline.Span
	block bool
}

// trimBlock trims a block quotation's paragraph of white space and of
// footnote numbers at its end.
func trimBlock(text string, sp pipeline.Span, notes []layout.FootnoteRef) pipeline.Span {
	trim := func() {
		s := text[sp.Start:sp.End]
		t := strings.TrimLeftFunc(s, isSpaceRune)
		sp.Start += len(s) - len(t)
		sp.End = sp.Start + len(strings.TrimRightFunc(t, isSpaceRune))
	}
	trim()
	i, _ := slices.BinarySearchFunc(notes, sp.Start, func(n layout.FootnoteRef, pos int) int { return n.Start - pos })
	for ; i < len(notes) && notes[i].Start < sp.End; i++ {
		if notes[i].End >= sp.End {
			sp.End = notes[i].Start
			trim()
			break
		}
	}
	return sp
}
