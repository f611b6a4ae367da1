// baosong's service worker (made by scripts/post-build.mjs from src/web/sw-template.js).
// Precaches every file of one build so the app opens and works with the network off; a new
// build installs beside the old one and waits until the page says "reload" (有新版本，刷新).
const VERSION = '__BAOSONG_VERSION__';
const FILES = __BAOSONG_FILES__;
// Cache names are per origin: the scope keeps two installs under different sub-paths apart.
const PREFIX = 'baosong:' + self.registration.scope + ':';
const CACHE = PREFIX + VERSION;
// Files fetched at run time (a contest definition named in the link), kept for offline use.
const RUNTIME = PREFIX + 'runtime';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((k) => k.startsWith(PREFIX) && k !== CACHE && k !== RUNTIME)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'baosong:skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'baosong:version') event.source.postMessage({ type: 'baosong:version', version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  // Only this app's own files; anything else is not ours to answer.
  if (req.method !== 'GET' || url.origin !== self.location.origin || !req.url.startsWith(self.registration.scope)) return;
  if (req.mode === 'navigate' && (url.pathname.endsWith('/') || url.pathname.endsWith('/index.html'))) {
    // Any link into the app, with its parameters, opens the cached page.
    event.respondWith(caches.open(CACHE).then((c) => c.match('./index.html')).then((hit) => hit || fetch(req)));
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((c) => c.match(req, { ignoreSearch: true })).then((hit) => {
      if (hit) return hit;
      return fetch(req).then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(RUNTIME).then((c) => c.put(req, copy));
        }
        return res;
      }).catch(() => caches.open(RUNTIME).then((c) => c.match(req)).then((hit2) => hit2 || Response.error()));
    }),
  );
});
