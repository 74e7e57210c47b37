// Pagefind search on the "Cari" page. The index is built after MkDocs, with Indonesian stemming, in
// shards: `umum` (which carries the scripts) and one per kecamatan or kab/kota (see generator/index.py).
// The reader searches the shards of all kab/kota, of one, or of one kecamatan (with what is about its
// kab/kota as a whole); a large site asks where first, so that one query does not download the page
// list of a whole province. A large kab/kota has a summary bundle (`<kode>-ringkas`) searched instead
// of its shards when the reader asks for all of it: there the proposals of a kelurahan and year are
// one result, each proposal a sub-result, linked here to the proposal's page and the group to the
// Usulan page's filter. A large site of several kab/kota has the bundle `semua`, searched for all of
// them at once: one result per region (its page), each news post and proposal there a sub-result
// whose anchor is its page's address, and only their titles and one line each searched.
(function () {
  var element = document.getElementById("mt-cari");
  if (!element || typeof PagefindUI === "undefined") return;
  var ALL_UP_TO = 20000; // pages searched at once without asking for a kab/kota
  var SUMMARY = "-ringkas";
  var EVERYTHING = "semua";
  var GROUP = /^(.*\/)usulan\/kelompok\/([^/#?]+)\/([0-9]+)\/(?:#(.+))?$/;
  var SECTION = /^(.*\/)wilayah\/[^/#?]+\/#(.+\/)$/; // a page's section in its region's document
  var params = new URLSearchParams(window.location.search);
  var choice = document.getElementById("mt-cari-wilayah");
  var base = new URL("../pagefind/", window.location.href).pathname;
  var remembered = null;
  try { remembered = window.localStorage.getItem("mt-cari-wilayah"); } catch (e) { /* private mode */ }

  // A group's address in a summary bundle, as the Usulan page's filter or (with an anchor, a
  // sub-result) the proposal's page; a section's in `semua` as its page; any other address as it is.
  function address(url) {
    var section = SECTION.exec(url);
    if (section) return section[1] + section[2].split("/").map(encodeURIComponent).join("/");
    var group = GROUP.exec(url);
    if (!group) return url;
    if (group[4]) return group[1] + "usulan/" + encodeURIComponent(group[4]) + "/";
    return group[1] + "usulan/?wilayah=" + encodeURIComponent(group[2]) + "&tahun=" + group[3];
  }

  function processResult(result) {
    result.url = address(result.url);
    (result.sub_results || []).forEach(function (sub) { sub.url = address(sub.url); });
    return result;
  }

  // The bundles that cover kab/kota `kode` ("" for all: `semua` where the site has it): its summary
  // where it has one, else its shards.
  function covering(names, kode) {
    if (kode === "" && names.indexOf(EVERYTHING) >= 0) return [EVERYTHING];
    return names.filter(function (name) {
      var summary = name.slice(-SUMMARY.length) === SUMMARY;
      var area = summary ? name.slice(0, -SUMMARY.length) : name;
      if (kode !== "" && area !== kode && area.indexOf(kode + ".") !== 0) return false;
      return summary || names.indexOf(area.split(".").slice(0, 2).join(".") + SUMMARY) < 0;
    });
  }

  function start(shards) {
    var scope = params.has("wilayah") ? params.get("wilayah") : remembered;
    var names = Object.keys(shards).filter(function (name) { return name !== "umum"; });
    // `semua` is one document per region however many pages it covers: searched without asking.
    var total = names.indexOf(EVERYTHING) >= 0 ? 0 :
      covering(names, "").reduce(function (sum, name) { return sum + shards[name]; }, shards.umum || 0);
    if (choice) {
      var known = Array.prototype.some.call(choice.options, function (o) { return o.value === scope; });
      if (scope === null || !known) scope = total <= ALL_UP_TO ? "" : null;
      if (scope === null) {
        var ask = document.createElement("option");
        ask.value = "-";
        ask.textContent = "Pilih wilayah";
        choice.insertBefore(ask, choice.firstChild);
        var hint = document.createElement("p");
        hint.textContent = "Pilih kabupaten/kota atau kecamatan agar berita dan usulan di sana ikut dicari.";
        choice.parentNode.parentNode.insertBefore(hint, choice.parentNode.nextSibling);
      }
      choice.value = scope === null ? "-" : scope;
      choice.parentNode.hidden = false;
      choice.addEventListener("change", function () {
        try { window.localStorage.setItem("mt-cari-wilayah", choice.value); } catch (e) { /* private mode */ }
        var next = new URLSearchParams(window.location.search);
        next.set("wilayah", choice.value);
        var input = element.querySelector("input");
        if (input && input.value) next.set("q", input.value);
        window.location.search = next.toString();
      });
      if (scope === null) scope = "-"; // only the province-wide pages until the reader chooses
      var above = scope.split(".").slice(0, 2).join("."); // a kecamatan's kab/kota
      names = scope === "" || scope === above ? covering(names, scope) : names.filter(function (name) {
        return name === scope || name.indexOf(scope + ".") === 0 || name === above;
      });
    } else {
      names = covering(names, "");
    }
    if (names.indexOf(EVERYTHING) >= 0) {
      var brief = document.createElement("p");
      brief.className = "mt-cari-catatan";
      brief.textContent = "Di semua kabupaten/kota yang dicari hanya judul berita dan usulan beserta " +
        "wilayah, bidang dan statusnya. Hasilnya per wilayah, dengan tiga yang paling cocok di bawah " +
        "tiap wilayah. Pilih satu kabupaten/kota atau kecamatan untuk mencari di seluruh isi.";
      element.parentNode.insertBefore(brief, element);
    } else if (names.some(function (name) { return name.slice(-SUMMARY.length) === SUMMARY; })) {
      var note = document.createElement("p");
      note.className = "mt-cari-catatan";
      note.textContent = "Usulan ditampilkan per kelurahan/desa dan tahun rencana: di bawah tiap judul " +
        "tampil tiga yang paling cocok; buka judulnya untuk melihat semuanya." +
        (choice ? " Pilih satu kecamatan untuk melihat setiap usulan sebagai hasil tersendiri." : "");
      element.parentNode.insertBefore(note, element);
    }
    var options = {
      element: "#mt-cari",
      bundlePath: base + "umum/",
      mergeIndex: names.map(function (name) { return { bundlePath: base + name + "/" }; }),
      showSubResults: true,
      processResult: processResult,
      showImages: false,
      resetStyles: false,
    };
    // A region's document in `semua` holds hundreds of titles, and common words are in all of them:
    // rank by how many titles match, not by their share of the document.
    if (names.indexOf(EVERYTHING) >= 0) options.ranking = { termFrequency: 0 };
    var ui = new PagefindUI(options);
    var input = element.querySelector("input");
    if (input) input.setAttribute("aria-label", "Cari berita, usulan dan wilayah");
    if (params.get("q")) ui.triggerSearch(params.get("q"));
  }

  fetch(base + "bagian.json")
    .then(function (response) { return response.json(); })
    .then(start, function () { start({ umum: 0 }); });
})();
