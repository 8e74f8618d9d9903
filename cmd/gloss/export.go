package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/export"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

// An exportFormat is what gloss export makes of each document: one file
// per extension, and optionally one more file in the output directory
// built from all of them (brat's annotation.conf).
type exportFormat struct {
	name     string
	files    []exportFile
	index    string
	newIndex func() docIndex
}

type exportFile struct {
	ext   string
	write func(w io.Writer, d *jsondoc.Document, text string) error
}

// A docIndex collects what the index file needs from each document.
type docIndex interface {
	Add(d *jsondoc.Document)
	io.WriterTo
}

var exportFormats = []exportFormat{
	{"brat", []exportFile{{".txt", writeText}, {".ann", export.WriteBrat}}, "annotation.conf", func() docIndex { return new(export.BratConf) }},
	{"conllu", []exportFile{{".conllu", export.WriteCoNLLU}}, "", nil},
	{"html", []exportFile{{".html", export.WriteHTML}}, "", nil},
}

func writeText(w io.Writer, _ *jsondoc.Document, text string) error {
	_, err := io.WriteString(w, text)
	return err
}

func exportCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("export", "--format brat|conllu|html [--text FILE] [-o DIR] FILE.json…|-\n\n"+
		"Exports gloss/v1 documents. The annotated text is read from --text or from each document's doc.source,\n"+
		"and must be the text the document was made from. brat writes DIR/<id>.txt, DIR/<id>.ann and\n"+
		"DIR/annotation.conf (DIR defaults to the current directory); the other formats print one document\n"+
		"after another on stdout, or write DIR/<id>.conllu or DIR/<id>.html with -o.", stderr)
	format := fs.String("format", "", "output `format`: brat, conllu or html")
	textPath := fs.String("text", "", "the annotated text `FILE` (default: each document's doc.source); only with one document")
	outDir := fs.String("o", "", "write the files to `DIR`")
	if status, stop := parseFlags(fs, args); stop {
		return status
	}
	var f *exportFormat
	for i := range exportFormats {
		if exportFormats[i].name == *format {
			f = &exportFormats[i]
		}
	}
	switch {
	case f == nil:
		return fail(stderr, "export", 2, fmt.Errorf("--format is %q, want brat, conllu or html", *format))
	case fs.NArg() == 0:
		fs.Usage()
		return 2
	case *textPath != "" && fs.NArg() > 1:
		return fail(stderr, "export", 2, errors.New("--text names the text of one document, not several"))
	case fs.NArg() > 1 && *outDir == "" && f.name == "html":
		return fail(stderr, "export", 2, errors.New("several html pages need -o DIR"))
	}
	dir := *outDir
	if dir == "" && len(f.files) > 1 {
		dir = "."
	}
	var index docIndex
	if f.newIndex != nil {
		index = f.newIndex()
	}
	out := bufio.NewWriter(stdout)
	status, done := 0, 0
	for _, arg := range fs.Args() {
		d, text, err := readExport(arg, *textPath, stdin)
		if err == nil {
			err = writeExport(f, d, text, dir, arg, out)
		}
		if err != nil {
			fmt.Fprintf(stderr, "gloss export: %v\n", err)
			status = 1
			continue
		}
		done++
		if index != nil {
			index.Add(d)
		}
	}
	if err := out.Flush(); err != nil {
		return fail(stderr, "export", 1, err)
	}
	if index != nil && done > 0 {
		if err := writeIndex(filepath.Join(dir, f.index), index); err != nil {
			return fail(stderr, "export", 1, err)
		}
	}
	return status
}

// exportEncoder returns the batch encoder of a format that makes one file
// per document, and that file's extension.
func exportEncoder(format string) (func(io.Writer, *pipeline.Document) error, string, error) {
	for _, f := range exportFormats {
		if f.name != format {
			continue
		}
		if len(f.files) != 1 {
			return nil, "", fmt.Errorf("--format %s writes %d files per document: annotate to JSON, then use gloss export", format, len(f.files))
		}
		write := f.files[0].write
		return func(w io.Writer, doc *pipeline.Document) error {
			var b bytes.Buffer
			if err := doc.WriteJSON(&b, false); err != nil {
				return err
			}
			d, err := jsondoc.Parse(b.Bytes())
			if err != nil {
				return err
			}
			return write(w, d, doc.Text)
		}, f.files[0].ext, nil
	}
	return nil, "", fmt.Errorf("--format is %q, want conllu or html", format)
}

// readExport reads a document ("-" for stdin) and its text.
func readExport(arg, textPath string, stdin io.Reader) (*jsondoc.Document, string, error) {
	var d *jsondoc.Document
	var err error
	if arg == "-" {
		if d, err = jsondoc.Read(stdin); err != nil {
			return nil, "", fmt.Errorf("stdin: %w", err)
		}
	} else if d, err = readDoc(arg); err != nil {
		return nil, "", err
	}
	if textPath != "" {
		data, err := os.ReadFile(textPath)
		return d, string(data), err
	}
	if data, err := os.ReadFile(d.Doc.Source); err == nil && len(data) == d.Doc.Bytes {
		return d, string(data), nil
	}
	if it := corpus.EssayItem(); d.Doc.ID == it.ID && d.Doc.Bytes == len(it.Text) {
		return d, it.Text, nil // the bundled essay, wherever we are
	}
	return nil, "", fmt.Errorf("%s: cannot read the annotated text from doc.source %q; give it with --text", arg, d.Doc.Source)
}

// writeExport writes one document's files into dir, or its one file to
// out if dir is empty.
func writeExport(f *exportFormat, d *jsondoc.Document, text, dir, arg string, out io.Writer) error {
	if dir == "" {
		if err := f.files[0].write(out, d, text); err != nil {
			return fmt.Errorf("%s: %w", arg, err)
		}
		return nil
	}
	base := filepath.FromSlash(d.Doc.ID)
	if d.Doc.ID == "" || !filepath.IsLocal(base) {
		// No id fit to name a file: the document's own file name.
		base = strings.TrimSuffix(filepath.Base(arg), ".json")
		if arg == "-" {
			base = "stdin"
		}
	}
	var bufs []bytes.Buffer
	for _, file := range f.files {
		var b bytes.Buffer
		if err := file.write(&b, d, text); err != nil {
			return fmt.Errorf("%s: %w", arg, err)
		}
		bufs = append(bufs, b)
	}
	path := filepath.Join(dir, base)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	for i, file := range f.files {
		if err := os.WriteFile(path+file.ext, bufs[i].Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeIndex writes an index file such as brat's annotation.conf, unless
// a file of that name not written by gloss is in the way.
func writeIndex(path string, index docIndex) error {
	var b bytes.Buffer
	if _, err := index.WriteTo(&b); err != nil {
		return err
	}
	first, _, _ := bytes.Cut(b.Bytes(), []byte("\n"))
	if old, err := os.ReadFile(path); err == nil && !bytes.HasPrefix(old, first) {
		return fmt.Errorf("%s exists and was not written by gloss: not replaced", path)
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
