/* Berdaya's service worker. cms serves it at /sw.js (scope: the whole site), after a line
 * `var BERDAYA_CONFIG = {...}` it writes from the settings and before importScripts() of the
 * apps' worker scripts (push notifications, the outbox) and of PWA_WORKER_IMPORTS.
 *
 * Hand-written rather than Workbox. Workbox 7's modules for the same jobs (core, routing,
 * strategies, precaching, expiration, range-requests, cacheable-response) weigh 11.7 KB
 * gzipped before any of our own code, are seven more files to fetch, and would have to be
 * vendored from npm at install, while `make run` must work without npm. This file does the
 * same few jobs in about a quarter of that, and the e2e tests (tests/e2e/test_offline_*.py)
 * check each of them with the line cut.
 *
 * Caches, all named berdaya-*:
 *   shell-<version>  precached at install: CSS, scripts, the offline pages, the icons
 *   static           hashed static files (names change with content): cache-first
 *   pages            HTML pages the person opened: network-first, the copy when offline
 *   images           public image renditions: cache-first
 *   pack-<id>        what the person saved for offline (written by cms/static/cms/offline.js)
 *   meta             whose pages these are: the X-Berdaya-User of the last page
 * Never another person's page: pages and packs go when a page comes for someone else (signing
 * out lands on a page for nobody) and when the sign-out form is sent. Never cached: requests
 * other than GET, the admin, private media (unless the person saved it), and no-store pages.
 */
"use strict";

var C = self.BERDAYA_CONFIG;
var SHELL = "berdaya-shell-" + C.version;
var PAGES = "berdaya-pages", STATIC = "berdaya-static", IMAGES = "berdaya-images";
var META = "berdaya-meta", PACK = "berdaya-pack-", WHO = "/__berdaya/user";
var HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
var person = null;  // the last known X-Berdaya-User (also kept in the meta cache)

function starts(path, prefixes) {
  return prefixes.some(function (p) { return path.indexOf(p) === 0; });
}

/* Drop every page and saved pack: they belong to the person who was signed in. */
function forget() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n === PAGES || n.indexOf(PACK) === 0;
    }).map(function (n) { return caches.delete(n); }));
  });
}

function samePerson(who) {
  var known = person !== null ? Promise.resolve(person) : caches.open(META).then(function (c) {
    return c.match(WHO).then(function (r) { return r ? r.text() : null; });
  });
  return known.then(function (was) {
    person = who;
    if (was === who) return;
    return (was === null ? Promise.resolve() : forget()).then(function () {
      return caches.open(META).then(function (c) { return c.put(WHO, new Response(who)); });
    });
  });
}

/* A cached response, following an alias (the same file saved under another address). */
function fromCaches(request) {
  return caches.match(request, { ignoreVary: true, ignoreSearch: false }).then(function (hit) {
    var alias = hit && hit.headers.get("X-Berdaya-Alias");
    return alias ? caches.match(alias, { ignoreVary: true }) : hit;
  });
}

function pageToKeep(response) {
  var type = response.headers.get("Content-Type") || "";
  return response.ok && response.type === "basic" && !response.redirected &&
    type.indexOf("text/html") === 0 && !/no-store/.test(response.headers.get("Cache-Control") || "") &&
    response.headers.has("X-Berdaya-User");
}

function offlinePage(url) {
  var language = url.pathname.split("/")[1];
  return caches.match(C.offline[language] || C.offline[C.language]).then(function (hit) {
    return hit || Response.error();
  });
}

function page(event, url) {
  var request = event.request;
  return fetch(request).then(function (response) {
    var who = response.headers.get("X-Berdaya-User");
    if (who !== null) {
      var copy = pageToKeep(response) ? response.clone() : null;
      event.waitUntil(samePerson(who).then(function () {
        if (copy) return caches.open(PAGES).then(function (c) { return c.put(request, copy); });
      }));
    }
    return response;
  }, function () {
    return fromCaches(request).then(function (hit) { return hit || offlinePage(url); });
  });
}

function cacheFirst(request, name) {
  return fromCaches(request).then(function (hit) {
    return hit || fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        caches.open(name).then(function (c) { return c.put(request, copy); });
      }
      return response;
    });
  });
}

function networkFirst(request) {
  return fetch(request).catch(function (error) {
    return fromCaches(request).then(function (hit) { if (hit) return hit; throw error; });
  });
}

/* A saved file answered with the bytes asked for (206 and Content-Range), so seeking works. */
function ranged(response, range) {
  return response.blob().then(function (blob) {
    var size = blob.size, headers = new Headers(response.headers);
    var m = /^bytes=(\d*)-(\d*)$/.exec((range || "").trim());
    headers.set("Accept-Ranges", "bytes");
    headers.delete("Content-Encoding");
    if (!m || (m[1] === "" && m[2] === "")) {
      headers.set("Content-Length", String(size));
      return new Response(blob, { status: 200, headers: headers });
    }
    var start, end;
    if (m[1] === "") { start = Math.max(0, size - Number(m[2])); end = size - 1; }
    else { start = Number(m[1]); end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1); }
    if (start >= size || start > end) {
      return new Response("", { status: 416, headers: { "Content-Range": "bytes */" + size } });
    }
    headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    headers.set("Content-Length", String(end - start + 1));
    return new Response(blob.slice(start, end + 1), { status: 206, statusText: "Partial Content", headers: headers });
  });
}

function media(request) {
  return fromCaches(request.url).then(function (hit) {
    return hit ? ranged(hit, request.headers.get("Range")) : fetch(request);
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(C.shell); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf("berdaya-shell-") === 0 && n !== SHELL;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "forget") event.waitUntil(forget());
  // A page opened while this worker was activating (see cms/static/cms/pwa.js).
  if (event.data && event.data.type === "claim") event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (url.origin !== self.location.origin || starts(url.pathname, C.never)) return;
  if (request.method !== "GET") {
    if (C.signOut.indexOf(url.pathname) >= 0) event.waitUntil(forget());
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.indexOf(C.static) === 0) {
    event.respondWith(HASHED.test(url.pathname) ? cacheFirst(request, STATIC) : networkFirst(request));
  } else if (request.headers.has("Range") || request.destination === "audio" || request.destination === "video") {
    event.respondWith(media(request));
  } else if (request.destination === "image" || starts(url.pathname, C.images)) {
    event.respondWith(starts(url.pathname, C.images) ? cacheFirst(request, IMAGES) : networkFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});

/* For the scripts imported below (the outbox's Background Sync, push). */
self.berdaya = { config: C, forget: forget, fromCaches: fromCaches, ranged: ranged };
