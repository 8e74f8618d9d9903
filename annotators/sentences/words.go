package sentences

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The word lists below are general English, compiled by hand for this
// package from the usual closed classes; none comes from a particular text.

// titles are abbreviations that stand before a name, so a full stop after
// one never ends a sentence: "Mr. Smith", "Mt. Fuji", "St. Michael's".
var titles = set(`mr mrs ms messrs mme mlle dr prof rev hon st mt ft gen col
	maj capt lt sgt cpl adm cmdr gov sen rep reps pres supt insp fr`)

// abbreviations are other common abbreviations written with a full stop.
// A full stop after one ends a sentence only before a capitalised word.
var abbreviations = set(`co corp inc ltd llc plc bros jr sr esq etc vs viz cf
	al approx dept est fig figs vol vols ed eds ch chap pp no nos op cit ibid
	misc jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu
	thur thurs fri sat sun ave blvd rd ca govt intl univ assn dist div ps min
	max mln bn`)

// wordAbbreviations are the abbreviations that are also ordinary words, so
// that a full stop after one at the end of a sentence is more likely the
// sentence's.
var wordAbbreviations = set(`no mar sat sun ed min max est fig op ch al dec`)

// starters are words that often begin a sentence: pronouns, determiners,
// wh-words, auxiliaries, conjunctions and connective adverbs (with the
// sentence starters of punkt's English model). After an initial or a
// dotted abbreviation ("U.S.", "I."), only one of these shows that the
// sentence has ended.
var starters = set(`i you he she it we they this that these those there here
	a an the some many most all both each every any another such several
	what when where which who whom whose why how whether
	is are was were do does did can could will would shall should may might
	must has have had being
	but and or nor yet so if although though because since while unless
	however moreover meanwhile nevertheless nonetheless thus hence therefore
	indeed instead still then also similarly separately despite
	in on at for after before during as according among under even
	my your his her its our their`)

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// lower returns w in lower case, without allocating when it is already.
func lower(w string) string {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return strings.ToLower(w)
		}
	}
	return w
}

func isTitle(w string) bool   { return titles[lower(w)] }
func isStarter(w string) bool { return starters[lower(w)] }

// IsAbbreviation reports whether word (without its full stop) is an
// abbreviation that keeps its full stop: a title such as "Mr" or "Dr", a
// common abbreviation such as "etc" or "Inc", or letters separated by full
// stops such as "U.S" or "e.g". With final set, the full stop would end
// the sentence, and abbreviations that are also ordinary words ("no") and
// single letters ("I") do not count.
func IsAbbreviation(word string, final bool) bool {
	w := lower(word)
	switch {
	case titles[w]:
		return true
	case abbreviations[w]:
		return !final || !wordAbbreviations[w]
	case utf8.RuneCountInString(w) == 1:
		return !final && isInitials(word)
	}
	return isInitials(word)
}
