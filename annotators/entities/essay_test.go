package entities

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

const essayPath = "../../corpus/sco-essay.txt"

func stages(a Annotator) []pipeline.Annotator {
	return []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}, a}
}

// TestEssay prints the entity table of the essay for a reader to check.
func TestEssay(t *testing.T) {
	data, err := os.ReadFile(essayPath)
	if err != nil {
		t.Skip(err)
	}
	doc := pipelinetest.Annotate(t, string(data), stages(Annotator{})...)
	var b strings.Builder
	for _, e := range Layer.Get(doc) {
		fmt.Fprintf(&b, "%6d %-7s %-12s %q %s\n", e.Start, e.Label, e.Source, e.Text, e.Canonical)
	}
	for _, a := range Abbreviations.Get(doc) {
		fmt.Fprintf(&b, "abbr %q = %q\n", a.Text, a.Long.Text)
	}
	t.Log("\n" + b.String())
}
