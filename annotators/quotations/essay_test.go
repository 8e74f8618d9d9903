package quotations

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/annotators/entities"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

const essayPath = "../../corpus/sco-essay.txt"

func essay(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(essayPath)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// essayStages are the real upstream stages, so that the essay test checks
// the whole chain.
func essayStages() []pipeline.Annotator {
	return []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}, entities.Annotator{}, Annotator{}}
}

// brief prints a quotation as start:end, kind, the first 40 bytes of its
// text and its speaker, which is enough to tell one from another.
func brief(q Quotation) string {
	text := q.Text
	if len(text) > 40 {
		n := 40
		for !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n] + "…"
	}
	kind := q.Kind
	if q.Block {
		kind = "block " + kind
	}
	s := fmt.Sprintf("%d:%d %s %q", q.Start, q.End, kind, text)
	if q.Speaker != nil {
		s += fmt.Sprintf(" speaker=%d:%d %q", q.Speaker.Start, q.Speaker.End, q.Speaker.Text)
	}
	return s
}

// TestEssay checks every quotation of the essay, each checked by hand:
// coined names (‘Shanghai Five’) and disputed terms are scare quotes, the
// two quoted document names are titles, and every direct quote, inline
// or block, names the person, meeting or document it comes from.
func TestEssay(t *testing.T) {
	want := []string{
		`480:505 scare "‘Shanghai Five—SCO’"`,
		`796:815 scare "‘Shanghai Five’"`,
		`1510:1529 scare "‘Shanghai Five’"`,
		`3130:3155 scare "‘Shanghai Five–SCO’"`,
		`3499:3524 scare "‘Shanghai Five–SCO’"`,
		`4246:4500 block direct "maintaining a sustained economic growth …" speaker=4184:4214 "SCO summit\nmeeting in Tashkent"`,
		`5937:6296 block direct "SCO members all have their distinctive h…" speaker=5823:5832 "Hu Jintao"`,
		`6366:6614 direct "‘Formulation of coordinated methods an…" speaker=6351:6364 "Astana summit"`,
		`7719:7749 scare "‘election-related turmoil’"`,
		`7763:7786 scare "‘Colour Revolution’"`,
		`10061:10081 scare "‘anti-drug belt’"`,
		`10349:11142 block direct "Today we are noticing the positive dynam…" speaker=10310:10346 "Declaration of the SCO Astana summit"`,
		`11273:11329 direct "‘respective members of the\nanti-terror…" speaker=10310:10346 "Declaration of the SCO Astana summit"`,
		`12159:12297 direct "‘To comprehensively deepen cooperation…" speaker=12078:12102 "2006 SCO Shanghai summit"`,
		`12713:12814 direct "‘establish effective mechanisms in the…" speaker=12696:12709 "Astana summit"`,
		`12852:12976 title "‘the Statement of Heads of Member Stat…"`,
		`13651:13734 title "‘Regulation on\nthe Status of Observer …"`,
		`16486:16508 scare "‘arc of terrorism’"`,
		`16513:16523 scare "‘belt’"`,
		`16728:16738 scare "‘belt’"`,
		`16990:17026 direct "‘tolerant\nand easy to live with’" speaker=16815:16827 "Lee Kuan Yew"`,
		`20851:20870 scare "‘Shanghai Five’"`,
		`21066:21095 scare "‘harmonious Central Asia’"`,
		`23387:23397 scare "‘belt’"`,
		`27150:27178 scare "‘comprehensive security’"`,
	}
	doc := pipelinetest.Annotate(t, essay(t), essayStages()...)
	var got []string
	for _, q := range Layer.Get(doc) {
		got = append(got, brief(q))
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func BenchmarkQuotations(b *testing.B) {
	doc := pipelinetest.Annotate(b, essay(b), essayStages()[:4]...)
	b.SetBytes(int64(len(doc.Text)))
	for b.Loop() {
		if err := (Annotator{}).Annotate(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPathological runs the stage over one long paragraph of quotation
// marks that never match, or match in awkward ways. The throughput stays
// the same from ten thousand marks to a million: the work is linear.
func BenchmarkPathological(b *testing.B) {
	patterns := []struct{ name, unit string }{
		{"openers", "‘"},
		{"open-close-mismatch", "“ ’"},
		{"tiny-quotes", `"a" `},
		{"nested-openers", "“‘«"},
		{"weak-closers", "‘s’ "},
	}
	for _, p := range patterns {
		for _, n := range []int{10_000, 100_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s/%d", p.name, n), func(b *testing.B) {
				doc := flatDoc(b, strings.Repeat(p.unit, n))
				b.SetBytes(int64(len(doc.Text)))
				for b.Loop() {
					if err := (Annotator{}).Annotate(context.Background(), doc); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// flatDoc returns a document of one paragraph and one sentence, with the
// upstream layers set directly so that only this stage is measured.
func flatDoc(t testing.TB, text string) *pipeline.Document {
	doc, err := pipeline.NewDocument("t", "t", text)
	if err != nil {
		t.Fatal(err)
	}
	all := pipeline.Span{Start: 0, End: len(text)}
	layout.Paragraphs.Set(doc, []layout.Paragraph{{Span: all, Kind: layout.Body}})
	layout.PageBreaks.Set(doc, nil)
	layout.FootnoteRefs.Set(doc, nil)
	sentences.Layer.Set(doc, []sentences.Sentence{{Span: all}})
	tokens.Layer.Set(doc, nil)
	return doc
}
