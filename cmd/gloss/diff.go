package main

import (
	"errors"
	"io"
	"os"

	"github.com/gloss-nlp/gloss/golden"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

func diffCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("diff", "[--text FILE] OLD.json NEW.json\n\nExit status: 0 if the documents are equal, 1 if they differ, 2 on error.", stderr)
	textPath := fs.String("text", "", "the annotated text `FILE`, for line:column positions (default: NEW's doc.source if it can be read)")
	max := fs.Int("max", 0, "show at most `N` rows per layer (0: all)")
	if status, stop := parseFlags(fs, args); stop {
		return status
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	old, err := readDoc(fs.Arg(0))
	if err != nil {
		return fail(stderr, "diff", 2, err)
	}
	new, err := readDoc(fs.Arg(1))
	if err != nil {
		return fail(stderr, "diff", 2, err)
	}
	text := ""
	if *textPath != "" {
		data, err := os.ReadFile(*textPath)
		if err != nil {
			return fail(stderr, "diff", 2, err)
		}
		text = string(data)
	} else if data, err := os.ReadFile(new.Doc.Source); err == nil && len(data) == new.Doc.Bytes {
		text = string(data)
	}
	changes := golden.Diff(old, new)
	if err := (golden.Printer{Text: text, MaxPerLayer: *max}).Write(stdout, changes); err != nil {
		return fail(stderr, "diff", 2, err)
	}
	if len(changes) > 0 {
		return 1
	}
	return 0
}

// readDoc reads a gloss/v1 document from a file.
func readDoc(path string) (*jsondoc.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := jsondoc.Read(f)
	if err != nil {
		return nil, errors.New(path + ": " + err.Error())
	}
	return d, nil
}
