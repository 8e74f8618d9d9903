package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"unicode/utf8"
)

// JSONL yields the documents of a JSON Lines corpus, one object
// {"id": "...", "text": "..."} per line, read from r in a streaming way.
// source names r in errors and Source fields (as source:line). A line that
// is malformed, lacks text or is over the size limit is an item with an
// error; blank lines are skipped. A line without an id gets source:line as
// its id.
func (o Options) JSONL(r io.Reader, source string) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		max := o.maxBytes()
		for n := 1; ; n++ {
			line, tooLong, err := readLine(br, max)
			if len(bytes.TrimSpace(line)) > 0 || tooLong {
				if !yield(o.parseLine(line, tooLong, source, n)) {
					return
				}
			}
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(Item{ID: source + ":" + strconv.Itoa(n), Source: source, Err: fmt.Errorf("%s: line %d: %w", source, n, err)})
				return
			}
		}
	}
}

func (o Options) parseLine(line []byte, tooLong bool, source string, n int) Item {
	where := source + ":" + strconv.Itoa(n)
	it := Item{ID: where, Source: where, Size: int64(len(line))}
	if tooLong {
		it.Err = fmt.Errorf("%s: %w (over %d bytes)", where, ErrTooLarge, o.maxBytes())
		return it
	}
	// encoding/json would quietly turn invalid bytes into U+FFFD; a text
	// file with them is refused, and so is a line.
	if !utf8.Valid(line) {
		it.Err = fmt.Errorf("%s: invalid UTF-8", where)
		return it
	}
	var rec struct {
		ID   *string `json:"id"`
		Text *string `json:"text"`
	}
	if err := json.Unmarshal(line, &rec); err != nil {
		it.Err = fmt.Errorf("%s: malformed JSON: %w", where, err)
		return it
	}
	if rec.ID != nil && *rec.ID != "" {
		it.ID = *rec.ID
	}
	switch {
	case rec.Text == nil:
		it.Err = fmt.Errorf("%s: no \"text\" field", where)
	case *rec.Text == "":
		it.Err = fmt.Errorf("%s: %w", where, ErrEmpty)
	default:
		it.Text = *rec.Text
		it.Size = int64(len(it.Text))
	}
	return it
}

// readLine reads one line without its newline. A line longer than max is
// consumed but not kept: tooLong reports it.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		return line, tooLong, err
	}
}
