/* Berdaya's service worker, served at /sw.js so its scope is the whole site.
 *
 * Today it shows push notifications and opens their page when tapped. A later issue adds
 * offline caching: give it its own section below and keep each section to its own events.
 */
"use strict";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

/* --- push notifications ------------------------------------------------------------------ */

function readPush(event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = { body: event.data.text() }; }
  return {
    title: data.title || "Berdaya",
    options: {
      body: data.body || "",
      // The same tag replaces the earlier notification about the same thing.
      tag: data.tag || undefined,
      data: { url: data.url || "/", id: data.id || null },
      lang: data.lang || undefined
    }
  };
}

self.addEventListener("push", function (event) {
  var message = readPush(event);
  event.waitUntil(self.registration.showNotification(message.title, message.options));
});

function openPage(url) {
  var target = new URL(url || "/", self.location.origin).href;
  return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    var same = windows.filter(function (w) { return w.url === target; })[0];
    if (same) return same.focus();
    var ours = windows.filter(function (w) { return "navigate" in w && new URL(w.url).origin === self.location.origin; })[0];
    if (ours) {
      // An open tab of the site goes to the page; a new window is the fallback.
      return ours.navigate(target).then(function (client) {
        return (client || ours).focus().catch(function () { return client; });
      }).catch(function () { return self.clients.openWindow(target); });
    }
    return self.clients.openWindow(target);
  });
}

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(openPage(event.notification.data && event.notification.data.url));
});
