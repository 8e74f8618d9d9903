// Package bench measures gloss's throughput against its peer, prose: each
// stage of the standard pipeline alone, the whole pipeline from text to
// serialised JSON, and prose doing all of its stages, on the same texts.
// The Go benchmarks in this package (go test -bench . ./bench) and the
// gloss bench command share the cases built here.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/internal/textgen"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/jdkato/prose/v2"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// A Text is a named set of documents measured together.
type Text struct {
	Name string
	Docs []string
}

// Bytes returns the total size of the text's documents.
func (t Text) Bytes() int64 {
	var n int64
	for _, d := range t.Docs {
		n += int64(len(d))
	}
	return n
}

// Essay returns the bundled essay as a text of one document.
func Essay() Text {
	return Text{Name: "essay", Docs: []string{corpus.Essay}}
}

// Corpus returns a generated corpus of about size bytes, made of documents
// of about docSize bytes, each from its own seed so that no two are
// copies.
func Corpus(size, docSize int) Text {
	if docSize <= 0 {
		docSize = size
	}
	t := Text{Name: "corpus " + FormatSize(int64(size))}
	total := 0
	for seed := uint64(1); total < size; seed++ {
		d := textgen.Document(seed, min(docSize, size-total))
		t.Docs = append(t.Docs, d)
		total += len(d)
	}
	return t
}

// A Case is one piece of work to time, document by document: Run
// processes document i of Text. Whatever the work needs (models, layers
// of earlier stages) is loaded or prepared when the case is made, so that
// timing can start at once.
type Case struct {
	Name string
	Text Text
	Run  func(i int) error
}

// All runs the case over every document of its text once.
func (c Case) All() error {
	for i := range c.Text.Docs {
		if err := c.Run(i); err != nil {
			return err
		}
	}
	return nil
}

// Stages returns one case per stage of the standard pipeline, running that
// stage alone over documents that already hold every layer, and a "json"
// case that serialises the annotated documents.
func Stages(t Text) ([]Case, error) {
	stages, err := annotators.All(annotators.Options{})
	if err != nil {
		return nil, err
	}
	p, err := pipeline.New(stages...)
	if err != nil {
		return nil, err
	}
	docs := make([]*pipeline.Document, len(t.Docs))
	for i, text := range t.Docs {
		if docs[i], err = pipeline.NewDocument(strconv.Itoa(i), t.Name, text); err != nil {
			return nil, err
		}
		if err := p.Annotate(context.Background(), docs[i]); err != nil {
			return nil, err
		}
	}
	var cases []Case
	for _, a := range stages {
		cases = append(cases, Case{Name: a.Name(), Text: t, Run: func(i int) error {
			return a.Annotate(context.Background(), docs[i])
		}})
	}
	cases = append(cases, Case{Name: "json", Text: t, Run: func(i int) error {
		return docs[i].WriteJSON(io.Discard, false)
	}})
	return cases, nil
}

// warmup holds a name, a date, a quantity and a quotation, so that
// annotating it loads every model and table the stages load lazily.
const warmup = "On 3 May 2001, Maria Lopez of the World Bank said in Lima that “output rose by 5 percent.”\n"

// Pipeline returns the case of the whole standard pipeline, from text to
// serialised JSON: for each document the pipeline is built, and the
// document made, annotated and written as one line of JSON.
func Pipeline(t Text) (Case, error) {
	run := func(id, text string) error {
		p, err := annotators.New(annotators.Options{})
		if err != nil {
			return err
		}
		doc, err := pipeline.NewDocument(id, t.Name, text)
		if err != nil {
			return err
		}
		if err := p.Annotate(context.Background(), doc); err != nil {
			return err
		}
		return doc.WriteJSON(io.Discard, false)
	}
	if err := run("warmup", warmup); err != nil {
		return Case{}, err
	}
	return Case{Name: "pipeline", Text: t, Run: func(i int) error {
		return run(strconv.Itoa(i), t.Docs[i])
	}}, nil
}

// Prose returns the case of prose doing all of its stages (tokenize,
// segment, tag, extract) on each document, with its model loaded once,
// when the case is made.
func Prose(t Text) Case {
	model := prose.ModelFromData("prose")
	return Case{Name: "prose", Text: t, Run: func(i int) error {
		_, err := prose.NewDocument(t.Docs[i], prose.UsingModel(model))
		return err
	}}
}

// A Result is a case's measured cost.
type Result struct {
	Name    string
	Docs    int           // documents processed
	Bytes   int64         // bytes of text processed
	Elapsed time.Duration // time taken
	Allocs  uint64        // heap allocations
	Alloced uint64        // bytes allocated
}

// MBps returns the throughput in megabytes (10⁶ bytes) a second, as go
// test -bench reports it.
func (r Result) MBps() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Bytes) / 1e6 / r.Elapsed.Seconds()
}

// NsPerByte returns the time per byte of text.
func (r Result) NsPerByte() float64 {
	if r.Bytes == 0 {
		return 0
	}
	return float64(r.Elapsed.Nanoseconds()) / float64(r.Bytes)
}

