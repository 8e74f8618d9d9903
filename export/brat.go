package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

// Labels and attribute names of the brat export that do not come from the
// document.
const (
	bratQuantity  = "QUANTITY"
	bratQuotation = "Quotation"
	bratSpeaker   = "Speaker" // a speaker span that is not an entity
	bratSaidBy    = "Said_by" // relation from a quotation to its speaker
	bratKind      = "Kind"    // a quotation's kind: direct, scare or title
	bratBlock     = "Block"   // a block quotation
)

// bratLayers are the layers WriteBrat exports, in output order: where each
// one's label comes from, and the fields left out of its note.
var bratLayers = []struct {
	name     string
	labelKey string // field holding the label
	label    string // label if labelKey is empty or the field is
	skip     []string
}{
	{"entities", "label", "ENTITY", []string{"label"}},
	{"dates", "type", "DATE", []string{"type"}},
	{"quantities", "", bratQuantity, nil},
	{"quotations", "", bratQuotation, []string{"kind", "block", "speaker"}},
}

// WriteBrat writes the brat standoff annotations (the .ann file) of d,
// whose annotated text is text; the .txt file brat wants beside it is text
// itself, unchanged.
//
// Entities, dates, quantities and quotations become text-bound annotations
// (T lines) labelled with the entity label, the date type (DATE, TIME,
// DURATION, SET), QUANTITY and Quotation. An AnnotatorNotes line (#) keeps
// each one's other fields as key=value pairs: an entity's source and
// canonical name, a date's value and mod, a quantity's value, unit and mod.
// A quotation's kind is the attribute Kind (A line), a block quotation has
// the binary attribute Block, and its speaker is the relation Said_by from
// the quotation to the speaker's span: the entity with exactly that span if
// there is one, or else a text-bound annotation labelled Speaker.
//
// Offsets count Unicode code points, as brat does, not the document's
// bytes. A span that crosses a line break becomes a discontinuous
// annotation whose fragments are its lines (brat's .ann format is one
// annotation a line, so the covered text, written after the offsets, cannot
// hold a line break); a tab, which separates the fields of a line, also
// ends a fragment. The text field is then the fragments' texts joined by
// spaces, as brat writes it.
//
// WriteBrat fails if text is not the text d was made from.
func WriteBrat(w io.Writer, d *jsondoc.Document, text string) error {
	if err := checkText(d, text); err != nil {
		return err
	}
	b := &bratWriter{w: bufio.NewWriter(w), text: text, chars: newCharIndex(text), entities: map[pipeline.Span]string{}}
	for _, bl := range bratLayers {
		l := d.Layer(bl.name)
		if l == nil {
			continue
		}
		for _, sp := range l.Spans {
			if err := checkSpan(text, l.Name, sp.Span); err != nil {
				return err
			}
			if sp.HasText && sp.Text != text[sp.Start:sp.End] {
				return fmt.Errorf("%s %d:%d: span text %q differs from the text's %q", l.Name, sp.Start, sp.End, sp.Text, text[sp.Start:sp.End])
			}
			label := bl.label
			if v := sp.String(bl.labelKey); bl.labelKey != "" && v != "" {
				label = v
			}
			id := b.textBound(label, sp.Span)
			if id == "" {
				continue // nothing but line breaks
			}
			if bl.name == "entities" {
				if _, dup := b.entities[sp.Span]; !dup {
					b.entities[sp.Span] = id
				}
			}
			if note := bratNote(sp, bl.skip); note != "" {
				b.line("#", "AnnotatorNotes "+id, note)
			}
			if bl.name == "quotations" {
				if err := b.quotation(id, sp); err != nil {
					return err
				}
			}
		}
	}
	return b.w.Flush()
}

// A bratWriter numbers the annotations of one .ann file as it writes them.
type bratWriter struct {
	w        *bufio.Writer
	text     string
	chars    *charIndex
	n        map[string]int           // last number per id prefix
	entities map[pipeline.Span]string // T id of the first entity with a span, and of each Speaker
}

