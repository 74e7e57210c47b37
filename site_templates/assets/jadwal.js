// Marks meetings on the home page schedule that are still to come, by the reader's own date.
// Without JavaScript the schedule is a plain list of the latest meetings.
(function () {
  var box = document.querySelector(".mt-jadwal");
  if (!box) return;
  var now = new Date();
  var today = [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"), String(now.getDate()).padStart(2, "0")].join("-");
  var upcoming = 0;
  box.querySelectorAll("li[data-tanggal]").forEach(function (item) {
    if (item.getAttribute("data-tanggal") >= today) {
      var mark = document.createElement("strong");
      mark.className = "mt-label";
      mark.textContent = "Akan datang";
      item.insertBefore(mark, item.firstChild);
      item.insertBefore(document.createTextNode(" "), mark.nextSibling);
      upcoming += 1;
    }
  });
  if (upcoming) box.querySelector(".mt-jadwal__mendatang").hidden = false;
})();
