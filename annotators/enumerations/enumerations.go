// Package enumerations finds enumerated lists in running text: vertical
// lists whose items start lines with a letter, number, roman numeral or
// bullet; inline lists such as "(1) …; (2) …; and (3) …"; and sequences of
// points introduced by ordinals ("First, … Second, … Finally, …"). Each
// enumeration carries its items, the clause that announces it and the count
// that clause states, if any.
package enumerations

import (
	"bytes"
	"context"
	"iter"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/internal/lower"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Styles of enumeration.
const (
	Letter      = "letter"       // a. b. c.  a) b)  (a) (b)
	Number      = "number"       // 1. 2.  1) 2)
	ParenNumber = "paren-number" // (1) (2)
	Roman       = "roman"        // i. ii.  (i) (ii)
	Bullet      = "bullet"       // • - * –
	Ordinal     = "ordinal"      // First, … Second, …
)

// An Enumeration is a list of two or more items. Its span runs from the
// first item's marker to the end of the last item. Intro is the sentence
// or clause that announces the list, without its final punctuation;
// Announced is the number of items that clause states, and CountMismatch
// reports that it differs from the number of items found.
type Enumeration struct {
	pipeline.Span
	Style         string         `json:"style"`
	Intro         *pipeline.Span `json:"intro,omitempty"`
	Announced     int            `json:"announced,omitempty"`
	CountMismatch bool           `json:"count_mismatch,omitempty"`
	Items         []Item         `json:"items"`
}

// An Item is one element of an enumeration. Its span and Text cover the
// item without its marker and without the punctuation that ends it (";",
// "; and", "."). Marker is the marker as written ("a.", "(2)", "First,",
// "The second point is"), starting at byte MarkerStart.
type Item struct {
	pipeline.Span
	Marker      string `json:"marker"`
	MarkerStart int    `json:"marker_start"`
	Text        string `json:"text"`
}

// Layer is the enumerations layer.
var Layer = pipeline.NewLayer[Enumeration]("enumerations")

// Annotator finds enumerations. The zero value is ready to use.
type Annotator struct{}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string    { return "enumerations" }
func (Annotator) Version() string { return "1.0.2" }
func (Annotator) Requires() []string {
	return []string{layout.Paragraphs.Name(), sentences.Layer.Name(), layout.FootnoteRefs.Name(), layout.PageBreaks.Name()}
}
func (Annotator) Provides() []string { return []string{Layer.Name()} }

// Annotate sets the enumerations layer.
func (Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	s := newScan(doc)
	out := s.markerLists()
	out = append(out, s.ordinalLists()...)
	for i := range out {
		s.introduce(&out[i])
	}
	Layer.Set(doc, out)
	return nil
}

// A scan holds one document's text and the upstream layers, indexed.
type scan struct {
	doc   *pipeline.Document
	text  string
	paras []layout.Paragraph
	sents []sentences.Sentence
	notes []layout.FootnoteRef
	lines []line

	// Indexes that let gapOK answer in logarithmic time, however far
	// apart two markers are: the blank lines' indices, and the newline
	// pairs with only spaces between them, in text order.
	blanks []int
	breaks [][2]int
}

// A line is one line of the text; content starts after its indentation.
type line struct {
	start, content, end int
}

func (l line) blank() bool { return l.content == l.end }

func newScan(doc *pipeline.Document) *scan {
	s := &scan{
		doc:   doc,
		text:  doc.Text,
		paras: layout.Paragraphs.Get(doc),
		sents: sentences.Layer.Get(doc),
		notes: layout.FootnoteRefs.Get(doc),
		lines: make([]line, 0, strings.Count(doc.Text, "\n")+1),
	}
	for start := 0; start <= len(s.text); {
		end := strings.IndexByte(s.text[start:], '\n')
		if end < 0 {
			end = len(s.text)
		} else {
			end += start
		}
		c := start
		for c < end {
			r, n := utf8.DecodeRuneInString(s.text[c:])
			if !isBlank(r) {
				break
			}
			c += n
		}
		e := end
		for e > c && (s.text[e-1] == ' ' || s.text[e-1] == '\t' || s.text[e-1] == '\r') {
			e--
		}
		if c == e {
			s.blanks = append(s.blanks, len(s.lines))
		}
		if start > 0 && end < len(s.text) && onlySpaces(s.text[start:end]) {
			s.breaks = append(s.breaks, [2]int{start - 1, end})
		}
		s.lines = append(s.lines, line{start, c, e})
		start = end + 1
	}
	return s
}

// onlySpaces reports whether s holds nothing but ' '.
func onlySpaces(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			return false
		}
	}
	return true
}

