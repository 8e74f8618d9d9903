// Package layout recovers the layout of text extracted from PDF or other
// hard-wrapped sources: paragraphs and their kind, the stray space that
// marks a new printed page, and footnote reference numbers glued to the
// text.
//
// Everything is inferred from the shape of the text. The document's wrap
// width (a high percentile of its line lengths) tells a line that was
// broken early on purpose (a heading, the end of a paragraph) from one the
// typesetter filled; punctuation at line ends tells where sentences stop;
// a single leading space on one line among lines that have none marks the
// start of a printed page, as PDF text extraction leaves it.
package layout

import (
	"context"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/pipeline"
)

// Paragraph kinds.
const (
	Body       = "body"
	Heading    = "heading"
	BlockQuote = "block_quote"
)

// A Paragraph is a run of lines between blank lines, trimmed of surrounding
// white space.
type Paragraph struct {
	pipeline.Span
	Kind string `json:"kind"`
}

// A PageBreak is the one-byte stray space that starts a new printed page.
type PageBreak struct {
	pipeline.Span
}

// A FootnoteRef is a footnote number glued to the text (`periphery.1`).
type FootnoteRef struct {
	pipeline.TextSpan
	Number int `json:"number"`
}

// The layers this package provides.
var (
	Paragraphs   = pipeline.NewLayer[Paragraph]("paragraphs")
	PageBreaks   = pipeline.NewLayer[PageBreak]("page_breaks")
	FootnoteRefs = pipeline.NewLayer[FootnoteRef]("footnote_refs")
)

// Annotator finds paragraphs, page breaks and footnote references.
type Annotator struct{}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string       { return "layout" }
func (Annotator) Version() string    { return "1.0.0" }
func (Annotator) Requires() []string { return nil }
func (Annotator) Provides() []string {
	return []string{Paragraphs.Name(), PageBreaks.Name(), FootnoteRefs.Name()}
}

// Annotate sets the layout layers.
//
// Paragraphs are the blocks between blank lines, split further where a
// heading sits directly on top of its body text and where a line that ends
// a sentence stops well short of the wrap width and the next line starts a
// new sentence (a paragraph break lost at a page boundary). A block
// introduced by a colon or an open clause such as "pointed out that" is a
// block quote when it also starts in lower case, ends with a footnote
// reference or is set narrower than the running text; a list is never one.
func (Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a := analyze(doc.Text)
	Paragraphs.Set(doc, a.paragraphs())
	breaks := make([]PageBreak, len(a.breaks))
	for i, off := range a.breaks {
		breaks[i] = PageBreak{pipeline.Span{Start: off, End: off + 1}}
	}
	PageBreaks.Set(doc, breaks)
	refs := make([]FootnoteRef, len(a.refs))
	for i, r := range a.refs {
		refs[i] = FootnoteRef{doc.TextSpan(r.start, r.end), r.number}
	}
	FootnoteRefs.Set(doc, refs)
	return nil
}

// A line is one line of the text, without its line terminator.
type line struct {
	start, end int // the raw line
	s, e       int // its content, trimmed of white space
	n          int // runes in the content
}

func (l *line) blank() bool { return l.s == l.e }

// A ref is a footnote reference before it becomes a FootnoteRef.
type ref struct {
	start, end, number int
}

// An analysis holds what Annotate learns about one text. It lives for one
// call, so the annotator itself keeps no state.
type analysis struct {
	text     string
	lines    []line
	width    int  // typical wrap width in runes
	wrapped  bool // lines are hard-wrapped to width
	breaks   []int
	refs     []ref
	refAtEnd map[int]int // footnote ref end offset -> its start
}

func analyze(text string) *analysis {
	a := &analysis{text: text, refAtEnd: make(map[int]int)}
	a.splitLines()
	for i := range a.lines {
		a.trim(&a.lines[i])
	}
	a.refs = findFootnotes(text)
	for _, r := range a.refs {
		a.refAtEnd[r.end] = r.start
	}
	a.findPageBreaks()
	a.measure()
	return a
}

