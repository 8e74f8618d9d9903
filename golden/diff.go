// Package golden compares gloss/v1 documents semantically and keeps the
// golden files that pin the output for every text of the bundled corpus.
//
// A semantic diff says, per layer, which annotations appeared, vanished or
// changed, each with its text and line:column, instead of a JSON text diff
// that moves whenever one span does. It is what `go test ./golden` prints on
// a mismatch and what `gloss diff` prints.
package golden

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// Change kinds.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// A Change is one difference between two documents. For span changes Old
// and/or New are set; for document-level changes (the header, the
// annotators, a whole layer) Layer says what and Detail says how.
type Change struct {
	Layer  string
	Kind   string
	Old    *jsondoc.Span
	New    *jsondoc.Span
	Detail string
}

// Diff returns the differences from old to new: document-level changes
// first, then each layer's span changes in layer order and by position.
func Diff(old, new *jsondoc.Document) []Change {
	var out []Change
	if old.Doc != new.Doc {
		out = append(out, Change{Layer: "(doc)", Kind: Changed, Detail: headerDiff(old.Doc, new.Doc)})
	}
	if a, b := stages(old), stages(new); a != b {
		out = append(out, Change{Layer: "(annotators)", Kind: Changed, Detail: a + " → " + b})
	}
	for _, ol := range old.Layers {
		nl := new.Layer(ol.Name)
		if nl == nil {
			out = append(out, Change{Layer: ol.Name, Kind: Removed, Detail: fmt.Sprintf("whole layer (%d spans)", len(ol.Spans))})
			continue
		}
		out = append(out, diffLayer(ol.Name, ol.Spans, nl.Spans)...)
	}
	for _, nl := range new.Layers {
		if old.Layer(nl.Name) == nil {
			out = append(out, Change{Layer: nl.Name, Kind: Added, Detail: fmt.Sprintf("whole layer (%d spans)", len(nl.Spans))})
		}
	}
	return out
}

func headerDiff(a, b jsondoc.Header) string {
	var parts []string
	if a.ID != b.ID {
		parts = append(parts, fmt.Sprintf("id %q → %q", a.ID, b.ID))
	}
	if a.Source != b.Source {
		parts = append(parts, fmt.Sprintf("source %q → %q", a.Source, b.Source))
	}
	if a.SHA256 != b.SHA256 || a.Bytes != b.Bytes {
		parts = append(parts, fmt.Sprintf("text changed (%d → %d bytes): offsets below refer to different texts", a.Bytes, b.Bytes))
	}
	return strings.Join(parts, "; ")
}

func stages(d *jsondoc.Document) string {
	var b strings.Builder
	for i, s := range d.Annotators {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.Name + "@" + s.Version)
	}
	return b.String()
}

// key identifies a span within a layer: its range, and which of the spans
// with that range it is.
type key struct {
	start, end, nth int
}

func keyed(spans []jsondoc.Span) map[key]*jsondoc.Span {
	m := make(map[key]*jsondoc.Span, len(spans))
	count := make(map[[2]int]int)
	for i := range spans {
		sp := &spans[i]
		r := [2]int{sp.Start, sp.End}
		m[key{sp.Start, sp.End, count[r]}] = sp
		count[r]++
	}
	return m
}

