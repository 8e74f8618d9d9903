package textgen

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDocument(t *testing.T) {
	a, b := Document(7, 2000), Document(7, 2000)
	if a != b {
		t.Error("same seed, different text")
	}
	if a == Document(8, 2000) {
		t.Error("different seeds, same text")
	}
	if len(a) < 2000 || !utf8.ValidString(a) {
		t.Errorf("got %d bytes (valid UTF-8: %v), want at least 2000", len(a), utf8.ValidString(a))
	}
	for _, line := range strings.Split(a, "\n") {
		if len(line) > 100 {
			t.Errorf("line not wrapped: %q", line)
		}
	}
}
