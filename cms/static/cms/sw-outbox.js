// The outbox, service-worker side: imported by the site's worker (settings.PWA_WORKER_IMPORTS).
// Background Sync ("outbox" tag, registered by cms/static/cms/outbox.js when it queues work)
// sends what waits in IndexedDB even after the page is closed. Only the items of the person
// the last page said was signed in are sent, and the server refuses (409) work sent under
// another person's session, so it stays on the phone for its author.
(function () {
  "use strict";

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open("outbox", 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains("items")) db.createObjectStore("items", { keyPath: "id" });
        if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta");
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function read(db, store, key) {
    return new Promise(function (resolve, reject) {
      var t = db.transaction([store], "readonly").objectStore(store);
      var request = key === undefined ? t.getAll() : t.get(key);
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function remove(db, id) {
    return new Promise(function (resolve) {
      var t = db.transaction(["items"], "readwrite");
      t.objectStore("items").delete(id);
      t.oncomplete = t.onerror = function () { resolve(); };
    });
  }

  function body(item, csrf) {
    var data = new FormData();
    item.fields.forEach(function (field) {
      if (field[0] === "csrfmiddlewaretoken") return;
      if (field[1] && typeof field[1] === "object") data.append(field[0], field[1].blob, field[1].name);
      else data.append(field[0], field[1]);
    });
    data.append("csrfmiddlewaretoken", csrf);
    data.append("client_id", item.id);
    data.append("acted_at", item.acted_at);
    data.append("outbox_user", item.user);
    data.append("outbox_replay", "1");
    return data;
  }

  function replay() {
    return openDb().then(function (db) {
      return Promise.all([read(db, "meta", "session"), read(db, "items")]).then(function (found) {
        var session = found[0];
        if (!session) return;
        var items = found[1]
          .filter(function (item) { return item.user === session.user; })
          .sort(function (a, b) { return a.acted_at < b.acted_at ? -1 : 1; });
        return items.reduce(function (chain, item) {
          return chain.then(function () {
            return fetch(item.url, {
              method: "POST",
              body: body(item, session.csrf),
              credentials: "same-origin",
              headers: { "X-Requested-With": "fetch", "X-CSRFToken": session.csrf },
            }).then(function (response) {
              var json = (response.headers.get("content-type") || "").indexOf("json") >= 0;
              if (json && (response.ok || response.status === 400)) return remove(db, item.id);
              // Anything else (another person signed in, a server fault): keep it, and stop so
              // that the browser tries the sync again later.
              throw new Error("outbox: kept " + response.status);
            });
          });
        }, Promise.resolve());
      }).then(function () {
        db.close();
        return self.clients.matchAll({ type: "window" });
      }).then(function (windows) {
        windows.forEach(function (client) { client.postMessage({ outbox: "replayed" }); });
      });
    });
  }

  self.addEventListener("sync", function (event) {
    if (event.tag === "outbox") event.waitUntil(replay());
  });
})();
