#!/bin/sh
# run.sh reproduces BENCHMARKS.md: gloss bench (each stage, the pipeline and
# prose, one core), wink-nlp's whole pipeline on the same texts, cold starts
# of gloss annotate and of prose, batch throughput with 1 and 2 workers, and
# peak memory while annotating a large generated corpus.
#
# Usage: bench/run.sh [throughput|cold|batch|memory|all]
#
# Environment: TIME (per measure, default 2s), CORPUS (generated corpus for
# throughput, default 1MB), BATCH (corpus for the -j2/-j1 ratio, default
# 20MB), MEMORY (corpus for peak memory, default 200MB), WORK (scratch
# directory, default a new one under /tmp, removed at exit).
set -eu

cd "$(dirname "$0")/.."
TIME=${TIME:-2s}
CORPUS=${CORPUS:-1MB}
BATCH=${BATCH:-20MB}
MEMORY=${MEMORY:-200MB}
what=${1:-all}
if [ -z "${WORK:-}" ]; then
	WORK=$(mktemp -d)
	trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"

# One core for the throughput comparison, when taskset is there.
one=""
if command -v taskset >/dev/null; then one="taskset -c 0"; fi

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3-), node $(node --version 2>/dev/null || echo missing)"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
go build -o "$WORK/gloss" ./cmd/gloss
go build -o "$WORK/prosecold" ./bench/prosecold

# mbps prints the MB/s column of the rows of a gloss bench table whose
# measure is $1, one per text.
mbps() { awk -F'│' -v m="$1" '{ gsub(/ /, "", $3); gsub(/ /, "", $4) } $3 == m { print $4 }' "$WORK/gloss-bench.txt"; }

throughput() {
	echo "== gloss bench -time $TIME -corpus-size $CORPUS (GOMAXPROCS 1${one:+, $one})"
	$one "$WORK/gloss" bench -time "$TIME" -corpus-size "$CORPUS" | tee "$WORK/gloss-bench.txt"
	"$WORK/gloss" bench -corpus-size "$CORPUS" -write-texts "$WORK/texts"
	echo "== wink-nlp on the same texts${one:+ ($one)}"
	(cd bench/wink && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; })
	secs=$(echo "$TIME" | awk '/ms$/ { print $0 / 1000; next } /m$/ { print $0 * 60; next } { print $0 + 0 }')
	$one node bench/wink/wink.js "$WORK/texts" "$secs" | tee "$WORK/wink.txt"
	echo "== head to head, alternating 3 times, best of each: gloss pipeline (text to JSON) vs wink-nlp readDoc"
	: >"$WORK/h2h.txt"
	for i in 1 2 3; do
		$one "$WORK/gloss" bench -time "$TIME" -corpus-size "$CORPUS" -measures pipeline >"$WORK/gloss-bench.txt"
		mbps pipeline | paste - - | awk '{ print "gloss essay", $1; print "gloss corpus", $2 }' >>"$WORK/h2h.txt"
		$one node bench/wink/wink.js "$WORK/texts" "$secs" |
			awk -F'\t' '$3 == "readDoc" { print "wink", ($2 == "essay" ? "essay" : "corpus"), $4 + 0 }' >>"$WORK/h2h.txt"
	done
	awk '{ k = $1 " " $2; if ($3 > best[k]) best[k] = $3; runs[k] = runs[k] " " $3 }
		END { for (t = 1; t <= 2; t++) { x = (t == 1 ? "essay" : "corpus"); g = best["gloss " x]; w = best["wink " x]
			printf "%-6s gloss %.2f MB/s (runs:%s), wink-nlp %.2f MB/s (runs:%s): gloss/wink %.2f×\n", x, g, runs["gloss " x], w, runs["wink " x], g / w } }' "$WORK/h2h.txt"
}

cold() {
	echo "== cold start: the essay, process start to exit"
	if command -v hyperfine >/dev/null; then
		hyperfine -N -w 3 -r 20 "$WORK/gloss annotate corpus/sco-essay.txt" "$WORK/prosecold corpus/sco-essay.txt"
	else
		for cmd in "$WORK/gloss annotate corpus/sco-essay.txt" "$WORK/prosecold corpus/sco-essay.txt"; do
			start=$(date +%s%N)
			for i in 1 2 3 4 5 6 7 8 9 10; do $cmd >/dev/null; done
			echo "$cmd: $(( ($(date +%s%N) - start) / 10000000 )) ms mean of 10"
		done
	fi
}

# annotate runs gloss annotate over corpus $1 with $2 workers under
# /usr/bin/time and prints its wall time, throughput, CPU time (user+sys,
# and as a share of one core) and peak memory. On a machine busy with other
# work, CPU seconds per MB show what the wall time cannot: whether more
# workers cost more CPU per byte.
annotate() {
	/usr/bin/time -v "$WORK/gloss" annotate -q -j "$2" "$1" 2>"$WORK/time.txt" >/dev/null
	awk -F': ' -v bytes="$(du -sb "$1" | cut -f1)" -v j="$2" '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
		/User time|System time/ { cpu += $2 }
		/Maximum resident set size/ { rss = $2 }
		END { mb = bytes / 1e6; printf "-j%d: %.1f MB in %.1f s = %.2f MB/s; CPU %.1f s (%.0f%% of a core, %.2f s/MB); peak RSS %.0f MB\n", j, mb, wall, mb / wall, cpu, 100 * cpu / wall, cpu / mb, rss / 1024 }' "$WORK/time.txt"
}

batch() {
	echo "== batch: gloss annotate -j1 and -j2 on a generated $BATCH corpus of 100KB documents"
	"$WORK/gloss" bench -corpus-size "$BATCH" -doc-size 100KB -write-texts "$WORK/batch"
	dir="$WORK/batch/corpus-$BATCH"
	j1=$(annotate "$dir" 1); echo "$j1"
	j2=$(annotate "$dir" 2); echo "$j2"
	echo "$j1 $j2" | awk '{ for (i = 1; i <= NF; i++) if ($i == "MB/s;") r[++n] = $(i - 1) } END { printf "-j2/-j1 throughput: %.2f×\n", r[2] / r[1] }'
}

memory() {
	echo "== peak memory: gloss annotate (-j$(nproc)) on a generated $MEMORY corpus of 100KB documents"
	"$WORK/gloss" bench -corpus-size "$MEMORY" -doc-size 100KB -write-texts "$WORK/memory"
	annotate "$WORK/memory/corpus-$MEMORY" "$(nproc)"
	rm -rf "$WORK/memory"
}

case $what in
throughput | cold | batch | memory) $what ;;
all) throughput; cold; batch; memory ;;
*) echo "usage: bench/run.sh [throughput|cold|batch|memory|all]" >&2; exit 2 ;;
esac
