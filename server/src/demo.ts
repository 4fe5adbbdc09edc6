import type { z } from 'zod';
import { CONTRACT_STAGES, type TStage, ZCreateContract } from '@contract/contracts';
import { ZCreateCustomer } from '@contract/customers';
import { ZCreateEquipment } from '@contract/equipment';
import type { TRole } from '@contract/roles';
import { type Actor, systemActor } from './actor';
import type { Db } from './db/database';
import { transact } from './db/transaction';
import { createContractsMany, moveContractStage } from './modules/contracts/contracts.service';
import { checkCustomerName, createCustomersMany } from './modules/customers/customers.service';
import { listIndustries } from './modules/customers/industries.service';
import { createEquipmentMany } from './modules/equipment/equipment.service';
import { DEFAULT_TIME_ZONE } from './modules/calendar/working-calendar';
import { loadDemoCalls } from './modules/calls/calls.demo';
import { loadDemoParts } from './modules/parts/parts.demo';
import { loadDemoInspections } from './modules/inspections/inspections.demo';
import { loadDemoMaintenance } from './modules/maintenance/maintenance.demo';
import { loadDemoServiceRequests } from './modules/service-requests/service-requests.demo';
import { loadDemoServiceReports } from './modules/service-reports/service-reports.demo';
import { createFileStore } from './modules/files/file-store';
import { formContextOf } from './pdf/form-text';
import type { Config } from './config';
import { loadDemoVisits } from './modules/visits/visits.demo';
import { loadDemoTrainings } from './modules/trainings/trainings.demo';
import { loadDemoReports } from './modules/reports/reports.demo';
import { createUser, findUserForLogin, rolesOf } from './modules/users/users.service';

/** The demo company's people: one or more for every role, with known passwords. */
const PEOPLE: { email: string; name: string; roles: TRole[]; department: string; phone: string }[] = [
  { email: 'zhang.wei@demo.fuwu', name: '张伟', roles: ['tech_manager'], department: '技术部', phone: '138 0010 0001' },
  { email: 'li.na@demo.fuwu', name: '李娜', roles: ['sales'], department: '销售部', phone: '138 0010 0002' },
  { email: 'wang.fang@demo.fuwu', name: '王芳', roles: ['commerce'], department: '商务部', phone: '138 0010 0003' },
  { email: 'liu.yang@demo.fuwu', name: '刘洋', roles: ['project_manager', 'engineer'], department: '技术部', phone: '138 0010 0004' },
  { email: 'chen.jie@demo.fuwu', name: '陈杰', roles: ['engineer'], department: '技术部', phone: '138 0010 0005' },
  { email: 'zhao.lei@demo.fuwu', name: '赵磊', roles: ['engineer'], department: '技术部', phone: '138 0010 0006' },
  { email: 'sun.li@demo.fuwu', name: '孙丽', roles: ['receiver'], department: '前台', phone: '138 0010 0007' },
];
/** Fixed, and documented in the README: the demo is for trying Fuwu out, never for real data. */
export const DEMO_PASSWORD = 'fuwu-demo-2026';

/** Load the demo company; safe to run twice (existing people are kept). */
export async function loadDemo(db: Db, config?: Config): Promise<void> {
  const actor = systemActor('demo');
  const created: string[] = [];
  for (const p of PEOPLE) {
    if (await findUserForLogin(db, p.email)) continue;
    await createUser(db, actor, { ...p, password: DEMO_PASSWORD, active: true });
    created.push(`  ${p.email.padEnd(24)} ${p.name}  [${p.roles.join(', ')}]`);
  }
  if (created.length) console.log(`Demo users (password for all, see README: ${DEMO_PASSWORD}):\n${created.join('\n')}`);
  const loaded = await loadDemoCustomers(db);
  const requests = await loadDemoServiceRequests(db, DEFAULT_TIME_ZONE);
  const calls = await loadDemoCalls(db, DEFAULT_TIME_ZONE);
  // Each area's demo loader answers whether it added anything (an area already loaded adds nothing).
  const areas = [
    await loadDemoVisits(db, DEFAULT_TIME_ZONE),
    await loadDemoParts(db, DEFAULT_TIME_ZONE),
    await loadDemoInspections(db, DEFAULT_TIME_ZONE),
    await loadDemoMaintenance(db, DEFAULT_TIME_ZONE),
    config ? await loadDemoTrainings(db, createFileStore(config), config) : false,
    // Signed reports keep their PDF and signature images in the file store.
    config ? await loadDemoServiceReports(db, { store: createFileStore(config), ctx: formContextOf(config, undefined) }) : false,
    await loadDemoReports(db, DEFAULT_TIME_ZONE),
  ];
  if (!created.length && !loaded && !requests && !calls && !areas.some(Boolean)) console.log('Demo data already loaded.');
}

