package quantities

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/internal/lower"
)

var (
	small = map[string]float64{"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
	tens  = map[string]float64{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
	scale = map[string]float64{"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
	// Scales written after digits: "3.5bn", "€40m".
	abbrScale = map[string]float64{"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "tn": 1e12, "trn": 1e12, "k": 1e3}
	// Denominators of fractions: "three quarters", "two-thirds".
	denominators = map[string]float64{"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
)

// number parses a number starting at token i.
func (s *scan) number(i int) (value, bool) {
	if i >= len(s.toks) {
		return value{}, false
	}
	if s.toks[i].kind == 'n' {
		return s.digits(i)
	}
	if s.toks[i].kind == 'w' {
		return s.words(i)
	}
	return value{}, false
}

// digits parses "3000", "3,000", "14 799", "3.5", optionally scaled:
// "20 million", "3.5bn".
func (s *scan) digits(i int) (value, bool) {
	raw := s.str(i)
	if strings.Count(raw, ".") > 1 {
		return value{}, false
	}
	if strings.Contains(raw, ",") {
		parts := strings.Split(strings.SplitN(raw, ".", 2)[0], ",")
		if len(parts[0]) > 3 {
			return value{}, false
		}
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return value{}, false
			}
		}
		raw = strings.ReplaceAll(raw, ",", "")
	}
	j := i + 1
	// Thousands grouped by a space, a no-break space or a narrow no-break
	// space: "14 799".
	if len(raw) <= 3 {
		for j < len(s.toks) && s.toks[j].kind == 'n' && len(s.str(j)) == 3 && groupSep(s.text[s.toks[j-1].end:s.toks[j].start]) {
			raw += s.str(j)
			j++
		}
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return value{}, false
	}
	out := value{v: v, i: i, j: j}
	out.year = j == i+1 && len(raw) == 4 && v >= 1000 && v <= 2100
	if m, k := s.multiplier(j); m > 0 {
		out.v, out.mult, out.j, out.year, out.scale = v*m, true, k, false, m
	}
	return out, true
}

func groupSep(sep string) bool {
	return sep == " " || sep == "\u00a0" || sep == "\u202f"
}

// multiplier matches a scale word at token j ("million", or "bn" glued to
// the digits) and returns its factor and the token after it.
func (s *scan) multiplier(j int) (float64, int) {
	var buf [32]byte
	w := lower.Append(buf[:0], s.str(j))
	if m, ok := scale[string(w)]; ok && j < len(s.toks) && s.toks[j].space {
		return m, j + 1
	}
	if m, ok := abbrScale[string(w)]; ok && j > 0 && s.glued(j) && s.toks[j-1].kind == 'n' {
		if string(w) == "m" || string(w) == "k" || string(w) == "b" {
			// "5m" is five metres unless money is being counted.
			if !s.money(j) {
				return 0, j
			}
		}
		return m, j + 1
	}
	return 0, j
}

// money reports whether the number before token j has a currency symbol.
func (s *scan) money(j int) bool {
	k := j - 1
	for k > 0 && s.toks[k].kind == 'n' {
		k--
	}
	_, ok := symbols()[s.str(k)]
	return ok
}

// words parses a number written in words: "nine", "twenty-five",
// "two hundred and fifty", "500 thousand" is digits; "a dozen", "three
// quarters", "half".
func (s *scan) words(i int) (value, bool) {
	w := s.lower(i)
	if w == "a" || w == "an" {
		n := s.lower(i + 1)
		switch {
		case n == "dozen":
			return value{v: 12, i: i, j: i + 2, words: true, mult: true}, true
		case scale[n] > 0:
			v := value{v: scale[n], i: i, j: i + 2, words: true, mult: scale[n] >= 1e6}
			return v, true
		case denominators[n] > 0 && !strings.HasSuffix(n, "s"):
			return value{v: 1 / denominators[n], i: i, j: i + 2, words: true, fraction: true}, true
		}
		return value{}, false
	}
	if w == "half" {
		return value{v: 0.5, i: i, j: i + 1, words: true, fraction: true}, true
	}
	total, cur := 0.0, 0.0
	seen, mult := false, false
	j := i
	for ; j < len(s.toks); j++ {
		w := s.lower(j)
		if n, ok := compound(w); ok {
			cur += n
			seen = true
			continue
		}
		if num, den, ok := fraction(w); ok && !seen {
			return value{v: num / den, i: i, j: j + 1, words: true, fraction: true}, true
		}
		if seen && denominators[w] > 0 && cur > 0 && cur < 10 && total == 0 && w != "half" && w != "third" && w != "quarter" {
			return value{v: cur / denominators[w], i: i, j: j + 1, words: true, fraction: true}, true
		}
		switch {
		case w == "hundred" && seen:
			if cur == 0 {
				cur = 1
			}
			cur *= 100
		case scale[w] > 0 && seen:
			total += cur * scale[w]
			cur = 0
			mult = mult || scale[w] >= 1e6
		case w == "and" && seen && s.isNumberWord(j+1):
		default:
			if !seen {
				return value{}, false
			}
			return value{v: total + cur, i: i, j: j, words: true, mult: mult}, true
		}
	}
	if !seen {
		return value{}, false
	}
	return value{v: total + cur, i: i, j: j, words: true, mult: mult}, true
}

func (s *scan) isNumberWord(j int) bool {
	_, ok := compound(s.lower(j))
	return ok
}

// compound returns the value of "seven", "forty" or "forty-two".
func compound(w string) (float64, bool) {
	if n, ok := small[w]; ok {
		return n, true
	}
	if n, ok := tens[w]; ok {
		return n, true
	}
	t, u, ok := strings.Cut(w, "-")
	if !ok {
		return 0, false
	}
	nt, ok1 := tens[t]
	nu, ok2 := small[u]
	if ok1 && ok2 && nu > 0 && nu < 10 {
		return nt + nu, true
	}
	return 0, false
}

// fraction returns the value of "two-thirds" or "three-quarters".
func fraction(w string) (num, den float64, ok bool) {
	a, b, ok := strings.Cut(w, "-")
	if !ok {
		return 0, 0, false
	}
	n, ok1 := small[a]
	if a == "a" || a == "one" {
		n, ok1 = 1, true
	}
	d, ok2 := denominators[b]
	if !ok1 || !ok2 || n == 0 || n >= d {
		return 0, 0, false
	}
	return n, d, true
}

// unit matches a unit of the table at token j (after a hyphen, as in
// "5-year", or glued, as in "5km") and returns its symbol and the token
// after it.
func (s *scan) unit(j int) (string, int) {
	if j >= len(s.toks) {
		return "", j
	}
	if s.str(j) == "-" && s.glued(j) && s.glued(j+1) {
		j++
		if j >= len(s.toks) {
			return "", j
		}
	}
	u, end := matchTable(s.text, s.toks[j].start, units().forms)
	// An "s" glued to a number makes a plural ("the 1990s"), not seconds.
	if u == "" || u == "s" && s.glued(j) && end-s.toks[j].start == 1 {
		return "", j
	}
	return u, s.tokAt(end, j)
}

// tokAt returns the index of the first token at or after byte end,
// searching from token j.
func (s *scan) tokAt(end, j int) int {
	for j < len(s.toks) && s.toks[j].start < end {
		j++
	}
	return j
}

// matchTable returns the entry of the table written at byte p of text,
// the longest first, and the byte after it. A space in a form matches any
// run of white space; names match in any case, symbols exactly.
func matchTable(text string, p int, table *formTable) (string, int) {
	for _, f := range table.at(text, p) {
		if e, ok := matchForm(text, p, f); ok {
			return f.unit, e
		}
	}
	return "", p
}

func matchForm(text string, p int, f form) (int, bool) {
	i := p
	for k := 0; k < len(f.text); {
		if f.text[k] == ' ' {
			n := 0
			for i < len(text) && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t') {
				i++
				n++
			}
			if n == 0 {
				return 0, false
			}
			k++
			continue
		}
		r, n := utf8.DecodeRuneInString(f.text[k:])
		if i >= len(text) {
			return 0, false
		}
		tr, tn := utf8.DecodeRuneInString(text[i:])
		if tr != r && !(f.name && unicode.ToLower(tr) == r) {
			return 0, false
		}
		i += tn
		k += n
	}
	if i < len(text) {
		r, _ := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return 0, false
		}
	}
	return i, true
}

// per matches a time rate after a unit at token k: "per year", "a
// day", "/h", "annually".
func (s *scan) per(k int) (string, int) {
	w := s.lower(k)
	switch {
	case w == "annually" || w == "yearly":
		return "year", k + 1
	case w == "per" || w == "a" || w == "an" || w == "each" || w == "every" || w == "/" && s.glued(k):
		if k+1 >= len(s.toks) {
			return "", k
		}
		u, end := matchTable(s.text, s.toks[k+1].start, units().forms)
		if units().time[u] {
			return u, s.tokAt(end, k+1)
		}
	}
	return "", k
}

// currencyPrefix matches a currency symbol or ISO 4217 code before a
// number at token i ("$", "US$", "€", "USD").
func (s *scan) currencyPrefix(i int) (string, int) {
	if c, ok := symbols()[s.str(i)]; ok {
		return c, i + 1
	}
	if s.glued(i + 1) {
		if c, ok := symbols()[s.str(i)+s.str(i+1)]; ok {
			return c, i + 2
		}
	}
	if w := s.str(i); len(w) == 3 && codes()[w] && i+1 < len(s.toks) && s.toks[i+1].kind == 'n' {
		return w, i + 1
	}
	return "", i
}

// currencyWord matches an ISO 4217 code or a currency name after a
// number at token j ("USD", "dollars", "pounds sterling").
func (s *scan) currencyWord(j int) (string, int) {
	if j >= len(s.toks) {
		return "", j
	}
	if w := s.str(j); len(w) == 3 && codes()[w] {
		return w, j + 1
	}
	c, end := matchTable(s.text, s.toks[j].start, currencyNames())
	if c == "" {
		return "", j
	}
	return c, s.tokAt(end, j)
}
