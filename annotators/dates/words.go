package dates

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// The word lists below are general English (calendar names, number words,
// time units and the function words the heuristics look at); none comes
// from a particular document.

// months maps month names and their usual abbreviations to 1–12.
var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

var monthAbbrevs = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// weekdays maps day names, singular and plural, to ISO weekday numbers.
var weekdays = map[string]int{
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}

// seasons maps season names to their TIMEX3 codes.
var seasons = map[string]string{
	"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}

// dayParts maps parts of the day to their TIMEX3 codes.
var dayParts = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
}

// units maps time-unit words to a unit code: Y, M, W, D, H, MIN, S for the
// ISO 8601 designators, F for a fortnight, and DE, CE, ML for decade,
// century and millennium.
var units = map[string]string{
	"year": "Y", "years": "Y", "yr": "Y", "yrs": "Y",
	"month": "M", "months": "M",
	"week": "W", "weeks": "W",
	"fortnight": "F", "fortnights": "F",
	"day": "D", "days": "D",
	"hour": "H", "hours": "H", "hr": "H", "hrs": "H",
	"minute": "MIN", "minutes": "MIN", "mins": "MIN",
	"second": "S", "seconds": "S", "secs": "S",
	"decade": "DE", "decades": "DE",
	"century": "CE", "centuries": "CE",
	"millennium": "ML", "millennia": "ML", "millenniums": "ML",
}

// plural reports whether a unit word is plural.
func plural(w string) bool {
	switch w {
	case "millennia", "centuries":
		return true
	}
	return len(w) > 1 && w[len(w)-1] == 's'
}

// cardinals maps number words below a hundred that stand alone.
var cardinals = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tens = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// ordinals maps ordinal words to numbers; tens combine with them
// ("twenty-first").
var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
	"twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30,
}

// decadeWords maps "the twenties" … "the nineties" to a decade digit.
var decadeWords = map[string]int{
	"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
	"sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}

// vagueCounts are words that count a plural unit without saying how many.
var vagueCounts = map[string]bool{
	"several": true, "few": true, "many": true, "numerous": true, "some": true,
}

// countNouns are words that, after a number, make it a quantity rather than
// a year: units of measure, scale words, currencies and the commonest
// irregular plurals of things counted.
var countNouns = map[string]bool{
	"km": true, "kms": true, "kilometres": true, "kilometers": true, "km2": true,
	"m": true, "metres": true, "meters": true, "mi": true, "miles": true,
	"ft": true, "feet": true, "foot": true, "yards": true, "inches": true,
	"cm": true, "mm": true, "kg": true, "kilograms": true, "g": true, "grams": true,
	"lb": true, "lbs": true, "pounds": true, "ounces": true, "oz": true,
	"tonnes": true, "tons": true, "t": true, "litres": true, "liters": true,
	"gallons": true, "barrels": true, "hectares": true, "ha": true, "acres": true,
	"sq": true, "square": true, "cubic": true, "mw": true, "kw": true, "gw": true,
	"kwh": true, "mb": true, "gb": true, "hz": true, "mhz": true, "dpi": true,
	"rpm": true, "cc": true, "mph": true, "kph": true, "degrees": true,
	"calories": true, "dollars": true, "euros": true, "yuan": true, "yen": true,
	"rupees": true, "roubles": true, "rubles": true, "francs": true, "pesos": true,
	"usd": true, "eur": true, "million": true, "billion": true, "trillion": true,
	"thousand": true, "hundred": true, "percent": true, "pc": true, "people": true,
	"persons": true, "men": true, "women": true, "children": true, "troops": true,
	"staff": true, "personnel": true, "police": true, "cattle": true, "sheep": true,
	"head": true, "times": true, "hours": true, "strong": true, "bc": true,
	"bce": true, "b": true,
}

// labels are words after which a number is a reference (a page, a
// resolution, a flight), not a year.
var labels = map[string]bool{
	"p": true, "pp": true, "page": true, "pages": true, "vol": true, "volume": true,
	"no": true, "nos": true, "number": true, "chapter": true, "ch": true,
	"section": true, "sec": true, "art": true, "article": true, "para": true,
	"paragraph": true, "fig": true, "figure": true, "table": true, "item": true,
	"resolution": true, "res": true, "flight": true, "room": true, "route": true,
	"highway": true, "isbn": true, "iso": true, "line": true, "lines": true,
	"verse": true, "col": true, "column": true, "box": true, "code": true,
	"suite": true, "apt": true, "unit": true, "ref": true, "case": true,
	"model": true, "version": true, "v": true, "rule": true, "exhibit": true,
	"annex": true, "appendix": true, "footnote": true, "note": true, "n": true,
	"nn": true,
}

// yearContext are words after which a number, month or season alone is a
// time: determiners and temporal prepositions.
var yearContext = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true,
	"those": true, "its": true, "their": true, "his": true, "her": true, "our": true,
	"my": true, "your": true, "in": true, "since": true, "until": true, "till": true,
	"by": true, "from": true, "to": true, "before": true, "after": true,
	"during": true, "of": true, "through": true, "throughout": true, "early": true,
	"late": true, "mid": true, "last": true, "next": true, "every": true,
	"each": true, "following": true, "previous": true, "preceding": true,
	"between": true, "around": true, "circa": true, "about": true, "on": true,
}

