/* Klarsprog term tooltips: one hidden definition per term and page, shown on hover and keyboard focus. */
(function () {
  "use strict";
  var tip = null;
  function hide() { if (tip) { tip.hidden = true; tip.remove(); tip = null; } }
  function show(el) {
    hide();
    var def = document.getElementById(el.getAttribute("aria-describedby"));
    if (!def) { return; }
    tip = document.createElement("span");
    tip.className = "kl-tip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = def.textContent;
    el.appendChild(tip);
  }
  function bind(root) {
    root.querySelectorAll(".kl-term[aria-describedby]").forEach(function (el) {
      if (el.dataset.klBound) { return; }
      el.dataset.klBound = "1";
      el.addEventListener("mouseenter", function () { show(el); });
      el.addEventListener("mouseleave", hide);
      el.addEventListener("focus", function () { show(el); });
      el.addEventListener("blur", hide);
    });
  }
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { bind(document); });
  } else { bind(document); }
})();
