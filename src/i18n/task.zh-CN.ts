/** 简体中文 messages of one concept (task), merged into zh-CN.ts; typed against the English keys. */
import type { taskEn } from './task.en';

export const taskZhCN: Record<keyof typeof taskEn, string> = {
  'task.detailsHeading': '名单详情',
  'task.rosterLine': '{sheet}：{parts}',
  'task.separator': '，',
  'task.nothing': '没有要发送的行',
  'task.toSend.one': '待发送 1 行',
  'task.toSend.other': '待发送 {count} 行',
  'task.needYou.one': '1 行需要你处理',
  'task.needYou.other': '{count} 行需要你处理',
  'task.tryAgain.one': '1 行将再次尝试',
  'task.tryAgain.other': '{count} 行将再次尝试',
  'task.done.one': '已完成 1 行',
  'task.done.other': '已完成 {count} 行',
};