// splitLines cuts the text at LF, CRLF and CR. A byte order mark at the
// start belongs to no line's content.
func (a *analysis) splitLines() {
	text := a.text
	start := 0
	if strings.HasPrefix(text, "\uFEFF") {
		start = len("\uFEFF")
	}
	a.lines = make([]line, 0, strings.Count(text, "\n")+1)
	crlf := strings.IndexByte(text, '\r') >= 0
	for i := start; i <= len(text); i++ {
		if !crlf {
			// Jump to the next LF, the only terminator.
			if j := strings.IndexByte(text[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(text)
			}
		}
		if i < len(text) && text[i] != '\n' && text[i] != '\r' {
			continue
		}
		a.lines = append(a.lines, line{start: start, end: i, s: start, e: i})
		if i == len(text) {
			break
		}
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		start = i + 1
	}
}

// findPageBreaks marks form feeds and the single stray space that PDF
// extraction leaves at the start of a page's first line. A leading space
// is a page break only where it is out of step with its neighbours: it is
// exactly one space, the lines next to it in the same block are not
// indented, and such lines are neither frequent nor always at the start of
// a paragraph (either would make the indentation a habit of the document).
// A line holding nothing but one space is a page with no text, once the
// document shows the habit.
func (a *analysis) findPageBreaks() {
	text := a.text
	for i := 0; ; i++ {
		j := strings.IndexByte(text[i:], '\f')
		if j < 0 {
			break
		}
		i += j
		a.breaks = append(a.breaks, i)
	}
	indented := func(i int) bool {
		l := a.lines[i]
		return !l.blank() && l.s > l.start
	}
	var cands []int // line indexes
	nonblank, paraStarts := 0, 0
	for i, l := range a.lines {
		if l.blank() {
			continue
		}
		nonblank++
		if l.s != l.start+1 || text[l.start] != ' ' {
			continue
		}
		if i > 0 && indented(i-1) || i+1 < len(a.lines) && indented(i+1) {
			continue
		}
		cands = append(cands, i)
		if i == 0 || a.lines[i-1].blank() || a.endsSentence(a.lines[i-1]) {
			paraStarts++
		}
	}
	if len(cands) >= 3 && (len(cands)*3 > nonblank || paraStarts == len(cands)) {
		cands = nil
	}
	for _, i := range cands {
		a.breaks = append(a.breaks, a.lines[i].start)
	}
	if len(cands) > 0 {
		for _, l := range a.lines {
			if text[l.start:l.end] == " " {
				a.breaks = append(a.breaks, l.start)
			}
		}
	}
	slices.Sort(a.breaks)
	a.breaks = slices.Compact(a.breaks)
}

// trim sets a line's content bounds, skipping the white space around its
// text (a page-break space among it).
func (a *analysis) trim(l *line) {
	raw := a.text[l.start:l.end]
	if raw != "" && raw[0] > ' ' && raw[0] < utf8.RuneSelf && raw[len(raw)-1] > ' ' && raw[len(raw)-1] < utf8.RuneSelf {
		l.n = utf8.RuneCountInString(raw) // nothing to trim, the usual case
		return
	}
	content := strings.TrimLeftFunc(raw, isSpace)
	l.s = l.end - len(content)
	content = strings.TrimRightFunc(content, isSpace)
	l.e = l.s + len(content)
	l.n = utf8.RuneCountInString(content)
}

// measure estimates the wrap width as the 90th percentile of line lengths,
// and decides whether the text is hard-wrapped: most lines inside a block
// (not counting each block's last) come close to that width.
func (a *analysis) measure() {
	all := make([]int, 0, len(a.lines))
	inner := make([]int, 0, len(a.lines))
	for i, l := range a.lines {
		if l.blank() {
			continue
		}
		all = append(all, l.n)
		if i+1 < len(a.lines) && !a.lines[i+1].blank() {
			inner = append(inner, l.n)
		}
	}
	if len(all) == 0 {
		return
	}
	slices.Sort(all)
	a.width = all[len(all)*9/10]
	if len(inner) >= 3 {
		slices.Sort(inner)
		a.wrapped = inner[len(inner)/2]*10 >= a.width*8
	}
}

func (a *analysis) content(l line) string { return a.text[l.s:l.e] }

// paragraphs cuts each block of non-blank lines into paragraphs and gives
// each its kind.
func (a *analysis) paragraphs() []Paragraph {
	var out []Paragraph
	var blockOf []int // index of the block each paragraph came from
	block := 0
	for i := 0; i < len(a.lines); {
		if a.lines[i].blank() {
			i++
			continue
		}
		j := i
		for j < len(a.lines) && !a.lines[j].blank() {
			j++
		}
		n := len(out)
		out = a.segment(out, i, j)
		for range out[n:] {
			blockOf = append(blockOf, block)
		}
		block++
		i = j
	}
	for k := 1; k < len(out); k++ {
		if out[k].Kind == Body && blockOf[k] != blockOf[k-1] && out[k-1].Kind != Heading && a.isBlockQuote(out[k-1], out[k]) {
			out[k].Kind = BlockQuote
		}
	}
	return out
}

// segment splits the block of lines [from, to) into paragraphs, and
// appends them to out.
func (a *analysis) segment(out []Paragraph, from, to int) []Paragraph {
	emit := func(i, j int, kind string) {
		if i < j {
			out = append(out, Paragraph{pipeline.Span{Start: a.lines[i].s, End: a.lines[j-1].e}, kind})
		}
	}
	next := a.nextLine(to) // the first line of the next block
	start := from
	atStart := true // a new paragraph may begin at line i
	for i := from; i < to; {
		if atStart {
			if h := a.headingAt(i, to, next); h > 0 {
				emit(start, i, Body)
				emit(i, i+h, Heading)
				i += h
				start = i
				continue
			}
		}
		atStart = false
		if i+1 < to && a.endsSentence(a.lines[i]) {
			atStart = true
			if a.wrapped && a.stopsShort(i) && startsUpper(a.content(a.lines[i+1])) {
				emit(start, i+1, Body)
				start = i + 1
			}
		}
		i++
	}
	emit(start, to, Body)
	return out
}

// nextLine returns the first non-blank line from line i on, or nil.
func (a *analysis) nextLine(i int) *line {
	for ; i < len(a.lines); i++ {
		if !a.lines[i].blank() {
			return &a.lines[i]
		}
	}
	return nil
}

// stopsShort reports whether line i ends well before the wrap width: the
// first word of the next line would have fitted with room to spare.
func (a *analysis) stopsShort(i int) bool {
	next := a.content(a.lines[i+1])
	w := utf8.RuneCountInString(firstWord(next))
	return (a.lines[i].n+1+w)*10 <= a.width*8
}

// fits reports whether the first word of line i+1 would have fitted on
// line i, so that the break after line i was deliberate.
func (a *analysis) fits(i int) bool {
	w := utf8.RuneCountInString(firstWord(a.content(a.lines[i+1])))
	return (a.lines[i].n+1+w)*100 <= a.width*95
}

// headingAt returns how many lines (1 or 2) of the block [.., to) form a
// heading starting at line i, or 0. A heading is short, starts with a
// capital, has no final punctuation and is followed by the body's first
// line, which starts with a capital, or stands alone in its block with
// a block starting with a capital after it. A two-line heading's second line is short too, and
// either starts in lower case or follows a first line that ends with a
// word that cannot end a title ("for", "and", a colon).
func (a *analysis) headingAt(i, to int, next *line) int {
	l1 := a.lines[i]
	if !a.headingLine(l1, true) {
		return 0
	}
	// A heading ending before line j must be followed by a body that
	// starts with a capital: on the next line, which would have fitted on
	// the heading's last line, or in the next block.
	followed := func(j int) bool {
		if j == to {
			return next != nil && startsUpper(a.content(*next))
		}
		return startsUpper(a.content(a.lines[j])) && a.fits(j-1)
	}
	c1 := a.content(l1)
	if i+1 < to {
		l2 := a.lines[i+1]
		c2 := a.content(l2)
		if a.headingLine(l2, false) && l2.n*10 <= a.width*6 && a.fits(i) &&
			(startsLower(c2) || endsOpen(c1)) && followed(i+2) {
			return 2
		}
	}
	if endsOpen(c1) {
		return 0
	}
	if followed(i + 1) {
		return 1
	}
	return 0
}

// headingLine reports whether l could be a line of a heading: short, with
// no final punctuation, not a sentence fragment ending in a footnote. The
// first line must start with a capital (after an optional section number)
// and may end with a colon if it is very short.
func (a *analysis) headingLine(l line, first bool) bool {
	c := a.content(l)
	if c == "" || l.n*100 > a.width*85 {
		return false
	}
	if _, ok := a.refAtEnd[l.e]; ok {
		return false
	}
	c = skipSectionNumber(c)
	if first && !startsUpper(c) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(c)
	switch {
	case last == ':':
		if !first || l.n*2 > a.width {
			return false
		}
	case strings.ContainsRune(".,;!?’”\"'…-–—", last):
		return false
	}
	if fieldCount(c) > 20 || sentenceInside(c) || !strings.ContainsFunc(c, unicode.IsLetter) {
		return false
	}
	return true
}

// endsSentence reports whether line l ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets and a footnote number.
func (a *analysis) endsSentence(l line) bool {
	e := l.e
	if s, ok := a.refAtEnd[e]; ok {
		e = s
	}
	c := strings.TrimRightFunc(a.text[l.s:e], isCloser)
	last, _ := utf8.DecodeLastRuneInString(c)
	return last == '.' || last == '!' || last == '?' || last == '…'
}

// isBlockQuote reports whether paragraph p, the first of its block, is a
// quotation set apart from the running text, given the paragraph before it.
// The introduction (a colon, a reporting clause) weighs two and an open
// clause one; starting in lower case, ending with a footnote reference and
// being set narrower than the running text or indented weigh one each; three are needed, and a list never is a
// quotation.
func (a *analysis) isBlockQuote(prev, p Paragraph) bool {
	c := a.text[p.Start:p.End]
	if a.isList(p) {
		return false
	}
	score := 0
	intro := a.text[prev.Start:prev.End]
	last, _ := utf8.DecodeLastRuneInString(intro)
	switch {
	case last == ':':
		score += 2
	case reportingEnd(intro):
		score += 2
	case unicode.IsLetter(last):
		score++ // an open clause: the sentence goes on in p
	}
	if startsLower(c) {
		score++
	}
	if _, ok := a.refAtEnd[p.End]; ok {
		score++
	}
	if a.narrow(p) || a.indented(p) && !a.indented(prev) {
		score++
	}
	return score >= 3
}

// narrow reports whether the lines of p, all but its last, are clearly
// shorter than the document's wrap width, as an indented quotation is.
func (a *analysis) narrow(p Paragraph) bool {
	if !a.wrapped {
		return false
	}
	widest, n := 0, 0
	for _, l := range a.linesOf(p) {
		if l.e == p.End {
			break
		}
		widest = max(widest, l.n)
		n++
	}
	return n >= 2 && widest*100 <= a.width*93
}

// indented reports whether p has several lines and every one starts with
// white space.
func (a *analysis) indented(p Paragraph) bool {
	lines := a.linesOf(p)
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		if l.s == l.start {
			return false
		}
	}
	return true
}

