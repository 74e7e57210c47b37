// Small fixes on every page, after Material has laid it out: tables that scroll sideways on a phone
// can be reached and scrolled with the keyboard.
(function () {
  function fix() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabel (geser ke samping)");
      }
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(fix);
  else window.addEventListener("load", fix);
})();
