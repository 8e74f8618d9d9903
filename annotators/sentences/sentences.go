// Package sentences splits paragraphs into sentences.
//
// The segmenter is rule based, in the manner of the pragmatic segmenter: a
// full stop, question mark, exclamation mark or ellipsis ends a sentence
// unless what surrounds it says otherwise (an abbreviation, an initial, a
// decimal number, a URL, a lower-case word after it, a list marker). It
// passes 50 of the 52 English "Golden Rules" of that project; punkt, which
// prose uses, passes far fewer and gives no byte offsets. Each layout
// paragraph is segmented on its own, so no sentence crosses a paragraph
// boundary and a heading is never glued to the sentence after it.
package sentences

import (
	"context"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/pipeline"
)

// A Sentence is the span of one sentence.
type Sentence struct {
	pipeline.Span
}

// Layer is the sentences layer.
var Layer = pipeline.NewLayer[Sentence]("sentences")

// Annotator segments each paragraph into sentences.
type Annotator struct{}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string    { return "sentences" }
func (Annotator) Version() string { return "1.0.0" }
func (Annotator) Requires() []string {
	return []string{layout.Paragraphs.Name(), layout.PageBreaks.Name(), layout.FootnoteRefs.Name()}
}
func (Annotator) Provides() []string { return []string{Layer.Name()} }

// Annotate sets the sentences layer: the sentences of every paragraph,
// each trimmed of white space. A footnote reference that follows a
// sentence's final punctuation ends that sentence.
func (Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	refs := layout.FootnoteRefs.Get(doc)
	s := segmenter{text: doc.Text, refEnd: make(map[int]int, len(refs))}
	for _, r := range refs {
		s.refEnd[r.Start] = r.End
	}
	for _, p := range layout.Paragraphs.Get(doc) {
		if err := ctx.Err(); err != nil {
			return err
		}
		s.paragraph(p.Start, p.End)
	}
	Layer.Set(doc, s.out)
	return nil
}

// A segmenter holds the state of one document's segmentation.
type segmenter struct {
	text   string
	refEnd map[int]int // footnote reference start -> end
	out    []Sentence

	// Per paragraph.
	end       int
	start     int          // start of the current sentence
	noBreak   map[int]bool // full stops of list markers
	listStart []int        // positions where a list item begins a sentence
}