// isList reports whether at least two lines of p start with list markers
// ("a.", "(b)", "3)", "•").
func (a *analysis) isList(p Paragraph) bool {
	n := 0
	for _, l := range a.linesOf(p) {
		if listMarker(a.content(l)) {
			n++
		}
	}
	return n >= 2
}

func (a *analysis) linesOf(p Paragraph) []line {
	// The first line ending at or after p.Start.
	i := sort.Search(len(a.lines), func(k int) bool { return a.lines[k].end >= p.Start })
	j := i
	for j < len(a.lines) && a.lines[j].start < p.End {
		j++
	}
	return a.lines[i:j]
}

// findFootnotes finds footnote numbers: one to three digits glued to the
// end of a clause and followed by white space or the end of the text. The
// strong form follows punctuation or a closing quote that itself follows a
// word (`periphery.1`, `task.’5`, `cooperation,2`); a number after a
// decimal point, a section number or an abbreviation such as "No." or "p."
// is not a footnote. The weak form follows a lower-case word directly
// (`periphery1`) and is kept only where it continues the numbering. A
// strong number that breaks an otherwise increasing run is dropped.
func findFootnotes(text string) []ref {
	type cand struct {
		ref
		weak bool
	}
	var cands []cand
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || i > 0 && isDigit(text[i-1]) {
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j-i > 3 || text[i] == '0' || i == 0 {
			i = j
			continue
		}
		if j < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[j:]); !isSpace(r) {
				i = j
				continue
			}
		}
		num := 0
		for _, c := range text[i:j] {
			num = num*10 + int(c-'0')
		}
		if strong, ok := glued(text[:i]); ok {
			cands = append(cands, cand{ref{i, j, num}, !strong})
		}
		i = j
	}
	var out []ref
	for k, c := range cands {
		prev := 0
		if len(out) > 0 {
			prev = out[len(out)-1].number
		}
		if c.weak {
			if c.number == prev+1 {
				out = append(out, c.ref)
			}
			continue
		}
		// Drop a number outside an increasing run: prev < next but the
		// number does not fall between them.
		if len(out) > 0 && k+1 < len(cands) {
			next := cands[k+1].number
			if prev < next && (c.number <= prev || c.number > next) {
				continue
			}
		}
		out = append(out, c.ref)
	}
	return out
}

