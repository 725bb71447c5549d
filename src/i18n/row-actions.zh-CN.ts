/** 简体中文 messages of one concept (row actions), merged into zh-CN.ts; typed against the English keys. */
import type { rowActionsEn } from './row-actions.en';

export const rowActionsZhCN: Record<keyof typeof rowActionsEn, string> = {
  'rowActions.badAction': '操作只能是重新邀请（REINVITE）或撤回（WITHDRAW）：未写入任何内容。',
  'rowActions.badList': '行列表为空、格式不对或超过 {max} 行：未写入任何内容。请刷新列表后重试。',
  'rowActions.badRow': '列表中的第 {index} 项不是包含课程和用户的行：未写入任何内容。请刷新列表后重试。',
  'rowActions.headerRow': '列表中有位于标题行（第 {row} 行）或其上方的行：未写入任何内容。请刷新列表后重试。',
  'rowActions.noActionColumn':
    '“{sheet}”没有“操作”列，因此未写入任何内容。请在标题行中添加一个名为“操作”的列，然后再点一次此按钮（之后点“设置工作表”可为该列加上下拉列表）。',
  'rowActions.set.one': '已将“{sheet}”中 1 行的“操作”设为 {action}。',
  'rowActions.set.other': '已将“{sheet}”中 {count} 行的“操作”设为 {action}。',
  'rowActions.already.one': '有 1 行的“操作”原本就是 {action}。',
  'rowActions.already.other': '有 {count} 行的“操作”原本就是 {action}。',
  'rowActions.requeued.one': '其中 1 行之前已处理过：已清空其“状态”，下次发送时会再次处理。',
  'rowActions.requeued.other': '其中 {count} 行之前已处理过：已清空它们的“状态”，下次发送时会再次处理。',
  'rowActions.skipped.one':
    '有 1 行保持原样：列表生成后该行已被修改、删除或不再是有效的行，或其“操作”单元格是公式，或与列表之外的行合并。',
  'rowActions.skipped.other':
    '有 {count} 行保持原样：列表生成后这些行已被修改、删除或不再是有效的行，或其“操作”单元格是公式，或与列表之外的行合并。',
  'rowActions.refresh': '请刷新列表（点击“刷新接受情况”或“对照 Google 课堂检查”），然后再点一次此按钮。',
  'rowActions.none': '没有任何行被设为 {action}。',
  'rowActions.protected':
    '“{sheet}”中要写入这些行的单元格（{columns} 列）受保护，您无法编辑，因此未写入任何内容。请让电子表格的所有者授予您编辑权限（或由其点击此按钮），然后再点一次。',
  'rowActions.failedNothing':
    'Google 表格这次未能读取或修改“{sheet}”，因此未写入任何内容，也没有发送或撤回任何邀请。请稍后再点一次此按钮。',
  'rowActions.failedAfter':
    '随后 Google 表格出错，列表中的其余行未写入；尚未发送或撤回任何邀请。请稍后再点一次此按钮完成设置：已设置的行不会重复写入。',
  'rowActions.notCleared.one': '其中 1 行之前已处理过，但未能清空其“状态”，因此发送时暂不会再次处理。',
  'rowActions.notCleared.other':
    '其中 {count} 行之前已处理过，但未能清空它们的“状态”，因此发送时暂不会再次处理。',
  'rowActions.next': '目前尚未发送或撤回任何邀请：您确认后，下次发送时才会执行。',
  'rowActions.reinvite': '重新邀请这些人',
  'rowActions.withdraw': '撤回这些邀请',
  'rowActions.reinviteHint': '将这些行的“操作”设为重新邀请：先撤回原来的邀请，再发送新邀请。',
  'rowActions.withdrawHint': '将这些行的“操作”设为撤回：撤回它们待接受的邀请。',
  'rowActions.invitedHeading.one': '已邀请（1 行）：可重新邀请或撤回邀请',
  'rowActions.invitedHeading.other': '已邀请（{count} 行）：可重新邀请或撤回邀请',
  'rowActions.working': '正在设置“操作”单元格…',
  'rowActions.cancelled.one':
    '已将 1 行的“操作”设为 {action}；尚未发送或撤回任何邀请。准备好后请发送，或清空该“操作”单元格。',
  'rowActions.cancelled.other':
    '已将 {count} 行的“操作”设为 {action}；尚未发送或撤回任何邀请。准备好后请发送，或清空这些“操作”单元格。',
};
