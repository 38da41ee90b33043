/* Registers the site's service worker (/sw.js, cms/pwa/worker.js): pages stay readable offline.
 * A page whose navigation was already under way when the worker activated is missed by the
 * worker's clients.claim() (Chromium claims only pages that exist by then), and would stay
 * uncontrolled until the next page: such a page asks the active worker to claim it. */
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (!navigator.serviceWorker.controller && registration.active) {
      registration.active.postMessage({ type: "claim" });
    }
  }).catch(function () {});
}
