package pipeline

import "context"

// An Annotator adds layers to a document.
//
// Requires names the layers it reads, which earlier stages must provide;
// Provides names the layers it sets, each of which it must set on every
// document (an empty layer is still a layer). Annotate may be called from
// many goroutines at once, on different documents: an annotator keeps no
// per-document state outside the document.
type Annotator interface {
	Name() string
	Version() string
	Requires() []string
	Provides() []string
	Annotate(ctx context.Context, doc *Document) error
}
