// Progressive enhancement for an attempt page: autosave, a countdown in the learner's own
// time, and "Check answer" and page moves that update the page in place. Without it, the same
// buttons post the same form and the server answers with the next page; the server's clock is
// the only one that counts.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData || !window.DOMParser) return;
  var tickHandle = null;
  var current = null; // the state of the page now shown

  function setUp() {
    var form = document.getElementById("attempt-form");
    window.clearTimeout(tickHandle);
    if (!form) return;
    var status = document.querySelector(".autosave-status");
    var seq = form.querySelector("input[name=seq]");
    var state = { leaving: false };
    current = state;
    var timer = null;
    var inFlight = false;
    var pending = false;
    var waiting = null; // the button pressed while an autosave was in flight

    function say(text) { if (status) status.textContent = text; }

    function save() {
      if (state.leaving) return;
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
        if (state !== current) return;
        if (result.status === 200) {
          seq.value = result.body.seq;
          say(result.body.error || form.dataset.savedText + " " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
        } else if (result.body.closed) {
          window.location.reload();
        } else {
          say(result.body.error || form.dataset.failedText);
        }
      }).catch(function () {
        say(form.dataset.offlineText);
      }).then(function () {
        inFlight = false;
        if (state !== current) return;
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

    // "Check answer" and the page buttons: post the same form, show the page it leads to.
    function inPlace(button) {
      if (!button) return false;
      if (button.name === "check" || isRetry(button)) return true;
      return button.name === "action" && /^(next|prev|summary|page-\d+)$/.test(button.value);
    }

    function go(button) {
      var data = new FormData(form);
      data.append(button.name, button.value);
      var checked = button.name === "check" || isRetry(button) ? button.value : null;
      say(form.dataset.sendingText || "");
      fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.text().then(function (html) { return { response: response, html: html }; });
        })
        .then(function (result) {
          var doc = new DOMParser().parseFromString(result.html, "text/html");
          var next = doc.getElementById("attempt-page");
          var url = result.response.url;
          if (!next || (result.response.redirected && new URL(url).pathname !== window.location.pathname)) {
            window.location.assign(url); // results, the quiz page: a page of its own
            return;
          }
          swap(doc, next);
          if (result.response.redirected) {
            var target = checked ? url.split("#")[0] + "#q" + checked : url;
            window.history.pushState({ attempt: true }, "", target);
            shownUrl = window.location.pathname + window.location.search;
          }
          setUp();
          var focus = checked && questionFocus(checked);
          if (focus) {
            focus.setAttribute("tabindex", "-1");
            focus.focus();
          } else {
            var heading = document.querySelector("#attempt-page h1");
            window.scrollTo(0, 0);
            if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
          }
        })
        .catch(function () {
          // Offline or refused: fall back to the ordinary submit, which shows the server's answer.
          state.leaving = true;
          form.submit();
        });
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
      state.leaving = true;
      if (inPlace(event.submitter)) {
        event.preventDefault();
        go(event.submitter);
      }
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

    startClock();
  }

  // "Try again" (practice quizzes): its button posts the same form and swaps the page in place
  // like "Check answer"; the question's inputs come back and take focus.
  function isRetry(button) {
    return button.name === "retry";
  }

  // After a check, focus goes to the newest verdict: a later try's, when there is one, so a
  // screen reader reads it (not the first try's); otherwise the question itself.
  function questionFocus(position) {
    return document.getElementById("q" + position + "-try") || document.getElementById("q" + position);
  }

  function swap(doc, next) {
    var page = document.getElementById("attempt-page");
    page.replaceWith(document.importNode(next, true));
    var old = document.querySelector("main .messages");
    if (old) old.remove();
    var messages = doc.querySelector("main .messages");
    if (messages) {
      var placed = document.getElementById("attempt-page");
      placed.parentNode.insertBefore(document.importNode(messages, true), placed);
    }
    document.title = doc.title;
  }

  // Time left, counted on the learner's own clock: "12 min left", then seconds in the last
  // minute; a spoken warning at 5 minutes and at 1 minute (the timer itself is not live).
  function startClock() {
    var clock = document.querySelector(".timer");
    if (!clock) return;
    var left = parseInt(clock.dataset.secondsLeft, 10);
    var shown = clock.querySelector(".timer-left");
    var warn = document.querySelector(".timer-warning");
    var ends = clock.querySelector(".timer-ends");
    var end = Date.now() + left * 1000;
    var warned = 0; // a page opened with 4 minutes left still warns, once
    if (ends) {
      ends.textContent = clock.dataset.endsText + " " +
        new Date(end).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    }
    var tick = function () {
      var seconds = Math.max(0, Math.round((end - Date.now()) / 1000));
      var minutes = Math.ceil(seconds / 60);
      shown.textContent = seconds >= 60
        ? clock.dataset.minutesText.replace("N", minutes)
        : clock.dataset.secondsText.replace("N", seconds);
      clock.classList.toggle("timer-low", seconds <= 300);
      if (warn && seconds <= 300 && seconds > 60 && warned < 5) {
        warned = 5;
        warn.textContent = clock.dataset.warnFive;
      } else if (warn && seconds <= 60 && seconds > 0 && warned < 1) {
        warned = 1;
        warn.textContent = clock.dataset.warnOne;
      }
      if (seconds === 0) {
        // The server closes the attempt; reloading shows its result.
        tickHandle = window.setTimeout(function () { window.location.reload(); }, 11000);
        return;
      }
      tickHandle = window.setTimeout(tick, 1000);
    };
    tick();
  }

  // A page restored by the back button may autosave again (its sequence tells if it is stale).
  window.addEventListener("pageshow", function (event) { if (event.persisted && current) current.leaving = false; });
  // Back and forward between pages shown in place: ask the server for that page.
  // (A jump to #q3 within the page also fires popstate: that one is left alone.)
  var shownUrl = window.location.pathname + window.location.search;
  window.addEventListener("popstate", function () {
    if (window.location.pathname + window.location.search !== shownUrl) window.location.reload();
  });
  setUp();
})();
