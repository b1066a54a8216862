// Merkwaardig intranet widgets: <merkwaardig-search> and <merkwaardig-stories>.
//
//   <script type="module" src="https://merkwaardig.example/widget.js"></script>
//   <merkwaardig-search token="mwt_…" value="klantgericht" limit="5"></merkwaardig-search>
//   <merkwaardig-stories token="mwt_…" value="klantgericht" limit="3"></merkwaardig-stories>
//
// No build step, no dependencies. Each element lives in its own shadow DOM;
// style it with the CSS custom properties below and the ::part() names. The
// search box follows the WAI-ARIA combobox pattern (input + listbox).
// Requests go to the origin this script was loaded from, with the token and
// never with cookies.

const BASE = new URL(import.meta.url).origin;

const TEXT = {
  nl: {
    label: "Zoek in verhalen",
    placeholder: "Zoek in verhalen over onze waarden",
    results: "Verhalen",
    searching: "Zoeken…",
    none: "Niets gevonden",
    found: (n) => (n === 1 ? "1 verhaal gevonden" : `${n} verhalen gevonden`),
    corrected: (typed, instead) => `geen verhalen met “${typed}”, wel met ${instead}`,
    more: "Alle resultaten op Merkwaardig",
    failed: "Zoeken lukt nu even niet.",
    storiesLabel: "Verhalen",
    noStories: "Nog geen verhalen.",
    loadFailed: "De verhalen laden nu even niet.",
    colleague: "een collega",
    colleagueFrom: (team) => `een collega van ${team}`,
    former: "een oud-collega",
    hint: "Pijltjestoetsen om te kiezen, Enter om te openen, Escape om te sluiten.",
  },
  en: {
    label: "Search stories",
    placeholder: "Search stories about our values",
    results: "Stories",
    searching: "Searching…",
    none: "Nothing found",
    found: (n) => (n === 1 ? "1 story found" : `${n} stories found`),
    corrected: (typed, instead) => `no stories with “${typed}”; these have ${instead}`,
    more: "All results on Merkwaardig",
    failed: "Search is not available right now.",
    storiesLabel: "Stories",
    noStories: "No stories yet.",
    loadFailed: "The stories cannot be loaded right now.",
    colleague: "a colleague",
    colleagueFrom: (team) => `a colleague from ${team}`,
    former: "a former colleague",
    hint: "Arrow keys to choose, Enter to open, Escape to close.",
  },
};

/** The element's language: its `lang` attribute, else the page's; Dutch by default. */
function language(element) {
  const raw = (element.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || "nl").toLowerCase();
  return raw.startsWith("en") ? "en" : "nl";
}

function request(path, params, token, signal) {
  const url = new URL(path, BASE);
  for (const [key, value] of params) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.append(key, value);
  }
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  return fetch(url, { headers, credentials: "omit", mode: "cors", signal }).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  });
}

function values(element) {
  return (element.getAttribute("value") || "")
    .split(/[\s,]+/)
    .filter(Boolean);
}

function limit(element, fallback) {
  const n = Number.parseInt(element.getAttribute("limit") || "", 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 20) : fallback;
}

/**
 * Appends a snippet: text in which only <mark> is markup (the server escapes
 * the story text). Parsed inertly and rebuilt from text nodes and marks, so
 * nothing else can ever become markup.
 */
function appendSnippet(target, html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.setAttribute("part", "mark");
      mark.textContent = node.textContent;
      target.append(mark);
    } else {
      target.append(document.createTextNode(node.textContent));
    }
  }
}

