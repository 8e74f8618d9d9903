package enumerations_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gloss-nlp/gloss/annotators/enumerations"
	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

func stages() []pipeline.Annotator {
	return []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, enumerations.Annotator{}}
}

// show prints an enumeration compactly: its style, announced count,
// mismatch flag, intro, then "| marker text" per item, with line breaks
// shown as ⏎.
func show(doc *pipeline.Document, e enumerations.Enumeration) string {
	var b strings.Builder
	b.WriteString(e.Style)
	if e.Announced > 0 {
		fmt.Fprintf(&b, " announced=%d", e.Announced)
	}
	if e.CountMismatch {
		b.WriteString(" mismatch")
	}
	if e.Intro != nil {
		fmt.Fprintf(&b, " intro=%q", doc.Text[e.Intro.Start:e.Intro.End])
	}
	for _, it := range e.Items {
		fmt.Fprintf(&b, " | %s %s", it.Marker, it.Text)
	}
	return strings.ReplaceAll(b.String(), "\n", "⏎")
}

func annotate(t testing.TB, text string) []string {
	t.Helper()
	doc := pipelinetest.Annotate(t, text, stages()...)
	var got []string
	for _, e := range enumerations.Layer.Get(doc) {
		got = append(got, show(doc, e))
		for _, it := range e.Items {
			if text[it.Start:it.End] != it.Text || text[it.MarkerStart:it.MarkerStart+len(it.Marker)] != it.Marker || !utf8.ValidString(it.Text) {
				t.Errorf("item %q does not match the text at %d:%d", it.Text, it.Start, it.End)
			}
		}
	}
	return got
}

