/* Lesson video player: HLS, native where the browser plays it, else the vendored hls.js,
   which is fetched only when someone presses play in a browser without native HLS.
   Nothing but the poster moves before play (preload="none", no source until then).
   The data-saver choice (normal / 144p / audio only) is saved to the person's account. */
(function () {
  "use strict";
  var hlsScript = null;

  function loadHls(url) {
    if (window.Hls) return Promise.resolve(window.Hls);
    if (!url) return Promise.resolve(null);  // hls.js was not vendored (no npm at install)
    if (!hlsScript) {
      hlsScript = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () { resolve(window.Hls); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return hlsScript;
  }

  function nativeHls(media) {
    return !!media.canPlayType("application/vnd.apple.mpegurl");
  }

  function Player(box) {
    this.box = box;
    this.media = box.querySelector("video");
    this.button = box.querySelector(".video-play");
    this.mode = box.getAttribute("data-mode") || "auto";
    this.hls = null;
    this.started = false;
    this.nativeFailed = false;
    var self = this;
    this.button.addEventListener("click", function () { self.start(0, true); });
    box.querySelectorAll("input[name=mode]").forEach(function (input) {
      input.addEventListener("change", function () { self.choose(input.value); });
    });
    this.media.addEventListener("error", function () {
      // A browser that claims native HLS but cannot play this stream: fall back to hls.js.
      if (self.box.getAttribute("data-engine") === "native" && !self.nativeFailed) {
        self.nativeFailed = true;
        self.start(self.media.currentTime || 0, true);
      }
    });
  }

  Player.prototype.url = function () {
    return this.box.getAttribute("data-" + this.mode) || this.box.getAttribute("data-auto");
  };

  Player.prototype.start = function (at, playing) {
    var self = this;
    var media = this.media;
    this.started = true;
    this.button.hidden = true;
    media.controls = true;
    this.box.classList.toggle("listening", this.mode === "audio");
    if (this.hls) { this.hls.destroy(); this.hls = null; }
    var play = function () {
      if (!playing) return;
      var promise = media.play();
      if (promise && promise.catch) promise.catch(function () {});
    };
    if (nativeHls(media) && !this.nativeFailed) {
      this.box.setAttribute("data-engine", "native");
      media.src = this.url();
      // preload="none": nothing loads until play(), so seek once the metadata is there.
      if (at) {
        media.addEventListener("loadedmetadata", function () { media.currentTime = at; }, { once: true });
      }
      play();
      return;
    }
    this.box.setAttribute("data-engine", "hls.js");
    var cannot = function () {
      // Neither built-in HLS nor hls.js: say so instead of a black box that never plays.
      self.box.setAttribute("data-engine", "none");
      var note = self.box.querySelector(".video-cannot");
      if (note) note.hidden = false;
      self.button.hidden = false;
      media.controls = false;
    };
    loadHls(this.box.getAttribute("data-hlsjs")).then(function (Hls) {
      if (!Hls || !Hls.isSupported()) {
        cannot();
        return;
      }
      // A short buffer: someone who stops watching has not paid for minutes they never see.
      var hls = new Hls({ maxBufferLength: 18, maxMaxBufferLength: 30, startPosition: at || -1 });
      self.hls = hls;
      hls.attachMedia(media);
      hls.on(Hls.Events.MANIFEST_PARSED, play);
      hls.loadSource(self.url());
    }, cannot);
  };

  Player.prototype.choose = function (mode) {
    this.mode = mode;
    this.box.setAttribute("data-mode", mode);
    document.querySelectorAll("[data-video]").forEach(function (other) {
      if (other !== this.box && other.player) other.player.setMode(mode);
    }, this);
    this.save(mode);
    if (this.started) this.start(this.media.currentTime, !this.media.paused);
  };

  Player.prototype.setMode = function (mode) {
    this.mode = mode;
    var input = this.box.querySelector("input[name=mode][value=" + mode + "]");
    if (input) input.checked = true;
  };

  Player.prototype.save = function (mode) {
    var url = this.box.getAttribute("data-save-url");
    var form = this.box.querySelector("form");
    if (!url || !form || !window.fetch) return;
    var body = new FormData(form);
    body.set("mode", mode);
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).catch(function () {});
  };

  document.querySelectorAll("[data-video]").forEach(function (box) {
    box.player = new Player(box);
  });
})();
