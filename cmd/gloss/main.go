// Command gloss annotates text with gloss's standard pipeline.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/gloss-nlp/gloss/annotators"
	"github.com/gloss-nlp/gloss/pipeline"
)

func main() {
	if len(os.Args) < 3 || os.Args[1] != "annotate" {
		fmt.Fprintln(os.Stderr, "usage: gloss annotate FILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "gloss:", err)
		os.Exit(1)
	}
	doc, err := pipeline.NewDocument(os.Args[2], os.Args[2], string(data))
	if err == nil {
		err = annotators.Pipeline(annotators.Options{}).Annotate(context.Background(), doc)
	}
	if err == nil {
		err = doc.WriteJSON(os.Stdout, true)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gloss:", err)
		os.Exit(1)
	}
}
