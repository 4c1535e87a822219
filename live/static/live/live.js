/* Live quiz: follow the session over a WebSocket, or by polling when sockets are blocked.
   Every state change is a plain form post; this script only spares the reloads. */
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root) { return; }
  var role = root.dataset.role;
  var stage = root.dataset.stage;
  var shown = null;  // the counts this page was drawn with (host)
  var socket = null;
  var pollTimer = null;
  var retries = 0;
  var clockTimer = null;
  var form = document.querySelector("[data-live-answer-form]");
  var saved = document.querySelector("[data-live-saved]");

  function setText(selector, value) {
    document.querySelectorAll(selector).forEach(function (el) { el.textContent = value; });
  }

  function timeUp() {
    if (!form) { return; }
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    if (saved) { saved.textContent = root.dataset.timeUp || "Time is up."; }
  }

  function runClock(secondsLeft, paused) {
    var clock = document.querySelector("[data-live-clock]");
    if (!clock || secondsLeft === null || secondsLeft === undefined) { return; }
    if (clockTimer) { clearInterval(clockTimer); }
    var end = Date.now() + secondsLeft * 1000;
    function tick() {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      clock.textContent = String(left);
      if (left === 0) { clearInterval(clockTimer); timeUp(); }
    }
    clock.textContent = String(Math.ceil(secondsLeft));
    if (!paused) { tick(); clockTimer = setInterval(tick, 250); }
  }

  function showReveal(reveal) {
    // The reveal, drawn in place: 40 phones need no 40 page loads (a reload shows the same).
    var area = document.querySelector("[data-live-area]");
    if (!area || !reveal.you) { return false; }
    if (clockTimer) { clearInterval(clockTimer); }
    area.textContent = "";
    var verdict = document.createElement("p");
    verdict.className = "live-verdict h4 live-verdict-" + reveal.you.verdict;
    verdict.textContent = reveal.you.label + " · +" + reveal.you.points;
    area.appendChild(verdict);
    var answer = document.createElement("div");
    answer.innerHTML = reveal.html;  // rendered and sanitised by the server
    area.appendChild(answer);
    if (reveal.you.total !== undefined) { setText("[data-live-total]", reveal.you.total); }
    return true;
  }

  function apply(state, reveal) {
    if (!state || !state.stage) { return; }
    if (state.stage !== stage) {
      if (role === "phone" && state.status === "reveal" && reveal && showReveal(reveal)) {
        stage = state.stage;
        return;
      }
      window.location.reload();
      return;
    }
    if (role === "host") {
      var counts = state.joined + ":" + state.waiting;
      if (shown === null) { shown = counts; }
      if (counts !== shown) { window.location.reload(); return; }
      setText("[data-live-answered]", state.answered);
    }
    setText("[data-live-joined]", state.joined);
    runClock(state.seconds_left, state.status === "paused");
  }

  function poll() {
    fetch(root.dataset.stateUrl, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state) { apply(state, state.reveal); } })
      .catch(function () {});
  }

  function startPolling() {
    if (!pollTimer) { pollTimer = setInterval(poll, 2000); }
    poll();
  }

  function stopPolling() {
    if (pollTimer) { clearInterval(pollTimer); pollTimer = null; }
  }

  function connect() {
    if (!("WebSocket" in window) || !root.dataset.socketPath) { startPolling(); return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + root.dataset.socketPath);
    } catch (e) {
      startPolling();
      return;
    }
    socket.onopen = function () { retries = 0; stopPolling(); };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === "state") { apply(message.state, message.reveal); }
      if (message.type === "saved" || message.type === "error") { showSaved(message); }
    };
    socket.onclose = function () {
      socket = null;
      startPolling();
      retries += 1;
      setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, retries)));
    };
  }

  function showSaved(message) {
    if (saved) { saved.textContent = message.message || ""; }
  }

  function pairs() {
    var data = [];
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrfmiddlewaretoken") { data.push([key, String(value)]); }
    });
    return data;
  }

  function send() {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({action: "answer", data: pairs()}));
      return;
    }
    fetch(root.dataset.answerUrl, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {Accept: "application/json"}
    }).then(function (r) { return r.json(); }).then(showSaved).catch(function () { form.submit(); });
  }

  if (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); send(); });
    form.addEventListener("change", function (event) {
      if (event.target.type === "radio" || event.target.type === "checkbox" || event.target.tagName === "SELECT") {
        send();
      }
    });
  }
  var clock = document.querySelector("[data-live-clock]");
  if (clock) { runClock(parseFloat(clock.dataset.secondsLeft), clock.hasAttribute("data-paused")); }
  connect();
})();
