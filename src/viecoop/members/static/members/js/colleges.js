/* The total of the colleges' weights, updated as a manager types (the server checks it anyway). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-college-weights]");
  var output = document.getElementById("weights-total");
  if (!form || !output) {
    return;
  }
  function parse(text) {
    var value = parseFloat(String(text).replace(/\s/g, "").replace(",", "."));
    return isNaN(value) ? 0 : value;
  }
  function update() {
    var total = 0;
    form.querySelectorAll("input[name$='-weight']").forEach(function (input) {
      var row = input.closest("tr");
      var deleted = row && row.querySelector("input[name$='-delete']:checked");
      if (!deleted) {
        total += parse(input.value);
      }
    });
    total = Math.round(total * 100) / 100;
    output.textContent = String(total).replace(".", ",") + " %";
    output.classList.toggle("weights-wrong", total !== 100);
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
