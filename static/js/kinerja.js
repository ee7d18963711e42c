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
// A form re-rendered with errors puts the keyboard (and screen reader) on its first invalid field, which announces
// the field's error through aria-describedby; after an htmx swap the focused button is gone, so without this the
// focus would fall back to the top of the page.
function focusFirstInvalid(root) {
  var field = root && root.querySelector && root.querySelector("[aria-invalid='true']");
  if (field) { field.focus(); }
}
document.addEventListener("DOMContentLoaded", function () { focusFirstInvalid(document.getElementById("main")); });
document.addEventListener("htmx:afterSettle", function (event) { focusFirstInvalid(event.target); });
