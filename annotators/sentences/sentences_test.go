package sentences_test

import (
	"slices"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/internal/layouttest"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

// annotate runs the fake layout and the sentence annotator over the
// marked-up string s and returns the document.
func annotate(t testing.TB, s string) *pipeline.Document {
	t.Helper()
	p := layouttest.Parse(s)
	return pipelinetest.Annotate(t, p.Text, p, sentences.Annotator{})
}

func texts(doc *pipeline.Document) []string {
	var out []string
	for _, s := range sentences.Layer.Get(doc) {
		out = append(out, doc.Text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"blank", " \n\n \r\n", nil},
		{"no final stop", "A heading without a stop", []string{"A heading without a stop"}},
		{"two", "It rained. We stayed in.", []string{"It rained.", "We stayed in."}},
		{"wrapped lines", "The river rose\nover the banks and\nflooded the town. Then it fell.", []string{"The river rose\nover the banks and\nflooded the town.", "Then it fell."}},
		{"crlf", "One line.\r\nAnother line.\r\n\r\nNew paragraph.", []string{"One line.", "Another line.", "New paragraph."}},
		{"paragraphs", "First paragraph has no stop\n\nSecond one does.", []string{"First paragraph has no stop", "Second one does."}},
		{"heading", "# Results and discussion\n\nThe results were clear.", []string{"# Results and discussion", "The results were clear."}},
		{"title", "Dr. Watson met Mrs. Hudson and Prof. Moriarty.", []string{"Dr. Watson met Mrs. Hudson and Prof. Moriarty."}},
		{"initials", "The poet T. S. Eliot wrote it. He was young.", []string{"The poet T. S. Eliot wrote it.", "He was young."}},
		{"us lower", "Trade with the U.S. grew fast. It slowed later.", []string{"Trade with the U.S. grew fast.", "It slowed later."}},
		{"us end", "They moved to the U.S. They liked it.", []string{"They moved to the U.S.", "They liked it."}},
		{"dotted degree", "She has a Ph.D. in law. He has none.", []string{"She has a Ph.D. in law.", "He has none."}},
		{"eg ie", "Some fruit, e.g. apples, i.e. the red ones, etc. will do.", []string{"Some fruit, e.g. apples, i.e. the red ones, etc. will do."}},
		{"etc end", "We need pens, paper, etc. The shop is closed.", []string{"We need pens, paper, etc.", "The shop is closed."}},
		{"decimal", "Growth was 3.5 per cent. Inflation was 2.1.", []string{"Growth was 3.5 per cent.", "Inflation was 2.1."}},
		{"curly quote after stop", "He called it ‘a fine plan.’ Nobody agreed.", []string{"He called it ‘a fine plan.’", "Nobody agreed."}},
		{"straight quote after stop", `She said "no." Then she left.`, []string{`She said "no."`, "Then she left."}},
		{"quote then lower", `"Stop." he said.`, []string{`"Stop." he said.`}},
		{"question", "Why now? Because we can!", []string{"Why now?", "Because we can!"}},
		{"ellipsis char", "He paused… Then he spoke.", []string{"He paused…", "Then he spoke."}},
		{"ellipsis lower", "He paused... and then spoke.", []string{"He paused... and then spoke."}},
		{"footnote", "It is a vital task.{5} The summit agreed.", []string{"It is a vital task.5", "The summit agreed."}},
		{"footnote after quote", "They called it ‘a priority area.’{8} Members agreed.", []string{"They called it ‘a priority area.’8", "Members agreed."}},
		{"footnote two spaces", "They began accepting new members.{10}  It remains hard.", []string{"They began accepting new members.10", "It remains hard."}},
		{"footnote paragraph end", "The region and its periphery.{1}\n\nThe summit met.", []string{"The region and its periphery.1", "The summit met."}},
		{"page break", "The member states\n{_}agreed on it. They signed.", []string{"The member states\n agreed on it.", "They signed."}},
		{"page break at start", "{_}The first page ends here. Next.", []string{"The first page ends here.", "Next."}},
		{"lettered list", "The plan covers:\na. promoting trade;\nb. building roads; and\nc. training staff.", []string{"The plan covers:", "a. promoting trade;", "b. building roads; and", "c. training staff."}},
		{"numbered list", "Steps: 1) plan it 2) do it 3) check it", []string{"Steps:", "1) plan it", "2) do it", "3) check it"}},
		{"numbered paragraph", "1. Introduction", []string{"1. Introduction"}},
		{"year then capital", "It began in 2006. The next year it grew.", []string{"It began in 2006.", "The next year it grew."}},
		{"number list no", "See p. 5 and no. 3 for more.", []string{"See p. 5 and no. 3 for more."}},
		{"url", "Visit https://example.org/a.b.html. It is new.", []string{"Visit https://example.org/a.b.html.", "It is new."}},
		{"email", "Write to ann.lee@example.com. She replies.", []string{"Write to ann.lee@example.com.", "She replies."}},
		{"parenthesis", "He left (he was tired.) and slept.", []string{"He left (he was tired.) and slept."}},
		{"cyrillic", "Это первое предложение. Это второе.", []string{"Это первое предложение.", "Это второе."}},
		{"greek", "Καλημέρα σας. Τι κάνετε;", []string{"Καλημέρα σας.", "Τι κάνετε;"}},
		{"chinese", "这是一支笔。那是一个标记。", []string{"这是一支笔。", "那是一个标记。"}},
		{"hindi", "यह पहला वाक्य है। यह दूसरा है।", []string{"यह पहला वाक्य है।", "यह दूसरा है।"}},
		{"empty paragraphs", "One.\n\n\n\n\nTwo.", []string{"One.", "Two."}},
		{"only punctuation", "...", []string{"..."}},
		{"dash", "It was over—or so we thought. We were wrong.", []string{"It was over—or so we thought.", "We were wrong."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(annotate(t, tt.in))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