// glued reports whether a number directly after before is glued to the end
// of a clause, and whether strongly (after punctuation) or weakly (after a
// lower-case word).
func glued(before string) (strong, ok bool) {
	p, size := utf8.DecodeLastRuneInString(before)
	rest := before[:len(before)-size]
	q, _ := utf8.DecodeLastRuneInString(rest)
	switch {
	case isCloser(p):
		// A closing quote or bracket after a word or punctuation; not an
		// apostrophe opening a number such as ’90s.
		return true, unicode.IsLetter(q) || isPunct(q)
	case isPunct(p):
		if isCloser(q) {
			return true, true
		}
		if !unicode.IsLetter(q) {
			return true, false // a decimal, a section number, a ratio
		}
		word := lastWord(rest)
		if p == '.' && (numberingAbbrev[strings.ToLower(word)] || romanNumeral(word)) {
			return true, false
		}
		if utf8.RuneCountInString(word) == 1 {
			// A single letter before the point is a label ("A.1") unless
			// it ends an initialism ("U.S.").
			r, _ := utf8.DecodeLastRuneInString(rest[:len(rest)-len(word)])
			return true, r == '.'
		}
		return true, true
	case unicode.IsLower(p):
		word := lastWord(before)
		return false, utf8.RuneCountInString(word) >= 3 && strings.IndexFunc(word, func(r rune) bool { return !unicode.IsLower(r) }) < 0
	}
	return false, false
}

