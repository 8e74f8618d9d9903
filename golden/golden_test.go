package golden

import (
	"context"
	"flag"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

var update = flag.Bool("update", false, "update golden files")

// corpusItems yields the bundled corpus with sources named from the
// repository root, as `gloss annotate corpus/...` names them.
func corpusItems(yield func(corpus.Item) bool) {
	for it := range (corpus.Options{}).Dir("../corpus") {
		it.Source = path.Join("corpus", it.ID+".txt")
		if !yield(it) {
			return
		}
	}
}

// TestGolden checks the standard pipeline's output for every corpus text
// against golden/<id>.json. Run `go test ./golden -update` to rewrite the
// files, then read `git diff golden/` before committing.
func TestGolden(t *testing.T) {
	p, err := annotators.New(annotators.Options{})
	if err != nil {
		t.Fatal(err)
	}
	results := Run(context.Background(), p, corpusItems, ".", *update)
	if len(results) == 0 {
		t.Fatal("no corpus texts found in ../corpus")
	}
	for _, r := range results {
		t.Run(r.ID, func(t *testing.T) {
			switch {
			case r.Err != nil:
				t.Fatal(r.Err)
			case r.Updated:
				t.Logf("updated %s", r.Path)
			case r.Missing:
				t.Fatalf("no golden file %s; run go test ./golden -update", r.Path)
			case len(r.Changes) > 0:
				var b strings.Builder
				Printer{Text: r.Text, MaxPerLayer: 25}.Write(&b, r.Changes)
				t.Errorf("output differs from %s (go test ./golden -update rewrites it):\n%s", r.Path, b.String())
			}
		})
	}
}

// TestGoldenFilesValid checks every golden file against the published JSON
// Schema and against its text.
func TestGoldenFilesValid(t *testing.T) {
	files, _ := filepath.Glob("*.json")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := Validate(data); err != nil {
				t.Errorf("schema: %v", err)
			}
			d, err := jsondoc.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			text, err := os.ReadFile(filepath.Join("../corpus", strings.TrimSuffix(f, ".json")+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			if err := CheckText(d, string(text)); err != nil {
				t.Error(err)
			}
		})
	}
}