// hasBreak reports whether text[start:end] holds two newlines with only
// spaces between them.
func (s *scan) hasBreak(start, end int) bool {
	k := sort.Search(len(s.breaks), func(k int) bool { return s.breaks[k][0] >= start })
	return k < len(s.breaks) && s.breaks[k][1] < end
}

func isBlank(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\u00a0' || r == '\u202f'
}

// A cand is a possible item marker.
type cand struct {
	start, end         int // the marker
	text               int // where the item's text starts
	form               string
	label              string
	line               int  // index of the line the marker starts, or -1 if inside a line
	block              bool // at a line start where a list may begin
	num, letter, roman int
	upper              bool
}

// bullets are the characters that mark the items of a bulleted list.
const bullets = "•◦▪‣●○■□►*–-"

var (
	// Markers at the start of a line.
	reLineParen  = regexp.MustCompile(`^\(([0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,6})\)[ \t\x{00A0}]+\S`)
	reLineDot    = regexp.MustCompile(`^([0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,6})([.)])[ \t\x{00A0}]+\S`)
	reLineBullet = regexp.MustCompile(`^([` + bullets + `])[ \t\x{00A0}]+\S`)
	// Labels of markers inside a line: "(a)", "(12)", "(iv)", "a)", "2)".
	reInParen  = regexp.MustCompile(`^(?:[0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,6})$`)
	reInRParen = regexp.MustCompile(`^(?:[0-9]{1,2}|[a-z]|[ivx]{1,6})$`)
)

// mayStartMarker reports whether line may start with a marker that
// reLineParen, reLineDot or reLineBullet matches: a cheap test that spares
// most lines the regexps.
func mayStartMarker(line string) bool {
	if line == "" {
		return false
	}
	switch line[0] {
	case '(', '*', '-':
		return true
	}
	if r, _ := utf8.DecodeRuneInString(line); strings.ContainsRune(bullets, r) {
		return true
	}
	// A label of at most six letters or digits, then "." or ")".
	n := 0
	for n < len(line) && n <= 6 && isAlnum(line[n]) {
		n++
	}
	return n >= 1 && n <= 6 && n < len(line) && (line[n] == '.' || line[n] == ')')
}

var romanRe = regexp.MustCompile(`^(?i)(x{0,3})(ix|iv|v?i{0,3})$`)

