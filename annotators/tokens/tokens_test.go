package tokens_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/internal/layouttest"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

// annotate runs the fake layout, the sentence annotator and the token
// annotator over the marked-up string s.
func annotate(t testing.TB, s string) *pipeline.Document {
	t.Helper()
	p := layouttest.Parse(s)
	return pipelinetest.Annotate(t, p.Text, p, sentences.Annotator{}, tokens.Annotator{})
}

func texts(doc *pipeline.Document) []string {
	var out []string
	for _, tok := range tokens.Layer.Get(doc) {
		out = append(out, tok.Text)
	}
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"blank", "  \n\n\r\n ", nil},
		{"words", "The cat sat.", []string{"The", "cat", "sat", "."}},
		{"possessive curly", "The SCO’s role", []string{"The", "SCO", "’s", "role"}},
		{"possessive straight", "Jane's book and JFK Jr.'s", []string{"Jane", "'s", "book", "and", "JFK", "Jr.", "'s"}},
		{"plural possessive", "the states’ rights", []string{"the", "states", "’", "rights"}},
		{"clitics", "They'll say I'm sure we've won.", []string{"They", "'ll", "say", "I", "'m", "sure", "we", "'ve", "won", "."}},
		{"nt", "I can't, won't and don’t.", []string{"I", "ca", "n't", ",", "wo", "n't", "and", "do", "n’t", "."}},
		{"apostrophe in name", "O'Brien and O’Neill", []string{"O'Brien", "and", "O’Neill"}},
		{"curly quotes", "the ‘Shanghai Five’ and “SCO”", []string{"the", "‘", "Shanghai", "Five", "’", "and", "“", "SCO", "”"}},
		{"straight quotes", `he said "go" and 'stop'`, []string{"he", "said", `"`, "go", `"`, "and", "'", "stop", "'"}},
		{"penn quotes", "``yes''", []string{"``", "yes", "''"}},
		{"dashes", "Five—SCO and 60–70 and a -- b", []string{"Five", "—", "SCO", "and", "60", "–", "70", "and", "a", "--", "b"}},
		{"brackets", "(RATS) [sic] {x}", []string{"(", "RATS", ")", "[", "sic", "]", "{", "x", "}"}},
		{"hyphens", "confidence-building al-Qaeda Hizb-ut-Tahrir twenty-first", []string{"confidence-building", "al-Qaeda", "Hizb-ut-Tahrir", "twenty-first"}},
		{"hyphen at end", "pre- and post-war", []string{"pre", "-", "and", "post-war"}},
		{"numbers", "3000 km, 3.5, 1,000 and $100.00 at 10:30 on 12/08/2014 (50%)", []string{"3000", "km", ",", "3.5", ",", "1,000", "and", "$", "100.00", "at", "10:30", "on", "12/08/2014", "(", "50", "%", ")"}},
		{"space grouped thousands", "border—14 799 km and 1 234 567 people", []string{"border", "—", "14 799", "km", "and", "1 234 567", "people"}},
		{"not grouped", "On 15 June 2001 and in 2005 500 died and 12 3456", []string{"On", "15", "June", "2001", "and", "in", "2005", "500", "died", "and", "12", "3456"}},
		{"ordinals", "the 5th and 1990s and a 5-year plan", []string{"the", "5th", "and", "1990s", "and", "a", "5-year", "plan"}},
		{"abbreviations", "The U.S. and e.g. Ph.D. students, etc. and Mr. Smith", []string{"The", "U.S.", "and", "e.g.", "Ph.D.", "students", ",", "etc.", "and", "Mr.", "Smith"}},
		{"initial", "Jonas E. Smith left.", []string{"Jonas", "E.", "Smith", "left", "."}},
		{"final full stop", "You and I. He said no.", []string{"You", "and", "I", ".", "He", "said", "no", "."}},
		{"abbreviation at end", "They closed the deal with Briggs & Co.", []string{"They", "closed", "the", "deal", "with", "Briggs", "&", "Co."}},
		{"ellipsis", "Wait... then … go", []string{"Wait", "...", "then", "…", "go"}},
		{"url and email", "See https://example.org/a-b.html, or write to ann.lee@example.com.", []string{"See", "https://example.org/a-b.html", ",", "or", "write", "to", "ann.lee@example.com", "."}},
		{"footnote after stop", "in its periphery.{1}", []string{"in", "its", "periphery", ".", "1"}},
		{"footnote after quote", "a vital task.’{5} The end.", []string{"a", "vital", "task", ".", "’", "5", "The", "end", "."}},
		{"footnote after comma", "cooperation,{2}  stressing", []string{"cooperation", ",", "2", "stressing"}},
		{"footnote after number", "in 2006.{7}", []string{"in", "2006", ".", "7"}},
		{"page break", "member\n{_}states agreed", []string{"member", "states", "agreed"}},
		{"crlf", "One.\r\nTwo words.\r\n", []string{"One", ".", "Two", "words", "."}},
		{"cyrillic", "Это «первое» предложение.", []string{"Это", "«", "первое", "»", "предложение", "."}},
		{"devanagari", "यह पहला वाक्य है।", []string{"यह", "पहला", "वाक्य", "है", "।"}},
		{"chinese", "这是一支笔。", []string{"这是一支笔", "。"}},
		{"accents", "café naïve Zürich", []string{"café", "naïve", "Zürich"}},
		{"links inside runs", "(see www.example.org) note:http://a.io/x, mail:b@c.io", []string{"(", "see", "www.example.org", ")", "note:http://a.io/x", ",", "mail:b@c.io"}},
		{"colons and at signs that are not links", "ratio 3:1 then a@b", []string{"ratio", "3:1", "then", "a", "@", "b"}},
		{"symbols", "A&B + C = 5 #1 @home", []string{"A", "&", "B", "+", "C", "=", "5", "#", "1", "@", "home"}},
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

