package dates

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
)

// A res is one match: tokens [start, end) of the paragraph and the
// annotation they get. pair is the second date of a range written as one
// unit (2001–2005).
type res struct {
	start, end    int
	typ, val, mod string
	pair          *res
}

// last is the token after the match and its pair.
func (r res) last() int {
	if r.pair != nil {
		return r.pair.end
	}
	return r.end
}

// A parser tries to read one kind of expression at token i. Every parser
// looks ahead a bounded number of tokens, which keeps the scan linear.
type parser func(s *scanner, i int) (res, bool)

// longest returns the longest match of the parsers at i; on a tie the
// earlier parser wins.
func (s *scanner) longest(i int, ps ...parser) (res, bool) {
	var best res
	found := false
	for _, p := range ps {
		if r, ok := p(s, i); ok && (!found || r.last() > best.last()) {
			best, found = r, true
		}
	}
	return best, found
}

// match reads the expression starting at token i, with its mod words.
func (s *scanner) match(i int) (res, bool) {
	st := s.startAt(i)
	if st == nil {
		return res{}, false
	}
	if r, ok := s.prefixed(i, st.prefixes); ok {
		return r, true
	}
	return s.longest(i, st.parsers...)
}

// core reads an expression without a leading mod word.
func (s *scanner) core(i int) (res, bool) {
	if st := s.startAt(i); st != nil {
		return s.longest(i, st.parsers...)
	}
	return res{}, false
}

// A start is what may begin at a token: the core parsers that can read an
// expression there, in core order, and the mod prefixes that begin with
// its word.
type start struct {
	parsers  []parser
	prefixes []prefix
}

// startAt returns what may begin at token i, or nil. Most words begin
// nothing, which spares them every parser.
func (s *scanner) startAt(i int) *start {
	if i >= len(s.toks) {
		return nil
	}
	switch t := &s.toks[i]; t.kind {
	case 'n':
		return &numberStarts[min(t.end-t.start, 5)]
	case 'w':
		return s.lex(i).start
	}
	return nil
}

// coreParsers are the parsers core tries, in order (on a tie the earlier
// wins), each with the digit counts of the numbers it can start at ("5"
// standing for five or more) and the words it can start at. The lists only
// decide which parsers to call: each parser still checks its input in
// full, so a word or digit count listed in excess costs time, never a
// different result, while one left out loses matches. The digit counts
// follow from the parsers' first checks: a numeric date starts with a
// day, month or year (1, 2 or 4 digits), a day or an hour has one or two,
// a year or decade four, an ordinal century (21st) at most three.
func coreParsers() []struct {
	parse  parser
	digits string
	words  []string
} {
	periodWords := []string{"the", "early", "late", "mid"}
	countWords := slices.Concat([]string{"a", "an"}, keys(vagueCounts), keys(cardinals), keys(tens))
	var weekdayWords []string
	for w := range weekdays {
		weekdayWords = append(weekdayWords, w, w+"s")
	}
	return []struct {
		parse  parser
		digits string
		words  []string
	}{
		{(*scanner).numericDate, "124", nil},
		{(*scanner).dayFirst, "12", []string{"the"}},
		{(*scanner).monthLed, "", slices.Concat(keys(months), keys(monthAbbrevs))},
		{(*scanner).weekdayLed, "", weekdayWords},
		{(*scanner).yearAt, "4", nil},
		{(*scanner).decadeAt, "4", periodWords},
		{(*scanner).centuryAt, "123", slices.Concat(periodWords, keys(ordinals), keys(tens))},
		{(*scanner).seasonAt, "", append([]string{"the"}, keys(seasons)...)},
		{(*scanner).relative, "", strings.Fields(`today yesterday tomorrow tonight now currently
			nowadays recently lately present these recent coming last next this that`)},
		{(*scanner).theLed, "", []string{"the"}},
		{(*scanner).durationAt, "12345", slices.Concat([]string{"half"}, keys(units), countWords)},
		{(*scanner).setAt, "12345", slices.Concat(strings.Fields(`annually yearly annual monthly weekly daily
			hourly quarterly every each per once twice thrice`), countWords)},
		{(*scanner).timeAt, "12", []string{"noon", "midday", "midnight"}},
		{(*scanner).pointMod, "", strings.Fields("the beginning start middle end close early mid late")},
	}
}

// keys returns the keys of m.
func keys[V any](m map[string]V) []string {
	return slices.Collect(maps.Keys(m))
}

// numberStarts and wordStarts are what may begin at a number, by its
// count of digits (up to five or more), and at each word, built once from
// coreParsers and prefixes. The lexicon carries the words' starts to their
// tokens.
var numberStarts, wordStarts = func() (numbers [6]start, words map[string]*start) {
	words = make(map[string]*start)
	at := func(w string) *start {
		if words[w] == nil {
			words[w] = new(start)
		}
		return words[w]
	}
	for _, c := range coreParsers() {
		for _, d := range c.digits {
			numbers[d-'0'].parsers = append(numbers[d-'0'].parsers, c.parse)
		}
		seen := make(map[string]bool)
		for _, w := range c.words {
			if !seen[w] {
				seen[w] = true
				at(w).parsers = append(at(w).parsers, c.parse)
			}
		}
	}
	for _, p := range prefixes {
		at(p.words[0]).prefixes = append(at(p.words[0]).prefixes, p)
	}
	return numbers, words
}()

// point reads a calendar date without a mod: what "the beginning of",
// "early" or "mid-" may qualify.
func (s *scanner) point(i int) (res, bool) {
	r, ok := s.longest(i, (*scanner).numericDate, (*scanner).dayFirst, (*scanner).monthLed,
		(*scanner).yearAt, (*scanner).decadeAt, (*scanner).centuryAt, (*scanner).seasonAt,
		(*scanner).relative, (*scanner).theLed, (*scanner).theUnit)
	if !ok || r.typ != DATE || r.mod != "" || r.pair != nil || strings.HasSuffix(r.val, "_REF") {
		return res{}, false
	}
	return r, true
}

// Token access. Each returns the zero value out of range.

func (s *scanner) word(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != 'w' {
		return ""
	}
	return s.toks[i].low
}

// lex returns what the word lists say about token i.
func (s *scanner) lex(i int) *lexeme {
	if i < 0 || i >= len(s.toks) || s.toks[i].lex == nil {
		return &unlisted
	}
	return s.toks[i].lex
}

func (s *scanner) punct(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != 'p' {
		return ""
	}
	return s.toks[i].low
}

// glued reports whether token i directly follows the one before it.
func (s *scanner) glued(i int) bool {
	return i > 0 && i < len(s.toks) && !s.toks[i].sp
}

func (s *scanner) number(i int) (n, digits int, ok bool) {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != 'n' || s.toks[i].n < 0 {
		return 0, 0, false
	}
	t := &s.toks[i]
	return t.n, t.end - t.start, true
}

func (s *scanner) isCap(i int) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].cap
}

func isDash(p string) bool { return p == "-" || p == "–" || p == "‐" }

func isApos(p string) bool { return p == "'" || p == "’" }

