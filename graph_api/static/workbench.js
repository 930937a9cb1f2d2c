// The SPARQL workbench: YASGUI (served from /static/vendor/yasgui) on this server's endpoint.
// Its configuration comes from the page's <script type="application/json" id="workbench-config">
// (no inline script: the Content-Security-Policy allows scripts from 'self' only). It calls
// nothing but this server: no endpoint catalogue, no prefix.cc or LOV look-ups, no map tiles.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var cfg = JSON.parse(document.getElementById("workbench-config").textContent);
  var el = document.getElementById("yasgui");
  if (!window.Yasgui || !el) { return; }
  var yasgui = new window.Yasgui(el, {
    requestConfig: {endpoint: cfg.endpoint, method: "POST"},
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {getData: function () { return [{endpoint: cfg.endpoint}]; }},
    populateFromUrl: false,
    persistenceId: "cancu-workbench",
    yasqe: {value: cfg.query, autocompleters: ["variables"], prefixCcApi: null,
            showQueryButton: true, resizeable: true, editorHeight: "320px"},
    yasr: {pluginOrder: ["table", "response"], defaultPlugin: "table",
           prefixes: cfg.prefixes}
  });
  var tab = yasgui.getTab();
  tab.setEndpoint(cfg.endpoint);
  window.cancuWorkbench = yasgui;
  var picker = document.getElementById("examples");
  if (picker) {
    picker.addEventListener("change", function () {
      if (picker.value === "") { return; }
      var example = cfg.examples[Number(picker.value)];
      var current = yasgui.getTab();
      current.setEndpoint(cfg.endpoint);
      current.setQuery(example.query);
      current.query();
    });
  }
});
