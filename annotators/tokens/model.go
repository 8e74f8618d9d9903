package tokens

import (
	_ "embed"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
)

// The tagger's model is prose's averaged perceptron (its
// model/AveragedPerceptron gob assets, trained on the Penn Treebank),
// converted once into data/perceptron.bin by TestModelData (run it with
// -update to regenerate the file from prose's assets). The file is read
// straight into the structures the tagger uses, so that loading it takes
// a few milliseconds where decoding prose's gob maps takes hundreds.
//
// Prose's features are strings such as "i-1 word the" or "i-1 tag+i word
// DT cat", each with a weight per class. The file groups them by what
// varies: the features made only of tags (bias, "i-1 tag", "i-2 tag", "i
// tag+i-2 tag") are tables indexed by tag, "i pref1" is indexed by byte,
// and the rest hang off a lexicon entry for their word or suffix, which
// the tagger looks up once per word of a sentence instead of once per
// feature. Weights are prose's, which all have three decimals, as integer
// thousandths, so scores are exact sums.
//
// The file's layout, all integers little-endian, "uvarint" as in
// encoding/binary:
//
//	magic       "gloss perceptron 1\n"
//	tags        uvarint classes, uvarint n, n × (uvarint len, bytes):
//	            the classes first, then the other tags features mention
//	            and tag dictionary values
//	cells       uvarint n, n × uint32: weight in thousandths << 8 | class
//	rows        uvarint n, n × byte: cells per row, rows in cell order
//	tag rows    int32 bias, tags × int32 "i-1 tag", tags × int32 "i-2
//	            tag", tags² × int32 "i tag+i-2 tag" (index i-1 tag × tags
//	            + i-2 tag); -1 is no feature
//	pref1 rows  256 × int32, by the word's first byte
//	lexicon     uvarint n, then n records in byte order of their keys:
//	            uvarint len, key bytes;
//	            uvarint tag dictionary entry (0: none, else tag + 1);
//	            byte roles (bit r: has role r), uvarint row for each;
//	            uvarint n, n × (byte tag, uvarint row) "i-1 tag+i word";
//	            uvarint stem (0: none, 1: the key, else len + 2, bytes);
//	            uvarint entry of the key's last three bytes, if the key is
//	            longer (0: none, else entry + 1)
//
// A stem is stored for each key that is a lower-case word: the Snowball
// stem of most words in a text then costs a lookup, not a stemming.

//go:embed data/perceptron.bin
var perceptronData string

const modelMagic = "gloss perceptron 1\n"

// Roles of a lexicon key in prose's features.
const (
	roleWord       = iota // "i word W"
	rolePrev              // "i-1 word W"
	rolePrev2             // "i-2 word W"
	roleNext              // "i+1 word W"
	roleNext2             // "i+2 word W"
	roleSuffix            // "i suffix S", of the word as written
	rolePrevSuffix        // "i-1 suffix S", of the normalized word
	roleNextSuffix        // "i+1 suffix S"
	numRoles
)

// rolePrefix is the feature string of each role, before its key.
var rolePrefix = [numRoles]string{"i word ", "i-1 word ", "i-2 word ", "i+1 word ", "i+2 word ", "i suffix ", "i-1 suffix ", "i+1 suffix "}

const maxClasses = 64

// scores are the scores of the classes, indexed by a cell's class byte
// (so that adding a cell needs no bounds check).
type scores [256]int32

// A model is prose's perceptron in the tagger's form.
type model struct {
	data    string   // the model file
	tags    []string // tag ids; the first len(classes) are the classes
	classes []string
	tagID   map[string]int // tag string -> id
	none    int            // the tag id of a tag no feature mentions

	cells []int32 // weight << 8 | class, by row

	bias              cellRange   // "bias"
	prevTag, prev2Tag []cellRange // "i-1 tag T", "i-2 tag T" by tag id
	tagPair           []cellRange // "i tag+i-2 tag T1 T2", by T1 × len(tags) + T2
	pref1             [256]cellRange

	// base holds, for each pair of tag ids (none included) for i-1 and
	// i-2, the class scores of the four tag features summed; seen marks
	// the classes they mention.
	base     []int32
	baseSeen []uint64

	entries []entry
	pairTag []uint8
	pairRow []cellRange
	slots   []uint64 // open addressing, see index
	seed    maphash.Seed

	pads      [len(pads)]wordInfo
	startTags [2]int // the tag ids of the start pads
}

// An entry is a lexicon key: a word or suffix with its features, its tag
// in prose's tag dictionary and its stem.
type entry struct {
	key, stem [2]uint32 // offsets in the model file: no pointers to scan
	rows      [numRoles]cellRange
	pairs     [2]uint32 // its "i-1 tag+i word" features in pairTag, pairRow
	suf       int32     // the entry of its last three bytes, if longer, or -1
	tag       int16     // tag dictionary entry, or -1
}

