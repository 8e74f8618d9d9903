// Package batch runs a pipeline over a corpus of any size: several workers,
// bounded memory, output in input order whatever the worker count, one bad
// document reported without stopping the rest, and, when writing one file
// per document, resumable and atomic.
package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/pipeline"
)

// A Job annotates a stream of corpus items.
type Job struct {
	Pipeline *pipeline.Pipeline

	// Workers is the number of documents annotated at once; zero means
	// the number of CPUs.
	Workers int

	// OutDir, if set, receives one file per document, <OutDir>/<id>.json,
	// mirroring the ids' directory structure, plus _report.json. A rerun
	// skips documents whose output was made from the same text by the same
	// pipeline. If OutDir is empty, documents go to Out as JSON Lines, in
	// input order.
	OutDir string
	Out    io.Writer

	// Pretty writes each annotation on its own line (for a single
	// document on a terminal); JSON Lines output is always compact.
	Pretty bool

	// Encode, if set, replaces the gloss/v1 JSON encoding of each
	// document (exports use it); Ext is then the output file extension.
	Encode func(w io.Writer, doc *pipeline.Document) error
	Ext    string

	// Progress, if set, is called after each document with the totals so
	// far. It is called from one goroutine at a time.
	Progress func(Stats)
}

// Stats counts a job's documents.
type Stats struct {
	Documents int           `json:"documents"`
	Annotated int           `json:"annotated"`
	Skipped   int           `json:"skipped"` // up to date from an earlier run
	Failed    int           `json:"failed"`
	Bytes     int64         `json:"bytes"`
	Elapsed   time.Duration `json:"-"`
}

// A Failure is a document that could not be annotated.
type Failure struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Reason string `json:"reason"`
}

// A Report is the outcome of a job.
type Report struct {
	Pipeline string    `json:"pipeline"`
	Stats              // embedded: counts at the top level
	Failures []Failure `json:"failures"`
}

// OK reports whether every document succeeded.
func (r *Report) OK() bool { return r.Failed == 0 }

// ReportFile is the name of the job report written in OutDir.
const ReportFile = "_report.json"

// result is one document's outcome, carried from a worker to the writer.
type result struct {
	item    corpus.Item
	out     []byte // encoded document, for stream output
	skipped bool
	err     error
}

