package quantities_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gloss-nlp/gloss/annotators/layout"
	"github.com/gloss-nlp/gloss/annotators/quantities"
	"github.com/gloss-nlp/gloss/annotators/sentences"
	"github.com/gloss-nlp/gloss/annotators/tokens"
	"github.com/gloss-nlp/gloss/pipeline"
	"github.com/gloss-nlp/gloss/pipeline/pipelinetest"
)

func stages() []pipeline.Annotator {
	return []pipeline.Annotator{layout.Annotator{}, sentences.Annotator{}, tokens.Annotator{}, quantities.Annotator{}}
}

// show prints a quantity as text|value|unit|mod.
func show(q quantities.Quantity) string {
	v, _ := json.Marshal(q.Value)
	return strings.TrimRight(q.Text+"|"+string(v)+"|"+q.Unit+"|"+q.Mod, "|")
}

func annotate(t testing.TB, text string) []string {
	t.Helper()
	doc := pipelinetest.Annotate(t, text, stages()...)
	var got []string
	for _, q := range quantities.Layer.Get(doc) {
		got = append(got, show(q))
	}
	return got
}

var tests = []struct {
	name string
	in   string
	want []string
}{
	// Units from the table, in digits.
	{"km", "The road is 3000 km long.", []string{"3000 km|3000|km"}},
	{"nbsp", "It lies 3000\u00a0km away.", []string{"3000\u00a0km|3000|km"}},
	{"narrow nbsp", "It lies 3000\u202fkm away.", []string{"3000\u202fkm|3000|km"}},
	{"space thousands", "The border is 14 799 km long.", []string{"14 799 km|14799|km"}},
	{"comma thousands", "They shipped 5,000 tonnes and 1,250,000 visitors came.", []string{"5,000 tonnes|5000|tonne", "1,250,000 visitors|1250000|visitor"}},
	{"glued unit", "A 5km walk and a 1.2 m wall.", []string{"5km|5|km", "1.2 m|1.2|m"}},
	{"names of units", "We drove 10 kilometres, then 6 miles, then 3 feet.", []string{"10 kilometres|10|km", "6 miles|6|mile", "3 feet|3|ft"}},
	{"speed", "Limits are 120 km/h on motorways and 70 mph in Britain.", []string{"120 km/h|120|km/h", "70 mph|70|mph"}},
	{"temperature", "Water was 25 °C, the air 30°C, the patient 98.6 degrees Fahrenheit.", []string{"25 °C|25|°C", "30°C|30|°C", "98.6 degrees Fahrenheit|98.6|°F"}},
	{"area", "The farm covers 2 hectares, 40 acres or 450 square kilometres.", []string{"2 hectares|2|ha", "40 acres|40|acre", "450 square kilometres|450|km²"}},
	{"volume", "Drink 0.75 litres; store 1,000 cubic metres.", []string{"0.75 litres|0.75|l", "1,000 cubic metres|1000|m³"}},
	{"mass", "Take 500 mg, lift 5 kilos, add 12 ounces.", []string{"500 mg|500|mg", "5 kilos|5|kg", "12 ounces|12|oz"}},
	{"power and energy", "The plant adds 50 MW, the grid 3 GW of capacity, a home uses 200 kWh.", []string{"50 MW|50|MW", "3 GW|3|GW", "200 kWh|200|kWh"}},
	{"data", "The phone has 16 GB of storage.", []string{"16 GB|16|GB"}},
	{"time", "Wait 30 minutes, 2 hours or 90 seconds.", []string{"30 minutes|30|min", "2 hours|2|hour", "90 seconds|90|s"}},
	// Scales.
	{"million rate", "The pipeline carries 20 million tonnes per year.", []string{"20 million tonnes per year|20000000|tonne/year"}},
	{"thousand", "Rail moves 500 thousand tonnes.", []string{"500 thousand tonnes|500000|tonne"}},
	{"barrels a day", "Output reached 1.5 million barrels a day.", []string{"1.5 million barrels a day|1500000|barrel/day"}},
	{"annually", "Exports of 2 million tonnes annually continue.", []string{"2 million tonnes annually|2000000|tonne/year"}},
	// Percentages and ranges.
	{"percent range", "About 60–70 percent of the oil passes the strait.", []string{"About 60–70 percent|[60,70]|percent|APPROX"}},
	{"percent sign", "Unemployment fell to 12% in May.", []string{"12%|12|percent"}},
	{"hyphen range percent", "Prices rose 10-15% this year.", []string{"10-15%|[10,15]|percent"}},
	{"per cent", "A 2.5 per cent rise and 9 pc more.", []string{"2.5 per cent|2.5|percent", "9 pc|9|percent"}},
	{"percentage points", "Support dropped 3 percentage points.", []string{"3 percentage points|3|percentage point"}},
	{"to range", "The route is 5 to 10 km long.", []string{"5 to 10 km|[5,10]|km"}},
	{"between range", "Turnout was between 20 and 30 percent.", []string{"20 and 30 percent|[20,30]|percent"}},
	{"scaled range", "Flooding displaced 2–3 million tonnes of soil.", []string{"2–3 million tonnes|[2000000,3000000]|tonne"}},
	// Money.
	{"billion dollars", "The bank lent 3.5 billion dollars.", []string{"3.5 billion dollars|3500000000|USD"}},
	{"bn", "The deal is worth $3.5bn.", []string{"$3.5bn|3500000000|USD"}},
	{"euro million", "The EU pledged €40 million.", []string{"€40 million|40000000|EUR"}},
	{"pounds", "Tickets cost £12.50 in London.", []string{"£12.50|12.5|GBP"}},
	{"yen", "A coffee is ¥500 in Tokyo.", []string{"¥500|500|JPY"}},
	{"us dollar prefix", "Aid of US$2 million arrived.", []string{"US$2 million|2000000|USD"}},
	{"code prefix", "The fee is USD 300 per year.", []string{"USD 300 per year|300|USD/year"}},
	{"m after currency", "A $20m loan was signed.", []string{"$20m|20000000|USD"}},
	{"euro words", "Investors lost 40 million euros.", []string{"40 million euros|40000000|EUR"}},
	{"yuan", "China spent 7 billion yuan.", []string{"7 billion yuan|7000000000|CNY"}},
	{"sterling", "He paid 150 pounds sterling.", []string{"150 pounds sterling|150|GBP"}},
	{"wage rate", "Cleaners earn $5 per hour, or 15 euros a month more.", []string{"$5 per hour|5|USD/hour", "15 euros a month|15|EUR/month"}},
	// Fractions.
	{"three quarters", "Forests cover about three quarters of the land.", []string{"about three quarters|0.75|fraction|APPROX"}},
	{"over half", "It has over half of the world's population.", []string{"over half|0.5|fraction|MORE_THAN"}},
	{"two thirds", "Two-thirds of members agreed.", []string{"Two-thirds|0.6666666666666666|fraction"}},
	{"a quarter", "A quarter of the budget went on staff.", []string{"A quarter|0.25|fraction"}},
	{"half of", "Half of the staff left.", []string{"Half|0.5|fraction"}},
	// Numbers in words.
	{"dozen", "She bought a dozen eggs and a dozen.", []string{"a dozen eggs|12|egg", "a dozen|12"}},
	{"twenty-five", "Twenty-five delegates signed.", []string{"Twenty-five delegates|25|delegate"}},
	{"hundred and fifty", "The report runs to two hundred and fifty pages.", []string{"two hundred and fifty pages|250|page"}},
	{"thousand troops", "Three thousand troops and four million residents.", []string{"Three thousand troops|3000|troop", "four million residents|4000000|resident"}},
	{"a hundred miles", "We walked a hundred miles.", []string{"a hundred miles|100|mile"}},
	// Counts.
	{"count with adjective", "China and her nine close neighbours met.", []string{"nine close neighbours|9|neighbour"}},
	{"count with name", "It shares borders with seven SCO members and observers.", []string{"seven SCO members|7|member"}},
	{"count proper noun", "The 230 million Muslims in Southeast Asia are tolerant.", []string{"230 million Muslims|230000000|Muslim"}},
	{"count participle", "Leaders of the six founding states signed.", []string{"six founding states|6|state"}},
	{"counts", "It had three outcomes, 12 new hospitals and nine cities.", []string{"three outcomes|3|outcome", "12 new hospitals|12|hospital", "nine cities|9|city"}},
	{"count plurals", "They packed 15 boxes for 200 churches.", []string{"15 boxes|15|box", "200 churches|200|church"}},
	{"year-like count", "Some 1500 soldiers crossed.", []string{"Some 1500 soldiers|1500|soldier|APPROX"}},
	// Modifiers.
	{"at least", "Keep at least 5 km away.", []string{"at least 5 km|5|km|MIN"}},
	{"up to", "Queues reach up to 10 km.", []string{"up to 10 km|10|km|MAX"}},
	{"about", "About 200 workers and around 40 km of road.", []string{"About 200 workers|200|worker|APPROX", "around 40 km|40|km|APPROX"}},
	{"approximately nearly", "It weighs approximately 7.5 kg; nearly 90 percent agree.", []string{"approximately 7.5 kg|7.5|kg|APPROX", "nearly 90 percent|90|percent|APPROX"}},
	{"some", "Some 300 soldiers died.", []string{"Some 300 soldiers|300|soldier|APPROX"}},
	{"more than", "More than 120 countries and over 3 metres of snow.", []string{"More than 120 countries|120|country|MORE_THAN", "over 3 metres|3|m|MORE_THAN"}},
	{"less than", "Less than 2 litres, under 18 years, fewer than 50 students.", []string{"Less than 2 litres|2|l|LESS_THAN", "under 18 years|18|year|LESS_THAN", "fewer than 50 students|50|student|LESS_THAN"}},
	{"no more than", "Use no more than 3 kg.", []string{"no more than 3 kg|3|kg|MAX"}},
	// Ages and hyphenated measures.
	{"age", "The club is barely eight years old.", []string{"eight years|8|year"}},
	{"hyphen age", "A 45-year-old man ran a 10-km race.", []string{"45-year-old|45|year", "10-km|10|km"}},
	{"durations", "It took 5 decades, two centuries and a 3-hour drive.", []string{"5 decades|5|decade", "two centuries|2|century", "3-hour|3|hour"}},
	{"price", "It costs 9.99 euros or 100 km² of land.", []string{"9.99 euros|9.99|EUR", "100 km²|100|km²"}},
	{"year unit not year", "The pipe is 2000 km long.", []string{"2000 km|2000|km"}},

	// Not quantities.
	{"years", "In 1996 the group met; the 2006 budget and the 2003 Iraq War followed.", nil},
	{"dates", "On 15 June 2001 and June 15, 2001 they signed.", nil},
	{"names", "The G8 met; a Boeing 747 landed; Article 5 applies; Windows 10 users complained.", nil},
	{"footnote numbers", "It serves the periphery.1 Trade grew,2 then fell.", nil},
	{"list markers", "Steps:\n1. Plan the work.\n(2) Do it.", nil},
	{"times and dates in digits", "Meet at 10:30 on 12/05/2020.", nil},
	{"decades and ordinals", "In the 1990s and the 60s, on the 5th floor, in the twenty-first century.", nil},
	{"one", "One country may join. One can say no.", nil},
	{"version", "Install version 2.1.3 now.", nil},
	{"bare numbers", "The first three were late; page 4 is blank.", nil},
	{"bare half", "Half the time it rains.", nil},
}

