// Package dates finds temporal expressions and normalises them after the
// TIMEX3 (TimeML) conventions: each is a DATE, TIME, DURATION or SET with an
// ISO 8601-style value and, where the text qualifies it, a mod.
//
// # Values
//
// Dates are 2001-06-15, 2004-06, 2006, 199 for the 1990s and 20 for the
// twenty-first century. A decade ending in 00 is a century (the 1800s is
// 18) except the 2000s (200); decades in words are of the twentieth
// century (the nineties is 199); two-digit decades below 30 are of the
// twenty-first (the '20s is 202) and the others of the twentieth (the 90s
// is 199). Seasons are 2004-SU, halves and quarters 2005-H1 and 2005-Q2,
// weekdays XXXX-WXX-1. Times are a date and a time (2001-06-15T15:00,
// XXXX-XX-XXT15:00, 2006-06-15TMO); noon is T12:00 and midnight T00:00.
// Durations are P6Y, P3M, P2W, PT2H; a count of decades, centuries or
// millennia is written in years (a decade is P10Y, century-old P100Y),
// while an unspecified count keeps the TIDES units (decades PXDE, centuries
// PXCE, millennia PXML). Vague references are PAST_REF (recent years,
// recently, the past), PRESENT_REF (now, currently, today without a DCT)
// and FUTURE_REF (the near future, the coming years). SETs are P1Y for
// every year, annually, annual and per year, P1W for weekly, XXXX-WXX-1 for
// every Monday.
//
// # Spans
//
// A span covers the words that give its value and mod: "the 1990s", "the
// twenty-first century", "the beginning of 2005", "about six years",
// "eight years old", "Since 1996". A date used as a modifier covers only
// the date: in "the 2003 Iraq War" the span is "2003". A range is two
// DATEs, as TIMEX3 marks it: "2001–2005" and "from 2001 to 2005" each give
// 2001 and 2005. A two-digit end is expanded ("2001–05" gives 2005); a
// hyphenated "2005-03", whose second part cannot end a range, is the month
// 2005-03. A range of days is two DATEs as well: "15–17 June 2001" gives
// "15" (2001-06-15) and "17 June 2001"; "May 5–7, 2019" gives "May 5" and
// "7, 2019".
//
// # Mods
//
// since gives ON_OR_AFTER, before and pre- BEFORE, after and post- AFTER
// (dates only); about, around, approximately, roughly, circa and some give
// APPROX; more than and over MORE_THAN, less than, under, nearly and almost
// LESS_THAN, at least EQUAL_OR_MORE and at most or up to EQUAL_OR_LESS
// (durations only); the beginning of and early give START, the middle of
// and mid- MID, the end of and late END. An expression has at most one mod:
// in "since the beginning of 2005" the span is "the beginning of 2005" with
// START and since is left out. until and by are not mods.
//
// # Numeric dates
//
// 2001-06-15 and 2001/06/15 are year-month-day. In 15/06/2001, 15.06.2001
// and 15-06-2001 a part above 12 is the day; when both parts could be a
// month the first is the day, unless Annotator.MonthFirst is set. A
// two-digit year (6/15/01) is allowed only with slashes and means 19YY from
// 50 up, 20YY below.
//
// # Resolving relative expressions
//
// Two times resolve relative expressions. The document creation time
// (Annotator.DCT) is the speech time: deictic expressions — today,
// yesterday, last year, next June, this week, three years ago — count from
// it, and without a DCT they keep X for what is unknown (last year is
// XXXX, yesterday XXXX-XX-XX, today PRESENT_REF, years ago PAST_REF).
// The reference time is the last date with a known year written earlier in
// the document (any DATE whose value starts with a four-digit year,
// including the year of a name such as "the 2003 Iraq War"), or the DCT
// before there is one. Anaphoric expressions — that year, the same month,
// the following year, the previous June, a year later, two years earlier —
// count from it, and so do dates written without a year: after "In June
// 2004 …", "in December" is 2004-12 and "the following June" 2005-06. This
// holds even when a DCT is given, which suits narrative text better than
// news. A bare weekday (on Monday) is not resolved: it stays XXXX-WXX-1. A
// time of day takes the day of a full date earlier in the same sentence,
// else the DCT's day, else XXXX-XX-XX.
//
// # What is not a date
//
// A four-digit number from 1000 to 2199 is a year unless it is a count or
// a reference: followed by a unit, a scale word or a counted noun (3000 km,
// 2000 people, 1500-km), preceded by a quantity cue and followed by a word
// (about 2000 were), after a label (p. 2001, page 1999, Resolution 1373,
// No. 2001) or a currency sign, part of a larger number (2,001, 1999.5,
// 555-2001), followed by BC, or alone on its line (a page number). A
// plural noun after the number makes it a count only when the number is a
// multiple of ten with no determiner or temporal preposition before it:
// counts written without a thousands separator are nearly always round and
// years seldom are, so "2000 soldiers" is a count while "2015 rates", "at
// 1998 levels" and "the 2000 elections" hold years. Footnote numbers
// (layout.FootnoteRefs) are never part of a date. Month names must be
// capitalised, and a full month name alone (without a day or year) counts
// only after a temporal word (in, since, until, early, of …): "they may",
// "march on", "June said" and "May I" give nothing. Abbreviated months need
// a day or year. A bare plural unit is a duration only for decades,
// centuries and millennia, or after "for" (for years). Expressions with no
// TIMEX3 value ("the short run", "long-term", "so far") are not tagged.
//
// The scan works over each paragraph's text with a small tokenizer of its
// own and bounded look-ahead, so it takes time linear in the text.
package dates

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/internal/lower"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Types of temporal expression.
const (
	DATE     = "DATE"
	TIME     = "TIME"
	DURATION = "DURATION"
	SET      = "SET"
)

