package tokens

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

var update = flag.Bool("update", false, "rewrite data/perceptron.bin from prose's model")

// A proseModel is prose's averaged perceptron as its gob assets hold it.
type proseModel struct {
	classes []string
	dict    map[string]string // tag dictionary: unambiguous words
	weights map[string]map[string]float64
}

func readProseModel(t testing.TB) proseModel {
	t.Helper()
	var pm proseModel
	for _, a := range []struct {
		name string
		v    any
	}{{"classes.gob", &pm.classes}, {"tags.gob", &pm.dict}, {"weights.gob", &pm.weights}} {
		b, err := prose.Asset("model/AveragedPerceptron/" + a.name)
		if err != nil {
			t.Fatal(err)
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(a.v); err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
	}
	return pm
}

// TestModelData checks that data/perceptron.bin is prose's current model
// converted; with -update it rewrites the file.
func TestModelData(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes prose's model")
	}
	data, err := convert(readProseModel(t))
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("data/perceptron.bin", data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(data) != perceptronData {
		t.Errorf("data/perceptron.bin (%d bytes) is not prose's model converted (%d bytes): run go test -run TestModelData -update", len(perceptronData), len(data))
	}
}

// TestModelRoundTrip reads the converted model and rebuilds prose's maps
// from it: every feature, weight and dictionary entry, and nothing else.
func TestModelRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes prose's model")
	}
	pm := readProseModel(t)
	data, err := convert(pm)
	if err != nil {
		t.Fatal(err)
	}
	m, err := readModel(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.classes, pm.classes) {
		t.Errorf("classes %q, want %q", m.classes, pm.classes)
	}
	weights := make(map[string]map[string]float64)
	row := func(feat string, r cellRange) {
		if r == 0 {
			return
		}
		if _, ok := weights[feat]; ok {
			t.Errorf("feature %q twice", feat)
		}
		w := make(map[string]float64)
		for _, c := range m.cells[r>>8 : r>>8+r&0xff] {
			w[m.classes[c&0xff]] = float64(c>>8) / 1000
		}
		weights[feat] = w
	}
	row("bias", m.bias)
	for id, tag := range m.tags {
		row("i-1 tag "+tag, m.prevTag[id])
		row("i-2 tag "+tag, m.prev2Tag[id])
		for id2, tag2 := range m.tags {
			row("i tag+i-2 tag "+tag+" "+tag2, m.tagPair[id*len(m.tags)+id2])
		}
	}
	for b, r := range m.pref1 {
		row("i pref1 "+string(rune(b)), r)
	}
	dict := make(map[string]string)
	for i, e := range m.entries {
		key, stem := m.key(i), m.stem(i)
		for role, r := range e.rows {
			row(rolePrefix[role]+key, r)
		}
		for j := e.pairs[0]; j < e.pairs[1]; j++ {
			row("i-1 tag+i word "+m.tags[m.pairTag[j]]+" "+key, m.pairRow[j])
		}
		if e.tag >= 0 {
			dict[key] = m.tags[e.tag]
		}
		if want := stemWord(key); stem != "" && stem != want {
			t.Errorf("stem of %q is %q, want %q", key, stem, want)
		}
		if got := m.lookup(key); got != int32(i) {
			t.Errorf("lookup(%q) = %d, want %d", key, got, i)
		}
		if want := m.lookup(key[len(key)-min(len(key), 3):]); len(key) > 3 && e.suf != want || len(key) <= 3 && e.suf != -1 {
			t.Errorf("suffix entry of %q is %d, want %d", key, e.suf, want)
		}
	}
	if !maps.Equal(dict, pm.dict) {
		t.Errorf("tag dictionary differs: %d entries, want %d", len(dict), len(pm.dict))
	}
	empty := 0
	for feat, want := range pm.weights {
		if len(want) == 0 {
			empty++ // left out: it adds nothing to any score
		} else if got := weights[feat]; !maps.Equal(got, want) {
			t.Errorf("feature %q: got %v, want %v", feat, got, want)
		}
	}
	if len(weights) != len(pm.weights)-empty {
		t.Errorf("%d features, want %d", len(weights), len(pm.weights)-empty)
	}
	t.Logf("%d features with weights, %d without", len(weights), empty)
	for _, s := range []string{"", "zzzzzz-not-a-word", "-START"} {
		if got := m.lookup(s); got >= 0 {
			t.Errorf("lookup(%q) = %d, want -1", s, got)
		}
	}
}

