// Package quantities finds numeric measures in text: a number in digits or
// words, its unit (from a table of SI, common and currency units) or the
// noun it counts, and a modifier such as "more than" or "about".
package quantities

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/annotators/dates"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/internal/lower"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Modifiers of a quantity.
const (
	Approx   = "APPROX"
	MoreThan = "MORE_THAN"
	LessThan = "LESS_THAN"
	Max      = "MAX"
	Min      = "MIN"
)

// A Quantity is a measure: its Value is a Number, or a [2]Number for a
// range; its Unit is a unit symbol from the unit table ("km",
// "tonne/year", "percent"), an ISO 4217 currency code, "fraction" for a
// fraction of something, or the singular of the noun it counts
// ("neighbour"); Mod qualifies the value.
type Quantity struct {
	pipeline.TextSpan
	Value any    `json:"value"`
	Unit  string `json:"unit"`
	Mod   string `json:"mod,omitempty"`
}

// A Number is a value that prints in JSON without a needless fraction or
// exponent: 20000000, 0.75.
type Number float64

// MarshalJSON prints n in the shortest decimal form that reads back as n.
func (n Number) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, float64(n), 'f', -1, 64), nil
}

// Layer is the quantities layer.
var Layer = pipeline.NewLayer[Quantity]("quantities")

// Annotator finds quantities. The zero value is ready to use. It never
// takes a bare year (four digits from 1000 to 2100 with no unit and no
// plural noun after them) or a number next to a month name; if the
// document also has a dates layer when it runs, a quantity whose number
// overlaps a date ("six years" as a duration) is left to that layer.
type Annotator struct{}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string    { return "quantities" }
func (Annotator) Version() string { return "1.0.0" }
func (Annotator) Requires() []string {
	return []string{tokens.Layer.Name(), layout.FootnoteRefs.Name(), layout.PageBreaks.Name(), sentences.Layer.Name()}
}
func (Annotator) Provides() []string { return []string{Layer.Name()} }

// Annotate sets the quantities layer.
func (Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	buf := tokBufs.Get().(*[]tok)
	s := newScan(doc, (*buf)[:0])
	defer func() {
		if cap(s.toks) <= maxPooledToks {
			*buf = s.toks
			tokBufs.Put(buf)
		}
	}()
	var out []Quantity
	for i := 0; i < len(s.toks); {
		if !s.mayStart(i) {
			i++
			continue
		}
		q, num, next, ok := s.quantity(i)
		if ok && !s.excluded(q.Span, num) {
			out = append(out, q)
			i = next
			continue
		}
		i++
	}
	Layer.Set(doc, out)
	return nil
}

// A tok is a word, a number in digits or one other character.
type tok struct {
	start, end int
	kind       byte // 'w' word, 'n' digits, 'p' other
	space      bool // preceded by white space or the start of the text
}

// tokBufs holds token slices for reuse from one document to the next, as
// the tokens of a text take about five times its size.
var tokBufs = sync.Pool{New: func() any { return new([]tok) }}

// maxPooledToks bounds what an idle pooled slice keeps alive: the tokens
// of a few hundred kilobytes of text.
const maxPooledToks = 1 << 17

type scan struct {
	doc    *pipeline.Document
	text   string
	toks   []tok
	layer  []tokens.Token // the tokens layer, by start
	tagged bool           // whether any token of layer has a POS tag
	notes  spanIndex      // footnote references
	dates  spanIndex
	sents  []sentences.Sentence
}

// newScan splits the document into tokens, appending them to toks.
func newScan(doc *pipeline.Document, toks []tok) *scan {
	var notes []pipeline.Span
	for _, n := range layout.FootnoteRefs.Get(doc) {
		notes = append(notes, n.Span)
	}
	s := &scan{doc: doc, text: doc.Text, notes: newSpanIndex(notes), sents: sentences.Layer.Get(doc), dates: newSpanIndex(dateSpans(doc))}
	s.layer = tokens.Layer.Get(doc)
	s.tagged = slices.ContainsFunc(s.layer, func(t tokens.Token) bool { return t.POS != "" })
	text := s.text
	// Most texts hold a token every five or six bytes.
	s.toks = slices.Grow(toks, len(text)/4)
	space := true
	for i := 0; i < len(text); {
		kind, n := byte(0), 1
		if c := text[i]; c < utf8.RuneSelf {
			kind = asciiKinds[c]
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(text[i:])
			kind = kindOf(r)
		}
		switch kind {
		case ' ':
			space = true
			i += n
			continue
		case 'n':
			j := i + n
			for j < len(text) {
				c := text[j]
				if c >= '0' && c <= '9' || (c == '.' || c == ',') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
					j++
					continue
				}
				break
			}
			s.toks = append(s.toks, tok{i, j, 'n', space})
			i = j
		case 'w':
			j := i + n
			for {
				// Most letters are ASCII: skip them without a call.
				for j < len(text) && isASCIILetter(text[j]) {
					j++
				}
				if m := letterAt(text, j); m > 0 {
					j += m
					continue
				}
				// Keep hyphenated words and contractions whole: "twenty-five".
				if m := joinerAt(text, j); m > 0 && letterAt(text, j+m) > 0 {
					j += m
					continue
				}
				break
			}
			s.toks = append(s.toks, tok{i, j, 'w', space})
			i = j
		default:
			s.toks = append(s.toks, tok{i, i + n, 'p', space})
			i += n
		}
		space = false
	}
	return s
}

