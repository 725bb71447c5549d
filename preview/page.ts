/**
 * The preview's HTML: the page (a spreadsheet-like view of the roster beside the sidebar frame, with a
 * bar imitating the add-on menu and a tab for each sheet of the spreadsheet) and the sidebar as the bundle showed it, with the google.script.run
 * shim put first in its <head>. Self-contained: inline CSS and scripts, nothing from outside.
 * Must never put text from the sheet into HTML: the page script inserts it with textContent.
 */
import { fill, type PageData } from './page-data';

/** JSON that is safe inside a <script> element (no `</script>`, no HTML comment openers). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script's text, made safe to inline in a <script> element. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * Puts the shim first in the sidebar's <head> (or first in the document when it has none), with the
 * names of the server functions google.script.run offers, as Apps Script lists them in the page.
 */
export function injectShim(html: string, shim: string, functions: readonly string[] = []): string {
  const tag =
    `<script data-functions="${escapeHtml(JSON.stringify(functions))}">` +
    `/* google.script.run shim of the local preview */\n${inlineScript(shim)}</script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const root = /<html(\s[^>]*)?>/i.exec(html);
  if (root) {
    const at = root.index + root[0].length;
    return `${html.slice(0, at)}<head>${tag}</head>${html.slice(at)}`;
  }
  return `<!DOCTYPE html><head>${tag}</head>${html}`;
}

const CSS = `
*, *::before, *::after { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; display: flex; flex-direction: column; font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif; color: #202124; background: #f9fbfd; }
header { display: flex; align-items: center; gap: 12px; padding: 8px 16px 4px; background: #f9fbfd; }
.logo { width: 28px; height: 36px; border-radius: 3px; background: #188038; position: relative; flex: none; }
.logo::after { content: ''; position: absolute; inset: 12px 6px 8px; border: 2px solid #fff; border-radius: 1px; background: linear-gradient(#fff, #fff) 50% 0 / 2px 100% no-repeat, linear-gradient(#fff, #fff) 0 50% / 100% 2px no-repeat; }
#doc-title { font-size: 18px; }
.badge { font-size: 11px; font-weight: 600; color: #1967d2; background: #e8f0fe; border-radius: 10px; padding: 2px 8px; }
#summary-line { margin-left: auto; color: #5f6368; font-size: 12px; text-align: right; }
nav { display: flex; align-items: center; gap: 6px; padding: 2px 16px 6px; }
nav .crumb { color: #5f6368; }
nav .crumb + .crumb::before { content: '›'; margin: 0 6px 0 0; color: #9aa0a6; }
#menu-items { display: flex; gap: 6px; margin-left: 4px; }
#menu-items button { font: inherit; border: 1px solid #dadce0; background: #fff; border-radius: 4px; padding: 4px 10px; cursor: pointer; }
#menu-items button:hover { background: #f1f3f4; }
#menu-items button[aria-busy='true'] { opacity: 0.6; cursor: progress; }
main { flex: 1; display: flex; min-height: 0; border-top: 1px solid #dadce0; }
#sheet-pane { flex: 1; display: flex; flex-direction: column; min-width: 0; background: #fff; }
#sheet-scroll { flex: 1; overflow: auto; }
#sheet { border-collapse: separate; border-spacing: 0; font-size: 12px; }
#sheet th, #sheet td { border-right: 1px solid #e2e3e3; border-bottom: 1px solid #e2e3e3; height: 21px; padding: 1px 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 150px; }
#sheet td { min-width: 64px; }
#sheet thead th { position: sticky; top: 0; z-index: 2; background: #f8f9fa; color: #5f6368; font-weight: 400; text-align: center; }
#sheet tbody th { position: sticky; left: 0; z-index: 1; background: #f8f9fa; color: #5f6368; font-weight: 400; min-width: 40px; text-align: center; }
#sheet thead th.corner { left: 0; z-index: 3; }
#sheet tr.header-row td { font-weight: 600; background: #f1f8f4; }
#sheet-scroll { position: relative; }
#sheet td:focus { outline: 2px solid #1a73e8; outline-offset: -2px; }
#cell-editor { position: absolute; z-index: 5; font: inherit; font-size: 12px; padding: 0 5px; border: 2px solid #1a73e8; background: #fff; box-shadow: 0 2px 6px rgba(0,0,0,0.2); }
#cell-editor[hidden], #note-popup[hidden] { display: none; }
#note-popup { position: absolute; z-index: 6; max-width: 340px; margin-left: 4px; padding: 6px 8px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; background: #fff; border: 1px solid #dadce0; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,0.25); pointer-events: none; }
#edit-hint { color: #5f6368; font-size: 12px; margin-left: auto; }
#sheet td.has-note { position: relative; }
#sheet td.has-note::after { content: ''; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 6px 6px 0; border-color: transparent #f29900 transparent transparent; }
#sheet td.status { font-weight: 600; font-size: 11px; letter-spacing: 0.02em; max-width: none; }
#sheet td[data-code='OK'] { background: #e6f4ea; color: #137333; }
#sheet td[data-code='ALREADY_EXISTS'] { background: #e8f0fe; color: #1967d2; }
#sheet td[data-code='PERMISSION_DENIED'], #sheet td[data-code='NOT_FOUND'], #sheet td[data-code='FAILED_PRECONDITION'], #sheet td[data-code='INVALID_ARGUMENT'] { background: #fce8e6; color: #c5221f; }
#sheet td[data-code='RESOURCE_EXHAUSTED'], #sheet td[data-code='UNAVAILABLE'], #sheet td[data-code='INTERNAL'], #sheet td[data-code='DEADLINE_EXCEEDED'], #sheet td[data-code='UNKNOWN'] { background: #fef7e0; color: #b06000; }
#sheet td[data-accepted] { font-weight: 600; font-size: 11px; letter-spacing: 0.02em; }
#sheet td[data-accepted='ACCEPTED'] { background: #e6f4ea; color: #137333; }
#sheet td[data-accepted='PENDING'] { background: #fef7e0; color: #b06000; }
#sheet td[data-accepted='GONE'] { background: #fce8e6; color: #c5221f; }
#sheet td[data-accepted='UNKNOWN'] { background: #f1f3f4; color: #5f6368; }
footer { display: flex; align-items: stretch; gap: 12px; min-width: 0; border-top: 1px solid #dadce0; background: #f8f9fa; padding: 0 12px; min-height: 34px; }
#tabs { flex: none; max-width: 60%; display: flex; align-items: stretch; gap: 2px; overflow-x: auto; }
#tabs button { font: inherit; display: flex; align-items: center; flex: none; padding: 0 18px; border: 0; border-bottom: 3px solid transparent; background: none; color: #444746; white-space: nowrap; cursor: pointer; }
#tabs button:hover { background: #eceff1; }
#tabs button[aria-selected='true'] { background: #fff; color: #188038; font-weight: 600; border-bottom-color: #188038; }
#status-bar { margin-left: auto; display: flex; align-items: center; gap: 14px; min-width: 0; color: #5f6368; font-size: 12px; white-space: nowrap; }
#status-bar > span { flex: none; }
#status-bar > #calls { flex: 0 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
#run-state[data-running]:not([data-running='']) { color: #1967d2; font-weight: 600; }
#connection:empty { display: none; }
#connection.lost { color: #c5221f; font-weight: 600; }
#fatal { margin: 0; padding: 8px 16px; background: #fce8e6; color: #a50e0e; font-weight: 600; border-top: 1px solid #f6aea9; white-space: pre-wrap; }
#fatal[hidden] { display: none; }
#sheet tr.spacer td { padding: 0; border: 0; height: auto; min-width: 0; }
#sidebar-panel { width: 300px; flex: none; display: flex; flex-direction: column; border-left: 1px solid #dadce0; background: #fff; }
#sidebar-panel[hidden] { display: none; }
.sidebar-head { display: flex; align-items: center; justify-content: space-between; padding: 10px 8px 10px 16px; border-bottom: 1px solid #e0e0e0; }
#sidebar-title { font-size: 16px; }
#sidebar-close { font: inherit; font-size: 18px; line-height: 1; border: 0; background: none; color: #5f6368; cursor: pointer; padding: 4px 8px; border-radius: 50%; }
#sidebar-close:hover { background: #f1f3f4; }
#sidebar-frame { flex: 1; width: 300px; border: 0; }
dialog { border: 0; border-radius: 8px; box-shadow: 0 4px 24px rgba(0,0,0,0.25); max-width: 520px; padding: 20px 24px; }
#alert-title { margin: 0 0 8px; font-size: 16px; font-weight: 500; }
#alert-message { white-space: pre-wrap; margin: 0 0 16px; }
dialog form { text-align: right; }
dialog button { font: inherit; border: 0; border-radius: 4px; background: #1a73e8; color: #fff; padding: 6px 16px; cursor: pointer; }
#toast { position: fixed; left: 16px; bottom: 48px; max-width: 420px; background: #323232; color: #fff; border-radius: 4px; padding: 10px 14px; box-shadow: 0 2px 8px rgba(0,0,0,0.3); }
#toast[hidden] { display: none; }
#toast-title { font-weight: 600; margin-right: 6px; }
@media (max-width: 720px) {
  html, body { height: auto; }
  header { flex-wrap: wrap; }
  #summary-line { margin-left: 0; flex-basis: 100%; text-align: left; }
  nav { flex-wrap: wrap; }
  #menu-items { flex-wrap: wrap; margin-left: 0; }
  main { flex: none; flex-direction: column; }
  #sheet-pane { height: 60vh; min-height: 240px; }
  footer { flex-wrap: wrap; }
  #tabs { max-width: 100%; }
  #status-bar { margin-left: 0; flex-wrap: wrap; white-space: normal; }
  #sidebar-panel { width: auto; height: 85vh; min-height: 420px; border-left: 0; border-top: 1px solid #dadce0; }
  #sidebar-frame { width: 100%; }
}
`;

/**
 * The preview page; `script` is the compiled page script (preview/browser/sheet-view.ts), `nonce` the
 * one this response's Content-Security-Policy allows (no other script or style may run).
 */
export function renderPage(data: PageData, script: string, nonce: string): string {
  const { labels } = data;
  const n = escapeHtml(nonce);
  const sidebarSrc = data.sidebar ? ` src="/sidebar?seq=${data.sidebar.seq}"` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(data.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(labels.title)}</title>
<style nonce="${n}">${CSS}</style>
</head>
<body>
<header>
  <div class="logo" aria-hidden="true"></div>
  <span id="doc-title"></span>
  <span class="badge">${escapeHtml(labels.badge)}</span>
  <span id="summary-line">${escapeHtml(data.summary)}</span>
</header>
<nav aria-label="${escapeHtml(fill(labels.menu, { addon: labels.addonName }))}">
  <span class="crumb">${escapeHtml(labels.extensions)}</span>
  <span class="crumb">${escapeHtml(labels.addonName)}</span>
  <span id="menu-items"></span>
  <span id="edit-hint">${escapeHtml(labels.editHint)}</span>
</nav>
<p id="fatal" role="alert" hidden></p>
<main>
  <section id="sheet-pane">
    <div id="sheet-scroll" role="tabpanel"><table id="sheet"></table></div>
    <footer>
      <div id="tabs" role="tablist" aria-label="${escapeHtml(labels.tabs)}"></div>
      <span id="status-bar">
        <span id="connection" role="status"></span>
        <span id="run-state"></span>
        <span id="calls"></span>
        <span id="virtual-time"></span>
      </span>
    </footer>
  </section>
  <aside id="sidebar-panel"${data.sidebar ? '' : ' hidden'}>
    <div class="sidebar-head">
      <span id="sidebar-title"></span>
      <button type="button" id="sidebar-close" title="${escapeHtml(labels.close)}" aria-label="${escapeHtml(labels.close)}">×</button>
    </div>
    <iframe id="sidebar-frame" title="${escapeHtml(labels.sidebarFrame)}"${sidebarSrc}></iframe>
  </aside>
</main>
<dialog id="alert" aria-labelledby="alert-title" aria-describedby="alert-message">
  <h2 id="alert-title"></h2>
  <p id="alert-message"></p>
  <form method="dialog"><button type="submit">${escapeHtml(labels.ok)}</button></form>
</dialog>
<div id="toast" role="status" hidden><span id="toast-title"></span><span id="toast-message"></span></div>
<script type="application/json" id="preview-data">${scriptJson(data)}</script>
<script nonce="${n}">${inlineScript(script)}</script>
</body>
</html>
`;
}
