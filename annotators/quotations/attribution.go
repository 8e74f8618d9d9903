package quotations

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/annotators/entities"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/internal/lower"
	"github.com/gloss-nlp/gloss/pipeline"
)

// Context windows, in bytes. Every look at the text around a quotation is
// bounded, so that the work per document stays linear however many
// quotations a sentence holds.
const (
	backWindow    = 400  // before a quotation, for its introduction
	maxBefore     = 80   // items of that window
	afterWindow   = 160  // after a quotation, for "…,” she said"
	personWindow  = 1500 // before a pronoun, for the person it names
	bodyWindow    = 1000 // before "it", for the body or document it names
	maxRequote    = 8    // earlier quotations compared with a repeated phrase
	maxSpeakerLen = 10   // words; a longer subject is not a name
)

// analysis holds what attribute needs from one document. It lives for one
// call of Annotate.
type analysis struct {
	text    string
	items   []item      // the text around the quotations, lexed by lexAround
	lexed   []lexedSpan // where items come from: sorted, disjoint spans
	whole   []item      // the whole text, lexed only if a window cannot be cut
	paras   []layout.Paragraph
	notes   []layout.FootnoteRef
	sents   []sentences.Sentence
	toks    []tokens.Token
	lastTok int  // where pos last looked
	tagged  bool // whether the tokens carry part-of-speech tags

	// Named people and bodies from the entities layer, when the document
	// has one; nil otherwise.
	people, bodies []pipeline.Span

	// The direct quotations seen so far, with their word trigrams, to
	// recognise a phrase quoted again later.
	direct   []attributed
	grams    []uint64       // each direct quotation's trigrams, sorted, end to end
	prevWith []int          // for each of grams, the previous quotation holding it, or -1
	lastWith map[uint64]int // trigram -> the last direct quotation holding it

	// Buffers for lex: lower-case words, and the items they belong to.
	lows    []byte
	pending []lowered

	// Buffers for the quotation being attributed.
	words  []item
	norm   []string
	hashes []uint64
}

// An attributed quotation is a direct quotation already seen: where it ends,
// its speaker, and its trigrams, a.grams[from:to].
type attributed struct {
	end      int
	speaker  *pipeline.TextSpan
	from, to int
}

func newAnalysis(doc *pipeline.Document, paras []layout.Paragraph, notes []layout.FootnoteRef) *analysis {
	a := &analysis{
		text:     doc.Text,
		paras:    paras,
		notes:    notes,
		sents:    sentences.Layer.Get(doc),
		toks:     tokens.Layer.Get(doc),
		lastWith: make(map[uint64]int),
	}
	for _, t := range a.toks {
		if t.POS != "" {
			a.tagged = true
			break
		}
	}
	if doc.Has(entities.Layer.Name()) {
		for _, e := range entities.Layer.Get(doc) {
			switch e.Label {
			case "PERSON":
				a.people = append(a.people, e.Span)
			case "ORG", "LAW":
				a.bodies = append(a.bodies, e.Span)
			}
		}
	}
	return a
}

// attribute returns the kind of a quotation and, for a direct one, its
// speaker.
func (a *analysis) attribute(q quote) (string, *pipeline.TextSpan) {
	before := a.before(q.Start)
	verbAt := a.lastReporting(before)
	inner := a.slice(q.inner.Start, q.inner.End)
	a.words = appendWords(a.words[:0], inner)
	words := a.words
	grams := a.trigrams(words)
	kind, speaker := Scare, (*pipeline.TextSpan)(nil)
	found := false
	if q.block {
		kind = Direct
	} else {
		kind, speaker, found = a.kind(q, before, verbAt, inner, words, grams)
	}
	if kind != Direct {
		return kind, nil
	}
	// “X stressed that ‘…’”: the quotation is the reporting verb's own
	// complement, so X speaks, even in words someone said before.
	if !found && a.complement(before, verbAt) {
		speaker = a.introducer(before, verbAt)
		found = speaker != nil
	}
	if !found {
		if sp, ok := a.requote(q, words, grams); ok {
			speaker, found = sp, true
		}
	}
	if !found {
		speaker = a.introducer(before, verbAt)
	}
	a.remember(q, grams, speaker)
	return kind, speaker
}

