package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A definition is one abbreviation defined in the text, as word indices:
// the short form is words[sf], the long form words[lf0..lf1].
type definition struct {
	sf       int
	lf0, lf1 int
}

// findDefinitions finds `Long Form (SF)` and `SF (Long Form)` in each
// sentence, following Schwartz and Hearst, "A simple algorithm for
// identifying abbreviation definitions in biomedical text" (PSB 2003): a
// short form is one or two words of at most ten characters; the long form
// is the shortest run of words ending before the parenthesis whose letters
// contain the short form's letters in order, its first letter starting a
// word, within min(|SF|+5, 2|SF|) words.
func findDefinitions(text string, ws []word) []definition {
	var out []definition
	for i := 0; i < len(ws); i++ {
		// A parenthesis opens between ws[i-1] and ws[i].
		if i == 0 || ws[i].sent != ws[i-1].sent {
			continue
		}
		between := text[ws[i-1].end:ws[i].start]
		open := strings.IndexByte(between, '(')
		if open < 0 || strings.ContainsAny(between[open+1:], ")") {
			continue
		}
		// Find the closing parenthesis within the sentence.
		j := i
		for j+1 < len(ws) && ws[j+1].sent == ws[i].sent && !strings.ContainsAny(text[ws[j].end:ws[j+1].start], "()") {
			j++
		}
		if j+1 < len(ws) && ws[j+1].sent == ws[i].sent {
			if !strings.HasPrefix(strings.TrimSpace(text[ws[j].end:ws[j+1].start]), ")") {
				continue
			}
		} else {
			rest := text[ws[j].end:]
			if k := strings.IndexAny(rest, "()"); k < 0 || rest[k] != ')' {
				continue
			}
		}
		inner := text[ws[i].start:ws[j].end]
		if j == i && isShortForm(inner) {
			// Long Form (SF): look back at most min(|SF|+5, 2|SF|) words.
			n := utf8.RuneCountInString(inner)
			limit := min(n+5, 2*n)
			first := i - 1
			for first > 0 && ws[first-1].sent == ws[i].sent && i-first < limit && ws[first].gap != gapOther {
				first--
			}
			if d, ok := longForm(text, ws, inner, first, i-1); ok {
				d.sf = i
				out = append(out, d)
			}
		} else if j > i && isShortForm(ws[i-1].text) && isAllCaps(ws[i-1].text) {
			// SF (Long Form).
			sf := ws[i-1].text
			if j-i+1 <= min(len(sf)+5, 2*len(sf)) {
				if d, ok := longForm(text, ws, sf, i, j); ok {
					d.sf = i - 1
					out = append(out, d)
				}
			}
		}
		i = j
	}
	return out
}

// longForm matches sf against the words ws[first..last] and returns the
// long form it finds there.
func longForm(text string, ws []word, sf string, first, last int) (definition, bool) {
	lf := text[ws[first].start:ws[last].end]
	k, ok := matchLongForm(sf, lf)
	if !ok {
		return definition{}, false
	}
	start := ws[first].start + k
	for first < last && ws[first].end <= start {
		first++
	}
	long := text[ws[first].start:ws[last].end]
	if len(long) <= len(sf) || strings.Contains(long, sf) {
		return definition{}, false
	}
	return definition{lf0: first, lf1: last}, true
}

// isShortForm reports whether s can be a short form: one word of two to
// ten characters with a capital letter, starting with a letter or digit.
func isShortForm(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 10 || strings.ContainsAny(s, " \n\t") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// matchLongForm matches the short form's letters and digits, right to
// left, against lf, and returns the byte offset in lf where the long form
// starts. The first character of sf must start a word of lf.
func matchLongForm(sf, lf string) (int, bool) {
	s := []rune(strings.ToLower(sf))
	l := []rune(lf)
	li := len(l) - 1
	for si := len(s) - 1; si >= 0; si-- {
		c := s[si]
		if !isWordRune(c) {
			continue
		}
		for li >= 0 && (unicode.ToLower(l[li]) != c || si == 0 && li > 0 && isWordRune(l[li-1])) {
			li--
		}
		if li < 0 {
			return 0, false
		}
		li--
	}
	return len(string(l[:li+1])), true
}
