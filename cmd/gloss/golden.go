package main

import (
	"context"
	"fmt"
	"io"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/golden"
)

func goldenCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("golden", "check|update --corpus DIR --golden DIR\n\ncheck compares the annotations of every DIR/**/*.txt with its golden file and prints a semantic diff of each difference (exit 1 if any);\nupdate rewrites the golden files that differ or are missing (read the diff first).", stderr)
	corpusDir := fs.String("corpus", "corpus", "the corpus `DIR` of .txt files")
	goldenDir := fs.String("golden", "golden", "the `DIR` of golden files, <id>.json")
	dct := fs.String("dct", "", "document creation `date` for relative dates, as for annotate")
	if len(args) == 0 || (args[0] != "check" && args[0] != "update") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fs.Usage()
			return 0
		}
		fs.Usage()
		return 2
	}
	mode := args[0]
	if status, stop := parseFlags(fs, args[1:]); stop {
		return status
	}
	p, err := annotators.New(annotators.Options{DCT: *dct})
	if err != nil {
		return fail(stderr, "golden", 2, err)
	}
	results := golden.Run(context.Background(), p, (corpus.Options{}).Dir(*corpusDir), *goldenDir, mode == "update")
	if len(results) == 0 {
		return fail(stderr, "golden", 2, fmt.Errorf("no .txt files in %s", *corpusDir))
	}
	status := 0
	for _, r := range results {
		switch {
		case r.Err != nil:
			fmt.Fprintf(stderr, "%s: %v\n", r.ID, r.Err)
			status = 1
		case r.Updated:
			fmt.Fprintf(stdout, "%s: updated %s\n", r.ID, r.Path)
		case r.Missing:
			fmt.Fprintf(stdout, "%s: no golden file %s\n", r.ID, r.Path)
			status = 1
		case len(r.Changes) > 0:
			fmt.Fprintf(stdout, "%s: differs from %s\n", r.ID, r.Path)
			golden.Write(stdout, r.Changes, r.Text)
			status = 1
		default:
			fmt.Fprintf(stdout, "%s: ok\n", r.ID)
		}
	}
	return status
}