// numberingAbbrev lists abbreviations that a number follows as part of the
// text ("No.5", "p.12", "Fig.3").
var numberingAbbrev = map[string]bool{
	"no": true, "nos": true, "nr": true, "p": true, "pp": true, "fig": true, "figs": true,
	"vol": true, "vols": true, "art": true, "arts": true, "ch": true, "chap": true,
	"sec": true, "sect": true, "para": true, "paras": true, "eq": true, "eqs": true,
	"ed": true, "edn": true, "v": true, "vs": true, "op": true, "tab": true, "app": true,
	"ex": true, "n": true, "nn": true, "l": true, "ll": true, "r": true, "rev": true,
}

// romanNumeral reports whether w is a short Roman numeral such as "IV".
func romanNumeral(w string) bool {
	return w != "" && len(w) <= 4 && strings.Trim(w, "IVXLC") == ""
}

// reportingEnd reports whether s ends with a clause that introduces a
// quotation ("pointed out that", "as follows", "stated"), with no final
// punctuation.
func reportingEnd(s string) bool {
	return reportingWords[strings.ToLower(lastWord(s))]
}

var reportingWords = map[string]bool{
	"that": true, "follows": true, "said": true, "says": true, "stated": true,
	"wrote": true, "writes": true, "declared": true, "declares": true,
	"noted": true, "notes": true, "added": true, "adds": true, "argued": true,
	"argues": true, "observed": true, "remarked": true, "concluded": true,
	"reads": true, "read": true, "explained": true, "explains": true,
	"asserted": true, "insisted": true, "announced": true, "proclaimed": true,
}

