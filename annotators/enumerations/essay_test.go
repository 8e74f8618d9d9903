package enumerations_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/enumerations"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

const essay = "../../corpus/sco-essay.txt"

// brief prints an enumeration with its white space collapsed and each item
// cut to its first and last three words.
func brief(doc *pipeline.Document, e enumerations.Enumeration) string {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	var b strings.Builder
	b.WriteString(e.Style)
	if e.Announced > 0 {
		fmt.Fprintf(&b, " announced=%d", e.Announced)
	}
	if e.CountMismatch {
		b.WriteString(" mismatch")
	}
	if e.Intro != nil {
		fmt.Fprintf(&b, " intro=%q", norm(doc.Text[e.Intro.Start:e.Intro.End]))
	}
	for _, it := range e.Items {
		w := strings.Fields(it.Text)
		text := norm(it.Text)
		if len(w) > 6 {
			text = strings.Join(w[:3], " ") + " … " + strings.Join(w[len(w)-3:], " ")
		}
		fmt.Fprintf(&b, "\n  %s | %s", norm(it.Marker), text)
	}
	return b.String()
}

// TestEssay checks the enumerations of the essay, listed by hand.
func TestEssay(t *testing.T) {
	data, err := os.ReadFile(essay)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`ordinal announced=3 intro="Its major accomplishments include three outcomes"
  First, | confidence-building measures have … of international relations
  Second, | there has been … in the region
  Third, | the SCO has … security and stability`,
		`letter intro="The heads of the states decided to increase significantly the security cooperation on the basis of the achievements made so far, including particularly the following measures"
  a. | promoting close cooperation … the member states
  b. | working out effective … security and stability
  c. | coordinating the security-ensuring … the member states
  d. | cooperating in researching … challenges and threats
  e. | establishing new effective … challenges and threats
  f. | combating the smuggling … mercenary troops activities
  g. | giving special attention … their launching vehicles
  h. | taking precautionary measures against cyber-terrorism
  i. | drafting uniform approaches … of terrorist sympathies`,
		`ordinal announced=3 intro="Three points should be emphasised"
  First, | these remarks are … in SCO countries
  Second, | the SCO has … those relevant parties
  Third, | as the situation … and other parties`,
		`ordinal intro="The strategic significance of the SCO’s success for the security architecture in Asia has a number of dimensions"
  First, | the SCO has … the Eurasian landmass
  Second, | the SCO has … East China Sea
  Third, | the SCO’s anti-terror … as a whole
  Fourth, | the SCO’s energy … development of Asia`,
		`ordinal announced=3 intro="Three factors are extremely important to realise this aim"
  The first is | to be pragmatic … to economic issues
  The second point is | to persist in … Russia as well
  The third point is | to move ahead … and repetitive construction`,
		`paren-number intro="Several practical steps suggest themselves"
  (1) | RATS should be … joint anti-terror exercises
  (2) | a proposed Central … an arms race
  (3) | further campaigns should … of the country`,
		`ordinal intro="In reviewing the successful journey that the SCO has undertaken and examining its future development, the following points merit special attention"
  First, | regional cooperation must … a careful manner
  Second, | regional security cooperation … non-conventional security threats
  And finally, | it must be … facilitates the other`,
	}
	doc := pipelinetest.Annotate(t, string(data), stages()...)
	got := enumerations.Layer.Get(doc)
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w string
		if i < len(got) {
			g = brief(doc, got[i])
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("enumeration %d:\ngot  %s\nwant %s", i, g, w)
		}
	}
}

func BenchmarkEnumerations(b *testing.B) {
	data, err := os.ReadFile(essay)
	if err != nil {
		b.Fatal(err)
	}
	doc := pipelinetest.Annotate(b, string(data), stages()[:2]...)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if err := (enumerations.Annotator{}).Annotate(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