// roman returns the value of a lower- or upper-case roman numeral made of
// i, v and x, or 0.
func roman(s string) int {
	if s == "" || !romanRe.MatchString(s) {
		return 0
	}
	n := 0
	for i := 0; i < len(s); i++ {
		v := romanDigit(s[i])
		if i+1 < len(s) && romanDigit(s[i+1]) > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// romanDigit is the value of the roman digit c, in either case.
func romanDigit(c byte) int {
	switch c {
	case 'i', 'I':
		return 1
	case 'v', 'V':
		return 5
	case 'x', 'X':
		return 10
	}
	return 0
}

func newCand(start, end, text int, form, label string, ln int) cand {
	c := cand{start: start, end: end, text: text, form: form, label: label, line: ln}
	if allDigits(label) {
		c.num, _ = strconv.Atoi(label)
		return c
	}
	if len(label) == 1 {
		c.letter = int(unicode.ToLower(rune(label[0])) - 'a' + 1)
	}
	c.roman = roman(label)
	c.upper = !strings.ContainsFunc(label, func(r rune) bool { return unicode.ToUpper(r) != r })
	return c
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// lastRuneStart returns where the last rune of s[:end] starts. The line
// patterns end on the first character after a marker (\S), which may take
// more than one byte: “Quoted”.
func lastRuneStart(s string, end int) int {
	_, n := utf8.DecodeLastRuneInString(s[:end])
	return end - n
}

// candidates returns every possible marker in text order.
func (s *scan) candidates() []cand {
	var out []cand
	var lineStarts []int // the starts of the markers above, in order
	for i, l := range s.lines {
		rest := s.text[l.content:l.end]
		if !mayStartMarker(rest) {
			continue
		}
		var m []int
		var form string
		if m = reLineParen.FindStringSubmatchIndex(rest); m != nil {
			form = "parens"
		} else if m = reLineDot.FindStringSubmatchIndex(rest); m != nil {
			form = "dot"
			if rest[m[4]] == ')' {
				form = "rparen"
			}
		} else if m = reLineBullet.FindStringSubmatchIndex(rest); m != nil {
			form = "bullet " + rest[m[2]:m[3]]
		} else {
			continue
		}
		end := l.content + m[3]
		if form == "parens" {
			end++
		} else if form != "dot" && form != "rparen" {
			end = l.content + m[3]
		} else {
			end = l.content + m[5]
		}
		text := l.content + lastRuneStart(rest, m[1])
		c := newCand(l.content, end, text, form, rest[m[2]:m[3]], i)
		c.block = i == 0 || s.lines[i-1].blank() || endsClause(s.text[s.lines[i-1].content:s.lines[i-1].end])
		if s.inNote(c.start, c.end) {
			continue
		}
		lineStarts = append(lineStarts, c.start)
		out = append(out, c)
	}
	// Markers inside lines end in ")": look back from each for a label.
	for k := strings.IndexByte(s.text, ')'); k >= 0; {
		if c, ok := s.inlineCand(k); ok && !sortedHas(lineStarts, c.start) && !s.inNote(c.start, c.end) {
			out = append(out, c)
		}
		next := strings.IndexByte(s.text[k+1:], ')')
		if next < 0 {
			break
		}
		k += 1 + next
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// sortedHas reports whether the sorted xs holds x.
func sortedHas(xs []int, x int) bool {
	_, ok := slices.BinarySearch(xs, x)
	return ok
}

// inlineCand reports whether the ")" at k closes a marker inside a line:
// a label, in parentheses or not, after white space or a colon or dash,
// and followed by white space and the item's first word.
func (s *scan) inlineCand(k int) (cand, bool) {
	ls := k
	for ls > 0 && k-ls < 6 && isAlnum(s.text[ls-1]) {
		ls--
	}
	label := s.text[ls:k]
	start, form, re := ls, "rparen", reInRParen
	if ls > 0 && s.text[ls-1] == '(' {
		start, form, re = ls-1, "parens", reInParen
	}
	if !re.MatchString(label) {
		return cand{}, false
	}
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s.text[:start])
		if !unicode.IsSpace(r) && !(form == "parens" && (r == ':' || r == '—' || r == '–')) {
			return cand{}, false
		}
	}
	text := skipSpace(s.text, k+1)
	if text == k+1 || text == len(s.text) {
		return cand{}, false
	}
	if r, _ := utf8.DecodeRuneInString(s.text[text:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("‘“\"'", r) {
		return cand{}, false
	}
	return newCand(start, k+1, text, form, label, -1), true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// skipSpace returns the first offset at or after i that is not white space.
func skipSpace(text string, i int) int {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) && !isBlank(r) {
			break
		}
		i += n
	}
	return i
}

// endsClause reports whether a line ends a clause or sentence, so that a
// marker on the next line may begin a list rather than continue a
// hard-wrapped sentence.
func endsClause(l string) bool {
	l = strings.TrimRight(l, "0123456789")
	l = strings.TrimRight(l, "’”\"')")
	if l == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune(":.;!?", r)
}

func (s *scan) inNote(start, end int) bool {
	i := sort.Search(len(s.notes), func(i int) bool { return s.notes[i].End > start })
	return i < len(s.notes) && s.notes[i].Start < end
}

// A seq is a run of markers being grouped into a list.
type seq struct {
	form   string
	style  string
	upper  bool
	last   int
	items  []cand
	closed bool
}

func (q *seq) vertical() bool {
	for _, c := range q.items {
		if c.line < 0 {
			return false
		}
	}
	return true
}

// next reports whether c continues q.
func (q *seq) next(c cand) bool {
	if q.closed || c.form != q.form {
		return false
	}
	switch q.style {
	case Bullet:
		return true
	case Number, ParenNumber:
		return c.num == q.last+1
	case Letter:
		return c.letter == q.last+1 && c.upper == q.upper
	case Roman:
		return c.roman == q.last+1 && c.upper == q.upper
	}
	return false
}

func (q *seq) add(c cand) {
	q.items = append(q.items, c)
	switch q.style {
	case Number, ParenNumber:
		q.last = c.num
	case Letter:
		q.last = c.letter
	case Roman:
		q.last = c.roman
	}
}

// startStyle returns the style of list c may start, or "".
func startStyle(c cand) string {
	switch {
	case strings.HasPrefix(c.form, "bullet"):
		return Bullet
	case c.num == 1 && c.form == "parens":
		return ParenNumber
	case c.num == 1:
		return Number
	case c.letter == 1:
		return Letter
	case c.roman == 1:
		return Roman
	}
	return ""
}

// markerLists groups marker candidates into lists and builds their items.
func (s *scan) markerLists() []Enumeration {
	cands := s.candidates()
	candLine := make([]bool, len(s.lines))
	for _, c := range cands {
		if c.line >= 0 {
			candLine[c.line] = true
		}
	}
	// A new list closes the open one of its kind, so at most one list of
	// each kind is open: searching only the open ones keeps this linear
	// when a marker starts list after list ("a. … a. … a. …").
	var seqs, open []*seq
	for _, c := range cands {
		done := false
		for i := len(open) - 1; i >= 0 && !done; i-- {
			q := open[i]
			if q.next(c) && s.gapOK(q.items[len(q.items)-1], c, candLine) {
				q.add(c)
				done = true
			}
		}
		if done {
			continue
		}
		st := startStyle(c)
		if st == "" || c.line >= 0 && !c.block && (c.form == "dot" || st == Bullet) {
			continue
		}
		open = slices.DeleteFunc(open, func(q *seq) bool {
			q.closed = q.form == c.form && q.style == st && q.upper == c.upper
			return q.closed
		})
		q := &seq{form: c.form, style: st, upper: c.upper}
		q.add(c)
		seqs = append(seqs, q)
		open = append(open, q)
	}
	// Lines that start an item of an accepted vertical list end the item
	// before them.
	itemLine := make([]bool, len(s.lines))
	for _, q := range seqs {
		if len(q.items) >= 2 && q.vertical() {
			for _, c := range q.items {
				itemLine[c.line] = true
			}
		}
	}
	var out []Enumeration
	for _, q := range seqs {
		if len(q.items) < 2 {
			continue
		}
		vert := q.vertical()
		var items []Item
		ok := true
		for i, c := range q.items {
			var end int
			switch {
			case i+1 < len(q.items) && vert:
				end = s.beforeBlank(c.line, q.items[i+1].line)
			case i+1 < len(q.items):
				end = q.items[i+1].start
			case vert:
				end = s.lastLineItemEnd(c, itemLine)
			default:
				end = s.sentenceEnd(c.text)
			}
			it := s.item(c.start, c.end, c.text, end)
			if !vert && words(it.Text) < 2 || it.Start == it.End {
				ok = false
				break
			}
			items = append(items, it)
		}
		if !ok {
			continue
		}
		out = append(out, Enumeration{
			Span:  pipeline.Span{Start: q.items[0].start, End: items[len(items)-1].End},
			Style: q.style,
			Items: items,
		})
	}
	return out
}

// gapOK reports whether the text between markers p and c lets c continue
// p's list: a vertical list may have blank lines between items but no
// unmarked paragraph after them; an inline list stays in one paragraph.
func (s *scan) gapOK(p, c cand, candLine []bool) bool {
	if p.line >= 0 && c.line >= 0 {
		blank := false
		for i := p.line + 1; i < c.line; i++ {
			switch {
			case s.lines[i].blank():
				blank = true
			case blank && !candLine[i]:
				return false
			}
		}
		return true
	}
	if p.line >= 0 {
		if k := sort.SearchInts(s.blanks, p.line+1); k < len(s.blanks) && s.lines[s.blanks[k]].start < c.start {
			return false
		}
	}
	if s.hasBreak(p.end, c.start) {
		return false
	}
	return s.para(p.start) == s.para(c.start)
}

// beforeBlank returns where an item that starts on line from and is
// followed by an item on line to ends: at the first blank line between
// them, or at the end of the line before to.
func (s *scan) beforeBlank(from, to int) int {
	for i := from + 1; i < to; i++ {
		if s.lines[i].blank() {
			return s.lines[i-1].end
		}
	}
	return s.lines[to-1].end
}

// lastLineItemEnd returns where the last item of a vertical list ends: at
// the end of the first line that ends a sentence, before a blank line or
// another list's item, or at the end of the paragraph.
func (s *scan) lastLineItemEnd(c cand, itemLine []bool) int {
	pe := len(s.text)
	if p := s.para(c.text); p >= 0 && s.paras[p].End > c.text {
		pe = s.paras[p].End
	}
	i := c.line
	for {
		l := s.lines[i]
		if l.end >= pe {
			return pe
		}
		if endsSentence(s.text[l.content:l.end]) || i+1 >= len(s.lines) || s.lines[i+1].blank() || itemLine[i+1] {
			return l.end
		}
		i++
	}
}

func endsSentence(l string) bool {
	l = strings.TrimRight(l, "0123456789")
	l = strings.TrimRight(l, "’”\"')")
	return strings.HasSuffix(l, ".") || strings.HasSuffix(l, "!") || strings.HasSuffix(l, "?")
}

// item builds an item whose marker is [mStart, mEnd) and whose text runs
// from start to end, less the punctuation that closes it.
func (s *scan) item(mStart, mEnd, start, end int) Item {
	end = s.trimEnd(start, max(start, end))
	return Item{
		Span:        pipeline.Span{Start: start, End: end},
		Marker:      s.text[mStart:mEnd],
		MarkerStart: mStart,
		Text:        s.text[start:end],
	}
}

// closerStart returns where the punctuation that closes an item or a
// clause starts at the end of s, or -1: "; and", ", or", "; and/or", or
// one of ;.,:—–. It finds what the regexp
// (?:[;,]\s*(?:and|or|and/or)|[;.,:—–])$ would, without its cost.
func closerStart(s string) int {
	for _, conj := range []string{"and/or", "and", "or"} {
		if rest, ok := strings.CutSuffix(s, conj); ok {
			rest = strings.TrimRight(rest, " \t\n\f\r")
			if strings.HasSuffix(rest, ";") || strings.HasSuffix(rest, ",") {
				return len(rest) - 1
			}
		}
	}
	if r, n := utf8.DecodeLastRuneInString(s); strings.ContainsRune(";.,:—–", r) {
		return len(s) - n
	}
	return -1
}

// trimEnd moves end back over white space, footnote numbers and the
// punctuation that closes a list item or a clause.
func (s *scan) trimEnd(start, end int) int {
	trim := func() {
		for end > start {
			r, n := utf8.DecodeLastRuneInString(s.text[start:end])
			if !unicode.IsSpace(r) && !isBlank(r) {
				break
			}
			end -= n
		}
	}
	trim()
	for i := sort.Search(len(s.notes), func(i int) bool { return s.notes[i].End >= end }); i < len(s.notes) && s.notes[i].End == end && s.notes[i].Start >= start; i = sort.Search(len(s.notes), func(i int) bool { return s.notes[i].End >= end }) {
		end = s.notes[i].Start
		trim()
	}
	// Only the tail can hold the closer; looking at no more keeps
	// trimming constant-time.
	tail := max(start, end-12)
	for tail > start && !utf8.RuneStart(s.text[tail]) {
		tail--
	}
	if k := closerStart(s.text[tail:end]); k >= 0 {
		end = tail + k
	}
	trim()
	return end
}

// para returns the index of the paragraph containing offset i, or -1.
func (s *scan) para(i int) int {
	k := sort.Search(len(s.paras), func(k int) bool { return s.paras[k].End > i })
	if k < len(s.paras) && s.paras[k].Start <= i {
		return k
	}
	return -1
}

// sentenceEnd returns the end of the sentence that contains offset i: the
// nearest of the sentences layer's end, a sentence-final stop this
// package recognises and the end of the paragraph.
func (s *scan) sentenceEnd(i int) int {
	end := len(s.text)
	if p := s.para(i); p >= 0 {
		end = s.paras[p].End
	}
	k := sort.Search(len(s.sents), func(k int) bool { return s.sents[k].End > i })
	if k < len(s.sents) && s.sents[k].Start <= i && s.sents[k].End < end {
		end = s.sents[k].End
	}
	for j := i; j < end; j++ {
		if c := s.text[j]; (c == '.' || c == '!' || c == '?') && s.stops(j) {
			return j + 1
		}
	}
	return end
}

// abbrevs are abbreviations after which a full stop rarely ends a
// sentence.
var abbrevs = map[string]bool{"etc": true, "e.g": true, "i.e": true, "cf": true, "vs": true, "no": true, "nos": true, "art": true, "mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "prof": true, "para": true, "fig": true, "p": true, "pp": true}

// stops reports whether the stop at j ends a sentence: it is followed by
// white space and a capital, an opening quote or the end of the text, and
// it does not close an abbreviation or an initial.
func (s *scan) stops(j int) bool {
	k := j + 1
	for k < len(s.text) && strings.ContainsRune("’”\"')", rune(s.text[k])) {
		k++
	}
	if strings.HasPrefix(s.text[k:], "’") || strings.HasPrefix(s.text[k:], "”") {
		k += len("’")
	}
	for k < len(s.text) && s.text[k] >= '0' && s.text[k] <= '9' && k-j <= 3 {
		k++
	}
	if k < len(s.text) && !unicode.IsSpace(rune(s.text[k])) {
		return false
	}
	n := skipSpace(s.text, k)
	if n < len(s.text) {
		r, _ := utf8.DecodeRuneInString(s.text[n:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("‘“\"'(", r) {
			return false
		}
	}
	w := j
	for w > 0 {
		r, n := utf8.DecodeLastRuneInString(s.text[:w])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		w -= n
	}
	word := strings.ToLower(s.text[w:j])
	return !abbrevs[word] && !(len(word) == 1 && s.text[j] == '.')
}

func words(s string) int {
	n := 0
	for f := range strings.FieldsSeq(s) {
		if f != "and" && f != "or" {
			n++
		}
	}
	return n
}

// The ordinal words that reOrdAdverb and reOrdThe look for.
var (
	ordAdverbs = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "finally", "lastly"}
	ordThe     = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "final", "last"}
)

var (
	reOrdAdverb = regexp.MustCompile(`^(?i)(?:(?:and|but)\s+)?(` + strings.Join(ordAdverbs, "|") + `)(?:ly)?(?:\s+of\s+all)?,`)
	reOrdThe    = regexp.MustCompile(`^(?i)the\s+(` + strings.Join(ordThe, "|") + `)(?:\s+[\p{L}-]+)?\s+(?:is|was|are|were)\b`)
)

var ordinalValue = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "finally": -1, "lastly": -1, "final": -1, "last": -1}

// An ord is a possible ordinal marker.
type ord struct {
	start, end int
	value      int
	inline     bool // after a colon or semicolon rather than a full stop
}

// ordinal reports whether an ordinal marker starts at i; win is the text
// from i on.
func (s *scan) ordinal(i int, win string) (ord, bool) {
	for _, re := range []*regexp.Regexp{reOrdAdverb, reOrdThe} {
		m := re.FindStringSubmatchIndex(win)
		if m == nil {
			continue
		}
		word := strings.ToLower(win[m[2]:m[3]])
		if re == reOrdAdverb && word == "final" {
			continue
		}
		// The patterns fold case as Unicode does ("ſecond"), ToLower
		// does not: such a word is not one we know.
		value, ok := ordinalValue[word]
		if !ok {
			continue
		}
		o := ord{start: i, end: i + m[1], value: value}
		switch prev := s.prevChar(i); {
		case prev == ':' || prev == ';':
			o.inline = true
		case prev == 0 || prev == '.' || prev == '!' || prev == '?':
			if r, _ := utf8.DecodeRuneInString(win); !unicode.IsUpper(r) {
				return ord{}, false
			}
		default:
			return ord{}, false
		}
		return o, true
	}
	return ord{}, false
}

// letterRun returns the length in bytes of the run of letters at text[i:].
func letterRun(text string, i int) int {
	j := i
	for j < len(text) {
		if c := text[j]; c < utf8.RuneSelf {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return j - i
}

// mayOpenOrdinal reports whether an ordinal marker may start with the
// lower-cased word that ends at j: a cheap test, true wherever
// reOrdAdverb or reOrdThe could match, that spares the regexps most words.
func (s *scan) mayOpenOrdinal(word []byte, j int) bool {
	switch string(word) {
	case "the":
		// An ordinal word follows, then white space.
		return foldIn(s.nextWord(j), ordThe)
	case "and", "but":
		// An ordinal adverb follows, possibly with "ly".
		w := s.nextWord(j)
		if len(w) > 2 && strings.EqualFold(w[len(w)-2:], "ly") && foldIn(w[:len(w)-2], ordAdverbs) {
			return true
		}
		return foldIn(w, ordAdverbs)
	}
	if _, ok := ordinalValue[string(bytes.TrimSuffix(word, []byte("ly")))]; !ok {
		return false
	}
	// A comma follows, or white space before "of all,".
	return j < len(s.text) && (s.text[j] == ',' || isRegexpSpace(s.text[j]))
}

// nextWord returns the letters after the white space at j, or "" if no
// white space follows j.
func (s *scan) nextWord(j int) string {
	k := j
	for k < len(s.text) && isRegexpSpace(s.text[k]) {
		k++
	}
	if k == j {
		return ""
	}
	return s.text[k : k+letterRun(s.text, k)]
}

// isRegexpSpace reports whether c matches \s in a regexp.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// foldIn reports whether w equals one of words under case folding, as the
// regexps' (?i) compares them.
func foldIn(w string, words []string) bool {
	for _, x := range words {
		if strings.EqualFold(w, x) {
			return true
		}
	}
	return false
}

// ordinalLists finds sequences of points introduced by ordinals.
func (s *scan) ordinalLists() []Enumeration {
	var ords []ord
	// Try the patterns only where a word that can begin them starts, and
	// only if the word after it could continue them, on a short window, so
	// the scan stays linear and the common "the" and "and" cost no regexp.
	var low []byte // the word in lower case
	for i := 0; i < len(s.text); {
		n := letterRun(s.text, i)
		if n == 0 {
			_, size := utf8.DecodeRuneInString(s.text[i:])
			i += size
			continue
		}
		j := i + n
		// Every trigger has at least three letters: "the", "and", "but".
		if n < 3 {
			i = j
			continue
		}
		if low = lower.Append(low[:0], s.text[i:j]); !s.mayOpenOrdinal(low, j) {
			i = j
			continue
		}
		win := s.text[i:min(len(s.text), i+80)]
		if o, ok := s.ordinal(i, win); ok {
			ords = append(ords, o)
			j = o.end
		}
		i = j
	}
	sort.Slice(ords, func(i, j int) bool { return ords[i].start < ords[j].start })
	var groups [][]ord
	var cur []ord
	flush := func() {
		if len(cur) >= 2 {
			groups = append(groups, cur)
		}
		cur = nil
	}
	for _, o := range ords {
		switch {
		case o.value == 1:
			flush()
			cur = []ord{o}
		case len(cur) > 0 && s.ordGapOK(cur[len(cur)-1], o) && (o.value == len(cur)+1 || o.value == -1 && len(cur) >= 2):
			cur = append(cur, o)
			if o.value == -1 {
				flush()
			}
		default:
			flush()
		}
	}
	flush()
	var out []Enumeration
	for _, g := range groups {
		var items []Item
		for i, o := range g {
			var end int
			pe := len(s.text)
			if p := s.para(o.start); p >= 0 {
				pe = s.paras[p].End
			}
			switch {
			case i+1 < len(g) && g[i+1].start < pe:
				end = g[i+1].start
			case i+1 < len(g) || !o.inline:
				end = pe
			default:
				end = s.sentenceEnd(o.end)
			}
			items = append(items, s.item(o.start, o.end, skipSpace(s.text, o.end), end))
		}
		if slices.ContainsFunc(items, func(it Item) bool { return it.Start == it.End }) {
			continue
		}
		out = append(out, Enumeration{
			Span:  pipeline.Span{Start: g[0].start, End: items[len(items)-1].End},
			Style: Ordinal,
			Items: items,
		})
	}
	return out
}

// prevChar returns the last character before i that is not white space,
// looking through closing quotes and glued footnote numbers, or 0 at the
// start of a paragraph.
func (s *scan) prevChar(i int) rune {
	if p := s.para(i); p >= 0 && s.paras[p].Start == i {
		return 0
	}
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s.text[:j])
		if !unicode.IsSpace(r) && !isBlank(r) {
			break
		}
		j -= n
	}
	if j == 0 {
		return 0
	}
	k := j
	for k > 0 && s.text[k-1] >= '0' && s.text[k-1] <= '9' && j-k < 3 {
		k--
	}
	if k < j && k > 0 && strings.ContainsRune(".!?", rune(s.text[k-1])) {
		j = k
	}
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s.text[:j])
		if !strings.ContainsRune("’”\"')", r) {
			return r
		}
		j -= n
	}
	return 0
}

// ordGapOK reports whether ordinal o may follow p in one sequence: in the
// same paragraph, or opening the next one.
func (s *scan) ordGapOK(p, o ord) bool {
	pp, op := s.para(p.start), s.para(o.start)
	return op == pp || op == pp+1 && s.paras[op].Start == o.start
}

var (
	reFollowing  = regexp.MustCompile(`(?i)\b(?:the\s+following|as\s+follows|several|a\s+number\s+of|a\s+few|various|many|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`)
	countWords   = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
	timeNouns    = map[string]bool{"years": true, "months": true, "weeks": true, "days": true, "hours": true, "minutes": true, "seconds": true, "decades": true, "centuries": true, "times": true}
	stopAfterNum = map[string]bool{"of": true, "to": true, "the": true, "and": true, "or": true, "in": true, "on": true, "is": true, "are": true, "were": true, "was": true}
)

// introduce finds the clause that announces e and the count it states.
func (s *scan) introduce(e *Enumeration) {
	m := e.Items[0].MarkerStart
	j := m
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s.text[:j])
		if !unicode.IsSpace(r) && !isBlank(r) {
			break
		}
		j -= n
	}
	if j == 0 {
		return
	}
	p := s.para(j - 1)
	if p >= 0 && s.paras[p].Kind == layout.Heading {
		return
	}
	end := s.trimEnd(0, j)
	colon := strings.HasSuffix(s.text[:j], ":") || strings.HasSuffix(s.text[:j], "—")
	start := s.sentenceStart(end)
	if start >= end {
		return
	}
	// A list that opens with a numbered clause ("(1) The holder—")
	// announces its sub-list with the clause after the number.
	for _, re := range []*regexp.Regexp{reLineParen, reLineDot} {
		if !mayStartMarker(s.text[start:end]) {
			break
		}
		if m := re.FindStringIndex(s.text[start:end]); m != nil {
			start += lastRuneStart(s.text[start:end], m[1])
		}
	}
	intro := s.text[start:end]
	if !colon && !reFollowing.MatchString(intro) {
		return
	}
	e.Intro = &pipeline.Span{Start: start, End: end}
	for num, words := range countPhrases(intro) {
		n, ok := countWords[strings.ToLower(num)]
		if !ok {
			n, _ = strconv.Atoi(num)
		}
		for w := range strings.FieldsSeq(words) {
			w = strings.ToLower(w)
			if stopAfterNum[w] {
				break
			}
			if len(w) > 2 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
				if !timeNouns[w] && n >= 2 {
					e.Announced = n
				}
				break
			}
		}
	}
	e.CountMismatch = e.Announced > 0 && e.Announced != len(e.Items)
}