// A Date is one temporal expression.
type Date struct {
	pipeline.TextSpan
	Type  string `json:"type"`
	Value string `json:"value"`
	Mod   string `json:"mod,omitempty"`
}

// Layer is the dates layer.
var Layer = pipeline.NewLayer[Date]("dates")

// Annotator finds temporal expressions. The zero value resolves nothing
// against a document date and reads ambiguous numeric dates day first.
type Annotator struct {
	// DCT is the document creation time, against which today, last year
	// and the like are resolved. The zero time means none.
	DCT time.Time
	// MonthFirst reads an ambiguous numeric date such as 06/05/2001 as
	// month/day/year (5 June) instead of day/month/year (6 May).
	MonthFirst bool
}

var _ pipeline.Annotator = Annotator{}

func (Annotator) Name() string    { return "dates" }
func (Annotator) Version() string { return "1.0.0" }
func (Annotator) Requires() []string {
	return []string{layout.Paragraphs.Name(), layout.FootnoteRefs.Name(), layout.PageBreaks.Name(), sentences.Layer.Name()}
}
func (Annotator) Provides() []string { return []string{Layer.Name()} }

// Annotate sets the dates layer.
func (a Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	s := &scanner{
		text:       doc.Text,
		doc:        doc,
		monthFirst: a.MonthFirst,
		daySent:    -1,
		buffer:     buffers.Get().(*buffer),
	}
	defer s.release()
	if !a.DCT.IsZero() {
		s.dct = time.Date(a.DCT.Year(), a.DCT.Month(), a.DCT.Day(), 0, 0, 0, 0, time.UTC)
		s.hasDCT = true
	}
	notes := layout.FootnoteRefs.Get(doc)
	breaks := layout.PageBreaks.Get(doc)
	sents := sentences.Layer.Get(doc)
	var fi, bi, si int
	for _, p := range layout.Paragraphs.Get(doc) {
		if err := ctx.Err(); err != nil {
			return err
		}
		s.tokenize(p.Start, p.End, notes, &fi, breaks, &bi, sents, &si)
		s.scan()
	}
	// The layer gets a copy of its own: s.out goes back to the pool.
	out := make([]Date, len(s.out))
	copy(out, s.out)
	Layer.Set(doc, out)
	return nil
}

// A buffer holds the slices a scanner fills, kept from one document to the
// next so that they need not grow again each time.
type buffer struct {
	toks   []tok
	starts []int // the tokens an expression may start at, in order
	out    []Date
}

var buffers = sync.Pool{New: func() any { return new(buffer) }}

// release empties the scanner's buffer, so that it keeps no document's
// text alive, and returns it to the pool unless it has grown too large
// to keep idle.
func (s *scanner) release() {
	if cap(s.toks) > maxPooledToks || cap(s.out) > maxPooledDates {
		return
	}
	clear(s.toks[:cap(s.toks)])
	clear(s.out)
	s.toks, s.starts, s.out = s.toks[:0], s.starts[:0], s.out[:0]
	buffers.Put(s.buffer)
}

