(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var rule = document.getElementById("filter-rule");
  var file = document.getElementById("filter-file");
  var search = document.getElementById("filter-search");
  var count = document.getElementById("filter-count");
  var levels = Array.prototype.slice.call(bar.querySelectorAll(".filter-severity"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  var badges = Array.prototype.slice.call(document.querySelectorAll(".badge"));
  var paths = {};
  sections.forEach(function (s) { paths[s.dataset.file] = (s.dataset.path || "").toLowerCase(); });
  var items = Array.prototype.map.call(document.querySelectorAll("li.finding"), function (el) {
    return { el: el, code: el.dataset.code, level: el.dataset.severity, file: el.dataset.file,
             words: (el.textContent + " " + paths[el.dataset.file]).toLowerCase() };
  });
  function apply() {
    var code = rule.value, only = file.value, query = search.value.trim().toLowerCase();
    var words = query ? query.split(/\s+/) : [];
    var on = {}, all = true, shown = 0, hit = {}, visible = {};
    levels.forEach(function (box) { on[box.value] = box.checked; all = all && box.checked; });
    var narrowed = Boolean(code || query) || !all;
    items.forEach(function (it) {
      var ok = (!code || it.code === code) && on[it.level] && (!only || it.file === only) &&
               words.every(function (w) { return it.words.indexOf(w) >= 0; });
      if (it.el.hidden === ok) { it.el.hidden = !ok; }
      if (ok) { shown += 1; hit[it.file] = true; visible[it.el.id] = true; }
    });
    badges.forEach(function (b) {
      var off = !visible[b.dataset.finding];
      if (b.hidden !== off) { b.hidden = off; }
    });
    sections.forEach(function (s) {
      var id = s.dataset.file;
      var off = Boolean(only && id !== only) ||
                (narrowed && !hit[id] && !(query && !code && all && paths[id].indexOf(query) >= 0));
      if (s.hidden !== off) { s.hidden = off; }
    });
    count.textContent = shown + " of " + items.length + " findings shown";
  }
  var pending = null;
  function soon() { clearTimeout(pending); pending = setTimeout(apply, items.length > 5000 ? 200 : 60); }
  rule.addEventListener("change", apply);
  file.addEventListener("change", apply);
  levels.forEach(function (box) { box.addEventListener("change", apply); });
  search.addEventListener("input", soon);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  bar.hidden = false;
  apply();
})();
