/** 简体中文 messages of one concept (withdrawal), merged into zh-CN.ts; typed against the English keys. */
import type { withdrawalEn } from './withdrawal.en';

export const withdrawalZhCN: Record<keyof typeof withdrawalEn, string> = {
  'withdrawal.countActions': '待发送的行中，要撤回邀请的：{withdraw} 行；要重新邀请的：{reinvite} 行',
  'withdrawal.confirmBoth':
    '本次发送将撤回邀请：撤回邀请的行（WITHDRAW）{withdraw} 行；重新邀请的行（REINVITE，先撤回再邀请）{reinvite} 行。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
  'withdrawal.confirmWithdraw':
    '本次发送将撤回邀请：撤回邀请的行（WITHDRAW）{withdraw} 行。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
  'withdrawal.confirmReinvite':
    '本次发送将重新发送邀请（先撤回，再重新邀请）：重新邀请的行（REINVITE）{reinvite} 行。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
  'withdrawal.confirmInviteOnlyHint':
    '“仅发送邀请”只发送 INVITE 行，WITHDRAW 和 REINVITE 行仍待发送，留待以后处理。',
  'withdrawal.confirmYes': '撤回并发送',
  'withdrawal.confirmInviteOnly': '仅发送邀请',
  'withdrawal.confirmNo': '取消',
  'withdrawal.confirmCancelled': '已取消：没有发送或撤回任何邀请。',
  'withdrawal.actionTotals':
    '已撤回的邀请：{withdraw} 份；已重新邀请：{reinvite} 人。各行的“状态”列说明了结果。',
  'withdrawal.held':
    '有 {count} 行要撤回或重新邀请，因撤回尚未经您确认而仍待发送。如需处理，请点击“发送邀请”并选择“撤回并发送”。',
};
