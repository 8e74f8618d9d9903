package entities

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/internal/lower"
)

// A word is a run of letters and digits inside a token, with internal
// hyphens and apostrophes (al-Qaeda, O’Brien) and dotted initials (U.S.)
// kept whole. Punctuation, a possessive ’s and footnote numbers are not
// part of any word.
type word struct {
	start, end int
	text       string
	key        string // wordKey(text), for gazetteer look-ups
	sent       int32  // index of the sentence
	form       int32  // index of the first word with the same text
	gap        gap    // what separates this word from the previous one
	poss       bool   // followed by a possessive ’s, which ends any name
	initial    bool   // first word of its sentence
	function   bool   // a function word (see closedClass) in any case
	proper     bool   // its token is tagged NNP, a singular proper noun
}

// A gap classifies the bytes between two consecutive words.
type gap uint8

const (
	gapSpace gap = iota // white space only, line breaks included
	gapDash             // a hyphen or en dash with no space: Xinjiang–Shanghai
	gapComma            // a comma and white space
	gapOther            // anything else: a new sentence, brackets, quotes…
)

// splitWords appends the words of text[start:end] to ws. cut(i, j) returns
// where a word at text[i:j] must end because a footnote number starts
// there (i if the whole word is one).
func splitWords(ws []word, text string, start, end int, cut func(int, int) int) []word {
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < end {
			if isWordByte(text[j]) {
				j++ // the common case, without decoding
				continue
			}
			r, n := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r) {
				j += n
				continue
			}
			if (r == '-' || r == '\'' || r == '’' || r == '.') && j+n < end {
				next, _ := utf8.DecodeRuneInString(text[j+n : end])
				if r == '.' {
					// Dotted initials only: U.S, then the final dot below.
					if isInitials(text[i:j]) && unicode.IsUpper(next) {
						j += n
						continue
					}
					break
				}
				if isWordRune(next) && !(r != '-' && isPossessive(text, j+n, end)) {
					j += n
					continue
				}
			}
			break
		}
		if j < end && text[j] == '.' && isInitials(text[i:j]) && strings.Contains(text[i:j], ".") {
			j++
		}
		if c := cut(i, j); c < j {
			if c > i {
				ws = append(ws, word{start: i, end: c, text: text[i:c]})
			}
			i = j
			continue
		}
		ws = append(ws, word{start: i, end: j, text: text[i:j]})
		i = j
		if k := possessiveEnd(text, j, end); k > 0 {
			ws[len(ws)-1].poss = true
			i = k
		}
	}
	return ws
}

// isPossessive reports whether text[i:end] starts with s followed by a non-word rune.
func isPossessive(text string, i, end int) bool {
	if i >= end || (text[i] != 's' && text[i] != 'S') {
		return false
	}
	if i+1 == end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i+1 : end])
	return !isWordRune(r)
}

// possessiveEnd returns the end of a possessive ’s or 's at text[i:], or 0.
func possessiveEnd(text string, i, end int) int {
	if i >= end || text[i] != '\'' && text[i] != "’"[0] {
		return 0 // the common case
	}
	for _, ap := range []string{"’", "'"} {
		if strings.HasPrefix(text[i:end], ap) && isPossessive(text, i+len(ap), end) {
			return i + len(ap) + 1
		}
	}
	return 0
}

func isInitials(s string) bool {
	for k, r := range s {
		if k%2 == 0 && !(r >= 'A' && r <= 'Z') || k%2 == 1 && r != '.' {
			return false
		}
	}
	return s != ""
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWordByte(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isWordByte reports whether c is an ASCII letter or digit.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// classifyGap says what the bytes between two words are.
func classifyGap(s string) gap {
	t := strings.TrimSpace(s)
	switch {
	case t == "" && s != "":
		return gapSpace
	case s == "-" || s == "–":
		return gapDash
	case t == "," && strings.HasPrefix(s, ","):
		return gapComma
	}
	return gapOther
}

// isCap reports whether w starts with an upper-case letter.
func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isAllCaps reports whether s has two or more letters, all upper case
// (digits and hyphens allowed): SCO, UN, G-20.
func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// key normalises a word for gazetteer look-up: lower case, one apostrophe,
// and British and American spellings of a few name heads made equal.
func key(s string) string { return string(appendKey(nil, s)) }

// appendKey appends key(s) to b.
func appendKey(b []byte, s string) []byte {
	start := len(b)
	for {
		i := strings.Index(s, "’")
		if i < 0 {
			break
		}
		b = append(lower.Append(b, s[:i]), '\'')
		s = s[i+len("’"):]
	}
	b = lower.Append(b, s)
	k := b[start:]
	switch {
	case bytes.HasSuffix(k, []byte("isation")), bytes.HasSuffix(k, []byte("isations")):
		k[bytes.Index(k, []byte("isation"))+len("i")] = 'z'
	case string(k) == "programme", string(k) == "programmes":
		b = append(b[:start+len("program")], k[len("programme"):]...)
	case string(k) == "centre", string(k) == "centres":
		copy(k[len("cent"):], "er")
	case string(k) == "defence":
		k[len("defen")] = 's'
	case string(k) == "labour":
		b = append(b[:start+len("labo")], 'r')
	}
	return b
}

// appendWordKey appends wordKey(w) to b.
func appendWordKey(b []byte, w string) []byte {
	for {
		i := strings.IndexByte(w, '-')
		if i < 0 {
			return appendKey(b, w)
		}
		b = append(appendKey(b, w[:i]), '-')
		w = w[i+1:]
	}
}