// Run annotates every item and returns the report. It returns an error
// only when the job as a whole cannot go on (the output cannot be written,
// or ctx is done); failures of single documents are in the report.
func (j *Job) Run(ctx context.Context, items iter.Seq[corpus.Item]) (*Report, error) {
	workers := j.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if j.OutDir != "" {
		if err := os.MkdirAll(j.OutDir, 0o755); err != nil {
			return nil, err
		}
		if err := removeTemps(j.OutDir); err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Each item gets a one-slot channel for its result; the writer takes
	// them in input order. At most 2×workers items are in flight, so
	// memory is bounded by the largest documents, not the corpus.
	type job struct {
		item corpus.Item
		done chan result
	}
	todo := make(chan job)
	order := make(chan chan result, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for jb := range todo {
				jb.done <- j.process(ctx, jb.item)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(todo)
		for it := range items {
			done := make(chan result, 1)
			select {
			case order <- done:
			case <-ctx.Done():
				return
			}
			select {
			case todo <- job{it, done}:
			case <-ctx.Done():
				// The writer waits on done, which is in order already.
				done <- result{item: it, err: ctx.Err()}
				return
			}
		}
	}()

	rep := &Report{Pipeline: j.Pipeline.Version(), Failures: []Failure{}}
	start := time.Now()
	var fatal error
	for done := range order {
		r := <-done
		rep.Documents++
		rep.Bytes += r.item.Size
		switch {
		case r.err != nil:
			rep.Failed++
			rep.Failures = append(rep.Failures, Failure{r.item.ID, r.item.Source, r.err.Error()})
		case r.skipped:
			rep.Skipped++
		default:
			rep.Annotated++
			if j.OutDir == "" && fatal == nil {
				if _, err := j.Out.Write(r.out); err != nil {
					fatal = err
					cancel()
				}
			}
		}
		rep.Elapsed = time.Since(start)
		if j.Progress != nil {
			j.Progress(rep.Stats)
		}
	}
	wg.Wait()
	if fatal == nil {
		fatal = ctx.Err()
	}
	if j.OutDir != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if err := writeAtomic(filepath.Join(j.OutDir, ReportFile), append(data, '\n')); err != nil && fatal == nil {
			fatal = err
		}
	}
	return rep, fatal
}

// process annotates one item and, with OutDir set, writes its file.
func (j *Job) process(ctx context.Context, it corpus.Item) result {
	r := result{item: it}
	if it.Err != nil {
		r.err = it.Err
		return r
	}
	var target string
	if j.OutDir != "" {
		rel, err := outputPath(it.ID)
		if err != nil {
			r.err = err
			return r
		}
		target = filepath.Join(j.OutDir, rel+j.ext())
		if j.Encode == nil && upToDate(target, it.Text, j.Pipeline.Version()) {
			r.skipped = true
			return r
		}
	}
	enc := j.Encode
	if enc == nil {
		enc = func(w io.Writer, doc *pipeline.Document) error { return doc.WriteJSON(w, j.Pretty) }
	}
	out, err := encode(ctx, j.Pipeline, it, enc)
	if err != nil {
		r.err = err
		return r
	}
	if target == "" {
		r.out = out
		return r
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		r.err = err
		return r
	}
	r.err = writeAtomic(target, out)
	return r
}

func (j *Job) ext() string {
	if j.Ext != "" {
		return j.Ext
	}
	return ".json"
}

// outputPath turns a document id into a relative output path, refusing ids
// that would escape the output directory.
func outputPath(id string) (string, error) {
	clean := path.Clean("/" + strings.ReplaceAll(id, "\\", "/"))[1:]
	if clean == "" || clean != strings.ReplaceAll(id, "\\", "/") || strings.HasPrefix(clean, ReportFile) {
		return "", fmt.Errorf("id %q cannot name an output file", id)
	}
	return filepath.FromSlash(clean), nil
}

// writeAtomic writes data to a temporary file beside path and renames it
// into place, so a reader, or a rerun after a crash, sees either the old
// file or the whole new one.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes 0600; outputs are for others to read
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// tempPrefix starts the names of files being written; a run killed
// mid-write leaves them behind, and the next run removes them.
const tempPrefix = ".tmp-"

// removeTemps deletes temporary files left in dir by a killed run.
func removeTemps(dir string) error {
	return filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && strings.HasPrefix(e.Name(), tempPrefix) {
			return os.Remove(path)
		}
		return nil
	})
}

// upToDate reports whether the gloss/v1 file at path was made from text by
// the given pipeline version. It reads only the header at the start of the
// file.
func upToDate(path, text, version string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var head struct {
		Doc struct {
			SHA256 string `json:"sha256"`
			Bytes  int    `json:"bytes"`
		} `json:"doc"`
		Annotators []pipeline.Stage `json:"annotators"`
	}
	dec := json.NewDecoder(f)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	seen := 0
	for dec.More() && seen < 2 {
		key, err := dec.Token()
		if err != nil {
			return false
		}
		switch key {
		case "doc":
			err = dec.Decode(&head.Doc)
			seen++
		case "annotators":
			err = dec.Decode(&head.Annotators)
			seen++
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return false
		}
	}
	if seen < 2 || head.Doc.Bytes != len(text) {
		return false
	}
	doc := pipeline.Document{Text: text}
	return head.Doc.SHA256 == doc.SHA256() && pipeline.Version(head.Annotators) == version
}

// ErrFailed is returned by callers that turn a report with failures into an
// exit status.
var ErrFailed = errors.New("some documents failed")
