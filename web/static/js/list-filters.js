// A list's filter choices fold away on a phone, so its results come right after the search.
//
// The server renders them in <details open data-fold-on-phone data-set="N"> (web/list.cpp):
// open, so that without JavaScript everything is there. On a narrow screen this closes the ones
// where no filter is set; "Filters" opens them again. No inline script (CSP).
(function () {
  'use strict';
  if (!window.matchMedia || !window.matchMedia('(max-width: 40em)').matches) return;
  document.querySelectorAll('details[data-fold-on-phone]').forEach(function (d) {
    if (d.dataset.set === '0') d.open = false;
  });
})();
