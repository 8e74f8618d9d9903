package tokens

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"github.com/mingrammer/commonregex"
)

// The tagger is prose's averaged perceptron (a port of TextBlob's, trained
// on the Penn Treebank), with prose's trained weights, run in a faster
// structure: feature strings are interned once into integer ids, each with
// its weights as a short list of (class, weight) pairs; feature keys are
// built in a reused buffer and looked up without allocating. The tagging
// follows prose's tag.go exactly, except that a tie between classes goes
// to the first in the model's class order (prose iterates a map).

// A model is prose's perceptron in compact form.
type model struct {
	classes []string
	tagMap  map[string]string // unambiguous words and their tag
	feats   map[string]int32  // feature key -> id
	off     []int32           // weights of feature id are [off[id], off[id+1])
	cls     []uint8
	wts     []float64
}

// loadModel decodes prose's model once per process.
var loadModel = sync.OnceValue(func() *model {
	m, err := decodeModel()
	if err != nil {
		panic(fmt.Sprintf("tokens: prose's tagger model: %v", err))
	}
	return m
})

func decode(name string, v any) error {
	b, err := prose.Asset("model/AveragedPerceptron/" + name)
	if err != nil {
		return err
	}
	return gob.NewDecoder(bytes.NewReader(b)).Decode(v)
}

func decodeModel() (*model, error) {
	var (
		classes []string
		tags    map[string]string
		weights map[string]map[string]float64
	)
	if err := decode("classes.gob", &classes); err != nil {
		return nil, err
	}
	if err := decode("tags.gob", &tags); err != nil {
		return nil, err
	}
	if err := decode("weights.gob", &weights); err != nil {
		return nil, err
	}
	if len(classes) > maxClasses {
		return nil, fmt.Errorf("%d classes, at most %d supported", len(classes), maxClasses)
	}
	index := make(map[string]uint8, len(classes))
	for i, c := range classes {
		index[c] = uint8(i)
	}
	m := &model{
		classes: classes,
		tagMap:  tags,
		feats:   make(map[string]int32, len(weights)),
		off:     make([]int32, 0, len(weights)+1),
	}
	n := 0
	for _, w := range weights {
		n += len(w)
	}
	m.cls = make([]uint8, 0, n)
	m.wts = make([]float64, 0, n)
	for feat, w := range weights {
		m.feats[feat] = int32(len(m.off))
		m.off = append(m.off, int32(len(m.cls)))
		for _, c := range classes { // class order, for determinism
			if v, ok := w[c]; ok {
				m.cls = append(m.cls, index[c])
				m.wts = append(m.wts, v)
			}
		}
	}
	m.off = append(m.off, int32(len(m.cls)))
	return m, nil
}

const maxClasses = 64

// A tagger tags the sentences of one document; it reuses its buffers from
// sentence to sentence and is not shared between goroutines.
type tagger struct {
	m     *model
	norm  []byte   // normalized words, back to back
	ctx   [][2]int // spans of norm: 2 start pads, the words, 2 end pads
	buf   []byte   // feature key under construction
	score [maxClasses]float64
	seen  [maxClasses]bool
}

var pads = [...]string{"-START-", "-START2-", "-END-", "-END2-"}

// tag sets tags[i] to the Penn Treebank tag of words[i], the words of one
// sentence as the tagger should see them (see taggerWord).
func (t *tagger) tag(words []string, tags []string) {
	t.norm = t.norm[:0]
	t.ctx = t.ctx[:0]
	addPad := func(s string) {
		t.ctx = append(t.ctx, [2]int{len(t.norm), len(t.norm) + len(s)})
		t.norm = append(t.norm, s...)
	}
	addPad(pads[0])
	addPad(pads[1])
	for _, w := range words {
		a := len(t.norm)
		t.norm = appendNormal(t.norm, w)
		t.ctx = append(t.ctx, [2]int{a, len(t.norm)})
	}
	addPad(pads[2])
	addPad(pads[3])
	p1, p2 := pads[0], pads[1]
	for i, w := range words {
		var tag string
		switch {
		case w == "-":
			tag = "-"
		case emoticons[w]:
			tag = "SYM"
		case isLinkOrEmail(w):
			tag = "NN"
		case isNone(w):
			tag = "-NONE-"
		case isKeep(w):
			tag = w
		default:
			var ok bool
			if tag, ok = t.m.tagMap[w]; !ok {
				tag = t.predict(i, w, p1, p2)
			}
		}
		tags[i] = tag
		p2, p1 = p1, tag
	}
}

func (t *tagger) word(k int) []byte { return t.norm[t.ctx[k][0]:t.ctx[k][1]] }

func suffix(b []byte) []byte { return b[len(b)-min(len(b), 3):] }

