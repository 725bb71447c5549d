/**
 * The sidebar's small DOM and focus toolkit, bound to one document so a panel can be built on any page
 * (the sidebar, a test page in Chromium). Text is only ever inserted with textContent / text nodes,
 * never as HTML: names and messages come from the sheet and the API.
 */
import type { RunState } from './page';
import type { CodeItem, ProgressView } from './view-model';

/**
 * A panel's elements, named by id: `'status'` is any element, `'button#send'` must be a <button>
 * (checked when the panel is built, so a page that lost or changed an element fails at once).
 */
export type ElementSpec = Record<string, string>;
type ElementFor<S extends string> = S extends `${infer Tag}#${string}`
  ? Tag extends keyof HTMLElementTagNameMap
    ? HTMLElementTagNameMap[Tag]
    : never
  : HTMLElement;
export type ElementsOf<S extends ElementSpec> = { [K in keyof S]: ElementFor<S[K]> };

/** A list item's text, or its text and class. */
export type ListLine = string | { text: string; className?: string };

/** What a loop's panel shows while it runs: the area (hidden while idle), the bar and its text line. */
export interface ProgressArea {
  area: HTMLElement;
  bar: HTMLProgressElement;
  text: HTMLElement;
}

export interface Dom {
  doc: Document;
  byId<T extends HTMLElement = HTMLElement>(id: string): T;
  elements<const S extends ElementSpec>(spec: S): ElementsOf<S>;
  element<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    text?: string,
    className?: string,
  ): HTMLElementTagNameMap[K];
  /** Replaces a list's items with one text item each. */
  fillList(list: HTMLElement, lines: readonly ListLine[]): void;
  /** A new list of one text item per line (with an id when tests or styles look it up). */
  textList(lines: readonly string[], id?: string): HTMLUListElement;
  /** One paragraph per line, as text. */
  fillParagraphs(container: HTMLElement, lines: readonly string[]): void;
  renderCodeList(container: HTMLElement, items: readonly CodeItem[]): void;
  scrollingList(headingId: string, heading: string, items: readonly Node[]): Node[];
  itemLines(first: string, rest: readonly string[], className?: string): HTMLLIElement;
  /** A checkbox in its label (the box, then `text`), in the page's one checkbox layout. */
  checkField(id: string, text: HTMLElement): { field: HTMLDivElement; box: HTMLInputElement };
  setAvailable(button: HTMLButtonElement, available: boolean): void;
  focusButton(button: HTMLButtonElement): void;
  onPress(button: HTMLButtonElement, action: () => void): void;
  keepFocus(fallback: HTMLElement): void;
}

export function setText(node: Element | null, text: string): void {
  if (node && node.textContent !== text) node.textContent = text;
}

export function setProgress(bar: HTMLProgressElement, view: { value: number | null; max: number }): void {
  bar.max = view.max;
  if (view.value === null) bar.removeAttribute('value');
  else bar.value = view.value;
}

export function showProgress(progress: ProgressArea, run: RunState, view: ProgressView): void {
  progress.area.hidden = run === 'idle';
  setProgress(progress.bar, view);
  setText(progress.text, view.text);
}

// ---- buttons that keep the keyboard focus -------------------------------------------------------
// A focused button that becomes `disabled` drops the focus to the page (Chromium blurs it), so a
// keyboard or screen-reader user who pressed Send, Stop, Check, Refresh or Save would lose their
// place for the whole server call. Such a button is made aria-disabled instead: it keeps the focus,
// reads as unavailable, and ignores presses (onPress). Once the focus leaves, it becomes disabled
// (releaseOnFocusOut).

export function isAvailable(button: HTMLButtonElement): boolean {
  return !button.disabled && button.getAttribute('aria-disabled') !== 'true';
}

/** An aria-disabled button (unavailable but kept focused) becomes plainly disabled once left. */
export function releaseOnFocusOut(root: HTMLElement): void {
  root.addEventListener('focusout', (event) => {
    const left = event.target as Element | null;
    if (left && left.tagName === 'BUTTON' && left.getAttribute('aria-disabled') === 'true') {
      (left as HTMLButtonElement).disabled = true;
      left.removeAttribute('aria-disabled');
    }
  });
}

/** A key held down repeats: only a fresh press may answer a question. */
export function ignoreRepeatedKeys(dialog: HTMLElement): void {
  dialog.addEventListener('keydown', (event) => {
    if (event.repeat && (event.key === 'Enter' || event.key === ' ')) event.preventDefault();
  });
}

