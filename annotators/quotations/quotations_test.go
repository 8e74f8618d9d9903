package quotations

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

// fakeLayout stands in for the layout stage, so that the tests say which
// paragraphs are block quotations: paragraphs lie between blank lines, one
// whose lines all start with four spaces is a block quotation, and a number
// glued after punctuation is a footnote reference.
type fakeLayout struct{}

func (fakeLayout) Name() string       { return "layout" }
func (fakeLayout) Version() string    { return "test" }
func (fakeLayout) Requires() []string { return nil }
func (fakeLayout) Provides() []string {
	return []string{layout.Paragraphs.Name(), layout.PageBreaks.Name(), layout.FootnoteRefs.Name()}
}

var footnoteRE = regexp.MustCompile(`[.,;:!?’”'"»)]([0-9]{1,3})(?:\s|$)`)

func (fakeLayout) Annotate(ctx context.Context, doc *pipeline.Document) error {
	var paras []layout.Paragraph
	start := 0
	for _, chunk := range strings.SplitAfter(doc.Text, "\n\n") {
		end := start + len(chunk)
		kind := layout.Body
		if strings.HasPrefix(chunk, "    ") {
			kind = layout.BlockQuote
		}
		s, e := start, end
		for s < e && strings.ContainsRune(" \n", rune(doc.Text[s])) {
			s++
		}
		for e > s && strings.ContainsRune(" \n", rune(doc.Text[e-1])) {
			e--
		}
		if s < e {
			paras = append(paras, layout.Paragraph{Span: pipeline.Span{Start: s, End: e}, Kind: kind})
		}
		start = end
	}
	var notes []layout.FootnoteRef
	for _, m := range footnoteRE.FindAllStringSubmatchIndex(doc.Text, -1) {
		n, _ := strconv.Atoi(doc.Text[m[2]:m[3]])
		notes = append(notes, layout.FootnoteRef{TextSpan: doc.TextSpan(m[2], m[3]), Number: n})
	}
	layout.Paragraphs.Set(doc, paras)
	layout.PageBreaks.Set(doc, nil)
	layout.FootnoteRefs.Set(doc, notes)
	return nil
}

func annotate(t testing.TB, text string) *pipeline.Document {
	t.Helper()
	return pipelinetest.Annotate(t, text, fakeLayout{}, sentences.Annotator{}, tokens.Annotator{}, Annotator{})
}

