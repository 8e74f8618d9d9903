// Package tokens splits sentences into tokens with part-of-speech tags and
// Snowball stems.
//
// The tokenizer works on the document's bytes, so every token has exact
// offsets, and follows Penn Treebank conventions where they matter to the
// tagger: a possessive or clitic ('s, ’s, 're, n't) is split off, quotes,
// brackets and dashes are tokens of their own, while hyphenated words
// (al-Qaeda), numbers (3.5, 1,000, 14 799), abbreviations (U.S., e.g.,
// etc.), URLs and email addresses stay whole. A footnote reference of the
// layout layer is a token of its own, tagged CD, and is left out of the
// tagger's input so that it does not disturb its neighbours' tags.
//
// Tags come from prose's averaged perceptron, with its trained weights, in
// a faster implementation (see tagger.go). Stems are Snowball English stems
// of the lower-cased token; a token with no letter is its own stem.
package tokens

import (
	"context"
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/pipeline"
)

// A Token is a word, number or punctuation mark, with its Penn Treebank
// part-of-speech tag and its Snowball English stem.
type Token struct {
	pipeline.TextSpan
	POS  string `json:"pos"`
	Stem string `json:"stem"`
}

// Layer is the tokens layer.
var Layer = pipeline.NewLayer[Token]("tokens")

// Annotator tokenizes, tags and stems each sentence.
type Annotator struct{}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string    { return "tokens" }
func (Annotator) Version() string { return "1.0.0" }
func (Annotator) Requires() []string {
	return []string{sentences.Layer.Name(), layout.FootnoteRefs.Name()}
}
func (Annotator) Provides() []string { return []string{Layer.Name()} }

//go:embed data/emoticons.txt
var emoticonList string

// emoticons are the words prose tags SYM.
var emoticons = func() map[string]bool {
	m := make(map[string]bool)
	for _, e := range strings.Fields(emoticonList) {
		m[e] = true
	}
	return m
}()

// emoticonStart marks the first bytes of emoticons, to skip most lookups.
var emoticonStart = func() (b [256]bool) {
	for e := range emoticons {
		b[e[0]] = true
	}
	return b
}()

// Annotate sets the tokens layer.
func (Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	text := doc.Text
	refs := layout.FootnoteRefs.Get(doc)
	t := taggers.Get().(*tagger)
	defer t.release()
	// Tokenize first, so that out is allocated once.
	sents := sentences.Layer.Get(doc)
	spans, bounds := t.spans[:0], t.bounds[:0] // bounds: each sentence's first span
	r := 0
	for _, s := range sents {
		for r < len(refs) && refs[r].Start < s.Start {
			r++
		}
		bounds = append(bounds, len(spans))
		spans = tokenize(text, s.Start, s.End, refs[r:], spans)
	}
	bounds = append(bounds, len(spans))
	t.spans, t.bounds = spans, bounds
	out := make([]Token, 0, len(spans))
	for i, s := range sents {
		if err := ctx.Err(); err != nil {
			return err
		}
		spans := spans[bounds[i]:bounds[i+1]]
		t.begin()
		stems := t.stems[:0] // each word's own entry in t.words, for its stem
		open := false        // inside ‘…’ quotes: ’ closes them
		for _, sp := range spans {
			if sp.ref {
				continue
			}
			w := text[sp.start:sp.end]
			word := t.lookup(w)
			stems = append(stems, word)
			switch w { // quotes the tagger sees in their Penn Treebank form
			case "‘":
				open = true
			case "’":
				if open {
					word, open = t.lookup("''"), false
				}
			case `"`, "'":
				word = t.lookup(straightQuote(text, s.Start, sp.start, w))
			}
			t.add(word)
		}
		t.stems = stems
		tags := t.end()
		k := 0
		for _, sp := range spans {
			tok := Token{TextSpan: doc.TextSpan(sp.start, sp.end)}
			if sp.ref {
				tok.POS = "CD"
				tok.Stem = t.words[t.lookup(tok.Text)].stem
			} else {
				tok.POS = tags[k]
				tok.Stem = t.words[stems[k]].stem
				k++
			}
			out = append(out, tok)
		}
	}
	Layer.Set(doc, out)
	return nil
}