// line writes one annotation with the next id of the given prefix
// (T, A, R or #) and returns the id.
func (b *bratWriter) line(prefix string, fields ...string) string {
	if b.n == nil {
		b.n = map[string]int{}
	}
	b.n[prefix]++
	id := prefix + strconv.Itoa(b.n[prefix])
	b.w.WriteString(id)
	for _, f := range fields {
		b.w.WriteByte('\t')
		b.w.WriteString(f)
	}
	b.w.WriteByte('\n')
	return id
}

// textBound writes a T line for sp and returns its id, or "" if sp covers
// nothing but line breaks and tabs.
func (b *bratWriter) textBound(label string, sp pipeline.Span) string {
	var offsets, covered []string
	start := sp.Start
	for i := sp.Start; i <= sp.End; {
		r, size := rune(0), 0
		if i < sp.End {
			r, size = utf8.DecodeRuneInString(b.text[i:])
		}
		if i == sp.End || r == '\t' || isLineBreak(r) {
			if start < i {
				offsets = append(offsets, strconv.Itoa(b.chars.at(start))+" "+strconv.Itoa(b.chars.at(i)))
				covered = append(covered, b.text[start:i])
			}
			if i == sp.End {
				break
			}
			start = i + size
		}
		i += size
	}
	if len(offsets) == 0 {
		return ""
	}
	return b.line("T", bratName(label)+" "+strings.Join(offsets, ";"), strings.Join(covered, " "))
}

// quotation writes the Kind and Block attributes and the speaker relation
// of the quotation with T id q.
func (b *bratWriter) quotation(q string, sp jsondoc.Span) error {
	if kind := sp.String("kind"); kind != "" {
		b.line("A", bratKind+" "+q+" "+bratName(kind))
	}
	if sp.Attr("block") == "true" {
		b.line("A", bratBlock+" "+q)
	}
	span, ok, err := speakerSpan(sp, b.text)
	if !ok || err != nil {
		return err
	}
	id, ok := b.entities[span]
	if !ok {
		if id = b.textBound(bratSpeaker, span); id == "" {
			return nil
		}
		b.entities[span] = id
	}
	b.line("R", bratSaidBy+" Arg1:"+q+" Arg2:"+id)
	return nil
}

// bratNote formats the fields of sp other than skip as key=value pairs,
// strings unquoted and other values as compact JSON.
func bratNote(sp jsondoc.Span, skip []string) string {
	var parts []string
	for _, a := range sp.Attrs {
		if slices.Contains(skip, a.Key) {
			continue
		}
		parts = append(parts, a.Key+"="+sp.String(a.Key))
	}
	return oneLine(strings.Join(parts, " "))
}

// bratName makes s a brat type or attribute value: no white space, never
// empty.
func bratName(s string) string {
	s = strings.Join(strings.Fields(s), "_")
	if s == "" {
		return "_"
	}
	return s
}

// oneLine replaces line breaks and tabs, which would end a field or a
// line of the .ann file, by spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || isLineBreak(r) {
			return ' '
		}
		return r
	}, s)
}

// isLineBreak reports whether r ends a line for Python's str.splitlines,
// which brat's file reading follows: a fragment must not contain one.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// A BratConf collects the labels of exported documents for brat's
// annotation.conf, which brat needs to show and edit them without
// warnings.
type BratConf struct {
	entities []string // in first-seen order
	kinds    []string
	saidBy   bool
	block    bool
}

// Add records the labels WriteBrat writes for d.
func (c *BratConf) Add(d *jsondoc.Document) {
	add := func(list *[]string, s string) {
		if !slices.Contains(*list, s) {
			*list = append(*list, s)
		}
	}
	for _, bl := range bratLayers {
		l := d.Layer(bl.name)
		if l == nil {
			continue
		}
		for _, sp := range l.Spans {
			label := bl.label
			if v := sp.String(bl.labelKey); bl.labelKey != "" && v != "" {
				label = v
			}
			add(&c.entities, bratName(label))
			if bl.name != "quotations" {
				continue
			}
			if kind := sp.String("kind"); kind != "" {
				add(&c.kinds, bratName(kind))
			}
			if sp.Attr("block") == "true" {
				c.block = true
			}
			if s := sp.Attr("speaker"); s != "" && s != "null" {
				c.saidBy = true
				add(&c.entities, bratSpeaker) // not always used, but harmless
			}
		}
	}
}

