package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/internal/textgen"
)

// generated yields n generated documents, ids g/0, g/1, …, from memory.
func generated(n, seed int) iter.Seq[corpus.Item] {
	return func(yield func(corpus.Item) bool) {
		for i := range n {
			text := textgen.Document(uint64(seed+i), 400)
			if !yield(corpus.Item{ID: fmt.Sprintf("g/%d", i), Source: "gen", Text: text, Size: int64(len(text))}) {
				return
			}
		}
	}
}

// readAll returns the contents of every file below dir by relative path.
func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	for _, f := range listFiles(dir) {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		files[f] = string(data)
	}
	return files
}

// asNobody runs f with the effective user id of nobody, as root ignores
// file permissions. The real and saved ids stay root, so root is restored
// afterwards.
func asNobody(t *testing.T, f func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		f()
		return
	}
	if err := syscall.Setresuid(-1, 65534, -1); err != nil {
		t.Fatalf("cannot drop to nobody: %v", err)
	}
	defer func() {
		if err := syscall.Setresuid(-1, 0, -1); err != nil {
			panic(err) // the rest of the tests would run as nobody
		}
	}()
	f()
}

// TestReadOnlyOutDir reruns a job, with new documents, into an output
// directory that has become read-only: the job must fail clearly, each new
// document must be reported, and every file already written must be left
// as it was.
func TestReadOnlyOutDir(t *testing.T) {
	// Not t.TempDir: nobody must be able to reach the directory.
	out, err := os.MkdirTemp("", "gloss-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(out)
	p := standard(t)
	job := &Job{Pipeline: p, Workers: 2, OutDir: out}
	rep, err := job.Run(context.Background(), generated(10, 0))
	if err != nil || rep.Annotated != 10 {
		t.Fatalf("first run: %v %+v", err, rep)
	}
	before := readAll(t, out)
	// Files as well as directories: the outputs are written 0600, and the
	// job, run as nobody below, must still read them to see they are up
	// to date, as their owner would.
	filepath.WalkDir(out, func(path string, e fs.DirEntry, err error) error {
		if err == nil && e.IsDir() {
			os.Chmod(path, 0o555)
		} else if err == nil {
			os.Chmod(path, 0o444)
		}
		return nil
	})
	defer filepath.WalkDir(out, func(path string, e fs.DirEntry, err error) error {
		if err == nil && e.IsDir() {
			os.Chmod(path, 0o755)
		}
		return nil
	})

	asNobody(t, func() {
		rep, err = job.Run(context.Background(), generated(15, 0))
	})
	if err == nil || !strings.Contains(err.Error(), ReportFile) || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("got error %v, want a permission error writing %s", err, ReportFile)
	}
	if rep.Skipped != 10 || rep.Failed != 5 {
		t.Errorf("got %+v, want 10 up to date and 5 failed: %v", rep.Stats, rep.Failures)
	}
	for _, f := range rep.Failures {
		if !strings.Contains(f.Reason, "permission denied") {
			t.Errorf("%s: reason %q, want permission denied", f.ID, f.Reason)
		}
	}
	after := readAll(t, out)
	if len(after) != len(before) {
		t.Errorf("got %d files, want the %d written before", len(after), len(before))
	}
	for f, data := range before {
		if after[f] != data {
			t.Errorf("%s changed", f)
		}
	}
}

// TestFullDisk writes JSON Lines to /dev/full, where every write fails
// with ENOSPC: the job must stop and return that error.
func TestFullDisk(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatalf("this test needs /dev/full: %v", err)
	}
	defer full.Close()
	job := &Job{Pipeline: standard(t), Workers: 2, Out: full}
	rep, err := job.Run(context.Background(), generated(20, 0))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("got %v, want ENOSPC", err)
	}
	if rep.Documents >= 20 {
		t.Errorf("job went on after the disk filled: %+v", rep.Stats)
	}
}

// TestCancelMidDocument cancels the context while a large document is
// being annotated: the job must stop with context.Canceled and write no
// partial document and no temporary file, to a directory or a stream.
func TestCancelMidDocument(t *testing.T) {
	out := t.TempDir()
	big := textgen.Document(5, 2<<20)
	var stream bytes.Buffer
	for _, job := range []*Job{
		{Pipeline: standard(t), Workers: 1, OutDir: out},
		{Pipeline: standard(t), Workers: 1, Out: &stream},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		var cancelled time.Time
		items := func(yield func(corpus.Item) bool) {
			// Cancel once the document is well into the pipeline.
			time.AfterFunc(300*time.Millisecond, func() { cancelled = time.Now(); cancel() })
			yield(corpus.Item{ID: "big", Source: "gen", Text: big, Size: int64(len(big))})
		}
		rep, err := job.Run(ctx, items)
		t.Logf("stopped %v after cancellation", time.Since(cancelled))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
		if rep.Annotated != 0 {
			t.Errorf("got %+v, want nothing annotated", rep.Stats)
		}
		cancel()
	}
	if files := outputs(t, out); len(files) != 1 || files[0] != ReportFile {
		t.Errorf("got files %v, want only %s", files, ReportFile)
	}
	if stream.Len() != 0 {
		t.Errorf("got %d bytes of output, want none", stream.Len())
	}
}
