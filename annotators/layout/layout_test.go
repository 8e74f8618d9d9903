package layout_test

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

func TestAnnotate(t *testing.T) {
	tests := []struct {
		name                              string
		in                                string
		paragraphs, pageBreaks, footnotes []string
	}{
		{
			name: "one-line headings",
			in: "Rivers of the northern plain\n" +
				"The northern plain is drained by three large rivers, each of\n" +
				"which floods in spring when the snow melts on the hills. The\n" +
				"water is held back by small weirs and used for irrigation.\n" +
				"\n" +
				"The largest of them carries more silt than the others, and\n" +
				"its delta grows by several metres in an average year.\n" +
				"\n" +
				"Climate\n" +
				"\n" +
				"Winters are long and dry, and the summer rains arrive late,\n" +
				"so that most of the harvest depends on the stored water.\n",
			paragraphs: []string{
				`0:28 "Rivers of the northern plain" kind=heading`,
				`29:209 "The northern plain is drained by three large rivers, each of\nwhich floods in spring when the snow melts on the hills. The\nwater is held back by small weirs and used for irrigation." kind=body`,
				`211:323 "The largest of them carries more silt than the others, and\nits delta grows by several metres in an average year." kind=body`,
				`325:332 "Climate" kind=heading`,
				`334:450 "Winters are long and dry, and the summer rains arrive late,\nso that most of the harvest depends on the stored water." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "two-line headings",
			in: "The old road followed the river for most of its length, and\n" +
				"the villages grew up along it wherever a ford could be used.\n" +
				"Few of them are larger today than they were in the past.4\n" +
				"Trade routes and the search for\n" +
				"new markets\n" +
				"Merchants from the coast travelled inland every autumn with\n" +
				"salt and cloth, and they came back with wool and hides.\n" +
				"\n" +
				"Ports of the eastern coast and the\n" +
				"hinterland\n" +
				"\n" +
				"The eastern ports were small, but they were sheltered from\n" +
				"the winter storms that closed the northern harbours.\n",
			paragraphs: []string{
				`0:178 "The old road followed the river for most of its length, and\nthe villages grew up along it wherever a ford could be used.\nFew of them are larger today than they were in the past.4" kind=body`,
				`179:222 "Trade routes and the search for\nnew markets" kind=heading`,
				`223:338 "Merchants from the coast travelled inland every autumn with\nsalt and cloth, and they came back with wool and hides." kind=body`,
				`340:385 "Ports of the eastern coast and the\nhinterland" kind=heading`,
				`387:498 "The eastern ports were small, but they were sheltered from\nthe winter storms that closed the northern harbours." kind=body`,
			},
			pageBreaks: nil,
			footnotes: []string{
				`177:178 "4" number=4`,
			},
		},
		{
			name: "lower-case second line",
			in: "The survey of the upper valley took four summers to finish,\n" +
				"and its maps were used by every expedition that came later.\n" +
				"Methods of measurement in the survey\n" +
				"teams\n" +
				"Each team carried a chain, a compass and a small theodolite,\n" +
				"and it recorded every bearing twice to catch its own errors.\n",
			paragraphs: []string{
				`0:119 "The survey of the upper valley took four summers to finish,\nand its maps were used by every expedition that came later." kind=body`,
				`120:162 "Methods of measurement in the survey\nteams" kind=heading`,
				`163:284 "Each team carried a chain, a compass and a small theodolite,\nand it recorded every bearing twice to catch its own errors." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "not headings",
			in: "The council met in the spring of that year and agreed to\n" +
				"build the new hall. The report put it plainly in one line:\n" +
				"‘Nothing will change until the money is found.’ The debate\n" +
				"went on until late in the evening, and the vote was close.\n" +
				"\n" +
				"The hall was opened by the mayor and the Bishop of the\n" +
				"Northern Isles in a ceremony that lasted most of the day.\n" +
				"\n" +
				"Later, when the roof leaked, the builders were called back,\n" +
				"but the firm had closed and its owner had left for the Cape\n" +
				"Colony, where he worked as a surveyor for many years.\n" +
				"\n" +
				"Thank you for reading\n",
			paragraphs: []string{
				`0:237 "The council met in the spring of that year and agreed to\nbuild the new hall. The report put it plainly in one line:\n‘Nothing will change until the money is found.’ The debate\nwent on until late in the evening, and the vote was close." kind=body`,
				`239:351 "The hall was opened by the mayor and the Bishop of the\nNorthern Isles in a ceremony that lasted most of the day." kind=body`,
				`353:526 "Later, when the roof leaked, the builders were called back,\nbut the firm had closed and its owner had left for the Cape\nColony, where he worked as a surveyor for many years." kind=body`,
				`528:549 "Thank you for reading" kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "page breaks",
			in: "The harbour was rebuilt after the great storm of that winter,\n" +
				"and the new quays were much wider than the old ones. Ships\n" +
				" of deeper draught could now berth at any tide, which soon\n" +
				"brought trade back to the town and its market.\n" +
				"\n" +
				"Fishing boats moved to the inner basin, where the water was\n" +
				"calm.\n" +
				" The council then turned to the roads. A new bridge was\n" +
				"planned across the estuary, although money for it was short.5\n" +
				" Bridges and tolls\n" +
				"The bridge opened in the autumn, and a small toll was taken\n" +
				"from every cart that crossed it during the first ten years.\n",
			paragraphs: []string{
				`0:226 "The harbour was rebuilt after the great storm of that winter,\nand the new quays were much wider than the old ones. Ships\n of deeper draught could now berth at any tide, which soon\nbrought trade back to the town and its market." kind=body`,
				`228:293 "Fishing boats moved to the inner basin, where the water was\ncalm." kind=body`,
				`295:411 "The council then turned to the roads. A new bridge was\nplanned across the estuary, although money for it was short.5" kind=body`,
				`413:430 "Bridges and tolls" kind=heading`,
				`431:550 "The bridge opened in the autumn, and a small toll was taken\nfrom every cart that crossed it during the first ten years." kind=body`,
			},
			pageBreaks: []string{
				`121:122 " "`,
				`294:295 " "`,
				`412:413 " "`,
			},
			footnotes: []string{
				`410:411 "5" number=5`,
			},
		},
		{
			name: "form feed",
			in: "The first page ends with this sentence, which is not short\n" +
				"at all.\n" +
				"\fThe second page starts here, with a new paragraph that is\n" +
				"wrapped over two lines of the same width as the others.\n",
			paragraphs: []string{
				`0:66 "The first page ends with this sentence, which is not short\nat all." kind=body`,
				`68:181 "The second page starts here, with a new paragraph that is\nwrapped over two lines of the same width as the others." kind=body`,
			},
			pageBreaks: []string{
				`67:68 "\f"`,
			},
			footnotes: nil,
		},
		{
			name: "indentation is not a page break",
			in: "The poem was printed with every line set in by one space:\n" +
				"\n" +
				" The wind is in the willows\n" +
				" and the water in the weir\n" +
				"\n" +
				"and the editor kept that layout, with  two spaces here and\n" +
				"    four at the start of this line, in the second edition.\n",
			paragraphs: []string{
				`0:57 "The poem was printed with every line set in by one space:" kind=body`,
				`60:113 "The wind is in the willows\n and the water in the weir" kind=block_quote`,
				`115:232 "and the editor kept that layout, with  two spaces here and\n    four at the start of this line, in the second edition." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "paragraph indentation habit",
			in: " The first paragraph is indented by a single space, as\n" +
				"some word processors do when they export plain text.\n" +
				"\n" +
				" The second paragraph is indented in the same way, and so\n" +
				"is every paragraph that follows it in the document.\n" +
				"\n" +
				" The third paragraph makes the habit clear, which is why\n" +
				"none of these spaces can be taken for a new page.\n",
			paragraphs: []string{
				`1:107 "The first paragraph is indented by a single space, as\nsome word processors do when they export plain text." kind=body`,
				`110:218 "The second paragraph is indented in the same way, and so\nis every paragraph that follows it in the document." kind=body`,
				`221:326 "The third paragraph makes the habit clear, which is why\nnone of these spaces can be taken for a new page." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "footnotes",
			in: "This was first noted by early travellers.1 Later surveys\n" +
				"agreed,2  and the last called it ‘a lasting task.’3 Its\n" +
				"members.4 In the U.S.5 the view was shared (as reported)6\n" +
				"and it spread to the periphery7 within a decade.\n",
			paragraphs: []string{
				`0:223 "This was first noted by early travellers.1 Later surveys\nagreed,2  and the last called it ‘a lasting task.’3 Its\nmembers.4 In the U.S.5 the view was shared (as reported)6\nand it spread to the periphery7 within a decade." kind=body`,
			},
			pageBreaks: nil,
			footnotes: []string{
				`41:42 "1" number=1`,
				`64:65 "2" number=2`,
				`111:112 "3" number=3`,
				`125:126 "4" number=4`,
				`138:139 "5" number=5`,
				`173:174 "6" number=6`,
				`205:206 "7" number=7`,
			},
		},
		{
			name: "not footnotes",
			in: "The road is 3000 km long and was finished in 2006. Output\n" +
				"rose by 1.5 per cent under version 2.0 of the plan, as\n" +
				"Article 5. states; see pp. 12 and section 3.2 of it, No.4\n" +
				"and Annex A.1 on CO2 and the G20 talks, at a ratio of 3:2,\n" +
				"with 1,000 cases and a record 14 799 in the year 2006.\n",
			paragraphs: []string{
				`0:284 "The road is 3000 km long and was finished in 2006. Output\nrose by 1.5 per cent under version 2.0 of the plan, as\nArticle 5. states; see pp. 12 and section 3.2 of it, No.4\nand Annex A.1 on CO2 and the G20 talks, at a ratio of 3:2,\nwith 1,000 cases and a record 14 799 in the year 2006." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "page number glued",
			in: "The first claim is well known.1 The second is also known.2\n" +
				"The third was seen by many.112 The fourth was heard by few.3\n",
			paragraphs: []string{
				`0:119 "The first claim is well known.1 The second is also known.2\nThe third was seen by many.112 The fourth was heard by few.3" kind=body`,
			},
			pageBreaks: nil,
			footnotes: []string{
				`30:31 "1" number=1`,
				`57:58 "2" number=2`,
				`118:119 "3" number=3`,
			},
		},
		{
			name: "block quotes",
			in: "The minister closed the debate with a short warning:\n" +
				"\n" +
				"we cannot ask the farmers to carry the whole cost of the\n" +
				"new dams, nor can we leave the towns without any water in\n" +
				"a dry year.1\n" +
				"\n" +
				"The committee agreed with her. Its report pointed out that\n" +
				"\n" +
				"the level of the lake has fallen in each of the last ten\n" +
				"summers, and the fall is faster than any model predicts.\n" +
				"\n" +
				"As the engineer wrote in her diary on the night of the flood:\n" +
				"\n" +
				"The water came faster than we had feared, and by noon the\n" +
				"whole of the lower town was under two metres of water.2\n" +
				"\n" +
				"In the words of its charter, the council exists\n" +
				"\n" +
				"to keep the river clean and the roads open for all of\n" +
				"those who live along them.3\n",
			paragraphs: []string{
				`0:52 "The minister closed the debate with a short warning:" kind=body`,
				`54:181 "we cannot ask the farmers to carry the whole cost of the\nnew dams, nor can we leave the towns without any water in\na dry year.1" kind=block_quote`,
				`183:241 "The committee agreed with her. Its report pointed out that" kind=body`,
				`243:356 "the level of the lake has fallen in each of the last ten\nsummers, and the fall is faster than any model predicts." kind=block_quote`,
				`358:419 "As the engineer wrote in her diary on the night of the flood:" kind=body`,
				`421:534 "The water came faster than we had feared, and by noon the\nwhole of the lower town was under two metres of water.2" kind=block_quote`,
				`536:583 "In the words of its charter, the council exists" kind=body`,
				`585:666 "to keep the river clean and the roads open for all of\nthose who live along them.3" kind=block_quote`,
			},
			pageBreaks: nil,
			footnotes: []string{
				`180:181 "1" number=1`,
				`533:534 "2" number=2`,
				`665:666 "3" number=3`,
			},
		},
		{
			name: "not block quotes",
			in: "The plan that the council adopted had three parts:\n" +
				"\n" +
				"a. raising the wall of the old dam by two metres;\n" +
				"b. building a canal to the western fields; and\n" +
				"c. paying the farmers for the land that they lose.\n" +
				"\n" +
				"The result of the vote, when it came, was very clear:\n" +
				"\n" +
				"The town voted for the dam by a wide margin, and the work\n" +
				"began in the following spring.\n" +
				"\n" +
				"The mayor spoke last. He said:\n" +
				"‘We will build it whatever the cost.’ The vote followed.\n" +
				"\n" +
				"After the vote the council decided to\n" +
				"\n" +
				"build the new bridge in stone rather than wood, which cost\n" +
				"more but would last far longer.\n",
			paragraphs: []string{
				`0:50 "The plan that the council adopted had three parts:" kind=body`,
				`52:199 "a. raising the wall of the old dam by two metres;\nb. building a canal to the western fields; and\nc. paying the farmers for the land that they lose." kind=body`,
				`201:254 "The result of the vote, when it came, was very clear:" kind=body`,
				`256:344 "The town voted for the dam by a wide margin, and the work\nbegan in the following spring." kind=body`,
				`346:437 "The mayor spoke last. He said:\n‘We will build it whatever the cost.’ The vote followed." kind=body`,
				`439:476 "After the vote the council decided to" kind=body`,
				`478:568 "build the new bridge in stone rather than wood, which cost\nmore but would last far longer." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "CRLF",
			in: "Notes on the text\r\n" +
				"The text was set from the first edition, with its spelling.\r\n" +
				"\r\n" +
				"A second paragraph ends here.\r\n",
			paragraphs: []string{
				`0:17 "Notes on the text" kind=heading`,
				`19:78 "The text was set from the first edition, with its spelling." kind=body`,
				`82:111 "A second paragraph ends here." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "CR",
			in:   "Notes on the text\rThe text was set from the first edition, with its spelling.\r\rA second paragraph ends here.\r",
			paragraphs: []string{
				`0:17 "Notes on the text" kind=heading`,
				`18:77 "The text was set from the first edition, with its spelling." kind=body`,
				`79:108 "A second paragraph ends here." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "BOM",
			in: "\ufeffA short note.\n" +
				"\n" +
				"A second note.\n",
			paragraphs: []string{
				`3:16 "A short note." kind=body`,
				`18:32 "A second note." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "blank lines with spaces",
			in: "First paragraph, one line.\n" +
				" \t \n" +
				"Second paragraph.\n",
			paragraphs: []string{
				`0:26 "First paragraph, one line." kind=body`,
				`31:48 "Second paragraph." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name:       "empty",
			in:         "",
			paragraphs: nil,
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "white space only",
			in: " \n" +
				"\t\r\n" +
				"  \n" +
				" ",
			paragraphs: nil,
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "numbered and title-case headings",
			in: "1. Introduction\n" +
				"The survey was carried out over four summers by two teams,\n" +
				"each of which worked in a different part of the valley.\n" +
				"\n" +
				"3.2 Results of the second survey\n" +
				"The second survey found more settlements than the first, and\n" +
				"most of them lay on the higher ground away from the river.\n" +
				"\n" +
				"Economic Development and\n" +
				"Regional Security\n" +
				"Trade grew quickly once the new road had been opened, and it\n" +
				"brought more traffic than the old bridge could carry.\n",
			paragraphs: []string{
				`0:15 "1. Introduction" kind=heading`,
				`16:130 "The survey was carried out over four summers by two teams,\neach of which worked in a different part of the valley." kind=body`,
				`132:164 "3.2 Results of the second survey" kind=heading`,
				`165:284 "The second survey found more settlements than the first, and\nmost of them lay on the higher ground away from the river." kind=body`,
				`286:328 "Economic Development and\nRegional Security" kind=heading`,
				`329:443 "Trade grew quickly once the new road had been opened, and it\nbrought more traffic than the old bridge could carry." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
		{
			name: "ragged right",
			in: "The inspectors took samples from every well in the district,\n" +
				"and they sent them to the laboratory in the capital. Tests\n" +
				"showed that the water was clean and safe.\n" +
				"Contamination-related illnesses had fallen by half since the\n" +
				"new pumps were fitted in the spring of the previous year.\n",
			paragraphs: []string{
				`0:280 "The inspectors took samples from every well in the district,\nand they sent them to the laboratory in the capital. Tests\nshowed that the water was clean and safe.\nContamination-related illnesses had fallen by half since the\nnew pumps were fitted in the spring of the previous year." kind=body`,
			},
			pageBreaks: nil,
			footnotes:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := pipelinetest.Annotate(t, tt.in, layout.Annotator{})
			check := func(layer string, got, want []string) {
				t.Helper()
				if !slices.Equal(got, want) {
					t.Errorf("%s:\ngot  %q\nwant %q", layer, got, want)
				}
			}
			check("paragraphs", pipelinetest.Lines(doc, layout.Paragraphs), tt.paragraphs)
			check("page_breaks", pipelinetest.Lines(doc, layout.PageBreaks), tt.pageBreaks)
			check("footnote_refs", pipelinetest.Lines(doc, layout.FootnoteRefs), tt.footnotes)
		})
	}
}

func TestHugeLine(t *testing.T) {
	in := strings.Repeat("All work and no play makes a dull day. ", 100000)
	doc := pipelinetest.Annotate(t, in, layout.Annotator{})
	got := layout.Paragraphs.Get(doc)
	if len(got) != 1 || got[0].Start != 0 || got[0].End != len(in)-1 || got[0].Kind != layout.Body {
		t.Errorf("got %d paragraphs, first %+v; want one body paragraph 0:%d", len(got), got[0], len(in)-1)
	}
	if n := len(layout.PageBreaks.Get(doc)) + len(layout.FootnoteRefs.Get(doc)); n != 0 {
		t.Errorf("got %d page breaks and footnote refs, want none", n)
	}
}

// TestOddInput runs inputs made to trip the line and number scanners; the
// pipeline checks every span, so reaching the end without error is the
// test.
func TestOddInput(t *testing.T) {
	for _, in := range []string{
		"\n", "\r", "\r\n\r\n", " ", "\f", "\ufeff", "\ufeff ", "\ufeff\n \n",
		"1", ".1", "a.1", "’1", "(1)", "x.1\n", " .1 ", "A:\n\nb\n", "a.\n b\n c\n d\n",
		" A\n\n B\n\n C\n", " \n \n \n", "\t\f\v", "Heading\n", "Heading\n\nbody\n",
		"‘’”“…–—\n‘’", "Word1 word2 word3", "é.1 ü,2 ß;3\n",
	} {
		pipelinetest.Annotate(t, in, layout.Annotator{})
	}
}

// TestEssay checks the layout of the bundled essay against what was read
// off the text by hand.
func TestEssay(t *testing.T) {
	b, err := os.ReadFile("../../corpus/sco-essay.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	doc := pipelinetest.Annotate(t, text, layout.Annotator{})

	var headings, quotes []string
	paras := layout.Paragraphs.Get(doc)
	for _, p := range paras {
		switch p.Kind {
		case layout.Heading:
			headings = append(headings, text[p.Start:p.End])
		case layout.BlockQuote:
			quotes = append(quotes, text[p.Start:p.Start+20])
		}
	}
	wantHeadings := []string{
		"Achievements in maintaining security in the heart of Eurasia",
		"Economic and cultural development: a solid basis for\nsecurity cooperation",
		"Response to new challenges",
		"Strategic significance of the SCO for the security\narchitecture of Asia",
		"Looking ahead: big tasks and a long journey",
		"Conclusion",
	}
	if !slices.Equal(headings, wantHeadings) {
		t.Errorf("headings:\ngot  %q\nwant %q", headings, wantHeadings)
	}
	wantQuotes := []string{"maintaining a sustai", "SCO members all have", "Today we are noticin"}
	if !slices.Equal(quotes, wantQuotes) {
		t.Errorf("block quotes:\ngot  %q\nwant %q", quotes, wantQuotes)
	}
	// 33 blocks between blank lines; 7 split between a heading and its
	// body (the "Strategic significance" heading splits its block twice)
	// and 2 where a paragraph break was lost at a page break.
	if len(paras) != 42 {
		t.Errorf("got %d paragraphs, want 42", len(paras))
	}

	// Page breaks, by the line (counting from 1) whose first byte they are.
	var lines []int
	for _, pb := range layout.PageBreaks.Get(doc) {
		if pb.End != pb.Start+1 || text[pb.Start] != ' ' || pb.Start > 0 && text[pb.Start-1] != '\n' {
			t.Errorf("page break %d:%d is not a space at a line start", pb.Start, pb.End)
		}
		lines = append(lines, strings.Count(text[:pb.Start], "\n")+1)
	}
	wantLines := []int{1, 33, 78, 122, 167, 207, 251, 294, 337, 381, 408}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("page breaks on lines %v, want %v", lines, wantLines)
	}

	// Footnote refs, each with the text before it up to the last space.
	var refs []string
	for i, r := range layout.FootnoteRefs.Get(doc) {
		if r.Number != i+1 {
			t.Errorf("footnote ref %d has number %d", i+1, r.Number)
		}
		refs = append(refs, text[strings.LastIndexAny(text[:r.Start], " \n")+1:r.End])
	}
	wantRefs := []string{
		"periphery.1", "cooperation,2", "framework.3", "SCO.4", "task.’5",
		"organisation.6", "states.7", "SCO.’8", "framework.9", "members.10",
	}
	if !slices.Equal(refs, wantRefs) {
		t.Errorf("footnote refs:\ngot  %q\nwant %q", refs, wantRefs)
	}
}

// TestConcurrent annotates the essay from several goroutines at once; run
// with -race it shows the annotator keeps no shared per-document state.
func TestConcurrent(t *testing.T) {
	b, err := os.ReadFile("../../corpus/sco-essay.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := pipelinetest.Lines(pipelinetest.Annotate(t, string(b), layout.Annotator{}), layout.Paragraphs)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			doc := pipelinetest.Annotate(t, string(b), layout.Annotator{})
			if got := pipelinetest.Lines(doc, layout.Paragraphs); !slices.Equal(got, want) {
				t.Errorf("paragraphs differ between runs")
			}
		})
	}
	wg.Wait()
}
