package entities

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/internal/lower"
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
	same   []int    // for each label, the first label with the same hist
	cont   []string // each label with its first B made I, as prose's chunker wants
	feats  table    // (feature index, value) → id; tag numFeatures: prose's basic English words
	off    string   // uint32s: the weights of id are lab, wts[off[id]:off[id+1]]
	lab    string   // a label index a weight
	wts    string   // a little-endian float64 a weight
	o      uint8    // the label O

	// The weights of features with few values, looked up once: the bias,
	// the word list's False and True, each feature with the value None, and
	// by the previous label (none last) prevtag and, with the shape of the
	// previous word, shape+prevtag.
	bias         weights
	wordlist     [2]weights
	none         [numFeatures]weights
	prevTag      []weights
	shape        [numShapes]weights
	shapePrevTag [numShapes + 1][]weights // prevShape None last
}

// The weights of a feature with a value are lab[lo:hi] and wts[lo:hi].
type weights struct{ lo, hi uint32 }

// weights returns the weights of the feature with the given id, if any.
func (m *nerModel) weights(id int32) weights {
	if id < 0 {
		return weights{}
	}
	return weights{u32(m.off, int(id)), u32(m.off, int(id)+1)}
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

// feature returns the weights of feature fi with value val.
func (m *nerModel) feature(fi int, val string) weights { return m.weights(m.id(fi, val)) }

// basic reports whether w is in prose's list of basic English words.
func (m *nerModel) basic(w string) bool { return find(&m.feats, numFeatures, w) >= 0 }

// prepare looks up the ids of the features with few values.
func (m *nerModel) prepare() {
	m.bias = m.feature(fBias, "True")
	m.wordlist = [2]weights{m.feature(fWordlist, "False"), m.feature(fWordlist, "True")}
	for fi := range m.none {
		m.none[fi] = m.feature(fi, "None")
	}
	prev := append(append([]string(nil), m.hist...), "None")
	for _, p := range prev {
		m.prevTag = append(m.prevTag, m.feature(fPrevTag, p))
	}
	for sh := range m.shape {
		m.shape[sh] = m.feature(fShape, shapeNames[sh])
	}
	for sh, name := range shapeNames {
		for _, p := range prev {
			m.shapePrevTag[sh] = append(m.shapePrevTag[sh], m.feature(fShapePrevTag, name+"+"+p))
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
		same := slices.Index(m.hist, h)
		if same < 0 {
			same = i
		}
		m.same = append(m.same, same)
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
// The weights of the features a token's text or tag gives are looked up
// once a document: most words and every tag recur.
type classifier struct {
	m      *nerModel
	buf    []byte
	words  map[string]*wordFeatures
	free   []wordFeatures // allocated many at a time
	tags   map[string]*tagFeatures
	sent   []nerTok        // the sentence being labelled
	toks   []*wordFeatures // of its tokens, as far as looked up
	pos    []*tagFeatures  // of its tokens' tags, as far
	labels []uint8         // of its tokens, as far as labelled
	score  [maxLabels]float64
}

// wordFeatures holds the weights of the features whose values depend only
// on a token's text.
type wordFeatures struct {
	wordlist               weights // en-wordlist
	prefix3, suffix3, word weights
	lower, length          weights // word.lower, wordlen
	asNext, asPrev         weights // nextword of the token before, prevword of the token after
	shape                  uint8
}

// tagFeatures holds the weights of the features whose values depend only
// on a token's tag.
type tagFeatures struct {
	pos, asNext, asPrev weights   // pos; nextpos of the token before, prevpos of the token after
	posPrevTag          []weights // by the previous label, none last
}

// word returns the features of a token's text.
func (c *classifier) word(w string) *wordFeatures {
	if f := c.words[w]; f != nil {
		return f
	}
	if c.words == nil {
		c.words = make(map[string]*wordFeatures)
	}
	m := c.m
	if len(c.free) == 0 {
		c.free = make([]wordFeatures, 256)
	}
	f := &c.free[0]
	c.free = c.free[1:]
	*f = wordFeatures{wordlist: m.wordlist[0], shape: shape(w)}
	if m.basic(w) {
		f.wordlist = m.wordlist[1]
	}
	f.prefix3 = c.find(fPrefix3, lower.Append(c.buf[:0], w[:min(len(w), 3)]))
	f.suffix3 = c.find(fSuffix3, lower.Append(c.buf[:0], w[len(w)-min(len(w), 3):]))
	f.word = m.feature(fWord, w)
	low := lower.Append(c.buf[:0], w)
	f.lower = c.find(fWordLower, low)
	f.asNext = c.find(fNextWord, low)
	f.asPrev = c.find(fPrevWord, low)
	f.length = c.find(fWordLen, strconv.AppendInt(c.buf[:0], int64(len(w)), 10))
	c.words[w] = f
	return f
}

// tag returns the features of a token's tag.
func (c *classifier) tag(t string) *tagFeatures {
	if f := c.tags[t]; f != nil {
		return f
	}
	if c.tags == nil {
		c.tags = make(map[string]*tagFeatures)
	}
	m := c.m
	f := &tagFeatures{pos: m.feature(fPOS, t), asPrev: m.feature(fPrevPOS, t)}
	f.asNext = c.find(fNextPOS, lower.Append(c.buf[:0], t))
	for l, p := range m.hist {
		if m.same[l] < l {
			f.posPrevTag = append(f.posPrevTag, f.posPrevTag[m.same[l]]) // labels share a hist: B, I or O
			continue
		}
		f.posPrevTag = append(f.posPrevTag, c.find(fPOSPrevTag, append(append(append(c.buf[:0], t...), '+'), p...)))
	}
	f.posPrevTag = append(f.posPrevTag, c.find(fPOSPrevTag, append(append(c.buf[:0], t...), "+None"...)))
	c.tags[t] = f
	return f
}

// find returns the weights of feature fi with value b, keeping b as c.buf
// so that its memory is reused.
func (c *classifier) find(fi int, b []byte) weights {
	c.buf = b
	return c.m.weights(find(&c.m.feats, uint32(fi), b))
}

// add adds weights to the labels' scores.
func (c *classifier) add(w weights) {
	m := c.m
	for k := w.lo; k < w.hi; k++ {
		c.score[m.lab[k]] += math.Float64frombits(u64(m.wts, int(k)))
	}
}

// classify labels the tokens of one sentence, as prose's classify does,
// and returns the labels' indices, valid until the next call.
func (c *classifier) classify(toks []nerTok) []uint8 {
	c.begin(toks)
	for range toks {
		c.next()
	}
	return c.labels
}

// begin starts on a sentence, to be labelled a token at a time by next.
func (c *classifier) begin(toks []nerTok) {
	c.sent = toks
	c.toks = c.toks[:0]
	c.pos = c.pos[:0]
	c.labels = c.labels[:0]
}

// next labels the sentence's next token, appending its label to
// c.labels. The weights are added up in prose's order of features, so
// that the sums are the same to the last bit.
func (c *classifier) next() {
	m, toks, i := c.m, c.sent, len(c.labels)
	for len(c.toks) < min(i+2, len(toks)) { // this token and the next
		t := toks[len(c.toks)]
		c.toks = append(c.toks, c.word(t.text))
		c.pos = append(c.pos, c.tag(t.tag))
	}
	clear(c.score[:len(m.labels)])
	w, tag := c.toks[i], c.pos[i]
	prevLabel := len(m.labels) // none
	prevShape := numShapes     // none
	if i > 0 {
		prevLabel = int(c.labels[i-1])
	}
	if i > 1 {
		prevShape = int(c.toks[i-1].shape)
	}
	last := i == len(toks)-1

	c.add(m.bias)
	c.add(w.wordlist)
	if last {
		c.add(m.none[fNextPOS])
		c.add(m.none[fNextWord])
	} else {
		c.add(c.pos[i+1].asNext)
		c.add(c.toks[i+1].asNext)
	}
	c.add(tag.pos)
	c.add(tag.posPrevTag[prevLabel])
	c.add(w.prefix3)
	if i > 0 {
		c.add(c.pos[i-1].asPrev)
	} else {
		c.add(m.none[fPrevPOS])
	}
	c.add(m.prevTag[prevLabel])
	if i > 0 {
		c.add(c.toks[i-1].asPrev)
	} else {
		c.add(m.none[fPrevWord])
	}
	c.add(m.shape[w.shape])
	c.add(m.shapePrevTag[prevShape][prevLabel])
	c.add(w.suffix3)
	c.add(w.word)
	b := append(lower.Append(c.buf[:0], toks[i].text), '+')
	if last {
		b = append(b, "None"...)
	} else {
		b = lower.Append(b, toks[i+1].tag)
	}
	c.add(c.find(fWordNextPOS, b))
	c.add(w.lower)
	c.add(w.length)

	best, max := m.o, math.Inf(-1)
	for l := range m.labels {
		if c.score[l] > max {
			best, max = uint8(l), c.score[l]
		}
	}
	c.labels = append(c.labels, best)
}

// chunk groups labelled tokens into entities as prose's chunker does,
// quirks included: a token joins the entity before it when it has the same
// tag, or is a number after a labelled token, and an entity still open at
// the end of the sentence is dropped.
func (m *nerModel) chunk(toks []nerTok, labels []uint8, out []nerSpan) []nerSpan {
	ch := chunker{m: m, start: -1}
	for k := range toks {
		out = ch.add(toks, labels, k, out)
	}
	return out
}

// A chunker is chunk's state between tokens.
type chunker struct {
	m     *nerModel
	end   string // the label that continues the open entity, or ""
	start int    // the open entity's first token, or -1
}

// add takes the labelled token toks[k] and appends the entity it closes,
// if any, to out.
func (ch *chunker) add(toks []nerTok, labels []uint8, k int, out []nerSpan) []nerSpan {
	m := ch.m
	label := m.labels[labels[k]]
	inside := ch.start >= 0
	switch t := toks[k]; {
	case label != "O" && label != ch.end,
		inside && t.tag == toks[k-1].tag,
		inside && t.tag == "CD" && labels[k-1] != m.o:
		if !inside {
			ch.start = k
		}
		ch.end = m.cont[labels[k]]
	case label == "O" && ch.end != "" || label == ch.end:
		last := k - 1
		if label != "O" {
			last = k
		}
		out = append(out, nerSpan{ch.start, last, m.kind(labels[ch.start : last+1])})
		ch.end, ch.start = "", -1
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
