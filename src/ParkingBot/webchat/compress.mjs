// Copies the page's bundles into build/ with Brotli and gzip copies beside them, so the host serves them compressed
// without compressing on each request. Run by the build (ParkingBot.csproj) when a bundle is newer than its copies.
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const bundles = {
  'webchat.js': 'node_modules/botframework-webchat/dist/webchat.js',
  'react.js': 'node_modules/react-for-webchat/umd/react.production.min.js',
};
mkdirSync('build', { recursive: true });
for (const [name, source] of Object.entries(bundles)) {
  const bytes = readFileSync(source);
  writeFileSync(`build/${name}`, bytes);
  writeFileSync(`build/${name}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
  writeFileSync(`build/${name}.gz`, gzipSync(bytes, { level: 9 }));
  console.log(`${name}: ${bytes.length} bytes, br ${readFileSync(`build/${name}.br`).length}, gzip ${readFileSync(`build/${name}.gz`).length}`);
}
