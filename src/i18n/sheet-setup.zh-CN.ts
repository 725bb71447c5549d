/** 简体中文 messages of one concept (sheet-setup), merged into zh-CN.ts; typed against the English keys. */
import type { sheetSetupEn } from './sheet-setup.en';

export const sheetSetupZhCN: Record<keyof typeof sheetSetupEn, string> = {
  'sheetSetup.button': '设置工作表',
  'sheetSetup.hint': '添加“角色”和“操作”下拉列表及状态颜色，并冻结标题行。不会更改任何值。',
  'sheetSetup.step.roleDropdown': '“角色”下拉列表',
  'sheetSetup.step.actionDropdown': '“操作”下拉列表',
  'sheetSetup.step.statusColours': '状态颜色',
  'sheetSetup.step.frozenHeader': '冻结的标题行',
  'sheetSetup.applied': '{step}：已设置',
  'sheetSetup.already': '{step}：原本就有',
  'sheetSetup.skipped': '{step}：保持原样（该列已有自己的规则）',
};
