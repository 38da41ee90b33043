// The outbox: work done without signal (a lesson marked done, a reflection, attendance taps, an
// assignment with its photos) waits in IndexedDB and is sent when the connection is back: on the
// next page load, on the "online" event, or by the service worker's Background Sync
// (cms/sw-outbox.js). Every item carries an id made here and the time the person acted; the
// server applies an id once, so sending again is always safe. Items are only ever sent while
// the person who made them is signed in. Without JavaScript the forms post as usual.

// Data saver: tell the server what the phone says about its connection (cms/data_saver.py);
// the person's own choice in the account settings wins over it.
(function () {
  "use strict";
  var connection = navigator.connection;
  if (!connection) return;
  var slow = connection.saveData || /^(slow-2g|2g|3g)$/.test(connection.effectiveType || "");
  var want = "data_saver=" + (slow ? "1" : "0");
  if ((";" + document.cookie.replace(/ /g, "") + ";").indexOf(";" + want + ";") < 0) {
    document.cookie = want + ";path=/;max-age=2592000;samesite=lax";
  }
})();

(function () {
  "use strict";
  var box = document.getElementById("outbox");
  if (!box || !window.indexedDB || !window.fetch || !window.FormData || !window.Promise) return;
  var user = box.getAttribute("data-user");
  var DB_NAME = "outbox";
  var STORE = "items";
  var META = "meta";
  var flushing = null;
  var hideTimer = null;

  // --- storage ------------------------------------------------------------------------------

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: "id" });
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function tx(mode, stores, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(stores, mode);
        var result = work(t);
        t.oncomplete = function () { db.close(); resolve(result && "value" in result ? result.value : result); };
        t.onerror = t.onabort = function () { db.close(); reject(t.error); };
      });
    });
  }

  function mine() {
    return tx("readonly", [STORE], function (t) {
      var out = { value: [] };
      t.objectStore(STORE).getAll().onsuccess = function (event) {
        out.value = event.target.result
          .filter(function (item) { return item.user === user; })
          .sort(function (a, b) { return a.acted_at < b.acted_at ? -1 : a.acted_at > b.acted_at ? 1 : 0; });
      };
      return out;
    });
  }

  function put(item) {
    return tx("readwrite", [STORE], function (t) { t.objectStore(STORE).put(item); });
  }

  function remove(id) {
    return tx("readwrite", [STORE], function (t) { t.objectStore(STORE).delete(id); });
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // The service worker replays without a page: tell it who is signed in here and the token.
  function rememberSession() {
    return tx("readwrite", [META], function (t) {
      t.objectStore(META).put({ user: user, csrf: csrfToken() }, "session");
    }).catch(function () {});
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // --- sending ------------------------------------------------------------------------------

  function body(item, replay) {
    var data = new FormData();
    item.fields.forEach(function (field) {
      if (field[0] === "csrfmiddlewaretoken") return;
      if (field[1] && typeof field[1] === "object") data.append(field[0], field[1].blob, field[1].name);
      else data.append(field[0], field[1]);
    });
    data.append("csrfmiddlewaretoken", csrfToken());
    data.append("client_id", item.id);
    data.append("acted_at", item.acted_at);
    data.append("outbox_user", item.user);
    if (replay) data.append("outbox_replay", "1");
    return data;
  }

  // One POST with XHR (for the upload's progress). Resolves {kind, status, data}:
  // "sent" (applied, or applied before), "refused" (400: the server will never take it, with
  // its message), "kept" (no network, another person signed in, a server fault: try later).
  function post(item, replay, onProgress) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", item.url);
      xhr.setRequestHeader("X-Requested-With", "fetch");
      xhr.setRequestHeader("X-CSRFToken", csrfToken());
      if (onProgress && xhr.upload) {
        xhr.upload.onprogress = function (event) {
          if (event.lengthComputable) onProgress(event.loaded, event.total);
        };
      }
      xhr.onload = function () {
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
        if (xhr.status >= 200 && xhr.status < 300 && data) resolve({ kind: "sent", data: data });
        else if (xhr.status === 400 && data) resolve({ kind: "refused", data: data });
        else resolve({ kind: "kept", status: xhr.status, data: data });
      };
      xhr.onerror = xhr.ontimeout = function () { resolve({ kind: "kept", status: 0 }); };
      xhr.send(body(item, replay));
    });
  }

  function announce(name, detail) {
    window.dispatchEvent(new CustomEvent("outbox:" + name, { detail: detail }));
  }

  function askForSync() {
    if (!navigator.serviceWorker) return;
    navigator.serviceWorker.getRegistration().then(function (registration) {
      if (registration && registration.sync) return registration.sync.register("outbox");
    }).catch(function () {});
  }

  // Send everything this person has waiting, oldest first; stop at the first that cannot go.
  function flushNow() {
    var sent = 0;
    var refusal = "";
    return mine().then(function (items) {
      var chain = Promise.resolve(true);
      items.forEach(function (item) {
        chain = chain.then(function (goOn) {
          if (!goOn) return false;
          return post(item, true).then(function (outcome) {
            if (outcome.kind === "kept") return false;
            return remove(item.id).then(function () {
              if (outcome.kind === "sent") sent += 1;
              else refusal = outcome.data.error;
              announce(outcome.kind, { item: item, data: outcome.data });
              return true;
            });
          });
        });
      });
      return chain;
    }).then(function () {
      return render(sent).then(function (waiting) { if (refusal && !waiting) show(refusal, "error"); });
    });
  }

  function flush() {
    if (!flushing) {
      var run = navigator.locks
        ? function () { return navigator.locks.request("outbox", flushNow); }
        : flushNow;
      flushing = run().catch(function () {}).then(function () { flushing = null; });
    }
    return flushing;
  }

  // --- what the person sees -----------------------------------------------------------------

  function show(text, tone) {
    clearTimeout(hideTimer);
    box.textContent = text;
    box.className = "outbox" + (tone ? " outbox-" + tone : "");
    box.hidden = !text;
  }

  function render(justSent) {
    return mine().then(function (items) {
      var waiting = items.length;
      box.setAttribute("data-waiting-count", String(waiting));
      if (waiting) {
        show(box.getAttribute("data-waiting").replace("%(n)s", waiting), "waiting");
      } else if (justSent) {
        show(box.getAttribute("data-sent").replace("%(n)s", justSent), "sent");
        hideTimer = setTimeout(function () { box.hidden = true; }, 8000);
      } else if (box.classList.contains("outbox-waiting")) {
        box.hidden = true;
      }
      return waiting;
    });
  }

  // --- queueing a form ----------------------------------------------------------------------

  function fieldsOf(form, extra) {
    var data = new FormData(form);
    Object.keys(extra || {}).forEach(function (name) { data.set(name, extra[name]); });
    var fields = [];
    data.forEach(function (value, name) {
      if (typeof value === "string") fields.push([name, value]);
      else if (value && value.size) fields.push([name, { blob: value, name: value.name || "photo.jpg" }]);
    });
    return fields;
  }

  // Send a form's work now, or keep it for later when there is no network.
  // options: extra (fields to set), kind, files (a function turning the fields' files into
  // smaller ones before anything is stored or sent), onProgress(loaded, total).
  // Resolves {kind: "sent" | "queued" | "refused", data}.
  function submit(form, options) {
    options = options || {};
    var item = {
      id: uuid(),
      user: user,
      url: form.action,
      kind: options.kind || form.getAttribute("data-outbox") || "form",
      acted_at: new Date().toISOString(),
      fields: fieldsOf(form, options.extra),
    };
    var prepared = options.files ? options.files(item.fields) : Promise.resolve(item.fields);
    return prepared.then(function (fields) {
      item.fields = fields;
      var attempt = navigator.onLine === false
        ? Promise.resolve({ kind: "kept", status: 0 })
        : post(item, false, options.onProgress);
      return attempt.then(function (outcome) {
        if (outcome.kind !== "kept") {
          if (outcome.kind === "refused") show(outcome.data.error, "error");
          return outcome;
        }
        return put(item).then(function () {
          askForSync();
          announce("queued", { item: item });
          return render(0).then(function () { return { kind: "queued", item: item }; });
        });
      });
    });
  }

  // --- photos shrunk on the phone before they are stored or sent -----------------------------

  // A photo re-encoded as JPEG at most `side` px long (the server checks and re-encodes again);
  // anything that cannot be decoded here goes as it is.
  function shrink(blob, name, side) {
    if (!/^image\/(jpeg|png|webp)$/.test(blob.type) || !window.createImageBitmap) {
      return Promise.resolve({ blob: blob, name: name });
    }
    return createImageBitmap(blob).then(function (bitmap) {
      var scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      if (bitmap.close) bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (jpeg) {
          var smaller = jpeg && jpeg.size < blob.size;
          resolve(smaller
            ? { blob: jpeg, name: name.replace(/\.[^.]*$/, "") + ".jpg" }
            : { blob: blob, name: name });
        }, "image/jpeg", 0.8);
      });
    }).catch(function () { return { blob: blob, name: name }; });
  }

  function shrinker(form) {
    var sides = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file][data-shrink]"), function (input) {
      sides[input.name] = parseInt(input.getAttribute("data-shrink"), 10) || 1600;
    });
    if (!Object.keys(sides).length) return null;
    return function (fields) {
      return Promise.all(fields.map(function (field) {
        var side = sides[field[0]];
        if (!side || !field[1] || typeof field[1] !== "object") return field;
        return shrink(field[1].blob, field[1].name, side).then(function (file) { return [field[0], file]; });
      }));
    };
  }

  // A progress bar under the form while its files go up.
  function progressFor(form) {
    if (!form.querySelector("input[type=file]")) return null;
    return function (loaded, total) {
      var bar = form.querySelector("progress.upload-progress");
      if (!bar) {
        bar = document.createElement("progress");
        bar.className = "upload-progress";
        bar.max = 100;
        var button = form.querySelector("[type=submit]");
        form.insertBefore(bar, button);
      }
      bar.value = Math.round((100 * loaded) / total);
      bar.textContent = bar.value + "%";
    };
  }

  function onSubmit(event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute || !form.hasAttribute("data-outbox")) return;
    event.preventDefault();
    var button = event.submitter;
    var extra = {};
    if (button && button.name) extra[button.name] = button.value;
    if (button) button.disabled = true;
    var options = { extra: extra, files: shrinker(form), onProgress: progressFor(form) };
    submit(form, options).then(function (outcome) {
      if (button) button.disabled = false;
      if (outcome.kind === "sent" && outcome.data.redirect) window.location.assign(outcome.data.redirect);
      else if (outcome.kind === "queued") form.classList.add("is-waiting");
    });
  }

  window.outbox = { submit: submit, flush: flush, pending: mine, render: render, show: show };
  document.addEventListener("submit", onSubmit);
  window.addEventListener("online", flush);
  rememberSession().then(function () { return navigator.onLine === false ? render(0) : flush(); });
})();
