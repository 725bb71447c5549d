/** 简体中文 messages of one feature area (actions), merged into zh-CN.ts; typed against the English keys. */
import type { actionsEn } from './actions.en';

export const actionsZhCN: Record<keyof typeof actionsEn, string> = {};
