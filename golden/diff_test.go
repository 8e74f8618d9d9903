package golden

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

const header = `{"schema":"gloss/v1","doc":{"id":"d","source":"d.txt","sha256":"` + sha + `","bytes":22},`

const sha = "0000000000000000000000000000000000000000000000000000000000000000"

func parse(t *testing.T, s string) *jsondoc.Document {
	t.Helper()
	d, err := jsondoc.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// line formats a change compactly for table expectations.
func line(c Change) string {
	s := c.Layer + " " + c.Kind
	if sp := c.span(); sp != nil {
		s += " " + sp.Text
	}
	if c.Detail != "" {
		s += " (" + c.Detail + ")"
	}
	return s
}

func TestDiff(t *testing.T) {
	const text = "Kofi Annan met\nthe UN."
	old := header + `"annotators":[{"name":"entities","version":"1"}],"layers":{
		"entities":[{"start":0,"end":10,"text":"Kofi Annan","label":"PERSON"},{"start":19,"end":21,"text":"UN","label":"GPE"}],
		"gone":[{"start":0,"end":4}]}}`
	new := header + `"annotators":[{"name":"entities","version":"2"}],"layers":{
		"entities":[{"start":0,"end":4,"text":"Kofi","label":"PERSON"},{"start":19,"end":21,"text":"UN","label":"ORG","canonical":"United Nations"}],
		"fresh":[]}}`
	got := Diff(parse(t, old), parse(t, new))
	want := []string{
		"(annotators) changed (entities@1 → entities@2)",
		"entities removed Kofi Annan",
		"entities added Kofi",
		`entities changed UN (label: "GPE" → "ORG"; canonical: (none) → "United Nations")`,
		"gone removed (whole layer (1 spans))",
		"fresh added (whole layer (0 spans))",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if g := line(got[i]); g != want[i] {
			t.Errorf("change %d: got %s, want %s", i, g, want[i])
		}
	}
	var b strings.Builder
	if err := Write(&b, got, text); err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{"2:5-2:7", `"UN"`, "entities: 1 added, 1 removed, 1 changed"} {
		if !strings.Contains(b.String(), frag) {
			t.Errorf("table lacks %q:\n%s", frag, b.String())
		}
	}
}

func TestPrinterMaxPerLayer(t *testing.T) {
	doc := func(n int) string {
		var spans []string
		for i := range n {
			spans = append(spans, fmt.Sprintf(`{"start":%d,"end":%d}`, i, i+1))
		}
		return header + `"annotators":[],"layers":{"a":[` + strings.Join(spans, ",") + `],"b":[{"start":0,"end":1}]}}`
	}
	changes := Diff(parse(t, doc(0)), parse(t, doc(10)))
	var b strings.Builder
	if err := (Printer{MaxPerLayer: 3}).Write(&b, changes); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, "│ added"); n != 3 {
		t.Errorf("got %d added rows, want 3:\n%s", n, out)
	}
	for _, frag := range []string{"7 more", "a: 10 added, 0 removed, 0 changed"} {
		if !strings.Contains(out, frag) {
			t.Errorf("output lacks %q:\n%s", frag, out)
		}
	}
}

func TestDiffEqual(t *testing.T) {
	doc := header + `"annotators":[],"layers":{"a":[{"start":1,"end":2},{"start":1,"end":2}]}}`
	if got := Diff(parse(t, doc), parse(t, doc)); len(got) != 0 {
		t.Errorf("got %v, want no changes", got)
	}
	var b strings.Builder
	Write(&b, nil, "")
	if b.String() != "no differences\n" {
		t.Errorf("got %q", b.String())
	}
}

func TestPositions(t *testing.T) {
	p := NewPositions("ab\n‘cd’\n")
	tests := []struct {
		off  int
		want string
	}{{0, "1:1"}, {2, "1:3"}, {3, "2:1"}, {6, "2:2"}, {8, "2:4"}, {12, "3:1"}, {99, "@99"}}
	for _, tt := range tests {
		if got := p.At(tt.off); got != tt.want {
			t.Errorf("At(%d): got %s, want %s", tt.off, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name, doc string
		ok        bool
	}{
		{"minimal", header + `"annotators":[],"layers":{}}`, true},
		{"unknown layer of spans", header + `"annotators":[],"layers":{"x":[{"start":1,"end":2}]}}`, true},
		{"bad entity label", header + `"annotators":[],"layers":{"entities":[{"start":1,"end":2,"text":"x","label":"THING","source":"rule"}]}}`, false},
		{"negative offset", header + `"annotators":[],"layers":{"x":[{"start":-1,"end":2}]}}`, false},
		{"wrong schema", `{"schema":"gloss/v2","doc":{},"annotators":[],"layers":{}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate([]byte(tt.doc))
			if (err == nil) != tt.ok {
				t.Errorf("got %v, want ok=%v", err, tt.ok)
			}
		})
	}
}
