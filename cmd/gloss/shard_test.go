package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/internal/textgen"
)

// TestShardsUnion checks that the N shards of a corpus, each annotated as
// a separate filter run would be, together give exactly the whole run:
// every document in one shard only, with the same bytes.
func TestShardsUnion(t *testing.T) {
	dir := t.TempDir()
	for i := range 60 {
		path := filepath.Join(dir, fmt.Sprintf("g%d", i%4), fmt.Sprintf("doc%02d.txt", i))
		os.MkdirAll(filepath.Dir(path), 0o755)
		os.WriteFile(path, []byte(textgen.Document(uint64(i), 300)), 0o644)
	}
	annotate := func(args ...string) []string {
		t.Helper()
		var out, errs bytes.Buffer
		if status := run(append([]string{"annotate", "-q", "-j", "2", dir}, args...), nil, &out, &errs); status != 0 {
			t.Fatalf("gloss annotate %v: exit %d: %s", args, status, errs.String())
		}
		return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	}
	whole := annotate()
	if len(whole) != 60 {
		t.Fatalf("whole run: got %d documents, want 60", len(whole))
	}
	for _, n := range []int{1, 3, 7} {
		var union []string
		for i := range n {
			shard := annotate("--shard", fmt.Sprintf("%d/%d", i, n))
			if len(shard) == 1 && shard[0] == "" {
				continue
			}
			if n > 1 && len(shard) == 60 {
				t.Errorf("shard %d/%d holds the whole corpus", i, n)
			}
			union = append(union, shard...)
		}
		slices.Sort(union)
		want := slices.Sorted(slices.Values(whole))
		if !slices.Equal(union, want) {
			t.Errorf("%d shards: union of %d documents differs from the whole run of %d", n, len(union), len(want))
		}
	}
}

// TestJSONLFilter checks the streaming filter mode: JSON Lines in on stdin,
// JSON Lines out, one document per input line, in order.
func TestJSONLFilter(t *testing.T) {
	var in bytes.Buffer
	for i := range 20 {
		fmt.Fprintf(&in, "{\"id\":\"doc%d\",\"text\":%q}\n", i, textgen.Document(uint64(i), 200))
	}
	fmt.Fprintln(&in, `{"id":"broken","text":`)
	var out, errs bytes.Buffer
	status := run([]string{"annotate", "-q", "--input", "jsonl", "-"}, &in, &out, &errs)
	if status != 1 || !strings.Contains(errs.String(), "stdin:21: malformed JSON") {
		t.Errorf("exit %d, stderr %q: want 1 and the broken line reported", status, errs.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 20 {
		t.Fatalf("got %d output lines, want 20", len(lines))
	}
	for i, line := range lines {
		if !strings.Contains(line, fmt.Sprintf(`"id":"doc%d"`, i)) {
			t.Errorf("line %d is not doc%d", i, i)
		}
	}
}
