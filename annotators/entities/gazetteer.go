package entities

import (
	"bufio"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/gloss-nlp/gloss/internal/lower"
)

// An Entry is one gazetteer name: the name as it is written, its label,
// and, for an alias or short form, the canonical name it stands for.
type Entry struct {
	Name      string
	Label     string
	Canonical string
}

// LoadEntries reads gazetteer entries from a tab-separated file, one entry
// a line: name, label and an optional canonical name. Blank lines and lines
// starting with # are skipped.
func LoadEntries(r io.Reader) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 || strings.TrimSpace(f[0]) == "" {
			return nil, fmt.Errorf("line %d: want name<TAB>label[<TAB>canonical]", n)
		}
		e := Entry{Name: strings.TrimSpace(f[0]), Label: strings.TrimSpace(f[1])}
		if len(f) == 3 {
			e.Canonical = strings.TrimSpace(f[2])
		}
		if !labels[e.Label] {
			return nil, fmt.Errorf("line %d: unknown label %q", n, e.Label)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// labels are the entity labels the annotator knows.
var labels = map[string]bool{
	"PERSON": true, "ORG": true, "GPE": true, "LOC": true,
	"NORP": true, "EVENT": true, "LAW": true, "FAC": true,
}

// Gazetteer sources, most trusted first; an earlier source's entry for a
// name hides a later one's.
const (
	srcExtra = iota
	srcIGO
	srcCountries
	srcCities
	srcM49
	srcWordNet
)

// gazMagic starts data/gazetteer.bin.
const gazMagic = "gloss gazetteer 1\n"

// data/gazetteer.bin holds the gazetteers of data/*.tsv and the word list
// data/words.txt.gz, prebuilt (see convertGazetteer in data_test.go).
//
//go:embed data/gazetteer.bin
var gazData string

// A gazetteer maps names, word by word, to entries. A node is the path of
// keys (see keys) from the root, -1; its children are found in a table
// keyed by the node's index plus one and the child's key. A node's entry,
// if it has one, is a string src<TAB>label<TAB>canonical<TAB>words, where
// words are the name's words as written, separated by spaces, for the
// case check.
type gazetteer struct {
	nodes table
	offs  string // uint32s, one a node and one more: where its entry starts in pool
	pool  string
}

// A gazEntry is the entry of a node.
type gazEntry struct {
	label, canonical string
	words            string // the name's words as written, separated by spaces
	src              int
}

const root = -1

// child returns the child of node n with key k, or -1.
func (g *gazetteer) child(n int32, k string) int32 {
	if n < root {
		return -1
	}
	return find(&g.nodes, uint32(n+1), k)
}

// walkKey follows the keys in k, a wordKey, from n; it returns -1 if there
// is no such path.
func (g *gazetteer) walkKey(n int32, k string) int32 {
	for {
		i := strings.IndexByte(k, '-')
		if i < 0 {
			return g.child(n, k)
		}
		if n = g.child(n, k[:i]); n < 0 {
			return n
		}
		k = k[i+1:]
	}
}

// entry returns the entry of node n, if it has one.
func (g *gazetteer) entry(n int32) (gazEntry, bool) {
	if n < 0 {
		return gazEntry{}, false
	}
	s := g.pool[u32(g.offs, int(n)):u32(g.offs, int(n)+1)]
	if s == "" {
		return gazEntry{}, false
	}
	src, s, _ := strings.Cut(s, "\t")
	var e gazEntry
	e.src = int(src[0] - '0')
	e.label, s, _ = strings.Cut(s, "\t")
	e.canonical, e.words, _ = strings.Cut(s, "\t")
	return e, true
}

// has reports whether the single word w is a name.
func (g *gazetteer) has(w string) bool {
	_, ok := g.entry(g.walkKey(root, wordKey(w)))
	return ok
}

// A gazBuilder builds a gazetteer from entries.
type gazBuilder struct {
	nodes   map[gazNodeKey]int32
	keys    tableBuilder
	entries []*gazEntry // by node
}

type gazNodeKey struct {
	parent int32
	key    string
}

// add adds an entry from source src. An earlier source's entry for a name
// hides a later one's; an alias that one source gives two canonical names
// links to neither.
func (b *gazBuilder) add(e Entry, src int) {
	ws := nameWords(e.Name)
	if len(ws) == 0 {
		return
	}
	if b.nodes == nil {
		b.nodes = make(map[gazNodeKey]int32)
	}
	n := int32(root)
	for _, w := range ws {
		for _, k := range keys(w) {
			c, ok := b.nodes[gazNodeKey{n, k}]
			if !ok {
				c = int32(b.keys.add(uint32(n+1), k))
				b.nodes[gazNodeKey{n, k}] = c
				b.entries = append(b.entries, nil)
			}
			n = c
		}
	}
	if old := b.entries[n]; old != nil && old.src <= src {
		if old.src == src && old.canonical != e.Canonical && old.label == e.Label {
			old.canonical = ""
		}
		return
	}
	b.entries[n] = &gazEntry{label: e.Label, canonical: e.Canonical, words: strings.Join(ws, " "), src: src}
}

// gazetteer returns the gazetteer built.
func (b *gazBuilder) gazetteer() *gazetteer {
	var offs, pool []byte
	for _, e := range b.entries {
		offs = binary.LittleEndian.AppendUint32(offs, uint32(len(pool)))
		if e != nil {
			pool = fmt.Appendf(pool, "%d\t%s\t%s\t%s", e.src, e.label, e.canonical, e.words)
		}
	}
	offs = binary.LittleEndian.AppendUint32(offs, uint32(len(pool)))
	return &gazetteer{nodes: b.keys.table(), offs: string(offs), pool: string(pool)}
}

// nameWords splits a gazetteer name as the annotator splits text, with a
// possessive written as its own word 's.
func nameWords(name string) []string {
	var out []string
	for _, w := range splitWords(nil, name, 0, len(name), func(_, j int) int { return j }) {
		out = append(out, w.text)
		if w.poss {
			out = append(out, "'s")
		}
	}
	return out
}

// wordKey returns the keys of w joined by hyphens.
func wordKey(w string) string { return string(appendWordKey(nil, w)) }

// keys splits a word at its hyphens, so that Hizb-ut-Tahrir and
// Hizb ut-Tahrir are one name, and normalises each part.
func keys(w string) []string {
	parts := strings.Split(w, "-")
	for i, p := range parts {
		parts[i] = key(p)
	}
	return parts
}

// lexicon is the data the annotator loads once per process.
type lexicon struct {
	gaz   *gazetteer
	words table // common lower-case English words
}

// loadLexicon reads the lexicon once per process, when an annotator
// first needs it.
var loadLexicon = sync.OnceValues(func() (*lexicon, error) { return readLexicon(gazData) })

// readLexicon indexes a blob written by writeLexicon.
func readLexicon(data string) (*lexicon, error) {
	r := newBlobReader(data, gazMagic)
	g := &gazetteer{nodes: r.table()}
	g.offs = r.uint32s(g.nodes.len() + 1)
	g.pool = r.section()
	lx := &lexicon{gaz: g, words: r.table()}
	if err := r.done(); err != nil {
		return nil, fmt.Errorf("entities: data/gazetteer.bin: %w", err)
	}
	if int(u32(g.offs, g.nodes.len())) != len(g.pool) {
		return nil, fmt.Errorf("entities: data/gazetteer.bin: %w", errBlob)
	}
	return lx, nil
}

// writeLexicon returns the blob readLexicon reads.
func writeLexicon(g *gazetteer, words table) string {
	w := newBlobWriter(gazMagic)
	w.table(g.nodes)
	w.section(g.offs)
	w.section(g.pool)
	w.table(words)
	return string(w.b)
}

// common reports whether w, lower-cased and stripped of a plural or
// adverb ending, is an ordinary English word.
func (lx *lexicon) common(w string) bool {
	var low, stem [64]byte
	b := lower.Append(low[:0], w)
	if find(&lx.words, 0, b) >= 0 {
		return true
	}
	for _, suf := range suffixes {
		if len(b) > len(suf.cut)+2 && string(b[len(b)-len(suf.cut):]) == suf.cut {
			s := append(append(stem[:0], b[:len(b)-len(suf.cut)]...), suf.add...)
			if find(&lx.words, 0, s) >= 0 {
				return true
			}
		}
	}
	return false
}

// suffixes are the endings common strips, with what replaces them.
var suffixes = []struct{ cut, add string }{{"s", ""}, {"es", ""}, {"ies", "y"}, {"ed", ""}, {"ed", "e"}, {"ing", ""}, {"ing", "e"}, {"ly", ""}}

// closedClass lists English function words, which WordNet leaves out;
// capitalised, they start sentences and headings, never names.
var closedClass = strings.Fields(`a an the this that these those some any each every all both either
neither no none other another such what which who whom whose where when why how whether
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
myself ourselves yourself himself herself itself themselves one ones
and or but nor so yet for if then than because although though while unless since until after before
as at by in into of off on onto out over to up upon with within without about above across against
along among amid around behind below beneath beside besides between beyond despite down during except
from inside near outside per past through throughout toward towards under underneath unlike via
is are was were be been being am do does did done have has had having can could may might must shall
should will would not also only even just still very too more most less least much many few
first second third fourth fifth sixth seventh eighth ninth tenth last next finally firstly secondly
thirdly lastly moreover furthermore however therefore thus hence indeed meanwhile nevertheless
nonetheless otherwise instead likewise similarly additionally especially particularly
here there now today yesterday tomorrow yes
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday`)