// emit adds the sentence [s.start, end), trimmed, and starts the next one
// at next.
func (s *segmenter) emit(end, next int) {
	a, b := s.start, end
	for a < b {
		r, n := utf8.DecodeRuneInString(s.text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(s.text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	if a < b {
		s.out = append(s.out, Sentence{pipeline.Span{Start: a, End: b}})
	}
	s.start = next
}

// paragraph segments the paragraph [start, end).
func (s *segmenter) paragraph(start, end int) {
	text := s.text
	s.start, s.end = start, end
	s.lists(start, end)
	listIdx := 0
	tokStart := start // start of the current word, for abbreviation tests
	skipTo := start   // inside a URL or email address until here
	prevSpace := true
	// The next ':' and '@' at or after i: a word holding neither can be a
	// link only if it starts with "www.".
	colon, at := -1, -1
	for i := start; i < end; {
		if listIdx < len(s.listStart) && s.listStart[listIdx] == i {
			listIdx++
			if i > s.start {
				s.emit(i, i)
			}
			tokStart = i
		}
		// Fast path: ASCII white space, or ASCII inside a word with
		// nothing to decide.
		if c := text[i]; c < utf8.RuneSelf {
			if isSpaceByte(c) {
				prevSpace = true
				i++
				continue
			}
			if !prevSpace && c != '.' && c != '?' && c != '!' {
				i++
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) {
			prevSpace = true
			i += n
			continue
		}
		if prevSpace {
			prevSpace = false
			tokStart = i
			colon, at = nextByte(text, i, end, ':', colon), nextByte(text, i, end, '@', at)
			if colon < end || at < end || hasWWW(text[i:end]) {
				if u := linkEnd(text, i, end); u > i {
					skipTo = u
				}
			}
		}
		if i < skipTo {
			i += n
			continue
		}
		switch {
		case r == '.':
			i = s.period(i, max(tokStart, s.start))
		case r == '?' || r == '!' || r == '…':
			i = s.mark(i)
		case isFinal(r):
			j := s.closing(i + n)
			s.emit(j, j)
			i = j
		default:
			i += n
		}
		if i > s.start && s.start > tokStart {
			tokStart = s.start
		}
	}
	s.emit(end, end)
}

// isFinal reports whether r ends a sentence whatever follows it: the full
// stops and question marks of scripts that do not use the Latin ones.
func isFinal(r rune) bool {
	switch r {
	case '。', '！', '？', '।', '॥', '؟', '۔', '։', '။', '።', '፧', '፨':
		return true
	}
	return false
}

// closing returns the end of the closing quotes and brackets starting at
// i, and of a footnote reference that follows them.
func (s *segmenter) closing(i int) int {
	for i < s.end {
		r, n := utf8.DecodeRuneInString(s.text[i:])
		if !isCloser(r) {
			break
		}
		i += n
	}
	if e, ok := s.refEnd[i]; ok && e <= s.end {
		i = e
	}
	return i
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', ')', ']', '}', '»', '›':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '‘', '“', '(', '[', '{', '«', '‹', '¿', '¡', '„':
		return true
	}
	return false
}

// next returns the first letter or digit of the next word after the
// white space at i, and the word's start, or (0, -1) at the paragraph's
// end.
func (s *segmenter) next(i int) (rune, int) {
	for i < s.end {
		r, n := utf8.DecodeRuneInString(s.text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	if i >= s.end {
		return 0, -1
	}
	w := i
	for i < s.end {
		r, n := utf8.DecodeRuneInString(s.text[i:])
		if !isOpener(r) {
			return r, w
		}
		i += n
	}
	return 0, w
}

// startsSentence reports whether a word beginning with r may start a
// sentence: anything but a lower-case letter or a digit.
func startsSentence(r rune) bool {
	return !unicode.IsLower(r) && !unicode.IsDigit(r)
}

// mark handles ?, ! and … at i and returns where scanning resumes.
func (s *segmenter) mark(i int) int {
	text := s.text
	j := i
	for j < s.end {
		r, n := utf8.DecodeRuneInString(text[j:])
		if r != '?' && r != '!' && r != '.' && r != '…' {
			break
		}
		j += n
	}
	ellipsis := text[i] != '?' && text[i] != '!'
	if ellipsis && inBrackets(text, i, j) {
		return j
	}
	j = s.closing(j)
	if j >= s.end {
		return j
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); !unicode.IsSpace(r) {
		return j // Yahoo!'s, ?!) and the like run on
	}
	if r, w := s.next(j); w >= 0 && startsSentence(r) {
		if !ellipsis || unicode.IsUpper(r) || !unicode.IsLetter(r) {
			s.emit(j, w)
		}
	}
	return j
}

// inBrackets reports whether the ellipsis [i, j) is an editorial omission,
// "[...]" or "(…)".
func inBrackets(text string, i, j int) bool {
	return i > 0 && j < len(text) && (text[i-1] == '[' && text[j] == ']' || text[i-1] == '(' && text[j] == ')')
}

// spacedDots returns the number of dots in the run ". . ." starting at i.
func spacedDots(text string, i, end int) int {
	k := 0
	for i < end && text[i] == '.' {
		k++
		if i+2 < end && text[i+1] == ' ' && text[i+2] == '.' {
			i += 2
		} else {
			break
		}
	}
	return k
}

// period handles the full stop at i, ending the word that began at word,
// and returns where scanning resumes.
func (s *segmenter) period(i, word int) int {
	text, end := s.text, s.end
	if s.noBreak[i] {
		return i + 1
	}
	// Unspaced ellipsis: "..." or "....".
	j := i
	for j < end && text[j] == '.' {
		j++
	}
	if j-i >= 2 {
		if inBrackets(text, i, j) {
			return j
		}
		return s.afterEllipsis(j, true)
	}
	// Spaced ellipsis: ". . ." or ". . . .".
	if k := spacedDots(text, i, end); k >= 3 {
		last := i + 2*(k-1) + 1
		glued := i > s.start && !isSpaceByte(text[i-1])
		if glued && k >= 4 {
			// "word. . . . Next": a full stop, then an ellipsis that
			// begins the next sentence.
			c := s.closing(last)
			if r, w := s.next(c); w >= 0 && c < end && isSpaceByte(text[c]) && unicode.IsUpper(r) {
				s.emit(i+1, i+2)
			}
			return c
		}
		return s.afterEllipsis(last, k >= 4)
	}
	// A single full stop.
	if _, ref := s.refEnd[j]; j < end && !ref {
		c, _ := utf8.DecodeRuneInString(text[j:])
		switch {
		case unicode.IsDigit(c):
			return j // 3.5, 1026.253
		case unicode.IsLetter(c):
			// "world.Today": a full stop with no space after it, but not
			// "Ph.D.".
			n := utf8.RuneLen(c)
			if unicode.IsUpper(c) && runOn(text[word:i]) && (j+n >= end || text[j+n] != '.') {
				s.emit(j, j)
			}
			return j // resume at the letter
		}
	}
	j = s.closing(j)
	if j >= end {
		return j
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); !unicode.IsSpace(r) {
		return j
	}
	r, w := s.next(j)
	if w < 0 || !startsSentence(r) {
		return j
	}
	if !unicode.IsLetter(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
		return j
	}
	p := trimOpeners(text[word:i])
	switch {
	case p == "":
	case isTitle(p):
		return j // Mr. Smith, Mt. Fuji
	case isInitials(p):
		// U.S. Government, Jonas E. Smith: only a word that often starts
		// sentences shows the abbreviation ends one.
		if !isStarter(text[w:s.wordEnd(w)]) {
			return j
		}
	}
	s.emit(j, w)
	return j
}

// afterEllipsis ends the sentence after the ellipsis that ends at i when
// strong is set and a capitalised word follows.
func (s *segmenter) afterEllipsis(i int, strong bool) int {
	j := s.closing(i)
	if !strong || j >= s.end || !isSpaceByte(s.text[j]) {
		return j
	}
	if r, w := s.next(j); w >= 0 && unicode.IsUpper(r) {
		s.emit(j, w)
	}
	return j
}

// wordEnd returns the end of the word of letters starting at or after the
// openers at i.
func (s *segmenter) wordEnd(i int) int {
	for i < s.end {
		r, n := utf8.DecodeRuneInString(s.text[i:])
		if !unicode.IsLetter(r) && !isOpener(r) {
			break
		}
		i += n
	}
	return i
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func trimOpeners(p string) string {
	for p != "" {
		r, n := utf8.DecodeRuneInString(p)
		if !isOpener(r) {
			break
		}
		p = p[n:]
	}
	return p
}

// runOn reports whether p, the text before a full stop followed directly
// by a capital letter, is a word or number that can end a sentence (not an
// initial or a dotted abbreviation like U.S.A).
func runOn(p string) bool {
	p = trimOpeners(p)
	letters, digits := 0, 0
	for _, r := range p {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		case r == ',' || r == '\'' || r == '’' || r == '-':
		default:
			return false
		}
	}
	return letters >= 2 && digits == 0 || digits > 0 && letters == 0
}

// isInitials reports whether p is a single letter or letters separated by
// full stops, as in "E", "U.S", "e.g", "a.m" or "Ph.D".
func isInitials(p string) bool {
	n := 0
	for _, part := range splitDots(p) {
		c := utf8.RuneCountInString(part)
		if c == 0 || c > 2 {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
		n++
	}
	if n == 1 {
		return utf8.RuneCountInString(p) == 1
	}
	return n > 1
}

func splitDots(p string) []string {
	var out []string
	for {
		k := -1
		for i := 0; i < len(p); i++ {
			if p[i] == '.' {
				k = i
				break
			}
		}
		if k < 0 {
			return append(out, p)
		}
		out = append(out, p[:k])
		p = p[k+1:]
	}
}

// A marker is a list item marker: "1.", "2)", "3.)" or "b.".
type marker struct {
	start, end int // the marker itself
	item       int // where the item begins: the bullet before it, if any
	dot        int // position of its full stop, or -1
	value      int
	alpha      bool
	style      string // the delimiter
}

// lists finds the list markers of the paragraph [start, end): a marker
// whose neighbour in value (1 and 2, or a and b) also occurs, or one that
// begins the paragraph, is a list marker. Each list item starts a
// sentence, and a marker's full stop never ends one. Bullets start a
// sentence too.
func (s *segmenter) lists(start, end int) {
	text := s.text
	s.noBreak = nil
	s.listStart = s.listStart[:0]
	var ms []marker
	after := true // after white space or a bullet: a marker may start here
	for i := start; i < end; {
		if c := text[i]; c < utf8.RuneSelf && (!after || c > '9' && (c < 'a' || c > 'z')) {
			after = isSpaceByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		if isBullet(r) {
			if i > start {
				s.listStart = append(s.listStart, i)
			}
			after = true
			i += n
			continue
		}
		if !after {
			after = unicode.IsSpace(r)
			i += n
			continue
		}
		after = unicode.IsSpace(r)
		if m, ok := parseMarker(text, i, end); ok {
			m.item = i
			// A marker after a bullet ("• 9.") is part of the bullet's item.
			k := i
			for k > start && isSpaceByte(text[k-1]) {
				k--
			}
			if k > start {
				if pr, pn := utf8.DecodeLastRuneInString(text[start:k]); isBullet(pr) {
					m.item = k - pn
				}
			}
			ms = append(ms, m)
			i = m.end
			continue
		}
		i += n
	}
	for k, m := range ms {
		inList := m.item == start
		for _, o := range ms[max(0, k-1):min(len(ms), k+2)] {
			if o.alpha == m.alpha && o.style == m.style && (o.value == m.value+1 && o.start > m.start || o.value == m.value-1 && o.start < m.start) {
				inList = true
			}
		}
		if !inList {
			continue
		}
		if m.dot >= 0 {
			if s.noBreak == nil {
				s.noBreak = make(map[int]bool)
			}
			s.noBreak[m.dot] = true
		}
		if m.item > start {
			s.listStart = append(s.listStart, m.item)
		}
	}
	sort.Ints(s.listStart)
	s.listStart = slices.Compact(s.listStart)
}

func isBullet(r rune) bool {
	switch r {
	case '•', '⁃', '◦', '▪', '‣', '●', '∙':
		return true
	}
	return false
}

// parseMarker reads a list marker at i: one or two digits or a lower-case
// letter, then ".", ")" or ".)", then white space.
func parseMarker(text string, i, end int) (marker, bool) {
	m := marker{start: i, dot: -1}
	j := i
	for j < end && j-i < 2 && text[j] >= '0' && text[j] <= '9' {
		m.value = m.value*10 + int(text[j]-'0')
		j++
	}
	if j == i {
		if j < end && text[j] >= 'a' && text[j] <= 'z' {
			m.alpha, m.value = true, int(text[j]-'a')
			j++
		} else {
			return m, false
		}
	}
	k := j
	if k < end && text[k] == '.' {
		m.dot = k
		k++
	}
	if k < end && text[k] == ')' {
		k++
	}
	if k == j || k >= end || !isSpaceByte(text[k]) {
		return m, false
	}
	m.style, m.end = text[j:k], k
	return m, true
}

// linkEnd returns the end of the URL or email address that starts at i
// (without trailing punctuation), or i if none does.
func linkEnd(text string, i, end int) int {
	j := i
	maybe := false
	for j < end && !isSpaceByte(text[j]) {
		maybe = maybe || text[j] == ':' || text[j] == '@'
		j++
	}
	w := text[i:j]
	if !maybe && (len(w) < 4 || w[3] != '.') || !isLink(w) {
		return i
	}
	for j > i && isTrailing(text[j-1]) {
		j--
	}
	return j
}

// nextByte returns the index of the first c in text[i:end], or end; last
// is its answer for an earlier i, or -1.
func nextByte(text string, i, end int, c byte, last int) int {
	if last >= i {
		return last
	}
	if k := strings.IndexByte(text[i:end], c); k >= 0 {
		return i + k
	}
	return end
}

// hasWWW reports whether w starts with "www." or "WWW.".
func hasWWW(w string) bool {
	return strings.HasPrefix(w, "www.") || strings.HasPrefix(w, "WWW.")
}

// isLink reports whether the word w holds a URL ("scheme://", "www.") or
// an email address.
func isLink(w string) bool {
	for k := 0; k+3 <= len(w); k++ {
		if w[k:k+3] == "://" && k > 0 {
			return true
		}
	}
	if len(w) > 4 && hasWWW(w) {
		return true
	}
	at := -1
	for k := 0; k < len(w); k++ {
		if w[k] == '@' {
			at = k
			break
		}
	}
	if at <= 0 {
		return false
	}
	for k := at + 2; k < len(w)-1; k++ {
		if w[k] == '.' && isAlnum(w[k+1]) {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isTrailing(c byte) bool {
	switch c {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'':
		return true
	}
	return false
}
