package entities

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strings"
	"sync"
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

//go:embed data/*.tsv data/words.txt.gz
var dataFS embed.FS

var dataFiles = []struct {
	name string
	src  int
}{
	{"data/igo.tsv", srcIGO},
	{"data/countries.tsv", srcCountries},
	{"data/cities.tsv", srcCities},
	{"data/m49.tsv", srcM49},
	{"data/wordnet.tsv", srcWordNet},
}

// A trie maps name keys, word by word, to gazetteer entries.
type trie struct {
	next  map[string]*trie
	entry *gazEntry
}

type gazEntry struct {
	Entry
	words []string // the name's words as written, for the case check
	src   int
}

func (t *trie) add(e Entry, src int) {
	ws := nameWords(e.Name)
	if len(ws) == 0 {
		return
	}
	n := t
	for _, w := range ws {
		for _, k := range keys(w) {
			if n.next == nil {
				n.next = make(map[string]*trie)
			}
			c := n.next[k]
			if c == nil {
				c = &trie{}
				n.next[k] = c
			}
			n = c
		}
	}
	if n.entry != nil && n.entry.src <= src {
		if n.entry.src == src && n.entry.Canonical != e.Canonical && n.entry.Label == e.Label {
			n.entry.Canonical = "" // an alias of two names links to neither
		}
		return
	}
	n.entry = &gazEntry{Entry: e, words: ws, src: src}
}

// walk follows the keys of word w from n, or returns nil.
func (n *trie) walk(w string) *trie { return n.walkKey(wordKey(w)) }

// walkKey follows the keys in k, a wordKey, from n, or returns nil.
func (n *trie) walkKey(k string) *trie {
	for {
		part, rest, more := strings.Cut(k, "-")
		if n = n.next[part]; n == nil || !more {
			return n
		}
		k = rest
	}
}

// wordKey returns the keys of w joined by hyphens.
func wordKey(w string) string {
	if !strings.Contains(w, "-") {
		return key(w)
	}
	return strings.Join(keys(w), "-")
}

// keys splits a word at its hyphens, so that Hizb-ut-Tahrir and
// Hizb ut-Tahrir are one name, and normalises each part.
func keys(w string) []string {
	parts := strings.Split(w, "-")
	for i, p := range parts {
		parts[i] = key(p)
	}
	return parts
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

// lexicon is the data the annotator loads once per process.
type lexicon struct {
	gaz   *trie
	words map[string]bool // common lower-case English words
}

// loadLexicon reads the lexicon once per process, when an annotator
// first needs it.
var loadLexicon = sync.OnceValues(readLexicon)

func readLexicon() (*lexicon, error) {
	lx := &lexicon{gaz: &trie{}, words: make(map[string]bool, 80000)}
	for _, f := range dataFiles {
		data, err := dataFS.ReadFile(f.name)
		if err != nil {
			return nil, err
		}
		es, err := LoadEntries(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.name, err)
		}
		for _, e := range es {
			lx.gaz.add(e, f.src)
		}
	}
	data, err := dataFS.ReadFile("data/words.txt.gz")
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	// One string for all the words, which the map's keys share.
	for rest := string(b); rest != ""; {
		var w string
		w, rest, _ = strings.Cut(rest, "\n")
		if w = strings.TrimSuffix(w, "\r"); w != "" {
			lx.words[w] = true
		}
	}
	for _, w := range closedClass {
		lx.words[w] = true
	}
	return lx, nil
}

// common reports whether w, lower-cased and stripped of a plural or
// adverb ending, is an ordinary English word.
func (lx *lexicon) common(w string) bool {
	w = strings.ToLower(w)
	if lx.words[w] {
		return true
	}
	for _, suf := range []struct{ cut, add string }{{"s", ""}, {"es", ""}, {"ies", "y"}, {"ed", ""}, {"ed", "e"}, {"ing", ""}, {"ing", "e"}, {"ly", ""}} {
		if strings.HasSuffix(w, suf.cut) && len(w) > len(suf.cut)+2 && lx.words[strings.TrimSuffix(w, suf.cut)+suf.add] {
			return true
		}
	}
	return false
}

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