// countNames are the numbers a count phrase may spell out, in the order
// countPhrases tries them.
var countNames = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}

// countPhrases yields, left to right and without overlap, each number in
// text and the one to three words after it, as the regexp
//
//	(?i)\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,2})((?:\s+[\p{L}-]+){1,3})
//
// would find them with FindAllStringSubmatch; a hand scan costs a fraction
// of that regexp's backtracking.
func countPhrases(text string) iter.Seq2[string, string] {
	return func(yield func(num, words string) bool) {
		for p := 0; p < len(text); {
			numEnd := countAt(text, p)
			if numEnd < 0 || !wordBoundary(text, p) {
				p++
				continue
			}
			// Up to three runs of white space and then letters or hyphens.
			end := numEnd
			for range 3 {
				k := end
				for k < len(text) && isRegexpSpace(text[k]) {
					k++
				}
				n := 0
				for k+n < len(text) {
					r, size := utf8.DecodeRuneInString(text[k+n:])
					if r != '-' && !unicode.IsLetter(r) {
						break
					}
					n += size
				}
				if k == end || n == 0 {
					break
				}
				end = k + n
			}
			if end == numEnd {
				p++
				continue
			}
			if !yield(text[p:numEnd], text[numEnd:end]) {
				return
			}
			p = end
		}
	}
}

