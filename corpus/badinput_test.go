package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadFileOdd checks paths that are not plain text files: each is an
// item with a clear error, and none blocks or loops.
func TestReadFileOdd(t *testing.T) {
	tests := []struct {
		name  string
		setup func(dir string) string // returns the path to read
		want  string                  // the item's text, or !error text
	}{
		{"symlink loop", func(dir string) string {
			os.Symlink(filepath.Join(dir, "b.txt"), filepath.Join(dir, "a.txt"))
			os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"))
			return filepath.Join(dir, "a.txt")
		}, "!too many levels of symbolic links"},
		{"dangling symlink", func(dir string) string {
			os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "a.txt"))
			return filepath.Join(dir, "a.txt")
		}, "!no such file or directory"},
		{"directory named .txt", func(dir string) string {
			os.Mkdir(filepath.Join(dir, "x.txt"), 0o755)
			return filepath.Join(dir, "x.txt")
		}, "!not a regular file"},
		{"FIFO", func(dir string) string {
			syscall.Mkfifo(filepath.Join(dir, "f.txt"), 0o644)
			return filepath.Join(dir, "f.txt")
		}, "!not a regular file"},
		{"device", func(string) string { return "/dev/zero" }, "!not a regular file"},
		{"empty", func(dir string) string {
			os.WriteFile(filepath.Join(dir, "e.txt"), nil, 0o644)
			return filepath.Join(dir, "e.txt")
		}, "!empty document"},
		// Odd but text: read as it is, byte for byte.
		{"byte-order mark", func(dir string) string {
			os.WriteFile(filepath.Join(dir, "b.txt"), []byte("\ufeffhi\r\n"), 0o644)
			return filepath.Join(dir, "b.txt")
		}, "\ufeffhi\r\n"},
		{"whitespace only", func(dir string) string {
			os.WriteFile(filepath.Join(dir, "w.txt"), []byte(" \n\t\n"), 0o644)
			return filepath.Join(dir, "w.txt")
		}, " \n\t\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.setup(t.TempDir())
			it := (Options{}).ReadFile(path, "id")
			got := it.Text
			if it.Err != nil {
				got = "!" + it.Err.Error()
			}
			if strings.HasPrefix(tt.want, "!") && !strings.Contains(got, tt.want[1:]) || !strings.HasPrefix(tt.want, "!") && got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if it.Err != nil && !strings.Contains(it.Err.Error(), path) {
				t.Errorf("error %q does not name the path", it.Err)
			}
		})
	}
}

// TestDirOdd walks a tree of odd entries: links (never followed, so a
// loop cannot trap the walk and a dangling one is no error), a FIFO named
// .txt (an error item, without blocking) and a directory named .txt
// (walked into).
func TestDirOdd(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, "sub.txt"), 0o755)
	os.WriteFile(filepath.Join(root, "sub.txt", "a.txt"), []byte("inside"), 0o644)
	os.Symlink(filepath.Join(root, "gone.txt"), filepath.Join(root, "dangling.txt"))
	os.Symlink(root, filepath.Join(root, "loop"))
	os.Symlink(filepath.Join(root, "self.txt"), filepath.Join(root, "self.txt"))
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	for it := range (Options{}).Dir(root) {
		got = append(got, summary(it))
	}
	want := []string{"fifo!error", "sub.txt/a=inside"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestJSONLHostile feeds JSON Lines that are malformed or hostile: each
// bad line is an error item and the lines after it are still read.
func TestJSONLHostile(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"truncated last line", `{"id":"a","text":"one"}` + "\n" + `{"id":"b","te`, []string{"a=one", "c.jsonl:2!error"}},
		{"deep nesting", `{"id":"a","text":"x","extra":` + deep + "}\n" + `{"id":"b","text":"two"}`, []string{"c.jsonl:1!error", "b=two"}},
		{"huge number as id", `{"id":1e999,"text":"x"}`, []string{"c.jsonl:1!error"}},
		{"NUL outside a string", "{\x00}\n" + `{"id":"b","text":"two"}`, []string{"c.jsonl:1!error", "b=two"}},
		{"two values on a line", `{"id":"a","text":"x"} {"id":"b","text":"y"}`, []string{"c.jsonl:1!error"}},
		{"invalid UTF-8", "{\"id\":\"a\",\"text\":\"caf\xe9\"}\n" + `{"id":"b","text":"two"}`, []string{"c.jsonl:1!error", "b=two"}},
		// Valid JSON, decoded as encoding/json does: the text is what the
		// JSON string means, and the pipeline then judges it.
		{"escaped NUL", `{"id":"a","text":"a\u0000b"}`, []string{"a=a\x00b"}},
		{"lone surrogate", `{"id":"a","text":"\ud800"}`, []string{"a=\ufffd"}},
		{"duplicate keys: the last wins", `{"id":"a","text":"one","text":"two"}`, []string{"a=two"}},
		{"only blank lines", "\n\n \r\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for it := range (Options{}).JSONL(strings.NewReader(tt.in), "c.jsonl") {
				got = append(got, summary(it))
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
