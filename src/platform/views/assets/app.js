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
  // CSV upload without multipart on the server: show the file picker and read the chosen file into the text box.
  Array.prototype.forEach.call(document.querySelectorAll('[data-file-into]'), function (wrap) {
    var input = wrap.querySelector('input[type=file]');
    var target = document.getElementById(wrap.getAttribute('data-file-into'));
    if (!input || !target || !window.FileReader) return;
    wrap.hidden = false;
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new window.FileReader();
      reader.onload = function () {
        target.value = String(reader.result);
      };
      reader.readAsText(file);
    });
  });
})();
