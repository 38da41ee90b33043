// Attendance register: save each tap at once; without signal the tap waits in the outbox
// (cms/static/cms/outbox.js) with the time it was made, and is sent when signal comes back.
// Without JS the forms post as usual.
(function () {
  "use strict";
  var list = document.querySelector(".register");
  if (!list || !window.fetch) return;
  var status = document.getElementById("register-status");
  var count = document.getElementById("present-count");
  var markUrl = new URL(list.getAttribute("data-mark-url"), location.href).href;

  function rowFor(participant) {
    return document.getElementById("p" + participant);
  }

  function show(row, present, waiting) {
    row.classList.remove("is-saving", "is-present", "is-absent");
    row.classList.add(present ? "is-present" : "is-absent");
    row.classList.toggle("is-waiting", !!waiting);
    row.querySelector(".reg-yes").setAttribute("aria-pressed", String(present));
    row.querySelector(".reg-no").setAttribute("aria-pressed", String(!present));
  }

  function field(item, name) {
    var found = item.fields.filter(function (f) { return f[0] === name; })[0];
    return found ? found[1] : null;
  }

  function mine(item) {
    return item.url === markUrl;
  }

  function saved(result) {
    var row = rowFor(result.participant);
    if (row) {
      show(row, result.present, false);
      row.dataset.saved = "1";
    }
    count.textContent = result.present_count;
    status.textContent = "";
  }

  // Marks still waiting on this phone show as made, with a waiting sign.
  function showWaiting() {
    if (!window.outbox) return;
    window.outbox.pending().then(function (items) {
      items.filter(mine).forEach(function (item) {
        var row = rowFor(field(item, "participant"));
        if (row) show(row, field(item, "present") === "1", true);
      });
    });
  }

  window.addEventListener("outbox:sent", function (event) {
    if (mine(event.detail.item)) saved(event.detail.data);
  });

  list.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!button || !form.classList.contains("reg-form")) return;
    event.preventDefault();
    var row = form.closest(".reg-row");
    row.classList.add("is-saving");
    if (window.outbox) {
      window.outbox.submit(form, { kind: "attendance", extra: { present: button.value } }).then(function (outcome) {
        if (outcome.kind === "sent") saved(outcome.data);
        else if (outcome.kind === "queued") show(row, button.value === "1", true);
        else row.classList.remove("is-saving");
      });
      return;
    }
    var data = new FormData(form);
    data.set("present", button.value);
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
      .then(saved)
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

  showWaiting();
})();
