import type { TLocale } from './common';
import { pick, type TBilingual } from './bilingual';

/*
 * Validation messages in the user's language. zod's own messages are English and written for
 * developers; the server words every issue of a 400 VALIDATION_FAILED (and every cell of an
 * import) with these, by the issue's code and parameters, in the request's language.
 */

/** `{name}` placeholders are filled from the issue. */
export const VALIDATION_MESSAGES = {
  required: { zh: '此项必填', en: 'Required' },
  type: { zh: '应为{expected}', en: 'Expected {expected}' },
  minLength: { zh: '至少 {min} 个字符', en: 'At least {min} characters' },
  maxLength: { zh: '最多 {max} 个字符', en: 'At most {max} characters' },
  minItems: { zh: '至少 {min} 项', en: 'At least {min} items' },
  maxItems: { zh: '最多 {max} 项', en: 'At most {max} items' },
  min: { zh: '不能小于 {min}', en: 'Must be at least {min}' },
  minExclusive: { zh: '应大于 {min}', en: 'Must be greater than {min}' },
  max: { zh: '不能大于 {max}', en: 'Must be at most {max}' },
  maxExclusive: { zh: '应小于 {max}', en: 'Must be less than {max}' },
  oneOf: { zh: '可选值：{values}', en: 'Allowed values: {values}' },
  multipleOf: { zh: '应为 {divisor} 的倍数', en: 'Must be a multiple of {divisor}' },
  email: { zh: '请输入有效的邮箱地址', en: 'Enter a valid e-mail address' },
  url: { zh: '请输入有效的网址', en: 'Enter a valid URL' },
  date: { zh: '日期格式应为 YYYY-MM-DD', en: 'Expected a date, YYYY-MM-DD' },
  datetime: { zh: '时间格式应为 ISO 8601（如 2026-03-01T09:00:00Z）', en: 'Expected a date and time, ISO 8601 (2026-03-01T09:00:00Z)' },
  format: { zh: '格式不正确', en: 'Invalid format' },
  unknownField: { zh: '未知字段“{field}”', en: 'unknown field "{field}"' },
  invalid: { zh: '输入无效', en: 'Invalid value' },
  forbiddenCharacter: {
    zh: '含有不允许的字符（控制字符或无效字符）',
    en: 'Contains a character that is not allowed (a control or invalid character)',
  },
  singleLine: { zh: '须为单行文字（不能含换行或制表符）', en: 'Must be a single line (no line breaks or tabs)' },
  invalidUtf8: { zh: '请求内容不是有效的 UTF-8 文本', en: 'The request body is not valid UTF-8 text' },
} as const satisfies Record<string, TBilingual>;

/**
 * What a service says about one field when a rule it checks (not the schema) refuses the value:
 * the issue beside the error's code, in both languages (server/src/app-error.ts `issue`).
 */
export const RULE_ISSUES = {
  alreadyExists: { zh: '已存在', en: 'already exists' },
  emailInUse: { zh: '该邮箱已被使用', en: 'already in use' },
  wrongPassword: { zh: '当前密码不正确', en: 'wrong password' },
  noSuchCustomer: { zh: '客户不存在', en: 'no such customer' },
  noSuchContract: { zh: '合同不存在', en: 'no such contract' },
  noSuchEquipment: { zh: '设备不存在', en: 'no such equipment' },
  noSuchUser: { zh: '用户不存在', en: 'no such user' },
  noSuchIndustry: { zh: '行业不存在', en: 'no such industry' },
  industryInactive: { zh: '该行业已停用', en: 'industry is inactive' },
  otherCustomersContract: { zh: '该合同属于其他客户', en: 'the contract is another customer’s' },
  kindOutsideContract: { zh: '合同的服务范围不含此类型', en: "not among the contract's service kinds" },
  notContractsCustomer: { zh: '不是该合同的客户', en: 'not the contract’s customer' },
  notThisContractsEquipment: { zh: '该设备不属于此合同', en: 'not of this contract' },
  notActiveEngineer: { zh: '不是在职的工程师', en: 'not an active engineer' },
  notProjectManager: { zh: '不是项目经理', en: 'not a project manager' },
  backupIsResponsible: { zh: '后备工程师不能与负责工程师相同', en: 'must differ from the responsible engineer' },
  plannedEndBeforeStart: { zh: '计划结束时间应晚于计划开始时间', en: 'must be after the planned start' },
  priceSensitive: { zh: '含价格信息，您的角色无权填写', en: 'price-sensitive: your role may not set it' },
  versionRequired: { zh: '替换已有年份时必须提供版本号', en: 'required to replace an existing year' },
  remoteOnlyOnsite: { zh: '仅远程支持的合同不能包含现场服务类型', en: 'remote-only with an on-site service kind' },
  improvementRequired: { zh: '投诉须填写改进措施才能关闭', en: 'Required for a complaint' },
  notASheet: { zh: '文件类型为 {kind}，不是 .xlsx 或 .csv', en: '{kind} is neither .xlsx nor .csv' },
  tooManyRows: { zh: '最多 {max} 行', en: 'at most {max} rows' },
  rowBeyondLimit: {
    zh: '工作表延伸到第 {row} 行，超出导入范围（最多读到第 {max} 行）',
    en: 'the sheet reaches row {row}, past the last row read (row {max})',
  },
  columnBeyondLimit: {
    zh: '工作表延伸到单元格 {cell}，超出导入范围（最多 {max} 列）',
    en: 'the sheet reaches cell {cell}, past the last column read (column {max})',
  },
  cellTooLong: { zh: '单元格 {cell} 超过 {max} 个字符', en: 'cell {cell} holds more than {max} characters' },
  textTooLong: { zh: '有文字超过 {max} 个字符（单元格上限）', en: 'a text is longer than {max} characters (the limit of a cell)' },
  partTooLarge: { zh: '{part} 解压后超过 {max} MB', en: '{part} unzips to more than {max} MB' },
  unzippedTooLarge: { zh: '读取的部分解压后合计超过 {max} MB', en: 'the parts read unzip to more than {max} MB in all' },
  cellTextTooLarge: { zh: '单元格文字合计超过 {max} 个字符', en: 'the cells hold more than {max} characters in all' },
  unreadableWorkbook: { zh: '文件已损坏或不是工作簿', en: 'the file is damaged or not a workbook' },
  originalHolderRequired: { zh: '复印件须注明原件保管部门', en: 'Required for a copy' },
} as const satisfies Record<string, TBilingual>;

