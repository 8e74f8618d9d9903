package entities

import (
	"context"
	"sort"
	"strings"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Head words: the last word of a capitalised run, or its first word when a
// complement follows (Council of Europe, Convention on …), names the kind
// of thing the run names. Only general English words are listed.
var heads = headWords()

func headWords() map[string]string {
	heads := make(map[string]string)
	for label, ws := range map[string]string{
		"ORG": `Organisation Organization Organisations Organizations Council Bank Forum Party
			Secretariat Cabinet Commission Committee Agency Association Assembly Fund Court
			Ministry Department Institute Institution University College Academy Company
			Corporation Group Front Army Movement Alliance Authority Office Parliament Congress
			Senate Board Bureau League Tribunal Foundation Society Mechanism Union Community
			Coalition Federation Centre Center Police Navy Brigade Brigades Service Club
			Initiative Partnership Network Consortium Trust Mission Force Directorate Airlines
			Airways Times Post Herald Tribune Gazette Telegraph`,
		"LAW": `Convention Declaration Charter Treaty Agreement Accord Accords Protocol Memorandum
			Statement Act Plan Programme Program Regulation Regulations Constitution Covenant
			Resolution Pact Doctrine`,
		"EVENT": `War Wars Revolution Uprising Rebellion Massacre Battle Crisis Summit Olympics
			Games Festival Conference`,
		"FAC": `Pipeline Bridge Dam Tunnel Airport Canal Railway Highway Stadium Tower Palace
			Station Harbour Harbor Wall Barrier`,
		"GPE": `Province Prefecture County District Oblast Governorate Municipality Emirate
			Canton Territory`,
		"LOC": `Sea Ocean Strait Straits Gulf Bay River Lake Mountains Range Islands Island Isles
			Valley Desert Peninsula Basin Plateau Plains Coast Highlands Zone Road Route
			Corridor Steppe Delta Archipelago`,
	} {
		for _, w := range strings.Fields(ws) {
			heads[w] = label
		}
	}
	return heads
}

// bodyHead reports whether w is the head word of the name of an
// organisation, a document, an event or an administrative area.
func bodyHead(w string) bool {
	l := heads[w]
	return l == "ORG" || l == "LAW" || l == "EVENT" || l == "GPE"
}

// locPrefixes start names of places: Strait of Hormuz, Lake Baikal.
var locPrefixes = setOf(`Strait Straits Gulf Sea Bay Isle Lake Mount Cape`)

// connectors may join the capitalised words of one name.
var connectors = setOf(`of for on and the in to de du des la le al el ul against at`)

// complements follow a head word that takes an object: Council of …
var complements = setOf(`of for on in to On Of For`)

// numberHeads end group names: the Gang of Four, the Chicago Seven.
var numberHeads = setOf(`Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty`)

// titles come before personal names.
var titles = setOf(`President Vice-President Premier Chancellor Minister Secretary-General
	Secretary Chairman Chairwoman King Queen Prince Princess Sheikh Emir Sultan Pope Emperor
	Dr Mr Mrs Ms Sir Dame Lord Lady Senator Governor Ambassador Mayor General Colonel Admiral
	Professor Judge Reverend Director Commissioner Envoy Spokesman Spokeswoman`)

// meetings are lower-case nouns for meetings, whose documents are named
// after them: the Declaration of the Lima summit.
var meetings = setOf(`summit summits meeting conference session congress assembly talks`)

// roles are lower-case nouns for the roles of people, which mark a name
// next to them as a person's: spokesman Wang Wei, Ana Lima, a minister.
var roles = setOf(`minister president spokesman spokeswoman spokesperson director chairman
	chairwoman chair secretary ambassador envoy governor mayor senator professor editor founder
	leader chief commander general analyst economist author correspondent official officer
	diplomat adviser advisor negotiator prosecutor judge lawyer researcher scientist executive
	premier chancellor king queen prince princess cleric imam bishop activist colonel captain`)

// roleModifiers may come between a comma after a name and its role:
// Ana Lima, the former deputy minister.
var roleModifiers = setOf(`the a an its his her their former deputy then chief senior foreign
	prime vice acting interim assistant executive general regional national`)

// sayVerbs after a name mark it as a person's: Ana Lima said.
var sayVerbs = setOf(`said says told added stated wrote argued noted explained asked replied
	announced insisted warned recalled commented claimed suggested`)

// notPersonal are capitalised words of names of media and other bodies
// that say and tell things too: Reuters Television said.
var notPersonal = setOf(`News Times Post Press Television Radio Journal Herald Daily Tribune
	Gazette Telegraph Review Magazine Channel Online Agency Service Monitor Weekly`)

func setOf(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var function = setOf(strings.Join(closedClass, " "))

// startsName reports whether ws[i] can begin a run of capitalised words.
func startsName(ws []word, i int, lx *lexicon) bool {
	w := ws[i]
	if !isCap(w.text) || w.function && !isAllCaps(w.text) {
		return false
	}
	if w.initial && lx.common(w.text) && !isAllCaps(w.text) {
		// A capitalised ordinary word at a sentence start begins a name
		// only if a capitalised word follows it: Regional Anti-Terrorist …
		return i+1 < len(ws) && ws[i+1].gap != gapOther && !w.poss && isCap(ws[i+1].text)
	}
	return true
}

// phrase returns the end of the run of capitalised words starting at
// ws[i], joined by spaces, dashes and connectors.
func phrase(ws []word, i int) int {
	j := i
	for j+1 < len(ws) && !ws[j].poss {
		nx := ws[j+1]
		if nx.gap != gapSpace && nx.gap != gapDash {
			break
		}
		if isCap(nx.text) {
			j++
			continue
		}
		// Lower-case connectors, then a capital: Bank of the South.
		k := j + 1
		for k < len(ws) && ws[k].gap == gapSpace && connectors[ws[k].text] && !ws[k].poss {
			k++
		}
		if k == j+1 || k >= len(ws) || ws[k].gap != gapSpace || !isCap(ws[k].text) || ws[k-1].poss {
			break
		}
		if !joins(ws, i, j, k) {
			break
		}
		j = k
	}
	for j > i && ws[j].function {
		j--
	}
	return j
}

// joins reports whether the connectors ws[j+1:k] join ws[i..j] and ws[k]
// into one name. "of" always may (Bank of Thailand); "for", "on", "in" and
// the like only after the head of an organisation, document or event
// (Organisation for …, Treaty on …), not after a place (Strait of Hormuz
// for the Arabian Sea); "and" only between modifiers (Cultural and Art
// Festival), not after a complete name or before "the".
func joins(ws []word, i, j, k int) bool {
	first := ws[j+1].text
	switch {
	case first == "the":
		return false
	case first == "and":
		_, head := heads[ws[j].text]
		return k == j+2 && !head
	case first == "of" || first == "de" || first == "du" || first == "des" || first == "la" ||
		first == "le" || first == "al" || first == "el" || first == "ul":
		return true
	}
	for x := i; x <= j; x++ {
		if l := heads[ws[x].text]; l == "ORG" || l == "LAW" || l == "EVENT" {
			return true
		}
	}
	return false
}

// ruleCands labels runs of capitalised words by their head words, and
// names after titles as people.
func ruleCands(ws []word, lx *lexicon, known []cand) []cand {
	knownAt := make([]int, len(ws)) // first word → last word of the longest known name, or -1
	byEnd := make([]int, len(ws))   // last word → the index in known of the longest known name ending there, or -1
	for k := range ws {
		knownAt[k], byEnd[k] = -1, -1
	}
	covered := make([]bool, len(ws))
	place := make([]bool, len(ws)) // a one-word place
	for x, c := range known {
		knownAt[c.i] = max(knownAt[c.i], c.j)
		if b := byEnd[c.j]; b < 0 || c.i < known[b].i {
			byEnd[c.j] = x
		}
		for k := c.i; k <= c.j; k++ {
			covered[k] = true
		}
		if c.i == c.j && (c.label == "GPE" || c.label == "LOC") {
			place[c.i] = true
		}
	}
	var out []cand
	for i := 0; i < len(ws); i++ {
		if !startsName(ws, i, lx) {
			continue
		}
		j := phrase(ws, i)
		for k := i; k < j; k++ {
			// A title, possibly after the body or place it belongs to:
			// London Mayor Ana Lima.
			if titles[ws[k].text] && ws[k+1].gap == gapSpace {
				if c, ok := personAfterTitle(ws, k+1, j, lx); ok {
					out = append(out, c)
				}
				break
			}
		}
		run := func(i, j int) (cand, bool) {
			if label, s, e, ok := classify(ws, i, j, knownAt); ok {
				return cand{s, e, label, prioRule, ""}, true
			}
			if c, ok := foreignOrg(ws, i, j, lx, known, byEnd, covered); ok {
				return c, true
			}
			return personByCue(ws, i, j, lx, covered, place)
		}
		if c, ok := run(i, j); ok {
			out = append(out, c)
		} else {
			// Names joined by dashes or connectors, which the run as a
			// whole is not: Andes Four–Mercosur.
			for s := i; s <= j; {
				e := s
				for e < j && ws[e+1].gap == gapSpace && isCap(ws[e+1].text) {
					e++
				}
				if (s > i || e < j) && e > s {
					if c, ok := run(s, e); ok {
						out = append(out, c)
					}
				}
				for s = e + 1; s <= j && !isCap(ws[s].text); s++ {
				}
			}
		}
		i = j
	}
	return out
}

// classify labels the run ws[i..j] by its heads, returning the label and
// the indices of the name's first and last words.
func classify(ws []word, i, j int, knownAt []int) (string, int, int, bool) {
	// A head with a complement: the first such word decides.
	for k := i; k < j; k++ {
		if label, ok := heads[ws[k].text]; ok && complements[ws[k+1].text] {
			if ws[k+1].text == "in" && k+2 < len(ws) && knownAt[k+2] == j && k > i {
				// The Nile Basin Initiative in Cairo: a place after "in"
				// says where the body is, not what it is.
				return label, i, k, true
			}
			end := trimTail(ws, k+1, j, knownAt)
			if end <= k {
				break // Declaration of the SCO summit: no named document
			}
			if label == "LAW" || label == "ORG" {
				end = extendList(ws, end)
			}
			return label, i, end, true
		}
	}
	if j == i {
		return "", 0, 0, false
	}
	if label, ok := heads[ws[j].text]; ok {
		// The name ends at its head and starts after the last connector
		// other than an "and" between modifiers: Minister Mentor in the
		// Singapore Cabinet; Malaysia and Sri Lanka Airlines.
		start := i
		for k := j - 1; k > i; k-- {
			if connectors[ws[k].text] && (ws[k].text != "and" || endsName(knownAt, i, k-1)) {
				start = k + 1
				break
			}
		}
		for start < j && connectors[ws[start].text] {
			start++
		}
		if start == j {
			return "", 0, 0, false
		}
		return label, start, j, true
	}
	if locPrefixes[ws[i].text] {
		return "LOC", i, j, true
	}
	if numberHeads[ws[j].text] {
		return "ORG", i, j, true
	}
	return "", 0, 0, false
}

// endsName reports whether a known name starting in ws[i..e] ends at
// ws[e], and none runs past it.
func endsName(knownAt []int, i, e int) bool {
	ends := false
	for s := i; s <= e; s++ {
		if last := knownAt[s]; last >= 0 {
			if last > e {
				return false
			}
			ends = ends || last == e
		}
	}
	return ends
}

// trimTail drops a complement that only names something known and is
// followed by a lower-case noun (the Charter of the UN members): the
// capitalised words modify that noun, not the head. If the noun is a
// meeting, the name runs to it instead.
func trimTail(ws []word, from, j int, knownAt []int) int {
	// Find the last connector run in ws[from..j].
	last := -1
	for k := from; k <= j; k++ {
		if connectors[ws[k].text] || complements[ws[k].text] {
			last = k
		}
	}
	if last < 0 || j+1 >= len(ws) || ws[j+1].gap != gapSpace || isCap(ws[j+1].text) || connectors[ws[j+1].text] || ws[j].poss {
		return j
	}
	if meetings[ws[j+1].text] {
		// The Declaration of the Lima summit: the document of a meeting
		// the capitalised words name.
		return j + 1
	}
	// Is ws[last+1..j] covered by known names?
	k := last + 1
	for k <= j {
		if isAllCaps(ws[k].text) {
			k++ // an acronym, defined or not
			continue
		}
		e := knownAt[k]
		if e < 0 || e > j {
			return j
		}
		k = e + 1
	}
	end := last
	for end >= from && (connectors[ws[end].text] || complements[ws[end].text]) {
		end--
	}
	return end
}

// extendList extends a name through a list of capitalised words
// (Convention on Combating Terrorism, Separatism and Extremism).
func extendList(ws []word, j int) int {
	k := j
	for k+2 < len(ws) && ws[k+1].gap == gapComma && isCap(ws[k+1].text) {
		k++
		if ws[k+1].gap == gapSpace && ws[k+1].text == "and" && k+2 < len(ws) && ws[k+2].gap == gapSpace && isCap(ws[k+2].text) {
			return k + 2
		}
	}
	return j
}

// personAfterTitle returns the personal name in ws[i..j] after a title:
// capitalised words of which at least one is not an ordinary word.
func personAfterTitle(ws []word, i, j int, lx *lexicon) (cand, bool) {
	for i <= j && titles[ws[i].text] {
		i++ // Prime Minister, Deputy Secretary-General
	}
	if i > j || j-i > 3 {
		return cand{}, false
	}
	rare := false
	for k := i; k <= j; k++ {
		if !isCap(ws[k].text) || isAllCaps(ws[k].text) {
			return cand{}, false
		}
		if !lx.common(ws[k].text) {
			rare = true
		}
	}
	return cand{i, j, "PERSON", prioRule, ""}, rare
}

// modelCands runs prose's NER model (see ner.go) over the sentences and
// maps the names it finds to words. Only names that no other signal
// covers, made of capitalised words that are not ordinary words alone, are
// kept, so only sentences that could yield such a name are classified,
// unless everywhere is set; the model is loaded at the first of them.
func modelCands(ctx context.Context, doc *pipeline.Document, ws []word, lx *lexicon, known []cand, everywhere bool) ([]cand, error) {
	covered := make([]bool, len(ws))
	place := make([]bool, len(ws)) // a one-word place
	for _, c := range known {
		for k := c.i; k <= c.j; k++ {
			covered[k] = true
		}
		if c.i == c.j && (c.label == "GPE" || c.label == "LOC") {
			place[c.i] = true
		}
	}
	toks := tokens.Layer.Get(doc)
	refs := layout.FootnoteRefs.Get(doc)
	var (
		out   []cand
		c     classifier
		nts   []nerTok
		spans []nerSpan
	)
	k, t, r := 0, 0, 0 // the next word, token and footnote reference
	for _, s := range sentences.Layer.Get(doc) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for k < len(ws) && ws[k].end <= s.Start {
			k++
		}
		first, last := k, k
		for last < len(ws) && ws[last].start < s.End {
			last++
		}
		for t < len(toks) && toks[t].Start < s.Start {
			t++
		}
		t0 := t
		for t < len(toks) && toks[t].Start < s.End {
			t++
		}
		end := -1 // where the last word a name may include ends
		if !everywhere {
			n := mayName(ws[first:last], covered[first:last], lx)
			if n < 0 {
				continue
			}
			end = ws[first+n].end
		}
		if c.m == nil {
			m, err := loadNER()
			if err != nil {
				return nil, err
			}
			c.m = m
		}
		nts = nts[:0]
		for _, tok := range toks[t0:t] {
			for r < len(refs) && refs[r].Start < tok.Start {
				r++
			}
			if r < len(refs) && refs[r].Span == tok.Span {
				continue // a footnote number, which the tagger skips too
			}
			nts = append(nts, newNERTok(tok.Text, tok.POS, tok.Start, tok.End))
		}
		// Label the tokens up to the end of the last word a name may
		// include, and on until no entity is open: the labels of the
		// rest cannot give a name.
		c.begin(nts)
		ch := chunker{m: c.m, start: -1}
		spans = spans[:0]
		for x := range nts {
			if end >= 0 && nts[x].start >= end && ch.start < 0 {
				break
			}
			c.next()
			spans = ch.add(nts, c.labels, x, spans)
		}
		for _, e := range spans {
			if e.kind != "PERSON" && e.kind != "GPE" {
				continue
			}
			i, j, ok := wordRange(ws, first, last, nts[e.i].start, nts[e.j].end)
			if ok && e.kind == "PERSON" && bodyHead(ws[j].text) {
				continue // Basin Initiative: the end of a body's name, not a person's
			}
			if ok && acceptModel(ws, i, j, lx, covered) {
				out = append(out, cand{i, j, e.kind, prioModel, ""})
			}
		}
	}
	return out, nil
}

// mayName reports whether the words of a sentence hold a name the model
// could add (see acceptModel): a capitalised word that is neither covered
// nor a function word, and either not an ordinary word or acronym alone or
// followed by another such word in the same name. If they do, it returns
// the last word that such a name may include, else -1.
func mayName(ws []word, covered []bool, lx *lexicon) int {
	ok := func(k int) bool {
		return !covered[k] && isCap(ws[k].text) && !ws[k].function
	}
	may, last := false, -1
	for k := range ws {
		if !ok(k) {
			continue
		}
		last = k
		switch {
		case may:
		case k+1 < len(ws) && !ws[k].poss && ws[k+1].gap != gapOther && ok(k+1):
			may = true
		case !lx.common(ws[k].text) && !isAllCaps(ws[k].text):
			may = true
		}
	}
	if !may {
		return -1
	}
	return last
}

// wordRange returns the words of ws[first:last] within the bytes [a, b),
// if there are any and no punctuation other than a possessive ’s separates
// them.
func wordRange(ws []word, first, last, a, b int) (int, int, bool) {
	// Binary search for the first word at or after a: a linear walk from
	// the sentence start is quadratic when a "sentence" is the whole text.
	i := first + sort.Search(last-first, func(k int) bool { return ws[first+k].start >= a })
	j := i - 1
	for j+1 < last && ws[j+1].end <= b {
		j++
		if j > i && ws[j].gap == gapOther && !ws[j-1].poss {
			return 0, 0, false
		}
	}
	return i, j, j >= i
}

func acceptModel(ws []word, i, j int, lx *lexicon, covered []bool) bool {
	for k := i; k <= j; k++ {
		if covered[k] || !isCap(ws[k].text) || ws[k].function {
			return false
		}
		if k < j && ws[k].poss {
			return false
		}
	}
	if i == j && (lx.common(ws[i].text) || isAllCaps(ws[i].text)) {
		return false // Strategic, Gas; acronyms are left to their definitions
	}
	for k := i; k <= j; k++ {
		// Compounds (Iraq-style, China-Japan) are not names themselves.
		if !strings.Contains(ws[k].text, "-") {
			continue
		}
		for _, p := range strings.Split(ws[k].text, "-") {
			if !isCap(p) || lx.gaz.has(p) {
				return false
			}
		}
	}
	return true
}

// foreignOrg labels ORG a run of three or more capitalised words that
// ends in a gazetteer place and whose other words are not known names,
// one of them not an English word and the first either not one or the
// head of an organisation's name: the name of a group in another language
// followed by its country (Partai Komunis Indonesia, Bank Negara
// Malaysia). A place
// that is an English name's last word (South China Sea) is in the
// gazetteer whole, and an English name's first word is English.
func foreignOrg(ws []word, i, j int, lx *lexicon, known []cand, byEnd []int, covered []bool) (cand, bool) {
	if byEnd[j] < 0 {
		return cand{}, false
	}
	place := known[byEnd[j]]
	if place.label != "GPE" && place.label != "LOC" || place.i < i+2 ||
		lx.common(ws[i].text) && heads[ws[i].text] != "ORG" {
		return cand{}, false
	}
	foreign := false
	for k := i; k < place.i; k++ {
		w := ws[k]
		if covered[k] || !isCap(w.text) || isAllCaps(w.text) || titles[w.text] || w.poss ||
			k > i && w.gap != gapSpace || w.function {
			return cand{}, false
		}
		foreign = foreign || !lx.common(w.text)
	}
	if !foreign {
		return cand{}, false
	}
	if ws[place.i].gap != gapSpace {
		return cand{}, false
	}
	return cand{i, j, "ORG", prioRule, ""}, true
}

// personByCue labels PERSON a run of two or three capitalised proper
// nouns, not known names, that a cue marks as a person's: a verb of saying
// after it (Ana Lima said), "according to" or a lower-case role before it
// (spokesman Wang Wei), or a role after a comma (Ana Lima, the minister).
// At least one word must not be an ordinary English word, and only a
// word other than the first may be a known name, and then only a
// one-word place (according to Maria Santos).
func personByCue(ws []word, i, j int, lx *lexicon, covered, place []bool) (cand, bool) {
	if j-i < 1 || j-i > 2 {
		return cand{}, false
	}
	rare := false
	for k := i; k <= j; k++ {
		w := ws[k]
		if covered[k] && (k == i || !place[k]) || !w.proper || k > i && w.gap != gapSpace || isAllCaps(w.text) ||
			titles[w.text] || heads[w.text] != "" || notPersonal[w.text] || k < j && w.poss ||
			w.function {
			return cand{}, false
		}
		if !lx.common(w.text) {
			rare = true
		}
	}
	if !rare || ws[i].initial && lx.common(ws[i].text) {
		return cand{}, false
	}
	cue := false
	if i >= 1 && ws[i].gap == gapSpace {
		prev := ws[i-1].text
		cue = roles[prev] ||
			i >= 2 && prev == "to" && ws[i-1].gap == gapSpace && strings.EqualFold(ws[i-2].text, "according")
	}
	if n := j + 1; !cue && n < len(ws) && ws[n].sent == ws[j].sent {
		switch ws[n].gap {
		case gapSpace:
			cue = !ws[j].poss && sayVerbs[ws[n].text]
		case gapComma:
			for k := n; k < len(ws) && k < n+4 && (k == n || ws[k].gap == gapSpace); k++ {
				if roles[ws[k].text] {
					cue = true
					break
				}
				if !roleModifiers[ws[k].text] {
					break
				}
			}
		}
	}
	return cand{i, j, "PERSON", prioRule, ""}, cue
}