// kind decides an inline quotation's kind from the evidence around it. An
// attribution after the quotation ("…,” she said) also gives the speaker.
// verbAt is the index of the last reporting verb in before, or -1.
func (a *analysis) kind(q quote, before []item, verbAt int, inner, words []item, grams []uint64) (string, *pipeline.TextSpan, bool) {
	if soCalled(before) {
		return Scare, nil, false
	}
	if a.isTitle(before, words, q) {
		return Title, nil, false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(a.text[q.inner.Start:q.inner.End], isSpaceRune))
	if speaker, ok := a.afterAttribution(q, last); ok {
		return Direct, speaker, speaker != nil
	}
	verb := len(words) < 5 && a.finiteVerb(inner) // longer ones need no verb
	if a.attachedBefore(before, verbAt, len(words) >= 3 || verb) {
		return Direct, nil, false
	}
	if _, ok := a.requote(q, words, grams); ok {
		return Direct, nil, false
	}
	if len(words) >= 5 {
		return Direct, nil, false
	}
	if verb && (strings.ContainsRune(".!?…", last) || verbAt >= 0) {
		return Direct, nil, false
	}
	return Scare, nil, false
}

// An item is a word or a punctuation mark of the text.
type item struct {
	start, end int
	low        string // the word in lower case; "" for punctuation
	cap        bool   // the word starts with an upper-case letter
	r          rune   // the punctuation mark
}

func (it item) word() bool { return it.low != "" }

// A lowered word is out[k] for lex, its lower-case form lows[from:to].
type lowered struct{ k, from, to int }

// A lexedSpan is a span of the text whose items are a.items[first:].
type lexedSpan struct {
	pipeline.Span
	first int
}

// maxCut bounds how far cut looks for white space.
const maxCut = 256

// lexAround lexes the text around the quotations, the windows that
// attribute looks at. Lexing costs more than the rest of the analysis,
// and in most texts much of it lies far from any quotation.
func (a *analysis) lexAround(qs []quote) {
	var spans []pipeline.Span
	for _, q := range qs {
		sp, ok := a.cut(min(a.clause(q.Start).Start, q.Start), max(a.tailEnd(q), q.End))
		if !ok {
			spans = []pipeline.Span{{Start: 0, End: len(a.text)}}
			break
		}
		// The quotations are sorted, and so are their windows. (Were one
		// not, slice would lex anew what no span holds.)
		if n := len(spans); n > 0 && sp.Start <= spans[n-1].End {
			spans[n-1].End = max(spans[n-1].End, sp.End)
			continue
		}
		spans = append(spans, sp)
	}
	size := 0
	for _, sp := range spans {
		size += sp.Len()
	}
	a.items = make([]item, 0, size/4+16) // about one item in five bytes
	for _, sp := range spans {
		a.lexed = append(a.lexed, lexedSpan{sp, len(a.items)})
		a.items = a.lex(a.items, sp.Start, sp.End)
	}
}

// slice returns the items that lie within text[from:to]. They come from
// lexAround's spans if one holds the window, and are lexed anew otherwise
// (the window of a pronoun's antecedent).
func (a *analysis) slice(from, to int) []item {
	// The last span starting by from.
	k := sort.Search(len(a.lexed), func(k int) bool { return a.lexed[k].Start > from }) - 1
	if k >= 0 && to <= a.lexed[k].End {
		end := len(a.items)
		if k+1 < len(a.lexed) {
			end = a.lexed[k+1].first
		}
		return within(a.items[a.lexed[k].first:end], from, to)
	}
	if sp, ok := a.cut(from, to); ok {
		return within(a.lex(nil, sp.Start, sp.End), from, to)
	}
	if a.whole == nil {
		a.whole = a.lex(nil, 0, len(a.text))
	}
	return within(a.whole, from, to)
}

// within returns the items that lie within text[from:to].
func within(items []item, from, to int) []item {
	// Items do not overlap, so both their starts and their ends ascend.
	i := sort.Search(len(items), func(k int) bool { return items[k].start >= from })
	j := i + sort.Search(len(items)-i, func(k int) bool { return items[i+k].end > to })
	return items[i:j:j]
}

// cut widens text[from:to] to white space on both sides, where lexing
// starts and stops just as it does over the whole text: no word, mark or
// footnote number spans white space. It reports false if there is none
// within maxCut bytes.
func (a *analysis) cut(from, to int) (pipeline.Span, bool) {
	s, e := max(from, 0), min(to, len(a.text))
	for s > 0 && !a.gap(s) {
		if s--; from-s > maxCut {
			return pipeline.Span{}, false
		}
	}
	for e < len(a.text) && !a.gap(e) {
		if e++; e-to > maxCut {
			return pipeline.Span{}, false
		}
	}
	return pipeline.Span{Start: s, End: e}, true
}

