// axe-core (npm, pinned in package.json) in a playwright page: inject it and report the
// serious and critical findings in a form a person can act on.
//
// The source goes in through page.evaluate (the DevTools protocol's Runtime.evaluate), not a
// <script> element, so the app's Content-Security-Policy never decides whether the test runs:
// it neither needs 'unsafe-inline' nor a CSP bypass that would hide the app's real policy.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
let source;

/** The impacts that fail a test. */
export const BLOCKING = ['serious', 'critical'];

/** Loads axe into the page (once per document). */
export async function injectAxe(page) {
  source ??= await readFile(AXE_PATH, 'utf8');
  const present = await page.evaluate(() => typeof window.axe === 'object').catch(() => false);
  if (!present) await page.evaluate(source);
}

/** Runs axe on the page (or `include`, a selector; `iframes: false` leaves frames out, e.g. a
 *  sandboxed one without scripts, which is then tested on its own) and returns every violation whose impact
 *  is serious or critical, each as {id, impact, help, nodes: [{target, summary}]}. */
export async function seriousViolations(page, { include, disable = [], iframes = true } = {}) {
  await injectAxe(page);
  const result = await page.evaluate(async ({ include, disable, iframes }) => {
    const rules = Object.fromEntries(disable.map((id) => [id, { enabled: false }]));
    const r = await window.axe.run(include ? { include: [include] } : document, {
      resultTypes: ['violations', 'incomplete'],
      rules,
      iframes,
    });
    // axe files text the same colour as its background (1:1) under "needs review", in case it
    // is hidden on purpose; here nothing is, so it is the serious contrast failure it looks
    // like (a red verdict's text once went red on red that way).
    const equal = r.incomplete
      .filter((v) => v.id === 'color-contrast')
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => n.any.some((c) => c.data?.messageKey === 'equalRatio')) }))
      .filter((v) => v.nodes.length)
      .map((v) => ({ ...v, impact: 'serious', help: `${v.help} (text the colour of its background)` }));
    return [...r.violations, ...equal].map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, impact: n.impact, summary: n.failureSummary })),
    }));
  }, { include, disable, iframes });
  return result.filter((v) => BLOCKING.includes(v.impact));
}

/** Violations as readable lines: rule, impact, help, then each element and why. */
export function formatViolations(violations) {
  return violations.map((v) => [
    `${v.id} [${v.impact}] ${v.help}`,
    ...v.nodes.slice(0, 8).map((n) => `    ${JSON.stringify(n.target)}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`),
    v.nodes.length > 8 ? `    … and ${v.nodes.length - 8} more` : '',
  ].filter(Boolean).join('\n')).join('\n');
}

/** Fails (throws an AssertionError-like Error) when axe finds anything serious or critical. */
export async function expectNoSerious(page, label, opts) {
  const v = await seriousViolations(page, opts);
  if (v.length) {
    const err = new Error(`axe on ${label}: ${v.length} serious/critical violation(s)\n${formatViolations(v)}`);
    err.violations = v;
    throw err;
  }
  return v;
}
