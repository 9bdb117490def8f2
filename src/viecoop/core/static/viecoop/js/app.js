/* viecoop — small progressive enhancements. Every action also works without JavaScript. */
(function () {
  "use strict";

  // <form data-confirm="Are you sure?">: ask before submitting a destructive action.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form && form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Drop-down menus made of <details>: close on Escape and on a click elsewhere.
  function closeMenus(except) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
      if (menu !== except) {
        menu.removeAttribute("open");
      }
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest ? event.target.closest("details[data-menu]") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = document.querySelector("details[data-menu][open]");
    if (open) {
      open.removeAttribute("open");
      var summary = open.querySelector("summary");
      if (summary) {
        summary.focus();
      }
    }
  });

  // After htmx replaces search results, tell screen readers how many were found.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target) {
      return;
    }
    var summary = target.querySelector("[data-results-summary]");
    var live = document.getElementById("live-region");
    if (summary && live) {
      live.textContent = "";
      window.setTimeout(function () {
        live.textContent = summary.textContent.trim();
      }, 50);
    }
  });
})();