// loadModel reads the embedded model once per process.
var loadModel = sync.OnceValue(func() *model {
	m, err := readModel(perceptronData)
	if err != nil {
		panic(fmt.Sprintf("tokens: data/perceptron.bin: %v", err))
	}
	return m
})

// A reader reads the model file s from offset i; its first error sticks.
// (It advances an offset rather than reslicing s: no pointer writes.)
type reader struct {
	s   string
	i   int
	err error
}

var errShort = errors.New("truncated")

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.i = len(r.s)
}

// left returns the number of bytes left to read.
func (r *reader) left() int { return len(r.s) - r.i }

func (r *reader) uvarint() int {
	var x uint64
	for k := 0; r.i+k < len(r.s) && k < 10; k++ {
		c := r.s[r.i+k]
		x |= uint64(c&0x7f) << (7 * k)
		if c < 0x80 {
			r.i += k + 1
			if x > 1<<31 {
				r.fail(fmt.Errorf("integer %d out of range", x))
				return 0
			}
			return int(x)
		}
	}
	r.fail(errShort)
	return 0
}

// span reads n bytes, returning their offsets.
func (r *reader) span(n int) [2]uint32 {
	if n > r.left() {
		r.fail(errShort)
		return [2]uint32{}
	}
	r.i += n
	return [2]uint32{uint32(r.i - n), uint32(r.i)}
}

func (r *reader) bytes(n int) string {
	sp := r.span(n)
	return r.s[sp[0]:sp[1]]
}

func (r *reader) byte() int {
	if r.i >= len(r.s) {
		r.fail(errShort)
		return 0
	}
	r.i++
	return int(r.s[r.i-1])
}