// ── Customers, contracts and the installed base ──

type DemoCustomer = Omit<z.input<typeof ZCreateCustomer>, 'industryId'> & { industry: string };

const CUSTOMERS: DemoCustomer[] = [
  {
    name: '北京中金汇通银行股份有限公司',
    industry: 'finance',
    region: '北京',
    address: '北京市西城区金融大街 18 号汇通大厦',
    notes: '总行数据中心，两地三中心架构',
    contacts: [
      {
        name: '赵立新',
        title: '数据中心主任',
        phones: ['139 1001 2001', '010-6655 8801 转 201'],
        email: 'zhaolx@zjht-bank.com.cn',
        primary: true,
      },
      { name: '钱晓梅', title: '系统管理员', phones: ['010-6655 8802'], email: 'qianxm@zjht-bank.com.cn' },
    ],
  },
  {
    name: '上海浦江证券股份有限公司',
    industry: 'finance',
    region: '上海',
    address: '上海市浦东新区陆家嘴环路 1000 号 36 楼',
    contacts: [{ name: '孙浩', title: '信息技术部经理', phones: ['+86 137 2100 3302', '021-5012 3456 分机 8'], email: 'sunhao@pjsec.com' }],
  },
  {
    name: '广东省政务服务数据管理局',
    industry: 'government',
    region: '广东',
    address: '广州市越秀区府前路 1 号',
    notes: '省级政务云平台',
    contacts: [
      { name: '林志强', title: '平台运维科科长', phones: ['020-8313 3000'], email: 'linzq@gdzwfw.gov.cn' },
      { name: '黄婷', title: '工程师', phones: ['135 0207 6655'] },
    ],
  },
  {
    name: '杭州市西湖区人民政府信息中心',
    industry: 'government',
    region: '浙江',
    address: '杭州市西湖区文三路 90 号',
    contacts: [{ name: '周明', title: '主任', phones: ['0571-8797 1234', '186 5710 2200'] }],
  },
  {
    name: '中联通达通信江苏分公司',
    industry: 'telecom',
    region: '江苏',
    address: '南京市鼓楼区中山北路 208 号',
    contacts: [{ name: '吴国栋', title: '网络部副经理', phones: ['025-8330 6000 转 3102', '139 0510 8899'], email: 'wugd@ztdt-js.com' }],
  },
  {
    name: '华中理工大学网络与信息中心',
    industry: 'education',
    region: '湖北',
    address: '武汉市洪山区珞喻路 1037 号',
    contacts: [{ name: '郑海波', title: '副主任', phones: ['027-8754 3210'], email: 'zhenghb@hzlg.edu.cn' }],
  },
  {
    name: '成都锦江人民医院',
    industry: 'healthcare',
    region: '四川',
    address: '成都市锦江区红星路三段 66 号',
    notes: 'HIS、PACS 系统所在机房，7×24 运行',
    contacts: [
      { name: '冯佳', title: '信息科科长', phones: ['028-8661 2345 转 601', '+86 138 8000 6611'], email: 'fengjia@jjrmyy.cn' },
      { name: '陈刚', title: '网络管理员', phones: ['138 8000 6612'] },
    ],
  },
  {
    name: '苏州恒瑞精密制造有限公司',
    industry: 'manufacturing',
    region: '江苏',
    address: '苏州工业园区星湖街 328 号',
    contacts: [{ name: '何军', title: 'IT 经理', phones: ['0512-6258 7788', '150 5123 4567'], email: 'hejun@hengrui-pm.com' }],
  },
  {
    name: '国华新能源发电集团有限公司',
    industry: 'energy',
    region: '陕西',
    address: '西安市高新区锦业路 69 号',
    contacts: [{ name: '马振华', title: '信息中心工程师', phones: ['029-8831 5500', '189 2900 1122'] }],
  },
  {
    name: '深圳鹏城轨道交通运营有限公司',
    industry: 'transport',
    region: '广东',
    address: '深圳市福田区福中一路 1016 号',
    contacts: [{ name: '谢文涛', title: '信息部主管', phones: ['0755-2399 8000 转 2110', '136 3265 7788'], email: 'xiewt@pcgd.com.cn' }],
  },
  {
    name: '天津优品汇连锁商业有限公司',
    industry: 'retail',
    region: '天津',
    address: '天津市和平区南京路 189 号',
    contacts: [{ name: '刘倩', title: '信息部经理', phones: ['022-2301 4567'], email: 'liuqian@youpinhui.cn' }],
  },
  {
    name: '云帆互联网科技（北京）有限公司',
    industry: 'internet',
    region: '北京',
    address: '北京市海淀区西二旗中路 33 号',
    contacts: [{ name: '宋宇', title: '运维总监', phones: ['+86 186 1010 9988'], email: 'songyu@yunfan.tech' }],
  },
];

