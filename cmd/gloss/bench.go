package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/gloss-nlp/gloss/bench"
)

func benchCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("bench", "[flags]\n\nTimes each stage alone, the whole pipeline (text to JSON) and prose (tokenize, segment, tag, extract; model loaded once) on the bundled essay and a generated corpus, and prints each one's throughput and its ratio to prose's.", stderr)
	d := fs.Duration("time", 2*time.Second, "time each measure for at least `duration`")
	rounds := fs.Int("rounds", 4, "interleave the measures in `N` rounds, so that a change in the machine's load falls on all of them alike")
	corpusSize := fs.String("corpus-size", "1MB", "`size` of the generated corpus")
	docSize := fs.String("doc-size", "64KB", "`size` of each generated document")
	cpu := fs.Int("cpu", 1, "run with GOMAXPROCS set to `N`")
	withProse := fs.Bool("prose", true, "measure prose too")
	only := fs.String("measures", "", "comma-separated `names` of the measures to run (stages, json, pipeline, prose); default all")
	writeTexts := fs.String("write-texts", "", "write the texts to `DIR`/essay and DIR/corpus-SIZE as NNNN.txt files, for peers outside Go, and exit")
	if status, stop := parseFlags(fs, args); stop {
		return status
	}
	if fs.NArg() > 0 || *cpu < 1 || *rounds < 1 {
		fs.Usage()
		return 2
	}
	size, err := bench.ParseSize(*corpusSize)
	if err != nil {
		return fail(stderr, "bench", 2, err)
	}
	dsize, err := bench.ParseSize(*docSize)
	if err != nil {
		return fail(stderr, "bench", 2, err)
	}
	texts := []bench.Text{bench.Essay(), bench.Corpus(int(size), int(dsize))}
	if *writeTexts != "" {
		if err := bench.WriteTexts(*writeTexts, texts...); err != nil {
			return fail(stderr, "bench", 1, err)
		}
		return 0
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(*cpu))
	fmt.Fprintf(stdout, "gloss bench: %s %s/%s, GOMAXPROCS %d, at least %v per measure in %d rounds\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, *cpu, *d, *rounds)
	var reports []bench.Report
	for _, t := range texts {
		cases, err := bench.Stages(t)
		if err != nil {
			return fail(stderr, "bench", 1, err)
		}
		p, err := bench.Pipeline(t)
		if err != nil {
			return fail(stderr, "bench", 1, err)
		}
		cases = append(cases, p)
		if *withProse && (*only == "" || slices.Contains(strings.Split(*only, ","), "prose")) {
			cases = append(cases, bench.Prose(t))
		}
		if *only != "" {
			for _, name := range strings.Split(*only, ",") {
				if name != "prose" && !slices.ContainsFunc(cases, func(c bench.Case) bool { return c.Name == name }) {
					return fail(stderr, "bench", 2, fmt.Errorf("no measure %q", name))
				}
			}
			cases = slices.DeleteFunc(cases, func(c bench.Case) bool { return !slices.Contains(strings.Split(*only, ","), c.Name) })
		}
		results, err := bench.Measure(cases, *d, *rounds)
		if err != nil {
			return fail(stderr, "bench", 1, err)
		}
		reports = append(reports, bench.Report{Text: t, Results: results})
	}
	if err := bench.WriteTable(stdout, reports); err != nil {
		return fail(stderr, "bench", 1, err)
	}
	return 0
}