func (r *reader) uint32() uint32 {
	if r.left() < 4 {
		r.fail(errShort)
		return 0
	}
	b := r.s[r.i : r.i+4]
	r.i += 4
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// A cellRange is the cells of a row: start << 8 | length; 0 is no
// feature.
type cellRange uint32

// row reads a row id, checking it against the row offsets off, and
// returns its cells.
func (r *reader) row(off []int32) cellRange {
	return r.rowID(off, int(int32(r.uint32())))
}

func (r *reader) rowID(off []int32, x int) cellRange {
	if x == -1 {
		return 0
	}
	if x < 0 || x >= len(off)-1 {
		r.fail(fmt.Errorf("row %d out of range", x))
		return 0
	}
	return cellRange(off[x])<<8 | cellRange(off[x+1]-off[x])
}

func (r *reader) rows(off []int32, n int) []cellRange {
	out := make([]cellRange, n)
	for i := range out {
		out[i] = r.row(off)
	}
	return out
}

// readModel reads a model file.
func readModel(s string) (*model, error) {
	r := &reader{s: s}
	if r.bytes(len(modelMagic)) != modelMagic {
		return nil, errors.New("not a gloss perceptron file")
	}
	m := &model{data: s}
	nc, nt := r.uvarint(), r.uvarint()
	if nc > maxClasses || nc > nt || nt > 250 {
		return nil, fmt.Errorf("%d classes, %d tags: at most %d classes, 250 tags", nc, nt, maxClasses)
	}
	m.tags = make([]string, nt)
	m.tagID = make(map[string]int, nt)
	for i := range m.tags {
		m.tags[i] = r.bytes(r.uvarint())
		m.tagID[m.tags[i]] = i
	}
	m.classes = m.tags[:nc]
	m.none = nt

	n := r.uvarint()
	if n > r.left()/4 || n >= 1<<24 {
		return nil, errors.New("cells: too many")
	}
	m.cells = make([]int32, n)
	for i := range m.cells {
		m.cells[i] = int32(r.uint32())
		if int(m.cells[i]&0xff) >= nc {
			return nil, fmt.Errorf("cell %d: class out of range", i)
		}
	}
	n = r.uvarint()
	if n > r.left() {
		return nil, errShort
	}
	off := make([]int32, n+1)
	for i := 1; i < len(off); i++ {
		off[i] = off[i-1] + int32(r.byte())
	}
	if r.err == nil && int(off[len(off)-1]) != len(m.cells) {
		return nil, errors.New("rows and cells disagree")
	}

	m.bias = r.row(off)
	m.prevTag = r.rows(off, nt)
	m.prev2Tag = r.rows(off, nt)
	m.tagPair = r.rows(off, nt*nt)
	for i := range m.pref1 {
		m.pref1[i] = r.row(off)
	}

	n = r.uvarint()
	if n > r.left() {
		return nil, errShort
	}
	m.entries = make([]entry, n)
	for i := range m.entries {
		e := &m.entries[i]
		e.key = r.span(r.uvarint())
		e.tag = int16(r.uvarint() - 1)
		if int(e.tag) >= nt {
			return nil, fmt.Errorf("lexicon entry %d: tag out of range", i)
		}
		roles := r.byte()
		for j := range e.rows {
			if roles&(1<<j) != 0 {
				e.rows[j] = r.rowID(off, r.uvarint())
			}
		}
		e.pairs[0] = uint32(len(m.pairTag))
		for k := r.uvarint(); k > 0 && r.err == nil; k-- {
			tag := r.byte()
			if tag >= nt {
				r.fail(fmt.Errorf("tag %d out of range", tag))
			}
			m.pairTag = append(m.pairTag, uint8(tag))
			m.pairRow = append(m.pairRow, r.rowID(off, r.uvarint()))
		}
		e.pairs[1] = uint32(len(m.pairTag))
		switch k := r.uvarint(); k {
		case 0:
		case 1:
			e.stem = e.key
		default:
			e.stem = r.span(k - 2)
		}
		e.suf = int32(r.uvarint() - 1)
		if int(e.suf) >= len(m.entries) {
			r.fail(fmt.Errorf("suffix entry %d out of range", e.suf))
		}
		if r.err != nil {
			return nil, fmt.Errorf("lexicon entry %d: %v", i, r.err)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.left() != 0 {
		return nil, errors.New("trailing bytes")
	}
	m.index()
	m.sumTagFeatures()
	for i, p := range pads {
		m.pads[i] = m.padInfo(p)
	}
	m.startTags = [2]int{m.tagOf(pads[0]), m.tagOf(pads[1])}
	return m, nil
}

// index builds the hash table of the lexicon, at most half full. A slot
// holds the high half of its key's hash and its entry's index + 1 (0 is
// empty), so that most probes that miss touch only the table.
func (m *model) index() {
	m.seed = maphash.MakeSeed()
	size := 16
	for size < 2*len(m.entries) {
		size *= 2
	}
	m.slots = make([]uint64, size)
	mask := uint64(size - 1)
	for i := range m.entries {
		h := maphash.String(m.seed, m.key(i))
		j := h & mask
		for m.slots[j] != 0 {
			j = (j + 1) & mask
		}
		m.slots[j] = h&^(1<<32-1) | uint64(i+1)
	}
}

// lookup returns the entry of key s, or -1.
func (m *model) lookup(s string) int32 {
	h := maphash.String(m.seed, s)
	mask := uint64(len(m.slots) - 1)
	for j := h & mask; ; j = (j + 1) & mask {
		x := m.slots[j]
		if x == 0 {
			return -1
		}
		if i := int(uint32(x)) - 1; (x^h)>>32 == 0 && m.key(i) == s {
			return int32(i)
		}
	}
}

// lookupBytes is lookup for a key in a byte slice.
func (m *model) lookupBytes(b []byte) int32 {
	h := maphash.Bytes(m.seed, b)
	mask := uint64(len(m.slots) - 1)
	for j := h & mask; ; j = (j + 1) & mask {
		x := m.slots[j]
		if x == 0 {
			return -1
		}
		if i := int(uint32(x)) - 1; (x^h)>>32 == 0 && m.key(i) == string(b) {
			return int32(i)
		}
	}
}

// key returns the key of entry i.
func (m *model) key(i int) string {
	k := m.entries[i].key
	return m.data[k[0]:k[1]]
}

// stem returns the stem of entry i, or "".
func (m *model) stem(i int) string {
	k := m.entries[i].stem
	return m.data[k[0]:k[1]]
}

// sumTagFeatures fills base and baseSeen.
func (m *model) sumTagFeatures() {
	nt, nc := len(m.tags)+1, len(m.classes) // with none
	m.base = make([]int32, nt*nt*nc)
	m.baseSeen = make([]uint64, nt*nt)
	for p1 := range nt {
		for p2 := range nt {
			rows := []cellRange{m.bias, 0, 0, 0}
			if p1 < m.none {
				rows[1] = m.prevTag[p1]
				if p2 < m.none {
					rows[2] = m.tagPair[p1*m.none+p2]
				}
			}
			if p2 < m.none {
				rows[3] = m.prev2Tag[p2]
			}
			var s scores
			var seen uint64
			for _, r := range rows {
				m.addRow(&s, r)
				seen |= m.classesOf(r)
			}
			k := p1*nt + p2
			copy(m.base[k*nc:(k+1)*nc], s[:])
			m.baseSeen[k] = seen
		}
	}
}

// addRow adds the weights of row r to s.
func (m *model) addRow(s *scores, r cellRange) {
	for _, c := range m.cells[r>>8 : r>>8+r&0xff] {
		s[uint8(c)] += c >> 8
	}
}

// classesOf returns the classes row r mentions.
func (m *model) classesOf(r cellRange) uint64 {
	var seen uint64
	for _, c := range m.cells[r>>8 : r>>8+r&0xff] {
		seen |= 1 << (c & (maxClasses - 1))
	}
	return seen
}
