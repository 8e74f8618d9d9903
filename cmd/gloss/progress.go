package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gloss-nlp/gloss/batch"
	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
)

// isTerminal reports whether w is a terminal, where a progress bar is
// welcome; in logs and pipes it is noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// newProgress returns a progress callback that draws a bar on w: documents
// done of total (-1 when unknown, as for a stream), megabytes, rate and
// estimated time left.
func newProgress(w io.Writer, total int) (update func(batch.Stats), finish func()) {
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("annotating"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)
	return func(s batch.Stats) {
			bar.Describe(fmt.Sprintf("%.1f MB, %d failed", float64(s.Bytes)/1e6, s.Failed))
			bar.Set(s.Documents)
		}, func() {
			bar.Finish()
			fmt.Fprintln(w)
		}
}
