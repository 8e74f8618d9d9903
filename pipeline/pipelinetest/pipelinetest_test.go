package pipelinetest

import (
	"testing"

	"github.com/gloss-nlp/gloss/pipeline"
)

type mark struct {
	pipeline.TextSpan
	Kind  string         `json:"kind"`
	Count int            `json:"count,omitempty"`
	Ref   *pipeline.Span `json:"ref,omitempty"`
}

func TestLine(t *testing.T) {
	doc, _ := pipeline.NewDocument("t", "t", "Since 1996, the ‘Shanghai Five’ grew.")
	tests := []struct {
		name string
		mark mark
		want string
	}{
		{"plain", mark{TextSpan: doc.TextSpan(6, 10), Kind: "DATE"}, `6:10 "1996" kind=DATE`},
		{"multibyte", mark{TextSpan: doc.TextSpan(16, 35), Kind: "scare", Count: 2}, `16:35 "‘Shanghai Five’" kind=scare count=2`},
		{"spaced value", mark{TextSpan: doc.TextSpan(0, 5), Kind: "a b"}, `0:5 "Since" kind="a b"`},
		{"nested", mark{TextSpan: doc.TextSpan(0, 5), Kind: "x", Ref: &pipeline.Span{Start: 1, End: 2}}, `0:5 "Since" kind=x ref={"start":1,"end":2}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(doc, tt.mark); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
