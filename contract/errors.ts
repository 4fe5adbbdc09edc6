import { z } from 'zod';

/** Error categories and the HTTP status each maps to — the only such table. */
export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;
export type TErrorCategory = keyof typeof ERROR_STATUS;

type Def = { category: TErrorCategory; zh: string; en: string };

/**
 * Every stable error code, its category and its user-facing message in both
 * languages. Codes are UPPER_SNAKE and prefixed by area; rulebook guards carry
 * the requirement ID in their message.
 */
export const ERRORS = {
  VALIDATION_FAILED: { category: 'validation', zh: '提交的数据有误', en: 'The submitted data is invalid' },
  AUTH_REQUIRED: { category: 'unauthenticated', zh: '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { category: 'unauthenticated', zh: '邮箱或密码错误', en: 'Wrong e-mail or password' },
  AUTH_LOCKED: {
    category: 'rate_limited',
    zh: '登录失败次数过多，请稍后再试',
    en: 'Too many failed sign-ins; try again later',
  },
  AUTH_CSRF: { category: 'forbidden', zh: '安全令牌无效，请刷新页面', en: 'Security token missing or invalid; reload the page' },
  AUTH_WRONG_PASSWORD: { category: 'validation', zh: '当前密码不正确', en: 'The current password is wrong' },
  PERMISSION_DENIED: { category: 'forbidden', zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  NOT_FOUND: { category: 'not_found', zh: '记录不存在', en: 'Record not found' },
  VERSION_CONFLICT: {
    category: 'conflict',
    zh: '记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  DUPLICATE: { category: 'conflict', zh: '记录已存在', en: 'This record already exists' },
  REFERENCE_INVALID: { category: 'validation', zh: '引用的记录不存在', en: 'A referenced record does not exist' },
  USER_EMAIL_TAKEN: { category: 'conflict', zh: '该邮箱已被使用', en: 'This e-mail is already in use' },
  USER_LAST_ADMIN: {
    category: 'rule',
    zh: '不能移除最后一位管理员',
    en: 'The last administrator cannot be removed',
  },
  RATE_LIMITED: { category: 'rate_limited', zh: '请求过于频繁', en: 'Too many requests' },
  PAYLOAD_TOO_LARGE: { category: 'too_large', zh: '内容过大', en: 'The upload is too large' },
  ROUTE_NOT_FOUND: { category: 'not_found', zh: '接口不存在', en: 'No such endpoint' },
  UNAVAILABLE: { category: 'unavailable', zh: '服务暂不可用', en: 'Service unavailable' },
  INTERNAL: { category: 'internal', zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, Def>;

export type TErrorCode = keyof typeof ERRORS;

export const ZIssue = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });
export type TIssue = z.infer<typeof ZIssue>;

/** The one JSON shape of every error response. */
export const ZErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(ZIssue).optional(),
  requestId: z.string(),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;
