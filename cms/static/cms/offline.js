/* "Save for offline" on a module or an episode, and the list on the Saved page.
 * A saved page is one cache, berdaya-pack-<key>, written here and read by the service worker
 * (cms/pwa/worker.js), which serves it offline (audio with Range) and drops it at sign-out.
 * Its entry /__berdaya/pack says what it is and how many bytes were stored. */
(function () {
  "use strict";
  if (!("caches" in window) || !("serviceWorker" in navigator)) return;
  var PREFIX = "berdaya-pack-", META = "/__berdaya/pack";
  var lang = document.documentElement.lang || "id";

  function mb(bytes) {  // "3,4 MB" in Indonesian, "3.4 MB" in English; GB from 1000 MB
    var n = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    if (bytes >= 1e9) return n.format(bytes / 1e9) + " GB";
    return n.format(Math.max(bytes / 1e6, 0.1)) + " MB";
  }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }
  function room() {
    if (!navigator.storage || !navigator.storage.estimate) return Promise.resolve(null);
    return navigator.storage.estimate().then(function (e) {
      return e && e.quota ? Math.max(0, e.quota - (e.usage || 0)) : null;
    });
  }
  function meta(name) {
    return caches.open(name).then(function (c) { return c.match(META); }).then(function (r) {
      return r ? r.json() : null;
    });
  }
  function putAliases(cache, item) {
    return Promise.all((item.aliases || []).map(function (alias) {
      return cache.put(alias, new Response("", { headers: { "X-Berdaya-Alias": item.url } }));
    }));
  }

  /* One file into the cache, counting bytes as they arrive; resolves to the bytes stored. */
  function keep(cache, item, tick) {
    var type = item.content_type || "";
    if (item.text) {
      var text = new Blob([item.text], { type: type });
      return cache.put(item.url, new Response(text, { headers: { "Content-Type": type } })).then(function () {
        tick(text.size);
        return text.size;
      });
    }
    return fetch(item.url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      var reader = response.body.getReader(), chunks = [];
      function pump() {
        return reader.read().then(function (part) {
          if (part.done) return;
          chunks.push(part.value);
          tick(part.value.length);
          return pump();
        });
      }
      return pump().then(function () {
        type = response.headers.get("Content-Type") || type;
        var blob = new Blob(chunks, { type: type });
        var headers = { "Content-Type": type, "Content-Length": String(blob.size) };
        return cache.put(item.url, new Response(blob, { headers: headers })).then(function () {
          return putAliases(cache, item);
        }).then(function () { return blob.size; });
      });
    });
  }

  function save(pack, tick) {
    var name = PREFIX + pack.key, asked = navigator.storage && navigator.storage.persist;
    return (asked ? navigator.storage.persist() : Promise.resolve(false)).then(room).then(function (free) {
      if (free !== null && free < pack.bytes) throw new Error("short");
      return caches.open(name);
    }).then(function (cache) {
      var stored = 0;
      // One file after another: on a weak link one download does better than many at once.
      return pack.items.reduce(function (chain, item) {
        return chain.then(function () { return keep(cache, item, tick); }).then(function (n) { stored += n; });
      }, Promise.resolve()).then(function () {
        var about = { title: pack.title, url: pack.url, bytes: stored, savedAt: Date.now() };
        return cache.put(META, new Response(JSON.stringify(about), { headers: { "Content-Type": "application/json" } }));
      }).then(function () { return stored; });
    }).catch(function (error) {
      return caches.delete(name).then(function () { throw error; });
    });
  }

  function saveBox(box) {
    var d = box.dataset, pack = null;
    var saveButton = box.querySelector("[data-save]"), removeButton = box.querySelector("[data-remove]");
    var bar = box.querySelector("[data-progress]"), status = box.querySelector("[data-status]");

    function show() {
      var name = PREFIX + pack.key;
      return meta(name).then(function (about) {
        saveButton.hidden = Boolean(about);
        removeButton.hidden = !about;
        bar.hidden = true;
        if (about) { status.textContent = fill(d.msgSaved, { size: mb(about.bytes) }); return; }
        saveButton.textContent = pack.label;
        return room().then(function (free) {
          status.textContent = free === null ? "" : fill(d.msgFree, { free: mb(free) });
        });
      }).then(function () { box.hidden = false; });
    }

    fetch(d.pack, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (json) {
      pack = json;
      if (pack.items && pack.items.length) return show();
    }).catch(function () {});

    saveButton.addEventListener("click", function () {
      var done = 0;
      saveButton.disabled = true;
      bar.hidden = false;
      bar.value = 0;
      save(pack, function (n) {
        done += n;
        bar.value = Math.min(100, Math.round(done * 100 / Math.max(pack.bytes, 1)));
        status.textContent = fill(d.msgProgress, { done: mb(done), size: mb(pack.bytes) });
      }).then(show, function (error) {
        bar.hidden = true;
        status.textContent = error && error.message === "short" ? d.msgShort : d.msgFailed;
      }).then(function () { saveButton.disabled = false; });
    });
    removeButton.addEventListener("click", function () {
      caches.delete(PREFIX + pack.key).then(show);
    });
  }

  function savedList(box) {
    var d = box.dataset, list = box.querySelector("[data-saved-items]");
    var empty = box.querySelector("[data-saved-empty]"), freeLine = box.querySelector("[data-saved-free]");
    function draw() {
      return caches.keys().then(function (names) {
        names = names.filter(function (n) { return n.indexOf(PREFIX) === 0; });
        return Promise.all(names.map(function (n) {
          return meta(n).then(function (about) { return about && { name: n, about: about }; });
        }));
      }).then(function (packs) {
        packs = packs.filter(Boolean);
        list.textContent = "";
        packs.forEach(function (p) {
          var li = document.createElement("li"), link = document.createElement("a");
          var size = document.createElement("span"), remove = document.createElement("button");
          li.className = "card";
          link.href = p.about.url;
          link.textContent = p.about.title;
          size.className = "meta";
          size.textContent = " · " + mb(p.about.bytes) + " ";
          remove.type = "button";
          remove.className = "button secondary";
          remove.textContent = d.msgRemove;
          remove.addEventListener("click", function () { caches.delete(p.name).then(draw); });
          li.append(link, size, remove);
          list.appendChild(li);
        });
        empty.hidden = packs.length > 0;
        return room();
      }).then(function (free) {
        freeLine.textContent = free === null ? "" : fill(d.msgFree, { free: mb(free) });
      });
    }
    draw();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-save-offline]"), saveBox);
  Array.prototype.forEach.call(document.querySelectorAll("[data-saved]"), savedList);
})();
