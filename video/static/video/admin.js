/* Video admin: keeps the status and progress bars of converting videos up to date. */
(function () {
  "use strict";
  function poll() {
    var cells = document.querySelectorAll("[data-video-status]");
    if (!cells.length) return;
    var busy = [];
    cells.forEach(function (cell) { if (cell.querySelector("[data-video-progress]")) busy.push(cell); });
    if (!busy.length) return;
    var ids = busy.map(function (cell) { return cell.getAttribute("data-video-status"); });
    var url = busy[0].getAttribute("data-status-url") + "?ids=" + ids.join(",");
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var finished = false;
      busy.forEach(function (cell) {
        var item = data[cell.getAttribute("data-video-status")];
        if (!item) return;
        cell.querySelector("[data-video-label]").textContent = item.label;
        var bar = cell.querySelector("[data-video-progress]");
        bar.value = item.progress;
        cell.querySelector("[data-video-percent]").textContent = item.progress + "%";
        if (item.status === "ready" || item.status === "failed") finished = true;
      });
      if (finished && busy[0].tagName === "TD") window.location.reload();
      else if (finished) return;
      else window.setTimeout(poll, 2000);
    }).catch(function () { window.setTimeout(poll, 5000); });
  }
  document.addEventListener("DOMContentLoaded", poll);
})();