// gap reports whether text[i] is ASCII white space outside any footnote
// number.
func (a *analysis) gap(i int) bool {
	switch a.text[i] {
	case ' ', '\n', '\t', '\r', '\v', '\f':
	default:
		return false
	}
	n := a.nextNote(i + 1)
	return n == 0 || a.notes[n-1].End <= i
}

// nextNote returns the index of the first footnote number starting at or
// after pos.
func (a *analysis) nextNote(pos int) int {
	return sort.Search(len(a.notes), func(k int) bool { return a.notes[k].Start >= pos })
}

// lex appends the items of text[from:to] to out, leaving out footnote
// numbers; from and to are 0, the end of the text or white space (see
// cut). The lower-case forms that differ from the text are gathered into
// one string, so that lexing allocates the same few times however many
// capitalised words there are.
func (a *analysis) lex(out []item, from, to int) []item {
	text := a.text
	if out == nil {
		out = make([]item, 0, (to-from)/4+16)
	}
	lows, pending := a.lows[:0], a.pending[:0]
	n := a.nextNote(from)
	for i := from; i < to; {
		if n < len(a.notes) && a.notes[n].Start <= i {
			if a.notes[n].End > i {
				i = a.notes[n].End
			}
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case wordRune(r):
			j := wordEnd(text, i)
			if n < len(a.notes) && a.notes[n].Start < j && a.notes[n].Start > i {
				j = a.notes[n].Start
			}
			it := item{start: i, end: j, low: text[i:j], cap: unicode.IsUpper(r)}
			if needsLower(it.low) {
				from := len(lows)
				lows = lower.Append(lows, it.low)
				pending = append(pending, lowered{len(out), from, len(lows)})
			}
			out = append(out, it)
			i = j
		default:
			out = append(out, item{start: i, end: i + size, r: r})
			i += size
		}
	}
	all := string(lows)
	for _, p := range pending {
		out[p.k].low = all[p.from:p.to]
	}
	a.lows, a.pending = lows, pending
	return out
}

// wordEnd returns the end of the word that starts at text[i]: letters,
// digits and combining marks, joined by hyphens, apostrophes and
// ampersands that come before a letter or digit.
func wordEnd(text string, i int) int {
	j := i
	for j < len(text) {
		if c := text[j]; c < utf8.RuneSelf && isAlnumByte(c) {
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if r >= utf8.RuneSelf && wordRune(r) { // no other ASCII is
			j += size
			continue
		}
		if isJoiner(r) && j+size < len(text) {
			if next, _ := utf8.DecodeRuneInString(text[j+size:]); isAlnum(next) {
				j += size
				continue
			}
		}
		break
	}
	return j
}

// wordRune reports whether r belongs in a word: a letter, a digit or a
// combining mark.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlnumByte(byte(r))
	}
	return isAlnum(r) || unicode.IsMark(r)
}

// needsLower reports whether s changes in lower case.
func needsLower(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if unicode.ToLower(r) != r {
					return true
				}
			}
			return false
		}
		if 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

func isJoiner(r rune) bool {
	return r == '-' || r == '‐' || r == '‑' || r == '’' || r == '\'' || r == '&'
}

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) }

// appendWords appends the words among items to out.
func appendWords(out, items []item) []item {
	for _, it := range items {
		if it.word() {
			out = append(out, it)
		}
	}
	return out
}

// sentence returns the span of the sentence holding the byte at pos, or of
// its paragraph if no sentence holds it.
func (a *analysis) sentence(pos int) pipeline.Span {
	i, _ := slices.BinarySearchFunc(a.sents, pos, func(s sentences.Sentence, p int) int {
		if s.Start > p {
			return 1
		}
		return -1
	})
	if i > 0 && pos < a.sents[i-1].End {
		return a.sents[i-1].Span
	}
	j, _ := slices.BinarySearchFunc(a.paras, pos, func(p layout.Paragraph, x int) int {
		if p.Start > x {
			return 1
		}
		return -1
	})
	if j > 0 && pos < a.paras[j-1].End {
		return a.paras[j-1].Span
	}
	return pipeline.Span{Start: pos, End: pos}
}

