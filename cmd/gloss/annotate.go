package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/annotators/entities"
	"github.com/gloss-nlp/gloss/batch"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/pipeline"
)

// annotateFlags are the flags of gloss annotate that choose the pipeline
// and read the corpus; the Beam launcher shares their meaning.
type annotateFlags struct {
	outDir     string
	workers    int
	quiet      bool
	input      string
	layers     string
	dct        string
	maxBytes   int64
	shard      string
	monthFirst bool
	gazetteer  string
}

func (f *annotateFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.outDir, "o", "", "write one `DIR`/<id>.json per document (mirroring the input tree) and DIR/_report.json; reruns skip documents already done")
	fs.IntVar(&f.workers, "j", 0, "annotate `N` documents at once (default: the number of CPUs)")
	fs.BoolVar(&f.quiet, "q", false, "no progress or summary on stderr")
	fs.StringVar(&f.input, "input", "", "input `format` for - and files without a known extension: text or jsonl")
	fs.StringVar(&f.layers, "layers", "", "comma-separated `layers` to produce (and the stages they need); default all")
	fs.StringVar(&f.dct, "dct", "", "document creation `date` (YYYY-MM-DD) to resolve relative dates against")
	fs.Int64Var(&f.maxBytes, "max-bytes", corpus.DefaultMaxBytes, "largest document accepted, in `bytes`; larger ones are reported and skipped")
	fs.StringVar(&f.shard, "shard", "", "process only shard `I/N` of the documents, by a stable hash of their ids")
	fs.BoolVar(&f.monthFirst, "month-first", false, "read ambiguous numeric dates (06/05/2001) as month/day/year")
	fs.StringVar(&f.gazetteer, "gazetteer", "", "extra entity names from a tab-separated `FILE`: name, label, optional canonical name")
}

// pipeline builds the pipeline the flags ask for.
func (f *annotateFlags) pipeline() (*pipeline.Pipeline, error) {
	opts := annotators.Options{DCT: f.dct, MonthFirst: f.monthFirst}
	if f.gazetteer != "" {
		file, err := os.Open(f.gazetteer)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		if opts.Gazetteer, err = entities.LoadEntries(file); err != nil {
			return nil, fmt.Errorf("%s: %w", f.gazetteer, err)
		}
	}
	p, err := annotators.New(opts)
	if err != nil {
		return nil, err
	}
	if f.layers == "" {
		return p, nil
	}
	return p.Select(strings.Split(f.layers, ",")...)
}

func annotateCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("annotate", "[flags] [FILE…|DIR|CORPUS.jsonl|-]", stderr)
	var f annotateFlags
	f.register(fs)
	format := fs.String("format", "", "write each document as `conllu` or html instead of gloss/v1 JSON (for brat, use gloss export)")
	if status, stop := parseFlags(fs, args); stop {
		return status
	}
	p, err := f.pipeline()
	if err != nil {
		return fail(stderr, "annotate", 2, err)
	}
	opts := corpus.Options{MaxBytes: f.maxBytes}
	items, single, err := f.items(fs.Args(), opts, stdin)
	if err != nil {
		return fail(stderr, "annotate", 2, err)
	}
	if f.shard != "" {
		i, n, err := parseShard(f.shard)
		if err != nil {
			return fail(stderr, "annotate", 2, err)
		}
		items, single = corpus.Shard(items, i, n), false
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	job := &batch.Job{Pipeline: p, Workers: f.workers, OutDir: f.outDir, Out: stdout, Pretty: single && f.outDir == ""}
	if *format != "" {
		if job.Encode, job.Ext, err = exportEncoder(*format); err != nil {
			return fail(stderr, "annotate", 2, err)
		}
	}
	if !f.quiet && !single && isTerminal(stderr) {
		update, finish := newProgress(stderr, f.count(fs.Args(), opts))
		job.Progress = update
		defer finish()
	}
	rep, err := job.Run(ctx, items)
	if err != nil {
		return fail(stderr, "annotate", 1, err)
	}
	for _, fl := range rep.Failures {
		fmt.Fprintf(stderr, "gloss annotate: %s\n", fl.Reason)
	}
	if !f.quiet && !single {
		fmt.Fprintf(stderr, "gloss annotate: %d documents: %d annotated, %d up to date, %d failed (%.1fs)\n",
			rep.Documents, rep.Annotated, rep.Skipped, rep.Failed, rep.Elapsed.Seconds())
	}
	if !rep.OK() {
		return 1
	}
	return 0
}

