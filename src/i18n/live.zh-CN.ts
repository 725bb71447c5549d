/** 简体中文 messages of one feature area (live), merged into zh-CN.ts; typed against the English keys. */
import type { liveEn } from './live.en';

export const liveZhCN: Record<keyof typeof liveEn, string> = {};
