package dates

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

// run annotates text with the real upstream stages and a, and returns one
// line per expression: "text" TYPE value [mod].
func run(t testing.TB, text string, a Annotator) []string {
	t.Helper()
	doc := pipelinetest.Annotate(t, text, layout.Annotator{}, sentences.Annotator{}, a)
	return lines(doc)
}

func lines(doc *pipeline.Document) []string {
	var out []string
	for _, d := range Layer.Get(doc) {
		s := fmt.Sprintf("%q %s %s", d.Text, d.Type, d.Value)
		if d.Mod != "" {
			s += " " + d.Mod
		}
		out = append(out, s)
	}
	return out
}

func check(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// dateTests are sentences in the forms of news, essays and reports, each
// with every temporal expression it holds. No DCT is given, so relative
// expressions keep X unless an earlier date in the same text anchors them.
var dateTests = []struct {
	name, in string
	want     []string
}{
	// Calendar dates.
	{"day month year", "The treaty was signed on 15 June 2001 in Shanghai.", []string{`"15 June 2001" DATE 2001-06-15`}},
	{"month day year", "On June 15, 2001, leaders met in Shanghai.", []string{`"June 15, 2001" DATE 2001-06-15`}},
	{"month day year no comma", "The report is dated March 3 2004 and runs to ten pages.", []string{`"March 3 2004" DATE 2004-03-03`}},
	{"ordinal day", "Parliament sat on 15th June 2001.", []string{`"15th June 2001" DATE 2001-06-15`}},
	{"the ordinal of", "It happened on the 15th of June, 2001, at dawn.", []string{`"the 15th of June, 2001" DATE 2001-06-15`}},
	{"ordinal word of", "Polls open on the fifth of May.", []string{`"the fifth of May" DATE XXXX-05-05`}},
	{"month ordinal", "Results are due June 15th.", []string{`"June 15th" DATE XXXX-06-15`}},
	{"abbreviated month", "The attack of Sept. 11, 2001 changed policy.", []string{`"Sept. 11, 2001" DATE 2001-09-11`}},
	{"abbreviation no dot", "Filed Feb 3 2005 with the court.", []string{`"Feb 3 2005" DATE 2005-02-03`}},
	{"abbreviated month year", "Figures for Jan 2005 were revised.", []string{`"Jan 2005" DATE 2005-01`}},
	{"upper case month", "ISSUE OF AUGUST 2004", []string{`"AUGUST 2004" DATE 2004-08`}},
	{"day month no year", "Voting ends on 15 June.", []string{`"15 June" DATE XXXX-06-15`}},
	{"month day no year", "Voting ends on June 15.", []string{`"June 15" DATE XXXX-06-15`}},
	{"leap day", "The vote was held on 29 February 2004.", []string{`"29 February 2004" DATE 2004-02-29`}},
	{"not a leap year", "A notice dated 29 February 2005 is void.", []string{`"February 2005" DATE 2005-02`}},
	{"date as modifier", "the 11 September 2001 terrorist attacks on the United States", []string{`"11 September 2001" DATE 2001-09-11`}},
	{"weekday and date", "The vote took place on Monday, 15 June 2009, after a long debate.", []string{`"Monday, 15 June 2009" DATE 2009-06-15`}},
	{"weekday and US date", "It closed on Friday, June 12, 2009.", []string{`"Friday, June 12, 2009" DATE 2009-06-12`}},

	// Numeric dates.
	{"ISO", "The release of 2001-06-15 fixed the bug.", []string{`"2001-06-15" DATE 2001-06-15`}},
	{"ISO slashes", "Entry 2001/06/15 in the register.", []string{`"2001/06/15" DATE 2001-06-15`}},
	{"day first", "Received 15/06/2001 by the clerk.", []string{`"15/06/2001" DATE 2001-06-15`}},
	{"ambiguous is day first", "Received 05/06/2001 by the clerk.", []string{`"05/06/2001" DATE 2001-06-05`}},
	{"month first when day first is impossible", "Received 6/15/2001 by the clerk.", []string{`"6/15/2001" DATE 2001-06-15`}},
	{"two-digit year", "Postmarked 6/15/01 in Ohio.", []string{`"6/15/01" DATE 2001-06-15`}},
	{"two-digit year last century", "Born 3/4/67 in Leeds.", []string{`"3/4/67" DATE 1967-04-03`}},
	{"dotted", "Beschluss vom 15.06.2001 wurde verkündet.", []string{`"15.06.2001" DATE 2001-06-15`}},
	{"dashed", "Invoice 15-06-2001 is unpaid.", []string{`"15-06-2001" DATE 2001-06-15`}},
	{"ISO year month", "The 2005-03 figures were late.", []string{`"2005-03" DATE 2005-03`}},

	// Months, years, seasons.
	{"month year", "In June 2004 the summit opened in Tashkent.", []string{`"June 2004" DATE 2004-06`}},
	{"month of year", "By June of 2004 the deal was done.", []string{`"June of 2004" DATE 2004-06`}},
	{"month comma year", "In June, 2004, the deal was done.", []string{`"June, 2004" DATE 2004-06`}},
	{"month alone after in", "The vote is in June.", []string{`"June" DATE XXXX-06`}},
	{"month range", "The festival ran June–August 2004.", []string{`"June" DATE 2004-06`, `"August 2004" DATE 2004-08`}},
	{"between months", "Rain falls between June and August.", []string{`"June" DATE XXXX-06`, `"August" DATE XXXX-08`}},
	{"year", "The pipeline became operational in 2006.", []string{`"2006" DATE 2006`}},
	{"year at sentence start", "2005 was a difficult year for the region.", []string{`"2005" DATE 2005`}},
	{"year in parentheses", "Smith (2004) argues the opposite.", []string{`"2004" DATE 2004`}},
	{"year in a name", "the new surge of attacks following the 2003 Iraq War", []string{`"2003" DATE 2003`}},
	{"year before a proper noun", "At the 2006 SCO summit the members agreed.", []string{`"2006" DATE 2006`}},
	{"year before plural after the", "Turnout fell in the 2006 elections.", []string{`"2006" DATE 2006`}},
	{"possessive then year", "China’s 2006 budget was larger.", []string{`"2006" DATE 2006`}},
	{"year list", "Floods struck in 1996, 1997 and 1998.", []string{`"1996" DATE 1996`, `"1997" DATE 1997`, `"1998" DATE 1998`}},
	{"until year", "The ban lasted until 2001.", []string{`"2001" DATE 2001`}},
	{"by year", "Emissions must halve by 2030.", []string{`"2030" DATE 2030`}},
	{"year range en dash", "The war lasted 2001–2005.", []string{`"2001" DATE 2001`, `"2005" DATE 2005`}},
	{"year range hyphen", "Data for 1990-1995 are missing.", []string{`"1990" DATE 1990`, `"1995" DATE 1995`}},
	{"year range spaced", "the 1914 – 1918 war", []string{`"1914" DATE 1914`, `"1918" DATE 1918`}},
	{"year range short end", "the 1998-99 season", []string{`"1998" DATE 1998`, `"99" DATE 1999`}},
	{"year range short end en dash", "in 2001–05 the economy grew", []string{`"2001" DATE 2001`, `"05" DATE 2005`}},
	{"from to", "He served from 2001 to 2005.", []string{`"2001" DATE 2001`, `"2005" DATE 2005`}},
	{"between and", "Prices doubled between 1939 and 1945.", []string{`"1939" DATE 1939`, `"1945" DATE 1945`}},
	{"between and before a plural", "Between 2008 and 2015 rates stayed near zero.", []string{`"2008" DATE 2008`, `"2015" DATE 2015`}},
	{"year before a plural", "The budget was frozen at 1998 levels.", []string{`"1998" DATE 1998`}},
	{"day range", "The 15–17 June 2001 summit was decisive.", []string{`"15" DATE 2001-06-15`, `"17 June 2001" DATE 2001-06-17`}},
	{"US day range", "the conference held May 5–7, 2019", []string{`"May 5" DATE 2019-05-05`, `"7, 2019" DATE 2019-05-07`}},
	{"summer year", "The talks resumed in summer 2004.", []string{`"summer 2004" DATE 2004-SU`}},
	{"the summer of", "It was the summer of 2004.", []string{`"the summer of 2004" DATE 2004-SU`}},
	{"spring of", "Protests filled the streets in the spring of 1968.", []string{`"the spring of 1968" DATE 1968-SP`}},
	{"capitalised season", "Winter 2010 was harsh.", []string{`"Winter 2010" DATE 2010-WI`}},
	{"season alone", "Prices rise in the autumn.", []string{`"the autumn" DATE XXXX-FA`}},
	{"season no article", "Lambs are born in spring.", []string{`"spring" DATE XXXX-SP`}},
	{"fall with year", "Enrolment opens in fall 2007.", []string{`"fall 2007" DATE 2007-FA`}},

	// Decades and centuries.
	{"decade", "Growth slowed in the 1990s.", []string{`"the 1990s" DATE 199`}},
	{"decade apostrophe", "Growth slowed in the 1990’s.", []string{`"the 1990’s" DATE 199`}},
	{"decade short", "the music of the '60s", []string{`"the '60s" DATE 196`}},
	{"decade no apostrophe", "in the early 90s", []string{`"the early 90s" DATE 199 START`}},
	{"decade word", "the politics of the nineties", []string{`"the nineties" DATE 199`}},
	{"decade 2000s", "the boom of the 2000s", []string{`"the 2000s" DATE 200`}},
	{"century in digits", "the mills of the 1800s", []string{`"the 1800s" DATE 18`}},
	{"early decade", "in the early 2000s", []string{`"the early 2000s" DATE 200 START`}},
	{"mid decade", "by the mid-1990s", []string{`"the mid-1990s" DATE 199 MID`}},
	{"late decade", "during the late 1980s", []string{`"the late 1980s" DATE 198 END`}},
	{"two decades", "in the 1960s and 1970s", []string{`"the 1960s" DATE 196`, `"1970s" DATE 197`}},
	{"century words", "the first treaty of the twenty-first century", []string{`"the twenty-first century" DATE 20`}},
	{"century digits", "the 21st century", []string{`"the 21st century" DATE 20`}},
	{"late century", "in the late nineteenth century", []string{`"the late nineteenth century" DATE 18 END`}},
	{"early century", "the early twentieth century", []string{`"the early twentieth century" DATE 19 START`}},
	{"century adjective", "21st-century technology", []string{`"21st-century" DATE 20`}},

	// Durations.
	{"years", "The disputes were solved in six years.", []string{`"six years" DURATION P6Y`}},
	{"months", "The inquiry took three months.", []string{`"three months" DURATION P3M`}},
	{"digits", "a sentence of 12 years", []string{`"12 years" DURATION P12Y`}},
	{"compound number", "after twenty-three years in office", []string{`"twenty-three years" DURATION P23Y`}},
	{"compound number spaced", "thirty three years of exile", []string{`"thirty three years" DURATION P33Y`}},
	{"hundred", "one hundred years of solitude", []string{`"one hundred years" DURATION P100Y`}},
	{"hundred and", "a hundred and fifty years of rule", []string{`"a hundred and fifty years" DURATION P150Y`}},
	{"a decade", "It took a decade to build.", []string{`"a decade" DURATION P10Y`}},
	{"two decades", "two decades of war", []string{`"two decades" DURATION P20Y`}},
	{"a century", "a century of progress", []string{`"a century" DURATION P100Y`}},
	{"two centuries", "two centuries of rule", []string{`"two centuries" DURATION P200Y`}},
	{"centuries", "a border that bred conflict for centuries", []string{`"centuries" DURATION PXCE`}},
	{"decades", "decades of neglect", []string{`"decades" DURATION PXDE`}},
	{"for years", "They have waited for years.", []string{`"years" DURATION PXY`}},
	{"half a century", "half a century of peace", []string{`"half a century" DURATION P50Y`}},
	{"half an hour", "a wait of half an hour", []string{`"half an hour" DURATION PT30M`}},
	{"and a half", "two and a half years of talks", []string{`"two and a half years" DURATION P2.5Y`}},
	{"a year and a half", "a year and a half of talks", []string{`"a year and a half" DURATION P1.5Y`}},
	{"decimal", "a delay of 1.5 years", []string{`"1.5 years" DURATION P1.5Y`}},
	{"hours", "a 24 hours strike", []string{`"24 hours" DURATION PT24H`}},
	{"minutes", "The speech lasted 90 minutes.", []string{`"90 minutes" DURATION PT90M`}},
	{"minutes words", "forty-five minutes of questions", []string{`"forty-five minutes" DURATION PT45M`}},
	{"seconds", "It fell silent for 30 seconds.", []string{`"30 seconds" DURATION PT30S`}},
	{"fortnight", "He stayed a fortnight.", []string{`"a fortnight" DURATION P2W`}},
	{"weeks", "two weeks of rain", []string{`"two weeks" DURATION P2W`}},
	{"days", "The strike lasted ten days.", []string{`"ten days" DURATION P10D`}},
	{"a few", "a few years of calm", []string{`"a few years" DURATION PXY`}},
	{"several", "After several years of construction, it opened.", []string{`"several years" DURATION PXY`}},
	{"many", "many years of effort", []string{`"many years" DURATION PXY`}},
	{"a couple of", "a couple of weeks of rest", []string{`"a couple of weeks" DURATION P2W`}},
	{"a number of", "a number of years of exile", []string{`"a number of years" DURATION PXY`}},
	{"years old", "the SCO, barely eight years old, has embarked on a new course", []string{`"eight years old" DURATION P8Y`}},
	{"adjective 5-year", "to review the 5-year process", []string{`"5-year" DURATION P5Y`}},
	{"adjective 10-year", "the 10-year process following the initiation", []string{`"10-year" DURATION P10Y`}},
	{"adjective word", "a five-year plan", []string{`"five-year" DURATION P5Y`}},
	{"adjective days", "a three-day visit", []string{`"three-day" DURATION P3D`}},
	{"adjective months", "a six-month deadline", []string{`"six-month" DURATION P6M`}},
	{"adjective hours", "24-hour news", []string{`"24-hour" DURATION PT24H`}},
	{"year-old", "a 10-year-old boy", []string{`"10-year-old" DURATION P10Y`}},
	{"word year-old", "a ten-year-old girl", []string{`"ten-year-old" DURATION P10Y`}},
	{"year-long", "a year-long inquiry", []string{`"year-long" DURATION P1Y`}},
	{"century-old", "the century-old border problems", []string{`"century-old" DURATION P100Y`}},
	{"centuries-old", "centuries-old traditions", []string{`"centuries-old" DURATION PXCE`}},
	{"decades-long", "a decades-long conflict", []string{`"decades-long" DURATION PXDE`}},
	{"2000 years", "a history of 2000 years", []string{`"2000 years" DURATION P2000Y`}},
	{"the past few", "over the past few years", []string{`"the past few years" DURATION PXY`}},
	{"the past two decades", "in the past two decades", []string{`"the past two decades" DURATION P20Y`}},
	{"the next five years", "over the next five years", []string{`"the next five years" DURATION P5Y`}},
	{"the first six months", "in the first six months", []string{`"the first six months" DURATION P6M`}},
	{"the last decade", "during the last decade", []string{`"the last decade" DURATION P10Y`}},
	{"the past year", "Over the past year, prices rose.", []string{`"the past year" DURATION P1Y`}},

	// Mods.
	{"since", "Since 1996, the group has grown.", []string{`"Since 1996" DATE 1996 ON_OR_AFTER`}},
	{"since month", "Talks have stalled since March.", []string{`"since March" DATE XXXX-03 ON_OR_AFTER`}},
	{"before", "Few had heard of it before 2001.", []string{`"before 2001" DATE 2001 BEFORE`}},
	{"prior to", "prior to 1990 the border was closed", []string{`"prior to 1990" DATE 1990 BEFORE`}},
	{"after", "After 1945 the empire shrank.", []string{`"After 1945" DATE 1945 AFTER`}},
	{"pre-", "pre-2001 levels", []string{`"pre-2001" DATE 2001 BEFORE`}},
	{"post-", "the post-1945 order", []string{`"post-1945" DATE 1945 AFTER`}},
	{"circa", "built circa 1850", []string{`"circa 1850" DATE 1850 APPROX`}},
	{"c.", "built c. 1850", []string{`"c. 1850" DATE 1850 APPROX`}},
	{"around year", "It was founded around 1850.", []string{`"around 1850" DATE 1850 APPROX`}},
	{"beginning of", "Since the beginning of 2005, turmoil has spread.", []string{`"the beginning of 2005" DATE 2005 START`}},
	{"start of decade", "at the start of the 1990s", []string{`"the start of the 1990s" DATE 199 START`}},
	{"middle of", "by the middle of 2005", []string{`"the middle of 2005" DATE 2005 MID`}},
	{"end of", "before the end of 2005", []string{`"the end of 2005" DATE 2005 END`}},
	{"end of the year", "In 2004 the city grew; by the end of the year it had doubled.", []string{`"2004" DATE 2004`, `"the end of the year" DATE 2004 END`}},
	{"mid-year", "Sales recovered in mid-2005.", []string{`"mid-2005" DATE 2005 MID`}},
	{"mid year spaced", "Sales recovered in mid 2005.", []string{`"mid 2005" DATE 2005 MID`}},
	{"late year", "The plant closes in late 2005.", []string{`"late 2005" DATE 2005 END`}},
	{"early year", "It reopened in early 2006.", []string{`"early 2006" DATE 2006 START`}},
	{"early month", "Talks resume in early June.", []string{`"early June" DATE XXXX-06 START`}},
	{"late month year", "in late June 2004", []string{`"late June 2004" DATE 2004-06 END`}},
	{"mid-month", "by mid-June", []string{`"mid-June" DATE XXXX-06 MID`}},
	{"first half", "in the first half of 2005", []string{`"the first half of 2005" DATE 2005-H1`}},
	{"second quarter", "profits for the second quarter of 2005", []string{`"the second quarter of 2005" DATE 2005-Q2`}},
	{"more than", "a rift of more than a decade", []string{`"more than a decade" DURATION P10Y MORE_THAN`}},
	{"less than", "less than three months before the attacks", []string{`"less than three months" DURATION P3M LESS_THAN`}},
	{"about", "about six years ago, no; about six years", []string{`"about six years ago" DATE XXXX APPROX`, `"about six years" DURATION P6Y APPROX`}},
	{"nearly", "nearly a year of talks", []string{`"nearly a year" DURATION P1Y LESS_THAN`}},
	{"almost", "almost two decades of war", []string{`"almost two decades" DURATION P20Y LESS_THAN`}},
	{"over", "over six years of work", []string{`"over six years" DURATION P6Y MORE_THAN`}},
	{"under", "under two years in office", []string{`"under two years" DURATION P2Y LESS_THAN`}},
	{"at least", "at least three years in prison", []string{`"at least three years" DURATION P3Y EQUAL_OR_MORE`}},
	{"up to", "up to five years in prison", []string{`"up to five years" DURATION P5Y EQUAL_OR_LESS`}},
	{"some", "some six years later, nothing had changed", []string{`"some six years later" DATE XXXX APPROX`}},
	{"roughly", "roughly 20 minutes of debate", []string{`"roughly 20 minutes" DURATION PT20M APPROX`}},
	{"approximately time", "at approximately 3 p.m. the doors opened", []string{`"approximately 3 p.m." TIME XXXX-XX-XXT15:00 APPROX`}},

	// Vague and relative references without a DCT.
	{"recent years", "a high-risk area in recent years", []string{`"recent years" DATE PAST_REF`}},
	{"recent decades", "in recent decades", []string{`"recent decades" DATE PAST_REF`}},
	{"near future", "the main priority for the near future was trade", []string{`"the near future" DATE FUTURE_REF`}},
	{"foreseeable future", "for the foreseeable future, no", []string{`"the foreseeable future" DATE FUTURE_REF`}},
	{"the future", "In looking to the future, it is necessary", []string{`"the future" DATE FUTURE_REF`}},
	{"the past", "mistakes made in the past.", []string{`"the past" DATE PAST_REF`}},
	{"the coming years", "in the coming years", []string{`"the coming years" DATE FUTURE_REF`}},
	{"coming months", "in coming months", []string{`"coming months" DATE FUTURE_REF`}},
	{"now", "The SCO is now showing a more active posture.", []string{`"now" DATE PRESENT_REF`}},
	{"currently", "the amount currently handled on railways", []string{`"currently" DATE PRESENT_REF`}},
	{"nowadays", "Nowadays few write letters.", []string{`"Nowadays" DATE PRESENT_REF`}},
	{"recently", "He recently resigned.", []string{`"recently" DATE PAST_REF`}},
	{"these days", "these days the port is quiet", []string{`"these days" DATE PRESENT_REF`}},
	{"at present", "At present there is no plan.", []string{`"present" DATE PRESENT_REF`}},
	{"today no DCT", "Today we are noticing positive dynamics.", []string{`"Today" DATE PRESENT_REF`}},
	{"yesterday no DCT", "The minister resigned yesterday.", []string{`"yesterday" DATE XXXX-XX-XX`}},
	{"last year no DCT", "Exports fell last year.", []string{`"last year" DATE XXXX`}},
	{"next month no DCT", "The vote is next month.", []string{`"next month" DATE XXXX-XX`}},
	{"this week no DCT", "It opens this week.", []string{`"this week" DATE XXXX-WXX`}},
	{"ago no DCT", "three years ago", []string{`"three years ago" DATE XXXX`}},
	{"years ago", "years ago the town was larger", []string{}},
	{"many years ago", "many years ago the town was larger", []string{`"many years ago" DATE PAST_REF`}},
	{"weekday", "The minister resigned on Monday.", []string{`"Monday" DATE XXXX-WXX-1`}},
	{"weekday part", "The vote is on Tuesday morning.", []string{`"Tuesday morning" TIME XXXX-WXX-2TMO`}},
	{"last night no DCT", "Shots were heard last night.", []string{`"last night" TIME XXXX-XX-XXTNI`}},
	{"this morning no DCT", "He spoke this morning.", []string{`"this morning" TIME XXXX-XX-XXTMO`}},
	{"tonight", "The polls close tonight.", []string{`"tonight" TIME XXXX-XX-XXTNI`}},

	// Anaphora: the last date with a year anchors what follows.
	{"later that year", "The talks began in March 2003. Later that year they failed.", []string{`"March 2003" DATE 2003-03`, `"that year" DATE 2003`}},
	{"the previous year", "In 2005 output rose, as it had the previous year.", []string{`"2005" DATE 2005`, `"the previous year" DATE 2004`}},
	{"the following year", "The law passed in 1998 and took effect the following year.", []string{`"1998" DATE 1998`, `"the following year" DATE 1999`}},
	{"following June after December", "He arrived in December 2004 and left the following June.", []string{`"December 2004" DATE 2004-12`, `"the following June" DATE 2005-06`}},
	{"following June after March", "Work began in March 2004 and ended the following June.", []string{`"March 2004" DATE 2004-03`, `"the following June" DATE 2004-06`}},
	{"month takes the year", "In June 2004 the plan was agreed; in December it was signed.", []string{`"June 2004" DATE 2004-06`, `"December" DATE 2004-12`}},
	{"day month takes the year", "On 3 May 2010 the talks opened. On 7 May they closed.", []string{`"3 May 2010" DATE 2010-05-03`, `"7 May" DATE 2010-05-07`}},
	{"years later", "The dam was finished in 1999. Two years later it failed.", []string{`"1999" DATE 1999`, `"Two years later" DATE 2001`}},
	{"a year earlier", "Prices peaked in 2008; a year earlier they had fallen.", []string{`"2008" DATE 2008`, `"a year earlier" DATE 2007`}},
	{"that summer", "In 1969, that summer, men walked on the moon.", []string{`"1969" DATE 1969`, `"that summer" DATE 1969-SU`}},
	{"the same month", "Sales fell in May 2004 and rose again the same month a year later.", []string{`"May 2004" DATE 2004-05`, `"the same month" DATE 2004-05`, `"a year later" DATE 2005`}},
	{"the year before", "It rained in 1990 and the year before.", []string{`"1990" DATE 1990`, `"the year before" DATE 1989`}},
	{"that year without anchor", "That year the harvest failed.", []string{`"That year" DATE XXXX`}},
	{"time takes the day", "On 15 June 2001, at 3 p.m., the leaders signed.", []string{`"15 June 2001" DATE 2001-06-15`, `"3 p.m." TIME 2001-06-15T15:00`}},

	// Sets.
	{"every year", "The summit meets every year.", []string{`"every year" SET P1Y`}},
	{"each year", "Each year the river floods.", []string{`"Each year" SET P1Y`}},
	{"every two years", "elections every two years", []string{`"every two years" SET P2Y`}},
	{"every other week", "meets every other week", []string{`"every other week" SET P2W`}},
	{"every June", "every June the town fills", []string{`"every June" SET XXXX-06`}},
	{"every Monday", "The market opens every Monday.", []string{`"every Monday" SET XXXX-WXX-1`}},
	{"plural weekday", "The shop shuts on Sundays.", []string{`"Sundays" SET XXXX-WXX-7`}},
	{"annually", "The report is published annually.", []string{`"annually" SET P1Y`}},
	{"annual", "the annual amount of oil", []string{`"annual" SET P1Y`}},
	{"weekly", "a weekly meeting", []string{`"weekly" SET P1W`}},
	{"monthly", "monthly figures", []string{`"monthly" SET P1M`}},
	{"daily", "daily flights", []string{`"daily" SET P1D`}},
	{"quarterly", "quarterly results", []string{`"quarterly" SET P3M`}},
	{"per year", "20 million tonnes per year", []string{`"per year" SET P1Y`}},
	{"per annum", "interest of 5% per annum", []string{`"per annum" SET P1Y`}},
	{"a year as rate", "It ships 20 million tonnes a year.", []string{`"a year" SET P1Y`}},
	{"a day as rate", "He earns $5 a day.", []string{`"a day" SET P1D`}},
	{"twice a year", "The council meets twice a year.", []string{`"twice a year" SET P1Y`}},
	{"once a month", "once a month", []string{`"once a month" SET P1M`}},
	{"twice yearly", "The committee meets twice yearly.", []string{`"twice yearly" SET P1Y`}},
	{"three times a week", "She trains three times a week.", []string{`"three times a week" SET P1W`}},

	// Times of day.
	{"p.m.", "The session opened at 3 p.m.", []string{`"3 p.m." TIME XXXX-XX-XXT15:00`}},
	{"pm glued", "doors at 3pm sharp", []string{`"3pm" TIME XXXX-XX-XXT15:00`}},
	{"a.m. minutes", "at 9:30 a.m. the vote began", []string{`"9:30 a.m." TIME XXXX-XX-XXT09:30`}},
	{"PM upper case", "at 11:45 PM", []string{`"11:45 PM" TIME XXXX-XX-XXT23:45`}},
	{"12 p.m.", "lunch at 12 p.m. prompt", []string{`"12 p.m." TIME XXXX-XX-XXT12:00`}},
	{"12 a.m.", "closes at 12 a.m. daily", []string{`"12 a.m." TIME XXXX-XX-XXT00:00`, `"daily" SET P1D`}},
	{"24-hour clock", "The train leaves at 15:30.", []string{`"15:30" TIME XXXX-XX-XXT15:30`}},
	{"clock with seconds", "logged 23:59:59 exactly", []string{`"23:59:59" TIME XXXX-XX-XXT23:59`}},
	{"one-digit clock after at", "We meet at 9:30 tomorrow.", []string{`"9:30" TIME XXXX-XX-XXT09:30`, `"tomorrow" DATE XXXX-XX-XX`}},
	{"o'clock", "at 10 o'clock", []string{`"10 o'clock" TIME XXXX-XX-XXT10:00`}},
	{"noon", "The ceasefire began at noon.", []string{`"noon" TIME XXXX-XX-XXT12:00`}},
	{"midnight", "It expired at midnight.", []string{`"midnight" TIME XXXX-XX-XXT00:00`}},
}

func TestDates(t *testing.T) {
	for _, tt := range dateTests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.in, Annotator{})
			if len(tt.want) == 0 {
				tt.want = nil
			}
			check(t, got, tt.want)
		})
	}
}

