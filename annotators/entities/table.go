package entities

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// The NER model and the gazetteers are stored in data/*.bin as blobs that
// the annotator indexes into directly, so that loading them costs a few
// slices and no allocation per entry. A blob is a magic line followed by
// sections, each a little-endian uint32 length and that many bytes. Keys
// are found with tables: open-addressing hash tables, also stored in the
// blob, that map a key to its index.

// A table maps (tag, key) pairs to the indices 0…n-1 they were added in.
// The tag tells keys of different kinds apart (a feature, a parent node)
// without storing it in every key.
type table struct {
	slots string // 4 bytes a slot: 0 if empty, else 1 + the index in the bits of ids, the key's hash in the others
	offs  string // 4 bytes a key, and one more: where each key starts in pool
	tags  string // 4 bytes a key, or empty if every tag is 0
	pool  string // the keys, one after another
	mask  uint32 // the number of slots less one, a power of two less one
	ids   uint32 // the bits of a slot that hold the index: 1 + the index < 1<<bits.Len(keys)
}

// idMask returns the mask of the bits of a slot that hold the index, for a
// table of n keys.
func idMask(n int) uint32 { return 1<<bits.Len32(uint32(n)) - 1 }

// u32 returns the i'th little-endian uint32 of s.
func u32(s string, i int) uint32 {
	s = s[4*i : 4*i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// u64 returns the i'th little-endian uint64 of s.
func u64(s string, i int) uint64 {
	s = s[8*i : 8*i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hashKey is 32-bit FNV-1a over the tag's four bytes and then the key's.
func hashKey[S ~string | ~[]byte](tag uint32, s S) uint32 {
	h := uint32(2166136261)
	for k := 0; k < 4; k++ {
		h = (h ^ (tag >> (8 * k) & 0xff)) * 16777619
	}
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// find returns the index of (tag, s), or -1.
func find[S ~string | ~[]byte](t *table, tag uint32, s S) int32 {
	if t.mask == 0 {
		return -1
	}
	h := hashKey(tag, s)
	for i := h; ; i++ {
		v := u32(t.slots, int(i&t.mask))
		if v == 0 {
			return -1
		}
		if (v^h)&^t.ids != 0 {
			continue // another hash
		}
		id := int(v&t.ids - 1)
		if t.tags != "" && u32(t.tags, id) != tag {
			continue
		}
		key := t.pool[u32(t.offs, id):u32(t.offs, id+1)]
		if len(key) != len(s) {
			continue
		}
		same := true
		for i := 0; i < len(s); i++ {
			if key[i] != s[i] {
				same = false
				break
			}
		}
		if same {
			return int32(id)
		}
	}
}

// len returns the number of keys.
func (t *table) len() int { return len(t.offs)/4 - 1 }

// key returns the key with index id.
func (t *table) key(id int) string { return t.pool[u32(t.offs, id):u32(t.offs, id+1)] }

// A tableBuilder collects the keys of a table in index order.
type tableBuilder struct {
	tags   []uint32
	keys   []string
	tagged bool
}

// add adds a key and returns its index; a key must not be added twice.
func (b *tableBuilder) add(tag uint32, key string) int {
	b.tags = append(b.tags, tag)
	b.keys = append(b.keys, key)
	if tag != 0 {
		b.tagged = true
	}
	return len(b.keys) - 1
}

// table lays the keys out with at most two slots in three taken.
func (b *tableBuilder) table() table {
	n := 1
	for n < len(b.keys)*3/2+1 {
		n *= 2
	}
	slots := make([]byte, 4*n)
	ids := idMask(len(b.keys))
	offs := make([]byte, 0, 4*(len(b.keys)+1))
	var tags, pool []byte
	for id, k := range b.keys {
		offs = binary.LittleEndian.AppendUint32(offs, uint32(len(pool)))
		pool = append(pool, k...)
		if b.tagged {
			tags = binary.LittleEndian.AppendUint32(tags, b.tags[id])
		}
		h := hashKey(b.tags[id], k)
		for binary.LittleEndian.Uint32(slots[4*(h&uint32(n-1)):]) != 0 {
			h++
		}
		binary.LittleEndian.PutUint32(slots[4*(h&uint32(n-1)):], hashKey(b.tags[id], k)&^ids|uint32(id+1))
	}
	offs = binary.LittleEndian.AppendUint32(offs, uint32(len(pool)))
	return table{slots: string(slots), offs: string(offs), tags: string(tags), pool: string(pool), mask: uint32(n - 1), ids: ids}
}

// A blobWriter writes the sections of a blob.
type blobWriter struct{ b []byte }

func newBlobWriter(magic string) *blobWriter { return &blobWriter{b: []byte(magic)} }

func (w *blobWriter) section(s string) {
	w.b = binary.LittleEndian.AppendUint32(w.b, uint32(len(s)))
	w.b = append(w.b, s...)
}

func (w *blobWriter) table(t table) {
	w.section(t.slots)
	w.section(t.offs)
	w.section(t.tags)
	w.section(t.pool)
}

// A blobReader reads the sections of a blob, remembering the first error.
type blobReader struct {
	s   string
	err error
}

var errBlob = errors.New("corrupt data file")

func newBlobReader(s, magic string) *blobReader {
	if len(s) < len(magic) || s[:len(magic)] != magic {
		return &blobReader{err: fmt.Errorf("%w: want %q", errBlob, magic)}
	}
	return &blobReader{s: s[len(magic):]}
}

func (r *blobReader) section() string {
	if r.err != nil {
		return ""
	}
	if len(r.s) < 4 || uint64(u32(r.s, 0)) > uint64(len(r.s)-4) {
		r.err = errBlob
		return ""
	}
	n := int(u32(r.s, 0))
	s := r.s[4 : 4+n]
	r.s = r.s[4+n:]
	return s
}

// uint32s reads a section of n uint32s.
func (r *blobReader) uint32s(n int) string {
	s := r.section()
	if r.err == nil && len(s) != 4*n {
		r.err = errBlob
	}
	return s
}

func (r *blobReader) table() table {
	t := table{slots: r.section(), offs: r.section(), tags: r.section(), pool: r.section()}
	if r.err != nil {
		return table{}
	}
	n := len(t.slots) / 4
	keys := len(t.offs)/4 - 1
	if n == 0 || n&(n-1) != 0 || len(t.slots)%4 != 0 || len(t.offs)%4 != 0 || keys < 0 || keys >= n ||
		t.tags != "" && len(t.tags) != 4*keys || int(u32(t.offs, keys)) != len(t.pool) {
		r.err = errBlob
		return table{}
	}
	t.mask = uint32(n - 1)
	t.ids = idMask(keys)
	return t
}

// done reports the first error, or an error if sections are left over.
func (r *blobReader) done() error {
	if r.err == nil && r.s != "" {
		r.err = errBlob
	}
	return r.err
}