type DemoUnit = Omit<z.input<typeof ZCreateEquipment>, 'contractId' | 'warrantyStart' | 'warrantyEnd'> & { warrantyMonths?: number };

interface DemoContract {
  customer: number;
  number: string;
  contract: Omit<z.input<typeof ZCreateContract>, 'customerId' | 'number' | 'stage' | 'signedAt' | 'startDate' | 'endDate'>;
  /** Months from today: signed and started, and the term in months. */
  signedMonthsAgo: number;
  termMonths: number;
  stage: TStage;
  units?: DemoUnit[];
}

const server = (brand: string, model: string, pn: string, sn: string, site: string, extra: Partial<DemoUnit> = {}): DemoUnit => ({
  productType: '服务器',
  brand,
  model,
  pn,
  sn,
  site,
  ...extra,
});

const CONTRACTS: DemoContract[] = [
  {
    customer: 0,
    number: 'ZJHT-2026-FW-018',
    signedMonthsAgo: 10,
    termMonths: 24,
    stage: 'warranty_maintenance',
    contract: {
      serviceKinds: ['onsite_maintenance', 'routine_inspection'],
      status: 'active',
      notes: '核心业务系统硬件维保，含季度巡检',
      items: [
        { description: '核心系统硬件维保服务（两年）', quantity: 1, unitPrice: 68_000_000 },
        { description: '季度例行巡检', quantity: 8, unitPrice: 1_500_000 },
      ],
      commitments: {
        coverage: { kind: '7x24' },
        responseHours: 0.5,
        arrivalHours: 4,
        resolutionHours: 24,
        pmVisitsPerYear: 4,
        warrantyMonths: 24,
      },
    },
    units: [
      server('华为', 'RH2288H V5', '02311XBK', '2102311XBK10K8000123', 'A 区 3 排 12 柜', { warrantyMonths: 36 }),
      server('华为', 'RH2288H V5', '02311XBK', '2102311XBK10K8000124', 'A 区 3 排 12 柜', { warrantyMonths: 36 }),
      {
        productType: '磁盘阵列',
        brand: '华为',
        model: 'OceanStor 5500 V5',
        pn: '02352DRH',
        sn: '2102352DRH10K9000061',
        site: 'A 区 3 排 14 柜',
        warrantyMonths: 36,
      },
      {
        productType: '交换机',
        brand: '华为',
        model: 'CloudEngine 6881-48S6CQ',
        pn: '02352HVA',
        sn: '2102352HVA10L1000233',
        site: 'A 区网络柜',
      },
      { productType: '防火墙', brand: '华为', model: 'USG6550E', pn: '02353BHF', sn: '2102353BHF10L2000018', site: 'A 区网络柜' },
    ],
  },
  {
    customer: 0,
    number: 'ZJHT-2026-PX-002',
    signedMonthsAgo: 1,
    termMonths: 6,
    stage: 'contract_signing',
    contract: {
      serviceKinds: ['consulting'],
      status: 'active',
      notes: '存储与虚拟化运维培训',
      items: [{ description: '现场技术培训（2 天）', quantity: 2, unitPrice: 1_200_000 }],
      commitments: { trainingDays: 2, trainingAttendees: 15 },
    },
  },
  {
    customer: 1,
    number: 'PJZQ-2026-HW-031',
    signedMonthsAgo: 5,
    termMonths: 36,
    stage: 'payment_collection',
    contract: {
      serviceKinds: ['distribution_standard'],
      status: 'active',
      notes: '交易系统扩容服务器采购',
      items: [{ description: '联想 ThinkSystem SR650 服务器', model: 'SR650', quantity: 4, unitPrice: 8_650_000 }],
      commitments: { responseHours: 4, warrantyMonths: 36 },
    },
    units: [1, 2, 3, 4].map((i) =>
      server('联想', 'ThinkSystem SR650', '7X06CTO1WW', `J30A${i}B7C`, '外高桥机房 B12', { warrantyMonths: 36 }),
    ),
  },
  {
    customer: 2,
    number: 'GDZW-2025-JC-007',
    signedMonthsAgo: 14,
    termMonths: 36,
    stage: 'project_acceptance',
    contract: {
      serviceKinds: ['onsite_maintenance', 'routine_inspection', 'consulting'],
      status: 'active',
      notes: '政务云二期集成项目，含培训',
      items: [
        { description: '浪潮 NF5280M6 服务器', model: 'NF5280M6', quantity: 3, unitPrice: 7_200_000 },
        { description: '浪潮 AS5300G5 存储', model: 'AS5300G5', quantity: 1, unitPrice: 32_000_000 },
        { description: '集成实施与培训服务', quantity: 1, unitPrice: 9_800_000 },
      ],
      commitments: {
        coverage: { kind: '5x8' },
        responseHours: 2,
        arrivalHours: 8,
        resolutionHours: 48,
        pmVisitsPerYear: 2,
        trainingDays: 3,
        trainingAttendees: 20,
        warrantyMonths: 36,
      },
    },
    units: [
      server('浪潮', 'NF5280M6', 'NF5280M6-B1', '219158712', '政务云机房 C-05', { warrantyMonths: 36 }),
      server('浪潮', 'NF5280M6', 'NF5280M6-B1', '219158713', '政务云机房 C-05', { warrantyMonths: 36 }),
      server('浪潮', 'NF5280M6', 'NF5280M6-B1', '219158714', '政务云机房 C-06', { warrantyMonths: 36 }),
      {
        productType: '磁盘阵列',
        brand: '浪潮',
        model: 'AS5300G5',
        pn: 'AS5300G5-D',
        sn: '219303399',
        site: '政务云机房 C-07',
        warrantyMonths: 36,
      },
      {
        productType: '交换机',
        brand: '新华三',
        model: 'S6850-56HF',
        pn: 'LS-6850-56HF',
        sn: '210235A2DMH19B000071',
        site: '政务云机房网络区',
      },
      {
        productType: '防火墙',
        brand: '新华三',
        model: 'SecPath F1000-AI-20',
        pn: 'NS-F1000-AI-20',
        sn: '210235A3UHH20C000012',
        site: '政务云机房网络区',
      },
      {
        productType: 'UPS',
        brand: '华为',
        model: 'UPS2000-G-10KRTL',
        pn: '02290468',
        sn: '2102290468P0K7000345',
        site: '政务云机房配电间',
      },
    ],
  },
  {
    customer: 3,
    number: 'XHQ-2026-ZX-004',
    signedMonthsAgo: 0,
    termMonths: 3,
    stage: 'solution_design',
    contract: {
      serviceKinds: ['consulting'],
      status: 'draft',
      notes: '区级数据中心改造方案咨询（售前）',
      items: [{ description: '方案设计咨询', quantity: 1, unitPrice: 1_500_000 }],
    },
  },
  {
    customer: 4,
    number: 'ZLTD-2026-WB-011',
    signedMonthsAgo: 3,
    termMonths: 12,
    stage: 'contract_execution',
    contract: {
      serviceKinds: ['outsourcing'],
      status: 'active',
      notes: '核心网机房驻场运维外包（2 人）',
      items: [{ description: '驻场工程师服务（人·月）', quantity: 24, unitPrice: 2_800_000 }],
      commitments: { coverage: { kind: '7x24' }, responseHours: 0.25, arrivalHours: 1 },
    },
  },
  {
    customer: 5,
    number: 'HZLG-2024-CG-052',
    signedMonthsAgo: 35,
    termMonths: 36,
    stage: 'warranty_maintenance',
    contract: {
      serviceKinds: ['distribution_standard', 'spare_parts'],
      status: 'active',
      notes: '高性能计算平台服务器及备件',
      items: [
        { description: 'Dell PowerEdge R750 服务器', model: 'R750', quantity: 2, unitPrice: 9_300_000 },
        { description: 'Dell PowerVault ME4024 硬盘柜', model: 'ME4024', quantity: 1, unitPrice: 15_600_000 },
        { description: '备品备件包', quantity: 1, unitPrice: 2_000_000 },
      ],
      commitments: { responseHours: 4, warrantyMonths: 36 },
    },
    units: [
      server('Dell', 'PowerEdge R750', '210-AYCG', 'HX7T2K3', '网络中心机房 2 排', { warrantyMonths: 36 }),
      server('Dell', 'PowerEdge R750', '210-AYCG', 'HX7T2K4', '网络中心机房 2 排', { warrantyMonths: 36 }),
      {
        productType: '硬盘柜',
        brand: 'Dell',
        model: 'PowerVault ME4024',
        pn: '210-AQIE',
        sn: '8QWJ9N2',
        site: '网络中心机房 2 排',
        warrantyMonths: 36,
      },
    ],
  },
  {
    customer: 6,
    number: 'JJYY-2025-WB-009',
    signedMonthsAgo: 8,
    termMonths: 12,
    stage: 'warranty_maintenance',
    contract: {
      serviceKinds: ['onsite_maintenance'],
      status: 'active',
      notes: 'HIS/PACS 服务器与存储维保',
      items: [{ description: '硬件维保服务（一年）', quantity: 1, unitPrice: 18_000_000 }],
      commitments: {
        coverage: { kind: 'custom', days: [1, 2, 3, 4, 5, 6], startHour: 8, endHour: 20 },
        responseHours: 1,
        arrivalHours: 4,
        resolutionHours: 12,
        onsiteVisitsIncluded: 12,
      },
    },
    units: [
      server('HPE', 'ProLiant DL380 Gen10', '868703-B21', 'CZJ0123ABC', '信息科机房 1 号柜', { warrantyMonths: 12 }),
      server('HPE', 'ProLiant DL380 Gen10', '868703-B21', 'CZJ0123ABD', '信息科机房 1 号柜', { warrantyMonths: 12 }),
      {
        productType: '磁盘阵列',
        brand: 'HPE',
        model: 'MSA 2050 SAN',
        pn: 'Q1J00A',
        sn: 'ACN8123XYZ',
        site: '信息科机房 2 号柜',
        warrantyMonths: 12,
      },
    ],
  },
  {
    customer: 7,
    number: 'HRJM-2026-BJ-003',
    signedMonthsAgo: 2,
    termMonths: 12,
    stage: 'commerce_order',
    contract: {
      serviceKinds: ['spare_parts', 'onsite_maintenance'],
      status: 'active',
      notes: 'MES 系统服务器备件及现场更换',
      items: [
        { description: '服务器硬盘 2.4TB SAS', model: 'ST2400MM0129', quantity: 6, unitPrice: 320_000 },
        { description: '现场更换服务', quantity: 2, unitPrice: 150_000 },
      ],
      commitments: { responseHours: 2, arrivalHours: 24 },
    },
  },
  {
    customer: 8,
    number: 'GHXNY-2025-XB-015',
    signedMonthsAgo: 11,
    termMonths: 24,
    stage: 'warranty_maintenance',
    contract: {
      serviceKinds: ['routine_inspection'],
      status: 'active',
      notes: '生产调度系统小型机巡检及原厂延保',
      items: [{ description: '原厂延保及巡检服务', quantity: 1, unitPrice: 26_500_000 }],
      commitments: { pmVisitsPerYear: 2, vendorExtraYears: 2, vendorScope: '原厂硬件延保（含上门更换）', vendorRegion: '陕西省内' },
    },
    units: [
      server('IBM', 'Power S922', '9009-22A', '78D2A5X', '调度中心机房', {
        warrantyMonths: 24,
        hostid: '78D2A5X',
        softwareSerial: 'AIX-7.2-5765-CD3',
        licenseKey: '5765-CD3 AIX Standard Edition',
      }),
      {
        productType: '磁盘阵列',
        brand: 'IBM',
        model: 'FlashSystem 5200',
        pn: '4662-6H2',
        sn: '78E0B1C',
        site: '调度中心机房',
        warrantyMonths: 24,
      },
    ],
  },
  {
    customer: 9,
    number: 'PCGD-2026-WB-021',
    signedMonthsAgo: 4,
    termMonths: 36,
    stage: 'contract_execution',
    contract: {
      serviceKinds: ['onsite_maintenance', 'routine_inspection', 'spare_parts'],
      status: 'active',
      notes: '票务清分系统 Oracle 平台维保',
      items: [
        { description: 'Oracle SPARC 平台维保（三年）', quantity: 1, unitPrice: 45_000_000 },
        { description: '关键备件库', quantity: 1, unitPrice: 6_000_000 },
      ],
      commitments: { coverage: { kind: '7x24' }, responseHours: 0.5, arrivalHours: 2, resolutionHours: 8, pmVisitsPerYear: 4 },
    },
    units: [
      server('Oracle', 'SPARC T8-1', '7117462', 'AK00412345', '车辆段数据中心 D-01', {
        warrantyMonths: 36,
        hostid: '86a3b2c1',
        softwareSerial: 'SOL11-4471-0092',
        licenseKey: 'ORCL-SOL11-7F3K-22QD-9XTM',
      }),
      server('Oracle', 'SPARC T8-1', '7117462', 'AK00412346', '车辆段数据中心 D-01', {
        warrantyMonths: 36,
        hostid: '86a3b2c2',
        softwareSerial: 'SOL11-4471-0093',
      }),
    ],
  },
  {
    customer: 10,
    number: 'YPH-2023-CG-040',
    signedMonthsAgo: 38,
    termMonths: 36,
    stage: 'warranty_maintenance',
    contract: {
      serviceKinds: ['distribution_standard'],
      status: 'expired',
      notes: '门店收银后台服务器（已过保，可续约）',
      items: [{ description: '华为 FusionServer 2288H V5', model: '2288H V5', quantity: 2, unitPrice: 5_400_000 }],
      commitments: { warrantyMonths: 36 },
    },
    units: [
      server('华为', 'FusionServer 2288H V5', '02312BTK', '2102312BTK10J3000511', '总部机房', { warrantyMonths: 36 }),
      server('华为', 'FusionServer 2288H V5', '02312BTK', '2102312BTK10J3000512', '总部机房', { warrantyMonths: 36 }),
    ],
  },
  {
    customer: 11,
    number: 'YFHL-2025-WB-006',
    signedMonthsAgo: 13,
    termMonths: 12,
    stage: 'payment_collection',
    contract: {
      serviceKinds: ['consulting', 'outsourcing'],
      status: 'terminated',
      notes: '客户迁移公有云，合同提前终止',
      items: [{ description: '运维咨询与外包服务', quantity: 12, unitPrice: 3_500_000 }],
    },
  },
  {
    customer: 2,
    number: 'GDZW-2026-XQ-019',
    signedMonthsAgo: 0,
    termMonths: 12,
    stage: 'customer_demand',
    contract: { serviceKinds: ['distribution_standard'], status: 'draft', notes: '三期扩容需求，待销售分析' },
  },
];

