// Package lower lower-cases text into a caller's buffer. Annotators look
// words up in lower case many times a document; appending to a buffer on
// the caller's stack spares the string strings.ToLower allocates.
package lower

import (
	"unicode"
	"unicode/utf8"
)

// Append appends s in lower case to b, as strings.ToLower writes it: each
// rune mapped by unicode.ToLower, an invalid byte as U+FFFD.
func Append(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += n
	}
	return b
}