// TestNotDates lists text that holds no temporal expression: counts,
// quantities, references, codes and words that only look like dates.
func TestNotDates(t *testing.T) {
	tests := []struct{ name, in string }{
		{"distance", "a border of more than 1500 km"},
		{"distance hyphen", "the 1500-km border"},
		{"metres", "the 2000 metres race"},
		{"scale word", "the 230 million Muslims in Southeast Asia"},
		{"scale word year-like", "a budget of 2000 million dollars"},
		{"count plural", "2000 soldiers crossed the river"},
		{"count after quantity cue", "about 2000 soldiers were killed"},
		{"count irregular plural", "Some 1500 people fled."},
		{"count verb", "Only 1200 were counted."},
		{"count points", "He scored 2000 points."},
		{"count range", "between 1500 and 2000 people"},
		{"thousands separator", "1,999 votes"},
		{"percent", "a 2000% rise"},
		{"percent range", "60–70 percent of oil"},
		{"currency", "a fine of $2000 was paid"},
		{"decimal", "1999.5 metres"},
		{"phone", "call 555-2001 now please"[:14]},
		{"page", "see p. 2001 for details"},
		{"pages", "pp. 1998–2005 of the report"},
		{"page word", "on page 1999 of the file"},
		{"resolution", "Resolution 1373 was adopted."},
		{"number label", "No. 1999 of the series"},
		{"BC", "founded in 1500 BC by settlers"},
		{"page number line", "the end of one page\n2001\nand the start of the next"},
		{"glued letters", "the A2001 road and the 2006m mark"},
		{"version", "version 1.2.3 and IP 10.1.81.16"},
		{"verse", "John 3:16 says"},
		{"ratio", "a ratio of 3:1"},
		{"modal may", "they may agree"},
		{"May I", "May I ask a question?"},
		{"march verb", "the troops march south"},
		{"March verb capitalised", "March on, soldiers!"},
		{"Will", "Will said so."},
		{"June name", "June said she would come."},
		{"august adjective", "an august body"},
		{"fall of", "the fall of Rome"},
		{"fall in", "We saw the fall in prices."},
		{"spring noun", "a hot spring"},
		{"future adjective", "the future development of Asia"},
		{"previous noun", "the previous SCO agreement"},
		{"following noun", "the following measures"},
		{"first time", "for the first time in history"},
		{"same time", "at the same time"},
		{"second term", "a second term"},
		{"years bare", "one of the best years"},
		{"early noun", "the early years of the war"[:14]},
		{"late noun", "the late President"},
		{"numbered list", "(1) RATS should be consolidated; (2) a zone"},
		{"number alone", "seven SCO members and nine neighbours"},
		{"am verb", "I am here"},
		{"at a number", "at 5 we left"},
		{"short year", "in 99 cases"},
		{"land border", "China’s total land border—14 799 km."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, run(t, tt.in, Annotator{}), nil)
		})
	}
}

