// Export progress on the search page. The export form posts normally (the browser downloads the
// CSV); before it does, this gives the export a random progress id and then asks the server how
// far it has got until it is done. Served from this server only (content security policy).
(function () {
  'use strict';
  var form = document.getElementById('export-form');
  var out = document.getElementById('export-progress');
  if (!form || !out) {
    return;
  }
  function randomId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  form.addEventListener('submit', function () {
    var id = randomId();
    document.getElementById('export-progress-id').value = id;
    var template = out.getAttribute('data-template');
    var timer = window.setInterval(function () {
      fetch(out.getAttribute('data-url') + id, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) {
            return;
          }
          if (s.done) {
            window.clearInterval(timer);
            out.textContent = out.getAttribute('data-done') + ' (' + s.written + ')';
            out.setAttribute('data-done-rows', String(s.written));
          } else if (s.total > 0) {
            out.textContent = template.replace('{0}', s.written).replace('{1}', s.total);
          }
        })
        .catch(function () { /* the next tick tries again */ });
    }, 400);
  });
}());
