package export

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/gloss-nlp/gloss/corpus"
)

var screenshot = flag.String("screenshot", "", "also write the browser test's screenshot of the HTML view to `FILE` (the README's is ../docs/html-view.png)")

// chromium returns the path of a Chromium or Chrome binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	return ""
}

// A shownSpan is what the page shows of a highlight element.
type shownSpan struct {
	Layer string `json:"layer"`
	Class string `json:"cls"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	ID    string `json:"id"`
	Text  string `json:"text"`
	Rects int    `json:"rects"`
}

// TestHTMLInBrowser opens the essay's page in headless Chromium and checks
// that it renders, that the highlights hold the text their spans say,
// that the legend's check boxes hide and show layers and labels, that the
// tooltip shows a quotation's details, and that the page fetches nothing.
// It saves a screenshot under $GLOSS_ARTIFACTS, or the temporary
// directory. Without Chromium it is skipped, except in CI (CI=true),
// where it fails.
func TestHTMLInBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed: CI must run the browser test (.ci/run installs Debian's chromium package)")
		}
		t.Skip("chromium is not installed")
	}
	began := time.Now()
	d := annotate(t, corpus.Essay)
	it := corpus.EssayItem()
	d.Doc.ID, d.Doc.Source = it.ID, it.Source
	var page bytes.Buffer
	if err := WriteHTML(&page, d, corpus.Essay); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "sco-essay.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	profile, err := os.MkdirTemp("", "gloss-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Chromium's helpers can write to the profile a moment after it
		// stops.
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1200, 900),
	)
	ctx, cancel = chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	ctx, cancel = chromedp.NewContext(ctx)
	defer cancel()
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	do("open the page", chromedp.EmulateViewport(1200, 900), chromedp.Navigate("file://"+filepath.ToSlash(file)))

	// It renders: the title, the headings, and nothing fetched.
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if title != "sco-essay · gloss" {
		t.Errorf("title %q", title)
	}
	headings := 0
	for _, sp := range d.Layer("paragraphs").Spans {
		if sp.String("kind") == "heading" {
			headings++
		}
	}
	if got := eval(`String(document.querySelectorAll("main h2").length)`); got != fmt.Sprint(headings) {
		t.Errorf("%s h2 elements, want %d", got, headings)
	}
	if got := eval(`String(performance.getEntriesByType("resource").length)`); got != "0" {
		t.Errorf("the page fetched %s resources", got)
	}

	// Every span of the highlighted layers is on the page, laid out, and
	// its fragments hold its text (page breaks and the blank lines between
	// paragraphs left out).
	elems, err := chromedp.Run(ctx, chromedp.Evaluate[[]shownSpan](`Array.from(document.querySelectorAll("main .hl"), e => ({
		layer: e.dataset.layer, cls: e.className, start: +e.dataset.start, end: +e.dataset.end,
		id: e.dataset.id, text: e.textContent, rects: e.getClientRects().length}))`))
	if err != nil {
		t.Fatal(err)
	}
	shown := make([]bool, len(corpus.Essay))
	for _, sp := range d.Layer("paragraphs").Spans {
		for i := sp.Start; i < sp.End; i++ {
			shown[i] = true
		}
	}
	for _, sp := range d.Layer("page_breaks").Spans {
		shown[sp.Start] = false
	}
	byID := map[string]*shownSpan{}
	for _, e := range elems {
		if e.Rects == 0 {
			t.Errorf("%s %d:%d is not laid out", e.Layer, e.Start, e.End)
		}
		if f := byID[e.ID]; f != nil {
			f.Text += e.Text
			continue
		}
		byID[e.ID] = &e
	}
	found := map[string]bool{}
	for _, e := range byID {
		found[fmt.Sprint(e.Layer, e.Start, e.End)] = true
		var want strings.Builder
		for i := e.Start; i < e.End; i++ {
			if shown[i] {
				want.WriteByte(corpus.Essay[i])
			}
		}
		if e.Text != want.String() {
			t.Errorf("%s %d:%d shows %q, want %q", e.Layer, e.Start, e.End, e.Text, want.String())
		}
	}
	checked := 0
	for _, name := range []string{"entities", "dates", "quantities", "quotations", "enumerations"} {
		for _, sp := range d.Layer(name).Spans {
			checked++
			if !found[fmt.Sprint(name, sp.Start, sp.End)] {
				t.Errorf("%s %d:%d %q is not on the page", name, sp.Start, sp.End, sp.Text)
			}
		}
	}
	if checked < 300 {
		t.Errorf("only %d spans checked", checked)
	}

	// The check boxes: dates lose their colour and get it back; hiding one
	// entity label leaves the others.
	bg := func(sel string) string {
		return eval(`getComputedStyle(document.querySelector(` + jsString(sel) + `)).backgroundColor`)
	}
	const none = "rgba(0, 0, 0, 0)"
	date, quote := `.hl[data-layer="dates"]`, `.hl[data-layer="quotations"]`
	labelClass := func(label string) string {
		return eval(`Array.from(document.querySelectorAll(".labels .sw")).find(s => s.textContent === ` + jsString(label) + `).classList[2]`)
	}
	orgClass := labelClass("ORG")
	org, gpe := `.hl.`+orgClass, `.hl.`+labelClass("GPE")
	before := map[string]string{date: bg(date), quote: bg(quote), org: bg(org), gpe: bg(gpe)}
	for sel, c := range before {
		if c == none {
			t.Errorf("%s has no background", sel)
		}
	}
	do("hide dates", chromedp.Click(chromedp.CSS(`input[data-toggle="dates"]`)))
	if got := bg(date); got != none {
		t.Errorf("hidden dates have background %s", got)
	}
	if !strings.Contains(eval(`document.body.className`), "hide-dates") {
		t.Error("body has no hide-dates class")
	}
	if got := bg(quote); got != before[quote] {
		t.Errorf("hiding dates changed the quotations' background from %s to %s", before[quote], got)
	}
	do("show dates", chromedp.Click(chromedp.CSS(`input[data-toggle="dates"]`)))
	if got := bg(date); got != before[date] {
		t.Errorf("shown dates have background %s, want %s", got, before[date])
	}
	do("hide ORG", chromedp.Click(chromedp.CSS(`input[data-toggle="`+orgClass+`"]`)))
	if got := bg(org); got != none {
		t.Errorf("hidden ORG entities have background %s", got)
	}
	if got := bg(gpe); got != before[gpe] {
		t.Errorf("hiding ORG changed GPE's background from %s to %s", before[gpe], got)
	}
	do("show ORG", chromedp.Click(chromedp.CSS(`input[data-toggle="`+orgClass+`"]`)))

	// The tooltip of a quotation names its kind and speaker, and outlines
	// the speaker.
	hover := func(sel string) {
		t.Helper()
		xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
			const e = document.querySelector(`+jsString(sel)+`);
			e.scrollIntoView({block: "center"});
			const r = e.getClientRects()[0];
			return [r.left + 2, r.top + r.height / 2];
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		do("hover "+sel, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0], xy[1]))
	}
	hover(`.hl[data-layer="quotations"][data-speaker]`)
	tip := eval(`(document.getElementById("tip").hidden ? "hidden: " : "") + document.getElementById("tip").textContent`)
	if !strings.HasPrefix(tip, "quotation direct") || !strings.Contains(tip, "speaker: ") {
		t.Errorf("tooltip %q", tip)
	}
	if got := eval(`String(document.querySelectorAll(".hl.speaker.hot").length)`); got == "0" {
		t.Error("the quotation's speaker is not outlined")
	}

	// The screenshot: the top of the page, the pointer on the first
	// enumeration marker.
	do("scroll up", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
		const r = document.querySelector(".hl.enum-marker").getClientRects()[0];
		return [r.left + 2, r.top + r.height / 2];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	do("hover the marker", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0], xy[1]))
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	out := os.Getenv("GLOSS_ARTIFACTS")
	if out == "" {
		out = os.TempDir()
	}
	paths := []string{filepath.Join(out, "gloss-html-view.png")}
	if *screenshot != "" {
		paths = append(paths, *screenshot)
	}
	for _, p := range paths {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
	t.Logf("%d highlight elements, %d spans checked in %v", len(elems), checked, time.Since(began).Round(time.Millisecond))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return quote(s) // JSON strings are JavaScript strings
}
