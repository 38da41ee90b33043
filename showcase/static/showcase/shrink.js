/* Shrink a photo on the phone before it is sent: drawn to a canvas at most N px a side
   (form[data-shrink="N"]) and sent as JPEG with a progress bar. Without canvas or
   XMLHttpRequest the form is sent as it is; the server shrinks it anyway. */
(function () {
  "use strict";
  // The page's Content-Security-Policy allows no blob: images, so the photo is decoded with
  // createImageBitmap, or else read as a data: URL.
  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
        return { source: bitmap, width: bitmap.width, height: bitmap.height };
      });
    }
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        var img = new Image();
        img.onload = function () { resolve({ source: img, width: img.naturalWidth, height: img.naturalHeight }); };
        img.onerror = reject;
        img.src = reader.result;
      };
      reader.onerror = reject;
      reader.readAsDataURL(file);
    });
  }
  function shrink(file, max) {
    if (!file || !/^image\//.test(file.type) || !document.createElement("canvas").toBlob) {
      return Promise.resolve(file);
    }
    return decode(file).then(function (picture) {
      var scale = Math.min(1, max / Math.max(picture.width, picture.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(picture.width * scale));
      canvas.height = Math.max(1, Math.round(picture.height * scale));
      canvas.getContext("2d").drawImage(picture.source, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob && blob.size < file.size ? blob : file);
        }, "image/jpeg", 0.8);
      });
    }).catch(function () { return file; });
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
        xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
        if (bar) { bar.hidden = false; bar.value = 0; }
        xhr.upload.onprogress = function (e) {
          if (e.lengthComputable && bar) bar.value = Math.round((e.loaded / e.total) * 100);
          if (status && e.lengthComputable) status.textContent = Math.round((e.loaded / e.total) * 100) + "%";
        };
        xhr.onload = function () {
          var next = null;
          try { next = JSON.parse(xhr.responseText).next; } catch (e) { next = null; }
          if (xhr.status < 400 && next && next.charAt(0) === "/") { window.location.assign(next); return; }
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
