package tokens

import (
	"strings"
	"unicode/utf8"

	"github.com/mingrammer/commonregex"
)

// The tagger is prose's averaged perceptron (a port of TextBlob's, trained
// on the Penn Treebank), with prose's trained weights, run in a faster
// structure (see model.go): each word of a sentence is looked up once, and
// its features' weights are added to integer scores without building
// feature strings. The tagging follows prose's tag.go exactly, except that
// a tie between classes goes to the first in the model's class order
// (prose iterates a map).

// A tagger tags the sentences of one document; it reuses its buffers from
// sentence to sentence and is not shared between goroutines.
type tagger struct {
	m     *model
	norm  []byte   // normalized words, back to back
	ctx   [][2]int // spans of norm: 2 start pads, the words, 2 end pads
	ent   []int32  // lexicon entry of each normalized word, or -1
	suf   []int32  // lexicon entry of its suffix, or -1
	lower []byte   // a word in lower case, for stem
	score [maxClasses]int32
}

var pads = [...]string{"-START-", "-START2-", "-END-", "-END2-"}

// tag sets tags[i] to the Penn Treebank tag of words[i], the words of one
// sentence as the tagger should see them (see taggerWord).
func (t *tagger) tag(words []string, tags []string) {
	m := t.m
	t.norm = t.norm[:0]
	t.ctx = t.ctx[:0]
	addPad := func(s string) {
		t.ctx = append(t.ctx, [2]int{len(t.norm), len(t.norm) + len(s)})
		t.norm = append(t.norm, s...)
	}
	addPad(pads[0])
	addPad(pads[1])
	for _, w := range words {
		a := len(t.norm)
		t.norm = appendNormal(t.norm, w)
		t.ctx = append(t.ctx, [2]int{a, len(t.norm)})
	}
	addPad(pads[2])
	addPad(pads[3])
	t.ent, t.suf = t.ent[:0], t.suf[:0]
	for k := range t.ctx {
		w := t.word(k)
		e := m.lookupBytes(w)
		t.ent = append(t.ent, e)
		switch {
		case e >= 0 && len(w) > 3:
			e = m.entries[e].suf
		case len(w) > 3:
			e = m.lookupBytes(suffix(w))
		}
		t.suf = append(t.suf, e)
	}
	p1, p2 := m.tagOf(pads[0]), m.tagOf(pads[1])
	for i, w := range words {
		tag, id := specialTag(w), -1
		if tag == "" {
			if id = t.dictTag(i+2, w); id < 0 {
				id = t.predict(i+2, w, p1, p2)
			}
		}
		switch {
		case id >= 0:
			tags[i] = m.tags[id]
		case tag != "":
			tags[i], id = tag, m.tagOf(tag)
		default: // no feature scored any class
			tags[i], id = "", m.none
		}
		p2, p1 = p1, id
	}
}

// specialTag returns the tag prose gives w before its tag dictionary and
// model, or "".
func specialTag(w string) string {
	switch {
	case w == "-":
		return "-"
	case emoticonStart[w[0]] && emoticons[w]:
		return "SYM"
	case isLinkOrEmail(w):
		return "NN"
	case isNone(w):
		return "-NONE-"
	case isKeep(w):
		return w
	}
	return ""
}

// dictTag returns the tag id of w, at context position k, in prose's tag
// dictionary of unambiguous words, or -1.
func (t *tagger) dictTag(k int, w string) int {
	e := t.ent[k]
	if w != string(t.word(k)) {
		e = t.m.lookup(w)
	}
	if e < 0 {
		return -1
	}
	return int(t.m.entries[e].tag)
}

// tagOf returns the id of tag s, or m.none if no feature mentions it.
func (m *model) tagOf(s string) int {
	if id, ok := m.tagID[s]; ok {
		return id
	}
	return m.none
}

func (t *tagger) word(k int) []byte { return t.norm[t.ctx[k][0]:t.ctx[k][1]] }

func suffix(b []byte) []byte { return b[len(b)-min(len(b), 3):] }

