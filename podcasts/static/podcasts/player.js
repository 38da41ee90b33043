/* Episode player: speed, 15-second skip, data-saver switch, resume where the listener stopped.
   No audio is fetched before play (the <audio> has preload="none"). The place is kept in
   localStorage and, for signed-in listeners, posted to the server now and then. */
(function () {
  "use strict";
  var SPEEDS = ["0.75", "1", "1.25", "1.5"];

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key)); } catch (e) { return null; }
  }
  function store(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or off */ }
  }
  function clock(t) {
    t = Math.floor(t);
    var s = t % 60, m = Math.floor(t / 60) % 60, h = Math.floor(t / 3600);
    return (h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function setup(root) {
    var audio = root.querySelector("audio");
    var key = "podcast-position-" + root.getAttribute("data-episode");
    var saveUrl = root.getAttribute("data-save-url");
    var tokenInput = root.querySelector("input[name=csrfmiddlewaretoken]");
    var speed = root.querySelector("[data-speed]");
    var toggle = root.querySelector("[data-saver-toggle]");
    var note = root.querySelector("[data-resume]");

    // Where to start: the newer of this device's note and the server's.
    var local = load(key);
    var serverAt = parseInt(root.getAttribute("data-position-at") || "0", 10) * 1000;
    var server = parseFloat(root.getAttribute("data-position"));
    var resume = 0;
    if (local && typeof local.t === "number" && (!serverAt || local.at >= serverAt)) {
      resume = local.t;
    } else if (!isNaN(server)) {
      resume = server;
    }
    var pending = resume > 1;
    if (pending && note) {
      note.querySelector("span").textContent = clock(resume);
      note.hidden = false;
    }

    var rate = String(load("podcast-speed") || "1");
    if (SPEEDS.indexOf(rate) < 0) { rate = "1"; }
    speed.value = rate;
    audio.defaultPlaybackRate = audio.playbackRate = parseFloat(rate);
    speed.addEventListener("change", function () {
      var value = parseFloat(speed.value);
      audio.defaultPlaybackRate = audio.playbackRate = value;
      store("podcast-speed", speed.value);
    });

    audio.addEventListener("loadedmetadata", function () {
      audio.playbackRate = parseFloat(speed.value);
      if (pending && (!audio.duration || resume < audio.duration - 2)) {
        audio.currentTime = resume;
      }
      pending = false;
    });

    Array.prototype.forEach.call(root.querySelectorAll("[data-skip]"), function (button) {
      button.addEventListener("click", function () {
        var delta = parseFloat(button.getAttribute("data-skip"));
        if (audio.readyState === 0) { resume = Math.max(0, resume + delta); pending = true; return; }
        var end = isFinite(audio.duration) ? audio.duration : audio.currentTime + delta;
        audio.currentTime = Math.max(0, Math.min(end, audio.currentTime + delta));
        remember(false);
      });
    });

    var lastPosted = 0;
    function post(seconds, leaving) {
      if (!saveUrl || !tokenInput) { return; }
      lastPosted = Date.now();
      var data = new FormData();
      data.append("seconds", seconds.toFixed(1));
      data.append("csrfmiddlewaretoken", tokenInput.value);
      if (leaving && navigator.sendBeacon) { navigator.sendBeacon(saveUrl, data); return; }
      window.fetch(saveUrl, { method: "POST", body: data, credentials: "same-origin" })
        .catch(function () { /* offline: the device still remembers */ });
    }
    function remember(force, leaving) {
      if (pending || audio.readyState === 0) { return; }
      var t = audio.currentTime;
      store(key, { t: t, at: Date.now() });
      if (force || Date.now() - lastPosted > 15000) { post(t, leaving); }
    }
    var lastStored = 0;
    audio.addEventListener("timeupdate", function () {
      if (Date.now() - lastStored > 1000) { lastStored = Date.now(); remember(false); }
    });
    audio.addEventListener("pause", function () { remember(true); });
    audio.addEventListener("seeked", function () { remember(false); });
    audio.addEventListener("ended", function () {
      store(key, { t: 0, at: Date.now() });
      post(0);
    });
    window.addEventListener("pagehide", function () {
      if (!audio.paused) { remember(true, true); }
    });

    function chooseSource() {
      var src = toggle && toggle.checked ? audio.getAttribute("data-saver") : audio.getAttribute("data-full");
      if (!src || audio.getAttribute("src") === src) { return; }
      var playing = !audio.paused;
      if (audio.readyState > 0) { resume = audio.currentTime; pending = true; }
      audio.setAttribute("src", src);
      if (playing) { audio.play(); }
    }
    if (toggle) {
      var wanted = load("podcast-saver");
      if (wanted === null) { wanted = toggle.defaultChecked || !!(navigator.connection && navigator.connection.saveData); }
      toggle.checked = !!wanted;
      chooseSource();
      toggle.addEventListener("change", function () {
        store("podcast-saver", toggle.checked);
        chooseSource();
      });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-player]"), setup);
})();
