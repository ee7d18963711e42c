// Small progressive enhancements; every page works without this file.
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.submit();
  }
});
document.addEventListener("click", function (event) {
  var trigger = event.target.closest("[data-confirm]");
  if (trigger && !window.confirm(trigger.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
// A file over the upload limits (common/uploads.py puts them on the input) is refused as soon as it is chosen, not
// after minutes of uploading it on a slow line: the browser then keeps the form from being sent and says why.
function fileSize(bytes) {
  var megabytes = bytes / (1024 * 1024);
  return megabytes.toLocaleString(document.documentElement.lang || undefined, { maximumFractionDigits: 1 }) + " MB";
}
function checkFileLimits(input, report) {
  var message = "";
  Array.prototype.forEach.call(input.files || [], function (file) {
    if (!message && file.size > Number(input.dataset.maxBytes)) {
      message = input.dataset.tooLarge.replace("{name}", file.name).replace("{size}", fileSize(file.size));
    }
  });
  if (!message && input.dataset.maxTotalBytes && input.form) {
    var total = 0;  // every file of the form: the picker and the camera share the same request
    input.form.querySelectorAll("input[type=file]").forEach(function (other) {
      Array.prototype.forEach.call(other.files || [], function (file) { total += file.size; });
    });
    if (total > Number(input.dataset.maxTotalBytes)) { message = input.dataset.tooMuch.replace("{size}", fileSize(total)); }
  }
  input.setCustomValidity(message);
  if (message && report) { input.reportValidity(); }
}
document.addEventListener("change", function (event) {
  var changed = event.target;
  if (!changed.matches("input[type=file][data-max-bytes]")) { return; }
  // The others of the form too: removing a file from one input may bring the total back within the limit.
  var inputs = changed.form ? changed.form.querySelectorAll("input[type=file][data-max-bytes]") : [changed];
  Array.prototype.forEach.call(inputs, function (input) { checkFileLimits(input, input === changed); });
});

// A form that is already submitting ignores further clicks (slow intranets invite double clicks).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitting === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = "1";
  window.setTimeout(function () { delete form.dataset.submitting; }, 8000);
});
// An htmx request that fails (an error page, a connection lost on a slow intranet) would otherwise leave the page as
// it was without a word: the alert in base.html says what happened (the error page's own heading and first
// sentence when there is one), and the form may be sent again at once.
(function () {
  function alertBox() { return document.querySelector("[data-request-error]"); }
  function show(text) {
    var box = alertBox();
    if (!box) { return; }
    box.querySelector("[data-request-error-text]").textContent = text;
    box.hidden = false;
  }
  function release(event) {
    var source = event.detail && event.detail.elt;
    var form = source && source.closest ? source.closest("form") : null;
    if (form) { delete form.dataset.submitting; }
  }
  function unreachable(event) {
    var box = alertBox();
    if (box) { show(box.dataset.unreachable); }
    release(event);
  }
  document.addEventListener("htmx:responseError", function (event) {
    var box = alertBox(), xhr = event.detail.xhr, said = "";
    release(event);
    if (!box) { return; }
    var page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    var heading = page.querySelector("main h1, h1");
    if (heading) {
      var sentence = page.querySelector("main h1 ~ p, h1 ~ p");
      said = heading.textContent.trim() + (sentence ? ": " + sentence.textContent.trim() : "");
    }
    show((said || box.dataset.failed) + " (" + xhr.status + ")");
  });
  document.addEventListener("htmx:sendError", unreachable);
  document.addEventListener("htmx:timeout", unreachable);
  document.addEventListener("htmx:beforeRequest", function () {
    var box = alertBox();
    if (box) { box.hidden = true; }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-request-error-close]")) { alertBox().hidden = true; }
  });
})();

// A form re-rendered with errors puts the keyboard (and screen reader) on its first invalid field, which announces
// the field's error through aria-describedby; after an htmx swap the focused button is gone, so without this the
// focus would fall back to the top of the page.
function focusFirstInvalid(root) {
  var field = root && root.querySelector && root.querySelector("[aria-invalid='true']");
  if (field) { field.focus(); }
}
document.addEventListener("DOMContentLoaded", function () { focusFirstInvalid(document.getElementById("main")); });
document.addEventListener("htmx:afterSettle", function (event) { focusFirstInvalid(event.target); });

// The navigation menu (<details data-nav-menu> in base.html) opens and closes without this; here it stays open on
// wide screens, where it is a plain bar, closes on Escape and when a click lands outside it on phones.
(function () {
  var wide = window.matchMedia("(min-width: 960px)");
  function menu() { return document.querySelector("[data-nav-menu]"); }
  function fit() {
    var element = menu();
    if (element) { element.open = wide.matches; }
  }
  document.addEventListener("DOMContentLoaded", fit);
  wide.addEventListener("change", fit);
  document.addEventListener("keydown", function (event) {
    var element = menu();
    if (event.key === "Escape" && element && element.open && !wide.matches) {
      element.open = false;
      element.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    var element = menu();
    if (element && element.open && !wide.matches && !element.contains(event.target)) { element.open = false; }
  });
})();

// The account menu (<details data-account-menu>) drops over the page on a laptop: like any menu it closes on Escape
// and when a click lands outside it. Without this it still opens and closes with its button.
(function () {
  function menu() { return document.querySelector("[data-account-menu]"); }
  document.addEventListener("keydown", function (event) {
    var element = menu();
    if (event.key === "Escape" && element && element.open) {
      element.open = false;
      element.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    var element = menu();
    if (element && element.open && !element.contains(event.target)) { element.open = false; }
  });
})();

// A wide table scrolls inside its .table-wrap; a keyboard user must be able to reach that region to scroll it, and a
// screen reader user to know what it holds. Templates should say so themselves (tabindex="0" role="region"
// aria-labelledby); this fills in what one forgot, named after the nearest heading or the table's caption.
function labelScrollRegions(root) {
  var regions = (root || document).querySelectorAll(".table-wrap, .chart-card, .flow-chart, .stepper");
  Array.prototype.forEach.call(regions, function (region) {
    if (region.scrollWidth <= region.clientWidth + 1 || region.hasAttribute("tabindex")) { return; }
    region.setAttribute("tabindex", "0");
    if (!region.hasAttribute("role")) { region.setAttribute("role", "region"); }
    if (!region.hasAttribute("aria-label") && !region.hasAttribute("aria-labelledby")) {
      var caption = region.querySelector("caption");
      var heading = caption || region.closest("section, .card, main").querySelector("h1, h2, h3");
      region.setAttribute("aria-label", heading ? heading.textContent.trim() : document.title);
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { labelScrollRegions(document); });
window.addEventListener("resize", function () { labelScrollRegions(document); });
document.addEventListener("htmx:afterSettle", function (event) { labelScrollRegions(event.target); });

// A long list of checkboxes (a multiple choice, templates/components/_field.html) gets a filter box: typing narrows
// the list, ignoring case and accents ("antrean" finds "Antrean", "e" finds "é"). Without JS the list simply scrolls.
(function () {
  var MIN_OPTIONS = 8;
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function setUp(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("[data-choice-filter]"), function (box) {
      var list = document.getElementById(box.getAttribute("data-choice-filter"));
      if (!list || box.dataset.ready) { return; }
      var options = list.querySelectorAll("label");
      if (options.length < MIN_OPTIONS) { return; }
      box.dataset.ready = "1";
      box.hidden = false;
      box.addEventListener("input", function () {
        var query = fold(box.value.trim());
        Array.prototype.forEach.call(options, function (label) {
          var row = label.parentElement === list ? label : label.parentElement;
          var checked = label.querySelector("input:checked");
          row.hidden = Boolean(query) && !checked && fold(label.textContent).indexOf(query) === -1;
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:afterSettle", function (event) { setUp(event.target); });
})();
