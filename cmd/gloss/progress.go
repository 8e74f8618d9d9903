package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gloss-nlp/gloss/batch"
	"github.com/mattn/go-isatty"
)

// isTerminal reports whether w is a terminal, where a progress line is
// welcome; in logs and pipes it is noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// newProgress returns a progress callback that redraws one status line at
// most ten times a second.
func newProgress(w io.Writer) func(batch.Stats) {
	var last time.Time
	return func(s batch.Stats) {
		if time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		rate := float64(s.Bytes) / 1e6 / s.Elapsed.Seconds()
		fmt.Fprintf(w, "\r%d documents (%d failed), %.1f MB, %.1f MB/s ", s.Documents, s.Failed, float64(s.Bytes)/1e6, rate)
	}
}