const STYLE = `
:host {
  display: block;
  font-family: var(--merkwaardig-font, inherit);
  color: var(--merkwaardig-text, inherit);
  --_accent: var(--merkwaardig-accent, #0b5f59);
  --_background: var(--merkwaardig-background, #fff);
  --_border: var(--merkwaardig-border, #8a8f99);
  --_radius: var(--merkwaardig-radius, 8px);
  --_muted: var(--merkwaardig-muted, #566070);
}
[hidden] { display: none !important; }
.box { position: relative; }
label { display: block; font-weight: 600; margin-bottom: .3rem; }
input {
  box-sizing: border-box; width: 100%; font: inherit; padding: .55rem .7rem;
  border: 1px solid var(--_border); border-radius: var(--_radius);
  background: var(--_background); color: inherit;
}
input:focus-visible, a:focus-visible { outline: 3px solid var(--merkwaardig-focus, #ffbf47); outline-offset: 2px; }
ul { list-style: none; margin: .3rem 0 0; padding: 0; }
[role="listbox"] {
  border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_background);
  max-height: 28rem; overflow-y: auto;
}
[role="option"] { padding: .55rem .7rem; cursor: pointer; border-top: 1px solid #eee; }
[role="option"]:first-child { border-top: 0; }
[role="option"][aria-selected="true"] { background: var(--merkwaardig-highlight, #e6f1f0); outline: 2px solid var(--_accent); outline-offset: -2px; }
.title { display: block; color: var(--_accent); font-weight: 600; text-decoration: none; }
.snippet { display: block; color: var(--_muted); font-size: .92em; margin-top: .15rem; }
mark { background: var(--merkwaardig-mark, #fff0b3); color: inherit; padding: 0 .1em; border-radius: 2px; }
.status { color: var(--_muted); font-size: .9em; margin: .3rem 0 0; min-height: 1.2em; }
.more { display: inline-block; margin-top: .3rem; color: var(--_accent); font-size: .92em; }
.stories li { margin: 0 0 .6rem; }
.meta { display: block; color: var(--_muted); font-size: .88em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

let instances = 0;

class MerkwaardigSearch extends HTMLElement {
  static observedAttributes = ["lang", "value", "limit", "token", "placeholder"];

  #input;
  #list;
  #status;
  #more;
  #hits = [];
  #active = -1;
  #timer = null;
  #controller = null;
  #id = ++instances;

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    const box = document.createElement("div");
    box.className = "box";
    box.setAttribute("part", "container");
    const label = document.createElement("label");
    label.setAttribute("part", "label");
    label.htmlFor = "q";
    this.#input = document.createElement("input");
    Object.assign(this.#input, { id: "q", type: "search", autocomplete: "off", spellcheck: false });
    this.#input.setAttribute("part", "input");
    this.#input.setAttribute("role", "combobox");
    this.#input.setAttribute("aria-autocomplete", "list");
    this.#input.setAttribute("aria-expanded", "false");
    this.#input.setAttribute("aria-controls", "results");
    this.#input.setAttribute("aria-describedby", "hint");
    const hint = document.createElement("span");
    hint.id = "hint";
    hint.className = "visually-hidden";
    this.#list = document.createElement("ul");
    this.#list.id = "results";
    this.#list.setAttribute("role", "listbox");
    this.#list.setAttribute("part", "results");
    this.#list.hidden = true;
    this.#status = document.createElement("p");
    this.#status.className = "status";
    this.#status.setAttribute("part", "status");
    this.#status.setAttribute("role", "status");
    this.#more = document.createElement("a");
    this.#more.className = "more";
    this.#more.setAttribute("part", "more");
    this.#more.target = "_top";
    this.#more.hidden = true;
    box.append(label, this.#input, hint, this.#list, this.#status, this.#more);
    root.append(style, box);
    this.#applyLanguage();

    this.#input.addEventListener("input", () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#search(), 250);
    });
    this.#input.addEventListener("keydown", (event) => this.#key(event));
    this.#list.addEventListener("mousedown", (event) => event.preventDefault());
  }

  attributeChangedCallback() {
    if (this.shadowRoot) this.#applyLanguage();
  }

  get #text() {
    return TEXT[language(this)];
  }

  #applyLanguage() {
    const text = this.#text;
    this.shadowRoot.querySelector("label").textContent = text.label;
    this.shadowRoot.getElementById("hint").textContent = text.hint;
    this.#input.placeholder = this.getAttribute("placeholder") || text.placeholder;
    this.#list.setAttribute("aria-label", text.results);
    this.#more.textContent = text.more;
  }

  async #search() {
    // A space after the last word says it is finished; without one the
    // server also reads it as the beginning of a word.
    const typed = this.#input.value.trimStart();
    const query = typed.trim();
    this.#controller?.abort();
    if (query.length < 2) {
      this.#show([]);
      this.#status.textContent = "";
      this.#more.hidden = true;
      return;
    }
    this.#controller = new AbortController();
    this.#status.textContent = this.#text.searching;
    const params = [["q", typed], ["limit", String(limit(this, 5))]];
    for (const value of values(this)) params.push(["value", value]);
    try {
      const body = await request("/api/v1/search", params, this.getAttribute("token"), this.#controller.signal);
      this.#show(body.hits);
      // A mistyped word was searched as the words one letter from it: say
      // so, as the search page does.
      const corrected = (body.corrections ?? []).map(({ typed, instead }) =>
        this.#text.corrected(typed, instead.map((word) => `“${word}”`).join(", ")));
      const found = body.total === 0 ? this.#text.none : this.#text.found(body.total);
      this.#status.textContent = [found, ...corrected].join(" · ");
      const more = new URL("/search", BASE);
      more.searchParams.set("q", query);
      for (const value of values(this)) more.searchParams.append("value", value);
      this.#more.href = more.href;
      this.#more.hidden = body.total <= body.hits.length;
    } catch (error) {
      if (error.name === "AbortError") return;
      this.#show([]);
      this.#status.textContent = this.#text.failed;
      this.#more.hidden = true;
    }
  }

  #show(hits) {
    this.#hits = hits;
    this.#active = -1;
    this.#list.replaceChildren(
      ...hits.map((hit, index) => {
        const option = document.createElement("li");
        option.id = `option-${this.#id}-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("part", "result");
        option.lang = hit.lang;
        const link = document.createElement("a");
        link.className = "title";
        link.setAttribute("part", "title");
        link.href = new URL(hit.url, BASE).href;
        link.target = "_top";
        link.tabIndex = -1;
        appendSnippet(link, hit.title_html);
        const snippet = document.createElement("span");
        snippet.className = "snippet";
        snippet.setAttribute("part", "snippet");
        appendSnippet(snippet, hit.snippet);
        option.append(link, snippet);
        option.addEventListener("click", () => link.click());
        return option;
      }),
    );
    const open = hits.length > 0;
    this.#list.hidden = !open;
    this.#input.setAttribute("aria-expanded", String(open));
    this.#input.removeAttribute("aria-activedescendant");
  }

  #move(to) {
    const options = this.#list.children;
    if (options.length === 0) return;
    this.#active = (to + options.length) % options.length;
    for (const [index, option] of [...options].entries()) {
      option.setAttribute("aria-selected", String(index === this.#active));
    }
    const active = options[this.#active];
    this.#input.setAttribute("aria-activedescendant", active.id);
    active.scrollIntoView({ block: "nearest" });
  }

  #key(event) {
    const open = !this.#list.hidden;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open && this.#hits.length > 0) this.#show(this.#hits);
        this.#move(this.#active + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        this.#move(this.#active - 1);
        break;
      case "Enter":
        if (open && this.#active >= 0) {
          event.preventDefault();
          this.#list.children[this.#active].querySelector("a").click();
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          this.#list.hidden = true;
          this.#input.setAttribute("aria-expanded", "false");
          this.#input.removeAttribute("aria-activedescendant");
          this.#active = -1;
        } else if (this.#input.value) {
          event.preventDefault();
          this.#input.value = "";
          this.#show([]);
          this.#status.textContent = "";
          this.#more.hidden = true;
        }
        break;
    }
  }
}