// TestTags checks tags and stems on sentences whose Penn Treebank tags
// were checked by hand.
func TestTags(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "The cat sat on the mat.", []string{"The/DT/the", "cat/NN/cat", "sat/VBD/sat", "on/IN/on", "the/DT/the", "mat/NN/mat", "././."}},
		{"possessive", "The SCO’s members were meeting.", []string{"The/DT/the", "SCO/NNP/sco", "’s/POS/s", "members/NNS/member", "were/VBD/were", "meeting/VBG/meet", "././."}},
		{"negation", "They don’t agree.", []string{"They/PRP/they", "do/VBP/do", "n’t/RB/n't", "agree/VB/agre", "././."}},
		{"quotes and dash", "the “Silk Road”—a route", []string{"the/DT/the", "“/``/“", "Silk/NNP/silk", "Road/NNP/road", "”/''/”", "—/:/—", "a/DT/a", "route/NN/rout"}},
		{"footnote", "It grew.{3}", []string{"It/PRP/it", "grew/VBD/grew", "././.", "3/CD/3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := annotate(t, tt.in)
			var got []string
			for _, tok := range tokens.Layer.Get(doc) {
				got = append(got, tok.Text+"/"+tok.POS+"/"+tok.Stem)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestOffsets checks that every token's text is the document's bytes.
func TestOffsets(t *testing.T) {
	doc := annotate(t, "Its “core” — the U.S.’s 14 799 km — isn’t ‘gone’.{4}\r\n\nNext.")
	for _, tok := range tokens.Layer.Get(doc) {
		if doc.Text[tok.Start:tok.End] != tok.Text || strings.TrimSpace(tok.Text) != tok.Text {
			t.Errorf("token %d:%d %q", tok.Start, tok.End, tok.Text)
		}
	}
	if n := len(tokens.Layer.Get(doc)); n != 20 {
		t.Errorf("%d tokens, want 20: %q", n, texts(doc))
	}
}

// TestConcurrent annotates documents from several goroutines at once (run
// with -race): the model is shared, everything else is per call.
func TestConcurrent(t *testing.T) {
	p := layouttest.Parse("The SCO’s members met in 2006.{1} They agreed.\n\nA second paragraph.")
	want := texts(annotate(t, "The SCO’s members met in 2006.{1} They agreed.\n\nA second paragraph."))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				doc, err := pipeline.NewDocument("c", "c", p.Text)
				if err != nil {
					t.Error(err)
					return
				}
				for _, a := range []pipeline.Annotator{p, sentences.Annotator{}, tokens.Annotator{}} {
					if err := a.Annotate(context.Background(), doc); err != nil {
						t.Error(err)
						return
					}
				}
				if got := texts(doc); !slices.Equal(got, want) {
					t.Errorf("got %q, want %q", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