// WriteTo writes an annotation.conf that declares every label added, lets
// annotations overlap, and declares the Said_by relation and the Kind and
// Block attributes of quotations.
func (c *BratConf) WriteTo(w io.Writer) (int64, error) {
	var sb strings.Builder
	sb.WriteString("# annotation.conf for brat, written by gloss export.\n[entities]\n")
	for _, e := range c.entities {
		sb.WriteString(e + "\n")
	}
	sb.WriteString("\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n")
	if c.saidBy {
		sb.WriteString(bratSaidBy + "\tArg1:" + bratQuotation + ", Arg2:<ENTITY>\n")
	}
	sb.WriteString("\n[events]\n\n[attributes]\n")
	if len(c.kinds) > 0 {
		sb.WriteString(bratKind + "\tArg:" + bratQuotation + ", Value:" + strings.Join(c.kinds, "|") + "\n")
	}
	if c.block {
		sb.WriteString(bratBlock + "\tArg:" + bratQuotation + "\n")
	}
	n, err := io.WriteString(w, sb.String())
	return int64(n), err
}

// checkText reports an error if text is not the text d was made from.
func checkText(d *jsondoc.Document, text string) error {
	if d.Doc.Bytes != 0 && d.Doc.Bytes != len(text) {
		return fmt.Errorf("document %s: text has %d bytes, the document was made from %d", d.Doc.ID, len(text), d.Doc.Bytes)
	}
	if d.Doc.SHA256 != "" {
		sum := sha256.Sum256([]byte(text))
		if hex.EncodeToString(sum[:]) != d.Doc.SHA256 {
			return fmt.Errorf("document %s: text is not the text the document was made from (SHA-256 differs)", d.Doc.ID)
		}
	}
	if !utf8.ValidString(text) {
		return fmt.Errorf("document %s: text is not UTF-8", d.Doc.ID)
	}
	return nil
}

// checkSpan reports an error if sp does not fit text or splits a
// character.
func checkSpan(text, layer string, sp pipeline.Span) error {
	if sp.Start < 0 || sp.End < sp.Start || sp.End > len(text) ||
		!runeStart(text, sp.Start) || !runeStart(text, sp.End) {
		return fmt.Errorf("%s %d:%d: not a span of the %d-byte text", layer, sp.Start, sp.End, len(text))
	}
	return nil
}

func runeStart(text string, i int) bool {
	return i == len(text) || utf8.RuneStart(text[i])
}

// A charIndex converts byte offsets of a text into character (code point)
// offsets. It remembers the count at every charStep bytes, so a lookup
// scans at most charStep bytes and the index takes a fraction of the
// text's size.
type charIndex struct {
	text  string
	marks []int // marks[i] is the number of characters in text[:i*charStep]
}

const charStep = 256

func newCharIndex(text string) *charIndex {
	x := &charIndex{text: text, marks: make([]int, 0, len(text)/charStep+1)}
	n := 0
	for i := 0; i <= len(text); i += charStep {
		x.marks = append(x.marks, n)
		n += countChars(text[i:min(i+charStep, len(text))])
	}
	return x
}

// at returns the character offset of byte offset b, which must be at the
// start of a character or at the end of the text.
func (x *charIndex) at(b int) int {
	i := b / charStep
	return x.marks[i] + countChars(x.text[i*charStep:b])
}

// countChars counts the bytes of s that start a character, which for
// valid UTF-8 cut anywhere is the number of characters begun in s.
func countChars(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// speakerSpan returns the checked span of a quotation's speaker; ok is
// false when the quotation names none.
func speakerSpan(sp jsondoc.Span, text string) (span pipeline.Span, ok bool, err error) {
	raw := sp.Attr("speaker")
	if raw == "" || raw == "null" {
		return span, false, nil
	}
	var s struct{ Start, End *int }
	if err := json.Unmarshal([]byte(raw), &s); err != nil || s.Start == nil || s.End == nil {
		return span, false, fmt.Errorf("quotations %d:%d: speaker is %s, want a span", sp.Start, sp.End, raw)
	}
	span = pipeline.Span{Start: *s.Start, End: *s.End}
	if err := checkSpan(text, "quotations speaker", span); err != nil {
		return span, false, err
	}
	return span, true, nil
}
