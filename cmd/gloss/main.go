// Command gloss annotates text with stand-off layers (layout, sentences,
// tokens, entities, dates, quotations, enumerations, quantities) and works
// with the resulting gloss/v1 documents.
//
// Usage:
//
//	gloss annotate [flags] [FILE…|DIR|CORPUS.jsonl|-]
//	gloss diff OLD.json NEW.json
//	gloss golden check|update --corpus DIR --golden DIR
//	gloss table [FILE.json|OUTDIR]
//	gloss export --format brat|conllu|html [-o DIR] FILE.json…
//	gloss bench [-time 2s] [-corpus-size 1MB] [-cpu 1] [-write-texts DIR]
//
// Run gloss COMMAND --help for each command's flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// A command is one gloss subcommand. run returns the exit status.
type command struct {
	name    string
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands = []command{
	{"annotate", "annotate texts and print or write gloss/v1 documents", annotateCmd},
	{"diff", "print the semantic difference between two gloss/v1 documents", diffCmd},
	{"golden", "check or update golden files for a corpus", goldenCmd},
	{"table", "summarise gloss/v1 documents in terminal tables", tableCmd},
	{"export", "export gloss/v1 documents as brat standoff, CoNLL-U or HTML", exportCmd},
	{"bench", "measure each stage's, the pipeline's and prose's throughput", benchCmd},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "gloss: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: gloss COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun gloss COMMAND --help for a command's flags.")
}

// newFlags returns a flag set that reports errors and --help to stderr.
func newFlags(name, usageLine string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: gloss %s %s\n", name, usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after operands (gloss annotate
// DIR -o OUT), and returns the exit status to use if parsing ended the
// command (0 for --help, 2 for a bad flag). The operands are left in
// fs.Args.
func parseFlags(fs *flag.FlagSet, args []string) (status int, stop bool) {
	var operands []string
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			return 0, true
		case err != nil:
			return 2, true
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			operands = append(operands, rest...) // everything after -- is an operand
			break
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
	fs.Parse(append([]string{"--"}, operands...))
	return 0, false
}

// fail prints an error for command name and returns status.
func fail(stderr io.Writer, name string, status int, err error) int {
	fmt.Fprintf(stderr, "gloss %s: %v\n", name, err)
	return status
}