// TestDCT resolves deictic expressions against a document creation time:
// Thursday 15 June 2006, in ISO week 24.
func TestDCT(t *testing.T) {
	dct := time.Date(2006, 6, 15, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in string
		want     []string
	}{
		{"today", "The vote is today.", []string{`"today" DATE 2006-06-15`}},
		{"yesterday", "He resigned yesterday.", []string{`"yesterday" DATE 2006-06-14`}},
		{"tomorrow", "It opens tomorrow.", []string{`"tomorrow" DATE 2006-06-16`}},
		{"last year", "Exports fell last year.", []string{`"last year" DATE 2005`}},
		{"next year", "Elections are due next year.", []string{`"next year" DATE 2007`}},
		{"this year", "Growth slowed this year.", []string{`"this year" DATE 2006`}},
		{"last month", "Prices rose last month.", []string{`"last month" DATE 2006-05`}},
		{"next month", "The vote is next month.", []string{`"next month" DATE 2006-07`}},
		{"last week", "He spoke last week.", []string{`"last week" DATE 2006-W23`}},
		{"this week", "It opens this week.", []string{`"this week" DATE 2006-W24`}},
		{"last decade", "Growth stalled last decade.", []string{`"last decade" DATE 199`}},
		{"this century", "the worst flood this century", []string{`"this century" DATE 20`}},
		{"the coming year", "in the coming year", []string{`"the coming year" DATE 2007`}},
		{"last June", "The plant closed last June.", []string{`"last June" DATE 2005-06`}},
		{"next June", "It reopens next June.", []string{`"next June" DATE 2007-06`}},
		{"last March", "It was agreed last March.", []string{`"last March" DATE 2006-03`}},
		{"next March", "It ends next March.", []string{`"next March" DATE 2007-03`}},
		{"this March", "Talks began this March.", []string{`"this March" DATE 2006-03`}},
		{"last summer", "Fires raged last summer.", []string{`"last summer" DATE 2005-SU`}},
		{"next winter", "Shortages are feared next winter.", []string{`"next winter" DATE 2006-WI`}},
		{"last Monday", "He resigned last Monday.", []string{`"last Monday" DATE 2006-06-12`}},
		{"last Thursday", "He resigned last Thursday.", []string{`"last Thursday" DATE 2006-06-08`}},
		{"next Monday", "Talks resume next Monday.", []string{`"next Monday" DATE 2006-06-19`}},
		{"this Friday", "The vote is this Friday.", []string{`"this Friday" DATE 2006-06-16`}},
		{"years ago", "three years ago", []string{`"three years ago" DATE 2003`}},
		{"months ago", "two months ago", []string{`"two months ago" DATE 2006-04`}},
		{"days ago", "five days ago", []string{`"five days ago" DATE 2006-06-10`}},
		{"a week ago", "a week ago", []string{`"a week ago" DATE 2006-W23`}},
		{"decades ago", "two decades ago", []string{`"two decades ago" DATE 198`}},
		{"last night", "Shots were heard last night.", []string{`"last night" TIME 2006-06-14TNI`}},
		{"this morning", "He spoke this morning.", []string{`"this morning" TIME 2006-06-15TMO`}},
		{"yesterday afternoon", "It rained yesterday afternoon.", []string{`"yesterday afternoon" TIME 2006-06-14TAF`}},
		{"time", "The session opened at 3 p.m.", []string{`"3 p.m." TIME 2006-06-15T15:00`}},
		{"month alone", "The vote is in June.", []string{`"June" DATE 2006-06`}},
		{"day month", "Voting ends on 20 June.", []string{`"20 June" DATE 2006-06-20`}},
		{"early last year", "It began early last year.", []string{`"early last year" DATE 2005 START`}},
		{"end of this year", "by the end of this year", []string{`"the end of this year" DATE 2006 END`}},
		{"since last year", "Prices have risen since last year.", []string{`"since last year" DATE 2005 ON_OR_AFTER`}},
		{"that year from DCT", "That year the harvest failed.", []string{`"That year" DATE 2006`}},
		{"anchor beats DCT", "In 1998 the harvest failed; that year was hard.", []string{`"1998" DATE 1998`, `"that year" DATE 1998`}},
		{"now stays vague", "It is now clear.", []string{`"now" DATE PRESENT_REF`}},
		{"weekday stays open", "He resigned on Monday.", []string{`"Monday" DATE XXXX-WXX-1`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, run(t, tt.in, Annotator{DCT: dct}), tt.want)
		})
	}
}

