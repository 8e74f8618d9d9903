// Package corpus reads the texts gloss annotates: single files, directory
// trees of .txt files and JSON Lines corpora, and the essay bundled with
// gloss. Readers stream: a corpus of any size is read one document at a
// time, and a document that cannot be read is an Item with an error, so a
// batch reports it and goes on.
package corpus

import (
	_ "embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"iter"
	"os"
	"strings"
)

// Essay is the bundled example text, an essay on the Shanghai Cooperation
// Organisation extracted from a PDF book chapter.
//
//go:embed sco-essay.txt
var Essay string

// EssayItem returns the bundled essay as a corpus item.
func EssayItem() Item {
	return Item{ID: "sco-essay", Source: "corpus/sco-essay.txt", Text: Essay, Size: int64(len(Essay))}
}

// An Item is one document of a corpus: its text, or the reason it could
// not be read.
type Item struct {
	ID     string // stable identifier: a relative path without .txt, or the JSON Lines id
	Source string // where it came from: a path, or path:line for JSON Lines
	Text   string
	Size   int64 // input size in bytes, known even when Err is set if it could be stat'ed
	Err    error
}

// DefaultMaxBytes is the largest document readers accept when Options
// leaves MaxBytes zero.
const DefaultMaxBytes = 256 << 20

// Options limit what readers accept. The zero value is ready to use.
type Options struct {
	// MaxBytes is the largest document accepted; larger ones are an
	// error for that document. Zero means DefaultMaxBytes.
	MaxBytes int64
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// ErrTooLarge is wrapped by the error for a document over the size limit.
var ErrTooLarge = errors.New("document too large")

// ErrEmpty is wrapped by the error for a 0-byte document.
var ErrEmpty = errors.New("empty document")

// ReadFile reads one text file as an item with the given id.
func (o Options) ReadFile(path, id string) Item {
	it := Item{ID: id, Source: path}
	// Stat before opening: opening a FIFO or device would block or never end.
	info, err := os.Stat(path)
	if err != nil {
		it.Err = err
		return it
	}
	if !info.Mode().IsRegular() {
		it.Err = fmt.Errorf("%s: not a regular file", path)
		return it
	}
	it.Size = info.Size()
	f, err := os.Open(path)
	if err != nil {
		it.Err = err
		return it
	}
	defer f.Close()
	it.Text, it.Err = o.Read(f, path)
	return it
}

// Read reads a whole document from r, within the size limit; source names
// r in errors.
func (o Options) Read(r io.Reader, source string) (string, error) {
	max := o.maxBytes()
	var b strings.Builder
	n, err := io.Copy(&b, io.LimitReader(r, max+1))
	switch {
	case err != nil:
		return "", fmt.Errorf("%s: %w", source, err)
	case n > max:
		return "", fmt.Errorf("%s: %w (over %d bytes)", source, ErrTooLarge, max)
	case n == 0:
		return "", fmt.Errorf("%s: %w", source, ErrEmpty)
	}
	return b.String(), nil
}

// Shard keeps the items whose id hashes to shard i of n (0 ≤ i < n). The
// hash is FNV-1a of the id, so the split is the same on every machine and
// every run: the union of the n shards is the whole corpus, each document
// in exactly one.
func Shard(items iter.Seq[Item], i, n int) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for it := range items {
			h := fnv.New64a()
			h.Write([]byte(it.ID))
			if h.Sum64()%uint64(n) == uint64(i) && !yield(it) {
				return
			}
		}
	}
}
