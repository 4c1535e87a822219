// Progressive enhancement for an attempt page: autosave and a visible countdown.
// Without it, the Save buttons do the same work; the server's clock is the only one that counts.
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.querySelector(".autosave-status");
  var seq = form.querySelector("input[name=seq]");
  var timer = null;
  var inFlight = false;
  var pending = false;
  var leaving = false; // a button's submit is on its way: no more autosaves from this page
  var waiting = null; // the button pressed while an autosave was in flight

  function say(text) { if (status) status.textContent = text; }

  function save() {
    if (leaving) return;
    if (inFlight) { pending = true; return; }
    inFlight = true;
    var data = new FormData(form);
    data.set("action", "autosave");
    // form.action would be the button named "action", not the URL.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      if (result.status === 200) {
        seq.value = result.body.seq;
        say(form.dataset.savedText + " " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
      } else if (result.body.closed) {
        window.location.reload();
      } else {
        say(result.body.error || form.dataset.failedText);
      }
    }).catch(function () {
      say(form.dataset.offlineText);
    }).then(function () {
      inFlight = false;
      if (waiting) {
        // The press waited for the autosave; the form now carries the sequence it returned.
        var button = waiting;
        waiting = null;
        press(button);
      } else if (pending) {
        pending = false;
        save();
      }
    });
  }

  function press(button) {
    if (form.requestSubmit) form.requestSubmit(button || undefined);
    else if (button) button.click();
    else form.submit();
  }

  // A Check or Save pressed during an autosave is sent once the autosave is answered, never
  // alongside it: the two would race for the attempt's sequence.
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer); // the submit carries every field of the page
    if (inFlight) {
      event.preventDefault();
      waiting = event.submitter || waiting || form.querySelector("button[name=action][value=save]");
      return;
    }
    leaving = true;
  });

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 800);
  }
  form.addEventListener("change", later);
  form.addEventListener("input", function (event) {
    if (event.target.matches("input[type=text]")) later();
  });

  // Enter in an answer box checks that question when it has a Check button (immediate
  // feedback); otherwise it saves and stays on the page, like the form's hidden default button.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing || !event.target.matches("input[type=text]")) return;
    var question = event.target.closest(".question");
    var button = (question && question.querySelector("button[name=check]")) ||
      form.querySelector("button[name=action][value=save]");
    if (!button) return;
    event.preventDefault();
    press(button);
  });

  // A page restored by the back button may autosave again (its sequence tells if it is stale).
  window.addEventListener("pageshow", function (event) { if (event.persisted) leaving = false; });

  var clock = document.querySelector(".timer");
  if (clock) {
    var left = parseInt(clock.dataset.secondsLeft, 10);
    var shown = clock.querySelector(".timer-left");
    var end = Date.now() + left * 1000;
    var tick = function () {
      var seconds = Math.max(0, Math.round((end - Date.now()) / 1000));
      var minutes = Math.floor(seconds / 60);
      shown.textContent = minutes + ":" + String(seconds % 60).padStart(2, "0") + " " + clock.dataset.leftText;
      if (seconds === 0) {
        // The server closes the attempt; reloading shows its result.
        window.setTimeout(function () { window.location.reload(); }, 11000);
        return;
      }
      window.setTimeout(tick, 1000);
    };
    tick();
  }
})();
