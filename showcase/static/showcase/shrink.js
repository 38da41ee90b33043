/* Shrink a photo on the phone before it is sent: drawn to a canvas at most N px a side
   (form[data-shrink="N"]) and sent as JPEG with a progress bar. Without canvas or
   XMLHttpRequest the form is sent as it is; the server shrinks it anyway. */
(function () {
  "use strict";
  function shrink(file, max) {
    return new Promise(function (resolve) {
      if (!file || !/^image\//.test(file.type) || !window.URL || !document.createElement("canvas").toBlob) {
        resolve(file);
        return;
      }
      var img = new Image();
      var url = URL.createObjectURL(file);
      img.onload = function () {
        URL.revokeObjectURL(url);
        var scale = Math.min(1, max / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement("canvas");
        canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
        canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
        canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          resolve(blob && blob.size < file.size ? blob : file);
        }, "image/jpeg", 0.8);
      };
      img.onerror = function () { URL.revokeObjectURL(url); resolve(file); };
      img.src = url;
    });
  }
  document.querySelectorAll("form[data-shrink]").forEach(function (form) {
    var max = parseInt(form.getAttribute("data-shrink"), 10) || 1600;
    var input = form.querySelector("input[type=file]");
    var bar = form.querySelector("progress");
    var status = form.querySelector("[data-status]");
    form.addEventListener("submit", function (event) {
      if (!input || !input.files.length || !window.FormData) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      shrink(input.files[0], max).then(function (blob) {
        var data = new FormData(form);
        var name = (input.files[0].name || "foto").replace(/\.[^.]*$/, "") + ".jpg";
        data.set(input.name, blob, blob === input.files[0] ? input.files[0].name : name);
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        if (bar) { bar.hidden = false; bar.value = 0; }
        xhr.upload.onprogress = function (e) {
          if (e.lengthComputable && bar) bar.value = Math.round((e.loaded / e.total) * 100);
          if (status && e.lengthComputable) status.textContent = Math.round((e.loaded / e.total) * 100) + "%";
        };
        xhr.onload = function () {
          if (xhr.status < 400 && xhr.responseURL) { window.location.assign(xhr.responseURL); return; }
          document.open(); document.write(xhr.responseText); document.close();
        };
        xhr.onerror = function () {
          if (button) button.disabled = false;
          if (status) status.textContent = form.getAttribute("data-error") || "×";
        };
        xhr.send(data);
      });
    });
  });
})();
