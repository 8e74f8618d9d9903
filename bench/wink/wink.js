// wink.js times wink-nlp's whole default pipeline (tokens, sentences,
// negation, sentiment, part-of-speech tags, entities, custom entities) on
// the texts that `gloss bench -write-texts DIR` writes, and prints each
// text's throughput in MB/s (10^6 bytes of UTF-8 a second), as gloss bench
// does.
//
// Usage: node wink.js DIR [SECONDS]
'use strict';

const fs = require('fs');
const path = require('path');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const dir = process.argv[2];
const seconds = Number(process.argv[3] || 2);
if (!dir || !(seconds > 0)) {
  console.error('usage: node wink.js DIR [SECONDS]');
  process.exit(2);
}

const nlp = winkNLP(model); // the default pipe: every annotation the model has
const its = nlp.its;

// Each measure processes every document of a text once.
const measures = {
  readDoc: (docs) => {
    for (const text of docs) nlp.readDoc(text);
  },
  // Also takes out what gloss's JSON holds: tokens with their tags,
  // sentences and entities, serialised.
  'readDoc+json': (docs) => {
    for (const text of docs) {
      const doc = nlp.readDoc(text);
      JSON.stringify({
        tokens: doc.tokens().out(its.value),
        pos: doc.tokens().out(its.pos),
        sentences: doc.sentences().out(its.span),
        entities: doc.entities().out(its.detail),
      });
    }
  },
};

function time(fn, docs) {
  fn(docs); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (n === 0 || elapsed < seconds) {
    fn(docs);
    n++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { n, elapsed };
}

for (const name of fs.readdirSync(dir).sort()) {
  const sub = path.join(dir, name);
  if (!fs.statSync(sub).isDirectory()) continue;
  const docs = fs.readdirSync(sub).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => fs.readFileSync(path.join(sub, f), 'utf8'));
  const bytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d, 'utf8'), 0);
  for (const [measure, fn] of Object.entries(measures)) {
    const { n, elapsed } = time(fn, docs);
    const mbps = bytes * n / 1e6 / elapsed;
    console.log(`wink-nlp\t${name}\t${measure}\t${mbps.toFixed(2)} MB/s\t${(elapsed * 1e9 / n / bytes).toFixed(1)} ns/byte`);
  }
}