// before returns the items of the sentence before pos, the clause that
// introduces a quotation starting there. A quotation that starts its
// sentence after a colon is introduced by the sentence before it.
func (a *analysis) before(pos int) []item {
	sp := a.clause(pos)
	if sp.End == 0 {
		return nil
	}
	items := a.slice(sp.Start, sp.End)
	if len(items) > maxBefore {
		items = items[len(items)-maxBefore:]
	}
	// Cut at a sentence end the sentence layer missed: a full stop after
	// a lower-case word, then a capital.
	for k := len(items) - 2; k >= 1; k-- {
		if r := items[k].r; (r == '.' || r == '!' || r == '?') && items[k+1].cap && items[k-1].word() && !items[k-1].cap && len(items[k-1].low) >= 3 {
			return items[k+1:]
		}
	}
	return items
}

// clause returns the span of the text that may introduce a quotation
// starting at pos: back from pos over white space, to the start of the
// sentence, at most backWindow bytes.
func (a *analysis) clause(pos int) pipeline.Span {
	end := pos
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(a.text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	if end == 0 {
		return pipeline.Span{}
	}
	start := a.sentence(end - 1).Start
	if start < end-backWindow {
		start = end - backWindow
		for start < end && !utf8.RuneStart(a.text[start]) {
			start++
		}
	}
	return pipeline.Span{Start: start, End: end}
}

// soCalled reports whether the quotation follows "so-called".
func soCalled(before []item) bool {
	n := len(before)
	return n >= 1 && before[n-1].low == "so-called" ||
		n >= 2 && before[n-2].low == "so" && before[n-1].low == "called"
}

// isTitle reports whether a quotation is a title: it follows a noun for a
// document or work (the report “…”, a novel titled ‘…’), or it is in title
// case and names a kind of document (‘Regulation on the Status of …’).
func (a *analysis) isTitle(before, words []item, q quote) bool {
	first := words
	if len(first) > 1 && determiners[first[0].low] {
		first = first[1:] // the ‘the Statement of …’
	}
	if len(first) == 0 || !first[0].cap && !isDigit(first[0].low[0]) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(a.text[q.inner.Start:q.inner.End], isSpaceRune))
	if strings.ContainsRune(".!?", last) {
		return false
	}
	if n := len(before); n > 0 && before[n-1].word() && (workNouns[before[n-1].low] || titling[before[n-1].low]) {
		return true
	}
	if len(words) < 2 {
		return false
	}
	named := false
	for i, w := range words {
		switch {
		case w.cap && documentNouns[w.low]:
			named = true
		case !w.cap && !isDigit(w.low[0]) && !(functionWords[w.low] && i > 0) && !(i == 0 && determiners[w.low]):
			return false
		}
	}
	return named
}

// afterAttribution looks for a reporting clause right after a quotation:
// “…,” she said / “…,” said Jane Doe / ‘…’, according to the report. It
// reports whether one is there, with the speaker if it names one.
func (a *analysis) afterAttribution(q quote, last rune) (*pipeline.TextSpan, bool) {
	items := a.slice(q.End, a.tailEnd(q))
	k := 0
	comma := k < len(items) && items[k].r == ','
	if comma {
		k++
	}
	if !comma && !strings.ContainsRune(",!?—–…", last) {
		return nil, false
	}
	// according to X
	if k+1 < len(items) && items[k].low == "according" && items[k+1].low == "to" {
		return a.speakerNP(a.rightNP(items[k+2:])), true
	}
	// said Jane Doe
	if n, kind := reporting(items, k, a); n > 0 && kind&active != 0 {
		np := a.rightNP(items[k+n:])
		if len(np) > 0 && (np[0].cap || pronouns[np[0].low] != 0) || len(np) > 1 && determiners[np[0].low] {
			return a.speakerNP(np), true
		}
		return nil, false
	}
	// she said, Jane Doe said, the mayor said
	for j := k; j < len(items) && j-k < 6 && items[j].word(); j++ {
		if j == k {
			continue
		}
		if n, kind := reporting(items, j, a); n > 0 && kind&active != 0 {
			return a.speakerNP(items[k:j]), true
		}
	}
	return nil, false
}

// tailEnd returns the end of the text after a quotation where a reporting
// clause may follow it: afterWindow bytes, within its paragraph.
func (a *analysis) tailEnd(q quote) int {
	end := q.End + afterWindow
	if j := a.paraEnd(q.End - 1); end > j {
		end = j
	}
	for end > q.End && end < len(a.text) && !utf8.RuneStart(a.text[end]) {
		end--
	}
	return end
}

