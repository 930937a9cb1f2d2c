// căn cứ: small enhancements for the server-rendered pages; every page works without them.
// No inline scripts anywhere (the Content-Security-Policy allows scripts from 'self' only).
"use strict";

// A body's name with suggestions as you type: <input data-suggest="/api/bodies" list="...">
// fills its <datalist> from /api/bodies?q=... (diacritics ignored by the server).
function suggest(input) {
  var list = document.getElementById(input.getAttribute("list"));
  if (!list) { return; }
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    var text = input.value.trim();
    if (text.length < 2 || text === last) { return; }
    clearTimeout(timer);
    timer = setTimeout(function () {
      last = text;
      var url = input.dataset.suggest + "?limit=15&q=" + encodeURIComponent(text);
      fetch(url, {headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : {items: []}; })
        .then(function (page) {
          // an answer to earlier text (a slow server answers out of order) is not shown
          if (input.value.trim() !== text) { return; }
          list.replaceChildren();
          page.items.forEach(function (b) {
            var opt = document.createElement("option");
            opt.value = b.label || b.name;
            list.appendChild(opt);
          });
        })
        .catch(function () { /* suggestions are a help, not a need */ });
    }, 150);
  });
}

// The date range fields only matter when "Khoảng ngày…" is chosen.
function periodChoice(select) {
  var range = select.form && select.form.querySelector(".range");
  if (!range) { return; }
  var sync = function () { range.hidden = select.value !== "range"; };
  select.addEventListener("change", sync);
  sync();
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-suggest]").forEach(suggest);
  document.querySelectorAll("select.period-choice").forEach(periodChoice);
});