func diffLayer(layer string, old, new []jsondoc.Span) []Change {
	om, nm := keyed(old), keyed(new)
	var out []Change
	for k, o := range om {
		n, ok := nm[k]
		switch {
		case !ok:
			out = append(out, Change{Layer: layer, Kind: Removed, Old: o})
		case !sameSpan(o, n):
			out = append(out, Change{Layer: layer, Kind: Changed, Old: o, New: n, Detail: fieldDiff(o, n)})
		}
	}
	for k, n := range nm {
		if _, ok := om[k]; !ok {
			out = append(out, Change{Layer: layer, Kind: Added, New: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].span(), out[j].span()
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// span returns the span the change is about: the new one if there is one.
func (c Change) span() *jsondoc.Span {
	if c.New != nil {
		return c.New
	}
	return c.Old
}

func sameSpan(a, b *jsondoc.Span) bool {
	if a.Text != b.Text || a.HasText != b.HasText || len(a.Attrs) != len(b.Attrs) {
		return false
	}
	for i := range a.Attrs {
		if a.Attrs[i] != b.Attrs[i] {
			return false
		}
	}
	return true
}

// fieldDiff describes how the fields of two spans with the same range
// differ: "label: GPE → ORG; canonical: (none) → \"United Nations\"".
func fieldDiff(a, b *jsondoc.Span) string {
	var parts []string
	if a.Text != b.Text {
		parts = append(parts, fmt.Sprintf("text: %q → %q", a.Text, b.Text))
	}
	keys := []string{}
	seen := map[string]bool{}
	for _, at := range append(append([]jsondoc.Attr{}, a.Attrs...), b.Attrs...) {
		if !seen[at.Key] {
			seen[at.Key] = true
			keys = append(keys, at.Key)
		}
	}
	for _, k := range keys {
		av, bv := a.Attr(k), b.Attr(k)
		if av == bv {
			continue
		}
		if av == "" {
			av = "(none)"
		}
		if bv == "" {
			bv = "(none)"
		}
		parts = append(parts, k+": "+av+" → "+bv)
	}
	return strings.Join(parts, "; ")
}

// attrs formats a span's fields as key=value, for added and removed rows.
func attrs(sp *jsondoc.Span) string {
	parts := make([]string, len(sp.Attrs))
	for i, a := range sp.Attrs {
		parts[i] = a.Key + "=" + a.Value
	}
	return strings.Join(parts, " ")
}

// Positions converts byte offsets of a text to 1-based line:column, the
// column counted in characters, as editors show it.
type Positions struct {
	text  string
	lines []int // byte offset of each line's start
}

// NewPositions indexes text's line starts. An empty text gives positions
// as byte offsets ("@123").
func NewPositions(text string) *Positions {
	p := &Positions{text: text, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	return p
}

// At returns "line:col" for a byte offset.
func (p *Positions) At(off int) string {
	if p.text == "" || off > len(p.text) {
		return "@" + strconv.Itoa(off)
	}
	line := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
	col := len([]rune(p.text[p.lines[line]:off])) + 1
	return fmt.Sprintf("%d:%d", line+1, col)
}

// Write prints changes as a table: layer, change, position, text, detail.
// text is the annotated text, for line:column positions; pass "" to show
// byte offsets instead.
func Write(w io.Writer, changes []Change, text string) error {
	return Printer{Text: text}.Write(w, changes)
}

// A Printer formats changes as a table. The zero value prints every change
// with byte offsets.
type Printer struct {
	// Text is the annotated text, for line:column positions.
	Text string
	// MaxPerLayer, if positive, caps the rows shown per layer; the rest are
	// counted in a "… N more" row, and the summary still counts them all.
	MaxPerLayer int
}

// Write prints changes as a table followed by a summary per layer.
func (p Printer) Write(w io.Writer, changes []Change) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "no differences")
		return err
	}
	pos := NewPositions(p.Text)
	table := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
	)
	table.Header("layer", "change", "at", "text", "detail")
	shown := map[string]int{}
	for i, c := range changes {
		shown[c.Layer]++
		if p.MaxPerLayer > 0 && shown[c.Layer] > p.MaxPerLayer {
			if last := i+1 == len(changes) || changes[i+1].Layer != c.Layer; last {
				n := shown[c.Layer] - p.MaxPerLayer
				if err := table.Append(c.Layer, "…", "", "", fmt.Sprintf("%d more", n)); err != nil {
					return err
				}
			}
			continue
		}
		at, txt, detail := "", "", c.Detail
		if sp := c.span(); sp != nil {
			at = pos.At(sp.Start) + "-" + pos.At(sp.End)
			txt = clip(sp.Text, 48)
			if !sp.HasText && p.Text != "" && sp.End <= len(p.Text) {
				txt = clip(p.Text[sp.Start:sp.End], 48)
			}
			if c.Kind != Changed {
				detail = attrs(sp)
			}
		}
		if err := table.Append(c.Layer, c.Kind, at, strconv.Quote(txt), detail); err != nil {
			return err
		}
	}
	if err := table.Render(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, summary(changes))
	return err
}

// summary counts changes by layer and kind: "entities: 2 added, 1 changed".
func summary(changes []Change) string {
	type counts struct{ added, removed, changed int }
	var order []string
	by := map[string]*counts{}
	for _, c := range changes {
		n := by[c.Layer]
		if n == nil {
			n = &counts{}
			by[c.Layer] = n
			order = append(order, c.Layer)
		}
		switch c.Kind {
		case Added:
			n.added++
		case Removed:
			n.removed++
		default:
			n.changed++
		}
	}
	var parts []string
	for _, l := range order {
		n := by[l]
		parts = append(parts, fmt.Sprintf("%s: %d added, %d removed, %d changed", l, n.added, n.removed, n.changed))
	}
	return strings.Join(parts, "\n")
}

// clip shortens s to at most n characters, marking the cut, and shows line
// breaks as ⏎ so each row stays on one line.
func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", "⏎")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n/2-1]) + "…" + string(r[len(r)-n/2:])
}
