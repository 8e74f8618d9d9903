package entities

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The statistical signal is prose's maximum-entropy entity classifier
// (extract.go in prose v2, after NLTK's), with prose's trained weights, run
// in a compact structure stored in data/ner.bin: each (feature, value) pair
// has an id, found with a hash table in the file, and its weights are a
// short list of (label, weight) pairs; feature keys are built in a reused
// buffer and looked up without allocating. The features, the label decoding and the chunking into
// entities follow prose exactly, but the classifier reads our tokens and
// part-of-speech tags instead of re-tokenizing and re-tagging, and a tie
// between labels goes to the first in the model's label order (prose
// iterates a map).

// featureOrder is prose's list of feature names, in the order prose adds
// up their weights.
var featureOrder = [...]string{
	"bias", "en-wordlist", "nextpos", "nextword", "pos", "pos+prevtag",
	"prefix3", "prevpos", "prevtag", "prevword", "shape", "shape+prevtag",
	"suffix3", "word", "word+nextpos", "word.lower", "wordlen"}

// Indices into featureOrder.
const (
	fBias = iota
	fWordlist
	fNextPOS
	fNextWord
	fPOS
	fPOSPrevTag
	fPrefix3
	fPrevPOS
	fPrevTag
	fPrevWord
	fShape
	fShapePrevTag
	fSuffix3
	fWord
	fWordNextPOS
	fWordLower
	fWordLen
	numFeatures
)

const maxLabels = 64

// A nerModel is prose's entity classifier in compact form, indexing into
// the blob data/ner.bin (see table.go and nerdata_test.go, which makes it
// from prose's model).
type nerModel struct {
	labels []string // B-PERSON, I-GPE, O, …
	hist   []string // each label as the history feature sees it: B, I or O
	cont   []string // each label with its first B made I, as prose's chunker wants
	feats  table    // (feature index, value) → id; tag numFeatures: prose's basic English words
	off    string   // uint32s: the weights of id are lab, wts[off[id]:off[id+1]]
	lab    string   // a label index a weight
	wts    string   // a little-endian float64 a weight
	o      uint8    // the label O

	// The ids of features with few values, looked up once: the bias, the
	// word list's False and True, and by the previous label (none last)
	// prevtag and, with the shape of the previous word, shape+prevtag.
	bias         int32
	wordlist     [2]int32
	prevTag      []int32
	shape        [numShapes]int32
	shapePrevTag [numShapes + 1][]int32 // prevShape None last
}

// nerMagic starts data/ner.bin.
const nerMagic = "gloss NER model 1\n"

//go:embed data/ner.bin
var nerData string

// Word shapes, as prose names them.
const (
	shapeNumber = iota
	shapePunct
	shapeDowncase
	shapeUpcase
	shapeMixedcase
	shapeOther
	numShapes
)

var shapeNames = [numShapes + 1]string{"number", "punct", "downcase", "upcase", "mixedcase", "other", "None"}

// id returns the id of feature fi with value val, or -1.
func (m *nerModel) id(fi int, val string) int32 { return find(&m.feats, uint32(fi), val) }

// basic reports whether w is in prose's list of basic English words.
func (m *nerModel) basic(w string) bool { return find(&m.feats, numFeatures, w) >= 0 }

// prepare looks up the ids of the features with few values.
func (m *nerModel) prepare() {
	m.bias = m.id(fBias, "True")
	m.wordlist = [2]int32{m.id(fWordlist, "False"), m.id(fWordlist, "True")}
	prev := append(append([]string(nil), m.hist...), "None")
	for _, p := range prev {
		m.prevTag = append(m.prevTag, m.id(fPrevTag, p))
	}
	for sh := range m.shape {
		m.shape[sh] = m.id(fShape, shapeNames[sh])
	}
	for sh, name := range shapeNames {
		for _, p := range prev {
			m.shapePrevTag[sh] = append(m.shapePrevTag[sh], m.id(fShapePrevTag, name+"+"+p))
		}
	}
}

// loadNER reads the classifier once per process.
var loadNER = sync.OnceValues(func() (*nerModel, error) { return readNER(nerData) })

// readNER indexes a blob written by writeNER.
func readNER(data string) (*nerModel, error) {
	r := newBlobReader(data, nerMagic)
	labels := strings.Split(r.section(), "\n")
	m := &nerModel{labels: labels, feats: r.table()}
	n := m.feats.len()
	m.off = r.uint32s(n + 1)
	m.lab = r.section()
	m.wts = r.section()
	if err := r.done(); err != nil {
		return nil, fmt.Errorf("entities: data/ner.bin: %w", err)
	}
	if len(labels) == 0 || len(labels) > maxLabels || len(m.wts) != 8*len(m.lab) || int(u32(m.off, n)) != len(m.lab) {
		return nil, fmt.Errorf("entities: data/ner.bin: %w", errBlob)
	}
	for k := 0; k < len(m.lab); k++ {
		if int(m.lab[k]) >= len(labels) {
			return nil, fmt.Errorf("entities: data/ner.bin: %w", errBlob)
		}
	}
	m.o = 255
	for i, l := range labels {
		if l == "O" {
			m.o = uint8(i)
		}
		h := strings.Split(l, "-")[0] // prose's simplePOS
		if strings.HasPrefix(l, "V") {
			h = "v"
		}
		m.hist = append(m.hist, h)
		m.cont = append(m.cont, strings.Replace(l, "B", "I", 1))
	}
	if m.o == 255 {
		return nil, fmt.Errorf("entities: data/ner.bin has no label O")
	}
	m.prepare()
	return m, nil
}

