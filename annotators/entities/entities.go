// Package entities finds named entities — people, organisations, places,
// peoples, events, laws and facilities — and the abbreviations a text
// defines.
//
// Several signals are combined: gazetteers of countries, capitals, large
// cities, regions, intergovernmental organisations and WordNet's proper
// names (see data/README.md); rules over runs of capitalised words and
// their heads (… Council, … Pipeline, Convention on …); abbreviation
// definitions found with the Schwartz–Hearst algorithm, whose short forms
// are then linked to their long forms wherever they occur; titles, roles
// and verbs of saying around personal names; and prose's statistical NER
// model, trusted least. The model and the gazetteers are prebuilt blobs
// in data/, embedded and read in place, so loading them takes well under
// a millisecond. The longest name wins, mentions never overlap, and a
// name is labelled the same way throughout a document.
package entities

import (
	"context"
	"slices"
	"strings"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
)

// An Entity is one mention of a named entity.
type Entity struct {
	pipeline.TextSpan
	Label     string `json:"label"`  // PERSON, ORG, GPE, LOC, NORP, EVENT, LAW or FAC
	Source    string `json:"source"` // model, gazetteer, rule or abbreviation
	Canonical string `json:"canonical,omitempty"`
}

// An Abbreviation is a short form defined in the text, with its long form.
type Abbreviation struct {
	pipeline.TextSpan
	Long pipeline.TextSpan `json:"long"`
}

// The layers this package provides.
var (
	Layer         = pipeline.NewLayer[Entity]("entities")
	Abbreviations = pipeline.NewLayer[Abbreviation]("abbreviations")
)

// Annotator finds entities and abbreviation definitions.
type Annotator struct {
	// Extra entries are added to the gazetteers and take precedence over
	// them; LoadEntries reads them from a file. An annotator made by New
	// indexes them once; a literal one indexes them for every document.
	Extra []Entry
	// NoModel turns off prose's NER model, the slowest signal.
	NoModel bool

	extra *gazetteer // Extra, indexed by New

	everywhere bool // run the model on every sentence, for tests
}

var _ pipeline.Annotator = Annotator{}

// New returns an annotator with extra gazetteer entries, indexed once for
// all the documents it annotates. The entries must not change afterwards.
func New(extra []Entry) Annotator {
	return Annotator{Extra: extra, extra: extraGazetteer(extra)}
}

// extraGazetteer indexes entries, or returns nil if there are none.
func extraGazetteer(entries []Entry) *gazetteer {
	if len(entries) == 0 {
		return nil
	}
	var b gazBuilder
	for _, e := range entries {
		b.add(e, srcExtra)
	}
	return b.gazetteer()
}

func (Annotator) Name() string    { return "entities" }
func (Annotator) Version() string { return "1.1.0" }
func (Annotator) Requires() []string {
	return []string{tokens.Layer.Name(), sentences.Layer.Name(), layout.FootnoteRefs.Name(), layout.PageBreaks.Name()}
}
func (Annotator) Provides() []string { return []string{Layer.Name(), Abbreviations.Name()} }

// Sources of a mention, in the order they are trusted when two signals
// give the same span.
const (
	prioExtra = iota
	prioAbbrev
	prioGazetteer
	prioRule
	prioModel
)

var sourceNames = [...]string{"gazetteer", "abbreviation", "gazetteer", "rule", "model"}

// A cand is a candidate mention over words[i..j].
type cand struct {
	i, j      int
	label     string
	prio      int
	canonical string
}