// AllocsPerKB returns the allocations per kilobyte (1000 bytes) of text.
func (r Result) AllocsPerKB() float64 {
	if r.Bytes == 0 {
		return 0
	}
	return float64(r.Allocs) * 1000 / float64(r.Bytes)
}

// A Meter times a case a few documents at a time, cycling through its
// text, so that the measures of several cases can be interleaved and a
// change in the machine's load falls on all of them alike.
type Meter struct {
	Case   Case
	Result Result // the sum of every Run so far
	next   int    // the document to process next
}

// NewMeter returns a meter for c.
func NewMeter(c Case) *Meter {
	return &Meter{Case: c, Result: Result{Name: c.Name}}
}

// Run processes documents for at least d, and at least one.
func (m *Meter) Run(d time.Duration) error {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	var elapsed time.Duration
	for n := 0; n == 0 || elapsed < d; n++ {
		if err := m.Case.Run(m.next); err != nil {
			return fmt.Errorf("%s: document %d: %w", m.Case.Name, m.next, err)
		}
		m.Result.Docs++
		m.Result.Bytes += int64(len(m.Case.Text.Docs[m.next]))
		m.next = (m.next + 1) % len(m.Case.Text.Docs)
		elapsed = time.Since(start)
	}
	m.Result.Elapsed += elapsed
	runtime.ReadMemStats(&after)
	m.Result.Allocs += after.Mallocs - before.Mallocs
	m.Result.Alloced += after.TotalAlloc - before.TotalAlloc
	return nil
}

// Measure times each case for at least d in all, in rounds: each round
// runs every case for d/rounds in turn.
func Measure(cases []Case, d time.Duration, rounds int) ([]Result, error) {
	rounds = max(rounds, 1)
	meters := make([]*Meter, len(cases))
	for i, c := range cases {
		meters[i] = NewMeter(c)
	}
	for range rounds {
		for _, m := range meters {
			if err := m.Run(d / time.Duration(rounds)); err != nil {
				return nil, err
			}
		}
	}
	results := make([]Result, len(meters))
	for i, m := range meters {
		results[i] = m.Result
	}
	return results, nil
}

// A Report is the results measured on one text.
type Report struct {
	Text    Text
	Results []Result
}

// WriteTable prints one row per result: its throughput, time per byte,
// allocations per kilobyte and, if a result named "prose" was measured on
// the same text, its throughput as a multiple of prose's.
func WriteTable(w io.Writer, reports []Report) error {
	prose := make([]float64, len(reports))
	header := []string{"text", "measure", "MB/s", "ns/byte", "allocs/KB"}
	for i, rep := range reports {
		for _, r := range rep.Results {
			if r.Name == "prose" {
				prose[i] = r.MBps()
			}
		}
		if prose[i] > 0 && len(header) == 5 {
			header = append(header, "× prose")
		}
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{
			tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight}}),
	)
	t.Header(header)
	for i, rep := range reports {
		docs := "docs"
		if len(rep.Text.Docs) == 1 {
			docs = "doc"
		}
		text := fmt.Sprintf("%s (%d %s, %s)", rep.Text.Name, len(rep.Text.Docs), docs, FormatSize(rep.Text.Bytes()))
		for j, r := range rep.Results {
			if j > 0 {
				text = ""
			}
			row := []string{text, r.Name,
				strconv.FormatFloat(r.MBps(), 'f', 2, 64),
				strconv.FormatFloat(r.NsPerByte(), 'f', 1, 64),
				strconv.FormatFloat(r.AllocsPerKB(), 'f', 1, 64)}
			if len(header) > 5 {
				ratio := ""
				if prose[i] > 0 {
					ratio = strconv.FormatFloat(r.MBps()/prose[i], 'f', 1, 64) + "×"
				}
				row = append(row, ratio)
			}
			if err := t.Append(row); err != nil {
				return err
			}
		}
	}
	return t.Render()
}

// WriteTexts writes the texts' documents under dir, one directory per text
// (its name with spaces made dashes) holding NNNN.txt files, so that peers
// outside Go can read the same texts.
func WriteTexts(dir string, texts ...Text) error {
	for _, t := range texts {
		sub := filepath.Join(dir, strings.ReplaceAll(t.Name, " ", "-"))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		for i, d := range t.Docs {
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%04d.txt", i)), []byte(d), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// ParseSize reads a size such as 4096, 100KB, 1MB or 1.5GB (powers of
// 1024; the B is optional).
func ParseSize(s string) (int64, error) {
	num := strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B")
	mult := int64(1)
	for i, unit := range []string{"K", "M", "G"} {
		if strings.HasSuffix(num, unit) {
			num, mult = strings.TrimSuffix(num, unit), int64(1)<<(10*(i+1))
			break
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || f < 0 || f*float64(mult) > 1<<50 {
		return 0, errors.New("size " + strconv.Quote(s) + ": want a number of bytes such as 4096, 100KB or 1MB")
	}
	return int64(f * float64(mult)), nil
}

// FormatSize prints n bytes as ParseSize reads them, in the largest unit
// that gives a number of at least one, rounded to one decimal.
func FormatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n >= u.size {
			return strconv.FormatFloat(math.Round(float64(n)*10/float64(u.size))/10, 'f', -1, 64) + u.name
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}
