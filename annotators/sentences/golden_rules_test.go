package sentences_test

import (
	"slices"
	"strings"
	"testing"
)

// goldenRules are the 52 English "Golden Rules" of the pragmatic segmenter
// (https://github.com/diasks2/pragmatic_segmenter, README, MIT licence),
// transcribed by hand. Sentences are compared with runs of white space
// collapsed to one space, since the segmenter returns spans of the input
// where pragmatic_segmenter returns cleaned strings (rule 41).
var goldenRules = []struct {
	name string
	in   string
	want []string
}{
	{"01 simple period", "Hello World. My name is Jonas.", []string{"Hello World.", "My name is Jonas."}},
	{"02 question mark", "What is your name? My name is Jonas.", []string{"What is your name?", "My name is Jonas."}},
	{"03 exclamation point", "There it is! I found it.", []string{"There it is!", "I found it."}},
	{"04 one letter upper case abbreviation", "My name is Jonas E. Smith.", []string{"My name is Jonas E. Smith."}},
	{"05 one letter lower case abbreviation", "Please turn to p. 55.", []string{"Please turn to p. 55."}},
	{"06 two letter lower case abbreviation mid-sentence", "Were Jane and co. at the party?", []string{"Were Jane and co. at the party?"}},
	{"07 two letter upper case abbreviation mid-sentence", "They closed the deal with Pitt, Briggs & Co. at noon.", []string{"They closed the deal with Pitt, Briggs & Co. at noon."}},
	{"08 two letter lower case abbreviation at end", "Let's ask Jane and co. They should know.", []string{"Let's ask Jane and co.", "They should know."}},
	{"09 two letter upper case abbreviation at end", "They closed the deal with Pitt, Briggs & Co. It closed yesterday.", []string{"They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."}},
	{"10 prepositive abbreviation", "I can see Mt. Fuji from here.", []string{"I can see Mt. Fuji from here."}},
	{"11 prepositive and postpositive abbreviations", "St. Michael's Church is on 5th st. near the light.", []string{"St. Michael's Church is on 5th st. near the light."}},
	{"12 possessive abbreviation", "That is JFK Jr.'s book.", []string{"That is JFK Jr.'s book."}},
	{"13 multi-period abbreviation mid-sentence", "I visited the U.S.A. last year.", []string{"I visited the U.S.A. last year."}},
	{"14 multi-period abbreviation at end", "I live in the E.U. How about you?", []string{"I live in the E.U.", "How about you?"}},
	{"15 U.S. as sentence boundary", "I live in the U.S. How about you?", []string{"I live in the U.S.", "How about you?"}},
	{"16 U.S. before a capitalised word", "I work for the U.S. Government in Virginia.", []string{"I work for the U.S. Government in Virginia."}},
	{"17 U.S. as non sentence boundary", "I have lived in the U.S. for 20 years.", []string{"I have lived in the U.S. for 20 years."}},
	{"18 A.M. and P.M.", "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.", []string{"At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."}},
	{"19 number as non sentence boundary", "She has $100.00 in her bag.", []string{"She has $100.00 in her bag."}},
	{"20 number as sentence boundary", "She has $100.00. It is in her bag.", []string{"She has $100.00.", "It is in her bag."}},
	{"21 parenthetical inside sentence", "He teaches science (He previously worked for 5 years as an engineer.) at the local University.", []string{"He teaches science (He previously worked for 5 years as an engineer.) at the local University."}},
	{"22 email address", "Her email is Jane.Doe@example.com. I sent her an email.", []string{"Her email is Jane.Doe@example.com.", "I sent her an email."}},
	{"23 web address", "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.", []string{"The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."}},
	{"24 single quotation inside sentence", "She turned to him, 'This is great.' she said.", []string{"She turned to him, 'This is great.' she said."}},
	{"25 double quotation inside sentence", `She turned to him, "This is great." she said.`, []string{`She turned to him, "This is great." she said.`}},
	{"26 double quotation at end of sentence", `She turned to him, "This is great." She held the book out to show him.`, []string{`She turned to him, "This is great."`, "She held the book out to show him."}},
	{"27 double exclamation point", "Hello!! Long time no see.", []string{"Hello!!", "Long time no see."}},
	{"28 double question mark", "Hello?? Who is there?", []string{"Hello??", "Who is there?"}},
	{"29 exclamation point and question mark", "Hello!? Is that you?", []string{"Hello!?", "Is that you?"}},
	{"30 question mark and exclamation point", "Hello?! Is that you?", []string{"Hello?!", "Is that you?"}},
	{"31 list with period and parens, no final period", "1.) The first item 2.) The second item", []string{"1.) The first item", "2.) The second item"}},
	{"32 list with period and parens, final period", "1.) The first item. 2.) The second item.", []string{"1.) The first item.", "2.) The second item."}},
	{"33 list with parens, no final period", "1) The first item 2) The second item", []string{"1) The first item", "2) The second item"}},
	{"34 list with parens, final period", "1) The first item. 2) The second item.", []string{"1) The first item.", "2) The second item."}},
	{"35 list with period, no final period", "1. The first item 2. The second item", []string{"1. The first item", "2. The second item"}},
	{"36 list with period, final period", "1. The first item. 2. The second item.", []string{"1. The first item.", "2. The second item."}},
	{"37 list with bullet", "• 9. The first item • 10. The second item", []string{"• 9. The first item", "• 10. The second item"}},
	{"38 list with hyphen bullet", "⁃9. The first item ⁃10. The second item", []string{"⁃9. The first item", "⁃10. The second item"}},
	{"39 alphabetical list", "a. The first item b. The second item c. The third list item", []string{"a. The first item", "b. The second item", "c. The third list item"}},
	{"40 errant newline (PDF)", "This is a sentence\ncut off in the middle because pdf.", []string{"This is a sentence cut off in the middle because pdf."}},
	{"41 errant newline", "It was a cold \nnight in the city.", []string{"It was a cold night in the city."}},
	{"42 lower case list separated by newline", "features\ncontact manager\nevents, activities\n", []string{"features", "contact manager", "events, activities"}},
	{"43 geo coordinates", "You can find it at N°. 1026.253.553. That is where the treasure is.", []string{"You can find it at N°. 1026.253.553.", "That is where the treasure is."}},
	{"44 named entity with exclamation point", "She works at Yahoo! in the accounting department.", []string{"She works at Yahoo! in the accounting department."}},
	{"45 I as boundary and as abbreviation", "We make a good team, you and I. Did you see Albert I. Jones yesterday?", []string{"We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"}},
	{"46 ellipsis at end of quotation", "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”", []string{"Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"}},
	{"47 ellipsis with square brackets", `"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).`, []string{`"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).`}},
	{"48 ellipsis as boundary (standard)", "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.", []string{"If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .", "Next sentence."}},
	{"49 ellipsis as boundary (non-standard)", "I never meant that.... She left the store.", []string{"I never meant that....", "She left the store."}},
	{"50 ellipsis as non boundary", "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.", []string{"I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."}},
	{"51 4-dot ellipsis", "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .", []string{"One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.", ". . . The practice was not abandoned. . . ."}},
	{"52 no white space between sentences", "Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.", []string{"Hello world.", "Today is Tuesday.", "Mr. Smith went to the store and bought 1,000.", "That is a lot."}},
}

// TestGoldenRules requires at least 50 of the 52 rules to pass. Each text
// is one paragraph. Rule 42 contradicts rule 40 for a segmenter of
// hard-wrapped text (both are lines without final punctuation), and rule
// 18 needs "a.m. Mr." and "P.M. Mr." told apart, which no general rule
// does; those are the two expected failures.
func TestGoldenRules(t *testing.T) {
	if len(goldenRules) != 52 {
		t.Fatalf("%d rules, want 52", len(goldenRules))
	}
	passed := 0
	for _, tt := range goldenRules {
		var got []string
		for _, s := range texts(annotate(t, tt.in)) {
			got = append(got, strings.Join(strings.Fields(s), " "))
		}
		if slices.Equal(got, tt.want) {
			passed++
		} else {
			t.Logf("fails %s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	t.Logf("%d of %d golden rules pass", passed, len(goldenRules))
	if passed < 50 {
		t.Errorf("%d of %d golden rules pass, want at least 50", passed, len(goldenRules))
	}
}
