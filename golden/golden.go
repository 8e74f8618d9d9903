package golden

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"sync"

	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schema is the compiled gloss/v1 JSON Schema, built once per process.
var schema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(pipeline.JSONSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("gloss-v1.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("gloss-v1.schema.json")
})

// Validate checks a serialised document against the gloss/v1 JSON Schema.
func Validate(data []byte) error {
	sch, err := schema()
	if err != nil {
		return fmt.Errorf("gloss/v1 schema: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// CheckText checks a document against the text it annotates: the header's
// size, and every span in bounds, in order, with text equal to the bytes it
// covers.
func CheckText(d *jsondoc.Document, text string) error {
	if d.Doc.Bytes != len(text) {
		return fmt.Errorf("doc.bytes is %d, text is %d bytes", d.Doc.Bytes, len(text))
	}
	for _, l := range d.Layers {
		for i, sp := range l.Spans {
			if sp.End > len(text) {
				return fmt.Errorf("%s[%d]: span %d:%d beyond the text", l.Name, i, sp.Start, sp.End)
			}
			if sp.HasText && sp.Text != text[sp.Start:sp.End] {
				return fmt.Errorf("%s[%d]: text %q, want %q", l.Name, i, sp.Text, text[sp.Start:sp.End])
			}
			if i > 0 {
				prev := l.Spans[i-1]
				if sp.Start < prev.Start || sp.Start == prev.Start && sp.End > prev.End {
					return fmt.Errorf("%s[%d]: span %d:%d out of order", l.Name, i, sp.Start, sp.End)
				}
			}
		}
	}
	return nil
}

// A Result is the outcome of checking one document against its golden file.
type Result struct {
	ID      string
	Path    string   // the golden file
	Text    string   // the annotated text, for positions in diffs
	Changes []Change // from the golden file to the current output
	Missing bool     // no golden file yet
	Updated bool     // the golden file was (re)written
	Err     error    // the document could not be annotated or compared
}

// OK reports whether the document matched its golden file.
func (r Result) OK() bool { return r.Err == nil && !r.Missing && len(r.Changes) == 0 }

// Run annotates each corpus item with p and compares the output with
// dir/<id>.json. With update set, it rewrites golden files that differ or
// are missing instead of reporting them.
func Run(ctx context.Context, p *pipeline.Pipeline, items iter.Seq[corpus.Item], dir string, update bool) []Result {
	var out []Result
	for it := range items {
		out = append(out, check(ctx, p, it, dir, update))
	}
	return out
}

func check(ctx context.Context, p *pipeline.Pipeline, it corpus.Item, dir string, update bool) Result {
	r := Result{ID: it.ID, Path: filepath.Join(dir, filepath.FromSlash(it.ID)+".json"), Text: it.Text}
	if it.Err != nil {
		r.Err = it.Err
		return r
	}
	got, err := annotate(ctx, p, it)
	if err != nil {
		r.Err = err
		return r
	}
	want, err := os.ReadFile(r.Path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		r.Missing = true
	case err != nil:
		r.Err = err
		return r
	case !bytes.Equal(got, want):
		r.Changes, r.Err = compare(want, got)
		if r.Err == nil && len(r.Changes) == 0 {
			// Same annotations, different bytes (formatting): still stale.
			r.Changes = []Change{{Layer: "(file)", Kind: Changed, Detail: "same annotations, different bytes"}}
		}
	}
	if update && (r.Missing || len(r.Changes) > 0 || r.Err != nil) {
		r.Err = nil
		if err := os.MkdirAll(filepath.Dir(r.Path), 0o755); err != nil {
			r.Err = err
			return r
		}
		if err := os.WriteFile(r.Path, got, 0o644); err != nil {
			r.Err = err
			return r
		}
		r.Updated = true
	}
	return r
}

// annotate runs p over an item and returns its pretty gloss/v1 JSON.
func annotate(ctx context.Context, p *pipeline.Pipeline, it corpus.Item) ([]byte, error) {
	doc, err := pipeline.NewDocument(it.ID, it.Source, it.Text)
	if err != nil {
		return nil, err
	}
	if err := p.Annotate(ctx, doc); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := doc.WriteJSON(&b, true); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// compare parses two serialised documents and diffs them.
func compare(old, new []byte) ([]Change, error) {
	a, err := jsondoc.Parse(old)
	if err != nil {
		return nil, fmt.Errorf("golden file: %w", err)
	}
	b, err := jsondoc.Parse(new)
	if err != nil {
		return nil, err
	}
	return Diff(a, b), nil
}
