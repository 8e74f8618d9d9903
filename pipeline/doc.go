// Package pipeline holds gloss's document model and its stage runner.
//
// A Document is a text plus named layers of stand-off annotations. Each
// annotation covers a Span of the text: a half-open range of UTF-8 byte
// offsets. Annotators add layers; a Pipeline runs them in order, checking
// before it starts that every layer an annotator requires is provided by an
// earlier stage, and checking after each stage that the layers it added are
// well formed (in bounds, on UTF-8 boundaries, sorted, text equal to the
// covered bytes).
//
// The package knows no particular annotator: annotators live in their own
// packages under annotators/ and depend on this one, never the reverse.
package pipeline
