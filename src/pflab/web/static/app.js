/* pflab web app: the form updates the section in place and keeps its state in the URL;
   background jobs (simulations) are started, followed and cancelled from the page. */
"use strict";
(function () {
  var form = document.getElementById("params");
  var content = document.getElementById("content");
  var status = document.getElementById("status");
  if (!form || !content) { return; }
  var section = form.getAttribute("data-section");
  var extra = new URLSearchParams(window.location.search);

  function query() {
    // every setting of the URL (other pages' too), with this form's values on top;
    // values equal to their default are left out so that URLs stay short
    var params = new URLSearchParams(extra.toString());
    var fields = form.querySelectorAll("input[name], select[name]");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.value === f.getAttribute("data-default")) { params.delete(f.name); }
      else { params.set(f.name, f.value); }
    }
    return params.toString();
  }

  function setLinks(qs) {
    var suffix = qs ? "?" + qs : "";
    var links = document.querySelectorAll("a[data-section-link]");
    for (var i = 0; i < links.length; i++) {
      links[i].setAttribute("href", "/section/" + links[i].getAttribute("data-section-link") + suffix);
    }
    var home = document.querySelector("a.home");
    if (home) { home.setAttribute("href", "/" + suffix); }
  }

  function clearErrors() {
    var spans = form.querySelectorAll("[data-error-for]");
    for (var i = 0; i < spans.length; i++) { spans[i].textContent = ""; }
  }

  function showErrors(detail) {
    if (typeof detail === "string") { status.textContent = detail; status.className = "status error"; return; }
    var shown = false;
    for (var i = 0; i < detail.length; i++) {
      var loc = detail[i].loc || [];
      var name = loc[loc.length - 1];
      var span = form.querySelector('[data-error-for="' + name + '"]');
      if (span) { span.textContent = detail[i].msg; shown = true; }
    }
    status.textContent = shown ? "Please correct the highlighted setting." : (detail[0] && detail[0].msg) || "error";
    status.className = "status error";
  }

  function refresh() {
    var qs = query();
    clearErrors();
    status.className = "status";
    status.textContent = "Computing…";
    return fetch("/section/" + section + "/content" + (qs ? "?" + qs : ""), { headers: { "accept": "text/html" } })
      .then(function (response) {
        if (response.ok) {
          return response.text().then(function (html) {
            content.innerHTML = html;
            window.pflabDrawCharts(content);
            bindJobs();
            extra = new URLSearchParams(qs);
            history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : ""));
            setLinks(qs);
            status.textContent = "";
          });
        }
        return response.json().then(function (body) { showErrors(body.detail); },
                                    function () { showErrors("Error " + response.status); });
      })
      .catch(function () { showErrors("The server did not answer."); });
  }

  form.addEventListener("change", function () { refresh(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); refresh(); });

  // -- background jobs ----------------------------------------------------------------
  function currentParams() {
    var out = {};
    var params = new URLSearchParams(query());
    params.forEach(function (value, key) { out[key] = value; });
    return out;
  }

  function follow(panel, id) {
    var bar = panel.querySelector("progress");
    var note = panel.querySelector(".status");
    var cancel = panel.querySelector(".cancel-job");
    var run = panel.querySelector(".run-job");
    bar.hidden = false; cancel.hidden = false; run.disabled = true;
    cancel.onclick = function () { fetch("/api/v1/jobs/" + id, { method: "DELETE" }); };
    function poll() {
      fetch("/api/v1/jobs/" + id).then(function (r) { return r.json(); }).then(function (job) {
        var p = job.progress || {};
        if (p.total) { bar.max = p.total; bar.value = p.done; }
        note.textContent = job.state + (p.total ? " · " + p.done + " of " + p.total : "") + (job.message ? " · " + job.message : "");
        if (job.state === "done") { refresh(); return; }
        if (job.state === "failed" || job.state === "cancelled") {
          run.disabled = false; cancel.hidden = true; bar.hidden = true;
          note.className = job.state === "failed" ? "status error" : "status";
          return;
        }
        window.setTimeout(poll, 500);
      });
    }
    poll();
  }

  function bindJobs() {
    var panels = content.querySelectorAll(".job[data-computation]");
    for (var i = 0; i < panels.length; i++) {
      (function (panel) {
        var run = panel.querySelector(".run-job");
        run.onclick = function () {
          var note = panel.querySelector(".status");
          note.className = "status"; note.textContent = "starting…";
          fetch("/api/v1/jobs", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ computation: panel.getAttribute("data-computation"), params: currentParams() }),
          }).then(function (r) {
            return r.json().then(function (body) {
              if (r.ok) { follow(panel, body.id); }
              else { note.className = "status error"; note.textContent = typeof body.detail === "string" ? body.detail : body.detail.map(function (d) { return d.msg; }).join("; "); }
            });
          });
        };
      })(panels[i]);
    }
  }
  bindJobs();
})();
