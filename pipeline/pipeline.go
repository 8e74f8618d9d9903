package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
)

// A Pipeline runs annotators in order over documents. It is safe for
// concurrent use if its annotators are.
type Pipeline struct {
	stages []Annotator
}

// New returns a pipeline of the given stages. It fails if a stage requires
// a layer that no earlier stage provides, or if two stages provide the same
// layer.
func New(stages ...Annotator) (*Pipeline, error) {
	provider := make(map[string]string) // layer -> stage name
	for _, a := range stages {
		for _, need := range a.Requires() {
			if _, ok := provider[need]; !ok {
				return nil, fmt.Errorf("pipeline: stage %s requires layer %q, which no earlier stage provides", a.Name(), need)
			}
		}
		for _, layer := range a.Provides() {
			if other, ok := provider[layer]; ok {
				return nil, fmt.Errorf("pipeline: stages %s and %s both provide layer %q", other, a.Name(), layer)
			}
			provider[layer] = a.Name()
		}
	}
	return &Pipeline{stages: slices.Clone(stages)}, nil
}

// Stages returns the name and version of each stage, in order.
func (p *Pipeline) Stages() []Stage {
	out := make([]Stage, len(p.stages))
	for i, a := range p.stages {
		out[i] = Stage{a.Name(), a.Version()}
	}
	return out
}

// Version returns one string that changes whenever any stage's name,
// version or position changes; batch jobs record it to tell stale output.
func (p *Pipeline) Version() string {
	return Version(p.Stages())
}

// Version returns the pipeline version string for a list of stages, as
// recorded in a document's "annotators": name@version, comma-separated.
func Version(stages []Stage) string {
	var b strings.Builder
	for i, st := range stages {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(st.Name + "@" + st.Version)
	}
	return b.String()
}

// Layers returns every layer the pipeline provides, in stage order.
func (p *Pipeline) Layers() []string {
	var out []string
	for _, a := range p.stages {
		out = append(out, a.Provides()...)
	}
	return out
}

// Select returns the smallest pipeline, keeping stage order, that provides
// the named layers: their providers and the stages those require.
func (p *Pipeline) Select(layers ...string) (*Pipeline, error) {
	want := make(map[string]bool)
	for _, l := range layers {
		want[l] = true
	}
	keep := make([]bool, len(p.stages))
	// Walk backwards: a stage is kept if it provides a wanted layer, and a
	// kept stage's requirements become wanted.
	for i := len(p.stages) - 1; i >= 0; i-- {
		a := p.stages[i]
		for _, l := range a.Provides() {
			if want[l] {
				keep[i] = true
				delete(want, l)
			}
		}
		if keep[i] {
			for _, need := range a.Requires() {
				want[need] = true
			}
		}
	}
	if len(want) > 0 {
		missing := make([]string, 0, len(want))
		for l := range want {
			missing = append(missing, l)
		}
		slices.Sort(missing)
		return nil, fmt.Errorf("pipeline: no stage provides %s (available: %s)", strings.Join(missing, ", "), strings.Join(p.Layers(), ", "))
	}
	var stages []Annotator
	for i, a := range p.stages {
		if keep[i] {
			stages = append(stages, a)
		}
	}
	return New(stages...)
}

// Annotate runs every stage over doc. It stops at the first stage that
// fails, panics or leaves a malformed layer, and when ctx is done.
func (p *Pipeline) Annotate(ctx context.Context, doc *Document) error {
	for _, a := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := run(ctx, a, doc); err != nil {
			return fmt.Errorf("%s: %s: %w", doc.Source, a.Name(), err)
		}
		for _, layer := range a.Provides() {
			if err := check(doc, layer); err != nil {
				return fmt.Errorf("%s: %s: %w", doc.Source, a.Name(), err)
			}
		}
		doc.stages = append(doc.stages, Stage{a.Name(), a.Version()})
	}
	return nil
}

// run calls the annotator, turning a panic into an error so that one bad
// document never takes down a batch.
func run(ctx context.Context, a Annotator, doc *Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	return a.Annotate(ctx, doc)
}