// TestReadModelErrors checks that a damaged model file is an error, not a
// panic.
func TestReadModelErrors(t *testing.T) {
	data := perceptronData
	for _, n := range []int{0, 5, len(modelMagic), len(modelMagic) + 3, 1000, len(data) / 2, len(data) - 1} {
		if _, err := readModel(data[:n]); err == nil {
			t.Errorf("%d of %d bytes: no error", n, len(data))
		}
	}
	if _, err := readModel(data + "x"); err == nil {
		t.Error("trailing byte: no error")
	}
	// Flip single bytes: an error or a model, never a panic.
	for i := len(modelMagic); i < len(data); i += len(data) / 97 {
		b := []byte(data)
		b[i] ^= 0xff
		readModel(string(b))
	}
}

func BenchmarkLoadModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readModel(perceptronData); err != nil {
			b.Fatal(err)
		}
	}
}

// The feature kinds of prose's tagger, other than the roles of lexicon keys.
const (
	featPrevTag     = "i-1 tag "
	featPrev2Tag    = "i-2 tag "
	featTagPair     = "i tag+i-2 tag "
	featTagWord     = "i-1 tag+i word "
	featPref1       = "i pref1 "
	maxWeight       = 1 << 23 // thousandths, in a cell's 24 bits
	thousandthsOnly = "weight %v of %q is not a whole number of thousandths"
)

