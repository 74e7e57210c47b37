// Pagefind search on the "Cari" page. The index is built after MkDocs, with Indonesian stemming.
(function () {
  var element = document.getElementById("mt-cari");
  if (!element || typeof PagefindUI === "undefined") return;
  var params = new URLSearchParams(window.location.search);
  var ui = new PagefindUI({ element: "#mt-cari", showSubResults: true, showImages: false, resetStyles: false });
  var input = element.querySelector("input");
  if (input) input.setAttribute("aria-label", "Cari berita, usulan dan wilayah");
  if (params.get("q")) ui.triggerSearch(params.get("q"));
})();
