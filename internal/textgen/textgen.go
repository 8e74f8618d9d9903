// Package textgen generates varied English documents for tests and
// benchmarks of whole corpora: hard-wrapped paragraphs with headings,
// footnote markers, quotations, dates, quantities and lists, from a seed,
// so the same seed always gives the same text.
package textgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var (
	people  = []string{"Maria Lopez", "Kwame Mensah", "Ingrid Olsen", "Rahul Gupta", "Chen Wei", "Amara Okafor", "Tomás Novák", "Yuki Tanaka"}
	orgs    = []string{"the World Health Organization", "the African Union", "the European Central Bank", "the Arctic Council", "the International Labour Organization", "the Andean Community"}
	places  = []string{"Nairobi", "Lima", "Oslo", "Hanoi", "Brazil", "Canada", "South-East Asia", "the Baltic Sea", "Patagonia", "Kerala"}
	months  = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	nouns   = []string{"trade", "water policy", "public health", "rail transport", "fisheries", "energy security", "migration", "education"}
	verbs   = []string{"reviewed", "expanded", "criticised", "funded", "postponed", "welcomed", "debated", "approved"}
	units   = []string{"km", "tonnes", "percent", "million dollars", "hectares", "megawatts"}
	reports = []string{"said", "stressed", "pointed out", "noted", "warned"}
	scare   = []string{"‘soft power’", "‘green growth’", "“strategic patience”", "‘new normal’"}
	counts  = []string{"two", "three", "four"}
)

// Document returns a document of roughly size bytes for seed.
func Document(seed uint64, size int) string {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	var b strings.Builder
	note := 1
	for b.Len() < size {
		switch r.IntN(6) {
		case 0:
			fmt.Fprintf(&b, "Progress on %s in %s\n", pick(nouns), pick(places))
		case 1:
			n := 2 + r.IntN(3)
			fmt.Fprintf(&b, "The committee agreed on %s measures:\n\n", counts[n-2])
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "%c. to review %s in %s;\n", 'a'+i, pick(nouns), pick(places))
			}
			b.WriteString("\n")
			continue
		}
		sentences := 2 + r.IntN(5)
		var p strings.Builder
		for i := 0; i < sentences; i++ {
			switch r.IntN(5) {
			case 0:
				fmt.Fprintf(&p, "On %d %s %d, %s %s its plans for %s. ", 1+r.IntN(28), pick(months), 1990+r.IntN(35), pick(orgs), pick(verbs), pick(nouns))
			case 1:
				fmt.Fprintf(&p, "%s %s that “the work on %s must continue for %d years.” ", pick(people), pick(reports), pick(nouns), 2+r.IntN(9))
			case 2:
				fmt.Fprintf(&p, "Output in %s rose by %d %s in %d, a record.%d ", pick(places), 3+r.IntN(900), pick(units), 1990+r.IntN(35), note)
				note++
			case 3:
				fmt.Fprintf(&p, "Critics called it %s, and %s’s officials disagreed. ", pick(scare), pick(places))
			default:
				fmt.Fprintf(&p, "Since %d, %s has %s %s in %s. ", 1990+r.IntN(35), pick(orgs), pick(verbs), pick(nouns), pick(places))
			}
		}
		b.WriteString(wrap(strings.TrimSpace(p.String()), 72+r.IntN(10)))
		b.WriteString("\n\n")
	}
	return b.String()
}

// wrap breaks text into lines of at most width bytes, like PDF extraction.
func wrap(text string, width int) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(text) {
		if i > 0 {
			if line+1+len(w) > width {
				b.WriteByte('\n')
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}
