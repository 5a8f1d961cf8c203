// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  document.documentElement.classList.remove('no-js');
  // Move focus to the error summary so screen-reader users hear the problems first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
  // Forms that must go once (booking, moving): a second click while the first is on its way does nothing.
  // The server also books once per form key, so this only spares people a confusing wait.
  document.querySelectorAll('form[data-submit-once]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (form.getAttribute('data-submitted')) {
        event.preventDefault();
        return;
      }
      form.setAttribute('data-submitted', 'true');
      var button = form.querySelector('button[type=submit]');
      if (button) button.setAttribute('aria-disabled', 'true');
    });
  });
})();
