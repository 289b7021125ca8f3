// Minifies clickstream.js with terser into the file the gateway serves at GET /sdk/clickstream.js,
// and fails the build when it is larger than the budget once gzipped (what a browser downloads).
// Usage: node build.mjs <output file>   (the Maven build passes target/classes/sdk/clickstream.min.js)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

const GZIP_BUDGET_BYTES = 2560;

const here = dirname(fileURLToPath(import.meta.url));
const output = process.argv[2];
if (!output) {
  console.error('usage: node build.mjs <output file>');
  process.exit(2);
}
const source = readFileSync(join(here, 'clickstream.js'), 'utf8');
const result = await minify(source, {
  ecma: 2017,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: /^!/ }
});
const minified = Buffer.from(result.code + '\n', 'utf8');
const gzipped = gzipSync(minified, { level: 9 }).length;
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, minified);
const summary = `clickstream.js: ${source.length} bytes source, ${minified.length} minified, ${gzipped} gzipped (budget ${GZIP_BUDGET_BYTES})`;
if (gzipped > GZIP_BUDGET_BYTES) {
  console.error(`${summary}: over the budget; make the tracker smaller (see ingest-gateway/README.md, "JavaScript tracker")`);
  process.exit(1);
}
console.log(summary);
