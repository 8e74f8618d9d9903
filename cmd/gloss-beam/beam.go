package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/annotators/entities"
	"github.com/gloss-nlp/gloss/batch"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Every DoFn, function and emitter the pipeline uses is registered, so
// workers, which re-run this binary, find them by name, and Beam calls
// them through generated wrappers rather than reflection.
func init() {
	beam.RegisterType(reflect.TypeOf((*document)(nil)).Elem())
	register.DoFn3x1[context.Context, fileio.ReadableFile, func(document), error](&readTextFn{})
	register.DoFn3x1[context.Context, fileio.ReadableFile, func(document), error](&readJSONLFn{})
	register.DoFn4x1[context.Context, document, func(string), func(string), error](&annotateFn{})
	register.DoFn2x0[[]byte, func(int, bool)](&allShardsFn{})
	register.DoFn4x1[context.Context, int, func(*string) bool, func(*bool) bool, error](&writeShardFn{})
	register.DoFn3x1[context.Context, []byte, func(*string) bool, error](&writeAllFn{})
	register.DoFn1x2[string, int, string](&shardKeyFn{})
	register.Emitter1[document]()
	register.Emitter1[string]()
	register.Emitter2[int, bool]()
	register.Iter1[string]()
	register.Iter1[bool]()
}

// A config is one run of the launcher: where the corpus is, where its
// annotations go, and the pipeline that makes them.
type config struct {
	Input       string // glob of input files
	InputFormat string // "text" or "jsonl"
	Output      string // directory for <id>.json files, or ""
	JSONLOutput string // prefix of sharded JSON Lines files, or ""
	Shards      int    // number of JSON Lines files
	Errors      string // JSON Lines file of failed documents
	MaxBytes    int64  // largest document accepted
	Spec        spec
}

// A spec chooses the annotation pipeline, as gloss annotate's flags do. It
// travels to the workers inside the DoFn, so it holds data, not paths:
// the gazetteer's entries, not its file, which workers may not see.
type spec struct {
	DCT        string
	MonthFirst bool
	Layers     []string
	Gazetteer  []entities.Entry
}

// pipeline builds the pipeline the spec asks for, exactly as gloss
// annotate does from the same flags.
func (s spec) pipeline() (*pipeline.Pipeline, error) {
	p, err := annotators.New(annotators.Options{DCT: s.DCT, MonthFirst: s.MonthFirst, Gazetteer: s.Gazetteer})
	if err != nil || len(s.Layers) == 0 {
		return p, err
	}
	return p.Select(s.Layers...)
}

// A document is a corpus.Item as it travels between stages. Beam encodes
// elements, and an error does not encode, so a document that could not be
// read carries the error's text.
type document struct {
	ID, Source, Text string
	Size             int64
	Err              string
}

func newDocument(it corpus.Item) document {
	d := document{ID: it.ID, Source: it.Source, Text: it.Text, Size: it.Size}
	if it.Err != nil {
		d.Err = it.Err.Error()
	}
	return d
}

func (d document) item() corpus.Item {
	it := corpus.Item{ID: d.ID, Source: d.Source, Text: d.Text, Size: d.Size}
	if d.Err != "" {
		it.Err = readError(d.Err)
	}
	return it
}

// A readError is an error known only by its text.
type readError string

func (e readError) Error() string { return string(e) }