func TestMonthFirst(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"ambiguous", "Received 05/06/2001.", []string{`"05/06/2001" DATE 2001-05-06`}},
		{"day over 12 still day", "Received 15/06/2001.", []string{`"15/06/2001" DATE 2001-06-15`}},
		{"impossible either way", "Received 15/13/2001.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, run(t, tt.in, Annotator{MonthFirst: true}), tt.want)
		})
	}
}

// TestOffsets checks exact byte spans, including text with multi-byte
// characters before and inside the expressions.
func TestOffsets(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"since", "Since 1996, the ‘Shanghai Five’ grew.", []string{`0:10 "Since 1996" type=DATE value=1996 mod=ON_OR_AFTER`}},
		{"essay sentence", "On 15 June 2001, less than three months before",
			[]string{`3:15 "15 June 2001" type=DATE value=2001-06-15`, `17:39 "less than three months" type=DURATION value=P3M mod=LESS_THAN`}},
		{"after curly quotes and dashes", "‘Colour Revolution’—2001–2005", []string{`26:30 "2001" type=DATE value=2001`, `33:37 "2005" type=DATE value=2005`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := pipelinetest.Annotate(t, tt.in, layout.Annotator{}, sentences.Annotator{}, Annotator{})
			check(t, pipelinetest.Lines(doc, Layer), tt.want)
		})
	}
}

