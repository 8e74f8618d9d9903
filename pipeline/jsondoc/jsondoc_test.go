package jsondoc

import (
	"strings"
	"testing"
)

const head = `{"schema":"gloss/v1","doc":{"id":"d","source":"s","sha256":"x","bytes":3},"annotators":[{"name":"a","version":"1"}],`

func TestParse(t *testing.T) {
	d, err := Parse([]byte(head + `"layers":{"z":[{"start":0,"end":2,"text":"ab","label":"X","value":[1, 2.5]}],"a":[]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Layers) != 2 || d.Layers[0].Name != "z" || d.Layers[1].Name != "a" {
		t.Fatalf("layers out of written order: %+v", d.Layers)
	}
	sp := d.Layers[0].Spans[0]
	if sp.Start != 0 || sp.End != 2 || sp.Text != "ab" || !sp.HasText || sp.String("label") != "X" || sp.Attr("value") != "[1,2.5]" {
		t.Errorf("got %+v", sp)
	}
}

func TestParseRejects(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	tests := []struct {
		name, in, want string
	}{
		{"empty", ``, "EOF"},
		{"not an object", `[]`, "want an object"},
		{"truncated", head, "EOF"},
		{"wrong schema", `{"schema":"other","layers":{}}`, `schema is "other"`},
		{"duplicate key", head + `"layers":{},"layers":{}}`, `duplicate key "layers"`},
		{"duplicate layer", head + `"layers":{"a":[],"a":[]}}`, `duplicate layer "a"`},
		{"duplicate span key", head + `"layers":{"a":[{"start":1,"start":2,"end":3}]}}`, `duplicate key "start"`},
		{"huge number", head + `"layers":{"a":[{"start":1e400,"end":3}]}}`, "want a non-negative integer"},
		{"fraction", head + `"layers":{"a":[{"start":1.5,"end":3}]}}`, "want a non-negative integer"},
		{"negative", head + `"layers":{"a":[{"start":-1,"end":3}]}}`, "want a non-negative integer"},
		{"reversed", head + `"layers":{"a":[{"start":3,"end":1}]}}`, "end 1 before start 3"},
		{"no end", head + `"layers":{"a":[{"start":3}]}}`, "missing start or end"},
		{"deep nesting", head + `"layers":{"a":[{"start":1,"end":2,"x":` + deep + `}]}}`, "depth"},
		{"trailing data", head + `"layers":{}} {}`, "data after the document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