// paraEnd returns the end of the paragraph holding pos.
func (a *analysis) paraEnd(pos int) int {
	j, _ := slices.BinarySearchFunc(a.paras, pos, func(p layout.Paragraph, x int) int {
		if p.Start > x {
			return 1
		}
		return -1
	})
	if j > 0 && pos < a.paras[j-1].End {
		return a.paras[j-1].End
	}
	return len(a.text)
}

// attachedBefore reports whether a quotation is introduced right before it:
// by a colon (for a quotation of some length), or by a reporting verb
// directly or through "that", a comma or an object (He told them: “…”).
// v is the index of the last reporting verb in before, or -1.
func (a *analysis) attachedBefore(before []item, v int, long bool) bool {
	n := len(before)
	if n == 0 {
		return false
	}
	if before[n-1].r == ':' && long {
		return true
	}
	if v < 0 {
		return false
	}
	m, _ := reporting(before, v, a)
	rest := before[v+m:]
	if before[v].low == "according" {
		return len(rest) > 0 && rest[len(rest)-1].r == ','
	}
	switch {
	case len(rest) == 0:
		return true
	case len(rest) > 4:
		return false
	}
	end := rest[len(rest)-1]
	return end.r == ':' || end.r == ',' || end.low == "that"
}

// lastReporting returns the index of the last reporting verb in items, or -1.
func (a *analysis) lastReporting(items []item) int {
	for k := len(items) - 1; k >= 0; k-- {
		if !items[k].word() {
			continue
		}
		if n, _ := reporting(items, k, a); n > 0 {
			return k
		}
	}
	return -1
}

// complement reports whether nothing but "that", a comma or a colon stands
// between the reporting verb at before[v] and the quotation.
func (a *analysis) complement(before []item, v int) bool {
	if v < 0 {
		return false
	}
	n, _ := reporting(before, v, a)
	for _, it := range before[v+n:] {
		if it.low != "that" && it.r != ',' && it.r != ':' {
			return false
		}
	}
	return true
}

// introducer finds the speaker in the clause before a quotation: the subject
// of its reporting verb (The summit pointed out that …; As he said:), or
// the source of a participle (the point mentioned at the Astana summit:),
// or what follows "according to".
// v is the index of the last reporting verb in before, or -1.
func (a *analysis) introducer(before []item, v int) *pipeline.TextSpan {
	if v < 0 {
		return nil
	}
	n, kind := reporting(before, v, a)
	if before[v].low == "according" {
		return a.speakerNP(a.rightNP(before[v+n:]))
	}
	if kind&passive != 0 && v+n < len(before) && a.isParticiple(before, v) {
		if prep := before[v+n]; sourcePreps[prep.low] {
			np := a.rightNP(before[v+n+1:])
			for _, w := range np {
				if w.cap || sourceNouns[w.low] {
					return a.speakerNP(np)
				}
			}
		}
	}
	if kind&active == 0 {
		return nil
	}
	if sp := a.speakerNP(subject(before[:v])); sp != nil {
		return sp
	}
	// said Ms. Lee, “…”
	if np := a.rightNP(before[v+n:]); len(np) > 0 && np[0].cap && v+n+len(np) < len(before) && strings.ContainsRune(",:", before[v+n+len(np)].r) {
		return a.speakerNP(np)
	}
	return nil
}

// isParticiple reports whether the reporting verb at v is a participle
// modifying the noun before it (the words quoted from …) rather than the
// verb of a subject.
func (a *analysis) isParticiple(items []item, v int) bool {
	if a.tagged && !strings.HasPrefix(a.pos(items[v]), "VB") && a.pos(items[v]) != "" {
		return false
	}
	if v == 0 {
		return false
	}
	p := items[v-1]
	return p.word() && (passiveAux[p.low] || !p.cap && pronouns[p.low] == 0 && !auxiliaries[p.low] && !strings.HasSuffix(p.low, "ly"))
}