// fakeLayout provides the layout layers with chosen footnote references
// and page breaks, so that tests do not depend on how the layout stage
// detects them.
type fakeLayout struct {
	notes  []string // each marks the footnote number after the first occurrence of its text
	breaks []string // each marks the page-break byte that starts the first occurrence of its text
}

func (fakeLayout) Name() string       { return "layout" }
func (fakeLayout) Version() string    { return "test" }
func (fakeLayout) Requires() []string { return nil }
func (fakeLayout) Provides() []string {
	return []string{layout.Paragraphs.Name(), layout.PageBreaks.Name(), layout.FootnoteRefs.Name()}
}

func (f fakeLayout) Annotate(ctx context.Context, doc *pipeline.Document) error {
	layout.Paragraphs.Set(doc, []layout.Paragraph{{Span: pipeline.Span{Start: 0, End: len(doc.Text)}, Kind: layout.Body}})
	var notes []layout.FootnoteRef
	for _, n := range f.notes {
		at := strings.Index(doc.Text, n) + len(n)
		end := at
		for end < len(doc.Text) && doc.Text[end] >= '0' && doc.Text[end] <= '9' {
			end++
		}
		notes = append(notes, layout.FootnoteRef{TextSpan: doc.TextSpan(at, end)})
	}
	layout.FootnoteRefs.Set(doc, notes)
	var breaks []layout.PageBreak
	for _, b := range f.breaks {
		at := strings.Index(doc.Text, b)
		breaks = append(breaks, layout.PageBreak{Span: pipeline.Span{Start: at, End: at + 1}})
	}
	layout.PageBreaks.Set(doc, breaks)
	return nil
}