// countAt returns the end of the number word or of the one or two digits
// at text[p:], or -1. Number words compare under Unicode simple case
// folding, as the regexp flag (?i) does.
func countAt(text string, p int) int {
	n := 0
	for p+n < len(text) && n < 3 && '0' <= text[p+n] && text[p+n] <= '9' {
		n++
	}
	if n > 0 {
		if n > 2 {
			return -1
		}
		return p + n
	}
	for _, name := range countNames {
		if e := foldPrefix(text, p, name); e >= 0 {
			return e
		}
	}
	return -1
}

// foldPrefix returns the end of the ASCII word w at text[p:] under simple
// case folding, or -1.
func foldPrefix(text string, p int, w string) int {
	for k := 0; k < len(w); k++ {
		if p >= len(text) {
			return -1
		}
		r, size := utf8.DecodeRuneInString(text[p:])
		if !foldEqual(r, rune(w[k])) {
			return -1
		}
		p += size
	}
	return p
}

// foldEqual reports whether r equals the lower-case ASCII letter c under
// simple case folding (so "ſ" equals "s").
func foldEqual(r, c rune) bool {
	if r < utf8.RuneSelf {
		return r == c || r == c-'a'+'A'
	}
	for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// wordBoundary reports whether \b holds at text[p] in a regexp: one side
// is an ASCII letter, digit or underscore, the other not.
func wordBoundary(text string, p int) bool {
	before, after := false, false
	if p > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:p])
		before = isWordChar(r)
	}
	if p < len(text) {
		r, _ := utf8.DecodeRuneInString(text[p:])
		after = isWordChar(r)
	}
	return before != after
}

func isWordChar(r rune) bool {
	return r == '_' || r < utf8.RuneSelf && isAlnum(byte(r))
}

// sentenceStart returns the start of the sentence that ends at end: the
// later of the sentences layer's start, the start of the paragraph and the
// last sentence-final stop this package recognises.
func (s *scan) sentenceStart(end int) int {
	start := 0
	if p := s.para(end - 1); p >= 0 {
		start = s.paras[p].Start
	}
	k := sort.Search(len(s.sents), func(k int) bool { return s.sents[k].End >= end })
	if k < len(s.sents) && s.sents[k].Start < end && s.sents[k].Start > start {
		start = s.sents[k].Start
	}
	for j := end - 1; j > start; j-- {
		if c := s.text[j]; (c == '.' || c == '!' || c == '?' || c == ':' && j+1 < end) && s.stops(j) {
			return skipSpace(s.text, j+1+digitsAt(s.text[j+1:]))
		}
	}
	return skipSpace(s.text, start)
}

func digitsAt(s string) int {
	n := 0
	for n < len(s) && n < 3 && (s[n] >= '0' && s[n] <= '9' || strings.ContainsRune("’”\"')", rune(s[n]))) {
		n++
	}
	return n
}