// subject returns the subject noun phrase that ends items, the words before
// a reporting verb: auxiliaries and adverbs are skipped, an appositive
// after a comma is passed over (Lee Kuan Yew, Minister Mentor …, has
// remarked), and the phrase starts after the last comma, clause boundary
// or subordinating word.
func subject(items []item) []item {
	j := len(items) - 1
	for j >= 0 && items[j].word() && (auxiliaries[items[j].low] || strings.HasSuffix(items[j].low, "ly") && !items[j].cap) {
		j--
	}
	if j < 0 {
		return nil
	}
	e := j
	if items[j].r == ',' {
		k := j - 1
		for k >= 0 && items[k].r != ',' && !isClauseBreak(items[k]) {
			k--
		}
		e = j - 1
		if k >= 0 && items[k].r == ',' {
			e = k - 1
		}
	}
	s := e
	for s > 0 && items[s-1].r != ',' && !isClauseBreak(items[s-1]) {
		s--
	}
	if e < s || !items[e].word() {
		return nil
	}
	np := items[s : e+1]
	for k := len(np) - 1; k >= 0; k-- {
		if np[k].word() && subordinators[np[k].low] {
			np = np[k+1:]
			break
		}
	}
	for _, w := range np {
		if finiteVerbs[w.low] {
			return nil // a clause, not a noun phrase
		}
	}
	return np
}

func isClauseBreak(it item) bool {
	return it.r != 0 && it.r != ',' && it.r != '.' && it.r != '&' && it.r != '-'
}

// rightNP returns the noun phrase that starts items: words up to
// punctuation or a word that cannot continue a name, with "of", "in" and
// "and" kept only before a capitalised word (the Declaration of the SCO
// Astana summit; the Bank of England).
func (a *analysis) rightNP(items []item) []item {
	k := 0
	for k < len(items) && (items[k].word() || abbrevDot(items, k)) {
		w := items[k]
		if !w.word() {
			// the full stop of Ms. or Dr.
		} else if connectors[w.low] {
			j := k + 1
			if j < len(items) && determiners[items[j].low] {
				j++
			}
			if k == 0 || j >= len(items) || !items[j].cap {
				break
			}
		} else if stopWords[w.low] {
			break
		} else if n, _ := reporting(items, k, a); n > 0 && k > 0 {
			break
		}
		k++
		if k > 12 {
			return nil
		}
	}
	return items[:k]
}

// speakerNP turns a noun phrase into a speaker: a pronoun is resolved to
// the name it stands for, a leading determiner is dropped, and a person's
// titles before the name (Foreign Minister Jane Doe) are dropped.
func (a *analysis) speakerNP(np []item) *pipeline.TextSpan {
	for len(np) > 0 && (!np[0].word() || determiners[np[0].low]) {
		np = np[1:]
	}
	for len(np) > 0 && !np[len(np)-1].word() {
		np = np[:len(np)-1]
	}
	if len(np) == 0 || len(np) > maxSpeakerLen {
		return nil
	}
	if len(np) == 1 {
		switch pronouns[np[0].low] {
		case person:
			return a.resolvePerson(np[0].start)
		case body:
			return a.resolveBody(np[0].start)
		case other:
			return nil
		}
	}
	np = dropTitles(np)
	sp := pipeline.TextSpan{Span: pipeline.Span{Start: np[0].start, End: np[len(np)-1].end}}
	sp.Text = a.text[sp.Start:sp.End]
	return &sp
}

// dropTitles drops the titles before a capitalised name: Chinese President
// Hu Jintao → Hu Jintao.
func dropTitles(np []item) []item {
	last := -1
	for i, w := range np {
		switch {
		case abbrevDot(np, i):
		case !w.cap:
			return np
		case titles[w.low]:
			last = i
		}
	}
	for last >= 0 && last+1 < len(np) && !np[last+1].word() {
		last++
	}
	if last >= 0 && last < len(np)-1 {
		return np[last+1:]
	}
	return np
}

// abbrevDot reports whether items[k] is the full stop of a title's
// abbreviation before a name: Ms. Lee, Dr. Park.
func abbrevDot(items []item, k int) bool {
	return items[k].r == '.' && k > 0 && titles[items[k-1].low] && k+1 < len(items) && items[k+1].cap
}