func TestLayout(t *testing.T) {
	tests := []struct {
		name, in string
		lay      fakeLayout
		want     []string
	}{
		{"footnote is not a day", "as the summit agreed.7 June saw new talks.", fakeLayout{notes: []string{"agreed."}}, nil},
		{"footnote after a year", "the summit in 2005.3 The members met again.", fakeLayout{notes: []string{"2005."}}, []string{`"2005" DATE 2005`}},
		{"footnote glued to a year", "the summit of 2005,12 and later", fakeLayout{notes: []string{"2005,"}}, []string{`"2005" DATE 2005`}},
		{"no footnote: a decimal", "the summit in 2005.3 The members met again.", fakeLayout{}, nil},
		{"page break inside a date", "signed on 15 June\n 2001 in Shanghai", fakeLayout{breaks: []string{" 2001"}}, []string{`"15 June\n 2001" DATE 2001-06-15`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := pipelinetest.Annotate(t, tt.in, tt.lay, sentences.Annotator{}, Annotator{})
			check(t, lines(doc), tt.want)
		})
	}
}

// TestNoPanic runs every prefix of tricky text, so that each pattern meets
// input that stops in its middle.
func TestNoPanic(t *testing.T) {
	text := "On Monday, 15 June 2001, at 9:30 a.m. — mid-1990s, the ’90s, c. 1850, pre-2001, 6/15/01, " +
		"2001-06-15, 2001–05, the 15th of June, Sept. 11, 2001, twenty-three years, two and a half " +
		"years, a year and a half, the first half of 2005, every other week, three times a week, 10 o'clock, " +
		"the end of the year, the following June, more than a decade, 21st-century, the summer of 2004"
	for i := range len(text) + 1 {
		if i < len(text) && text[i]&0xC0 == 0x80 {
			continue // not a rune boundary
		}
		run(t, text[:i], Annotator{DCT: time.Date(2006, 6, 15, 0, 0, 0, 0, time.UTC)})
	}
}

