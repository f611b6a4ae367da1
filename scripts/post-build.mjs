// Trunk post-build hook: writes the service worker with the list of every file of this build
// (Trunk's hashed names included) and a version that changes whenever any file changes.
// Made at build time so the precache list can never go stale by hand.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { buildSingleFile } from './single-file.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run through trunk build)');
  process.exit(1);
}

// Pages a visitor never needs offline, and the worker itself.
const SKIP = new Set(['sw.js', 'embed.html', 'embed-host.js', 'baosong.html']);

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

// The single-file edition first: it is offered for download, not precached.
const single = await buildSingleFile(stage);
console.log(`post-build: baosong.html (single file), ${single} bytes`);

const files = (await walk(stage))
  .map((p) => relative(stage, p).split(sep).join('/'))
  .filter((f) => !SKIP.has(f))
  .sort();
const hash = createHash('sha256');
for (const f of files) {
  hash.update(f + '\0');
  hash.update(await readFile(join(stage, f)));
}
const version = hash.digest('hex').slice(0, 16);
const template = await readFile(join(ROOT, 'src/web/sw-template.js'), 'utf8');
const sw = template
  .replace('__BAOSONG_VERSION__', version)
  .replace('__BAOSONG_FILES__', JSON.stringify(['./', ...files.map((f) => './' + f)], null, 1));
await writeFile(join(stage, 'sw.js'), sw);
console.log(`post-build: sw.js precaches ${files.length} files, version ${version}`);