// resolvePerson returns the nearest person named before pos: a name after
// a title (President Jane Doe), or else a run of two to four capitalised
// words that does not take an article and names no place or institution.
func (a *analysis) resolvePerson(pos int) *pipeline.TextSpan {
	from := a.back(pos, personWindow)
	if e, ok := nearest(a.people, from, pos); ok {
		return a.span(dropTitles(a.slice(e.Start, e.End)))
	}
	items := a.slice(from, pos)
	for end := len(items); end > 0; {
		// Find the capitalised run ending at end-1.
		if !items[end-1].word() || !items[end-1].cap {
			end--
			continue
		}
		start := end - 1
		for start > 0 && items[start-1].word() && items[start-1].cap && a.namePart(items[start-1]) {
			start--
		}
		if !a.namePart(items[end-1]) {
			end--
			continue
		}
		run := items[start:end]
		if name := dropTitles(run); len(name) < len(run) {
			return a.span(name)
		}
		article := start > 0 && (items[start-1].low == "the" || items[start-1].low == "a")
		if len(run) >= 2 && len(run) <= 4 && !article && personLike(run) {
			return a.span(run)
		}
		end = start
	}
	return nil
}

// namePart reports whether a capitalised word can be part of a name: with
// tags, a proper noun; without, anything but an acronym.
func (a *analysis) namePart(w item) bool {
	if a.tagged {
		if tag := a.pos(w); tag != "" {
			return tag == "NNP" || tag == "NNPS" || titles[w.low]
		}
	}
	return a.text[w.start:w.end] != strings.ToUpper(a.text[w.start:w.end])
}

func personLike(run []item) bool {
	for _, w := range run {
		if notPersonal[w.low] || subordinators[w.low] || determiners[w.low] || functionWords[w.low] {
			return false
		}
	}
	return true
}

// resolveBody returns the nearest body, meeting or document named before
// pos: a noun phrase headed by a word such as summit, council or report.
func (a *analysis) resolveBody(pos int) *pipeline.TextSpan {
	from := a.back(pos, bodyWindow)
	ent, named := nearest(a.bodies, from, pos)
	items := a.slice(from, pos)
	for h := len(items) - 1; h >= 0; h-- {
		if named && items[h].end <= ent.Start {
			break // the named body is nearer
		}
		if !items[h].word() || !sourceNouns[items[h].low] {
			continue
		}
		s := nameStart(items, h)
		// Declaration of the SCO summit: take in the head before "of".
		for s >= 2 {
			j := s - 1
			if determiners[items[j].low] {
				j--
			}
			if j < 1 || !connectors[items[j].low] || !(items[j-1].cap || sourceNouns[items[j-1].low]) {
				break
			}
			s = nameStart(items, j-1)
		}
		e := h + 1
		for e+1 < len(items) && connectors[items[e].low] {
			j := e + 1
			if determiners[items[j].low] && j+1 < len(items) {
				j++
			}
			if !items[j].cap {
				break
			}
			for j < len(items) && items[j].word() && (items[j].cap || sourceNouns[items[j].low]) {
				j++
			}
			e = j
		}
		if named && ent.End > items[e-1].end {
			break
		}
		return a.span(items[s:e])
	}
	if named {
		return a.span(a.slice(ent.Start, ent.End))
	}
	return nil
}

// nameStart returns where the name ending with items[h] starts: it takes
// in capitalised words, numbers and nouns for bodies before it.
func nameStart(items []item, h int) int {
	s := h
	for s > 0 && items[s-1].word() && (items[s-1].cap || isDigit(items[s-1].low[0]) || sourceNouns[items[s-1].low]) && !determiners[items[s-1].low] {
		s--
	}
	return s
}

// nearest returns the last of the sorted spans that lies within [from, to).
func nearest(spans []pipeline.Span, from, to int) (pipeline.Span, bool) {
	i, _ := slices.BinarySearchFunc(spans, to, func(sp pipeline.Span, pos int) int {
		if sp.Start >= pos {
			return 1
		}
		return -1
	})
	for ; i > 0; i-- {
		sp := spans[i-1]
		if sp.Start < from {
			break
		}
		if sp.End <= to {
			return sp, true
		}
	}
	return pipeline.Span{}, false
}

func (a *analysis) span(np []item) *pipeline.TextSpan {
	if len(np) == 0 {
		return nil
	}
	sp := pipeline.TextSpan{Span: pipeline.Span{Start: np[0].start, End: np[len(np)-1].end}}
	sp.Text = a.text[sp.Start:sp.End]
	return &sp
}

// back returns pos-n moved forward to a rune boundary, or 0.
func (a *analysis) back(pos, n int) int {
	s := pos - n
	if s <= 0 {
		return 0
	}
	for s < pos && !utf8.RuneStart(a.text[s]) {
		s++
	}
	return s
}