// quantityCues are words before a number that announce a quantity.
var quantityCues = map[string]bool{
	"than": true, "least": true, "nearly": true, "almost": true, "over": true,
	"under": true, "some": true, "approximately": true, "roughly": true,
	"estimated": true, "about": true, "around": true, "only": true, "just": true,
}

// functionWords are words that may follow a noun phrase without being part
// of it; after them "the future" or a number stands on its own.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "but": true,
	"nor": true, "when": true, "where": true, "as": true, "in": true, "on": true,
	"at": true, "to": true, "of": true, "for": true, "with": true, "by": true,
	"from": true, "it": true, "he": true, "she": true, "they": true, "we": true,
	"i": true, "you": true, "there": true, "this": true, "that": true,
	"is": true, "was": true, "will": true, "would": true, "has": true,
	"had": true, "have": true, "may": true, "might": true, "can": true,
	"could": true, "should": true, "shall": true, "must": true, "be": true,
	"looks": true, "remains": true, "holds": true, "lies": true, "than": true,
	"if": true, "so": true, "then": true, "after": true, "before": true,
	"until": true, "since": true, "into": true, "onto": true, "whether": true,
}

// verbS are frequent verbs ending in s that may follow a year ("2005 was").
var verbS = map[string]bool{
	"was": true, "is": true, "has": true, "does": true, "marks": true,
	"sees": true, "saw": true, "brings": true, "remains": true, "becomes": true,
	"begins": true, "ends": true, "looks": true, "promises": true, "proves": true,
	"seems": true, "means": true,
}

// A lexeme is what the word lists above say about one word. The tokenizer
// looks each word up once, and the parsers read these fields rather than
// probe the maps at every position they try.
type lexeme struct {
	word  string
	start *start // what may begin at the word, or nil

	month, abbrev int    // 1–12 for a month name or abbreviation
	weekday       int    // 1–7 for a day name
	weekdays      int    // 1–7 for a plural day name (mondays)
	season        string // TIMEX3 code of a season
	dayPart       string // TIMEX3 code of a part of the day
	unit          string // code of a time unit
	cardinal      int    // value of a number word below twenty, if isCardinal
	isCardinal    bool
	tens          int // 20–90 for twenty … ninety
	ordinal       int // value of an ordinal word
	decade        int // decade digit of twenties … nineties

	vagueCount, countNoun, label, yearContext, quantityCue, functionWord, verbS, timeCue bool
}