// build adds the job to a new Beam pipeline: match the input files, read
// them into documents, annotate each, and write the annotations and the
// failures.
func build(cfg config) *beam.Pipeline {
	p, s := beam.NewPipelineWithRoot()
	glob := cleanGlob(cfg.Input)
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, glob), fileio.ReadUncompressed())
	// Spread the files over the workers: the glob is one element, and all
	// that is fused after its match would otherwise run in one bundle.
	files = beam.Reshuffle(s, files)
	var docs beam.PCollection
	if cfg.InputFormat == "jsonl" {
		// A JSON Lines file is read by one worker; its documents are
		// spread again, to be annotated by all of them.
		docs = beam.Reshuffle(s, beam.ParDo(s, &readJSONLFn{MaxBytes: cfg.MaxBytes}, files))
	} else {
		docs = beam.ParDo(s, &readTextFn{Root: globRoot(glob), MaxBytes: cfg.MaxBytes}, files)
	}
	lines, failures := beam.ParDo2(s, &annotateFn{Spec: cfg.Spec, Output: cfg.Output, JSONL: cfg.JSONLOutput != ""}, docs)
	if cfg.JSONLOutput != "" {
		shards := max(cfg.Shards, 1)
		keyed := beam.ParDo(s, &shardKeyFn{Shards: shards}, lines)
		// Grouped with every shard number, so that a shard no document
		// hashes to is still written, empty: the files are always all N.
		all := beam.ParDo(s, &allShardsFn{Shards: shards}, beam.Impulse(s))
		beam.ParDo0(s, &writeShardFn{Prefix: cfg.JSONLOutput, Shards: shards}, beam.CoGroupByKey(s, keyed, all))
	}
	// Written even when empty: its presence says the job finished.
	beam.ParDo0(s, &writeAllFn{Path: cfg.Errors}, beam.Impulse(s), beam.SideInput{Input: failures})
	return p
}

// cleanGlob cleans a local glob the way filepath.Glob cleans its matches,
// so that the matches start with the glob's root; a URL (gs://…) is left
// as it is.
func cleanGlob(glob string) string {
	if strings.Contains(glob, "://") {
		return glob
	}
	return filepath.Clean(glob)
}