/** `YYYY-MM-DD` shifted from today by whole months (the demo stays current whenever it is loaded). */
function monthsFromToday(months: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Who moves a contract into a stage: a person of the department that leads it. */
function moverOf(stage: TStage, people: Map<TRole, Actor>): Actor {
  const lead = CONTRACT_STAGES.find((s) => s.code === stage)?.lead;
  return people.get(lead === 'sales' ? 'sales' : lead === 'commerce' ? 'commerce' : 'tech_manager') as Actor;
}

/** Customers with contacts, contracts of every kind and status with their stage history, and their equipment. */
async function loadDemoCustomers(db: Db): Promise<boolean> {
  if ((await checkCustomerName(db, CUSTOMERS[0].name)).matches.length > 0) return false;
  const people = new Map<TRole, Actor>();
  for (const p of PEOPLE) {
    const row = await findUserForLogin(db, p.email);
    if (row) people.set(p.roles[0], { id: Number(row.id), name: row.name, roles: await rolesOf(db, Number(row.id)), requestId: null });
  }
  const sales = people.get('sales') ?? systemActor('demo');
  const engineer = people.get('engineer') ?? systemActor('demo');
  const industries = new Map((await listIndustries(db, { page: 1, pageSize: 200 })).items.map((i) => [i.code, i.id]));

  const contracts = await transact(db, async (trx) => {
    const customers = await createCustomersMany(
      trx,
      sales,
      CUSTOMERS.map(({ industry, ...c }) => ZCreateCustomer.parse({ ...c, industryId: industries.get(industry) ?? null })),
    );
    const created = await createContractsMany(
      trx,
      sales,
      CONTRACTS.map((c) =>
        ZCreateContract.parse({
          ...c.contract,
          customerId: customers[c.customer].id,
          number: c.number,
          stage: 'customer_demand',
          signedAt: c.contract.status === 'draft' ? null : monthsFromToday(-c.signedMonthsAgo),
          startDate: monthsFromToday(-c.signedMonthsAgo),
          endDate: monthsFromToday(c.termMonths - c.signedMonthsAgo),
          salesOwnerId: people.get('sales')?.id ?? null,
          commerceContactId: people.get('commerce')?.id ?? null,
          commitments: {
            ...c.contract.commitments,
            ...(c.contract.commitments?.warrantyMonths && { warrantyStart: monthsFromToday(-c.signedMonthsAgo) }),
          },
        }),
      ),
    );
    await createEquipmentMany(
      trx,
      engineer,
      CONTRACTS.flatMap((c, i) =>
        (c.units ?? []).map(({ warrantyMonths, ...u }) =>
          ZCreateEquipment.parse({
            ...u,
            contractId: created[i].id,
            warrantyStart: warrantyMonths ? monthsFromToday(-c.signedMonthsAgo) : null,
            warrantyEnd: warrantyMonths ? monthsFromToday(warrantyMonths - c.signedMonthsAgo) : null,
          }),
        ),
      ),
    );
    return created;
  });

  // The lifecycle, walked stage by stage by the departments that lead them (R-ORG-2).
  for (const [i, c] of CONTRACTS.entries()) {
    const target = CONTRACT_STAGES.findIndex((s) => s.code === c.stage);
    for (const stage of CONTRACT_STAGES.slice(1, target + 1)) {
      // Projects accepted before Fuwu: their acceptance reports are on paper, so the guard is overridden in writing (R-INST-8).
      const override = stage.code === 'project_acceptance' ? { override: { reason: '历史项目，验收报告纸质原件已归档' } } : {};
      await moveContractStage(db, moverOf(stage.code, people), contracts[i].id, { stage: stage.code, note: null, ...override });
    }
  }
  console.log(
    `Demo customers: ${CUSTOMERS.length} customers, ${CONTRACTS.length} contracts, ${CONTRACTS.reduce((n, c) => n + (c.units?.length ?? 0), 0)} units.`,
  );
  return true;
}
