import type { Kysely } from 'kysely';

/*
 * The rulebook's default checklists, frozen as they shipped (administrators edit them into new
 * versions afterwards): the installation arrival check (R-INST-2), preventive maintenance (R-PM-6,
 * R-PM-7), the training room (R-TRAIN-3) and goods-inspection preparation (R-GOODS-5).
 * Ranges: machine room 18–27 °C and 40–60 %RH (the usual recommended envelope), supply 220 V ±10 %.
 */
const yes = (key: string, labelZh: string, labelEn: string, required = true) => ({ key, type: 'yes_no', labelZh, labelEn, required });
const text = (key: string, labelZh: string, labelEn: string) => ({ key, type: 'text', labelZh, labelEn, required: false });
const photo = (key: string, labelZh: string, labelEn: string) => ({ key, type: 'photo', labelZh, labelEn, required: false });
const num = (key: string, labelZh: string, labelEn: string, unit: string, min: number | null, max: number | null, required = true) => ({
  key,
  type: 'number',
  labelZh,
  labelEn,
  required,
  unit,
  min,
  max,
});
const choice = (key: string, labelZh: string, labelEn: string, options: [string, string, string][]) => ({
  key,
  type: 'choice',
  labelZh,
  labelEn,
  required: true,
  options: options.map(([value, zh, en]) => ({ value, labelZh: zh, labelEn: en })),
});

const TEMPLATES = [
  {
    code: 'installation_arrival',
    service_kind: 'installation',
    name_zh: '安装到场检查',
    name_en: 'Installation arrival check',
    items: [
      yes('site_ready', '现场条件已就绪（空间、机柜、环境）', 'Site ready (space, racks, environment)'),
      yes('power_ready', '电源已就绪', 'Power ready'),
      yes('network_ready', '网络已就绪', 'Network ready'),
      yes('plan_rechecked', '技术方案已与客户复核', 'Technical plan re-checked with the customer'),
      yes('workload_planned', '工作量与日程已安排', 'Workload and schedule planned'),
      yes('customer_informed', '已与客户沟通安装安排', 'Installation plan agreed with the customer'),
      text('schedule_problems', '进度问题（已报告经理）', 'Schedule problems (reported to the manager)'),
      photo('site_photo', '现场照片', 'Site photo'),
    ],
  },
  {
    code: 'preventive_maintenance',
    service_kind: 'preventive_maintenance',
    name_zh: '例行检查清单',
    name_en: 'Preventive maintenance checklist',
    items: [
      num('room_temperature', '机房温度', 'Room temperature', '°C', 18, 27),
      num('room_humidity', '机房湿度', 'Room humidity', '%RH', 40, 60),
      num('supply_voltage', '供电电压', 'Supply voltage', 'V', 198, 242),
      yes('placement_ok', '设备摆放稳固、通风良好', 'Equipment placement stable and ventilated'),
      yes('power_connections_ok', '电源连接正常', 'Power connections in order'),
      yes('signal_connections_ok', '信号线连接正常', 'Signal connections in order'),
      yes('vents_cleaned', '通风口和散热片已清洁', 'Vents and heat sinks cleaned'),
      yes('dust_cleaned', '灰尘已清洁', 'Dust cleaned'),
      choice('system_messages', '系统消息和错误（客户登录后检查）', 'System messages and errors (checked with the customer logged in)', [
        ['none', '无异常', 'None found'],
        ['fixed', '已处理（经客户同意）', "Fixed (with the customer's approval)"],
        ['next_step', '未处理，已向客户说明下一步', 'Not fixed; next step explained to the customer'],
      ]),
      yes('logs_reviewed', '日志文件已检查', 'Log files reviewed'),
      choice('software_tests', '软件维护测试', 'Software maintenance tests', [
        ['passed', '通过', 'Passed'],
        ['failed', '未通过', 'Failed'],
        ['not_covered', '合同不含软件服务', 'Software not covered by the contract'],
      ]),
      text('findings', '发现的问题及处理', 'Problems found and what was done'),
      yes('tools_parts_back', '工具和备件已全部带回', 'All tools and parts brought back'),
      photo('equipment_photo', '设备照片', 'Equipment photo'),
    ],
  },
  {
    code: 'training_room',
    service_kind: 'training',
    name_zh: '培训场地检查',
    name_en: 'Training room check',
    items: [
      yes('equipment_installed', '培训设备已安装', 'Training equipment installed'),
      num('room_temperature', '室内温度', 'Room temperature', '°C', 18, 27),
      num('room_humidity', '室内湿度', 'Room humidity', '%RH', 40, 60, false),
      num('supply_voltage', '供电电压', 'Supply voltage', 'V', 198, 242),
      yes('power_signal_ok', '电源和信号线连接正常', 'Power and signal connections in order'),
      num('seats', '座位数', 'Seats', '个', 1, null),
      yes('headcount_fits', '人数与座位相符', 'Headcount fits the seats'),
      yes('sign_in_sheet', '签到表已准备', 'Sign-in sheet ready'),
      yes('feedback_forms', '培训反馈表已准备', 'Feedback forms ready'),
      yes('certificates', '培训证书已准备', 'Certificates ready'),
    ],
  },
  {
    code: 'goods_preparation',
    service_kind: 'goods_inspection',
    name_zh: '货品检验准备',
    name_en: 'Goods inspection preparation',
    items: [
      yes('internal_devices', '内部部件已安装', 'Internal devices installed'),
      yes('console_connected', '控制台已连接', 'Console connected'),
      yes('os_patches', '操作系统和补丁已安装', 'Operating system and patches installed'),
      yes('own_items', '使用本公司非核心配件', "Company's own non-core items used", false),
      num('test_hours', '软硬件测试时长', 'Hardware and software test duration', '小时 h', 12, null),
      choice('environment_simulated', '模拟客户环境', "Customer's environment simulated", [
        ['yes', '已模拟', 'Simulated'],
        ['not_possible', '条件不具备', 'Not possible'],
      ]),
      yes('configuration_agreed', '发货前配置已与客户确认', 'Configuration agreed with the customer before shipment'),
      choice('storage_tested', '外接存储与主机联调', 'Attached storage tested with the host', [
        ['passed', '通过', 'Passed'],
        ['failed', '未通过', 'Failed'],
        ['not_applicable', '无外接存储', 'No attached storage'],
      ]),
    ],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const at = '2026-12-07T17:03:00.000Z';
  for (const t of TEMPLATES) {
    const row = await db
      .insertInto('checklist_template')
      .values({
        code: t.code,
        service_kind: t.service_kind,
        name_zh: t.name_zh,
        name_en: t.name_en,
        active: 1,
        current_version: 1,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('checklist_template_version')
      .values({
        template_id: row.id,
        version_no: 1,
        name_zh: t.name_zh,
        name_en: t.name_en,
        items: JSON.stringify(t.items),
        created_by_id: null,
        created_at: at,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const codes = TEMPLATES.map((t) => t.code);
  const ids = db.selectFrom('checklist_template').select('id').where('code', 'in', codes);
  await db.deleteFrom('checklist_template_version').where('template_id', 'in', ids).execute();
  await db.deleteFrom('checklist_template').where('code', 'in', codes).execute();
}
