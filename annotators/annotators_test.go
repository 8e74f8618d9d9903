package annotators

import (
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "paragraphs page_breaks footnote_refs sentences tokens entities abbreviations dates quotations enumerations quantities"
	if got := strings.Join(p.Layers(), " "); got != want {
		t.Errorf("layers:\ngot  %s\nwant %s", got, want)
	}
	if _, err := New(Options{DCT: "15/06/2006"}); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("bad DCT: got %v, want an error", err)
	}
}
