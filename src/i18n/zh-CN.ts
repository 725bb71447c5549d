/**
 * 简体中文 messages. Typed against the English keys, so a missing or extra key fails the type check;
 * `{name}` parameters must stay exactly as in en.ts (a test checks it).
 */
import { accountsZhCN } from './accounts.zh-CN';
import { actionsZhCN } from './actions.zh-CN';
import { editorsZhCN } from './editors.zh-CN';
import type { MessageKey } from './en';
import { historyZhCN } from './history.zh-CN';
import { withdrawalZhCN } from './withdrawal.zh-CN';
import { whoAcceptedZhCN } from './who-accepted.zh-CN';
import { liveCheckZhCN } from './live-check.zh-CN';
import { sheetSetupZhCN } from './sheet-setup.zh-CN';
import { scheduleOptionsZhCN } from './schedule-options.zh-CN';
import { taskZhCN } from './task.zh-CN';
import { rowActionsZhCN } from './row-actions.zh-CN';

export const zhCN: Record<MessageKey, string> = {
  // Outcome codes (Details column).
  'code.OK': '邀请已发送；对方需要在 Google 课堂中接受邀请。',
  'code.ALREADY_EXISTS':
    '该用户在此课程已有一份邀请（可能来自之前的运行）：无需处理；如需更改角色，请撤回后重新邀请。',
  'code.PERMISSION_DENIED':
    '您无权邀请他人加入此课程：请确认您是该课程的教师，或是 Google Workspace 管理员。',
  'code.NOT_FOUND': '课程或用户不存在：请检查课程 ID 或别名，以及电子邮件地址。',
  'code.FAILED_PRECONDITION': 'Google 课堂拒绝了此邀请：该用户已以此角色或更高角色加入课程，或其账号已停用。',
  'code.INVALID_ARGUMENT': 'Google 课堂认为此行无效：请检查课程 ID、电子邮件地址和角色。',
  'code.RESOURCE_EXHAUSTED': 'Google 课堂要求放慢请求速度（速率限制）；此行会在下次运行时重新发送。',
  'code.UNAVAILABLE': 'Google 课堂暂时不可用；此行会在下次运行时重新发送。',
  'code.INTERNAL': 'Google 课堂出现临时内部错误；此行会在下次运行时重新发送。',
  'code.DEADLINE_EXCEEDED': 'Google 课堂响应超时；此行会在下次运行时重新发送。',
  'code.UNKNOWN': '发生了意外问题（可能是暂时的）；此行会在下次运行时重新发送。',

  // Google's own answer (Status cell note).
  'details.answer': 'Google 课堂的原始答复：{message}',
  'details.answerHttp': 'Google 课堂的原始答复（HTTP {http}）：{message}',

  // Classroom reasons.
  'reason.CannotInviteUserInUntrustedDomain':
    '该用户的网域不受信任：请在管理控制台中依次进入“应用 > Google Workspace > Google 课堂 > 课程设置”（或“数据访问”），在“哪些用户可以加入您网域中的课程”中允许该网域；使用 Education Fundamentals 版本时无法邀请不受信任网域的用户，请改用课程代码或邀请链接。',
  'reason.UserInIllegalDomain':
    '该用户的网域不能加入您网域中的课程：请 Workspace 管理员在管理控制台（应用 > Google Workspace > Google 课堂 > 课程设置）中允许该网域，或改用课程代码或邀请链接。',
  'reason.ClassroomApiDisabled':
    '您的账号未开启 Google 课堂 API 访问权限：请 Workspace 管理员开启（管理控制台 > 应用 > Google Workspace > Google 课堂 > 数据访问）。',
  'reason.ClassroomDisabled':
    '您的账号未开启 Google 课堂，或您登录的账号不对：请切换账号，或请 Workspace 管理员开启 Google 课堂。',
  'reason.IneligibleOwner':
    '只有助理教师才能成为主讲教师：请先以 TEACHER（教师）身份邀请此人，待其接受后再以 OWNER（主讲教师）身份邀请。',
  'reason.CourseNotModifiable': '课程已归档或无法更改：请先在 Google 课堂中恢复该课程，然后再次运行。',
  'reason.CourseMemberLimitReached': '该课程人数已满（1,000 名成员）：请移除部分成员或改用其他课程。',
  'reason.CourseTeacherLimitReached':
    '该课程的教师人数已达上限（50 名）：请移除一名教师，或以学生身份邀请此人。',
  'reason.UserGroupsMembershipLimitReached':
    '该用户加入的课程和群组数量已达上限：需先退出部分课程或群组才能加入。',
  'reason.PendingInvitationExists': '已有人被邀请成为此课程的主讲教师且尚未接受：请先撤回那份邀请。',
  'reason.InactiveCourseOwner': '主讲教师的账号已被删除或暂停：需由 Workspace 管理员恢复该账号或转移课程。',
  'reason.UserInvitationQuotaExhausted':
    '您今天的邀请次数已达上限（每位教师每天约 500 份）；待上限重置（次日）后，待发送的行会重新发送。',
  'reason.UserCourseJoinRateLimitReached':
    '该用户今天加入的课程数量已达上限；此行会在下次运行时重新发送，但可能要到明天才能成功。',
  'reason.ProjectPermissionDenied': '此课程是通过其他应用（Cloud 项目）创建的，本插件无权更改。',
  'reason.CannotDirectAddUser': '无法直接添加该用户：对方没有电子邮件地址或不在您的网域内；请改为发送邀请。',

  // Local reasons.
  'reason.MissingCourse': '课程单元格为空：请填写课程 ID 或别名。',
  'reason.MissingUser': '用户单元格为空：请填写此人的电子邮件地址。',
  'reason.InvalidCourse': '这不是有效的课程 ID：请填写数字课程 ID，或以 d: 开头的别名。',
  'reason.InvalidEmail': '这不是有效的电子邮件地址：请更正，或填写数字用户 ID。',
  'reason.InvalidRole': '未知角色：请使用 STUDENT、TEACHER 或 OWNER（或 学生、教师、主讲教师），或留空。',
  'reason.InvalidAction': '未知操作：请使用 INVITE、WITHDRAW 或 REINVITE，或留空。',
  'reason.CellError': '单元格中是公式错误（例如 #N/A）：请修正公式或直接输入值。',
  'reason.DuplicateRow': '此行与第 {row} 行的课程和用户相同；只发送第一行。',

  // Add-on menu.
  'menu.send': '发送邀请',
  'menu.check': '检查名单',
  'menu.sidebar': '打开侧边栏',
  'menu.help': '帮助',

  // Sidebar (the page).
  'sidebar.language': '语言',
  'sidebar.langEn': 'English',
  'sidebar.langZh': '简体中文',
  'sidebar.loading': '正在加载…',
  'sidebar.refresh': '重新读取名单',
  'sidebar.rosterHeading': '名单',
  'sidebar.sheetLabel': '工作表：',
  'sidebar.headerRow': '标题行位于第 {row} 行。',
  'sidebar.columnsHeading': '列',
  'sidebar.col.course': '课程',
  'sidebar.col.user': '用户',
  'sidebar.col.role': '角色',
  'sidebar.col.action': '操作',
  'sidebar.colFound': '{name}：{column} 列',
  'sidebar.colMissingCourse': '{name}：缺失。请在标题行中添加标题为“课程 ID”（或“课程”）的列。',
  'sidebar.colMissingUser': '{name}：缺失。请在标题行中添加标题为“邮箱”（或“电子邮件”、“用户”）的列。',
  'sidebar.colMissingRole':
    '{name}：工作表中没有此列，因此每一行都按 STUDENT（学生）邀请。如需邀请教师或主讲教师，请添加“角色”列。',
  'sidebar.colMissingAction': '{name}：工作表中没有此列，因此每一行都按 INVITE（邀请）处理。',
  'sidebar.colAdded': '{name}：首次发送时添加在 {column} 列。',
  'sidebar.colAddedEnd': '{name}：首次发送时添加在最后一列之后。',
  'sidebar.colAbsent': '{name}：工作表中暂无此列。',
  'sidebar.countsHeading': '行数',
  'sidebar.countRows': '名单行数：{count}',
  'sidebar.countPending': '当前待发送：{count}',
  'sidebar.countWaiting': '稍后重新发送：{count}',
  'sidebar.countFinal': '已有最终状态（不再发送）：{count}',
  'sidebar.statusHeading': '状态列',
  'sidebar.noStatus': '尚无任何行写入状态。',
  'sidebar.codeCount': '{code} · {label}：{count}',
  'sidebar.sendHeading': '发送',
  'sidebar.send': '发送邀请',
  'sidebar.stop': '停止',
  'sidebar.progressLabel': '进度',
  'sidebar.progress': '已处理 {processed} / {total} 行',
  'sidebar.progressNone': '没有处理任何行。',
  'sidebar.working': '正在处理…',
  'sidebar.stopping': '将在当前步骤完成后停止…',
  'sidebar.stopped': '已停止。尚未发送的行仍为待发送状态；再次发送即可继续。',
  'sidebar.runTotals': '本次发送：共处理 {processed} 行，分 {calls} 次完成。',
  'sidebar.noProgress':
    '发送已停止：最近两步都没有处理任何行，但仍有 {remaining} 行待发送。请点击“重新读取名单”（在“名单详情”中）后再次发送；如果再次出现，请运行“检查名单”查找问题。',
  'sidebar.checkHeading': '发送前检查',
  'sidebar.courseProblem': '{course}：{code} · {label}。{details}',
  'sidebar.retryHeading': '失败的行',
  'sidebar.check': '检查名单',
  'sidebar.checkHint': '检查每一行，但不发送任何邀请，也不写入工作表。',
  'sidebar.checkToSend': '将会发送：{count}',
  'sidebar.checkInvalid': '有问题：{count}',
  'sidebar.checkDuplicates': '与前面的行重复：{count}',
  'sidebar.problemsHeading': '问题',
  'sidebar.problemRow': '第 {row} 行',
  'sidebar.problemsTruncated': '只列出了前 {count} 个问题：请修正后再次检查，以查看其余问题。',
  'sidebar.coursesHeading': '课程',
  'sidebar.courseFound': '{course}：{name}（{state}）',
  'sidebar.retryFailed': '重试失败的行',
  'sidebar.retryHint': '清除所选行的状态，下次发送时会重新尝试这些行。',
  'sidebar.retryCode': '{code} · {label}（{count}）',
  'sidebar.retryConfirm': '要将状态为 {codes} 的 {count} 行重新排队吗？下次发送时会重新发送这些行。',
  'sidebar.listSeparator': '、',
  'sidebar.retryYes': '是，重新排队',
  'sidebar.retryNo': '取消',
  'sidebar.schedule': '定时运行',
  'sidebar.scheduleRepeat': '自动发送新行',
  'sidebar.scheduleOff': '关闭',
  'sidebar.scheduleHourly': '每小时',
  'sidebar.scheduleDaily': '每天',
  'sidebar.scheduleHour': '每天运行的时间（电子表格时区）',
  'sidebar.scheduleSave': '保存定时设置',
  'sidebar.scheduleStateOff': '已关闭：只有点击“发送邀请”时才会发送。',
  'sidebar.scheduleStateHourly': '已开启：每小时发送{sheet}中待发送的行；由 {owner} 设置。',
  'sidebar.scheduleStateDaily': '已开启：每天 {hour}:00 左右发送{sheet}中待发送的行；由 {owner} 设置。',
  'sidebar.sheetQuoted': '“{sheet}”',
  'sidebar.deletedSheet': '已删除的工作表',
  'sidebar.scheduleSheetGone':
    '定时运行所用的工作表已被删除，因此不会发送任何内容：请在需要的工作表上重新设置定时运行。',
  'sidebar.unknownOwner': '未知账号',
  'sidebar.scheduleNotMine': '此定时运行属于 {owner}：只有对方可以更改或取消，在这里保存不会改变它。',
  'sidebar.dailyCapHeading': '每日邀请上限',
  'sidebar.dailyCapCount': '过去 24 小时内已发送的邀请：{sent} 份，上限约 {limit} 份（{kind}）。',
  'sidebar.accountKind.workspace': 'Google Workspace 账号的上限',
  'sidebar.accountKind.personal': '个人 Google 账号的上限；Google Workspace 账号约为 500 份',
  'sidebar.dailyCapReset': '{time} 起，其中最早的一份不再计入 24 小时内的数量。',
  'sidebar.dailyCapHit': 'Google 课堂的每日邀请上限已于 {hitAt} 达到；{resetAt} 之后恢复发送。',
  'sidebar.dailyCapHitNoReset': 'Google 课堂的每日邀请上限已于 {hitAt} 达到；大约 24 小时后恢复发送。',
  'sidebar.unreachable': '向插件发出的请求失败：{error}。请检查网络连接后重试。',
  'sidebar.notLoaded': '未能加载：请点击“重新读取名单”（在“名单详情”中）重试。',
  'sidebar.unknownError': '未知错误',

  // Run outcomes.
  'run.done': '已完成：共处理 {processed} 行；没有待发送的行了。',
  'run.budget':
    '为不超过 Apps Script 的 6 分钟运行时限，已暂停：已处理 {processed} 行，还有 {remaining} 行待发送。再次运行即可继续。',
  'run.alreadyRunning':
    '此电子表格已有另一个运行正在进行（由 {owner} 于 {since} 启动）。请等待其结束（最多 6 分钟）后再试。',
  'run.lockBusy': '另一个运行正在同时启动。请等待几秒钟后再试。',
  'run.platformError':
    'Apps Script 停止了本次运行：{error}。还有 {remaining} 行待发送；请稍后再次运行；如果 Apps Script 的每日配额已用完，请明天再试。',
  'run.dailyCap':
    '已达到 Google 课堂的每日邀请上限（每位教师每天约 500 份）。发送已停止；{remaining} 个待发送的行将在 {resetAt} 之后发送。',
  'run.apiDisabled':
    '此账号的 Google 课堂 API 访问权限已关闭（{reason}）。请 Workspace 管理员开启 Google 课堂 API 访问权限（管理控制台 > 应用 > Google Workspace > Google 课堂 > 数据访问），然后再次运行。尚未发送的行仍待发送。',
  'run.unauthenticated': '授权缺失或已过期。请从“扩展程序”菜单打开本插件并重新授权，然后再次运行。',
  'run.noHeader':
    '“{sheet}”的前 10 行中没有标题行：请添加一行，包含课程列（如“课程 ID”）和用户列（如“邮箱”），然后再次运行。',
  'run.emptySheet': '“{sheet}”是空的：请添加标题行（如“课程 ID”、“邮箱”、“角色”），并在其下方填写名单行。',
  'run.noRows': '标题位于第 {row} 行，但其下方没有名单行。',
  'run.sheetMissing':
    '名单工作表已不存在（已被删除）。请打开需要的工作表后重新打开侧边栏，或在该工作表上重新设置定时运行。',
  'run.spreadsheetMissing':
    '设置了定时运行的电子表格已不存在（已被删除，或不再与定时运行的设置者共享）：{error}。定时运行已结束；如果名单在别处继续使用，请在边栏中重新设置。',
  'run.spreadsheetUnavailable':
    'Google 表格这次无法打开设置了定时运行的电子表格（{error}）。未发送任何邀请；下次定时运行会再试。',
  'run.authorizationRequired':
    '本插件需要您再次授权（更新后需要更多权限）。未发送任何邀请。请打开该电子表格，从“扩展程序”菜单打开本插件并允许访问；定时运行保持开启，并在下次运行时继续。',
  'run.noEditAccess':
    '此账号可以查看“{sheet}”，但已无法编辑其输出列，因此未发送任何邀请。请让电子表格的所有者重新授予编辑权限；如果是定时运行的设置者失去了权限，其他编辑者可以重新设置定时运行。',
  'run.projectQuota':
    '本插件共用的 Google 课堂每日配额（所有学校合计）已用完，因此运行在 Google 课堂第一次这样回复时就停止了。{remaining} 行仍待发送，配额重置后（每天，太平洋时间）的下一次运行会发送它们。',
  'run.protected':
    '“{sheet}”的输出列（{columns}）中有您无法编辑的受保护单元格：请让所有者授予您编辑权限，或取消保护。',
  'run.writeFailed': '无法将结果写入工作表：{error}。已发送的邀请会在下次运行时显示为 ALREADY_EXISTS。',
  'run.noActiveSpreadsheet': '没有打开的电子表格：请打开名单表格，并从其“扩展程序”菜单运行。',
  'run.classroomMissing':
    '此脚本未启用 Google 课堂 API 服务。请在 Apps Script 编辑器中添加“Google Classroom API”服务（标识符 Classroom），然后重新运行。',
  'run.scheduleReplaced': '此计划已被删除或被其他编辑者替换，因此本次计划运行已停止并删除了其触发器。',
  'run.layoutChanged':
    '运行期间“{sheet}”的标题行发生了变化且无法重新找到，因此运行已停止。尚未写入结果的行仍待发送；请恢复标题行（课程列和用户列）后重新运行。',
  'run.rowsChanged':
    '运行期间有行发生了变化：已处理 {processed} 行，仍有 {remaining} 行待发送。请再次运行以发送它们。',
  'run.readFailed': '无法读取“{sheet}”：{error}',
  'run.tooManyColumns':
    '没有空间添加输出列：电子表格已达到 Google 表格的大小上限。请删除未使用的行或列，然后再次运行。',
  'run.unexpected': '发生了意外错误：{error}。没有丢失任何数据；请再次运行，如果问题重复出现，请报告。',

  // Roster check.
  'check.summary':
    '“{sheet}”检查结果：{toSend} 行将会发送，{invalid} 行有问题，{duplicates} 行与前面的行重复，{final} 行已处理完毕。',
  'check.needYou.one':
    '有 1 行发送失败，需要您处理：请按“详情”中的说明修正，然后在侧边栏中使用“重试失败的行”。',
  'check.needYou.other':
    '有 {count} 行发送失败，需要您处理：请按各行“详情”中的说明修正，然后在侧边栏中使用“重试失败的行”。',
  'check.stale':
    '此检查之后工作表已有更改（发送、重试或设置“操作”）：以下是当时的名单情况。请再次检查以查看当前情况。',
  'check.budget':
    '为不超出 Apps Script 的时间限制，检查在查看了 {total} 个待发送行中的 {checked} 个后停止。未发送也未写入任何内容；请再次运行检查以查看全部行。',
  'check.noProblems': '未发现问题。',
  'check.rowProblem': '第 {row} 行：{problem}',

  // Schedule.
  'schedule.setHourly': '每小时在“{sheet}”上运行一次。',
  'schedule.setDaily': '每天 {hour}:00 左右在“{sheet}”上运行。',
  'schedule.cleared': '定时运行已取消；不再自动发送。',
  'schedule.none': '此电子表格未设置定时运行。',
  'schedule.unknownUser':
    'Apps Script 无法确定您的身份（您的账号未向本插件提供电子邮件地址），因此未更改定时运行：定时运行以其设置者的身份运行。请使用学校账号登录，或联系管理员，然后再试。',
  'schedule.needsAuthorization':
    '定时运行正在等待您的授权：本插件更新后需要更多权限。请从“扩展程序”菜单打开本插件并允许访问；下一次定时运行会自动继续。',
  'schedule.triggerGone': '它的触发器已不存在，因此不会按计划运行：请重新设置定时运行以再次开启。',
  'schedule.notTicking':
    '已有一段时间没有定时运行（设置者可能已失去访问权限或移除了本插件）：您可以改为设置自己的定时运行。',
  'schedule.ownedByOther': '此电子表格已由 {owner} 设置了定时运行。只有 {owner} 可以更改或取消。',
  'schedule.invalidEvery': '定时运行的频率必须是 HOUR（每小时）或 DAY（每天）。',
  'schedule.invalidHour': '小时必须是 0 到 23 之间的整数。',
  'schedule.invalidAcceptance': '“刷新接受情况”设置只能是开启或关闭。',
  'schedule.failed':
    'Apps Script 无法更改计划：{error}。未做任何更改；请重试，如果问题重复出现，请先删除该插件的其他触发器（扩展程序 > Apps Script > 触发器）。',
  'schedule.failedRemoved':
    'Apps Script 无法创建新计划：{error}。之前的计划已被删除，因此现在不会自动运行；请重新设置计划。',
  'schedule.lastTick': '上次运行 {when}：{summary}',
  'schedule.neverRan': '尚未运行过。',

  // Report labels.
  'report.title': 'Classroom Roster Invites',
  'summary.ready': '“{sheet}”：共 {rows} 行名单，{pending} 行待发送。',
  'retry.noCodes': '请至少选择一种状态代码，以重新发送这些行。',
  'retry.changed': '重新排队时工作表发生了变化（排序或插入了行），因此没有做任何更改。请再试一次。',
  'retry.nothing': '没有行带有所选的状态代码：无需重试。',
  'retry.done.one': '“{sheet}”中的 1 行已重新排队：下一次发送（或定时运行）时会发送该行。',
  'retry.done.other': '“{sheet}”中的 {count} 行已重新排队：下一次发送（或定时运行）时会发送这些行。',
  'retry.unchanged.one':
    '请注意：该行自失败以来没有修改过，很可能会再次失败。请先按“详情”中的说明修正课程、邮箱、角色或操作。',
  'retry.unchanged.other':
    '请注意：有 {count} 行自失败以来没有修改过，很可能会再次失败。请先按各行“详情”中的说明修正。',
  'sidebarHost.title': '名单邀请',
  'label.pending': '待发送',
  'label.OK': '已发送',
  'label.ALREADY_EXISTS': '已邀请',
  'label.PERMISSION_DENIED': '无权限',
  'label.NOT_FOUND': '未找到',
  'label.FAILED_PRECONDITION': '无法邀请',
  'label.INVALID_ARGUMENT': '无效的行',
  'label.RESOURCE_EXHAUSTED': '请求过多',
  'label.reason.UserInvitationQuotaExhausted': '已达每日邀请上限',
  'label.reason.UserCourseJoinRateLimitReached': '该用户今日加入课程数已达上限',
  'label.UNAVAILABLE': '课堂暂不可用',
  'label.INTERNAL': '课堂出错',
  'label.DEADLINE_EXCEEDED': '超时',
  'label.UNKNOWN': '意外错误',

  // A moment for a person: one format per language, in the spreadsheet's time zone (i18n/time.ts).
  'time.moment': '{year}/{month}/{day} {hour}:{minute}（{zone}）',

  // Roles in a sentence.
  'role.STUDENT': '学生',
  'role.TEACHER': '教师',
  'role.OWNER': '主讲教师',

  // Course states.
  'courseState.ACTIVE': '进行中',
  'courseState.ARCHIVED': '已归档',
  'courseState.PROVISIONED': '尚未由教师接受',
  'courseState.DECLINED': '已被教师拒绝',
  'courseState.SUSPENDED': '已暂停',

  // Output column headers.
  'header.status': '状态',
  'header.reason': '原因',
  'header.invitationId': '邀请 ID',
  'header.details': '详情',
  'header.updated': '更新时间',
  'header.accepted': '已接受',

  ...actionsZhCN,
  ...editorsZhCN,
  ...accountsZhCN,
  ...historyZhCN,
  ...withdrawalZhCN,
  ...whoAcceptedZhCN,
  ...liveCheckZhCN,
  ...sheetSetupZhCN,
  ...scheduleOptionsZhCN,
  ...taskZhCN,
  ...rowActionsZhCN,
};
