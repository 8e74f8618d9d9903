package bench

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// corpusSize and docSize shape the generated corpus the benchmarks use
// besides the essay.
const corpusSize, docSize = 1 << 20, 64 << 10

var texts = sync.OnceValue(func() []Text {
	return []Text{Essay(), Corpus(corpusSize, docSize)}
})

// run times c as a Go benchmark, each operation a pass over its text.
func run(b *testing.B, c Case) {
	b.SetBytes(c.Text.Bytes())
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if err := c.All(); err != nil {
			b.Fatal(err)
		}
	}
	// On a machine shared with other work, the process's CPU time per
	// byte varies far less than the wall time the ns/op column shows.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/float64(c.Text.Bytes()), "cpu-ns/byte")
}

// cpuTime returns the CPU time, user and system, the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// name turns a text's name into a sub-benchmark name.
func name(t Text) string { return strings.Fields(t.Name)[0] }

// BenchmarkStages runs each stage alone over documents that already hold
// every layer, and the JSON serialisation of the annotated documents.
func BenchmarkStages(b *testing.B) {
	for _, t := range texts() {
		cases, err := Stages(t)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cases {
			b.Run(name(t)+"/"+c.Name, func(b *testing.B) { run(b, c) })
		}
	}
}

// BenchmarkPipeline runs the whole pipeline from text to serialised JSON.
func BenchmarkPipeline(b *testing.B) {
	for _, t := range texts() {
		c, err := Pipeline(t)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name(t), func(b *testing.B) { run(b, c) })
	}
}

// BenchmarkProse runs prose's tokenizer, segmenter, tagger and entity
// extractor, its model loaded once, on the same texts.
func BenchmarkProse(b *testing.B) {
	for _, t := range texts() {
		b.Run(name(t), func(b *testing.B) { run(b, Prose(t)) })
	}
}

// BenchmarkScaling runs the whole pipeline on single generated documents
// of 1 KB, 100 KB and 10 MB: the ns/byte metric should stay flat.
func BenchmarkScaling(b *testing.B) {
	for _, size := range []int{1 << 10, 100 << 10, 10 << 20} {
		b.Run(FormatSize(int64(size)), func(b *testing.B) {
			c, err := Pipeline(Corpus(size, size))
			if err != nil {
				b.Fatal(err)
			}
			run(b, c)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(c.Text.Bytes()), "ns/byte")
		})
	}
}

func TestCorpus(t *testing.T) {
	c := Corpus(10000, 3000)
	if len(c.Docs) < 3 {
		t.Fatalf("got %d documents, want at least 3 of about 3000 bytes", len(c.Docs))
	}
	seen := map[string]bool{}
	for i, d := range c.Docs {
		if seen[d] {
			t.Errorf("document %d repeats an earlier one", i)
		}
		seen[d] = true
	}
	if n := c.Bytes(); n < 10000 || n > 10000+3000 {
		t.Errorf("got %d bytes, want about 10000", n)
	}
}

func TestCases(t *testing.T) {
	text := Corpus(4000, 2000)
	cases, err := Stages(text)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Pipeline(text)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range append(cases, p) {
		names = append(names, c.Name)
		if err := c.All(); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
	want := "layout sentences tokens entities dates quotations enumerations quantities json pipeline"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("got cases %q, want %q", got, want)
	}
}

func TestMeasure(t *testing.T) {
	var calls []int
	text := Text{Name: "t", Docs: []string{"ab", "cde", "f"}}
	c := Case{Name: "count", Text: text, Run: func(i int) error { calls = append(calls, i); return nil }}
	res, err := Measure([]Case{c}, 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	// Five rounds of at least one document each, cycling through the text.
	if got, want := fmt.Sprint(calls), "[0 1 2 0 1]"; got != want {
		t.Errorf("got documents %s, want %s", got, want)
	}
	if r := res[0]; r.Name != "count" || r.Docs != 5 || r.Bytes != 2+3+1+2+3 {
		t.Errorf("got %s: %d docs, %d bytes; want count: 5 docs, 11 bytes", r.Name, r.Docs, r.Bytes)
	}
	bad := Case{Name: "bad", Text: text, Run: func(i int) error { return errors.New("boom") }}
	if _, err := Measure([]Case{c, bad}, 0, 1); err == nil || err.Error() != "bad: document 0: boom" {
		t.Errorf("got error %v, want bad: document 0: boom", err)
	}
	r := Result{Bytes: 6e6, Elapsed: 2 * time.Second, Allocs: 6000}
	if r.MBps() != 3 || r.NsPerByte() != 2e9/6e6 || r.AllocsPerKB() != 1 {
		t.Errorf("got %v MB/s, %v ns/byte, %v allocs/KB; want 3, 333.3…, 1", r.MBps(), r.NsPerByte(), r.AllocsPerKB())
	}
}

func TestWriteTexts(t *testing.T) {
	dir := t.TempDir()
	if err := WriteTexts(dir, Text{Name: "corpus 1KB", Docs: []string{"one", "two"}}); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{"0000.txt": "one", "0001.txt": "two"} {
		got, err := os.ReadFile(filepath.Join(dir, "corpus-1KB", file))
		if err != nil || string(got) != want {
			t.Errorf("%s: got %q, %v; want %q", file, got, err, want)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"4096", 4096},
		{"100KB", 100 << 10},
		{"1MB", 1 << 20},
		{"1mb", 1 << 20},
		{"1.5M", 3 << 19},
		{"2G", 2 << 30},
		{" 10 MB ", 10 << 20},
		{"0", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("got %d, %v; want %d", got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "MB", "-1KB", "1TB", "1e300", "ten"} {
		if n, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", bad, n)
		}
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0B"},
		{1000, "1000B"},
		{1 << 10, "1KB"},
		{100 << 10, "100KB"},
		{3 << 19, "1.5MB"},
		{10 << 20, "10MB"},
		{2 << 30, "2GB"},
		{27523, "26.9KB"},
	}
	for _, tt := range tests {
		if got := FormatSize(tt.in); got != tt.want {
			t.Errorf("FormatSize(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	text := Text{Name: "corpus 2MB", Docs: []string{strings.Repeat("x", 1e6), strings.Repeat("y", 1e6)}}
	rep := Report{Text: text, Results: []Result{
		{Name: "pipeline", Bytes: 20e6, Elapsed: time.Second, Allocs: 2e4},
		{Name: "prose", Bytes: 2e6, Elapsed: 2 * time.Second, Allocs: 2e5},
	}}
	var b strings.Builder
	if err := WriteTable(&b, []Report{rep}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"│ text ", "│ × prose │",
		"│ corpus 2MB (2 docs, 1.9MB) │ pipeline │ 20.00 │    50.0 │       1.0 │   20.0× │",
		"│                            │ prose    │  1.00 │  1000.0 │     100.0 │    1.0× │",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	rep.Results = rep.Results[:1]
	if err := WriteTable(&b, []Report{rep}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "prose") {
		t.Errorf("table without prose has a prose column:\n%s", b.String())
	}
}
