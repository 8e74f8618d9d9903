package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestEssay(t *testing.T) {
	want, err := os.ReadFile("sco-essay.txt")
	if err != nil {
		t.Fatal(err)
	}
	if Essay != string(want) {
		t.Error("embedded essay differs from corpus/sco-essay.txt")
	}
}

// summary prints an item as id=text or id!error-kind, for compact tables.
func summary(it Item) string {
	switch {
	case errors.Is(it.Err, ErrEmpty):
		return it.ID + "!empty"
	case errors.Is(it.Err, ErrTooLarge):
		return it.ID + "!too-large"
	case it.Err != nil:
		return it.ID + "!error"
	}
	return it.ID + "=" + it.Text
}

func TestDir(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"b.txt":        "bee",
		"a/z.txt":      "zed",
		"a/b/c.txt":    "sea",
		"empty.txt":    "",
		"notes.md":     "not a text file",
		"big.txt":      strings.Repeat("x", 20),
		"unicode.txt":  "‘ok’",
		"a/secret.txt": "hidden",
	}
	for name, text := range files {
		path := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Symlink(root, filepath.Join(root, "loop")) // a link loop must not trap the walk
	os.Symlink(filepath.Join(root, "b.txt"), filepath.Join(root, "link.txt"))
	want := []string{"a/b/c=sea", "a/secret=hidden", "a/z=zed", "b=bee", "big!too-large", "empty!empty", "unicode=‘ok’"}
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		os.Chmod(filepath.Join(root, "a/secret.txt"), 0)
		want[1] = "a/secret!error"
	}
	var got []string
	for it := range (Options{MaxBytes: 10}).Dir(root) {
		got = append(got, summary(it))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if n := (Options{}).Count(root); n != len(want) {
		t.Errorf("Count: got %d, want %d", n, len(want))
	}
}

func TestDirUnreadable(t *testing.T) {
	var got []string
	for it := range (Options{}).Dir(filepath.Join(t.TempDir(), "missing")) {
		got = append(got, summary(it))
	}
	if len(got) != 1 || !strings.HasSuffix(got[0], "!error") {
		t.Errorf("got %q, want one error item", got)
	}
}

func TestReadFileNotRegular(t *testing.T) {
	it := (Options{}).ReadFile(t.TempDir(), "d")
	if it.Err == nil || !strings.Contains(it.Err.Error(), "not a regular file") {
		t.Errorf("got %v, want a not-a-regular-file error", it.Err)
	}
}

func TestJSONL(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("y", 200000) + `"}`
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two docs", `{"id":"a","text":"one"}` + "\n" + `{"id":"b","text":"two"}`, []string{"a=one", "b=two"}},
		{"crlf and blank lines", `{"id":"a","text":"one"}` + "\r\n\n  \n" + `{"id":"b","text":"t\nwo"}` + "\n", []string{"a=one", "b=t\nwo"}},
		{"no id", `{"text":"x"}`, []string{"c.jsonl:1=x"}},
		{"malformed then good", "{oops\n" + `{"id":"b","text":"two"}`, []string{"c.jsonl:1!error", "b=two"}},
		{"no text", `{"id":"a"}`, []string{"a!error"}},
		{"empty text", `{"id":"a","text":""}`, []string{"a!empty"}},
		{"wrong type", `{"id":"a","text":5}`, []string{"c.jsonl:1!error"}},
		{"too long, then more", long + "\n" + `{"id":"b","text":"two"}`, []string{"c.jsonl:1!too-large", "b=two"}},
		{"not an object", `["id","text"]`, []string{"c.jsonl:1!error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for it := range (Options{MaxBytes: 100000}).JSONL(strings.NewReader(tt.in), "c.jsonl") {
				got = append(got, summary(it))
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