func TestConcurrent(t *testing.T) {
	a := Annotator{DCT: time.Date(2006, 6, 15, 0, 0, 0, 0, time.UTC)}
	want := run(t, "Since 1996, last year and the following June.", a)
	done := make(chan []string)
	for range 8 {
		go func() {
			p, _ := pipeline.New(layout.Annotator{}, sentences.Annotator{}, a)
			doc, _ := pipeline.NewDocument("c", "c", "Since 1996, last year and the following June.")
			p.Annotate(context.Background(), doc)
			done <- lines(doc)
		}()
	}
	for range 8 {
		check(t, <-done, want)
	}
}

// essayDates are the temporal expressions of corpus/sco-essay.txt, found
// by reading the essay, in order. Left out on purpose: "the short run",
// "long-term" and "so far" (no TIMEX3 value), "the first time", "the
// sixtieth anniversary", and the counts "more than 3000 km", "14 799 km",
// "230 million", "60–70 percent" and "500 thousand tonnes".
var essayDates = []string{
	`"now" DATE PRESENT_REF`,                          // is now showing
	`"eight years old" DURATION P8Y`,                  // barely eight years old
	`"Since 1996" DATE 1996 ON_OR_AFTER`,              //
	`"centuries" DURATION PXCE`,                       // bred instability and conflict for centuries
	`"six years" DURATION P6Y`,                        // solved in six years
	`"15 June 2001" DATE 2001-06-15`,                  // On 15 June 2001
	`"less than three months" DURATION P3M LESS_THAN`, //
	`"11 September 2001" DATE 2001-09-11`,             // the 11 September 2001 terrorist attacks
	`"the twenty-first century" DATE 20`,              //
	`"the near future" DATE FUTURE_REF`,               // the main priority for the near future
	`"2006" DATE 2006`,                                // At the 2006 SCO summit
	`"the beginning of 2005" DATE 2005 START`,         // Since the beginning of 2005
	`"2005" DATE 2005`,                                // the SCO Astana summit in 2005
	`"Today" DATE PRESENT_REF`,                        // Today we are noticing (quoted declaration)
	`"2006" DATE 2006`,                                // the 2006 SCO Shanghai summit
	`"June 2004" DATE 2004-06`,                        // the June 2004 Tashkent summit
	`"December 2004" DATE 2004-12`,                    //
	`"April 2005" DATE 2005-04`,                       //
	`"September 2005" DATE 2005-09`,                   //
	`"several\nyears" DURATION PXY`,                   // in a matter of several years
	`"century-old" DURATION P100Y`,                    // the century-old border problems
	`"2003" DATE 2003`,                                // the 2003 Iraq War
	`"recent years" DATE PAST_REF`,                    // in recent years
	`"several years" DURATION PXY`,                    // After several years of construction
	`"2006" DATE 2006`,                                // became operational in 2006
	`"per year" SET P1Y`,                              // 20 million tonnes per year
	`"annual" SET P1Y`,                                // the annual amount
	`"currently" DATE PRESENT_REF`,                    // currently handled on railways
	`"the foreseeable\nfuture" DATE FUTURE_REF`,       //
	`"June 2006" DATE 2006-06`,                        // In June 2006
	`"5-year" DURATION P5Y`,                           // the 5-year process
	`"10-year" DURATION P10Y`,                         // the 10-year process
	`"the future" DATE FUTURE_REF`,                    // In looking to the future,
	`"now" DATE PRESENT_REF`,                          // is now giving rise
	`"the near future" DATE FUTURE_REF`,               // A joint advantage of the SCO in the near future
	`"the near future" DATE FUTURE_REF`,               // In the near future, the cooperation
}