// globRoot returns the root that document ids are relative to: the glob's
// leading path elements without wildcards, with a trailing slash, or ""
// for a glob whose first element has one. For a glob without wildcards,
// a single file, it is the file's directory.
func globRoot(glob string) string {
	i := strings.IndexAny(glob, `*?[\`)
	if i < 0 {
		i = len(glob)
	}
	return glob[:strings.LastIndex(glob[:i], "/")+1]
}

// textID returns the id of the text file at path under root: its path
// relative to root without .txt, as corpus.Dir names files.
func textID(root, path string) string {
	return strings.TrimSuffix(strings.TrimPrefix(path, root), ".txt")
}

// readTextFn reads each file as one text document.
type readTextFn struct {
	Root     string
	MaxBytes int64
}

func (f *readTextFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(document)) error {
	src := file.Metadata.Path
	it := corpus.Item{ID: textID(f.Root, src), Source: src, Size: file.Metadata.Size}
	rc, err := file.Open(ctx)
	if err != nil {
		it.Err = err
	} else {
		it.Text, it.Err = corpus.Options{MaxBytes: f.MaxBytes}.Read(rc, src)
		rc.Close()
	}
	emit(newDocument(it))
	return nil
}

// readJSONLFn reads each file as a JSON Lines corpus with corpus.JSONL, so
// ids, sources (path:line) and the errors for bad lines are gloss
// annotate's.
type readJSONLFn struct {
	MaxBytes int64
}

func (f *readJSONLFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(document)) error {
	src := file.Metadata.Path
	rc, err := file.Open(ctx)
	if err != nil {
		emit(newDocument(corpus.Item{ID: src, Source: src, Err: err}))
		return nil
	}
	defer rc.Close()
	for it := range (corpus.Options{MaxBytes: f.MaxBytes}).JSONL(rc, src) {
		emit(newDocument(it))
	}
	return nil
}

// annotateFn annotates each document with batch.Encode, the code gloss
// annotate runs, and writes <Output>/<id>.json. With JSONL set it also
// emits each annotation as a line. A document that fails is emitted to
// the second output as a batch.Failure in JSON; it never fails the job.
type annotateFn struct {
	Spec   spec
	Output string
	JSONL  bool

	p *pipeline.Pipeline
}

var (
	annotated = beam.NewCounter("gloss", "annotated")
	failed    = beam.NewCounter("gloss", "failed")
)

func (f *annotateFn) Setup() error {
	var err error
	f.p, err = f.Spec.pipeline()
	return err
}

func (f *annotateFn) ProcessElement(ctx context.Context, d document, line, failure func(string)) error {
	it := d.item()
	if err := f.process(ctx, it, line); err != nil {
		b, _ := json.Marshal(batch.Failure{ID: it.ID, Source: it.Source, Reason: err.Error()})
		failure(string(b))
		failed.Inc(ctx, 1)
		return nil
	}
	annotated.Inc(ctx, 1)
	return nil
}

func (f *annotateFn) process(ctx context.Context, it corpus.Item, line func(string)) error {
	var target string
	if f.Output != "" && it.Err == nil {
		rel, err := batch.OutputPath(it.ID)
		if err != nil {
			return err
		}
		target = joinPath(f.Output, rel+".json")
	}
	out, err := batch.Encode(ctx, f.p, it, false)
	if err != nil {
		return err
	}
	if target != "" {
		if err := writeFile(ctx, target, out); err != nil {
			return err
		}
	}
	if f.JSONL {
		line(strings.TrimSuffix(string(out), "\n"))
	}
	return nil
}

// joinPath joins a directory, local or a URL, and a slash-separated
// relative path.
func joinPath(dir, rel string) string {
	if strings.Contains(dir, "://") {
		return strings.TrimSuffix(dir, "/") + "/" + rel
	}
	return filepath.Join(dir, filepath.FromSlash(rel))
}

// writeFile writes data to path through Beam's filesystems, so gs:// and
// other registered schemes work. A local file is written beside its
// target and renamed into place, as batch.Job does, so a bundle retried
// after a crash never leaves half a file; object stores make an object
// visible only when its upload completes.
func writeFile(ctx context.Context, target string, data []byte) (err error) {
	fs, err := filesystem.New(ctx, target)
	if err != nil {
		return err
	}
	defer fs.Close()
	rn, local := fs.(filesystem.Renamer)
	local = local && !strings.Contains(target, "://")
	tmp := target
	if local {
		tmp = filepath.Join(filepath.Dir(target), fmt.Sprintf(".tmp-%s-%d", filepath.Base(target), rand.Uint64()))
	}
	w, err := fs.OpenWrite(ctx, tmp)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil && local {
		err = rn.Rename(ctx, tmp, target)
	}
	if err != nil && local {
		if rm, ok := fs.(filesystem.Remover); ok {
			rm.Remove(ctx, tmp)
		}
	}
	return err
}

// shardKeyFn assigns each JSON line to a shard by a hash of its bytes, so
// a rerun puts each document in the same file.
type shardKeyFn struct {
	Shards int
}

func (f *shardKeyFn) ProcessElement(line string) (int, string) {
	h := fnv.New64a()
	h.Write([]byte(line))
	return int(h.Sum64() % uint64(f.Shards)), line
}

// allShardsFn emits every shard number once.
type allShardsFn struct {
	Shards int
}

func (f *allShardsFn) ProcessElement(_ []byte, emit func(int, bool)) {
	for i := range f.Shards {
		emit(i, true)
	}
}

// writeShardFn writes one shard's lines to <Prefix>-SSSSS-of-NNNNN.jsonl.
type writeShardFn struct {
	Prefix string
	Shards int
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool, _ func(*bool) bool) error {
	return writeLines(ctx, shardName(f.Prefix, shard, f.Shards), lines)
}

// writeAllFn writes the lines of its side input to one file. It runs once,
// on an impulse, so the file is written even when there are no lines.
type writeAllFn struct {
	Path string
}

func (f *writeAllFn) ProcessElement(ctx context.Context, _ []byte, lines func(*string) bool) error {
	return writeLines(ctx, f.Path, lines)
}

// writeLines writes each line that next yields, and a newline after it, to
// the file name.
func writeLines(ctx context.Context, name string, next func(*string) bool) error {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	buf := bufio.NewWriterSize(w, 1<<20)
	var line string
	for next(&line) {
		buf.WriteString(line)
		buf.WriteByte('\n')
	}
	err = buf.Flush()
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// shardName names shard i of n, after Beam's own sharded file names.
func shardName(prefix string, i, n int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, n)
}
