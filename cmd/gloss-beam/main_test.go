package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/gloss-nlp/gloss/annotators/entities"
	"github.com/gloss-nlp/gloss/batch"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/internal/textgen"
)

// TestMain initialises Beam as main does: the embedded prism runner runs
// the job's workers in this process (loopback), through the registered
// DoFns.
//
// Beam leaves an empty temporary file behind for each loopback job, so the
// tests get a temporary directory of their own.
func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	tmp, err := os.MkdirTemp("", "gloss-beam-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("TMPDIR", tmp)
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

// runBeam runs the job on prism.
func runBeam(t *testing.T, cfg config) {
	t.Helper()
	if _, err := beam.Run(context.Background(), "prism", build(cfg)); err != nil {
		t.Fatalf("beam: %v", err)
	}
}

// runBatch runs items through batch.Job, the code behind gloss annotate -o
// (with out set) or gloss annotate's JSON Lines output, and returns the
// report and the stream output.
func runBatch(t *testing.T, sp spec, items iter.Seq[corpus.Item], out string) (*batch.Report, []byte) {
	t.Helper()
	p, err := sp.pipeline()
	if err != nil {
		t.Fatal(err)
	}
	var stream bytes.Buffer
	rep, err := (&batch.Job{Pipeline: p, Workers: 2, OutDir: out, Out: &stream}).Run(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	return rep, stream.Bytes()
}

// files returns the files below dir by relative path, but for the two
// job summaries, which differ by design.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || e.Name() == batch.ReportFile || e.Name() == "_errors.jsonl" {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		m[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameFiles reports the differences between two output directories.
func sameFiles(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d files, want %d", len(got), len(want))
	}
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: missing", name)
		case !bytes.Equal(g, w):
			t.Errorf("%s: %d bytes differ from gloss annotate's %d", name, len(g), len(w))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not written by gloss annotate", name)
		}
	}
}

// failures reads a JSON Lines error output, sorted by id.
func failures(t *testing.T, path string) []batch.Failure {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fl := []batch.Failure{}
	for line := range strings.Lines(string(data)) {
		var f batch.Failure
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("%s: %q: %v", path, line, err)
		}
		fl = append(fl, f)
	}
	sortFailures(fl)
	return fl
}

func sortFailures(fl []batch.Failure) {
	slices.SortFunc(fl, func(a, b batch.Failure) int { return strings.Compare(a.ID+"\x00"+a.Source, b.ID+"\x00"+b.Source) })
}

// sameFailures compares the failures in Beam's error output with a
// report's.
func sameFailures(t *testing.T, got []batch.Failure, rep *batch.Report) {
	t.Helper()
	want := slices.Clone(rep.Failures)
	sortFailures(want)
	if !slices.Equal(got, want) {
		t.Errorf("failures:\n got %q\nwant %q", got, want)
	}
}

func TestEssayCorpus(t *testing.T) {
	beamOut, batchOut := t.TempDir(), t.TempDir()
	cfg := config{Input: "../../corpus/*.txt", Output: beamOut, Errors: filepath.Join(beamOut, "_errors.jsonl"), Spec: spec{}}
	runBeam(t, cfg)
	rep, _ := runBatch(t, spec{}, corpus.Options{}.Dir("../../corpus"), batchOut)
	got := files(t, beamOut)
	if _, ok := got["sco-essay.json"]; !ok {
		t.Errorf("no sco-essay.json among %d files", len(got))
	}
	sameFiles(t, got, files(t, batchOut))
	sameFailures(t, failures(t, cfg.Errors), rep)
}

// TestGolden checks the essay's annotation against golden/sco-essay.json,
// which the root module's own build pinned. This module builds the same
// annotators with the dependency versions Beam's requirements raise them
// to (minimal version selection), so equal bytes here mean those versions
// changed nothing.
func TestGolden(t *testing.T) {
	out := t.TempDir()
	t.Chdir("../..") // ids and sources as in the golden file
	runBeam(t, config{Input: "corpus/sco-essay.txt", Output: out, Errors: filepath.Join(out, "_errors.jsonl")})
	got, err := os.ReadFile(filepath.Join(out, "sco-essay.json"))
	if err != nil {
		t.Fatal(err)
	}
	pretty, err := os.ReadFile("golden/sco-essay.json")
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := json.Compact(&want, pretty); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("sco-essay.json (%d bytes) differs from golden/sco-essay.json (%d bytes compacted)", len(got), want.Len())
	}
}

