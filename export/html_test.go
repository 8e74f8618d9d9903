package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

// An hnode is an element or, with tag "", a text node of a page's main.
type hnode struct {
	tag   string
	attrs map[string]string
	text  string
	kids  []*hnode
}

func (n *hnode) textContent() string {
	if n.tag == "" {
		return n.text
	}
	var b strings.Builder
	for _, k := range n.kids {
		b.WriteString(k.textContent())
	}
	return b.String()
}

func (n *hnode) walk(f func(*hnode)) {
	f(n)
	for _, k := range n.kids {
		k.walk(f)
	}
}

// parseMain parses the main element of page as XML, which its body is
// written to be: it fails the test if the elements are not well nested.
func parseMain(t *testing.T, page string) *hnode {
	t.Helper()
	i, j := strings.Index(page, "<main>"), strings.LastIndex(page, "</main>")
	if i < 0 || j < i {
		t.Fatalf("no main element in\n%s", page)
	}
	dec := xml.NewDecoder(strings.NewReader(page[i : j+len("</main>")]))
	root := &hnode{tag: "root"}
	stack := []*hnode{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("main is not well-formed: %v\n%s", err, page[i:j])
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &hnode{tag: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.kids = append(top.kids, &hnode{text: string(tok)})
		}
	}
	return root.kids[0]
}

