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
