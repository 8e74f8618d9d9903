// Command gloss-beam runs gloss annotate as an Apache Beam job: locally on
// Beam's embedded prism runner by default, or on Flink, Spark or Dataflow
// with --runner. Each document is annotated by the same code, with the same
// options, as gloss annotate, and written as the same bytes. See README.md.
//
// Usage:
//
//	gloss-beam --input 'corpus/*.txt' --output out [flags]
//	gloss-beam --input 'corpus-*.jsonl' --jsonl_output out/docs --shards 16 [flags]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/options/jobopts"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	// s3:// files; beamx registers local files and gs://.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"

	"github.com/gloss-nlp/gloss/annotators/entities"
	"github.com/gloss-nlp/gloss/corpus"
)

// The flags are on the default FlagSet, beside Beam's own (--runner,
// --endpoint, …), because workers re-run this binary and Beam restores
// them from the pipeline options there.
var (
	input       = flag.String("input", "", "glob of the input `files`: text files, or JSON Lines corpora if it ends in .jsonl (local path, gs://, s3://)")
	inputFormat = flag.String("input_format", "", "input `format`: text or jsonl (default: jsonl if --input ends in .jsonl, else text)")
	output      = flag.String("output", "", "write one `DIR`/<id>.json per document, the same bytes as gloss annotate -o DIR")
	jsonlOutput = flag.String("jsonl_output", "", "write the documents as JSON Lines to `PREFIX`-SSSSS-of-NNNNN.jsonl")
	shards      = flag.Int("shards", 1, "number of JSON Lines `files` for --jsonl_output")
	errorsOut   = flag.String("errors", "", "write the documents that failed as JSON Lines {id, source, reason} to `FILE` (default DIR/_errors.jsonl, or PREFIX-errors.jsonl)")

	// The pipeline's options, named and meaning as in gloss annotate.
	layers     = flag.String("layers", "", "comma-separated `layers` to produce (and the stages they need); default all")
	dct        = flag.String("dct", "", "document creation `date` (YYYY-MM-DD) to resolve relative dates against")
	monthFirst = flag.Bool("month-first", false, "read ambiguous numeric dates (06/05/2001) as month/day/year")
	maxBytes   = flag.Int64("max-bytes", corpus.DefaultMaxBytes, "largest document accepted, in `bytes`; larger ones are reported and skipped")
	gazetteer  = flag.String("gazetteer", "", "extra entity names from a tab-separated `FILE`: name, label, optional canonical name; read here, then sent to the workers")
)

func main() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gloss-beam --input GLOB (--output DIR | --jsonl_output PREFIX) [flags]\n\n")
		flag.PrintDefaults()
	}
	// First of all: on a worker, beam.Init runs the worker harness and
	// exits; only the launcher goes on.
	flag.Parse()
	beam.Init()

	ctx := context.Background()
	cfg, err := configure(ctx, flag.Args())
	if err != nil {
		fmt.Fprintf(os.Stderr, "gloss-beam: %v\n", err)
		os.Exit(2)
	}
	os.Exit(run(ctx, cfg, os.Stderr))
}

// configure checks the flags and turns them into a config, reading the
// gazetteer and building the pipeline once so that a mistake is reported
// here rather than by every worker.
func configure(ctx context.Context, args []string) (config, error) {
	cfg := config{
		Input:       *input,
		InputFormat: *inputFormat,
		Output:      *output,
		JSONLOutput: *jsonlOutput,
		Shards:      *shards,
		Errors:      *errorsOut,
		MaxBytes:    *maxBytes,
		Spec:        spec{DCT: *dct, MonthFirst: *monthFirst},
	}
	switch {
	case len(args) > 0:
		return cfg, fmt.Errorf("unexpected argument %q: the input is --input GLOB", args[0])
	case cfg.Input == "":
		return cfg, errors.New("--input GLOB is required")
	case cfg.Output == "" && cfg.JSONLOutput == "":
		return cfg, errors.New("--output DIR or --jsonl_output PREFIX is required")
	case cfg.Shards < 1:
		return cfg, errors.New("--shards must be at least 1")
	}
	switch cfg.InputFormat {
	case "":
		cfg.InputFormat = "text"
		if strings.HasSuffix(cfg.Input, ".jsonl") {
			cfg.InputFormat = "jsonl"
		}
	case "text", "jsonl":
	default:
		return cfg, fmt.Errorf("--input_format is %q, want text or jsonl", cfg.InputFormat)
	}
	if cfg.Errors == "" {
		if cfg.Output != "" {
			cfg.Errors = joinPath(cfg.Output, "_errors.jsonl")
		} else {
			cfg.Errors = cfg.JSONLOutput + "-errors.jsonl"
		}
	}
	if *layers != "" {
		cfg.Spec.Layers = strings.Split(*layers, ",")
	}
	if *gazetteer != "" {
		entries, err := readGazetteer(ctx, *gazetteer)
		if err != nil {
			return cfg, err
		}
		cfg.Spec.Gazetteer = entries
	}
	if _, err := cfg.Spec.pipeline(); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// readGazetteer reads a gazetteer file through Beam's filesystems, so it
// may be on gs:// too.
func readGazetteer(ctx context.Context, path string) ([]entities.Entry, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	entries, err := entities.LoadEntries(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return entries, nil
}

// run runs the job on the runner --runner names (prism by default) and
// prints a summary. Like gloss annotate, it exits 1 if any document
// failed, though the job itself went through.
func run(ctx context.Context, cfg config, stderr io.Writer) int {
	res, err := beamx.RunWithMetrics(ctx, build(cfg))
	if err != nil {
		fmt.Fprintf(stderr, "gloss-beam: %v\n", err)
		return 1
	}
	if res == nil || *jobopts.Async { // nothing to count yet
		return 0
	}
	var ok, bad int64
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Namespace() != "gloss" {
			continue
		}
		switch c.Name() {
		case "annotated":
			ok += c.Result()
		case "failed":
			bad += c.Result()
		}
	}
	fmt.Fprintf(stderr, "gloss-beam: %d documents annotated, %d failed (listed in %s)\n", ok, bad, cfg.Errors)
	if bad > 0 {
		return 1
	}
	return 0
}