// pos returns the part-of-speech tag of the token that starts with w.
// Lookups mostly go forward a word or two at a time, so it steps on from
// the last token found before it searches.
func (a *analysis) pos(w item) string {
	i := a.lastTok
	for n := 0; n < 4 && i < len(a.toks) && a.toks[i].Start < w.start; n++ {
		i++
	}
	if i < len(a.toks) && a.toks[i].Start < w.start || i > 0 && a.toks[i-1].Start >= w.start {
		i = sort.Search(len(a.toks), func(k int) bool { return a.toks[k].Start >= w.start })
	}
	// a.toks[i] is the first token starting at or after w.
	a.lastTok = i
	if i < len(a.toks) && a.toks[i].Start == w.start {
		return a.toks[i].POS
	}
	return ""
}

// finiteVerb reports whether the words include a finite verb.
func (a *analysis) finiteVerb(items []item) bool {
	for k, w := range items {
		if !w.word() {
			continue
		}
		if a.tagged {
			switch a.pos(w) {
			case "VBD", "VBP", "VBZ", "MD":
				return true
			case "VB":
				if k == 0 || items[k-1].low != "to" {
					return true
				}
			}
			continue
		}
		if finiteVerbs[w.low] {
			return true
		}
		if n, _ := reporting(items, k, a); n > 0 {
			return true
		}
	}
	return false
}

// requote reports whether a quotation of four or more words repeats, word
// for word, an earlier direct quotation, and returns that one's speaker.
// Hyphens, case and punctuation are ignored (anti-terrorist matches
// antiterrorist). It tries the last few quotations holding the first
// trigram.
func (a *analysis) requote(q quote, words []item, hs []uint64) (*pipeline.TextSpan, bool) {
	if len(words) < 4 || len(hs) == 0 {
		return nil, false
	}
	j, ok := a.lastWith[hs[0]]
	for n := 0; ok && j >= 0 && n < maxRequote; n++ {
		d := a.direct[j]
		grams := a.grams[d.from:d.to]
		if d.end <= q.Start && holdsAll(grams, hs[1:]) { // not an enclosing quotation
			return d.speaker, true
		}
		k, _ := slices.BinarySearch(grams, hs[0])
		j = a.prevWith[d.from+k]
	}
	return nil, false
}

// holdsAll reports whether the sorted grams hold every one of hs.
func holdsAll(grams, hs []uint64) bool {
	for _, h := range hs {
		if _, ok := slices.BinarySearch(grams, h); !ok {
			return false
		}
	}
	return true
}

// remember records a direct quotation, with the trigrams of its words, for
// requote.
func (a *analysis) remember(q quote, grams []uint64, speaker *pipeline.TextSpan) {
	j := len(a.direct)
	from := len(a.grams)
	a.grams = append(a.grams, grams...)
	own := a.grams[from:]
	slices.Sort(own)
	own = slices.Compact(own)
	a.grams = a.grams[:from+len(own)]
	for _, h := range a.grams[from:] {
		prev, ok := a.lastWith[h]
		if !ok {
			prev = -1
		}
		a.prevWith = append(a.prevWith, prev)
		a.lastWith[h] = j
	}
	a.direct = append(a.direct, attributed{q.End, speaker, from, len(a.grams)})
}

// trigrams hashes each run of three words, normalised to lower-case letters
// and digits: FNV-1a of the three words joined by NUL bytes. The hashes are
// valid until the next call.
func (a *analysis) trigrams(words []item) []uint64 {
	norm := a.norm[:0]
	for _, w := range words {
		if s := alnumOnly(w.low); s != "" {
			norm = append(norm, s)
		}
	}
	out := a.hashes[:0]
	for i := 0; i+3 <= len(norm); i++ {
		h := fnv1a(fnvOffset, norm[i])
		h = fnv1a(h, "\x00")
		h = fnv1a(h, norm[i+1])
		h = fnv1a(h, "\x00")
		out = append(out, fnv1a(h, norm[i+2]))
	}
	a.norm, a.hashes = norm, out
	return out
}

// alnumOnly returns s without the characters that are neither letters
// nor digits.
func alnumOnly(s string) string {
	for i := 0; i < len(s); i++ {
		if !isAlnumByte(s[i]) {
			return strings.Map(func(r rune) rune {
				if isAlnum(r) {
					return r
				}
				return -1
			}, s)
		}
	}
	return s
}

// FNV-1a, 64 bits, as in hash/fnv, written out so that hashing a trigram
// does not allocate.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv1a(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}
