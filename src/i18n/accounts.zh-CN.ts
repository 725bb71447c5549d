/** 简体中文 messages of one feature area (accounts, course aliases, merged cells), merged into zh-CN.ts; typed against the English keys. */
import type { accountsEn } from './accounts.en';

export const accountsZhCN: Record<keyof typeof accountsEn, string> = {
  'reason.ProjectAlias':
    'p: 别名只对创建它的应用（Cloud 项目）有效，本插件无法使用：请填写数字课程 ID，或由 Google Workspace 管理员创建的 d: 别名。',
  'reason.CourseNotFound': '课程不存在（Google 课堂找不到此 ID 或别名对应的课程）：请检查课程单元格。',
  'reason.UserNotFound': '没有任何 Google 账号使用此地址或 ID（课程存在）：请检查电子邮件地址的拼写。',

  'liveCheck.finding.UserNotFound':
    '没有任何 Google 账号使用此地址（Google 课堂的答复）：发送将以 NOT_FOUND 失败；请检查拼写。',
  'liveCheck.finding.UserProbablyMissing':
    'Google 课堂显示不出此地址的账号，却能显示同一网域的其他地址：发送很可能以 NOT_FOUND 失败；请检查拼写。',
  'liveCheck.finding.UserUnverified':
    '发送会以 {role} 身份邀请此用户，但 Google 课堂不显示这个账号：该地址可能不存在（请检查拼写），或不在您可查看的范围内。',
  'liveCheck.finding.UserNotChecked':
    '发送会以 {role} 身份邀请此用户；此次检查只查询有限数量的地址，未查询这一个，因此它是否存在、是否已在课程中或已被邀请都未核实。',
  'liveCheck.finding.NearMissDomain':
    '网域 {domain} 与本名单大多数地址的网域 {main} 只差一两个字母：您是想写 {main} 吗？发往拼错网域的邀请会失败。',
  'liveCheck.finding.PersonalAccount':
    '{domain} 是个人邮箱服务：学校的 Google 课堂通常拒绝邀请个人账号（PERMISSION_DENIED），除非 Google Workspace 管理员允许；如有学校地址，请改用学校地址。',
  'liveCheck.finding.OutsideDomain':
    '{domain} 不是本名单大多数地址的网域（{main}）：只有 Google Workspace 管理员允许 {domain} 的用户加入课程时邀请才会成功，否则会以 PERMISSION_DENIED 失败。',
  'liveCheck.finding.accounts':
    '地址：在 Google 课堂中查询了 {lookedUp} 个，其中 {unverified} 个未显示；另有 {unchecked} 个未查询（对应的行已注明）。',
  'liveCheck.finding.domains': '有 {count} 行的地址不在 {main} 网域内或网域需要核对：请查看这些行。',

  'accepted.note.unknownAccount':
    '未知：Google 课堂未告知此地址属于哪个账号，因此无法判断对方是否已加入（可能用的是另一个地址）；请在 Google 课堂中查看该课程（检查于 {when}）。',
  'accepted.note.notLookedUp':
    '未知：本次未查询此地址（每次刷新只查询有限数量的地址）；请再次刷新以检查（检查于 {when}）。',

  'liveCheck.courseNames': '名单中的写法：{names}',

  'check.merged': '有 {count} 行的课程、用户、角色或操作取自合并单元格：合并区域的值适用于它覆盖的每一行。',
};