// A nerTok is a token as the classifier sees it: its text with curly
// quotes made straight, as prose's tokenizer makes them, and its tag.
type nerTok struct {
	text, tag  string
	start, end int // the token's bytes in the document
}

// straight maps curly quotes to straight ones, as prose's tokenizer does.
var straight = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'")

// newNERTok returns the classifier's view of a token.
func newNERTok(text, tag string, start, end int) nerTok {
	if strings.Contains(text, "\u2019") || strings.Contains(text, "\u2018") ||
		strings.Contains(text, "\u201c") || strings.Contains(text, "\u201d") {
		switch text {
		case "\u2019", "\u2018":
			text = "'"
		case "\u201c", "\u201d":
			text = `"`
		default:
			text = straight.Replace(text)
		}
	}
	return nerTok{text: text, tag: tag, start: start, end: end}
}

// A nerSpan is an entity found by the classifier: tokens [i, j] and its
// type, PERSON, GPE, ORGANIZATION and so on.
type nerSpan struct {
	i, j int
	kind string
}

// A classifier labels the sentences of one document; it reuses its
// buffers from sentence to sentence and is not shared between goroutines.
type classifier struct {
	m      *nerModel
	buf    []byte
	shapes []uint8
	labels []uint8
	score  [maxLabels]float64
}

// add adds the weights of feature fi with the value in c.buf.
func (c *classifier) add(fi int) { c.addID(find(&c.m.feats, uint32(fi), c.buf)) }

// addID adds the weights of the feature with the given id, if any.
func (c *classifier) addID(id int32) {
	if id < 0 {
		return
	}
	m := c.m
	for k := int(u32(m.off, int(id))); k < int(u32(m.off, int(id)+1)); k++ {
		c.score[m.lab[k]] += math.Float64frombits(u64(m.wts, k))
	}
}

// addString adds the weights of feature fi with value s.
func (c *classifier) addString(fi int, s string) {
	c.buf = append(c.buf[:0], s...)
	c.add(fi)
}

// classify labels the tokens of one sentence, as prose's classify does,
// and returns the labels' indices, valid until the next call.
func (c *classifier) classify(toks []nerTok) []uint8 {
	m := c.m
	c.labels = c.labels[:0]
	c.shapes = c.shapes[:0]
	for _, t := range toks {
		c.shapes = append(c.shapes, shape(t.text))
	}
	for i, t := range toks {
		clear(c.score[:len(m.labels)])
		w := t.text
		prevTag, prevWord, prevPOS, prevShape := "None", "", "None", numShapes
		prevLabel := len(m.labels) // none
		if i > 0 {
			prevLabel = int(c.labels[i-1])
			prevTag = m.hist[prevLabel]
			prevWord = toks[i-1].text
			prevPOS = toks[i-1].tag
		}
		if i > 1 {
			prevShape = int(c.shapes[i-1])
		}
		last := i == len(toks)-1

		c.addID(m.bias)
		if m.basic(w) {
			c.addID(m.wordlist[1])
		} else {
			c.addID(m.wordlist[0])
		}
		if last {
			c.addString(fNextPOS, "None")
			c.addString(fNextWord, "None")
		} else {
			c.buf = appendLower(c.buf[:0], toks[i+1].tag)
			c.add(fNextPOS)
			c.buf = appendLower(c.buf[:0], toks[i+1].text)
			c.add(fNextWord)
		}
		c.addString(fPOS, t.tag)
		c.buf = append(append(append(c.buf[:0], t.tag...), '+'), prevTag...)
		c.add(fPOSPrevTag)
		c.buf = appendLower(c.buf[:0], w[:min(len(w), 3)])
		c.add(fPrefix3)
		c.addString(fPrevPOS, prevPOS)
		c.addID(m.prevTag[prevLabel])
		if i > 0 {
			c.buf = appendLower(c.buf[:0], prevWord)
			c.add(fPrevWord)
		} else {
			c.addString(fPrevWord, "None")
		}
		c.addID(m.shape[c.shapes[i]])
		c.addID(m.shapePrevTag[prevShape][prevLabel])
		c.buf = appendLower(c.buf[:0], w[len(w)-min(len(w), 3):])
		c.add(fSuffix3)
		c.addString(fWord, w)
		c.buf = appendLower(c.buf[:0], w)
		c.buf = append(c.buf, '+')
		if last {
			c.buf = append(c.buf, "None"...)
		} else {
			c.buf = appendLower(c.buf, toks[i+1].tag)
		}
		c.add(fWordNextPOS)
		c.buf = appendLower(c.buf[:0], w)
		c.add(fWordLower)
		c.buf = strconv.AppendInt(c.buf[:0], int64(len(w)), 10)
		c.add(fWordLen)

		best, max := m.o, math.Inf(-1)
		for l := range m.labels {
			if c.score[l] > max {
				best, max = uint8(l), c.score[l]
			}
		}
		c.labels = append(c.labels, best)
	}
	return c.labels
}

