// A small W3C WebDriver client over `fetch`, for the browsers playwright-core cannot drive
// (Debian's Firefox ESR through geckodriver, WebKitGTK through WebKitWebDriver): no npm
// package, no download. Also starts and stops those drivers on free ports.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { access, constants, readdir, writeFile, mkdir } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { homedir } from 'node:os';

/** The W3C key under which a web element's id travels. */
export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

const SETUP = 'run ./scripts/setup.sh (as root or with sudo) to install it';

/** Where `name` is on PATH (or in ~/.cargo/bin, where `cargo install` puts geckodriver). */
async function which(name) {
  const dirs = [...(process.env.PATH || '').split(delimiter), join(homedir(), '.cargo', 'bin')];
  for (const d of dirs) {
    const p = join(d, name);
    try { await access(p, constants.X_OK); return p; } catch { /* next */ }
  }
  return null;
}

async function executable(path) {
  try { await access(path, constants.X_OK); return true; } catch { return false; }
}

/** MiniBrowser lives in the multiarch library directory (x86_64-linux-gnu, aarch64-linux-gnu…). */
async function miniBrowser() {
  for (const d of await readdir('/usr/lib').catch(() => [])) {
    const p = join('/usr/lib', d, 'webkit2gtk-4.1', 'MiniBrowser');
    if (await executable(p)) return p;
  }
  return null;
}

/** The two WebDriver browsers: how to find, start and open a session in each. */
export const BROWSERS = {
  firefox: {
    label: 'Firefox ESR',
    async locate() {
      const binary = '/usr/bin/firefox-esr';
      if (!await executable(binary)) throw new Error(`Firefox ESR is missing (${binary}): ${SETUP} (apt-get install firefox-esr)`);
      const driver = await which('geckodriver');
      if (!driver) throw new Error(`geckodriver is missing (not on PATH nor in ~/.cargo/bin): ${SETUP} (cargo install geckodriver --locked)`);
      return { binary, driver };
    },
    command: ({ binary, driver }, port) => [driver, ['--port', String(port), '--binary', binary]],
    capabilities: ({ binary }, { downloadDir } = {}) => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary,
        args: ['-headless'],
        prefs: {
          // Content console messages go to the browser's stdout, which the driver relays
          // to us: the only place classic WebDriver lets us see console errors in Firefox.
          'devtools.console.stdout.content': true,
          // Downloads land in our directory without a dialog.
          ...(downloadDir ? {
            'browser.download.folderList': 2,
            'browser.download.dir': downloadDir,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
            'browser.helperApps.neverAsk.saveToDisk': 'application/zip',
          } : {}),
        },
      },
    }),
  },
  webkit: {
    label: 'WebKitGTK',
    async locate() {
      const binary = await miniBrowser();
      if (!binary) throw new Error(`WebKitGTK's MiniBrowser is missing (/usr/lib/*/webkit2gtk-4.1/MiniBrowser): ${SETUP} (apt-get install webkit2gtk-driver)`);
      const driver = await which('WebKitWebDriver');
      if (!driver) throw new Error(`WebKitWebDriver is missing: ${SETUP} (apt-get install webkit2gtk-driver)`);
      const xvfb = await which('xvfb-run');
      if (!xvfb || !await which('xauth')) throw new Error(`xvfb-run or xauth is missing (WebKitGTK needs an X display): ${SETUP} (apt-get install xvfb xauth)`);
      return { binary, driver, xvfb };
    },
    // WebKitGTK has no headless mode: the browser runs on a virtual X display.
    command: ({ driver, xvfb }, port) => [xvfb, ['-a', driver, `--port=${port}`]],
    capabilities: ({ binary }) => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary, args: ['--automation'] },
    }),
  },
};