// TestOptions checks that the pipeline's options reach the workers, which
// get them inside the DoFn, and act as gloss annotate's flags do.
func TestOptions(t *testing.T) {
	in, beamOut, batchOut := t.TempDir(), t.TempDir(), t.TempDir()
	text := "Last year, on 06/05/2001, Ama Serwaa Boateng met the Volta Rowing Club.\n"
	if err := os.WriteFile(filepath.Join(in, "club.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sp := spec{
		DCT:        "2012-03-04",
		MonthFirst: true,
		Layers:     []string{"dates", "entities"},
		Gazetteer:  []entities.Entry{{Name: "Volta Rowing Club", Label: "ORG"}, {Name: "Ama Serwaa Boateng", Label: "PERSON"}},
	}
	runBeam(t, config{Input: in + "/*.txt", Output: beamOut, Errors: filepath.Join(beamOut, "_errors.jsonl"), Spec: sp})
	runBatch(t, sp, corpus.Options{}.Dir(in), batchOut)
	got := files(t, beamOut)
	sameFiles(t, got, files(t, batchOut))
	doc := string(got["club.json"])
	for _, want := range []string{`"2001-06-05"`, `"2011"`, `"text":"Volta Rowing Club","label":"ORG","source":"gazetteer"`, `"text":"Ama Serwaa Boateng","label":"PERSON","source":"gazetteer"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("no %s in %s", want, doc)
		}
	}
	if strings.Contains(doc, `"quotations"`) {
		t.Errorf("layers not selected: %s", doc)
	}
}

// TestEmptyAndIdle runs a job over a glob that matches nothing: the error
// output is still written, empty, and nothing else is. Then it checks that
// the in-process prism runner, which stays up for the next job, is idle
// rather than spinning a core.
func TestEmptyAndIdle(t *testing.T) {
	out := t.TempDir()
	cfg := config{Input: t.TempDir() + "/*.txt", Output: out, JSONLOutput: out + "/docs", Shards: 2, Errors: filepath.Join(out, "_errors.jsonl")}
	runBeam(t, cfg)
	for _, name := range []string{"_errors.jsonl", "docs-00000-of-00002.jsonl", "docs-00001-of-00002.jsonl"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || len(data) > 0 {
			t.Errorf("%s: %q, %v; want an empty file", name, data, err)
		}
	}
	if got := files(t, out); len(got) != 2 {
		t.Errorf("got %d files, want the 2 shards", len(got))
	}

	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	time.Sleep(2 * time.Second)
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() - before.Utime.Nano() + after.Stime.Nano() - before.Stime.Nano())
	if cpu > 500*time.Millisecond {
		t.Errorf("the process used %v of CPU in 2s after the job, want it idle", cpu)
	}
}

// bad are documents gloss cannot annotate, by file name, and a word of the
// reason reported for each.
var bad = []struct {
	name, text, reason string
}{
	{"bad/latin1.txt", "caf\xe9 au lait\n", "invalid UTF-8"},
	{"bad/empty.txt", "", "empty document"},
	{"bad/nul.txt", "text\x00with a NUL\n", "NUL byte"},
	{"bad/huge.txt", strings.Repeat("Large. ", 3000), "too large"},
	{"bad/ok-then-bad.txt", "Fine text, then \xff\xfe.\n", "invalid UTF-8"},
}

// testMaxBytes is the size limit of the generated corpora, under bad/huge.txt.
const testMaxBytes = 16 << 10

// generate writes n generated documents under dir in three subdirectories,
// with the bad ones mixed in, and returns how many files it wrote.
func generate(t *testing.T, dir string, n int) int {
	t.Helper()
	write := func(name, text string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		write(fmt.Sprintf("%c/doc-%03d.txt", 'a'+i%3, i), textgen.Document(uint64(i), 300+i*7%900))
	}
	for _, b := range bad {
		write(b.name, b.text)
	}
	// Not matched by the glob, and not .txt for corpus.Dir.
	write("a/notes.md", "not a document\n")
	return n + len(bad)
}

func TestGeneratedFiles(t *testing.T) {
	in, beamOut, batchOut := t.TempDir(), t.TempDir(), t.TempDir()
	n := generate(t, in, 300)
	// The glob's root is in, so ids are paths below it, as corpus.Dir's.
	cfg := config{Input: in + "/*/*.txt", Output: beamOut, Errors: filepath.Join(t.TempDir(), "errors.jsonl"), MaxBytes: testMaxBytes}
	runBeam(t, cfg)
	rep, _ := runBatch(t, spec{}, corpus.Options{MaxBytes: testMaxBytes}.Dir(in), batchOut)
	if rep.Documents != n || rep.Failed != len(bad) {
		t.Fatalf("gloss annotate: %+v, want %d documents, %d failed", rep.Stats, n, len(bad))
	}
	sameFiles(t, files(t, beamOut), files(t, batchOut))
	got := failures(t, cfg.Errors)
	sameFailures(t, got, rep)
	for _, b := range bad {
		id := strings.TrimSuffix(b.name, ".txt")
		i := slices.IndexFunc(got, func(f batch.Failure) bool { return f.ID == id })
		if i < 0 || !strings.Contains(got[i].Reason, b.reason) {
			t.Errorf("%s: want a failure for %q in %q", id, b.reason, got)
		}
	}
}

// jsonlCorpus writes a JSON Lines corpus of n generated documents with bad
// lines mixed in, and returns its path.
func jsonlCorpus(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	for i := range n {
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("j/%03d", i), "text": textgen.Document(uint64(1000+i), 300+i*11%700)})
		b.Write(line)
		b.WriteString("\n")
		switch i {
		case 10:
			b.WriteString(`not JSON` + "\n")
		case 20:
			b.WriteString(`{"id": "no-text"}` + "\n")
		case 30:
			b.WriteString(`{"id": "empty", "text": ""}` + "\n")
		case 40:
			b.WriteString(`{"id": "nul", "text": "a\u0000b"}` + "\n")
		case 50:
			b.WriteString(`{"id": "../escape", "text": "Outside the output directory."}` + "\n")
		case 60:
			b.WriteString("\n") // skipped
		case 70:
			b.WriteString(`{"text": "No id: named by its line."}` + "\n")
		}
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestJSONL(t *testing.T) {
	const n = 200
	in := jsonlCorpus(t, n)
	read := func() iter.Seq[corpus.Item] {
		f, err := os.Open(in)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return corpus.Options{}.JSONL(f, in)
	}

	t.Run("output", func(t *testing.T) {
		beamOut, batchOut := t.TempDir(), t.TempDir()
		cfg := config{Input: in, InputFormat: "jsonl", Output: beamOut, Errors: filepath.Join(t.TempDir(), "errors.jsonl")}
		runBeam(t, cfg)
		rep, _ := runBatch(t, spec{}, read(), batchOut)
		// Malformed, no text, empty, NUL, an id that escapes, and an
		// id from an absolute path:line.
		if rep.Documents != n+6 || rep.Failed != 6 {
			t.Fatalf("gloss annotate: %+v, want %d documents, 6 failed", rep.Stats, n+6)
		}
		sameFiles(t, files(t, beamOut), files(t, batchOut))
		sameFailures(t, failures(t, cfg.Errors), rep)
	})

	t.Run("jsonl_output", func(t *testing.T) {
		prefix := filepath.Join(t.TempDir(), "docs")
		cfg := config{Input: in, InputFormat: "jsonl", JSONLOutput: prefix, Shards: 4, Errors: prefix + "-errors.jsonl"}
		runBeam(t, cfg)
		rep, stream := runBatch(t, spec{}, read(), "")
		if rep.Failed != 4 { // ids matter only for file names
			t.Fatalf("gloss annotate: %+v, want 4 failed", rep.Stats)
		}
		var got []string
		for i := range cfg.Shards {
			data, err := os.ReadFile(shardName(prefix, i, cfg.Shards))
			if err != nil {
				t.Fatal(err)
			}
			got = slices.AppendSeq(got, strings.Lines(string(data)))
		}
		want := slices.Collect(strings.Lines(string(stream)))
		slices.Sort(got)
		slices.Sort(want)
		if len(want) != n+2 || !slices.Equal(got, want) {
			t.Errorf("got %d lines, want the %d lines of gloss annotate", len(got), len(want))
		}
		sameFailures(t, failures(t, cfg.Errors), rep)
	})
}

func TestIDs(t *testing.T) {
	tests := []struct {
		glob, path, want string
	}{
		{"corpus/*.txt", "corpus/sco-essay.txt", "sco-essay"},
		{"corpus/sco-essay.txt", "corpus/sco-essay.txt", "sco-essay"},
		{"sco-essay.txt", "sco-essay.txt", "sco-essay"},
		{"*.txt", "a.txt", "a"},
		{"in/*/*.txt", "in/a/b.txt", "a/b"},
		{"in/x/*/y/*.txt", "in/x/1/y/2.txt", "1/y/2"},
		{"in/doc-?.txt", "in/doc-1.txt", "doc-1"},
		{"in/[ab]/*.md", "in/a/notes.md", "a/notes.md"},
		{"/abs/*.txt", "/abs/a.txt", "a"},
		{"/*.txt", "/a.txt", "a"},
		{"gs://bucket/corpus/**/*.txt", "gs://bucket/corpus/x/y/z.txt", "x/y/z"},
		{"./corpus/../corpus/*.txt", "corpus/a.txt", "a"},
		{"s3://b/k.txt", "s3://b/k.txt", "k"},
	}
	for _, tt := range tests {
		t.Run(tt.glob, func(t *testing.T) {
			if got := textID(globRoot(cleanGlob(tt.glob)), tt.path); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
