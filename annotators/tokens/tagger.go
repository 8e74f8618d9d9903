package tokens

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mingrammer/commonregex"
)

// The tagger is prose's averaged perceptron (a port of TextBlob's, trained
// on the Penn Treebank), with prose's trained weights, run in a faster
// structure (see model.go): each distinct word of a document is looked up
// once, into a wordInfo holding the rows of its features, and the weights
// of those rows are added to integer scores without building feature
// strings. The tagging follows prose's tag.go exactly, except that
// a tie between classes goes to the first in the model's class order
// (prose iterates a map).

// A tagger tags and stems the sentences of one document; it reuses its
// buffers from sentence to sentence and is not shared between goroutines.
type tagger struct {
	m     *model
	index map[string]int32 // the wordInfo of each distinct token text in words
	words []wordInfo       // the pads', then each one looked up
	sent  []int32          // the sentence's words: 2 start pads, the words, 2 end pads
	tags  []string         // the tags of the sentence's words
	norm  []byte           // a normalized word
	lower []byte           // a word in lower case, for stem
	score scores

	// Buffers of Annotate.
	spans  []span
	bounds []int
	stems  []int32
}

// taggers keeps taggers for reuse, with their buffers.
var taggers = sync.Pool{New: func() any { return &tagger{m: loadModel()} }}

// A tagger that has annotated a document of more than about a megabyte
// is not put back in taggers: it would keep its large buffers alive, and
// clearing its index would cost small documents more than a new one.
const (
	maxPooledWords = 1 << 16
	maxPooledSpans = 1 << 18
)

// release puts t back in taggers, emptied.
func (t *tagger) release() {
	if len(t.words) > maxPooledWords || cap(t.spans) > maxPooledSpans {
		return
	}
	clear(t.index)
	clear(t.words) // keep no stem or document text alive
	t.words = t.words[:0]
	taggers.Put(t)
}

// A wordInfo is what tagging and stemming need to know of a word, found
// in the lexicon once per distinct word of a document.
type wordInfo struct {
	// rows are the rows of the word's features in each role: the roles
	// of words and the context suffixes of its normalized form,
	// roleSuffix of the word as written.
	rows  [numRoles]cellRange
	pref1 cellRange // its "i pref1" feature
	pairs [2]uint32 // its "i-1 tag+i word" features in model.pairTag, pairRow
	fixed string    // the tag prose gives it whatever its context, or ""
	id    int       // the id of fixed
	stem  string
}

var pads = [...]string{"-START-", "-START2-", "-END-", "-END2-"}

// begin starts a sentence.
func (t *tagger) begin() {
	if len(t.words) == 0 {
		t.words = append(t.words, t.m.pads[:]...)
	}
	t.sent = append(t.sent[:0], 0, 1)
}

// add appends the word t.words[i] to the sentence.
func (t *tagger) add(i int32) { t.sent = append(t.sent, i) }

// end tags the sentence and returns the tags of its words, valid until
// the next sentence.
func (t *tagger) end() []string {
	m := t.m
	t.sent = append(t.sent, 2, 3)
	t.tags = t.tags[:0]
	p1, p2 := m.startTags[0], m.startTags[1]
	for k := 2; k < len(t.sent)-2; k++ {
		w := &t.words[t.sent[k]]
		tag, id := w.fixed, w.id
		if tag == "" {
			if id = t.predict(k, p1, p2); id >= 0 {
				tag = m.tags[id]
			} else {
				id = m.none // no feature scored any class
			}
		}
		t.tags = append(t.tags, tag)
		p2, p1 = p1, id
	}
	return t.tags
}

// lookup returns the index in words of the wordInfo of the token text w.
func (t *tagger) lookup(w string) int32 {
	if i, ok := t.index[w]; ok {
		return i
	}
	if t.index == nil {
		t.index = make(map[string]int32)
	}
	wi, ok, full := sharedWords.get(w)
	if !ok {
		var e int32
		wi, e = t.newInfo(taggerWord(w))
		wi.stem = t.stem(w, t.norm, e)
		if !full {
			sharedWords.add(w, wi)
		}
	}
	t.words = append(t.words, wi)
	i := int32(len(t.words) - 1)
	t.index[w] = i
	return i
}

// sharedWords remembers the wordInfo of token texts across documents and
// goroutines, up to maxSharedWords of them: a new word costs several
// lexicon probes, and one the lexicon lacks a Snowball stemming (a
// microsecond), while the words of a corpus recur. A wordInfo depends on
// the word alone, so sharing it changes no output.
var sharedWords = wordCache{m: make(map[string]wordInfo)}

const maxSharedWords = 1 << 16

type wordCache struct {
	mu sync.RWMutex
	m  map[string]wordInfo
}

// get returns the wordInfo of w, if c has it, and whether c is full.
func (c *wordCache) get(w string) (wi wordInfo, ok, full bool) {
	c.mu.RLock()
	wi, ok = c.m[w]
	full = len(c.m) >= maxSharedWords
	c.mu.RUnlock()
	return wi, ok, full
}

