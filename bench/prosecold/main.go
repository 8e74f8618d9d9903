// Command prosecold is prose's equivalent of a cold gloss annotate, for
// timing process start to exit: it reads one text file, runs all of
// prose's stages (tokenize, segment, tag, extract) with its default model,
// loaded as prose loads it, and prints the tokens, sentences and entities
// as JSON. bench/run.sh times it beside gloss annotate.
//
// Usage: prosecold FILE
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/jdkato/prose/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: prosecold FILE")
		os.Exit(2)
	}
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "prosecold:", err)
		os.Exit(1)
	}
	doc, err := prose.NewDocument(string(text))
	if err != nil {
		fmt.Fprintln(os.Stderr, "prosecold:", err)
		os.Exit(1)
	}
	out := struct {
		Tokens    []prose.Token    `json:"tokens"`
		Sentences []prose.Sentence `json:"sentences"`
		Entities  []prose.Entity   `json:"entities"`
	}{doc.Tokens(), doc.Sentences(), doc.Entities()}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "prosecold:", err)
		os.Exit(1)
	}
}