// convert encodes prose's model in the format model.go describes.
func convert(pm proseModel) ([]byte, error) {
	nc := len(pm.classes)
	if nc > maxClasses {
		return nil, fmt.Errorf("%d classes, at most %d", nc, maxClasses)
	}
	classID := make(map[string]int)
	for i, c := range pm.classes {
		classID[c] = i
	}

	// Split each feature into its kind and parts.
	type feature struct {
		prefix    string // a kind above, a role's prefix or "bias"
		tag, tag2 string
		key       string // the word, suffix or first character
		role      int
	}
	feats := make(map[string]feature, len(pm.weights))
	tagSet := make(map[string]bool)
	for s, w := range pm.weights {
		if len(w) == 0 {
			continue // it adds nothing to any score
		}
		var f feature
		switch {
		case s == "bias":
			f.prefix = s
		case strings.HasPrefix(s, featPrevTag), strings.HasPrefix(s, featPrev2Tag):
			f.prefix, f.tag = s[:len(featPrevTag)], s[len(featPrevTag):]
		case strings.HasPrefix(s, featTagPair):
			var ok bool
			f.prefix = featTagPair
			if f.tag, f.tag2, ok = strings.Cut(s[len(featTagPair):], " "); !ok {
				return nil, fmt.Errorf("feature %q: no second tag", s)
			}
		case strings.HasPrefix(s, featTagWord):
			var ok bool
			f.prefix = featTagWord
			if f.tag, f.key, ok = strings.Cut(s[len(featTagWord):], " "); !ok {
				return nil, fmt.Errorf("feature %q: no word", s)
			}
		case strings.HasPrefix(s, featPref1):
			f.prefix, f.key = featPref1, s[len(featPref1):]
			if r, n := utf8.DecodeRuneInString(f.key); r >= 256 || n != len(f.key) || f.key == "" {
				return nil, fmt.Errorf("feature %q: not one byte's character", s)
			}
		default:
			f.role = -1
			for r, p := range rolePrefix {
				if strings.HasPrefix(s, p) {
					f.prefix, f.key, f.role = p, s[len(p):], r
				}
			}
			if f.role < 0 {
				return nil, fmt.Errorf("unknown feature %q", s)
			}
		}
		for _, tag := range []string{f.tag, f.tag2} {
			if tag != "" {
				tagSet[tag] = true
			}
		}
		feats[s] = f
	}
	for _, tag := range pm.dict {
		tagSet[tag] = true
	}

	// Tags: the classes, then the others in byte order.
	tags := slices.Clone(pm.classes)
	for _, tag := range slices.Sorted(maps.Keys(tagSet)) {
		if _, ok := classID[tag]; !ok {
			tags = append(tags, tag)
		}
	}
	if len(tags) > 250 {
		return nil, fmt.Errorf("%d tags, at most 250", len(tags))
	}
	tagID := make(map[string]int)
	for i, tag := range tags {
		if strings.Contains(tag, " ") || tag == "" {
			return nil, fmt.Errorf("tag %q: empty or has a space", tag)
		}
		tagID[tag] = i
	}

	// Rows, in byte order of their features.
	names := slices.Sorted(maps.Keys(feats))
	rowID := make(map[string]int32, len(names))
	var cells []uint32
	var rowLen []byte
	for r, s := range names {
		rowID[s] = int32(r)
		w := pm.weights[s]
		for label := range w {
			if _, ok := classID[label]; !ok {
				return nil, fmt.Errorf("feature %q: unknown class %q", s, label)
			}
		}
		n := 0
		for c, label := range pm.classes {
			v, ok := w[label]
			if !ok {
				continue
			}
			milli := math.Round(v * 1000)
			if milli/1000 != v || math.Abs(milli) >= maxWeight {
				return nil, fmt.Errorf(thousandthsOnly, v, s)
			}
			cells = append(cells, uint32(int32(milli))<<8|uint32(c))
			n++
		}
		rowLen = append(rowLen, byte(n))
	}

	// Tag features, first bytes and the lexicon.
	nt := len(tags)
	bias := int32(-1)
	prevTag, prev2Tag, tagPair := fill(nt), fill(nt), fill(nt*nt)
	var pref1 [256]int32
	for i := range pref1 {
		pref1[i] = -1
	}
	type lexEntry struct {
		tag   int
		rows  [numRoles]int32
		pairs [][2]int // tag, row
	}
	lex := make(map[string]*lexEntry)
	entry := func(key string) *lexEntry {
		e := lex[key]
		if e == nil {
			e = &lexEntry{tag: -1, rows: [numRoles]int32(fill(numRoles))}
			lex[key] = e
		}
		return e
	}
	for _, s := range names {
		f, r := feats[s], rowID[s]
		switch f.prefix {
		case "bias":
			bias = r
		case featPrevTag:
			prevTag[tagID[f.tag]] = r
		case featPrev2Tag:
			prev2Tag[tagID[f.tag]] = r
		case featTagPair:
			tagPair[tagID[f.tag]*nt+tagID[f.tag2]] = r
		case featTagWord:
			e := entry(f.key)
			e.pairs = append(e.pairs, [2]int{tagID[f.tag], int(r)})
		case featPref1:
			c, _ := utf8.DecodeRuneInString(f.key)
			pref1[c] = r
		default:
			entry(f.key).rows[f.role] = r
		}
	}
	for word, tag := range pm.dict {
		entry(word).tag = tagID[tag]
	}

	b := []byte(modelMagic)
	b = binary.AppendUvarint(b, uint64(nc))
	b = binary.AppendUvarint(b, uint64(nt))
	for _, tag := range tags {
		b = appendString(b, tag)
	}
	b = binary.AppendUvarint(b, uint64(len(cells)))
	for _, c := range cells {
		b = binary.LittleEndian.AppendUint32(b, c)
	}
	b = binary.AppendUvarint(b, uint64(len(rowLen)))
	b = append(b, rowLen...)
	for _, rows := range [][]int32{{bias}, prevTag, prev2Tag, tagPair, pref1[:]} {
		for _, r := range rows {
			b = binary.LittleEndian.AppendUint32(b, uint32(r))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(lex)))
	keys := slices.Sorted(maps.Keys(lex))
	for _, key := range keys {
		e := lex[key]
		b = appendString(b, key)
		b = binary.AppendUvarint(b, uint64(e.tag+1))
		var roles byte
		for r, row := range e.rows {
			if row >= 0 {
				roles |= 1 << r
			}
		}
		b = append(b, roles)
		for _, row := range e.rows {
			if row >= 0 {
				b = binary.AppendUvarint(b, uint64(row))
			}
		}
		slices.SortFunc(e.pairs, func(x, y [2]int) int { return cmp.Compare(x[0], y[0]) })
		b = binary.AppendUvarint(b, uint64(len(e.pairs)))
		for _, p := range e.pairs {
			b = append(b, byte(p[0]))
			b = binary.AppendUvarint(b, uint64(p[1]))
		}
		switch stem := stemWord(key); {
		case key != strings.ToLower(key) || !strings.ContainsFunc(key, unicode.IsLetter):
			b = append(b, 0)
		case stem == key:
			b = append(b, 1)
		default:
			b = binary.AppendUvarint(b, uint64(len(stem)+2))
			b = append(b, stem...)
		}
		suf := -1
		if len(key) > 3 {
			suf, _ = slices.BinarySearch(keys, key[len(key)-3:])
			if keys[suf] != key[len(key)-3:] {
				suf = -1
			}
		}
		b = binary.AppendUvarint(b, uint64(suf+1))
	}
	if _, err := readModel(string(b)); err != nil {
		return nil, errors.Join(errors.New("reading the converted model"), err)
	}
	return b, nil
}

func fill(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}
