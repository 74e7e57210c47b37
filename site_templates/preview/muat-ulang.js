/* Musrenbang Terbuka preview (musrenbang serve only; never part of the built site).
   Polls the preview server: reloads the page after a new build, and shows the records' problems
   over the page while they last. Text is set with textContent, never as HTML. */
(function () {
  "use strict";
  var seen = null;
  var box = null;

  function panel(small) {
    if (!box) {
      box = document.createElement("section");
      box.id = "pratinjau-masalah";
      box.setAttribute("role", "status");
      document.body.appendChild(box);
    }
    var s = box.style;
    s.position = "fixed"; s.zIndex = "10000"; s.margin = "0"; s.overflow = "auto";
    s.font = "14px/1.5 monospace"; s.whiteSpace = "pre-wrap";
    if (small) {  /* the whole site is being rebuilt: a quiet note in a corner */
      s.left = "auto"; s.right = "0.5em"; s.bottom = "0.5em"; s.maxHeight = ""; s.padding = "0.3em 0.6em";
      s.background = "#263238"; s.color = "#fff"; s.borderTop = "0";
    } else {  /* problems: over the lower part of the page until they are fixed */
      s.left = "0"; s.right = "0"; s.bottom = "0"; s.maxHeight = "60vh"; s.padding = "1em";
      s.background = "#fff4f4"; s.color = "#5c0000"; s.borderTop = "4px solid #b00020";
    }
    box.setAttribute("role", small ? "status" : "alert");
    return box;
  }

  function show(status) {
    if (status.masalah.length === 0 && !status.membangun) {
      if (box) { box.remove(); box = null; }
      return;
    }
    var target = panel(status.masalah.length === 0);
    target.textContent = "";
    var title = document.createElement("strong");
    title.textContent = status.masalah.length
      ? "Situs belum diperbarui: catatan bermasalah. Perbaiki lalu simpan; halaman dimuat ulang sendiri."
      : "Memperbarui seluruh situs…";
    target.appendChild(title);
    status.masalah.forEach(function (line) {
      var item = document.createElement("div");
      item.textContent = line;
      target.appendChild(item);
    });
  }

  function tick() {
    fetch("/_pratinjau/status", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (seen === null) seen = status.versi;
        if (status.versi !== seen) { window.location.reload(); return; }
        show(status);
        window.setTimeout(tick, 400);
      })
      .catch(function () { window.setTimeout(tick, 1000); });
  }
  tick();
})();
