import type { TLocale } from '@contract/common';
import type { TRole } from '@contract/roles';

/**
 * Every UI string, in both languages. zh-CN is the reference: its keys are the
 * key set, and the English table must have exactly the same keys (a missing or
 * stray key is a type error). Terms follow the glossary of the rulebook.
 * `{name}` placeholders are filled by `translate`.
 *
 * Keys are grouped by area (`users.…`, `audit.…`); a new area adds its block to both tables.
 */
const zhCN = {
  // shell
  'app.name': '服务 Fuwu',
  'app.tagline': '技术服务管理系统',
  'app.loading': '加载中…',
  'app.retry': '重试',
  'app.reload': '重新加载',
  'app.unreachable': '无法连接服务器',
  'app.pageLoadFailed': '页面加载失败，系统可能已更新，请重新加载。',
  'app.notFound': '页面不存在',
  'app.forbidden': '您没有访问此页面的权限',
  'app.backHome': '返回工作台',
  'lang.switch': '切换语言',
  'lang.other': 'English',
  'nav.home': '工作台',
  'nav.admin': '系统管理',
  'nav.users': '用户与角色',
  'nav.audit': '审计日志',
  'nav.open': '打开菜单',
  'nav.collapse': '收起菜单',
  'nav.expand': '展开菜单',
  'account.menu': '账户菜单',
  'account.changePassword': '修改密码',
  'account.logout': '退出登录',

  // shared words
  'common.save': '保存',
  'common.cancel': '取消',
  'common.ok': '确定',
  'common.search': '搜索',
  'common.reset': '重置',
  'common.all': '全部',
  'common.actions': '操作',
  'common.edit': '编辑',
  'common.total': '共 {total} 条',
  'common.none': '（无）',

  // form validation (client side, from the contract's zod schemas)
  'validation.required': '此项必填',
  'validation.minLength': '至少 {min} 个字符',
  'validation.maxLength': '最多 {max} 个字符',
  'validation.minItems': '至少选择 {min} 项',
  'validation.maxItems': '最多选择 {max} 项',
  'validation.email': '请输入有效的邮箱地址',
  'validation.invalid': '输入无效',

  // errors the server cannot name
  'error.network': '无法连接服务器，请检查网络后重试',
  'error.requestId': '请求编号：{id}',

  // sign-in and own password
  'login.title': '登录',
  'login.email': '邮箱',
  'login.password': '密码',
  'login.submit': '登录',
  'login.emailRequired': '请输入邮箱',
  'login.passwordRequired': '请输入密码',
  'login.sessionEnded': '登录已失效，请重新登录',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.confirm': '确认新密码',
  'password.mismatch': '两次输入的密码不一致',
  'password.hint': '至少 10 个字符',
  'password.changed': '密码已修改',
  'password.resetTitle': '重置密码：{name}',
  'password.resetHint': '重置后该用户在所有设备上退出登录，需使用新密码登录。',
  'password.resetDone': '密码已重置',

  // home
  'home.welcome': '欢迎，{name}',
  'home.yourRoles': '您的角色',
  'home.placeholder': '工作台正在建设中：待办的服务要求单、回访和例行检查提醒将显示在这里。',

  // roles (R-ORG-1)
  'role.admin': '管理员',
  'role.sales': '销售',
  'role.tech_manager': '技术经理',
  'role.project_manager': '项目经理',
  'role.engineer': '工程师',
  'role.commerce': '商务',
  'role.receiver': '电话接听员',

  // users & roles
  'users.title': '用户与角色',
  'users.new': '新建用户',
  'users.edit': '编辑用户',
  'users.search': '搜索姓名、邮箱、电话、部门',
  'users.filterRole': '按角色筛选',
  'users.filterActive': '按状态筛选',
  'users.name': '姓名',
  'users.email': '邮箱',
  'users.phone': '电话',
  'users.department': '部门',
  'users.roles': '角色',
  'users.rolesHelp': '一人可兼任多个角色',
  'users.status': '状态',
  'users.active': '启用',
  'users.inactive': '停用',
  'users.initialPassword': '初始密码',
  'users.activeSwitch': '账户启用',
  'users.activate': '启用',
  'users.deactivate': '停用',
  'users.activateConfirm': '启用 {name}？',
  'users.deactivateConfirm': '停用 {name}？停用后该用户无法登录。',
  'users.resetPassword': '重置密码',
  'users.created': '用户已创建',
  'users.saved': '已保存',
  'users.activated': '已启用',
  'users.deactivated': '已停用',

  // audit trail
  'audit.title': '审计日志',
  'audit.time': '时间',
  'audit.timeZone': '时间按 {zone} 显示',
  'audit.actor': '操作人',
  'audit.actorId': '操作人 ID',
  'audit.system': '系统',
  'audit.entity': '对象',
  'audit.entityId': '对象 ID',
  'audit.action': '操作',
  'audit.requestId': '请求编号',
  'audit.dates': '日期范围',
  'audit.dateFrom': '开始日期',
  'audit.dateTo': '结束日期',
  'audit.before': '修改前',
  'audit.after': '修改后',
  'audit.changedFields': '变更字段',
} satisfies Record<string, string>;

