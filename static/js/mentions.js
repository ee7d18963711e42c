// @-mentions by name (board): typing "@" and two letters of a name in a textarea that has data-mention-url shows a
// list of people; choosing one writes "@username" (the NIP in production) into the text, which the post shows as the
// person's name. Without this file people type @username by hand, as before.
(function () {
  "use strict";
  var TRIGGER = /(^|[\s(])@([^\s@]{2,40})$/;

  function setup(area) {
    var list = document.createElement("ul");
    list.className = "mention-list";
    list.id = (area.id || "body") + "-mentions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    area.insertAdjacentElement("afterend", list);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    var timer = null, active = -1, request = 0;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll("[data-username]"));
    }
    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      area.removeAttribute("aria-activedescendant");
    }
    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      area.setAttribute("aria-activedescendant", items[active].id);
    }
    function choose(item) {
      var before = area.value.slice(0, area.selectionStart), after = area.value.slice(area.selectionStart);
      var match = before.match(TRIGGER);
      if (!match) { close(); return; }
      var start = before.length - match[2].length - 1;
      var inserted = "@" + item.getAttribute("data-username") + " ";
      area.value = before.slice(0, start) + inserted + after;
      var caret = start + inserted.length;
      area.setSelectionRange(caret, caret);
      close();
      area.focus();
    }
    function lookup() {
      var match = area.value.slice(0, area.selectionStart).match(TRIGGER);
      if (!match) { close(); return; }
      var mine = ++request;
      fetch(area.getAttribute("data-mention-url") + "?q=" + encodeURIComponent(match[2]), {
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      }).then(function (response) { return response.ok ? response.text() : ""; }).then(function (html) {
        if (mine !== request) { return; }
        list.innerHTML = html;
        list.hidden = !html.trim();
        active = -1;
      });
    }
    area.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookup, 150);
    });
    area.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) { event.preventDefault(); choose(options()[active]); }
      else if (event.key === "Escape") { close(); }
    });
    list.addEventListener("mousedown", function (event) {
      var item = event.target.closest("[data-username]");
      if (item) { event.preventDefault(); choose(item); }
    });
    area.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function init(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("textarea[data-mention-url]").forEach(function (area) {
      if (!area.dataset.mentionReady) { area.dataset.mentionReady = "1"; setup(area); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();

// A filter box over a list of choices (board: the IKU picker): it shows only the choices holding every typed word,
// ignoring case and accents. Hidden without JavaScript, where the whole list shows.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function wire(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("input[data-filter-list]").forEach(function (box) {
      box.hidden = false;
    });
  }
  document.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest("input[data-filter-list]");
    if (!box) { return; }
    var list = document.querySelector(box.getAttribute("data-filter-list"));
    if (!list) { return; }
    var words = fold(box.value).split(/\s+/).filter(Boolean);
    Array.prototype.forEach.call(list.children, function (item) {
      var text = fold(item.textContent);
      item.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
    });
  });
  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSwap", function (event) { wire(event.target); });
})();
