package quotations

import (
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/annotators/layout"
)

// A family groups the quotation marks that pair with each other: “…”, „…“
// and ”…” are one family, ‘…’ and ‚…‘ another, and straight quotes pair only
// with straight quotes.
type family uint8

const (
	curlyDouble family = iota + 1
	curlySingle
	straightDouble
	straightSingle
	guillemet
	singleGuillemet
)

// multiParagraph reports whether a quotation in the family may run over
// paragraphs, repeating its opening mark at the start of each.
func (f family) multiParagraph() bool {
	return f == curlyDouble || f == straightDouble || f == guillemet
}

// A role says what a mark may do.
type role uint8

const (
	opens role = 1 << iota
	closes
	// weak marks a closing mark that may also be an apostrophe (members’,
	// goin’): it closes only if nothing better follows.
	weak
)

// A mark is one quotation mark in the text.
type mark struct {
	pos, end int
	fam      family
	role     role
}

// A pair is a matched opening and closing mark.
type pair struct {
	open, close mark
}

// maxDepth bounds the stack of pending opening marks. Real text nests
// quotations two or three deep; the bound keeps a run of unmatched marks
// from making the search for an opener quadratic.
const maxDepth = 32

// findPairs matches quotation marks within each paragraph, and across
// paragraphs for double quotes that reopen at the start of the next
// paragraph. A mark left unmatched at the end of its paragraph is dropped,
// so an unclosed quote never reaches beyond its paragraph (or its run of
// continued paragraphs).
func findPairs(text string, paras []layout.Paragraph, notes []layout.FootnoteRef) []pair {
	var (
		out   []pair
		marks []mark
		next  []int
		carry *mark // a double quote continuing from the previous paragraph
	)
	fn := 0 // index into notes, advanced monotonically
	for pi, p := range paras {
		marks = marks[:0]
		for i := p.Start; i < p.End; i++ {
			// Each quotation mark starts with one of these bytes, and
			// none of them occurs inside another character.
			if c := text[i]; c != '"' && c != '\'' && c != 0xE2 && c != 0xC2 {
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isQuoteMark(r) {
				continue
			}
			for fn < len(notes) && notes[fn].Start < i+size {
				fn++
			}
			noteNext := fn < len(notes) && notes[fn].Start == i+size
			if m, ok := classify(text, p.Start, p.End, i, r, size, noteNext); ok {
				marks = append(marks, m)
			}
			i += size - 1
		}
		// next[k] is the index of the next mark of the same family, or -1.
		next = next[:0]
		for range marks {
			next = append(next, -1)
		}
		var last [singleGuillemet + 1]int
		for f := range last {
			last[f] = -1
		}
		for k := len(marks) - 1; k >= 0; k-- {
			next[k] = last[marks[k].fam]
			last[marks[k].fam] = k
		}

		var stack []mark
		k := 0
		if carry != nil {
			if len(marks) > 0 && marks[0].pos == p.Start && marks[0].fam == carry.fam && marks[0].role&opens != 0 && p.Kind == paras[pi-1].Kind {
				stack = append(stack, *carry)
				k = 1 // the reopening mark continues the quotation
			}
			carry = nil
		}
		for ; k < len(marks); k++ {
			m := marks[k]
			at := -1
			for j := len(stack) - 1; j >= 0 && m.role&closes != 0; j-- {
				if stack[j].fam == m.fam {
					at = j
					break
				}
			}
			switch {
			case at >= 0 && m.role&weak != 0:
				// members’ closes only if the next mark of its family
				// cannot close: otherwise that one is the closing mark.
				if n := next[k]; n >= 0 && marks[n].role&(opens|closes) == closes {
					continue
				}
			case at < 0 && m.role&opens == 0:
				continue
			case at < 0:
				if len(stack) < maxDepth {
					stack = append(stack, m)
				}
				continue
			}
			if hasWord(text[stack[at].end:m.pos]) {
				out = append(out, pair{stack[at], m})
			}
			stack = stack[:at]
		}
		for _, m := range stack {
			if m.fam.multiParagraph() && pi+1 < len(paras) {
				carry = &m
				break
			}
		}
	}
	return out
}

// classify decides what the quotation mark r at text[i:i+size] may do,
// from the characters on each side of it. It reports false for a mark that
// cannot be a quotation mark here (an apostrophe, a prime, a stray mark).
func classify(text string, start, end, i int, r rune, size int, noteNext bool) (mark, bool) {
	p, n := ' ', ' '
	if i > start {
		p, _ = utf8.DecodeLastRuneInString(text[start:i])
	}
	if i+size < end && !noteNext {
		n, _ = utf8.DecodeRuneInString(text[i+size:])
	}
	spaceP, spaceN := unicode.IsSpace(p), unicode.IsSpace(n)
	alnumP, alnumN := isAlnum(p), isAlnum(n)
	// A mark opens where a word starts after it, and closes where a word
	// ends before it.
	left := !spaceN && (spaceP || isOpenPunct(p) || isQuoteMark(p) || isDash(p))
	right := !spaceP && !isOpenPunct(p) && (spaceN || !alnumN || alnumN && unicode.IsDigit(n) && !alnumP)

	m := mark{pos: i, end: i + size}
	switch r {
	case '“':
		m.fam, m.role = curlyDouble, pick(left, right, opens, closes)
	case '„':
		m.fam, m.role = curlyDouble, opens
	case '”':
		m.fam, m.role = curlyDouble, pick(right, left, closes, opens)
	case '‘':
		if elision(text[i+size : end]) {
			return m, false
		}
		m.fam, m.role = curlySingle, pick(left, right, opens, closes)
	case '‚':
		m.fam, m.role = curlySingle, opens
		if alnumP {
			return m, false // a misplaced comma
		}
	case '’':
		// ’ is the apostrophe as well as the closing mark, so it never
		// opens: China’s, ’90s, rock ’n’ roll.
		if !right || rockNRoll(text[start:i]) {
			return m, false
		}
		m.fam, m.role = curlySingle, closes
		if alnumP {
			m.role |= weak
		}
	case '"':
		m.fam, m.role = straightDouble, both(left, right)
		if right && !left && unicode.IsDigit(p) {
			m.role |= weak // 12" may be inches
		}
	case '\'':
		if alnumP && alnumN || left && !right && elision(text[i+size:end]) || right && !left && rockNRoll(text[start:i]) {
			return m, false
		}
		m.fam, m.role = straightSingle, both(left, right)
		if right && !left && alnumP {
			m.role |= weak
		}
	case '«':
		// French sets guillemets off with spaces, so they need no word
		// beside them; German reverses them (»…«).
		m.fam, m.role = guillemet, pick(!(right && !left), true, opens, closes)
	case '»':
		m.fam, m.role = guillemet, pick(!(left && !right), true, closes, opens)
	case '‹':
		m.fam, m.role = singleGuillemet, pick(!(right && !left), true, opens, closes)
	case '›':
		m.fam, m.role = singleGuillemet, pick(!(left && !right), true, closes, opens)
	}
	if m.role == 0 {
		return m, false
	}
	return m, true
}

// pick returns a if first holds, else b if second holds, else nothing.
func pick(first, second bool, a, b role) role {
	switch {
	case first:
		return a
	case second:
		return b
	}
	return 0
}

// both returns the roles a straight mark may take on.
func both(left, right bool) role {
	var r role
	if left {
		r |= opens
	}
	if right {
		r |= closes
	}
	return r
}

// elision reports whether a mark followed by rest is an apostrophe
// standing for omitted letters at the start of a word: ’90s, 'em, 'tis,
// 'twas, 'n'.
func elision(rest string) bool {
	w := 0
	for w < len(rest) && w < 8 && isAlnumByte(rest[w]) {
		w++
	}
	word := rest[:w]
	if w < len(rest) && isAlnumByte(rest[w]) {
		return false // a longer word
	}
	if len(word) == 3 && isDigit(word[0]) && isDigit(word[1]) && word[2] == 's' {
		return true // ’90s
	}
	if len(word) == 2 && isDigit(word[0]) && isDigit(word[1]) && (w == len(rest) || rest[w] == ' ') {
		return true // class of ’98
	}
	switch word {
	case "em", "tis", "twas", "til":
		return true
	case "n":
		r, _ := utf8.DecodeRuneInString(rest[w:])
		return r == '\'' || r == '’' || r == '‘'
	}
	return false
}

// rockNRoll reports whether before ends with " ’n" (or "'n"), so that the
// ’ that follows is the second apostrophe of rock ’n’ roll.
func rockNRoll(before string) bool {
	if len(before) == 0 || before[len(before)-1] != 'n' {
		return false
	}
	before = before[:len(before)-1]
	r, size := utf8.DecodeLastRuneInString(before)
	if r != '’' && r != '\'' && r != '‘' {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(before[:len(before)-size])
	return len(before) == size || unicode.IsSpace(p)
}

func isQuoteMark(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '„', '‘', '’', '‚', '«', '»', '‹', '›':
		return true
	}
	return false
}

func isOpenPunct(r rune) bool {
	return r == '(' || r == '[' || r == '{' || r == '/' || r == '<'
}

func isDash(r rune) bool {
	return r == '—' || r == '–' || r == '―'
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isAlnumByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// hasWord reports whether s contains a letter or digit.
func hasWord(s string) bool {
	for _, r := range s {
		if isAlnum(r) {
			return true
		}
	}
	return false
}
