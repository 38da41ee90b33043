/* "Copy" buttons beside read-only fields (the podcast's feed address). Without JavaScript the
   button stays hidden and the field can still be selected and copied by hand. */
(function () {
  "use strict";
  function copied(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-done") || label;
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { copied(button); },
          function () { if (document.execCommand("copy")) { copied(button); } });
      } else if (document.execCommand("copy")) {
        copied(button);
      }
    });
  });
})();
