package entities

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// The statistical signal is prose's maximum-entropy entity classifier
// (extract.go in prose v2, after NLTK's), with prose's trained weights, run
// in a compact structure: each (feature, value) pair is interned once into
// an id with its weights as a short list of (label, weight) pairs, and
// feature keys are built in a reused buffer and looked up without
// allocating. The features, the label decoding and the chunking into
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

// A nerModel is prose's entity classifier in compact form.
type nerModel struct {
	labels []string // B-PERSON, I-GPE, O, …
	hist   []string // each label as the history feature sees it: B, I or O
	cont   []string // each label with its first B made I, as prose's chunker wants
	feats  [numFeatures]map[string]int32
	off    []int32 // the weights of id are lab, wts[off[id]:off[id+1]]
	lab    []uint8
	wts    []float64
	basic  map[string]bool // prose's list of basic English words
	o      uint8           // the label O

	// The ids of features with few values, looked up once: the bias, the
	// word list's False and True, and by the previous label (none last)
	// prevtag and, with the shape of the previous word, shape+prevtag.
	bias         int32
	wordlist     [2]int32
	prevTag      []int32
	shape        [numShapes]int32
	shapePrevTag [numShapes + 1][]int32 // prevShape None last
}

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
func (m *nerModel) id(fi int, val string) int32 {
	if id, ok := m.feats[fi][val]; ok {
		return id
	}
	return -1
}

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

// loadNER decodes prose's classifier once per process.
var loadNER = sync.OnceValues(decodeNER)

func decodeAsset(name string, v any) error {
	b, err := prose.Asset("model/Maxent/" + name)
	if err != nil {
		return err
	}
	return gob.NewDecoder(bytes.NewReader(b)).Decode(v)
}

func decodeNER() (*nerModel, error) {
	var (
		labels  []string
		mapping map[string]int
		weights []float64
		words   []string
	)
	for _, a := range []struct {
		name string
		v    any
	}{{"labels.gob", &labels}, {"mapping.gob", &mapping}, {"weights.gob", &weights}, {"words.gob", &words}} {
		if err := decodeAsset(a.name, a.v); err != nil {
			return nil, fmt.Errorf("entities: prose's NER model, %s: %v", a.name, err)
		}
	}
	if len(labels) == 0 || len(labels) > maxLabels {
		return nil, fmt.Errorf("entities: prose's NER model has %d labels", len(labels))
	}
	m := &nerModel{labels: labels, basic: make(map[string]bool, len(words))}
	for _, w := range words {
		m.basic[w] = true
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
		return nil, fmt.Errorf("entities: prose's NER model has no label O")
	}
	// A key is name-value-label. Values and labels may contain dashes, so
	// a key is filed under every reading of it that names a known feature
	// and label: prose would find it under each.
	type entry struct {
		id    int32
		label uint8
		w     float64
	}
	byName := make(map[string]int, numFeatures)
	for i, name := range featureOrder {
		byName[name] = i
	}
	entries := make([]entry, 0, len(mapping))
	n := int32(0)
	for i := range m.feats {
		m.feats[i] = make(map[string]int32, len(mapping)/numFeatures)
	}
	for key, wi := range mapping {
		if wi < 0 || wi >= len(weights) {
			return nil, fmt.Errorf("entities: prose's NER model: weight %d of %q out of range", wi, key)
		}
		// Feature names have no dash but en-wordlist.
		d := strings.IndexByte(key, '-')
		if d < 0 {
			continue
		}
		fi, ok := byName[key[:d]]
		if strings.HasPrefix(key, "en-wordlist-") {
			fi, ok, d = fWordlist, true, len("en-wordlist")
		}
		if !ok {
			continue
		}
		for li, l := range labels {
			v := len(key) - len(l) - 1 // where the value ends
			if v <= d || key[v] != '-' || key[v+1:] != l {
				continue
			}
			val := key[d+1 : v]
			id, ok := m.feats[fi][val]
			if !ok {
				id = n
				n++
				m.feats[fi][val] = id
			}
			entries = append(entries, entry{id, uint8(li), weights[wi]})
		}
	}
	// Lay the entries out by id. A (feature, value, label) triple has one
	// key, so each label occurs once in an id's list and the order within
	// the list does not change any sum.
	m.off = make([]int32, n+1)
	for _, e := range entries {
		m.off[e.id+1]++
	}
	for i := 1; i <= int(n); i++ {
		m.off[i] += m.off[i-1]
	}
	m.lab = make([]uint8, len(entries))
	m.wts = make([]float64, len(entries))
	next := append([]int32(nil), m.off[:n]...)
	for _, e := range entries {
		k := next[e.id]
		next[e.id]++
		m.lab[k], m.wts[k] = e.label, e.w
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
func (c *classifier) add(fi int) {
	if id, ok := c.m.feats[fi][string(c.buf)]; ok {
		c.addID(id)
	}
}

// addID adds the weights of the feature with the given id, if any.
func (c *classifier) addID(id int32) {
	if id < 0 {
		return
	}
	m := c.m
	for k := m.off[id]; k < m.off[id+1]; k++ {
		c.score[m.lab[k]] += m.wts[k]
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
		if m.basic[w] {
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
// isNumeric does, without the cost of a failed parse for words that
// cannot be numbers.
func isNumeric(w string) bool {
	if w == "" {
		return false
	}
	switch c := w[0]; {
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
