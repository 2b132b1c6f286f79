/** The inline stylesheet and script of the audit HTML report (kept apart from the markup). */

export const HTML_REPORT_STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 2rem 2rem;color:#212529;background:#f8f9fa}
header h1{margin:1rem 0 .25rem}header p{margin:0 0 1rem;color:#495057}
.cards{display:flex;gap:1rem;flex-wrap:wrap;margin-bottom:1rem}
.card{background:#fff;border:1px solid #dee2e6;border-radius:6px;padding:.75rem 1.25rem;min-width:9rem}
.card .value{display:block;font-size:1.8rem;font-weight:600}.card .label{color:#495057}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
.chart{background:#fff;border:1px solid #dee2e6;border-radius:6px;margin:0;padding:.5rem 1rem}
.chart figcaption{font-weight:600;margin-bottom:.25rem}.chart .label,.chart .value{font-size:12px;fill:#212529}
.more{margin:0;color:#868e96;font-size:12px}
.filters{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin-bottom:.5rem}
.filters input{flex:1;min-width:16rem;padding:.35rem .5rem}.filters select{padding:.3rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #dee2e6;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#e9ecef;position:sticky;top:0}
td.path{font-family:ui-monospace,monospace;word-break:break-all}
.sev{font-weight:600;text-transform:uppercase;font-size:12px}
.sev-critical{color:#8b0000}.sev-high{color:#d9480f}.sev-medium{color:#b08800}.sev-low{color:#364fc7}
code{font-family:ui-monospace,monospace}
`;

/** Renders the embedded rows and re-filters on every input; data goes in through textContent only. */
export const HTML_REPORT_SCRIPT = `
"use strict";
(function () {
  var rows = JSON.parse(document.getElementById("data").textContent);
  var body = document.getElementById("rows");
  var inputs = ["search", "severity", "status", "repository"].map(function (id) { return document.getElementById(id); });
  function cell(tr, text, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }
  var rendered = rows.map(function (r) {
    var tr = document.createElement("tr");
    cell(tr, r.severity, "sev sev-" + r.severity);
    cell(tr, r.status);
    cell(tr, r.repository);
    cell(tr, r.rule);
    cell(tr, r.path + ":" + r.line, "path");
    cell(tr, r.preview).className = "secret";
    var introduced = cell(tr, "");
    var label = r.commit.slice(0, 12) + " " + r.author + " " + r.date;
    if (r.commitUrl && /^https?:\\/\\//.test(r.commitUrl)) {
      var a = document.createElement("a");
      a.href = r.commitUrl;
      a.rel = "noopener noreferrer";
      a.textContent = label;
      introduced.appendChild(a);
    } else {
      introduced.textContent = label;
    }
    cell(tr, r.age);
    tr.title = r.fingerprint;
    body.appendChild(tr);
    var haystack = [r.repository, r.rule, r.path, r.author, r.commit, r.fingerprint, r.status, r.severity].join(" ").toLowerCase();
    return { row: r, tr: tr, haystack: haystack };
  });
  function apply() {
    var text = inputs[0].value.trim().toLowerCase();
    var shown = 0;
    rendered.forEach(function (item) {
      var r = item.row;
      var visible = (!text || item.haystack.indexOf(text) !== -1) &&
        (!inputs[1].value || r.severity === inputs[1].value) &&
        (!inputs[2].value || r.status === inputs[2].value) &&
        (!inputs[3].value || r.repository === inputs[3].value);
      item.tr.hidden = !visible;
      if (visible) shown++;
    });
    document.getElementById("count").textContent = shown + " of " + rendered.length + " findings";
  }
  inputs.forEach(function (input) { input.addEventListener("input", apply); });
  apply();
})();
`;
