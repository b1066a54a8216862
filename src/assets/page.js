// Small conveniences on pages that work without them.
//
// Story lists: a changed filter applies at once (without JavaScript, the
// "Show" button does the same).
for (const form of document.querySelectorAll("form.filters")) {
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.requestSubmit());
  }
}

// Copy buttons (hidden without JavaScript, where selecting the text does):
// <button data-copy="id-of-a-field" data-done="Copied">.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.done;
    } catch {
      field.select();
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  });
}
