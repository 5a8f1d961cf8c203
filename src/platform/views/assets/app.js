// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  document.documentElement.classList.remove('no-js');
  // Move focus to the error summary so screen-reader users hear the problems first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
})();
