/* Klarsprog: term tooltips (one hidden definition per term and page, shown on hover and keyboard focus),
   and keyboard fixes for Material's navigation drawer and wide tables. */
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
    // A visual copy only: screen readers already get the definition through aria-describedby, and
    // text inside the link would otherwise become part of the link's name.
    tip.setAttribute("aria-hidden", "true");
    tip.textContent = def.textContent;
    el.appendChild(tip);
    fit(tip);
  }
  // Keep the tip inside a narrow (phone or zoomed) window: shift it left when it sticks out.
  function fit(box) {
    var right = document.documentElement.clientWidth - 8, rect = box.getBoundingClientRect();
    if (rect.right > right) { box.style.left = Math.max(8 - rect.left, right - rect.right) + "px"; }
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
  // On narrow screens Material's navigation drawer and its section panels are off screen while closed,
  // yet their links take keyboard focus: open exactly what holds the focus, so it can be seen (WCAG 2.4.7).
  function toggle(box, open) {
    if (box.checked !== open) { box.checked = open; box.dispatchEvent(new Event("change")); }
  }
  document.addEventListener("focusin", function (e) {
    var drawer = document.getElementById("__drawer"), nav = document.querySelector(".md-sidebar--primary");
    if (!drawer || !nav || !window.matchMedia("(max-width: 76.234375em)").matches) { return; }
    var inside = nav.contains(e.target);
    if (inside) {
      nav.querySelectorAll(".md-nav__item--nested > .md-nav__toggle").forEach(function (box) {
        toggle(box, box.parentNode.contains(e.target));
      });
    }
    toggle(drawer, inside);
  });
  // The drawer never scrolls sideways: the browser would scroll a closed panel into view on focus,
  // and the drawer would then show blank space after the panel slides in.
  function pin(root) {
    var wrap = root.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
    if (wrap) { wrap.addEventListener("scroll", function () { if (wrap.scrollLeft) { wrap.scrollLeft = 0; } }); }
  }
  // A wide table scrolls sideways on a phone, and a keyboard can only scroll what takes focus (WCAG 2.1.1).
  function scrollable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabel. Rul til siden for at se hele tabellen.");
      } else {
        ["tabindex", "role", "aria-label"].forEach(function (name) { wrap.removeAttribute(name); });
      }
    });
  }
  window.addEventListener("load", scrollable);  // Material wraps the tables after our script has run
  window.addEventListener("resize", scrollable);
  function init() { bind(document); pin(document); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else { init(); }
})();