// hyphenWord reports whether tokens j, j+1 are a glued hyphen and one of
// words ("-old").
func (s *scanner) hyphenWord(j int, words ...string) bool {
	if !isDash(s.punct(j)) || !s.glued(j) || !s.glued(j+1) {
		return false
	}
	w := s.word(j + 1)
	for _, x := range words {
		if w == x {
			return true
		}
	}
	return false
}

// leftClear reports whether a number at i starts a number of its own
// rather than continuing one (1999.5, 555-2001, A320) or following a sign.
func (s *scanner) leftClear(i int) bool {
	if !s.glued(i) {
		return true
	}
	p := s.toks[i-1]
	if p.kind != 'p' {
		return false
	}
	switch p.low {
	case "$", "€", "£", "¥", "#", "№", "+", "=", "*", "@", "&", "%", "§":
		return false
	case "-", "–", ".", ",", ":", "/", "−", "‐":
		if i >= 2 && s.glued(i-1) && s.toks[i-2].kind == 'n' {
			return false
		}
	}
	return true
}

// rightClear reports whether the expression ending before token j ends a
// number there, rather than running on into digits or letters.
func (s *scanner) rightClear(j int) bool {
	if !s.glued(j) {
		return true
	}
	t := s.toks[j]
	switch t.kind {
	case 'w', 'n':
		return false
	case 'f':
		return true
	}
	switch t.low {
	case "%", "$", "€", "£", "°", "+", "=", "×", "‰":
		return false
	case "-", "–", ".", ",", ":", "/", "−", "‐":
		if s.glued(j+1) && s.toks[j+1].kind == 'n' {
			return false
		}
	}
	return true
}

// refYear returns the reference year, or 0.
func (s *scanner) refYear() int {
	if s.ref.y > 0 {
		return s.ref.y
	}
	if s.hasDCT {
		return s.dct.Year()
	}
	return 0
}

