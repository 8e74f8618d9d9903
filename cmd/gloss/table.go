package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/batch"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/export"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

func tableCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("table", "[flags] [FILE.json|OUTDIR|-]\n\nSummarises one gloss/v1 document (default: the bundled essay, annotated now) or every document of a batch output directory.", stderr)
	spans := fs.String("spans", "", "comma-separated `layers` whose spans to list one by one, \"all\" or \"none\" (default: all for one document, none for a directory)")
	top := fs.Int("top", 25, "show the `N` most frequent entities (0: all)")
	if status, stop := parseFlags(fs, args); stop {
		return status
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return 2
	}
	sum := export.NewSummary()
	var one *jsondoc.Document
	text := ""
	switch arg := fs.Arg(0); {
	case arg == "":
		d, err := annotateEssay()
		if err != nil {
			return fail(stderr, "table", 1, err)
		}
		one, text = d, corpus.Essay
	case arg == "-":
		d, err := jsondoc.Read(stdin)
		if err != nil {
			return fail(stderr, "table", 2, err)
		}
		one = d
	default:
		info, err := os.Stat(arg)
		if err != nil {
			return fail(stderr, "table", 2, err)
		}
		if info.IsDir() {
			if err := addDir(sum, arg); err != nil {
				return fail(stderr, "table", 2, err)
			}
			break
		}
		d, err := readDoc(arg)
		if err != nil {
			return fail(stderr, "table", 2, err)
		}
		one = d
		if data, err := os.ReadFile(d.Doc.Source); err == nil && len(data) == d.Doc.Bytes {
			text = string(data)
		}
	}
	if one != nil {
		sum.Add(one)
	}
	if err := sum.Tables(stdout, *top); err != nil {
		return fail(stderr, "table", 1, err)
	}
	list := *spans
	if list == "" && one != nil {
		list = "all"
	}
	if one != nil && list != "none" && list != "" {
		var layers []string
		if list != "all" {
			layers = strings.Split(list, ",")
		}
		if err := export.Spans(stdout, one, text, layers...); err != nil {
			return fail(stderr, "table", 1, err)
		}
	}
	return 0
}

// annotateEssay runs the standard pipeline over the bundled essay.
func annotateEssay() (*jsondoc.Document, error) {
	p, err := annotators.New(annotators.Options{})
	if err != nil {
		return nil, err
	}
	it := corpus.EssayItem()
	doc, err := pipeline.NewDocument(it.ID, it.Source, it.Text)
	if err != nil {
		return nil, err
	}
	if err := p.Annotate(context.Background(), doc); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := doc.WriteJSON(&b, false); err != nil {
		return nil, err
	}
	return jsondoc.Parse(b.Bytes())
}

// addDir adds every gloss/v1 document below a batch output directory.
func addDir(sum *export.Summary, dir string) error {
	return filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || !strings.HasSuffix(path, ".json") || e.Name() == batch.ReportFile {
			return nil
		}
		d, err := readDoc(path)
		if err != nil {
			return err
		}
		sum.Add(d)
		return nil
	})
}
