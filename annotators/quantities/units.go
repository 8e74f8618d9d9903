package quantities

import (
	"bufio"
	"embed"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The unit and currency tables; data/README.md gives their sources.
//
//go:embed data/units.tsv data/currency_symbols.tsv data/currency_words.tsv data/iso_4217.json
var data embed.FS

// A form is one way of writing a unit or currency.
type form struct {
	text string
	unit string
	name bool // a lower-case name, matched in any case
}

type unitTable struct {
	forms *formTable
	time  map[string]bool // units of time, which may follow "per"
}

// A formTable holds forms longest first and, for each ASCII byte, those
// of them that may be written from that byte on: matching at a letter
// tries a few forms rather than all of them.
type formTable struct {
	forms   []form
	byFirst [utf8.RuneSelf][]form
}

func newFormTable(forms []form) *formTable {
	slices.SortStableFunc(forms, func(a, b form) int { return len(b.text) - len(a.text) })
	t := &formTable{forms: forms}
	for b := range t.byFirst {
		for _, f := range forms {
			if f.mayStartWith(byte(b)) {
				t.byFirst[b] = append(t.byFirst[b], f)
			}
		}
	}
	return t
}

// mayStartWith reports whether text starting with the ASCII byte b may
// hold f, by the first step of matchForm.
func (f form) mayStartWith(b byte) bool {
	if f.text == "" {
		return true
	}
	if f.text[0] == ' ' {
		return b == ' ' || b == '\n' || b == '\t'
	}
	r, _ := utf8.DecodeRuneInString(f.text)
	return rune(b) == r || f.name && unicode.ToLower(rune(b)) == r
}

// at returns the forms that may be written at byte p of text, longest
// first.
func (t *formTable) at(text string, p int) []form {
	if p < len(text) && text[p] < utf8.RuneSelf {
		return t.byFirst[text[p]]
	}
	return t.forms
}

// rows returns the tab-separated rows of a data file, without comments.
func rows(name string) [][]string {
	f, err := data.Open(name)
	if err != nil {
		panic(err) // embedded
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Split(line, "\t"))
	}
	return out
}

func newForm(text, unit string) form {
	return form{text: text, unit: unit, name: len(text) >= 3 && strings.ToLower(text) == text && strings.IndexFunc(text, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0}
}

var units = sync.OnceValue(func() unitTable {
	t := unitTable{time: make(map[string]bool)}
	var forms []form
	for _, r := range rows("data/units.tsv") {
		for _, f := range strings.Split(r[2], "|") {
			forms = append(forms, newForm(f, r[0]))
		}
		if r[1] == "time" {
			t.time[r[0]] = true
		}
	}
	t.forms = newFormTable(forms)
	return t
})

var symbols = sync.OnceValue(func() map[string]string {
	m := make(map[string]string)
	for _, r := range rows("data/currency_symbols.tsv") {
		m[r[0]] = r[1]
	}
	return m
})

var currencyNames = sync.OnceValue(func() *formTable {
	var forms []form
	for _, r := range rows("data/currency_words.tsv") {
		for _, f := range strings.Split(r[0], "|") {
			forms = append(forms, newForm(f, r[1]))
		}
	}
	return newFormTable(forms)
})

var codes = sync.OnceValue(func() map[string]bool {
	b, err := data.ReadFile("data/iso_4217.json")
	if err != nil {
		panic(err)
	}
	var doc struct {
		Codes []struct {
			Alpha3 string `json:"alpha_3"`
		} `json:"4217"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		panic(err)
	}
	m := make(map[string]bool)
	for _, c := range doc.Codes {
		m[c.Alpha3] = true
	}
	return m
})
