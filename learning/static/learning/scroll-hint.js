// A table that scrolls sideways (the cohort's progress matrix) shows its "swipe →" hint while
// some of it is hidden to the right; the hint goes once the person has scrolled to the end.
(function () {
  "use strict";
  document.querySelectorAll("[data-scroll-hint]").forEach(function (wrap) {
    var hint = wrap.previousElementSibling;
    if (!hint || !hint.classList.contains("scroll-hint")) return;
    function update() {
      var hidden = wrap.scrollWidth - wrap.clientWidth - wrap.scrollLeft > 2;
      hint.hidden = !hidden;
      wrap.classList.toggle("overflows", wrap.scrollWidth > wrap.clientWidth + 2);
    }
    wrap.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  });
})();
