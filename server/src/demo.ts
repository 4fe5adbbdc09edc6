import type { TRole } from '@contract/roles';
import { systemActor } from './actor';
import type { Db } from './db/database';
import { createUser, findUserForLogin } from './modules/users/users.service';

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
export const DEMO_PASSWORD = 'fuwu-demo-2026';

/** Load the demo company; safe to run twice (existing people are kept). */
export async function loadDemo(db: Db): Promise<void> {
  const actor = systemActor('demo');
  const created: string[] = [];
  for (const p of PEOPLE) {
    if (await findUserForLogin(db, p.email)) continue;
    await createUser(db, actor, { ...p, password: DEMO_PASSWORD, active: true });
    created.push(`  ${p.email.padEnd(24)} ${p.name}  [${p.roles.join(', ')}]`);
  }
  if (created.length) console.log(`Demo users (password for all: ${DEMO_PASSWORD}, shown once):\n${created.join('\n')}`);
  else console.log('Demo data already loaded.');
}
