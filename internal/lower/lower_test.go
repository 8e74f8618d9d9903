package lower

import (
	"strings"
	"testing"
)

func TestAppend(t *testing.T) {
	tests := []string{"", "abc", "ABC", "Straße", "İstanbul", "ΣΟΦΙΑ", "KELVIN K", "ǅemal", "a\xffB", "\xe2\x80", "\xef\xbf\xbd", "C\xc3", "Éire", "ſome", "Ⅻ", "ÀÉÎ 123 !"}
	for _, s := range tests {
		if got, want := string(Append([]byte("x"), s)), "x"+strings.ToLower(s); got != want {
			t.Errorf("Append(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzAppend(f *testing.F) {
	f.Add("Hello, Wörld")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(Append(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("Append(%q) = %q, want %q", s, got, want)
		}
	})
}