var tests = []struct {
	name string
	in   string
	want []string
}{
	{"report letters", "The board adopted the following measures:\n\na. raising the fee;\nb. hiring two clerks; and\nc. closing the annex.\n\nThe meeting ended.",
		[]string{`letter intro="The board adopted the following measures" | a. raising the fee | b. hiring two clerks | c. closing the annex`}},
	{"legislation parens", "(1) A licence may be revoked where the holder—\n(a) fails to pay the fee;\n(b) breaches a condition; or\n(c) ceases to trade.\n",
		[]string{`letter intro="A licence may be revoked where the holder" | (a) fails to pay the fee | (b) breaches a condition | (c) ceases to trade`}},
	{"minutes numbered announced", "The committee agreed three actions:\n1. Circulate the draft budget.\n2. Invite the auditors.\n3. Fix the next meeting date.\n",
		[]string{`number announced=3 intro="The committee agreed three actions" | 1. Circulate the draft budget | 2. Invite the auditors | 3. Fix the next meeting date`}},
	{"mismatch", "The report makes four recommendations:\n1. Fund the clinics.\n2. Train more nurses.\n3. Publish waiting times.\n",
		[]string{`number announced=4 mismatch intro="The report makes four recommendations" | 1. Fund the clinics | 2. Train more nurses | 3. Publish waiting times`}},
	{"items open with a curly quote", "The panel heard three claims:\n1. “Fees rose” said the tenants.\n2. “Repairs lag” said the union.\n3. Ésta es la última.\n",
		[]string{`number announced=3 intro="The panel heard three claims" | 1. “Fees rose” said the tenants | 2. “Repairs lag” said the union | 3. Ésta es la última`}},
	{"numbered clause before a sub-list, quoted", "(1) “The holder” means the person who—\n(a) owns the land; or\n(b) leases it.\n",
		[]string{`letter intro="“The holder” means the person who" | (a) owns the land | (b) leases it`}},
	{"number rparen", "Steps to follow:\n1) unplug the unit\n2) remove the cover\n",
		[]string{`number intro="Steps to follow" | 1) unplug the unit | 2) remove the cover`}},
	{"roman dot", "The treaty has two aims:\ni. to end the war;\nii. to fix the border.\n",
		[]string{`roman announced=2 intro="The treaty has two aims" | i. to end the war | ii. to fix the border`}},
	{"roman inline", "The Minister may (i) issue a licence; (ii) refuse it; or (iii) defer the decision. Appeals go to the court.",
		[]string{`roman | (i) issue a licence | (ii) refuse it | (iii) defer the decision`}},
	{"letter i after h", "Items:\na. one pen\nb. two pens\nc. ink\nd. paper\ne. glue\nf. tape\ng. pins\nh. clips\ni. chalk\nj. string\n",
		[]string{`letter intro="Items" | a. one pen | b. two pens | c. ink | d. paper | e. glue | f. tape | g. pins | h. clips | i. chalk | j. string`}},
	{"bullets", "Highlights of the quarter:\n• revenue rose\n• costs fell\n• margins widened\n\nOutlook is stable.",
		[]string{`bullet intro="Highlights of the quarter" | • revenue rose | • costs fell | • margins widened`}},
	{"hyphen bullets", "Attendees:\n- J. Smith (chair)\n- A. Jones\n- P. Brown\n",
		[]string{`bullet intro="Attendees" | - J. Smith (chair) | - A. Jones | - P. Brown`}},
	{"asterisk bullets", "Known issues:\n* login fails on Safari\n* export is slow\n",
		[]string{`bullet intro="Known issues" | * login fails on Safari | * export is slow`}},
	{"en dash bullets", "Apologies were received from:\n– the treasurer;\n– the secretary.\n",
		[]string{`bullet intro="Apologies were received from" | – the treasurer | – the secretary`}},
	{"ordinal paragraphs", "The review found two problems.\n\nFirst, the data were old. Many files dated from 1990.\n\nSecond, staff lacked training.\n\nThe board agreed.",
		[]string{`ordinal announced=2 intro="The review found two problems" | First, the data were old. Many files dated from 1990 | Second, staff lacked training`}},
	{"ordinal inline", "Critics raise several objections. Firstly, the plan is costly. Secondly, it is slow. Thirdly, nobody asked the residents.",
		[]string{`ordinal intro="Critics raise several objections" | Firstly, the plan is costly | Secondly, it is slow | Thirdly, nobody asked the residents`}},
	{"ordinal finally", "First, wash the rice. Second, soak it for an hour. Finally, steam it.",
		[]string{`ordinal | First, wash the rice | Second, soak it for an hour | Finally, steam it`}},
	{"the first is", "There are two reasons for the delay. The first is the weather. The second reason is a strike at the port.",
		[]string{`ordinal announced=2 intro="There are two reasons for the delay" | The first is the weather | The second reason is a strike at the port`}},
	{"lowercase after colon", "The plan has three aims: first, to cut costs; second, to raise quality; and third, to expand trade. It was approved.",
		[]string{`ordinal announced=3 intro="The plan has three aims" | first, to cut costs | second, to raise quality | and third, to expand trade`}},
	{"inline paren numbers", "Police said three things happened: (1) a car was stolen; (2) a shop was burgled; and (3) a man was arrested. No one was hurt.",
		[]string{`paren-number announced=3 intro="Police said three things happened" | (1) a car was stolen | (2) a shop was burgled | (3) a man was arrested`}},
	{"inline letters rparen", "Applicants must a) hold a degree, b) speak French and c) pass a test. Late forms are refused.",
		[]string{`letter | a) hold a degree | b) speak French and | c) pass a test`}},
	{"wrapped items", "The council resolved to:\na. repair the bridge over the river\nbefore the winter floods;\nb. close the old road until the\nrepairs are done.\n",
		[]string{`letter intro="The council resolved to" | a. repair the bridge over the river⏎before the winter floods | b. close the old road until the⏎repairs are done`}},
	{"blank lines between", "Actions:\n\n1. Draft the letter.\n\n2. Send it.\n\nAny other business: none.",
		[]string{`number intro="Actions" | 1. Draft the letter | 2. Send it`}},
	{"nested", "Duties:\n1. Keep records:\n(a) of sales;\n(b) of stock.\n2. File returns.\n",
		[]string{`number intro="Duties" | 1. Keep records:⏎(a) of sales;⏎(b) of stock | 2. File returns`,
			`letter intro="Keep records" | (a) of sales | (b) of stock`}},
	{"two lists", "Morning:\n1. Run.\n2. Eat.\nEvening:\n1. Read.\n2. Sleep.\n",
		[]string{`number intro="Morning" | 1. Run | 2. Eat`, `number intro="Evening" | 1. Read | 2. Sleep`}},
	{"announced after time noun", "In the past three years we met two targets:\n- lower debt\n- higher sales\n",
		[]string{`bullet announced=2 intro="In the past three years we met two targets" | - lower debt | - higher sales`}},
	{"several no count", "Several options were discussed:\n- sell the site\n- lease it\n",
		[]string{`bullet intro="Several options were discussed" | - sell the site | - lease it`}},
	{"no intro", "Meeting notes\n\n- budget approved\n- hiring frozen\n",
		[]string{`bullet | - budget approved | - hiring frozen`}},

	{"lone first", "First, we thank the hosts. The talks went well.", nil},
	{"skipped ordinal", "First, the rain came. Third, the river rose.", nil},
	{"first not at sentence start", "It was the first, and the last, time we met. Second, it rained.", nil},
	{"names not markers", "He chose Plan B. The attack began in World War\nI. It failed. Article 5. Article 6 applies.", nil},
	{"paragraph references", "The fee is set out in paragraph (a) or (b) of this section.", nil},
	{"decimal at line start", "Sales rose by\n1.5 million units and then by\n2.5 million.", nil},
	{"years at line start", "Key dates follow.\n2005. The office opened.\n2006. It closed.", nil},
	{"wrapped dashes", "The border\n– a long one – was closed, and the bridge\n– an old one – was too.", nil},
	{"single bullet", "Note:\n- one thing only.\n", nil},
	{"letters not consecutive", "Options:\na. stay\nc. go\n", nil},
}

func TestEnumerations(t *testing.T) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := annotate(t, tt.in)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestOddInput checks that fragments and odd characters neither panic nor
// yield spans the pipeline rejects.
func TestOddInput(t *testing.T) {
	for _, in := range []string{"", "a.", "a. ", "(", ")", "()", "(1)", "1)\n2)", "First,", "First, Second,", "The first is", "•\n•", "- \n- ", "a. x\nb.", "x:\n(i) a\n(ii)", "\n\n\n", " i. a\n ii. b", "First,\n\nSecond,"} {
		pipelinetest.Annotate(t, in, stages()...)
	}
}