export type TMessageKey = keyof typeof zhCN;
export type TMessages = Record<TMessageKey, string>;

const en: TMessages = {
  'app.name': 'Fuwu 服务',
  'app.tagline': 'Technical service management',
  'app.loading': 'Loading…',
  'app.retry': 'Retry',
  'app.reload': 'Reload',
  'app.unreachable': 'Cannot reach the server',
  'app.pageLoadFailed': 'This page failed to load; the system may have been updated. Please reload.',
  'app.notFound': 'Page not found',
  'app.forbidden': 'You are not allowed to open this page',
  'app.backHome': 'Back to Home',
  'lang.switch': 'Switch language',
  'lang.other': '中文',
  'nav.home': 'Home',
  'nav.admin': 'Administration',
  'nav.users': 'Users & roles',
  'nav.audit': 'Audit trail',
  'nav.open': 'Open menu',
  'nav.collapse': 'Collapse menu',
  'nav.expand': 'Expand menu',
  'account.menu': 'Account menu',
  'account.changePassword': 'Change password',
  'account.logout': 'Log out',

  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.ok': 'OK',
  'common.search': 'Search',
  'common.reset': 'Reset',
  'common.all': 'All',
  'common.actions': 'Actions',
  'common.edit': 'Edit',
  'common.total': '{total} in total',
  'common.none': '(none)',

  'validation.required': 'Required',
  'validation.minLength': 'At least {min} characters',
  'validation.maxLength': 'At most {max} characters',
  'validation.minItems': 'Choose at least {min}',
  'validation.maxItems': 'Choose at most {max}',
  'validation.email': 'Enter a valid e-mail address',
  'validation.invalid': 'Invalid value',

  'error.network': 'Cannot reach the server; check the network and try again',
  'error.requestId': 'Request ID: {id}',

  'login.title': 'Sign in',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.emailRequired': 'Enter your e-mail',
  'login.passwordRequired': 'Enter your password',
  'login.sessionEnded': 'Your session has ended; please sign in again',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.mismatch': 'The two passwords do not match',
  'password.hint': 'At least 10 characters',
  'password.changed': 'Password changed',
  'password.resetTitle': 'Reset password: {name}',
  'password.resetHint': 'The user is signed out on every device and must sign in with the new password.',
  'password.resetDone': 'Password reset',

  'home.welcome': 'Welcome, {name}',
  'home.yourRoles': 'Your roles',
  'home.placeholder': 'The dashboard is being built: open service requests, follow-ups and routine inspection reminders will appear here.',

  'role.admin': 'Administrator',
  'role.sales': 'Sales',
  'role.tech_manager': 'Technical manager',
  'role.project_manager': 'Project manager',
  'role.engineer': 'Engineer',
  'role.commerce': 'Commerce',
  'role.receiver': 'Call receiver',

  'users.title': 'Users & roles',
  'users.new': 'New user',
  'users.edit': 'Edit user',
  'users.search': 'Search name, e-mail, phone, department',
  'users.filterRole': 'Filter by role',
  'users.filterActive': 'Filter by status',
  'users.name': 'Name',
  'users.email': 'E-mail',
  'users.phone': 'Phone',
  'users.department': 'Department',
  'users.roles': 'Roles',
  'users.rolesHelp': 'A person may hold several roles',
  'users.status': 'Status',
  'users.active': 'Active',
  'users.inactive': 'Inactive',
  'users.initialPassword': 'Initial password',
  'users.activeSwitch': 'Account active',
  'users.activate': 'Activate',
  'users.deactivate': 'Deactivate',
  'users.activateConfirm': 'Activate {name}?',
  'users.deactivateConfirm': 'Deactivate {name}? They will no longer be able to sign in.',
  'users.resetPassword': 'Reset password',
  'users.created': 'User created',
  'users.saved': 'Saved',
  'users.activated': 'Activated',
  'users.deactivated': 'Deactivated',

  'audit.title': 'Audit trail',
  'audit.time': 'Time',
  'audit.timeZone': 'Times shown in {zone}',
  'audit.actor': 'Actor',
  'audit.actorId': 'Actor ID',
  'audit.system': 'System',
  'audit.entity': 'Entity',
  'audit.entityId': 'Entity ID',
  'audit.action': 'Action',
  'audit.requestId': 'Request ID',
  'audit.dates': 'Date range',
  'audit.dateFrom': 'Start date',
  'audit.dateTo': 'End date',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.changedFields': 'Changed fields',
};

export const MESSAGES: Record<TLocale, TMessages> = { 'zh-CN': zhCN, en };

export const DEFAULT_LOCALE: TLocale = 'zh-CN';

export type TMessageVars = Record<string, string | number>;

/** The message for `key` in `locale`, with `{var}` placeholders filled. */
export function translate(locale: TLocale, key: TMessageKey, vars?: TMessageVars): string {
  const text = MESSAGES[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Role names are messages too; this keeps the key set total over the contract's roles. */
export function roleKey(role: TRole): TMessageKey {
  return `role.${role}`;
}
