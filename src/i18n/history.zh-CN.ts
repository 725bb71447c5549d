/** 简体中文 messages of one feature area (history), merged into zh-CN.ts; typed against the English keys. */
import type { historyEn } from './history.en';

export const historyZhCN: Record<keyof typeof historyEn, string> = {};
