// Attendance register: save each tap at once with fetch; without JS the forms post as usual.
(function () {
  "use strict";
  var list = document.querySelector(".register");
  if (!list || !window.fetch) return;
  var status = document.getElementById("register-status");
  var count = document.getElementById("present-count");
  list.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!button || !form.classList.contains("reg-form")) return;
    event.preventDefault();
    var data = new FormData(form);
    data.set("present", button.value);
    var row = form.closest(".reg-row");
    row.classList.add("is-saving");
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (result) {
        row.classList.remove("is-saving", "is-present", "is-absent");
        row.classList.add(result.present ? "is-present" : "is-absent");
        row.querySelector(".reg-yes").setAttribute("aria-pressed", String(result.present));
        row.querySelector(".reg-no").setAttribute("aria-pressed", String(!result.present));
        count.textContent = result.present_count;
        row.dataset.saved = "1";
        status.textContent = "";
      })
      .catch(function () {
        row.classList.remove("is-saving");
        // Not saved: fall back to an ordinary form post so the mark is not lost.
        status.textContent = "…";
        var fallback = document.createElement("input");
        fallback.type = "hidden";
        fallback.name = "present";
        fallback.value = button.value;
        form.appendChild(fallback);
        form.submit();
      });
  });
})();