func TestQuantities(t *testing.T) {
	n := 0
	for _, tt := range tests {
		n += len(tt.want)
		t.Run(tt.name, func(t *testing.T) {
			got := annotate(t, tt.in)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	if n < 100 {
		t.Errorf("only %d quantity expressions tested", n)
	}
}

// TestAfterDates checks that a number the dates layer has taken is not a
// quantity, while a rate's "per year" does not hide the quantity.
func TestAfterDates(t *testing.T) {
	doc := pipelinetest.Annotate(t, "The war lasted six years and cost $3 billion in 2001; output is 5 million tonnes per year.", withDatesStages()...)
	var got []string
	for _, q := range quantities.Layer.Get(doc) {
		got = append(got, show(q))
	}
	want := []string{"$3 billion|3000000000|USD", "5 million tonnes per year|5000000|tonne/year"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOddInput checks that fragments and odd characters neither panic nor
// yield spans the pipeline rejects.
func TestOddInput(t *testing.T) {
	for _, in := range []string{"", "$", "€", "1", "1.", "(1", "a dozen", "over", "more than", "5-", "5–", "between 5 and", "3 per", "14 799", "US$", "USD", "½ km", "٣ km", "3\u00a0", "half", "two-", "-5 km", "1,2,3", "1..2", "9999999999999999999999 km"} {
		pipelinetest.Annotate(t, in, stages()...)
	}
}