// predict scores prose's features for the i'th word w.
func (t *tagger) predict(i int, w, p1, p2 string) string {
	clear(t.score[:])
	clear(t.seen[:])
	k := i + 2
	b := t.buf[:0]
	b = append(b, "bias"...)
	t.add(b)
	b = append(append(b[:0], "i suffix "...), w[len(w)-min(len(w), 3):]...)
	t.add(b)
	b = utf8.AppendRune(append(b[:0], "i pref1 "...), rune(w[0])) // prose's string(w[0])
	t.add(b)
	b = append(append(b[:0], "i-1 tag "...), p1...)
	t.add(b)
	b = append(append(b[:0], "i-2 tag "...), p2...)
	t.add(b)
	b = append(append(append(append(b[:0], "i tag+i-2 tag "...), p1...), ' '), p2...)
	t.add(b)
	b = append(append(b[:0], "i word "...), t.word(k)...)
	t.add(b)
	b = append(append(append(append(b[:0], "i-1 tag+i word "...), p1...), ' '), t.word(k)...)
	t.add(b)
	b = append(append(b[:0], "i-1 word "...), t.word(k-1)...)
	t.add(b)
	b = append(append(b[:0], "i-1 suffix "...), suffix(t.word(k-1))...)
	t.add(b)
	b = append(append(b[:0], "i-2 word "...), t.word(k-2)...)
	t.add(b)
	b = append(append(b[:0], "i+1 word "...), t.word(k+1)...)
	t.add(b)
	b = append(append(b[:0], "i+1 suffix "...), suffix(t.word(k+1))...)
	t.add(b)
	b = append(append(b[:0], "i+2 word "...), t.word(k+2)...)
	t.add(b)
	t.buf = b
	best, bestScore := -1, 0.0
	for c := range t.m.classes {
		if t.seen[c] && (best < 0 || t.score[c] > bestScore) {
			best, bestScore = c, t.score[c]
		}
	}
	if best < 0 {
		return ""
	}
	return t.m.classes[best]
}

// add adds the weights of the feature with key b, if the model has it.
func (t *tagger) add(b []byte) {
	id, ok := t.m.feats[string(b)]
	if !ok {
		return
	}
	for j := t.m.off[id]; j < t.m.off[id+1]; j++ {
		c := t.m.cls[j]
		t.score[c] += t.m.wts[j]
		t.seen[c] = true
	}
}

// appendNormal appends prose's normalize(w): "!HYPHEN" for a hyphenated
// word, "!YEAR" for a four-character integer, "!DIGITS" for a word that
// starts with a digit, otherwise w in lower case.
func appendNormal(b []byte, w string) []byte {
	switch {
	case w == "":
		return b
	case strings.IndexByte(w, '-') >= 0 && w[0] != '-':
		return append(b, "!HYPHEN"...)
	case len(w) == 4 && isAtoi(w):
		return append(b, "!YEAR"...)
	case w[0] >= '0' && w[0] <= '9':
		return append(b, "!DIGITS"...)
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// isAtoi reports whether strconv.Atoi accepts s (short s: no overflow).
func isAtoi(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isLinkOrEmail is prose's test for a link, an email address or a handle,
// with cheap checks before its regular expressions: a link match needs a
// full stop after the first byte and four bytes, an email an "@".
func isLinkOrEmail(w string) bool {
	if strings.HasPrefix(w, "@") {
		return true
	}
	if len(w) >= 4 && strings.IndexByte(w[1:], '.') >= 0 && commonregex.LinkRegex.MatchString(w) {
		return true
	}
	return strings.IndexByte(w, '@') >= 0 && commonregex.EmailRegex.MatchString(w)
}

// isNone matches prose's `^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`,
// the empty elements of the Penn Treebank.
func isNone(w string) bool {
	if w == "0" || w == "*" {
		return true
	}
	if len(w) < 2 || w[0] != '*' {
		return false
	}
	rest := w[1:]
	if len(rest) == 2 && rest[1] == '*' && (isWordByte(rest[0]) || rest[0] == '?') {
		return true // *T*
	}
	i := 0
	for i < len(rest) && rest[i] >= 'A' && rest[i] <= 'Z' {
		i++
	}
	if i > 0 {
		if i >= len(rest) || rest[i] != '*' {
			return false
		}
		rest = rest[i+1:]
	}
	if len(rest) < 2 || len(rest) > 4 || rest[0] != '-' {
		return false
	}
	for j := 1; j < len(rest); j++ {
		if rest[j] < '0' || rest[j] > '9' {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isKeep matches prose's `^\-[A-Z]{3}\-$` ("-LRB-"), whose tag is itself.
func isKeep(w string) bool {
	if len(w) != 5 || w[0] != '-' || w[4] != '-' {
		return false
	}
	for i := 1; i < 4; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// taggerWord returns the form of a token the tagger sees: the model was
// trained on ASCII Penn Treebank text, so curly quotes become “ ” ` and
// ', dashes "--" and the ellipsis character "...". Token text keeps the
// original characters.
func taggerWord(s string) string {
	switch s {
	case "“", "„":
		return "``"
	case "”":
		return "''"
	case "‘":
		return "`"
	case "’":
		return "'"
	case "—", "–", "―":
		return "--"
	case "…":
		return "..."
	}
	if strings.ContainsAny(s, "‘’") {
		return strings.Map(func(r rune) rune {
			if r == '‘' || r == '’' {
				return '\''
			}
			return r
		}, s)
	}
	return s
}