// Annotate sets the entities and abbreviations layers.
func (a Annotator) Annotate(ctx context.Context, doc *pipeline.Document) error {
	lx, err := loadLexicon()
	if err != nil {
		return err
	}
	extra := a.extra
	if extra == nil {
		extra = extraGazetteer(a.Extra)
	}
	ws := documentWords(doc)
	text := doc.Text

	var cands []cand
	cands = append(cands, gazetteerCands(ws, lx, extra)...)
	cands = append(cands, ruleCands(ws, lx, cands)...)

	// Abbreviations: the long form takes the label other signals give it
	// (an organisation if none does), and every mention of the short form
	// is linked to it.
	defs := findDefinitions(text, ws)
	var abbrs []Abbreviation
	linked := make(map[string]bool)
	for _, d := range defs {
		sf := ws[d.sf].text
		abbrs = append(abbrs, Abbreviation{
			TextSpan: doc.TextSpan(ws[d.sf].start, ws[d.sf].end),
			Long:     doc.TextSpan(ws[d.lf0].start, ws[d.lf1].end),
		})
		if linked[sf] {
			continue // the first definition of a short form wins
		}
		linked[sf] = true
		label := "ORG"
		best := prioModel
		for _, c := range cands {
			if c.i == d.lf0 && c.j == d.lf1 && c.prio < best {
				label, best = c.label, c.prio
			}
		}
		if best == prioModel {
			cands = append(cands, cand{d.lf0, d.lf1, label, prioRule, ""})
		}
		canon := collapse(text[ws[d.lf0].start:ws[d.lf1].end])
		for k := range ws {
			if ws[k].text == sf {
				cands = append(cands, cand{k, k, label, prioAbbrev, canon})
			}
		}
	}
	if !a.NoModel {
		mc, err := modelCands(ctx, doc, ws, lx, cands, a.everywhere)
		if err != nil {
			return err
		}
		cands = append(cands, mc...)
	}

	chosen := resolve(cands, len(ws))
	chosen = consistent(chosen, ws)

	out := make([]Entity, 0, len(chosen))
	for _, c := range chosen {
		out = append(out, Entity{
			TextSpan:  doc.TextSpan(ws[c.i].start, ws[c.j].end),
			Label:     c.label,
			Source:    sourceNames[c.prio],
			Canonical: c.canonical,
		})
	}
	Layer.Set(doc, out)
	Abbreviations.Set(doc, abbrs)
	return nil
}

// documentWords splits the document's tokens into words, marking sentence
// starts and the gaps between words.
func documentWords(doc *pipeline.Document) []word {
	text := doc.Text
	refs := layout.FootnoteRefs.Get(doc)
	r := 0
	cut := func(i, j int) int {
		// refs[r] is the first footnote reference ending after i. Words
		// come in text order, so r moves a step at a time.
		for r < len(refs) && refs[r].End <= i {
			r++
		}
		for r > 0 && refs[r-1].End > i {
			r--
		}
		if r < len(refs) && refs[r].Start < j {
			return max(refs[r].Start, i)
		}
		return j
	}
	sents := sentences.Layer.Get(doc)
	toks := tokens.Layer.Get(doc)
	ws := make([]word, 0, len(toks)) // punctuation makes more tokens than words
	si := 0
	for _, tok := range toks {
		if t := tok.Text; (t == "’s" || t == "'s") && len(ws) > 0 && ws[len(ws)-1].end == tok.Start {
			ws[len(ws)-1].poss = true // a tokenizer that splits off ’s
			continue
		}
		n := len(ws)
		ws = splitWords(ws, text, tok.Start, tok.End, cut)
		for k := n; k < len(ws); k++ {
			ws[k].proper = tok.POS == "NNP"
			for si < len(sents) && sents[si].End <= ws[k].start {
				si++
			}
			ws[k].sent = int32(si)
		}
	}
	// Most words recur: a word's key and whether it is a function word
	// are worked out at the first word with its text, its form. The keys
	// share one string.
	forms := make(map[string]int32, len(ws)/3)
	var keys []byte
	ends := make([]int, len(ws)) // where a form's key ends in keys
	for k := range ws {
		f, ok := forms[ws[k].text]
		if !ok {
			f = int32(k)
			forms[ws[k].text] = f
			keys = appendWordKey(keys, ws[k].text)
			ends[k] = len(keys)
		}
		ws[k].form = f
	}
	allKeys := string(keys)
	start := 0
	for k := range ws {
		if f := ws[k].form; f < int32(k) {
			ws[k].key, ws[k].function = ws[f].key, ws[f].function
		} else {
			ws[k].key = allKeys[start:ends[k]]
			start = ends[k]
			// Function words have no apostrophes, hyphens or British
			// spellings, so a function word's key is its lower case.
			ws[k].function = function[ws[k].key]
		}
		if k == 0 || ws[k].sent != ws[k-1].sent {
			ws[k].initial = true
			ws[k].gap = gapOther
			continue
		}
		end := ws[k-1].end
		if ws[k-1].poss {
			if e := possessiveEnd(text, end, ws[k].start); e > 0 {
				end = e
			}
		}
		ws[k].gap = classifyGap(text[end:ws[k].start])
		// After an opening quotation mark or bracket at the start of a
		// sentence, or after a colon, a capital starts a sentence too.
		if ws[k-1].initial && ws[k].gap == gapOther && len(ws[k-1].text) == 1 && !isCap(ws[k-1].text) {
			ws[k].initial = true
		}
	}
	return ws
}

