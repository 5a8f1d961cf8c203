// Progressive enhancement only: the waiting page reloads itself without this file, and the console has a link.
/* global document, window */
(function () {
  'use strict';
  if (!window.fetch) return;
  function getJson(url) {
    return window
      .fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) throw new Error('status ' + r.status);
        return r.json();
      });
  }
  function setText(el, text) {
    // Only real changes reach the live region, so screen readers are not told the same thing every few seconds.
    if (el && typeof text === 'string' && el.textContent !== text) el.textContent = text;
  }

  // The waiting page: ask where we stand every 10 seconds; go on when it is our turn.
  var room = document.querySelector('[data-waiting-room]');
  if (room) {
    var statusUrl = room.getAttribute('data-waiting-room');
    var poll = function () {
      getJson(statusUrl)
        .then(function (s) {
          if (s.status === 'go') {
            setText(room.querySelector('[data-line="ahead"]'), s.message);
            window.location.assign(s.next);
            return;
          }
          ['position', 'ahead', 'eta'].forEach(function (name) {
            setText(room.querySelector('[data-line="' + name + '"]'), s.lines[name]);
          });
          window.setTimeout(poll, 10000);
        })
        .catch(function () {
          window.setTimeout(poll, 20000);
        });
    };
    window.setTimeout(poll, 10000);
  }

  // The staff console: the figures every 5 seconds.
  var figures = document.querySelector('[data-waiting-room-console]');
  if (figures) {
    var figuresUrl = figures.getAttribute('data-waiting-room-console');
    var refresh = function () {
      getJson(figuresUrl)
        .then(function (f) {
          Object.keys(f).forEach(function (name) {
            setText(figures.querySelector('[data-figure="' + name + '"]'), f[name]);
          });
        })
        .catch(function () {})
        .then(function () {
          window.setTimeout(refresh, 5000);
        });
    };
    window.setTimeout(refresh, 5000);
  }
})();
