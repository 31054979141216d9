/**
 * The only way the app builds DOM: elements are created one by one and every
 * string becomes a text node. Article text, labels and file contents therefore
 * can never be parsed as HTML (no innerHTML anywhere in src/app).
 */
export type Child = Node | string | null | undefined | false;

export interface ElementProps {
  class?: string;
  attrs?: Record<string, string>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const [type, listener] of Object.entries(props.on ?? {})) node.addEventListener(type, listener as EventListener);
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/**
 * `text` with each [start, end) range wrapped in <mark>. Ranges outside the text,
 * empty or overlapping an earlier one are left unmarked rather than guessed.
 */
export function markedText(text: string, ranges: ReadonlyArray<readonly [number, number]>): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const valid = ranges
    .filter(([start, end]) => start >= 0 && end <= text.length && start < end)
    .slice()
    .sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [start, end] of valid) {
    if (start < at) continue;
    append(fragment, text.slice(at, start), el('mark', {}, text.slice(start, end)));
    at = end;
  }
  append(fragment, text.slice(at));
  return fragment;
}

/** Only web links become clickable: a `javascript:` or `data:` URL from an article stays text. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`app: element #${id} is missing from index.html`);
  return node as T;
}
