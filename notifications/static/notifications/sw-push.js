/* The push section of the site's service worker (cms serves the worker at /sw.js and imports
 * this file, named by notifications' ``service_worker_scripts`` hook): it shows push
 * notifications and opens their page when tapped.
 */
"use strict";

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