// anchor returns the reference time at a granularity fine enough for unit.
func (s *scanner) anchor(unit string) (time.Time, bool) {
	r := s.ref
	if r.y == 0 {
		if !s.hasDCT {
			return time.Time{}, false
		}
		return s.dct, true
	}
	switch unit {
	case "M":
		if r.m == 0 {
			return time.Time{}, false
		}
	case "W", "F", "D":
		if r.d == 0 {
			return time.Time{}, false
		}
	}
	m, d := max(r.m, 1), max(r.d, 1)
	return time.Date(r.y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// fromRef is the date n units from the reference time, at the unit's
// granularity.
func (s *scanner) fromRef(n int, unit string) string {
	t, ok := s.anchor(unit)
	if !ok {
		return unknownAt(unit)
	}
	return at(shift(t, n, unit), unit)
}

// fromDCT is the date n units from the DCT.
func (s *scanner) fromDCT(n int, unit string) string {
	if !s.hasDCT {
		return unknownAt(unit)
	}
	return at(shift(s.dct, n, unit), unit)
}

// monthAt reads a capitalised month name or abbreviation ("Sept.").
func (s *scanner) monthAt(i int) (m, end int, full, ok bool) {
	if !s.isCap(i) {
		return 0, 0, false, false
	}
	lx := s.lex(i)
	if m := lx.month; m > 0 {
		return m, i + 1, true, true
	}
	if m := lx.abbrev; m > 0 {
		end = i + 1
		if s.punct(end) == "." && s.glued(end) {
			end++
		}
		return m, end, false, true
	}
	return 0, 0, false, false
}

// dayNum reads a day of the month: 15, 15th, or with words set an ordinal
// word (fifteenth).
func (s *scanner) dayNum(i int, words bool) (d, end int, ordinal, ok bool) {
	if n, nd, ok := s.number(i); ok {
		if nd > 2 || n < 1 || n > 31 || !s.leftClear(i) {
			return 0, 0, false, false
		}
		end = i + 1
		if s.glued(end) {
			switch s.word(end) {
			case "st", "nd", "rd", "th":
				return n, end + 1, true, true
			}
			if !s.rightClear(end) && !isDash(s.punct(end)) { // a dash may start a range of days
				return 0, 0, false, false
			}
		}
		return n, end, false, true
	}
	if words {
		if n, e, ok := s.ordinal(i); ok && n <= 31 {
			return n, e, true, true
		}
	}
	return 0, 0, false, false
}

// rangeDay reads the day that ends a range of days after a dash (the 17
// of 15–17), which dayNum would refuse as glued to a number.
func (s *scanner) rangeDay(i int) (d, end int, ok bool) {
	n, nd, ok := s.number(i)
	if !ok || nd > 2 || n < 1 || n > 31 {
		return 0, 0, false
	}
	end = i + 1
	switch s.word(end) {
	case "st", "nd", "rd", "th":
		if s.glued(end) {
			end++
		}
	}
	return n, end, s.rightClear(end)
}

// ordinal reads an ordinal word or number: first, twenty-first, 21st.
func (s *scanner) ordinal(i int) (n, end int, ok bool) {
	if v, nd, ok := s.number(i); ok && nd <= 3 && s.glued(i+1) {
		switch s.word(i + 1) {
		case "st", "nd", "rd", "th":
			return v, i + 2, true
		}
		return 0, 0, false
	}
	lx := s.lex(i)
	if v := lx.ordinal; v > 0 {
		return v, i + 1, true
	}
	if t := lx.tens; t > 0 {
		j := i + 1
		if isDash(s.punct(j)) && s.glued(j) && s.glued(j+1) {
			j++
		}
		if v := s.lex(j).ordinal; v > 0 && v < 10 {
			return t + v, j + 1, true
		}
	}
	return 0, 0, false
}

// yearAfter reads a four-digit year at j that ends there.
func (s *scanner) yearAfter(j int) (y, end int, ok bool) {
	n, nd, ok := s.number(j)
	if !ok || nd != 4 || n < 1000 || n > 2199 || !s.rightClear(j+1) || s.era(j+1) {
		return 0, 0, false
	}
	return n, j + 1, true
}

// era reports whether BC or BCE follows at j; those years are left out.
func (s *scanner) era(j int) bool {
	switch s.word(j) {
	case "bc", "bce":
		return true
	case "b":
		return s.punct(j+1) == "."
	}
	return false
}

// numericDate reads 2001-06-15, 2001/06/15, 15/06/2001, 15.06.2001 and
// 6/15/01.
func (s *scanner) numericDate(i int) (res, bool) {
	a, ad, ok := s.number(i)
	if !ok || !s.leftClear(i) {
		return res{}, false
	}
	sep := s.punct(i + 1)
	if sep != "/" && sep != "-" && sep != "." || s.punct(i+3) != sep {
		return res{}, false
	}
	for k := i + 1; k <= i+4; k++ {
		if !s.glued(k) {
			return res{}, false
		}
	}
	b, bd, ok1 := s.number(i + 2)
	c, cd, ok2 := s.number(i + 4)
	if !ok1 || !ok2 || !s.rightClear(i+5) || bd > 2 {
		return res{}, false
	}
	var y, m, d int
	switch {
	case ad == 4 && cd <= 2 && sep != ".":
		y, m, d = a, b, c
	case ad <= 2 && (cd == 4 || cd == 2 && sep == "/"):
		y = c
		if cd == 2 {
			y += 1900
			if c < 50 {
				y += 100
			}
		}
		switch {
		case a > 12:
			d, m = a, b
		case b > 12:
			m, d = a, b
		case s.monthFirst:
			m, d = a, b
		default:
			d, m = a, b
		}
	default:
		return res{}, false
	}
	if y < 1000 || !validDay(y, m, d) {
		return res{}, false
	}
	return res{start: i, end: i + 5, typ: DATE, val: fmtDate(y, m, d)}, true
}

// dayFirst reads 15 June 2001, 15th June, 15 June, 2001 and, after "the",
// the 15th of June.
func (s *scanner) dayFirst(i int) (res, bool) {
	j := i
	the := s.word(i) == "the"
	if the {
		j++
	}
	d, k, ord, ok := s.dayNum(j, the)
	if !ok {
		return res{}, false
	}
	if isDash(s.punct(k)) && s.glued(k) && s.glued(k+1) && !the {
		// 15–17 June 2001: the first day takes the month and year of the second
		d2, k2, ok := s.rangeDay(k + 1)
		if !ok || d2 <= d {
			return res{}, false
		}
		m, e, _, ok := s.monthAt(k2)
		if !ok || s.glued(k2) {
			return res{}, false
		}
		y, end := s.yearTail(e)
		if !validDay(y, m, d) || !validDay(y, m, d2) {
			return res{}, false
		}
		return res{start: i, end: k, typ: DATE, val: fmtDate(y, m, d),
			pair: &res{start: k + 1, end: end, typ: DATE, val: fmtDate(y, m, d2)}}, true
	}
	if s.word(k) == "of" {
		if !ord {
			return res{}, false
		}
		k++
	} else if the {
		return res{}, false // "the 11 September 2001 attacks": the date is a modifier
	}
	m, e, _, ok := s.monthAt(k)
	if !ok {
		return res{}, false
	}
	y, end := 0, e
	if yy, ee, ok := s.yearAfter(e); ok && !s.glued(e) {
		y, end = yy, ee
	} else if s.punct(e) == "," {
		if yy, ee, ok := s.yearAfter(e + 1); ok {
			y, end = yy, ee
		}
	}
	if y == 0 {
		y = s.refYear()
	}
	if !validDay(y, m, d) {
		return res{}, false
	}
	return res{start: i, end: end, typ: DATE, val: fmtDate(y, m, d)}, true
}

// monthLed reads June 15, 2001; June 15; June 2004; June of 2004; June–August
// 2004; and June alone after a temporal word.
func (s *scanner) monthLed(i int) (res, bool) {
	m, j, full, ok := s.monthAt(i)
	if !ok {
		return res{}, false
	}
	if d, k, _, ok := s.dayNum(j, false); ok && !s.glued(j) {
		if isDash(s.punct(k)) && s.glued(k) && s.glued(k+1) {
			// June 15–17, 2001
			if d2, k2, ok := s.rangeDay(k + 1); ok && d2 > d {
				y, end := s.yearTail(k2)
				if validDay(y, m, d) && validDay(y, m, d2) {
					return res{start: i, end: k, typ: DATE, val: fmtDate(y, m, d),
						pair: &res{start: k + 1, end: end, typ: DATE, val: fmtDate(y, m, d2)}}, true
				}
			}
			return res{}, false
		}
		y, end := 0, k
		if s.punct(k) == "," {
			if yy, e, ok := s.yearAfter(k + 1); ok {
				y, end = yy, e
			}
		} else if yy, e, ok := s.yearAfter(k); ok && !s.glued(k) {
			y, end = yy, e
		}
		if y == 0 {
			y = s.refYear()
		}
		if validDay(y, m, d) && s.rightClear(k) {
			return res{start: i, end: end, typ: DATE, val: fmtDate(y, m, d)}, true
		}
	}
	k := j
	if s.word(k) == "of" || s.punct(k) == "," {
		k++
	}
	if y, e, ok := s.yearAfter(k); ok && !s.glued(k) {
		return res{start: i, end: e, typ: DATE, val: fmtDate(y, m, 0)}, true
	}
	if p := s.punct(j); isDash(p) && s.glued(j) && s.glued(j+1) {
		if m2, e, _, ok := s.monthAt(j + 1); ok {
			if y, e2, ok := s.yearAfter(e); ok && !s.glued(e) {
				return res{start: i, end: j, typ: DATE, val: fmtDate(y, m, 0),
					pair: &res{start: j + 1, end: e2, typ: DATE, val: fmtDate(y, m2, 0)}}, true
			}
		}
	}
	if full && s.monthContext(i) && s.rightClear(j) {
		return res{start: i, end: j, typ: DATE, val: fmtDate(s.refYear(), m, 0)}, true
	}
	return res{}, false
}

// yearTail reads the year that may end a date at k (", 2001" or " 2001"),
// or takes the reference year; end is the token after the date.
func (s *scanner) yearTail(k int) (y, end int) {
	if s.punct(k) == "," {
		if y, e, ok := s.yearAfter(k + 1); ok {
			return y, e
		}
	} else if y, e, ok := s.yearAfter(k); ok && !s.glued(k) {
		return y, e
	}
	return s.refYear(), k
}

// monthContext reports whether a month name alone at i is preceded by a
// word that makes it a time (in June, since March, mid-May, June and July).
func (s *scanner) monthContext(i int) bool {
	w := s.word(i - 1)
	if w == "and" || w == "or" || w == "to" {
		_, _, _, ok := s.monthAt(i - 2)
		return ok || w == "to"
	}
	if isDash(s.punct(i-1)) && s.glued(i) && s.word(i-2) == "mid" {
		return true
	}
	return s.lex(i-1).yearContext && w != "a" && w != "an"
}

// weekdayLed reads Monday, Monday, 15 June 2001, Monday morning and
// Mondays.
func (s *scanner) weekdayLed(i int) (res, bool) {
	if !s.isCap(i) {
		return res{}, false
	}
	lx := s.lex(i)
	wd := lx.weekday
	if wd == 0 {
		if wd = lx.weekdays; wd > 0 {
			return res{start: i, end: i + 1, typ: SET, val: fmt.Sprintf("XXXX-WXX-%d", wd)}, true
		}
		return res{}, false
	}
	j := i + 1
	if s.punct(j) == "," {
		j++
	}
	if r, ok := s.longest(j, (*scanner).dayFirst, (*scanner).monthLed, (*scanner).numericDate); ok && r.pair == nil && strings.Count(r.val, "-") == 2 {
		return res{start: i, end: r.end, typ: DATE, val: r.val}, true
	}
	if part := s.lex(i + 1).dayPart; part != "" {
		return res{start: i, end: i + 2, typ: TIME, val: fmt.Sprintf("XXXX-WXX-%dT%s", wd, part)}, true
	}
	return res{start: i, end: i + 1, typ: DATE, val: fmt.Sprintf("XXXX-WXX-%d", wd)}, true
}

// yearAt reads a year written alone, or a range of two (2001–2005,
// 2001–05), unless the number is a count or a reference.
func (s *scanner) yearAt(i int) (res, bool) {
	y, nd, ok := s.number(i)
	if !ok || nd != 4 || y < 1000 || y > 2199 || !s.leftClear(i) || s.labelled(i) || s.pageLine(i) {
		return res{}, false
	}
	r := res{start: i, end: i + 1, typ: DATE, val: pad(y, 4)}
	j := i + 1
	if p := s.punct(j); isDash(p) && s.glued(j) == s.glued(j+1) {
		y2, nd2, ok := s.number(j + 1)
		if !ok {
			if s.glued(j) && s.glued(j+1) {
				goto single // 2005-style
			}
			return res{}, false
		}
		switch {
		case nd2 == 4 && y2 > y && y2 <= 2199:
		case nd2 == 2 && s.glued(j) && y2 > y%100:
			y2 += y / 100 * 100
		case nd2 == 2 && s.glued(j) && p == "-" && y2 >= 1 && y2 <= 12:
			if !s.rightClear(j+2) || s.countAfter(i, j+2) {
				return res{}, false
			}
			r.end, r.val = j+2, fmtDate(y, y2, 0)
			return r, true
		default:
			return res{}, false
		}
		if !s.rightClear(j+2) || s.countAfter(i, j+2) || s.era(j+2) {
			return res{}, false
		}
		r.pair = &res{start: j + 1, end: j + 2, typ: DATE, val: pad(y2, 4)}
		return r, true
	}
single:
	if !s.rightClear(j) || s.countAfter(i, j) || s.era(j) {
		return res{}, false
	}
	return r, true
}

// labelled reports whether a reference label precedes the number at i
// (p. 2001, page 1999, Resolution 1373).
func (s *scanner) labelled(i int) bool {
	k := i - 1
	if s.punct(k) == "." {
		k--
	}
	return s.lex(k).label
}

// pageLine reports whether token i is alone on its line, as page numbers
// are.
func (s *scanner) pageLine(i int) bool {
	return s.toks[i].nl && (i+1 == len(s.toks) || s.toks[i+1].nl)
}

// countAfter reports whether the number at i is a count, judging by what
// follows at j (looking past a range partner: 1500 to 2000 km) and the
// word before i.
func (s *scanner) countAfter(i, j int) bool {
	if w := s.word(j); w == "to" || w == "and" || w == "or" {
		if _, _, ok := s.number(j + 1); ok {
			j += 2
		}
	}
	if s.punct(j) == "%" {
		return true
	}
	if isDash(s.punct(j)) && s.glued(j) && s.glued(j+1) {
		return s.lex(j+1).countNoun || s.lex(j+1).unit != ""
	}
	w := s.word(j)
	if w == "" {
		return false
	}
	if lx := s.lex(j); lx.countNoun || lx.unit != "" || w == "per" && s.word(j+1) == "cent" {
		return true
	}
	if s.isCap(j) || s.lex(j).functionWord {
		return false
	}
	before := s.word(i - 1)
	if n, _, _ := s.number(i); n%10 != 0 {
		// A count written without a thousands separator is nearly always
		// round (2000 soldiers); a year seldom is (2015 rates, 1998 levels).
		return false
	}
	det := s.lex(i-1).yearContext && !s.lex(i-1).quantityCue && before != "between" ||
		before == "s" && isApos(s.punct(i-2)) ||
		isDash(s.punct(i-1)) && s.glued(i) && s.word(i-2) != "" // pre-2001 levels
	if !det && len(w) > 3 && strings.HasSuffix(w, "s") && !s.lex(j).verbS &&
		!strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		return true // 2000 soldiers
	}
	return s.lex(i-1).quantityCue && !s.isCap(j)
}

// partOfPeriod reads early, late or mid(-) at word j, giving the mod and
// the index of the word after it.
func (s *scanner) partOfPeriod(j int) (mod string, next int) {
	switch s.word(j) {
	case "early":
		return "START", j + 1
	case "late":
		return "END", j + 1
	case "mid":
		if isDash(s.punct(j+1)) && s.glued(j+1) {
			return "MID", j + 2
		}
		return "MID", j + 1
	}
	return "", j
}

// decadeAt reads the 1990s, the '90s, the nineties, the mid-1990s and the
// 1800s (a century).
func (s *scanner) decadeAt(i int) (res, bool) {
	j, the := i, false
	if s.word(j) == "the" {
		j, the = j+1, true
	}
	mod, j := s.partOfPeriod(j)
	r := res{start: i, typ: DATE, mod: mod}
	if n, nd, ok := s.number(j); ok && nd == 4 && n%10 == 0 && n >= 1000 && n <= 2190 && s.leftClear(j) {
		e := j + 1
		if isApos(s.punct(e)) && s.glued(e) {
			e++
		}
		if !s.glued(e) || s.word(e) != "s" || !s.rightClear(e+1) {
			return res{}, false
		}
		r.end = e + 1
		if n%100 == 0 && n != 2000 {
			r.val = pad(n/100, 2)
		} else {
			r.val = pad(n/10, 3)
		}
		return r, true
	}
	if n, nd, ok := s.number(j); ok && nd == 2 && n%10 == 0 && (the || mod != "") && s.leftClear(j) &&
		s.glued(j+1) && s.word(j+1) == "s" && s.rightClear(j+2) {
		c := 19
		if n < 30 {
			c = 20 // the 20s: read as the 2020s, like the '20s
		}
		r.end, r.val = j+2, fmt.Sprintf("%d%d", c, n/10)
		return r, true
	}
	if isApos(s.punct(j)) && (the || mod != "") {
		if n, nd, ok := s.number(j + 1); ok && nd == 2 && n%10 == 0 && s.glued(j+1) && s.glued(j+2) && s.word(j+2) == "s" {
			c := 19
			if n < 30 {
				c = 20
			}
			r.end, r.val = j+3, fmt.Sprintf("%d%d", c, n/10)
			return r, true
		}
	}
	if d := s.lex(j).decade; d > 0 && the {
		r.end, r.val = j+1, fmt.Sprintf("19%d", d)
		return r, true
	}
	return res{}, false
}

// centuryAt reads the twenty-first century, the 21st century, the late
// nineteenth century and 21st-century.
func (s *scanner) centuryAt(i int) (res, bool) {
	j, the := i, false
	if s.word(j) == "the" {
		j, the = j+1, true
	}
	mod, j := s.partOfPeriod(j)
	n, e, ok := s.ordinal(j)
	if !ok || n < 1 || n > 30 {
		return res{}, false
	}
	switch {
	case s.word(e) == "century" && !s.glued(e):
		e++
	case mod == "" && s.hyphenWord(e, "century"):
		i, e = j, e+2 // "21st-century" is an adjective: the article is not part of it
	default:
		return res{}, false
	}
	if !the && mod != "" {
		return res{}, false
	}
	return res{start: i, end: e, typ: DATE, val: pad(n-1, 2), mod: mod}, true
}

// seasonAt reads summer 2004, the summer of 2004, and a season alone after
// a temporal word (in the autumn).
func (s *scanner) seasonAt(i int) (res, bool) {
	j, the := i, false
	if s.word(j) == "the" {
		j, the = j+1, true
	}
	code := s.lex(j).season
	if code == "" {
		return res{}, false
	}
	k := j + 1
	if s.word(k) == "of" {
		if y, e, ok := s.yearAfter(k + 1); ok {
			return res{start: i, end: e, typ: DATE, val: pad(y, 4) + "-" + code}, true
		}
		return res{}, false // the fall of Rome
	}
	if y, e, ok := s.yearAfter(k); ok && !s.glued(k) {
		return res{start: i, end: e, typ: DATE, val: pad(y, 4) + "-" + code}, true
	}
	switch s.word(i - 1) {
	case "in", "during", "since", "until", "till", "through", "throughout", "before", "after", "by":
	default:
		return res{}, false
	}
	if !s.rightClear(k) || !the && s.word(j) == "fall" && s.word(k) != "" && !s.lex(k).functionWord {
		return res{}, false
	}
	y := "XXXX"
	if ry := s.refYear(); ry > 0 {
		y = pad(ry, 4)
	}
	return res{start: i, end: k, typ: DATE, val: y + "-" + code}, true
}

// relative reads deictic and anaphoric expressions without an article:
// today, yesterday morning, now, recently, last year, next June, this
// summer, that year, last Monday, recent years.
func (s *scanner) relative(i int) (res, bool) {
	w := s.word(i)
	r := res{start: i, end: i + 1, typ: DATE}
	day := func(n int) string {
		if !s.hasDCT {
			return "XXXX-XX-XX"
		}
		return fmtDay(s.dct.AddDate(0, 0, n))
	}
	switch w {
	case "today":
		r.val = "PRESENT_REF"
		if s.hasDCT {
			r.val = day(0)
		}
		return r, true
	case "yesterday", "tomorrow":
		n := -1
		if w == "tomorrow" {
			n = 1
		}
		r.val = day(n)
		if part := s.lex(i + 1).dayPart; part != "" {
			r.end, r.typ, r.val = i+2, TIME, r.val+"T"+part
		}
		return r, true
	case "tonight":
		r.typ, r.val = TIME, day(0)+"TNI"
		return r, true
	case "now", "currently", "nowadays":
		r.val = "PRESENT_REF"
		return r, true
	case "recently", "lately":
		r.val = "PAST_REF"
		return r, true
	case "present":
		if s.word(i-1) == "at" {
			r.val = "PRESENT_REF"
			return r, true
		}
		return res{}, false
	case "these":
		if s.word(i+1) == "days" {
			r.end, r.val = i+2, "PRESENT_REF"
			return r, true
		}
		return res{}, false
	case "recent", "coming":
		if u := s.word(i + 1); s.lex(i+1).unit != "" && plural(u) || u == "times" && w == "recent" {
			r.end, r.val = i+2, "PAST_REF"
			if w == "coming" {
				r.val = "FUTURE_REF"
			}
			return r, true
		}
		return res{}, false
	case "last", "next", "this", "that":
	default:
		return res{}, false
	}
	n := 0
	switch w {
	case "last":
		n = -1
	case "next":
		n = 1
	}
	x, xl := s.word(i+1), s.lex(i+1)
	r.end = i + 2
	if u := xl.unit; u != "" && !plural(x) && u != "S" && u != "MIN" && u != "H" {
		if w == "that" {
			r.val = s.fromRef(0, u)
		} else {
			r.val = s.fromDCT(n, u)
		}
		return r, true
	}
	if part := xl.dayPart; part != "" && w != "next" && (w != "last" || x == "night") {
		switch w {
		case "last":
			r.val = day(-1)
		case "this":
			r.val = day(0)
		case "that":
			r.val = "XXXX-XX-XX"
			if s.ref.d > 0 {
				r.val = fmtDate(s.ref.y, s.ref.m, s.ref.d)
			}
		}
		r.typ, r.val = TIME, r.val+"T"+part
		return r, true
	}
	if m, e, full, ok := s.monthAt(i + 1); ok && full {
		r.end = e
		y := 0
		switch {
		case w == "that":
			y = s.refYear()
		case s.hasDCT:
			y = s.dct.Year()
			cur := int(s.dct.Month())
			if w == "last" && m >= cur {
				y--
			} else if w == "next" && m <= cur {
				y++
			}
		}
		r.val = fmtDate(y, m, 0)
		return r, true
	}
	if code := xl.season; code != "" {
		y := 0
		switch {
		case w == "that":
			y = s.refYear()
		case s.hasDCT:
			y = s.dct.Year()
			first := seasonStart(code)
			cur := int(s.dct.Month())
			if w == "last" && cur < first+3 {
				y--
			} else if w == "next" && cur >= first {
				y++
			}
		}
		r.val = "XXXX-" + code
		if y > 0 {
			r.val = pad(y, 4) + "-" + code
		}
		return r, true
	}
	if wd := xl.weekday; wd > 0 && s.isCap(i+1) {
		r.val = fmt.Sprintf("XXXX-WXX-%d", wd)
		if s.hasDCT && w != "that" {
			cur := int(s.dct.Weekday()+6)%7 + 1 // ISO: Monday 1 … Sunday 7
			var d int
			switch w {
			case "last":
				d = -((cur-wd+6)%7 + 1)
			case "next":
				d = (wd-cur+6)%7 + 1
			case "this":
				d = wd - cur
			}
			r.val = day(d)
		}
		return r, true
	}
	return res{}, false
}

// theLed reads expressions that start with "the": the near future, the
// past, the present day, the previous year, the following June, the same
// month, the year before, the past two years, the coming years.
func (s *scanner) theLed(i int) (res, bool) {
	if s.word(i) != "the" {
		return res{}, false
	}
	w, x := s.word(i+1), s.word(i+2)
	xl := s.lex(i + 2)
	r := res{start: i, end: i + 2, typ: DATE}
	switch w {
	case "near", "foreseeable", "distant", "immediate":
		if x == "future" {
			r.end, r.val = i+3, "FUTURE_REF"
			return r, true
		}
	case "future":
		if s.follows(i + 2) {
			r.val = "FUTURE_REF"
			return r, true
		}
	case "recent":
		if x == "past" {
			r.end, r.val = i+3, "PAST_REF"
			return r, true
		}
	case "present":
		if x == "day" {
			r.end, r.val = i+3, "PRESENT_REF"
			return r, true
		}
		if s.follows(i + 2) {
			r.val = "PRESENT_REF"
			return r, true
		}
	case "past", "last", "next", "first", "coming", "previous", "preceding", "following", "subsequent", "same":
	case "year", "month", "week", "day", "decade":
		switch x {
		case "before", "earlier":
			r.end, r.val = i+3, s.fromRef(-1, s.lex(i+1).unit)
			return r, true
		case "after", "later":
			r.end, r.val = i+3, s.fromRef(1, s.lex(i+1).unit)
			return r, true
		}
		return res{}, false
	default:
		return res{}, false
	}
	// the past two years, the next few months, the first six months
	switch w {
	case "past", "last", "next", "first", "coming":
		if n, known, j, ok := s.count(i + 2); ok && s.word(i+2) != "a" && s.word(i+2) != "an" {
			if u := s.lex(j).unit; u != "" && plural(s.word(j)) && !s.glued(j) {
				return res{start: i, end: j + 1, typ: DURATION, val: duration(n, known, u)}, true
			}
		}
	}
	switch w {
	case "past":
		if u := xl.unit; u != "" && !plural(x) && s.word(i+3) != "of" {
			return res{start: i, end: i + 3, typ: DURATION, val: duration(1, true, u)}, true
		}
		if s.follows(i + 2) {
			r.val = "PAST_REF"
			return r, true
		}
		return res{}, false
	case "last":
		if u := xl.unit; u != "" && !plural(x) && s.word(i+3) != "of" {
			return res{start: i, end: i + 3, typ: DURATION, val: duration(1, true, u)}, true
		}
		return res{}, false
	case "coming":
		if u := xl.unit; u != "" {
			r.end = i + 3
			if plural(x) {
				r.val = "FUTURE_REF"
			} else {
				r.val = s.fromDCT(1, u)
			}
			return r, true
		}
		return res{}, false
	case "first":
		return res{}, false
	}
	// Anaphoric: the previous year, the following June, the same day.
	n := 1
	switch w {
	case "previous", "preceding":
		n = -1
	case "same":
		n = 0
	}
	r.end = i + 3
	if u := xl.unit; u != "" && !plural(x) && u != "H" && u != "MIN" && u != "S" {
		r.val = s.fromRef(n, u)
		return r, true
	}
	if m, e, full, ok := s.monthAt(i + 2); ok && full {
		r.end = e
		y := s.refYear()
		if y > 0 && s.ref.y > 0 && s.ref.m > 0 {
			switch {
			case n > 0 && m <= s.ref.m:
				y++
			case n < 0 && m >= s.ref.m:
				y--
			}
		} else if y > 0 && s.ref.y > 0 {
			y += n
		}
		r.val = fmtDate(y, m, 0)
		return r, true
	}
	if code := xl.season; code != "" {
		r.val = "XXXX-" + code
		if y := s.refYear(); y > 0 {
			first := seasonStart(code)
			switch {
			case s.ref.y > 0 && s.ref.m > 0:
				if n > 0 && first <= s.ref.m {
					y++
				} else if n < 0 && first >= s.ref.m {
					y--
				}
			default:
				y += n
			}
			r.val = pad(y, 4) + "-" + code
		}
		return r, true
	}
	return res{}, false
}

// follows reports whether "the future" or "the past" ends at j: nothing,
// punctuation or a function word comes next, not the noun it would modify.
func (s *scanner) follows(j int) bool {
	if j >= len(s.toks) || s.toks[j].kind != 'w' {
		return !isDash(s.punct(j)) || !s.glued(j)
	}
	return s.lex(j).functionWord
}

// theUnit reads "the year", "the month" and the like as the reference
// period, for "the end of the year".
func (s *scanner) theUnit(i int) (res, bool) {
	if s.word(i) != "the" || s.word(i-1) != "of" {
		return res{}, false
	}
	x := s.word(i + 1)
	switch x {
	case "year", "month", "decade", "century", "week":
		return res{start: i, end: i + 2, typ: DATE, val: s.fromRef(0, s.lex(i+1).unit)}, true
	}
	return res{}, false
}

// count reads how many units: 6, 1.5, six, twenty-three, a hundred, a, a
// few, several, a couple of. known is false for a vague count.
func (s *scanner) count(i int) (n float64, known bool, end int, ok bool) {
	if v, _, ok := s.number(i); ok {
		if !s.leftClear(i) {
			return 0, false, 0, false
		}
		end = i + 1
		n = float64(v)
		if s.punct(end) == "." && s.glued(end) && s.glued(end+1) {
			if f, fd, ok := s.number(end + 1); ok && fd <= 2 {
				n += float64(f) / math.Pow(10, float64(fd))
				end += 2
			}
		}
		return n, true, end, true
	}
	w := s.word(i)
	switch w {
	case "a", "an":
		switch s.word(i + 1) {
		case "few":
			return 0, false, i + 2, true
		case "couple":
			if s.word(i+2) == "of" {
				return 2, true, i + 3, true
			}
		case "number":
			if s.word(i+2) == "of" {
				return 0, false, i + 3, true
			}
		case "hundred":
			v, e := s.hundreds(1, i+2)
			return float64(v), true, e, true
		}
		return 1, true, i + 1, true
	}
	if s.lex(i).vagueCount {
		return 0, false, i + 1, true
	}
	if v, e, ok := s.below100(i); ok {
		if s.word(e) == "hundred" && v > 0 && v < 10 {
			v, e = s.hundreds(v, e+1)
		}
		return float64(v), true, e, true
	}
	return 0, false, 0, false
}

// hundreds completes "n hundred [and] m" after the word hundred at j.
func (s *scanner) hundreds(n, j int) (int, int) {
	k := j
	if s.word(k) == "and" {
		k++
	}
	if m, e, ok := s.below100(k); ok && m > 0 {
		return n*100 + m, e
	}
	return n * 100, j
}

// below100 reads a number word below a hundred: six, twenty-three, twenty
// three.
func (s *scanner) below100(i int) (int, int, bool) {
	lx := s.lex(i)
	if lx.isCardinal {
		return lx.cardinal, i + 1, true
	}
	t := lx.tens
	if t == 0 {
		return 0, 0, false
	}
	j := i + 1
	if isDash(s.punct(j)) && s.glued(j) && s.glued(j+1) {
		j++
	}
	if v := s.lex(j); v.isCardinal && v.cardinal > 0 && v.cardinal < 10 {
		return t + v.cardinal, j + 1, true
	}
	return t, i + 1, true
}

// durationAt reads six years, three months, a decade, 1.5 hours, two and a
// half years, half a century, eight years old, 5-year, ten-year-old,
// century-old, centuries, for years, and the dates N years ago and N years
// later.
func (s *scanner) durationAt(i int) (res, bool) {
	w := s.word(i)
	if u := s.lex(i).unit; u != "" {
		if s.hyphenWord(i+1, "old", "long") {
			return res{start: i, end: i + 3, typ: DURATION, val: duration(1, !plural(w), u)}, true
		}
		if plural(w) && (u == "DE" || u == "CE" || u == "ML" || s.word(i-1) == "for") {
			return res{start: i, end: i + 1, typ: DURATION, val: duration(0, false, u)}, true
		}
		return res{}, false
	}
	if w == "half" && (s.word(i+1) == "a" || s.word(i+1) == "an") {
		if u := s.lex(i + 2).unit; u != "" && !plural(s.word(i+2)) {
			return res{start: i, end: i + 3, typ: DURATION, val: half(u)}, true
		}
		return res{}, false
	}
	n, known, j, ok := s.count(i)
	if !ok {
		return res{}, false
	}
	isA := (w == "a" || w == "an") && j == i+1 // a year, not a few years
	if isDash(s.punct(j)) && s.glued(j) && s.glued(j+1) {
		x := s.word(j + 1)
		if u := s.lex(j + 1).unit; u != "" && known && !plural(x) && !isA {
			end := j + 2
			if s.hyphenWord(end, "old", "long") {
				end += 2
			}
			return res{start: i, end: end, typ: DURATION, val: duration(n, true, u)}, true
		}
		return res{}, false
	}
	if known && !isA && s.word(j) == "and" && s.word(j+1) == "a" && s.word(j+2) == "half" {
		n, j = n+0.5, j+3 // two and a half years
	}
	x, u := s.word(j), s.lex(j).unit
	if u == "" || s.glued(j) || !known && !plural(x) || isA && (plural(x) || x == "second" || s.rate(i)) {
		return res{}, false
	}
	end := j + 1
	if isA && s.word(end) == "and" && s.word(end+1) == "a" && s.word(end+2) == "half" {
		return res{start: i, end: end + 3, typ: DURATION, val: duration(1.5, true, u)}, true
	}
	switch s.word(end) {
	case "ago":
		r := res{start: i, end: end + 1, typ: DATE, val: "PAST_REF"}
		if known && n == math.Trunc(n) {
			r.val = s.fromDCT(-int(n), u)
		}
		return r, true
	case "later", "earlier":
		if known && n == math.Trunc(n) {
			k := int(n)
			if s.word(end) == "earlier" {
				k = -k
			}
			return res{start: i, end: end + 1, typ: DATE, val: s.fromRef(k, u)}, true
		}
	case "old":
		return res{start: i, end: end + 1, typ: DURATION, val: duration(n, known, u)}, true
	}
	if s.hyphenWord(end, "old", "long") {
		if isA {
			i = j // "a year-long inquiry": the article belongs to the noun
		}
		end += 2
	}
	return res{start: i, end: end, typ: DURATION, val: duration(n, known, u)}, true
}

// half is the duration of half a unit.
func half(u string) string {
	switch u {
	case "Y":
		return "P6M"
	case "DE":
		return "P5Y"
	case "CE":
		return "P50Y"
	case "ML":
		return "P500Y"
	case "D":
		return "PT12H"
	case "H":
		return "PT30M"
	case "MIN":
		return "PT30S"
	}
	return duration(0.5, true, u)
}

// rate reports whether "a" at i reads as "per", after an amount ($5 a day,
// 20 million tonnes a year).
func (s *scanner) rate(i int) bool {
	if _, _, ok := s.number(i - 1); ok {
		return true
	}
	w, lx := s.word(i-1), s.lex(i-1)
	return lx.countNoun || len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !lx.verbS
}

// setAt reads every year, each June, every other week, every Monday,
// annually, weekly, annual, per year, twice a year and three times a week.
func (s *scanner) setAt(i int) (res, bool) {
	w := s.word(i)
	r := res{start: i, end: i + 1, typ: SET}
	switch w {
	case "annually", "yearly", "annual":
		r.val = "P1Y"
		return r, true
	case "monthly":
		r.val = "P1M"
		return r, true
	case "weekly":
		r.val = "P1W"
		return r, true
	case "daily":
		r.val = "P1D"
		return r, true
	case "hourly":
		r.val = "PT1H"
		return r, true
	case "quarterly":
		r.val = "P3M"
		return r, true
	case "every", "each":
		j, mult := i+1, 1.0
		if s.word(j) == "other" {
			j, mult = j+1, 2
		}
		if u := s.lex(j).unit; u != "" && !plural(s.word(j)) {
			r.end, r.val = j+1, duration(mult, true, u)
			return r, true
		}
		if n, known, k, ok := s.count(j); ok && known && s.word(j) != "a" && s.word(j) != "an" {
			if u := s.lex(k).unit; u != "" && plural(s.word(k)) {
				r.end, r.val = k+1, duration(n*mult, true, u)
				return r, true
			}
		}
		if m, e, full, ok := s.monthAt(j); ok && full {
			r.end, r.val = e, fmtDate(0, m, 0)
			return r, true
		}
		if wd := s.lex(j).weekday; wd > 0 && s.isCap(j) {
			r.end, r.val = j+1, fmt.Sprintf("XXXX-WXX-%d", wd)
			return r, true
		}
		if code := s.lex(j).season; code != "" {
			r.end, r.val = j+1, "XXXX-"+code
			return r, true
		}
		return res{}, false
	case "per":
		x := s.word(i + 1)
		if x == "annum" {
			r.end, r.val = i+2, "P1Y"
			return r, true
		}
		if u := s.lex(i + 1).unit; u != "" && !plural(x) {
			r.end, r.val = i+2, duration(1, true, u)
			return r, true
		}
		return res{}, false
	case "a", "an":
		if u := s.lex(i + 1).unit; u != "" && !plural(s.word(i+1)) && s.rate(i) {
			r.end, r.val = i+2, duration(1, true, u)
			return r, true
		}
		return res{}, false
	}
	// once a year, twice a month, three times a week, twice yearly
	j := i + 1
	if w == "once" || w == "twice" || w == "thrice" {
		if r2, ok := s.setAt(j); ok && r2.end == j+1 && s.word(j) != "a" && s.word(j) != "an" {
			r.end, r.val = r2.end, r2.val
			return r, true
		}
	}
	switch w {
	case "once", "twice", "thrice":
	default:
		if _, known, e, ok := s.count(i); ok && known && s.word(e) == "times" && w != "a" {
			j = e + 1
		} else {
			return res{}, false
		}
	}
	if a := s.word(j); a == "a" || a == "an" || a == "per" || a == "every" || a == "each" {
		if u := s.lex(j + 1).unit; u != "" && !plural(s.word(j+1)) {
			r.end, r.val = j+2, duration(1, true, u)
			return r, true
		}
	}
	return res{}, false
}

// timeAt reads 3 p.m., 3pm, 3:30 PM, 15:30, 10 o'clock, noon and
// midnight.
func (s *scanner) timeAt(i int) (res, bool) {
	switch s.word(i) {
	case "noon", "midday":
		return res{start: i, end: i + 1, typ: TIME, val: s.timeDate(i) + "T12:00"}, true
	case "midnight":
		return res{start: i, end: i + 1, typ: TIME, val: s.timeDate(i) + "T00:00"}, true
	}
	h, hd, ok := s.number(i)
	if !ok || hd > 2 || !s.leftClear(i) {
		return res{}, false
	}
	j, m, colon := i+1, 0, false
	if s.punct(j) == ":" && s.glued(j) && s.glued(j+1) {
		mm, md, ok := s.number(j + 1)
		if !ok || md != 2 || mm > 59 {
			return res{}, false
		}
		m, j, colon = mm, j+2, true
		if s.punct(j) == ":" && s.glued(j) && s.glued(j+1) {
			if ss, sd, ok := s.number(j + 1); ok && sd == 2 && ss <= 59 {
				j += 2
			}
		}
	}
	if e, pm, ok := s.meridiem(j); ok && h >= 1 && h <= 12 {
		if pm && h != 12 {
			h += 12
		} else if !pm && h == 12 {
			h = 0
		}
		return res{start: i, end: e, typ: TIME, val: fmt.Sprintf("%sT%02d:%02d", s.timeDate(i), h, m)}, true
	}
	if colon && h <= 23 && s.rightClear(j) && (hd == 2 || s.lex(i-1).timeCue) {
		return res{start: i, end: j, typ: TIME, val: fmt.Sprintf("%sT%02d:%02d", s.timeDate(i), h, m)}, true
	}
	if !colon && h >= 1 && h <= 12 && s.word(j) == "o" && isApos(s.punct(j+1)) && s.word(j+2) == "clock" {
		return res{start: i, end: j + 3, typ: TIME, val: fmt.Sprintf("%sT%02d:00", s.timeDate(i), h)}, true
	}
	return res{}, false
}

// timeCue are words before a one-digit clock time that make it one (at
// 9:30, not chapter 3:16).
var timeCue = map[string]bool{
	"at": true, "from": true, "until": true, "till": true, "to": true, "by": true,
	"before": true, "after": true, "around": true, "about": true, "since": true,
}

// meridiem reads am, pm, a.m., p.m. at j.
func (s *scanner) meridiem(j int) (end int, pm, ok bool) {
	switch s.word(j) {
	case "am":
		return j + 1, false, true
	case "pm":
		return j + 1, true, true
	case "a", "p":
		if s.punct(j+1) == "." && s.glued(j+1) && s.word(j+2) == "m" && s.glued(j+2) {
			end = j + 3
			if s.punct(end) == "." && s.glued(end) {
				end++
			}
			return end, s.word(j) == "p", true
		}
	}
	return 0, false, false
}

// timeDate is the date part of a time at token i.
func (s *scanner) timeDate(i int) string {
	if s.daySent >= 0 && s.toks[i].sent == s.daySent {
		return fmtDate(s.day.y, s.day.m, s.day.d)
	}
	if s.hasDCT {
		return fmtDay(s.dct)
	}
	return "XXXX-XX-XX"
}

// pointMod reads a date with a point mod: the beginning of 2005, the end of
// the year, mid-2005, early June, late 2005, the first half of 2005.
func (s *scanner) pointMod(i int) (res, bool) {
	j := i
	if s.word(j) == "the" {
		j++
	}
	mod := ""
	switch s.word(j) {
	case "beginning", "start":
		mod = "START"
	case "middle":
		mod = "MID"
	case "end", "close":
		mod = "END"
	}
	if mod != "" && s.word(j+1) == "of" {
		if r, ok := s.point(j + 2); ok {
			r.start, r.mod = i, mod
			return r, true
		}
		return res{}, false
	}
	switch w := s.word(i); w {
	case "early", "mid", "late":
		k := i + 1
		if w == "mid" && isDash(s.punct(k)) && s.glued(k) {
			k++
		}
		if r, ok := s.point(k); ok && s.word(k) != "the" {
			r.start, r.mod = i, "START"
			if w == "mid" {
				r.mod = "MID"
			} else if w == "late" {
				r.mod = "END"
			}
			return r, true
		}
		return res{}, false
	}
	// the first half of 2005, the second quarter of 2005
	if j == i || s.word(j+2) != "of" {
		return res{}, false
	}
	part := s.word(j + 1)
	var n int
	switch s.word(j) {
	case "first":
		n = 1
	case "second", "latter":
		n = 2
	case "third":
		n = 3
	case "fourth", "last":
		n = 4
	default:
		return res{}, false
	}
	r, ok := s.point(j + 3)
	if !ok || len(r.val) != 4 || !allDigits(r.val) {
		return res{}, false
	}
	switch {
	case part == "half" && n == 4:
		r.val += "-H2"
	case part == "half" && n <= 2:
		r.val += fmt.Sprintf("-H%d", n)
	case part == "quarter":
		r.val += fmt.Sprintf("-Q%d", n)
	default:
		return res{}, false
	}
	r.start = i
	return r, true
}

// A prefix is a run of words that gives the expression after it a mod.
// kinds says which types it may qualify: D for DATE, R for DURATION, T for
// TIME.
type prefix struct {
	words []string
	mod   string
	kinds string
}

// prefixes are tried in order, longer runs first.
var prefixes = []prefix{
	{[]string{"no", "more", "than"}, "EQUAL_OR_LESS", "R"},
	{[]string{"more", "than"}, "MORE_THAN", "R"},
	{[]string{"longer", "than"}, "MORE_THAN", "R"},
	{[]string{"upwards", "of"}, "MORE_THAN", "R"},
	{[]string{"well", "over"}, "MORE_THAN", "R"},
	{[]string{"less", "than"}, "LESS_THAN", "R"},
	{[]string{"fewer", "than"}, "LESS_THAN", "R"},
	{[]string{"shorter", "than"}, "LESS_THAN", "R"},
	{[]string{"just", "under"}, "LESS_THAN", "R"},
	{[]string{"at", "least"}, "EQUAL_OR_MORE", "R"},
	{[]string{"at", "most"}, "EQUAL_OR_LESS", "R"},
	{[]string{"up", "to"}, "EQUAL_OR_LESS", "R"},
	{[]string{"prior", "to"}, "BEFORE", "D"},
	{[]string{"pre", "-"}, "BEFORE", "D"},
	{[]string{"post", "-"}, "AFTER", "D"},
	{[]string{"c", "."}, "APPROX", "D"},
	{[]string{"ca", "."}, "APPROX", "D"},
	{[]string{"over"}, "MORE_THAN", "R"},
	{[]string{"under"}, "LESS_THAN", "R"},
	{[]string{"nearly"}, "LESS_THAN", "R"},
	{[]string{"almost"}, "LESS_THAN", "R"},
	{[]string{"since"}, "ON_OR_AFTER", "D"},
	{[]string{"before"}, "BEFORE", "D"},
	{[]string{"after"}, "AFTER", "D"},
	{[]string{"about"}, "APPROX", "DRT"},
	{[]string{"around"}, "APPROX", "DRT"},
	{[]string{"approximately"}, "APPROX", "DRT"},
	{[]string{"roughly"}, "APPROX", "DRT"},
	{[]string{"circa"}, "APPROX", "D"},
	{[]string{"some"}, "APPROX", "DR"},
}

// prefixed reads one of the mod prefixes ps, all starting with the word
// at i, and the expression it qualifies.
func (s *scanner) prefixed(i int, ps []prefix) (res, bool) {
	for _, p := range ps {
		j, ok := s.words(i, p.words)
		if !ok {
			continue
		}
		r, ok := s.core(j)
		if !ok || r.mod != "" || r.pair != nil || r.start != j {
			continue
		}
		var kind string
		switch r.typ {
		case DATE:
			kind = "D"
		case DURATION:
			kind = "R"
		case TIME:
			kind = "T"
		}
		if kind == "" || !strings.Contains(p.kinds, kind) || strings.HasSuffix(r.val, "_REF") {
			continue
		}
		if kind == "R" && (s.word(j) == "the" || p.words[0] == "some" && s.word(j) == "a") {
			continue // over the past decade; some years is itself vague
		}
		r.start, r.mod = i, p.mod
		return r, true
	}
	return res{}, false
}

// words reports whether the tokens at i spell ws, separated by spaces
// except that a hyphen is glued on both sides and a period after its word
// ("c."), and returns the index after them.
func (s *scanner) words(i int, ws []string) (int, bool) {
	for k, w := range ws {
		j := i + k
		if j >= len(s.toks) || s.toks[j].kind == 'f' || s.toks[j].low != w {
			return 0, false
		}
		if k > 0 && s.glued(j) != (w == "-" || w == ".") {
			return 0, false
		}
	}
	j := i + len(ws)
	if ws[len(ws)-1] == "-" && !s.glued(j) {
		return 0, false
	}
	return j, true
}

// seasonStart is the month a season starts in, in the northern hemisphere.
func seasonStart(code string) int {
	switch code {
	case "SP":
		return 3
	case "SU":
		return 6
	case "FA":
		return 9
	}
	return 12
}
