package quantities_test

import (
	"os"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/dates"
	"github.com/gloss-nlp/gloss/annotators/quantities"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

const essay = "../../corpus/sco-essay.txt"

// TestEssay checks every quantity of the essay, listed by hand. Years,
// dates, footnote numbers, list markers, ordinals ("twenty-first") and
// "One" as a pronoun are not quantities.
func TestEssay(t *testing.T) {
	data, err := os.ReadFile(essay)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"eight years|8|year",
		"three outcomes|3|outcome",
		"more than 3000\u00a0km|3000|km|MORE_THAN",
		"six years|6|year",
		"less than three months|3|month|LESS_THAN",
		"six founding states|6|state",
		"Three points|3|point",
		"nine close neighbours|9|neighbour",
		"seven SCO members|7|member",
		"about three quarters|0.75|fraction|APPROX",
		"14 799 km|14799|km",
		"over half|0.5|fraction|MORE_THAN",
		"230 million Muslims|230000000|Muslim",
		"60–70 percent|[60,70]|percent",
		"20 million tonnes per year|20000000|tonne/year",
		"500 thousand tonnes|500000|tonne",
		"5-year|5|year",
		"10-year|10|year",
		"Three factors|3|factor",
	}
	check := func(t *testing.T, want []string, st ...pipeline.Annotator) {
		doc := pipelinetest.Annotate(t, string(data), st...)
		var got []string
		for _, q := range quantities.Layer.Get(doc) {
			got = append(got, show(q))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	t.Run("alone", func(t *testing.T) { check(t, want, stages()...) })
	// With the dates stage before it, the durations and the age are the
	// dates layer's, while "per year" (a set, to dates) stays in the rate.
	var withDates []string
	for _, w := range want {
		switch w {
		case "eight years|8|year", "six years|6|year", "less than three months|3|month|LESS_THAN", "5-year|5|year", "10-year|10|year":
		default:
			withDates = append(withDates, w)
		}
	}
	t.Run("after dates", func(t *testing.T) { check(t, withDates, withDatesStages()...) })
}

func withDatesStages() []pipeline.Annotator {
	st := stages()
	return append(st[:len(st)-1:len(st)-1], dates.Annotator{}, st[len(st)-1])
}

func BenchmarkQuantities(b *testing.B) {
	data, err := os.ReadFile(essay)
	if err != nil {
		b.Fatal(err)
	}
	st := stages()
	doc := pipelinetest.Annotate(b, string(data), st[:len(st)-1]...)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if err := (quantities.Annotator{}).Annotate(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
