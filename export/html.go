package export

import (
	"bufio"
	"embed"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

//go:embed html
var htmlFiles embed.FS

var pageTemplate = template.Must(template.ParseFS(htmlFiles, "html/page.tmpl"))

// htmlLayers are the layers WriteHTML highlights, in legend order, with
// the field that heads each one's details.
var htmlLayers = []struct {
	name, head string
	rank       int // nesting order of spans with the same extent: outer first
}{
	{"entities", "label", 2},
	{"dates", "type", 3},
	{"quantities", "unit", 4},
	{"quotations", "kind", 0},
	{"enumerations", "style", 1},
}

// entityColors are the backgrounds of the entity labels gloss writes;
// other labels get one of labelPalette by a hash of their name, so that a
// label has the same colour in every document.
var entityColors = map[string]string{
	"PERSON": "#ffc9c9", "ORG": "#a5d8ff", "GPE": "#b2f2bb", "LOC": "#99e9f2",
	"NORP": "#eebefa", "FAC": "#dee2e6", "EVENT": "#d0bfff", "LAW": "#bac8ff",
}

var labelPalette = []string{"#ffd8a8", "#c0eb75", "#fcc2d7", "#e599f7", "#91a7ff", "#66d9e8", "#ced4da", "#ffe066"}

// maxDepth bounds the highlights open at once. Real layers nest a few
// deep; the bound keeps the page linear in the document's size when a
// document has many mutually overlapping spans, whose fragments would
// otherwise grow with the square of their number. Spans past it are not
// drawn.
const maxDepth = 64

// WriteHTML writes d, whose annotated text is text, as one self-contained
// HTML page: the text with its entities, dates, quantities, quotations
// and enumerations highlighted, each layer in its own colour (entities in
// one colour per label), a legend whose check boxes show and hide each
// layer, and each highlight's fields in a tooltip.
//
// The layout follows the paragraphs layer: headings become h2, block
// quotations blockquote, other paragraphs p; text outside every paragraph
// is a paragraph of its own if it is not blank. Page-break spaces are left
// out and footnote references are superscripts.
//
// Every highlight is an element with class hl and the attributes
// data-layer, data-start and data-end (the span's byte offsets) and
// data-id. Highlights nest; one that crosses the end of another, or of a
// paragraph, is split into fragments with the same data-id. An
// enumeration's items (class enum-item) and markers (class enum-marker)
// and a quotation's speaker (class speaker) are highlights of their layer
// too, with their own offsets.
//
// The page needs nothing from the network. WriteHTML fails if text is not
// the text d was made from or a span does not fit it.
func WriteHTML(w io.Writer, d *jsondoc.Document, text string) error {
	if err := checkText(d, text); err != nil {
		return err
	}
	v := &htmlView{text: text, labels: map[string]int{}, speakers: map[pipeline.Span]*elem{}}
	if err := v.layout(d); err != nil {
		return err
	}
	p := page{Title: d.Doc.ID, Source: d.Doc.Source, Bytes: len(text)}
	if p.Title == "" {
		p.Title = "gloss document"
	}
	for _, a := range d.Annotators {
		p.Annotators = append(p.Annotators, a.Name+" "+a.Version)
	}
	for _, hl := range htmlLayers {
		l := d.Layer(hl.name)
		if l == nil {
			continue
		}
		if err := v.highlights(l, hl.head, hl.rank); err != nil {
			return err
		}
		p.Layers = append(p.Layers, legendLayer{Name: hl.name, Count: len(l.Spans)})
		if hl.name == "entities" {
			p.Layers[len(p.Layers)-1].Labels = v.legendLabels(l)
		}
	}
	var body strings.Builder
	v.write(&body)
	p.Body = template.HTML(body.String()) // built from escaped text by write
	p.CSS, p.LabelCSS = v.css()
	js, err := htmlFiles.ReadFile("html/page.js")
	if err != nil {
		return err
	}
	p.JS = template.JS(js)
	bw := bufio.NewWriter(w)
	if err := pageTemplate.Execute(bw, p); err != nil {
		return err
	}
	return bw.Flush()
}

// A page is what page.tmpl shows.
type page struct {
	Title, Source string
	Bytes         int
	Annotators    []string
	Layers        []legendLayer
	CSS, LabelCSS template.CSS
	JS            template.JS
	Body          template.HTML
}

type legendLayer struct {
	Name   string
	Count  int
	Labels []legendLabel
}

type legendLabel struct {
	Label, Class string
	Count        int
}

// An elem is one element of the page body over text[start:end]: a block
// (paragraph, heading, block quotation) or an inline highlight.
type elem struct {
	start, end int
	block      bool
	rank       int // among elements with the same extent, lower is outer
	tag        string
	class      string
	layer      string
	title      string
	id         int
	ref        *elem  // an element this one points to: an item, a speaker
	refAttr    string // the attribute naming ref's id
	open       string // the opening tag, made once ids are known
	active     bool
}

// An htmlView collects the elements of one page.
type htmlView struct {
	text     string
	elems    []*elem
	skips    []pipeline.Span // page breaks, left out
	labels   map[string]int  // entity label -> class number
	speakers map[pipeline.Span]*elem
}

// layout adds the blocks, page breaks and footnote references.
func (v *htmlView) layout(d *jsondoc.Document) error {
	var paras []jsondoc.Span
	if l := d.Layer("paragraphs"); l != nil {
		paras = slices.Clone(l.Spans)
	}
	for _, sp := range paras {
		if err := checkSpan(v.text, "paragraphs", sp.Span); err != nil {
			return err
		}
	}
	slices.SortStableFunc(paras, func(a, b jsondoc.Span) int { return a.Start - b.Start })
	end := 0 // of the text shown so far
	for _, sp := range paras {
		start := max(end, sp.Start)
		if start >= sp.End {
			continue // empty, or inside the paragraph before
		}
		v.gap(end, start)
		tag := "p"
		switch sp.String("kind") {
		case "heading":
			tag = "h2"
		case "block_quote":
			tag = "blockquote"
		}
		v.elems = append(v.elems, &elem{start: start, end: sp.End, block: true, tag: tag})
		end = sp.End
	}
	v.gap(end, len(v.text))
	if l := d.Layer("page_breaks"); l != nil {
		for _, sp := range l.Spans {
			if err := checkSpan(v.text, "page_breaks", sp.Span); err != nil {
				return err
			}
			v.skips = append(v.skips, sp.Span)
		}
		slices.SortStableFunc(v.skips, func(a, b pipeline.Span) int { return a.Start - b.Start })
	}
	if l := d.Layer("footnote_refs"); l != nil {
		for _, sp := range l.Spans {
			if err := checkSpan(v.text, "footnote_refs", sp.Span); err != nil {
				return err
			}
			v.add(&elem{start: sp.Start, end: sp.End, rank: 9, tag: "sup", class: "fn",
				title: "footnote " + sp.String("number")})
		}
	}
	return nil
}

// gap makes a paragraph of text[start:end] unless it is blank.
func (v *htmlView) gap(start, end int) {
	if strings.TrimSpace(v.text[start:end]) != "" {
		v.elems = append(v.elems, &elem{start: start, end: end, block: true, tag: "p"})
	}
}

// add adds an inline element unless it is empty.
func (v *htmlView) add(e *elem) {
	if e.start < e.end {
		v.elems = append(v.elems, e)
	}
}

// highlights adds the highlights of layer l, whose details start with the
// field head.
func (v *htmlView) highlights(l *jsondoc.Layer, head string, rank int) error {
	for _, sp := range l.Spans {
		if err := checkSpan(v.text, l.Name, sp.Span); err != nil {
			return err
		}
		if sp.HasText && sp.Text != v.text[sp.Start:sp.End] {
			return fmt.Errorf("%s %d:%d: span text %q differs from the text's %q", l.Name, sp.Start, sp.End, sp.Text, v.text[sp.Start:sp.End])
		}
		e := &elem{start: sp.Start, end: sp.End, rank: rank, tag: "span", class: "hl", layer: l.Name}
		var title []string
		switch l.Name {
		case "entities":
			label := sp.String("label")
			n, ok := v.labels[label]
			if !ok {
				n = len(v.labels)
				v.labels[label] = n
			}
			e.class += " e" + strconv.Itoa(n)
			title = append(title, "entity "+label)
		case "quantities":
			title = append(title, strings.TrimSpace("quantity "+v.value(sp.Attr("value"))+" "+sp.String("unit")))
			head = "unit"
		default:
			title = append(title, strings.TrimSpace(singular(l.Name)+" "+sp.String(head)))
		}
		for _, a := range sp.Attrs {
			if a.Key == head || a.Key == "items" || (l.Name == "quantities" && a.Key == "value") {
				continue
			}
			key := strings.ReplaceAll(a.Key, "_", " ")
			switch a.Value {
			case "true":
				title = append(title, key)
			case "false", "null":
			default:
				title = append(title, key+": "+v.value(a.Value))
			}
		}
		e.title = strings.Join(title, "\n")
		v.add(e)
		switch l.Name {
		case "quotations":
			if err := v.speaker(e, sp); err != nil {
				return err
			}
		case "enumerations":
			// An enumeration spans paragraphs: its details go with its
			// markers, not over all its text.
			if err := v.items(e.title, sp); err != nil {
				return err
			}
			e.title = ""
		}
	}
	return nil
}

// speaker adds the speaker of quotation q, once per speaker span.
func (v *htmlView) speaker(q *elem, sp jsondoc.Span) error {
	span, ok, err := speakerSpan(sp, v.text)
	if !ok || err != nil {
		return err
	}
	e, ok := v.speakers[span]
	if !ok {
		e = &elem{start: span.Start, end: span.End, rank: 5, tag: "span", class: "hl speaker", layer: q.layer,
			title: "speaker of " + clip(oneLine(v.text[sp.Start:sp.End]), 60)}
		v.speakers[span] = e
		v.add(e)
	}
	q.ref, q.refAttr = e, "data-speaker"
	return nil
}

// items adds the items and markers of enumeration sp, whose details are
// about.
func (v *htmlView) items(about string, sp jsondoc.Span) error {
	raw := sp.Attr("items")
	if raw == "" || raw == "null" {
		return nil
	}
	var items []struct {
		Start, End  *int
		Marker      string
		MarkerStart *int `json:"marker_start"`
	}
	if err := json.Unmarshal([]byte(raw), &items); err != nil {
		return fmt.Errorf("enumerations %d:%d: items: %v", sp.Start, sp.End, err)
	}
	for i, it := range items {
		if it.Start == nil || it.End == nil {
			return fmt.Errorf("enumerations %d:%d: item %d has no span", sp.Start, sp.End, i+1)
		}
		span := pipeline.Span{Start: *it.Start, End: *it.End}
		if err := checkSpan(v.text, "enumerations item", span); err != nil {
			return err
		}
		of := fmt.Sprintf("item %d of %d", i+1, len(items))
		item := &elem{start: span.Start, end: span.End, rank: 6, tag: "span", class: "hl enum-item", layer: "enumerations"}
		v.add(item)
		if it.MarkerStart == nil {
			continue
		}
		m := pipeline.Span{Start: *it.MarkerStart, End: *it.MarkerStart + len(it.Marker)}
		if checkSpan(v.text, "", m) != nil || v.text[m.Start:m.End] != it.Marker {
			continue // a marker that is not the text at its offset is not drawn
		}
		v.add(&elem{start: m.Start, end: m.End, rank: 7, tag: "span", class: "hl enum-marker", layer: "enumerations",
			title: of + ", marker “" + oneLine(it.Marker) + "”\n" + about,
			ref:   item, refAttr: "data-item"})
	}
	return nil
}

// value formats a field's JSON value for a tooltip: strings unquoted, a
// span as its quoted text, a list of numbers as a range.
func (v *htmlView) value(raw string) string {
	var s string
	if json.Unmarshal([]byte(raw), &s) == nil {
		return oneLine(s)
	}
	var span struct {
		Start, End *int
		Text       *string
	}
	if strings.HasPrefix(raw, "{") && json.Unmarshal([]byte(raw), &span) == nil && span.Start != nil && span.End != nil {
		if span.Text != nil {
			return clip(oneLine(*span.Text), 60)
		}
		if checkSpan(v.text, "", pipeline.Span{Start: *span.Start, End: *span.End}) == nil {
			return "“" + clip(oneLine(v.text[*span.Start:*span.End]), 60) + "”"
		}
	}
	var nums []json.Number
	if strings.HasPrefix(raw, "[") && json.Unmarshal([]byte(raw), &nums) == nil && len(nums) > 0 {
		parts := make([]string, len(nums))
		for i, n := range nums {
			parts[i] = n.String()
		}
		return strings.Join(parts, "–")
	}
	return clip(raw, 60)
}

// singular names one span of a layer.
func singular(layer string) string {
	switch layer {
	case "quantities":
		return "quantity"
	case "entities":
		return "entity"
	}
	return strings.TrimSuffix(layer, "s")
}

// legendLabels counts the entities of l per label, most frequent first.
func (v *htmlView) legendLabels(l *jsondoc.Layer) []legendLabel {
	counts := map[string]int{}
	for _, sp := range l.Spans {
		counts[sp.String("label")]++
	}
	var out []legendLabel
	for label, n := range counts {
		out = append(out, legendLabel{Label: label, Class: "e" + strconv.Itoa(v.labels[label]), Count: n})
	}
	slices.SortFunc(out, func(a, b legendLabel) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}

// css returns the page's style sheet and the colours of the entity labels.
func (v *htmlView) css() (template.CSS, template.CSS) {
	sheet, _ := htmlFiles.ReadFile("html/page.css")
	labels := make([]string, len(v.labels))
	for label, n := range v.labels {
		labels[n] = label
	}
	var b strings.Builder
	for n, label := range labels {
		color, ok := entityColors[label]
		if !ok {
			h := fnv.New32a()
			h.Write([]byte(label))
			color = labelPalette[h.Sum32()%uint32(len(labelPalette))]
		}
		fmt.Fprintf(&b, ".e%d{--c:%s}.hide-e%d .hl.e%d{background:none}\n", n, color, n, n)
	}
	return template.CSS(sheet), template.CSS(b.String())
}

// write writes the page body: the text of the blocks, escaped, with the
// elements opened and closed around it. Between two boundaries of
// elements the text is covered by a set of elements, kept in nesting
// order (the block, then by start, longest first); before text is written
// the open elements are brought in line with that set, closing those
// that ended and, above them, those that go on, which reopen as
// fragments.
func (v *htmlView) write(w *strings.Builder) {
	elems := v.elems
	slices.SortStableFunc(elems, func(a, b *elem) int {
		switch {
		case a.start != b.start:
			return a.start - b.start
		case a.block != b.block:
			if a.block {
				return -1
			}
			return 1
		case a.end != b.end:
			return b.end - a.end
		}
		return a.rank - b.rank
	})
	id := 0
	for _, e := range elems {
		if !e.block {
			e.id = id
			id++
		}
	}
	for _, e := range elems {
		e.open = openTag(e)
	}
	ends := slices.Clone(elems)
	slices.SortStableFunc(ends, func(a, b *elem) int { return a.end - b.end })

	var active, open []*elem
	dirty := 0 // active and open agree below this index
	si, ei, ki := 0, 0, 0
	for pos := 0; pos < len(v.text); {
		for ; ei < len(ends) && ends[ei].end <= pos; ei++ {
			if !ends[ei].active {
				continue // never opened: past maxDepth
			}
			ends[ei].active = false
			i := slices.Index(active, ends[ei])
			active = slices.Delete(active, i, i+1)
			dirty = min(dirty, i)
		}
		for ; si < len(elems) && elems[si].start <= pos; si++ {
			e := elems[si]
			switch {
			case e.block:
				e.active = true
				active = slices.Insert(active, 0, e)
				dirty = 0
			case len(active) <= maxDepth:
				e.active = true
				active = append(active, e)
				dirty = min(dirty, len(active)-1)
			}
		}
		next := len(v.text)
		if si < len(elems) {
			next = min(next, elems[si].start)
		}
		if ei < len(ends) {
			next = min(next, ends[ei].end)
		}
		for ki < len(v.skips) && v.skips[ki].End <= pos {
			ki++
		}
		if ki < len(v.skips) && v.skips[ki].Start <= pos {
			pos = min(next, v.skips[ki].End) // a page break: left out
			continue
		}
		if ki < len(v.skips) {
			next = min(next, v.skips[ki].Start)
		}
		if len(active) > 0 && active[0].block {
			d := min(dirty, len(open))
			for i := len(open) - 1; i >= d; i-- {
				w.WriteString("</" + open[i].tag + ">")
			}
			open = append(open[:d], active[d:]...)
			for _, e := range active[d:] {
				w.WriteString(e.open)
			}
			dirty = len(active)
			w.WriteString(html.EscapeString(v.text[pos:next]))
		}
		pos = next
	}
	for i := len(open) - 1; i >= 0; i-- {
		w.WriteString("</" + open[i].tag + ">")
		if open[i].block {
			w.WriteByte('\n')
		}
	}
}

// openTag returns the opening tag of e.
func openTag(e *elem) string {
	var b strings.Builder
	if e.block {
		b.WriteByte('\n')
	}
	b.WriteString("<" + e.tag)
	if e.class != "" {
		b.WriteString(` class="` + e.class + `"`)
	}
	if e.layer != "" {
		b.WriteString(` data-layer="` + e.layer + `"`)
	}
	fmt.Fprintf(&b, ` data-start="%d" data-end="%d"`, e.start, e.end)
	if !e.block {
		fmt.Fprintf(&b, ` data-id="%d"`, e.id)
	}
	if e.ref != nil {
		fmt.Fprintf(&b, ` %s="%d"`, e.refAttr, e.ref.id)
	}
	if e.title != "" {
		b.WriteString(` title="` + html.EscapeString(e.title) + `"`)
	}
	b.WriteByte('>')
	return b.String()
}