// add remembers the wordInfo of w, unless c is full.
func (c *wordCache) add(w string, wi wordInfo) {
	// Clone: w, and a stem or tag equal to it, share the document's text.
	w, wi.stem, wi.fixed = strings.Clone(w), strings.Clone(wi.stem), strings.Clone(wi.fixed)
	c.mu.Lock()
	if len(c.m) < maxSharedWords {
		c.m[w] = wi
	}
	c.mu.Unlock()
}

// newInfo returns the wordInfo of w, as the tagger sees it, without stem,
// and the entry of w normalized, left in t.norm.
func (t *tagger) newInfo(w string) (wordInfo, int32) {
	m := t.m
	t.norm = appendNormal(t.norm[:0], w)
	var wi wordInfo
	e, suf := m.wordEntries(t.norm)
	if e >= 0 {
		wi.rows = m.entries[e].rows // the suffix roles are set below
		wi.pairs = m.entries[e].pairs
	}
	wi.rows[rolePrevSuffix] = m.role(suf, rolePrevSuffix)
	wi.rows[roleNextSuffix] = m.role(suf, roleNextSuffix)
	// The features of the word itself come from w as written.
	ws := w[len(w)-min(len(w), 3):]
	if ws != string(suffix(t.norm)) {
		suf = m.lookup(ws)
	}
	wi.rows[roleSuffix] = m.role(suf, roleSuffix)
	wi.pref1 = m.pref1[w[0]] // prose's string(w[0])
	wi.fixed, wi.id = t.fixedTag(w, e)
	return wi, e
}

// padInfo returns the wordInfo of the pad p, which is not normalized.
func (m *model) padInfo(p string) wordInfo {
	var wi wordInfo
	e, suf := m.wordEntries([]byte(p))
	for r := range wi.rows {
		wi.rows[r] = m.role(e, r)
	}
	wi.rows[rolePrevSuffix] = m.role(suf, rolePrevSuffix)
	wi.rows[roleNextSuffix] = m.role(suf, roleNextSuffix)
	return wi
}

// wordEntries returns the lexicon entries of the normalized word norm and
// of its last three bytes, or -1.
func (m *model) wordEntries(norm []byte) (e, suf int32) {
	e = m.lookupBytes(norm)
	switch {
	case len(norm) <= 3:
		return e, e
	case e >= 0:
		return e, m.entries[e].suf
	}
	return e, m.lookupBytes(suffix(norm))
}

// role returns the row of entry e's feature in role r, if any.
func (m *model) role(e int32, r int) cellRange {
	if e < 0 {
		return 0
	}
	return m.entries[e].rows[r]
}

// fixedTag returns the tag prose gives w whatever its context, and its
// id, or "": its special tags, then its tag dictionary of unambiguous
// words. e is the entry of w normalized.
func (t *tagger) fixedTag(w string, e int32) (string, int) {
	m := t.m
	if tag := specialTag(w); tag != "" {
		return tag, m.tagOf(tag)
	}
	if w != string(t.norm) {
		e = m.lookup(w)
	}
	if e < 0 || m.entries[e].tag < 0 {
		return "", -1
	}
	id := int(m.entries[e].tag)
	return m.tags[id], id
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

// tagOf returns the id of tag s, or m.none if no feature mentions it.
func (m *model) tagOf(s string) int {
	if id, ok := m.tagID[s]; ok {
		return id
	}
	return m.none
}

func suffix(b []byte) []byte { return b[len(b)-min(len(b), 3):] }

// predict returns the class with the highest score for the word at
// position k of the sentence, whose two previous tags are p1 and p2, or
// -1 if no feature gives any class a score.
func (t *tagger) predict(k int, p1, p2 int) int {
	m := t.m
	nc := len(m.classes)
	w := &t.words[t.sent[k]]
	prev, prev2 := &t.words[t.sent[k-1]], &t.words[t.sent[k-2]]
	next, next2 := &t.words[t.sent[k+1]], &t.words[t.sent[k+2]]
	rows := [...]cellRange{ // the features other than the tags'
		w.pref1,
		w.rows[roleSuffix],
		w.rows[roleWord],
		0, // "i-1 tag+i word"
		prev.rows[rolePrev],
		prev.rows[rolePrevSuffix],
		prev2.rows[rolePrev2],
		next.rows[roleNext],
		next.rows[roleNextSuffix],
		next2.rows[roleNext2],
	}
	for j := w.pairs[0]; j < w.pairs[1]; j++ {
		if int(m.pairTag[j]) == p1 {
			rows[3] = m.pairRow[j]
			break
		}
	}

	b := p1*(len(m.tags)+1) + p2
	s := &t.score
	scores := s[:nc]
	copy(scores, m.base[b*nc:(b+1)*nc])
	for _, r := range rows {
		m.addRow(s, r)
	}
	best, top := 0, scores[0]
	for c, v := range scores {
		if v > top {
			best, top = c, v
		}
	}
	if top > 0 {
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