// unlisted is the lexeme of every word in no list, and of numbers and
// punctuation.
var unlisted lexeme

// lexicon holds the lexeme of every listed word and of every word an
// expression may start with.
var lexicon = func() *wordIndex {
	x := new(wordIndex)
	set := func(words map[string]bool, field func(*lexeme) *bool) {
		for w := range words {
			*field(x.add(w)) = true
		}
	}
	for w, m := range months {
		x.add(w).month = m
	}
	for w, m := range monthAbbrevs {
		x.add(w).abbrev = m
	}
	for w, d := range weekdays {
		x.add(w).weekday = d
		x.add(w + "s").weekdays = d
	}
	for w, code := range seasons {
		x.add(w).season = code
	}
	for w, code := range dayParts {
		x.add(w).dayPart = code
	}
	for w, u := range units {
		x.add(w).unit = u
	}
	for w, n := range cardinals {
		lx := x.add(w)
		lx.cardinal, lx.isCardinal = n, true
	}
	for w, n := range tens {
		x.add(w).tens = n
	}
	for w, n := range ordinals {
		x.add(w).ordinal = n
	}
	for w, d := range decadeWords {
		x.add(w).decade = d
	}
	set(vagueCounts, func(lx *lexeme) *bool { return &lx.vagueCount })
	set(countNouns, func(lx *lexeme) *bool { return &lx.countNoun })
	set(labels, func(lx *lexeme) *bool { return &lx.label })
	set(yearContext, func(lx *lexeme) *bool { return &lx.yearContext })
	set(quantityCues, func(lx *lexeme) *bool { return &lx.quantityCue })
	set(functionWords, func(lx *lexeme) *bool { return &lx.functionWord })
	set(verbS, func(lx *lexeme) *bool { return &lx.verbS })
	set(timeCue, func(lx *lexeme) *bool { return &lx.timeCue })
	for w, st := range wordStarts {
		x.add(w).start = st
	}
	return x
}()

// A wordIndex is a hash table of lexemes by their words, with open
// addressing: a word goes in the first free slot from its hash on. It
// holds a few hundred words in a table several times as large, so that
// most words of a text, which are in none of the lists, meet an empty
// slot at once; that and a hash of four letters make it cheaper than a
// map.
type wordIndex [2048]*lexeme

// hash mixes the length and the first, middle and last letters of w.
func (x *wordIndex) hash(w string) int {
	h := uint32(len(w))<<24 | uint32(w[0])<<16 | uint32(w[len(w)/2])<<8 | uint32(w[len(w)-1])
	return int(h * 0x9e3779b1 >> 21) // Fibonacci hashing: the top 11 bits
}

// find returns the lexeme of the word w, or nil.
func (x *wordIndex) find(w string) *lexeme {
	if w == "" {
		return nil
	}
	for h := x.hash(w); ; h = (h + 1) % len(x) {
		lx := x[h]
		if lx == nil || lx.word == w {
			return lx
		}
	}
}

// add returns the lexeme of w, adding it if need be.
func (x *wordIndex) add(w string) *lexeme {
	h := x.hash(w)
	for x[h] != nil {
		if x[h].word == w {
			return x[h]
		}
		h = (h + 1) % len(x)
	}
	x[h] = &lexeme{word: w}
	return x[h]
}

// ymd is a calendar date with unknown parts zero.
type ymd struct{ y, m, d int }

// validDay reports whether d is a day of month m in year y (any year when y is
// unknown).
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	if y == 0 {
		y = 2000 // a leap year, so 29 February stays possible
	}
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return d <= 29
		}
		return d <= 28
	case 4, 6, 9, 11:
		return d <= 30
	}
	return d <= 31
}

