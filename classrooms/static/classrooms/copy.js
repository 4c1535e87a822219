/* "Copy" buttons for the nudge messages; without JavaScript the text is selectable as is. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll(".copy-button").forEach(function (button) {
    var box = document.getElementById(button.dataset.copy);
    if (!box || !navigator.clipboard) { return; }
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(box.value).then(function () {
        button.textContent = button.dataset.copiedText;
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () { box.select(); });
    });
  });
});
