/** What `npm start` does after migrations and reference data: demo progress on first start of the embedded database. */
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { loadDemo } from '../modules/demo/load.ts';

export async function prepareData(
  db: Db,
  config: Config,
  opts: { embedded: boolean },
): Promise<void> {
  const wantDemo =
    config.demoData === 'always' ||
    (config.demoData === 'auto' &&
      opts.embedded &&
      !(await db.seedState.findUnique({ where: { key: 'demo' } })) &&
      (await db.report.count()) === 0);
  if (wantDemo) {
    const { reports } = await loadDemo(db);
    console.log(`Loaded demo progress (${reports} reports, labelled as demo data).`);
  }
}

/** ADMIN_USERNAME / ADMIN_PASSWORD create the first admin on start when there is no admin yet. */
export async function ensureInitialAdmin(db: Db, config: Config): Promise<void> {
  if (!config.initialAdmin) return;
  if (await db.user.findFirst({ where: { role: 'admin' } })) return;
  const { createUser } = await import('../modules/users/service.ts');
  const { username, password } = config.initialAdmin;
  await createUser(
    db,
    { username, displayName: username, password, role: 'admin', provinceCode: null },
    'system',
  );
  console.log(`Created the first admin account "${username}" from ADMIN_USERNAME.`);
}

/** What the first start prints while no admin can sign in: how to create one. */
export async function firstAccountHint(db: Db): Promise<string | null> {
  if (await db.user.findFirst({ where: { role: 'admin', active: true } })) return null;
  return [
    'No administrator account yet. 尚无管理员账户。Create the first one while this keeps running,',
    'in another terminal (the password is asked for, or taken from USER_PASSWORD):',
    '',
    '  npm run user:create -- --username admin --role admin',
    '',
    'or start with ADMIN_USERNAME=admin ADMIN_PASSWORD=… (12+ characters, see README Security) npm start.',
  ].join('\n');
}
