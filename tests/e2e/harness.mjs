// Shared e2e plumbing: a static server for dist/, Debian's Chromium, console-error guard.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const FIXTURES = join(ROOT, 'fixtures', 'generated');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

/** Serves dist/ on 127.0.0.1. Refuses to start when the port is taken: a stale server
 *  would make the tests pass against old files. */
export async function startServer(port = Number(process.env.E2E_PORT || 8765)) {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('dist/index.html missing: run `trunk build --release` first');
  });
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(DIST, path === '/' ? 'index.html' : path));
    if (!file.startsWith(DIST)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', (e) => fail(e.code === 'EADDRINUSE'
      ? new Error(`port ${port} is taken: stop the other server first (a stale one would serve old files)`)
      : e));
    server.listen(port, '127.0.0.1', ok);
  });
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((r) => server.close(r)) };
}

/** Debian's Chromium, headless, with no background traffic. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** A page that records console errors, page errors and requests to other origins. */
export async function openPage(browser, server, { viewport = { width: 1280, height: 900 }, context } = {}) {
  const ctx = context || await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:')) problems.push(`foreign request: ${u}`);
  });
  page.problems = problems;
  page.setDefaultTimeout(10000);
  return { page, ctx };
}

/** Waits until the app has mounted. */
export async function appReady(page) {
  await page.waitForSelector('nav.steps', { timeout: 30000 });
}

/** Saves a screenshot under test-artifacts/. */
export async function screenshot(page, name, opts = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, ...opts });
  return path;
}

/** Opens a unit-flow step by its slug and waits for its heading. */
export async function goToStep(page, server, slug, heading) {
  await page.goto(server.url + '#/' + slug);
  await page.waitForFunction((h) => document.querySelector('main h2')?.textContent.includes(h), heading);
}