// maxPooledToks and maxPooledDates bound what an idle buffer keeps: a
// paragraph of some hundred kilobytes, the dates of a few megabytes.
const (
	maxPooledToks  = 1 << 15
	maxPooledDates = 1 << 15
)

// A tok is a word, a number or one punctuation character of a paragraph.
type tok struct {
	start, end int
	low        string  // the text, lower-cased for words
	lex        *lexeme // what the word lists say about a word, or nil
	n          int     // value of a number of at most nine digits, else -1
	sent       int     // index of its sentence, or -1
	kind       byte    // 'w' word, 'n' number, 'p' punctuation, 'f' footnote reference
	sp         bool    // white space or the paragraph start comes before it
	nl         bool    // a line starts before it
	cap        bool    // a word that starts with an upper-case letter
}

// A scanner holds the state of one Annotate call.
type scanner struct {
	*buffer    // the tokens of the current paragraph and the dates found
	doc        *pipeline.Document
	text       string
	dct        time.Time
	hasDCT     bool
	monthFirst bool
	ref        ymd // the reference time: the last date with a known year
	day        ymd // the last full date, for times of day in its sentence
	daySent    int
	lowered    strings.Builder // the lower-cased words, end to end (see reserve)
}

// tokenize splits text[start:end] into s.toks. The index arguments carry
// the positions in the sorted footnote, page-break and sentence layers
// from one paragraph to the next, which keeps the whole pass linear.
func (s *scanner) tokenize(start, end int, notes []layout.FootnoteRef, fiAt *int, breaks []layout.PageBreak, biAt *int, sents []sentences.Sentence, siAt *int) {
	fi, bi, si := *fiAt, *biAt, *siAt // kept in registers, stored back at the end
	defer func() { *fiAt, *biAt, *siAt = fi, bi, si }()
	s.toks, s.starts = s.toks[:0], s.starts[:0]
	sp, nl := true, true
	// Footnotes and page breaks are looked at only from mark, where the
	// next of them starts; limit is where the next footnote starts, which
	// ends any token before it.
	mark, limit := start, end
	// The sentence of a token at i is sents[si] if sentStart <= i <
	// sentEnd, and none if i < sentStart.
	sentStart, sentEnd := start, start
	text := s.text
	for i := start; i < end; {
		if i >= mark {
			for fi < len(notes) && notes[fi].End <= i {
				fi++
			}
			for bi < len(breaks) && breaks[bi].End <= i {
				bi++
			}
			if fi < len(notes) && notes[fi].Start <= i {
				e := min(notes[fi].End, end)
				s.toks = append(s.toks, tok{start: i, end: e, kind: 'f', n: -1, sp: sp, nl: nl, sent: -1})
				i = e
				sp, nl = false, false
				continue
			}
			if bi < len(breaks) && breaks[bi].Start <= i {
				// A page break is white space, and starts a line.
				i = max(breaks[bi].End, i+1)
				sp, nl = true, true
				continue
			}
			limit, mark = end, end
			if fi < len(notes) {
				limit = min(limit, notes[fi].Start)
				mark = limit
			}
			if bi < len(breaks) {
				mark = min(mark, breaks[bi].Start)
			}
		}
		c := text[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		j := i + size
		var kind byte
		restLower := false // the letters after the first are lower-case ASCII
		switch {
		case c == ' ':
			sp = true
			i = j
			continue
		case c == '\n':
			sp, nl = true, true
			i = j
			continue
		case isASCIILetter(c) || c >= utf8.RuneSelf && isLetter(r):
			kind = 'w'
			j, restLower = letters(text, j, limit)
		case c >= '0' && c <= '9':
			kind = 'n'
			for j < limit && text[j] >= '0' && text[j] <= '9' {
				j++
			}
		case isSpace(r):
			sp = true
			i = j
			continue
		default:
			kind = 'p'
		}
		j = min(j, max(limit, i+size))
		s.toks = append(s.toks, tok{})
		t := &s.toks[len(s.toks)-1]
		t.start, t.end, t.kind, t.low, t.n, t.sp, t.nl, t.sent = i, j, kind, text[i:j], -1, sp, nl, -1
		switch kind {
		case 'w':
			switch {
			case restLower && 'a' <= c && c <= 'z':
				// already lower-case
			case restLower && 'A' <= c && c <= 'Z':
				t.low, t.cap = s.lowerTitle(t.low), true
			default:
				t.low, t.cap = s.lower(t.low), unicode.IsUpper(r)
			}
			t.lex = lexicon.find(t.low)
			if t.lex != nil && t.lex.start != nil {
				s.starts = append(s.starts, len(s.toks)-1)
			}
		case 'n':
			if j-i <= 9 {
				t.n = 0
				for k := i; k < j; k++ {
					t.n = t.n*10 + int(text[k]-'0')
				}
			}
			s.starts = append(s.starts, len(s.toks)-1)
		}
		if i >= sentEnd {
			for si < len(sents) && sents[si].End <= i {
				si++
			}
			sentStart, sentEnd = end, end
			if si < len(sents) {
				sentStart, sentEnd = sents[si].Start, sents[si].End
			}
		}
		if i >= sentStart {
			t.sent = si
		}
		sp, nl = false, false
		i = j
	}
}

// letters returns the end of the run of letters from j to at most limit,
// and whether they are all lower-case ASCII.
func letters(text string, j, limit int) (end int, lowerASCII bool) {
	lowerASCII = true
	for j < limit {
		c := text[j]
		if 'a' <= c && c <= 'z' {
			j++
			continue
		}
		if 'A' <= c && c <= 'Z' {
			lowerASCII = false
			j++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isLetter(r) {
			break
		}
		lowerASCII = false
		j += size
	}
	return j, lowerASCII
}

// isLetter and isSpace are unicode.IsLetter and unicode.IsSpace, quicker
// for the dashes, quotation marks and ellipsis of U+2010–U+2027, the
// commonest characters beyond ASCII in English text.
func isLetter(r rune) bool { return !isGeneralPunct(r) && unicode.IsLetter(r) }
func isSpace(r rune) bool  { return !isGeneralPunct(r) && unicode.IsSpace(r) }

func isGeneralPunct(r rune) bool { return 0x2010 <= r && r <= 0x2027 }

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// lower returns w lower-cased, as strings.ToLower would. Rather than a
// string each, the words are written to s.lowered, one buffer for many
// words.
func (s *scanner) lower(w string) string {
	var buf [64]byte
	low := lower.Append(buf[:0], w)
	s.reserve(len(low))
	start := s.lowered.Len()
	s.lowered.Write(low)
	return s.lowered.String()[start:]
}

// reserve makes room for n more bytes in s.lowered. The strings handed
// out stay valid as it grows, since a builder only ever appends; but a
// full buffer is replaced by a new one rather than grown, which spares
// copying it.
func (s *scanner) reserve(n int) {
	if s.lowered.Cap()-s.lowered.Len() < n {
		s.lowered = strings.Builder{}
		s.lowered.Grow(max(n, 4096))
	}
}

// lowerTitle is lower for a word of ASCII letters of which only the first
// is upper-case, the commonest case by far.
func (s *scanner) lowerTitle(w string) string {
	s.reserve(len(w))
	start := s.lowered.Len()
	s.lowered.WriteByte(w[0] + 'a' - 'A')
	s.lowered.WriteString(w[1:])
	return s.lowered.String()[start:]
}

// scan finds the expressions of the current paragraph, leftmost first and
// each as long as possible.
func (s *scanner) scan() {
	next := 0 // the first token after the last match
	for _, i := range s.starts {
		if i < next {
			continue
		}
		r, ok := s.match(i)
		if !ok {
			continue
		}
		s.emit(r)
		if r.pair != nil {
			s.emit(*r.pair)
			r.end = r.pair.end
		}
		next = r.end
	}
}

// emit records a match and moves the reference time.
func (s *scanner) emit(r res) {
	start, end := s.toks[r.start].start, s.toks[r.end-1].end
	s.out = append(s.out, Date{TextSpan: s.doc.TextSpan(start, end), Type: r.typ, Value: r.val, Mod: r.mod})
	if r.typ != DATE && r.typ != TIME {
		return
	}
	if d, ok := parseValue(r.val); ok {
		if r.typ == DATE {
			s.ref = d
		}
		if d.d > 0 {
			s.day, s.daySent = d, s.toks[r.start].sent
		}
	}
}

// parseValue reads the year, month and day at the start of a date value.
func parseValue(v string) (ymd, bool) {
	var d ymd
	if len(v) < 4 || !allDigits(v[:4]) {
		return d, false
	}
	d.y, _ = strconv.Atoi(v[:4])
	if len(v) >= 7 && v[4] == '-' && allDigits(v[5:7]) {
		d.m, _ = strconv.Atoi(v[5:7])
		if len(v) >= 10 && v[7] == '-' && allDigits(v[8:10]) {
			d.d, _ = strconv.Atoi(v[8:10])
		}
	}
	return d, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
