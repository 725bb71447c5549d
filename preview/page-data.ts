/**
 * What the preview server bakes into its page (the sheets as they are, the menu, the sidebar to show) and
 * the page's own few words in both languages. The add-on's words come from the bundle itself.
 */
import type { MenuItem } from './session';
import type { SheetSnapshot } from './sheet-update';

export interface PageLabels {
  /** The browser tab's title. */
  title: string;
  badge: string;
  extensions: string;
  addonName: string;
  idle: string;
  /** {name}: the entry point running. */
  running: string;
  /** {executions}, {calls}. */
  calls: string;
  /** {time}: virtual hh:mm:ss UTC. */
  virtualTime: string;
  note: string;
  alertTitle: string;
  ok: string;
  /** The × of the sidebar panel. */
  close: string;
  /** The sidebar frame's name until the bundle gives it a title. */
  sidebarFrame: string;
  /** The add-on menu bar's name. {addon}. */
  menu: string;
  /** The sheet table's name. {spreadsheet}, {tab}. */
  sheet: string;
  /** The row of sheet tabs under the sheet. */
  tabs: string;
  disconnected: string;
  /** Shown when the add-on stopped running (the worker died or a call never returned). */
  failed: string;
  /** {source}, {rows}, {extra} (the generated-rows part or ''), {latency}, {speed}. */
  summary: string;
  /** {count}. */
  generated: string;
  /** The name of the box that edits a cell. {cell}: its A1 address. */
  editCell: string;
  /** How to type into the sheet, shown above it. */
  editHint: string;
  /** {message}. */
  editFailed: string;
}

export interface PageData {
  /** The roster: the tab shown first, and the add-on's active sheet. */
  snapshot: SheetSnapshot;
  /** The spreadsheet's other sheets (the run history, once a run made it), in its order. */
  otherSheets: SheetSnapshot[];
  sidebar: { seq: number; title: string } | null;
  menu: MenuItem[];
  /** One line on what is simulated. */
  summary: string;
  /** 'en' or 'zh-CN'. */
  locale: string;
  labels: PageLabels;
  /** This server's run: a page that reconnects to another one (npm start again) reloads. */
  instance: string;
  /** Why the add-on no longer runs, or null. */
  fatal: string | null;
  /** How much faster than real time the simulated clock runs (it runs between calls too). */
  speed: number;
}

const EN: PageLabels = {
  title: 'Classroom Roster Invites — local preview',
  badge: 'Local preview',
  extensions: 'Extensions',
  addonName: 'Classroom Roster Invites',
  idle: 'Idle',
  running: 'Running {name}()…',
  calls: 'Executions: {executions} · Classroom calls: {calls}',
  virtualTime: 'Simulated time {time} UTC',
  note: 'Note',
  alertTitle: 'Classroom Roster Invites',
  ok: 'OK',
  close: 'Close sidebar',
  sidebarFrame: 'Add-on sidebar',
  menu: 'Extensions › {addon}',
  sheet: '{spreadsheet}, sheet {tab}',
  tabs: 'Sheets',
  disconnected: 'The preview server stopped: restart it with npm start.',
  failed: 'The add-on stopped running: {message}',
  summary:
    '{source}: {rows} roster rows{extra} · simulated Classroom, {latency} ms a call, time ×{speed} · ' +
    'no Google account, nothing leaves this machine',
  generated: ' + {count} generated',
  editCell: 'Edit cell {cell}',
  editHint:
    'Cells are editable: double-click one (or select it and press Enter), type, press Enter. Try WITHDRAW or REINVITE in Action.',
  editFailed: 'The cell could not be changed: {message}',
};

const ZH_CN: PageLabels = {
  title: 'Classroom Roster Invites — 本地预览',
  badge: '本地预览',
  extensions: '扩展程序',
  addonName: 'Classroom Roster Invites',
  idle: '空闲',
  running: '正在运行 {name}()…',
  calls: '执行：{executions} · Google 课堂调用：{calls}',
  virtualTime: '模拟时间 {time} UTC',
  note: '备注',
  alertTitle: 'Classroom Roster Invites',
  ok: '确定',
  close: '关闭侧边栏',
  sidebarFrame: '插件侧边栏',
  menu: '扩展程序 › {addon}',
  sheet: '{spreadsheet}，工作表 {tab}',
  tabs: '工作表',
  disconnected: '预览服务器已停止：请用 npm start 重新启动。',
  failed: '插件已停止运行：{message}',
  summary:
    '{source}：{rows} 行名单{extra} · 模拟的 Google 课堂，每次调用 {latency} 毫秒，时间 ×{speed} · 无需 Google 账号，数据不离开本机',
  generated: '，另生成 {count} 行',
  editCell: '编辑单元格 {cell}',
  editHint:
    '单元格可以编辑：双击单元格（或选中后按 Enter 键），输入内容后按 Enter 键。可在“操作”列中试试 WITHDRAW 或 REINVITE。',
  editFailed: '无法更改单元格：{message}',
};

export function pageLabels(locale: string): PageLabels {
  return locale === 'zh-CN' ? ZH_CN : EN;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}
