package tokens

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

// treebankTokens reads prose's own tagged sample, testdata/treebank_tokens.json
// in prose's module (prose's licence: MIT), as a list of words.
func treebankTokens(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/jdkato/prose/v2").Output()
	if err != nil {
		t.Fatalf("locating prose's module: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "testdata", "treebank_tokens.json"))
	if err != nil {
		t.Fatal(err)
	}
	var toks []struct{ Text string }
	if err := json.Unmarshal(b, &toks); err != nil {
		t.Fatal(err)
	}
	words := make([]string, len(toks))
	for i, tok := range toks {
		words[i] = tok.Text
	}
	return words
}

// TestSameTagsAsProse runs prose's tagger and ours over the same tokens,
// sentence by sentence: the sentences of prose's Penn Treebank sample that
// prose's own tokenizer splits into exactly the sample's tokens. Prose's
// tokenizer caches one *Token per distinct string, so a word that occurs
// twice in a document reports the tag of its last occurrence; only words
// that occur once in their sentence are compared.
func TestSameTagsAsProse(t *testing.T) {
	if testing.Short() {
		t.Skip("loads prose's model")
	}
	model := prose.ModelFromData("gloss-test")
	all := treebankTokens(t)
	tg := tagger{m: loadModel()}
	compared, same, sentences := 0, 0, 0
	for len(all) > 0 {
		k := slices.Index(all, ".")
		if k < 0 {
			k = len(all) - 1
		}
		sent := all[:k+1]
		all = all[k+1:]
		doc, err := prose.NewDocument(strings.Join(sent, " "), prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(model))
		if err != nil {
			t.Fatal(err)
		}
		want := doc.Tokens()
		if len(want) != len(sent) {
			continue
		}
		aligned := true
		count := make(map[string]int)
		for i, tok := range want {
			aligned = aligned && tok.Text == sent[i]
			count[tok.Text]++
		}
		if !aligned {
			continue
		}
		sentences++
		tg.begin()
		for _, w := range sent {
			tg.add(tg.lookup(w))
		}
		tags := tg.end()
		for i, tok := range want {
			if count[tok.Text] > 1 {
				continue
			}
			compared++
			if tok.Tag == tags[i] {
				same++
			} else if compared-same <= 10 {
				t.Logf("%q in %q: prose %s, ours %s", sent[i], strings.Join(sent, " "), tok.Tag, tags[i])
			}
		}
	}
	if compared < 20000 {
		t.Fatalf("only %d comparable tokens", compared)
	}
	rate := float64(same) / float64(compared)
	t.Logf("%d of %d tags (%.3f%%) equal prose's, in %d sentences", same, compared, 100*rate, sentences)
	if rate < 0.995 {
		t.Errorf("%.3f%% of tags equal prose's, want at least 99.5%%", 100*rate)
	}
}

// TestNormal checks appendNormal against prose's normalize rules.
func TestNormal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""}, {"Word", "word"}, {"al-Qaeda", "!HYPHEN"}, {"-LRB-", "-lrb-"},
		{"2006", "!YEAR"}, {"-123", "!YEAR"}, {"+123", "!YEAR"}, {"3.50", "!DIGITS"},
		{"12", "!DIGITS"}, {"ÉCOLE", "école"},
	}
	for _, tt := range tests {
		if got := string(appendNormal(nil, tt.in)); got != tt.want {
			t.Errorf("appendNormal(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRegexps checks the hand-written matchers against prose's patterns.
func TestRegexps(t *testing.T) {
	tests := []struct {
		in         string
		none, keep bool
	}{
		{"0", true, false}, {"*", true, false}, {"*T*", true, false}, {"*?*", true, false},
		{"*-1", true, false}, {"*-123", true, false}, {"*-1234", false, false}, {"*T*-12", true, false},
		{"*EXP*-2", true, false}, {"*EXP*", false, false}, {"**", false, false}, {"00", false, false},
		{"-LRB-", false, true}, {"-lrb-", false, false}, {"-NONE-", false, false}, {"word", false, false},
	}
	for _, tt := range tests {
		if got := isNone(tt.in); got != tt.none {
			t.Errorf("isNone(%q) = %v", tt.in, got)
		}
		if got := isKeep(tt.in); got != tt.keep {
			t.Errorf("isKeep(%q) = %v", tt.in, got)
		}
	}
}
