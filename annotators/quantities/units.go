package quantities

import (
	"bufio"
	"embed"
	"encoding/json"
	"slices"
	"strings"
	"sync"
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
	forms []form          // longest first
	time  map[string]bool // units of time, which may follow "per"
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

func sortForms(forms []form) {
	slices.SortStableFunc(forms, func(a, b form) int { return len(b.text) - len(a.text) })
}

var units = sync.OnceValue(func() unitTable {
	t := unitTable{time: make(map[string]bool)}
	for _, r := range rows("data/units.tsv") {
		for _, f := range strings.Split(r[2], "|") {
			t.forms = append(t.forms, newForm(f, r[0]))
		}
		if r[1] == "time" {
			t.time[r[0]] = true
		}
	}
	sortForms(t.forms)
	return t
})

var symbols = sync.OnceValue(func() map[string]string {
	m := make(map[string]string)
	for _, r := range rows("data/currency_symbols.tsv") {
		m[r[0]] = r[1]
	}
	return m
})

var currencyNames = sync.OnceValue(func() []form {
	var forms []form
	for _, r := range rows("data/currency_words.tsv") {
		for _, f := range strings.Split(r[0], "|") {
			forms = append(forms, newForm(f, r[1]))
		}
	}
	sortForms(forms)
	return forms
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
