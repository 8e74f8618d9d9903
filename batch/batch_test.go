package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/internal/textgen"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

func standard(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	p, err := annotators.New(annotators.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// bad maps the ids of the broken documents makeCorpus writes to the
// substring their error must contain.
var bad = map[string]string{
	"bad/binary":     "NUL byte",
	"bad/empty":      "empty document",
	"bad/latin1":     "invalid UTF-8",
	"bad/not-a-file": "not a regular file",
	"bad/too-big":    "too large",
}

// makeCorpus writes n generated documents in nested directories, plus one
// of each kind of bad document, and returns the root.
func makeCorpus(t testing.TB, n int) string {
	t.Helper()
	root := t.TempDir()
	for i := range n {
		path := filepath.Join(root, fmt.Sprintf("d%02d", i%7), fmt.Sprintf("doc%04d.txt", i))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(textgen.Document(uint64(i), 300+i%5*400)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(root, "bad"), 0o755)
	os.WriteFile(filepath.Join(root, "bad/binary.txt"), []byte("PK\x03\x04\x00\x00binary"), 0o644)
	os.WriteFile(filepath.Join(root, "bad/empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "bad/latin1.txt"), []byte("caf\xe9 au lait"), 0o644)
	os.WriteFile(filepath.Join(root, "bad/too-big.txt"), bytes.Repeat([]byte("word "), 40000), 0o644)
	if err := syscall.Mkfifo(filepath.Join(root, "bad/not-a-file.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

var limits = corpus.Options{MaxBytes: 100000}

func checkFailures(t *testing.T, rep *Report) {
	t.Helper()
	if rep.Failed != len(bad) || len(rep.Failures) != len(bad) {
		t.Fatalf("got %d failures %v, want %d", rep.Failed, rep.Failures, len(bad))
	}
	for _, f := range rep.Failures {
		want, ok := bad[f.ID]
		if !ok || !strings.Contains(f.Reason, want) {
			t.Errorf("failure %s: %q, want a reason containing %q", f.ID, f.Reason, want)
		}
		if !strings.Contains(f.Reason, f.ID) {
			t.Errorf("failure %s: reason %q does not name the file", f.ID, f.Reason)
		}
	}
}

// TestStreamWorkers checks that JSON Lines output is complete, in input
// order and byte-identical whatever the worker count, with bad documents
// reported and skipped.
func TestStreamWorkers(t *testing.T) {
	root := makeCorpus(t, 300)
	p := standard(t)
	var outs [][]byte
	for _, workers := range []int{1, 4} {
		var b bytes.Buffer
		job := &Job{Pipeline: p, Workers: workers, Out: &b}
		rep, err := job.Run(context.Background(), limits.Dir(root))
		if err != nil {
			t.Fatal(err)
		}
		checkFailures(t, rep)
		if rep.Documents != 300+len(bad) || rep.Annotated != 300 {
			t.Errorf("-j %d: got %+v", workers, rep.Stats)
		}
		outs = append(outs, b.Bytes())
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("-j 1 and -j 4 outputs differ")
	}
	lines := bytes.Split(bytes.TrimSuffix(outs[0], []byte("\n")), []byte("\n"))
	if len(lines) != 300 {
		t.Fatalf("got %d lines, want 300", len(lines))
	}
	var ids []string
	for _, line := range lines {
		d, err := jsondoc.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.Doc.ID)
	}
	if !slices.IsSorted(ids) {
		t.Error("output is not in input (sorted path) order")
	}
}

// outputs lists the files below dir, relative, and fails on temporary ones.
func outputs(t *testing.T, dir string) []string {
	t.Helper()
	files := listFiles(dir)
	for _, f := range files {
		if strings.HasPrefix(path.Base(f), tempPrefix) {
			t.Errorf("temporary file left behind: %s", f)
		}
	}
	return files
}

func listFiles(dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return files
}

func TestOutDirResume(t *testing.T) {
	root := makeCorpus(t, 40)
	out := t.TempDir()
	p := standard(t)
	job := &Job{Pipeline: p, Workers: 2, OutDir: out}
	rep, err := job.Run(context.Background(), limits.Dir(root))
	if err != nil {
		t.Fatal(err)
	}
	checkFailures(t, rep)
	if rep.Annotated != 40 || rep.Skipped != 0 {
		t.Errorf("first run: got %+v", rep.Stats)
	}
	files := outputs(t, out)
	if len(files) != 41 || !slices.Contains(files, "d03/doc0010.json") || !slices.Contains(files, ReportFile) {
		t.Errorf("got files %v", files)
	}
	if info, err := os.Stat(filepath.Join(out, "d03/doc0010.json")); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("output file mode: %v %v, want 0644", info.Mode(), err)
	}
	var saved Report
	data, _ := os.ReadFile(filepath.Join(out, ReportFile))
	if err := json.Unmarshal(data, &saved); err != nil || saved.Failed != len(bad) || saved.Pipeline != p.Version() {
		t.Errorf("report file: %v %+v", err, saved)
	}

	// A rerun redoes nothing; a changed text, a missing output and a
	// changed pipeline version are redone.
	os.WriteFile(filepath.Join(root, "d03/doc0010.txt"), []byte("A new text."), 0o644)
	os.Remove(filepath.Join(out, "d04/doc0011.json"))
	rep, err = job.Run(context.Background(), limits.Dir(root))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Annotated != 2 || rep.Skipped != 38 {
		t.Errorf("rerun: got %+v, want 2 annotated, 38 skipped", rep.Stats)
	}
	sub, _ := p.Select("sentences")
	rep, _ = (&Job{Pipeline: sub, OutDir: out}).Run(context.Background(), limits.Dir(root))
	if rep.Annotated != 40 {
		t.Errorf("new pipeline: got %+v, want all 40 redone", rep.Stats)
	}
}

func TestOutputPath(t *testing.T) {
	tests := []struct{ id, want string }{
		{"a/b", "a/b"}, {"doc", "doc"}, {"../escape", ""}, {"/abs", ""}, {"a/../../b", ""}, {"", ""}, {"a//b", ""}, {"_report.json", ""},
	}
	for _, tt := range tests {
		got, err := outputPath(tt.id)
		if filepath.ToSlash(got) != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("outputPath(%q): got %q, %v; want %q", tt.id, got, err, tt.want)
		}
	}
}

// TestKilledAndResumed kills a batch job with SIGKILL at random moments,
// many times, then lets it finish: every document must end up annotated
// exactly once, with no partial or temporary file.
func TestKilledAndResumed(t *testing.T) {
	if os.Getenv("GLOSS_BATCH_CHILD") != "" {
		t.Skip("running as the child process")
	}
	root := makeCorpus(t, 200)
	out := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 12; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestChildJob$")
		cmd.Env = append(os.Environ(), "GLOSS_BATCH_CHILD=1", "GLOSS_CORPUS="+root, "GLOSS_OUT="+out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill at a random moment once the child has made progress, so
		// that most kills land in the middle of the work.
		done := len(listFiles(out))
		for deadline := time.Now().Add(time.Minute); len(listFiles(out)) == done && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(r.IntN(50)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
	}
	job := &Job{Pipeline: standard(t), Workers: 2, OutDir: out}
	rep, err := job.Run(context.Background(), limits.Dir(root))
	if err != nil {
		t.Fatal(err)
	}
	checkFailures(t, rep)
	if rep.Annotated+rep.Skipped != 200 || rep.Skipped == 0 {
		t.Errorf("got %+v, want 200 documents done, some by the killed runs", rep.Stats)
	}
	t.Logf("after 12 kills: %d already done, %d annotated by the final run", rep.Skipped, rep.Annotated)
	files := outputs(t, out)
	if len(files) != 201 {
		t.Errorf("got %d files, want 200 documents and the report", len(files))
	}
	for _, f := range files {
		if f == ReportFile {
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		d, err := jsondoc.Parse(data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		text, _ := os.ReadFile(filepath.Join(root, strings.TrimSuffix(f, ".json")+".txt"))
		if d.Doc.SHA256 != (&pipeline.Document{Text: string(text)}).SHA256() {
			t.Errorf("%s: made from a different text", f)
		}
	}
}

// TestChildJob is the process TestKilledAndResumed kills.
func TestChildJob(t *testing.T) {
	if os.Getenv("GLOSS_BATCH_CHILD") == "" {
		t.Skip("run by TestKilledAndResumed")
	}
	job := &Job{Pipeline: standard(t), Workers: 2, OutDir: os.Getenv("GLOSS_OUT")}
	job.Run(context.Background(), limits.Dir(os.Getenv("GLOSS_CORPUS")))
}

func TestCancel(t *testing.T) {
	root := makeCorpus(t, 50)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	job := &Job{Pipeline: standard(t), Workers: 2, Out: &bytes.Buffer{}, Progress: func(Stats) {
		if n++; n == 5 {
			cancel()
		}
	}}
	rep, err := job.Run(ctx, limits.Dir(root))
	if err != context.Canceled {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if rep.Documents >= 50 {
		t.Errorf("job went on after cancellation: %+v", rep.Stats)
	}
}
