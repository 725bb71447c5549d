/** 简体中文 messages of one feature area (sidebar-ops), merged into zh-CN.ts; typed against the English keys. */
import type { sidebarOpsEn } from './sidebar-ops.en';

export const sidebarOpsZhCN: Record<keyof typeof sidebarOpsEn, string> = {};
