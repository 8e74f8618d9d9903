// The legend's check boxes hide and show layers (a class on body per
// hidden layer or entity label); the tooltip lists every visible
// highlight under the pointer, innermost first, and outlines the
// highlight's other fragments and the item or speaker it points to.
(function () {
  "use strict";
  var body = document.body, main = document.querySelector("main"), tip = document.getElementById("tip");

  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    var sync = function () { body.classList.toggle("hide-" + box.dataset.toggle, !box.checked); };
    // A reloaded page keeps the boxes' state.
    sync();
    box.addEventListener("change", sync);
  });

  // Titles become the tooltip, which can show nested highlights at once.
  main.querySelectorAll("[title]").forEach(function (e) {
    e.dataset.tip = e.title;
    e.removeAttribute("title");
  });

  function hidden(e) {
    if (e.dataset.layer && body.classList.contains("hide-" + e.dataset.layer)) return true;
    var m = /\be(\d+)\b/.exec(e.className);
    return m !== null && body.classList.contains("hide-e" + m[1]);
  }

  var hot = [];
  function heat(e) {
    var ids = [e.dataset.id, e.dataset.item, e.dataset.speaker];
    ids.forEach(function (id) {
      if (id === undefined) return;
      main.querySelectorAll('.hl[data-id="' + id + '"]').forEach(function (f) {
        f.classList.add("hot");
        hot.push(f);
      });
    });
  }
  function cool() {
    hot.forEach(function (f) { f.classList.remove("hot"); });
    hot = [];
  }

  function place(ev) {
    var x = ev.clientX + 14, y = ev.clientY + 18;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, window.innerWidth - w - 8);
    if (y + h > window.innerHeight - 8) y = Math.max(8, ev.clientY - h - 12);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  main.addEventListener("mouseover", function (ev) {
    cool();
    tip.replaceChildren();
    for (var e = ev.target; e && e !== main; e = e.parentElement) {
      if (!e.dataset.tip || hidden(e)) continue;
      if (tip.childElementCount === 0) heat(e);
      var lines = e.dataset.tip.split("\n"), div = document.createElement("div"), b = document.createElement("b");
      b.textContent = lines[0];
      div.append(b);
      if (lines.length > 1) div.append("\n" + lines.slice(1).join("\n"));
      tip.append(div);
    }
    tip.hidden = tip.childElementCount === 0;
    if (!tip.hidden) place(ev);
  });
  main.addEventListener("mousemove", function (ev) { if (!tip.hidden) place(ev); });
  main.addEventListener("mouseleave", function () { tip.hidden = true; cool(); });
})();