export function createDom(doc: Document): Dom {
  const element = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    text?: string,
    className?: string,
  ): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  const fillList = (list: HTMLElement, lines: readonly ListLine[]): void => {
    list.replaceChildren(
      ...lines.map((line) =>
        typeof line === 'string' ? element('li', line) : element('li', line.text, line.className),
      ),
    );
  };

  /**
   * Draws Status codes as `<details data-code>` (code, label and count; opened: what it means and how
   * to fix it), reusing the elements already there so an open one stays open and focus is kept while
   * counts change under it.
   */
  const renderCodeList = (container: HTMLElement, items: readonly CodeItem[]): void => {
    const existing = new Map<string, HTMLDetailsElement>();
    for (const child of Array.from(container.children)) {
      const code = (child as HTMLElement).dataset.code;
      if (child.tagName === 'DETAILS' && code) existing.set(code, child as HTMLDetailsElement);
    }
    const wanted = items.map((item) => {
      let details = existing.get(item.code);
      existing.delete(item.code);
      if (!details) {
        details = element('details', undefined, 'code');
        details.dataset.code = item.code;
        details.append(element('summary'), element('p', undefined, 'explain'));
      }
      setText(details.querySelector('summary'), item.summary);
      setText(details.querySelector('p'), item.explanation);
      return details;
    });
    for (const stale of existing.values()) stale.remove();
    wanted.forEach((details, index) => {
      if (container.children[index] !== details)
        container.insertBefore(details, container.children[index] ?? null);
    });
  };

  /**
   * A heading and a list that scrolls inside the sidebar. The scrolling box can take the focus (so the
   * keyboard can scroll it) and is named by its heading.
   */
  const scrollingList = (headingId: string, heading: string, items: readonly Node[]): Node[] => {
    const title = element('h3', heading);
    title.id = headingId;
    const region = element('div', undefined, 'scroll');
    region.tabIndex = 0;
    region.setAttribute('role', 'region');
    region.setAttribute('aria-labelledby', headingId);
    const list = element('ul');
    list.append(...items);
    region.append(list);
    return [title, region];
  };

  /** A list item: a bold first line, then more lines as text. */
  const itemLines = (first: string, rest: readonly string[], className?: string): HTMLLIElement => {
    const item = element('li', undefined, className);
    item.append(element('strong', first));
    for (const line of rest) {
      if (line === '') continue;
      item.append(element('br'), doc.createTextNode(line));
    }
    return item;
  };

  const checkField = (id: string, text: HTMLElement): { field: HTMLDivElement; box: HTMLInputElement } => {
    const box = element('input');
    box.type = 'checkbox';
    box.id = id;
    const label = element('label');
    label.htmlFor = id;
    label.append(box, text);
    const field = element('div', undefined, 'check-field');
    field.append(label);
    return { field, box };
  };

  const setAvailable = (button: HTMLButtonElement, available: boolean): void => {
    if (available) {
      button.disabled = false;
      button.removeAttribute('aria-disabled');
      return;
    }
    const keep = doc.activeElement === button || button.getAttribute('aria-disabled') === 'true';
    button.disabled = !keep;
    if (keep) button.setAttribute('aria-disabled', 'true');
  };

  /** Focuses a button even when it is unavailable (then as aria-disabled). */
  const focusButton = (button: HTMLButtonElement): void => {
    if (button.disabled) {
      button.disabled = false;
      button.setAttribute('aria-disabled', 'true');
    }
    button.focus();
  };

  const onPress = (button: HTMLButtonElement, action: () => void): void => {
    button.addEventListener('click', () => {
      if (isAvailable(button)) action();
    });
  };

  /** When the focused control is gone or unavailable (Stop after a run), focus moves to `fallback`. */
  const keepFocus = (fallback: HTMLElement): void => {
    const active = doc.activeElement as HTMLElement | null;
    const lost =
      !active ||
      active === doc.body ||
      !active.isConnected ||
      (active as HTMLButtonElement).disabled === true ||
      (active !== fallback && active.getAttribute('aria-disabled') === 'true') ||
      active.closest('[hidden]') !== null;
    if (lost) fallback.focus();
  };

  const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
    const found = doc.getElementById(id);
    if (!found) throw new Error(`The sidebar page has no #${id}.`);
    return found as T;
  };

  const elements = <const S extends ElementSpec>(spec: S): ElementsOf<S> => {
    const found: Record<string, HTMLElement> = {};
    for (const [name, selector] of Object.entries(spec)) {
      const hash = selector.indexOf('#');
      const tag = hash < 0 ? '' : selector.slice(0, hash);
      const node = byId(selector.slice(hash + 1));
      if (tag !== '' && node.tagName.toLowerCase() !== tag)
        throw new Error(`The sidebar page's #${node.id} is not a <${tag}>.`);
      found[name] = node;
    }
    return found as ElementsOf<S>;
  };

  const textList = (lines: readonly string[], id?: string): HTMLUListElement => {
    const list = element('ul');
    if (id !== undefined) list.id = id;
    fillList(list, lines);
    return list;
  };

  return {
    doc,
    byId,
    elements,
    element,
    fillList,
    textList,
    fillParagraphs: (container, lines) =>
      container.replaceChildren(...lines.map((line) => element('p', line))),
    renderCodeList,
    scrollingList,
    itemLines,
    checkField,
    setAvailable,
    focusButton,
    onPress,
    keepFocus,
  };
}
