// baosong embed helper for host pages (optional): sizes every <iframe data-baosong> to the
// height the app reports, so the page shows no inner scrollbar. Message shape:
// { type: "baosong:height", version: 1, height: <integer CSS px> }, sent by the framed app
// whenever its content height changes. Only messages from our own frames are used.
(function () {
  'use strict';
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'baosong:height' || typeof data.height !== 'number') return;
    var frames = document.querySelectorAll('iframe[data-baosong]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        // Clamped: a frame cannot make the host page absurdly long.
        var h = Math.max(200, Math.min(Math.round(data.height), 100000));
        frames[i].style.height = h + 'px';
      }
    }
  });
})();