/** How the expected type of an `invalid_type` issue reads. */
const TYPE_NAMES: Record<string, TBilingual> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  bigint: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '是或否（true / false）', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
  date: { zh: '日期', en: 'a date' },
  null: { zh: '空值（null）', en: 'null' },
};

/**
 * A custom check's message in both languages, for `.refine(check, bilingual({ zh, en }))` or
 * `ctx.addIssue({ code: 'custom', ...bilingual(…) })`: English stays the message zod sees.
 */
export function bilingual(text: TBilingual, path?: PropertyKey[]) {
  return { message: text.en, params: { i18n: text }, ...(path && { path }) };
}

/** What the wording of an issue needs: a zod issue, finalised or raw (with `input` when known). */
export interface TIssueFacts {
  code: string;
  message?: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  values?: readonly unknown[];
  format?: string;
  divisor?: number | bigint;
  keys?: readonly string[];
  params?: Record<string, unknown>;
}

function fill(text: TBilingual, locale: TLocale, vars: Record<string, string | number | bigint> = {}): string {
  return pick(text, locale).replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));
}

/** A wording with its `{name}` placeholders filled, in both languages. */
export function filled(text: TBilingual, vars: Record<string, string | number | bigint>): TBilingual {
  return { zh: fill(text, 'zh-CN', vars), en: fill(text, 'en', vars) };
}

const NUMERIC_ORIGINS = new Set(['number', 'int', 'bigint']);

/**
 * The message of an issue in `locale`. `invalid_type` says "required" when the input is known
 * to be absent (`input: undefined` present on the issue); an unknown field is named.
 */
export function validationMessage(issue: TIssueFacts, locale: TLocale): string {
  const M = VALIDATION_MESSAGES;
  switch (issue.code) {
    case 'invalid_type': {
      if ('input' in issue && issue.input === undefined) return fill(M.required, locale);
      const name = TYPE_NAMES[issue.expected ?? ''];
      return name ? fill(M.type, locale, { expected: pick(name, locale) }) : fill(M.invalid, locale);
    }
    case 'too_small': {
      const min = issue.minimum ?? 0;
      if (issue.origin === 'string') return Number(min) <= 1 ? fill(M.required, locale) : fill(M.minLength, locale, { min });
      if (issue.origin === 'array' || issue.origin === 'set') return fill(M.minItems, locale, { min });
      if (NUMERIC_ORIGINS.has(issue.origin ?? '')) return fill(issue.inclusive === false ? M.minExclusive : M.min, locale, { min });
      return fill(M.invalid, locale);
    }
    case 'too_big': {
      const max = issue.maximum ?? 0;
      if (issue.origin === 'string') return fill(M.maxLength, locale, { max });
      if (issue.origin === 'array' || issue.origin === 'set') return fill(M.maxItems, locale, { max });
      if (NUMERIC_ORIGINS.has(issue.origin ?? '')) return fill(issue.inclusive === false ? M.maxExclusive : M.max, locale, { max });
      return fill(M.invalid, locale);
    }
    case 'invalid_value': {
      const values = (issue.values ?? []).map((v) => String(v)).join(pick({ zh: '、', en: ', ' }, locale));
      return values ? fill(M.oneOf, locale, { values }) : fill(M.invalid, locale);
    }
    case 'invalid_format': {
      if (issue.format === 'email') return fill(M.email, locale);
      if (issue.format === 'url') return fill(M.url, locale);
      if (issue.format === 'date') return fill(M.date, locale);
      if (issue.format === 'datetime') return fill(M.datetime, locale);
      return fill(M.format, locale);
    }
    case 'not_multiple_of':
      return fill(M.multipleOf, locale, { divisor: issue.divisor ?? 1 });
    case 'unrecognized_keys':
      return fill(M.unknownField, locale, { field: (issue.keys ?? []).join(', ') });
    case 'custom': {
      const i18n = issue.params?.i18n as TBilingual | undefined;
      if (i18n && typeof i18n.zh === 'string' && typeof i18n.en === 'string') return pick(i18n, locale);
      // A custom message written in English only: kept for English, generic otherwise.
      return locale === 'en' && issue.message ? issue.message : fill(M.invalid, locale);
    }
    default:
      return fill(M.invalid, locale);
  }
}
