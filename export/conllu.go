package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/jsondoc"
)

// WriteCoNLLU writes the sentences and tokens of d, whose annotated text is
// text, in the CoNLL-U format of Universal Dependencies
// (https://universaldependencies.org/format.html).
//
// The file starts with "# newdoc id = ID"; a paragraph of the paragraphs
// layer starts with "# newpar". Each sentence has "# sent_id = ID-N"
// (N counting from 1; white space and slashes in the id become "_", since
// UD reserves the slash) and "# text = …", its text with each run of white
// space, line breaks included, shown as one space, so that it equals the
// forms joined as MISC says. Tokens outside every sentence, which a
// well-formed document does not have, form a sentence of their own for each
// run of them, so that no token is lost.
//
// The columns: ID counts from 1 in each sentence; FORM is the token's text
// (a tab or line break in it, which tokens do not have, would become a
// space); LEMMA is "_", because the token's stem is a Snowball stem, not a
// lemma ("minist" for "minister"), so it goes to MISC as Stem=; UPOS is
// converted from the Penn Treebank tag, which is XPOS (see upos); FEATS,
// HEAD, DEPREL and DEPS are "_", as gloss does not parse. MISC holds, in
// alphabetical order: NE=B-LABEL or NE=I-LABEL for a token in an entity of
// the entities layer (the first entity wins where entities overlap);
// SpaceAfter=No when a character other than white space follows the token
// directly, and SpacesAfter= with the white space that follows it when that
// is not a single space (UDPipe's convention, which keeps the text's layout:
// SpacesAfter=\n for a line break); Stem=. MISC values escape the
// backslash, the bar and white space as UDPipe does (\\, \p, \s, \t, \r,
// \n).
//
// WriteCoNLLU fails if d has no tokens layer or text is not the text d was
// made from.
func WriteCoNLLU(w io.Writer, d *jsondoc.Document, text string) error {
	if err := checkText(d, text); err != nil {
		return err
	}
	tl := d.Layer("tokens")
	if tl == nil {
		return errors.New("document " + d.Doc.ID + " has no tokens layer")
	}
	type token struct {
		pipeline.Span
		pos, stem, ne string
	}
	toks := make([]token, 0, len(tl.Spans))
	for _, sp := range tl.Spans {
		if err := checkSpan(text, "tokens", sp.Span); err != nil {
			return err
		}
		if sp.Start < sp.End {
			toks = append(toks, token{Span: sp.Span, pos: sp.String("pos"), stem: sp.String("stem")})
		}
	}
	slices.SortStableFunc(toks, func(a, b token) int { return a.Start - b.Start })

	// Entity tags: walk the tokens and the entities, both by start.
	ents := spansOf(d, "entities", "label")
	for i, e := 0, 0; i < len(toks) && e < len(ents); i++ {
		t := &toks[i]
		for e < len(ents) && ents[e].End <= t.Start {
			e++
		}
		if e < len(ents) && ents[e].Start < t.End {
			tag := "I-"
			if i == 0 || toks[i-1].ne == "" || toks[i-1].End <= ents[e].Start {
				tag = "B-"
			}
			t.ne = tag + bratName(ents[e].label)
		}
	}

	id := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '/' {
			return '_'
		}
		return r
	}, d.Doc.ID)
	if id != "" {
		id += "-"
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# newdoc id = %s\n", oneLine(d.Doc.ID))
	sents := spansOf(d, "sentences", "")
	paras := spansOf(d, "paragraphs", "")
	n, si, pi, lastPara := 0, 0, 0, -1
	var line, misc []string
	for i := 0; i < len(toks); {
		// The sentence of toks[i]: the one its start is in, or a run of
		// tokens outside every sentence.
		for si < len(sents) && sents[si].End <= toks[i].Start {
			si++
		}
		inside := si < len(sents) && sents[si].Start <= toks[i].Start
		j := i + 1
		for j < len(toks) {
			if inside && toks[j].Start >= sents[si].End {
				break
			}
			if !inside && si < len(sents) && toks[j].Start >= sents[si].Start {
				break
			}
			j++
		}
		for pi < len(paras) && paras[pi].End <= toks[i].Start {
			pi++
		}
		if pi < len(paras) && paras[pi].Start <= toks[i].Start && pi != lastPara {
			bw.WriteString("# newpar\n")
			lastPara = pi
		}
		n++
		fmt.Fprintf(bw, "# sent_id = %s%d\n# text = ", id, n)
		for k := i; k < j; k++ {
			bw.WriteString(form(text[toks[k].Start:toks[k].End]))
			if k+1 < j {
				bw.WriteString(squeeze(between(text, toks[k].End, toks[k+1].Start)))
			}
		}
		bw.WriteByte('\n')
		for k := i; k < j; k++ {
			t := toks[k]
			next := len(text)
			if k+1 < len(toks) {
				next = toks[k+1].Start
			}
			misc = misc[:0]
			if t.ne != "" {
				misc = append(misc, "NE="+miscValue(t.ne))
			}
			gap := between(text, t.End, next)
			space := gap[:len(gap)-len(strings.TrimLeftFunc(gap, unicode.IsSpace))]
			switch {
			case space == "" && t.End < len(text):
				misc = append(misc, "SpaceAfter=No")
			case space != "" && space != " ":
				misc = append(misc, "SpacesAfter="+miscValue(space))
			}
			if t.stem != "" {
				misc = append(misc, "Stem="+miscValue(t.stem))
			}
			line = append(line[:0], strconv.Itoa(k-i+1), form(text[t.Start:t.End]), "_",
				upos(t.pos, text[t.Start:t.End]), field(t.pos), "_", "_", "_", "_", field(strings.Join(misc, "|")))
			bw.WriteString(strings.Join(line, "\t"))
			bw.WriteByte('\n')
		}
		bw.WriteByte('\n')
		i = j
	}
	return bw.Flush()
}