// gazetteerCands finds, at each word, the longest gazetteer name.
func gazetteerCands(ws []word, lx *lexicon, extra *gazetteer) []cand {
	gs := [...]*gazetteer{extra, lx.gaz}
	// Find where each form's key leads from the root once.
	var starts [len(gs)][]int32 // by form
	for x, g := range gs {
		if g != nil {
			starts[x] = make([]int32, len(ws))
		}
	}
	var out []cand
	for i := range ws {
		for x, g := range gs {
			if g == nil {
				continue
			}
			if ws[i].form == int32(i) {
				starts[x][i] = g.walkKey(root, ws[i].key)
			}
			n := starts[x][ws[i].form]
			if n < 0 {
				continue // no name starts with the word
			}
			if e, j, ok := longestMatch(g, ws, i, n); ok {
				if ws[i].initial && i == j && e.src >= srcM49 && lx.common(ws[i].text) {
					continue // Reading, Nice: ordinary words at a sentence start
				}
				prio := prioGazetteer
				if e.src == srcExtra {
					prio = prioExtra
				}
				out = append(out, cand{i, j, e.label, prio, e.canonical})
			}
		}
	}
	return out
}

// longestMatch returns the longest entry of g starting at ws[i] whose
// written form agrees with the text's capitals, and the index of its last
// word; n is the node ws[i]'s key leads to from the root.
func longestMatch(g *gazetteer, ws []word, i int, n int32) (gazEntry, int, bool) {
	var best gazEntry
	bestJ := -1
	for j := i; n >= 0; {
		if e, ok := g.entry(n); ok && casesAgree(e.words, ws[i:j+1]) {
			best, bestJ = e, j
		}
		j++
		if j == len(ws) || ws[j].gap == gapOther {
			break
		}
		if ws[j-1].poss {
			// People’s Republic: a possessive inside a name.
			if n = g.child(n, "'s"); n < 0 {
				break
			}
		}
		n = g.walkKey(n, ws[j].key)
	}
	return best, bestJ, bestJ >= 0
}

// casesAgree reports whether the text's words are capitalised where the
// gazetteer name's are; an acronym must match exactly. name holds the
// name's words separated by spaces.
func casesAgree(name string, ws []word) bool {
	for _, w := range ws {
		var nw string
		for {
			if name == "" {
				return false
			}
			nw, name, _ = strings.Cut(name, " ")
			if nw != "'s" {
				break
			}
		}
		switch {
		case isAllCaps(nw) && len([]rune(nw)) <= 6:
			if w.text != nw {
				return false
			}
		case isCap(nw) && !isCap(w.text):
			return false
		case isAllCaps(w.text) && !isAllCaps(nw) && len(ws) == 1:
			return false // SHANGHAI in a shouted heading is not evidence
		}
	}
	return true
}

