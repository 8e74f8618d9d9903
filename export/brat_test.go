package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/batch"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

// A layer is one layer of a test document. Each span is written
// "covered text|key=value|…" (a bar not followed by key= belongs to the
// text or value before it): the span is the first occurrence of the
// covered text at or after the previous span's start; a value is raw JSON
// if it parses as JSON and a string otherwise, and "@text" is the span of
// the first occurrence of text.
type layer struct {
	name  string
	spans []string
}

// mkdoc builds a gloss/v1 document over text.
func mkdoc(t *testing.T, text string, layers ...layer) *jsondoc.Document {
	t.Helper()
	spanJSON := func(start int, sub string) string {
		return fmt.Sprintf(`{"start":%d,"end":%d,"text":%s}`, start, start+len(sub), quote(sub))
	}
	sum := sha256.Sum256([]byte(text))
	var b strings.Builder
	fmt.Fprintf(&b, `{"schema":"gloss/v1","doc":{"id":"t","source":"t.txt","sha256":%q,"bytes":%d},"annotators":[],"layers":{`, hex.EncodeToString(sum[:]), len(text))
	for i, l := range layers {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:[", l.name)
		from := 0
		for j, s := range l.spans {
			var fields []string // a piece without "=" continues the one before
			for i, f := range strings.Split(s, "|") {
				if i > 0 && !strings.Contains(f, "=") {
					fields[len(fields)-1] += "|" + f
				} else {
					fields = append(fields, f)
				}
			}
			k := strings.Index(text[from:], fields[0])
			if k < 0 {
				t.Fatalf("%q is not in the text after byte %d", fields[0], from)
			}
			from += k
			sp := spanJSON(from, fields[0])
			sp = sp[:len(sp)-1]
			for _, f := range fields[1:] {
				key, val, _ := strings.Cut(f, "=")
				switch {
				case strings.HasPrefix(val, "@"):
					val = spanJSON(strings.Index(text, val[1:]), val[1:])
				case !json.Valid([]byte(val)):
					val = quote(val)
				}
				sp += fmt.Sprintf(",%q:%s", key, val)
			}
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(sp + "}")
		}
		b.WriteByte(']')
	}
	b.WriteString("}}")
	d, err := jsondoc.Parse([]byte(b.String()))
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return d
}

func quote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// annotate runs the standard pipeline over text.
func annotate(t *testing.T, text string) *jsondoc.Document {
	t.Helper()
	p, err := annotators.New(annotators.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := batch.Encode(context.Background(), p, corpus.Item{ID: "doc", Source: "doc.txt", Text: text}, false)
	if err != nil {
		t.Fatal(err)
	}
	d, err := jsondoc.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkAnn checks a .ann file as brat reads it: every text-bound
// annotation's text is the text's characters at its offsets (fragments
// joined by a space), and every id is defined before it is referred to.
func checkAnn(t *testing.T, ann, text string) {
	t.Helper()
	chars := []rune(text)
	ids := map[string]string{} // id -> type
	for _, line := range strings.Split(strings.TrimSuffix(ann, "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if _, dup := ids[f[0]]; dup {
			t.Errorf("%q: id used twice", line)
		}
		ref := func(id string) {
			if _, ok := ids[id]; !ok {
				t.Errorf("%q refers to %s before it is defined", line, id)
			}
		}
		switch f[0][0] {
		case 'T':
			if len(f) != 3 {
				t.Errorf("%q: want 3 fields", line)
				continue
			}
			label, offsets, _ := strings.Cut(f[1], " ")
			var frags []string
			for _, o := range strings.Split(offsets, ";") {
				a, b, _ := strings.Cut(o, " ")
				start, err1 := strconv.Atoi(a)
				end, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || start >= end || end > len(chars) {
					t.Errorf("%q: bad fragment %q", line, o)
					continue
				}
				frag := string(chars[start:end])
				if strings.ContainsAny(frag, "\r\n\t") {
					t.Errorf("%q: fragment %q holds a line break", line, frag)
				}
				frags = append(frags, frag)
			}
			if got := strings.Join(frags, " "); got != f[2] {
				t.Errorf("%q: the text at those offsets is %q", line, got)
			}
			ids[f[0]] = label
		case 'A':
			args := strings.Fields(f[1])
			ref(args[1])
			ids[f[0]] = args[0]
		case 'R':
			args := strings.Fields(f[1])
			for _, a := range args[1:] {
				_, id, _ := strings.Cut(a, ":")
				ref(id)
			}
			ids[f[0]] = args[0]
		case '#':
			ref(strings.Fields(f[1])[1])
			ids[f[0]] = "note"
		default:
			t.Errorf("%q: unknown annotation", line)
		}
	}
}

func TestWriteBrat(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		layers []layer
		want   []string
	}{
		{
			// Curly quotes, é and ë take 2 or 3 bytes, CJK 3, but one
			// character each.
			name: "non-ASCII offsets",
			text: "“Café au lait,” said Zoë Ng — in 東京 on 3 May.\n",
			layers: []layer{
				{"entities", []string{"Zoë Ng|label=PERSON|source=model", "東京|label=GPE|source=gazetteer|canonical=Tokyo"}},
				{"dates", []string{"3 May|type=DATE|value=XXXX-05-03"}},
				{"quotations", []string{"“Café au lait,”|kind=direct|block=false|speaker=@Zoë Ng"}},
			},
			want: []string{
				"T1\tPERSON 21 27\tZoë Ng",
				"#1\tAnnotatorNotes T1\tsource=model",
				"T2\tGPE 33 35\t東京",
				"#2\tAnnotatorNotes T2\tsource=gazetteer canonical=Tokyo",
				"T3\tDATE 39 44\t3 May",
				"#3\tAnnotatorNotes T3\tvalue=XXXX-05-03",
				"T4\tQuotation 0 15\t“Café au lait,”",
				"A1\tKind T4 direct",
				"R1\tSaid_by Arg1:T4 Arg2:T1",
			},
		},
		{
			// A span across a line break or a tab is cut there; one that
			// is only a line break has nothing to show.
			name: "line breaks",
			text: "Talks in Central\nAsia and\r\nthe Middle East ended.\tSri\tLanka",
			layers: []layer{
				{"entities", []string{"Central\nAsia|label=LOC|source=model", "\r\nthe Middle East|label=LOC|source=rule", "\n|label=LOC|source=rule", "Sri\tLanka|label=GPE"}},
			},
			want: []string{
				"T1\tLOC 9 16;17 21\tCentral Asia",
				"#1\tAnnotatorNotes T1\tsource=model",
				"T2\tLOC 27 42\tthe Middle East",
				"#2\tAnnotatorNotes T2\tsource=rule",
				"T3\tGPE 50 53;54 59\tSri Lanka",
			},
		},
		{
			// A speaker that is an entity is that entity; another is a
			// Speaker span, written once however many quotations it has.
			name: "speakers",
			text: "“Yes,” the minister said. “No,” she said. “Maybe,” Ann Lee said.",
			layers: []layer{
				{"entities", []string{"Ann Lee|label=PERSON|source=model"}},
				{"quotations", []string{
					"“Yes,”|kind=direct|block=false|speaker=@minister",
					"“No,”|kind=direct|block=false|speaker=@minister",
					"“Maybe,”|kind=direct|block=false|speaker=@Ann Lee",
				}},
			},
			want: []string{
				"T1\tPERSON 51 58\tAnn Lee",
				"#1\tAnnotatorNotes T1\tsource=model",
				"T2\tQuotation 0 6\t“Yes,”",
				"A1\tKind T2 direct",
				"T3\tSpeaker 11 19\tminister",
				"R1\tSaid_by Arg1:T2 Arg2:T3",
				"T4\tQuotation 26 31\t“No,”",
				"A2\tKind T4 direct",
				"R2\tSaid_by Arg1:T4 Arg2:T3",
				"T5\tQuotation 42 50\t“Maybe,”",
				"A3\tKind T5 direct",
				"R3\tSaid_by Arg1:T5 Arg2:T1",
			},
		},
		{
			// Layers come out in a fixed order whatever the document's;
			// an en dash is one character.
			name: "quantities, kinds and blocks",
			text: "It called the plan ‘fair’:\n\nWe shall build 2–3 km of road, about 40% more.\n",
			layers: []layer{
				{"quotations", []string{"‘fair’|kind=scare|block=false", "We shall build 2–3 km of road, about 40% more.|kind=direct|block=true"}},
				{"quantities", []string{"2–3 km|value=[2,3]|unit=km", "about 40%|value=40|unit=percent|mod=APPROX"}},
				{"enumerations", []string{"We|style=alpha"}},
			},
			want: []string{
				"T1\tQUANTITY 43 49\t2–3 km",
				"#1\tAnnotatorNotes T1\tvalue=[2,3] unit=km",
				"T2\tQUANTITY 59 68\tabout 40%",
				"#2\tAnnotatorNotes T2\tvalue=40 unit=percent mod=APPROX",
				"T3\tQuotation 19 25\t‘fair’",
				"A1\tKind T3 scare",
				"T4\tQuotation 28 74\tWe shall build 2–3 km of road, about 40% more.",
				"A2\tKind T4 direct",
				"A3\tBlock T4",
			},
		},
		{
			name: "no layers",
			text: "Nothing here.",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mkdoc(t, tt.text, tt.layers...)
			var b strings.Builder
			if err := WriteBrat(&b, d, tt.text); err != nil {
				t.Fatal(err)
			}
			want := strings.Join(tt.want, "\n")
			if want != "" {
				want += "\n"
			}
			if got := b.String(); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			checkAnn(t, b.String(), tt.text)
		})
	}
}

func TestWriteBratErrors(t *testing.T) {
	const text = "Café society."
	good := mkdoc(t, text, layer{"entities", []string{"Café|label=ORG"}})
	tests := []struct {
		name string
		doc  string // a gloss/v1 document; "" uses good
		text string
		want string // in the error
	}{
		{"other text", "", "Cafe society.", "text has 13 bytes"},
		{"same length, other text", "", "Cafè society.", "SHA-256"},
		{"beyond the text", `{"schema":"gloss/v1","layers":{"entities":[{"start":6,"end":20,"label":"ORG"}]}}`, text, "entities 6:20"},
		{"inside a character", `{"schema":"gloss/v1","layers":{"dates":[{"start":0,"end":4,"type":"DATE"}]}}`, text, "dates 0:4"},
		{"wrong span text", `{"schema":"gloss/v1","layers":{"entities":[{"start":0,"end":5,"text":"Cafe","label":"ORG"}]}}`, text, "differs"},
		{"bad speaker", `{"schema":"gloss/v1","layers":{"quotations":[{"start":0,"end":5,"kind":"direct","speaker":"Ann"}]}}`, text, "speaker"},
		{"speaker beyond the text", `{"schema":"gloss/v1","layers":{"quotations":[{"start":0,"end":5,"kind":"direct","speaker":{"start":9,"end":99}}]}}`, text, "speaker 9:99"},
		{"not UTF-8", `{"schema":"gloss/v1","layers":{}}`, "Caf\xe9", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := good
			if tt.doc != "" {
				var err error
				if d, err = jsondoc.Parse([]byte(tt.doc)); err != nil {
					t.Fatal(err)
				}
			}
			err := WriteBrat(&strings.Builder{}, d, tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestBratConf(t *testing.T) {
	var c BratConf
	c.Add(mkdoc(t, "“Yes,” Ann Lee said in Paris in May.",
		layer{"entities", []string{"Ann Lee|label=PERSON", "Paris|label=GPE"}},
		layer{"dates", []string{"May|type=DATE|value=XXXX-05"}},
		layer{"quotations", []string{"“Yes,”|kind=direct|block=false|speaker=@Ann Lee"}},
	))
	c.Add(mkdoc(t, "The ‘plan’ cost 5 km in Rome:\n\nWe went.",
		layer{"entities", []string{"Rome|label=GPE"}},
		layer{"quantities", []string{"5 km|value=5|unit=km"}},
		layer{"quotations", []string{"‘plan’|kind=scare|block=false", "We went.|kind=direct|block=true"}},
	))
	var b strings.Builder
	if _, err := c.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	want := `# annotation.conf for brat, written by gloss export.
[entities]
PERSON
GPE
DATE
Quotation
Speaker
QUANTITY

[relations]
<OVERLAP>	Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>
Said_by	Arg1:Quotation, Arg2:<ENTITY>

[events]

[attributes]
Kind	Arg:Quotation, Value:direct|scare
Block	Arg:Quotation
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestWriteBratPipeline exports what the standard pipeline makes of a
// passage with wrapped lines and non-ASCII text, and checks the .ann file
// against the text as brat would.
func TestWriteBratPipeline(t *testing.T) {
	text := "The Shanghai Cooperation Organisation met in Astana on\n" +
		"15 June 2017. “We will build 1,200 km of road,” Élodie Dupont of the\n" +
		"United Nations said — and Beijing agreed.\n\n" +
		"In Tōkyō, the minister said: “Trade rose by about 5 percent in 2016.”\n"
	d := annotate(t, text)
	var b strings.Builder
	if err := WriteBrat(&b, d, text); err != nil {
		t.Fatal(err)
	}
	ann := b.String()
	checkAnn(t, ann, text)
	count := func(label string) int { return strings.Count(ann, "\t"+label+" ") }
	for _, l := range []struct{ layer, label string }{{"quotations", "Quotation"}, {"quantities", "QUANTITY"}} {
		if n := len(d.Layer(l.layer).Spans); n == 0 || count(l.label) != n {
			t.Errorf("%d %s lines for %d %s", count(l.label), l.label, n, l.layer)
		}
	}
	if n := len(d.Layer("entities").Spans); n == 0 || strings.Count(ann, "\tAnnotatorNotes T") < n {
		t.Errorf("%d entities, not all with notes:\n%s", n, ann)
	}
	if !strings.Contains(ann, "\tSaid_by Arg1:T") {
		t.Errorf("no speaker relation:\n%s", ann)
	}
}

func TestCharIndex(t *testing.T) {
	// Characters of 1 to 4 bytes, so that the index's marks fall inside
	// characters too.
	text := strings.Repeat("aé—😀東 \n", 200)
	x := newCharIndex(text)
	for b := 0; b <= len(text); b++ {
		if !runeStart(text, b) {
			continue
		}
		if got, want := x.at(b), utf8.RuneCountInString(text[:b]); got != want {
			t.Fatalf("at(%d) = %d, want %d", b, got, want)
		}
	}
	if got := newCharIndex("").at(0); got != 0 {
		t.Errorf("empty text: at(0) = %d", got)
	}
}
