/* The question form in the admin: show only the answer columns the chosen type uses.
   Without JavaScript the page asks for the type first and the server shows its fields. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var data = document.getElementById("question-type-fields");
  var select = document.getElementById("id_type");
  if (!data || !select) { return; }
  var config = JSON.parse(data.textContent);
  var group = document.getElementById("choices-group");
  var chooser = document.getElementById("type-chooser");
  if (chooser) { chooser.hidden = true; }

  function show(kind) {
    var wanted = config.fields[kind];
    if (!group) { return; }
    var columns = group.querySelectorAll("th[class*='column-'], td[class*='field-']");
    columns.forEach(function (cell) {
      var match = /(?:column|field)-(\w+)/.exec(cell.className);
      if (!match || match[1] === "DELETE") { return; }
      cell.hidden = Boolean(wanted) && wanted.indexOf(match[1]) === -1;
    });
    var help = group.querySelector("h2 .type-help");
    if (!help) {
      help = document.createElement("span");
      help.className = "help type-help";
      var heading = group.querySelector("h2");
      if (heading && !heading.querySelector(".help")) { heading.appendChild(help); }
    }
    if (help) { help.textContent = wanted ? " — " + config.help[kind] : ""; }
  }

  select.addEventListener("change", function () { show(select.value); });
  show(select.value);
});