// predict returns the class with the highest score for the word w at
// context position k, whose two previous tags are p1 and p2, or -1 if
// no feature gives any class a score.
func (t *tagger) predict(k int, w string, p1, p2 int) int {
	m := t.m
	nc := len(m.classes)
	var rows [10]cellRange  // the features other than the tags'
	rows[0] = m.pref1[w[0]] // prose's string(w[0])
	ws := w[len(w)-min(len(w), 3):]
	e := t.suf[k]
	if ws != string(suffix(t.word(k))) {
		e = m.lookup(ws)
	}
	rows[1] = t.role(e, roleSuffix)
	if e := t.ent[k]; e >= 0 {
		en := &m.entries[e]
		rows[2] = en.rows[roleWord]
		for j := en.pairs[0]; j < en.pairs[1]; j++ {
			if int(m.pairTag[j]) == p1 {
				rows[3] = m.pairRow[j]
				break
			}
		}
	}
	rows[4] = t.role(t.ent[k-1], rolePrev)
	rows[5] = t.role(t.suf[k-1], rolePrevSuffix)
	rows[6] = t.role(t.ent[k-2], rolePrev2)
	rows[7] = t.role(t.ent[k+1], roleNext)
	rows[8] = t.role(t.suf[k+1], roleNextSuffix)
	rows[9] = t.role(t.ent[k+2], roleNext2)

	b := p1*(len(m.tags)+1) + p2
	s := &t.score
	copy(s[:nc], m.base[b*nc:(b+1)*nc])
	for _, r := range rows {
		m.addRow(s, r)
	}
	best := 0
	for c := 1; c < nc; c++ {
		if s[c] > s[best] {
			best = c
		}
	}
	if s[best] > 0 {
		return best // a class no feature mentions scores 0: best is one prose scores
	}
	// Prose chooses among the classes its features mention only.
	seen := m.baseSeen[b]
	for _, r := range rows {
		seen |= m.classesOf(r)
	}
	best = -1
	for c := range nc {
		if seen&(1<<c) != 0 && (best < 0 || s[c] > s[best]) {
			best = c
		}
	}
	return best
}

// role returns the row of entry e's feature in role r, if any.
func (t *tagger) role(e int32, r int) cellRange {
	if e < 0 {
		return 0
	}
	return t.m.entries[e].rows[r]
}

// appendNormal appends prose's normalize(w): "!HYPHEN" for a hyphenated
// word, "!YEAR" for a four-character integer, "!DIGITS" for a word that
// starts with a digit, otherwise w in lower case.
func appendNormal(b []byte, w string) []byte {
	switch {
	case w == "":
		return b
	case strings.IndexByte(w, '-') >= 0 && w[0] != '-':
		return append(b, "!HYPHEN"...)
	case len(w) == 4 && isAtoi(w):
		return append(b, "!YEAR"...)
	case w[0] >= '0' && w[0] <= '9':
		return append(b, "!DIGITS"...)
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// isAtoi reports whether strconv.Atoi accepts s (short s: no overflow).
func isAtoi(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isLinkOrEmail is prose's test for a link, an email address or a handle,
// with cheap checks before its regular expressions: a link match needs a
// full stop after the first byte and four bytes, an email an "@".
func isLinkOrEmail(w string) bool {
	if strings.HasPrefix(w, "@") {
		return true
	}
	if len(w) >= 4 && strings.IndexByte(w[1:], '.') >= 0 && commonregex.LinkRegex.MatchString(w) {
		return true
	}
	return strings.IndexByte(w, '@') >= 0 && commonregex.EmailRegex.MatchString(w)
}

// isNone matches prose's `^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`,
// the empty elements of the Penn Treebank.
func isNone(w string) bool {
	if w == "0" || w == "*" {
		return true
	}
	if len(w) < 2 || w[0] != '*' {
		return false
	}
	rest := w[1:]
	if len(rest) == 2 && rest[1] == '*' && (isWordByte(rest[0]) || rest[0] == '?') {
		return true // *T*
	}
	i := 0
	for i < len(rest) && rest[i] >= 'A' && rest[i] <= 'Z' {
		i++
	}
	if i > 0 {
		if i >= len(rest) || rest[i] != '*' {
			return false
		}
		rest = rest[i+1:]
	}
	if len(rest) < 2 || len(rest) > 4 || rest[0] != '-' {
		return false
	}
	for j := 1; j < len(rest); j++ {
		if rest[j] < '0' || rest[j] > '9' {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isKeep matches prose's `^\-[A-Z]{3}\-$` ("-LRB-"), whose tag is itself.
func isKeep(w string) bool {
	if len(w) != 5 || w[0] != '-' || w[4] != '-' {
		return false
	}
	for i := 1; i < 4; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// taggerWord returns the form of a token the tagger sees: the model was
// trained on ASCII Penn Treebank text, so curly quotes become “ ” ` and
// ', dashes "--" and the ellipsis character "...". Token text keeps the
// original characters.
func taggerWord(s string) string {
	switch s {
	case "“", "„":
		return "``"
	case "”":
		return "''"
	case "‘":
		return "`"
	case "’":
		return "'"
	case "—", "–", "―":
		return "--"
	case "…":
		return "..."
	}
	if strings.IndexByte(s, "‘"[0]) >= 0 && strings.ContainsAny(s, "‘’") { // ‘ and ’ start with the same byte
		return strings.Map(func(r rune) rune {
			if r == '‘' || r == '’' {
				return '\''
			}
			return r
		}, s)
	}
	return s
}