func TestQuotations(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"said after, double curly", `“We will rebuild the bridge by June,” Mayor Ana Ruiz said on Tuesday.`, []string{
			`0:41 "“We will rebuild the bridge by June,”" kind=direct block=false speaker={"start":48,"end":56,"text":"Ana Ruiz"}`,
		}},
		{"said before, straight double", `Jonas Berg said: "Prices will fall next year."`, []string{
			`17:46 "\"Prices will fall next year.\"" kind=direct block=false speaker={"start":0,"end":10,"text":"Jonas Berg"}`,
		}},
		{"said inverted", `“It is too early to tell,” said Dr Helen Park, a virologist.`, []string{
			`0:30 "“It is too early to tell,”" kind=direct block=false speaker={"start":39,"end":49,"text":"Helen Park"}`,
		}},
		{"pronoun after", `Maria Olsen left the stage early. “I have nothing to add,” she said.`, []string{
			`34:62 "“I have nothing to add,”" kind=direct block=false speaker={"start":0,"end":11,"text":"Maria Olsen"}`,
		}},
		{"pronoun it", `The ministry issued new rules on Monday. It said that “no exemptions will be granted.”`, []string{
			`54:90 "“no exemptions will be granted.”" kind=direct block=false speaker={"start":4,"end":12,"text":"ministry"}`,
		}},
		{"british split quote", `‘The talks have failed,’ the spokesman said, ‘and we will not return.’`, []string{
			`0:28 "‘The talks have failed,’" kind=direct block=false speaker={"start":33,"end":42,"text":"spokesman"}`,
			`49:78 "‘and we will not return.’" kind=direct block=false speaker={"start":33,"end":42,"text":"spokesman"}`,
		}},
		{"nested", `We visited Peter Lund in May. “He told me, ‘I will never sell the farm,’ and then he left,” said Tom Reed.`, []string{
			`30:99 "“He told me, ‘I will never sell the farm,’ and then he left,”" kind=direct block=false speaker={"start":105,"end":113,"text":"Tom Reed"}`,
			`45:78 "‘I will never sell the farm,’" kind=direct block=false speaker={"start":11,"end":21,"text":"Peter Lund"}`,
		}},
		{"multi-paragraph", "Ines Moreau wrote:\n\n“Dear friends, the harvest is over.\n\n“We thank you all for your help.”", []string{
			`20:96 "“Dear friends, the harvest is over.\n\n“We thank you all for your help.”" kind=direct block=false speaker={"start":0,"end":11,"text":"Ines Moreau"}`,
		}},
		{"unclosed double stops at paragraph", "He said “this never ends.\n\nThe next day it rained. “Yes,” she said.", []string{
			`53:63 "“Yes,”" kind=direct block=false`,
		}},
		{"single quotes stay in paragraph", "She said ‘wait here.\n\n‘No,’ he replied.", []string{
			`24:33 "‘No,’" kind=direct block=false`,
		}},
		{"quote over line breaks", "Ada Byrne said the plan was “a costly\nmistake that will haunt\nthe town”, and left.", []string{
			`28:75 "“a costly\nmistake that will haunt\nthe town”" kind=direct block=false speaker={"start":0,"end":9,"text":"Ada Byrne"}`,
		}},
		{"scare", `The so-called “reform” raised taxes, and critics call it a ‘managed decline’ of the city. Some "experts" disagree.`, []string{
			`14:26 "“reform”" kind=scare block=false`,
			`63:84 "‘managed decline’" kind=scare block=false`,
			`103:112 "\"experts\"" kind=scare block=false`,
		}},
		{"scare despite reporting verb", `As noted above, they proposed a ‘green corridor’ for trade.`, []string{
			`32:52 "‘green corridor’" kind=scare block=false`,
		}},
		{"titles", `Her report “Water and Power in the Delta” won a prize. The ‘Treaty on Open Skies’ entered into force. He read the novel 'The Quiet Shore' twice.`, []string{
			`11:45 "“Water and Power in the Delta”" kind=title block=false`,
			`63:89 "‘Treaty on Open Skies’" kind=title block=false`,
			`128:145 "'The Quiet Shore'" kind=title block=false`,
		}},
		{"apostrophes", `China’s exports and the workers’ pay rose in the ’90s; don’t ask about rock ’n’ roll. It's the members' choice, isn't it? Rock 'n' roll, 'em and the '90s. NATO’s plan.`, []string{}},
		{"apostrophe inside a quote", `Ruth Kim spoke first. ‘The members’ votes count,’ she said. He praised the ‘founding members’ and left.`, []string{
			`22:55 "‘The members’ votes count,’" kind=direct block=false speaker={"start":0,"end":8,"text":"Ruth Kim"}`,
			`81:103 "‘founding members’" kind=scare block=false`,
		}},
		{"unbalanced marks", `An opening ‘mark without an end. A closing mark” here. Then “one” and ‘two’.`, []string{
			`64:73 "“one”" kind=scare block=false`,
			`78:87 "‘two’" kind=scare block=false`,
		}},
		{"empty and stray marks", `“” and ‘’ and " " and '' are not quotes; the pipe is 12" wide and 4" thick.`, []string{}},
		{"guillemets", "Mr Ivanov said: «We will return next spring.»\n\nSie sagte: „Wir kommen morgen.“", []string{
			`16:47 "«We will return next spring.»" kind=direct block=false speaker={"start":3,"end":9,"text":"Ivanov"}`,
			`60:84 "„Wir kommen morgen.“" kind=direct block=false`,
		}},
		{"footnote after closing mark", `The court stated that ‘no appeal is possible.’3 Later cases disagreed.`, []string{
			`22:50 "‘no appeal is possible.’" kind=direct block=false speaker={"start":4,"end":9,"text":"court"}`,
		}},
		{"colon without speaker", `One line stood out: ‘Nothing about us without us is fair.’`, []string{
			`20:62 "‘Nothing about us without us is fair.’" kind=direct block=false`,
		}},
		{"according to", `According to the Weather Office, “the storm will reach the coast tonight.”`, []string{
			`33:78 "“the storm will reach the coast tonight.”" kind=direct block=false speaker={"start":17,"end":31,"text":"Weather Office"}`,
		}},
		{"block after pointed out that", "The budget committee pointed out that\n\n    the deficit must be closed before any new spending\n    is approved.4\n\nThe session ended.", []string{
			`43:110 "the deficit must be closed before any new spending\n    is approved." kind=direct block=true speaker={"start":4,"end":20,"text":"budget committee"}`,
		}},
		{"block after as she said", "Governor Lena Ortiz opened the session. As she said at the Denver energy conference:\n\n    Our grid is old, and the storms are getting stronger.\n\nNobody disagreed.", []string{
			`90:143 "Our grid is old, and the storms are getting stronger." kind=direct block=true speaker={"start":9,"end":19,"text":"Lena Ortiz"}`,
		}},
		{"block quoted from a document", "The board read out the following words quoted from the Charter of the Northern League:\n\n    Every member shall defend the others.", []string{
			`92:129 "Every member shall defend the others." kind=direct block=true speaker={"start":55,"end":85,"text":"Charter of the Northern League"}`,
		}},
		{"words said again by someone else", "Ana Ruiz said that “the port must stay open all year.” Later, Tom Berg stressed that “the port must stay open all year.”", []string{
			`19:58 "“the port must stay open all year.”" kind=direct block=false speaker={"start":0,"end":8,"text":"Ana Ruiz"}`,
			`89:128 "“the port must stay open all year.”" kind=direct block=false speaker={"start":66,"end":74,"text":"Tom Berg"}`,
		}},
		{"phrase quoted again", "The council declared:\n\n    All members of the coalition must leave by May.\n\nCritics noted that the call was aimed at ‘all members of the\ncoalition’ rather than one state.", []string{
			`27:74 "All members of the coalition must leave by May." kind=direct block=true speaker={"start":4,"end":11,"text":"council"}`,
			`117:151 "‘all members of the\ncoalition’" kind=direct block=false speaker={"start":4,"end":11,"text":"council"}`,
		}},
		{"exclamation and inverted verb", `“Run!” shouted the guard.`, []string{
			`0:10 "“Run!”" kind=direct block=false speaker={"start":23,"end":28,"text":"guard"}`,
		}},
		{"abbreviated title, split quote", `"Well," said Ms. Lee, "we tried."`, []string{
			`0:7 "\"Well,\"" kind=direct block=false speaker={"start":17,"end":20,"text":"Lee"}`,
			`22:33 "\"we tried.\"" kind=direct block=false speaker={"start":17,"end":20,"text":"Lee"}`,
		}},
		{"long phrase without verb is direct", `They promised “a fair, open and transparent process for all”.`, []string{
			`14:64 "“a fair, open and transparent process for all”" kind=direct block=false`,
		}},
		{"a word named", `The word “sovereignty” appears twice.`, []string{
			`9:26 "“sovereignty”" kind=scare block=false`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := annotate(t, tt.in)
			got := pipelinetest.Lines(doc, Layer)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// odd holds inputs that once looked likely to trip the mark scanner or the
// windows around a quotation: marks at the very start and end, marks
// alone, footnote numbers and quotations touching each other.
var odd = []string{
	"", "‘", "’", "“", "”", `"`, "'", "«", "»", "„", "‚",
	"‘’", "“”", `""`, "''", "’’’", "‘‘‘", "“‘«‹„‚", "»›’”",
	"“a”", "‘a’’", "a’", "’a", "'a'b'c'", `"a"b"c"`,
	"said “", "“ said", "“x,” said", "“x,” said ‘", ": ‘", "according to “x”",
	"‘x.’1", "“x.”12\n\n“y”", "    “block”", "    a\n\n    b.3",
	"“a\n\n“b\n\n“c", "‘a\n\n‘b’", "he said: “a b c”", "It stressed: “a b c”",
	"Mr. said “a”", "«x» «y", "x ’n’ y ’n’", "‘s’ ‘s’ ‘s’",
}

func TestOddInput(t *testing.T) {
	for _, in := range odd {
		t.Run(in, func(t *testing.T) {
			doc := annotate(t, in) // fails on a panic or an invalid layer
			for _, q := range Layer.Get(doc) {
				if q.Kind != Direct && q.Speaker != nil {
					t.Errorf("%q: a %s quotation has a speaker", q.Text, q.Kind)
				}
			}
		})
	}
}

func FuzzQuotations(f *testing.F) {
	for _, in := range odd {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if _, err := pipeline.NewDocument("f", "f", in); err != nil {
			return // not text
		}
		annotate(t, in)
	})
}

// TestConcurrent runs one Annotator over many documents at once; with
// -race it shows that the stage keeps no state between documents.
func TestConcurrent(t *testing.T) {
	in := "Mira Holt arrived. “We are ready,” she said. The ‘Accord on Rivers’ holds."
	want := pipelinetest.Lines(annotate(t, in), Layer)
	var a Annotator
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			doc, err := pipeline.NewDocument("c", "c", in)
			if err == nil {
				err = (fakeLayout{}).Annotate(context.Background(), doc)
			}
			if err == nil {
				err = sentences.Annotator{}.Annotate(context.Background(), doc)
			}
			if err == nil {
				err = tokens.Annotator{}.Annotate(context.Background(), doc)
			}
			if err == nil {
				err = a.Annotate(context.Background(), doc)
			}
			if got := pipelinetest.Lines(doc, Layer); err == nil && !slices.Equal(got, want) {
				err = fmt.Errorf("got %q, want %q", got, want)
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
