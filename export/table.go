// Package export renders gloss/v1 documents for people and other tools:
// summary tables for the terminal, brat standoff, CoNLL-U and a
// self-contained HTML page.
package export

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/gloss-nlp/gloss/golden"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// A Summary accumulates counts over one or more documents for Tables.
type Summary struct {
	Documents int
	layers    []string                  // in first-seen order
	spans     map[string]int            // layer -> spans
	labels    map[string]map[string]int // layer -> label -> count
	entities  map[[3]string]int         // text, label, canonical -> mentions
	dates     []row
	quotes    []row
}

type row struct {
	sortKey, doc string
	cells        []string
}

// labelField names, per layer, the field whose values are counted.
var labelField = map[string]string{
	"paragraphs": "kind", "entities": "label", "dates": "type", "quotations": "kind",
	"enumerations": "style", "quantities": "unit", "tokens": "pos",
}

// NewSummary returns an empty summary.
func NewSummary() *Summary {
	return &Summary{spans: map[string]int{}, labels: map[string]map[string]int{}, entities: map[[3]string]int{}}
}

// Add counts one document.
func (s *Summary) Add(d *jsondoc.Document) {
	s.Documents++
	for _, l := range d.Layers {
		if _, ok := s.spans[l.Name]; !ok {
			s.layers = append(s.layers, l.Name)
		}
		s.spans[l.Name] += len(l.Spans)
		field := labelField[l.Name]
		for _, sp := range l.Spans {
			if v := sp.String(field); field != "" && v != "" {
				if s.labels[l.Name] == nil {
					s.labels[l.Name] = map[string]int{}
				}
				s.labels[l.Name][v]++
			}
			switch l.Name {
			case "entities":
				s.entities[[3]string{sp.Text, sp.String("label"), sp.String("canonical")}]++
			case "dates":
				s.dates = append(s.dates, row{sp.String("value"), d.Doc.ID, []string{sp.String("value"), sp.String("type"), sp.String("mod"), clip(sp.Text, 40)}})
			case "quotations":
				speaker := ""
				if v := sp.Attr("speaker"); v != "" {
					if sub, err := jsondoc.Parse([]byte(`{"schema":"gloss/v1","layers":{"s":[` + v + `]}}`)); err == nil {
						speaker = sub.Layers[0].Spans[0].Text
					}
				}
				s.quotes = append(s.quotes, row{"", d.Doc.ID, []string{sp.String("kind"), sp.String("block"), speaker, clip(sp.Text, 60)}})
			}
		}
	}
}

// Tables writes the summary: counts per layer and label, the most frequent
// entities with their canonical names, dates sorted by value, and
// quotations with kind and speaker.
func (s *Summary) Tables(w io.Writer, topEntities int) error {
	fmt.Fprintf(w, "%d document(s)\n\nLayers\n", s.Documents)
	var rows [][]string
	for _, l := range s.layers {
		rows = append(rows, []string{l, strconv.Itoa(s.spans[l]), counts(s.labels[l], 8)})
	}
	if err := render(w, []string{"layer", "spans", "by kind"}, rows); err != nil {
		return err
	}
	if len(s.entities) > 0 {
		type ent struct {
			key [3]string
			n   int
		}
		var ents []ent
		for k, n := range s.entities {
			ents = append(ents, ent{k, n})
		}
		sort.Slice(ents, func(i, j int) bool {
			if ents[i].n != ents[j].n {
				return ents[i].n > ents[j].n
			}
			return strings.Join(ents[i].key[:], "\x00") < strings.Join(ents[j].key[:], "\x00")
		})
		if topEntities > 0 && len(ents) > topEntities {
			ents = ents[:topEntities]
		}
		rows = rows[:0]
		for _, e := range ents {
			rows = append(rows, []string{clip(e.key[0], 40), e.key[1], e.key[2], strconv.Itoa(e.n)})
		}
		fmt.Fprintln(w, "\nEntities, most frequent first")
		if err := render(w, []string{"entity", "label", "canonical", "mentions"}, rows); err != nil {
			return err
		}
	}
	if len(s.dates) > 0 {
		sort.SliceStable(s.dates, func(i, j int) bool { return s.dates[i].sortKey < s.dates[j].sortKey })
		fmt.Fprintln(w, "\nDates by value")
		if err := render(w, s.header([]string{"value", "type", "mod", "text"}), s.cellRows(s.dates)); err != nil {
			return err
		}
	}
	if len(s.quotes) > 0 {
		fmt.Fprintln(w, "\nQuotations")
		if err := render(w, s.header([]string{"kind", "block", "speaker", "text"}), s.cellRows(s.quotes)); err != nil {
			return err
		}
	}
	return nil
}

// header and cellRows add a document column when there are several.
func (s *Summary) header(h []string) []string {
	if s.Documents > 1 {
		return append([]string{"doc"}, h...)
	}
	return h
}

func (s *Summary) cellRows(rs []row) [][]string {
	out := make([][]string, len(rs))
	for i, r := range rs {
		out[i] = r.cells
		if s.Documents > 1 {
			out[i] = append([]string{r.doc}, r.cells...)
		}
	}
	return out
}

// Spans writes every span of the named layers (all if none are named), one
// row each with its position, text and other fields. text is the
// annotated text, for line:column; "" shows byte offsets.
func Spans(w io.Writer, d *jsondoc.Document, text string, layers ...string) error {
	pos := golden.NewPositions(text)
	for _, l := range d.Layers {
		if len(layers) > 0 && !contains(layers, l.Name) {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d)\n", l.Name, len(l.Spans))
		rows := make([][]string, 0, len(l.Spans))
		for _, sp := range l.Spans {
			txt := sp.Text
			if !sp.HasText && text != "" && sp.End <= len(text) {
				txt = text[sp.Start:sp.End]
			}
			var attrs []string
			for _, a := range sp.Attrs {
				attrs = append(attrs, a.Key+"="+clip(a.Value, 80))
			}
			rows = append(rows, []string{pos.At(sp.Start), strconv.Quote(clip(txt, 50)), strings.Join(attrs, " ")})
		}
		if err := render(w, []string{"at", "text", "fields"}, rows); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// counts formats the n most frequent labels: "ORG 40, GPE 20, …".
func counts(m map[string]int, n int) string {
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range m {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool {
		if kvs[i].v != kvs[j].v {
			return kvs[i].v > kvs[j].v
		}
		return kvs[i].k < kvs[j].k
	})
	var parts []string
	for i, p := range kvs {
		if i == n {
			parts = append(parts, fmt.Sprintf("… %d more", len(kvs)-n))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", p.k, p.v))
	}
	return strings.Join(parts, ", ")
}

func render(w io.Writer, header []string, rows [][]string) error {
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
	)
	t.Header(header)
	if err := t.Bulk(rows); err != nil {
		return err
	}
	return t.Render()
}

// clip shortens s to n characters and shows line breaks as ⏎.
func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", "⏎")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
