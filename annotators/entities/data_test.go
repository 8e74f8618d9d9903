package entities

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"encoding/gob"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

var update = flag.Bool("update", false, "rewrite data/ner.bin and data/gazetteer.bin from their sources")

// TestData checks that the embedded blobs are what converting their
// sources gives now, and with -update rewrites them.
func TestData(t *testing.T) {
	for _, f := range []struct {
		path     string
		embedded string
		convert  func() (string, error)
	}{
		{"data/ner.bin", nerData, convertNER},
		{"data/gazetteer.bin", gazData, convertGazetteer},
	} {
		t.Run(f.path, func(t *testing.T) {
			got, err := f.convert()
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(f.path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != f.embedded {
				t.Errorf("%s is out of date (%d bytes, conversion gives %d): run go test -run TestData -update", f.path, len(f.embedded), len(got))
			}
		})
	}
}

// convertNER writes prose's maximum-entropy NER model (its gob assets
// model/Maxent/*.gob) as a blob for readNER.
//
// prose keys a weight by the string feature-value-label. Values and labels
// may contain dashes, so a key is filed under every reading of it that
// names a known feature and label: prose would find it under each. Ids
// are given to (feature, value) pairs in sorted order, and each id's
// weights are sorted by label; a label occurs once in an id's list, so
// the order does not change any sum.
func convertNER() (string, error) {
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
		b, err := prose.Asset("model/Maxent/" + a.name)
		if err != nil {
			return "", err
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(a.v); err != nil {
			return "", fmt.Errorf("prose's NER model, %s: %v", a.name, err)
		}
	}
	if len(labels) == 0 || len(labels) > maxLabels {
		return "", fmt.Errorf("prose's NER model has %d labels", len(labels))
	}
	byName := make(map[string]int, numFeatures)
	for i, name := range featureOrder {
		byName[name] = i
	}
	type entry struct {
		fi    int
		val   string
		label uint8
		w     float64
	}
	var entries []entry
	for key, wi := range mapping {
		if wi < 0 || wi >= len(weights) {
			return "", fmt.Errorf("prose's NER model: weight %d of %q out of range", wi, key)
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
			entries = append(entries, entry{fi, key[d+1 : v], uint8(li), weights[wi]})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.fi, b.fi), strings.Compare(a.val, b.val), cmp.Compare(a.label, b.label))
	})
	var tb tableBuilder
	var off, lab, wts []byte
	for k, e := range entries {
		if k == 0 || e.fi != entries[k-1].fi || e.val != entries[k-1].val {
			tb.add(uint32(e.fi), e.val)
			off = binary.LittleEndian.AppendUint32(off, uint32(k))
		}
		lab = append(lab, e.label)
		wts = binary.LittleEndian.AppendUint64(wts, math.Float64bits(e.w))
	}
	slices.Sort(words)
	words = slices.Compact(words)
	for _, w := range words {
		tb.add(numFeatures, w)
		off = binary.LittleEndian.AppendUint32(off, uint32(len(entries)))
	}
	off = binary.LittleEndian.AppendUint32(off, uint32(len(entries)))
	w := newBlobWriter(nerMagic)
	w.section(strings.Join(labels, "\n"))
	w.table(tb.table())
	w.section(string(off))
	w.section(string(lab))
	w.section(string(wts))
	return string(w.b), nil
}

// gazetteerFiles are the gazetteers in data/, most trusted first.
var gazetteerFiles = []struct {
	name string
	src  int
}{
	{"data/igo.tsv", srcIGO},
	{"data/countries.tsv", srcCountries},
	{"data/cities.tsv", srcCities},
	{"data/m49.tsv", srcM49},
	{"data/wordnet.tsv", srcWordNet},
}

// convertGazetteer builds the gazetteers of data/*.tsv and the word list
// data/words.txt.gz, with the closed-class words, into a blob for
// readLexicon.
func convertGazetteer() (string, error) {
	var b gazBuilder
	for _, f := range gazetteerFiles {
		data, err := os.ReadFile(f.name)
		if err != nil {
			return "", err
		}
		es, err := LoadEntries(bytes.NewReader(data))
		if err != nil {
			return "", fmt.Errorf("%s: %v", f.name, err)
		}
		for _, e := range es {
			b.add(e, f.src)
		}
	}
	f, err := os.Open("data/words.txt.gz")
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return "", err
	}
	words := append(strings.Fields(string(data)), closedClass...)
	slices.Sort(words)
	var tb tableBuilder
	for _, w := range slices.Compact(words) {
		tb.add(0, w)
	}
	return writeLexicon(b.gazetteer(), tb.table()), nil
}