// A labelled is a span with the value of one of its fields.
type labelled struct {
	pipeline.Span
	label string
}

// spansOf returns the spans of the named layer sorted by start, longest
// first, with the value of field key.
func spansOf(d *jsondoc.Document, layer, key string) []labelled {
	l := d.Layer(layer)
	if l == nil {
		return nil
	}
	out := make([]labelled, 0, len(l.Spans))
	for _, sp := range l.Spans {
		lb := labelled{Span: sp.Span}
		if key != "" {
			lb.label = sp.String(key)
		}
		out = append(out, lb)
	}
	slices.SortStableFunc(out, func(a, b labelled) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	return out
}

// form makes a token's text a FORM: no tabs or line breaks, never empty.
func form(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isLineBreak(r) {
			return ' '
		}
		return r
	}, s)
	if strings.TrimSpace(s) == "" {
		return "_"
	}
	return s
}

// between returns text[end:start], the gap between a token that ends at
// end and the next, which starts at start: "" if they overlap.
func between(text string, end, start int) string {
	if start < end {
		return ""
	}
	return text[end:start]
}

// squeeze shows each run of white space in s as one space.
func squeeze(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// field returns s, or "_" for an empty column.
func field(s string) string {
	if s == "" {
		return "_"
	}
	return oneLine(s)
}

// miscValue escapes a MISC value as UDPipe escapes SpacesAfter: the
// backslash, the bar, which separates MISC entries, and white space, which
// must not start or end the column or break the line.
var miscValue = strings.NewReplacer(`\`, `\\`, "|", `\p`, " ", `\s`, "\t", `\t`, "\r", `\r`, "\n", `\n`).Replace

// upos returns the universal part-of-speech tag of a token with Penn
// Treebank tag pos: "_" if it has none, "X" if the tag is unknown.
//
// The table follows UD's conversion table for the English Penn Treebank
// (https://universaldependencies.org/tagset-conversion/en-penn-uposf.html)
// as UD v2 English treebanks apply it: MD is AUX, possessive pronouns
// (PRP$, WP$) are PRON. A tag alone cannot tell an auxiliary from a main
// verb, except for "be", which UD English always tags AUX: its forms
// (and the contractions 's, 'm, 're) tagged as verbs are AUX; "have" and
// "do" stay VERB.
func upos(pos, form string) string {
	if pos == "" {
		return "_"
	}
	u, ok := pennUPOS[pos]
	if !ok {
		return "X"
	}
	if u == "VERB" && beForms[strings.ToLower(strings.ReplaceAll(form, "’", "'"))] {
		return "AUX"
	}
	return u
}

var pennUPOS = map[string]string{
	"CC": "CCONJ", "CD": "NUM", "DT": "DET", "EX": "PRON", "FW": "X", "IN": "ADP",
	"JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "AFX": "ADJ", "LS": "X", "MD": "AUX",
	"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN",
	"PDT": "DET", "POS": "PART", "PRP": "PRON", "PRP$": "PRON",
	"RB": "ADV", "RBR": "ADV", "RBS": "ADV", "RP": "ADP", "SYM": "SYM", "TO": "PART", "UH": "INTJ",
	"VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
	"WDT": "DET", "WP": "PRON", "WP$": "PRON", "WRB": "ADV",
	"$": "SYM", "#": "SYM",
	".": "PUNCT", ",": "PUNCT", ":": "PUNCT", "``": "PUNCT", "''": "PUNCT", "`": "PUNCT", "'": "PUNCT",
	"(": "PUNCT", ")": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "-LSB-": "PUNCT", "-RSB-": "PUNCT",
	"-LCB-": "PUNCT", "-RCB-": "PUNCT", "-": "PUNCT", "--": "PUNCT", "HYPH": "PUNCT", "NFP": "PUNCT",
	"ADD": "X", "GW": "X", "XX": "X", "NIL": "X", "-NONE-": "X",
}

var beForms = map[string]bool{
	"be": true, "am": true, "is": true, "are": true, "was": true, "were": true, "been": true, "being": true,
	"'s": true, "'m": true, "'re": true,
}
