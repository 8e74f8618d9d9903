package corpus

import (
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Dir yields the .txt files below root in lexical order of their paths,
// each with its path relative to root, without .txt and with forward
// slashes, as its id. A directory or file that cannot be read is yielded as
// an item with an error; the walk goes on. Symbolic links are not followed,
// so a link loop cannot trap the walk.
func (o Options) Dir(root string) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		o.walk(root, root, yield)
	}
}

// walk visits dir's entries in sorted order, reading one directory at a
// time so memory stays bounded by the widest directory, not the tree.
func (o Options) walk(root, dir string, yield func(Item) bool) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return yield(Item{ID: id(root, dir), Source: dir, Err: err})
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			if !o.walk(root, path, yield) {
				return false
			}
		case e.Type()&fs.ModeSymlink != 0:
			continue
		case strings.HasSuffix(e.Name(), ".txt"):
			if !yield(o.ReadFile(path, id(root, path))) {
				return false
			}
		}
	}
	return true
}

// id is the document id for path under root.
func id(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		rel = path
	}
	return strings.TrimSuffix(filepath.ToSlash(rel), ".txt")
}

// Count returns the number of .txt files Dir would yield below root,
// reading directory entries only, never the files.
func (o Options) Count(root string) int {
	n := 0
	entries, err := os.ReadDir(root)
	if err != nil {
		return 1 // Dir yields one error item for it
	}
	for _, e := range entries {
		switch {
		case e.IsDir():
			n += o.Count(filepath.Join(root, e.Name()))
		case e.Type()&fs.ModeSymlink == 0 && strings.HasSuffix(e.Name(), ".txt"):
			n++
		}
	}
	return n
}