async function freePort() {
  const srv = createServer();
  await new Promise((ok, fail) => { srv.once('error', fail); srv.listen(0, '127.0.0.1', ok); });
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the driver of `kind` ('firefox' | 'webkit') on a free port; resolves once it
 *  answers /status. Throws a plain message naming what is missing and the set-up command. */
export async function startDriver(kind) {
  const spec = BROWSERS[kind];
  const found = await spec.locate();
  const port = await freePort();
  const [cmd, args] = spec.command(found, port);
  // Its own process group, so stopping it also stops what it started (Xvfb, the browser).
  const proc = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  let exited = null;
  const exit = new Promise((r) => proc.once('exit', (code, sig) => { exited = code ?? sig; r(); }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (exited !== null) throw new Error(`${cmd} exited (${exited}) before it was ready:\n${log}`);
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
      throw new Error(`${cmd} did not answer on port ${port} within 30 s:\n${log}`);
    }
    await sleep(100);
  }
  return {
    kind, label: spec.label, url, found,
    capabilities: (opts) => spec.capabilities(found, opts),
    log: () => log,
    async stop() {
      if (exited !== null) return;
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { return; }
      const timer = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** A WebDriver session: the handful of commands an end-to-end flow needs. */
export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  static async create(driver, capabilities) {
    const value = await request('POST', `${driver.url}/session`, { capabilities: { alwaysMatch: capabilities } });
    const s = new Session(`${driver.url}/session/${value.sessionId}`, value.sessionId, value.capabilities);
    await s.cmd('POST', '/timeouts', { script: 120000, pageLoad: 60000, implicit: 0 });
    return s;
  }

  /** "firefox 153.8.0esr" etc., from the session's capabilities. */
  get browser() {
    return `${this.capabilities.browserName} ${this.capabilities.browserVersion}`;
  }

  /** One command. WebKitWebDriver sometimes fails a command with "unknown error: Could not
   *  parse …" while the page is busy (it reads the element's state before acting, so nothing
   *  has happened yet); those are retried. Typing is never retried (it might repeat keys). */
  async cmd(method, path, body) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(method, this.base + path, body);
      } catch (e) {
        if (attempt >= 5 || path.endsWith('/value') || !/unknown error: Could not parse/.test(e.message)) throw e;
        await sleep(200 * attempt);
      }
    }
  }

  navigate(url) { return this.cmd('POST', '/url', { url }); }

  async findAll(css, from) {
    const base = from ? `/element/${from[ELEMENT]}/elements` : '/elements';
    return this.cmd('POST', base, { using: 'css selector', value: css });
  }

  async find(css) {
    return this.cmd('POST', '/element', { using: 'css selector', value: css });
  }

  /** Polls until `css` matches (and, if given, `pred(element)` holds); returns the element. */
  async waitFor(css, { timeout = 10000, text } = {}) {
    const deadline = Date.now() + timeout;
    let last = '';
    for (;;) {
      // WebKitWebDriver sometimes answers "unknown error: Could not parse element info" while
      // the page re-renders; the next poll finds the element.
      const [el] = await this.findAll(css).catch((e) => {
        if (/unknown error/.test(e.message)) { last = e.message; return []; }
        throw e;
      });
      if (el) {
        if (!text) return el;
        last = await this.text(el).catch(() => '');
        if (text.test(last)) return el;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeout} ms waiting for ${css} (last: ${JSON.stringify(last)})`);
      }
      await sleep(100);
    }
  }

  /** Polls a script until it returns something truthy. */
  async waitUntil(script, args = [], { timeout = 10000, what = script } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const v = await this.execute(script, ...args);
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await sleep(100);
    }
  }

  sendKeys(el, text) { return this.cmd('POST', `/element/${el[ELEMENT]}/value`, { text }); }
  /** Clicks `el` after centring it: the driver's own scrolling may leave it under the app's
   *  sticky header (WebKitGTK aligns it to the top), which then takes the click. */
  async click(el) {
    await this.execute("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });", el);
    return this.cmd('POST', `/element/${el[ELEMENT]}/click`, {});
  }
  /** Clears `el`, centred first like a click (an element under the sticky bar is "not
   *  interactable" to WebKitWebDriver). */
  async clear(el) {
    await this.execute("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });", el);
    return this.cmd('POST', `/element/${el[ELEMENT]}/clear`, {});
  }
  text(el) { return this.cmd('GET', `/element/${el[ELEMENT]}/text`); }
  property(el, name) { return this.cmd('GET', `/element/${el[ELEMENT]}/property/${name}`); }

  /** Runs `script` (a function body; `arguments` are `args`) in the page. */
  execute(script, ...args) { return this.cmd('POST', '/execute/sync', { script, args }); }

  /** Runs `script` whose last argument is the callback to call with the result. */
  executeAsync(script, ...args) { return this.cmd('POST', '/execute/async', { script, args }); }

  async screenshot(path) {
    const b64 = await this.cmd('GET', '/screenshot');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, Buffer.from(b64, 'base64'));
    return path;
  }

  async delete() {
    await this.cmd('DELETE', '').catch(() => {});
  }
}

/** One WebDriver request; a WebDriver error becomes an Error with its name and message. */
async function request(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { throw new Error(`${method} ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`); }
  const value = json.value;
  if (!res.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
    throw new Error(`${method} ${url.replace(/^http:\/\/[^/]+/, '')}: ${value?.error}: ${value?.message}`);
  }
  return value;
}
