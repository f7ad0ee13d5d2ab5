/* The minute-taking page, enhanced: every keystroke is kept in this browser's storage and
   the text is saved to the server as you go; due dates are shown resolved as you type.
   Without JavaScript the page works as a plain form. */
(function () {
  "use strict";
  var form = document.getElementById("minute-form");
  if (!form || !window.fetch || !window.localStorage || !window.FormData) return;

  var status = document.getElementById("minute-status");
  var prefix = "watching-brief:minute:" + form.dataset.meeting + ":" + form.dataset.item + ":";
  var offset = Number(form.dataset.serverNow) - Date.now(); /* the server's clock minus ours */
  var savedStamp = Number(form.dataset.savedStamp) || 0;
  var DELAY = 1000;
  var MAX_DELAY = 15000;
  var NOT_SAVED = "Not saved – you are offline or the server did not answer. " +
    "Your text is kept in this browser and will be sent when the connection returns.";
  var timer = null;
  var stopped = false; /* someone else saved the item: no more autosaves from this page */
  var retryDelay = DELAY;
  var busy = false;
  var again = false;

  function now() { return Date.now() + offset; }
  function say(text) { status.textContent = text; }
  function textFields() { return form.querySelectorAll("textarea, input[type=text]"); }
  function storageKey(name) { return prefix + name; }

  function local(name) {
    try { return JSON.parse(localStorage.getItem(storageKey(name))); } catch (e) { return null; }
  }
  function keep(field) {
    try {
      localStorage.setItem(storageKey(field.name), JSON.stringify({ value: field.value, ts: now() }));
    } catch (e) { /* storage full or blocked: the server save still runs */ }
  }
  function forget(name) { localStorage.removeItem(storageKey(name)); }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(save, ms);
  }

  function showConflict(body) {
    /* Keep every typed character (in the fields and in this browser's storage) and show
       the text saved since, so the person can compare and press Save on purpose. */
    stopped = true;
    clearTimeout(timer);
    var panel = document.getElementById("autosave-conflict");
    document.getElementById("autosave-conflict-text").textContent = body.message +
      " Your text has not been saved and is still in the form.";
    var list = document.getElementById("autosave-conflict-theirs");
    list.textContent = "";
    Object.keys(body.theirs || {}).forEach(function (label) {
      var row = document.createElement("div");
      row.className = "govuk-summary-list__row";
      var key = document.createElement("dt");
      key.className = "govuk-summary-list__key";
      key.textContent = label + " (saved since)";
      var value = document.createElement("dd");
      value.className = "govuk-summary-list__value";
      value.textContent = body.theirs[label];
      row.appendChild(key);
      row.appendChild(value);
      list.appendChild(row);
    });
    panel.hidden = false;
    say("Not saved: someone else changed this item after you opened it.");
  }

  function save() {
    timer = null;
    if (stopped) return;
    if (busy) { again = true; return; }
    busy = true;
    var data = new FormData(form);
    var sent = {};
    textFields().forEach(function (field) { sent[field.name] = field.value; });
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1", "X-CSRFToken": data.get("csrfmiddlewaretoken") }
    }).then(function (response) {
      if (response.status === 409) return response.json();
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (body) {
      if (body.conflict) { showConflict(body); return; }
      if (!body.saved) throw new Error("not saved");
      if (body.version && form.elements.version) form.elements.version.value = body.version;
      (body.fields || []).forEach(function (name) {
        var copy = local(name);
        if (copy && copy.value === sent[name]) forget(name);
      });
      retryDelay = DELAY;
      var at = new Date(body.saved_at);
      var when = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
      say(body.amendment ? "Amendment saved at " + when + " (not public until republished)"
        : "Saved at " + when);
    }).catch(function () {
      say(NOT_SAVED);
      schedule(retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_DELAY);
    }).then(function () {
      busy = false;
      if (again) { again = false; schedule(DELAY); }
    });
  }

  function restore() {
    var restored = 0;
    textFields().forEach(function (field) {
      var copy = local(field.name);
      if (!copy) return;
      if (copy.value === field.value || copy.ts <= savedStamp) { forget(field.name); return; }
      field.value = copy.value;
      restored += 1;
    });
    if (!restored) return;
    var banner = document.getElementById("minute-restored");
    document.getElementById("minute-restored-text").textContent =
      "Text typed in this browser had not reached the server, so it has been put back in " +
      restored + (restored === 1 ? " field" : " fields") +
      ". The minutes, answers and decisions are saved as you go; press Save for the actions.";
    banner.hidden = false;
    schedule(0);
  }

  var dueTimers = {};
  function resolveDue(field) {
    var target = document.getElementById(field.id + "-resolved");
    if (!target) return;
    clearTimeout(dueTimers[field.id]);
    dueTimers[field.id] = setTimeout(function () {
      if (!field.value.trim()) { target.textContent = ""; return; }
      var url = form.dataset.resolveUrl + "?due=" + encodeURIComponent(field.value);
      fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (body) {
        target.textContent = "Resolves to: " + body.display;
      }).catch(function () { /* the Check due dates button still works */ });
    }, 300);
  }

  form.addEventListener("input", function (event) {
    var field = event.target;
    if (field.matches("textarea, input[type=text]")) keep(field);
    if (field.name && /-due_text$/.test(field.name)) resolveDue(field);
    schedule(DELAY);
  });
  form.addEventListener("change", function (event) {
    if (event.target.type === "radio") schedule(DELAY);
  });
  window.addEventListener("online", function () { schedule(0); });

  say("Your text is saved as you type.");
  restore();
}());
