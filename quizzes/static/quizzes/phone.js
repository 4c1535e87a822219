// One question at a time on a phone (issue 13). When a page holds several questions and the
// screen is narrow, CSS shows only the current one and the "Previous question"/"Next question"
// pair; the others stay in the form, so a save or an autosave still sends every answer. At the
// ends of a page the pair presses the page's own Previous and Next buttons (attempt.js moves in
// place). Wide screens and pages without JavaScript stack all questions, as before.
(function () {
  "use strict";
  var PHONE = window.matchMedia("(max-width: 575.98px)");
  var shownId = null; // the question shown, kept across in-place page swaps
  var wanted = null; // "first" or "last": where a page move made by the pair should land
  var showId = null; // shows the question of that id on the page now set up

  function questionsOf(form) {
    return Array.prototype.filter.call(form.children, function (child) {
      return child.matches("fieldset.question");
    });
  }

  // "Save answers" reloads the page: it comes back at the question the learner was on.
  function remember(id) {
    try { window.sessionStorage.setItem("quiz-question:" + window.location.pathname, id); } catch (e) { /* storage off */ }
  }
  function remembered() {
    try { return window.sessionStorage.getItem("quiz-question:" + window.location.pathname); } catch (e) { return null; }
  }

  function setUp() {
    var form = document.getElementById("attempt-form");
    var template = document.getElementById("question-stepper");
    if (!form || !template || form.classList.contains("one-at-a-time")) return;
    var questions = questionsOf(form);
    if (questions.length < 2) return;
    var stepper = template.content.firstElementChild.cloneNode(true);
    template.parentNode.insertBefore(stepper, template);
    form.classList.add("one-at-a-time");
    var cue = stepper.querySelector(".stepper-cue");
    var prev = stepper.querySelector(".stepper-prev");
    var next = stepper.querySelector(".stepper-next");
    var pagePrev = form.querySelector("button[name=action][value=prev]");
    var pageNext = form.querySelector("button[name=action][value=next]");
    var current = 0;

    function show(index, focus) {
      current = Math.max(0, Math.min(index, questions.length - 1));
      questions.forEach(function (question, i) {
        question.classList.toggle("is-current", i === current);
      });
      var question = questions[current];
      shownId = question.id;
      remember(question.id);
      var legend = question.querySelector("legend");
      cue.textContent = stepper.dataset.cueText // the fieldset "q5" is question 5 of the attempt
        .replace("{n}", question.id.slice(1)).replace("{total}", stepper.dataset.total);
      prev.hidden = current === 0 && !pagePrev;
      next.hidden = current === questions.length - 1 && !pageNext;
      if (focus && PHONE.matches && legend) {
        // The new question's heading takes the focus: a screen reader reads it out.
        legend.setAttribute("tabindex", "-1");
        legend.focus();
        question.scrollIntoView({ block: "start" });
      }
    }

    function indexOfId(id) {
      for (var i = 0; i < questions.length; i++) if (questions[i].id === id) return i;
      return -1;
    }

    function press(button) {
      if (form.requestSubmit) form.requestSubmit(button);
      else button.click();
    }

    prev.addEventListener("click", function () {
      if (current > 0) show(current - 1, true);
      else if (pagePrev) { wanted = "last"; press(pagePrev); }
    });
    next.addEventListener("click", function () {
      if (current < questions.length - 1) show(current + 1, true);
      else if (pageNext) { wanted = "first"; press(pageNext); }
    });

    // Whatever takes the focus inside a hidden question (a link to #q5, the browser's find, an
    // error) brings that question into view.
    form.addEventListener("focusin", function (event) {
      var question = event.target.closest("fieldset.question");
      var at = question ? questions.indexOf(question) : -1;
      if (at !== -1 && at !== current) show(at, false);
    });

    showId = function (id) {
      var at = indexOfId(id);
      if (at !== -1) show(at, true);
    };

    var start = 0;
    var hashed = indexOfId(window.location.hash.slice(1));
    var invalid = questions.findIndex(function (q) { return q.querySelector("[aria-invalid=true], .is-invalid"); });
    if (wanted === "last") start = questions.length - 1;
    else if (wanted === "first") start = 0;
    else if (indexOfId(shownId) !== -1) start = indexOfId(shownId);
    else if (hashed !== -1) start = hashed;
    else if (invalid !== -1) start = invalid;
    else if (indexOfId(remembered()) !== -1) start = indexOfId(remembered());
    var moved = wanted !== null;
    wanted = null;
    show(start, moved);
  }

  window.addEventListener("hashchange", function () {
    if (showId) showId(window.location.hash.slice(1));
  });

  // attempt.js swaps the whole #attempt-page for the next one: set the new page up too.
  var page = document.getElementById("attempt-page");
  if (page && window.MutationObserver) {
    new MutationObserver(setUp).observe(page.parentNode, { childList: true });
  }
  setUp();
})();
