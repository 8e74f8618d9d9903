package quotations

import (
	"slices"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/pipeline"
)

// TestSliceLexesAsWhole checks that the items of any window, whether they
// come from the spans lexed around the quotations or are lexed anew, are
// those of the whole text.
func TestSliceLexesAsWhole(t *testing.T) {
	tests := []struct{ name, in string }{
		{"essay", essay(t)},
		{"footnotes", "The court stated that ‘no appeal is possible.’3 Later cases disagreed.12\n\nSee the report,4 and the members’ votes;5 rock ’n’ roll."},
		{"no spaces", strings.Repeat("“中文‘引号’和China’s-well&good”。", 40)},
		{"marks and joiners", strings.Repeat("Ruth Kim-Lee's ‘e\u0301te\u0301’ — “A&B,” x-'y' 'em\t\r\n", 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := annotate(t, tt.in)
			whole := newAnalysis(doc, nil, layout.FootnoteRefs.Get(doc))
			all := whole.lex(nil, 0, len(doc.Text))
			for _, step := range []int{7, 61, 409} {
				a := newAnalysis(doc, nil, layout.FootnoteRefs.Get(doc))
				var qs []quote
				for s := 0; s < len(doc.Text); s += step * 3 {
					qs = append(qs, quote{Span: pipeline.Span{Start: s, End: min(s+step, len(doc.Text))}})
				}
				a.lexAround(qs)
				for from := 0; from < len(doc.Text); from += 13 {
					for _, n := range []int{0, 5, 50, 300, 2000} {
						to := min(from+n, len(doc.Text))
						if got, want := a.slice(from, to), within(all, from, to); !slices.Equal(got, want) {
							t.Fatalf("step %d: slice(%d, %d): got %v, want %v", step, from, to, got, want)
						}
					}
				}
			}
		})
	}
}
