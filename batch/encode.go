package batch

import (
	"bytes"
	"context"
	"io"
	"path/filepath"

	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Encode annotates one item with p and returns its gloss/v1 JSON, exactly
// the bytes a Job writes for it: compact (one line) for OutDir and JSON
// Lines, or one annotation a line with pretty set. An item that could not
// be read, text that is not UTF-8 and a failing stage are errors, whose
// text is a Failure's Reason. Other runners of gloss, such as the Apache
// Beam launcher, call it so their output is the same as a Job's.
func Encode(ctx context.Context, p *pipeline.Pipeline, it corpus.Item, pretty bool) ([]byte, error) {
	return encode(ctx, p, it, func(w io.Writer, doc *pipeline.Document) error {
		return doc.WriteJSON(w, pretty)
	})
}

// encode annotates it with p and encodes the document with enc.
func encode(ctx context.Context, p *pipeline.Pipeline, it corpus.Item, enc func(io.Writer, *pipeline.Document) error) ([]byte, error) {
	if it.Err != nil {
		return nil, it.Err
	}
	doc, err := pipeline.NewDocument(it.ID, it.Source, it.Text)
	if err != nil {
		return nil, err
	}
	if err := p.Annotate(ctx, doc); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := enc(&b, doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// OutputPath returns the path, relative to OutDir and with forward
// slashes, of the file a Job writes for the document id, before its
// extension; an id that would escape the directory is an error.
func OutputPath(id string) (string, error) {
	rel, err := outputPath(id)
	return filepath.ToSlash(rel), err
}
