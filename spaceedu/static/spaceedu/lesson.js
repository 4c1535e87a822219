// A thin reading-progress bar at the top of a lesson: how far down the article the reader is.
// An enhancement only: without JavaScript nothing is shown and nothing is missing.
(function () {
  "use strict";
  var body = document.querySelector(".lesson-body");
  if (!body) return;
  var bar = document.createElement("div");
  bar.className = "reading-progress";
  bar.setAttribute("aria-hidden", "true");
  bar.appendChild(document.createElement("span"));
  document.body.appendChild(bar);
  var ticking = false;
  function update() {
    ticking = false;
    var box = body.getBoundingClientRect();
    var distance = box.height - window.innerHeight * 0.6;
    var read = distance > 0 ? (window.innerHeight * 0.4 - box.top) / distance : 1;
    read = Math.min(1, Math.max(0, read));
    bar.style.setProperty("--read", read.toFixed(3));
    bar.dataset.read = Math.round(read * 100);
  }
  function schedule() {
    if (!ticking) {
      ticking = true;
      window.requestAnimationFrame(update);
    }
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  update();
})();