// outline prints the main element compactly: a block as <tag>…</tag>
// without attributes, a highlight as {layer …} or {class …} for items,
// markers and speakers, the blocks one a line.
func outline(n *hnode) string {
	var b strings.Builder
	var out func(n *hnode)
	out = func(n *hnode) {
		if n.tag == "" {
			b.WriteString(n.text)
			return
		}
		name := n.attrs["data-layer"]
		for _, c := range []string{"enum-item", "enum-marker", "speaker"} {
			if strings.Contains(" "+n.attrs["class"]+" ", " "+c+" ") {
				name = c
			}
		}
		if name != "" {
			b.WriteString("{" + name + " ")
		} else if n.tag != "main" {
			b.WriteString("<" + n.tag + ">")
		}
		for _, k := range n.kids {
			out(k)
		}
		if name != "" {
			b.WriteString("}")
		} else if n.tag != "main" {
			b.WriteString("</" + n.tag + ">")
		}
	}
	for _, k := range n.kids {
		if k.tag != "" {
			out(k)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// checkPage checks the page of d over text: main is well-formed, each
// block's text is the text at its offsets without page breaks, and each
// highlight's text (its fragments' texts in order) is the shown text at
// its offsets: without page breaks and what lies outside the blocks.
func checkPage(t *testing.T, page string, d *jsondoc.Document, text string) *hnode {
	t.Helper()
	main := parseMain(t, page)
	shown := make([]bool, len(text))
	var blocks []*hnode
	frags := map[string][]*hnode{}
	var ids []string
	main.walk(func(n *hnode) {
		switch {
		case n.tag == "p" || n.tag == "h2" || n.tag == "blockquote":
			blocks = append(blocks, n)
		case n.attrs["data-id"] != "":
			id := n.attrs["data-id"]
			if frags[id] == nil {
				ids = append(ids, id)
			}
			frags[id] = append(frags[id], n)
		case n.tag == "sup":
			ids = append(ids, "sup"+strconv.Itoa(len(ids)))
			frags[ids[len(ids)-1]] = []*hnode{n}
		}
	})
	offsets := func(n *hnode) (int, int) {
		start, err1 := strconv.Atoi(n.attrs["data-start"])
		end, err2 := strconv.Atoi(n.attrs["data-end"])
		if err1 != nil || err2 != nil || start < 0 || end < start || end > len(text) {
			t.Fatalf("<%s %v>: bad offsets", n.tag, n.attrs)
		}
		return start, end
	}
	for _, b := range blocks {
		start, end := offsets(b)
		for i := start; i < end; i++ {
			shown[i] = true
		}
	}
	if l := d.Layer("page_breaks"); l != nil {
		for _, sp := range l.Spans {
			for i := sp.Start; i < sp.End; i++ {
				shown[i] = false
			}
		}
	}
	visible := func(start, end int) string {
		var b strings.Builder
		for i := start; i < end; i++ {
			if shown[i] {
				b.WriteByte(text[i])
			}
		}
		return b.String()
	}
	for _, b := range blocks {
		start, end := offsets(b)
		if got, want := b.textContent(), visible(start, end); got != want {
			t.Errorf("<%s> %d:%d has text %q, want %q", b.tag, start, end, got, want)
		}
	}
	for _, id := range ids {
		fs := frags[id]
		start, end := offsets(fs[0])
		var got strings.Builder
		for _, f := range fs {
			if s, e := offsets(f); s != start || e != end || f.attrs["data-layer"] != fs[0].attrs["data-layer"] {
				t.Errorf("fragments of %s differ: %v and %v", id, fs[0].attrs, f.attrs)
			}
			got.WriteString(f.textContent())
		}
		if want := visible(start, end); got.String() != want {
			t.Errorf("%s %d:%d (%d fragments) has text %q, want %q", fs[0].attrs["data-layer"], start, end, len(fs), got.String(), want)
		}
	}
	return main
}

func writeHTML(t *testing.T, d *jsondoc.Document, text string) string {
	t.Helper()
	var b strings.Builder
	if err := WriteHTML(&b, d, text); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteHTML(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		layers []layer
		want   string
	}{
		{"plain", "Ann met Bob.", []layer{{"paragraphs", []string{"Ann met Bob."}}},
			"<p>Ann met Bob.</p>\n"},
		{"no layout", "Ann met\nBob.\n\n", []layer{{"entities", []string{"Ann|label=PERSON"}}},
			"<p>{entities Ann} met\nBob.\n\n</p>\n"},
		{"layers", "On 3 May Ann paid 5 kg.",
			[]layer{{"paragraphs", []string{"On 3 May Ann paid 5 kg."}},
				{"entities", []string{"Ann|label=PERSON"}},
				{"dates", []string{"3 May|type=DATE"}},
				{"quantities", []string{"5 kg|value=5|unit=kg"}}},
			"<p>On {dates 3 May} {entities Ann} paid {quantities 5 kg}.</p>\n"},
		{"nested", "He said ‘On 3 May the UN met’ then.",
			[]layer{{"paragraphs", []string{"He said ‘On 3 May the UN met’ then."}},
				{"entities", []string{"UN|label=ORG"}},
				{"dates", []string{"3 May|type=DATE"}},
				{"quotations", []string{"‘On 3 May the UN met’|kind=direct"}}},
			"<p>He said {quotations ‘On {dates 3 May} the {entities UN} met’} then.</p>\n"},
		{"same extent", "Paris is big.",
			[]layer{{"paragraphs", []string{"Paris is big."}},
				{"entities", []string{"Paris|label=GPE"}},
				{"dates", []string{"Paris|type=DATE"}},
				{"quotations", []string{"Paris|kind=scare"}}},
			"<p>{quotations {entities {dates Paris}}} is big.</p>\n"},
		{"crossing", "a ‘b c’ d e",
			[]layer{{"paragraphs", []string{"a ‘b c’ d e"}},
				{"quotations", []string{"‘b c’|kind=scare"}},
				{"dates", []string{"c’ d|type=DATE"}}},
			"<p>a {quotations ‘b {dates c’}}{dates  d} e</p>\n"},
		{"crossing paragraphs", "one two\n\nthree four",
			[]layer{{"paragraphs", []string{"one two", "three four"}},
				{"dates", []string{"two\n\nthree|type=DATE"}}},
			"<p>one {dates two}</p>\n<p>{dates three} four</p>\n"},
		{"blocks", "Title\n\n He wrote:\n\nthe end of it.1\n\nMore.",
			[]layer{{"paragraphs", []string{"Title|kind=heading", " He wrote:|kind=body", "the end of it.1|kind=block_quote", "More.|kind=body"}},
				{"page_breaks", []string{" "}},
				{"footnote_refs", []string{"1|number=1"}},
				{"quotations", []string{"the end of it.|kind=direct|block=true|speaker=@He"}}},
			"<h2>Title</h2>\n<p>{speaker He} wrote:</p>\n<blockquote>{quotations the end of it.}<sup>1</sup></blockquote>\n<p>More.</p>\n"},
		{"gap text", "Head\n\nloose text\n\nBody.",
			[]layer{{"paragraphs", []string{"Head|kind=heading", "Body."}}},
			"<h2>Head</h2>\n<p>\n\nloose text\n\n</p>\n<p>Body.</p>\n"},
		{"enumeration", "Two: a. x; b. y.",
			[]layer{{"paragraphs", []string{"Two: a. x; b. y."}},
				{"enumerations", []string{`a. x; b. y|style=letter|items=[{"start":8,"end":9,"marker":"a.","marker_start":5},{"start":14,"end":15,"marker":"b.","marker_start":11}]`}}},
			"<p>Two: {enumerations {enum-marker a.} {enum-item x}; {enum-marker b.} {enum-item y}}.</p>\n"},
		{"non-ASCII", "Zoë met Łukasz in Kraków — «ça va».",
			[]layer{{"paragraphs", []string{"Zoë met Łukasz in Kraków — «ça va»."}},
				{"entities", []string{"Zoë|label=PERSON", "Łukasz|label=PERSON", "Kraków|label=GPE"}},
				{"quotations", []string{"«ça va»|kind=direct"}}},
			"<p>{entities Zoë} met {entities Łukasz} in {entities Kraków} — {quotations «ça va»}.</p>\n"},
		{"escaping", `<script>alert("x")</script> & 'q'`,
			[]layer{{"paragraphs", []string{`<script>alert("x")</script> & 'q'`}},
				{"entities", []string{`<script>|label=<b>"`}}},
			`<p>{entities <script>}alert("x")</script> & 'q'</p>` + "\n"},
		{"empty spans", "abc",
			[]layer{{"paragraphs", []string{"abc"}}, {"entities", []string{"|label=X"}}},
			"<p>abc</p>\n"},
		{"odd paragraphs", "ab cd ef",
			[]layer{{"paragraphs", []string{"|kind=heading", "ab cd", "b|kind=heading", "cd ef", "ef"}}},
			"<p>ab cd</p>\n<p> ef</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mkdoc(t, tt.text, tt.layers...)
			page := writeHTML(t, d, tt.text)
			main := checkPage(t, page, d, tt.text)
			if got := outline(main); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if again := writeHTML(t, d, tt.text); again != page {
				t.Error("a second run wrote a different page")
			}
		})
	}
}

// TestWriteHTMLFragments checks that the fragments of a split span share
// its data-id and no other span's.
func TestWriteHTMLFragments(t *testing.T) {
	text := "a ‘b c’ d e"
	d := mkdoc(t, text, layer{"paragraphs", []string{text}},
		layer{"quotations", []string{"‘b c’|kind=scare"}}, layer{"dates", []string{"c’ d|type=DATE"}})
	main := parseMain(t, writeHTML(t, d, text))
	var got []string
	main.walk(func(n *hnode) {
		if id := n.attrs["data-id"]; id != "" {
			got = append(got, n.attrs["data-layer"]+" "+id+" "+n.attrs["data-start"]+":"+n.attrs["data-end"])
		}
	})
	// The quotation (bytes 2:11) comes first in document order, so it
	// has the lower id; the date (7:13) is split at the quotation's end.
	want := []string{"quotations 0 2:11", "dates 1 7:13", "dates 1 7:13"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWriteHTMLEscaping(t *testing.T) {
	text := `<script>alert("x")</script> & 'q'`
	d := mkdoc(t, text, layer{"paragraphs", []string{text}},
		layer{"entities", []string{`<script>|label=<b>"|canonical=</span><script>`}})
	page := writeHTML(t, d, text)
	for _, bad := range []string{"<script>alert", "<b>", "</span><script>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q unescaped", bad)
		}
	}
	for _, good := range []string{
		`&lt;script&gt;</span>alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;q&#39;</p>`,
		`title="entity &lt;b&gt;&#34;` + "\ncanonical: &lt;/span&gt;&lt;script&gt;",
		`<span class="sw ent e0">&lt;b&gt;&#34;</span>`,
	} {
		if !strings.Contains(page, good) {
			t.Errorf("page lacks %q", good)
		}
	}
}

// TestWriteHTMLSelfContained checks that the essay's page refers to
// nothing outside itself.
func TestWriteHTMLSelfContained(t *testing.T) {
	page := writeHTML(t, annotate(t, corpus.Essay), corpus.Essay)
	for _, ref := range []string{"http:", "https:", "//", "src=", "href=", "url(", "@import", "@font-face", "<link"} {
		// "//" may only start a comment line of the script.
		for rest := page; ; {
			i := strings.Index(rest, ref)
			if i < 0 {
				break
			}
			line := rest[strings.LastIndexByte(rest[:i], '\n')+1 : i]
			if ref != "//" || strings.TrimSpace(line) != "" {
				t.Errorf("page refers to something outside itself: %q", rest[max(0, i-40):min(len(rest), i+40)])
			}
			rest = rest[i+len(ref):]
		}
	}
}

// TestWriteHTMLTitles checks the details each highlight shows on hover.
func TestWriteHTMLTitles(t *testing.T) {
	text := "Ann said ‘by 2001 half of 60–70 kg’. Two: a. x; b. y."
	tests := []struct {
		name string
		l    layer
		want []string
	}{
		{"entity", layer{"entities", []string{"Ann|label=PERSON|source=gazetteer|canonical=Ann Lee"}},
			[]string{"entity PERSON\nsource: gazetteer\ncanonical: Ann Lee"}},
		{"date", layer{"dates", []string{"by 2001|type=DATE|value=2001|mod=ON_OR_BEFORE"}},
			[]string{"date DATE\nvalue: 2001\nmod: ON_OR_BEFORE"}},
		{"quantity", layer{"quantities", []string{"half|value=0.5|unit=fraction", "60–70 kg|value=[60,70]|unit=kg|mod=APPROX"}},
			[]string{"quantity 0.5 fraction", "quantity 60–70 kg\nmod: APPROX"}},
		{"quotation", layer{"quotations", []string{"‘by 2001 half of 60–70 kg’|kind=direct|block=false|speaker=@Ann"}},
			[]string{"speaker of ‘by 2001 half of 60–70 kg’", "quotation direct\nspeaker: Ann"}},
		{"block quotation", layer{"quotations", []string{"‘by 2001 half of 60–70 kg’|kind=direct|block=true"}},
			[]string{"quotation direct\nblock"}},
		{"enumeration", layer{"enumerations", []string{`a. x; b. y|style=letter|intro={"start":43,"end":46}|items=[{"start":51,"end":52,"marker":"a.","marker_start":48},{"start":57,"end":58,"marker":"b.","marker_start":54}]`}},
			[]string{"item 1 of 2, marker “a.”\nenumeration letter\nintro: “Two”", "item 2 of 2, marker “b.”\nenumeration letter\nintro: “Two”"}},
		{"marker not at its offset", layer{"enumerations", []string{`a. x; b. y|style=letter|items=[{"start":51,"end":52,"marker":"1.","marker_start":48}]`}},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mkdoc(t, text, tt.l)
			var got []string
			checkPage(t, writeHTML(t, d, text), d, text).walk(func(n *hnode) {
				if title, ok := n.attrs["title"]; ok {
					got = append(got, title)
				}
			})
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWriteHTMLErrors(t *testing.T) {
	text := "Zoë met Ann."
	tests := []struct {
		name, doc, text, want string
	}{
		{"other text", `{"schema":"gloss/v1","doc":{"bytes":3},"layers":{}}`, text, "text has 13 bytes"},
		{"past the end", `{"schema":"gloss/v1","layers":{"entities":[{"start":9,"end":20}]}}`, text, "entities 9:20: not a span"},
		{"inside a character", `{"schema":"gloss/v1","layers":{"dates":[{"start":0,"end":3}]}}`, text, "dates 0:3: not a span"},
		{"paragraph", `{"schema":"gloss/v1","layers":{"paragraphs":[{"start":3,"end":4}]}}`, text, "paragraphs 3:4: not a span"},
		{"wrong text", `{"schema":"gloss/v1","layers":{"entities":[{"start":9,"end":12,"text":"Bob"}]}}`, text, `span text "Bob" differs`},
		{"speaker", `{"schema":"gloss/v1","layers":{"quotations":[{"start":0,"end":4,"speaker":{"start":1}}]}}`, text, "speaker is"},
		{"items", `{"schema":"gloss/v1","layers":{"enumerations":[{"start":0,"end":4,"items":{"a":1}}]}}`, text, "items:"},
		{"item", `{"schema":"gloss/v1","layers":{"enumerations":[{"start":0,"end":4,"items":[{"start":0,"end":99}]}]}}`, text, "item 0:99: not a span"},
		{"not UTF-8", `{"schema":"gloss/v1","layers":{}}`, "a\xffb", "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := jsondoc.Parse([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			err = WriteHTML(io.Discard, d, tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// TestWriteHTMLPipeline checks the page of the standard pipeline's
// documents: a text written for it and the essay.
func TestWriteHTMLPipeline(t *testing.T) {
	tests := []struct {
		name, text string
		headings   int
	}{
		{"letter", "Annual report\n\nOn 3 May 2004 the United Nations met in Geneva. “We will not wait,” said\nMs. Lee, “for more than 20 km of road.”\n\nShe wrote:\n\n  Peace needs three things: a. trust; b. time; c. money.\n", 1},
		{"essay", corpus.Essay, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotate(t, tt.text)
			page := writeHTML(t, d, tt.text)
			main := checkPage(t, page, d, tt.text)
			count := map[string]int{}
			main.walk(func(n *hnode) {
				count[n.tag]++
				if l := n.attrs["data-layer"]; l != "" {
					count[l]++
				}
			})
			if count["h2"] != tt.headings {
				t.Errorf("%d headings, want %d", count["h2"], tt.headings)
			}
			for _, l := range []string{"entities", "dates", "quotations", "enumerations", "quantities"} {
				if n := len(d.Layer(l).Spans); n > 0 && count[l] < n {
					t.Errorf("%d %s elements for %d spans", count[l], l, n)
				}
				if !strings.Contains(page, `data-toggle="`+l+`"`) {
					t.Errorf("no toggle for %s", l)
				}
			}
			if n := len(d.Layer("footnote_refs").Spans); count["sup"] != n {
				t.Errorf("%d superscripts for %d footnote references", count["sup"], n)
			}
		})
	}
}

// TestWriteHTMLOverlaps checks that many mutually overlapping spans make
// a page whose size grows linearly with their number.
func TestWriteHTMLOverlaps(t *testing.T) {
	size := func(n int) int {
		text := strings.Repeat("ab ", n)
		var spans []string
		for i := range n {
			spans = append(spans, fmt.Sprintf(`{"start":%d,"end":%d}`, 3*i, min(3*i+len(text)/2, len(text))))
		}
		d, err := jsondoc.Parse([]byte(`{"schema":"gloss/v1","layers":{"dates":[` + strings.Join(spans, ",") + `]}}`))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := WriteHTML(&b, d, text); err != nil {
			t.Fatal(err)
		}
		parseMain(t, b.String())
		return b.Len()
	}
	small, large := size(500), size(4000)
	if large > 10*small {
		t.Errorf("8 times the spans made a page %.1f times larger", float64(large)/float64(small))
	}
}

// FuzzWriteHTML checks that no document makes WriteHTML panic, and that
// what it writes is well-formed and shows the text.
func FuzzWriteHTML(f *testing.F) {
	f.Add(`{"schema":"gloss/v1","layers":{"paragraphs":[{"start":0,"end":4},{"start":2,"end":9,"kind":"heading"}],"entities":[{"start":2,"end":9,"label":"X Y"},{"start":0,"end":4,"label":""}]}}`, "ab\ncd éf")
	f.Add(`{"schema":"gloss/v1","layers":{"quotations":[{"start":0,"end":3,"kind":"a b","block":true,"speaker":{"start":1,"end":3}}],"dates":[{"start":1,"end":3,"type":"DATE","mod":[1]}],"page_breaks":[{"start":0,"end":2}]}}`, "“”\n")
	f.Add(`{"schema":"gloss/v1","layers":{"enumerations":[{"start":0,"end":5,"items":[{"start":2,"end":5,"marker":"x","marker_start":0}]}],"footnote_refs":[{"start":4,"end":5}]}}`, "x <&>")
	f.Fuzz(func(t *testing.T, doc, text string) {
		d, err := jsondoc.Parse([]byte(doc))
		if err != nil {
			return
		}
		var b strings.Builder
		if WriteHTML(&b, d, text) == nil && xmlChars(text) {
			checkPage(t, b.String(), d, text)
		}
	})
}

// xmlChars reports whether XML can hold s unchanged, so that parseMain
// can check a page of it.
func xmlChars(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			return false
		}
	}
	return true
}