class MerkwaardigStories extends HTMLElement {
  static observedAttributes = ["lang", "value", "limit", "token", "featured", "story-of-the-month"];

  #list;
  #status;

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    const section = document.createElement("section");
    section.setAttribute("part", "container");
    this.#list = document.createElement("ul");
    this.#list.className = "stories";
    this.#list.setAttribute("part", "list");
    this.#status = document.createElement("p");
    this.#status.className = "status";
    this.#status.setAttribute("part", "status");
    this.#status.setAttribute("role", "status");
    section.append(this.#list, this.#status);
    root.append(style, section);
    this.#load();
  }

  attributeChangedCallback() {
    if (this.shadowRoot) this.#load();
  }

  async #load() {
    const text = TEXT[language(this)];
    this.#list.setAttribute("aria-label", text.storiesLabel);
    const params = [["limit", String(limit(this, 3))]];
    for (const value of values(this)) params.push(["value", value]);
    if (this.hasAttribute("featured")) params.push(["featured", "true"]);
    if (this.hasAttribute("story-of-the-month")) params.push(["story_of_the_month", "true"]);
    try {
      const body = await request("/api/v1/stories", params, this.getAttribute("token"));
      this.#list.replaceChildren(...body.stories.map((story) => this.#item(story, text)));
      this.#status.textContent = body.stories.length === 0 ? text.noStories : "";
    } catch {
      this.#list.replaceChildren();
      this.#status.textContent = text.loadFailed;
    }
  }

  #item(story, text) {
    const item = document.createElement("li");
    item.setAttribute("part", "story");
    const link = document.createElement("a");
    link.className = "title";
    link.setAttribute("part", "title");
    link.href = new URL(`/stories/${story.id}`, BASE).href;
    link.target = "_top";
    link.lang = story.lang;
    link.textContent = story.title;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.setAttribute("part", "meta");
    const author = story.author.former
      ? text.former
      : story.author.name || (story.team ? text.colleagueFrom(story.team) : text.colleague);
    const date = story.published_at
      ? new Date(story.published_at).toLocaleDateString(language(this) === "en" ? "en-GB" : "nl-NL")
      : "";
    meta.textContent = [author, date].filter(Boolean).join(" · ");
    item.append(link, meta);
    return item;
  }
}

if (!customElements.get("merkwaardig-search")) customElements.define("merkwaardig-search", MerkwaardigSearch);
if (!customElements.get("merkwaardig-stories")) customElements.define("merkwaardig-stories", MerkwaardigStories);