// collapse replaces each run of white space in s with one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// resolve picks non-overlapping mentions: longest first, then the most
// trusted source, then the earliest.
func resolve(cands []cand, n int) []cand {
	// Sort indices, which are cheaper to move than candidates; equal
	// candidates keep their order, as in a stable sort.
	order := make([]int32, len(cands))
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order, func(x, y int32) int {
		a, b := &cands[x], &cands[y]
		if la, lb := a.j-a.i, b.j-b.i; la != lb {
			return lb - la
		}
		if a.prio != b.prio {
			return a.prio - b.prio
		}
		if a.i != b.i {
			return a.i - b.i
		}
		return int(x - y)
	})
	taken := make([]bool, n)
	chosenAt := make([]int32, n) // 1 + the index of the mention starting at a word, or 0
	count := 0
	for _, x := range order {
		c := &cands[x]
		if slices.Contains(taken[c.i:c.j+1], true) {
			continue
		}
		for k := c.i; k <= c.j; k++ {
			taken[k] = true
		}
		chosenAt[c.i] = x + 1
		count++
	}
	out := make([]cand, 0, count)
	for _, x := range chosenAt {
		if x > 0 {
			out = append(out, cands[x-1])
		}
	}
	return out
}

// consistent gives every mention of a name the label of its most trusted
// mention, and adds the name's other occurrences that no mention covers.
func consistent(chosen []cand, ws []word) []cand {
	type info struct {
		name             string
		label, canonical string
		prio             int
		n                int
		first            int32 // the form of its first word
	}
	names := make(map[string]*info)
	var order []*info
	// A name is its words joined by spaces, built in buf; looking up
	// string(buf) in a map does not copy it.
	var buf []byte
	nameOf := func(i, j int) []byte {
		buf = buf[:0]
		for k := i; k <= j; k++ {
			if k > i {
				buf = append(buf, ' ')
			}
			buf = append(buf, ws[k].text...)
		}
		return buf
	}
	infos := make([]*info, len(chosen)) // of each mention chosen
	for k, c := range chosen {
		name := nameOf(c.i, c.j)
		in := names[string(name)]
		if in == nil {
			in = &info{string(name), c.label, c.canonical, c.prio, c.j - c.i + 1, ws[c.i].form}
			names[in.name] = in
			order = append(order, in)
		} else if c.prio < in.prio {
			in.label, in.canonical, in.prio = c.label, c.canonical, c.prio
		}
		infos[k] = in
	}
	taken := make([]bool, len(ws))
	for k := range chosen {
		c := &chosen[k]
		c.label, c.canonical = infos[k].label, infos[k].canonical
		for x := c.i; x <= c.j; x++ {
			taken[x] = true
		}
	}
	// Find uncovered occurrences, longest names first.
	slices.SortStableFunc(order, func(a, b *info) int { return b.n - a.n })
	byFirst := make(map[int32][]*info) // by the form of the first word
	for _, in := range order {
		byFirst[in.first] = append(byFirst[in.first], in)
	}
	// The mentions chosen are in text order, and so are the occurrences
	// added: merge them.
	out := make([]cand, 0, len(chosen))
	next := 0 // the next of chosen
	for i := range ws {
		if next < len(chosen) && chosen[next].i == i {
			out = append(out, chosen[next])
			next++
		}
		if taken[i] {
			continue
		}
		for _, in := range byFirst[ws[i].form] {
			j := i + in.n - 1
			if j >= len(ws) || slices.Contains(taken[i:j+1], true) || string(nameOf(i, j)) != in.name {
				continue
			}
			ok := true
			for k := i + 1; k <= j; k++ {
				if ws[k].gap == gapOther || ws[k].gap == gapComma {
					ok = false
				}
			}
			if !ok {
				continue
			}
			for k := i; k <= j; k++ {
				taken[k] = true
			}
			out = append(out, cand{i, j, in.label, in.prio, in.canonical})
			break
		}
	}
	return out
}