func TestEssay(t *testing.T) {
	text, err := os.ReadFile("../../corpus/sco-essay.txt")
	if err != nil {
		t.Fatal(err)
	}
	check(t, run(t, string(text), Annotator{}), essayDates)
}

func BenchmarkDates(b *testing.B) {
	text, err := os.ReadFile("../../corpus/sco-essay.txt")
	if err != nil {
		b.Fatal(err)
	}
	benchmark(b, string(text))
}

// BenchmarkPathological runs inputs made to stress the look-ahead: long
// runs of digits, of month names, of dates glued by separators and of
// words that start patterns. The throughput (MB/s) stays flat as the input
// grows tenfold, which shows the scan is linear.
func BenchmarkPathological(b *testing.B) {
	inputs := map[string]string{
		"digits":      strings.Repeat("1999", 1<<12),
		"years":       strings.Repeat("1999 ", 1<<12),
		"dashes":      strings.Repeat("1999-", 1<<12),
		"slashes":     strings.Repeat("15/06/", 1<<12),
		"months":      strings.Repeat("June ", 1<<12),
		"month days":  strings.Repeat("June 15 ", 1<<12),
		"prefixes":    strings.Repeat("the beginning of more than about ", 1<<10),
		"hyphenated":  strings.Repeat("twenty-", 1<<12),
		"apostrophes": strings.Repeat("the '", 1<<12),
	}
	names := []string{"digits", "years", "dashes", "slashes", "months", "month days", "prefixes", "hyphenated", "apostrophes"}
	for _, name := range names {
		for _, k := range []int{1, 10} {
			b.Run(fmt.Sprintf("%s/x%d", name, k), func(b *testing.B) {
				benchmark(b, strings.Repeat(inputs[name], k))
			})
		}
	}
}

// benchmark times the dates stage alone over text, its upstream layers
// computed once.
func benchmark(b *testing.B, text string) {
	doc := pipelinetest.Annotate(b, text, layout.Annotator{}, sentences.Annotator{})
	a := Annotator{DCT: time.Date(2006, 6, 15, 0, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Annotate(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
}
