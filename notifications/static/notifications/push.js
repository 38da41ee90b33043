/* Reminder settings: register the service worker; ask for permission only on "turn on". */
(function () {
  "use strict";
  var box = document.getElementById("push-box");
  if (!box) return;
  var status = document.getElementById("push-status");
  var onButton = document.getElementById("push-on");
  var offButton = document.getElementById("push-off");
  var d = box.dataset;

  function say(text) { status.textContent = text; }
  function show(on) { onButton.hidden = on; offButton.hidden = !on; say(on ? d.msgOn : d.msgOff); }
  function csrf() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return match ? decodeURIComponent(match[1]) : (field ? field.value : "");
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    }).then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); });
  }
  function keyBytes(base64) {
    var padded = (base64 + "===".slice((base64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say(d.msgUnsupported);
    return;
  }
  var ready = navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  });
  ready.then(function (reg) { return reg.pushManager.getSubscription(); })
    .then(function (sub) {
      if (Notification.permission === "denied") { say(d.msgDenied); onButton.hidden = false; return; }
      show(Boolean(sub));
    })
    .catch(function () { say(d.msgUnsupported); });

  onButton.addEventListener("click", function () {
    onButton.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") throw new Error("denied");
      return ready;
    }).then(function (reg) {
      return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(d.key) });
    }).then(function (sub) {
      return post(d.subscribeUrl, sub.toJSON());
    }).then(function () {
      window.location.reload();
    }).catch(function (error) {
      say(error && error.message === "denied" ? d.msgDenied : d.msgError);
    }).then(function () { onButton.disabled = false; });
  });

  offButton.addEventListener("click", function () {
    offButton.disabled = true;
    ready.then(function (reg) { return reg.pushManager.getSubscription(); }).then(function (sub) {
      if (!sub) return null;
      var endpoint = sub.endpoint;
      return sub.unsubscribe().then(function () { return post(d.unsubscribeUrl, { endpoint: endpoint }); });
    }).then(function () {
      window.location.reload();
    }).catch(function () { say(d.msgError); }).then(function () { offButton.disabled = false; });
  });
})();
