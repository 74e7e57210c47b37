// Instant filtering of proposals on the "Usulan" page. Without JavaScript the page offers plain,
// paginated lists instead. Data comes in small JSON shards, one per kelurahan: the first screen
// downloads only the index; a shard is fetched when its region is chosen (or all of them while the
// whole site holds few proposals). Text is always inserted with textContent, never as HTML. The
// address may choose the filters (`?wilayah=18.72.02.1001&tahun=2024`, as the Cari page links a
// kelurahan's proposals of a year); a value the list does not offer is ignored.
(function () {
  var box = document.getElementById("mt-saring");
  if (!box || !window.fetch) return;
  var LOAD_ALL_LIMIT = 5000;
  var PER_PAGE = 50;
  var base = new URL(box.getAttribute("data-indeks"), window.location.href);
  var pageBase = new URL(box.getAttribute("data-halaman"), window.location.href);
  var index = null;
  var loaded = {};
  var state = { page: 0 };
  var fields = [
    ["tahun", "Tahun rencana"], ["kecamatan", "Kecamatan"], ["wilayah", "Kelurahan/desa"],
    ["status", "Status"], ["jenis", "Jenis"], ["bidang", "Bidang"], ["urusan", "Urusan"], ["opd", "OPD tujuan"]
  ];
  var selects = {};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function rupiah(n) { return "Rp" + String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function label(kind, value) { return (index.label[kind] && index.label[kind][value]) || String(value); }

  function shardsWanted() {
    var kel = selects.wilayah.value, kec = selects.kecamatan.value;
    var parts = index.bagian.filter(function (p) {
      return (!kel || p.wilayah === kel) && (!kec || p.kecamatan === kec);
    });
    var total = parts.reduce(function (a, p) { return a + p.jumlah; }, 0);
    return total <= LOAD_ALL_LIMIT || kel || kec ? parts : null;
  }

  function load(parts) {
    return Promise.all(parts.map(function (p) {
      if (loaded[p.berkas]) return loaded[p.berkas];
      loaded[p.berkas] = fetch(new URL(p.berkas, base)).then(function (r) { return r.json(); })
        .then(function (data) { return data.baris; });
      return loaded[p.berkas];
    })).then(function (lists) { return [].concat.apply([], lists); });
  }

  function matches(row) {
    var c = index.kolom;
    var get = function (name) { return String(row[c.indexOf(name)]); };
    if (selects.tahun.value && get("tahun") !== selects.tahun.value) return false;
    var kode = get("wilayah");
    if (selects.kecamatan.value && kode.indexOf(selects.kecamatan.value + ".") !== 0) return false;
    if (selects.wilayah.value && kode !== selects.wilayah.value) return false;
    return ["status", "jenis", "bidang", "urusan", "opd"].every(function (f) {
      return !selects[f].value || get(f) === selects[f].value;
    });
  }

  function sorted(rows) {
    var c = index.kolom, key = selects.urut.value;
    var col = { tanggal: "tanggal", biaya: "biaya", status: "status" }[key.replace("-", "")] || "tanggal";
    var i = c.indexOf(col), ascending = key.charAt(0) === "-" ? 1 : -1;
    return rows.slice().sort(function (a, b) {
      var x = a[i], y = b[i];
      if (x < y) return -ascending;
      if (x > y) return ascending;
      return a[0] < b[0] ? -1 : 1;
    });
  }

  function render(rows) {
    var out = box.querySelector(".mt-saring__hasil");
    out.textContent = "";
    var c = index.kolom;
    var count = el("p", { role: "status" }, rows.length + " usulan cocok.");
    out.appendChild(count);
    if (!rows.length) return;
    var table = el("table"), head = el("tr");
    ["Usulan", "Wilayah", "Perkiraan biaya", "Status"].forEach(function (t) { head.appendChild(el("th", {}, t)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    var pages = Math.ceil(rows.length / PER_PAGE);
    state.page = Math.min(state.page, pages - 1);
    rows.slice(state.page * PER_PAGE, (state.page + 1) * PER_PAGE).forEach(function (row) {
      var tr = el("tr"), td = el("td");
      td.appendChild(el("a", { href: new URL(row[c.indexOf("id")] + "/", pageBase).href }, row[c.indexOf("judul")]));
      tr.appendChild(td);
      tr.appendChild(el("td", {}, label("wilayah", row[c.indexOf("wilayah")])));
      tr.appendChild(el("td", {}, rupiah(row[c.indexOf("biaya")])));
      tr.appendChild(el("td", {}, label("status", row[c.indexOf("status")])));
      body.appendChild(tr);
    });
    out.appendChild(el("div", { class: "md-typeset__table" })).appendChild(table);
    if (pages > 1) {
      var nav = el("p");
      for (var n = 0; n < pages; n++) {
        var b = el("button", { type: "button", class: "md-button" + (n === state.page ? " md-button--primary" : "") }, String(n + 1));
        b.addEventListener("click", (function (n) { return function () { state.page = n; update(false); }; })(n));
        nav.appendChild(b);
      }
      out.appendChild(nav);
    }
  }

  function update(reset) {
    if (reset) state.page = 0;
    var parts = shardsWanted();
    var out = box.querySelector(".mt-saring__hasil");
    if (!parts) {
      out.textContent = "";
      out.appendChild(el("p", { role: "status" }, "Pilih kecamatan atau kelurahan dulu untuk menyaring " + index.jumlah + " usulan."));
      return;
    }
    load(parts).then(function (rows) { render(sorted(rows.filter(matches))); });
  }

  function build() {
    var form = el("form", { class: "mt-saring__form", role: "search", "aria-label": "Saring usulan" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var options = { tahun: {}, kecamatan: {}, wilayah: {} };
    index.bagian.forEach(function (p) { options.wilayah[p.wilayah] = label("wilayah", p.wilayah); options.kecamatan[p.kecamatan] = label("wilayah", p.kecamatan); });
    (index.tahun || []).forEach(function (t) { options.tahun[t] = "Tahun " + t; });
    ["status", "jenis", "bidang", "urusan", "opd"].forEach(function (f) { options[f] = index.label[f]; });
    fields.concat([["urut", "Urutkan"]]).forEach(function (f) {
      var id = "mt-saring-" + f[0];
      var wrap = el("p");
      wrap.appendChild(el("label", { for: id }, f[1] + " "));
      var select = el("select", { id: id, name: f[0] });
      if (f[0] === "urut") {
        [["tanggal", "Terbaru"], ["-tanggal", "Terlama"], ["biaya", "Biaya terbesar"], ["-biaya", "Biaya terkecil"], ["-status", "Status (A-Z)"]]
          .forEach(function (o) { select.appendChild(el("option", { value: o[0] }, o[1])); });
      } else {
        select.appendChild(el("option", { value: "" }, "Semua"));
        Object.keys(options[f[0]]).sort().forEach(function (k) { select.appendChild(el("option", { value: k }, options[f[0]][k])); });
      }
      var chosen = new URLSearchParams(window.location.search).get(f[0]);
      if (chosen && Array.prototype.some.call(select.options, function (o) { return o.value === chosen; })) {
        select.value = chosen;
      }
      select.addEventListener("change", function () { update(true); });
      selects[f[0]] = select;
      wrap.appendChild(select);
      form.appendChild(wrap);
    });
    box.appendChild(el("h2", {}, "Saring usulan"));
    box.appendChild(form);
    box.appendChild(el("div", { class: "mt-saring__hasil", "aria-live": "polite" }));
    box.hidden = false;
    update(true);
  }

  fetch(base).then(function (r) { return r.json(); }).then(function (data) { index = data; build(); });
})();