// letterAt returns the length of the letter at byte i of text, or 0 if
// there is none.
func letterAt(text string, i int) int {
	if i >= len(text) {
		return 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		if isASCIILetter(c) {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if unicode.IsLetter(r) {
		return n
	}
	return 0
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// kindOf returns the kind of token that r begins: 'w' a word, 'n'
// digits, 'p' another character, or ' ' for white space (with the
// no-break spaces) that begins none.
func kindOf(r rune) byte {
	switch {
	case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f':
		return ' '
	case unicode.IsDigit(r):
		return 'n'
	case unicode.IsLetter(r):
		return 'w'
	}
	return 'p'
}

// asciiKinds holds kindOf of each ASCII character, most of a text.
var asciiKinds = func() (kinds [utf8.RuneSelf]byte) {
	for c := range kinds {
		kinds[c] = kindOf(rune(c))
	}
	return kinds
}()

// joinerAt returns the length of a hyphen or apostrophe at byte i of
// text, or 0 if there is none.
func joinerAt(text string, i int) int {
	switch {
	case i >= len(text):
		return 0
	case text[i] == '-' || text[i] == '\'':
		return 1
	case strings.HasPrefix(text[i:], "’"):
		return len("’")
	}
	return 0
}

func (s *scan) str(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.text[s.toks[i].start:s.toks[i].end]
}

// lower returns token i in lower case. Only tokens near a candidate
// number are lowered, so it is done on demand.
func (s *scan) lower(i int) string {
	return strings.ToLower(s.str(i))
}

// is reports whether token i in lower case is w, without allocating.
func (s *scan) is(i int, w string) bool {
	var buf [32]byte
	return string(lower.Append(buf[:0], s.str(i))) == w
}

// tag returns the part-of-speech tag of the token of the tokens layer
// that starts where token k does (the last tagged one, should several
// start there), or "" if there is none.
func (s *scan) tag(k int) string {
	start := s.toks[k].start
	n := sort.Search(len(s.layer), func(n int) bool { return s.layer[n].Start >= start })
	tag := ""
	for ; n < len(s.layer) && s.layer[n].Start == start; n++ {
		if s.layer[n].POS != "" {
			tag = s.layer[n].POS
		}
	}
	return tag
}

// glued reports whether token i follows token i-1 with no space between.
func (s *scan) glued(i int) bool { return i < len(s.toks) && !s.toks[i].space }

// excluded reports whether a quantity sp overlaps a footnote number or
// its number num overlaps a date. Only the number counts for dates, as a
// rate's "per year" may be a date expression of its own.
func (s *scan) excluded(sp, num pipeline.Span) bool {
	return s.notes.overlaps(sp) || s.dates.overlaps(num)
}

// A spanIndex tells whether any of a set of spans overlaps a given one in
// logarithmic time, which keeps a document with many numbers, notes and
// dates linear.
type spanIndex struct {
	spans  []pipeline.Span // by start
	maxEnd []int           // maxEnd[k] is the largest end in spans[:k+1]
}

func newSpanIndex(spans []pipeline.Span) spanIndex {
	slices.SortFunc(spans, func(a, b pipeline.Span) int { return a.Start - b.Start })
	x := spanIndex{spans: spans, maxEnd: make([]int, len(spans))}
	for k, sp := range spans {
		x.maxEnd[k] = sp.End
		if k > 0 {
			x.maxEnd[k] = max(sp.End, x.maxEnd[k-1])
		}
	}
	return x
}

// overlaps reports whether sp shares a byte with any span of the index,
// as pipeline.Span.Overlaps does: some span starts before sp ends, and
// one of those ends after sp starts.
func (x spanIndex) overlaps(sp pipeline.Span) bool {
	k := sort.Search(len(x.spans), func(k int) bool { return x.spans[k].Start >= sp.End })
	return k > 0 && x.maxEnd[k-1] > sp.Start
}

// dateSpans returns the spans of the document's dates layer, if an
// earlier stage set one. The layer is optional so that quantities can run
// without the dates stage.
func dateSpans(doc *pipeline.Document) []pipeline.Span {
	var out []pipeline.Span
	for _, d := range dates.Layer.Get(doc) {
		out = append(out, d.Span)
	}
	return out
}

// A value is a parsed number: its value, the tokens it spans [i, j), and
// what it is made of.
type value struct {
	v        float64
	i, j     int
	words    bool    // written in words
	mult     bool    // scaled by a word such as "million"
	fraction bool    // a fraction such as "three quarters"
	year     bool    // four digits that could be a year
	scale    float64 // the factor of a scale word, if any
}

var mods = []struct {
	words []string
	mod   string
}{
	{[]string{"more", "than"}, MoreThan}, {[]string{"over"}, MoreThan}, {[]string{"above"}, MoreThan},
	{[]string{"in", "excess", "of"}, MoreThan}, {[]string{"upwards", "of"}, MoreThan},
	{[]string{"at", "least"}, Min}, {[]string{"no", "less", "than"}, Min}, {[]string{"not", "less", "than"}, Min},
	{[]string{"a", "minimum", "of"}, Min},
	{[]string{"up", "to"}, Max}, {[]string{"at", "most"}, Max}, {[]string{"no", "more", "than"}, Max},
	{[]string{"not", "more", "than"}, Max}, {[]string{"a", "maximum", "of"}, Max},
	{[]string{"about"}, Approx}, {[]string{"around"}, Approx}, {[]string{"approximately"}, Approx},
	{[]string{"roughly"}, Approx}, {[]string{"nearly"}, Approx}, {[]string{"almost"}, Approx},
	{[]string{"some"}, Approx}, {[]string{"circa"}, Approx}, {[]string{"approx"}, Approx}, {[]string{"~"}, Approx},
	{[]string{"less", "than"}, LessThan}, {[]string{"fewer", "than"}, LessThan}, {[]string{"under"}, LessThan},
	{[]string{"below"}, LessThan},
}

// A starterSet holds each word that may begin a quantity: in lower case,
// the first words of modifiers and the number words; as written, the
// currency symbols and codes, and the first parts of symbols such as
// "US$". It also marks the bytes that may begin such a word, as written
// or in upper case, which rules out most tokens without a lookup.
type starterSet struct {
	words map[string]bool
	first [256]bool
}

var starters = sync.OnceValue(func() *starterSet {
	m := map[string]bool{"a": true, "an": true, "half": true}
	for _, mod := range mods {
		m[mod.words[0]] = true
	}
	for w := range small {
		m[w] = true
	}
	for t := range tens {
		m[t] = true
		for u := range small {
			m[t+"-"+u] = true
		}
	}
	for d := range denominators {
		m["a-"+d] = true
		for n := range small {
			m[n+"-"+d] = true
		}
	}
	for sym := range symbols() {
		for k := 1; k <= len(sym); k++ {
			m[sym[:k]] = true
		}
	}
	for c := range codes() {
		m[c] = true
	}
	set := &starterSet{words: m}
	for w := range m {
		set.first[w[0]] = true
		if 'a' <= w[0] && w[0] <= 'z' {
			set.first[w[0]-'a'+'A'] = true
		}
	}
	// A word beginning with another character may lower to one of the
	// set: the Kelvin sign "K" to "k".
	for b := utf8.RuneSelf; b < len(set.first); b++ {
		set.first[b] = true
	}
	return set
})

// mayStart reports whether a quantity may begin at token i: digits, or a
// word of starters. The other tokens, most of a text, need no closer look.
func (s *scan) mayStart(i int) bool {
	t := s.toks[i]
	if t.kind == 'n' {
		return true
	}
	set := starters()
	w := s.text[t.start:t.end]
	if !set.first[w[0]] {
		return false
	}
	if set.words[w] {
		return true
	}
	var buf [32]byte
	lw := lower.Append(buf[:0], w)
	return string(lw) != w && set.words[string(lw)]
}

// mod matches a modifier at token i and returns it and the token after it.
func (s *scan) mod(i int) (string, int) {
	var buf [32]byte
	w := lower.Append(buf[:0], s.str(i))
	for _, m := range mods {
		if m.words[0] != string(w) {
			continue
		}
		ok := true
		for k, w := range m.words[1:] {
			if !s.is(i+1+k, w) {
				ok = false
				break
			}
		}
		if ok {
			j := i + len(m.words)
			if s.str(j) == "." && m.words[0] == "approx" {
				j++
			}
			return m.mod, j
		}
	}
	return "", i
}

// quantity parses a quantity starting at token i.
func (s *scan) quantity(i int) (Quantity, pipeline.Span, int, bool) {
	start := i
	if i > 0 && s.glued(i) && s.toks[i-1].kind == 'w' {
		return Quantity{}, pipeline.Span{}, 0, false
	}
	mod, i := s.mod(i)
	if mod != "" && i == start {
		return Quantity{}, pipeline.Span{}, 0, false
	}
	cur, i := s.currencyPrefix(i)
	v, ok := s.number(i)
	if !ok {
		return Quantity{}, pipeline.Span{}, 0, false
	}
	if !s.startsWell(start, v.i) {
		return Quantity{}, pipeline.Span{}, 0, false
	}
	// A bare fraction word measures something only when qualified or
	// followed by what it is a fraction of: "over half", "half of".
	if v.fraction && v.i+1 == v.j && mod == "" && !s.is(v.j, "of") {
		return Quantity{}, pipeline.Span{}, 0, false
	}
	j := v.j
	var hi *value
	// A range: "60–70", "5 to 10", "between 5 and 10".
	if sep := s.str(j); sep == "–" || sep == "-" || sep == "to" || sep == "and" && s.is(start-1, "between") {
		if w, ok := s.number(j + 1); ok && w.words == v.words && (sep != "-" || s.glued(j) && s.glued(j+1)) {
			hi = &w
			j = w.j
		}
	}
	// A scale after a range applies to both ends: "2–3 million".
	if hi != nil && hi.scale > 0 && v.scale == 0 && !v.words {
		v.v *= hi.scale
		v.mult, v.scale = true, hi.scale
	}
	unit, k := "", j
	switch {
	case cur != "":
		unit = cur
		if m, k2 := s.multiplier(j); m > 0 && !v.mult {
			v.v, v.mult, k = v.v*m, true, k2
		}
	case v.fraction:
		unit = "fraction"
	default:
		if c, k2 := s.currencyWord(j); c != "" {
			unit, k = c, k2
		} else if u, k2 := s.unit(j); u != "" {
			unit, k = u, k2
		}
	}
	if unit != "" && unit != "fraction" {
		if t, k2 := s.per(k); t != "" {
			unit, k = unit+"/"+t, k2
		}
	}
	if unit == "" {
		if !s.counts(start, v) {
			return Quantity{}, pipeline.Span{}, 0, false
		}
		if n, k2 := s.counted(j); n != "" && (!v.year || k2 == j+1 && s.plural(j)) {
			unit, k = n, k2
		} else if !v.mult {
			return Quantity{}, pipeline.Span{}, 0, false
		}
	}
	end := s.toks[k-1].end
	q := Quantity{TextSpan: s.doc.TextSpan(s.toks[start].start, end), Unit: unit, Mod: mod}
	if hi != nil {
		q.Value = [2]Number{Number(v.v), Number(hi.v)}
	} else {
		q.Value = Number(v.v)
	}
	num := pipeline.Span{Start: s.toks[v.i].start, End: s.toks[v.j-1].end}
	if hi != nil {
		num.End = s.toks[hi.j-1].end
	}
	return q, num, k, true
}

// startsWell reports whether a number starting at token n (after any
// modifier from token start) stands on its own: not glued to a word
// ("G8") or a footnote position ("periphery.1"), not a list marker
// ("(1)", "2."), and not part of a name ("Boeing 747", "Article 5").
func (s *scan) startsWell(start, n int) bool {
	t := s.toks[n]
	if n > 0 && !t.space && s.toks[n-1].kind != 'p' {
		return false
	}
	if n > 0 && !t.space && t.kind == 'n' {
		switch p := s.str(n - 1); p {
		case "(", "[", "“", "‘", "\"", "~", "–", "—", "$", "€", "£", "¥":
		default:
			if _, ok := symbols()[p]; !ok {
				return false
			}
		}
	}
	if t.kind == 'n' {
		if s.str(n-1) == "(" && s.str(n+1) == ")" {
			return false
		}
		if (s.str(n+1) == "." || s.str(n+1) == ")") && s.lineStart(t.start) && !s.glued(n+2) {
			return false
		}
		// Digits followed by ":" and digits are a time or a ratio; by
		// "/" and digits, a date or a fraction written out.
		if nx := s.str(n + 1); (nx == ":" || nx == "/") && s.glued(n+1) && n+2 < len(s.toks) && s.toks[n+2].kind == 'n' && s.glued(n+2) {
			return false
		}
	}
	if start == n && n > 0 && s.toks[n-1].kind == 'w' {
		p := s.str(n - 1)
		r, _ := utf8.DecodeRuneInString(p)
		if unicode.IsUpper(r) && !s.sentenceStart(n-1) && !isMonth(p) {
			return false
		}
	}
	return true
}

// lineStart reports whether only white space precedes offset i on its line.
func (s *scan) lineStart(i int) bool {
	for i > 0 {
		c := s.text[i-1]
		if c == '\n' {
			return true
		}
		if c != ' ' && c != '\t' {
			return false
		}
		i--
	}
	return true
}

// sentenceStart reports whether token i begins a sentence.
func (s *scan) sentenceStart(i int) bool {
	if i == 0 {
		return true
	}
	start := s.toks[i].start
	k := sort.Search(len(s.sents), func(k int) bool { return s.sents[k].Start >= start })
	if k < len(s.sents) && s.sents[k].Start == start {
		return true
	}
	p := s.str(i - 1)
	return p == "." || p == "!" || p == "?" || p == "\n"
}

// counts reports whether a number with no unit may count a noun: not a
// year, a date, the word "one" or a fraction.
func (s *scan) counts(start int, v value) bool {
	if v.fraction || v.mult {
		return true
	}
	if v.v == 1 && v.words {
		return false
	}
	if isMonth(s.str(v.j)) || isMonth(s.str(v.i-1)) || s.str(v.i-1) == "," && isMonth(s.str(v.i-2)) {
		return false
	}
	// Digits glued to letters that are not a unit: "1990s", "5th".
	if v.j < len(s.toks) && s.glued(v.j) && s.toks[v.j].kind == 'w' {
		return false
	}
	return true
}

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true}

func isMonth(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	var buf [32]byte
	return unicode.IsUpper(r) && months[string(lower.Append(buf[:0], w))]
}

// counted returns the singular of the noun counted by the number ending
// before token j, and the token after the noun. With part-of-speech tags
// the noun is the head of the noun phrase after the number; without them,
// the first plural word within three.
func (s *scan) counted(j int) (string, int) {
	if s.tagged {
		head := -1
		for k := j; k < len(s.toks) && k < j+5; k++ {
			tag := s.tag(k)
			if s.toks[k].kind != 'w' {
				break
			}
			if strings.HasPrefix(tag, "NN") {
				head = k
				continue
			}
			if head >= 0 || !(strings.HasPrefix(tag, "JJ") || tag == "VBG" || tag == "VBN") {
				break
			}
		}
		if head < 0 {
			return "", j
		}
		return s.singular(head), head + 1
	}
	for k := j; k < len(s.toks) && k < j+3; k++ {
		w := s.lower(k)
		if s.toks[k].kind != 'w' || function[w] || k > j && !s.toks[k].space {
			break
		}
		if len(w) > 2 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
			return s.singular(k), k + 1
		}
	}
	return "", j
}

// plural reports whether token k is a plural noun.
func (s *scan) plural(k int) bool {
	if s.tagged {
		tag := s.tag(k)
		return tag == "NNS" || tag == "NNPS"
	}
	w := s.lower(k)
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// function words end the search for a counted noun.
var function = map[string]bool{"of": true, "the": true, "a": true, "an": true, "and": true, "or": true, "to": true, "in": true, "on": true, "at": true, "for": true, "by": true, "with": true, "from": true, "is": true, "are": true, "was": true, "were": true, "be": true, "has": true, "have": true, "had": true, "as": true, "its": true, "his": true, "her": true, "their": true, "this": true, "that": true, "these": true, "those": true, "it": true, "he": true, "she": true, "they": true, "we": true, "was's": true, "per": true, "than": true, "such": true}

// singular returns the noun at token k in the singular, in lower case
// unless it is a proper noun.
func (s *scan) singular(k int) string {
	w := s.str(k)
	tag := s.tag(k)
	r, _ := utf8.DecodeRuneInString(w)
	if !(strings.HasPrefix(tag, "NNP") || unicode.IsUpper(r) && !s.sentenceStart(k)) {
		w = strings.ToLower(w)
	}
	lw := strings.ToLower(w)
	switch {
	case tag != "" && tag != "NNS" && tag != "NNPS":
		return w
	case strings.HasSuffix(lw, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(lw, "sses"), strings.HasSuffix(lw, "ches"), strings.HasSuffix(lw, "shes"), strings.HasSuffix(lw, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(lw, "s") && !strings.HasSuffix(lw, "ss"):
		return w[:len(w)-1]
	}
	return w
}
