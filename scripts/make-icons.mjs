// Renders static/icon.svg to the PNG icons the web app manifest names (run once after the
// SVG changes; the PNGs are committed). Uses Debian's Chromium through playwright-core.
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const svg = await readFile(new URL('../static/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [size, name, pad] of [[192, 'icon-192.png', 0], [512, 'icon-512.png', 0], [512, 'icon-maskable-512.png', 0.1]]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const inner = Math.round(size * (1 - 2 * pad));
  // The maskable icon keeps its picture inside the safe zone on a full-bleed background.
  await page.setContent(`<body style="margin:0;background:${pad ? '#b3261e' : 'transparent'};display:grid;place-items:center;height:${size}px">
    <img style="width:${inner}px;height:${inner}px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body>`);
  await page.screenshot({ path: new URL(`../static/${name}`, import.meta.url).pathname, omitBackground: !pad });
  await page.close();
}
await browser.close();
console.log('icons written to static/');