// fmtDate formats a date as TIMEX3 does, with X for an unknown year and
// stopping at the first unknown of month and day.
func fmtDate(y, m, d int) string {
	b := make([]byte, 0, len("XXXX-XX-XX"))
	if y > 0 {
		b = appendPadded(b, y, 4)
	} else {
		b = append(b, "XXXX"...)
	}
	if m != 0 {
		b = appendPadded(append(b, '-'), m, 2)
		if d != 0 {
			b = appendPadded(append(b, '-'), d, 2)
		}
	}
	return string(b)
}

// pad formats n in decimal with at least width digits, as
// fmt.Sprintf("%0*d", width, n) does, at a fraction of its cost.
func pad(n, width int) string {
	return string(appendPadded(make([]byte, 0, 8), n, width))
}

// appendPadded appends n to b as pad formats it.
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		return fmt.Appendf(b, "%0*d", width, n)
	}
	digits := 1
	for k := n; k >= 10; k /= 10 {
		digits++
	}
	for ; digits < width; digits++ {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// fmtDay formats the calendar day of t.
func fmtDay(t time.Time) string {
	return fmtDate(t.Year(), int(t.Month()), t.Day())
}

// fmtWeek formats the ISO week of t.
func fmtWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return pad(y, 4) + "-W" + pad(w, 2)
}

// duration formats n units as a TIMEX3 duration; known false gives X.
// Decades, centuries and millennia with a count are written in years
// (P10Y); without one they keep their own unit (PXDE, PXCE, PXML).
func duration(n float64, known bool, unit string) string {
	if !known {
		switch unit {
		case "H", "MIN", "S":
			return "PTX" + timeDesig(unit)
		case "F":
			return "PXW"
		}
		return "PX" + unit
	}
	switch unit {
	case "DE":
		n, unit = n*10, "Y"
	case "CE":
		n, unit = n*100, "Y"
	case "ML":
		n, unit = n*1000, "Y"
	case "F":
		n, unit = n*2, "W"
	}
	var num string
	if n == math.Trunc(n) && n >= 1 && n < 1e15 {
		num = strconv.Itoa(int(n)) // as FormatFloat writes it, much faster
	} else {
		num = strconv.FormatFloat(n, 'f', -1, 64)
	}
	switch unit {
	case "H", "MIN", "S":
		return "PT" + num + timeDesig(unit)
	}
	return "P" + num + unit
}

func timeDesig(unit string) string {
	if unit == "MIN" {
		return "M"
	}
	return unit
}

// shift returns t moved by n of unit (Y, M, W, D).
func shift(t time.Time, n int, unit string) time.Time {
	switch unit {
	case "Y":
		return t.AddDate(n, 0, 0)
	case "M":
		return time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	case "W":
		return t.AddDate(0, 0, 7*n)
	case "F":
		return t.AddDate(0, 0, 14*n)
	case "DE":
		return t.AddDate(10*n, 0, 0)
	case "CE":
		return t.AddDate(100*n, 0, 0)
	}
	return t.AddDate(0, 0, n)
}

// at formats t at the granularity of unit: a year, month, ISO week, day,
// decade or century.
func at(t time.Time, unit string) string {
	switch unit {
	case "Y":
		return pad(t.Year(), 4)
	case "M":
		return fmtDate(t.Year(), int(t.Month()), 0)
	case "W", "F":
		return fmtWeek(t)
	case "DE":
		return pad(t.Year()/10, 3)
	case "CE":
		return pad(t.Year()/100, 2)
	case "ML":
		return fmt.Sprintf("%d", t.Year()/1000)
	}
	return fmtDay(t)
}

// unknownAt is the value of a relative date at the granularity of unit
// when there is nothing to resolve it against.
func unknownAt(unit string) string {
	switch unit {
	case "Y":
		return "XXXX"
	case "M":
		return "XXXX-XX"
	case "W", "F":
		return "XXXX-WXX"
	case "DE":
		return "XXX"
	case "CE":
		return "XX"
	case "ML":
		return "X"
	}
	return "XXXX-XX-XX"
}
