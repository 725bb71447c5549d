/**
 * What the preview server bakes into its page (the first snapshot, the menu, the sidebar to show) and
 * the page's own few words in both languages. The add-on's words come from the bundle itself.
 */
import type { MenuItem, SheetSnapshot } from './session';

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
  close: string;
  disconnected: string;
  /** {source}, {rows}, {extra} (the generated-rows part or ''), {latency}, {speed}. */
  summary: string;
  /** {count}. */
  generated: string;
}

export interface PageData {
  snapshot: SheetSnapshot;
  sidebar: { seq: number; title: string } | null;
  menu: MenuItem[];
  /** One line on what is simulated. */
  summary: string;
  /** 'en' or 'zh-CN'. */
  locale: string;
  labels: PageLabels;
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
  close: 'Close',
  disconnected: 'The preview server stopped: restart it with npm start.',
  summary:
    '{source}: {rows} roster rows{extra} · simulated Classroom, {latency} ms a call, time ×{speed} · ' +
    'no Google account, nothing leaves this machine',
  generated: ' + {count} generated',
};

const ZH_CN: PageLabels = {
  title: 'Classroom Roster Invites — 本地预览',
  badge: '本地预览',
  extensions: '扩展程序',
  addonName: 'Classroom Roster Invites',
  idle: '空闲',
  running: '正在运行 {name}()…',
  calls: '执行：{executions} · Classroom 调用：{calls}',
  virtualTime: '模拟时间 {time} UTC',
  note: '备注',
  alertTitle: 'Classroom Roster Invites',
  ok: '确定',
  close: '关闭',
  disconnected: '预览服务器已停止：请用 npm start 重新启动。',
  summary:
    '{source}：{rows} 行名单{extra} · 模拟的 Classroom，每次调用 {latency} 毫秒，时间 ×{speed} · 无需 Google 帐号，数据不离开本机',
  generated: '，另生成 {count} 行',
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
