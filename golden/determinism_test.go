package golden_test

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/gloss-nlp/gloss/batch"
	"github.com/gloss-nlp/gloss/corpus"
	"github.com/gloss-nlp/gloss/internal/textgen"
	"github.com/gloss-nlp/gloss/pipeline"
)

// texts returns the essay and n generated documents of varied sizes.
func texts(n int) []string {
	out := []string{corpus.Essay}
	for i := range n {
		out = append(out, textgen.Document(uint64(100+i), 500+i*300))
	}
	return out
}

func encode(t testing.TB, p *pipeline.Pipeline, id, text string) []byte {
	b, err := batch.Encode(context.Background(), p, corpus.Item{ID: id, Source: id, Text: text}, false)
	if err != nil {
		t.Error(err)
	}
	return b
}

// TestConcurrentAnnotate annotates different documents from 8 goroutines
// at once with one pipeline, so that every stage's shared models and
// gazetteers are read concurrently (run with -race), and checks that each
// output equals the serial one.
func TestConcurrentAnnotate(t *testing.T) {
	p := standard(t)
	docs := texts(23)
	want := make([][]byte, len(docs))
	for i, text := range docs {
		want[i] = encode(t, p, fmt.Sprint(i), text)
	}
	got := make([][]byte, len(docs))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			// Each goroutine takes every 8th document, starting at a
			// different one, and goes through them twice.
			for range 2 {
				for i := g; i < len(docs); i += 8 {
					got[i] = encode(t, p, fmt.Sprint(i), docs[i])
				}
			}
		})
	}
	wg.Wait()
	for i := range docs {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("document %d: concurrent output differs from serial output", i)
		}
	}
}

// TestGOMAXPROCS checks that a batch's JSON Lines output is byte-identical
// whatever GOMAXPROCS and the worker count.
func TestGOMAXPROCS(t *testing.T) {
	p := standard(t)
	docs := texts(11)
	items := func(yield func(corpus.Item) bool) {
		for i, text := range docs {
			if !yield(corpus.Item{ID: fmt.Sprint(i), Source: "gen", Text: text, Size: int64(len(text))}) {
				return
			}
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first []byte
	for _, procs := range []int{1, 2, 4} {
		for _, workers := range []int{1, 3} {
			runtime.GOMAXPROCS(procs)
			var out bytes.Buffer
			job := &batch.Job{Pipeline: p, Workers: workers, Out: &out}
			rep, err := job.Run(context.Background(), items)
			if err != nil || !rep.OK() || rep.Annotated != len(docs) {
				t.Fatalf("GOMAXPROCS=%d workers=%d: %v %+v", procs, workers, err, rep)
			}
			if first == nil {
				first = out.Bytes()
			} else if !bytes.Equal(out.Bytes(), first) {
				t.Errorf("GOMAXPROCS=%d workers=%d: output differs from GOMAXPROCS=1 workers=1", procs, workers)
			}
		}
	}
}
