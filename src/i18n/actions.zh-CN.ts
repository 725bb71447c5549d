/** 简体中文 messages of one feature area (actions), merged into zh-CN.ts; typed against the English keys. */
import type { actionsEn } from './actions.en';

export const actionsZhCN: Record<keyof typeof actionsEn, string> = {
  'reason.Withdrawn': '待接受的邀请 {invitationId} 已撤回（删除）：对方无法再接受该邀请。',
  'reason.Reinvited': '之前的邀请已撤回，并以{role}身份发送了新邀请；对方需要接受新的邀请。',
  'reason.NoPendingInvitation':
    '没有可撤回的邀请：此人在该课程中没有待接受的邀请。邀请可能已被接受、拒绝或已撤回（可能是之前的一次运行撤回的）；请在 Google 课堂中查看该课程的“用户”页面。',
  'reason.InvitationRoleDiffers':
    '已有一个待接受的邀请（{invitationId}），其角色为{existingRole}，而不是{role}：请将“操作”设为 REINVITE，以本行的角色替换该邀请。',
  'action.withdrawnNotSent': '之前的邀请 {invitationId} 已撤回，但新邀请未发送：{details}',
  'run.heldActions': '有 {count} 个撤回或重新邀请等待您确认：请在侧边栏中确认后执行。',
};
