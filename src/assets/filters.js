// Story lists, made quicker: a changed filter applies at once. Without
// JavaScript the "Show" button does the same.
for (const form of document.querySelectorAll("form.filters")) {
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.requestSubmit());
  }
  form.classList.add("auto");
}