// straightQuote returns the Penn Treebank form of the straight quote q at
// i in a sentence starting at start: “ or ` when it opens (at the start or
// after white space or a bracket), ” or ' when it closes.
func straightQuote(text string, start, i int, q string) string {
	opening := i == start || isSpace(text[i-1]) || strings.IndexByte("([{", text[i-1]) >= 0
	switch {
	case q == `"` && opening:
		return "``"
	case q == `"`:
		return "''"
	case opening:
		return "`"
	}
	return q
}

// stemWord returns the Snowball English stem of the lower-cased w, or w
// itself if it has no letter.
func stemWord(w string) string {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return english.Stem(strings.ToLower(w), false)
		}
	}
	return w
}

// stem returns stemWord(w): the lexicon's stem if w in lower case is one
// of its words, else Snowball's. norm is the tagger's normalized
// word for w and e its entry, saving a lookup when norm is w in lower
// case.
func (t *tagger) stem(w string, norm []byte, e int32) string {
	if !asciiEqualFold(norm, w) {
		e = t.lowerEntry(w)
	}
	if e >= 0 {
		if s := t.m.stem(int(e)); s != "" {
			return s
		}
	}
	return stemWord(w)
}

// asciiEqualFold reports whether b and the ASCII s are equal under ASCII
// case folding.
func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c, d := s[i], b[i]
		if c >= utf8.RuneSelf {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// lowerEntry returns the lexicon entry of an ASCII w in lower case, or -1.
func (t *tagger) lowerEntry(w string) int32 {
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return -1
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return t.m.lookup(w)
	}
	t.lower = t.lower[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		t.lower = append(t.lower, c)
	}
	return t.m.lookupBytes(t.lower)
}

// A span is one token of a sentence; ref marks a footnote reference.
type span struct {
	start, end int
	ref        bool
}

