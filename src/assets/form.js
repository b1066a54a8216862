// The story form, made nicer: a live preview of the Markdown, rendered by
// the server exactly as the story page will show it. Without JavaScript the
// "Preview" button does the same with a page load.
const form = document.querySelector("form[data-preview]");
if (form) {
  const body = form.querySelector("#body");
  const region = document.getElementById("preview");
  const target = document.getElementById("preview-body");
  let timer = null;
  let last = null;
  const refresh = async () => {
    const text = body.value;
    if (text === last) return;
    last = text;
    if (text.trim() === "") {
      region.hidden = true;
      return;
    }
    try {
      const response = await fetch(form.dataset.preview, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ body: text }),
        credentials: "same-origin",
      });
      if (!response.ok) return;
      // Sanitised by the server (pulldown-cmark + ammonia), like every story.
      target.innerHTML = await response.text();
      region.hidden = false;
    } catch {
      // Offline or the server is gone: the preview button still works.
    }
  };
  body.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  if (body.value.trim() !== "") refresh();
}
