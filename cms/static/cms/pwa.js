/* Registers the site's service worker (/sw.js, cms/pwa/worker.js): pages stay readable offline. */
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
