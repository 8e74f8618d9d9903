package pipeline

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// fake is an annotator configured by its fields, for testing the runner.
type fake struct {
	name     string
	requires []string
	provides []string
	run      func(doc *Document) error
}

func (f fake) Name() string       { return f.name }
func (f fake) Version() string    { return "1" }
func (f fake) Requires() []string { return f.requires }
func (f fake) Provides() []string { return f.provides }
func (f fake) Annotate(ctx context.Context, doc *Document) error {
	if f.run == nil {
		for _, l := range f.provides {
			NewLayer[Span](l).Set(doc, nil)
		}
		return nil
	}
	return f.run(doc)
}

var words = NewLayer[TextSpan]("words")

func TestNew(t *testing.T) {
	a := fake{name: "a", provides: []string{"x"}}
	b := fake{name: "b", requires: []string{"x"}, provides: []string{"y"}}
	c := fake{name: "c", provides: []string{"x"}}
	tests := []struct {
		name    string
		stages  []Annotator
		wantErr string
	}{
		{"in order", []Annotator{a, b}, ""},
		{"requirement after", []Annotator{b, a}, `stage b requires layer "x", which no earlier stage provides`},
		{"requirement missing", []Annotator{b}, `stage b requires layer "x"`},
		{"two providers", []Annotator{a, c}, `stages a and c both provide layer "x"`},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.stages...)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got error %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	p, err := New(
		fake{name: "layout", provides: []string{"paragraphs", "page_breaks"}},
		fake{name: "tokens", requires: []string{"paragraphs"}, provides: []string{"tokens"}},
		fake{name: "dates", requires: []string{"paragraphs"}, provides: []string{"dates"}},
		fake{name: "entities", requires: []string{"tokens"}, provides: []string{"entities"}},
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		layers []string
		want   string
	}{
		{[]string{"dates"}, "layout@1,dates@1"},
		{[]string{"entities"}, "layout@1,tokens@1,entities@1"},
		{[]string{"entities", "dates"}, "layout@1,tokens@1,dates@1,entities@1"},
		{[]string{"page_breaks"}, "layout@1"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.layers, ","), func(t *testing.T) {
			q, err := p.Select(tt.layers...)
			if err != nil {
				t.Fatal(err)
			}
			if got := q.Version(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := p.Select("nonsense"); err == nil || !strings.Contains(err.Error(), "no stage provides nonsense") {
		t.Errorf("Select(nonsense): got %v, want an error naming the layer", err)
	}
}

func TestAnnotateChecksLayers(t *testing.T) {
	const text = "Curly ‘quotes’ here."
	tests := []struct {
		name    string
		spans   []TextSpan
		wantErr string
	}{
		{"good", []TextSpan{{Span{0, 5}, "Curly"}, {Span{6, 15}, "‘quotes"}}, ""},
		{"out of bounds", []TextSpan{{Span{20, 40}, ""}}, "out of bounds"},
		{"negative", []TextSpan{{Span{-1, 2}, ""}}, "out of bounds"},
		{"inside a rune", []TextSpan{{Span{7, 9}, text[7:9]}}, "not on UTF-8 boundaries"},
		{"wrong text", []TextSpan{{Span{0, 5}, "curly"}}, `has text "curly", want "Curly"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := New(fake{name: "w", provides: []string{"words"}, run: func(doc *Document) error {
				words.Set(doc, tt.spans)
				return nil
			}})
			doc, _ := NewDocument("t", "t", text)
			err := p.Annotate(context.Background(), doc)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got error %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestSetSorts(t *testing.T) {
	doc, _ := NewDocument("t", "t", "abcdefgh")
	words.Set(doc, []TextSpan{doc.TextSpan(4, 6), doc.TextSpan(0, 2), doc.TextSpan(0, 8), doc.TextSpan(4, 5)})
	var got []Span
	for _, w := range words.Get(doc) {
		got = append(got, w.Span)
	}
	want := []Span{{0, 8}, {0, 2}, {4, 6}, {4, 5}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %v, want %v", got, want)
			break
		}
	}
}

func TestAnnotateFailures(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		stage   fake
		wantErr string
	}{
		{"error", fake{name: "e", run: func(*Document) error { return boom }}, "doc.txt: e: boom"},
		{"panic", fake{name: "p", run: func(*Document) error { panic("oops") }}, "doc.txt: p: panic: oops"},
		{"layer not set", fake{name: "lazy", provides: []string{"words"}, run: func(*Document) error { return nil }}, "layer words was not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := New(tt.stage)
			doc, _ := NewDocument("doc", "doc.txt", "text")
			err := p.Annotate(context.Background(), doc)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestAnnotateCancelled(t *testing.T) {
	ran := false
	p, _ := New(fake{name: "a", run: func(*Document) error { ran = true; return nil }})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc, _ := NewDocument("t", "t", "text")
	if err := p.Annotate(ctx, doc); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if ran {
		t.Error("a stage ran after cancellation")
	}
}

func TestNewDocumentInvalidUTF8(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"ok ‘curly’", ""},
		{"abc\xffdef", "f.txt: byte 3: invalid UTF-8"},
		{"‘\xe2\x80’", "f.txt: byte 3: invalid UTF-8"},
		{"bin\x00ary", "f.txt: byte 3: NUL byte: binary data, not text"},
	}
	for _, tt := range tests {
		_, err := NewDocument("f", "f.txt", tt.text)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("NewDocument(%q): got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	p, _ := New(
		fake{name: "w", provides: []string{"words"}, run: func(doc *Document) error {
			words.Set(doc, []TextSpan{doc.TextSpan(5, 7), doc.TextSpan(0, 4)})
			return nil
		}},
		fake{name: "e", provides: []string{"empty"}},
	)
	doc, _ := NewDocument("d", "d.txt", "a<b> é")
	if err := p.Annotate(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var compact, pretty bytes.Buffer
	if err := doc.WriteJSON(&compact, false); err != nil {
		t.Fatal(err)
	}
	want := `{"schema":"gloss/v1","doc":{"id":"d","source":"d.txt","sha256":"` + doc.SHA256() + `","bytes":7},"annotators":[{"name":"w","version":"1"},{"name":"e","version":"1"}],"layers":{"words":[{"start":0,"end":4,"text":"a<b>"},{"start":5,"end":7,"text":"é"}],"empty":[]}}` + "\n"
	if compact.String() != want {
		t.Errorf("compact:\ngot  %s\nwant %s", compact.String(), want)
	}
	if err := doc.WriteJSON(&pretty, true); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(strings.Fields(pretty.String()), ""); got != strings.TrimSpace(want) {
		t.Errorf("pretty output differs from compact output other than in white space:\n%s", pretty.String())
	}
}
