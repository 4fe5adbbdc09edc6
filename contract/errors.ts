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

/** `rule`: the rulebook requirement a guard enforces, sent in the error body for clients and reports; the message says it in words. */
type Def = { category: TErrorCategory; rule?: string; zh: string; en: string };

/**
 * Every stable error code, its category and its user-facing message in both
 * languages. Codes are UPPER_SNAKE and prefixed by area; rulebook guards carry
 * the requirement ID in `rule`, never in the message.
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
  DELIVERY_NOT_DEAD: {
    category: 'rule',
    zh: '只有已停止投递的消息才能重试',
    en: 'Only a message whose delivery was given up can be retried',
  },
  INDUSTRY_CODE_TAKEN: { category: 'conflict', zh: '该行业代码已存在', en: 'This industry code already exists' },
  INDUSTRY_INACTIVE: { category: 'validation', zh: '该行业已停用', en: 'This industry is no longer in use' },
  CUSTOMER_IN_USE: {
    category: 'rule',
    zh: '该客户已有合同或文档，不能删除',
    en: 'This customer has contracts or documents and cannot be deleted',
  },
  CONTRACT_NUMBER_TAKEN: { category: 'conflict', zh: '该合同编号已存在', en: 'This contract number already exists' },
  CONTRACT_IN_USE: {
    category: 'rule',
    zh: '该合同已有设备或文档，不能删除',
    en: 'This contract has equipment or documents and cannot be deleted',
  },
  CONTRACT_NOT_DRAFT: { category: 'rule', zh: '只能删除草稿状态的合同', en: 'Only a draft contract can be deleted' },
  CONTRACT_REMOTE_ONLY_ONSITE: {
    category: 'validation',
    rule: 'R-SCOPE-2',
    zh: '仅远程支持的合同不能包含现场维护或例行检查服务',
    en: 'A remote-only contract cannot include on-site maintenance or routine inspection',
  },
  CONTRACT_PRICES_HIDDEN: {
    category: 'forbidden',
    rule: 'R-ORG-5',
    zh: '您无权查看或修改合同金额与报价明细',
    en: 'You may not see or change contract amounts and priced items',
  },
  CONTRACT_NOT_YOUR_PROJECT: {
    category: 'forbidden',
    zh: '项目经理只能推进自己项目所含合同的阶段',
    en: 'A project manager moves only the contracts of his own projects',
  },
  CONTRACT_STAGE_NOT_YOURS: {
    category: 'forbidden',
    rule: 'R-ORG-2',
    zh: '只有当前或目标阶段的负责或协助部门才能推进合同阶段',
    en: 'Only a department leading or assisting the current or target stage may move the contract',
  },
  CONTRACT_STAGE_UNCHANGED: { category: 'rule', zh: '合同已处于该阶段', en: 'The contract is already at this stage' },
  EQUIPMENT_SN_TAKEN: {
    category: 'conflict',
    zh: '该品牌下已登记此序列号（SN）',
    en: 'This serial number (SN) is already registered for this brand',
  },
  UPLOAD_NOT_MULTIPART: {
    category: 'validation',
    zh: '请以 multipart/form-data 表单上传文件',
    en: 'Send the file as a multipart/form-data form',
  },
  UPLOAD_FILE_MISSING: { category: 'validation', zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  UPLOAD_ONE_FILE: {
    category: 'validation',
    zh: '一次只能上传一个文件（字段名 file）',
    en: 'Upload one file at a time, in the field "file"',
  },
  UPLOAD_EMPTY: { category: 'validation', zh: '文件为空', en: 'The file is empty' },
  UPLOAD_TYPE_FORBIDDEN: {
    category: 'validation',
    zh: '出于安全原因，不接受网页、SVG、XML、脚本和可执行文件',
    en: 'For security, web pages, SVG, XML, scripts and executables are not accepted',
  },
  UPLOAD_TYPE_UNSUPPORTED: {
    category: 'validation',
    zh: '不支持的文件类型；可上传 PDF、图片、Office 文档、文本和 zip',
    en: 'Unsupported file type; upload PDF, images, Office documents, text or zip',
  },
  UPLOAD_TYPE_MISMATCH: {
    category: 'validation',
    zh: '文件扩展名与文件内容不符',
    en: 'The file name extension does not match the file content',
  },
  DOCUMENT_PRICES_REQUIRED: {
    category: 'forbidden',
    rule: 'R-ORG-5',
    zh: '含价格的合同原件只能由销售、商务或管理员上传和修改',
    en: 'Only sales, commerce or administrators may file price-sensitive documents such as the original contract',
  },
  DOCUMENT_ORIGINAL_HOLDER_REQUIRED: {
    category: 'validation',
    rule: 'R-ORG-7',
    zh: '复印件须注明原件由哪个部门保管',
    en: 'For a copy, record which department holds the original',
  },
  DOCUMENT_CUSTOMER_MISMATCH: {
    category: 'validation',
    zh: '所选合同不属于该客户',
    en: 'The contract does not belong to this customer',
  },
  DOCUMENT_NOT_YOURS: {
    category: 'forbidden',
    zh: '只有上传该文档的人、技术经理或管理员可以撤回它',
    en: 'Only whoever filed this document, a technical manager or an administrator may withdraw it',
  },
  DOCUMENT_WITHDRAWN: {
    category: 'rule',
    zh: '该文档已撤回，不能再修改或上传新版本',
    en: 'This document was withdrawn; it cannot be changed',
  },
  IMPORT_ROWS_INVALID: {
    category: 'rule',
    zh: '部分行有误，未导入任何数据；请下载错误报告修改后重新导入',
    en: 'Some rows are wrong, so nothing was imported; download the error report, fix the rows and import again',
  },
  IMPORT_FILE_TYPE: { category: 'validation', zh: '请上传 .xlsx 或 .csv 文件', en: 'Upload an .xlsx or .csv file' },
  IMPORT_FILE_UNREADABLE: {
    category: 'validation',
    zh: '无法读取该文件，请用 Excel 另存为 .xlsx 后重试',
    en: 'The file cannot be read; save it as .xlsx from Excel and try again',
  },
  IMPORT_NO_ROWS: { category: 'validation', zh: '文件中没有数据行', en: 'The file has no data rows' },
  IMPORT_TOO_MANY_ROWS: {
    category: 'too_large',
    zh: '行数过多，请拆分文件后分批导入',
    en: 'Too many rows; split the file and import it in parts',
  },
  IMPORT_ROW_BEYOND_LIMIT: {
    category: 'too_large',
    zh: '工作表超出导入读取的行范围，请删除数据下方多余的行后重试',
    en: 'The sheet reaches below the rows an import reads; delete the rows below the data and try again',
  },
  IMPORT_COLUMN_BEYOND_LIMIT: {
    category: 'too_large',
    zh: '工作表超出导入读取的列范围，请删除数据右侧多余的列后重试',
    en: 'The sheet reaches right of the columns an import reads; delete the columns right of the data and try again',
  },
  IMPORT_CELL_TOO_LONG: {
    category: 'too_large',
    zh: '有单元格内容过长，未导入任何数据',
    en: 'A cell is too long, so nothing was imported',
  },
  IMPORT_CONTENT_TOO_LARGE: {
    category: 'too_large',
    zh: '工作簿解压后内容过大，请只保留要导入的数据后重试',
    en: 'The workbook is too large once unzipped; keep only the data to import and try again',
  },
  SERVICE_REQUEST_ILLEGAL_TRANSITION: {
    category: 'conflict',
    zh: '服务要求单当前状态下不能执行此步骤',
    en: "This step is not possible in the service request's current state",
  },
  SERVICE_REQUEST_ROLE_NOT_ALLOWED: { category: 'forbidden', zh: '您的角色不能执行此步骤', en: 'Your role may not take this step' },
  SERVICE_REQUEST_NOT_ASSIGNED: {
    category: 'forbidden',
    zh: '只有该服务要求单的负责或后备工程师（或下达人）可以执行此步骤',
    en: "Only the request's responsible or backup engineer (or its issuer) may take this step",
  },
  SERVICE_REQUEST_NOT_YOUR_PROJECT: {
    category: 'forbidden',
    rule: 'R-ORG-4',
    zh: '项目经理只能管理自己项目的服务要求单',
    en: 'A project manager manages only the requests of his own projects',
  },
  SERVICE_REQUEST_CONTRACT_REQUIRED: {
    category: 'validation',
    rule: 'R-FLOW-1',
    zh: '除技术咨询外，服务要求单须关联合同',
    en: 'A service request needs a contract (except technical consulting)',
  },
  SERVICE_REQUEST_CONTRACT_MISMATCH: {
    category: 'validation',
    zh: '所选合同不属于该客户',
    en: 'The contract does not belong to this customer',
  },
  SERVICE_REQUEST_EQUIPMENT_MISMATCH: {
    category: 'validation',
    zh: '所选设备不属于该合同',
    en: "The equipment does not belong to the request's contract",
  },
  SERVICE_REQUEST_ENGINEER_REQUIRED: {
    category: 'rule',
    rule: 'R-PM-3',
    zh: '下达前须指定负责工程师',
    en: 'A responsible engineer is needed before the request is issued',
  },
  PROJECT_NOT_PARTICIPANT: {
    category: 'forbidden',
    zh: '只有项目经理和项目成员可以确认项目计划',
    en: "Only the project's manager and members agree to its plan",
  },
  PROJECT_ALREADY_AGREED: { category: 'conflict', zh: '您已确认过此项目计划', en: 'You have already agreed to this plan' },
  SERVICE_REQUEST_KIND_OUTSIDE_CONTRACT: {
    category: 'rule',
    rule: 'R-SCOPE-1',
    zh: '该服务类型不在所关联合同的服务范围内',
    en: "The request's kind is outside the service kinds of its contract",
  },
  SERVICE_REQUEST_NOT_ENGINEER: { category: 'validation', zh: '所选人员不是在职工程师', en: 'The person chosen is not an active engineer' },
  SERVICE_REQUEST_BACKUP_IS_RESPONSIBLE: {
    category: 'validation',
    rule: 'R-PM-3',
    zh: '后备工程师不能与负责工程师是同一人',
    en: 'The backup engineer must not be the responsible engineer',
  },
  SERVICE_REQUEST_CLOSED: {
    category: 'rule',
    zh: '服务要求单已关闭或取消，不能修改',
    en: 'The request is closed or cancelled and cannot be changed',
  },
  SERVICE_REQUEST_PLAN_ORDER: { category: 'validation', zh: '计划结束时间须晚于开始时间', en: 'The planned end must be after the start' },
  ESCALATION_IMPROVEMENT_REQUIRED: {
    category: 'rule',
    rule: 'R-ORG-3',
    zh: '客户投诉须填写改进措施后才能关闭',
    en: 'A customer complaint cannot be closed without an improvement measure',
  },
  ESCALATION_ILLEGAL_STATE: {
    category: 'conflict',
    zh: '升级事项当前状态下不能执行此操作',
    en: "Not possible in the escalation's current state",
  },
  TASK_REQUEST_ILLEGAL_TRANSITION: {
    category: 'conflict',
    zh: '任务要求单当前状态下不能执行此步骤',
    en: "This step is not possible in the task request's current state",
  },
  TASK_REQUEST_NOT_ASSIGNEE: { category: 'forbidden', zh: '只有任务执行人可以执行此步骤', en: 'Only the assignee may take this step' },
  CALL_ILLEGAL_TRANSITION: {
    category: 'conflict',
    zh: '来电记录当前状态下不能执行此步骤',
    en: "This step is not possible in the call's current state",
  },
  CALL_NOT_HOLDER: { category: 'forbidden', zh: '只有当前处理人可以执行此操作', en: 'Only the person holding the call may do this' },
  /** R-CALL-2: a holder is reminded at most once an hour per call. */
  CALL_REMIND_TOO_SOON: { category: 'rule', zh: '一小时内已提醒过处理人', en: 'The holder was already reminded within the last hour' },
  CALL_NOT_HELD: { category: 'rule', zh: '来电尚未转交，没有可提醒的处理人', en: 'The call has not been forwarded: nobody holds it yet' },
  PM_NOT_COMMITTED: {
    category: 'rule',
    rule: 'R-PM-1',
    zh: '该合同未约定例行检查，不能生成例行检查计划',
    en: 'This contract includes no routine inspections; no PM timetable can be made for it',
  },
  PM_CONTRACT_PERIOD_MISSING: {
    category: 'validation',
    zh: '合同缺少服务期（开始和结束日期），无法排定例行检查',
    en: 'The contract has no service period (start and end dates) to plan the visits in',
  },
  PM_RECURRENCE_INVALID: { category: 'validation', zh: '重复规则无法识别', en: 'The recurrence rule cannot be read' },
  PM_RECURRENCE_EMPTY: {
    category: 'validation',
    rule: 'R-PM-2',
    zh: '按此重复规则，服务期内没有任何一次检查',
    en: 'This recurrence gives no visit in the service period',
  },
  PM_RECURRENCE_TOO_MANY: { category: 'validation', zh: '按此重复规则检查次数过多', en: 'This recurrence gives too many visits' },
  PM_VISIT_SETTLED: {
    category: 'conflict',
    zh: '该次检查已确认或已完成，不能再修改',
    en: 'This visit is already agreed or done and can no longer be changed',
  },
  PM_VISIT_NOT_OPEN: { category: 'conflict', zh: '该次检查不在待确认状态', en: 'This visit is not waiting to be agreed' },
  PM_NOT_VISIT_ENGINEER: {
    category: 'forbidden',
    rule: 'R-PM-4',
    zh: '只有该次检查的负责或后备工程师（或技术经理）可以确认',
    en: "Only the visit's responsible or backup engineer (or a technical manager) may agree it",
  },
  PM_NO_CUSTOMER_EMAIL: {
    category: 'validation',
    zh: '客户联系人没有电子邮箱地址',
    en: 'The customer contact has no e-mail address',
  },
  WORK_HOURS_DAY_LIMIT: {
    category: 'rule',
    rule: 'R-FLOW-1',
    zh: '一名工程师一天的工时不能超过 24 小时',
    en: 'An engineer cannot have more than 24 hours of work on one day',
  },
  WORK_HOURS_NOT_MANUAL: { category: 'rule', zh: '只能修改手工登记的其他工作', en: 'Only other work added by hand can be changed here' },
  WEEKLY_REPORT_NOT_STARTED: {
    category: 'rule',
    rule: 'R-FLOW-1',
    zh: '该周尚未开始，不能提交周报',
    en: 'This week has not started yet: its report cannot be submitted',
  },
  WEEKLY_REPORT_LOCKED: {
    category: 'rule',
    rule: 'R-FLOW-1',
    zh: '周报已提交并锁定，需技术经理退回后才能修改',
    en: 'The weekly report is submitted and locked: the technical manager must return it before it can be changed',
  },
  WEEKLY_REPORT_NOT_SUBMITTED: { category: 'conflict', zh: '周报尚未提交', en: 'The weekly report has not been submitted' },
  MONTHLY_SUMMARY_APPROVED: {
    category: 'rule',
    rule: 'R-FLOW-1',
    zh: '月项目汇总表已审批，不能再修改',
    en: 'The monthly project summary is approved and can no longer be changed',
  },
  GUARD_OVERRIDE_FORBIDDEN: {
    category: 'forbidden',
    zh: '只有技术经理可以书面说明理由后越过此规则',
    en: 'Only a technical manager may override this rule, with a written reason',
  },
  SERVICE_REPORT_SIGNED: {
    category: 'conflict',
    zh: '报告已签字，不能再修改；如需更正，请生成新版本并重新签字',
    en: 'This report is signed and can no longer be edited; to correct it, make a new version and have it signed again',
  },
  SERVICE_REPORT_NOT_SIGNED: { category: 'conflict', zh: '报告尚未签字', en: 'This report is not signed yet' },
  SERVICE_REPORT_CHECKLIST_INCOMPLETE: {
    category: 'rule',
    rule: 'R-PM-6',
    zh: '检查表的必填项尚未填写，不能签字',
    en: 'Required checklist items are not answered: the report cannot be signed',
  },
  SERVICE_REPORT_SIGNER_MISSING: {
    category: 'rule',
    rule: 'R-INST-6',
    zh: '缺少必需的签字',
    en: 'A required signature is missing',
  },
  SERVICE_REPORT_KIND_MISMATCH: {
    category: 'rule',
    rule: 'R-INST-8',
    zh: '只有安装类服务要求可生成安装报告和验收报告',
    en: 'Installation and acceptance reports are made for installation requests only',
  },
  CONTRACT_ACCEPTANCE_REPORT_REQUIRED: {
    category: 'rule',
    rule: 'R-INST-8',
    zh: '合同进入项目验收阶段须有客户签字的验收报告',
    en: 'A contract enters project acceptance only with an acceptance report signed by the customer',
  },
  FOLLOW_UP_DONE: { category: 'conflict', zh: '回访已记录', en: 'This follow-up is already recorded' },
  DEBRIEF_REQUEST_NOT_CLOSED: {
    category: 'rule',
    rule: 'R-INST-11',
    zh: '服务要求关闭后才能写总结',
    en: 'A debrief is written after the request is closed',
  },
  DEBRIEF_EXISTS: { category: 'conflict', zh: '该服务要求已有总结', en: 'This service request already has a debrief' },
  DEBRIEF_SESSION_NOT_HELD: {
    category: 'rule',
    rule: 'R-INST-11',
    zh: '培训举行后才能写培训总结',
    en: 'A training debrief is written after the session is held',
  },
  TRAINING_DEBRIEF_EXISTS: { category: 'conflict', zh: '该场培训已有总结', en: 'This training session already has a debrief' },
  GOODS_DEVIATION_CLOSED: { category: 'conflict', zh: '到货异常已关闭', en: 'This goods deviation is already closed' },
  PART_PN_TAKEN: { category: 'conflict', zh: '该备件号已存在', en: 'A part with this PN already exists' },
  /** R-INST-9: stocking in from outside or from the vendor needs who tested it and the result. */
  STOCK_NEEDS_INSPECTION: {
    category: 'rule',
    rule: 'R-INST-9',
    zh: '备件须有检验记录（检验人和结果）才能入库',
    en: 'A part is stocked in only with an inspection record (who tested it, the result)',
  },
  /** R-EMER-4: a spare part the ledger does not know is tested before it is used. */
  PART_LOAN_UNTESTED: {
    category: 'rule',
    rule: 'R-EMER-4',
    zh: '未登记的备件须先测试合格才能借出使用',
    en: 'A spare part not yet recorded must pass a test before it is used',
  },
  PART_LOAN_ALREADY_APPROVED: { category: 'conflict', zh: '该借用单已审批', en: 'This loan is already approved' },
  PART_LOAN_ILLEGAL_STATE: { category: 'conflict', zh: '借用单当前状态下不能执行此操作', en: "Not possible in the loan's current state" },
  PART_TAG_NOT_RECEIVED: {
    category: 'conflict',
    zh: '故障件尚未收回办公室',
    en: 'The tagged part has not been received at the office yet',
  },
  PART_TAG_ALREADY_RECEIVED: { category: 'conflict', zh: '故障件已收回', en: 'The tagged part was already received' },
  PART_TAG_ALREADY_INSPECTED: { category: 'conflict', zh: '故障件已检验', en: 'The tagged part was already inspected' },
  INSPECTION_NOT_GOODS: {
    category: 'rule',
    rule: 'R-GOODS-1',
    zh: '只有货品检验类服务要求单可以建立检验记录',
    en: 'Only a goods-inspection service request has an inspection record',
  },
  INSPECTION_EXISTS: { category: 'conflict', zh: '该服务要求单已有检验记录', en: 'This service request already has an inspection record' },
  /** R-GOODS-3: ready to ship only after a passed burn-in that ended at least one day before shipment. */
  INSPECTION_GATE_CLOSED: {
    category: 'rule',
    rule: 'R-GOODS-3',
    zh: '该设备尚不满足发货条件',
    en: 'This unit does not meet the shipment conditions yet',
  },
  /** R-GOODS-5: a contract's burn-in is never set below 12 hours without an override. */
  INSPECTION_BURN_IN_BELOW_MIN: {
    category: 'rule',
    rule: 'R-GOODS-5',
    zh: '老化测试时长不能低于 12 小时',
    en: 'The burn-in cannot be set below 12 hours',
  },
  /** R-GOODS-4: a sealed unit is opened (and tested) only after the customer's consent is recorded. */
  INSPECTION_CONSENT_REQUIRED: {
    category: 'rule',
    rule: 'R-GOODS-4',
    zh: '原厂包装未拆封的设备须先记录客户同意才能拆封测试',
    en: "A sealed unit is opened for testing only after the customer's consent is recorded",
  },
  INSPECTION_UNIT_SHIPPED: { category: 'conflict', zh: '该设备已发货', en: 'This unit has already been shipped' },
  /** R-GOODS-3: a delivery note lists only units marked ready to ship. */
  INSPECTION_UNIT_NOT_READY: {
    category: 'rule',
    rule: 'R-GOODS-3',
    zh: '送货单只能包含已确认待发货的设备',
    en: 'A delivery note lists only units marked ready to ship',
  },
  DELIVERY_NOTE_SIGNED: { category: 'conflict', zh: '送货单已签收', en: 'This delivery note is already signed' },
  INSPECTION_NO_DIFFERENCES: {
    category: 'rule',
    rule: 'R-ORG-8',
    zh: '到货与合同清单一致，没有可上报的差异',
    en: "The goods match the contract's list: there is no difference to report",
  },
  /** R-TRAIN-1: a plan is drafted from a contract that commits training. */
  TRAINING_CONTRACT_NO_TRAINING: {
    category: 'rule',
    rule: 'R-TRAIN-1',
    zh: '该合同没有培训承诺，不能制定培训计划',
    en: 'This contract commits no training: a training plan cannot be drafted from it',
  },
  TRAINING_TRAINER_NOT_ENGINEER: {
    category: 'validation',
    rule: 'R-TRAIN-1',
    zh: '讲师须为在职工程师',
    en: 'The trainer must be an active engineer',
  },
  TRAINING_NO_RECIPIENT: {
    category: 'rule',
    rule: 'R-TRAIN-1',
    zh: '培训计划没有客户联系人邮箱，请填写收件人',
    en: 'The plan has no customer contact e-mail: give a recipient',
  },
  TRAINING_NOT_TRAINER: {
    category: 'forbidden',
    rule: 'R-TRAIN-2',
    zh: '只有本场培训的讲师或技术经理可以执行此操作',
    en: "Only the session's trainer or a technical manager may do this",
  },
  TRAINING_SESSION_CANCELLED: { category: 'conflict', zh: '该场培训已取消', en: 'This training session is cancelled' },
  /** R-TRAIN-2: time, place and headcount are confirmed with the customer before the session is held. */
  TRAINING_NOT_CONFIRMED: {
    category: 'rule',
    rule: 'R-TRAIN-2',
    zh: '本场培训的时间、地点和人数尚未与客户确认，不能颁发证书',
    en: 'Time, place and headcount of this session were not confirmed with the customer: certificates cannot be issued',
  },
  TRAINING_NO_ATTENDEES: {
    category: 'rule',
    rule: 'R-TRAIN-3',
    zh: '本场培训还没有学员签到',
    en: 'Nobody has signed in to this session yet',
  },
  TRAINING_SIGNATURE_REQUIRED: {
    category: 'validation',
    rule: 'R-TRAIN-3',
    zh: '平板签到需要学员签名',
    en: 'Signing in on the tablet needs the attendee’s signature',
  },
  TRAINING_FEEDBACK_LINK_INVALID: {
    category: 'not_found',
    zh: '反馈链接无效，请重新扫描讲师展示的二维码',
    en: 'This feedback link is not valid: scan the code the trainer shows again',
  },
  TRAINING_FEEDBACK_LINK_EXPIRED: {
    category: 'rule',
    rule: 'R-TRAIN-3',
    zh: '反馈链接已过期，请向讲师索取新的二维码',
    en: 'This feedback link has expired: ask the trainer for a new code',
  },
  TRAINING_FEEDBACK_OTHER_SESSION: {
    category: 'rule',
    rule: 'R-TRAIN-3',
    zh: '该反馈链接属于另一场培训',
    en: 'This feedback link belongs to another training session',
  },
  TRAINING_FEEDBACK_ALREADY_GIVEN: {
    category: 'conflict',
    rule: 'R-TRAIN-3',
    zh: '本设备已提交过本场培训的反馈，谢谢！',
    en: 'This device has already answered for this session. Thank you!',
  },
  TRAINING_CERTIFICATE_NOT_FOUND: { category: 'not_found', zh: '未找到该证书', en: 'No such certificate' },
  PROJECT_CODE_TAKEN: { category: 'conflict', zh: '该项目编号已存在', en: 'This project code already exists' },
  PROJECT_MANAGER_ROLE: {
    category: 'validation',
    rule: 'R-ORG-4',
    zh: '项目经理须具有项目经理角色',
    en: 'The project manager must hold the project manager role',
  },
  PROJECT_NOT_YOURS: {
    category: 'forbidden',
    rule: 'R-ORG-4',
    zh: '只有技术经理或本项目的项目经理可以修改项目成员和合同',
    en: "Only the technical manager or the project's own manager may change its members and contracts",
  },
  // Visits (R-INST-2..7, R-EMER-2..7)
  VISIT_NOT_ENGINEER: {
    category: 'forbidden',
    zh: '只有该服务要求单的工程师或经理可以记录现场服务',
    en: "Only the request's engineers or a manager may record its visits",
  },
  VISIT_STAGE: { category: 'conflict', zh: '现场服务当前阶段不允许此操作', en: 'The visit is not at a stage that allows this' },
  VISIT_DEPARTED: { category: 'conflict', zh: '已离场的现场服务不能再修改', en: 'The visit has ended; it can no longer be changed' },
  VISIT_REQUEST_NOT_OPEN: {
    category: 'conflict',
    zh: '服务要求单已结束，不能再安排现场服务',
    en: 'The service request is finished; no more visits can be made',
  },
  VISIT_ARRIVAL_CHECKLIST_INCOMPLETE: {
    category: 'rule',
    rule: 'R-INST-2',
    zh: '到场检查清单的必填项未填写完整',
    en: 'Required items of the arrival checklist are not answered',
  },
  VISIT_ARRIVAL_CHECKLIST_WRONG: {
    category: 'validation',
    zh: '到场须填写到场检查清单',
    en: 'Check-in takes the arrival checklist',
  },
  VISIT_BACKUP_REQUIRED: {
    category: 'rule',
    rule: 'R-EMER-5',
    zh: '变更生产系统前须确认已备份，或记录客户拒绝备份及其承担的风险',
    en: "Before a change to a production system, confirm the backup or record the customer's refusal and the risk he accepts",
  },
  VISIT_REPRODUCE_APPROVAL_REQUIRED: {
    category: 'rule',
    rule: 'R-EMER-6',
    zh: '重现故障前须记录客户的同意',
    en: "Record the customer's approval before reproducing the fault",
  },
  VISIT_FIX_APPROVAL_REQUIRED: {
    category: 'rule',
    rule: 'R-EMER-6',
    zh: '实施解决方案前须记录客户的同意',
    en: "Record the customer's approval before applying the fix",
  },
  VISIT_SWAP_REASON_REQUIRED: {
    category: 'rule',
    rule: 'R-EMER-7',
    zh: '每次更换部件都须记录原因或依据',
    en: 'Every part replacement records its reason or evidence',
  },
  VISIT_UNIT_NOT_OF_CONTRACT: {
    category: 'validation',
    zh: '所选设备不属于该服务要求单的合同',
    en: "The unit is not in the installed base of the request's contract",
  },
  VISIT_UNIT_ALREADY_REGISTERED: { category: 'conflict', zh: '该设备已登记保修', en: 'This unit is already registered for warranty' },
  RATE_LIMITED: { category: 'rate_limited', zh: '请求过于频繁', en: 'Too many requests' },
  PAYLOAD_TOO_LARGE: { category: 'too_large', zh: '内容过大', en: 'The upload is too large' },
  ROUTE_NOT_FOUND: { category: 'not_found', zh: '接口不存在', en: 'No such endpoint' },
  UNAVAILABLE: { category: 'unavailable', zh: '服务暂不可用', en: 'Service unavailable' },
  INTERNAL: { category: 'internal', zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, Def>;

export type TErrorCode = keyof typeof ERRORS;

/** One problem with one field; `path` is dotted (`contacts.0.phone`). */
export interface TIssue {
  path: string;
  message: string;
  code?: string;
}

/** The one JSON shape of every error response. */
export interface TErrorBody {
  code: string;
  message: string;
  /** The rulebook requirement a refused guard enforces (`ERRORS[code].rule`). */
  rule?: string;
  issues?: TIssue[];
  requestId: string;
}
