/** 简体中文 messages of one concept (withdrawal), merged into zh-CN.ts; typed against the English keys. */
import type { withdrawalEn } from './withdrawal.en';

export const withdrawalZhCN: Record<keyof typeof withdrawalEn, string> = {
  'withdrawal.countActions': '待发送的行中，WITHDRAW：{withdraw}；REINVITE：{reinvite}',
  'withdrawal.confirmBoth':
    '本次发送将撤回邀请。WITHDRAW 行：{withdraw}；REINVITE 行（先撤回，再重新邀请）：{reinvite}。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
  'withdrawal.confirmWithdraw':
    '本次发送将撤回邀请。WITHDRAW 行：{withdraw}。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
  'withdrawal.confirmReinvite':
    '本次发送将重新发送邀请（先撤回，再重新邀请）。REINVITE 行：{reinvite}。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
  'withdrawal.confirmInviteOnlyHint':
    '“仅发送邀请”只发送 INVITE 行，WITHDRAW 和 REINVITE 行保持待处理，留待以后发送。',
  'withdrawal.confirmYes': '撤回并发送',
  'withdrawal.confirmInviteOnly': '仅发送邀请',
  'withdrawal.confirmNo': '取消',
  'withdrawal.confirmCancelled': '已取消：没有发送或撤回任何邀请。',
  'withdrawal.actionTotals':
    '已撤回的邀请：{withdraw} 份；已重新邀请：{reinvite} 人。各行的状态列说明了结果。',
  'withdrawal.held':
    '{count} 个 WITHDRAW 或 REINVITE 行因撤回未经确认而保持待处理。如需处理，请点击“发送邀请”并选择“撤回并发送”。',
};