// items turns the command-line arguments into a corpus. single reports
// whether the corpus is one text document, printed as one pretty document
// rather than JSON Lines.
func (f *annotateFlags) items(args []string, opts corpus.Options, stdin io.Reader) (items iter.Seq[corpus.Item], single bool, err error) {
	if f.input != "" && f.input != "text" && f.input != "jsonl" {
		return nil, false, fmt.Errorf("--input is %q, want text or jsonl", f.input)
	}
	if len(args) == 0 {
		return one(corpus.EssayItem()), true, nil
	}
	var seqs []iter.Seq[corpus.Item]
	for _, arg := range args {
		seq, isText, err := f.source(arg, opts, stdin)
		if err != nil {
			return nil, false, err
		}
		seqs = append(seqs, seq)
		single = isText
	}
	return concat(seqs), single && len(args) == 1, nil
}

// source opens one argument: stdin, a JSON Lines file, a directory or a
// text file.
func (f *annotateFlags) source(arg string, opts corpus.Options, stdin io.Reader) (iter.Seq[corpus.Item], bool, error) {
	if arg == "-" {
		if f.input == "jsonl" {
			return opts.JSONL(stdin, "stdin"), false, nil
		}
		return func(yield func(corpus.Item) bool) {
			it := corpus.Item{ID: "stdin", Source: "stdin"}
			it.Text, it.Err = opts.Read(stdin, "stdin")
			it.Size = int64(len(it.Text))
			yield(it)
		}, true, nil
	}
	info, err := os.Stat(arg)
	if err != nil {
		// Reported with the other failures; the rest of the corpus goes on.
		return one(corpus.Item{ID: fileID(arg), Source: arg, Err: err}), true, nil
	}
	switch {
	case info.IsDir():
		return opts.Dir(arg), false, nil
	case strings.HasSuffix(arg, ".jsonl") || f.input == "jsonl":
		return func(yield func(corpus.Item) bool) {
			file, err := os.Open(arg)
			if err != nil {
				yield(corpus.Item{ID: arg, Source: arg, Err: err})
				return
			}
			defer file.Close()
			for it := range opts.JSONL(file, arg) {
				if !yield(it) {
					return
				}
			}
		}, false, nil
	}
	return one(opts.ReadFile(arg, fileID(arg))), true, nil
}

// count returns the number of documents the arguments name, for the
// progress bar's estimate, or -1 if that would mean reading a stream twice.
// Counting a directory walks its names only.
func (f *annotateFlags) count(args []string, opts corpus.Options) int {
	n := 0
	for _, arg := range args {
		info, err := os.Stat(arg)
		switch {
		case arg == "-" || f.input == "jsonl" || strings.HasSuffix(arg, ".jsonl"):
			return -1
		case err == nil && info.IsDir():
			n += opts.Count(arg)
		default:
			n++
		}
	}
	return n
}

// fileID is the id of a document given as a file: its base name without
// .txt.
func fileID(path string) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	return strings.TrimSuffix(base, ".txt")
}

func one(it corpus.Item) iter.Seq[corpus.Item] {
	return func(yield func(corpus.Item) bool) { yield(it) }
}

func concat(seqs []iter.Seq[corpus.Item]) iter.Seq[corpus.Item] {
	return func(yield func(corpus.Item) bool) {
		for _, s := range seqs {
			for it := range s {
				if !yield(it) {
					return
				}
			}
		}
	}
}

// parseShard parses "I/N" with 0 ≤ I < N.
func parseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, errors.New("--shard wants I/N with 0 ≤ I < N, e.g. 0/4")
	}
	return i, n, nil
}
