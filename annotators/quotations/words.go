package quotations

import "strings"

// The word lists below are closed classes of English (determiners,
// pronouns, auxiliaries, prepositions) and the common reporting verbs and
// nouns for documents, works, bodies and titles found in any style guide
// or grammar; none is drawn from a particular text.

// A verbKind says how a reporting verb introduces its source.
type verbKind uint8

const (
	active  verbKind = 1 << iota // the subject is the source: she said
	passive                      // a participle names it: the words quoted from X
)

type phrase struct {
	words []string
	kind  verbKind
	verb  bool // ambiguous with a noun: counts only when tagged as a verb
}

// phrases maps the first word of each reporting phrase to the phrases.
var phrases = func() map[string][]phrase {
	m := make(map[string][]phrase)
	add := func(kind verbKind, verb bool, list string) {
		for _, p := range strings.Split(list, ",") {
			ws := strings.Fields(p)
			m[ws[0]] = append(m[ws[0]], phrase{ws, kind, verb})
		}
	}
	const both = active | passive
	add(active, false, "say,says,saying,tell,tells,telling,told,add,adds,adding,"+
		"insist,insisted,insists,warn,warned,warns,argue,argued,argues,wrote,writes,"+
		"remarked,emphasises,emphasizes,declares,explains,announces,observes,asks,asked,"+
		"replied,replies,answered,commented,recalled,asserted,acknowledged,admitted,"+
		"concluded,affirmed,reiterated,underlined,underscored,proclaimed,urged,"+
		"shouted,whispered,responded,confirmed,conceded,complained,testified,"+
		"point out,points out,pointing out,pointed out,"+
		"make it clear,makes it clear,made it clear,making it clear,according to")
	add(both, false, "said,stated,mentioned,quoted,written,declared,stressed,"+
		"emphasised,emphasized,noted,explained,announced,observed")
	add(passive, false, "made,expressed,voiced,issued,adopted,cited,put forward,"+
		"set out,spelt out,spelled out")
	add(active, true, "states,notes,remarks,claims,stresses,quotes")
	return m
}()

// reporting returns the number of items in the reporting phrase that starts
// at items[k], and its kind, or 0 if none starts there.
func reporting(items []item, k int, a *analysis) (int, verbKind) {
	if k >= len(items) {
		return 0, 0
	}
	w := items[k]
	if !w.word() || w.cap && w.low != "according" {
		return 0, 0
	}
	ps, ok := phrases[w.low]
	if !ok {
		return 0, 0
	}
	if k > 0 && (determiners[items[k-1].low] || possessives[items[k-1].low]) {
		return 0, 0 // a noun: the statement, his remarks
	}
	tag := ""
	if a != nil && a.tagged {
		tag = a.pos(w)
		if strings.HasPrefix(tag, "NN") {
			return 0, 0
		}
	}
	best, kind := 0, verbKind(0)
next:
	for _, p := range ps {
		if p.verb && !strings.HasPrefix(tag, "VB") || k+len(p.words) > len(items) || len(p.words) <= best {
			continue
		}
		for i, pw := range p.words[1:] {
			if items[k+1+i].low != pw {
				continue next
			}
		}
		best, kind = len(p.words), p.kind
	}
	return best, kind
}

func set(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Split(list, ",") {
		m[w] = true
	}
	return m
}

// A pronounKind says what a pronoun may stand for.
type pronounKind uint8

const (
	person pronounKind = iota + 1
	body
	other
)

var pronouns = map[string]pronounKind{
	"he": person, "she": person,
	"it":   body,
	"they": other, "we": other, "i": other, "you": other, "one": other,
}

var (
	determiners   = set("the,a,an,this,that,these,those")
	possessives   = set("his,her,its,their,our,my,your,such")
	auxiliaries   = set("has,have,had,is,are,was,were,will,would,shall,should,can,could,may,might,must,also,always,again,then,later,once,further,never,not,just,already,often,repeatedly,had,did,does,do")
	passiveAux    = set("was,were,been,be,being,is,are")
	sourcePreps   = set("at,by,from,in,during,of")
	connectors    = set("of,in,on,for,and,&")
	subordinators = set("as,when,while,because,since,although,though,after,before,if,and,but,so,yet,that,which,who,whom,where,whereas,unless,until,once,then")
	stopWords     = set("to,that,which,who,whom,whose,where,when,while,was,were,is,are,has,have,had,will,would,as,with,but,or,because,after,before,during,since,about,than,at,by,from,said,says")
	functionWords = set("a,an,the,and,or,nor,but,of,on,in,to,for,at,by,from,with,into,onto,upon,over,under,as,per,via,vs,against,between,about,among")
	finiteVerbs   = set("is,are,was,were,am,has,have,had,do,does,did,will,would,can,could,shall,should,may,might,must,isn't,aren't,wasn't,weren't,won't,can't,don't,doesn't,didn't")

	// workNouns before a quotation mark it as a title: the report “…”.
	workNouns = set("report,book,novel,film,movie,article,essay,paper,poem,song,album,play,series,show,documentary,chapter,story,column,editorial,opera,painting,regulation,regulations,law,act,bill,treaty,declaration,statement,convention,charter,resolution,document,communiqué,communique,memorandum,agreement,programme,doctrine,manifesto,textbook,handbook,journal,magazine,newspaper,website,blog,podcast")
	titling   = set("titled,entitled,headlined,headed,subtitled")

	// documentNouns inside a title-cased quotation make it a title.
	documentNouns = set("regulation,regulations,statement,declaration,convention,treaty,charter,act,law,report,agreement,memorandum,resolution,protocol,code,directive,decree,constitution,programme,program,plan,strategy,guidelines,principles,rules,accord,pact,communiqué,communique,bill,paper,review,manifesto,doctrine,concept,agenda,framework,initiative")

	// sourceNouns head the names of bodies, meetings and documents that
	// speak: the summit, the council, the report.
	sourceNouns = set("summit,meeting,conference,congress,council,committee,commission,assembly,parliament,senate,government,ministry,department,court,tribunal,agency,organisation,organization,union,party,bank,board,panel,cabinet,office,secretariat,forum,report,declaration,statement,communiqué,communique,resolution,charter,treaty,convention,document,study,survey,letter,company,firm,newspaper,spokesman,spokeswoman,spokesperson,institute,university,association,federation,group")

	// titles come before a person's name: Foreign Minister Jane Doe.
	titles = set("president,vice-president,minister,premier,chancellor,secretary,secretary-general,chairman,chairwoman,chairperson,director,director-general,governor,mayor,senator,sen,congressman,congresswoman,representative,rep,ambassador,general,gen,colonel,col,captain,capt,admiral,lieutenant,sergeant,king,queen,prince,princess,emperor,empress,pope,sheikh,dr,mr,mrs,ms,miss,mx,sir,dame,lord,lady,professor,prof,judge,justice,commissioner,envoy,spokesman,spokeswoman,spokesperson,chief,bishop,archbishop,cardinal,rabbi,imam,reverend,rev,father,sister,brother,ceo,chair,leader,deputy,mentor")

	// notPersonal words head the names of places and institutions, which
	// a personal pronoun does not stand for.
	notPersonal = set("asia,europe,africa,america,americas,east,west,north,south,central,union,states,kingdom,republic,nations,organisation,organization,council,committee,commission,ministry,department,bank,university,party,summit,conference,sea,ocean,river,island,islands,street,city,county,province,state,region,forum,group,war,day,monday,tuesday,wednesday,thursday,friday,saturday,sunday,january,february,march,april,may,june,july,august,september,october,november,december")
)