// tokenize appends the tokens of text[start:end] to out. refs are the
// footnote references from start on.
func tokenize(text string, start, end int, refs []layout.FootnoteRef, out []span) []span {
	next := end // start of the next footnote reference
	if len(refs) > 0 && refs[0].Start < end {
		next = refs[0].Start
	}
	mark := -1 // the next ":" or "@", which a link needs unless it starts with "www."
	for i := start; i < end; {
		if i == next {
			out = append(out, span{refs[0].Start, min(refs[0].End, end), true})
			i = min(refs[0].End, end)
			refs = refs[1:]
			next = end
			if len(refs) > 0 && refs[0].Start < end {
				next = refs[0].Start
			}
			continue
		}
		c := text[i]
		if isSpace(c) {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				i += n
				continue
			}
		}
		lim := next // a token never runs into a footnote reference
		j := i + n
		switch {
		case isAlnum(r) && (i == start || !isAlnumBefore(text, i)) && mayLink(text, i, lim, end, &mark) && linkEnd(text, i, lim) > i:
			j = linkEnd(text, i, lim)
		case unicode.IsDigit(r):
			j = word(text, number(text, i, lim), lim) // 5th, 1990s, 5-year
		case isLetter(r):
			j = word(text, i, lim)
			j = abbreviation(text, i, j, lim, end)
		case isApostrophe(r):
			if k := clitic(text, i, lim); k > i && i > start && !isSpace(text[i-1]) {
				j = k
			} else if c == '\'' && j < lim && text[j] == '\'' {
				j++ // ''
			}
		case c == '`' && j < lim && text[j] == '`':
			j++ // ``
		case c == '.' || c == '-':
			for j < lim && text[j] == c {
				j++ // ... or --
			}
		}
		out = append(out, span{i, j, false})
		i = j
	}
	return out
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isAlnum(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return isASCIILetter(byte(r)) || isDigit(byte(r))
	case '\u2000' <= r && r <= '\u206f':
		return false // General Punctuation (curly quotes, dashes) has none
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func isAlnumBefore(text string, i int) bool {
	if c := text[i-1]; c < utf8.RuneSelf {
		return isASCIILetter(c) || isDigit(c)
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isAlnum(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// word returns the end of the word starting at i: letters, digits and
// marks, joined by hyphens (al-Qaeda) and by apostrophes that do not start
// a clitic (O'Brien). "n't" is left for the next token, as in the Penn
// Treebank: "don't" is "do" and "n't".
func word(text string, i, lim int) int {
	j := i
	for j < lim {
		if c := text[j]; isASCIILetter(c) || isDigit(c) {
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		switch {
		case isAlnum(r):
			j += n
			continue
		case r == '-' || r == '‑':
			if j+n < lim {
				if r2, _ := utf8.DecodeRuneInString(text[j+n:]); isAlnum(r2) {
					j += n
					continue
				}
			}
		case isApostrophe(r) && j+n < lim:
			if r2, _ := utf8.DecodeRuneInString(text[j+n:]); !isLetter(r2) {
				break
			}
			if clitic(text, j, lim) > j {
				return j
			}
			if j-1 > i && (text[j-1] == 'n' || text[j-1] == 'N') && isT(text, j+n, lim) {
				return j - 1 // n't
			}
			j += n
			continue
		}
		break
	}
	return j
}

// isT reports whether text[j:] is "t" or "T" ending a word.
func isT(text string, j, lim int) bool {
	if j >= lim || text[j] != 't' && text[j] != 'T' {
		return false
	}
	if j+1 >= lim {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[j+1:])
	return !isLetter(r)
}

// clitic returns the end of the clitic ('s, 're, 've, 'll, 'd, 'm, or n't
// from its n) at i, or i if there is none.
func clitic(text string, i, lim int) int {
	if text[i] == 'n' || text[i] == 'N' {
		a := apostropheLen(text, i+1, lim)
		if a == 0 || !isT(text, i+1+a, lim) {
			return i
		}
		return i + 1 + a + 1
	}
	a := apostropheLen(text, i, lim)
	if a == 0 {
		return i
	}
	j := i + a
	k := j
	for k < lim && k-j < 2 && isASCIILetter(text[k]) {
		k++
	}
	if k == j {
		return i
	}
	if k < lim {
		if r, _ := utf8.DecodeRuneInString(text[k:]); isLetter(r) {
			return i
		}
	}
	switch strings.ToLower(text[j:k]) {
	case "s", "re", "ve", "ll", "d", "m":
		return k
	}
	return i
}

// apostropheLen returns the length of the apostrophe (' or ’) at i, or 0.
func apostropheLen(text string, i, lim int) int {
	switch {
	case i < lim && text[i] == '\'':
		return 1
	case strings.HasPrefix(text[i:lim], "’"):
		return len("’")
	}
	return 0
}

// number returns the end of the number starting at i: digits, groups
// joined by "." "," ":" or "/" before a digit (3.5, 1,000, 10:30,
// 12/08/2014), and thousands grouped by a space ("14 799": a group of one
// to three digits, then groups of exactly three).
func number(text string, i, lim int) int {
	j := i
	for j < lim && isDigit(text[j]) {
		j++
	}
	spaced := j-i <= 3 // a space may group thousands after this group
	for j < lim {
		switch c := text[j]; {
		case (c == '.' || c == ',' || c == ':' || c == '/') && j+1 < lim && isDigit(text[j+1]):
			j++
			for j < lim && isDigit(text[j]) {
				j++
			}
			spaced = false
			continue
		case spaced && (c == ' ' || strings.HasPrefix(text[j:], "\u00a0") || strings.HasPrefix(text[j:], "\u202f") || strings.HasPrefix(text[j:], "\u2009")):
			_, n := utf8.DecodeRuneInString(text[j:])
			k := j + n
			if k+3 <= lim && isDigit(text[k]) && isDigit(text[k+1]) && isDigit(text[k+2]) && (k+3 == lim || !isDigit(text[k+3])) {
				j = k + 3
				continue
			}
		}
		break
	}
	return j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// abbreviation extends the word [i, j) over the full stop of an
// abbreviation: dotted letters (U.S., e.g., Ph.D.), initials and the
// abbreviations the sentences package knows (Mr., etc.). sentEnd is the
// end of the sentence: a full stop that ends it stays a token of its own
// unless the abbreviation is unambiguous.
func abbreviation(text string, i, j, lim, sentEnd int) int {
	if j >= lim || text[j] != '.' {
		return j
	}
	// Dotted letters: one or two letters, then ".X" or ".XY" groups.
	k, groups := j, 1
	if j-i <= 2 {
		for k < lim && text[k] == '.' {
			m := k + 1
			for m < lim && m-k-1 < 3 && isASCIILetter(text[m]) {
				m++
			}
			if n := m - k - 1; n == 0 || n > 2 || m < lim && isASCIILetter(text[m]) {
				break
			}
			k = m
			groups++
		}
	}
	if groups > 1 {
		if k < lim && text[k] == '.' {
			k++
		}
		return k
	}
	final := true
	for m := j + 1; m < sentEnd; {
		r, n := utf8.DecodeRuneInString(text[m:])
		if isAlnum(r) && m < lim {
			final = false
			break
		}
		m += n
	}
	if sentences.IsAbbreviation(text[i:j], final) {
		return j + 1
	}
	return j
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mayLink reports whether linkEnd(text, i, lim) may find a link, that is
// whether the run of non-space bytes from i holds ":" or "@" before lim or
// starts with "www.". mark caches the first ":" or "@" in text[i:end], or
// end if there is none (-1: not yet known), so that a sentence is searched
// for them once.
func mayLink(text string, i, lim, end int, mark *int) bool {
	if *mark < i {
		*mark = end
		if k := strings.IndexByte(text[i:end], ':'); k >= 0 {
			*mark = i + k
		}
		if k := strings.IndexByte(text[i:*mark], '@'); k >= 0 {
			*mark = i + k
		}
	}
	if m := *mark; m < lim && !hasSpace(text[i:m]) {
		return true
	}
	return i+4 <= lim && strings.EqualFold(text[i:i+4], "www.")
}

func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) {
			return true
		}
	}
	return false
}

// linkEnd returns the end of the URL or email address starting at i,
// without trailing punctuation, or i if none starts there.
func linkEnd(text string, i, lim int) int {
	j, maybe := i, false
	for j < lim && !isSpace(text[j]) {
		maybe = maybe || text[j] == ':' || text[j] == '@'
		j++
	}
	w := text[i:j]
	if !maybe && (len(w) < 4 || !strings.EqualFold(w[:4], "www.")) {
		return i
	}
	if !isLink(w) {
		return i
	}
	for j > i && strings.IndexByte(".,;:!?)]}\"'", text[j-1]) >= 0 {
		j--
	}
	for j > i && (strings.HasSuffix(text[i:j], "’") || strings.HasSuffix(text[i:j], "”")) {
		j -= len("’")
	}
	return j
}

// isLink reports whether w holds a URL ("scheme://", "www.") or an email
// address.
func isLink(w string) bool {
	if k := strings.Index(w, "://"); k > 0 {
		return true
	}
	if len(w) > 4 && strings.EqualFold(w[:4], "www.") {
		return true
	}
	at := strings.IndexByte(w, '@')
	if at <= 0 {
		return false
	}
	d := strings.IndexByte(w[at+1:], '.')
	return d > 0 && at+1+d+1 < len(w) && isASCIILetter(w[at+1+d+1])
}
