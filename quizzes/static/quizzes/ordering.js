// Ordering questions by drag and drop (issue 13), over the position selects that work without
// JavaScript. Each row gets a handle to drag (Pointer Events: mouse, pen and touch alike) and
// "Move up"/"Move down" buttons (Alt+Arrow keys too). Every move writes the rows' order into
// their selects, so the server receives exactly the fields it gets without JavaScript, and a
// screen reader hears "Moved X to position 3".
(function () {
  "use strict";

  function rowsOf(list) {
    return Array.prototype.slice.call(list.querySelectorAll(":scope > .order-row"));
  }

  function selectOf(row) { return row.querySelector("select"); }

  function itemText(row) { return row.querySelector(".order-item").textContent.trim(); }

  // The selects' positions when they name each place exactly once, else null.
  function positionsIfWhole(rows) {
    var seen = {};
    var positions = rows.map(function (row) { return parseInt(selectOf(row).value, 10); });
    for (var i = 0; i < positions.length; i++) {
      var p = positions[i];
      if (!(p >= 1 && p <= rows.length) || seen[p]) return null;
      seen[p] = true;
    }
    return positions;
  }

  function enhance(list) {
    if (list.classList.contains("is-sortable") || list.closest("fieldset[disabled]")) return;
    list.classList.add("is-sortable");
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(live, list.nextSibling);

    function refocus(element) {
      if (element && document.activeElement !== element) element.focus();
    }

    // The rows' order is now the answer: write it into the selects, autosave, announce.
    function commit(row) {
      var rows = rowsOf(list);
      rows.forEach(function (each, i) {
        selectOf(each).value = String(i + 1);
        // Each row now has a place of its own: a shared-position mark no longer applies.
        each.classList.remove("shares-position");
        selectOf(each).classList.remove("is-invalid");
        selectOf(each).removeAttribute("aria-invalid");
        var note = each.querySelector(".invalid-feedback");
        if (note) note.remove();
      });
      updateButtons();
      selectOf(row).dispatchEvent(new Event("change", { bubbles: true }));
      live.textContent = list.dataset.movedText
        .replace("{item}", itemText(row)).replace("{position}", rows.indexOf(row) + 1);
    }

    function move(row, by) {
      var rows = rowsOf(list);
      var at = rows.indexOf(row) + by;
      if (at < 0 || at >= rows.length) return;
      var focused = document.activeElement;
      list.insertBefore(row, by < 0 ? rows[at] : rows[at].nextSibling);
      refocus(focused);
      commit(row);
    }

    function updateButtons() {
      var rows = rowsOf(list);
      rows.forEach(function (row, i) {
        row.querySelector(".order-up").setAttribute("aria-disabled", String(i === 0));
        row.querySelector(".order-down").setAttribute("aria-disabled", String(i === rows.length - 1));
      });
    }

    function button(kind, text, row) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "btn btn-outline-secondary order-" + kind;
      b.setAttribute("aria-label", text.replace("{item}", itemText(row)));
      b.innerHTML = '<span aria-hidden="true">' + (kind === "up" ? "↑" : "↓") + "</span>";
      b.addEventListener("click", function () {
        if (b.getAttribute("aria-disabled") !== "true") move(row, kind === "up" ? -1 : 1);
      });
      return b;
    }

    rowsOf(list).forEach(function (row) {
      var handle = document.createElement("span");
      handle.className = "order-handle";
      handle.setAttribute("aria-hidden", "true");
      handle.textContent = "⠿";
      row.insertBefore(handle, row.firstChild);
      var tools = document.createElement("span");
      tools.className = "order-tools";
      tools.appendChild(button("up", list.dataset.upText, row));
      tools.appendChild(button("down", list.dataset.downText, row));
      selectOf(row).insertAdjacentElement("afterend", tools);
      row.addEventListener("keydown", function (event) {
        if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
        event.preventDefault();
        move(row, event.key === "ArrowUp" ? -1 : 1);
      });
      dragFrom(handle, row);
    });

    // Dragging: the row follows the pointer through the list; dropping commits the order. The
    // moves and the drop are heard on the document: moving the row may lose a pointer capture.
    function dragFrom(handle, row) {
      var before = null;
      function follow(event) {
        var others = rowsOf(list).filter(function (other) { return other !== row; });
        var target = null;
        for (var i = 0; i < others.length; i++) {
          var box = others[i].getBoundingClientRect();
          if (event.clientY < box.top + box.height / 2) { target = others[i]; break; }
        }
        if (target !== row.nextElementSibling) {
          list.insertBefore(row, target);
          updateButtons();
        }
      }
      function drop() {
        document.removeEventListener("pointermove", follow);
        document.removeEventListener("pointerup", drop);
        document.removeEventListener("pointercancel", drop);
        row.classList.remove("is-dragging");
        var moved = rowsOf(list).indexOf(row) !== before;
        before = null;
        if (moved) commit(row);
      }
      handle.addEventListener("pointerdown", function (event) {
        if (event.button !== 0 || before !== null) return;
        event.preventDefault();
        before = rowsOf(list).indexOf(row);
        row.classList.add("is-dragging");
        document.addEventListener("pointermove", follow);
        document.addEventListener("pointerup", drop);
        document.addEventListener("pointercancel", drop);
      });
    }

    // Positions picked in the selects by hand: once they make a whole order, the rows follow.
    function sortBySelects() {
      var rows = rowsOf(list);
      var positions = positionsIfWhole(rows);
      if (!positions || positions.every(function (p, i) { return p === i + 1; })) return;
      var focused = document.activeElement;
      rows.map(function (row, i) { return { row: row, at: positions[i] }; })
        .sort(function (a, b) { return a.at - b.at; })
        .forEach(function (entry) { list.appendChild(entry.row); });
      refocus(focused);
      updateButtons();
    }
    list.addEventListener("change", function (event) {
      if (event.target.matches("select")) sortBySelects();
    });
    sortBySelects();
    updateButtons();
  }

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll(".order-rows[data-moved-text]"), enhance);
  }

  // attempt.js swaps the whole #attempt-page for the next one: enhance the new page too.
  var page = document.getElementById("attempt-page");
  if (page && window.MutationObserver) {
    new MutationObserver(setUp).observe(page.parentNode, { childList: true });
  }
  setUp();
})();
