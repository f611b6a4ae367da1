// baosong embed helper for host pages (optional, recommended). For every <iframe data-baosong>:
// 1. Height: sizes the frame to the height the app reports, so the page shows no inner
//    scrollbar. App -> host: { type: "baosong:height", version: 1, height: <CSS px> }.
// 2. Storage bridge: a browser refuses or partitions the storage of a frame from another
//    site, so the app keeps its drafts here, in this site's own IndexedDB. App -> host:
//    { type: "baosong:store", version: 1, id, op, key?, value?, updated_ms?, store?, blob? }
//    with op hello | list | put | delete | put_blob | get_blob | delete_blob; host -> app:
//    { type: "baosong:store", version: 1, id, ok, value?, entries?, blob?, error? }.
//    Only the frame this page created is answered (event.source), only from the origin of
//    its src (event.origin), and only keys starting "baosong." in the stores the app uses.
//    One database per app origin: a second app embedded here sees none of it.
// Documented in docs/OFFLINE-AND-EMBEDDING.md.
(function () {
  'use strict';
  var STORE = 'baosong:store';
  var KEY = /^baosong\.[A-Za-z0-9._:-]{1,192}$/;
  var BLOB_STORES = { scans: 1, received: 1 };
  var dbs = {};

  // The frame whose window sent the message, if this page created it.
  function frameOf(source) {
    var frames = document.querySelectorAll('iframe[data-baosong]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  function open(origin) {
    if (!dbs[origin]) {
      dbs[origin] = new Promise(function (resolve, reject) {
        var req = indexedDB.open('baosong-embed ' + origin, 1);
        req.onupgradeneeded = function () {
          var db = req.result;
          ['docs', 'scans', 'received'].forEach(function (name) {
            if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
          });
        };
        req.onsuccess = function () { resolve(req.result); };
        req.onerror = function () { reject(req.error); };
      });
      // A refused open is not remembered: the next request tries again.
      dbs[origin].catch(function () { delete dbs[origin]; });
    }
    return dbs[origin];
  }

  // Runs `work(objectStore)` in one transaction and resolves with the request's result.
  function run(origin, name, mode, work) {
    return open(origin).then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var req = work(tx.objectStore(name));
        tx.oncomplete = function () { resolve(req.result); };
        tx.onerror = tx.onabort = function () { reject(tx.error || req.error); };
      });
    });
  }

  function list(origin, prefix) {
    return open(origin).then(function (db) {
      return new Promise(function (resolve, reject) {
        var entries = [];
        var tx = db.transaction('docs', 'readonly');
        var range = IDBKeyRange.bound(prefix, prefix + '\uffff');
        tx.objectStore('docs').openCursor(range).onsuccess = function (e) {
          var cursor = e.target.result;
          if (!cursor) return;
          entries.push({ key: cursor.key, value: cursor.value.value, updated_ms: cursor.value.updated_ms });
          cursor.continue();
        };
        tx.oncomplete = function () { resolve(entries); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function answer(m, origin) {
    var bad = function (why) { return Promise.reject(new Error(why)); };
    var key = typeof m.key === 'string' ? m.key : '';
    var keyed = KEY.test(key);
    var blobStore = BLOB_STORES[m.store] === 1 ? m.store : null;
    switch (m.op) {
      case 'hello':
        // Answers only once this site's storage opens, so the app never picks a bridge
        // that cannot keep anything.
        return open(origin).then(function () { return {}; });
      case 'list':
        return list(origin, 'baosong.').then(function (entries) { return { entries: entries }; });
      case 'put':
        if (!keyed || typeof m.value !== 'string' || typeof m.updated_ms !== 'number') return bad('bad put');
        return run(origin, 'docs', 'readwrite', function (s) {
          return s.put({ value: m.value, updated_ms: m.updated_ms }, key);
        }).then(function () { return {}; });
      case 'delete':
        if (!keyed) return bad('bad key');
        return run(origin, 'docs', 'readwrite', function (s) { return s.delete(key); }).then(function () { return {}; });
      case 'put_blob':
        if (!keyed || !blobStore || !(m.blob instanceof Blob)) return bad('bad blob');
        return run(origin, blobStore, 'readwrite', function (s) { return s.put(m.blob, key); }).then(function () { return {}; });
      case 'get_blob':
        if (!keyed || !blobStore) return bad('bad key');
        return run(origin, blobStore, 'readonly', function (s) { return s.get(key); }).then(function (b) {
          return { blob: b instanceof Blob ? b : null };
        });
      case 'delete_blob':
        if (!keyed || !blobStore) return bad('bad key');
        return run(origin, blobStore, 'readwrite', function (s) { return s.delete(key); }).then(function () { return {}; });
      default:
        return bad('unknown op');
    }
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    var frame = frameOf(event.source);
    if (!frame) return;
    if (data.type === 'baosong:height' && typeof data.height === 'number') {
      // Clamped: a frame cannot make the host page absurdly long.
      var h = Math.max(200, Math.min(Math.round(data.height), 100000));
      frame.style.height = h + 'px';
      return;
    }
    if (data.type !== STORE || data.version !== 1 || typeof data.id !== 'number') return;
    var origin;
    try { origin = new URL(frame.src, location.href).origin; } catch (e) { return; }
    // The frame may have been navigated elsewhere: only the app its src names is answered.
    if (event.origin !== origin) return;
    var source = event.source;
    var reply = function (fields) {
      fields.type = STORE;
      fields.version = 1;
      fields.id = data.id;
      source.postMessage(fields, origin);
    };
    answer(data, origin).then(function (out) {
      out.ok = true;
      reply(out);
    }, function (err) {
      reply({ ok: false, error: (err && err.name === 'QuotaExceededError') ? 'full' : String(err && err.message || err) });
    });
  });
})();
