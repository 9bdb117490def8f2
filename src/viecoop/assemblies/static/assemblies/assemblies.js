/* Assemblies: small enhancements; every action also works without JavaScript. */
(function () {
  "use strict";
  // <button data-print>: print the page (a receipt, a results page).
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  // Buttons that only make sense with JavaScript are hidden until it runs.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
  });
})();