// chunk groups labelled tokens into entities as prose's chunker does,
// quirks included: a token joins the entity before it when it has the same
// tag, or is a number after a labelled token, and an entity still open at
// the end of the sentence is dropped.
func (m *nerModel) chunk(toks []nerTok, labels []uint8, out []nerSpan) []nerSpan {
	end := ""
	start := -1
	for k, t := range toks {
		label := m.labels[labels[k]]
		inside := start >= 0
		switch {
		case label != "O" && label != end,
			inside && t.tag == toks[k-1].tag,
			inside && t.tag == "CD" && labels[k-1] != m.o:
			if !inside {
				start = k
			}
			end = m.cont[labels[k]]
		case label == "O" && end != "" || label == end:
			last := k - 1
			if label != "O" {
				last = k
			}
			out = append(out, nerSpan{start, last, m.kind(labels[start : last+1])})
			end, start = "", -1
		}
	}
	return out
}

// kind returns an entity's type from its tokens' labels, as prose's
// parseEntities does: PERSON for two tokens one of which is B-PERSON, else
// the type of the first token's label.
func (m *nerModel) kind(labels []uint8) string {
	if len(labels) == 2 && (m.labels[labels[0]] == "B-PERSON" || m.labels[labels[1]] == "B-PERSON") {
		return "PERSON"
	}
	l := m.labels[labels[0]]
	_, t, ok := strings.Cut(l, "-")
	if !ok {
		return l
	}
	t, _, _ = strings.Cut(t, "-")
	return t
}

// shape returns prose's shape of a word: number, punct, downcase, upcase,
// mixedcase or other.
func shape(w string) uint8 {
	if isNumeric(w) {
		return shapeNumber
	}
	if w == "" {
		return shapeOther
	}
	// prose asks whether the word ends in a non-word character (\W+$,
	// ASCII \w, an invalid byte counting as U+FFFD).
	r, _ := utf8.DecodeLastRuneInString(w)
	if !(r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_')) {
		return shapePunct
	}
	switch {
	case isLower(w):
		return shapeDowncase
	case isTitle(w):
		return shapeUpcase
	}
	return shapeMixedcase
}

// isNumeric reports whether strconv.ParseFloat accepts w, as prose's
// isNumeric does, without the cost of a failed parse (its error is
// allocated) for words that cannot be numbers: a number has a digit,
// unless it is an infinity or NaN.
func isNumeric(w string) bool {
	if w == "" {
		return false
	}
	switch c := w[0]; {
	case !strings.ContainsAny(w, "0123456789"):
		if c == '+' || c == '-' {
			w = w[1:]
		} else if strings.EqualFold(w, "nan") {
			return true
		}
		return strings.EqualFold(w, "inf") || strings.EqualFold(w, "infinity")
	case c >= '0' && c <= '9', c == '.', c == '+', c == '-', c == 'i', c == 'I', c == 'n', c == 'N':
		_, err := strconv.ParseFloat(w, 64)
		return err == nil
	}
	return false
}

// isLower reports whether strings.ToLower(w) == w; strings.ToLower
// changes an invalid byte to U+FFFD.
func isLower(w string) bool {
	if !utf8.ValidString(w) {
		return false
	}
	for _, r := range w {
		if unicode.ToLower(r) != r {
			return false
		}
	}
	return true
}

// isTitle reports whether strings.Title(w) == w: strings.Title makes the
// first letter after each separator title case.
func isTitle(w string) bool {
	if !utf8.ValidString(w) {
		return false
	}
	prev := ' '
	for _, r := range w {
		if isSeparator(prev) && unicode.ToTitle(r) != r {
			return false
		}
		prev = r
	}
	return true
}

// isSeparator is the word boundary of strings.Title.
func isSeparator(r rune) bool {
	if r <= 0x7F {
		switch {
		case '0' <= r && r <= '9', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', r == '_':
			return false
		}
		return true
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return false
	}
	return unicode.IsSpace(r)
}

// appendLower appends strings.ToLower(s) to b.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r)) // an invalid byte becomes U+FFFD, as in strings.ToLower
		i += n
	}
	return b
}
