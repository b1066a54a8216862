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
  // The title and the chosen values, as text: nothing typed becomes markup.
  const title = form.querySelector("#title");
  const previewTitle = document.getElementById("preview-title");
  const previewValues = document.getElementById("preview-values");
  const showTitle = () => { previewTitle.textContent = title.value; };
  const showValues = () => {
    previewValues.replaceChildren(...[...form.querySelectorAll("input[name=values]:checked")].map((box) => {
      const item = document.createElement("li");
      const tag = document.createElement("span");
      tag.className = `tag tag-${box.dataset.kind}`;
      tag.textContent = box.dataset.name;
      item.append(tag);
      return item;
    }));
  };
  if (title && previewTitle) title.addEventListener("input", showTitle);
  if (previewValues) {
    for (const box of form.querySelectorAll("input[name=values]")) box.addEventListener("change", showValues);
  }
  if (body.value.trim() !== "") refresh();
}

// "A colleague told a story very like this one": asked for as the text
// grows (the server decides; see src/search/similar.rs). Without
// JavaScript the "Preview" button shows the same notice.
const similarForm = document.querySelector("form[data-similar]");
if (similarForm) {
  const slot = document.getElementById("similar");
  const fields = ["title", "body", "lang"].map((name) => similarForm.querySelector(`[name=${name}]`));
  let wait = null;
  let asked = null;
  const ask = async () => {
    const [title, body, lang] = fields.map((field) => (field ? field.value : ""));
    const key = `${title}\n${lang}\n${body}`;
    if (key === asked) return;
    asked = key;
    if (body.trim().length < 80) {
      slot.replaceChildren();
      return;
    }
    try {
      const response = await fetch(similarForm.dataset.similar, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ title, body, lang }),
        credentials: "same-origin",
      });
      if (response.status === 204) slot.replaceChildren();
      // Rendered and escaped by the server's template, like the page itself.
      else if (response.ok) slot.innerHTML = await response.text();
    } catch {
      // Offline: the notice simply does not appear.
    }
  };
  for (const field of fields) {
    if (!field) continue;
    field.addEventListener("input", () => {
      clearTimeout(wait);
      wait = setTimeout(ask, 1200);
    });
  }
}


// Naming colleagues: while typing a name, the browser's own suggestion list
// (a <datalist>) offers the colleagues Merkwaardig knows. Each suggestion
// keeps the names typed before it, so several can be named in turn. Without
// JavaScript the field takes the names as typed, separated by commas.
const people = document.getElementById("people");
const suggestions = document.getElementById("people-suggestions");
if (people && suggestions) {
  let pause = null;
  let lastAsked = null;
  const suggest = async () => {
    const typed = people.value;
    const cut = typed.lastIndexOf(",");
    const before = cut >= 0 ? typed.slice(0, cut + 1) + " " : "";
    const part = typed.slice(cut + 1).trim();
    if (part.length < 2 || part === lastAsked) return;
    lastAsked = part;
    try {
      const response = await fetch(`/api/v1/people?q=${encodeURIComponent(part)}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const named = typed
        .slice(0, Math.max(cut, 0))
        .split(",")
        .map((name) => name.trim().toLowerCase());
      const found = ((await response.json()).people || []).filter(
        (person) => !named.includes(person.name.toLowerCase()) && !named.includes(person.id.toLowerCase()),
      );
      // Options are built as elements with text values: nothing typed or
      // received becomes markup.
      suggestions.replaceChildren(
        ...found.map((person) => {
          const option = document.createElement("option");
          option.value = `${before}${person.name}`;
          option.label = person.id === person.name ? person.name : `${person.name} (${person.id})`;
          return option;
        }),
      );
    } catch {
      // Offline: the field still takes names as typed.
    }
  };
  people.addEventListener("input", () => {
    clearTimeout(pause);
    pause = setTimeout(suggest, 200);
  });
}