// endsOpen reports whether s ends with a word that leaves a title
// unfinished: a preposition, conjunction or article, or a colon.
func endsOpen(s string) bool {
	return strings.HasSuffix(s, ":") || openWords[strings.ToLower(lastWord(s))]
}

var openWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "nor": true, "but": true,
	"of": true, "for": true, "to": true, "in": true, "on": true, "at": true, "by": true,
	"with": true, "from": true, "into": true, "onto": true, "as": true, "between": true,
	"among": true, "against": true, "about": true, "towards": true, "toward": true,
	"through": true, "under": true, "over": true, "versus": true, "its": true, "their": true,
	"that": true,
}

// listMarker reports whether s starts with a list marker: a letter, number
// or Roman numeral of at most three characters followed by "." or ")",
// optionally opened by "(", or a bullet; then a space.
func listMarker(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("•◦▪‣*-–", r) {
		return strings.HasPrefix(s[size:], " ")
	}
	s = strings.TrimPrefix(s, "(")
	k := 0
	for k < len(s) && k < 4 && (isDigit(s[k]) || s[k] < utf8.RuneSelf && unicode.IsLetter(rune(s[k]))) {
		k++
	}
	if k == 0 || k > 3 || k+1 >= len(s) {
		return false
	}
	return (s[k] == '.' || s[k] == ')') && s[k+1] == ' '
}

// skipSectionNumber drops a leading section number ("2.", "3.1", "IV.")
// and the space after it.
func skipSectionNumber(s string) string {
	k := 0
	for k < len(s) && (isDigit(s[k]) || s[k] == '.') {
		k++
	}
	if k > 0 && k < len(s) && s[k] == ' ' {
		return s[k+1:]
	}
	return s
}

// sentenceInside reports whether s holds a sentence boundary: ". ", "? " or
// "! " followed by a capital.
func sentenceInside(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i+1] == ' ' && startsUpper(s[i+2:]) {
			return true
		}
	}
	return false
}

// fieldCount returns len(strings.Fields(s)) without building the fields.
func fieldCount(s string) int {
	n, inField := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inField = false
		} else if !inField {
			inField = true
			n++
		}
	}
	return n
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, isSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// lastWord returns the run of letters at the end of s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= size
	}
	return s[i:]
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isSpace reports white space, counting the byte order mark as one.
func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' }

// isCloser reports closing quotes and brackets.
func isCloser(r rune) bool { return strings.ContainsRune("’”\"')]»›", r) }

// isPunct reports punctuation a footnote number can follow.
func isPunct(r rune) bool { return strings.ContainsRune(".,;:!?…", r) }
